"""Benchmark: declared SFC models (monpol.sfc) against hand-written loops, same process.

G&L SIM and PC, 100 periods from zero stocks. The baseline ("floor") is a hand-written loop
over periods using each model's closed-form solution for the period (what a modeller
would write for this one model: no parsing, no blocks, no Newton). monpol.sfc is timed
warm (model compiled once, cached) and cold (compile + simulate, i.e. the first call).
Domae's model (spec 04) is timed against monpol.islm.simulate, its hand reduction.
pysolve is timed with ``--peers-python`` (an interpreter of the benchmark's own environment
with pysolve installed; benchmarks/sfc_peers.py runs there). sfc_models is not timed yet.

Run: ``python benchmarks/sfc_bench.py [--periods 100] [--repeats 20]``.
Timings are the best of several repeats (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
from timing import best_of  # benchmarks/timing.py (the script's own folder is on sys.path)

from monpol.sfc import bundled, simulate
from monpol.sfc.simulate import _CACHE


def sim_loop(n: int, g: float = 20.0, th: float = 0.2, a1: float = 0.6, a2: float = 0.4) -> np.ndarray:
    """SIM by hand: Y = (G + alpha2 H[-1]) / (1 - alpha1 (1 - theta)) each period."""
    y = np.empty(n)
    h = 0.0
    for t in range(n):
        yt = (g + a2 * h) / (1.0 - a1 * (1.0 - th))
        yd = (1.0 - th) * yt
        h = h + yd - (a1 * yd + a2 * h)
        y[t] = yt
    return y


def pc_loop(n: int) -> np.ndarray:
    """PC by hand (G&L ch. 4): closed form of the simultaneous Y, YD, T, C block per period."""
    a1, a2, th, l0, l1, l2, g, r = 0.6, 0.4, 0.2, 0.635, 5.0, 0.01, 20.0, 0.025
    y = np.empty(n)
    v = bh = bs = bcb = 0.0
    r_1 = 0.025
    for t in range(n):
        interest = r_1 * bh
        yt = (g + a1 * (1 - th) * interest + a2 * v) / (1 - a1 * (1 - th))
        tax = th * (yt + interest)
        yd = yt - tax + interest
        c = a1 * yd + a2 * v
        bs = bs + g + r_1 * bs - tax - r_1 * bcb
        v = v + yd - c
        bh = v * (l0 + l1 * r) - l2 * yd
        bcb = bs - bh
        r_1 = r
        y[t] = yt
    return y


def _peer_rows(python: str | None, periods: int) -> list[tuple[str, str, float]]:
    """pysolve timings from benchmarks/sfc_peers.py run with the peers' interpreter."""
    if python is None:
        return [("gl-sim", "pysolve (--peers-python not given)", float("nan"))]
    script = Path(__file__).with_name("sfc_peers.py")
    done = subprocess.run([python, str(script), "--periods", str(periods)], check=True,
                          capture_output=True, text=True)
    rows = []
    for line in done.stdout.splitlines():
        peer, model, seconds, *_ = line.split("\t")
        rows.append((model, f"{peer} 0.2.0 (Gauss-Seidel, 1e-10)", float(seconds)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--periods", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--scenarios", type=int, default=10_000)
    ap.add_argument("--peers-python", default=None,
                    help="Interpreter of an environment with pysolve installed (see sfc_peers.py).")
    args = ap.parse_args()
    n, k = args.periods, args.repeats
    rows: list[tuple[str, str, float]] = []
    for name, loop in (("gl-sim", sim_loop), ("gl-pc", pc_loop)):
        model = bundled(name)
        t_floor, y_ref = best_of(lambda loop=loop: loop(n), k)

        def cold(name: str = name) -> Any:
            _CACHE.clear()
            return simulate(bundled(name), n)

        t_cold, _ = best_of(cold, max(3, k // 5))
        simulate(model, n)  # compile once
        t_warm, run = best_of(lambda model=model: simulate(model, n), k)
        np.testing.assert_allclose(run["Y"], y_ref, rtol=1e-10)  # same answer as the floor
        rows += [(name, "hand-written loop (floor)", t_floor),
                 (name, "monpol.sfc warm", t_warm),
                 (name, "monpol.sfc cold (compile + run)", t_cold)]
    from monpol.islm import simulate as islm_simulate

    domae = bundled("domae")
    simulate(domae, n, check="report")
    t_islm, _ = best_of(lambda: islm_simulate(periods=n, on_violation="flag"), max(3, k // 4))
    t_domae, _ = best_of(lambda: simulate(domae, n), max(3, k // 4))
    rows += [("domae", "monpol.islm.simulate (hand reduction)", t_islm),
             ("domae", "monpol.sfc warm (declared model)", t_domae)]
    rows += _peer_rows(args.peers_python, n)

    print(f"monpol.sfc benchmark: {n} periods, best of {k}; python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs")
    print(f"{'model':8} {'implementation':40} {'ms':>10} {'per period µs':>14} {'ratio':>8}")
    floors = {m: t for m, what, t in rows if "floor" in what or "islm" in what}
    for m, what, t in rows:
        ratio = t / floors[m] if m in floors and t == t else float("nan")
        print(f"{m:8} {what:40} {t * 1e3:10.3f} {t / n * 1e6:14.2f} {ratio:8.1f}")
    print("ratio: time / the hand-written baseline of the same model (islm for domae)")
    from monpol.sfc import simulate_many

    rng = np.random.default_rng(1)
    for name, var in (("gl-sim", "Gd"), ("gl-pc", "G")):
        draws = {var: rng.uniform(5.0, 40.0, args.scenarios)}
        simulate_many(bundled(name), 2, {var: draws[var][:2]})
        t_many, _ = best_of(lambda name=name, draws=draws: simulate_many(bundled(name), n, draws), 2)
        print(f"{name}: {args.scenarios} scenarios x {n} periods at once: {t_many:.3f} s, "
              f"{t_many / (args.scenarios * n) * 1e9:.0f} ns per scenario-period")
    warm = {m: t for m, what, t in rows if what == "monpol.sfc warm"}
    for m, what, t in rows:
        if what.startswith("pysolve") and t == t:
            print(f"{m}: pysolve / monpol.sfc warm = {t / warm[m]:.1f}x")


if __name__ == "__main__":
    main()
