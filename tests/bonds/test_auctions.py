from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from monpol.bonds.auctions import (
    JGB_FORMAT,
    US_FORMAT,
    canonical_tenor,
    history_context,
    read_auctions,
)
from monpol.bonds.data import jgb_auctions, seed_auction_facts, us_auctions
from monpol.core.errors import DataError, InputError
from tests.bonds.conftest import JGB_HEADER, US_HEADER


def test_formats_document_the_issue_columns() -> None:
    # the column lists fixed by issue 6
    assert JGB_FORMAT.columns == ["date", "security", "tenor", "offered", "bids", "accepted",
                                  "average_price", "lowest_price"]
    assert US_FORMAT.columns[:10] == ["date", "security", "tenor", "tendered", "accepted",
                                      "high_yield", "wi_yield", "primary_dealer_accepted",
                                      "direct_accepted", "indirect_accepted"]
    assert JGB_FORMAT.required == ["date", "tenor", "bids", "accepted"]
    assert US_FORMAT.required == ["date", "tenor", "tendered", "accepted"]


@pytest.mark.parametrize(("text", "expected"), [("20Y", "20Y"), ("20-Year", "20Y"), ("5 yr", "5Y"),
                                                ("10 years", "10Y"), ("6M", "6M"), ("3-Month", "3M"),
                                                ("5-15.5Y", "5-15.5Y"), ("", None)])
def test_canonical_tenor(text: str, expected: str | None) -> None:
    assert canonical_tenor(text) == expected


def test_jgb_metrics_reproduce_the_seed_auction(write_csv: Any, seed001: dict[str, Any]) -> None:
    ref = seed001["jgb_20y_auction_2025_05_20"]
    # amounts in 100 million yen; prices chosen so that average - lowest equals the published
    # tails (1.14 and 0.34 yen): the test checks the formulas, not MOF's prices
    path = write_csv([
        JGB_HEADER,
        "2025-04-15,20-year JGB No.192,20-Year,10000,29639,10000,98.00,97.66",
        "2025-05-20,20-year JGB No.192,20Y,10000,25007,10000,97.00,95.86",
    ])
    res = read_auctions(path)
    assert res.market == "jgb" and res.tail_unit == "yen per 100 yen face"
    frame = res.to_frame()
    np.testing.assert_allclose(frame["bid_to_cover"], [2.9639, 2.5007])
    np.testing.assert_allclose(frame["tail"], [ref["tail_previous"], ref["tail"]], atol=1e-12)
    # abs=5e-3: the published bid-to-cover (2.50) is rounded to two decimals
    assert frame["bid_to_cover"].iloc[1] == pytest.approx(ref["bid_to_cover"], abs=5e-3)
    assert frame["tail_context"].iloc[1] == "largest in the loaded history (since 2025-04-15)"
    assert frame["bid_to_cover_record"].iloc[1]
    assert frame["security"].iloc[0] == "20-year JGB No.192"


def test_lowest_since_on_a_longer_loaded_history() -> None:
    # synthetic history (made-up numbers) shaped like the published context: the latest
    # value is the lowest since an August 2012 auction
    rec = pd.DataFrame({
        "date": ["2012-07-19", "2012-08-21", "2013-01-17", "2019-05-16", "2025-04-15", "2025-05-20"],
        "tenor": ["20Y"] * 6,
        "bids": [3.1, 2.45, 3.3, 3.9, 2.96, 2.50],
        "accepted": [1.0] * 6,
    })
    res = read_auctions(rec, market="jgb")
    last = res.latest("20Y")
    assert last["bid_to_cover_since"] == pd.Timestamp("2012-08-21")
    assert last["bid_to_cover_context"] == "lowest since August 2012 (2012-08-21)"
    assert not last["bid_to_cover_record"]


