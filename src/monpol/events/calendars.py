"""Event calendars: dated policy announcements, each with its source.

Bundled calendars are datasets named ``events-<name>`` (see ``monpol data show``):

==========================  ============================================================
name                        events
==========================  ============================================================
``qe2-2010-signals``        the seed's five 2010 signals before and at QE2 (Figure 10)
``fed-qe1-grrs2011``        the eight QE1 days of Gagnon, Raskin, Remache and Sack (2011)
``fed-qe1-kvj2011``         the five QE1 days of Krishnamurthy and Vissing-Jorgensen (2011)
==========================  ============================================================

Your own calendar is a CSV file with a ``date`` column (ISO dates) and, optionally,
``time_et`` (``HH:MM``), ``label``, ``event_type``, ``description``, ``source`` and
``source_url``. Events are kept in date order; two events on the same day are an error
(daily data cannot tell them apart — merge them into one row).

Examples
--------
>>> cal = load_calendar("qe2-2010-signals")
>>> [d.strftime("%m-%d") for d in cal.dates]
['08-10', '08-27', '09-21', '10-15', '11-03']
>>> cal.events.loc["2010-11-03", "time_et"]
'14:15'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.results import Result, Summary
from monpol.core.validation import sequence_arg

__all__ = ["EventCalendar", "calendar_from_dates", "calendar_names", "load_calendar"]

_PREFIX = "events-"
COLUMNS = ("time_et", "label", "event_type", "description", "source", "source_url")


@dataclass(frozen=True)
class EventCalendar(Result):
    """Dated events with their sources.

    Attributes
    ----------
    name : str
        Calendar name (bundled name or file stem).
    title : str
        One-line description.
    events : pandas.DataFrame
        Indexed by ``event_date`` (DatetimeIndex, sorted, unique); columns ``time_et``,
        ``label``, ``event_type``, ``description``, ``source``, ``source_url`` (blank
        strings where unknown).
    citation : str
        How to cite the selection of events.
    """

    name: str
    title: str
    events: pd.DataFrame
    citation: str = ""

    @property
    def dates(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.events.index)

    @property
    def labels(self) -> list[str]:
        return [str(v) for v in self.events["label"]]

    def times(self) -> list[str | None]:
        """Release time ``HH:MM`` (US Eastern) of each event, or None where unknown."""
        return [str(t) if str(t).strip() else None for t in self.events["time_et"]]

    def __len__(self) -> int:
        return len(self.events)

    def to_frame(self) -> pd.DataFrame:
        """Columns: event_date, time_et, label, event_type, description, source, source_url."""
        return self.events.reset_index()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "citation": self.citation,
            "events": [
                {"date": d.date().isoformat(), **{c: (str(r[c]) or None) for c in COLUMNS}}
                for d, (_, r) in zip(self.dates, self.events.iterrows(), strict=True)
            ],
        }

    def summary(self) -> Summary:
        s = Summary(f"Event calendar {self.name}: {self.title}")
        shown = self.events[["time_et", "label", "event_type"]].copy()
        shown.index = [d.date().isoformat() for d in self.dates]
        shown.index.name = "date"
        s.add_table(shown)
        if self.citation:
            s.add_note(self.citation)
        return s


def _clean(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    if "date" not in frame.columns and not isinstance(frame.index, pd.DatetimeIndex):
        raise DataError(f"{origin}: an event calendar needs a 'date' column; columns present: "
                        f"{', '.join(map(repr, map(str, frame.columns)))}")
    frame = frame.copy()
    if "date" in frame.columns:
        raw = frame.pop("date").astype(str).str.strip()
        try:
            idx = pd.DatetimeIndex(pd.to_datetime(raw, format="ISO8601"))
        except (ValueError, TypeError):
            raise DataError(f"{origin}: column 'date' must hold ISO dates (2010-11-03)") from None
        frame.index = idx
    dates = pd.DatetimeIndex(frame.index)
    if (dates != dates.normalize()).any():
        raise DataError(f"{origin}: 'date' must be a date without a time; put the release time "
                        f"in column 'time_et' (HH:MM)")
    frame.index.name = "event_date"
    for col in COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
        elif frame[col].map(lambda v: not isinstance(v, str) or v != v.strip()).any():
            frame[col] = frame[col].fillna("").astype(str).str.strip()
    bad_time = [t for t in frame["time_et"] if t and not _is_hhmm(t)]
    if bad_time:
        raise DataError(f"{origin}: time_et must be HH:MM (24-hour, US Eastern); got {bad_time[0]!r}")
    frame = frame.sort_index(kind="stable")
    dup = frame.index.duplicated()
    if dup.any():
        day = frame.index[dup][0].date()
        raise DataError(f"{origin}: two events on {day}; daily data cannot separate them, merge "
                        f"them into one row")
    missing_label = frame["label"] == ""
    frame.loc[missing_label, "label"] = [d.date().isoformat() for d in frame.index[missing_label]]
    return frame[list(COLUMNS)]


def _is_hhmm(text: str) -> bool:
    parts = text.split(":")
    return (len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts)
            and int(parts[0]) < 24 and int(parts[1]) < 60)


def calendar_names() -> list[str]:
    """Names of the bundled event calendars."""
    from monpol import data

    return [n.removeprefix(_PREFIX) for n in data.names() if n.startswith(_PREFIX)]


def load_calendar(name_or_path: str | os.PathLike[str]) -> EventCalendar:
    """A bundled calendar by name, or a calendar CSV file by path.

    Raises
    ------
    InputError
        If the argument is neither a bundled name nor an existing file (the message
        lists the bundled names).
    DataError
        If the file has no ``date`` column, bad dates or times, or two events on a day.
    """
    from monpol import data

    text = str(name_or_path)
    if text in calendar_names():
        ds = f"{_PREFIX}{text}"
        info = data.info(ds)
        frame = data.load(ds)
        frame = frame.astype(object).where(frame.notna(), "")
        return EventCalendar(text, info.title, _clean(frame, ds), info.metadata.source.citation)
    p = Path(text)
    if not p.is_file():
        listed = ", ".join(repr(n) for n in calendar_names())
        raise InputError(f"events must be a bundled calendar ({listed}) or an existing CSV file; "
                         f"got {text!r}")
    frame = read_csv_text(p, what="calendar file")
    return EventCalendar(p.stem, f"events from {p.name}", _clean(frame, p.name), "")


def calendar_from_dates(
    dates: Sequence[Any], labels: Sequence[str] | None = None, *, name: str = "custom"
) -> EventCalendar:
    """A calendar from a list of dates or timestamps (and optional labels).

    A time of day (``"2010-11-03 14:15"``, US Eastern) is kept as the event's ``time_et``, so
    that an announcement at or after the close counts from the next trading day.

    >>> calendar_from_dates(["2010-11-03", "2010-08-10"]).labels
    ['2010-08-10', '2010-11-03']
    >>> calendar_from_dates(["2010-11-03 14:15"]).times()
    ['14:15']
    """
    sequence_arg("dates", dates, "dates")
    if labels is not None and len(labels) != len(dates):
        raise InputError(f"labels must have one entry per date; got {len(labels)} labels for "
                         f"{len(dates)} dates")
    if len(dates) == 0:
        raise InputError("dates must contain at least one event date")
    parsed = []
    for d in dates:
        try:
            ts = pd.Timestamp(d)
            bad = bool(pd.isna(ts))
        except (TypeError, ValueError):
            bad = True
        if bad:
            raise InputError(f"dates must be dates (ISO 8601 strings or timestamps); got {d!r} "
                             f"in {list(dates)!r}")
        # an aware timestamp is read on the US Eastern clock of time_et
        parsed.append(ts.tz_convert("America/New_York").tz_localize(None) if ts.tz is not None else ts)
    stamps = pd.DatetimeIndex(parsed)
    idx = stamps.normalize()
    frame = pd.DataFrame({c: [""] * len(idx) for c in COLUMNS}, index=idx)
    frame["time_et"] = ["" if s == d else s.strftime("%H:%M") for s, d in zip(stamps, idx, strict=True)]
    if labels is not None:
        frame["label"] = [str(x) for x in labels]
    return EventCalendar(name, f"{len(dates)} events", _clean(frame, name), "")
