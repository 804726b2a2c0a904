"""Benchmark: the vectorised doom-loop simulator against a per-scenario loop.

Usage: python benchmarks/bonds_doom_loop.py [--quick]

For each number of scenarios S, times (best of ``repeat`` runs, wall clock):

* ``vectorised``: one ``simulate`` call on parameter arrays of length S;
* ``loop``: S ``simulate`` calls, one scalar scenario each (the baseline, same process);

and checks that both give the same paths. Then times ``find_threshold`` (vectorised grids)
against a scalar bisection written with one ``simulate`` call per evaluation. The machine
may be shared with other jobs: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from monpol.bonds.doom_loop import DoomLoopSpec, find_threshold, simulate


def best_of(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


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


def main(quick: bool = False) -> None:
    rng = np.random.default_rng(12345)
    sizes = [10, 100, 1000] if quick else [10, 100, 1000, 5000]
    rows = []
    for n in sizes:
        params = scenarios(n, rng)
        spec = DoomLoopSpec(**params)
        vec = simulate(spec)
        t_vec = best_of(lambda spec=spec: simulate(spec), repeat=5)

        def loop(params: dict[str, np.ndarray] = params, n: int = n) -> list[np.ndarray]:
            return [simulate(DoomLoopSpec(**{k: float(v[i]) for k, v in params.items()})).market_rate[0]
                    for i in range(n)]

        paths = np.vstack(loop())
        np.testing.assert_allclose(paths, vec.market_rate, rtol=1e-12, atol=1e-12)
        t_loop = best_of(loop, repeat=1 if n >= 1000 else 3)
        rows.append({"scenarios": n, "vectorised_s": t_vec, "loop_s": t_loop, "loop/vectorised": t_loop / t_vec})
    table = pd.DataFrame(rows)
    print("Doom-loop simulation, 30 years per scenario (best-of wall-clock seconds)")
    print(table.to_string(index=False, float_format=lambda x: f"{x:,.4f}"))

    tol = 1e-6
    t_grid = best_of(lambda: find_threshold("market_rate", 0.0, 6.0, tol=tol), repeat=3)
    th = find_threshold("market_rate", 0.0, 6.0, tol=tol)
    t_bis = best_of(lambda: bisection("market_rate", 0.0, 6.0, tol), repeat=3)
    value, evaluations = bisection("market_rate", 0.0, 6.0, tol)
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
    print("\nNote: timings on a shared machine; other jobs may have been running.")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
