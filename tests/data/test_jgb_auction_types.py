"""The JGB auction reader accepts every MOF auction type (T-bills, coupon, inflation-indexed,
liquidity enhancement).

The rows below are illustrative figures in MOF's layout, NOT MOF's published results
(no MOF auction file with prices is available offline; see docs/data.md). The expected
metrics are computed by hand from those rows: bid-to-cover = bids / accepted, tail =
average price - lowest accepted price.
"""

from __future__ import annotations

import pandas as pd
import pytest

from monpol.bonds.auctions import read_auctions
from monpol.core.errors import DataError

ROWS = pd.DataFrame(
    {
        "date": ["2019-11-28", "2019-11-29", "2019-12-03", "2019-12-05", "2019-12-10"],
        "security": ["Treasury Discount Bills (6M)", "Treasury Discount Bills (3M)",
                     "10-year JGB", "10-year Inflation-Indexed JGB",
                     "Liquidity Enhancement Auction"],
        "tenor": ["6-Month", "3M", "10Y", "10-Year", "5-15.5 years"],
        "bids": [14000.0, 20000.0, 7000.0, 800.0, 1500.0],
        "accepted": [3500.0, 4000.0, 2000.0, 200.0, 500.0],
        "average_price": [100.070, 100.040, 101.10, 102.00, None],
        "lowest_price": [100.065, 100.035, 101.05, 101.90, None],
    }
)


def test_every_mof_auction_type_is_read_with_its_metrics() -> None:
    res = read_auctions(ROWS, market="jgb")
    f = res.to_frame().set_index("date")
    assert f["tenor"].tolist() == ["6M", "3M", "10Y", "10Y", "5-15.5Y"]
    bill = f.loc[pd.Timestamp("2019-11-29")]
    assert bill["bid_to_cover"] == pytest.approx(20000 / 4000)
    assert bill["tail"] == pytest.approx(100.040 - 100.035)
    assert f["bid_to_cover"].tolist() == pytest.approx([4.0, 5.0, 3.5, 4.0, 3.0])
    assert res.latest("3-Month")["date"] == pd.Timestamp("2019-11-29")


def test_inflation_indexed_compared_only_with_its_own_kind() -> None:
    rows = ROWS.iloc[2:4].assign(tenor=["10Y", "I10Y"], bids=[7000.0, 900.0])
    f = read_auctions(rows, market="jgb").to_frame()
    assert f["tenor"].tolist() == ["10Y", "I10Y"]
    # the linker's bid-to-cover 4.5 is first of its kind, not 'lowest since' the 10Y's 3.5
    assert f["bid_to_cover_context"].tolist()[1] == "first in the loaded history"


def test_unknown_tenor_still_rejected() -> None:
    bad = ROWS.head(1).assign(tenor="25Y")
    with pytest.raises(DataError, match=r"unknown tenor '25Y' for a JGB auction; allowed: 2M, 3M"):
        read_auctions(bad, market="jgb")
