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

import os
from dataclasses import dataclass
from pathlib import Path

import monpol.data.registry as registry
from monpol.data.sources.base import Fetched
from monpol.data.sources.cache import REFRESHED as CACHE_SOURCE

__all__ = ["CACHE_SOURCE", "Refreshed", "build", "load_refreshed", "refresh", "refreshable"]


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
    return registry.refreshable()


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
    return registry.build_refreshed(name, offline=offline, cache_dir=cache_dir)


def refresh(name: str, *, offline: bool = False,
            cache_dir: str | os.PathLike[str] | None = None) -> Refreshed:
    """Rebuild ``name`` from its source and store it in the cache (see :func:`build`)."""
    from monpol.data.sources import cache

    got = build(name, offline=offline, cache_dir=cache_dir)
    path = cache.write(got, cache_dir)
    idx = got.frame.index
    spec = registry.fetch_spec(name)
    return Refreshed(name, path, len(got.frame), str(idx[0])[:10], str(idx[-1])[:10],
                     tuple(f"{spec.source}:{s}" for s in spec.series))


def load_refreshed(name: str, *, refresh: bool = False, offline: bool = False,
                   cache_dir: str | os.PathLike[str] | None = None) -> Fetched:
    """The refreshed copy of ``name``: from the cache, else rebuilt now (``refresh`` forces
    a rebuild; ``offline`` rebuilds only from cached source series)."""
    return registry.load_refreshed(name, refresh=refresh, offline=offline, cache_dir=cache_dir)
