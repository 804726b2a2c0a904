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
levels      :class:`LevelsRequest`      :class:`~monpol.events.results.SeriesLevels`
note        :class:`NoteRequest`        :class:`~monpol.events.results.NotePricing`
worked      :class:`WorkedCaseRequest`  :class:`~monpol.events.results.WorkedCase`
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

import pandas as pd
from pydantic import Field, field_validator, model_validator

from monpol.core.errors import InputError
from monpol.core.requests import ChoiceSource, Request
from monpol.core.requests import field_choices as _field_choices
from monpol.core.results import Result
from monpol.core.validation import date_like, finite_float, in_range, instance_of
from monpol.events.abnormal import BASELINES
from monpol.events.calendars import EventCalendar, calendar_names, load_calendar
from monpol.events.conventions import CONVENTIONS, format_32nds, parse_32nds
from monpol.events.results import (
    Change,
    EventStudyResult,
    NotePricing,
    Reaction,
    SeriesLevels,
    WorkedCase,
)
from monpol.events.seed import published_study, worked_case
from monpol.events.series import MarketSeries, load_series, read_series
from monpol.events.study import event_study
from monpol.events.treasury import note_price, note_yield
from monpol.events.windows import WINDOWS, change, parse_window, reaction

__all__ = [
    "REQUESTS",
    "CalendarRequest",
    "ChangeRequest",
    "LevelsRequest",
    "NoteRequest",
    "ReactionRequest",
    "SeriesRequest",
    "StudyRequest",
    "WorkedCaseRequest",
    "field_choices",
    "run_calendar",
    "run_change",
    "run_levels",
    "run_note",
    "run_reaction",
    "run_study",
    "run_worked_case",
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
    instance_of("request", request, ChangeRequest, "a ChangeRequest")
    return change(request.load(), request.start, request.end, max_gap_days=request.max_gap_days)


def run_reaction(request: ReactionRequest) -> Reaction:
    """:func:`monpol.events.reaction` of the request's series."""
    instance_of("request", request, ReactionRequest, "a ReactionRequest")
    return reaction(request.load(), request.event, close=request.close, extreme=request.extreme,
                    max_gap_days=request.max_gap_days)


def run_study(request: StudyRequest) -> EventStudyResult:
    """:func:`monpol.events.event_study`, with the published result where there is one."""
    instance_of("request", request, StudyRequest, "a StudyRequest")
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
    instance_of("request", request, CalendarRequest, "a CalendarRequest")
    return load_calendar(request.name)


# ---------------------------------------------------------------------------- levels, note
class LevelsRequest(SeriesRequest):
    """The observed levels of one series between two dates (inclusive)."""

    start: str = Field(default="2010-11-02", description=f"first {_TIME}")
    end: str = Field(default="2010-11-04", description=f"last {_TIME}")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _times(cls, value: Any, info: Any) -> Any:
        return _time(value, info.field_name)


def run_levels(request: LevelsRequest) -> SeriesLevels:
    """The levels observed from ``start`` to ``end`` (non-trading days absent)."""
    instance_of("request", request, LevelsRequest, "a LevelsRequest")
    series = request.load()
    part = series.window(request.start, request.end)
    return SeriesLevels(name=series.name, unit=series.unit, levels=part.levels.copy())


class NoteRequest(Request):
    """A Treasury note priced at yields and its yields at prices (street convention,
    semiannual compounding); the defaults are the on-the-run 10-year note of early November
    2010 (2 5/8% of 2020-08-15, trade 2010-11-03 settling T+1)."""

    coupon: float = Field(default=2.625, ge=0.0, le=100.0, description="annual coupon, percent")
    settlement: str = Field(default="2010-11-04", description="settlement date (YYYY-MM-DD)")
    maturity: str = Field(default="2020-08-15", description="maturity date (YYYY-MM-DD)")
    yields: tuple[float, ...] = Field(default=(2.62, 2.46), max_length=1000,
                                      description="yields to price, percent per year")
    prices: tuple[str, ...] = Field(default=("100-00", "100-13"), max_length=1000,
                                    description="clean prices per 100 to solve for the yield: "
                                                "quotes in 32nds ('100-13') or decimals")

    @field_validator("settlement", "maturity", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: Any) -> Any:
        date_like(info.field_name, value)
        return value

    @field_validator("yields", mode="before")
    @classmethod
    def _yields(cls, value: Any) -> Any:
        for y in value if isinstance(value, (list, tuple)) else ():
            in_range("yields", y, -50.0, 100.0, unit="percent")
        return value

    @field_validator("prices", mode="before")
    @classmethod
    def _prices(cls, value: Any) -> Any:
        out = []
        for p in value if isinstance(value, (list, tuple)) else ():
            text = p if isinstance(p, str) else repr(finite_float("prices", p))
            try:
                price = parse_32nds(text)
            except InputError as exc:
                raise InputError(f"prices: {exc}") from None
            if price <= 0:
                raise InputError(f"prices must be positive; got {p!r}")
            out.append(text)
        return tuple(out) if isinstance(value, (list, tuple)) else value

    @model_validator(mode="after")
    def _order(self) -> NoteRequest:
        if date_like("maturity", self.maturity) <= date_like("settlement", self.settlement):
            raise InputError(f"maturity must be after settlement; got maturity "
                             f"{self.maturity!r}, settlement {self.settlement!r}")
        if not self.yields and not self.prices:
            raise InputError("give at least one of yields and prices (fields yields, prices)")
        return self


def run_note(request: NoteRequest) -> NotePricing:
    """:func:`monpol.events.treasury.note_price` at each yield and
    :func:`~monpol.events.treasury.note_yield` at each price."""
    instance_of("request", request, NoteRequest, "a NoteRequest")
    c, st, mat = request.coupon, request.settlement, request.maturity
    rows: list[dict[str, Any]] = []
    for y in request.yields:
        p = note_price(y, c, st, mat)
        rows.append({"given": "yield", "quote": f"{y:g}", "price": p,
                     "price_32nds": format_32nds(p), "yield_pct": float(y)})
    for q in request.prices:
        p = parse_32nds(q)
        rows.append({"given": "price", "quote": q, "price": p, "price_32nds": format_32nds(p),
                     "yield_pct": note_yield(p, c, st, mat)})
    return NotePricing(coupon_pct=c, settlement=st, maturity=mat, frame=pd.DataFrame(rows))


class WorkedCaseRequest(Request):
    """The seed's published level pairs around the 2010-11-03 statement; no inputs."""


def run_worked_case(request: WorkedCaseRequest) -> WorkedCase:
    """:func:`monpol.events.seed.worked_case`: published levels → changes by convention."""
    instance_of("request", request, WorkedCaseRequest, "a WorkedCaseRequest")
    return WorkedCase(worked_case())


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
    "levels": (LevelsRequest, run_levels),
    "note": (NoteRequest, run_note),
    "worked_case": (WorkedCaseRequest, run_worked_case),
}
"""Short name → (request class, run function)."""
