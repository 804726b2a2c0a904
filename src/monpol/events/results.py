"""Results of the event-study engine: changes, reactions and event studies.

Every result is immutable and offers ``summary()``, ``to_frame()`` (documented columns) and
``to_dict()`` (the CLI's JSON contract). Changes are in the unit of the series' convention:
percent for prices (``change_pct``), basis points for yields (``change_bp``), 32nds for
Treasury prices (``change_32nds``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.core.plotting import figure_axes
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.events.conventions import convention

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "LEVEL_COLUMNS",
    "NOTE_COLUMNS",
    "WORKED_CASE_COLUMNS",
    "Change",
    "EventStudyResult",
    "NotePricing",
    "Reaction",
    "SeriesLevels",
    "WorkedCase",
]

RULE = ("non-trading days: the previous available close (last observation at or before the "
        "date asked for)")


def _iso(ts: pd.Timestamp | None) -> str | None:
    if ts is None or pd.isna(ts):
        return None
    t = pd.Timestamp(ts)
    return t.date().isoformat() if t == t.normalize() and t.tz is None else t.isoformat()


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


@dataclass(frozen=True)
class Change(Result):
    """The change of a series between two dates (see :func:`monpol.events.change`).

    Attributes
    ----------
    series, kind : str
        Series name and convention.
    requested_from, requested_to : Timestamp
        The dates asked for.
    start_date, end_date : Timestamp
        The observations used (previous available close at or before each date).
    start, end : float
        Levels at ``start_date`` and ``end_date``.
    change : float
        The change in the convention's unit (percent, basis points or 32nds).
    """

    series: str
    kind: str
    requested_from: pd.Timestamp
    requested_to: pd.Timestamp
    start_date: pd.Timestamp
    end_date: pd.Timestamp
    start: float
    end: float
    change: float
    level_unit: str = ""

    @property
    def unit(self) -> str:
        return convention(self.kind).unit

    @property
    def key(self) -> str:
        return convention(self.kind).key

    @property
    def change_pct(self) -> float:
        """The change in percent of the start level (prices and Treasury prices)."""
        return float(frac_to_pct(self.end / self.start - 1.0))

    def to_dict(self) -> dict[str, Any]:
        """Keys: series, kind, unit, from, to, start_date, end_date, start, end, the change
        (``change_pct``, ``change_bp`` or ``change_32nds``; Treasury prices add
        ``change_pct``, ``start_32nds`` and ``end_32nds``) and rule."""
        out: dict[str, Any] = {
            "series": self.series,
            "kind": self.kind,
            "unit": self.unit,
            "from": _iso(self.requested_from),
            "to": _iso(self.requested_to),
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "start": self.start,
            "end": self.end,
            self.key: self.change,
        }
        conv = convention(self.kind)
        if conv.quote is not None:
            out["change_pct"] = self.change_pct
            out[f"start_{conv.suffix}"] = conv.quote(self.start)
            out[f"end_{conv.suffix}"] = conv.quote(self.end)
        out["rule"] = RULE
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row with the keys of :meth:`to_dict` as columns."""
        return pd.DataFrame([self.to_dict()])

    def summary(self) -> Summary:
        s = Summary(f"Change in {self.series} ({self.kind})")
        items: dict[str, Any] = {
            "from (asked)": _iso(self.requested_from),
            "start date used": _iso(self.start_date),
            "start level": self.start,
            "to (asked)": _iso(self.requested_to),
            "end date used": _iso(self.end_date),
            "end level": self.end,
            f"change ({self.unit})": self.change,
        }
        conv = convention(self.kind)
        if conv.quote is not None:
            items[f"start ({conv.suffix})"] = conv.quote(self.start)
            items[f"end ({conv.suffix})"] = conv.quote(self.end)
            items["change (percent)"] = self.change_pct
        s.add_items(items)
        s.add_note(RULE.capitalize() + ".")
        return s


