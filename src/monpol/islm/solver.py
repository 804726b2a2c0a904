"""Solving one period of the flow-of-funds IS-LM model (spec 04 §4).

The caller picks the exchange-rate regime in the spec (``policy.fx_regime``); the solver finds which
reserve case holds:

1. floating exchange rate: try the floor i_C = ī_R ("liquidity trap"): solve IS for y, get
   ε from LM; if ε ≥ 0 that is the equilibrium. Otherwise ε = 0 and the call rate i_C > ī_R
   clears the money market — a one-dimensional root found with :func:`scipy.optimize.brentq`
   after bracketing;
2. fixed exchange rate: i_C = ī_FB − c_FB so that e = e_0; B_c adjusts to satisfy LM
   (paper note 17). When that rate equals ī_R the central bank keeps its B_c and banks
   hold the excess reserves, unless B_c is too small, in which case it supplies what
   LM needs.

Failure is loud: no bracket or no convergence raises :class:`ConvergenceError` with the
residual; an equilibrium violating a model assumption raises :class:`AccountingError`
naming the assumption and the numbers (or, with ``on_violation="flag"``, is returned with
its ``violations``).
"""

from __future__ import annotations

import math
from typing import Any, Literal

from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.core.units import frac_to_pct
from monpol.core.validation import one_of
from monpol.islm.assumptions import Violation, check_assumptions, describe
from monpol.islm.kernels import FIRST_STEP as FIRST_STEP  # re-exported (vectorised uses it)
from monpol.islm.kernels import MAX_SPREAD as MAX_SPREAD
from monpol.islm.kernels import (
    Goods,
    KernelParams,
    complete,
    goods_market,
    kernel_params,
    lm_gap,
    lm_gap_slope,
)
from monpol.islm.results import ComparativeStatics, Equilibrium, public_values
from monpol.islm.spec import IslmSpec

__all__ = ["OnViolation", "compare", "solve", "solve_kernel"]

OnViolation = Literal["raise", "flag"]

#: peg rates within this distance of ī_R (fraction) are treated as equal to it
RATE_TIE = 1e-12
#: money-market residual accepted, relative to max(H, D, 1)
LM_RTOL = 1e-11


class _Solved:
    """Scalar solution of one period (kernel units)."""

    __slots__ = ("B_c", "eps", "goods", "iterations", "reserve_case")

    def __init__(self, goods: Goods, eps: float, B_c: float, reserve_case: str,
                 iterations: int) -> None:
        self.goods = goods
        self.eps = eps
        self.B_c = B_c
        self.reserve_case = reserve_case
        self.iterations = iterations


def _lm_scale(p: KernelParams, g: Goods) -> float:
    return max(abs(float(p.CBL + p.B_c)), abs(float(g.D)), 1.0)


