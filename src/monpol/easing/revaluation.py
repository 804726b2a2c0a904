"""Valuation gains on an external position from an exchange-rate change.

A country's external assets and liabilities are held in several currencies. When the home
currency depreciates, positions in foreign currency are worth more in home currency and
positions in home currency are unchanged, so the revaluation gain is

    gain = Σ_c (A_c - L_c) · g_c,        g_c = e_c1 / e_c0 - 1,

with ``A_c``, ``L_c`` the assets and liabilities in currency ``c`` valued in home currency
at the initial rate and ``e_c`` the home-currency price of one unit of currency ``c``.
Home-currency positions have g = 0. How a depreciation of ``d`` percent maps to ``g`` is
the *convention* (chosen by name):

* ``"home_per_foreign"`` (default; the seed's Table 4): the home-currency price of foreign
  currency rises by d%: g = d/100. 18.4 × 5% = 0.92;
* ``"foreign_per_home"``: the foreign-currency price of the home currency falls by d%:
  g = d/(100 - d). 18.4 × 5/95 = 0.968.

Examples
--------
>>> r = revaluation(foreign_assets=18.4, home_liabilities=21.1, depreciation=5)
>>> round(r.gain, 2), round(r.net_position_after, 2)
(0.92, -1.78)
>>> round(revaluation(foreign_assets=18.4, depreciation=10).gain, 2)
1.84
>>> round(revaluation(foreign_assets=18.4, depreciation=5, convention="foreign_per_home").gain, 3)
0.968
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary
from monpol.core.units import TRILLION_USD, MoneyUnit, pct_to_frac
from monpol.core.validation import finite_float, in_range, instance_of

__all__ = ["CONVENTIONS", "CurrencyPosition", "RevaluationResult", "revaluation", "revalue"]

#: Depreciation conventions: percent depreciation -> proportional change of the
#: home-currency value of a foreign-currency position.
CONVENTIONS: Registry[Callable[[float], float]] = Registry("convention")


@CONVENTIONS.register("home_per_foreign")
def _home_per_foreign(d: float) -> float:
    in_range("depreciation", d, -100.0, None, low_inclusive=False, unit="percent")
    return pct_to_frac(d)


@CONVENTIONS.register("foreign_per_home")
def _foreign_per_home(d: float) -> float:
    in_range("depreciation", d, None, 100.0, high_inclusive=False, unit="percent")
    return d / (100.0 - d)


@dataclass(frozen=True)
class CurrencyPosition:
    """Assets and liabilities in one currency, valued in home currency at the initial rate."""

    currency: str
    assets: float = 0.0
    liabilities: float = 0.0

    def __post_init__(self) -> None:
        if not (isinstance(self.currency, str) and len(self.currency) == 3 and self.currency.isalpha()):
            raise InputError(f"currency must be a 3-letter code; got {self.currency!r}")
        for name in ("assets", "liabilities"):
            v = finite_float(name, getattr(self, name))
            if v < 0:
                raise InputError(f"{name} of {self.currency} must be >= 0; got {v!r}")
            object.__setattr__(self, name, v)


@dataclass(frozen=True)
class RevaluationResult(Result):
    """Revaluation of an external position; amounts in ``unit`` of the home currency."""

    home_currency: str
    unit: MoneyUnit
    convention: str
    positions: pd.DataFrame = field(repr=False)

    @property
    def gain(self) -> float:
        """Net revaluation gain (positive: the country gains)."""
        return float(self.positions["gain"].sum())

    @property
    def net_position_before(self) -> float:
        return float(self.positions["net"].sum())

    @property
    def net_position_after(self) -> float:
        return self.net_position_before + self.gain

    def to_frame(self) -> pd.DataFrame:
        """By currency: currency, assets, liabilities, net, depreciation_pct, valuation_change
        (g), gain_on_assets, loss_on_liabilities, gain (rounded to 12 decimals: binary
        noise)."""
        return self.positions.copy()

    def to_dict(self) -> dict[str, Any]:
        return {"gain": self.gain, "net_position_before": self.net_position_before,
                "net_position_after": self.net_position_after,
                "home_currency": self.home_currency, "unit": self.unit.label,
                "convention": self.convention,
                "positions": self.positions.to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"Revaluation of the external position ({self.unit})")
        s.add_items({"gain": self.gain, "net position before": self.net_position_before,
                     "net position after": self.net_position_after,
                     "convention": self.convention})
        s.add_table(self.positions.set_index("currency"), "By currency", digits=3)
        s.add_note("gain = Σ (assets - liabilities in foreign currency) x g, g from the "
                   f"'{self.convention}' convention; depreciation of the home currency in percent.")
        return s


def revalue(
    positions: Sequence[CurrencyPosition] | pd.DataFrame,
    depreciation: float | Mapping[str, float] | None = None,
    *,
    home_currency: str = "USD",
    unit: MoneyUnit = TRILLION_USD,
    convention: str = "home_per_foreign",
) -> RevaluationResult:
    """Revalue positions in several currencies after a depreciation of the home currency.

    Parameters
    ----------
    positions : sequence of CurrencyPosition or DataFrame
        A frame needs columns currency, assets, liabilities (and optionally
        depreciation_pct per currency). Amounts in ``unit`` of the home currency.
    depreciation : float or mapping, optional
        Percent depreciation of the home currency against every foreign currency, or per
        currency (a mapping must cover every foreign currency); omitted when ``positions``
        has a ``depreciation_pct`` column.
    home_currency : str
        Currency in which every position is valued; ``unit`` must be in it.
    unit : MoneyUnit
        Unit of the amounts (default USD trillion).
    convention : {"home_per_foreign", "foreign_per_home"}
        How a percent depreciation maps to the valuation change (module docstring).

    Raises
    ------
    InputError
        ``unit`` not in ``home_currency``; a non-numeric or negative amount (naming the
        currency); a depreciation missing for a currency or outside the convention's range.
    """
    if not isinstance(positions, pd.DataFrame) and (
            not isinstance(positions, (list, tuple))
            or not all(isinstance(p, CurrencyPosition) for p in positions)):
        raise InputError(f"positions must be a DataFrame or a list of CurrencyPosition; got "
                         f"{type(positions).__name__}")
    instance_of("unit", unit, MoneyUnit, "a monpol.core.units.MoneyUnit")
    g_of = CONVENTIONS.get(convention)
    if not isinstance(unit, MoneyUnit):
        raise InputError(f"unit must be a MoneyUnit (e.g. TRILLION_USD); got {unit!r}")
    if unit.currency != home_currency:
        raise InputError(f"unit {unit.label!r} is in {unit.currency}, not in the home currency "
                         f"{home_currency}; amounts are valued in home currency")
    if isinstance(positions, pd.DataFrame):
        missing = [c for c in ("currency", "assets", "liabilities") if c not in positions.columns]
        if missing:
            raise InputError(f"positions is missing column(s) {missing}; columns: "
                             f"{list(positions.columns)}")
        if "depreciation_pct" in positions.columns and depreciation is not None:
            raise InputError("give depreciation either as a column or as an argument, not both")
        if "depreciation_pct" in positions.columns:
            depreciation = {str(c): d for c, d in
                            zip(positions["currency"], positions["depreciation_pct"], strict=True)
                            if str(c) != home_currency}
        pos = [CurrencyPosition(str(r["currency"]), _number(r, "assets"),
                                _number(r, "liabilities"))
               for r in positions.to_dict(orient="records")]
    else:
        pos = list(positions)
    if not pos:
        raise InputError("positions must not be empty")
    if depreciation is None:
        raise InputError("depreciation is required (percent, or a mapping by currency)")
    seen = [p.currency for p in pos]
    dup = {c for c in seen if seen.count(c) > 1}
    if dup:
        raise InputError(f"positions list currency {sorted(dup)} more than once")
    rows = []
    for p in pos:
        if p.currency == home_currency:
            d = 0.0
        elif isinstance(depreciation, Mapping):
            if p.currency not in depreciation:
                foreign = [q.currency for q in pos if q.currency != home_currency]
                raise InputError(f"depreciation has no entry for {p.currency}; give one for "
                                 f"every foreign currency ({foreign})")
            d = finite_float(f"depreciation[{p.currency}]", depreciation[p.currency], unit="percent")
        else:
            d = finite_float("depreciation", depreciation, unit="percent")
        g = 0.0 if p.currency == home_currency else g_of(d)
        rows.append({"currency": p.currency, "assets": p.assets, "liabilities": p.liabilities,
                     "net": p.assets - p.liabilities, "depreciation_pct": d,
                     "valuation_change": g, "gain_on_assets": round(p.assets * g, 12),
                     "loss_on_liabilities": round(p.liabilities * g, 12),
                     "gain": round((p.assets - p.liabilities) * g, 12) + 0.0})
    frame = pd.DataFrame(rows)
    if not np.isfinite(frame[["gain"]].to_numpy()).all():  # pragma: no cover - guarded above
        raise InputError("revaluation produced a non-finite gain")
    return RevaluationResult(home_currency, unit, convention, frame)


def _number(row: Mapping[Any, Any], column: str) -> float:
    """A cell of a positions frame as a finite number, naming the currency and column."""
    return finite_float(f"{column} of {row['currency']}", row[column])


def revaluation(
    *,
    foreign_assets: float,
    depreciation: float,
    foreign_liabilities: float = 0.0,
    home_assets: float = 0.0,
    home_liabilities: float = 0.0,
    home_currency: str = "USD",
    foreign_currency: str = "XXX",
    unit: MoneyUnit = TRILLION_USD,
    convention: str = "home_per_foreign",
) -> RevaluationResult:
    """Two-currency case: positions in home currency and in one basket of foreign currency.

    The seed's case: ``foreign_assets=18.4, home_liabilities=21.1`` (USD tn, end-2009),
    ``depreciation=5`` -> gain 0.92; 10 -> 1.84. ``XXX`` is the ISO code for "no currency",
    used here for the foreign basket.
    """
    return revalue(
        [CurrencyPosition(home_currency, home_assets, home_liabilities),
         CurrencyPosition(foreign_currency, foreign_assets, foreign_liabilities)],
        depreciation, home_currency=home_currency, unit=unit, convention=convention,
    )
