"""Benchmark: corridor call rates, closed-form cubic root vs vectorised Newton (same draws),
and a cProfile of ``solve_many``.

Run: ``python benchmarks/islm_corridor_root.py``.
"""

from __future__ import annotations

import cProfile
import pstats

import numpy as np
from islm_vectorised import draws  # the benchmarks folder is on sys.path when run as a script
from timing import best_of

from monpol.islm import IslmSpec, solve_many
from monpol.islm.kernels import KERNEL_FIELDS, KernelParams, kernel_params, lm_gap_slope, to_kernel_units
from monpol.islm.vectorised import _newton_many, _subset, corridor_rates


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


def main() -> None:
    q, m, d = corridor_draws(100_000)
    for name, f in [("newton", lambda: _newton_many(q, m, 60)),
                    ("closed form", lambda: corridor_rates(q, m))]:
        best, _ = best_of(f, 5)
        print(f"{name:12s} corridor elements {m:,}  {best * 1e3:7.2f} ms  {m / best:,.0f} roots/s")
    x1, x2 = _newton_many(q, m, 60)[0], corridor_rates(q, m)[0]
    print("max |diff|", np.abs(x1 - x2).max())
    profile = cProfile.Profile()
    profile.enable()
    solve_many(draws=d)
    profile.disable()
    pstats.Stats(profile).sort_stats("tottime").print_stats(8)


if __name__ == "__main__":
    main()