def _corridor(p: KernelParams, g_floor: Goods, guess: float | None) -> _Solved:
    """ε = 0 and i_C > ī_R clearing (2-2-a); brentq on a bracket found by doubling steps."""
    count = 0

    def f(i_C: float) -> float:
        nonlocal count
        count += 1
        return float(lm_gap(p, goods_market(p, i_C)))

    i_R = float(p.i_R)
    lo, f_lo = i_R, float(lm_gap(p, g_floor))
    hi = math.nan
    if guess is not None and guess > i_R:
        a, b = max(i_R, guess - 2e-4), guess + 2e-4
        fa, fb = f(a), f(b)
        if fa < 0.0 <= fb:
            lo, f_lo, hi = a, fa, b
    if math.isnan(hi):
        step = FIRST_STEP
        while True:
            x = i_R + step
            fx = f(x)
            if not math.isfinite(fx):
                raise ConvergenceError(
                    f"money market (2-2-a) not defined at i_C = {frac_to_pct(float(x)):.6g} % while "
                    f"bracketing the call rate (residual {fx}); last residual below the root "
                    f"{f_lo:.6g} at i_C = {frac_to_pct(float(lo)):.6g} %"
                )
            if fx >= 0.0:
                hi = x
                break
            lo, f_lo = x, fx
            if step >= MAX_SPREAD:
                raise ConvergenceError(
                    f"no call rate between ī_R and {frac_to_pct(float(x)):.6g} % clears the money "
                    f"market (2-2-a): excess demand for high-powered money is still "
                    f"{-fx:.6g} at i_C = {frac_to_pct(float(x)):.6g} % (residual CBL + B_c − (cc + β_0)·D = "
                    f"{fx:.6g})"
                )
            step *= 2.0
    from scipy.optimize import brentq  # lazy: scipy.optimize ~0.25 s at import

    try:
        root, info = brentq(f, lo, hi, xtol=1e-16, rtol=1e-15, maxiter=200, full_output=True,
                            disp=False)
    except (ValueError, RuntimeError) as exc:  # pragma: no cover - bracket is checked above
        raise ConvergenceError(f"brentq failed on [{lo}, {hi}]: {exc}") from None
    g = goods_market(p, float(root))
    resid = float(lm_gap(p, g))
    if not info.converged or abs(resid) > LM_RTOL * _lm_scale(p, g):
        raise ConvergenceError(
            f"call rate did not converge: money-market residual {resid:.3e} at i_C = "
            f"{frac_to_pct(float(root)):.10g} % after {info.iterations} iterations ({info.flag})"
        )
    return _Solved(g, 0.0, float(p.B_c), "corridor", count)


def _newton(p: KernelParams, gap_floor: float, guess: float | None) -> _Solved | None:
    """Safeguarded Newton on (2-2-a) with the analytic slope; None if it does not settle.

    Starts from ``guess`` (the previous period's rate in the dynamics) or ī_R, keeps a
    bracket [lo, hi] (gap < 0 at lo, ≥ 0 at hi) and bisects whenever a Newton step would
    leave it. The money-market gap rises with i_C whenever money demand is positive, so
    the root is the one :func:`_corridor` finds.
    """
    i_R = float(p.i_R)
    scale = max(abs(p.CBL + p.B_c), abs(gap_floor), 1.0)
    lo, hi = i_R, math.inf
    x = guess if guess is not None and guess > i_R else i_R
    for k in range(1, 40):
        gap, slope = lm_gap_slope(p, x)
        if not (math.isfinite(gap) and math.isfinite(slope)):
            return None
        if abs(gap) <= LM_RTOL * scale and slope > 0.0:
            # one more (polishing) Newton step: quadratic convergence takes the residual
            # to rounding level. Its residual is read off the goods market needed anyway
            # (no extra gap-and-slope evaluation); the point before it is the fallback.
            tol = LM_RTOL * scale
            for point in (x - gap / slope, x):
                g = goods_market(p, point)
                if abs(float(lm_gap(p, g))) <= max(tol, LM_RTOL * abs(float(g.D))):
                    return _Solved(g, 0.0, float(p.B_c), "corridor", k + 1)
            return None
        x, lo, hi = newton_bracket_step(x, gap, slope, lo, hi, i_R)
        if math.isnan(x) or hi - lo <= 1e-16:
            return None
    return None


def newton_bracket_step(x: float, f: float, slope: float, lo: float, hi: float,
                        i_R: float) -> tuple[float, float, float]:
    """One safeguarded Newton step for a root above ī_R of a function rising through it.

    ``f`` and ``slope`` are the function and its derivative at ``x``; [lo, hi] brackets the
    root (f < 0 at lo, ≥ 0 at hi; hi = inf while no point above is known). The Newton step is
    taken if it stays inside the bracket, else the bracket is bisected, or, with no upper
    point yet, the step above ī_R is doubled (from FIRST_STEP). Returns the next point (NaN
    past MAX_SPREAD above ī_R) and the bracket. Shared by :func:`_newton` and the compiled
    engine (:mod:`monpol.islm.compiled`, which compiles this source).
    """
    if f < 0.0:
        lo = x
    else:
        hi = x
    step = x - f / slope if slope > 0.0 else math.nan
    if lo < step < hi:
        x = step
    elif math.isfinite(hi):
        x = 0.5 * (lo + hi)
    else:
        x = lo + max(2.0 * (lo - i_R), FIRST_STEP)
        if x - i_R > MAX_SPREAD:
            x = math.nan
    return x, lo, hi


