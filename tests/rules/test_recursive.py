"""Expanding-window (recursive) estimates: cumulative cross products = OLS on every window."""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from monpol.rules.reaction import ReactionFunction, expanding_ols


def _data(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = pd.period_range("1990Q1", periods=n, freq="Q")
    df = pd.DataFrame({"inflation": rng.normal(2, 1, n), "growth": rng.normal(2, 1, n)}, index=idx)
    df["rate"] = 1 + 1.5 * df["inflation"] + 0.5 * df["growth"] + rng.normal(0, 0.5, n)
    return df


def test_every_expanding_window_equals_its_own_ols() -> None:
    model = ReactionFunction(_data(80, 1), start="1990Q2")
    rec = model.rolling(window=8, expanding=True)
    d = model._design
    assert len(rec.params) == model.nobs - 8 + 1
    for j, end in enumerate(rec.params.index):
        fit = OLS(d.y.iloc[: 8 + j], d.X.iloc[: 8 + j]).fit()  # statsmodels, window by window
        np.testing.assert_allclose(rec.params.loc[end], fit.params, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(rec.std_errors.loc[end], fit.bse, rtol=1e-9)


def test_singular_windows_fall_back_to_the_per_window_fit() -> None:
    X = np.column_stack([np.ones(12), np.r_[np.zeros(6), np.arange(1.0, 7.0)]])
    y = np.arange(12.0)
    assert expanding_ols(X, y, 3) is None  # the first windows have a constant regressor twice
    df = pd.DataFrame({"rate": np.r_[0.0, y], "x": np.r_[0.0, X[:, 1]]},
                      index=pd.period_range("2000Q1", periods=13, freq="Q"))
    rec = ReactionFunction(df, regressors=["x"], inflation=None, lags=0,
                           start="2000Q2").rolling(window=3, expanding=True)
    # x is 0 through 2001Q3: the windows ending before 2001Q4 are singular and skipped
    assert rec.params.index[0] == pd.Period("2001Q4", "Q")
