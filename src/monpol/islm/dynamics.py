"""Multi-period simulation of the flow-of-funds IS-LM model (spec 04 §5).

A simulation starts from the spec's opening state (made consistent: the banks' opening net
worth is the balancing item unless given) and solves one equilibrium per period. Between
periods the state moves on:

* W_h ← W_h,−1 + S_h;  K_fs ← K_fs,−1 + I_fs;  K_fl ← K_fl,−1 + I_fl;
* FB_F from (2-6-b); e; ī_FB (it becomes ī_FB,−1);
* FB_g is held constant in foreign-currency units (so its home value revalues with e);
  a shock to FB_g is a purchase (or sale) financed by bonds;
* B_g,t = B_g,t−1 + G_t − T_t − y_1g,t + e_t·(FB_g,t − FB_g,t−1): the period's deficit is
  issued in the period's bond market. Central-bank financing is the same issuance plus an
  equal rise in B_c (shock B_c too; paper note 3);
* B_c is carried: a shock to B_c buys (or sells) the difference from its previous path
  value, so under a floating rate B_c follows its path; under a peg the holdings the
  central bank needed to defend the rate stay on its books;
* NFA_b,t = NFA_b,t−1 + (e_t/e_t−1 − 1)·FB_b,t−1: banks' net worth moves only by the
  revaluation of their foreign bonds.

Shocks set any policy, exogenous or behavioural parameter from a period on (permanent),
for a range of periods, or for one period (one-off); state variables move only through the
model. Under the ``opening`` convention every balance-sheet row sums to zero, Σ NFA = 0 and
the call market clears in every period; under ``paper`` the call-market residual equals the
accumulated accounting gap, which is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import AccountingError, InputError
from monpol.core.params import parse_period_assignment
from monpol.core.results import Result, Summary
from monpol.core.validation import MAX_PERIODS, one_of, positive_int
from monpol.islm.accounts import AccountsReport, balance_sheet_matrix, sector_balances, validate_accounts
from monpol.islm.assumptions import CODES, Violation, check_assumptions, describe
from monpol.islm.compiled import COMPLETE_KEYS, ENGINES, PARAM_INDEX, simulate_path
from monpol.islm.compiled import require as require_numba
from monpol.islm.kernels import (
    KERNEL_FIELDS,
    KernelParams,
    kernel_params,
    kernel_params_from,
    to_kernel_units,
)
from monpol.islm.results import VARIABLES, ReadOnlyMapping, public_values
from monpol.islm.solver import (
    OnViolation,
    raise_violations,
    require_finite,
    solve_kernel,
    values_of,
)
from monpol.islm.spec import PARAMETERS, IslmSpec, canonical_name

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["SHOCKABLE", "Scenario", "Shock", "Simulation", "simulate"]

SHOCKABLE: tuple[str, ...] = tuple(
    name for name, info in PARAMETERS.items() if info.group in ("policy", "exogenous", "behaviour")
)
"""Names a shock may change: policy, exogenous and behavioural parameters."""


@dataclass(frozen=True)
class Shock:
    """A change of one parameter: ``value`` from ``period`` on, or until ``until``.

    Parameters
    ----------
    name : str
        A policy, exogenous or behavioural parameter (:data:`SHOCKABLE`), e.g. ``"G"``.
    value : float
        Its new level, in public units (percent for rates).
    period : int
        First period (1-based) with the new value.
    until : int, optional
        Last period with the new value; the baseline returns afterwards. ``None``
        (default): permanent. ``until == period``: a one-off shock.

    Examples
    --------
    >>> Shock.parse("G=120@5")
    Shock(name='G', value=120.0, period=5, until=None)
    >>> Shock.parse("e_0=1.1@3-3").kind
    'one-off'
    """

    name: str
    value: float
    period: int
    until: int | None = None

    def __post_init__(self) -> None:
        if self.name not in SHOCKABLE:
            state = PARAMETERS.get(canonical_name(self.name))
            why = (" (state variables move only through the model; shock a flow or a policy "
                   "instead)" if state is not None and state.group == "state" else "")
            raise InputError(
                f"shock name must be a policy, exogenous or behavioural parameter{why}; got "
                f"{self.name!r}; allowed: {', '.join(SHOCKABLE)}"
            )
        object.__setattr__(self, "value", PARAMETERS[self.name].check(self.value))
        object.__setattr__(self, "period", positive_int("shock period", self.period))
        if self.until is not None:
            until = positive_int("shock end period", self.until)
            if until < self.period:
                raise InputError(
                    f"shock end period must be >= its start {self.period}; got {until}"
                )
            object.__setattr__(self, "until", until)

    @property
    def kind(self) -> str:
        """``permanent``, ``one-off`` or ``temporary``."""
        if self.until is None:
            return "permanent"
        return "one-off" if self.until == self.period else "temporary"

    @classmethod
    def parse(cls, text: str) -> Shock:
        """Read ``NAME=VALUE@PERIOD`` (permanent) or ``NAME=VALUE@START-END``."""
        a = parse_period_assignment(text)
        return cls(a.name, a.value, a.start, a.end)  # type: ignore[arg-type]

    def __str__(self) -> str:
        span = "" if self.until is None else f"-{self.until}"
        return f"{self.name}={self.value:g}@{self.period}{span}"


@dataclass(frozen=True)
class Scenario:
    """A named set of shocks (the baseline is the scenario without shocks)."""

    shocks: tuple[Shock, ...] = ()
    name: str = "baseline"

    @classmethod
    def from_strings(cls, texts: Iterable[str], name: str = "scenario") -> Scenario:
        """Build from ``NAME=VALUE@PERIOD`` strings."""
        return cls(tuple(Shock.parse(t) for t in texts), name)


def _as_shocks(shocks: Scenario | Iterable[Shock | str] | None) -> tuple[Shock, ...]:
    if shocks is None:
        return ()
    if isinstance(shocks, Scenario):
        return shocks.shocks
    if isinstance(shocks, str | Shock):
        shocks = [shocks]
    out = []
    for s in shocks:
        if isinstance(s, Shock):
            out.append(s)
        elif isinstance(s, str):
            out.append(Shock.parse(s))
        else:
            raise InputError(f"shocks must be Shock objects or 'NAME=VALUE@PERIOD' strings; got {s!r}")
    return tuple(out)


_STATE_KEYS = ("W_h_1", "K_fs_1", "K_fl_1", "FB_F_1", "e_1", "i_FB_1", "B_g_1", "NFA_b_1",
               "FB_g_open")


def simulate(
    spec: IslmSpec | None = None,
    *,
    periods: int,
    shocks: Scenario | Iterable[Shock | str] | None = None,
    on_violation: OnViolation = "raise",
    engine: str = "numpy",
) -> Simulation:
    """Simulate ``periods`` periods from the spec's opening state.

    Parameters
    ----------
    spec : IslmSpec, optional
        Parameters of period 1 and the opening state (default: illustrative calibration).
    periods : int
        Number of periods (>= 1).
    shocks : Scenario or iterable of Shock or str, optional
        Parameter changes, e.g. ``["G=120@5-5", "B_c=570@5"]`` (a one-off rise in spending
        whose bonds the central bank buys and keeps) or ``["nx_0=0@3-3"]`` (one-off). A
        shock to B_c is a one-time purchase of the difference; financing a permanent rise
        in G needs a purchase in every period.
    on_violation : {"raise", "flag"}
        A period violating a model assumption raises :class:`AccountingError` naming the
        period (default) or is flagged in ``Simulation.violations``.
    engine : {"numpy", "numba"}
        The periods in Python (default) or in the compiled engine
        (:mod:`monpol.islm.compiled`, extra ``monpol[numba]``: the same kernels compiled, on
        first use, then cached on disk). Results agree to rounding; a
        period the compiled engine cannot settle, or a violation that must raise, sends the
        whole run to the Python engine, so answers and errors are the same.

    Returns
    -------
    Simulation

    Examples
    --------
    >>> sim = simulate(periods=6, shocks=["G=120@3"])
    >>> bool(sim.path("y").loc[3] > sim.path("y").loc[2])
    True
    >>> sim.accounts_report().ok
    True
    """
    spec = IslmSpec() if spec is None else spec
    if not isinstance(spec, IslmSpec):
        raise InputError(f"spec must be an IslmSpec; got {type(spec).__name__}")
    n = positive_int("periods", periods, maximum=MAX_PERIODS)
    one_of("on_violation", on_violation, ["raise", "flag"])
    eng = one_of("engine", engine, ENGINES)
    if eng == "numba":
        require_numba()
    shock_list = _as_shocks(shocks)
    for s in shock_list:
        if s.period > n:
            raise InputError(f"shock {s} starts after the last period {n}")

    # parameter paths (public units) for the shocked names
    paths: dict[str, list[float]] = {}
    for s in shock_list:
        path = paths.setdefault(s.name, [float(spec[s.name])] * n)
        last = n if s.until is None else min(s.until, n)
        for t in range(s.period - 1, last):
            path[t] = s.value
    # validate the cross-parameter assumptions wherever the parameters change
    prev: tuple[float, ...] | None = None
    for t in range(n):
        current = tuple(paths[k][t] for k in paths)
        if current != prev:
            try:
                spec.replace(**{k: paths[k][t] for k in paths})
            except InputError as exc:
                raise InputError(f"period {t + 1}: {exc}") from None
            prev = current

    base = kernel_params(spec)
    base_vals = {f: getattr(base, f) for f in KERNEL_FIELDS}
    kpaths = {k: [to_kernel_units(k, x) for x in v] for k, v in paths.items()}
    state = {k: base_vals[k] for k in _STATE_KEYS}
    paper = spec.convention == "paper"

    # the central bank's bonds are carried; a shock to B_c is a purchase (or sale) of the
    # difference, so under a floating rate B_c simply follows its path
    bc_path = kpaths.get("B_c", [base_vals["B_c"]] * n)
    if eng == "numba":
        done = _simulate_compiled(spec, n, shock_list, base_vals, kpaths, bc_path, on_violation)
        if done is not None:
            return done
    records: list[dict[str, float]] = []
    regimes: list[str] = []
    flagged: list[tuple[str, ...]] = []
    params: list[KernelParams] = []
    expected: list[float] = []
    cumulative_gap = 0.0
    guess: float | None = None
    B_c_held = bc_path[0]
    for t in range(n):
        vals = dict(base_vals)
        for k, v in kpaths.items():
            vals[k] = v[t]
        vals.update(state)
        vals["B_c"] = B_c_held if t == 0 else B_c_held + (bc_path[t] - bc_path[t - 1])
        p = kernel_params_from(vals)
        sol = solve_kernel(p, guess=guess, method="newton")
        raw = values_of(p, sol)
        require_finite(raw, f" in period {t + 1}")
        cumulative_gap += raw["accounting_gap"]
        w = cumulative_gap if paper else 0.0
        regime = "fixed" if p.fixed else sol.reserve_case
        bad = check_assumptions(raw, p, walras_expected=w)
        codes: tuple[str, ...] = ()
        if any(bad.values()):
            codes = tuple(c for c, b in bad.items() if b)
            if on_violation == "raise":
                raise_violations(tuple(describe(c, raw, p, walras_expected=w) for c in codes),
                                 regime=regime, raw=raw, where=f" in period {t + 1}")
        records.append(raw)
        regimes.append(regime)
        flagged.append(codes)
        params.append(p)
        expected.append(w)
        guess = raw["i_C"] if sol.reserve_case == "corridor" and not p.fixed else None
        B_c_held = raw["B_c"]
        state = {
            "W_h_1": raw["W_h"],
            "K_fs_1": raw["K_fs"],
            "K_fl_1": raw["K_fl"],
            "FB_F_1": raw["FB_F"],
            "e_1": raw["e"],
            "i_FB_1": p.i_FB,
            "B_g_1": raw["B_g"],
            "NFA_b_1": raw["NFA_b"],
            "FB_g_open": p.FB_g,
        }
    return Simulation(spec, n, shock_list, tuple(ReadOnlyMapping(r) for r in records),
                      tuple(regimes), tuple(flagged),
                      tuple(expected), tuple(params))


def _simulate_compiled(spec: IslmSpec, n: int, shocks: tuple[Shock, ...], base_vals: dict[str, Any],
                       kpaths: dict[str, list[float]], bc_path: list[float],
                       on_violation: str) -> Simulation | None:
    """The periods through the compiled engine; None when the Python loop must run them."""
    base = np.array([float(base_vals[f]) for f in PARAM_INDEX])
    fixed = spec.policy.fx_regime == "fixed"
    out = simulate_path(base, kpaths, bc_path, n, paper=spec.convention == "paper", fixed=fixed)
    if out is None:
        return None
    flags = out["flags"]
    if flags.any():
        if on_violation == "raise":
            return None
        codes = tuple(tuple(c for c, b in zip(CODES, row, strict=True) if b)
                      for row in flags.tolist())
    else:
        codes = ((),) * n
    regimes = (("fixed",) * n if fixed else
               tuple(_CASES[int(f)] for f in out["at_floor"].tolist()))
    extra = {"paper": spec.convention == "paper", "fixed": fixed}
    return Simulation(spec, n, shocks, Rows(out["values"], COMPLETE_KEYS),
                      regimes, codes, tuple(out["expected"].tolist()),
                      Rows(out["params"], tuple(PARAM_INDEX), extra))


_CASES = ("corridor", "floor")


class Rows(Sequence[Any]):
    """The rows of a matrix as read-only mappings, or as kernel parameters when ``extra``
    (the boolean fields) is given; each row is built when first read.

    What the compiled engine returns: building 100 mappings of 58 values costs more than the
    simulation itself, and most uses read a few rows or none.
    """

    __slots__ = ("_cache", "_extra", "_keys", "_matrix")

    def __init__(self, matrix: np.ndarray, keys: tuple[str, ...],
                 extra: dict[str, bool] | None = None) -> None:
        matrix.flags.writeable = False
        self._matrix = matrix
        self._keys = keys
        self._extra = extra
        self._cache: dict[int, Any] = {}

    def __len__(self) -> int:
        return int(self._matrix.shape[0])

    def _row(self, i: int) -> Any:
        if i not in self._cache:
            values = dict(zip(self._keys, self._matrix[i].tolist(), strict=True))
            self._cache[i] = (ReadOnlyMapping(values) if self._extra is None
                              else KernelParams(**values, **self._extra))
        return self._cache[i]

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._row(i) for i in range(*index.indices(len(self))))
        i = range(len(self))[index]  # IndexError as a tuple's
        return self._row(i)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # like the tuple of mappings it stands for

    def __getstate__(self) -> tuple[Any, ...]:
        return (self._matrix, self._keys, self._extra)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._matrix, self._keys, self._extra = state
        self._cache = {}


@dataclass(frozen=True)
class Simulation(Result):
    """A simulated path: one equilibrium per period and the accounts of each.

    Attributes
    ----------
    spec : IslmSpec
        Parameters of period 1 and the opening state.
    periods : int
    shocks : tuple of Shock
    records : sequence of read-only mappings
        Each period's variables in kernel units (rates as fractions); use :meth:`to_frame`
        or :meth:`path` for public units.
    regimes : tuple of str
        Regime of each period (floor, corridor, fixed).
    violation_codes : tuple of tuple of str
        Codes of the assumptions each period violates (non-empty only with
        ``on_violation="flag"``); :attr:`violations` describes them with the numbers.
    walras_expected : tuple of float
        What the call-market residual should be: 0 (``opening``) or the accumulated gap.
    """

    spec: IslmSpec
    periods: int
    shocks: tuple[Shock, ...]
    records: Sequence[Mapping[str, float]] = field(repr=False)
    regimes: tuple[str, ...]
    violation_codes: tuple[tuple[str, ...], ...] = field(repr=False)
    walras_expected: tuple[float, ...] = field(repr=False)
    params: Sequence[KernelParams] = field(repr=False, default=())

    @property
    def violations(self) -> tuple[tuple[Violation, ...], ...]:
        """Per period, the violated assumptions with the numbers."""
        return tuple(
            tuple(describe(c, r, p, walras_expected=w) for c in codes)
            for codes, r, p, w in zip(self.violation_codes, self.records, self.params,
                                      self.walras_expected, strict=True)
        )

    def to_frame(self) -> pd.DataFrame:
        """Index ``period`` (1..N); columns ``regime`` and every variable (public units)."""
        rows = [public_values(r) for r in self.records]
        frame = pd.DataFrame(rows, index=pd.RangeIndex(1, self.periods + 1, name="period"))
        frame.insert(0, "regime", list(self.regimes))
        frame["cumulative_gap"] = np.cumsum(frame["accounting_gap"].to_numpy())
        return frame

    def path(self, name: str) -> pd.Series:
        """One variable over the periods (public units)."""
        one_of("variable", name, list(VARIABLES))
        return self.to_frame()[name]

    def balance_sheet(self, period: int) -> pd.DataFrame:
        """Balance-sheet matrix of one period (1-based)."""
        return balance_sheet_matrix(self.records[self._index(period)])

    def sector_balances(self, period: int) -> pd.DataFrame:
        """Sector balances of one period (1-based)."""
        return sector_balances(self.records[self._index(period)])

    def _index(self, period: int) -> int:
        t = positive_int("period", period)
        if t > self.periods:
            raise InputError(f"period must be in 1..{self.periods}; got {period!r}")
        return t - 1

    def accounts_report(self, *, rtol: float = 1e-9) -> AccountsReport:
        """Balance sheets and sector balances of every period through :func:`validate_accounts`."""
        return validate_accounts(
            {t + 1: balance_sheet_matrix(r) for t, r in enumerate(self.records)},
            flows={t + 1: sector_balances(r) for t, r in enumerate(self.records)},
            rtol=rtol,
        )

    @property
    def walras_relative(self) -> np.ndarray:
        """|CL − CM − expected| / D per period (expected: 0, or the paper's accumulated gap)."""
        return np.array([abs(r["walras_residual"] - w) / abs(r["D"])
                         for r, w in zip(self.records, self.walras_expected, strict=True)])

    @property
    def accounting_gap(self) -> pd.Series:
        """Per-period gap of the ``paper`` convention (zeros under ``opening``)."""
        return self.to_frame()["accounting_gap"]

    @property
    def ok(self) -> bool:
        """No period violates an assumption."""
        return not any(self.violation_codes)

    def check(self) -> AccountsReport:
        """Raise :class:`AccountingError` if the accounts fail under ``opening``; else the report."""
        report = self.accounts_report()
        if self.spec.convention == "opening":
            report.raise_if_failed()
        bad = self.walras_relative
        if bad.max(initial=0.0) > 1e-9:
            t = int(bad.argmax()) + 1
            raise AccountingError(
                f"call market does not clear in period {t}: relative residual {bad[t - 1]:.3e}"
            )
        return report

    def summary(self) -> Summary:
        frame = self.to_frame()
        s = Summary(f"Flow-of-funds IS-LM simulation — {self.periods} periods")
        s.add_items({
            "exchange-rate regime": self.spec.policy.fx_regime,
            "convention": self.spec.convention,
            "shocks": ", ".join(str(x) for x in self.shocks) or "none (baseline)",
            "calibration": self.spec.label,
            "money unit": str(self.spec.money_unit),
        })
        cols = ["regime", "y", "i_C", "i_L", "i_B", "e", "eps", "M", "W_h", "CA", "B_b", "FB_b"]
        shown = frame[cols] if self.periods <= 24 else pd.concat([frame[cols].head(12),
                                                                 frame[cols].tail(12)])
        s.add_table(shown, "Path (rates in percent per year)", digits=4)
        rep = self.accounts_report()
        s.add_note(f"accounts: {'all rows, columns and Σ NFA sum to zero' if rep.ok else 'NOT balanced'}"
                   f" (largest |sum| {rep.max_abs:.2e}); max |CL − CM − expected|/D = "
                   f"{self.walras_relative.max():.2e}")
        if self.spec.convention == "paper":
            s.add_note(f"paper convention: accumulated accounting gap "
                       f"{frame['cumulative_gap'].iloc[-1]:.6g} (the call-market residual).")
        for t, vs in enumerate(self.violations, start=1):
            for v in vs:
                s.add_note(f"period {t}: VIOLATION {v}")
        return s

    def to_dict(self) -> dict[str, Any]:
        frame = self.to_frame().reset_index()
        rep = self.accounts_report()
        return {
            "periods": self.periods,
            "fx_regime": self.spec.policy.fx_regime,
            "convention": self.spec.convention,
            "shocks": [{"name": s.name, "value": s.value, "period": s.period, "until": s.until,
                        "kind": s.kind} for s in self.shocks],
            "path": frame.to_dict(orient="records"),
            "accounts": {
                "ok": rep.ok,
                "max_abs_sum": rep.max_abs,
                "max_walras_relative": float(self.walras_relative.max()),
                "cumulative_gap": float(frame["cumulative_gap"].iloc[-1]),
                "failures": rep.failures.to_dict(orient="records"),
            },
            "violations": {str(t): [{"code": v.code, "assumption": v.reference,
                                     "message": v.message} for v in vs]
                           for t, vs in enumerate(self.violations, start=1) if vs},
            "units": {"rates": "percent per year", "money": str(self.spec.money_unit)},
            "calibration": self.spec.label,
        }

    def plot(self, ax: Axes | None = None, *, variables: Sequence[str] = ("y",)) -> Figure:
        """Plot variables over the periods (levels), shocks marked."""
        from monpol.core.plotting import figure_axes

        frame = self.to_frame()
        fig, ax = figure_axes(ax)
        for name in variables:
            one_of("variable", name, list(VARIABLES))
            ax.plot(frame.index, frame[name], marker=".", label=name)
        for s in self.shocks:
            ax.axvline(s.period, color="grey", lw=0.8, ls=":")
        ax.set_xlabel("period")
        ax.set_title(", ".join(str(s) for s in self.shocks) or "baseline")
        ax.legend()
        return fig