def solve_kernel(p: KernelParams, *, guess: float | None = None,
                 method: Literal["brentq", "newton"] = "brentq") -> _Solved:
    """Solve one period in kernel units (scalar ``p``); see the module docstring.

    ``method="brentq"`` brackets the call rate by doubling steps above ī_R and calls
    :func:`scipy.optimize.brentq`; ``"newton"`` (used by the dynamics, with the previous
    period's rate as ``guess``) runs a safeguarded Newton with the analytic slope and falls
    back to brentq if it does not settle.
    """
    i_R = float(p.i_R)
    if p.fixed:
        i_peg = float(p.i_FB - p.c_FB)
        if i_peg < i_R - RATE_TIE:
            raise InputError(
                f"a fixed exchange rate needs i_C = ī_FB − c_FB = "
                f"{frac_to_pct(float(i_peg)):.6g} % ≥ ī_R = {frac_to_pct(float(i_R)):.6g} %"
            )
        tie = abs(i_peg - i_R) <= RATE_TIE
        i_C = i_R if tie else i_peg
        g = goods_market(p, i_C)
        gap = float(lm_gap(p, g))
        if tie and gap >= 0.0:
            return _Solved(g, gap / float(g.D), float(p.B_c), "floor", 0)
        B_c = float((g.cc + p.beta_0) * g.D - p.CBL)
        return _Solved(g, 0.0, B_c, "floor" if tie else "corridor", 0)
    if method == "newton" and guess is not None:
        gap_R, _ = lm_gap_slope(p, i_R)
        if gap_R < 0.0:
            found = _newton(p, gap_R, guess)
            if found is not None:
                return found
    g0 = goods_market(p, i_R)
    gap = float(lm_gap(p, g0))
    D = float(g0.D)
    if not (D > 0.0):
        raise AccountingError(
            f"money demand D = {D:.6g} is not positive at the floor (i_C = ī_R = "
            f"{frac_to_pct(float(i_R)):.6g} %, y = {float(g0.y):.6g}): the excess-reserve ratio ε = "
            f"(CBL + B_c)/D − cc − β_0 is undefined"
        )
    if gap >= 0.0:
        return _Solved(g0, gap / D, float(p.B_c), "floor", 1)
    if method == "newton":
        found = _newton(p, gap, guess)
        if found is not None:
            return found
    return _corridor(p, g0, guess)


def _values(p: KernelParams, s: _Solved) -> dict[str, float]:
    return {k: float(v) for k, v in complete(p, s.goods, s.eps, s.B_c).items()}


def values_of(p: KernelParams, s: _Solved) -> dict[str, float]:
    """Every variable of a solved period (kernel units); floats in, floats out."""
    return complete(p, s.goods, s.eps, s.B_c)


def require_finite(raw: dict[str, float], where: str = "") -> None:
    """Raise :class:`ConvergenceError` if the solved period holds a non-finite number."""
    if math.isfinite(sum(raw.values())):  # one pass; inf − inf = nan is caught too
        return
    bad = [k for k, v in raw.items() if not math.isfinite(v)]
    if bad:
        raise ConvergenceError(
            f"solution{where} is not finite: {', '.join(f'{k} = {raw[k]}' for k in bad[:6])}"
        )


def _violations(
    raw: dict[str, float], p: KernelParams, walras_expected: float
) -> tuple[Violation, ...]:
    flags = check_assumptions(raw, p, walras_expected=walras_expected)
    return tuple(describe(code, raw, p, walras_expected=walras_expected)
                 for code, bad in flags.items() if bool(bad))


def raise_violations(violations: tuple[Violation, ...], *, regime: str, raw: dict[str, float],
                     where: str = "") -> None:
    """Raise :class:`AccountingError` listing every violated assumption with the numbers."""
    if violations:
        listed = "; ".join(str(v) for v in violations)
        raise AccountingError(
            f"equilibrium{where} violates {listed} [{regime} regime, y = {raw['y']:.6g}, "
            f"i_C = {frac_to_pct(float(raw['i_C'])):.6g} %]; pass on_violation='flag' "
            f"(CLI: --flag-violations) to get it anyway"
        )