def test_context_is_per_tenor_and_any_metric() -> None:
    rec = pd.DataFrame({
        "date": ["2024-01-10", "2024-01-11", "2024-02-10", "2024-02-11"],
        "tenor": ["10Y", "30Y", "10Y", "30Y"],
        "tendered": [100, 100, 100, 100], "accepted": [40, 40, 40, 40],
        "primary_dealer_accepted": [10, 20, 20, 5], "direct_accepted": [10, 10, 10, 10],
        "indirect_accepted": [20, 10, 10, 25],
    })
    res = read_auctions(rec)
    ctx = res.context("indirect_share", "low")
    # 10Y indirect share 50% then 25% (a record low); 30Y 25% then 62.5%: the earlier 25% is
    # at or below 62.5%, so the statement is "lowest since" that auction, not a record
    assert ctx["context"].tolist() == ["first in the loaded history", "first in the loaded history",
                                       "lowest in the loaded history (since 2024-01-10)",
                                       "lowest since January 2024 (2024-01-11)"]
    assert ctx["record"].tolist() == [False, False, True, False]
    assert res.context("primary_dealer_share", "high")["record"].tolist() == [False, False, True, False]
    with pytest.raises(InputError, match="metric must be a column"):
        res.context("nope", "low")
    with pytest.raises(InputError, match="extreme must be one of 'low', 'high'; got 'middle'"):
        res.context("bid_to_cover", "middle")  # type: ignore[arg-type]


def test_us_metrics_shares_tail_and_json(write_csv: Any) -> None:
    path = write_csv([
        US_HEADER + ",allotted_at_high",
        "2025-04-16,912810UK2,20-Year,36.08,13.0,4.810,4.800,1.14,2.88,8.90,45.1",
        "2025-05-21,912810UK2,20Y,32.0,13.0,5.047,5.035,2.0,2.0,9.0,",
        "2025-06-17,912810UK2,20Y,35.0,13.0,4.900,4.915,,,,",
    ])
    res = read_auctions(path)
    assert res.market == "us" and res.tail_unit == "bp"
    f = res.to_frame()
    np.testing.assert_allclose(f["bid_to_cover"], [36.08 / 13, 32 / 13, 35 / 13])
    # tail = (high - when-issued) x 100 bp; negative = stop-through
    # atol: (high - WI) x 100 of decimal yields leaves binary round-off near zero tails
    np.testing.assert_allclose(f["tail"], [1.0, 1.2, -1.5], atol=1e-9)
    shares = f[["primary_dealer_share", "direct_share", "indirect_share"]].to_numpy()
    np.testing.assert_allclose(shares[:2].sum(axis=1), [100.0, 100.0])
    np.testing.assert_allclose(shares[0], np.array([1.14, 2.88, 8.90]) / 12.92 * 100)
    assert np.isnan(shares[2]).all()
    assert f["allotted_at_high"].iloc[0] == 45.1 and np.isnan(f["allotted_at_high"].iloc[1])
    d = res.to_dict()
    assert d["units"]["tail"] == "bp" and d["units"]["indirect_share"].startswith("percent")
    first = d["auctions"][0]
    assert {"bid_to_cover", "tail", "primary_dealer_share", "direct_share", "indirect_share",
            "high_yield"} <= set(first)
    assert d["auctions"][1]["tail_context"] == "largest in the loaded history (since 2025-04-16)"


def test_jgb_json_has_no_us_keys() -> None:
    res = read_auctions(pd.DataFrame({"date": ["2025-01-01"], "tenor": ["2Y"], "bids": [3.0],
                                      "accepted": [1.0]}))
    obj = res.to_dict()["auctions"][0]
    assert "indirect_share" not in obj and "high_yield" not in obj
    assert np.isnan(obj["tail"])


def test_optional_columns_may_be_left_out_or_blank(write_csv: Any) -> None:
    res = read_auctions(write_csv(["date,tenor,bids,accepted", "2025-01-09,10y,3,1", "2025-02-06,10Y,2.5,1"]))
    assert res.nobs == 2 and res.to_frame()["tail"].isna().all()
    res2 = read_auctions(write_csv([JGB_HEADER, "2025-01-09,,10Y,,3,1,,"], name="b.csv"))
    assert res2.to_frame()["security"].iloc[0] is None


