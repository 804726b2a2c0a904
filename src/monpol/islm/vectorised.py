"""Many equilibria at once: the model solved over arrays of parameters, chunk by chunk.

:func:`solve_many` takes a base specification and arrays for any of its parameters
(sensitivity sweeps, Monte Carlo over parameters) and solves every element with numpy, in
chunks of ``chunk_size`` draws (work memory bounded by the chunk, whatever the number of
draws; the chunks run in this process or on Dask, :mod:`monpol.core.backends`, with
identical results). In a chunk the floor is tried for all elements at once, and the
elements whose excess reserves would be negative get their call rate from a safeguarded
Newton iteration on the cubic z·gap(i_C) (floating rate: the money-market gap (2-2-a) times
the exchange-rate denominator of (2-6-a) is a cubic in i_C, whose coefficients are read off
the kernel), verified on the kernel's gap. :func:`corridor_rates` gives the same rates from
the closed-form root of that cubic (``corridor_root="closed_form"``); measured in
benchmarks it is slower (complex arithmetic in Cardano's formula, see docs/performance.md),
so it is not the default.
The reserve case (floor or corridor) is decided element by element; the exchange-rate regime
(floating or fixed exchange rate) and the convention are those of the base spec.

Every element is checked like a scalar equilibrium: an element that does not converge
raises :class:`ConvergenceError`, one that violates an assumption raises
:class:`AccountingError` (index, assumption and numbers), unless ``on_violation="flag"``,
which returns the masks instead (non-converged elements are then NaN with
``converged == False``).

Examples
--------
>>> import numpy as np
>>> from monpol.islm import IslmSpec, solve
>>> out = solve_many(draws={"B_c": np.array([560.0, 60.0]), "CBL": np.array([60.0, 30.0])})
>>> out.regime.tolist()
['floor', 'corridor']
>>> bool(np.allclose(out["i_C"], [solve().i_C, solve(IslmSpec.illustrative_corridor()).i_C]))
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.backends import Backend, Chunk, ProgressCallback, check_chunk_size, plan_chunks, run_chunks
from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct, pct_to_frac
from monpol.core.validation import finite_array, instance_of, one_of, positive_int, sequence_arg
from monpol.islm.assumptions import ASSUMPTIONS, check_assumptions, describe
from monpol.islm.compiled import ENGINES, PARAM_INDEX
from monpol.islm.compiled import require as require_numba
from monpol.islm.compiled import solve_block as compiled_block
from monpol.islm.kernels import (
    KERNEL_FIELDS,
    KernelParams,
    balancing_nfa_b,
    complete,
    cubic_coefficients,
    goods_market,
    kernel_params,
    lm_gap,
    lm_gap_slope,
    to_kernel_units,
)
from monpol.islm.results import RATE_VARIABLES, VARIABLES, ReadOnlyMapping
from monpol.islm.solver import FIRST_STEP, LM_RTOL, MAX_SPREAD, RATE_TIE, OnViolation
from monpol.islm.spec import PARAMETERS, IslmSpec, canonical_name

__all__ = ["CORRIDOR_ROOTS", "DEFAULT_CHUNK", "EquilibriumArray", "corridor_rates", "grid_draws",
           "solve_many"]


def _parse_draws(draws: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], int]:
    """Names and shapes of the draws (no per-element work): canonical name -> 1-D float array."""
    arrays: dict[str, np.ndarray] = {}
    for alias, value in draws.items():
        name = canonical_name(alias)
        if name not in PARAMETERS:
            valid = ", ".join(PARAMETERS)
            raise InputError(f"draws: unknown parameter {alias!r}; valid names: {valid}")
        arr = np.asarray(value, dtype=float)
        if arr.ndim > 1:
            raise InputError(f"draws[{name!r}] must be one-dimensional; got shape {arr.shape}")
        arrays[name] = arr
    sizes = {a.size for a in arrays.values() if a.ndim == 1}
    if len(sizes) > 1:
        raise InputError(f"draws must all have the same length; got lengths {sorted(sizes)}")
    n = sizes.pop() if sizes else 1
    if n == 0:
        raise InputError("draws are empty")
    return {k: np.broadcast_to(a, (n,)) for k, a in arrays.items()}, n


def _range_error(name: str, arr: np.ndarray, start: int) -> InputError:
    """The first out-of-range (or non-finite) value of ``arr`` (global index ``start`` + i)."""
    info = PARAMETERS[name]
    bad = ~np.isfinite(arr)
    if info.low is not None:
        bad |= (arr <= info.low) if info.low_open else (arr < info.low)
    if info.high is not None:
        bad |= (arr >= info.high) if info.high_open else (arr > info.high)
    i = int(np.argmax(bad))
    return InputError(
        f"draws[{name!r}] ({info.symbol}, {info.readable}) must be in "
        f"{info.range_text()}; got {float(arr[i])!r} at index {start + i}"
    )


def _in_range(name: str) -> Any:
    """A test of a chunk's min and max: are all values between them valid for ``name``?"""
    info = PARAMETERS[name]
    low = -math.inf if info.low is None else info.low
    high = math.inf if info.high is None else info.high
    low_open, high_open = info.low_open, info.high_open

    def test(lo: float, hi: float) -> bool:
        # a NaN propagates into the min and the max; an infinity fails isfinite
        return (math.isfinite(lo) and math.isfinite(hi) and (lo > low if low_open else lo >= low)
                and (hi < high if high_open else hi <= high))

    return test


