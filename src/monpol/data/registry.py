"""The registry of bundled datasets.

Each dataset is a folder ``src/monpol/data/datasets/<name>/`` holding one tidy CSV file and
a ``metadata.toml`` describing it: title, description, source and citation, licence or
credit, frequency, the index column and how to parse it, and each column's unit. Folders
are discovered at run time, so adding a dataset means adding a folder — nothing else.

``metadata.toml`` fields (validated by :class:`DatasetMetadata`)::

    title = "..."                 # one line
    description = "..."           # what the data are, how they were derived
    file = "data.csv"
    frequency = "quarterly"       # daily|weekly|monthly|quarterly|annual|irregular|none
    index = "quarter"             # index column ("" for none)
    index_type = "period"         # date | period | none
    period_freq = "Q"             # pandas frequency for index_type = "period"
    licence = "Public domain (U.S. government work)"
    [source]
    publisher = "..."
    citation = "..."              # how to cite the data
    url = "..."
    retrieved = "..."             # where and when this copy was taken
    [columns.<name>]
    unit = "percent"
    description = "..."

Examples
--------
>>> from monpol import data
>>> "china-lending-rate" in data.names()
True
>>> df = data.load("china-lending-rate")
>>> df.index[0]
Period('2005Q1', 'Q-DEC')
>>> data.load("no-such-data")
Traceback (most recent call last):
...
monpol.core.errors.InputError: dataset must be one of ...; got 'no-such-data'
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import ValidationError

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.data.metadata import ColumnInfo, DatasetMetadata, FetchSpec, SourceInfo

if TYPE_CHECKING:  # pragma: no cover
    from monpol.data.sources.base import Fetched

__all__ = ["ColumnInfo", "DatasetInfo", "DatasetMetadata", "SourceInfo", "info", "load", "names"]

_ROOT = "datasets"


@dataclass(frozen=True)
class DatasetInfo:
    """A registered dataset: its name, folder and metadata."""

    name: str
    path: Path
    metadata: DatasetMetadata

    @property
    def title(self) -> str:
        return self.metadata.title

    @property
    def units(self) -> dict[str, str]:
        return {k: v.unit for k, v in self.metadata.columns.items()}

    def to_dict(self) -> dict[str, Any]:
        m = self.metadata
        return {
            "name": self.name,
            "title": m.title,
            "description": m.description.strip(),
            "frequency": m.frequency,
            "index": m.index or None,
            "licence": m.licence,
            "source": m.source.model_dump(),
            "columns": {k: v.model_dump() for k, v in m.columns.items()},
        }


def _read_metadata(folder: Path) -> DatasetMetadata:
    meta = folder / "metadata.toml"
    try:
        raw = tomllib.loads(meta.read_text(encoding="utf-8"))
        return DatasetMetadata.model_validate(raw)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()
        raise DataError(f"dataset {folder.name!r}: invalid metadata.toml: {' '.join(first)}") from exc


@functools.cache
def _registry() -> Registry[DatasetInfo]:
    reg: Registry[DatasetInfo] = Registry("dataset")
    root = resources.files("monpol.data") / _ROOT
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        folder = Path(str(entry))
        if folder.is_dir() and (folder / "metadata.toml").is_file():
            reg.add(folder.name, DatasetInfo(folder.name, folder, _read_metadata(folder)))
    return reg


def names() -> list[str]:
    """Names of all bundled datasets, sorted."""
    return _registry().names()


#: suffix naming the refreshed copy of a bundled dataset (``"mof-jgb-yield-curve@latest"``)
LATEST = "@latest"


def info(name: str) -> DatasetInfo:
    """Metadata of dataset ``name``; unknown names raise an error listing the valid ones.

    ``name`` may also be a downloaded series (``"source:series[@vintage]"``) or a refreshed
    dataset (``"<name>@latest"``) once it is in the download cache (after a
    :func:`load`); its metadata is then the cached copy's.
    """
    if isinstance(name, str) and (":" in name or name.endswith(LATEST)):
        from monpol.data.sources import cache

        if ":" in name:
            import monpol.data.sources as sources

            key = sources.parse_name(name)
        else:
            info(name.removesuffix(LATEST))  # unknown names: the error listing the valid ones
            key = (cache.REFRESHED, name.removesuffix(LATEST), None)
        hit = cache.read(*key)
        if hit is None:
            raise DataError(f"dataset {name!r} is not in the download cache "
                            f"({cache.cache_root()}); load it first (monpol.data.load({name!r}))")
        return DatasetInfo(name, cache.entry_path(*key), hit.metadata)
    return _registry().get(name)


@functools.cache
def _load_cached(name: str) -> pd.DataFrame:
    ds = info(name)
    m = ds.metadata
    path = ds.path / m.file
    if not path.is_file():
        raise DataError(f"dataset {name!r}: data file {m.file!r} is missing from {ds.path}")
    frame = pd.read_csv(path)
    missing = [c for c in m.columns if c not in frame.columns and c != m.index]
    if missing:
        raise DataError(f"dataset {name!r}: columns {missing} documented but not in {m.file}")
    if m.index_type != "none":
        if m.index not in frame.columns:
            raise DataError(f"dataset {name!r}: index column {m.index!r} not in {m.file}")
        raw = frame.pop(m.index)
        if m.index_type == "date":
            idx: pd.Index = pd.DatetimeIndex(pd.to_datetime(raw, format="ISO8601"), name=m.index)
        else:
            idx = pd.PeriodIndex(raw.astype(str), freq=m.period_freq, name=m.index)
        frame.index = idx
    frame.attrs["monpol_dataset"] = name
    frame.attrs["units"] = ds.units
    return frame


def load(name: str, refresh: bool = False, offline: bool = False) -> pd.DataFrame:
    """Load dataset ``name`` as a DataFrame with a date or period index.

    ``name`` is

    * a bundled dataset: its snapshot in the package, or with ``refresh=True`` its copy
      rebuilt now from the live source named in its ``[fetch]`` table and stored in the
      download cache (:mod:`monpol.data.refresh`);
    * ``"<bundled name>@latest"``: that refreshed copy, from the cache, else rebuilt now
      (``offline``: only from cached source series);
    * ``"source:series[@vintage]"`` (e.g. ``"fred:GDPC1@2024-01-31"``, ``"mof:jgbcm_all"``),
      resolved cache → source (:func:`monpol.data.sources.fetch`; ``refresh``
      re-downloads, ``offline`` never downloads).

    ``frame.attrs`` carries ``monpol_dataset`` (the name) and ``units``
    (column → unit).

    Raises
    ------
    InputError
        If ``name`` is not a bundled dataset (the message lists the valid names), or
        ``refresh`` is asked of a dataset without a ``[fetch]`` table.
    DataError
        A download or the cache failed (see :mod:`monpol.data.sources`).
    """
    if not isinstance(name, str):
        raise InputError(f"name must be a dataset name (str); got {type(name).__name__} {name!r:.60}")
    if ":" in name:
        import monpol.data.sources as sources

        src, series, vintage = sources.parse_name(name)
        got = sources.fetch(src, series, vintage, refresh=refresh, offline=offline)
        frame = got.frame.copy(deep=True)
        frame.attrs = {"monpol_dataset": name,
                       "units": {k: v.unit for k, v in got.metadata.columns.items()}}
        return frame
    if refresh or name.endswith(LATEST):
        base = name.removesuffix(LATEST)
        info(base)  # unknown names: the error listing the valid ones
        got = load_refreshed(base, refresh=refresh, offline=offline)
        frame = got.frame.copy(deep=True)
        frame.attrs = {"monpol_dataset": name,
                       "units": {k: v.unit for k, v in got.metadata.columns.items()}}
        return frame
    frame = _load_cached(name).copy(deep=True)
    frame.attrs = {"monpol_dataset": name, "units": dict(info(name).units)}
    return frame


# --------------------------------------------------------------------------- refreshing
# (the public face is monpol.data.refresh; the work is here so that the registry, which
# load() needs, does not import that module: it imports the registry)


def refreshable() -> list[str]:
    """Bundled datasets with a ``[fetch]`` table, sorted."""
    return [n for n in names() if info(n).metadata.fetch is not None]


def fetch_spec(name: str) -> FetchSpec:
    """The ``[fetch]`` table of bundled dataset ``name`` (``InputError`` if it has none)."""
    spec = info(name).metadata.fetch
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


def build_refreshed(name: str, *, offline: bool = False,
          cache_dir: str | os.PathLike[str] | None = None) -> Fetched:
    """Dataset ``name`` rebuilt from its sources, not stored (public entry and errors:
    :func:`monpol.data.refresh.build`)."""
    import monpol.data.sources as sources
    from monpol.data.sources import cache
    from monpol.data.sources.base import Fetched

    spec = fetch_spec(name)
    meta = info(name).metadata
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
    if meta.index_type == "period":  # e.g. quarterly FRED dates (first day) → 1947Q1
        frame.index = pd.DatetimeIndex(frame.index).to_period(meta.period_freq)
    frame.index.name = meta.index
    return Fetched(cache.REFRESHED, name, None, frame, new_meta)


def load_refreshed(name: str, *, refresh: bool = False, offline: bool = False,
                   cache_dir: str | os.PathLike[str] | None = None) -> Fetched:
    """The refreshed copy of ``name``: from the cache, else rebuilt now (``refresh`` forces
    a rebuild; ``offline`` rebuilds only from cached source series)."""
    from monpol.data.sources import cache

    if refresh and offline:
        raise InputError("refresh and offline cannot both be set")
    fetch_spec(name)
    if not refresh:
        hit = cache.read(cache.REFRESHED, name, None, cache_dir)
        if hit is not None:
            return hit
    got = build_refreshed(name, offline=offline, cache_dir=cache_dir)
    cache.write(got, cache_dir)
    return got
