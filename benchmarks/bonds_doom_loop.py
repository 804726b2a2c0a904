"""Benchmark: the doom-loop simulator, chunked, against a per-scenario loop and one big chunk.

Usage: python benchmarks/bonds_doom_loop.py [--quick]

In one process, best of several runs (the machine may be shared: compare the ratios):

* ``loop``: one ``simulate`` call per scalar scenario (the baseline), on 1,000 scenarios;
* ``chunked``: ``simulate`` on S = 1e4, 1e5, 1e6 scenarios in chunks of 4,096, outcomes and
  end values only (``keep_paths=False``), and with the six paths kept for S ≤ 1e5;
* ``one chunk, paths kept``: every scenario at once with the full histories (what the
  simulator did before chunking), for S ≤ 1e5.

Issue 13's target: cost per scenario flat from 1e4 to 1e6 in bounded memory (here: no
growth, the cost per scenario at 1e6 at most 1.25 × the cost at 1e4; it was 3.7 → 17.3 µs).
Then ``find_threshold`` (vectorised grids) against a scalar bisection with one ``simulate``
call per evaluation.
"""

from __future__ import annotations

import os
import sys
import tracemalloc

import numpy as np
import pandas as pd
from timing import best_of  # benchmarks/timing.py (the script's own folder is on sys.path)

from monpol.bonds.doom_loop import DoomLoopSpec, find_threshold, simulate


def scenarios(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {
        "market_rate": rng.uniform(0.0, 6.0, n),
        "growth": rng.uniform(0.0, 4.0, n),
        "primary_balance": rng.uniform(-4.0, 1.0, n),
        "premium_sensitivity": rng.uniform(0.0, 0.6, n),
        "cb_purchases": rng.uniform(-5.0, 5.0, n),
    }


def bisection(parameter: str, low: float, high: float, tol: float) -> tuple[float, int]:
    """Scalar baseline: plain bisection, one scenario per simulate call."""
    f_low = simulate(**{parameter: low}).keeps_rising[0]
    evaluations = 1
    while high - low >= tol:
        mid = (low + high) / 2
        rising = simulate(**{parameter: mid}).keeps_rising[0]
        evaluations += 1
        if rising == f_low:
            low = mid
        else:
            high = mid
    return (low + high) / 2, evaluations


def memory_mb(fn: object) -> tuple[float, float]:
    """Peak traced memory of one call and what its result keeps (MB)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    out = fn()  # type: ignore[operator]
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del out
    return peak / 2**20, kept / 2**20


def main(quick: bool = False) -> None:
    rng = np.random.default_rng(12345)
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    reps = 5

    n_loop = 300 if quick else 1000
    p_loop = scenarios(n_loop, rng)

    def loop() -> np.ndarray:
        return np.vstack([simulate(DoomLoopSpec(**{k: float(v[i]) for k, v in p_loop.items()}))
                          .path("market_rate")[0] for i in range(n_loop)])

    t_loop, paths = best_of(loop, 1)
    np.testing.assert_allclose(paths, simulate(DoomLoopSpec(**p_loop)).path("market_rate"),
                               rtol=1e-12, atol=1e-12)
    base = t_loop / n_loop
    rows = [{"case": "loop, one simulate call per scenario (baseline)", "scenarios": n_loop,
             "seconds": t_loop, "us/scenario": base * 1e6, "ratio": 1.0, "peak MB": float("nan"),
             "work MB": float("nan")}]
    flat = []
    for n in sizes:
        spec = DoomLoopSpec(**scenarios(n, rng))
        cases = [("chunked, outcomes and end values", dict(keep_paths=False))]
        if n <= 100_000:
            cases += [("chunked, six paths kept", dict(keep_paths=True)),
                      ("one chunk, six paths kept (before chunking)",
                       dict(keep_paths=True, chunk_size=n))]
        for label, kw in cases:
            t, _ = best_of(lambda spec=spec, kw=kw: simulate(spec, **kw), reps)
            peak, kept = memory_mb(lambda spec=spec, kw=kw: simulate(spec, **kw))
            rows.append({"case": label, "scenarios": n, "seconds": t, "us/scenario": t / n * 1e6,
                         "ratio": base / (t / n), "peak MB": peak, "work MB": peak - kept})
            if label.startswith("chunked, outcomes"):
                flat.append(t / n)
    load = os.getloadavg()
    print(f"Doom-loop simulation, 30 years per scenario (best-of wall-clock; load average "
          f"{load[0]:.2f}; ratio = baseline cost per scenario / this cost per scenario)")
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:,.3f}"))
    growth = flat[-1] / flat[0]
    print("peak MB: traced memory of one call; work MB: peak less what the result keeps")
    print(f"target cost per scenario flat from {sizes[0]:,} to {sizes[-1]:,} (no growth: cost at "
          f"{sizes[-1]:,} at most 1.25 x the cost at {sizes[0]:,}): "
          f"{'met' if growth <= 1.25 else 'NOT met'} ({growth:.2f} x)")

    tol = 1e-6
    t_grid, th = best_of(lambda: find_threshold("market_rate", 0.0, 6.0, tol=tol), 3)
    t_bis, (value, evaluations) = best_of(lambda: bisection("market_rate", 0.0, 6.0, tol), 3)
    assert abs(value - th.threshold) < 2 * tol
    print()
    print(f"Threshold search in market_rate on [0, 6], tol {tol:g} (best of 3)")
    print(pd.DataFrame([
        {"method": "vectorised grids (find_threshold)", "seconds": t_grid, "scenarios": th.evaluations,
         "threshold": th.threshold},
        {"method": "scalar bisection (baseline)", "seconds": t_bis, "scenarios": evaluations,
         "threshold": value},
    ]).to_string(index=False, float_format=lambda x: f"{x:.6f}"))
    print(f"ratio bisection/grids: {t_bis / t_grid:.2f}")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
