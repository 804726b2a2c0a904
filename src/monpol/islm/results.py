"""Results of the flow-of-funds IS-LM model: one equilibrium and comparative statics.

Every variable is reported under the paper's symbol (``y``, ``i_C``, ``eps``, ``B_b`` ...);
:data:`VARIABLES` gives its meaning and unit. Rates are in percent per year; stocks and
flows in the spec's money unit; e is home currency per unit of foreign currency.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import pandas as pd

from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.islm.accounts import Accounts, balance_sheet_matrix, sector_balances
from monpol.islm.assumptions import Violation
from monpol.islm.spec import IslmSpec

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "RATE_VARIABLES",
    "VARIABLES",
    "ComparativeStatics",
    "Equilibrium",
    "ReadOnlyMapping",
    "public_values",
]

Regime = Literal["floor", "corridor", "fixed"]
ReserveCase = Literal["floor", "corridor"]

_M = "money"
VARIABLES: dict[str, tuple[str, str]] = {
    "y": ("output (real GDI)", _M),
    "i_C": ("call rate", "percent"),
    "i_D": ("deposit rate", "percent"),
    "i_L": ("loan rate", "percent"),
    "i_B": ("bond rate", "percent"),
    "e": ("exchange rate (home currency per foreign unit)", "level"),
    "eps": ("excess-reserve ratio ε", "ratio"),
    "beta": ("reserve ratio β = ε + β_0", "ratio"),
    "cc": ("cash/deposit ratio", "ratio"),
    "multiplier": ("money multiplier (cc + 1)/(cc + ε + β_0)", "ratio"),
    "D": ("deposits", _M),
    "D_fs": ("deposits of bank-borrowing firms", _M),
    "D_fl": ("deposits of bond-issuing firms", _M),
    "D_h": ("deposits of households", _M),
    "CC": ("cash", _M),
    "R": ("reserves", _M),
    "H": ("high-powered money CBL + B_c", _M),
    "M": ("money stock (cc + 1)·D", _M),
    "L": ("bank loans", _M),
    "B_g": ("government bonds outstanding", _M),
    "B_c": ("central-bank bonds", _M),
    "B_f": ("bonds issued by firms", _M),
    "B_h": ("household bonds", _M),
    "B_b": ("bank bonds", _M),
    "FB_F": ("foreign bonds supplied by the rest of the world", _M),
    "FB_g": ("government foreign bonds (home currency)", _M),
    "FB_b": ("bank foreign bonds", _M),
    "NX": ("net exports", _M),
    "y_1": ("primary income", _M),
    "y_1g": ("primary income of the government", _M),
    "y_1b": ("primary income of the banks (passed to households)", _M),
    "CA": ("current account NX + y_1", _M),
    "DI_h": ("household disposable income", _M),
    "S_h": ("household saving", _M),
    "I_fs": ("investment of bank-borrowing firms", _M),
    "I_fl": ("investment of bond-issuing firms", _M),
    "W_h": ("household net worth", _M),
    "K_fs": ("capital of bank-borrowing firms (end of period)", _M),
    "K_fl": ("capital of bond-issuing firms (end of period)", _M),
    "NFA_b": ("banks' net financial assets", _M),
    "walras_residual": ("call-market residual CL − CM (Walras)", _M),
    "lm_residual": ("money-market residual of (2-2-a)", _M),
    "is_residual": ("goods-market residual of (2-1-a)", _M),
    "accounting_gap": ("paper convention: interest counted as income but in no stock", _M),
}
"""Reported variables: symbol -> (meaning, unit)."""

RATE_VARIABLES: tuple[str, ...] = ("i_C", "i_D", "i_L", "i_B")

_V = TypeVar("_V")


class ReadOnlyMapping(Mapping[str, _V]):
    """A read-only copy of a dict that, unlike ``MappingProxyType``, pickles."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, _V]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> _V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"ReadOnlyMapping({self._data!r})"

    def __getstate__(self) -> dict[str, _V]:
        return self._data

    def __setstate__(self, state: dict[str, _V]) -> None:
        self._data = state


