"""Charts: market series with the event dates marked (in the style of the seed's Figure 10)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from monpol.core.errors import InputError
from monpol.core.validation import instance_of
from monpol.events.calendars import EventCalendar
from monpol.events.series import MarketSeries

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["event_chart"]


def event_chart(
    series: Sequence[MarketSeries],
    calendar: EventCalendar,
    *,
    start: str | None = None,
    end: str | None = None,
    titles: Sequence[str] | None = None,
    title: str = "",
) -> Figure:
    """One panel per series, sharing the time axis, each event marked by a dashed line.

    Parameters
    ----------
    series : list of MarketSeries
        The series to draw (one panel each, top to bottom).
    calendar : EventCalendar
        Events to mark; the first panel labels each line with the event's month/day.
    start, end : date-like, optional
        Limits of the time axis.
    titles : list of str, optional
        Panel titles (default: series name and level unit).
    """
    if isinstance(series, MarketSeries):
        series = [series]
    if not isinstance(series, (list, tuple)) or not all(isinstance(s, MarketSeries) for s in series):
        raise InputError(f"series must be a list of monpol.events.MarketSeries; got {type(series).__name__}")
    instance_of("calendar", calendar, EventCalendar, "a monpol.events.EventCalendar")
    if len(series) == 0:
        raise InputError("series must contain at least one MarketSeries")
    if titles is not None and len(titles) != len(series):
        raise InputError(f"titles must have one entry per series; got {len(titles)} for {len(series)}")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, 2.3 * len(series) + 0.6), layout="constrained")
    axes = fig.subplots(len(series), 1, sharex=True, squeeze=False)[:, 0]
    for i, (s, ax) in enumerate(zip(series, axes, strict=True)):
        lv = s.levels.loc[start:end]
        ax.plot(lv.index, lv.to_numpy(), color="black", lw=1.1)
        for d in calendar.dates:
            ax.axvline(d, color="tab:red", ls="--", lw=0.8)
        ax.set_title(titles[i] if titles is not None else f"{s.name} ({s.unit or s.kind})",
                     fontsize=9, loc="left")
        ax.grid(alpha=0.3)
        if i == 0:
            for d in calendar.dates:
                ax.annotate(f"{d.month}/{d.day}", xy=(d, 1.0), xycoords=("data", "axes fraction"),
                            xytext=(2, -10), textcoords="offset points", fontsize=8, color="tab:red")
    if title:
        fig.suptitle(title, fontsize=10)
    axes[-1].set_xlim(pd.Timestamp(start) if start else None, pd.Timestamp(end) if end else None)
    for label in axes[-1].get_xticklabels():
        label.set_rotation(30)
        label.set_ha("right")
    return fig
