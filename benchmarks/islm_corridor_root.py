"""Benchmark: corridor call rates, closed-form cubic root vs vectorised Newton (same draws), and a cProfile of solve_many.

Run: ``python benchmarks/islm_corridor_root.py``.
"""
import sys, time, cProfile, pstats
sys.path.insert(0, "benchmarks")
import numpy as np
from islm_vectorised import draws
from monpol.islm import IslmSpec, solve_many
from monpol.islm.kernels import KERNEL_FIELDS, KernelParams, kernel_params, to_kernel_units, lm_gap_slope
from monpol.islm.vectorised import _newton_many, corridor_rates, _subset
n = 100_000
d = draws(n)
p0 = kernel_params(IslmSpec()); vals = {f: getattr(p0, f) for f in KERNEL_FIELDS}
for k, a in d.items(): vals[k] = to_kernel_units(k, a)
vals["NFA_b_1"] = vals["B_g_1"] + vals["FB_F_1"] + vals["K_fs_1"] + vals["K_fl_1"] - vals["W_h_1"] - vals["e_1"] * vals["FB_g_open"]
p = KernelParams(**vals)
g, _ = lm_gap_slope(p, p.i_R); idx = np.flatnonzero(g < 0); q = _subset(p, idx); m = idx.size
for name, f in [("newton", lambda: _newton_many(q, m, 60)), ("closed form", lambda: corridor_rates(q, m))]:
    best = min((lambda t0: (f(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
    print(f"{name:12s} corridor elements {m:,}  {best*1e3:7.2f} ms  {m/best:,.0f} roots/s")
x1 = _newton_many(q, m, 60)[0]; x2 = corridor_rates(q, m)[0]; print("max |diff|", np.abs(x1 - x2).max())
pr = cProfile.Profile(); pr.enable(); solve_many(draws=d); pr.disable()
pstats.Stats(pr).sort_stats("tottime").print_stats(8)
