"""Benchmark: exit Monte Carlo, 100,000 paths x 30 years on the BoJ end-2022 ladder.

Compares, in the same process, the vectorised kernel (``ExitModel.simulate``: all paths of a
chunk at once with numpy) with a straightforward per-path Python loop over years and bonds
(``monpol.exit.reference.project_path_loop``) run on a subsample; the loop's time per path
is scaled to the full number of paths for the ratio. Both are checked to give the same
numbers on the subsample.

Usage: python benchmarks/exit_montecarlo.py [--paths 100000] [--subsample 100] [--million]

``--million`` also runs 1,000,000 paths and reports the peak resident memory of the process.
Timings depend on the machine and on its load; report them with that caveat.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

import numpy as np

from monpol.exit import ExitModel, boj_ladder, mof_curve
from monpol.exit.montecarlo import Vasicek
from monpol.exit.reference import piece_yield_table, project_path_loop

YEARS = 30


def build_model() -> ExitModel:
    return ExitModel(boj_ladder(), curve=mof_curve(), excess_reserves=477.0, start_year=2023,
                     years=YEARS, capital=11.0, reinvest_share=0.5)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--paths", type=int, default=100_000)
    ap.add_argument("--subsample", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--million", action="store_true")
    args = ap.parse_args()

    model = build_model()
    process = Vasicek(r0=0.5, mean=0.75, speed=0.3, vol=0.35, floor=0.0)

    # same paths for both methods: draw once, then time the projection of a given matrix as well
    rates = process.paths(args.paths, YEARS, np.random.default_rng(0))

    full_times, given_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mc = model.simulate(paths=args.paths, process=process, rng=0)
        full_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        model.simulate(rates=rates)
        given_times.append(time.perf_counter() - t0)
    t_full, t_given = min(full_times), min(given_times)

    sub = rates[: args.subsample]
    t0 = time.perf_counter()
    table = piece_yield_table(model)   # path-independent: computed once, charged to the loop once
    t_table = time.perf_counter() - t0
    t0 = time.perf_counter()
    loops = [project_path_loop(model, row, table) for row in sub]
    t_loop = time.perf_counter() - t0
    per_path_loop = t_loop / len(sub)
    loop_full = per_path_loop * args.paths + t_table

    # agreement on the subsample
    check = model.simulate(rates=sub, keep_paths=True)
    assert check.cumulative_paths is not None
    worst = max(float(np.max(np.abs(np.asarray(lp["cumulative"]) - check.cumulative_paths[i])))
                for i, lp in enumerate(loops))

    print(f"exit Monte Carlo: BoJ ladder ({len(model.ladder)} issues), {YEARS} years, half reinvested, "
          f"{process.describe()}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores visible, numpy {np.__version__}, "
          f"python {platform.python_version()}; shared with other jobs while measured")
    print()
    header = f"{'method':<46} {'paths':>10} {'seconds':>10} {'us/path':>10} {'speed-up':>9}"
    print(header)
    print("-" * len(header))

    def row(name: str, paths: int, seconds: float) -> None:
        print(f"{name:<46} {paths:>10,} {seconds:>10.3f} {1e6 * seconds / paths:>10.1f} "
              f"{loop_full / seconds:>8.0f}x")

    print(f"{'per-path Python loop (subsample, measured)':<46} {len(sub):>10,} {t_loop:>10.3f} "
          f"{1e6 * per_path_loop:>10.1f} {'':>9}")
    print(f"{'per-path Python loop (scaled to all paths)':<46} {args.paths:>10,} {loop_full:>10.1f} "
          f"{1e6 * loop_full / args.paths:>10.1f} {1:>8.0f}x")
    row("vectorised, paths drawn (Vasicek) + projected", args.paths, t_full)
    row("vectorised, given matrix projected", args.paths, t_given)
    print()
    print(f"loop: the path-independent yield table ({t_table:.2f} s) is computed once and added once "
          f"to the scaled loop time")
    print(f"vectorised: best of {args.repeat} runs; max |loop - vectorised| cumulative result on the "
          f"subsample: {worst:.2e} trillion yen (float32 storage)")
    print(f"P(capital exhausted) = {mc.probability_exhausted:.4f}; median cumulative loss = "
          f"{mc.loss_quantiles()['p50']:.3f} trillion yen")

    if args.million:
        t0 = time.perf_counter()
        big = model.simulate(paths=1_000_000, process=process, rng=1, chunk_size=50_000)
        t_big = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB -> MB on Linux
        print(f"1,000,000 paths in chunks of 50,000: {t_big:.2f} s, peak resident memory of the "
              f"process {peak:,.0f} MB; P(capital exhausted) = {big.probability_exhausted:.4f}")


if __name__ == "__main__":
    main()
