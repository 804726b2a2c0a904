"""Results of reaction functions: fixed coefficients, OLS estimates, GMM estimates.

The family follows arch's ``ARCHModelFixedResult`` / ``ARCHModelResult``: evaluating fixed
coefficients gives :class:`ReactionFunctionFixedResult` (fitted values, long-run responses,
real rate, point forecasts); estimating gives :class:`ReactionFunctionResults`, which adds
standard errors, the delta-method standard errors of the long-run responses, the Taylor-
principle test and prediction intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.core.plotting import figure_axes
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.core.validation import finite_float, in_range

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "GMMReactionFunctionResults",
    "LongRunResponses",
    "RateForecast",
    "ReactionFunctionFixedResult",
    "ReactionFunctionResults",
    "RealRate",
    "RollingEstimates",
    "SampleInfo",
    "long_run_responses",
]


@dataclass(frozen=True)
class SampleInfo:
    """What was estimated on what: names, sample, definition choices."""

    rate: str
    regressors: tuple[str, ...]
    lags: int
    start: str
    end: str
    nobs: int
    choices: dict[str, str] = field(default_factory=dict)
    instruments: tuple[str, ...] = ()
    lead_inflation: int | None = None
    lead_gap: int | None = None
    instrument_lags: int | None = None


def _lag_names(index: pd.Index) -> list[str]:
    return [n for n in index if str(n).startswith("lagged_rate")]


def long_run_responses(
    params: pd.Series, cov: pd.DataFrame | None, *, alpha: float = 0.05, use_t: bool = False,
    df_resid: float | None = None,
) -> pd.DataFrame:
    """Long-run responses b_j/(1 − Σρ_k) with delta-method standard errors.

    For θ_j = b_j / (1 − S), S = Σ_k ρ_k, the gradient is ∂θ_j/∂b_j = 1/(1 − S) and
    ∂θ_j/∂ρ_k = b_j/(1 − S)²; Var(θ_j) = g' V g with V the covariance of the estimates.

    Returns a frame indexed by regressor with ``short_run``, ``long_run``, ``std_error``,
    ``lower``, ``upper`` (NaN without a covariance or when S ≥ 1).
    """
    lags = _lag_names(params.index)
    s = float(params[lags].sum()) if lags else 0.0
    terms = [n for n in params.index if n != "const" and n not in lags]
    from scipy import stats  # lazy: scipy.stats costs ~0.5 s at import

    rows = []
    q = (stats.t.ppf(1 - alpha / 2, df_resid) if use_t and df_resid
         else stats.norm.ppf(1 - alpha / 2))
    for name in terms:
        b = float(params[name])
        if s >= 1.0:
            rows.append((name, b, math.nan, math.nan, math.nan, math.nan))
            continue
        theta = b / (1.0 - s)
        se = math.nan
        if cov is not None:
            g = pd.Series(0.0, index=params.index)
            g[name] = 1.0 / (1.0 - s)
            for lag in lags:
                g[lag] = b / (1.0 - s) ** 2
            v = float(g.to_numpy() @ cov.loc[params.index, params.index].to_numpy() @ g.to_numpy())
            se = math.sqrt(v) if v >= 0 else math.nan
        rows.append((name, b, theta, se, theta - q * se, theta + q * se))
    out = pd.DataFrame(rows, columns=["term", "short_run", "long_run", "std_error", "lower",
                                      "upper"]).set_index("term")
    out.attrs["persistence"] = s
    return out


@dataclass(frozen=True)
class LongRunResponses(Result):
    """Long-run responses b/(1 − Σρ) with delta-method standard errors (NaN if fixed)."""

    table: pd.DataFrame = field(repr=False)
    persistence: float
    alpha: float = 0.05

    def __getitem__(self, name: str) -> float:
        return float(cast(float, self.table.loc[name, "long_run"]))

    def summary(self) -> Summary:
        s = Summary("Long-run responses")
        s.add_table(self.table)
        s.add_note(f"persistence Σρ = {self.persistence:.4f}; long run = short run / (1 − Σρ); "
                   f"standard errors by the delta method; {frac_to_pct(1 - self.alpha):g}% intervals.")
        return s

    def to_frame(self) -> pd.DataFrame:
        """Columns: term, short_run, long_run, std_error, lower, upper."""
        return self.table.reset_index()

    def to_dict(self) -> dict[str, Any]:
        return {
            "persistence": self.persistence,
            **{t: {c: self.table.loc[t, c] for c in self.table.columns} for t in self.table.index},
        }


@dataclass(frozen=True)
class RealRate(Result):
    """The real policy rate (nominal − inflation) and its correlation with inflation."""

    frame: pd.DataFrame = field(repr=False)
    correlation: float
    test: TestStatistic | InvalidTestStatistic

    def summary(self) -> Summary:
        s = Summary("Real policy rate and inflation")
        d = self.frame
        s.add_items({
            "sample": f"{d.index[0]} to {d.index[-1]} ({len(d)} obs)",
            "mean real rate": float(d["real_rate"].mean()),
            "correlation with inflation": self.correlation,
            "p-value (H0: no correlation)": self.test.pvalue,
        })
        s.add_note("real rate = nominal rate − inflation (percent); Pearson correlation.")
        return s

    def to_frame(self) -> pd.DataFrame:
        """Columns: period, nominal_rate, inflation, real_rate (percent)."""
        return self.frame.reset_index()

    def to_dict(self) -> dict[str, Any]:
        return {"correlation": self.correlation, "test": self.test.to_dict(),
                "rows": self.frame}

    def plot(self, ax: Axes | None = None) -> Figure:
        """Real rate and inflation over time (the seed's Figure 2)."""
        fig, ax = figure_axes(ax)
        x = self.frame.index.to_timestamp() if isinstance(self.frame.index, pd.PeriodIndex) \
            else self.frame.index
        ax.plot(x, self.frame["real_rate"], lw=2, label="real rate (nominal − inflation)")
        ax.plot(x, self.frame["inflation"], lw=1.5, ls="--", label="inflation")
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_ylabel("percent")
        ax.set_title(f"Real policy rate vs inflation (correlation {self.correlation:.2f})")
        ax.legend(fontsize=8)
        return fig


@dataclass(frozen=True)
class RateForecast(Result):
    """A one-step forecast of the policy rate (the seed's "theoretical rate")."""

    forecast: float
    std_error: float
    lower: float
    upper: float
    alpha: float
    inputs: dict[str, float]
    lagged_rate: float | None
    note: str = ""
    estimate: ReactionFunctionFixedResult | None = field(default=None, repr=False, compare=False)
    """The reaction function the forecast comes from, when the caller attached it
    (:func:`monpol.rules.api.run_forecast` does); not part of ``to_dict``."""

    def summary(self) -> Summary:
        s = Summary("Policy-rate forecast")
        level = f"{frac_to_pct(1 - self.alpha):g}%"
        s.add_items({"forecast (percent)": self.forecast,
                     f"{level} prediction interval": f"[{self.lower:.4f}, {self.upper:.4f}]",
                     "standard error": self.std_error})
        s.add_items({**self.inputs, **({"lagged_rate": self.lagged_rate}
                                       if self.lagged_rate is not None else {})}, title="Inputs")
        if self.note:
            s.add_note(self.note)
        return s

    def to_frame(self) -> pd.DataFrame:
        """One row: forecast, std_error, lower, upper, alpha and the inputs."""
        return pd.DataFrame([{"forecast": self.forecast, "std_error": self.std_error,
                              "lower": self.lower, "upper": self.upper, "alpha": self.alpha,
                              **self.inputs, "lagged_rate": self.lagged_rate}])

    def to_dict(self) -> dict[str, Any]:
        return {"forecast": self.forecast, "std_error": self.std_error,
                "interval": {"lower": self.lower, "upper": self.upper,
                             "level": 1 - self.alpha},
                "inputs": dict(self.inputs), "lagged_rate": self.lagged_rate,
                "note": self.note or None}


@dataclass(frozen=True)
class ReactionFunctionFixedResult(Result):
    """A reaction function evaluated at given coefficients.

    Attributes
    ----------
    params : Series
        Coefficients by name (``const``, the regressors, ``lagged_rate``).
    y, X : Series, DataFrame
        The sample's rate and design matrix.
    sample : SampleInfo
        Names, sample bounds, definition choices.
    inflation : str or None
        The inflation regressor (for the long-run test and the real rate).
    """

    params: pd.Series = field(repr=False)
    y: pd.Series = field(repr=False)
    X: pd.DataFrame = field(repr=False)
    sample: SampleInfo
    inflation: str | None

    @property
    def nobs(self) -> int:
        return len(self.y)

    @property
    def fitted_values(self) -> pd.Series:
        return (self.X @ self.params).rename("fitted")

    @property
    def resids(self) -> pd.Series:
        return (self.y - self.fitted_values).rename("resid")

    @property
    def long_run(self) -> LongRunResponses:
        t = long_run_responses(self.params, None)
        return LongRunResponses(t, t.attrs["persistence"])

    @property
    def taylor_principle(self) -> TestStatistic | InvalidTestStatistic:
        return InvalidTestStatistic(
            "Taylor principle", reason="fixed coefficients have no standard errors")

    def real_rate(self) -> RealRate:
        """Nominal rate − inflation over the sample and its correlation with inflation."""
        if self.inflation is None:
            raise InputError("real_rate needs the inflation regressor; the model has none")
        infl = self.X[self.inflation]
        frame = pd.DataFrame({"nominal_rate": self.y, "inflation": infl,
                              "real_rate": self.y - infl})
        frame.index.name = "period"
        if len(frame) < 3 or frame["inflation"].std() == 0 or frame["real_rate"].std() == 0:
            test: TestStatistic | InvalidTestStatistic = InvalidTestStatistic(
                "correlation of the real rate with inflation",
                reason="fewer than 3 observations or a constant series")
            r = math.nan
        else:
            from scipy import stats

            pr = stats.pearsonr(frame["real_rate"], frame["inflation"])
            r = float(pr.statistic)
            tstat = r * math.sqrt((len(frame) - 2) / (1 - r**2)) if abs(r) < 1 else math.inf
            test = TestStatistic("correlation of the real rate with inflation", tstat,
                                 float(pr.pvalue), "no correlation", "correlation ≠ 0",
                                 f"t({len(frame) - 2})")
        return RealRate(frame, r, test)

    def _forecast_row(self, regressors: dict[str, float], lagged_rate: float | None
                      ) -> tuple[pd.DataFrame, dict[str, float], float | None]:
        names = list(self.params.index)
        needed = [n for n in names if n != "const" and not n.startswith("lagged_rate")]
        unknown = sorted(set(regressors) - set(needed))
        missing = [n for n in needed if n not in regressors]
        if unknown or missing:
            raise InputError(
                f"forecast needs values for {needed} (percent); missing {missing}, unknown "
                f"{unknown}")
        values = {n: finite_float(n, regressors[n], unit="percent") for n in needed}
        lags = _lag_names(self.params.index)
        row: dict[str, float] = {}
        lag_used: float | None = None
        if lags:
            if len(lags) > 1:
                raise InputError("forecast supports models with one lag of the rate")
            lag_used = (float(self.y.iloc[-1]) if lagged_rate is None
                        else finite_float("lagged_rate", lagged_rate, unit="percent"))
        for n in names:
            row[n] = 1.0 if n == "const" else (lag_used if n in lags else values[n])  # type: ignore[assignment]
        return pd.DataFrame([row], columns=names), values, lag_used

    def forecast(self, *, lagged_rate: float | None = None, alpha: float = 0.05,
                 **regressors: float) -> RateForecast:
        """One-step forecast from given regressors (the seed's "theoretical rate").

        ``lagged_rate`` defaults to the last rate of the sample. Fixed coefficients give
        a point forecast only.
        """
        in_range("alpha", alpha, 0.0, 1.0, low_inclusive=False, high_inclusive=False)
        x, values, lag = self._forecast_row(regressors, lagged_rate)
        point = float((x.iloc[0] * self.params).sum())
        return RateForecast(point, math.nan, math.nan, math.nan, alpha, values, lag,
                            note="fixed coefficients: no prediction interval")

    def _param_table(self) -> pd.DataFrame:
        return pd.DataFrame({"estimate": self.params})

    def summary(self) -> Summary:
        s = Summary(f"Reaction function for {self.sample.rate} (fixed coefficients)")
        s.add_items(self._header())
        s.add_table(self._param_table(), "Coefficients")
        s.add_table(self.long_run.table[["short_run", "long_run"]], "Long-run responses")
        return s

    def _header(self) -> dict[str, Any]:
        h: dict[str, Any] = {"sample": f"{self.sample.start} to {self.sample.end}",
                             "observations": self.nobs}
        for k, v in self.sample.choices.items():
            h[f"{k} definition"] = v
        return h

    def to_frame(self) -> pd.DataFrame:
        """Columns: term, estimate (plus std_error, tstat, pvalue, lower, upper if estimated)."""
        return self._param_table().rename_axis("term").reset_index()

    def to_dict(self) -> dict[str, Any]:
        lr = self.long_run.table
        return {
            "params": self.params.to_dict(),
            "long_run": {t: lr.loc[t, "long_run"] for t in lr.index},
            "nobs": self.nobs,
            "sample": {"start": self.sample.start, "end": self.sample.end},
            "choices": dict(self.sample.choices),
        }

    def plot(self, ax: Axes | None = None) -> Figure:
        """Actual vs fitted rate over the sample (the seed's Figure 1)."""
        fig, ax = figure_axes(ax)
        x = self.y.index.to_timestamp() if isinstance(self.y.index, pd.PeriodIndex) else self.y.index
        ax.plot(x, self.y, lw=2, label="actual")
        ax.plot(x, self.fitted_values, lw=1.5, ls="--", label="fitted")
        ax.set_ylabel("percent")
        ax.set_title(f"{self.sample.rate}: actual vs fitted, {self.sample.start}–{self.sample.end}")
        ax.legend(fontsize=8)
        return fig


@dataclass(frozen=True)
class ReactionFunctionResults(ReactionFunctionFixedResult):
    """An estimated reaction function (OLS).

    Adds to :class:`ReactionFunctionFixedResult`: ``std_errors``, ``tvalues``, ``pvalues``,
    ``conf_int(alpha)``, ``cov_params``, ``rsquared``, delta-method standard errors of the
    long-run responses, the Taylor-principle test and prediction intervals.
    """

    cov_params: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    cov_type: str = "nonrobust"
    maxlags: int | None = None
    df_resid: float = math.nan
    use_t: bool = True
    rsquared: float = math.nan
    rsquared_adj: float = math.nan
    _fit: Any = field(repr=False, compare=False, default=None)

    @property
    def std_errors(self) -> pd.Series:
        return pd.Series(np.sqrt(np.diag(self.cov_params)), index=self.params.index)

    @property
    def tvalues(self) -> pd.Series:
        return self.params / self.std_errors

    def _dist(self) -> tuple[str, Any]:
        from scipy import stats

        if self.use_t:
            return f"t({self.df_resid:g})", stats.t(self.df_resid)
        return "N(0,1)", stats.norm()

    @property
    def pvalues(self) -> pd.Series:
        _, dist = self._dist()
        return pd.Series(2 * dist.sf(np.abs(self.tvalues)), index=self.params.index)

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Confidence intervals: columns ``lower``, ``upper``."""
        in_range("alpha", alpha, 0.0, 1.0, low_inclusive=False, high_inclusive=False)
        _, dist = self._dist()
        q = dist.ppf(1 - alpha / 2)
        se = self.std_errors
        return pd.DataFrame({"lower": self.params - q * se, "upper": self.params + q * se})

    @property
    def long_run(self) -> LongRunResponses:
        t = long_run_responses(self.params, self.cov_params, use_t=self.use_t,
                               df_resid=self.df_resid)
        return LongRunResponses(t, t.attrs["persistence"])

    @property
    def taylor_principle(self) -> TestStatistic | InvalidTestStatistic:
        """One-sided test of H0: long-run inflation response ≤ 1 against H1: > 1."""
        name = "Taylor principle"
        if self.inflation is None:
            return InvalidTestStatistic(name, reason="the model has no inflation regressor")
        lr = self.long_run
        if lr.persistence >= 1:
            return InvalidTestStatistic(
                name, reason=f"persistence Σρ = {lr.persistence:.4f} ≥ 1: no long-run response")
        theta = cast(float, lr.table.loc[self.inflation, "long_run"])
        se = cast(float, lr.table.loc[self.inflation, "std_error"])
        if not (se > 0 and math.isfinite(se)):
            return InvalidTestStatistic(name, reason="the long-run standard error is not finite")
        label, dist = self._dist()
        stat = (theta - 1.0) / se
        return TestStatistic(name, stat, float(dist.sf(stat)),
                             f"long-run inflation response ≤ 1 (estimate {theta:.4f})",
                             "long-run inflation response > 1", label)

    def forecast(self, *, lagged_rate: float | None = None, alpha: float = 0.05,
                 **regressors: float) -> RateForecast:
        """One-step forecast with a prediction interval (statsmodels ``get_prediction``)."""
        in_range("alpha", alpha, 0.0, 1.0, low_inclusive=False, high_inclusive=False)
        x, values, lag = self._forecast_row(regressors, lagged_rate)
        frame = self._fit.get_prediction(x).summary_frame(alpha=alpha)
        point = float(frame["mean"].iloc[0])
        lower, upper = float(frame["obs_ci_lower"].iloc[0]), float(frame["obs_ci_upper"].iloc[0])
        _, dist = self._dist()
        se = (upper - lower) / (2 * dist.ppf(1 - alpha / 2))
        return RateForecast(point, se, lower, upper, alpha, values, lag)

    def _param_table(self) -> pd.DataFrame:
        ci = self.conf_int()
        return pd.DataFrame({"estimate": self.params, "std_error": self.std_errors,
                             "tstat": self.tvalues, "pvalue": self.pvalues,
                             "lower": ci["lower"], "upper": ci["upper"]})

    def _header(self) -> dict[str, Any]:
        h = super()._header()
        h["R-squared"] = self.rsquared
        cov = self.cov_type if self.cov_type != "hac" else f"HAC (Newey–West, {self.maxlags} lags)"
        h["standard errors"] = cov
        return h

    def summary(self) -> Summary:
        s = Summary(f"Reaction function for {self.sample.rate} (OLS)")
        s.add_items(self._header())
        s.add_table(self._param_table(), "Coefficients")
        s.add_table(self.long_run.table, "Long-run responses (delta method)")
        tp = self.taylor_principle
        if isinstance(tp, TestStatistic):
            s.add_note(f"Taylor principle, H0: {tp.null}: statistic {tp.statistic:.3f}, "
                       f"p-value {tp.pvalue:.4f} ({tp.distribution}).")
        else:
            s.add_note(f"Taylor principle test not available: {tp.reason}")
        return s

    def to_dict(self) -> dict[str, Any]:
        lr = self.long_run
        return {
            "params": self.params.to_dict(),
            "std_errors": self.std_errors.to_dict(),
            "pvalues": self.pvalues.to_dict(),
            "cov_type": self.cov_type,
            "maxlags": self.maxlags,
            "long_run": {t: {"estimate": lr.table.loc[t, "long_run"],
                             "std_error": lr.table.loc[t, "std_error"]} for t in lr.table.index},
            "persistence": lr.persistence,
            "taylor_principle": self.taylor_principle.to_dict(),
            "nobs": self.nobs,
            "rsquared": self.rsquared,
            "sample": {"start": self.sample.start, "end": self.sample.end},
            "choices": dict(self.sample.choices),
        }


@dataclass(frozen=True)
class GMMReactionFunctionResults(ReactionFunctionResults):
    """A forward-looking reaction function estimated by two-step GMM, with Hansen's J test."""

    j_statistic: float = math.nan
    j_pvalue: float = math.nan
    j_df: int = 0

    @property
    def j_test(self) -> TestStatistic:
        return TestStatistic("Hansen J (overidentifying restrictions)", self.j_statistic,
                             self.j_pvalue, "instruments valid", "instruments invalid",
                             f"chi2({self.j_df})")

    def forecast(self, *, lagged_rate: float | None = None, alpha: float = 0.05,
                 **regressors: float) -> RateForecast:
        """Point forecast only (expected future inflation is a regressor)."""
        point = ReactionFunctionFixedResult.forecast(self, lagged_rate=lagged_rate, alpha=alpha,
                                                     **regressors)
        return RateForecast(point.forecast, math.nan, math.nan, math.nan, alpha, point.inputs,
                            point.lagged_rate, note="GMM estimates: no prediction interval")

    def _header(self) -> dict[str, Any]:
        h = ReactionFunctionFixedResult._header(self)
        h["estimator"] = f"two-step GMM, HAC weights ({self.maxlags} lags)"
        h["instruments"] = ", ".join(self.sample.instruments)
        h["J statistic (p-value)"] = f"{self.j_statistic:.3f} ({self.j_pvalue:.3f})"
        return h

    def summary(self) -> Summary:
        s = super().summary()
        s.title = f"Forward-looking reaction function for {self.sample.rate} (GMM)"
        return s

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["j_test"] = self.j_test.to_dict()
        out["instruments"] = list(self.sample.instruments)
        return out


@dataclass(frozen=True)
class RollingEstimates(Result):
    """Rolling or recursive estimates: parameters by window end."""

    params: pd.DataFrame = field(repr=False)
    std_errors: pd.DataFrame = field(repr=False)
    window: int
    expanding: bool
    long_run_inflation: pd.Series | None
    sample: SampleInfo

    def to_frame(self) -> pd.DataFrame:
        """Long: period (window end), term, estimate, std_error."""
        est = cast(pd.Series, self.params.stack()).rename("estimate")
        se = cast(pd.Series, self.std_errors.stack()).rename("std_error")
        out = pd.concat([est, se], axis=1).reset_index()
        out.columns = ["period", "term", "estimate", "std_error"]
        return out

    def summary(self) -> Summary:
        kind = "Recursive" if self.expanding else "Rolling"
        s = Summary(f"{kind} estimates ({self.window}-period window)")
        s.add_table(self.params.iloc[[0, len(self.params) // 2, -1]], "Parameters at three dates")
        if self.long_run_inflation is not None:
            s.add_items({"first window": float(self.long_run_inflation.iloc[0]),
                         "last window": float(self.long_run_inflation.iloc[-1])},
                        title="Long-run inflation response")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {"window": self.window, "expanding": self.expanding, "rows": self.to_frame()}

    def plot(self, ax: Axes | None = None) -> Figure:
        """Short-run coefficients by window end, with ±2 s.e. bands."""
        fig, ax = figure_axes(ax)
        x = self.params.index.to_timestamp() if isinstance(self.params.index, pd.PeriodIndex) \
            else self.params.index
        for c in self.params.columns:
            if c == "const":
                continue
            ax.plot(x, self.params[c], label=c)
            ax.fill_between(x, self.params[c] - 2 * self.std_errors[c],
                            self.params[c] + 2 * self.std_errors[c], alpha=0.15)
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_title(("Recursive" if self.expanding else "Rolling") + " coefficients")
        ax.legend(fontsize=8)
        return fig
