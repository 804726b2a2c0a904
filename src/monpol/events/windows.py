"""Windows around events: changes between two dates, event reactions, trading-day windows.

Three ways to measure a market's move:

* :func:`change` — between any two dates or times (each resolved to the previous
  available close, see :mod:`monpol.events.series`);
* :func:`reaction` — pre-event level → event-day close → next-day extreme, for intraday
  quotes (the seed's "76.735 before the 2:15 pm statement → 76.412 at the 4 pm close →
  75.664 low the next day") or, with daily closes, previous close → event-day close →
  next close;
* trading-day windows ``(a, b)`` around *day 0*, the first trading day that can reflect
  the announcement (:func:`day_zero`); ``(-1, 0)`` is the one-day change of Gagnon et al.
  (2011), ``(-1, +1)`` the two-day change of Krishnamurthy and Vissing-Jorgensen (2011).
  They are used by :func:`monpol.events.event_study`.

**Day 0.** An event on a trading day is day 0 of that day if it was released before the
market close (``close``, 16:00 New York by default) or if its time is unknown; released at
or after the close it belongs to the next trading day. An event on a non-trading day
(a weekend or holiday) belongs to the next trading day; its pre-event level is the previous
available close.

Examples
--------
>>> from monpol.events import load_series
>>> dgs10 = load_series("us-qe2-2010-window", "DGS10")
>>> c = change(dgs10, "2010-11-03", "2010-11-04")
>>> c.start, c.end, c.change
(2.67, 2.53, -14.0)
>>> change(dgs10, "2010-10-11", "2010-10-12").start_date.date()   # Columbus Day: previous close
datetime.date(2010, 10, 8)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.core.validation import date_like, instance_of, one_of, sequence_arg
from monpol.events.results import Change, Reaction
from monpol.events.series import MarketSeries

__all__ = ["WINDOWS", "change", "day_zero", "parse_window", "reaction"]

#: Named trading-day windows (start, end) relative to day 0.
WINDOWS: Registry[tuple[int, int]] = Registry("window")
WINDOWS.add("1d", (-1, 0))
WINDOWS.add("2d", (-1, 1))
WINDOWS.add("event-day", (-1, 0))
WINDOWS.add("next-day", (0, 1))


def parse_window(window: str | Sequence[int]) -> tuple[int, int]:
    """A trading-day window from a name (``"1d"``, ``"2d"``) or ``"a:b"`` or ``(a, b)``.

    >>> parse_window("2d"), parse_window("-2:+3"), parse_window((-1, 0))
    ((-1, 1), (-2, 3), (-1, 0))
    """
    if isinstance(window, str):
        text = window.strip()
        if text in WINDOWS:
            return WINDOWS.get(text)
        parts = text.split(":")
        try:
            a, b = (int(p) for p in parts) if len(parts) == 2 else (None, None)
        except ValueError:
            a = b = None
        if a is None or b is None:
            names = ", ".join(repr(n) for n in WINDOWS.names())
            raise InputError(f"window must be one of {names} or 'a:b' (trading days around day 0, "
                             f"e.g. '-1:1'); got {window!r}")
    else:
        try:
            a, b = (int(v) for v in window)
        except (TypeError, ValueError):
            raise InputError(f"window must be two integers (a, b); got {window!r}") from None
    if not a < b:
        raise InputError(f"window must have start < end (trading days around day 0); got {a}:{b}")
    return a, b


def _hhmm(text: str | None, argument: str) -> pd.Timedelta | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        h, m = str(text).strip().split(":")
        if not (h.isdigit() and m.isdigit() and int(h) < 24 and int(m) < 60):
            raise ValueError
        return pd.Timedelta(hours=int(h), minutes=int(m))
    except ValueError:
        raise InputError(f"{argument} must be a time HH:MM (24-hour); got {text!r}") from None


def change(series: MarketSeries, start: Any, end: Any, *, max_gap_days: float = 7) -> Change:
    """Change of ``series`` from ``start`` to ``end`` (dates or timestamps).

    Each date is resolved to the previous available close (the last observation at or
    before it). The change is in the series' convention: percent for prices, basis points
    for yields, 32nds for Treasury prices.

    Raises
    ------
    InputError
        If ``end`` is before ``start`` or a date cannot be parsed.
    DataError
        If a date is outside the data or in a gap longer than ``max_gap_days``.
    """
    instance_of("series", series, MarketSeries, "a monpol.events.MarketSeries")
    t0 = series.timestamp(start, argument="from")
    t1 = series.timestamp(end, argument="to")
    if t1 < t0:
        raise InputError(f"to ({t1}) must not be before from ({t0})")
    d0, v0 = series.asof(t0, argument="from", max_gap_days=max_gap_days)
    d1, v1 = series.asof(t1, argument="to", max_gap_days=max_gap_days)
    return Change(series.name, series.kind, t0, t1, d0, d1, v0, v1,
                  series.convention.change(v0, v1), series.unit)


def check_gaps(
    index: pd.DatetimeIndex,
    start: np.ndarray,
    end: np.ndarray,
    *,
    max_gap_days: float,
    events: Sequence[Any],
    name: str,
) -> None:
    """Raise a DataError if a window bridges a gap in the data longer than ``max_gap_days``.

    Window ``i`` runs from position ``start[i]`` to ``end[i]`` of ``index``; two consecutive
    observations inside it more than ``max_gap_days`` calendar days apart mean the data are
    missing there (the previous-close rule bridges weekends and holidays, not gaps), and a
    "one-day" change would silently span weeks.
    """
    if len(index) < 2:
        return
    step = np.asarray((index[1:] - index[:-1]) / pd.Timedelta(days=1), dtype=float)
    big = np.concatenate([[0], np.cumsum(step > max_gap_days)])
    bad = (big[end] - big[start]) > 0
    if bad.any():
        i = int(np.argmax(bad))
        j = int(start[i]) + int(np.argmax(step[start[i]:end[i]] > max_gap_days))
        raise DataError(
            f"event {pd.Timestamp(events[i]).date()}: its window {index[start[i]].date()} .. "
            f"{index[end[i]].date()} bridges a gap in {name} from {index[j].date()} to "
            f"{index[j + 1].date()}, more than {max_gap_days:g} days (max_gap_days)"
        )


def day_zero(
    index: pd.DatetimeIndex,
    dates: Sequence[Any] | pd.DatetimeIndex,
    times: Sequence[str | None] | None = None,
    *,
    close: str = "16:00",
    max_gap_days: float = 7,
) -> np.ndarray:
    """Positions in a daily ``index`` of day 0 of each event (see module docs).

    Raises
    ------
    DataError
        If an event falls before the first or after the last observation, or day 0 is
        more than ``max_gap_days`` after the event (a gap in the data).
    """
    instance_of("index", index, pd.DatetimeIndex, "a pandas DatetimeIndex")
    dates = [date_like("dates", d) for d in sequence_arg("dates", dates, "dates")]
    when = pd.DatetimeIndex(pd.to_datetime(list(dates))).normalize()
    if index.tz is not None and when.tz is None:
        when = when.tz_localize(index.tz)
    early = when < index[0].normalize()
    if early.any():
        # a date before the data may have been a trading day that is simply not covered:
        # day 0 cannot be placed (inside the data a missing date is a non-trading day)
        i = int(np.argmax(early))
        raise DataError(f"event {when[i].date()} is before the first observation "
                        f"({index[0].date()}); day 0 cannot be placed")
    pos = index.searchsorted(when, side="left")
    cut = _hhmm(close, "close")
    if times is not None:
        late = np.array([(t := _hhmm(x, "time_et")) is not None and cut is not None and t >= cut
                         for x in times], dtype=bool)
        on_day = (pos < len(index)) & (index[np.minimum(pos, len(index) - 1)] == when)
        pos = pos + (late & on_day)
    over = pos >= len(index)
    if over.any():
        i = int(np.argmax(over))
        raise DataError(f"event {when[i].date()} is after the last observation "
                        f"({index[-1].date()}); no close can reflect it")
    lag = (index[pos] - when).days
    far = lag > max_gap_days
    if np.any(far):
        i = int(np.argmax(far))
        raise DataError(f"event {when[i].date()}: the next observation is {index[pos[i]].date()}, "
                        f"more than {max_gap_days:g} days later; the data have a gap there")
    return np.asarray(pos, dtype=int)


def reaction(
    series: MarketSeries,
    event: Any,
    *,
    close: str = "16:00",
    extreme: Literal["auto", "high", "low"] = "auto",
    max_gap_days: float = 7,
) -> Reaction:
    """Pre-event level → event-day close → next-day extreme.

    Parameters
    ----------
    series : MarketSeries
        Intraday quotes (timestamps with times) or daily closes.
    event : date-like
        Announcement time, e.g. ``"2010-11-03 14:15"`` (a date alone for daily data or
        when the time is unknown).
    close : str
        Market close ``HH:MM`` in the series' clock (default 16:00, New York).
    extreme : {"auto", "high", "low"}
        Which extreme of the next trading day to take; ``"auto"`` follows the direction
        of the pre-event → close move (high if the level rose or was unchanged).

    Notes
    -----
    Intraday: the pre-event level is the last quote at or before the announcement (a
    quote stamped at the announcement time is taken as pre-event); the event close is the
    last quote at or before ``close`` on the event day (on the next trading day if the
    announcement came at or after the close or on a day without quotes); the next-day
    extreme is the high or low of the quotes on the following trading day. Daily:
    previous close → close of day 0 → next close (``extreme_side = "close"``); a window
    bridging a gap in the data longer than ``max_gap_days`` is an error.
    """
    instance_of("series", series, MarketSeries, "a monpol.events.MarketSeries")
    one_of("extreme", extreme, ["auto", "high", "low"])
    cut = _hhmm(close, "close")
    if cut is None:
        raise InputError(f"close must be a time HH:MM (24-hour), the market close; got {close!r}")
    ts = series.timestamp(event, argument="event")
    conv = series.convention
    if not series.intraday:
        idx = series.index
        has_time = ts != ts.normalize()
        time = f"{ts.hour:02d}:{ts.minute:02d}" if has_time else None
        p0 = int(day_zero(idx, [ts.normalize()], [time], close=close, max_gap_days=max_gap_days)[0])
        if p0 < 1:
            raise DataError(f"event {ts.date()}: no close before day 0 ({idx[p0].date()}) in "
                            f"{series.name}")
        if p0 + 1 >= len(idx):
            raise DataError(f"event {ts.date()}: no trading day after day 0 ({idx[p0].date()}) in "
                            f"{series.name}")
        check_gaps(idx, np.array([p0 - 1]), np.array([p0 + 1]), max_gap_days=max_gap_days,
                   events=[ts], name=series.name)
        v = series.levels.to_numpy()
        pre, cls, nxt = float(v[p0 - 1]), float(v[p0]), float(v[p0 + 1])
        return Reaction(series.name, series.kind, ts, True, idx[p0 - 1], pre, idx[p0], cls,
                        idx[p0 + 1], nxt, "close", conv.change(pre, cls), conv.change(pre, nxt))
    if ts == ts.normalize():
        raise InputError(f"event {event!r} needs a time of day (e.g. '2010-11-03 14:15') for the "
                         f"intraday series {series.name}")
    pre_t, pre = series.asof(ts, argument="event", max_gap_days=max_gap_days)
    idx = series.index
    days = idx.normalize()
    trading_days = days.unique()
    day = ts.normalize()
    if ts - day >= cut or day not in trading_days:
        # after the close, or on a day without quotes (weekend, holiday): the next trading day
        later = trading_days[trading_days > day]
        if len(later) == 0:
            raise DataError(f"event {ts} is after the close or on a day without quotes and "
                            f"{series.name} has no later trading day")
        day = pd.Timestamp(later[0])
        if (day - ts.normalize()).days > max_gap_days:
            raise DataError(f"event {ts}: the next trading day of {series.name} is {day.date()}, "
                            f"more than {max_gap_days:g} days later; the data have a gap there")
    close_mask = (days == day) & (idx <= day + cut) & (idx > ts)
    if not close_mask.any():
        raise DataError(f"{series.name}: no quote between the event ({ts}) and the close "
                        f"({(day + cut)}); cannot measure the event-day close")
    ci = int(np.flatnonzero(close_mask)[-1])
    close_t, close_v = pd.Timestamp(idx[ci]), float(series.levels.iloc[ci])
    later = trading_days[trading_days > day]
    if len(later) == 0:
        raise DataError(f"{series.name}: no trading day after {day.date()}; cannot measure the "
                        f"next-day extreme")
    next_day = pd.Timestamp(later[0])
    if (next_day - day).days > max_gap_days:
        raise DataError(f"{series.name}: the next trading day after {day.date()} is {next_day.date()}, "
                        f"more than {max_gap_days:g} days later")
    sel = np.flatnonzero(days == next_day)
    vals = series.levels.to_numpy()[sel]
    side = extreme if extreme != "auto" else ("high" if close_v >= pre else "low")
    j = int(np.argmax(vals) if side == "high" else np.argmin(vals))
    ext_t, ext_v = pd.Timestamp(idx[sel[j]]), float(vals[j])
    return Reaction(series.name, series.kind, ts, False, pre_t, pre, close_t, close_v, ext_t, ext_v,
                    side, conv.change(pre, close_v), conv.change(pre, ext_v))
