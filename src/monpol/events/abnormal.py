"""Abnormal changes: the event-window change minus what a baseline model expected.

Let :math:`d_t` be the daily change of the series (percent for prices, basis points for
yields, 32nds for Treasury prices) and :math:`m_t` that of a market series. For an event
window of :math:`L` daily changes and an estimation window of :math:`n` daily changes
before it (MacKinlay 1997, section 4):

``zero_mean``
    expected change 0; :math:`\\hat\\sigma^2 = \\sum d_t^2 / n`;
    :math:`\\operatorname{Var}(\\mathrm{CAR}) = L \\hat\\sigma^2`; :math:`t \\sim t(n)`.
    The usual test of raw yield changes on announcement days.
``constant_mean``
    expected change :math:`L \\hat\\mu`;
    :math:`\\operatorname{Var}(\\mathrm{CAR}) = \\hat\\sigma^2 (L + L^2 / n)`;
    :math:`t \\sim t(n - 1)`.
``market_model``
    :math:`d_t = \\alpha + \\beta m_t + \\varepsilon_t` by OLS; expected change
    :math:`L \\hat\\alpha + \\hat\\beta \\sum_w m_t`;
    :math:`\\operatorname{Var}(\\mathrm{CAR}) = \\hat\\sigma^2 (L + q' (X'X)^{-1} q)` with
    :math:`q = (L, \\sum_w m_t)'` (prediction error included); :math:`t \\sim t(n - 2)`.

The abnormal change (CAR) is the sum of the daily abnormal changes in the window; the test
statistic is :math:`\\mathrm{CAR} / \\sqrt{\\operatorname{Var}(\\mathrm{CAR})}` with a
two-sided p-value. All events are computed at once from running sums (no loop over events).

References
----------
MacKinlay, A. C. (1997), "Event Studies in Economics and Finance", *Journal of Economic
Literature* 35(1), 13-39.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from monpol.core.registry import Registry

__all__ = ["BASELINES", "Baseline", "EstimationSums", "abnormal_changes"]


@dataclass(frozen=True)
class EstimationSums:
    """Sums over each event's estimation window (arrays, one entry per event).

    ``n`` observations; ``sd``, ``sdd`` sums of d and d²; ``sm``, ``smm``, ``sdm`` the same
    for the market series and the cross product; ``L`` window length; ``wd``, ``wm`` sums of
    d and m over the event window.
    """

    n: np.ndarray
    sd: np.ndarray
    sdd: np.ndarray
    sm: np.ndarray
    smm: np.ndarray
    sdm: np.ndarray
    L: np.ndarray
    wd: np.ndarray
    wm: np.ndarray


@dataclass(frozen=True)
class BaselineOutput:
    expected: np.ndarray
    variance: np.ndarray
    df: np.ndarray
    problem: np.ndarray  # object array of reasons ("" where fine)


@dataclass(frozen=True)
class Baseline:
    """A baseline model: its name, minimum estimation sample and computation."""

    name: str
    min_nobs: int
    needs_market: bool
    compute: Callable[[EstimationSums], BaselineOutput]
    description: str


def _zero_mean(s: EstimationSums) -> BaselineOutput:
    with np.errstate(divide="ignore", invalid="ignore"):
        var_d = s.sdd / s.n
    problem = np.where(var_d > 0, "", "no variation in the estimation window").astype(object)
    return BaselineOutput(np.zeros_like(s.wd), var_d * s.L, s.n.astype(float), problem)


def _constant_mean(s: EstimationSums) -> BaselineOutput:
    with np.errstate(divide="ignore", invalid="ignore"):
        mu = s.sd / s.n
        var_d = (s.sdd - s.n * mu**2) / (s.n - 1)
        var = var_d * (s.L + s.L**2 / s.n)
    problem = np.where(var_d > 0, "", "no variation in the estimation window").astype(object)
    return BaselineOutput(s.L * mu, var, (s.n - 1).astype(float), problem)


def _market_model(s: EstimationSums) -> BaselineOutput:
    with np.errstate(divide="ignore", invalid="ignore"):
        sxx = s.smm - s.sm**2 / s.n
        beta = (s.sdm - s.sd * s.sm / s.n) / sxx
        alpha = (s.sd - beta * s.sm) / s.n
        rss = s.sdd - alpha * s.sd - beta * s.sdm
        var_e = rss / (s.n - 2)
        det = s.n * s.smm - s.sm**2
        # q' (X'X)^{-1} q with X'X = [[n, sm], [sm, smm]] and q = (L, wm)
        quad = (s.smm * s.L**2 - 2.0 * s.sm * s.L * s.wm + s.n * s.wm**2) / det
        var = var_e * (s.L + quad)
    problem = np.where(sxx > 0, np.where(var_e > 0, "", "no residual variation in the estimation window"),
                       "the market series does not vary in the estimation window").astype(object)
    return BaselineOutput(s.L * alpha + beta * s.wm, var, (s.n - 2).astype(float), problem)


BASELINES: Registry[Baseline] = Registry("baseline")
BASELINES.add("zero_mean", Baseline("zero_mean", 1, False, _zero_mean,
                                    "expected change zero; volatility from the estimation window"))
BASELINES.add("constant_mean", Baseline("constant_mean", 2, False, _constant_mean,
                                        "expected change = mean daily change over the estimation window"))
BASELINES.add("market_model", Baseline("market_model", 3, True, _market_model,
                                       "expected change = alpha + beta x market change (OLS)"))


@dataclass(frozen=True)
class AbnormalOutput:
    expected: np.ndarray
    abnormal: np.ndarray
    variance: np.ndarray
    statistic: np.ndarray
    pvalue: np.ndarray
    df: np.ndarray
    reason: np.ndarray


def abnormal_changes(
    baseline: Baseline, sums: EstimationSums, *, min_estimation: int, describe: Callable[[int], str]
) -> AbnormalOutput:
    """Abnormal changes and their t tests for every event; invalid ones carry a reason.

    ``describe(i)`` returns the words describing event i's estimation window, used in the
    reason when it holds too few observations.
    """
    out = baseline.compute(sums)
    need = max(baseline.min_nobs, min_estimation)
    short = sums.n < need
    reason = out.problem.copy()
    for i in np.flatnonzero(short):
        reason[i] = (f"estimation window too short: {describe(int(i))} holds {int(sums.n[i])} daily "
                     f"changes; the {baseline.name} baseline needs at least {need} "
                     f"(min_estimation={min_estimation})")
    fit_ok = ~short
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.where(fit_ok, out.expected, np.nan)
        abnormal = sums.wd - expected
        valid = reason == ""
        stat = np.where(valid, abnormal / np.sqrt(out.variance), np.nan)
    pval = np.full(len(stat), np.nan)
    if valid.any():
        from scipy import stats  # lazy: scipy.stats costs ~0.5 s at import

        pval[valid] = 2.0 * stats.t.sf(np.abs(stat[valid]), out.df[valid])
    variance = np.where(valid, out.variance, np.nan)
    df = np.where(valid, out.df, np.nan)
    return AbnormalOutput(expected, abnormal, variance, stat, pval, df, reason)
