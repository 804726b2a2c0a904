from __future__ import annotations

import pandas as pd
import pytest

from monpol import data
from monpol.core.errors import InputError

EXPECTED = {"china-lending-rate", "china-cpi-monthly", "china-gdp-quarterly",
            "pboc-lending-rate-changes", "us-fred-2024-monthly", "us-fred-2024-quarterly",
            "us-hlw-rstar", "us-core-pce-yoy"}


def test_registry_lists_bundled_datasets() -> None:
    assert EXPECTED <= set(data.names())


@pytest.mark.parametrize("name", sorted(data.names()))
def test_every_dataset_loads_with_provenance(name: str) -> None:
    info = data.info(name)
    m = info.metadata
    assert m.title and m.description.strip() and m.licence
    assert m.source.publisher and m.source.citation
    frame = data.load(name)
    assert len(frame) > 0
    assert frame.attrs["monpol_dataset"] == name
    # every column is documented with a unit
    assert set(frame.columns) <= set(m.columns), f"undocumented columns in {name}"
    if m.index_type == "date":
        assert isinstance(frame.index, pd.DatetimeIndex)
    elif m.index_type == "period":
        assert isinstance(frame.index, pd.PeriodIndex)
    if m.index_type != "none":
        assert frame.index.is_monotonic_increasing and frame.index.is_unique


def test_load_returns_independent_copies() -> None:
    a = data.load("china-lending-rate")
    a.iloc[0, 0] = -999.0
    assert data.load("china-lending-rate").iloc[0, 0] != -999.0


def test_unknown_dataset_lists_valid_names() -> None:
    with pytest.raises(InputError, match=r"dataset must be one of .*'china-lending-rate'.*got 'nope'"):
        data.load("nope")
