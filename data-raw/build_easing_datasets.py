"""Build the datasets used by monpol.easing from the raw public files and the seed.

Usage: python data-raw/build_easing_datasets.py RAW_DIR
RAW_DIR is the shared data folder (with seed_tables/ and us/). Numbers are copied unchanged;
the scripts only reshape (wide to long), rename and attach the category column that
monpol.easing owns (reviewed against the seed's footnotes; see docs/easing.md).

The lost-decade tables are transcribed from seed 000_4ffc1b7a4a263a56.txt ("Lessons of
Japan's lost decade", CBC); they are written here, number by number, so that the
transcription can be read and checked in one place.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "src" / "monpol" / "data" / "datasets"

# Reviewed categories (monpol.easing owns them). Differences from the editorial column of
# shared/data/seed_tables: the Fed's Treasury rows use the same names as the BOJ's
# (government_short / government_long), so that both central banks share one taxonomy.
CATEGORY_OVERRIDES = {
    "treasury_short": "government_short",
    "treasury_long": "government_long",
}


def write(name: str, frame: pd.DataFrame) -> None:
    folder = OUT / name
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / "data.csv", index=False, lineterminator="\n")
    print(f"{name}: {len(frame)} rows -> {folder / 'data.csv'}")


def balance_sheet(path: Path, institution: str, unit: str) -> pd.DataFrame:
    wide = pd.read_csv(path, comment="#", dtype=str)
    dates = [c for c in wide.columns if c[:2] in ("19", "20")]
    long = wide.melt(
        id_vars=["side", "item_en", "item_zh", "category"], value_vars=dates,
        var_name="date", value_name="amount",
    )
    long["category"] = long["category"].replace(CATEGORY_OVERRIDES)
    long["institution"] = institution
    long["unit"] = unit
    long = long.rename(columns={"item_en": "item", "item_zh": "item_local"})
    long["order"] = long.groupby("date").cumcount()
    long = long.sort_values(["date", "order"]).drop(columns="order")
    return long[["date", "institution", "side", "item", "item_local", "category", "amount", "unit"]]


def h41(raw: Path) -> pd.DataFrame:
    walcl = pd.read_csv(raw / "us" / "fred_2026_vintage" / "WALCL.csv", dtype=str)
    walcl.columns = ["date", "WALCL"]
    treast = pd.read_csv(raw / "us" / "h41" / "TREAST.csv", dtype=str)
    treast.columns = ["date", "TREAST"]
    wresbal = pd.read_csv(raw / "us" / "h41" / "WRESBAL.csv", dtype=str)
    wresbal.columns = ["date", "WRESBAL"]
    out = walcl.merge(treast, on="date", how="outer").merge(wresbal, on="date", how="outer")
    out = out.sort_values("date").reset_index(drop=True)
    # WALCL is stored with a trailing ".0" in the FRED export; drop it (same number).
    out["WALCL"] = out["WALCL"].str.replace(r"\.0$", "", regex=True)
    return out[["date", "WALCL", "TREAST", "WRESBAL"]]


def lost_decade_facts() -> pd.DataFrame:
    rows = [
        # item, value, unit, date, qualifier, note
        ("asset_price_change", "nikkei", -73, "percent", "", "approx",
         "Nikkei stock average, peak to trough (seed: about 73%; Koo 2006, Figure 1)"),
        ("asset_price_change", "commercial_real_estate", -87, "percent", "", "",
         "commercial real-estate prices, peak to trough (seed, Koo 2006)"),
        ("asset_price_change", "golf_memberships", -95, "percent", "", "",
         "golf-club membership prices, peak to trough (seed, Koo 2006)"),
        ("wealth_loss", "real_estate_and_shares", 1500, "trillion yen", "1990s", "",
         "loss of real-estate and share wealth in the decade after the bubble (seed, Koo 2006)"),
        ("wealth_loss", "in_years_of_gdp", 3, "years of GDP", "1990s", "approx",
         "the same loss in years of Japan's GDP (seed)"),
        ("npl", "amount_peak", 26.78, "trillion yen", "2002", "peak",
         "NPLs of major banks, peak 'early in 2002' (seed, Figure 3)"),
        ("npl", "ratio_peak", 8.4, "percent of loans", "2002", "peak",
         "NPL ratio of major banks at the peak (seed)"),
        ("npl", "ratio", 2.5, "percent of loans", "2005-09", "below",
         "NPL ratio fell below 2.5% by September 2005 (seed)"),
        ("npl", "ratio", 1.5, "percent of loans", "2007-03", "",
         "NPL ratio in March 2007 (seed)"),
        ("public_funds", "total", 60, "trillion yen", "1998-10", "",
         "public funds for financial rehabilitation from October 1998 (seed)"),
        ("public_funds", "total_pct_gdp", 14, "percent of GDP", "1998-10", "approx",
         "the same in percent of GDP (seed)"),
        ("public_funds", "depositor_protection", 17, "trillion yen", "1998-10", "",
         "protection of depositors beyond the insured amount (seed)"),
        ("public_funds", "bridge_banks_and_asset_purchase", 18, "trillion yen", "1998-10", "",
         "bridge banks, special public management, purchase of bad assets (seed)"),
        ("public_funds", "capital_injection", 25, "trillion yen", "1998-10", "",
         "purchases of preferred shares (recapitalisation) (seed)"),
        ("fiscal_stimulus", "total_1992_2001", 134, "trillion yen", "1992-2001", "",
         "eleven packages, total (seed, Table 1)"),
        ("fiscal_stimulus", "total_pct_gdp", 28, "percent of GDP", "1992-2001", "",
         "the same in percent of GDP (seed)"),
    ]
    return pd.DataFrame(rows, columns=["group", "item", "value", "unit", "date", "qualifier", "note"])


# Seed Table 1 (Japan's Ministry of Finance via the CBC article). None = "－" in the table.
# Columns in the table's order; the month labels are those printed over each column; the
# year labels (1992 1993 1994 1995 1998 1999 2000 2001: eight labels for eleven columns)
# are garbled in extraction, so the year of most packages is uncertain.
_MONTHS = [8, 4, 9, 2, 9, 4, 10, 11, 12, 10, 12]
_TABLE1 = {
    "total": [10.7, 13.2, 6.2, 15.3, 14.2, 16.7, 20, 17, 11, 5.8, 4.1],
    "total_pct_gdp": [2.3, 2.8, 1.3, 3.2, 3.0, 3.3, 4.1, 3.5, 2.2, 1.2, 0.9],
    "tax_cuts": [None, 0.2, None, 5.9, None, 4.6, 6, None, None, None, None],
    "tax_cuts_pct_gdp": [None, None, None, 1.2, None, 0.8, 1.2, None, None, None, None],
    "public_investment": [6.2, 7.6, 2.0, 4.5, 6.3, 7.7, 8.1, 6.8, 4.7, None, 4.1],
    "public_investment_pct_gdp": [1.3, 1.6, 0.4, 0.9, 1.3, 1.5, 1.7, 1.4, 0.9, None, 0.9],
    "land_purchases": [1.6, 1.2, 0.3, 2.0, 3.2, 1.6, None, None, None, None, None],
    "land_purchases_pct_gdp": [0.5, 0.3, 0.1, 0.4, 0.7, 0.3, None, None, None, None, None],
    "housing_loans": [0.8, 1.8, 2.9, 1.2, 0.5, None, None, 2.0, 1.1, None, None],
    "housing_loans_pct_gdp": [0.2, 0.4, 0.6, 0.3, 0.1, None, None, 0.4, 0.2, None, None],
    "government_lending": [2.1, 2.4, 1.0, 1.5, 2.6, 2.0, 5.9, 7.4, 4.5, 4.5, None],
    "government_lending_pct_gdp": [0.5, 0.5, 0.2, 0.3, 0.5, 0.4, 1.2, 1.5, 0.9, 0.9, None],
    "other": [None, None, None, 0.2, 2.6, 0.8, None, 0.8, 0.7, 1.3, None],
    "other_pct_gdp": [None, None, None, None, 0.5, 0.2, None, 0.2, 0.1, 0.3, None],
}
# Dates confirmed by a public source (package number -> (date, source)).
_CONFIRMED = {
    5: ("1995-09-20", "AP, 'Japan Announces $137 Billion Economic Stimulus Package', 1995-09-20: "
        "cabinet approval of a package of more than 14 trillion yen"),
}


def stimulus_packages() -> pd.DataFrame:
    frame = pd.DataFrame(_TABLE1)
    frame.insert(0, "package", range(1, 12))
    frame.insert(1, "month_printed", _MONTHS)
    frame.insert(2, "date_confirmed", [_CONFIRMED.get(i, ("", ""))[0] for i in range(1, 12)])
    frame.insert(3, "date_source", [_CONFIRMED.get(i, ("", ""))[1] for i in range(1, 12)])
    return frame


def policy_timeline() -> pd.DataFrame:
    rows = [
        ("1989-05", "month", "tightening", "", "BOJ starts tightening; the discount rate rises "
         "3.5 percentage points within 18 months (seed)", "seed"),
        ("1991-07", "approx", "discount_rate", 6.0, "discount rate at 6% when cuts begin in "
         "mid-1991 (seed: '1991年中起'; month approximate)", "seed"),
        ("1995-09-08", "day", "discount_rate", 0.5, "discount rate cut to 0.5% (seed: September "
         "1995; day from Britannica, 'Japan in 1995')", "seed; Britannica Book of the Year 1996"),
        ("1999-02-12", "day", "zero_rate_start", "", "zero interest rate policy: overnight call "
         "rate guided as low as possible (seed)", "seed"),
        ("2000-08-11", "day", "zero_rate_end", "", "zero-rate policy lifted (the seed calls the "
         "hike a mistake)", "seed"),
        ("2001-03-19", "day", "qe_start", "", "quantitative easing: target for current-account "
         "balances, initially about 5 trillion yen (seed)", "seed"),
        ("2003-10-10", "day", "exit_conditions", "", "BOJ clarifies the exit conditions: core CPI "
         "y/y stably at or above zero for several months and expected to stay so (seed: October "
         "2003)", "seed; BOJ statement of 2003-10-10"),
        ("2006-03-09", "day", "qe_end", "", "quantitative easing ended (seed)", "seed"),
        ("2006-07-14", "day", "zero_rate_end", "", "zero interest rate policy ended (seed)", "seed"),
    ]
    return pd.DataFrame(rows, columns=["date", "date_precision", "event", "rate", "description",
                                       "source"])


def main(raw: Path) -> None:
    seed = raw / "seed_tables"
    write("fed-2007-2008", balance_sheet(seed / "fed_balance_sheet_2007_2008.csv",
                                         "Federal Reserve", "USD mn"))
    write("boj-2000-2005", balance_sheet(seed / "boj_balance_sheet_2000_2005.csv",
                                         "Bank of Japan", "100 million yen"))
    write("us-h41-weekly", h41(raw))
    write("japan-lost-decade-facts", lost_decade_facts())
    write("japan-stimulus-1992-2001", stimulus_packages())
    write("japan-policy-timeline", policy_timeline())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
