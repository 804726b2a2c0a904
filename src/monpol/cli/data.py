"""``monpol data``: the bundled datasets, the live sources and the download cache."""

from __future__ import annotations

import click
import pandas as pd

from monpol import data as datasets
from monpol.cli.options import DATE, OutputOptions, emit, output_options
from monpol.core.results import Summary

__all__ = ["COMMANDS"]


@click.group("data")
def data_group() -> None:
    """Bundled datasets (list, show, refresh) and live sources (sources, fetch, cache)."""


@data_group.command("list")
@output_options
def list_cmd(out: OutputOptions) -> None:
    """List the bundled datasets."""
    rows = []
    for name in datasets.names():
        info = datasets.info(name)
        frame = datasets.load(name)
        first = last = None
        if len(frame.index) and not isinstance(frame.index, pd.RangeIndex):
            first, last = str(frame.index[0])[:10], str(frame.index[-1])[:10]
        rows.append(
            {
                "name": name,
                "frequency": info.metadata.frequency,
                "rows": len(frame),
                "first": first,
                "last": last,
                "publisher": info.metadata.source.publisher,
                "title": info.title,
            }
        )
    table = pd.DataFrame(rows)
    text_table = table[["name", "frequency", "rows", "first", "last", "title"]].set_index("name")
    s = Summary("Bundled datasets")
    s.add_table(text_table)
    s.add_note("monpol data show NAME for the source, units and a preview.")
    emit(out, data=rows, frame=table, text=s.as_text())


@data_group.command("show")
@click.argument("name")
@click.option("--rows", "nrows", type=click.IntRange(min=0), default=5, show_default=True,
              help="Rows shown at each end in table format.")
@output_options
def show_cmd(name: str, nrows: int, out: OutputOptions) -> None:
    """Show dataset NAME: source, licence, units and data.

    table: metadata and the first and last rows; csv: the whole table; json: metadata
    with the data under "data".
    """
    info = datasets.info(name)
    frame = datasets.load(name)
    meta = info.to_dict()
    s = Summary(f"{name}: {info.title}")
    s.add_items(
        {
            "frequency": meta["frequency"],
            "rows": len(frame),
            "publisher": meta["source"]["publisher"],
            "citation": meta["source"]["citation"],
            "url": meta["source"]["url"],
            "licence": meta["licence"],
        },
        title="Source",
    )
    if meta["columns"]:
        cols = pd.DataFrame(meta["columns"]).T[["unit", "description"]]
        s.add_table(cols, "Columns")
    preview = frame if len(frame) <= 2 * nrows else pd.concat([frame.head(nrows), frame.tail(nrows)])
    s.add_table(preview, f"Data ({len(frame)} rows; first and last {nrows})")
    s.add_note(" ".join(meta["description"].split()))
    emit(out, data={**meta, "data": frame}, frame=frame, text=s.as_text())


@data_group.command("fred")
@click.argument("series_ids", nargs=-1, required=True)
@click.option("--start", type=DATE, help="First date, e.g. 2008-01-01.")
@click.option("--end", type=DATE, help="Last date.")
@click.option("--realtime-start", type=DATE, help="ALFRED vintage window start (needs an API key).")
@click.option("--realtime-end", type=DATE, help="ALFRED vintage window end (needs an API key).")
@click.option("--api-key", envvar="FRED_API_KEY", help="FRED API key (default $FRED_API_KEY); "
              "without one the public graph CSV is used.")
@output_options
def fred_cmd(series_ids: tuple[str, ...], start: str | None, end: str | None,
             realtime_start: str | None, realtime_end: str | None, api_key: str | None,
             out: OutputOptions) -> None:
    """Download FRED series (needs internet): e.g. monpol data fred FEDFUNDS UNRATE --format csv."""
    from monpol.data.fred import FredClient

    frame = FredClient(api_key=api_key).frame(
        list(series_ids), start=start, end=end, realtime_start=realtime_start,
        realtime_end=realtime_end)
    s = Summary(f"FRED: {', '.join(series_ids)}")
    s.add_table(pd.concat([frame.head(5), frame.tail(5)]) if len(frame) > 10 else frame)
    emit(out, data=frame, frame=frame, text=s.as_text())


@data_group.command("sources")
@output_options
def sources_cmd(out: OutputOptions) -> None:
    """List the live data sources (monpol data fetch SOURCE ID)."""
    from monpol.data import sources

    rows = [{"name": n, "description": sources.get(n).description} for n in sources.names()]
    table = pd.DataFrame(rows)
    s = Summary("Data sources")
    s.add_table(table.set_index("name"))
    s.add_note("Downloads are cached in " + str(sources.cache.cache_root())
               + " ($MONPOL_CACHE_DIR to move it); load them with monpol.data.load('SOURCE:ID').")
    emit(out, data=rows, frame=table, text=s.as_text())


