"""Refresh a bundled dataset from its live source, into the download cache.

A bundled dataset whose ``metadata.toml`` has a ``[fetch]`` table (source, series,
transform, optional window) can be rebuilt from that source with one call,
:func:`refresh` (CLI ``monpol data refresh NAME``). The result has the bundled dataset's
columns and units and is written into the download cache as the entry
``datasets/<name>/latest`` (atomically: a failed refresh keeps the previous copy), never over
the installed package, whose snapshot stays what the casebook reproduces.

:func:`monpol.data.load` reaches the refreshed copy as ``"<name>@latest"`` (cache, else a
refresh) or ``load(name, refresh=True)`` (a refresh now); ``load(name)`` is the bundled
snapshot. Transforms (``transform`` in ``[fetch]``):

* ``as_fetched`` — the one fetched series' columns as they are (e.g. MOF's par curve);
* ``columns`` — one column per fetched series, named by its id (FRED ``value`` columns),
  joined on the date;
* ``rows`` — the fetched series stacked by date, a later one winning on a date they share
  (MOF's historical ``jgbcm_all`` and current-month ``jgbcm`` files).

Examples
--------
>>> from monpol.data import refresh
>>> "mof-jgb-yield-curve" in refresh.refreshable()
True
>>> refresh.refresh("china-cpi-monthly")
Traceback (most recent call last):
...
monpol.core.errors.InputError: dataset 'china-cpi-monthly' has no [fetch] table ...
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.data import registry
from monpol.data.metadata import FetchSpec, SourceInfo
from monpol.data.sources.base import Fetched

__all__ = ["CACHE_SOURCE", "Refreshed", "build", "load_refreshed", "refresh", "refreshable"]

#: the cache folder (in place of a source name) holding refreshed bundled datasets
CACHE_SOURCE = "datasets"


@dataclass(frozen=True)
class Refreshed:
    """One refreshed dataset: where it was written and what it covers."""

    name: str
    path: Path
    rows: int
    first: str | None
    last: str | None
    fetched: tuple[str, ...]


def refreshable() -> list[str]:
    """Bundled datasets with a ``[fetch]`` table, sorted."""
    return [n for n in registry.names() if registry.info(n).metadata.fetch is not None]


def _spec(name: str) -> FetchSpec:
    spec = registry.info(name).metadata.fetch
    if spec is None:
        raise InputError(
            f"dataset {name!r} has no [fetch] table in its metadata.toml: it is a snapshot "
            f"with no live source monpol reads (see docs/data.md); datasets that can be "
            f"refreshed: {', '.join(refreshable())}")
    return spec


def _transform(spec: FetchSpec, frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if spec.transform == "as_fetched":
        if len(frames) != 1:
            raise DataError(f"dataset {name!r}: transform 'as_fetched' takes one series; "
                            f"[fetch] lists {len(frames)}")
        return frames[0]
    if spec.transform == "rows":
        stacked = pd.concat(frames)
        return stacked[~stacked.index.duplicated(keep="last")].sort_index()
    parts = []
    for sid, f in zip(spec.series, frames, strict=True):
        parts.append(f.rename(columns={"value": sid}) if list(f.columns) == ["value"] else f)
    return pd.concat(parts, axis=1, join="outer").sort_index()


def build(name: str, *, offline: bool = False,
          cache_dir: str | os.PathLike[str] | None = None) -> Fetched:
    """Dataset ``name`` rebuilt from its source (not stored): the bundled columns and units.

    Each series goes through :func:`monpol.data.sources.fetch`: downloaded afresh, or with
    ``offline`` taken from the cache only (``DataError`` if a series is not cached).

    Raises
    ------
    InputError
        ``name`` is not a bundled dataset, or has no ``[fetch]`` table.
    DataError
        A download failed, or the source no longer gives one of the dataset's columns, or
        gives no rows in the window.
    """
    import monpol.data.sources as sources

    spec = _spec(name)
    meta = registry.info(name).metadata
    got = [sources.fetch(spec.source, s, refresh=not offline, offline=offline,
                         cache_dir=cache_dir) for s in spec.series]
    frame = _transform(spec, [g.frame for g in got], name)
    frame = frame.loc[spec.start or None: spec.end or None]
    missing = [c for c in meta.columns if c not in frame.columns]
    where = ", ".join(f"{spec.source}:{s}" for s in spec.series)
    if missing:
        raise DataError(f"dataset {name!r}: the source ({where}) no longer gives columns "
                        f"{missing} (it gives {list(map(str, frame.columns))[:12]})")
    frame = frame[list(meta.columns)].dropna(how="all")
    if frame.empty:
        raise DataError(f"dataset {name!r}: the source ({where}) gave no rows"
                        + (f" between {spec.start or '...'} and {spec.end or '...'}"
                           if spec.start or spec.end else ""))
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    urls = sorted({g.metadata.source.url for g in got})
    new_meta = meta.model_copy(update={
        "description": meta.description.rstrip() + f"\n\nRefreshed from {where} by monpol "
                       f"at {now} (the bundled copy is unchanged).\n",
        "source": SourceInfo(publisher=meta.source.publisher, citation=meta.source.citation,
                             url=" ".join(urls) or meta.source.url,
                             retrieved=f"refreshed from {where} by monpol data refresh at "
                                       f"{now}"),
    })
    frame.index.name = meta.index
    return Fetched(CACHE_SOURCE, name, None, frame, new_meta)


def refresh(name: str, *, offline: bool = False,
            cache_dir: str | os.PathLike[str] | None = None) -> Refreshed:
    """Rebuild ``name`` from its source and store it in the cache (see :func:`build`)."""
    from monpol.data.sources import cache

    got = build(name, offline=offline, cache_dir=cache_dir)
    path = cache.write(got, cache_dir)
    idx = got.frame.index
    spec = _spec(name)
    return Refreshed(name, path, len(got.frame), str(idx[0].date()), str(idx[-1].date()),
                     tuple(f"{spec.source}:{s}" for s in spec.series))


def load_refreshed(name: str, *, refresh: bool = False, offline: bool = False,
                   cache_dir: str | os.PathLike[str] | None = None) -> Fetched:
    """The refreshed copy of ``name``: from the cache, else rebuilt now (``refresh`` forces
    a rebuild; ``offline`` rebuilds only from cached source series)."""
    from monpol.data.sources import cache

    if refresh and offline:
        raise InputError("refresh and offline cannot both be set")
    _spec(name)
    if not refresh:
        hit = cache.read(CACHE_SOURCE, name, None, cache_dir)
        if hit is not None:
            return hit
    got = build(name, offline=offline, cache_dir=cache_dir)
    cache.write(got, cache_dir)
    return got