def test_spreadsheet_csv_with_bom_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffDate, Tenor, Bids, Accepted\r\n2025-01-09, 10Y, 3.2, 1\r\n".encode())
    res = read_auctions(path)
    assert res.market == "jgb" and res.to_frame()["bid_to_cover"].iloc[0] == pytest.approx(3.2)


def test_same_day_auctions_of_a_tenor_are_not_earlier_than_each_other() -> None:
    # the US Treasury reopened two 10-year notes on 2008-10-08 (bundled data): neither is
    # "since" the other
    f = us_auctions().context("bid_to_cover", "low")
    day = f[(f["date"] == "2008-10-08") & (f["tenor"] == "10Y")]
    assert len(day) == 2 and day["record"].tolist() == [True, False]
    # bid-to-cover 1.22 and 2.11: the 2.11 is "lowest since" March 2008, not since its twin
    assert day["since"].iloc[1] == pd.Timestamp("2008-03-13")
    rec = pd.DataFrame({"date": ["2025-01-01", "2025-02-01", "2025-02-01"], "tenor": ["2Y"] * 3,
                        "bids": [2.0, 3.0, 2.5], "accepted": [1.0] * 3})
    ctx = read_auctions(rec).to_frame()["bid_to_cover_context"].tolist()
    assert ctx == ["first in the loaded history", "lowest since January 2025 (2025-01-01)",
                   "lowest since January 2025 (2025-01-01)"]
    # two auctions on the first date: both are first, neither a record against the other
    first = read_auctions(rec.iloc[1:]).to_frame()
    assert first["bid_to_cover_context"].tolist() == ["first in the loaded history"] * 2
    assert not first["bid_to_cover_record"].any()


def test_rows_are_sorted_by_date() -> None:
    res = read_auctions(pd.DataFrame({"date": ["2025-02-01", "2025-01-01"], "tenor": ["2Y", "2Y"],
                                      "bids": [2.0, 3.0], "accepted": [1.0, 1.0]}))
    assert res.to_frame()["date"].is_monotonic_increasing
    assert res.to_frame()["bid_to_cover_context"].tolist() == [
        "first in the loaded history", "lowest in the loaded history (since 2025-01-01)"]


