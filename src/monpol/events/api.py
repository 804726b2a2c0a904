"""Application layer of the market-reaction analysis: a request in, a result out.

The CLI (``monpol events``), the casebook and the dashboard call these functions only.
Every request is a frozen :class:`~monpol.core.requests.Request`, validated when built. A
series comes from a CSV ``file`` or a bundled ``dataset`` (one ``column`` of levels); its
``kind`` fixes the convention of changes: yields in basis points, prices and indices in
percent, Treasury prices in 32nds. Bad input raises :class:`~monpol.core.errors.InputError`
naming the field, echoing the value and saying what is allowed.

==========  ==========================  ==============================================
name        request                     result
==========  ==========================  ==============================================
change      :class:`ChangeRequest`      :class:`~monpol.events.results.Change`
reaction    :class:`ReactionRequest`    :class:`~monpol.events.results.Reaction`
study       :class:`StudyRequest`       :class:`~monpol.events.results.EventStudyResult`
calendar    :class:`CalendarRequest`    :class:`~monpol.events.calendars.EventCalendar`
==========  ==========================  ==============================================

A study of a series over a calendar and window with a published result (the QE1 studies of
:data:`monpol.events.seed.PUBLISHED_STUDIES`) carries the published figure beside the
computed one (``published``, ``published_source``).

Examples
--------
>>> r = run_study(StudyRequest(dataset="us-markets-daily", column="DGS10",
...                            calendar="fed-qe1-kvj2011", window="2d", baseline="none"))
>>> round(r.cumulative_change), r.published
(-107, -107.0)
>>> run_change(ChangeRequest(dataset="us-qe2-2010-window", column="DGS10",
...                          start="2010-08-27", end="2010-11-04")).change
-13.0
>>> ChangeRequest(dataset=None, column="DGS10")
Traceback (most recent call last):
...
monpol.core.errors.InputError: give exactly one of --file and --dataset; got file=None, dataset=None
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from monpol.core.errors import InputError
from monpol.core.requests import ChoiceSource, Request
from monpol.core.requests import field_choices as _field_choices
from monpol.core.results import Result
from monpol.core.validation import date_like
from monpol.events.abnormal import BASELINES
from monpol.events.calendars import EventCalendar, calendar_names, load_calendar
from monpol.events.conventions import CONVENTIONS
from monpol.events.results import Change, EventStudyResult, Reaction
from monpol.events.seed import published_study
from monpol.events.series import MarketSeries, load_series, read_series
from monpol.events.study import event_study
from monpol.events.windows import WINDOWS, change, parse_window, reaction

__all__ = [
    "REQUESTS",
    "CalendarRequest",
    "ChangeRequest",
    "ReactionRequest",
    "SeriesRequest",
    "StudyRequest",
    "field_choices",
    "run_calendar",
    "run_change",
    "run_reaction",
    "run_study",
]

_TIME = "date or timestamp (ISO 8601, e.g. '2010-11-03 14:15')"
_HHMM = "market close, HH:MM"


def _kind(name: str, value: Any) -> Any:
    if value is not None:
        CONVENTIONS.get(value)  # InputError listing the conventions
    return value


class SeriesRequest(Request):
    """Where the series comes from: a CSV file or a bundled dataset, and its column."""

    file: str | None = Field(default=None, description="CSV file: a date column and level columns")
    dataset: str | None = Field(default="us-markets-daily",
                                description="a bundled dataset instead of file (see 'monpol "
                                            "data list'); left out when a file is given")
    column: str = Field(default="DGS10", min_length=1, description="column of levels")
    kind: str | None = Field(
        default=None, description="convention of changes: " + ", ".join(CONVENTIONS.names())
        + " (price: percent; yield: basis points; treasury_price: 32nds); default: price for "
          "a file, inferred from the column's unit for a dataset")
    date_column: str | None = Field(default=None, description="column of dates or timestamps in the "
                                                      "file (default: the first)")
    max_gap_days: float = Field(default=7.0, gt=0, le=3650,
                                description="longest gap (calendar days) bridged by the "
                                            "previous-close rule")

    @field_validator("kind", mode="before")
    @classmethod
    def _known_kind(cls, value: Any) -> Any:
        return _kind("kind", value)

    @model_validator(mode="before")
    @classmethod
    def _file_replaces_default_dataset(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("file") is not None and "dataset" not in data:
            return {**data, "dataset": None}
        return data

    @model_validator(mode="after")
    def _one_source(self) -> SeriesRequest:
        if (self.file is None) == (self.dataset is None):
            raise InputError(f"give exactly one of --file and --dataset; got file={self.file!r}, "
                             f"dataset={self.dataset!r}")
        if self.dataset is not None and self.date_column is not None:
            raise InputError("--date-column applies to --file only")
        return self

    def load(self, column: str | None = None, kind: str | None = None) -> MarketSeries:
        """The series (or another ``column`` of the same source, with its ``kind``)."""
        col = self.column if column is None else column
        k = self.kind if column is None else kind
        if self.file is not None:
            return read_series(self.file, col, kind=k or "price", date_column=self.date_column)
        assert self.dataset is not None
        return load_series(self.dataset, col, kind=k)


def _time(value: Any, name: str) -> Any:
    date_like(name, value)
    return value.strip() if isinstance(value, str) else value


class ChangeRequest(SeriesRequest):
    """Change of one series between two dates."""

    start: str = Field(default="2010-08-27", description=f"start {_TIME}")
    end: str = Field(default="2010-11-04", description=f"end {_TIME}")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _times(cls, value: Any, info: Any) -> Any:
        return _time(value, info.field_name)


class ReactionRequest(SeriesRequest):
    """Pre-event level → event-day close → next-day extreme."""

    event: str = Field(default="2010-11-03 14:15",
                       description=f"announcement {_TIME} (a date for daily data)")
    close: str = Field(default="16:00", description=_HHMM)
    extreme: Literal["auto", "high", "low"] = Field(
        default="auto", description="next-day extreme to take (auto: the direction of the move)")

    @field_validator("event", mode="before")
    @classmethod
    def _event(cls, value: Any) -> Any:
        return _time(value, "event")


class StudyRequest(SeriesRequest):
    """Changes and abnormal changes around each event of a calendar."""

    calendar: str = Field(default="qe2-2010-signals", min_length=1,
                          description="bundled calendar name (see 'monpol events calendars') "
                                      "or a CSV file with a date column")
    window: str = Field(default="1d", description="trading days around day 0: 1d (-1:0), 2d (-1:1) "
                                          "or 'a:b'")
    baseline: str = Field(default="zero_mean", description="model of the expected change: "
                          + ", ".join(BASELINES.names()) + ", or none (raw changes, no test)")
    estimation: int = Field(default=250, ge=1, le=100_000, description="estimation window, trading days")
    gap: int = Field(default=10, ge=0, le=100_000, description="trading days between the estimation and "
                                                       "the event window")
    min_estimation: int = Field(default=30, ge=1, le=100_000,
                                description="fewest daily changes an estimation window may "
                                            "hold for a valid test")
    market: str | None = Field(default=None, description="column of the market series (same source), "
                                                 "for baseline market_model")
    market_kind: str | None = Field(default=None, description="convention of market (default: as kind "
                                                      "would be inferred)")
    include_event_windows: bool = Field(default=False, description="keep event-window days in the "
                                                           "estimation windows")
    close: str = Field(default="16:00", description=f"{_HHMM}: events at or after it belong to the next "
                                            "trading day")

    @field_validator("window", mode="before")
    @classmethod
    def _window(cls, value: Any) -> Any:
        parse_window(value)
        return value

    @field_validator("baseline", mode="before")
    @classmethod
    def _baseline(cls, value: Any) -> Any:
        if value is None:
            return "none"
        if value != "none":
            BASELINES.get(value)
        return value

    @field_validator("market_kind", mode="before")
    @classmethod
    def _market_kind(cls, value: Any) -> Any:
        return _kind("market_kind", value)


class CalendarRequest(Request):
    """A bundled event calendar (or a CSV file of events) with its sources."""

    name: str = Field(default="qe2-2010-signals", min_length=1,
                      description="bundled calendar name or a CSV file with "
                                                     "a date column")


def run_change(request: ChangeRequest) -> Change:
    """:func:`monpol.events.change` of the request's series."""
    return change(request.load(), request.start, request.end, max_gap_days=request.max_gap_days)


