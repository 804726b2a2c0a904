"""The paper's five propositions as named experiments (spec 04 §6).

Each experiment solves the model before and after a change, in the regimes the proposition
is about, and returns a :class:`PropositionResult`: one row per claimed effect with the
expected sign, the computed change and whether the sign holds. The propositions are about
signs, so no number is hard-coded; the shock sizes are options.

Expected signs are ``+``, ``-`` and ``0`` (unchanged); ``=shock`` means "changes by exactly
the shock" (the loan rate under a change in c_L). Each row says where the claim comes from:
``spec`` (spec 04 §6), ``paper`` (the seed's section 3, where the spec is silent) or
``derived`` (follows from the model's equations; shown for completeness).

Examples
--------
>>> r = run("P2")
>>> r.holds
True
>>> r.row("y", "floor").expected, r.row("y", "floor").computed > 0
('+', True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.core.validation import finite_float
from monpol.islm.curve_data import _lm_rates
from monpol.islm.dynamics import Shock, simulate
from monpol.islm.kernels import goods_market, kernel_params, money_gap_at
from monpol.islm.results import Equilibrium, public_values
from monpol.islm.solver import solve
from monpol.islm.spec import IslmSpec

__all__ = ["EXPERIMENTS", "Expectation", "PropositionResult", "p1", "p2", "p3", "p4", "p5", "run"]

Sign = Literal["+", "-", "0", "=shock"]

#: a change counts as zero below this (percent for rates, money unit otherwise): the
#: solvers reproduce unchanged quantities to ~1e-12; 1e-9 leaves room for rounding
ZERO_TOL = 1e-9


@dataclass(frozen=True)
class Expectation:
    """One claimed effect: quantity, case, expected sign, computed change, verdict."""

    quantity: str
    case: str
    expected: Sign
    computed: float
    holds: bool
    source: str = "spec"
    note: str = ""


def _verdict(expected: Sign, change: float, target: float = 0.0) -> bool:
    tol = ZERO_TOL * max(1.0, abs(target))
    if expected == "+":
        return change > tol
    if expected == "-":
        return change < -tol
    if expected == "0":
        return abs(change) <= tol
    return abs(change - target) <= tol  # "=shock"


def _row(quantity: str, case: str, expected: Sign, change: float, *, target: float = 0.0,
         source: str = "spec", note: str = "") -> Expectation:
    return Expectation(quantity, case, expected, float(change),
                       _verdict(expected, float(change), target), source, note)


def _diff(a: Equilibrium, b: Equilibrium, name: str) -> float:
    """b − a for a variable (percent for rates)."""
    return float(b.variables[name]) - float(a.variables[name])


@dataclass(frozen=True)
class PropositionResult(Result):
    """Outcome of one proposition: every claimed sign with the computed change."""

    name: str
    title: str
    statement: str
    rows: tuple[Expectation, ...]
    shock: dict[str, Any]
    regimes: dict[str, str]

    @property
    def holds(self) -> bool:
        """True when every sign the proposition claims holds."""
        return all(r.holds for r in self.rows)

    def row(self, quantity: str, case: str) -> Expectation:
        """The row for one quantity in one case."""
        for r in self.rows:
            if r.quantity == quantity and r.case == case:
                return r
        raise InputError(
            f"{self.name} has no row ({quantity!r}, {case!r}); rows: "
            f"{', '.join(f'({r.quantity}, {r.case})' for r in self.rows)}"
        )

    def to_frame(self) -> pd.DataFrame:
        """Columns: proposition, quantity, case, expected, computed, holds, source, note."""
        return pd.DataFrame({
            "proposition": [self.name] * len(self.rows),
            "quantity": [r.quantity for r in self.rows],
            "case": [r.case for r in self.rows],
            "expected": [r.expected for r in self.rows],
            "computed": [r.computed for r in self.rows],
            "holds": [r.holds for r in self.rows],
            "source": [r.source for r in self.rows],
            "note": [r.note for r in self.rows],
        })

    def summary(self) -> Summary:
        s = Summary(f"{self.name}: {self.title} — {'holds' if self.holds else 'DOES NOT HOLD'}")
        s.add_items({"shock": ", ".join(f"{k} = {v}" for k, v in self.shock.items()),
                     **{f"regime ({k})": v for k, v in self.regimes.items()}})
        s.add_table(self.to_frame().drop(columns="proposition"), index=False, digits=6)
        s.add_note(self.statement)
        s.add_note("Rates and their changes in percentage points; amounts in the spec's money "
                   "unit.")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposition": self.name,
            "title": self.title,
            "statement": self.statement,
            "holds": self.holds,
            "shock": self.shock,
            "regimes": self.regimes,
            "differences": self.to_frame().drop(columns="proposition").to_dict(orient="records"),
        }


def _need(eq: Equilibrium, regime: str, what: str) -> None:
    if eq.regime != regime:
        raise InputError(
            f"{what} must solve in the {regime} regime; it solves in the {eq.regime} regime "
            f"(i_C = {eq.variables['i_C']:.4g} %, ε = {eq.variables['eps']:.4g})"
        )


def _specs(spec: IslmSpec | None, corridor: IslmSpec | None) -> tuple[IslmSpec, IslmSpec]:
    floor = IslmSpec() if spec is None else spec
    corr = floor.replace(B_c=60.0, CBL=30.0) if corridor is None else corridor
    return floor, corr


# ----------------------------------------------------------------------------- P1


def p1(spec: IslmSpec | None = None, *, de_0: float = 0.1) -> PropositionResult:
    """P1, exchange rate and money demand: a depreciation (e_0 up) in the floor regime.

    Claimed: y_1, household saving S_h and wealth W_h, hence money demand D, rise at an
    unchanged call rate.
    """
    floor = IslmSpec() if spec is None else spec
    d = finite_float("de_0", de_0)
    if d <= 0:
        raise InputError(f"de_0 must be > 0 (a depreciation); got {de_0!r}")
    a = solve(floor)
    b = solve(floor.replace(e_0=floor.exogenous.e_0 + d))
    _need(a, "floor", "the base of P1")
    _need(b, "floor", "P1 after the depreciation")
    rows = [
        _row("e", "floor", "+", _diff(a, b, "e"), note="the depreciation itself (2-6-a)"),
        _row("y_1", "floor", "+", _diff(a, b, "y_1")),
        _row("S_h", "floor", "+", _diff(a, b, "S_h")),
        _row("W_h", "floor", "+", _diff(a, b, "W_h")),
        _row("D", "floor", "+", _diff(a, b, "D"), note="money demand"),
        _row("i_C", "floor", "0", _diff(a, b, "i_C"), note="unchanged call rate"),
    ]
    return PropositionResult(
        "P1", "exchange rate and money demand",
        "A depreciation (e_0 up) raises y_1, household saving and W_h, hence money demand D, "
        "at an unchanged call rate in the floor regime.",
        tuple(rows), {"e_0": f"+{d:g}"}, {"floor": a.regime})


# ----------------------------------------------------------------------------- P2


def p2(spec: IslmSpec | None = None, *, dG: float = 10.0) -> PropositionResult:
    """P2, liquidity trap: a rise in G (bond-financed) in the floor regime."""
    floor = IslmSpec() if spec is None else spec
    d = finite_float("dG", dG)
    if d <= 0:
        raise InputError(f"dG must be > 0; got {dG!r}")
    a = solve(floor)
    b = solve(floor.replace(G=floor.policy.G + d))
    _need(a, "floor", "the base of P2")
    _need(b, "floor", "P2 after the rise in G")
    rows = [_row("y", "floor", "+", _diff(a, b, "y"))]
    rows += [_row(k, "floor", "0", _diff(a, b, k)) for k in ("i_C", "i_D", "i_L", "i_B", "e")]
    rows += [
        _row("eps", "floor", "-", _diff(a, b, "eps")),
        _row("multiplier", "floor", "+", _diff(a, b, "multiplier"), note="(cc + 1)/(cc + ε + β_0)"),
        _row("M", "floor", "+", _diff(a, b, "M"), note="M = (cc + 1)·D"),
    ]
    p = kernel_params(floor)
    H = float(p.CBL + p.B_c)
    lm = frac_to_pct(_lm_rates(p, np.array([a.raw["y"], b.raw["y"]]), H))
    rows.append(_row("LM i_C between the two outputs", "floor", "0", float(lm[1] - lm[0]),
                     note="LM horizontal"))
    rows.append(_row("LM i_C − ī_R at the new output", "floor", "0",
                     float(lm[1] - floor.policy.i_R), note="LM at ī_R"))
    return PropositionResult(
        "P2", "liquidity trap",
        "In the floor regime (ī_R = i_C) a rise in G raises y while i_C, i_D, i_L, i_B and e "
        "stay unchanged; ε falls, the money multiplier (cc+1)/(cc+ε+β_0) rises and the "
        "money stock M = (cc+1)·D rises; the LM curve is horizontal at ī_R.",
        tuple(rows), {"G": f"+{d:g} (bond-financed: B_g rises by the same)"}, {"floor": a.regime})


# ----------------------------------------------------------------------------- P3


def p3(spec: IslmSpec | None = None, corridor: IslmSpec | None = None, *, dG: float = 10.0,
       de_0: float = 0.05) -> PropositionResult:
    """P3, financing of deficits: private versus central-bank absorption of ΔG of bonds.

    Private absorption: G += ΔG (the bonds, B_g += ΔG, go to the market). Central-bank
    absorption: the same plus B_c += ΔG (paper note 3).
    """
    floor, corr = _specs(spec, corridor)
    d = finite_float("dG", dG)
    de = finite_float("de_0", de_0)
    if d <= 0 or de <= 0:
        raise InputError(f"dG and de_0 must be > 0; got dG = {dG!r}, de_0 = {de_0!r}")
    rows: list[Expectation] = []
    regimes: dict[str, str] = {}
    for case, base in (("floor", floor), ("corridor", corr)):
        priv = solve(base.replace(G=base.policy.G + d))
        cb = solve(base.replace(G=base.policy.G + d, B_c=base.policy.B_c + d))
        cb_dep = solve(base.replace(G=base.policy.G + d, B_c=base.policy.B_c + d,
                                    e_0=base.exogenous.e_0 + de))
        for eq, what in ((priv, "private absorption"), (cb, "central-bank absorption")):
            _need(eq, case, f"P3 {what} ({case} calibration)")
        regimes[case] = priv.regime
        c = f"{case}: central bank − private"
        if case == "floor":
            rows += [
                _row("y", c, "0", _diff(priv, cb, "y")),
                _row("M", c, "0", _diff(priv, cb, "M")),
                _row("eps", c, "+", _diff(priv, cb, "eps"), source="derived",
                     note="spec: ε differs; with D unchanged and H up by ΔG, ε rises"),
                _row("multiplier", c, "-", _diff(priv, cb, "multiplier"), source="derived",
                     note="spec: multiplier differs; it falls as ε rises"),
            ]
        else:
            rows += [
                _row("y", c, "+", _diff(priv, cb, "y")),
                _row("i_C", c, "-", _diff(priv, cb, "i_C")),
            ]
        rows.append(_row("y", f"{case}: central bank with e_0 up − central bank", "+",
                         _diff(cb, cb_dep, "y"), source="spec" if case == "floor" else "paper",
                         note="expected depreciation"))
    return PropositionResult(
        "P3", "financing of deficits",
        "With G raised by ΔG, private absorption (B_g += ΔG) and central-bank absorption "
        "(B_g += ΔG, B_c += ΔG) give the same y and M in the floor regime (different ε and "
        "multiplier); in the corridor regime central-bank absorption gives the higher y and "
        "lower i_C. If central-bank financing also raises e_0 (expected depreciation), y "
        "rises further.",
        tuple(rows), {"G": f"+{d:g}", "B_c (central-bank absorption)": f"+{d:g}",
                      "e_0 (expected depreciation)": f"+{de:g}"}, regimes)


# ----------------------------------------------------------------------------- P4


def p4(spec: IslmSpec | None = None, corridor: IslmSpec | None = None,
       fixed: IslmSpec | None = None, *, dc_L: float = 0.5) -> PropositionResult:
    """P4, lending risk: a rise in c_L in the floor, fixed-rate and corridor regimes.

    The fixed-rate case defaults to the corridor calibration under a fixed exchange rate,
    where the central bank's bonds B_c adjust to hold the peg (paper note 17).
    """
    floor, corr = _specs(spec, corridor)
    fix = corr.replace(fx_regime="fixed") if fixed is None else fixed
    d = finite_float("dc_L", dc_L)
    if d <= 0:
        raise InputError(f"dc_L must be > 0; got {dc_L!r}")
    rows: list[Expectation] = []
    regimes: dict[str, str] = {}
    dy: dict[str, float] = {}
    for case, base in (("floor", floor), ("fixed", fix), ("corridor", corr)):
        a = solve(base)
        b = solve(base.replace(c_L=base.exogenous.c_L + d))
        _need(a, case, f"the {case} base of P4")
        _need(b, case, f"P4 after the rise in c_L ({case})")
        regimes[case] = a.regime
        dy[case] = _diff(a, b, "y")
        rows += [_row("I_fs", case, "-", _diff(a, b, "I_fs")),
                 _row("y", case, "-", _diff(a, b, "y"))]
        if case in ("floor", "fixed"):
            src = "spec"
            rows += [_row(k, case, "0", _diff(a, b, k), source=src) for k in
                     ("i_C", "i_D", "i_B", "e")]
            rows.append(_row("i_L", case, "=shock", _diff(a, b, "i_L"), target=d,
                             note=f"rises by Δc_L = {d:g}"))
            rows.append(_row("M", case, "-", _diff(a, b, "M")))
            if case == "floor":
                rows.append(_row("eps", case, "+", _diff(a, b, "eps")))
            else:
                rows.append(_row("B_c", case, "-", _diff(a, b, "B_c"), source="derived",
                                 note="the peg is held by shrinking high-powered money; ε stays 0"))
        else:
            rows += [
                _row("i_C", case, "-", _diff(a, b, "i_C")),
                _row("i_B", case, "-", _diff(a, b, "i_B")),
                _row("e", case, "+", _diff(a, b, "e"), note="depreciation"),
                _row("i_L", case, "+", _diff(a, b, "i_L"), source="paper",
                     note=f"rises by less than Δc_L = {d:g}"),
                _row("Δc_L − Δi_L", case, "+", d - _diff(a, b, "i_L"), source="paper"),
                _row("M", case, "-", _diff(a, b, "M"), source="paper"),
            ]
    rows.append(_row("Δy(corridor) − Δy(floor)", "corridor vs floor", "+",
                     dy["corridor"] - dy["floor"], note="y falls by less in the corridor"))
    return PropositionResult(
        "P4", "lending risk",
        "A rise in c_L lowers investment by bank-borrowing firms and y. In the floor regime "
        "i_C, i_D, i_B, e are unchanged, i_L rises by Δc_L, ε rises, M falls. Under a fixed "
        "exchange rate the same. In the corridor regime i_C and i_B fall, e depreciates, and "
        "y falls by less than in the floor regime.",
        tuple(rows), {"c_L": f"+{d:g}"}, regimes)


# ----------------------------------------------------------------------------- P5


def p5(spec: IslmSpec | None = None, corridor: IslmSpec | None = None, *,
       dnx_0: float = 10.0) -> PropositionResult:
    """P5, current-account surplus: a one-off rise in net exports in period 1.

    Two-period simulations with and without the shock (nx_0 += Δ in period 1 only); the
    claims are about period 2. The IS shift is measured at the baseline's period-2 call
    rate, the money-demand shift at the baseline's period-2 (y, i_C).
    """
    floor, corr = _specs(spec, corridor)
    d = finite_float("dnx_0", dnx_0)
    if d <= 0:
        raise InputError(f"dnx_0 must be > 0 (a surplus); got {dnx_0!r}")
    rows: list[Expectation] = []
    regimes: dict[str, str] = {}
    for case, base in (("corridor", corr), ("floor", floor)):
        shock = Shock("nx_0", base.behaviour.nx_0 + d, 1, until=1)
        s0 = simulate(base, periods=2)
        s1 = simulate(base, periods=2, shocks=[shock])
        if set(s0.regimes) != {case} or set(s1.regimes) != {case}:
            raise InputError(f"P5 needs the {case} regime in both periods; got "
                             f"{list(s0.regimes)} and {list(s1.regimes)}")
        f0 = [public_values(r) for r in s0.records]
        f1 = [public_values(r) for r in s1.records]

        def change(name: str, t: int, f0: list[dict[str, Any]] = f0,
                   f1: list[dict[str, Any]] = f1) -> float:
            return float(f1[t - 1][name]) - float(f0[t - 1][name])

        regimes[case] = case
        src = "spec" if case == "corridor" else "derived"
        c1, c2 = f"{case}, period 1", f"{case}, period 2"
        rows += [
            _row("CA", c1, "+", change("CA", 1), source=src, note="the surplus (premise)"),
            _row("FB_F", c1, "+", change("FB_F", 1), source="derived",
                 note="foreign bonds held at the end of period 1"),
            _row("y_1", c2, "+", change("y_1", 2), source=src),
            _row("W_h,−1", c2, "+", change("W_h", 1), source=src,
                 note="household wealth carried into period 2"),
            _row("W_h", c2, "+", change("W_h", 2), source=src,
                 note="household wealth at the end of period 2"),
        ]
        p0, p1_ = s0.params[1], s1.params[1]
        i0 = s0.records[1]["i_C"]
        y0 = s0.records[1]["y"]
        is_shift = float(goods_market(p1_, i0).y - goods_market(p0, i0).y)
        rows.append(_row("IS: y at the baseline i_C", c2, "+", is_shift, source=src,
                         note="IS shifts right"))
        H = float(p0.CBL + p0.B_c)
        demand0 = H - float(money_gap_at(p0, i0, y0, H))
        demand1 = H - float(money_gap_at(p1_, i0, y0, H))
        rows.append(_row("money demand (cc+β_0)·D at the baseline (y, i_C)", c2, "+",
                         demand1 - demand0, source=src, note="LM shifts left"))
        if case == "corridor":
            lm0 = _lm_rates(p0, np.array([y0]), H)[0]
            lm1 = _lm_rates(p1_, np.array([y0]), H)[0]
            rows += [
                _row("LM: i_C at the baseline y", c2, "+", frac_to_pct(float(lm1 - lm0)), source="derived",
                     note="LM shifts left (up)"),
                _row("i_C", c2, "+", change("i_C", 2)),
                _row("e", c2, "-", change("e", 2), note="appreciation"),
            ]
        else:
            rows += [
                _row("i_C", c2, "0", change("i_C", 2), source="derived"),
                _row("e", c2, "0", change("e", 2), source="derived"),
            ]
    return PropositionResult(
        "P5", "current-account surplus",
        "A surplus this period raises next period's primary income and household wealth: "
        "next period's IS shifts right and money demand rises (LM shifts left); in the "
        "corridor regime this pushes i_C up and appreciates e.",
        tuple(rows), {"nx_0": f"+{d:g} in period 1 only"}, regimes)


EXPERIMENTS: Registry[Callable[..., PropositionResult]] = Registry("proposition")
for _name, _fn in (("P1", p1), ("P2", p2), ("P3", p3), ("P4", p4), ("P5", p5)):
    EXPERIMENTS.add(_name, _fn)


def run(name: str, spec: IslmSpec | None = None, **options: Any) -> PropositionResult:
    """Run proposition ``name`` (``"P1"`` ... ``"P5"``) on ``spec`` (default calibration).

    ``spec`` is the floor-regime base; the corridor base is ``spec`` with B_c = 60 and
    CBL = 30 (spec 04 §7) unless ``corridor=`` is given. Other options are the shock sizes
    of each experiment (``de_0``, ``dG``, ``dc_L``, ``dnx_0``).
    """
    fn = EXPERIMENTS.get(name.upper() if isinstance(name, str) else name)
    return fn(spec, **options)