def _cross_checks(floating: bool, col: Any) -> list[tuple[Any, str]]:
    """The cross-parameter assumptions as (violated, text) on the values ``col(name, sign)``.

    Each check is monotone in each of its parameters, also in rounded arithmetic: ``sign``
    is +1 where it can only fail for large values of the parameter, −1 for small ones (so
    ``col`` may give a chunk's worst case instead of its values).
    """
    checks = [
        (col("c_B", 1) >= col("c_L", -1), "c_B must be below c_L (assumption 26)"),
        (col("c_B", 1) >= col("c_FB", -1), "c_B must be below c_FB (assumption 29)"),
    ]
    if floating:
        checks.append((col("theta", -1) <= 0,
                       "theta (θ) must be > 0 under a floating exchange rate"))
        z = col("theta", -1) + pct_to_frac(col("i_R", -1) + col("c_FB", -1) - col("i_FB", 1))
        checks.append((z <= 0, "the exchange rate is undefined: theta + (i_R + c_FB − i_FB)/100 "
                               "must be > 0"))
    else:
        checks.append((col("i_FB", -1) - col("c_FB", 1) < col("i_R", 1) - 1e-12,
                       "a fixed exchange rate needs i_FB − c_FB ≥ i_R"))
    return checks


_CROSS_NAMES = ("c_B", "c_L", "c_FB", "theta", "i_R", "i_FB")


class _Checker:
    """Ranges and cross-parameter assumptions of the draws, chunk by chunk (:meth:`check`)."""

    def __init__(self, spec: IslmSpec, arrays: Mapping[str, np.ndarray]) -> None:
        self.arrays = arrays
        self.floating = spec.policy.fx_regime == "floating"
        self.fixed_values = {k: float(spec[k]) for k in _CROSS_NAMES if k not in arrays}
        self.tests = {k: _in_range(k) for k in arrays}

    def check(self, start: int, stop: int) -> None:
        """Draws ``start .. stop − 1`` (global indices).

        Fast path: a chunk's min and max per drawn parameter (a NaN propagates into both)
        decide the ranges, and the cross-parameter checks are evaluated once at the chunk's
        worst case. Only a chunk that may fail is searched element by element, for the
        first bad index and its message.
        """
        part = {k: a[start:stop] for k, a in self.arrays.items()}
        low: dict[str, float] = {}
        high: dict[str, float] = {}
        tests = self.tests
        for name, arr in part.items():
            lo, hi = float(arr.min()), float(arr.max())
            if not tests[name](lo, hi):
                raise _range_error(name, arr, start)
            low[name], high[name] = lo, hi
        fixed = self.fixed_values

        def worst(k: str, sign: int) -> float:
            if k in fixed:
                return fixed[k]
            return high[k] if sign > 0 else low[k]

        if any(bool(bad) for bad, _ in _cross_checks(self.floating, worst)):
            self._detailed(part, start, stop - start)

    def _detailed(self, part: Mapping[str, np.ndarray], start: int, n: int) -> None:
        """The cross-parameter checks element by element (cf. IslmSpec._cross_checks)."""
        fixed = self.fixed_values

        def col(k: str, sign: int) -> Any:
            return part[k] if k in part else fixed[k]

        for bad, text in _cross_checks(self.floating, col):
            bad = np.broadcast_to(bad, (n,))
            if bad.any():
                i = int(np.argmax(bad))
                shown = {k: float(part[k][i]) for k in _CROSS_NAMES if k in part}
                raise InputError(f"draws: {text}; violated at index {start + i} "
                                 f"(drawn values {shown})")


def _check_values(spec: IslmSpec, arrays: Mapping[str, np.ndarray], start: int, stop: int) -> None:
    """Ranges and cross-parameter assumptions of draws ``start .. stop − 1`` (global indices)."""
    _Checker(spec, arrays).check(start, stop)


_CASE_LABELS = np.array(["corridor", "floor"], dtype=object)  # indexed by "at the floor"


def _subset(p: KernelParams, idx: np.ndarray) -> KernelParams:
    changes = {f: getattr(p, f)[idx] for f in KERNEL_FIELDS
               if isinstance(getattr(p, f), np.ndarray) and getattr(p, f).ndim == 1}
    return replace(p, **changes)


