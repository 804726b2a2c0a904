"""Build the datasets used by monpol.bonds from the raw public files.

Usage: python data-raw/build_bonds_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with japan/ and us/); see its MANIFEST.md for where each
raw file came from. Numbers are copied unchanged: the scripts only rename, reshape (wide to
long) and drop the cells of the issue-level tables where an issue is not outstanding.

Datasets written
----------------
jgb-auctions-2023-2026          japan/jgb_auctions_2023-05_2026-08.csv, as is
jgb-20y-auction-2025-05-20      japan/jgb_20y_auction_2025-05-20_facts.csv, column renamed
ust-coupon-auctions-2008-2011   us/ust_coupon_auctions_2008-01_2011-09.csv, as is
mof-jgb-yield-curve             japan/mof_jgb_yield_curve_daily.csv, as is
boj-jgb-holdings-by-issue       japan/boj_jgb_holdings_by_issue_monthly.csv and
                                japan/jgb_issuance_by_issue_monthly.csv, wide (month x issue)
                                to long (one row per month and outstanding issue), gzip
(the US 10-year yield comes from `us-markets-daily`, built by build_events_datasets.py)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src" / "monpol" / "data" / "datasets"


def write(name: str, frame: pd.DataFrame, file: str = "data.csv") -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / file
    if file.endswith(".gz"):
        # mtime=0 keeps the gzip bytes reproducible from run to run
        frame.to_csv(target, index=False, lineterminator="\n",
                     compression={"method": "gzip", "mtime": 0})
    else:
        frame.to_csv(target, index=False, lineterminator="\n")
    print(f"{name}: {len(frame)} rows -> {target}")


def issue_table(path: Path) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """Read one of Nakajima's wide tables: title row, issue codes, maturity dates, months."""
    raw = pd.read_csv(path, header=None, skiprows=1, dtype=str, keep_default_na=False)
    if raw.iloc[0, 0] != "No." or raw.iloc[1, 0] != "Maturity date":
        raise SystemExit(f"{path}: unexpected layout (rows 2-3 must be 'No.' and 'Maturity date')")
    codes = raw.iloc[0, 1:].tolist()
    maturities = raw.iloc[1, 1:].tolist()
    dates = raw.iloc[2:, 0].tolist()
    values = raw.iloc[2:, 1:].to_numpy(dtype=str)
    return codes, maturities, dates, values


def iso(yyyymmdd: str) -> str:
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:8]}"


def main(raw: Path) -> None:
    japan = raw / "japan"
    us = raw / "us"

    write("jgb-auctions-2023-2026",
          pd.read_csv(japan / "jgb_auctions_2023-05_2026-08.csv", dtype=str))

    facts = pd.read_csv(japan / "jgb_20y_auction_2025-05-20_facts.csv", dtype=str,
                        keep_default_na=False)
    write("jgb-20y-auction-2025-05-20", facts.rename(columns={"source_url_or_file": "source"}))

    write("ust-coupon-auctions-2008-2011",
          pd.read_csv(us / "ust_coupon_auctions_2008-01_2011-09.csv", dtype=str,
                      keep_default_na=False))

    write("mof-jgb-yield-curve",
          pd.read_csv(japan / "mof_jgb_yield_curve_daily.csv", dtype=str, keep_default_na=False))

    codes, mats, dates, held = issue_table(japan / "boj_jgb_holdings_by_issue_monthly.csv")
    codes2, mats2, dates2, outstanding = issue_table(japan / "jgb_issuance_by_issue_monthly.csv")
    if codes != codes2 or mats != mats2 or dates != dates2:
        raise SystemExit("holdings and issuance tables are not on the same issue/month grid")
    live = (held.astype(float) != 0) | (outstanding.astype(float) != 0)
    i, j = np.nonzero(live)
    long = pd.DataFrame(
        {
            "date": [iso(dates[k]) for k in i],
            "issue": [codes[k] for k in j],
            "maturity_date": [iso(mats[k]) for k in j],
            "boj_holdings": held[i, j],
            "outstanding": outstanding[i, j],
        }
    )
    write("boj-jgb-holdings-by-issue", long, file="data.csv.gz")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
