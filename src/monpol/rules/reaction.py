"""Reaction functions: the policy rule as an estimated regression (spec 01 §2).

The seed (Kwan 2011) estimates China's policy reaction function

    R_t = c + α·π_t + β·g_t + ρ·R_t−1 + e_t

by OLS on 2005Q3–2011Q2, with R the 1-year benchmark lending rate, π CPI inflation and g
real GDP growth (a proxy for the output gap with constant potential growth). The short-run
responses are α and β; the long-run responses α/(1 − ρ) and β/(1 − ρ); the Taylor
principle asks whether the long-run inflation response exceeds one.

:class:`ReactionFunction` holds the specification and the data. ``fit()`` estimates it
(OLS with conventional or HAC standard errors, via statsmodels) and returns
:class:`~monpol.rules.reaction_results.ReactionFunctionResults`; ``fix(params)`` evaluates
given coefficients and returns the parent class
:class:`~monpol.rules.reaction_results.ReactionFunctionFixedResult` (as arch's
``ARCHModel.fix``). :class:`ForwardLookingReactionFunction` estimates the
Clarida–Galí–Gertler form with expected future inflation by GMM.

Examples
--------
>>> from monpol.rules import ReactionFunction, china_quarterly
>>> model = ReactionFunction(china_quarterly(), start="2005Q3", end="2011Q2")
>>> res = model.fit()
>>> res.nobs, list(res.params.index)
(24, ['const', 'inflation', 'growth', 'lagged_rate'])
>>> res.params.round(2)[["inflation", "growth"]].tolist()
[0.11, 0.1]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.validation import finite_float, instance_of, one_of, positive_int, str_sequence
from monpol.rules.data import period_bounds
from monpol.rules.reaction_results import (
    GMMReactionFunctionResults,
    ReactionFunctionFixedResult,
    ReactionFunctionResults,
    RollingEstimates,
    SampleInfo,
)

__all__ = ["ForwardLookingReactionFunction", "ReactionFunction", "newey_west_lags"]

CovType = Literal["nonrobust", "hac"]


def newey_west_lags(nobs: int) -> int:
    """Newey–West (1994) rule of thumb for the HAC lag length: floor(4·(T/100)^(2/9))."""
    nobs = positive_int("nobs", nobs)
    return max(1, math.floor(4.0 * float((nobs / 100.0) ** (2.0 / 9.0))))


def _lag_name(k: int) -> str:
    return "lagged_rate" if k == 1 else f"lagged_rate_{k}"


def _regular(idx: pd.DatetimeIndex) -> bool:
    """Sorted dates one calendar step apart (k months, e.g. quarter ends, or k days)."""
    months = np.diff(np.asarray(idx.year * 12 + idx.month))
    if months[0] > 0 and (months == months[0]).all():
        return True
    days = np.diff(idx.asi8)
    return bool(days[0] > 0 and (days == days[0]).all())


class _Design:
    """Dependent variable, regressors and sample, built once and validated."""

    def __init__(
        self,
        data: pd.DataFrame,
        rate: str,
        regressors: Sequence[str],
        lags: int,
        constant: bool,
        start: str | None,
        end: str | None,
        extra: Mapping[str, pd.Series] | None = None,
    ) -> None:
        if not isinstance(data, pd.DataFrame) or data.empty:
            raise InputError("data must be a non-empty DataFrame")
        cols = [rate, *regressors]
        missing = [c for c in cols if c not in data.columns]
        if missing:
            raise DataError(
                f"data is missing column(s) {', '.join(map(repr, missing))}; columns present: "
                f"{', '.join(map(repr, map(str, data.columns)))}"
            )
        if len(set(cols)) != len(cols):
            raise InputError(f"rate and regressors must be distinct columns; got {cols}")
        idx = data.index
        if isinstance(idx, pd.PeriodIndex) and len(idx) > 1:
            steps = np.diff(idx.asi8)
            if not (steps == 1).all() or not idx.is_monotonic_increasing:
                raise DataError("data must be sorted with no missing periods (lags are positional)")
        elif isinstance(idx, pd.DatetimeIndex) and len(idx) > 2 and not _regular(idx):
            raise DataError(
                "data must be regularly spaced with no missing dates (lags are positional); "
                "use a PeriodIndex or a DatetimeIndex with a regular frequency"
            )
        lo, hi = period_bounds(idx, start, end)

        frame = pd.DataFrame(index=idx)
        if constant:
            frame["const"] = 1.0
        for r in regressors:
            frame[r] = pd.to_numeric(data[r], errors="coerce")
        if extra:
            for name, series in extra.items():
                frame[name] = series
        y_full = pd.to_numeric(data[rate], errors="coerce")
        for k in range(1, lags + 1):
            frame[_lag_name(k)] = y_full.shift(k)
        y = y_full.rename(rate)
        sample = slice(lo, hi)
        self.X = frame.loc[sample]
        self.y = y.loc[sample]
        both = pd.concat([self.y, self.X], axis=1)
        bad = both.isna().any(axis=1)
        if bad.any():
            where = [str(p) for p in both.index[bad]][:6]
            raise DataError(
                f"missing values in the sample at {', '.join(where)}"
                f"{' ...' if bad.sum() > 6 else ''}; choose start/end within complete data"
                + (" (the first period needs the previous period's rate)" if lags else "")
            )
        k = self.X.shape[1]
        if len(self.y) <= k:
            raise InputError(
                f"the sample {self.y.index[0]} to {self.y.index[-1]} has {len(self.y)} "
                f"observations; {k} parameters need at least {k + 1}"
            )
        self.rate, self.regressors, self.lags = rate, list(regressors), lags
        self.data = data

    def sample_info(self, **extra: Any) -> SampleInfo:
        return SampleInfo(
            rate=self.rate,
            regressors=tuple(self.regressors),
            lags=self.lags,
            start=str(self.y.index[0]),
            end=str(self.y.index[-1]),
            nobs=len(self.y),
            choices=dict(self.data.attrs.get("choices", {})),
            **extra,
        )


class ReactionFunction:
    """A policy reaction function R_t = c + Σ b_j x_j,t + Σ_k ρ_k R_t−k + e_t.

    Parameters
    ----------
    data : DataFrame
        Regularly spaced observations (PeriodIndex recommended) with the rate and the
        regressors, in percent.
    rate : str
        Column of the policy rate (dependent variable).
    regressors : sequence of str
        Columns of the explanatory variables; their names become parameter names.
    lags : int
        Lags of the rate included (policy inertia); 0 for a static rule. The lag is taken
        on the full data, so the first sample period uses the rate before the sample.
    inflation : str or None
        The regressor the Taylor-principle test is about.
    start, end : str, optional
        First and last period of the estimation sample (inclusive).
    constant : bool
        Include an intercept (absorbing r* and π*, as in the seed).

    Raises
    ------
    DataError
        Missing columns, gaps in the index, missing values in the sample.
    InputError
        Dates outside the data, a sample too short for the regressors, bad options.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        *,
        rate: str = "rate",
        regressors: Sequence[str] = ("inflation", "growth"),
        lags: int = 1,
        inflation: str | None = "inflation",
        start: str | None = None,
        end: str | None = None,
        constant: bool = True,
    ) -> None:
        instance_of("data", data, pd.DataFrame, "a pandas DataFrame with a date or period index")
        regressors = str_sequence("regressors", regressors, allow_empty=True)
        lags = positive_int("lags", lags, minimum=0)
        if inflation is not None and inflation not in regressors:
            raise InputError(
                f"inflation must name one of the regressors {list(regressors)} or be None; "
                f"got {inflation!r}"
            )
        self._design = _Design(data, rate, regressors, lags, constant, start, end)
        self.inflation = inflation
        self.start, self.end = start, end
        self.constant = constant

    @property
    def nobs(self) -> int:
        return len(self._design.y)

    @property
    def param_names(self) -> list[str]:
        return list(self._design.X.columns)

    def fit(
        self,
        *,
        cov_type: CovType = "nonrobust",
        maxlags: int | None = None,
    ) -> ReactionFunctionResults:
        """Estimate by OLS.

        Parameters
        ----------
        cov_type : {"nonrobust", "hac"}
            Conventional standard errors, or Newey–West HAC (Bartlett kernel, small-sample
            correction) as computed by statsmodels.
        maxlags : int, optional
            HAC lag length; default :func:`newey_west_lags` of the sample size.

        Returns
        -------
        ReactionFunctionResults
        """
        from statsmodels.regression.linear_model import OLS  # not statsmodels.api (~0.3 s more)

        one_of("cov_type", cov_type, ["nonrobust", "hac"])
        if maxlags is not None and cov_type != "hac":
            raise InputError(
                f"maxlags applies to cov_type='hac' only; got maxlags={maxlags!r} with "
                f"cov_type={cov_type!r}"
            )
        d = self._design
        _check_design(d.y, d.X)
        model = OLS(d.y, d.X)
        if cov_type == "hac":
            lags = newey_west_lags(self.nobs) if maxlags is None else positive_int(
                "maxlags", maxlags, minimum=0)
            fit = model.fit(cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True})
        else:
            lags = None
            fit = model.fit()
        return ReactionFunctionResults(
            params=fit.params.copy(),
            y=d.y.copy(),
            X=d.X.copy(),
            sample=d.sample_info(),
            inflation=self.inflation,
            cov_params=fit.cov_params().copy(),
            cov_type=cov_type,
            maxlags=lags,
            df_resid=float(fit.df_resid),
            use_t=bool(fit.use_t),
            rsquared=float(fit.rsquared),
            rsquared_adj=float(fit.rsquared_adj),
            _fit=fit,
        )

    def fix(self, params: Mapping[str, float] | Sequence[float]) -> ReactionFunctionFixedResult:
        """Evaluate given coefficients (a calibrated rule) on this data.

        ``params`` maps every name in :attr:`param_names` to a value (or is a sequence in
        that order).
        """
        names = self.param_names
        if isinstance(params, Mapping):
            unknown = set(params) - set(names)
            missing = [n for n in names if n not in params]
            if unknown or missing:
                raise InputError(
                    f"params must give exactly {names}; missing {missing}, unknown "
                    f"{sorted(unknown)}"
                )
            values = [finite_float(f"params[{n!r}]", params[n]) for n in names]
        else:
            seq = list(params)
            if len(seq) != len(names):
                raise InputError(f"params must have {len(names)} values ({names}); got {len(seq)}")
            values = [finite_float(f"params[{i}]", v) for i, v in enumerate(seq)]
        d = self._design
        return ReactionFunctionFixedResult(
            params=pd.Series(values, index=names, dtype=float),
            y=d.y.copy(),
            X=d.X.copy(),
            sample=d.sample_info(),
            inflation=self.inflation,
        )

    def rolling(
        self, window: int, *, expanding: bool = False
    ) -> RollingEstimates:
        """Rolling (or, with ``expanding=True``, recursive) OLS estimates over the sample.

        Rolling windows use statsmodels' ``RollingOLS``; expanding windows use cumulative
        X'X and X'y with recursive residuals (:func:`expanding_ols`, linear in the sample;
        ``RollingOLS`` recomputes every window's residuals, quadratic). ``window`` is the
        window length (the minimum number of observations when expanding). Conventional
        standard errors; both give the per-window OLS estimates.
        """
        from statsmodels.regression.rolling import RollingOLS

        d = self._design
        k = d.X.shape[1]
        window = positive_int("window", window, minimum=k + 1)
        if window > self.nobs:
            raise InputError(
                f"window must be at most the sample size {self.nobs}; got {window}"
            )
        fast = expanding_ols(d.X.to_numpy(dtype=float), d.y.to_numpy(dtype=float), window) \
            if expanding else None
        if fast is not None:  # recursive: windows grow from `window` observations to the sample
            ends = d.X.index[window - 1:]
            params = pd.DataFrame(fast[0], index=ends, columns=d.X.columns)
            bse = pd.DataFrame(fast[1], index=ends, columns=d.X.columns)
        else:  # rolling, or an expanding window with singular X'X somewhere (statsmodels skips it)
            res = (RollingOLS(d.y, d.X, window=self.nobs, min_nobs=window, expanding=True).fit()
                   if expanding else RollingOLS(d.y, d.X, window=window).fit())
            params = res.params.dropna()
            bse = res.bse.loc[params.index]
        lag_cols = [c for c in d.X.columns if c.startswith("lagged_rate")]
        persistence = params[lag_cols].sum(axis=1) if lag_cols else pd.Series(0.0, params.index)
        long_run = None
        if self.inflation is not None:
            long_run = params[self.inflation] / (1.0 - persistence)
        return RollingEstimates(
            params=params, std_errors=bse, window=window, expanding=expanding,
            long_run_inflation=long_run, sample=d.sample_info(),
        )


