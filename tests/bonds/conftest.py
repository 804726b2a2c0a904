"""Fixtures of the bonds tests: the published reference figures and small record files."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

REFERENCE = Path(__file__).parent / "reference"


@pytest.fixture(scope="session")
def seed001() -> dict[str, Any]:
    """Published figures of seed 001 with their sources (reference/seed_001.toml)."""
    return tomllib.loads((REFERENCE / "seed_001.toml").read_text(encoding="utf-8"))


JGB_HEADER = "date,security,tenor,offered,bids,accepted,average_price,lowest_price"
US_HEADER = ("date,security,tenor,tendered,accepted,high_yield,wi_yield,"
             "primary_dealer_accepted,direct_accepted,indirect_accepted")


@pytest.fixture()
def write_csv(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write lines to a CSV file in tmp_path and return its path."""

    def _write(lines: list[str], name: str = "auctions.csv") -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return _write
