"""Live data sources with a local cache: FRED/ALFRED, MOF (interest rates, auction results),
BOJ, US Treasury auctions.

Each source follows the :class:`~monpol.data.sources.base.Source` protocol;
:func:`fetch` goes through the cache (:mod:`monpol.data.sources.cache`), and
:func:`monpol.data.load` resolves ``"source:series[@vintage]"`` names through it.

Examples
--------
>>> from monpol.data import sources
>>> sources.names()
['boj', 'fred', 'mof', 'mof-auction', 'ust']
>>> sources.parse_name("fred:GDPC1@2024-01-31")
('fred', 'GDPC1', '2024-01-31')
"""

from __future__ import annotations

import os

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.data.sources import cache
from monpol.data.sources.base import Fetched, Source
from monpol.data.sources.mof_auctions import MofAuctionSource
from monpol.data.sources.providers import BojSource, FredSource, MofSource, TreasurySource

__all__ = ["Fetched", "Source", "cache", "fetch", "get", "names", "parse_name", "register"]

_REGISTRY: Registry[Source] = Registry("source")


def register(source: Source) -> None:
    """Add ``source`` (replacing one of the same name: e.g. a source pointed at a mirror)."""
    if not isinstance(source, Source):
        raise InputError(f"source must have name, description and fetch(); got {source!r}")
    if source.name in _REGISTRY._items:  # replaced in place: the listed order stays
        _REGISTRY._items[source.name] = source
    else:
        _REGISTRY.add(source.name, source)


def names() -> list[str]:
    """Names of the registered sources, sorted."""
    return sorted(_REGISTRY.names())


def get(name: str) -> Source:
    """The source called ``name``; unknown names raise an error listing the valid ones."""
    return _REGISTRY.get(name)


def parse_name(name: str) -> tuple[str, str, str | None]:
    """``"fred:GDPC1@2024-01-31"`` → ``("fred", "GDPC1", "2024-01-31")``."""
    if ":" not in name:
        raise InputError(f"name must be 'source:series[@vintage]'; got {name!r}")
    src, rest = name.split(":", 1)
    series, _, vintage = rest.partition("@")
    if not src or not series:
        raise InputError(f"name must be 'source:series[@vintage]'; got {name!r}")
    return src, series, vintage or None


def fetch(
    source: str,
    series_id: str,
    vintage: str | None = None,
    *,
    refresh: bool = False,
    offline: bool = False,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Fetched:
    """``series_id`` from ``source``: from the cache if there, else downloaded and cached.

    ``refresh`` downloads even when cached (the entry is replaced only after a complete,
    valid download); ``offline`` never downloads (``DataError`` if not cached).
    """
    if refresh and offline:
        raise InputError("refresh and offline cannot both be set")
    src = get(source)
    if not refresh:
        hit = cache.read(source, series_id, vintage, cache_dir)
        if hit is not None:
            return hit
    if offline:
        raise DataError(f"{source}:{series_id}" + (f"@{vintage}" if vintage else "")
                        + f" is not in the cache ({cache.cache_root(cache_dir)}) and offline "
                        f"mode forbids downloading it")
    got = src.fetch(series_id, vintage)
    cache.write(got, cache_dir)
    return got


for _s in (FredSource(), MofSource(), MofAuctionSource(), BojSource(), TreasurySource()):
    register(_s)
