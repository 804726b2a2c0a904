"""``monpol events``: market reactions to policy announcements (event studies)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import pandas as pd

from monpol.cli.options import DATE, FiniteRange, OutputOptions, emit, emit_result, output_options
from monpol.core.results import Summary
from monpol.events import BASELINES, CONVENTIONS, calendar_names, load_calendar

GAP_DAYS = FiniteRange(min=0, max=3650, min_open=True)   # calendar days, more than 0

__all__ = ["COMMANDS"]

KINDS = click.Choice(CONVENTIONS.names())
F = TypeVar("F", bound=Callable[..., Any])


def _source_options(func: F) -> F:
    """Options choosing the series: --file or --dataset, --column, --kind, --date-column."""
    func = click.option("--date-column", default=None, metavar="NAME",
                        help="Column of dates or timestamps in --file (default: the first).")(func)
    func = click.option("--kind", type=KINDS, default=None,
                        help="price: changes in percent (default for --file); yield: basis points; "
                             "treasury_price: 32nds. With --dataset, inferred from the column's unit.")(func)
    func = click.option("--column", required=True, metavar="NAME", help="Column of levels.")(func)
    func = click.option("--dataset", default=None, metavar="NAME",
                        help="A bundled dataset instead of --file (see 'monpol data list').")(func)
    func = click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        default=None, help="CSV file: a date column and level columns.")(func)
    return func


def _source(file: Path | None, dataset: str | None, column: str, kind: str | None,
            date_column: str | None) -> dict[str, Any]:
    """The series fields of a request (usage errors for a missing or doubled source)."""
    if (file is None) == (dataset is None):
        raise click.UsageError("give exactly one of --file and --dataset")
    if file is not None:
        return {"file": str(file), "column": column, "kind": kind, "date_column": date_column}
    if date_column is not None:
        raise click.UsageError("--date-column applies to --file only")
    return {"dataset": dataset, "column": column, "kind": kind}


@click.group("events")
def events_group() -> None:
    """Market reactions to policy announcements: changes, reactions, event studies.

    Conventions: yields in basis points, prices and indices in percent, Treasury prices
    in 32nds. A date without an observation (weekend, holiday) uses the previous
    available close.
    """


@events_group.command("change")
@_source_options
@click.option("--from", "start", type=DATE, required=True, metavar="DATE",
              help="Start date or timestamp (ISO 8601).")
@click.option("--to", "end", type=DATE, required=True, metavar="DATE",
              help="End date or timestamp (ISO 8601).")
@click.option("--max-gap-days", type=GAP_DAYS, default=7.0, show_default=True,
              help="Longest gap (calendar days) bridged by the previous-close rule.")
@output_options
def change_cmd(file: Path | None, dataset: str | None, column: str, kind: str | None,
               date_column: str | None, start: str, end: str, max_gap_days: float,
               out: OutputOptions) -> None:
    """Change of one series between two dates.

    JSON keys: series, kind, unit, from, to, start_date, end_date, start, end,
    change_pct (prices) or change_bp (yields) or change_32nds (Treasury prices), rule.
    """
    from monpol.events import api

    request = api.ChangeRequest(**_source(file, dataset, column, kind, date_column), start=start,
                                end=end, max_gap_days=max_gap_days)
    emit_result(out, api.run_change(request))


@events_group.command("reaction")
@_source_options
@click.option("--event", type=DATE, required=True, metavar="TIME",
              help="Announcement time, e.g. '2010-11-03 14:15' (a date for daily data).")
@click.option("--close", default="16:00", show_default=True, metavar="HH:MM", help="Market close.")
@click.option("--extreme", type=click.Choice(["auto", "high", "low"]), default="auto",
              show_default=True, help="Next-day extreme to take (auto: direction of the move).")
@click.option("--max-gap-days", type=GAP_DAYS, default=7.0, show_default=True,
              help="Longest gap (calendar days) bridged by the previous-close rule.")
@output_options
def reaction_cmd(file: Path | None, dataset: str | None, column: str, kind: str | None,
                 date_column: str | None, event: str, close: str, extreme: Any,
                 max_gap_days: float, out: OutputOptions) -> None:
    """Pre-event level -> event-day close -> next-day extreme.

    JSON keys: series, kind, unit, event, data, pre_time, pre, close_time, close,
    extreme_time, extreme, extreme_side, close_change_<unit>, extreme_change_<unit>.
    """
    from monpol.events import api

    request = api.ReactionRequest(**_source(file, dataset, column, kind, date_column), event=event,
                                  close=close, extreme=extreme, max_gap_days=max_gap_days)
    emit_result(out, api.run_reaction(request))


@events_group.command("study")
@_source_options
@click.option("--events", "calendar", required=True, metavar="CALENDAR",
              help="Bundled calendar name (see 'monpol events calendars') or a CSV file with a date column.")
@click.option("--window", default="1d", show_default=True, metavar="WINDOW",
              help="Trading days around day 0: 1d (-1:0), 2d (-1:1) or 'a:b'.")
@click.option("--baseline", type=click.Choice([*BASELINES.names(), "none"]), default="zero_mean",
              show_default=True, help="Model of the expected change; none = raw changes, no test.")
@click.option("--estimation", type=click.IntRange(min=1), default=250, show_default=True,
              help="Estimation window, trading days.")
@click.option("--gap", type=click.IntRange(min=0), default=10, show_default=True,
              help="Trading days between the estimation and the event window.")
@click.option("--min-estimation", type=click.IntRange(min=1), default=30, show_default=True,
              help="Fewest daily changes an estimation window may hold for a valid test.")
@click.option("--market", default=None, metavar="NAME",
              help="Column of the market series (same file or dataset), for --baseline market_model.")
@click.option("--market-kind", type=KINDS, default=None,
              help="Convention of --market (default: as --kind would be inferred).")
@click.option("--include-event-windows", is_flag=True,
              help="Keep event-window days in the estimation windows (default: left out).")
@click.option("--close", default="16:00", show_default=True, metavar="HH:MM",
              help="Market close: events at or after it belong to the next trading day.")
@click.option("--max-gap-days", type=GAP_DAYS, default=7.0, show_default=True,
              help="Longest gap (calendar days) that day 0 and an event window may bridge.")
@output_options
def study_cmd(file: Path | None, dataset: str | None, column: str, kind: str | None,
              date_column: str | None, calendar: str, window: str, baseline: str, estimation: int,
              gap: int, min_estimation: int, market: str | None, market_kind: str | None,
              include_event_windows: bool, close: str, max_gap_days: float,
              out: OutputOptions) -> None:
    """Changes and abnormal changes around each event of a calendar.

    JSON keys: series, kind, unit, calendar, window, baseline, market, estimation, gap,
    events (event_date, label, day0, start_date, end_date, start, end, change, expected,
    abnormal, statistic, pvalue, df, nobs_estimation, valid, reason), cumulative
    (change, abnormal, test), notes.
    """
    from monpol.events import api

    request = api.StudyRequest(
        **_source(file, dataset, column, kind, date_column), calendar=calendar, window=window,
        baseline=baseline, estimation=estimation, gap=gap, min_estimation=min_estimation,
        market=market, market_kind=market_kind, include_event_windows=include_event_windows,
        close=close, max_gap_days=max_gap_days)
    emit_result(out, api.run_study(request))


@events_group.command("calendars")
@click.argument("name", required=False)
@output_options
def calendars_cmd(name: str | None, out: OutputOptions) -> None:
    """List the bundled event calendars, or show calendar NAME with its sources."""
    if name is not None:
        from monpol.events import api

        emit_result(out, api.run_calendar(api.CalendarRequest(name=name)))
        return
    rows = []
    for n in calendar_names():
        cal = load_calendar(n)
        rows.append({"name": n, "events": len(cal), "first": cal.dates[0].date().isoformat(),
                     "last": cal.dates[-1].date().isoformat(), "title": cal.title,
                     "citation": cal.citation})
    frame = pd.DataFrame(rows)
    s = Summary("Bundled event calendars")
    s.add_table(frame[["name", "events", "first", "last", "title"]].set_index("name"))
    s.add_note("monpol events calendars NAME shows the events and their sources.")
    emit(out, data=rows, frame=frame, text=s.as_text())


COMMANDS = [events_group]