# --------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2025-05-20,x,20Y,1000,900,1000,97,96", r"field 'accepted': accepted \(1000\) exceeds bids \(900\)"),
        ("2025-05-20,x,20Y,1000,-5,1000,97,96", r"field 'bids': amounts must be >= 0; got -5"),
        ("2025-05-20,x,20Y,1000,3000,1000,97,-96",
         r"field 'lowest_price': price must be in \(0, 200\] yen per 100 yen face; got -96"),
        ("2025-05-20,x,20Y,1000,3000,1000,397,96", r"field 'average_price': price must be in \(0, 200\]"),
        ("2025-05-20,x,20Y,1000,3000,1000,95,96",
         r"field 'average_price': average_price \(95\) is below lowest_price \(96\)"),
        # MOF never auctioned a 25-year bond (15Y was its floating-rate JGB, now accepted)
        ("2025-05-20,x,25Y,1000,3000,1000,97,96",
         r"field 'tenor': unknown tenor '25Y' for a JGB auction; allowed: 2M, 3M, 6M, 1Y, 2Y, .*40Y"),
        ("2025-05-20,x,20Y,1000,abc,1000,97,96", r"field 'bids': not a number: 'abc'"),
        ("20/05/2025,x,20Y,1000,3000,1000,97,96",
         r"field 'date': not an ISO date \(YYYY-MM-DD\): '20/05/2025'"),
        ("2025-05-20,x,20Y,1000,,1000,97,96", r"field 'bids': required value is blank"),
        ("2025-05-20,x,20Y,1000,3000,0,97,96", r"field 'accepted': accepted must be > 0"),
        ("2025-05-20,x,20Y,500,3000,1000,97,96",
         r"field 'accepted': accepted \(1000\) exceeds offered \(500\)"),
    ],
)
def test_jgb_bad_values_name_row_and_field(write_csv: Any, row: str, message: str) -> None:
    path = write_csv([JGB_HEADER, "2025-04-15,x,20Y,1000,2964,1000,98,97.66", row])
    with pytest.raises(DataError, match=r"1 problem in the auction records: row 2 \(line 3\), " + message):
        read_auctions(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2025-05-21,c,20Y,10,13,5.0,5.0,1,2,9",
         r"field 'accepted': accepted \(13\) exceeds tendered \(10\)"),
        ("2025-05-21,c,20Y,30,13,55.0,5.0,1,2,9",
         r"field 'high_yield': yield must be in \[-5, 30\] percent; got 55 \(write 4.5 for 4.5%\)"),
        ("2025-05-21,c,20Y,30,13,5.0,-7,1,2,9", r"field 'wi_yield': yield must be in \[-5, 30\] percent"),
        ("2025-05-21,c,4Y,30,13,5.0,5.0,1,2,9",
         r"field 'tenor': unknown tenor '4Y' for a US auction; allowed: 2Y, 3Y, 5Y, 7Y"),
        ("2025-05-21,c,20Y,30,13,5.0,5.0,1,,9",
         r"field 'direct_accepted': give the three bidder columns together"),
        ("2025-05-21,c,20Y,30,13,5.0,5.0,14,0,0",
         r"field 'primary_dealer_accepted': primary_dealer_accepted \(14\) exceeds accepted \(13\)"),
        ("2025-05-21,c,20Y,30,13,5.0,5.0,5,5,5",
         r"field 'primary_dealer_accepted': the three bidder classes sum to 15, more than accepted \(13\)"),
        ("2025-05-21,c,20Y,30,13,5.0,5.0,-1,5,5", r"field 'primary_dealer_accepted': amounts must be >= 0"),
    ],
)
def test_us_bad_values_name_row_and_field(write_csv: Any, row: str, message: str) -> None:
    with pytest.raises(DataError, match=r"row 1 \(line 2\), " + message):
        read_auctions(write_csv([US_HEADER, row]))


def test_several_problems_are_reported_together(write_csv: Any) -> None:
    path = write_csv([JGB_HEADER, "2025-05-20,x,20Y,1000,-1,1000,97,96", "2025-05-21,x,7Y,1000,3,1,97,96"])
    with pytest.raises(DataError, match=r"2 problems in the auction records: row 1 \(line 2\), field "
                                        r"'bids'.*; row 2 \(line 3\), field 'tenor'"):
        read_auctions(path)


def test_dataframe_input_names_rows_without_lines() -> None:
    with pytest.raises(DataError, match=r"auction records: 1 problem in the auction records: row 1, "
                                        r"field 'accepted': accepted \(2\) exceeds bids \(1\)"):
        read_auctions(pd.DataFrame({"date": ["2025-01-01"], "tenor": ["2Y"], "bids": [1], "accepted": [2]}))


