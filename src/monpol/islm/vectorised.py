"""Many equilibria at once: the model solved over arrays of parameters.

:func:`solve_many` takes a base specification and arrays for any of its parameters
(sensitivity sweeps, Monte Carlo over parameters) and solves every element with numpy: the
floor is tried for all elements at once, and the elements whose excess reserves would be
negative get their call rate from a vectorised, safeguarded Newton iteration with the
analytic slope (:func:`~monpol.islm.kernels.lm_gap_slope`). :func:`corridor_rates` gives the
same rates from the closed-form root of a cubic (floating rate: the money-market gap
(2-2-a) times the exchange-rate denominator of (2-6-a) is a cubic in i_C); measured in
benchmarks it is slower than Newton here (see docs/performance.md), so it is not the default.
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

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.core.results import Result, Summary
from monpol.core.validation import instance_of, one_of
from monpol.islm.assumptions import ASSUMPTIONS, check_assumptions, describe
from monpol.islm.kernels import (
    KERNEL_FIELDS,
    KernelParams,
    balancing_nfa_b,
    complete,
    goods_market,
    kernel_params,
    lm_gap,
    lm_gap_slope,
    to_kernel_units,
)
from monpol.islm.results import RATE_VARIABLES, VARIABLES, ReadOnlyMapping
from monpol.islm.solver import FIRST_STEP, LM_RTOL, MAX_SPREAD, RATE_TIE, OnViolation
from monpol.islm.spec import PARAMETERS, IslmSpec, canonical_name

__all__ = ["EquilibriumArray", "corridor_rates", "solve_many"]


def _check_draws(spec: IslmSpec, draws: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], int]:
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
    for name, arr in arrays.items():
        info = PARAMETERS[name]
        arr = np.broadcast_to(arr, (n,)).astype(float)
        bad = ~np.isfinite(arr)
        if info.low is not None:
            bad |= (arr <= info.low) if info.low_open else (arr < info.low)
        if info.high is not None:
            bad |= (arr >= info.high) if info.high_open else (arr > info.high)
        if bad.any():
            i = int(np.argmax(bad))
            raise InputError(
                f"draws[{name!r}] ({info.symbol}, {info.readable}) must be in "
                f"{info.range_text()}; got {float(arr[i])!r} at index {i}"
            )
        arrays[name] = arr
    # cross-parameter assumptions, element by element (cf. IslmSpec._cross_checks)
    def col(k: str) -> np.ndarray:
        return arrays[k] if k in arrays else np.full(n, float(spec[k]))

    checks = [
        (col("c_B") >= col("c_L"), "c_B must be below c_L (assumption 26)"),
        (col("c_B") >= col("c_FB"), "c_B must be below c_FB (assumption 29)"),
    ]
    if spec.policy.fx_regime == "floating":
        checks.append((col("theta") <= 0, "theta (θ) must be > 0 under a floating exchange rate"))
        z = col("theta") + (col("i_R") + col("c_FB") - col("i_FB")) / 100.0
        checks.append((z <= 0, "the exchange rate is undefined: theta + (i_R + c_FB − i_FB)/100 "
                               "must be > 0"))
    else:
        checks.append((col("i_FB") - col("c_FB") < col("i_R") - 1e-12,
                       "a fixed exchange rate needs i_FB − c_FB ≥ i_R"))
    for bad, text in checks:
        if bad.any():
            i = int(np.argmax(bad))
            shown = {k: float(col(k)[i]) for k in ("c_B", "c_L", "c_FB", "theta", "i_R", "i_FB")
                     if k in arrays}
            raise InputError(f"draws: {text}; violated at index {i} (drawn values {shown})")
    return arrays, n


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
    """Coefficients (a, b, c, d) of z·gap(i_C) = a·i³ + b·i² + c·i + d (floating rate).

    With z = θ + i_C + c_FB − ī_FB the exchange rate is e = θe_0/z (2-6-a); cc + β_0 is
    affine in i_C (2-3-a) and the deposit total D is affine in (i_C, e) jointly (the goods
    market is affine in both, see :func:`~monpol.islm.kernels.goods_market`), so with
    cc + β_0 = u_0 + u_1·i and D = v_0 + v_1·i + v_2·e, multiplying the money-market gap
    H − (cc + β_0)·D by z > 0 gives the cubic
    H(z_0 + i) − (u_0 + u_1 i)[(v_0 + v_1 i)(z_0 + i) + v_2 θe_0]. The affine pieces are read
    off the kernel itself (three evaluations), so the cubic is the kernel's, not a copy.
    """
    ones = np.ones(n)
    d00 = goods_market(p, 0.0 * ones, 0.0 * ones).D
    v1 = goods_market(p, ones, 0.0 * ones).D - d00
    v2 = goods_market(p, 0.0 * ones, ones).D - d00
    u1 = -p.cc_1 * (1.0 - p.beta_0) * ones
    u0 = (p.cc_0 - p.cc_1 * (p.beta_0 * p.i_R - p.c_D) + p.beta_0) * ones
    z0 = (p.theta + p.c_FB - p.i_FB) * ones
    A = p.theta * p.e_0
    H = p.CBL + p.B_c
    w0 = d00 * z0 + v2 * A
    w1 = d00 + v1 * z0
    w2 = v1
    a = -u1 * w2
    b = -(u0 * w2 + u1 * w1)
    c = H - u0 * w1 - u1 * w0
    d = H * z0 - u0 * w0
    return a, b, c, d


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


def solve_many(
    base: IslmSpec | None = None,
    draws: Mapping[str, Any] | pd.DataFrame | None = None,
    *,
    on_violation: OnViolation = "raise",
    maxiter: int = 60,
) -> EquilibriumArray:
    """Solve the model for arrays of parameters at once.

    Parameters
    ----------
    base : IslmSpec, optional
        Values of the parameters not drawn, the exchange-rate regime (``fx_regime``) and the
        convention (default: the illustrative calibration).
    draws : mapping name -> 1-D array, or DataFrame
        Parameter values in public units (percent for rates), all of one length N.
    on_violation : {"raise", "flag"}
        Raise on the first element that does not converge or violates an assumption
        (default), or return masks (``converged``, ``violations``) instead.
    maxiter : int
        Newton iterations allowed.

    Returns
    -------
    EquilibriumArray
        Arrays of every variable (public units), the regime of each element, masks.

    Raises
    ------
    InputError
        A drawn value outside its range or a violated cross-parameter assumption (with the
        index).
    ConvergenceError, AccountingError
        With ``on_violation="raise"``: the first failing element, its index and numbers.
    """
    if draws is not None:
        instance_of("draws", draws, (Mapping, pd.DataFrame), "a mapping of parameter arrays or a DataFrame")
    spec = IslmSpec() if base is None else base
    if not isinstance(spec, IslmSpec):
        raise InputError(f"base must be an IslmSpec; got {type(spec).__name__}")
    one_of("on_violation", on_violation, ["raise", "flag"])
    if isinstance(draws, pd.DataFrame):
        draws = {str(c): draws[c].to_numpy() for c in draws.columns}
    arrays, n = _check_draws(spec, draws or {})

    p0 = kernel_params(spec)
    vals: dict[str, Any] = {f: getattr(p0, f) for f in KERNEL_FIELDS}
    for name, arr in arrays.items():
        if name != "NFA_b_1":
            vals[name] = to_kernel_units(name, arr)
    if "FB_g" in arrays:
        vals["FB_g_open"] = vals["FB_g"]
    if "NFA_b_1" in arrays:
        vals["NFA_b_1"] = arrays["NFA_b_1"]
    elif spec.state.NFA_b_1 is None:
        vals["NFA_b_1"] = balancing_nfa_b(vals["W_h_1"], vals["K_fs_1"], vals["K_fl_1"],
                                          vals["FB_F_1"], vals["e_1"], vals["FB_g_open"],
                                          vals["B_g_1"])
    p = KernelParams(**vals)  # drawn fields are arrays, the others stay scalars

    i_R = np.broadcast_to(np.asarray(p.i_R, dtype=float), (n,))
    B_c = np.broadcast_to(np.asarray(p.B_c, dtype=float), (n,)).copy()
    eps = np.zeros(n)
    converged = np.ones(n, dtype=bool)
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
    else:
        gap_R, _ = lm_gap_slope(p, i_R)
        floor = gap_R >= 0
        at_floor = floor
        i_C = i_R.copy()
        corridor = np.flatnonzero(~floor)
        if corridor.size:
            x, ok, iterations = _newton_many(_subset(p, corridor), corridor.size, maxiter)
            i_C[corridor] = x
            converged[corridor] = ok
        g = goods_market(p, i_C)
        with np.errstate(divide="ignore", invalid="ignore"):
            eps = np.where(floor, lm_gap(p, g) / g.D, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = complete(p, g, eps, B_c)
    raw = {k: np.broadcast_to(np.asarray(v, dtype=float), (n,)) for k, v in raw.items()}
    # one pass: a NaN or an infinity anywhere makes the element's sum non-finite (inf − inf
    # is NaN), as in the scalar solver's require_finite
    finite = np.isfinite(sum(raw.values()))
    converged &= finite
    reserve_case = _CASE_LABELS[np.asarray(at_floor, dtype=np.intp)]
    regime = reserve_case.copy()
    if p.fixed:
        regime = np.full(n, "fixed", dtype=object)
    if on_violation == "raise" and not converged.all():
        i = int(np.argmax(~converged))
        gap_i = float(raw["lm_residual"][i])
        raise ConvergenceError(
            f"element {i} did not converge: money-market residual CBL + B_c − (cc + β)·D = "
            f"{gap_i:.6g} at i_C = {float(raw['i_C'][i]) * 100:.6g} % (drawn values "
            f"{ {k: float(a[i]) for k, a in arrays.items()} })"
        )
    expected = raw["accounting_gap"] if p.paper else 0.0
    with np.errstate(invalid="ignore"):
        flags = {c: np.asarray(m, dtype=bool) & converged
                 for c, m in check_assumptions(raw, p, walras_expected=expected).items()}
    if on_violation == "raise":
        for code, mask in flags.items():
            if mask.any():
                i = int(np.argmax(mask))
                one: dict[str, Any] = {f: (float(getattr(p, f)[i])
                                           if isinstance(getattr(p, f), np.ndarray)
                                           else getattr(p, f)) for f in KERNEL_FIELDS}
                p_i = KernelParams(**one)
                v_i = {k: float(a[i]) for k, a in raw.items()}
                w_i = float(np.broadcast_to(expected, (n,))[i])
                viol = describe(code, v_i, p_i, walras_expected=w_i)
                raise AccountingError(
                    f"element {i} violates {viol} (drawn values "
                    f"{ {k: float(a[i]) for k, a in arrays.items()} }); pass "
                    f"on_violation='flag' to get masks"
                )
    public = {k: (raw[k] * 100.0 if k in RATE_VARIABLES else raw[k]) for k in VARIABLES}
    if not converged.all():
        for k in public:
            public[k] = np.where(converged, public[k], np.nan)
    return EquilibriumArray(spec, n, public, regime, reserve_case, converged, flags,
                            iterations, {k: np.asarray(v).copy() for k, v in arrays.items()})


@dataclass(frozen=True)
class EquilibriumArray(Result):
    """Equilibria of many parameter draws.

    Attributes
    ----------
    base : IslmSpec
    size : int
    variables : read-only mapping name -> array
        Every variable of :data:`~monpol.islm.results.VARIABLES` in public units (rates in
        percent); also ``out["y"]``.
    regime : array of str
        floor / corridor (floating rate) or fixed, element by element.
    reserve_case : array of str
        floor / corridor, element by element.
    converged : bool array
    violations : read-only mapping code -> bool array
        Assumptions violated, per element (see :data:`~monpol.islm.assumptions.ASSUMPTIONS`).
    iterations : int
        Newton iterations used (0 if every element was on the floor).
    draws : read-only mapping name -> array
        The drawn parameters (public units).
    """

    base: IslmSpec
    size: int
    variables: Mapping[str, np.ndarray] = field(repr=False)
    regime: np.ndarray = field(repr=False)
    reserve_case: np.ndarray = field(repr=False)
    converged: np.ndarray = field(repr=False)
    violations: Mapping[str, np.ndarray] = field(repr=False)
    iterations: int = 0
    draws: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in ("variables", "violations", "draws"):
            object.__setattr__(self, name, ReadOnlyMapping(getattr(self, name)))
        for arr in (*self.variables.values(), self.regime, self.reserve_case, self.converged,
                    *self.violations.values(), *self.draws.values()):
            arr.flags.writeable = False

    def __getitem__(self, name: str) -> np.ndarray:
        one_of("variable", name, list(VARIABLES))
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
        cols = ["y", "i_C", "i_L", "i_B", "e", "eps", "M", "B_b", "FB_b"]
        stats = pd.DataFrame({c: self.variables[c] for c in cols}).describe().T
        s.add_table(stats[["mean", "std", "min", "50%", "max"]], "Distribution (rates in percent)")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "fx_regime": self.base.policy.fx_regime,
            "convention": self.base.convention,
            "regime": self.regime.tolist(),
            "converged": self.converged.tolist(),
            "violations": {k: v.tolist() for k, v in self.violations.items()},
            "variables": {k: v.tolist() for k, v in self.variables.items()},
            "draws": {k: v.tolist() for k, v in self.draws.items()},
            "assumptions": {a.code: f"{a.reference}: {a.text}" for a in ASSUMPTIONS},
        }

