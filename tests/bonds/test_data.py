from __future__ import annotations

import pandas as pd

from monpol import data
from monpol.bonds.data import boj_holdings_by_issue, jgb_yield_curve, us_10y_yield

BONDS_DATASETS = ["jgb-auctions-2023-2026", "jgb-20y-auction-2025-05-20", "ust-coupon-auctions-2008-2011",
                  "mof-jgb-yield-curve", "boj-jgb-holdings-by-issue", "us-markets-daily"]


def test_datasets_are_registered_with_citations() -> None:
    assert set(BONDS_DATASETS) <= set(data.names())
    cite = data.info("boj-jgb-holdings-by-issue").metadata.source.citation
    assert "Nakajima" in cite and "A.758" in cite and "06a87a24" in cite and "0965a18a" in cite
    assert "939f40ba" in data.info("mof-jgb-yield-curve").metadata.source.citation
    assert "7a90f881" in data.info("jgb-auctions-2023-2026").metadata.source.citation
    assert "1e6436a1" in data.info("ust-coupon-auctions-2008-2011").metadata.source.citation


def test_holdings_long_form() -> None:
    h = boj_holdings_by_issue()
    assert len(h) == 96168 and list(h.columns) == ["date", "issue", "series", "maturity_date",
                                                   "boj_holdings", "outstanding"]
    assert h["date"].nunique() == 298 and h["issue"].nunique() == 1168
    assert (h["maturity_date"] > h["date"]).all()
    # spot check against the wide source table: 10Y-368 on 2022-10-31 (100 million yen)
    row = h[(h["issue"] == "10Y-368") & (h["date"] == "2022-10-31")].iloc[0]
    assert (row["boj_holdings"], row["outstanding"]) == (31141.0, 28662.0)


def test_curve_and_us_yield() -> None:
    c = jgb_yield_curve()
    assert list(c.columns) == ["1Y", "2Y", "3Y", "4Y", "5Y", "6Y", "7Y", "8Y", "9Y", "10Y", "15Y",
                               "20Y", "25Y", "30Y", "40Y"]
    assert c.index[0] == pd.Timestamp("1974-09-24")
    assert c["40Y"].first_valid_index() == pd.Timestamp("2007-11-06")
    assert c.loc["2025-05-20", "20Y"] == 2.539
    us = us_10y_yield()
    assert us.index[0] == pd.Timestamp("2003-01-02") and us.loc["2023-10-19"] == 4.98