def _newton_many(p: KernelParams, n: int, maxiter: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Call rates clearing (2-2-a) with ε = 0 for every element of ``p`` (all start below).

    Safeguarded Newton: each element keeps a bracket [lo, hi]; steps leaving it become
    bisections (or doubling steps while no upper point is known).
    """
    i_R = np.broadcast_to(np.asarray(p.i_R, dtype=float), (n,))
    lo = i_R.copy()
    hi = np.full(n, np.inf)
    x = i_R.copy()
    scale = np.maximum(np.abs(p.CBL + p.B_c), 1.0) * np.ones(n)
    done = np.zeros(n, dtype=bool)
    it = 0
    for it in range(1, maxiter + 1):  # noqa: B007 - iteration count is reported
        gap, slope = lm_gap_slope(p, x)
        scale = np.maximum(scale, np.abs(gap))
        conv = np.abs(gap) <= LM_RTOL * scale
        # take one more Newton step for the converged ones too (polishing), then stop
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - gap / slope
        newly = conv & ~done
        if newly.any():
            x = np.where(newly & (slope > 0), newton, x)
            done |= newly
        if done.all():
            break
        act = ~done
        lo = np.where(act & (gap < 0), x, lo)
        hi = np.where(act & (gap >= 0), x, hi)
        ok = (slope > 0) & (newton > lo) & (newton < hi)
        bisect = np.isfinite(hi)
        grow = lo + np.maximum(2.0 * (lo - i_R), FIRST_STEP)
        x_new = np.where(ok, newton, np.where(bisect, 0.5 * (lo + hi), grow))
        x = np.where(act, x_new, x)
        too_far = act & (x - i_R > MAX_SPREAD)
        if too_far.any():
            # no root within MAX_SPREAD of ī_R: stop at the highest rate tried (excess demand
            # for high-powered money still positive there), so the residual can be reported
            x = np.where(too_far, lo, x)
            done |= too_far
    gap, _ = lm_gap_slope(p, x)
    return x, np.abs(gap) <= 10 * LM_RTOL * scale, it


def _cubic_coefficients(p: KernelParams, n: int) -> tuple[np.ndarray, ...]:
    """:func:`~monpol.islm.kernels.cubic_coefficients` on arrays of ``n`` elements."""
    ones = np.ones(n)
    return cubic_coefficients(p, 0.0 * ones, ones)


def _cubic_roots(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """The three (complex) roots of a·x³ + b·x² + c·x + d, element by element (Cardano).

    Depressed cubic t³ + P·t + Q = 0 with x = t − B/3; the cube root is taken of the
    larger-magnitude of −Q/2 ± √Δ for stability, the other term is −P/(3u).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        B, C, D = b / a, c / a, d / a
        P = C - B * B / 3.0
        Q = 2.0 * B**3 / 27.0 - B * C / 3.0 + D
        sq = np.sqrt((Q * Q / 4.0 + P**3 / 27.0).astype(complex))
        w1, w2 = -Q / 2.0 + sq, -Q / 2.0 - sq
        w = np.where(np.abs(w1) >= np.abs(w2), w1, w2)
        u = w ** (1.0 / 3.0)
        v = np.where(u != 0, -P / (3.0 * u), 0.0)
        omega = complex(-0.5, np.sqrt(3.0) / 2.0)
        shift = B / 3.0
        return np.stack([u + v - shift, omega * u + np.conj(omega) * v - shift,
                         np.conj(omega) * u + omega * v - shift])


def corridor_rates(p: KernelParams, n: int, *, maxiter: int = 60) -> tuple[np.ndarray, np.ndarray, int]:
    """Corridor call rates (floating exchange rate) from the closed-form root of the cubic.

    The valid root is the smallest real root above ī_R (within ``MAX_SPREAD``) where the
    exchange rate is defined (z > 0): the first rate above the floor at which the demand for
    high-powered money falls to its supply, the one the bracketing search of the scalar
    solver finds. It is polished by two Newton steps on the kernel's gap and its residual
    verified (|gap| ≤ 10·LM_RTOL·scale). Elements with no valid root, a degenerate cubic
    (a ≈ 0, e.g. cc_1 = 0) or a residual that fails the check go to the safeguarded Newton
    iteration, which reports non-convergence (→ :class:`ConvergenceError` upstream).

    Returns the rates, the converged mask and the Newton iterations of the fallback (0
    when every element had a closed-form root).
    """
    i_R = np.broadcast_to(np.asarray(p.i_R, dtype=float), (n,))
    a, b, c, d = _cubic_coefficients(p, n)
    roots = _cubic_roots(a, b, c, d)
    re = roots.real
    z0 = np.broadcast_to(np.asarray(p.theta + p.c_FB - p.i_FB, dtype=float), (n,))
    valid = ((np.abs(roots.imag) <= 1e-9 * (1.0 + np.abs(re))) & (re > i_R) & (re - i_R <= MAX_SPREAD)
             & (z0 + re > 0))
    x = np.where(valid, re, np.inf).min(axis=0)
    ok = np.isfinite(x)
    x = np.where(ok, x, i_R)
    scale = np.maximum(np.abs(p.CBL + p.B_c), 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(2):
            gap, slope = lm_gap_slope(p, x)
            x = np.where(ok & (slope > 0), x - gap / slope, x)
        gap, _ = lm_gap_slope(p, x)
    ok &= np.abs(gap) <= 10 * LM_RTOL * scale
    ok &= x > i_R
    iterations = 0
    bad = np.flatnonzero(~ok)
    if bad.size:
        xb, okb, iterations = _newton_many(_subset(p, bad), bad.size, maxiter)
        x[bad] = xb
        ok[bad] = okb
    return x, ok, iterations


def _newton_cubic(coef: tuple[np.ndarray, ...], i_R: np.ndarray, tol: np.ndarray,
                  maxiter: int, skip: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Safeguarded Newton on the cubic z·gap(i_C) = a·i³ + b·i² + c·i + d (floating rate).

    The same iteration as :func:`_newton_many` (bracket [lo, hi], bisection or doubling when a
    step leaves it) but on the polynomial of :func:`_cubic_coefficients`: an iteration costs
    about 25 array operations instead of the 90 of the kernel's gap and slope. z > 0 above
    ī_R (checked with the draws), so the cubic has the sign of the gap. Converged where
    |z·gap| ≤ ``tol``; elements in ``skip`` (on the floor) are left at ī_R. Returns the
    rates, the converged mask (verified on the kernel by the caller) and the iterations.
    """
    a, b, c, d = coef
    n = i_R.size
    lo = i_R.copy()
    hi = np.full(n, np.inf)
    x = i_R.copy()
    done = skip.copy()
    a3, b2 = 3.0 * a, 2.0 * b
    it = 0
    while it < maxiter and not done.all():
        it += 1
        f = ((a * x + b) * x + c) * x + d
        df = (a3 * x + b2) * x + c
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = x - f / df
        newly = (np.abs(f) <= tol) & ~done
        if newly.any():
            x = np.where(newly & (df > 0), newton, x)  # one polishing step, then stop
            done |= newly
        act = ~done
        below = f < 0
        lo = np.where(act & below, x, lo)
        hi = np.where(act & ~below, x, hi)
        ok = (df > 0) & (newton > lo) & (newton < hi)
        x_new = np.where(ok, newton, np.where(np.isfinite(hi), 0.5 * (lo + hi),
                                              lo + np.maximum(2.0 * (lo - i_R), FIRST_STEP)))
        x = np.where(act, x_new, x)
        too_far = act & (x - i_R > MAX_SPREAD)
        if too_far.any():  # no root within MAX_SPREAD of ī_R: the kernel fallback reports it
            x = np.where(too_far, lo, x)
            done |= too_far
    return x, done & ~skip, it


#: corridor call-rate methods of :func:`solve_many`
CORRIDOR_ROOTS = ("newton", "closed_form")
#: draws per chunk by default (work arrays of one chunk stay in the CPU's cache; see
#: docs/performance.md for the measurement that chose it)
DEFAULT_CHUNK = 8192
#: bytes of work arrays per draw while a chunk is solved (peak 450 B with every variable kept,
#: measured with tracemalloc; the result adds 8 B per draw per kept variable and drawn parameter)
WORK_BYTES_PER_DRAW = 500
#: at most this many draws in one call
MAX_DRAWS = 10**9


@dataclass(frozen=True)
class _Plan:
    """What every chunk needs besides its draws (sent once to Dask workers)."""

    spec: IslmSpec
    base_values: dict[str, Any]
    on_violation: str
    maxiter: int
    corridor_root: str
    keep: tuple[str, ...]
    engine: str = "numpy"
    draws: int = 1  # in the whole call (the compiled engine compiles a fused driver for large ones)


@dataclass(frozen=True)
class _Block:
    """One chunk's results (public units, kept variables only)."""

    variables: dict[str, np.ndarray]
    at_floor: np.ndarray
    converged: np.ndarray
    flags: dict[str, np.ndarray]
    iterations: int


def _kernel_block(plan: _Plan, arrays: Mapping[str, np.ndarray], n: int) -> KernelParams:
    vals = dict(plan.base_values)
    for name, arr in arrays.items():
        if name != "NFA_b_1":
            vals[name] = to_kernel_units(name, arr)
    if "FB_g" in arrays:
        vals["FB_g_open"] = vals["FB_g"]
    if "NFA_b_1" in arrays:
        vals["NFA_b_1"] = arrays["NFA_b_1"]
    elif plan.spec.state.NFA_b_1 is None:
        vals["NFA_b_1"] = balancing_nfa_b(vals["W_h_1"], vals["K_fs_1"], vals["K_fl_1"],
                                          vals["FB_F_1"], vals["e_1"], vals["FB_g_open"],
                                          vals["B_g_1"])
    return KernelParams(**vals)  # drawn fields are arrays, the others stay scalars


def _corridor(p: KernelParams, plan: _Plan, i_R: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                        np.ndarray, int]:
    """Floor mask and call rates of a floating-rate block (i_C = ī_R on the floor)."""
    n = i_R.size
    if plan.corridor_root == "closed_form" or plan.maxiter < 1:
        gap_R, _ = lm_gap_slope(p, i_R)
        floor = np.broadcast_to(gap_R >= 0, (n,))
        i_C = i_R.copy()
        converged = np.ones(n, dtype=bool)
        iterations = 0
        corridor = np.flatnonzero(~floor)
        if corridor.size:
            q = _subset(p, corridor)
            x, ok, iterations = (corridor_rates(q, corridor.size, maxiter=plan.maxiter)
                                 if plan.maxiter >= 1 else _newton_many(q, corridor.size, 0))
            i_C[corridor] = x
            converged[corridor] = ok
        return floor, i_C, converged, iterations
    gap_R, _ = lm_gap_slope(p, i_R)
    floor = np.broadcast_to(gap_R >= 0, (n,))
    i_C = i_R.copy()
    converged = np.ones(n, dtype=bool)
    corridor = np.flatnonzero(~floor)
    if not corridor.size:
        return floor, i_C, converged, 0
    # Newton on the cubic z·gap of the corridor elements (z > 0 above ī_R, checked with the
    # draws, so the cubic has the sign of the gap)
    q = _subset(p, corridor)
    m = corridor.size
    lo = i_R[corridor]
    coef = _cubic_coefficients(q, m)
    scale = np.maximum(np.abs(q.CBL + q.B_c), 1.0) * np.ones(m)
    tol = LM_RTOL * scale * (q.theta + q.c_FB - q.i_FB + lo)
    x, done, iterations = _newton_cubic(coef, lo, tol, plan.maxiter, np.zeros(m, dtype=bool))
    # verified on the kernel: the cubic is the kernel's, up to the rounding of its coefficients
    gap, _ = lm_gap_slope(q, x)
    ok = done & (np.abs(gap) <= 10 * LM_RTOL * scale) & (x > lo)
    bad = np.flatnonzero(~ok)
    if bad.size:  # degenerate cubic (a ≈ 0), no root within reach ...: the kernel's iteration
        xb, okb, more = _newton_many(_subset(q, bad), bad.size, plan.maxiter)
        x[bad] = xb
        ok[bad] = okb
        iterations = max(iterations, more)
    i_C[corridor] = x
    converged[corridor] = ok
    return floor, i_C, converged, iterations


def _drawn(arrays: Mapping[str, np.ndarray], i: int) -> dict[str, float]:
    return {k: float(a[i]) for k, a in arrays.items()}


def _solve_block(plan: _Plan, arrays: Mapping[str, np.ndarray], start: int) -> _Block:
    """Solve the draws of one chunk (``start`` is the global index of its first draw)."""
    if plan.engine == "numba":
        block = _solve_block_compiled(plan, arrays)
        # anything the compiled engine did not settle, and any violation that must raise,
        # is redone by the numpy engine: its answer or its error, with its message
        if block.converged.all() and not (plan.on_violation == "raise"
                                          and any(m.any() for m in block.flags.values())):
            return block
    return _solve_block_numpy(plan, arrays, start)


def _solve_block_compiled(plan: _Plan, arrays: Mapping[str, np.ndarray]) -> _Block:
    """One chunk through the compiled engine (:mod:`monpol.islm.compiled`)."""
    base = np.array([float(plan.base_values[f]) for f in PARAM_INDEX])
    drawn = {k: (np.asarray(a, dtype=float) if k == "NFA_b_1" else to_kernel_units(k, a))
             for k, a in arrays.items()}
    out = compiled_block(
        base, drawn, fb_open="FB_g" in arrays,
        nfa_balance="NFA_b_1" not in arrays and plan.spec.state.NFA_b_1 is None,
        paper=plan.spec.convention == "paper", fixed=plan.spec.policy.fx_regime == "fixed",
        keep=plan.keep, rates=RATE_VARIABLES, maxiter=max(plan.maxiter, 1), total=plan.draws)
    return _Block(out["values"], out["at_floor"], out["converged"], out["flags"],
                  out["iterations"])


def _solve_block_numpy(plan: _Plan, arrays: Mapping[str, np.ndarray], start: int) -> _Block:
    n = next(iter(arrays.values())).size if arrays else 1
    p = _kernel_block(plan, arrays, n)
    i_R = np.broadcast_to(np.asarray(p.i_R, dtype=float), (n,))
    B_c = np.broadcast_to(np.asarray(p.B_c, dtype=float), (n,))
    eps: Any = 0.0
    iterations = 0
    if p.fixed:
        i_peg = p.i_FB - p.c_FB
        tie = np.abs(i_peg - i_R) <= RATE_TIE
        i_C = np.where(tie, i_R, i_peg)
        g = goods_market(p, i_C)
        gap = lm_gap(p, g)
        floor = tie & (gap >= 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            eps = np.where(floor, gap / g.D, 0.0)
        B_c = np.where(floor, B_c, (g.cc + p.beta_0) * g.D - p.CBL)
        at_floor = tie  # i_C = ī_R: the floor reserve case, whoever supplies the reserves
        converged = np.ones(n, dtype=bool)
    else:
        floor, i_C, converged, iterations = _corridor(p, plan, i_R)
        at_floor = floor
        g = goods_market(p, i_C)
        if floor.any():
            with np.errstate(divide="ignore", invalid="ignore"):
                eps = np.where(floor, lm_gap(p, g) / g.D, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = complete(p, g, eps, B_c)
    # one pass: a NaN or an infinity anywhere makes the element's sum non-finite (inf − inf
    # is NaN), as in the scalar solver's require_finite
    total = np.zeros(n)
    for v in raw.values():
        total += v
    converged &= np.isfinite(total)
    if plan.on_violation == "raise" and not converged.all():
        i = int(np.argmax(~converged))
        gap_i = float(np.broadcast_to(raw["lm_residual"], (n,))[i])
        i_C_i = float(np.broadcast_to(raw["i_C"], (n,))[i])
        raise ConvergenceError(
            f"element {start + i} did not converge: money-market residual CBL + B_c − (cc + β)·D "
            f"= {gap_i:.6g} at i_C = {frac_to_pct(float(i_C_i)):.6g} % (drawn values {_drawn(arrays, i)})"
        )
    expected = raw["accounting_gap"] if p.paper else 0.0
    with np.errstate(invalid="ignore"):
        flags = {c: np.broadcast_to(np.asarray(m, dtype=bool), (n,)) & converged
                 for c, m in check_assumptions(raw, p, walras_expected=expected).items()}
    if plan.on_violation == "raise":
        for code, mask in flags.items():
            if mask.any():
                i = int(np.argmax(mask))
                one: dict[str, Any] = {f: (float(getattr(p, f)[i])
                                           if isinstance(getattr(p, f), np.ndarray)
                                           and getattr(p, f).ndim == 1 else getattr(p, f))
                                       for f in KERNEL_FIELDS}
                p_i = KernelParams(**one)
                v_i = {k: float(np.broadcast_to(a, (n,))[i]) for k, a in raw.items()}
                w_i = float(np.broadcast_to(expected, (n,))[i])
                viol = describe(code, v_i, p_i, walras_expected=w_i)
                raise AccountingError(
                    f"element {start + i} violates {viol} (drawn values {_drawn(arrays, i)}); "
                    f"pass on_violation='flag' to get masks"
                )
    public: dict[str, np.ndarray] = {}
    every = bool(converged.all())
    for k in plan.keep:
        v = np.broadcast_to(np.asarray(raw[k], dtype=float), (n,))
        v = frac_to_pct(v) if k in RATE_VARIABLES else v
        public[k] = v if every else np.where(converged, v, np.nan)
    return _Block(public, np.broadcast_to(np.asarray(at_floor, dtype=bool), (n,)), converged,
                  flags, iterations)


def _chunk_task(item: tuple[Chunk, dict[str, np.ndarray]], plan: _Plan) -> _Block:
    chunk, arrays = item
    return _solve_block(plan, arrays, chunk.start)


def grid_draws(axes: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Every combination of the values on each axis, as draws for :func:`solve_many`.

    ``axes`` maps a parameter name to its values (public units); the first axis varies
    slowest. At most :data:`MAX_DRAWS` combinations, checked before anything is allocated.

    >>> g = grid_draws({"B_c": [40.0, 60.0], "CBL": [20.0, 30.0, 40.0]})
    >>> g["B_c"].tolist(), g["CBL"].tolist()
    ([40.0, 40.0, 40.0, 60.0, 60.0, 60.0], [20.0, 30.0, 40.0, 20.0, 30.0, 40.0])
    """
    instance_of("axes", axes, Mapping, "a mapping of parameter name -> values")
    if not axes:
        raise InputError("axes must name at least one parameter; got none")
    values = {str(k): finite_array(f"axes[{k!r}]", v, ndim=1) for k, v in axes.items()}
    total = 1
    for k, v in values.items():
        if v.size == 0:
            raise InputError(f"axes[{k!r}] must hold at least one value; got none")
        total *= v.size
    if total > MAX_DRAWS:
        sizes = " × ".join(f"{v.size:,}" for v in values.values())
        raise InputError(f"the grid must have at most {MAX_DRAWS:,} points; got {sizes} = {total:,}")
    mesh = np.meshgrid(*values.values(), indexing="ij")
    return {k: m.ravel() for k, m in zip(values, mesh, strict=True)}


def solve_many(
    base: IslmSpec | None = None,
    draws: Mapping[str, Any] | pd.DataFrame | None = None,
    *,
    on_violation: OnViolation = "raise",
    maxiter: int = 60,
    variables: Sequence[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    corridor_root: str = "newton",
    backend: str | Backend = "numpy",
    scheduler: str | None = None,
    progress: ProgressCallback | None = None,
    engine: str = "numpy",
) -> EquilibriumArray:
    """Solve the model for arrays of parameters at once, chunk by chunk.

    Parameters
    ----------
    base : IslmSpec, optional
        Values of the parameters not drawn, the exchange-rate regime and the convention
        (default: the illustrative calibration).
    draws : mapping name -> 1-D array, or DataFrame
        Parameter values in public units (percent for rates), all of one length N.
    on_violation : {"raise", "flag"}
        Raise on the first element that does not converge or violates an assumption
        (default; the first chunk with one, then its first element), or return masks
        (``converged``, ``violations``) instead.
    maxiter : int
        Newton iterations allowed.
    variables : list of str, optional
        The variables to keep (default: all of :data:`~monpol.islm.results.VARIABLES`); the
        result holds 8 bytes × N × len(variables), so keep few for very large N.
    chunk_size : int
        Draws solved at once (default 8,192): work memory is about
        ``WORK_BYTES_PER_DRAW × chunk_size`` wherever a chunk runs, whatever N is.
    corridor_root : {"newton", "closed_form"}
        Corridor call rates (floating rate) by safeguarded Newton on the cubic z·gap
        (default, the faster; see docs/performance.md) or by its closed-form root
        (:func:`corridor_rates`). Both are verified on the kernel and agree to rounding.
    backend : {"numpy", "dask"} or Backend
        Where the chunks run (:mod:`monpol.core.backends`); results are identical.
    scheduler : str, optional
        Dask scheduler address (with ``backend="dask"``).
    progress : callable, optional
        ``progress(chunks_done, chunks_total)``.
    engine : {"numpy", "numba"}
        How a chunk is solved: numpy over arrays (default), or the compiled engine
        (:mod:`monpol.islm.compiled`, extra ``monpol[numba]``; the same kernels compiled,
        2–4× faster (measured), compiled on first use and cached on disk; large sweeps get a
        vectorised driver, see :data:`~monpol.islm.compiled.FUSED_MIN_DRAWS`). Results agree
        to rounding; what the compiled engine cannot settle is redone by numpy, so errors and
        masks are the same.

    Returns
    -------
    EquilibriumArray
        Arrays of the kept variables (public units), the regime of each element, masks.

    Raises
    ------
    InputError
        A drawn value outside its range or a violated cross-parameter assumption (with the
        index), checked for every draw before any is solved.
    ConvergenceError, AccountingError
        With ``on_violation="raise"``: the first failing element, its index and numbers.
    """
    if draws is not None:
        instance_of("draws", draws, (Mapping, pd.DataFrame), "a mapping of parameter arrays or a DataFrame")
    spec = IslmSpec() if base is None else base
    if not isinstance(spec, IslmSpec):
        raise InputError(f"base must be an IslmSpec; got {type(spec).__name__}")
    one_of("on_violation", on_violation, ["raise", "flag"])
    one_of("corridor_root", corridor_root, CORRIDOR_ROOTS)
    eng = one_of("engine", engine, ENGINES)
    if eng == "numba":
        require_numba()
    iters = positive_int("maxiter", maxiter, minimum=0, maximum=10_000)
    size = check_chunk_size(chunk_size, bytes_per_item=WORK_BYTES_PER_DRAW)
    if variables is None:
        keep = tuple(VARIABLES)
    else:
        keep = tuple(one_of("variables", v, list(VARIABLES))
                     for v in sequence_arg("variables", variables, "variable names"))
        if not keep:
            raise InputError("variables must name at least one variable; got an empty list")
    if isinstance(draws, pd.DataFrame):
        draws = {str(c): draws[c].to_numpy() for c in draws.columns}
    arrays, n = _parse_draws(draws or {})
    if n > MAX_DRAWS:
        raise InputError(f"draws must have at most {MAX_DRAWS:,} elements; got {n:,}")
    chunks = plan_chunks(n, size, random=False)
    # the result's copy of the draws (read-only, unreachable from the caller), made chunk by
    # chunk and checked while in cache: every draw checked before any is solved; the chunks
    # are then solved from the copy
    private = {k: np.empty(n) for k in arrays}
    checker = _Checker(spec, private)
    for ch in chunks:
        for k, a in arrays.items():
            private[k][ch.start:ch.stop] = a[ch.start:ch.stop]
        checker.check(ch.start, ch.stop)

    p0 = kernel_params(spec)
    plan = _Plan(spec, {f: getattr(p0, f) for f in KERNEL_FIELDS}, on_violation, iters,
                 corridor_root, keep, eng, n)
    out = {k: np.empty(n) for k in keep}
    at_floor = np.empty(n, dtype=bool)
    converged = np.empty(n, dtype=bool)
    # zeros are allocated lazily (pages of zeros until written): a chunk writes a mask only
    # where it flags an element
    flags = {a.code: np.zeros(n, dtype=bool) for a in ASSUMPTIONS}
    iterations = 0
    items = [(ch, {k: a[ch.start:ch.stop] for k, a in private.items()}) for ch in chunks]
    for ch, blk in zip(chunks, run_chunks(_chunk_task, items, backend=backend,
                                          scheduler=scheduler, common=(plan,),
                                          progress=progress), strict=True):
        sl = slice(ch.start, ch.stop)
        for k in keep:
            out[k][sl] = blk.variables[k]
        at_floor[sl] = blk.at_floor
        converged[sl] = blk.converged
        for code, m in blk.flags.items():
            if m.any():
                flags[code][sl] = m
        iterations = max(iterations, blk.iterations)
    return EquilibriumArray(spec, n, out, at_floor, converged, flags, iterations,
                            private, size)


@dataclass(frozen=True)
class EquilibriumArray(Result):
    """Equilibria of many parameter draws.

    Attributes
    ----------
    base : IslmSpec
    size : int
    variables : read-only mapping name -> array
        The kept variables of :data:`~monpol.islm.results.VARIABLES` (all by default) in
        public units (rates in percent); also ``out["y"]``.
    at_floor : bool array
        Elements at the floor (i_C = ī_R), whoever supplies the reserves.
    regime : array of str
        floor / corridor (floating rate) or fixed, element by element (built from
        ``at_floor`` when first read).
    reserve_case : array of str
        floor / corridor, element by element (likewise).
    converged : bool array
    violations : read-only mapping code -> bool array
        Assumptions violated, per element (see :data:`~monpol.islm.assumptions.ASSUMPTIONS`).
    iterations : int
        Newton iterations used (0 if every element was on the floor).
    draws : read-only mapping name -> array
        The drawn parameters (public units).
    chunk_size : int
        Draws solved at once (the results do not depend on it beyond rounding of the
        iteration's stopping point; they do not depend on the backend at all).
    """

    base: IslmSpec
    size: int
    variables: Mapping[str, np.ndarray] = field(repr=False)
    at_floor: np.ndarray = field(repr=False)
    converged: np.ndarray = field(repr=False)
    violations: Mapping[str, np.ndarray] = field(repr=False)
    iterations: int = 0
    draws: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)
    chunk_size: int = DEFAULT_CHUNK

    def __post_init__(self) -> None:
        for name in ("variables", "violations", "draws"):
            object.__setattr__(self, name, ReadOnlyMapping(getattr(self, name)))
        for arr in (*self.variables.values(), self.at_floor, self.converged,
                    *self.violations.values(), *self.draws.values()):
            arr.flags.writeable = False

    @cached_property
    def reserve_case(self) -> np.ndarray:
        """floor / corridor, element by element (read-only)."""
        out: np.ndarray = _CASE_LABELS[self.at_floor.view(np.uint8)]
        out.flags.writeable = False
        return out

    @cached_property
    def regime(self) -> np.ndarray:
        """floor / corridor (floating rate) or fixed, element by element (read-only)."""
        if self.base.policy.fx_regime != "fixed":
            return self.reserve_case
        out = np.full(self.size, "fixed", dtype=object)
        out.flags.writeable = False
        return out

    def __getitem__(self, name: str) -> np.ndarray:
        one_of("variable", name, list(VARIABLES))
        if name not in self.variables:
            kept = ", ".join(self.variables)
            raise InputError(f"variable {name!r} was not kept by solve_many(variables=...); "
                             f"kept: {kept}")
        return self.variables[name]

    def __len__(self) -> int:
        return self.size

    @property
    def ok(self) -> np.ndarray:
        """Elements that converged and violate no assumption."""
        bad = np.zeros(self.size, dtype=bool)
        for m in self.violations.values():
            bad |= m
        return self.converged & ~bad

    def to_frame(self) -> pd.DataFrame:
        """One row per element: drawn parameters, ``regime``, ``ok``, every variable."""
        frame = pd.DataFrame({f"param_{k}": v for k, v in self.draws.items()})
        frame["regime"] = self.regime
        frame["converged"] = self.converged
        frame["ok"] = self.ok
        for k, v in self.variables.items():
            frame[k] = v
        frame.index.name = "draw"
        return frame

    def summary(self) -> Summary:
        s = Summary(f"Flow-of-funds IS-LM: {self.size:,} equilibria")
        counts = pd.Series(self.regime).value_counts()
        s.add_items({
            "exchange-rate regime": self.base.policy.fx_regime,
            "convention": self.base.convention,
            **{f"regime {k}": int(v) for k, v in counts.items()},
            "converged": int(self.converged.sum()),
            "violating an assumption": int((~self.ok & self.converged).sum()),
            "Newton iterations": self.iterations,
        })
        cols = [c for c in ("y", "i_C", "i_L", "i_B", "e", "eps", "M", "B_b", "FB_b")
                if c in self.variables]
        if cols:
            stats = pd.DataFrame({c: self.variables[c] for c in cols}).describe().T
            s.add_table(stats[["mean", "std", "min", "50%", "max"]],
                        "Distribution (rates in percent)")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "chunk_size": self.chunk_size,
            "fx_regime": self.base.policy.fx_regime,
            "convention": self.base.convention,
            "regime": self.regime.tolist(),
            "converged": self.converged.tolist(),
            "violations": {k: v.tolist() for k, v in self.violations.items()},
            "variables": {k: v.tolist() for k, v in self.variables.items()},
            "draws": {k: v.tolist() for k, v in self.draws.items()},
            "assumptions": {a.code: f"{a.reference}: {a.text}" for a in ASSUMPTIONS},
        }

