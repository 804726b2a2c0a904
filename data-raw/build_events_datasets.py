"""Build the datasets used by monpol.events from the raw public files.

Usage: python data-raw/build_events_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with qe2_2010/ and us/). Numbers are copied unchanged;
FRED's "." (no observation) becomes a blank cell.

The event calendars are compiled by hand in ``data-raw/events/*.csv`` (one row per
announcement, each with its source) and copied as they are.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "monpol" / "data" / "datasets"


def write(name: str, frame: pd.DataFrame) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / "data.csv", index=False, lineterminator="\n")
    print(f"{name}: {len(frame)} rows -> {folder / 'data.csv'}")


def fred(path: Path) -> pd.Series:
    """One FRED download as a string Series indexed by ISO date (values untouched)."""
    df = pd.read_csv(path, dtype=str, na_values=["."], keep_default_na=False)
    df.columns = ["date", df.columns[1]]
    return df.set_index("date")[df.columns[1]]


def main(raw: Path) -> None:
    window = pd.read_csv(raw / "qe2_2010" / "qe2_window_fred_2010-06-01_2010-11-30.csv", dtype=str,
                         keep_default_na=False)
    write("us-qe2-2010-window", window)

    us = raw / "us"
    daily = pd.concat(
        [fred(us / "fred_2026_vintage" / "DGS10.csv"),
         fred(us / "fred_2026_vintage" / "DTWEXBGS.csv"),
         fred(us / "DEXUSEU.csv")],
        axis=1,
    )
    daily = daily.sort_index()
    daily = daily.dropna(how="all")
    daily.index.name = "date"
    write("us-markets-daily", daily.reset_index())

    for name in ("qe2_2010_signals", "fed_qe1_grrs2011", "fed_qe1_kvj2011"):
        target = OUT / f"events-{name.replace('_', '-')}"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HERE / "events" / f"calendar_{name}.csv", target / "data.csv")
        print(f"events-{name.replace('_', '-')}: copied calendar_{name}.csv")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
