"""MOF auction-results pages against the local server (recorded pages in
tests/data/fixtures/mof_auction/, which README.md there says are real MOF figures and which
are format samples). Expected values are the figures printed on those pages; bid-to-cover
and tails are computed by hand from them (bids / accepted; average - lowest price)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from monpol.bonds.auctions import read_auctions
from monpol.core.errors import DataError, InputError
from monpol.data import sources
from monpol.data.sources.mof_auctions import MofAuctionSource, era_date, jgb_records

FAST = {"timeout": 0.5, "retries": 1, "backoff": 0.01}


def mof(base: str, tag: str = "") -> MofAuctionSource:
    root = f"{base}/{tag + '/' if tag else ''}mofauction"
    return MofAuctionSource({k: f"{root}/{k}/resul{{date}}{{suffix}}.htm"
                             for k in ("jgb", "tbill", "liquidity")}, **FAST)


def test_tbill_873_of_2019_11_29(http_server: str) -> None:
    got = mof(http_server).fetch("tbill/2019-11-29")
    row = got.frame.loc["2019-11-29"]
    # MOF, 国庫短期証券(第873回)の入札結果, 令和元年11月29日 (Shift_JIS page)
    assert (row["kind"], row["tenor"], row["issue_number"]) == ("bill", "3M", 873)
    assert row["bids"] == pytest.approx(116539.1) and row["accepted"] == pytest.approx(34932.6)
    assert row["lowest_price"] == 100.0405 and row["average_price"] == 100.0479
    assert (row["highest_yield"], row["average_yield"]) == (-0.1507, -0.1783)
    assert row["allotment_at_lowest"] == 25.1912 and row["noncompetitive_1"] == 7867
    assert row["bid_to_cover"] == pytest.approx(116539.1 / 34932.6)
    assert row["tail"] == pytest.approx(100.0479 - 100.0405)
    assert row["tail_bp"] == pytest.approx((-0.1507 + 0.1783) * 100)
    assert row["issue_date"] == pd.Timestamp("2019-12-02")
    assert row["maturity_date"] == pd.Timestamp("2020-03-09")
    assert got.metadata.columns["bids"].unit == "100 million yen"
    assert got.metadata.source.url.endswith("/tbill/resul20191129.htm")


@pytest.mark.parametrize(
    ("series", "kind", "tenor", "method", "bids", "accepted", "lowest", "average"),
    [
        ("tbill/2025-02-06", "bill", "6M", "price", 101865, 26930.9, 99.812, 99.814),
        ("tbill/2021-11-18", "bill", "1Y", "price", 107479, 28478.6, 100.124, 100.126),
        ("jgb/2025-09-30", "coupon", "2Y", "price", 56200, 20000, 100.070, 100.099),
        ("jgb/2099-01-05", "coupon", "5Y", "price", 60000, 20000, 99.90, 99.95),
        ("jgb/2026-02-03", "coupon", "10Y", "price", 60400, 20000, 98.74, 98.79),
        ("jgb/2020-07-21", "coupon", "20Y", "price", 36829, 9692, 99.65, 99.70),
        ("jgb/2021-04-06", "coupon", "30Y", "price", 22851, 7354, 100.20, 100.28),
        ("jgb/2025-09-25", "coupon", "40Y", "yield-dutch", 10400, 4000, math.nan, math.nan),
        ("jgb/2025-08-15", "inflation-indexed", "I10Y", "price-dutch", 7292, 2500, 99.30,
         math.nan),
        ("liquidity/2021-01-15", "liquidity", None, "spread", 22876, 4976, math.nan, math.nan),
    ],
)
def test_every_auction_type(http_server: str, series: str, kind: str, tenor: str | None,
                            method: str, bids: float, accepted: float, lowest: float,
                            average: float) -> None:
    row = mof(http_server).fetch(series).frame.iloc[0]
    assert (row["kind"], row["method"]) == (kind, method)
    assert row["tenor"] == tenor or (tenor is None and row["tenor"] is None)
    assert row["bids"] == pytest.approx(bids) and row["accepted"] == pytest.approx(accepted)
    assert row["bid_to_cover"] == pytest.approx(bids / accepted)
    for col, want in (("lowest_price", lowest), ("average_price", average)):
        assert (math.isnan(row[col]) and math.isnan(want)) or row[col] == pytest.approx(want)


def test_yield_and_spread_auctions(http_server: str) -> None:
    forty = mof(http_server).fetch("jgb/2025-09-25").frame.iloc[0]
    assert forty["highest_yield"] == 3.3 and forty["issue_price"] == 95.6
    assert math.isnan(forty["tail"]) and forty["tail_bp"] == pytest.approx(2.0)
    le = mof(http_server).fetch("liquidity/2021-01-15").frame.iloc[0]
    assert (le["highest_yield"], le["average_yield"]) == (-0.008, -0.008)  # ▲0.008%
    assert le["allotment_at_lowest"] == 57.7176 and le["tail_bp"] == 0


def test_pages_become_jgb_reader_records(http_server: str) -> None:
    src = mof(http_server)
    frames = [src.fetch(s).frame for s in
              ("tbill/2019-11-29", "jgb/2020-07-21", "jgb/2025-09-17", "jgb/2025-08-15")]
    res = read_auctions(jgb_records(frames), market="jgb")
    f = res.to_frame().set_index("date")
    assert f.loc["2019-11-29", "tenor"] == "3M"
    assert f.loc["2019-11-29", "bid_to_cover"] == pytest.approx(116539.1 / 34932.6)
    # 20-year #173 (2020-07-21) then #193 (2025-09-17): tail 0.05 then 0.10 yen
    assert f.loc["2025-09-17", "tail"] == pytest.approx(0.10)
    assert f.loc["2025-09-17", "tail_context"].startswith("largest in the loaded history")
    assert f.loc["2025-08-15", "tenor"] == "I10Y" and math.isnan(f.loc["2025-08-15", "tail"])
    le = src.fetch("liquidity/2021-01-15").frame
    with pytest.raises(DataError, match=r"auctions of \['2021-01-15'\] have no tenor"):
        jgb_records(le)


def test_failures_name_the_page(http_server: str) -> None:
    src = mof(http_server)
    with pytest.raises(DataError, match=r"MOF: no bids \(応募額\) in the results page .*resul20200722"):
        src.fetch("jgb/2020-07-22")  # a changed layout: the bids line renamed
    with pytest.raises(DataError, match="not an auction results page"):
        mof(http_server, "garbage").fetch("jgb/2020-07-21")
    with pytest.raises(DataError, match=r"HTTP 404 for .*resul20200101\.htm"):
        src.fetch("jgb/2020-01-01")
    with pytest.raises(InputError, match="series_id must be 'KIND/YYYY-MM-DD'"):
        src.fetch("bond/2020-07-21")


def test_page_of_another_day_is_refused(http_server: str) -> None:
    src = MofAuctionSource({"jgb": f"{http_server}/mofauction/jgb/resul20200721.htm"}, **FAST)
    with pytest.raises(DataError, match="is the auction of 2020-07-21, not 2025-05-20"):
        src.fetch("jgb/2025-05-20")


def test_era_dates() -> None:
    assert era_date("令和元年11月29日") == pd.Timestamp("2019-11-29")
    assert era_date("昭和62年３月１日") == pd.Timestamp("1987-03-01")  # full-width digits
    with pytest.raises(DataError, match="not a Japanese-era date"):
        era_date("2019-11-29")


def test_through_the_cache(http_server: str) -> None:
    sources.register(mof(http_server))
    try:
        got = sources.fetch("mof-auction", "tbill/2019-11-29")
        again = sources.fetch("mof-auction", "tbill/2019-11-29", offline=True)
        assert again.frame.loc["2019-11-29", "lowest_price"] == 100.0405
        assert again.frame.loc["2019-11-29", "tenor"] == got.frame.iloc[0]["tenor"] == "3M"
    finally:
        sources.register(MofAuctionSource())


def test_cli_fetch_tbill_873(http_server: str) -> None:
    import json

    from click.testing import CliRunner

    from monpol.cli.main import cli

    sources.register(mof(http_server))
    try:
        res = CliRunner().invoke(cli, ["data", "fetch", "mof-auction", "tbill/2019-11-29",
                                       "--format", "json"])
        assert res.exit_code == 0, res.output
        [row] = json.loads(res.output)["data"]
        assert (row["tenor"], row["issue_number"], row["lowest_price"]) == ("3M", 873, 100.0405)
        assert row["bid_to_cover"] == pytest.approx(116539.1 / 34932.6)
    finally:
        sources.register(MofAuctionSource())
