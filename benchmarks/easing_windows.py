"""Benchmark: classifying many windows of the weekly H.4.1 series.

Compares the vectorised classifier (``classify_h41(rolling=k)``: all windows in one call of
the array kernel) with two baselines run in the same process: the same kernel called once
per window, and the snapshot path (a ``BalanceSheet`` pair and ``classify`` per window).
Prints a table: windows, seconds (best of 3), microseconds per window, ratio to the
vectorised run. Run: python benchmarks/easing_windows.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from monpol.core.units import MILLION_USD
from monpol.easing import BalanceSheet, Thresholds, classify, classify_h41, load_h41
from monpol.easing.classify import classify_arrays

K = 13  # a quarter of weekly observations


def best(f: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    h41 = load_h41()[["WALCL", "TREAST"]].dropna()
    vals = np.column_stack([h41["TREAST"], h41["WALCL"] - h41["TREAST"]])
    n = len(vals) - K
    liq, rsk, th = np.array([True, False]), np.array([False, True]), Thresholds()

    def vectorised() -> object:
        return classify_h41(rolling=K)

    def kernel_loop() -> object:
        return [classify_arrays(vals[[i]], vals[[i + K]], liq, rsk, thresholds=th)["verdict"][0]
                for i in range(n)]

    def sheet(i: int) -> BalanceSheet:
        t, o = float(vals[i, 0]), float(vals[i, 1])
        return BalanceSheet.from_records("Federal Reserve", str(h41.index[i].date()), MILLION_USD, [
            ("asset", "Treasuries", "government_long", t),
            ("asset", "Other", "lending_institutions", o),
            ("liability", "All", "other", t + o)])

    m = 100  # the snapshot path is slow: time 100 windows and scale per window

    def snapshot_loop() -> object:
        return [classify(sheet(i), sheet(i + K), stated_target="none").verdict for i in range(m)]

    v = best(vectorised)
    rows = [("vectorised classify_h41(rolling=13)", n, v),
            ("kernel called per window", n, best(kernel_loop)),
            ("BalanceSheet + classify per window", m, best(snapshot_loop))]
    print(f"H.4.1 weekly {h41.index[0].date()} to {h41.index[-1].date()}, {n} windows of {K} weeks")
    print(f"{'method':<40}{'windows':>9}{'seconds':>10}{'us/window':>11}{'ratio':>9}")
    per_v = v / n
    for name, count, sec in rows:
        per = sec / count
        print(f"{name:<40}{count:>9}{sec:>10.4f}{per * 1e6:>11.1f}{per / per_v:>9.1f}")
    print("ratio: time per window relative to the vectorised run (same process).")


if __name__ == "__main__":
    main()