@dataclass(frozen=True)
class Reaction(Result):
    """Pre-event level → event-day close → next-day extreme (see :func:`monpol.events.reaction`).

    Attributes
    ----------
    event : Timestamp
        The announcement time (or date, for daily data).
    pre_time, pre : Timestamp, float
        Last observation at or before the announcement.
    close_time, close : Timestamp, float
        Last observation at or before the close of the event day.
    extreme_time, extreme, extreme_side : Timestamp, float, str
        High or low of the next trading day (its close for daily data: ``"close"``).
    close_change, extreme_change : float
        Changes from the pre-event level, in the convention's unit.
    """

    series: str
    kind: str
    event: pd.Timestamp
    daily: bool
    pre_time: pd.Timestamp
    pre: float
    close_time: pd.Timestamp
    close: float
    extreme_time: pd.Timestamp
    extreme: float
    extreme_side: str
    close_change: float
    extreme_change: float

    @property
    def unit(self) -> str:
        return convention(self.kind).unit

    def to_dict(self) -> dict[str, Any]:
        """Keys: series, kind, unit, event, data (daily|intraday), pre_time, pre, close_time,
        close, extreme_time, extreme, extreme_side, close_change_<unit>, extreme_change_<unit>."""
        sfx = convention(self.kind).suffix
        return {
            "series": self.series,
            "kind": self.kind,
            "unit": self.unit,
            "event": _iso(self.event),
            "data": "daily" if self.daily else "intraday",
            "pre_time": _iso(self.pre_time),
            "pre": self.pre,
            "close_time": _iso(self.close_time),
            "close": self.close,
            "extreme_time": _iso(self.extreme_time),
            "extreme": self.extreme,
            "extreme_side": self.extreme_side,
            f"close_change_{sfx}": self.close_change,
            f"extreme_change_{sfx}": self.extreme_change,
        }

    def to_frame(self) -> pd.DataFrame:
        """Columns: point (pre-event, event close, next-day extreme), time, level, change."""
        return pd.DataFrame({
            "point": ["pre-event", "event close", f"next-day {self.extreme_side}"],
            "time": [self.pre_time, self.close_time, self.extreme_time],
            "level": [self.pre, self.close, self.extreme],
            "change": [0.0, self.close_change, self.extreme_change],
        })

    def summary(self) -> Summary:
        s = Summary(f"Reaction of {self.series} to the event of {_iso(self.event)}")
        shown = self.to_frame().set_index("point")
        shown["time"] = [_iso(t) for t in shown["time"]]
        shown = shown.rename(columns={"change": f"change ({self.unit})"})
        s.add_table(shown)
        if self.daily:
            s.add_note("Daily data: pre-event = previous close, event close = close of the first "
                       "trading day that can reflect the event, next-day point = the next close.")
        return s


