"""On-disk cache of fetched series: one folder per source/series/vintage.

Location: the ``cache_dir`` argument, else ``$MONPOL_CACHE_DIR``, else the platform's user
cache directory (platformdirs, ``monpol/sources``). An entry is a folder holding
``data.csv`` and ``metadata.toml`` in the bundled-dataset layout, built in a temporary
sibling and renamed into place (:func:`monpol.core.io.atomic_directory`), so a failed
download never leaves half an entry.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import platformdirs

from monpol.core.errors import DataError
from monpol.core.io import atomic_directory
from monpol.data.metadata import DatasetMetadata
from monpol.data.sources.base import Fetched

__all__ = ["REFRESHED", "CacheEntry", "cache_root", "clear", "entries", "entry_path", "read", "write"]

#: the cache folder (in place of a source name) holding refreshed bundled datasets
REFRESHED = "datasets"

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cache directory (argument, ``$MONPOL_CACHE_DIR`` or the user cache dir)."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("MONPOL_CACHE_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("monpol")) / "sources"


def entry_path(source: str, series_id: str, vintage: str | None,
               cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Folder of one entry: ``<root>/<source>/<series>/<vintage or latest>``."""
    return (cache_root(cache_dir) / _SAFE.sub("_", source) / _SAFE.sub("_", series_id)
            / (_SAFE.sub("_", vintage) if vintage else "latest"))


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _metadata_toml(m: DatasetMetadata) -> str:
    lines = [f"{k} = {_toml_str(str(getattr(m, k)))}" for k in
             ("title", "description", "file", "frequency", "index", "index_type", "period_freq",
              "licence")]
    lines.append("\n[source]")
    lines += [f"{k} = {_toml_str(v)}" for k, v in m.source.model_dump().items()]
    for col, info in m.columns.items():
        lines.append(f"\n[columns.{_toml_str(col)}]")
        lines += [f"{k} = {_toml_str(v)}" for k, v in info.model_dump().items()]
    if m.fetch is not None:
        lines.append("\n[fetch]")
        for k, v in m.fetch.model_dump().items():
            lines.append(f"{k} = " + ("[" + ", ".join(map(_toml_str, v)) + "]"
                                      if isinstance(v, list) else _toml_str(v)))
    return "\n".join(lines) + "\n"


def write(fetched: Fetched, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Store ``fetched`` (replacing an older entry of the same key) and return its folder."""
    path = entry_path(fetched.source, fetched.series_id, fetched.vintage, cache_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_directory(path, overwrite=True, marker="metadata.toml") as tmp:
        fetched.frame.to_csv(tmp / "data.csv", index=True, index_label=fetched.metadata.index)
        (tmp / "metadata.toml").write_text(_metadata_toml(fetched.metadata), encoding="utf-8")
    return path


def read(source: str, series_id: str, vintage: str | None,
         cache_dir: str | os.PathLike[str] | None = None) -> Fetched | None:
    """The cached entry, or ``None`` if there is none."""
    path = entry_path(source, series_id, vintage, cache_dir)
    if not (path / "metadata.toml").is_file():
        return None
    try:
        meta = DatasetMetadata.model_validate(
            tomllib.loads((path / "metadata.toml").read_text(encoding="utf-8")))
        frame = pd.read_csv(path / "data.csv")
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"cache entry {str(path)!r} is unreadable ({exc}); "
                        f"refresh it (refresh=True, CLI --refresh)") from None
    raw = frame.pop(meta.index)
    if meta.index_type == "period":  # a refreshed bundled dataset with a period index
        frame.index = pd.PeriodIndex(raw.astype(str), freq=meta.period_freq, name=meta.index)
    else:
        frame.index = pd.DatetimeIndex(pd.to_datetime(raw, format="ISO8601"), name=meta.index)
    return Fetched(source, series_id, vintage, frame, meta)


@dataclass(frozen=True)
class CacheEntry:
    """One cached series, as listed by :func:`entries`."""

    source: str
    series_id: str
    vintage: str | None
    path: Path
    rows: int
    retrieved: str


def entries(cache_dir: str | os.PathLike[str] | None = None) -> list[CacheEntry]:
    """All cache entries, sorted by source, series, vintage."""
    root = cache_root(cache_dir)
    out: list[CacheEntry] = []
    for meta in sorted(root.glob("*/*/*/metadata.toml")):
        folder = meta.parent
        try:
            m = DatasetMetadata.model_validate(tomllib.loads(meta.read_text(encoding="utf-8")))
            rows = sum(1 for _ in (folder / "data.csv").open(encoding="utf-8")) - 1
        except (OSError, ValueError, tomllib.TOMLDecodeError):
            continue
        vintage = None if folder.name == "latest" else folder.name
        out.append(CacheEntry(folder.parent.parent.name, folder.parent.name, vintage, folder,
                              rows, m.source.retrieved))
    return out


def clear(cache_dir: str | os.PathLike[str] | None = None) -> int:
    """Remove every entry; returns how many were removed."""
    found = entries(cache_dir)
    for e in found:
        shutil.rmtree(e.path)
    return len(found)
