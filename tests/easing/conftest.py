from __future__ import annotations

import pytest

from monpol.core.units import MILLION_USD
from monpol.easing import BalanceSheet, SnapshotPair, load_snapshots


@pytest.fixture(scope="session")
def fed() -> SnapshotPair:
    return load_snapshots("fed-2007-2008")


@pytest.fixture(scope="session")
def boj() -> SnapshotPair:
    return load_snapshots("boj-2000-2005")


def toy(date: str, gov: float, loans: float, currency: float = 50.0,
        institution: str = "Toy CB", unit=MILLION_USD) -> BalanceSheet:
    """A balanced toy balance sheet: reserves close the gap."""
    return BalanceSheet.from_records(
        institution, date, unit,
        [("asset", "Government bonds", "government_long", gov),
         ("asset", "Loans", "lending_institutions", loans),
         ("liability", "Currency", "currency", currency),
         ("liability", "Reserves", "reserves", gov + loans - currency)])