@dataclass(frozen=True)
class EventStudyResult(Result):
    """Changes and abnormal changes of one series around the events of a calendar.

    ``to_frame()`` columns (one row per event): ``event_date``, ``label``, ``day0`` (first
    trading day that can reflect the event), ``start_date``, ``end_date``, ``start``,
    ``end``, ``change`` (level change over the window), ``expected`` (baseline's expected
    change), ``abnormal`` (sum of daily abnormal changes), ``statistic``, ``pvalue``,
    ``df``, ``nobs_estimation``, ``valid``, ``reason`` (why a test is invalid).
    """

    series: str
    kind: str
    calendar: str
    window: tuple[int, int]
    baseline: str | None
    estimation: int
    gap: int
    table: pd.DataFrame
    cumulative_change: float
    cumulative_abnormal: float
    cumulative_test: TestStatistic | InvalidTestStatistic
    market: str | None = None
    levels: pd.Series = field(default_factory=lambda: pd.Series(dtype=float), repr=False)
    notes: tuple[str, ...] = ()
    published: float | None = None
    published_source: str = ""

    @property
    def unit(self) -> str:
        return convention(self.kind).unit

    @property
    def nobs(self) -> int:
        """Number of events."""
        return len(self.table)

    @property
    def tests(self) -> list[TestStatistic | InvalidTestStatistic]:
        """One test per event that its abnormal change is zero."""
        out: list[TestStatistic | InvalidTestStatistic] = []
        for _, r in self.table.iterrows():
            name = f"abnormal change of {self.series} on {r['event_date'].date()}"
            if bool(r["valid"]):
                out.append(TestStatistic(
                    name=name, statistic=float(r["statistic"]), pvalue=float(r["pvalue"]),
                    null="abnormal change = 0", alternative="abnormal change != 0",
                    distribution=f"t({int(r['df'])})"))
            else:
                out.append(InvalidTestStatistic(name=name, reason=str(r["reason"])))
        return out

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def to_dict(self) -> dict[str, Any]:
        """Keys: series, kind, unit, calendar, window, baseline, market, estimation, gap,
        events (records of :meth:`to_frame`), cumulative (change, abnormal, test), notes,
        published (``None``, or the published cumulative change and its source)."""
        records = []
        for _, r in self.table.iterrows():
            records.append({
                "event_date": _iso(r["event_date"]), "label": r["label"], "day0": _iso(r["day0"]),
                "start_date": _iso(r["start_date"]), "end_date": _iso(r["end_date"]),
                "start": _num(r["start"]), "end": _num(r["end"]), "change": _num(r["change"]),
                "expected": _num(r["expected"]), "abnormal": _num(r["abnormal"]),
                "statistic": _num(r["statistic"]), "pvalue": _num(r["pvalue"]),
                "df": None if pd.isna(r["df"]) else int(r["df"]),
                "nobs_estimation": int(r["nobs_estimation"]), "valid": bool(r["valid"]),
                "reason": r["reason"] or None,
            })
        return {
            "series": self.series,
            "kind": self.kind,
            "unit": self.unit,
            "calendar": self.calendar,
            "window": list(self.window),
            "baseline": self.baseline,
            "market": self.market,
            "estimation": self.estimation,
            "gap": self.gap,
            "events": records,
            "cumulative": {
                "change": self.cumulative_change,
                "abnormal": _num(self.cumulative_abnormal),
                "test": self.cumulative_test.to_dict(),
            },
            "notes": list(self.notes),
            "published": None if self.published is None else {
                "cumulative_change": self.published, "source": self.published_source},
        }

    def summary(self) -> Summary:
        a, b = self.window
        s = Summary(f"Event study: {self.series} around {self.calendar}")
        s.add_items({
            "window (trading days)": f"{a:+d} .. {b:+d}",
            "baseline": self.baseline or "none (raw changes)",
            "market": self.market or "",
            "estimation window": f"{self.estimation} days ending {self.gap} days before the window"
            if self.baseline else "",
            "unit of changes": self.unit,
            "events": self.nobs,
        }, title="Design")
        cols = ["label", "start_date", "end_date", "start", "end", "change"]
        if self.baseline:
            cols += ["expected", "abnormal", "statistic", "pvalue"]
        shown = self.table.set_index(self.table["event_date"].dt.date.astype(str))[cols].copy()
        shown.index.name = "event"
        for c in ("start_date", "end_date"):
            shown[c] = shown[c].dt.date.astype(str)
        s.add_table(shown, "Events")
        cum: dict[str, Any] = {f"cumulative change ({self.unit})": self.cumulative_change}
        if self.baseline:
            cum["cumulative abnormal change"] = self.cumulative_abnormal
            t = self.cumulative_test
            cum["t statistic"] = t.statistic if t.valid else "invalid"
            cum["p-value"] = t.pvalue if t.valid else getattr(t, "reason", "")
        if self.published is not None:
            cum[f"published cumulative change ({self.unit})"] = self.published
            cum["published by"] = self.published_source
        s.add_items(cum, title="Cumulative over events")
        invalid = self.table.loc[~self.table["valid"] & (self.table["reason"] != ""), "reason"]
        for reason in dict.fromkeys(invalid):
            s.add_note(str(reason))
        for note in self.notes:
            s.add_note(note)
        return s

    def plot(self, ax: Axes | None = None, *, pad_days: int = 20) -> Figure:
        """The series around the events, each event marked and its window shaded."""
        fig, ax = figure_axes(ax)
        if self.levels.empty:
            ax.text(0.5, 0.5, "no levels stored", ha="center", transform=ax.transAxes)
            return fig
        first = self.table["start_date"].min() - pd.Timedelta(days=pad_days)
        last = self.table["end_date"].max() + pd.Timedelta(days=pad_days)
        part = self.levels.loc[first:last]
        ax.plot(part.index, part.to_numpy(), color="black", lw=1.2, label=self.series)
        for _, r in self.table.iterrows():
            ax.axvspan(r["start_date"], r["end_date"], color="tab:orange", alpha=0.2, lw=0)
            ax.axvline(r["event_date"], color="tab:red", ls="--", lw=0.8)
        a, b = self.window
        ax.set_title(f"{self.series} around {self.calendar} (window {a:+d}..{b:+d})")
        ax.set_ylabel(convention(self.kind).level_unit)
        fig.autofmt_xdate()
        return fig


