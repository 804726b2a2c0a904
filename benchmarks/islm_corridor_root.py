"""Benchmark: corridor call rates by three methods on the same draws, and a cProfile of
``solve_many``: safeguarded Newton on the kernel's gap (the baseline, what ``solve_many``
used before), Newton on the cubic z·gap (the default now) and the closed-form cubic root.

Run: ``python benchmarks/islm_corridor_root.py``.
"""

from __future__ import annotations

import cProfile
import pstats

import numpy as np
from islm_vectorised import draws  # the benchmarks folder is on sys.path when run as a script
from timing import best_of_interleaved

from monpol.islm import IslmSpec, solve_many
from monpol.islm.kernels import KERNEL_FIELDS, KernelParams, kernel_params, lm_gap_slope, to_kernel_units
from monpol.islm.solver import LM_RTOL
from monpol.islm.vectorised import _cubic_coefficients, _newton_cubic, _newton_many, _subset, corridor_rates


def corridor_draws(n: int) -> tuple[KernelParams, int, dict[str, np.ndarray]]:
    """The draws of ``islm_vectorised`` in kernel units, kept where the corridor binds."""
    d = draws(n)
    base = kernel_params(IslmSpec())
    vals = {f: getattr(base, f) for f in KERNEL_FIELDS}
    for k, a in d.items():
        vals[k] = to_kernel_units(k, a)
    vals["NFA_b_1"] = (vals["B_g_1"] + vals["FB_F_1"] + vals["K_fs_1"] + vals["K_fl_1"]
                       - vals["W_h_1"] - vals["e_1"] * vals["FB_g_open"])
    p = KernelParams(**vals)
    gap, _ = lm_gap_slope(p, p.i_R)
    idx = np.flatnonzero(gap < 0)
    return _subset(p, idx), idx.size, d


def newton_cubic(q: KernelParams, m: int) -> np.ndarray:
    """What solve_many does for corridor elements: coefficients, Newton, kernel check."""
    lo = np.broadcast_to(np.asarray(q.i_R, dtype=float), (m,)).copy()
    coef = _cubic_coefficients(q, m)
    scale = np.maximum(np.abs(q.CBL + q.B_c), 1.0) * np.ones(m)
    tol = LM_RTOL * scale * (q.theta + q.c_FB - q.i_FB + lo)
    x, done, _ = _newton_cubic(coef, lo, tol, 60, np.zeros(m, dtype=bool))
    gap, _ = lm_gap_slope(q, x)
    assert (done & (np.abs(gap) <= 10 * LM_RTOL * scale)).all()
    return x


def main() -> None:
    q, m, d = corridor_draws(100_000)
    methods = {"Newton on the kernel (baseline)": lambda: _newton_many(q, m, 60)[0],
               "Newton on the cubic (default)": lambda: newton_cubic(q, m),
               "closed-form cubic root": lambda: corridor_rates(q, m)[0]}
    best = best_of_interleaved(methods, 9)
    times = {name: (best[name], f()) for name, f in methods.items()}
    base = times["Newton on the kernel (baseline)"]
    print(f"corridor call rates, {m:,} corridor elements of 100,000 draws (best of 9, interleaved)")
    print(f"{'method':<36}{'ms':>9}{'roots/s':>14}{'ratio':>8}{'max |diff| vs baseline':>25}")
    for name, (t, x) in times.items():
        print(f"{name:<36}{t * 1e3:>9.2f}{m / t:>14,.0f}{base[0] / t:>8.2f}"
              f"{float(np.abs(x - base[1]).max()):>25.1e}")
    profile = cProfile.Profile()
    profile.enable()
    solve_many(draws=d, variables=["i_C", "y"])
    profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(8)


if __name__ == "__main__":
    main()
