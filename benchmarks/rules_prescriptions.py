"""Vectorised rule prescriptions vs the scalar API in a Python loop (same process).

Prints per-prescription time for (a) ``prescribe()`` called in a loop on a subsample and
(b) ``rule_kernel`` on numpy arrays, and their ratio, for several rules.

    python benchmarks/rules_prescriptions.py [N]
"""

from __future__ import annotations

import sys
import time

import numpy as np

from monpol.rules import get_rule, prescribe
from monpol.rules.prescribe import rule_kernel


def main(n: int = 1_000_000, n_loop: int = 20_000, repeat: int = 3) -> None:
    rng = np.random.default_rng(0)
    pi = rng.normal(2.5, 1.5, n)
    gap = rng.normal(0.0, 2.0, n)
    lag = rng.uniform(0.0, 6.0, n)
    gap4 = rng.normal(0.0, 2.0, n)
    print(f"{'rule':<18}{'loop µs/item':>14}{'vector ns/item':>16}{'speed-up':>10}")
    for name in ("taylor1993", "inertial", "first-difference"):
        rule = get_rule(name)

        def extra(i: int, rule=rule) -> dict[str, float]:  # the inputs this rule needs
            out = {}
            if rule.needs_lagged_rate:
                out["lagged_rate"] = lag[i]
            if rule.form == "first_difference":
                out["output_gap_lag4"] = gap4[i]
            return out

        t0 = time.perf_counter()
        for i in range(n_loop):
            prescribe(rule, inflation=pi[i], output_gap=gap[i], **extra(i))
        loop = (time.perf_counter() - t0) / n_loop
        best = np.inf
        for _ in range(repeat):
            t0 = time.perf_counter()
            out = rule_kernel(rule, inflation=pi, gap=gap, r_star=2.0, inflation_target=2.0,
                              lagged_rate=lag, gap_lag4=gap4)["unconstrained"]
            best = min(best, time.perf_counter() - t0)
        vec = best / n
        check = prescribe(rule, inflation=pi[0], output_gap=gap[0], **extra(0)).unconstrained_rate
        assert abs(out[0] - check) < 1e-9
        print(f"{name:<18}{loop * 1e6:>14.2f}{vec * 1e9:>16.1f}{loop / vec:>10.0f}x")
    print(f"(vector: {n:,} inputs, best of {repeat}; loop: {n_loop:,} calls of prescribe())")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