NOTE_COLUMNS = ("given", "quote", "price", "price_32nds", "yield_pct")
"""Columns of :meth:`NotePricing.to_frame`: given ('yield' or 'price': what the row starts
from), quote (the yield or price as given, text), price (clean price per 100, decimal),
price_32nds (the price in points and 32nds, to the nearest eighth), yield_pct (yield to
maturity, percent per year, semiannual)."""


@dataclass(frozen=True)
class NotePricing(Result):
    """Prices of a Treasury note at given yields and yields at given prices (street
    convention, semiannual); ``frame`` has the columns :data:`NOTE_COLUMNS`."""

    coupon_pct: float
    settlement: str
    maturity: str
    frame: pd.DataFrame

    def price_at(self, yield_pct: float) -> float:
        """The price computed at a yield that was asked for."""
        rows = self.frame[(self.frame["given"] == "yield") & (self.frame["yield_pct"] == yield_pct)]
        if rows.empty:
            raise KeyError(yield_pct)
        return float(rows["price"].iloc[0])

    def yield_at(self, quote: str) -> float:
        """The yield computed at a price quote that was asked for (as written)."""
        rows = self.frame[(self.frame["given"] == "price") & (self.frame["quote"] == str(quote))]
        if rows.empty:
            raise KeyError(quote)
        return float(rows["yield_pct"].iloc[0])

    def to_frame(self) -> pd.DataFrame:
        """One row per yield or price asked for (a copy), columns :data:`NOTE_COLUMNS`."""
        return self.frame.loc[:, list(NOTE_COLUMNS)].copy()

    def to_dict(self) -> dict[str, Any]:
        return {"coupon_pct": self.coupon_pct, "settlement": self.settlement,
                "maturity": self.maturity, "rows": self.to_frame().to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"Treasury note {self.coupon_pct:g}% of {self.maturity}, settlement "
                    f"{self.settlement}")
        s.add_table(self.to_frame(), index=False, digits=4)
        return s


WORKED_CASE_COLUMNS = ("instrument", "kind", "window", "start", "end", "change", "unit", "slide")
"""Columns of :meth:`WorkedCase.to_frame`: instrument, kind (the convention), window, start
and end (the levels as published, text), change (computed by the convention), unit (basis
points, percent or 32nds), slide (of the seed)."""


@dataclass(frozen=True)
class WorkedCase(Result):
    """The seed's published level pairs turned into changes by the market conventions."""

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """One row per published pair (a copy), columns :data:`WORKED_CASE_COLUMNS`."""
        return self.frame.loc[:, list(WORKED_CASE_COLUMNS)].copy()

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.to_frame().to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary("Worked case: published levels, changes computed")
        s.add_table(self.to_frame(), index=False, digits=4)
        return s


LEVEL_COLUMNS = ("date", "level")
"""Columns of :meth:`SeriesLevels.to_frame`: date (observation), level (in ``unit``)."""


@dataclass(frozen=True)
class SeriesLevels(Result):
    """The observed levels of one series between two dates (no filling of gaps)."""

    name: str
    unit: str
    levels: pd.Series

    def to_frame(self) -> pd.DataFrame:
        """Columns :data:`LEVEL_COLUMNS`, one row per observation."""
        return pd.DataFrame({"date": self.levels.index, "level": self.levels.to_numpy()})

    def to_dict(self) -> dict[str, Any]:
        rows = self.to_frame()
        rows["date"] = pd.DatetimeIndex(rows["date"]).strftime("%Y-%m-%d %H:%M")
        return {"name": self.name, "unit": self.unit, "rows": rows.to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"{self.name} ({self.unit}): {len(self.levels)} observations")
        s.add_table(self.to_frame(), index=False, digits=4)
        return s