@data_group.command("fetch")
@click.argument("source")
@click.argument("series_id")
@click.option("--vintage", help="Real-time date of the vintage (FRED/ALFRED), e.g. 2024-01-31.")
@click.option("--refresh", is_flag=True, help="Download even if cached (replaces the entry).")
@click.option("--offline", is_flag=True, help="Never download: the cached copy or an error.")
@click.option("--rows", "nrows", type=click.IntRange(min=0), default=5, show_default=True,
              help="Rows shown at each end in table format.")
@output_options
def fetch_cmd(source: str, series_id: str, vintage: str | None, refresh: bool, offline: bool,
              nrows: int, out: OutputOptions) -> None:
    """Fetch SERIES_ID from SOURCE through the cache.

    e.g. monpol data fetch mof jgbcm_all; monpol data fetch ust Note --format csv;
    monpol data fetch boj MD01/MABS1AN11; monpol data fetch fred GDPC1 --vintage 2024-01-31.
    """
    from monpol.data import sources

    got = sources.fetch(source, series_id, vintage, refresh=refresh, offline=offline)
    frame = got.frame
    s = Summary(f"{got.name}: {got.metadata.title}")
    s.add_items({"rows": len(frame), "publisher": got.metadata.source.publisher,
                 "url": got.metadata.source.url, "retrieved": got.metadata.source.retrieved},
                title="Source")
    preview = frame if len(frame) <= 2 * nrows else pd.concat([frame.head(nrows), frame.tail(nrows)])
    s.add_table(preview, f"Data ({len(frame)} rows)")
    meta = got.metadata.model_dump()
    emit(out, data={**meta, "data": frame}, frame=frame, text=s.as_text())


@data_group.command("refresh")
@click.argument("names", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every bundled dataset with a [fetch] table.")
@click.option("--offline", is_flag=True,
              help="Never download: rebuild from the source series already in the cache.")
@output_options
def refresh_cmd(names: tuple[str, ...], all_: bool, offline: bool, out: OutputOptions) -> None:
    """Rebuild bundled datasets NAMES from their live sources into the download cache.

    The installed snapshot is never touched; load the refreshed copy with
    monpol.data.load("NAME@latest"). e.g. monpol data refresh mof-jgb-yield-curve;
    monpol data refresh --all.
    """
    from monpol.core.errors import InputError
    from monpol.data import refresh

    if all_ == bool(names):
        raise InputError("give dataset NAMES or --all (not both); refreshable: "
                         + ", ".join(refresh.refreshable()))
    chosen = refresh.refreshable() if all_ else list(names)
    rows = []
    for name in chosen:
        r = refresh.refresh(name, offline=offline)
        rows.append({"name": r.name, "rows": r.rows, "first": r.first, "last": r.last,
                     "from": " ".join(r.fetched), "path": str(r.path)})
    table = pd.DataFrame(rows, columns=["name", "rows", "first", "last", "from", "path"])
    from monpol.data.sources import cache

    s = Summary(f"Refreshed {len(rows)} dataset(s) into {cache.cache_root()}")
    if rows:
        s.add_table(table.drop(columns="path").set_index("name"))
    s.add_note("Load a refreshed copy with monpol.data.load('NAME@latest'); the bundled "
               "snapshot is unchanged.")
    emit(out, data=rows, frame=table, text=s.as_text())


@data_group.group("cache")
def cache_group() -> None:
    """The download cache: list or clear it."""


@cache_group.command("list")
@output_options
def cache_list_cmd(out: OutputOptions) -> None:
    """List the cached downloads."""
    from monpol.data.sources import cache

    rows = [{"source": e.source, "series": e.series_id, "vintage": e.vintage, "rows": e.rows,
             "retrieved": e.retrieved, "path": str(e.path)} for e in cache.entries()]
    table = pd.DataFrame(rows, columns=["source", "series", "vintage", "rows", "retrieved", "path"])
    s = Summary(f"Cache {cache.cache_root()}: {len(rows)} entries")
    if rows:
        s.add_table(table.drop(columns="path").set_index("source"))
    emit(out, data=rows, frame=table, text=s.as_text())


@cache_group.command("clear")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def cache_clear_cmd(yes: bool) -> None:
    """Delete every cached download."""
    from monpol.data.sources import cache

    n = len(cache.entries())
    if not yes:
        click.confirm(f"Delete {n} cached entries in {cache.cache_root()}?", abort=True)
    click.echo(f"removed {cache.clear()} entries from {cache.cache_root()}")


COMMANDS = [data_group]
