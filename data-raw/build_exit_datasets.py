"""Build the datasets used by monpol.exit (the BoJ end-2022 template) from the raw files.

Usage: python data-raw/build_exit_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with japan/). Numbers are copied unchanged; the script
only selects the rows and columns of the template and reshapes them.

- boj-jgb-holdings-2022-12: the row dated 2022-12-30 of the BOJ holdings-by-issue table
  (100 million yen, face value), one row per issue held (zero holdings dropped), with the
  issue code, its kind (the code's prefix) and its maturity date (row 3 of the source).
- mof-par-curve-2022-06: the MOF par-yield rows dated in June 2022 (all business days).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src" / "monpol" / "data" / "datasets"
HOLDINGS_DATE = "20221230"
CURVE_MONTH = "2022-06"


def write(name: str, frame: pd.DataFrame) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / "data.csv", index=False, lineterminator="\n")
    print(f"{name}: {len(frame)} rows -> {folder / 'data.csv'}")


def holdings(raw: Path) -> pd.DataFrame:
    table = pd.read_csv(raw / "japan" / "boj_jgb_holdings_by_issue_monthly.csv", header=None,
                        dtype=str, low_memory=False)
    codes = table.iloc[1, 1:]
    maturities = table.iloc[2, 1:]
    rows = table[table[0] == HOLDINGS_DATE]
    if len(rows) != 1:
        raise SystemExit(f"expected one row dated {HOLDINGS_DATE}, found {len(rows)}")
    amounts = rows.iloc[0, 1:]
    frame = pd.DataFrame({
        "issue": codes.to_numpy(),
        "kind": codes.str.split("-").str[0].to_numpy(),
        "maturity": pd.to_datetime(maturities, format="%Y%m%d").dt.strftime("%Y-%m-%d").to_numpy(),
        "amount": amounts.to_numpy(),  # 100 million yen, as published (integers, unchanged)
    })
    frame = frame[pd.to_numeric(frame["amount"]) > 0]
    return frame.sort_values(["maturity", "issue"], kind="stable").reset_index(drop=True)


def curve(raw: Path) -> pd.DataFrame:
    daily = pd.read_csv(raw / "japan" / "mof_jgb_yield_curve_daily.csv", dtype=str)
    return daily[daily["date"].str.startswith(CURVE_MONTH)].reset_index(drop=True)


def main(raw: Path) -> None:
    write("boj-jgb-holdings-2022-12", holdings(raw))
    write("mof-par-curve-2022-06", curve(raw))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
