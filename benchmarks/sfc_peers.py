"""Peer timings for benchmarks/sfc_bench.py: pysolve and sfc_models on G&L SIM and PC.

Nothing from monpol is imported. ``sfc_bench.py`` imports :func:`peer_rows` when the peers
are installed in its own environment (``pip install pysolve==0.2.0 sfc_models==1.0.3``);
otherwise it runs this file with another interpreter (``--peers-python``), which prints one
tab-separated line per timing: ``peer model seconds Y1 Y_last``.

Both peers simulate the same experiment as monpol's bundled models: 100 periods from zero
stocks, G = 20 (PC: r = 0.025). The models are written here from G&L (2007) ch. 3 and 4 in
pysolve's syntax (lags ``x(-1)``); sfc_models builds them itself from its sectors
(``sfc_models.gl_book.chapter3.SIM``, ``chapter4.PC``, with the book's exogenous paths
replaced by this experiment's). Solvers: pysolve's default Gauss-Seidel and sfc_models'
own Gauss-Seidel iteration, both with threshold 1e-10 (monpol's tolerance); sfc_models is
also timed at its default 1e-6. Only the period loop is timed: pysolve's ``solve`` calls,
sfc_models' ``EquationSolver.SolveEquation`` (its equations already parsed).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

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


def _pysolve_model(eqs: list[str], params: dict[str, float]) -> Any:
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


def pysolve_rows(periods: int, repeats: int) -> list[tuple[str, str, float, float, float]]:
    from importlib.metadata import version

    rows = []
    for name, eqs, params in (("gl-sim", SIM, SIM_PARAMS), ("gl-pc", PC, PC_PARAMS)):
        best = float("inf")
        for _ in range(repeats):
            m = _pysolve_model(eqs, params)
            t0 = time.perf_counter()
            for _ in range(periods):
                m.solve(iterations=200, threshold=1e-10)
            best = min(best, time.perf_counter() - t0)
        ys = [s["Y"] for s in m.solutions[1:]]
        rows.append((f"pysolve {version('pysolve')} (Gauss-Seidel, 1e-10)", name, best, ys[0], ys[-1]))
    return rows


def sfc_models_rows(periods: int, repeats: int) -> list[tuple[str, str, float, float, float]]:
    import warnings
    from importlib.metadata import version

    from sfc_models.equation_solver import EquationSolver
    from sfc_models.gl_book.chapter3 import SIM as SfcSim
    from sfc_models.gl_book.chapter4 import PC as SfcPc

    rows = []
    path = f"[0.,] + [20.,] * {periods + 5}"
    for name, cls, exo in (("gl-sim", SfcSim, [("GOV", "DEM_GOOD", path)]),
                           ("gl-pc", SfcPc, [("TRE", "DEM_GOOD", path),
                                             ("DEP", "r", f"[.025,] * {periods + 6}")])):
        model = cls("CA", use_book_exogenous=False).build_model()
        for sector, var, value in exo:
            model.AddExogenous(sector, var, value)
        model.MaxTime = periods
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.main()  # builds the equations (and solves once, untimed)
        for tol, reps in ((1e-10, 1), (1e-6, repeats)):
            best, ys = float("inf"), [0.0]
            for _ in range(reps):
                solver = EquationSolver()
                solver.ParseString(model.FinalEquations)
                solver.ParameterErrorTolerance = tol
                t0 = time.perf_counter()
                solver.SolveEquation()
                best = min(best, time.perf_counter() - t0)
                ys = list(solver.TimeSeries["GOOD__SUP_GOOD"])
            peer = f"sfc_models {version('sfc_models')} (Gauss-Seidel, {tol:.0e})"
            rows.append((peer, name, best, ys[1], ys[-1]))
    return rows


def peer_rows(periods: int, repeats: int = 3) -> list[tuple[str, str, float, float, float]]:
    """All peers' timings: (peer, model, seconds, Y in period 1, Y in the last period)."""
    return pysolve_rows(periods, repeats) + sfc_models_rows(periods, max(1, repeats // 3))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--periods", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    for peer, name, seconds, y1, yn in peer_rows(args.periods, args.repeats):
        print(f"{peer}\t{name}\t{seconds:.6f}\t{y1:.6f}\t{yn:.6f}")


if __name__ == "__main__":
    main()
