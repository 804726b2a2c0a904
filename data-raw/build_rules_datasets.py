"""Build the datasets used by monpol.rules from the raw public files.

Usage: python data-raw/build_rules_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with china/ and us/). Numbers are copied unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src" / "monpol" / "data" / "datasets"


def write(name: str, frame: pd.DataFrame) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / "data.csv", index=False, lineterminator="\n")
    print(f"{name}: {len(frame)} rows -> {folder / 'data.csv'}")


def fred(path: Path) -> pd.Series:
    df = pd.read_csv(path, na_values=["."])
    df.columns = ["date", df.columns[1]]
    return df.set_index("date")[df.columns[1]]


def main(raw: Path) -> None:
    china = raw / "china"
    q = pd.read_csv(china / "china_quarterly_2005_2012.csv", dtype={"quarter": str})
    write("china-lending-rate", q)

    cpi = pd.read_csv(china / "china_cpi_yoy_monthly.csv", dtype={"cpi_yoy": str})
    cpi = cpi.rename(columns={"month_end": "month"})
    cpi["month"] = cpi["month"].str[:7]
    write("china-cpi-monthly", cpi)

    gdp = pd.read_csv(china / "china_real_gdp_yoy_quarterly.csv", dtype={"real_gdp_yoy": str})
    gdp["quarter"] = pd.PeriodIndex(pd.to_datetime(gdp.pop("quarter_end")), freq="Q").astype(str)
    write("china-gdp-quarterly", gdp[["quarter", "real_gdp_yoy"]])

    changes = pd.read_csv(china / "pboc_1y_benchmark_lending_rate_changes.csv", dtype=str)
    write("pboc-lending-rate-changes", changes)

    us = raw / "us" / "fred_2024_vintage"
    monthly = pd.concat([fred(us / f"{s}.csv") for s in ("FEDFUNDS", "CPIAUCSL", "PCEPI", "UNRATE")],
                        axis=1).sort_index()
    monthly.index.name = "date"
    write("us-fred-2024-monthly", monthly.reset_index())

    quarterly = pd.concat([fred(us / f"{s}.csv") for s in ("GDPC1", "GDPPOT", "NROU")],
                          axis=1).sort_index()
    quarterly.index.name = "date"
    write("us-fred-2024-quarterly", quarterly.reset_index())

    hlw = pd.read_csv(raw / "us" / "hlw_real_time_estimates.csv", skiprows=5, encoding="utf-8-sig",
                      dtype=str)
    hlw.columns = ["date", "trend_growth", "r_star", "output_gap"]
    hlw = hlw.dropna(subset=["date"])
    write("us-hlw-rstar", hlw)

    core = pd.read_csv(raw / "us" / "PCEPILFE_CH1.csv", skiprows=10, encoding="utf-8-sig", dtype=str)
    core.columns = ["date", "core_pce_yoy"]
    write("us-core-pce-yoy", core.dropna())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
