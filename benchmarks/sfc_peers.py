"""Peer timings for benchmarks/sfc_bench.py: pysolve on G&L SIM and PC, 100 periods.

Runs in the peers' own environment (not monpol's; nothing from monpol is imported), e.g.

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install pysolve==0.2.0
    /tmp/peers/bin/python benchmarks/sfc_peers.py --periods 100

and prints one line per model: ``peer model seconds Y1 Y_last`` (tab-separated), read by
``sfc_bench.py --peers-python /tmp/peers/bin/python``. The models are written here from
G&L (2007) ch. 3 and 4 in pysolve's syntax (lags ``x(-1)``); pysolve's default solver
(Gauss-Seidel) with threshold 1e-10, as tight as monpol's tolerance.
"""

from __future__ import annotations

import argparse
import time

SIM = ["Cs = Cd", "Gs = Gd", "Ts = Td", "Ns = Nd", "YD = (W*Ns) - Ts", "Td = theta * W * Ns",
       "Cd = alpha1*YD + alpha2*Hh(-1)", "Hs - Hs(-1) = Gd - Td", "Hh - Hh(-1) = YD - Cd",
       "Y = Cs + Gs", "Nd = Y/W"]
SIM_PARAMS = {"Gd": 20, "W": 1, "alpha1": 0.6, "alpha2": 0.4, "theta": 0.2}
PC = ["Y = C + G", "YD = Y - T + r(-1)*Bh(-1)", "T = theta*(Y + r(-1)*Bh(-1))",
      "V = V(-1) + (YD - C)", "C = alpha1*YD + alpha2*V(-1)", "Hh = V - Bh",
      "Bh = V*(lambda0 + lambda1*r) - lambda2*YD",
      "Bs = Bs(-1) + (G + r(-1)*Bs(-1)) - (T + r(-1)*Bcb(-1))", "Hs = Hs(-1) + Bcb - Bcb(-1)",
      "Bcb = Bs - Bh", "r = rbar"]
PC_PARAMS = {"G": 20, "rbar": 0.025, "alpha1": 0.6, "alpha2": 0.4, "theta": 0.2,
             "lambda0": 0.635, "lambda1": 5.0, "lambda2": 0.01}


def build(eqs: list[str], params: dict[str, float]):  # type: ignore[no-untyped-def]
    from pysolve.model import Model

    m = Model()
    m.set_var_default(0)
    names = sorted({e.split("=")[0].split("-")[0].strip() for e in eqs})
    for v in names:
        m.var(v, default=0.025 if v == "r" else None)
    for k, v in params.items():
        m.param(k, default=v)
    for e in eqs:
        m.add(e)
    return m


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periods", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    for name, eqs, params in (("gl-sim", SIM, SIM_PARAMS), ("gl-pc", PC, PC_PARAMS)):
        best = float("inf")
        for _ in range(args.repeats):
            m = build(eqs, params)
            t0 = time.perf_counter()
            for _ in range(args.periods):
                m.solve(iterations=200, threshold=1e-10)
            best = min(best, time.perf_counter() - t0)
        ys = [s["Y"] for s in m.solutions[1:]]
        print(f"pysolve\t{name}\t{best:.6f}\t{ys[0]:.6f}\t{ys[-1]:.6f}")


if __name__ == "__main__":
    main()