def solve(spec: IslmSpec | None = None, *, on_violation: OnViolation = "raise") -> Equilibrium:
    """Solve one period of the model.

    Parameters
    ----------
    spec : IslmSpec, optional
        Parameters, exchange-rate regime (``spec.policy.fx_regime``) and convention; default: the
        illustrative calibration.
    on_violation : {"raise", "flag"}
        What to do with an equilibrium that violates a model assumption (B_b ≥ 0, FB_b ≥ 0,
        ī_CBL ≤ i_C, cc ≥ 0, a defined exchange rate, positive y and W_h, non-negative
        deposits and household bonds, B_c ≥ 0 under a peg, a clearing call market):
        raise :class:`AccountingError` (default) or return it with ``violations`` set.

    Returns
    -------
    Equilibrium

    Raises
    ------
    ConvergenceError
        No call rate clears the money market, or the root finder did not converge; the
        message gives the residual.
    AccountingError
        A violated assumption (with ``on_violation="raise"``) or non-positive money demand.

    Notes
    -----
    IS (2-1-a): S_h − I_fs − I_fl + y_1g + T − G = NX + y_1. LM (2-2-a): CBL + B_c =
    [cc(i_D) + ε + β_0]·D. Reserve complementarity: ε ≥ 0, i_C ≥ ī_R, ε(i_C − ī_R) = 0.

    References
    ----------
    Domae, "資金循環と IS-LM 分析" (seed ``003_29cf37b2c29b786e.txt``), section 2.

    Examples
    --------
    >>> eq = solve()
    >>> eq.regime, round(eq.i_C, 4), round(eq.y, 2)
    ('floor', 0.1, 500.52)
    >>> solve(IslmSpec.illustrative_corridor()).regime
    'corridor'
    """
    spec = IslmSpec() if spec is None else spec
    if not isinstance(spec, IslmSpec):
        raise InputError(f"spec must be an IslmSpec; got {type(spec).__name__}")
    one_of("on_violation", on_violation, ["raise", "flag"])
    p = kernel_params(spec)
    s = solve_kernel(p)
    raw = _values(p, s)
    require_finite(raw)
    expected = raw["accounting_gap"] if spec.convention == "paper" else 0.0
    violations = _violations(raw, p, expected)
    regime = "fixed" if p.fixed else s.reserve_case
    if on_violation == "raise":
        raise_violations(violations, regime=regime, raw=raw)
    return Equilibrium(
        spec=spec,
        regime=regime,  # type: ignore[arg-type]
        reserve_case=s.reserve_case,  # type: ignore[arg-type]
        variables=public_values(raw),
        violations=violations,
        iterations=s.iterations,
        raw=raw,
    )


def compare(
    base: IslmSpec | Equilibrium | None = None,
    *,
    on_violation: OnViolation = "raise",
    **changes: Any,
) -> ComparativeStatics:
    """Comparative statics: solve ``base`` and ``base`` with ``changes``; levels and differences.

    Parameters
    ----------
    base : IslmSpec or Equilibrium, optional
        Default: the illustrative calibration.
    **changes
        Parameters to change, by name (``G=120``, ``c_L=2.0``, ``fx_regime="fixed"``).

    Examples
    --------
    >>> cs = compare(G=120)
    >>> cs.difference("y") > 0, cs.difference("i_C")
    (True, 0.0)
    """
    if not changes:
        raise InputError("compare needs at least one change, e.g. compare(spec, G=120)")
    if isinstance(base, Equilibrium):
        eq0 = base
        spec0 = base.spec
    else:
        spec0 = IslmSpec() if base is None else base
        eq0 = solve(spec0, on_violation=on_violation)
    eq1 = solve(spec0.replace(**changes), on_violation=on_violation)
    return ComparativeStatics(eq0, eq1, dict(changes))