def expanding_ols(X: np.ndarray, y: np.ndarray, min_nobs: int) -> tuple[np.ndarray, np.ndarray] | None:
    """OLS on every expanding window ``[0, t)``, t = ``min_nobs`` … n: estimates and s.e.

    Linear in n: the cross products are cumulative sums, (X'X)_t = Σ_{s<t} x_s x_s' and
    (X'y)_t, solved for every window at once (β_t = (X'X)_t⁻¹(X'y)_t, as statsmodels'
    ``RollingOLS`` with ``method="inv"``). The residual sum of squares grows by the squared
    recursive residual of each new observation (Brown, Durbin and Evans 1975, *JRSS B*
    37(2), eq. 2): SSR_t+1 = SSR_t + (y_t − x_t'β_t)² / (1 + x_t'(X'X)_t⁻¹x_t), a sum of
    non-negative terms (no cancellation), started from the first window's residuals.
    Standard errors: √(SSR_t/(t − k) · diag (X'X)_t⁻¹) (conventional).

    Returns ``(params, std_errors)``, each of shape (n − min_nobs + 1, k), or ``None`` when
    some window's X'X is singular (the caller then uses the per-window fit, which skips it).
    """
    n, k = X.shape
    xx = np.cumsum(X[:, :, None] * X[:, None, :], axis=0)[min_nobs - 1:]
    xy = np.cumsum(X * y[:, None], axis=0)[min_nobs - 1:]
    try:
        inv = np.linalg.inv(xx)
    except np.linalg.LinAlgError:
        return None
    if not np.isfinite(inv).all() or np.linalg.cond(xx[0]) > 1e12:
        return None
    params = np.einsum("tij,tj->ti", inv, xy)
    e0 = y[:min_nobs] - X[:min_nobs] @ params[0]
    new = X[min_nobs:]
    e = y[min_nobs:] - np.einsum("ti,ti->t", new, params[:-1])
    f = 1.0 + np.einsum("ti,tij,tj->t", new, inv[:-1], new)
    ssr = float(e0 @ e0) + np.concatenate([[0.0], np.cumsum(e * e / f)])
    s2 = ssr / (np.arange(min_nobs, n + 1) - k)
    bse = np.sqrt(s2[:, None] * np.diagonal(inv, axis1=1, axis2=2))
    return params, bse