def public_values(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The reported variables in public units (rates ×100 → percent)."""
    return {k: (frac_to_pct(raw[k]) if k in RATE_VARIABLES else raw[k]) for k in VARIABLES}


def _unit_label(unit: str, money: str) -> str:
    return {"money": money, "percent": "percent per year"}.get(unit, unit)


@dataclass(frozen=True)
class Equilibrium(Result):
    """One period's equilibrium of the flow-of-funds IS-LM model.

    Attributes
    ----------
    spec : IslmSpec
        The specification solved.
    regime : {"floor", "corridor", "fixed"}
        Which regime held: floor (i_C = ī_R, excess reserves ε ≥ 0), corridor (i_C > ī_R,
        ε = 0) under a floating rate; ``fixed`` under a fixed exchange rate.
    reserve_case : {"floor", "corridor"}
        The reserve case (also under a fixed rate).
    variables : mapping
        Every variable of :data:`VARIABLES` in public units (also available as attributes,
        ``eq.y``, ``eq.i_C`` ...).
    violations : tuple of Violation
        Assumptions the equilibrium violates (empty unless solved with
        ``on_violation="flag"``).
    iterations : int
        Evaluations of the money market used by the root finder (0 on the floor).
    """

    spec: IslmSpec
    regime: Regime
    reserve_case: ReserveCase
    variables: Mapping[str, float]
    violations: tuple[Violation, ...] = ()
    iterations: int = 0
    raw: Mapping[str, float] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "variables", ReadOnlyMapping(self.variables))
        object.__setattr__(self, "raw", ReadOnlyMapping(self.raw))

    def __getattr__(self, name: str) -> float:
        # called only when normal lookup fails: expose the variables as attributes
        variables = self.__dict__.get("variables")
        if variables is not None and name in variables:
            return float(variables[name])
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(VARIABLES))

    @property
    def ok(self) -> bool:
        """True when no assumption is violated."""
        return not self.violations

    @property
    def money_unit(self) -> str:
        return str(self.spec.money_unit)

    @property
    def accounts(self) -> Accounts:
        """Balance-sheet matrix (paper's Table 1 layout), sector balances and their check."""
        return Accounts(
            balance_sheet_matrix(self.raw),
            sector_balances(self.raw),
            float(self.raw["walras_residual"]),
            float(self.raw["accounting_gap"]),
            self.spec.convention,
        )

    @property
    def balance_sheet(self) -> pd.DataFrame:
        """The balance-sheet matrix (shortcut for ``accounts.balance_sheet``)."""
        return balance_sheet_matrix(self.raw)

    @property
    def sector_balances(self) -> pd.DataFrame:
        """Sector balances (shortcut for ``accounts.sector_balances``)."""
        return sector_balances(self.raw)

    def summary(self) -> Summary:
        unit = self.money_unit
        s = Summary(f"Flow-of-funds IS-LM equilibrium — {self.regime} regime")
        s.add_items({
            "exchange-rate regime": self.spec.policy.fx_regime,
            "reserve case": self.reserve_case,
            "convention": self.spec.convention,
            "calibration": self.spec.label,
            "money unit": unit,
        })
        groups = {
            "Rates (percent per year)": ["i_C", "i_D", "i_L", "i_B"],
            "Exchange rate and ratios": ["e", "eps", "beta", "cc", "multiplier"],
            f"Goods market ({unit})": ["y", "NX", "y_1", "y_1g", "y_1b", "CA", "DI_h", "S_h",
                                       "I_fs", "I_fl", "W_h"],
            f"Money and assets ({unit})": ["D", "D_fs", "D_fl", "D_h", "CC", "R", "H", "M",
                                           "L", "B_g", "B_c", "B_f", "B_h", "B_b", "FB_F",
                                           "FB_g", "FB_b", "NFA_b"],
            "Residuals": ["is_residual", "lm_residual", "walras_residual", "accounting_gap"],
        }
        for title, names in groups.items():
            s.add_items({n: self.variables[n] for n in names}, title=title)
        for v in self.violations:
            s.add_note(f"VIOLATION {v}")
        if self.spec.convention == "paper":
            s.add_note("paper convention: the accounting gap is interest counted as income "
                       "but held in no stock; the call market is off by it.")
        return s

    def to_frame(self) -> pd.DataFrame:
        """Columns: variable, value, unit, description (one row per variable)."""
        unit = self.money_unit
        return pd.DataFrame({
            "variable": list(VARIABLES),
            "value": [float(self.variables[k]) for k in VARIABLES],
            "unit": [_unit_label(VARIABLES[k][1], unit) for k in VARIABLES],
            "description": [VARIABLES[k][0] for k in VARIABLES],
        })

    def to_dict(self) -> dict[str, Any]:
        """Every variable under its symbol (rates in percent), the regime and the accounts."""
        acc = self.accounts
        out: dict[str, Any] = {k: float(self.variables[k]) for k in VARIABLES}
        out.update({
            "regime": self.regime,
            "reserve_case": self.reserve_case,
            "fx_regime": self.spec.policy.fx_regime,
            "convention": self.spec.convention,
            "ok": self.ok,
            "violations": [{"code": v.code, "assumption": v.reference, "message": v.message}
                           for v in self.violations],
            "balance_sheet": acc.to_dict()["balance_sheet"],
            "sector_balances": acc.to_dict()["sector_balances"],
            "units": {"rates": "percent per year", "money": self.money_unit,
                      "e": "home currency per unit of foreign currency"},
            "calibration": self.spec.label,
            "parameters": self.spec.flat(),
            "NFA_b_1": float(self.raw["NFA_b_1"]),
            "NFA_b_1_derived": self.spec.state.NFA_b_1 is None,
        })
        return out

    def plot(self, ax: Axes | None = None) -> Figure:
        """The IS and LM curves through this equilibrium (see :func:`monpol.islm.curves`)."""
        from monpol.islm.curve_data import curves_through

        return curves_through(self).plot(ax=ax)


@dataclass(frozen=True)
class ComparativeStatics(Result):
    """Two equilibria side by side: levels and differences (alternative − base)."""

    base: Equilibrium
    alternative: Equilibrium
    changes: Mapping[str, Any]

    def difference(self, name: str) -> float:
        """alternative − base for one variable."""
        return float(self.alternative.variables[name]) - float(self.base.variables[name])

    def to_frame(self) -> pd.DataFrame:
        """Index: variable; columns base, alternative, difference, unit."""
        unit = self.base.money_unit
        names = list(VARIABLES)
        return pd.DataFrame(
            {
                "base": [float(self.base.variables[k]) for k in names],
                "alternative": [float(self.alternative.variables[k]) for k in names],
                "difference": [self.difference(k) for k in names],
                "unit": [_unit_label(VARIABLES[k][1], unit) for k in names],
            },
            index=pd.Index(names, name="variable"),
        )

    def summary(self) -> Summary:
        changed = ", ".join(f"{k} = {v}" for k, v in self.changes.items()) or "nothing"
        s = Summary(f"Comparative statics: {changed}")
        s.add_items({"base regime": self.base.regime,
                     "alternative regime": self.alternative.regime})
        s.add_table(self.to_frame(), digits=4)
        return s

    def to_dict(self) -> dict[str, Any]:
        frame = self.to_frame()
        return {
            "changes": dict(self.changes),
            "base_regime": self.base.regime,
            "alternative_regime": self.alternative.regime,
            "variables": {k: {"base": r["base"], "alternative": r["alternative"],
                              "difference": r["difference"], "unit": r["unit"]}
                          for k, r in frame.to_dict(orient="index").items()},
        }
