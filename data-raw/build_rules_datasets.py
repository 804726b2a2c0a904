"""Build the datasets used by monpol.rules from the raw public files.

Usage: python data-raw/build_rules_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with china/ and us/). Numbers are copied unchanged, except
``us-core-pce-yoy``, whose percent change is computed here (see :func:`core_pce_percent`).
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


ANCHOR_YEAR = "2000"  # first year of the 2026 FRED vintage of PCEPILFE levels on this machine


def core_pce_percent(change: pd.Series, levels: pd.Series) -> pd.DataFrame:
    """Core PCE inflation in percent from FRED's PCEPILFE in units ``ch1``.

    ``ch1`` is the change from a year ago in *index points* (the raw file's header says
    "Change from Year Ago, Index 2017=100"), not the percent change (``pc1``). The index
    levels of that vintage are rebuilt by chaining its own 12-month changes backward and
    forward from the twelve 2026-vintage levels of ``ANCHOR_YEAR``
    (``L(t-12) = L(t) - ch1(t)``, ``L(t+12) = L(t) + ch1(t+12)``); then the percent change
    is ``100 * ch1(t) / L(t-12)``. The only approximation is the revision of the anchor
    levels between the two vintages; the builder prints the distance to the 2026 vintage's
    own percent changes over the years both cover.
    """
    ch = change.astype(float)
    ch.index = pd.PeriodIndex(pd.to_datetime(ch.index), freq="M")
    lv = levels.astype(float)
    lv.index = pd.PeriodIndex(pd.to_datetime(lv.index), freq="M")
    level: dict[pd.Period, float] = {m: float(lv[m]) for m in lv.index
                                     if str(m.year) == ANCHOR_YEAR}
    if len(level) != 12:
        raise SystemExit(f"PCEPILFE levels: need the 12 months of {ANCHOR_YEAR}")
    first, last = ch.index.min() - 12, ch.index.max()
    anchor = sorted(level)
    for m in anchor:  # backward
        t = m
        while t - 12 >= first and t in ch.index:
            level[t - 12] = level[t] - float(ch[t])
            t -= 12
    for m in anchor:  # forward
        t = m
        while t + 12 <= last and (t + 12) in ch.index:
            level[t + 12] = level[t] + float(ch[t + 12])
            t += 12
    index = pd.Series(level).sort_index()
    before = index.reindex(ch.index - 12).to_numpy()
    out = pd.DataFrame({
        "date": ch.index.to_timestamp().strftime("%Y-%m-%d"),
        "core_pce_yoy": (100.0 * ch.to_numpy() / before).round(3),
        "core_pce_change_points": ch.to_numpy(),
        "core_pce_index": index.reindex(ch.index).round(3).to_numpy(),
    })
    direct = 100.0 * (lv / lv.shift(12) - 1.0)
    both = pd.Series(out["core_pce_yoy"].to_numpy(), index=ch.index).reindex(direct.index)
    gap = (both - direct).dropna().abs()
    print(f"us-core-pce-yoy: percent vs the 2026 vintage's own y/y over {gap.index.min()}.."
          f"{gap.index.max()}: mean |diff| {gap.mean():.3f} pp, max {gap.max():.3f} pp")
    return out


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
    core.columns = ["date", "change"]
    core = core.dropna().set_index("date")["change"]
    levels = fred(raw / "us" / "fred_2026_vintage" / "PCEPILFE.csv")
    write("us-core-pce-yoy", core_pce_percent(core, levels))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
