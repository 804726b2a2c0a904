"""Benchmark: declared SFC models (monpol.sfc) against hand-written loops, same process.

G&L SIM and PC, 100 periods from zero stocks. The baseline ("floor") is a hand-written loop
over periods using each model's closed-form solution for the period (what a modeller
would write for this one model: no parsing, no blocks, no Newton). monpol.sfc is timed
warm (model compiled once, cached) and cold (compile + simulate, i.e. the first call).
Domae's model (spec 04) is timed against monpol.islm.simulate, its hand reduction.
The peers (pysolve 0.2.0, sfc_models 1.0.3; benchmarks/sfc_peers.py) are timed in this
process when installed in this environment (``pip install pysolve==0.2.0 sfc_models==1.0.3``),
else with ``--peers-python`` (an interpreter of an environment that has them).
``simulate_many`` (1e4 scenarios at once) is timed against a hand-written numpy loop across
scenarios.

Run: ``python benchmarks/sfc_bench.py [--periods 100] [--repeats 20] [--scenarios 10000]``.
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


def sim_many_loop(n: int, g: np.ndarray, th: float = 0.2, a1: float = 0.6, a2: float = 0.4) -> np.ndarray:
    """SIM by hand for many scenarios at once (numpy arrays across scenarios): the floor."""
    out = np.empty((g.size, n))
    h = np.zeros_like(g)
    for t in range(n):
        yt = (g + a2 * h) / (1.0 - a1 * (1.0 - th))
        yd = (1.0 - th) * yt
        h = h + yd - (a1 * yd + a2 * h)
        out[:, t] = yt
    return out


def _peer_rows(python: str | None, periods: int, repeats: int) -> tuple[list[tuple[str, str, float]], str]:
    """Peer timings: in this process if the peers are installed here, else with ``python``."""
    try:
        from sfc_peers import peer_rows  # benchmarks/sfc_peers.py

        got = peer_rows(periods, repeats)
        where = "peers imported in this process (same environment, same run)"
    except ImportError as exc:
        if python is None:
            return [], f"peers not installed here ({exc}) and --peers-python not given"
        script = Path(__file__).with_name("sfc_peers.py")
        done = subprocess.run([python, str(script), "--periods", str(periods), "--repeats",
                               str(repeats)], check=True, capture_output=True, text=True)
        got = []
        for line in done.stdout.splitlines():
            peer, model, seconds, y1, yn = line.split("\t")
            got.append((peer, model, float(seconds), float(y1), float(yn)))
        where = f"peers run by {python} (another environment, same run)"
    return [(model, peer, seconds) for peer, model, seconds, _, _ in got], where


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--periods", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--scenarios", type=int, default=10_000)
    ap.add_argument("--peers-python", default=None,
                    help="Interpreter of an environment with the peers, if not installed here.")
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
                 (name, "monpol.sfc cold (parse + compile + run)", t_cold)]
    from monpol.islm import simulate as islm_simulate

    domae = bundled("domae")
    simulate(domae, n, check="report")
    t_islm, _ = best_of(lambda: islm_simulate(periods=n, on_violation="flag"), max(3, k // 4))
    t_domae, _ = best_of(lambda: simulate(domae, n), max(3, k // 4))
    rows += [("domae", "monpol.islm.simulate (hand reduction)", t_islm),
             ("domae", "monpol.sfc warm (declared model)", t_domae)]
    peers, where = _peer_rows(args.peers_python, n, 3)
    rows += peers

    print(f"monpol.sfc benchmark: {n} periods, best of {k}; python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs; {where}")
    print(f"{'model':8} {'implementation':42} {'ms':>10} {'per period µs':>14} {'ratio':>8}")
    floors = {m: t for m, what, t in rows if "floor" in what or "islm" in what}
    for m, what, t in rows:
        ratio = t / floors[m] if m in floors and t == t else float("nan")
        print(f"{m:8} {what:42} {t * 1e3:10.3f} {t / n * 1e6:14.2f} {ratio:8.1f}")
    print("ratio: time / the hand-written baseline of the same model (monpol.islm for domae)")
    warm = {m: t for m, what, t in rows if what == "monpol.sfc warm"}
    for m, what, t in rows:
        if what.startswith(("pysolve", "sfc_models")):
            x = t / warm[m]
            print(f"{m}: {what} / monpol.sfc warm = {x:.1f}x "
                  f"(target >= 30x: {'met' if x >= 30 else 'NOT met'})")
    from monpol.sfc import simulate_many

    rng = np.random.default_rng(1)
    s_n = args.scenarios
    g = rng.uniform(5.0, 40.0, s_n)
    t_floor_many, y_many = best_of(lambda: sim_many_loop(n, g), 3)
    for name, var in (("gl-sim", "Gd"), ("gl-pc", "G")):
        simulate_many(bundled(name), 2, {var: g[:2]})
        t_many, batch = best_of(lambda name=name, var=var: simulate_many(bundled(name), n, {var: g}), 3)
        if name == "gl-sim":
            np.testing.assert_allclose(batch["Y"], y_many, rtol=1e-10)
        print(f"{name}: simulate_many, {s_n} scenarios x {n} periods at once: {t_many:.3f} s, "
              f"{t_many / (s_n * n) * 1e9:.0f} ns per scenario-period"
              + (f"; hand-written numpy loop across scenarios (floor) {t_floor_many:.4f} s, "
                 f"ratio {t_many / t_floor_many:.0f}" if name == "gl-sim" else ""))


if __name__ == "__main__":
    main()
