"""Benchmark: expanding-window (recursive) reaction-function estimates.

``ReactionFunction.rolling(window, expanding=True)`` (cumulative X'X, X'y and recursive
residuals, :func:`monpol.rules.reaction.expanding_ols`) against statsmodels' ``RollingOLS``
with ``expanding=True`` (what it used before; it recomputes each window's residuals), in the
same process, on synthetic quarterly samples of 250 .. 10,000 observations (4 regressors:
constant, inflation, growth, lagged rate). Checks that both give the same estimates.
Issue 13's target: cost linear in the sample (microseconds per window flat: here the
largest size within 1.5× of the smallest, best of 3 on a shared machine).

Run: ``python benchmarks/rules_recursive.py``.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
from statsmodels.regression.rolling import RollingOLS
from timing import best_of  # benchmarks/timing.py

from monpol.rules.reaction import ReactionFunction

WINDOW = 20


def data(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = pd.period_range("1700Q1", periods=n + 1, freq="Q")
    df = pd.DataFrame({"inflation": rng.normal(2, 1, n + 1), "growth": rng.normal(2, 1, n + 1)},
                      index=idx)
    df["rate"] = 1 + 1.5 * df["inflation"] + 0.5 * df["growth"] + rng.normal(0, 0.5, n + 1)
    return df


def main() -> None:
    rows = []
    per_window = []
    for n in (250, 1000, 2500, 10_000):
        df = data(n)
        model = ReactionFunction(df, start=str(df.index[1]))
        d = model._design
        t_new, rec = best_of(lambda model=model: model.rolling(WINDOW, expanding=True), 3)
        reps = 3 if n <= 2500 else 1
        t_old, old = best_of(lambda d=d: RollingOLS(d.y, d.X, window=len(d.y), min_nobs=WINDOW,
                                                    expanding=True).fit(), reps)
        np.testing.assert_allclose(rec.params.to_numpy(), old.params.dropna().to_numpy(), rtol=1e-9)
        np.testing.assert_allclose(rec.std_errors.to_numpy(), old.bse.dropna().to_numpy(), rtol=1e-7)
        windows = len(rec.params)
        per_window.append(t_new / windows)
        rows.append({"observations": n, "windows": windows, "RollingOLS s (baseline)": t_old,
                     "cumulative s": t_new, "us/window": t_new / windows * 1e6,
                     "ratio": t_old / t_new})
    print(f"Expanding-window OLS, {WINDOW}-observation first window (best of 3; load average "
          f"{os.getloadavg()[0]:.2f}); same estimates as RollingOLS (checked)")
    print(pd.DataFrame(rows).to_string(index=False, float_format=lambda x: f"{x:,.4f}"))
    spread = per_window[-1] / per_window[0]
    print(f"target linear cost (us/window at 10,000 obs within 1.5x of 250 obs): "
          f"{'met' if spread <= 1.5 else 'NOT met'} ({spread:.2f}x)")


if __name__ == "__main__":
    main()
