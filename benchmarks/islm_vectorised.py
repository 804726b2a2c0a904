"""Benchmark: the vectorised flow-of-funds IS-LM solver and the dynamics.

Solves 1e4 .. 1e6 (``--sizes``, up to 1e7) parameter draws with :func:`monpol.islm.solve_many`
(chunked) and compares, in the same process, with a scalar loop over a subsample that does
the same work element by element with scipy root-finding (:func:`scipy.optimize.brentq` after bracketing, as
:func:`monpol.islm.solve` does), and with the full :func:`monpol.islm.solve` (spec
validation and result object included). Also times a 100-period simulation.

With numba installed (``monpol[numba]``) the compiled engine (``engine="numba"``) is timed
beside the numpy engine: its compile time in this process (first call), then warm calls.

Run: ``python benchmarks/islm_vectorised.py [--sizes 10000,100000,1000000,10000000]``.
Timings are the best of several repeats (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time

import numpy as np
from timing import best_of, best_of_interleaved  # benchmarks/timing.py (folder on sys.path)

from monpol.islm import IslmSpec, compiled, simulate, solve, solve_many
from monpol.islm.compiled import available as numba_available
from monpol.islm.kernels import KERNEL_FIELDS, KernelParams, kernel_params, to_kernel_units
from monpol.islm.solver import solve_kernel, values_of


def draws(n: int, seed: int = 20240601) -> dict[str, np.ndarray]:
    """Parameter draws around the illustrative calibration, about half in the corridor."""
    rng = np.random.default_rng(seed)
    return {
        "B_c": rng.uniform(10.0, 110.0, n),
        "CBL": rng.uniform(10.0, 80.0, n),
        "G": rng.uniform(100.0, 125.0, n),
        "c_L": rng.uniform(1.0, 2.5, n),
        "e_0": rng.uniform(0.9, 1.1, n),
        "theta": rng.uniform(0.3, 0.9, n),
        "W_h_1": rng.uniform(1400.0, 1600.0, n),
        "b_h": rng.uniform(30.0, 70.0, n),
    }


def scalar_loop(base: IslmSpec, d: dict[str, np.ndarray], idx: np.ndarray) -> list[dict[str, float]]:
    """Element by element: kernel parameters, brentq on the money market, every variable."""
    p0 = kernel_params(base)
    vals0 = {f: getattr(p0, f) for f in KERNEL_FIELDS}
    out = []
    for i in idx:
        vals = dict(vals0)
        for k, arr in d.items():
            vals[k] = to_kernel_units(k, float(arr[i]))
        if "W_h_1" in d:  # keep the opening balance sheets consistent, as solve_many does
            vals["NFA_b_1"] = (vals["B_g_1"] + vals["FB_F_1"] + vals["K_fs_1"] + vals["K_fl_1"]
                               - vals["W_h_1"] - vals["e_1"] * vals["FB_g_open"])
        p = KernelParams(**vals)
        out.append(values_of(p, solve_kernel(p, method="brentq")))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000",
                    help="draws of the sweep, comma separated (e.g. add 10000000)")
    ap.add_argument("--subsample", type=int, default=2_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    sizes = [int(float(x)) for x in args.sizes.split(",")]

    base = IslmSpec()
    n_check = max(min(sizes), args.subsample)
    d = draws(n_check)
    idx = np.random.default_rng(1).choice(n_check, size=args.subsample, replace=False)

    solve_many(base, {k: v[:1000] for k, v in d.items()}, on_violation="flag")  # warm-up
    engines = ["numpy"]
    compile_s = load_s = float("nan")
    if numba_available():
        engines.append("numba")
        # a fresh cache folder, so that the first call really compiles (the subprocess below
        # inherits it and loads what was compiled)
        os.environ["MONPOL_CACHE_DIR"] = tempfile.mkdtemp(prefix="monpol-bench-")
        compiled.FUSED_MIN_DRAWS = 0  # compile the fused sweep driver at the first call
        t0 = time.perf_counter()  # first call compiles the kernels and drivers
        solve_many(base, d, on_violation="flag", engine="numba", variables=["i_C", "y"])
        simulate(base, periods=2, on_violation="flag", engine="numba")
        compile_s = time.perf_counter() - t0
        # a later process: loads the compiled code from the cache instead of compiling (the
        # same drawn parameters and kept variables: the fused sweep driver is per such set)
        code = ("import time; t0 = time.perf_counter(); import sys\n"
                f"sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r})\n"
                "from islm_vectorised import draws\n"
                "from monpol.islm import simulate, solve_many\n"
                f"solve_many(draws=draws({n_check}), on_violation='flag', engine='numba', "
                "variables=['i_C', 'y'])\n"
                "simulate(periods=2, on_violation='flag', engine='numba')\n"
                "print(time.perf_counter() - t0)")
        load_s = float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                      text=True, check=True).stdout)
    t_scalar, ref = best_of(lambda: scalar_loop(base, d, idx), max(1, args.repeats // 2))
    rate_scalar = args.subsample / t_scalar
    n_full = min(200, args.subsample)
    specs = [base.replace(**{k: float(v[i]) for k, v in d.items()}) for i in idx[:n_full]]
    t_full, _ = best_of(lambda: [solve(s, on_violation="flag") for s in specs], 2)
    rate_full = n_full / t_full
    out = solve_many(base, d, on_violation="flag")

    # agreement on the subsample
    worst = 0.0
    for j, i in enumerate(idx):
        for k in ("y", "i_C", "eps", "M", "B_b"):
            scale = 100.0 if k == "i_C" else 1.0
            worst = max(worst, abs(out[k][i] - ref[j][k] * scale) / max(1.0, abs(out[k][i])))
    corridor = float(np.mean(out.regime == "corridor"))

    rows: list[tuple[str, int, float]] = []
    keep = ["i_C", "y"]
    for n in sizes:
        dn = draws(n)
        reps = args.repeats if n <= 10**6 else 1
        if n <= 10**5:
            t, _ = best_of(lambda dn=dn: solve_many(base, dn, on_violation="flag"), reps)
            rows.append(("solve_many, every variable kept", n, t))
        for eng in engines:
            if n > 10**6:  # the first call of this size pays for fresh memory; then a repeat
                t, _ = best_of(lambda dn=dn, eng=eng: solve_many(base, dn, on_violation="flag",
                                                                 variables=keep, engine=eng), 1)
                rows.append((f"  {eng}, first call of this size", n, t))
            t, _ = best_of(lambda dn=dn, eng=eng: solve_many(base, dn, on_violation="flag",
                                                             variables=keep, engine=eng), reps)
            rows.append((f"solve_many {eng}, i_C and y kept (chunks of 8,192)", n, t))
        if n == 10**6:  # the variants interleaved with the default (fair under changing load)
            best = best_of_interleaved({
                "default": lambda dn=dn: solve_many(base, dn, on_violation="flag", variables=keep),
                "one chunk": lambda dn=dn, n=n: solve_many(base, dn, on_violation="flag",
                                                           variables=keep, chunk_size=n),
                "closed form": lambda dn=dn: solve_many(base, dn, on_violation="flag",
                                                        variables=keep, corridor_root="closed_form"),
            }, reps)
            rows.append(("  numpy, interleaved with the two below", n, best["default"]))
            rows.append(("  numpy in one chunk (no chunking)", n, best["one chunk"]))
            rows.append(("  numpy, closed-form corridor root", n, best["closed form"]))
        del dn

    # dynamics: 100 periods (flagging the assumption violations the calibration runs into)
    sims: dict[tuple[str, str], float] = {}
    for name, spec in (("floor", base), ("corridor", IslmSpec.illustrative_corridor()),
                       ("fixed", IslmSpec().replace(fx_regime="fixed", c_FB=2.5))):
        for eng in engines:
            simulate(spec, periods=100, shocks=["G=115@10"], on_violation="flag", engine=eng)
            t_sim, _ = best_of(lambda spec=spec, eng=eng: simulate(
                spec, periods=100, shocks=["G=115@10"], on_violation="flag", engine=eng), 20)
            sims[(name, eng)] = t_sim

    # what fresh memory costs here (first touch of new pages): the result of a sweep holds
    # ~100 bytes a draw (draws copied, kept variables, masks), paid at this rate
    t_touch, _ = best_of(lambda: np.ones(2**25), 3)  # 256 MiB
    ns_per_byte = t_touch / 2**28 * 1e9

    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"monpol islm benchmark — {platform.python_version()}, numpy {np.__version__}, "
          f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"(shared machine: timings are best of {args.repeats}; one process, one core)")
    print()
    print(f"{'case':<52}{'n':>12}{'time (s)':>11}{'per second':>14}{'ratio':>9}")
    print("-" * 98)
    print(f"{'scalar loop, scipy brentq (baseline)':<52}{args.subsample:>12,}{t_scalar:>11.4f}"
          f"{rate_scalar:>14,.0f}{1.0:>9.1f}")
    print(f"{'solve() per draw (validated spec + result object)':<52}{n_full:>12,}{t_full:>11.4f}"
          f"{rate_full:>14,.0f}{rate_full / rate_scalar:>9.2f}")
    for label, n, t in rows:
        print(f"{label:<52}{n:>12,}{t:>11.4f}{n / t:>14,.0f}{n / t / rate_scalar:>9.1f}")
    print()
    print(f"share of draws in the corridor: {corridor:.1%}; all converged: "
          f"{bool(out.converged.all())}; largest relative difference vectorised vs scalar on "
          f"the subsample: {worst:.1e}")
    print(f"fresh memory (np.ones of 256 MiB): {ns_per_byte:.2f} ns per byte, i.e. "
          f"{ns_per_byte * 100:.0f} ns per draw for a result of 100 bytes a draw")
    # issue 13's targets: >= 1e7 equilibria/s per core, flat from 1e4 to 1e7 draws
    if "numba" in engines:
        print(f"compiled engine: compiling (first call, empty cache) {compile_s:.1f} s; a new "
              f"process importing monpol and making one call of each: {load_s:.2f} s (loads "
              f"the cached code)")
    for eng in engines:
        kept = [(n, n / t) for label, n, t in rows if label.startswith(f"solve_many {eng}, i_C")]
        best = max(r for _, r in kept)
        flat = kept[-1][1] / kept[0][1]
        print(f"[{eng}] target >= 10,000,000 equilibria/s per core: "
              f"{'met' if best >= 1e7 else 'NOT met'} (best {best:,.0f}/s)")
        print(f"[{eng}] target throughput flat from {kept[0][0]:,} to {kept[-1][0]:,} draws (the "
              f"rate at {kept[-1][0]:,} at least 80 % of the rate at {kept[0][0]:,}): "
              f"{'met' if flat >= 0.8 else 'NOT met'} ({flat:.2f})")
    print()
    print(f"{'100-period simulation (shock G=115@10)':<40}{'engine':>8}{'time (ms)':>11}"
          f"{'ratio':>8}{'target < 1 ms':>16}")
    print("-" * 83)
    for (name, eng), t in sims.items():
        ratio = sims[(name, "numpy")] / t
        print(f"{'  ' + name:<40}{eng:>8}{t * 1e3:>11.3f}{ratio:>8.1f}"
              f"{'met' if t < 1e-3 else 'NOT met':>16}")


if __name__ == "__main__":
    main()