class ForwardLookingReactionFunction:
    """Forward-looking rule R_t = c + ρR_t−1 + b_π·π_t+k + b_y·x_t+q + e_t, by GMM.

    The Clarida, Galí and Gertler (2000) reaction function in its linear form: future
    inflation (``lead_inflation`` periods ahead) and the gap (``lead_gap`` ahead) replace
    their expectations, and are instrumented by ``instrument_lags`` lags of the rate,
    inflation and the gap. Estimated by two-step efficient GMM with a HAC weighting
    matrix (linearmodels' ``IVGMM``; the first step is 2SLS). Long-run responses
    b/(1 − ρ) and the Taylor principle follow as for :class:`ReactionFunction`.

    References
    ----------
    Clarida, R., Galí, J. and Gertler, M. (2000), "Monetary policy rules and macroeconomic
    stability: evidence and some theory", Quarterly Journal of Economics 115(1), 147–180.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        *,
        rate: str = "policy_rate",
        inflation: str = "inflation",
        gap: str = "output_gap",
        lead_inflation: int = 4,
        lead_gap: int = 0,
        instrument_lags: int = 4,
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        instance_of("data", data, pd.DataFrame, "a pandas DataFrame with a date or period index")
        k = positive_int("lead_inflation", lead_inflation, minimum=0, maximum=40)
        q = positive_int("lead_gap", lead_gap, minimum=0, maximum=40)
        m = positive_int("instrument_lags", instrument_lags, minimum=1, maximum=40)
        for c in (rate, inflation, gap):
            if c not in data.columns:
                raise DataError(f"data is missing column {c!r}")
        extra = {
            f"{inflation}_lead{k}" if k else inflation: data[inflation].shift(-k),
            f"{gap}_lead{q}" if q else gap: data[gap].shift(-q),
        }
        self._endog_names = list(extra)
        inst: dict[str, pd.Series] = {}
        for j in range(1, m + 1):
            for c in (rate, inflation, gap):
                if not (c == rate and j == 1):  # R_t-1 is a regressor and its own instrument
                    inst[f"{c}_l{j}"] = data[c].shift(j)
        tmp = data[[rate]].copy()
        for name, s in {**extra, **inst}.items():
            tmp[name] = s
        if start is None or end is None:
            complete = tmp.notna().all(axis=1) & tmp[rate].shift(1).notna()
            if not complete.any():
                raise DataError("no period has the rate, its leads and the instrument lags")
            start = str(complete.idxmax()) if start is None else start
            end = str(complete[::-1].idxmax()) if end is None else end
        self._design = _Design(tmp, rate, self._endog_names + list(inst), 1, True, start, end)
        self._inst_names = ["const", "lagged_rate", *inst]
        self.inflation = self._endog_names[0]
        self.options = {"lead_inflation": k, "lead_gap": q, "instrument_lags": m}

    def fit(self, *, maxlags: int | None = None) -> GMMReactionFunctionResults:
        """Two-step efficient GMM with a Bartlett-kernel (Newey–West) weighting matrix.

        Uses linearmodels' ``IVGMM`` (closed-form linear GMM; the first step is 2SLS,
        moments uncentered); standard errors from the same kernel covariance.
        """
        from linearmodels.iv import IVGMM

        d = self._design
        lags = newey_west_lags(len(d.y)) if maxlags is None else positive_int(
            "maxlags", maxlags, minimum=0)
        exog = d.X[["const", "lagged_rate"]]
        endog = d.X[self._endog_names]
        excluded = d.X[[c for c in self._inst_names if c not in ("const", "lagged_rate")]]
        fit: Any = IVGMM(d.y, exog, endog, excluded, weight_type="kernel", kernel="bartlett",
                         bandwidth=lags).fit(cov_type="kernel", kernel="bartlett",
                                             bandwidth=lags, iter_limit=2)
        xnames = ["const", *self._endog_names, "lagged_rate"]
        params = fit.params[xnames].astype(float)
        cov = fit.cov.loc[xnames, xnames].astype(float)
        return GMMReactionFunctionResults(
            params=params, y=d.y.copy(), X=d.X[xnames].copy(),
            sample=d.sample_info(instruments=tuple(self._inst_names), **self.options),
            inflation=self.inflation, cov_params=cov, cov_type="hac", maxlags=lags,
            df_resid=float(len(d.y) - len(xnames)), use_t=False,
            rsquared=math.nan, rsquared_adj=math.nan, _fit=fit,
            j_statistic=float(fit.j_stat.stat), j_pvalue=float(fit.j_stat.pval),
            j_df=int(fit.j_stat.df),
        )


def _check_design(y: pd.Series, X: pd.DataFrame) -> None:
    """Finite data and a full-rank design before OLS (statsmodels would raise
    MissingDataError, or only warn and return arbitrary coefficients)."""
    frame = pd.concat([y, X], axis=1)
    bad = ~np.isfinite(frame.to_numpy(float))
    if bad.any():
        row, col = map(int, np.argwhere(bad)[0])
        raise DataError(
            f"column {str(frame.columns[col])!r} is not finite at {frame.index[row]} "
            f"({float(frame.to_numpy(float)[row, col])!r}); the sample needs finite rate "
            "and regressors"
        )
    values = X.to_numpy(float)
    rank = np.linalg.matrix_rank(values)
    if rank < values.shape[1]:
        # a column is part of the collinear set when dropping it does not lower the rank
        names = [str(c) for i, c in enumerate(X.columns)
                 if np.linalg.matrix_rank(np.delete(values, i, axis=1)) == rank]
        raise InputError(
            f"the design is rank-deficient (rank {rank} of {values.shape[1]} columns): "
            f"columns {', '.join(map(repr, names))} are collinear; drop one of them"
        )
