"""The fields of a dataset's ``metadata.toml`` (bundled datasets and downloaded ones).

Kept apart from :mod:`monpol.data.registry` so that the download sources
(:mod:`monpol.data.sources`) can describe what they fetch without importing the registry,
which itself reaches the sources for ``source:series`` names.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["ColumnInfo", "DatasetMetadata", "FetchSpec", "SourceInfo"]


class SourceInfo(BaseModel):
    """Where the data come from and how to cite them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: str
    citation: str
    url: str = ""
    retrieved: str = ""


class ColumnInfo(BaseModel):
    """One column: its unit and meaning."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str
    description: str


class FetchSpec(BaseModel):
    """How a bundled dataset is rebuilt from a live source (the ``[fetch]`` table).

    ``source`` is a :mod:`monpol.data.sources` name, ``series`` the series fetched from it,
    ``transform`` the name of a :mod:`monpol.data.refresh` transform that turns them into
    the dataset's columns, ``start``/``end`` (ISO dates) an optional window.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    series: list[str] = Field(min_length=1)
    transform: Literal["as_fetched", "columns", "rows"] = "columns"
    start: str = ""
    end: str = ""


class DatasetMetadata(BaseModel):
    """Validated contents of a dataset's ``metadata.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    description: str
    file: str = "data.csv"
    frequency: Literal[
        "daily", "weekly", "monthly", "quarterly", "annual", "irregular", "none"
    ]
    index: str = ""
    index_type: Literal["date", "period", "none"] = "none"
    period_freq: str = ""
    licence: str
    source: SourceInfo
    columns: dict[str, ColumnInfo] = Field(default_factory=dict)
    fetch: FetchSpec | None = None

    @model_validator(mode="after")
    def _index_consistent(self) -> DatasetMetadata:
        if self.index_type != "none" and not self.index:
            raise ValueError("index_type is set but index (the column name) is empty")
        if self.index_type == "period" and not self.period_freq:
            raise ValueError("index_type 'period' needs period_freq (e.g. 'Q')")
        return self