def run_reaction(request: ReactionRequest) -> Reaction:
    """:func:`monpol.events.reaction` of the request's series."""
    return reaction(request.load(), request.event, close=request.close, extreme=request.extreme,
                    max_gap_days=request.max_gap_days)


def run_study(request: StudyRequest) -> EventStudyResult:
    """:func:`monpol.events.event_study`, with the published result where there is one."""
    series = request.load()
    market = request.load(request.market, request.market_kind) if request.market else None
    result = event_study(
        series, load_calendar(request.calendar), window=request.window,
        baseline=None if request.baseline == "none" else request.baseline,
        estimation=request.estimation, gap=request.gap, min_estimation=request.min_estimation,
        market=market, exclude_event_windows=not request.include_event_windows,
        close=request.close, max_gap_days=request.max_gap_days,
    )
    pub = published_study(result.calendar, result.window, result.series)
    if pub is None:
        return result
    return dataclasses.replace(result, published=pub.cumulative_change,
                               published_source=pub.source)


def run_calendar(request: CalendarRequest) -> EventCalendar:
    """:func:`monpol.events.load_calendar`."""
    return load_calendar(request.name)


_CHOICES: dict[str, ChoiceSource] = {
    "kind": CONVENTIONS.names, "market_kind": CONVENTIONS.names,
    "baseline": lambda: [*BASELINES.names(), "none"], "window": WINDOWS.names,
    "calendar": calendar_names, "name": calendar_names,
}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries). A window may
    also be written ``'a:b'``; a calendar may also be a CSV file.

    >>> field_choices(StudyRequest, "baseline")
    ['zero_mean', 'constant_mean', 'market_model', 'none']
    """
    return _field_choices(request, field, _CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[..., Result]]] = {
    "change": (ChangeRequest, run_change),
    "reaction": (ReactionRequest, run_reaction),
    "study": (StudyRequest, run_study),
    "calendar": (CalendarRequest, run_calendar),
}
"""Short name → (request class, run function)."""
