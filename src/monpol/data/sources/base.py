"""The source protocol: ``fetch(series_id, vintage=None) -> Fetched``.

A :class:`Fetched` holds the data (a tidy DataFrame with a date index) and its provenance
as a :class:`~monpol.data.registry.DatasetMetadata` — the same fields as a bundled dataset's
``metadata.toml`` — so a fetched series can be cached, loaded and cited like a bundled one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import pandas as pd

from monpol.core.errors import DataError
from monpol.data.metadata import ColumnInfo, DatasetMetadata, SourceInfo

__all__ = ["Fetched", "Source", "check_columns", "make_metadata"]


@dataclass(frozen=True)
class Fetched:
    """A fetched series: ``frame`` (date index) and ``metadata`` (provenance)."""

    source: str
    series_id: str
    vintage: str | None
    frame: pd.DataFrame
    metadata: DatasetMetadata

    @property
    def name(self) -> str:
        """The dataset name under which :func:`monpol.data.load` finds it: ``source:series``."""
        return f"{self.source}:{self.series_id}" + (f"@{self.vintage}" if self.vintage else "")


@runtime_checkable
class Source(Protocol):
    """A data source: a name, a one-line description and :meth:`fetch`."""

    name: str
    description: str

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        """Download ``series_id`` (``vintage``: a real-time date where the source has them)."""
        ...


def check_columns(frame: pd.DataFrame, expected: list[str], *, source: str, url: str) -> None:
    """``DataError`` if ``frame`` lacks any of ``expected`` (the server changed its layout)."""
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise DataError(
            f"{source}: the answer from {url} lacks columns {missing} (it has "
            f"{list(map(str, frame.columns))[:12]}); the source may have changed its layout"
        )
    if frame.empty:
        raise DataError(f"{source}: the answer from {url} has no data rows")


def make_metadata(
    *,
    title: str,
    description: str,
    publisher: str,
    citation: str,
    url: str,
    licence: str,
    frequency: str,
    columns: dict[str, tuple[str, str]],
    index: str = "date",
) -> DatasetMetadata:
    """Provenance in the bundled ``metadata.toml`` format; ``retrieved`` is now (UTC)."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return DatasetMetadata(
        title=title,
        description=description,
        frequency=frequency,  # type: ignore[arg-type]
        index=index,
        index_type="date",
        licence=licence,
        source=SourceInfo(publisher=publisher, citation=citation, url=url,
                          retrieved=f"fetched by monpol.data.sources at {now}"),
        columns={k: ColumnInfo(unit=u, description=d) for k, (u, d) in columns.items()},
    )
