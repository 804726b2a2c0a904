"""The event study: changes and abnormal changes of a series around a calendar of events.

For each event, day 0 is the first trading day that can reflect it
(:func:`monpol.events.windows.day_zero`); the *window* ``(a, b)`` runs from the close of
day ``a`` to the close of day ``b``. The *change* is the level change over the window in
the series' convention; with a *baseline* the *abnormal change* is the sum of the daily
changes in the window minus what the baseline expected, tested against the volatility of
an *estimation window* of ``estimation`` trading days that ends ``gap`` days before the
event window (:mod:`monpol.events.abnormal`). Daily changes inside any event's window are
left out of every estimation window (``exclude_event_windows``). A window may not bridge a
gap in the data longer than ``max_gap_days`` (the limit of the previous-close rule).

**Cumulative over events.** The cumulative change sums basis-point and 32nds changes and
compounds percent changes; the cumulative abnormal change is the sum of the abnormal
changes, tested with :math:`\\sum \\mathrm{CAR}_i / \\sqrt{\\sum \\operatorname{Var}_i}`
(events independent, windows disjoint) against :math:`t(\\min_i \\mathrm{df}_i)`.

Examples
--------
>>> from monpol.events import load_series
>>> dgs10 = load_series("us-markets-daily", "DGS10")
>>> r = event_study(dgs10, "fed-qe1-kvj2011", window="2d", baseline=None)
>>> r.cumulative_change                       # Krishnamurthy and Vissing-Jorgensen: -107 bp
-107.0
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.core.validation import positive_int
from monpol.events.abnormal import BASELINES, EstimationSums, abnormal_changes
from monpol.events.calendars import EventCalendar, calendar_from_dates, load_calendar
from monpol.events.results import EventStudyResult
from monpol.events.series import MarketSeries
from monpol.events.windows import check_gaps, day_zero, parse_window

__all__ = ["event_study"]


def _calendar(events: EventCalendar | str | Sequence[Any]) -> EventCalendar:
    if isinstance(events, EventCalendar):
        return events
    if isinstance(events, str):
        return load_calendar(events)
    try:
        return calendar_from_dates(list(events))
    except (TypeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"events must be a calendar name, an EventCalendar or a list of dates; "
                         f"got {events!r}") from None


def _pad_cumsum(x: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(x)])


def event_study(
    series: MarketSeries,
    events: EventCalendar | str | Sequence[Any],
    *,
    window: str | tuple[int, int] = (-1, 0),
    baseline: str | None = "zero_mean",
    estimation: int = 250,
    gap: int = 10,
    min_estimation: int = 30,
    market: MarketSeries | None = None,
    exclude_event_windows: bool = True,
    close: str = "16:00",
    max_gap_days: float = 7,
) -> EventStudyResult:
    """Changes (and abnormal changes) of ``series`` around each event of a calendar.

    Parameters
    ----------
    series : MarketSeries
        The series studied (intraday series are reduced to daily closes: the last quote
        at or before ``close`` each day).
    events : EventCalendar, str or list of dates
        A calendar, the name of a bundled calendar or a CSV path, or dates.
    window : str or (int, int)
        Trading days around day 0: ``"1d"`` = ``(-1, 0)`` (default), ``"2d"`` =
        ``(-1, 1)``, or ``"a:b"``.
    baseline : {"zero_mean", "constant_mean", "market_model"} or None
        Model of the expected change; None reports raw changes without a test.
    estimation : int
        Length of the estimation window in trading days (default 250).
    gap : int
        Trading days between the estimation window and the event window (default 10).
    min_estimation : int
        Fewest daily changes an estimation window may hold; below it the test is an
        :class:`~monpol.core.hypotheses.InvalidTestStatistic` saying why (default 30).
    market : MarketSeries, optional
        The market series of the ``market_model`` baseline; the study uses the days on
        which both series are observed.
    exclude_event_windows : bool
        Leave the daily changes inside event windows out of the estimation windows.
    close : str
        Market close ``HH:MM``: an event released at or after it belongs to the next day.
    max_gap_days : float
        Longest gap between consecutive observations (calendar days) that day 0 and an
        event window may bridge (default 7: weekends and holidays, not missing data).

    Returns
    -------
    EventStudyResult

    Raises
    ------
    InputError
        Unknown baseline or window, bad numbers, a market series missing or not needed.
    DataError
        An event or its window outside the data, or a window bridging a gap in the data
        longer than ``max_gap_days`` calendar days.
    """
    cal = _calendar(events)
    a, b = parse_window(window)
    base = BASELINES.get(baseline) if baseline is not None else None
    estimation = positive_int("estimation", estimation)
    gap = positive_int("gap", gap, minimum=0)
    min_estimation = positive_int("min_estimation", min_estimation)
    if base is not None and base.needs_market and market is None:
        raise InputError(f"the {base.name} baseline needs a market series (market=...)")
    if market is not None and (base is None or not base.needs_market):
        raise InputError(f"market is used only by the market_model baseline; got baseline={baseline!r}")

    s = series.daily(close=close)
    notes: list[str] = []
    if s.dropped:
        notes.append(f"{s.dropped} missing observation(s) of {s.name} dropped (non-trading days).")
    levels = s.levels
    mlev: pd.Series | None = None
    if market is not None:
        m = market.daily(close=close)
        common = levels.index.intersection(m.levels.index)
        if len(common) < 2:
            raise DataError(f"{s.name} and {m.name} have fewer than two dates in common")
        lost = len(levels) - len(common)
        levels, mlev = levels.loc[common], m.levels.loc[common]
        if lost:
            notes.append(f"{lost} date(s) of {s.name} without a {m.name} observation left out "
                         f"(the market model uses the days both series are observed).")
    idx = pd.DatetimeIndex(levels.index)
    v = levels.to_numpy()
    n = len(v)
    p0 = day_zero(idx, cal.dates, cal.times(), close=close, max_gap_days=max_gap_days)
    start, end = p0 + a, p0 + b
    for i in range(len(cal)):
        if start[i] < 0 or end[i] >= n:
            side = "before the first" if start[i] < 0 else "after the last"
            raise DataError(
                f"event {cal.dates[i].date()}: window {a:+d}..{b:+d} around day 0 "
                f"({idx[p0[i]].date()}) reaches {side} observation of {s.name} "
                f"({idx[0].date()} .. {idx[-1].date()})"
            )
    check_gaps(idx, start, end, max_gap_days=max_gap_days, events=list(cal.dates), name=s.name)
    conv = s.convention
    change = conv.change(v[start], v[end])
    k = len(cal)
    expected = np.full(k, np.nan)
    abnormal = np.full(k, np.nan)
    variance = np.full(k, np.nan)
    stat = np.full(k, np.nan)
    pval = np.full(k, np.nan)
    df = np.full(k, np.nan)
    nobs = np.zeros(k, dtype=int)
    reason = np.array(["no baseline: raw changes only"] * k, dtype=object)

    order = np.argsort(start)
    overlap = bool(np.any(start[order][1:] < end[order][:-1]))
    if overlap:
        notes.append("Some event windows overlap: daily changes are counted in more than one "
                     "event and the cumulative figures double-count them.")

    if base is not None:
        d = np.zeros(n)
        d[1:] = conv.change(v[:-1], v[1:])
        mm = np.zeros(n)
        if mlev is not None:
            mv = mlev.to_numpy()
            mm[1:] = market.convention.change(mv[:-1], mv[1:])  # type: ignore[union-attr]
        # daily change j (level j-1 -> j) lies in event i's window if start_i < j <= end_i
        marks = np.zeros(n + 1)
        np.add.at(marks, start + 1, 1.0)
        np.add.at(marks, end + 1, -1.0)
        in_window = np.cumsum(marks)[:n] > 0
        ok = np.ones(n)
        ok[0] = 0.0
        if exclude_event_windows:
            ok[in_window] = 0.0
        pn, p1, p2 = _pad_cumsum(ok), _pad_cumsum(ok * d), _pad_cumsum(ok * d * d)
        pm, pmm, pdm = _pad_cumsum(ok * mm), _pad_cumsum(ok * mm * mm), _pad_cumsum(ok * d * mm)
        c1, cm = _pad_cumsum(d), _pad_cumsum(mm)
        hi = start - gap                        # last daily change of the estimation window
        lo = hi - estimation                    # exclusive lower bound
        hi_i = np.clip(hi + 1, 0, n)
        lo_i = np.clip(lo + 1, 0, n)
        lo_i = np.minimum(lo_i, hi_i)

        def rng(p: np.ndarray) -> np.ndarray:
            return np.asarray(p[hi_i] - p[lo_i], dtype=float)

        sums = EstimationSums(
            n=np.round(rng(pn)).astype(int), sd=rng(p1), sdd=rng(p2), sm=rng(pm), smm=rng(pmm),
            sdm=rng(pdm), L=np.full(k, float(b - a)),
            wd=c1[end + 1] - c1[start + 1], wm=cm[end + 1] - cm[start + 1],
        )

        def describe(i: int) -> str:
            span = (f"the {estimation} trading days ending {gap} day(s) before the window of "
                    f"{cal.dates[i].date()}")
            if hi[i] < 1:
                return span + " (no data before it)"
            return span + f" ({idx[max(lo[i], 0)].date()} .. {idx[hi[i]].date()})"

        res = abnormal_changes(base, sums, min_estimation=min_estimation, describe=describe)
        expected, abnormal, variance = res.expected, res.abnormal, res.variance
        stat, pval, df, reason = res.statistic, res.pvalue, res.df, res.reason
        nobs = sums.n
        short = np.flatnonzero(nobs < estimation)
        if len(short):
            listed = ", ".join(str(cal.dates[int(i)].date()) for i in short)
            notes.append(f"Estimation window shorter than {estimation} daily changes for {listed} "
                         f"(start of the data or excluded event windows); see nobs_estimation.")
        if exclude_event_windows and k > 1:
            notes.append("Daily changes inside event windows are left out of the estimation windows.")

    valid = np.array([r == "" for r in reason], dtype=bool)
    table = pd.DataFrame({
        "event_date": cal.dates,
        "label": cal.labels,
        "day0": idx[p0],
        "start_date": idx[start],
        "end_date": idx[end],
        "start": v[start],
        "end": v[end],
        "change": change,
        "expected": expected,
        "abnormal": abnormal,
        "statistic": stat,
        "pvalue": pval,
        "df": df,
        "nobs_estimation": nobs,
        "valid": valid,
        "reason": [str(r) for r in reason],
    })
    name = f"cumulative abnormal change of {s.name} over {k} event(s)"
    test: TestStatistic | InvalidTestStatistic
    if base is None:
        test = InvalidTestStatistic(name=name, reason="no baseline: raw changes only")
        cum_ab = float("nan")
    else:
        cum_ab = float(np.sum(abnormal)) if not np.isnan(abnormal).any() else float("nan")
        if not valid.all():
            bad = ", ".join(str(d.date()) for d in cal.dates[~valid])
            test = InvalidTestStatistic(name=name, reason=f"the test of event(s) {bad} is invalid "
                                        f"(see their reason)")
        elif overlap:
            test = InvalidTestStatistic(name=name, reason="event windows overlap; the cumulative "
                                        "test assumes disjoint windows")
        else:
            t = float(np.sum(abnormal) / np.sqrt(np.sum(variance)))
            dof = int(np.min(df))
            from scipy import stats

            test = TestStatistic(name=name, statistic=t, pvalue=float(2.0 * stats.t.sf(abs(t), dof)),
                                 null="cumulative abnormal change = 0",
                                 alternative="cumulative abnormal change != 0",
                                 distribution=f"t({dof})")
    return EventStudyResult(
        series=s.name, kind=s.kind, calendar=cal.name, window=(a, b),
        baseline=base.name if base else None, estimation=estimation, gap=gap, table=table,
        cumulative_change=conv.compound(change) if conv.relative else round(conv.compound(change), 10),
        cumulative_abnormal=cum_ab,
        cumulative_test=test, market=market.name if market is not None else None,
        levels=levels.copy(), notes=tuple(notes),
    )