def test_missing_and_unknown_columns(write_csv: Any) -> None:
    with pytest.raises(DataError, match=r"missing required column\(s\) 'accepted' for the JGB format "
                                        r"\(required: date, tenor, bids, accepted"):
        read_auctions(write_csv(["date,tenor,bids", "2025-01-01,2Y,3"]))
    with pytest.raises(DataError, match=r"unknown column\(s\) 'wi_yeild' for the US format; allowed: date"):
        read_auctions(write_csv(["date,tenor,tendered,accepted,wi_yeild", "2025-01-01,2Y,3,1,4"],
                                name="u.csv"))
    with pytest.raises(DataError, match="cannot tell the format from the columns"):
        read_auctions(write_csv(["date,tenor,amount", "2025-01-01,2Y,3"], name="n.csv"))
    with pytest.raises(DataError, match="exactly one of them"):
        read_auctions(write_csv(["date,tenor,bids,tendered,accepted", "2025-01-01,2Y,3,3,1"], name="m.csv"))
    with pytest.raises(DataError, match="no auction rows below the header"):
        read_auctions(write_csv([JGB_HEADER], name="e.csv"))


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file must be an existing CSV file; got"):
        read_auctions(tmp_path / "missing.csv")
    with pytest.raises(InputError, match="market must be one of 'auto', 'jgb', 'us'; got 'uk'"):
        read_auctions(pd.DataFrame({"date": ["2025-01-01"]}), market="uk")  # type: ignore[arg-type]
    res = read_auctions(pd.DataFrame({"date": ["2025-01-01"], "tenor": ["2Y"], "bids": [3], "accepted": [1]}))
    with pytest.raises(InputError, match="tenor must be one of 2Y; got '30Y'"):
        res.latest("30Y")


# --------------------------------------------------------------------- bundled histories


def test_bundled_jgb_history_and_the_seed_auction(seed001: dict[str, Any]) -> None:
    ref = seed001["jgb_20y_auction_2025_05_20"]
    res = jgb_auctions()
    f = res.to_frame()
    assert res.nobs == 218 and sorted(f["tenor"].unique()) == ["10Y", "20Y", "2Y", "30Y", "40Y", "5Y"]
    row = f[(f["tenor"] == "20Y") & (f["date"] == "2025-05-20")].iloc[0]
    assert row["bid_to_cover"] == pytest.approx(ref["bid_to_cover_mof"], abs=5e-7)
    assert row["yield"] == pytest.approx(ref["yield_at_lowest_accepted_price"])
    # the published "lowest since August 2012" cannot show on a history starting in 2023
    assert row["bid_to_cover_context"] == "lowest in the loaded history (since 2023-05-17)"
    prev = f[(f["tenor"] == "20Y") & (f["date"] == "2025-04-15")].iloc[0]
    # abs=5e-3: the reported previous bid-to-cover is rounded to two decimals
    assert prev["bid_to_cover"] == pytest.approx(ref["bid_to_cover_previous"], abs=5e-3)
    assert f["tail"].isna().all()
    facts = seed_auction_facts()
    assert facts.number("tail") == ref["tail"] and facts.number("tail_prev_auction") == ref["tail_previous"]
    with pytest.raises(InputError, match="field must be one of"):
        facts.value("nope")
    with pytest.raises(DataError, match="fact 'issue' is not a number"):
        facts.number("issue")


def test_bundled_us_history() -> None:
    res = us_auctions()
    f = res.to_frame()
    assert res.nobs == 236 and res.market == "us"
    shares = f[["primary_dealer_share", "direct_share", "indirect_share"]].dropna()
    assert len(shares) == 227  # the nine auctions before April 2008 have no bidder shares
    np.testing.assert_allclose(shares.sum(axis=1), 100.0)
    assert f["tail"].isna().all()  # no when-issued yields in the file


def test_plot_and_summary() -> None:
    res = jgb_auctions()
    assert isinstance(res.plot(tenors=["20Y", "30Y"]), Figure)
    text = str(res)
    assert "Latest auction of each tenor" in text and "20Y" in text
    with pytest.raises(InputError, match="metric must be a column of to_frame"):
        res.plot("nope")


def test_history_context_function_directly() -> None:
    m = pd.DataFrame({"date": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
                      "tenor": ["10Y"] * 3, "x": [1.0, np.nan, 2.0]})
    ctx = history_context(m, "x", "high")
    assert ctx["context"].tolist() == ["first in the loaded history", None,
                                       "highest in the loaded history (since 2020-01-01)"]
