from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from monpol.bonds.data import boj_holdings_by_issue
from monpol.bonds.ownership import (
    boj_share,
    central_bank_share,
    fed_treasury_share,
    maturity_bucket_labels,
)
from monpol.core.errors import AccountingError, DataError, InputError


@pytest.fixture(scope="module")
def holdings() -> pd.DataFrame:
    return boj_holdings_by_issue()


@pytest.fixture(scope="module")
def shares(holdings: pd.DataFrame) -> Any:
    return boj_share(holdings)


def test_boj_total_at_end_2022_matches_the_compiled_source(shares: Any, seed001: dict[str, Any]) -> None:
    # MANIFEST: BOJ total at 2022-12-30 = 545.19 trillion yen face value (Nakajima's table);
    # 1 trillion yen = 10,000 x 100 million yen
    f = shares.to_frame()
    row = f[(f["date"] == "2022-12-30") & (f["bucket"] == "all")].iloc[0]
    # abs=0.005: the reference total (545.19) is rounded to 0.01 trillion yen
    assert row["boj_holdings"] / 1e4 == pytest.approx(
        seed001["ownership"]["boj_total_2022_12_30_trillion_yen"], abs=0.005)


def test_boj_share_over_50_percent_in_may_2025(shares: Any, seed001: dict[str, Any]) -> None:
    at = shares.at("2025-05-31")
    assert at.name == pd.Timestamp("2025-05-30")
    # independent computation from the raw wide tables (shared data japan/, Nakajima's
    # jgbboj.csv and jgbtot.csv, row 20250530): sum of holdings / sum of outstanding over
    # all issues = 5,733,517 / 10,872,667 (100 million yen) = 52.7333%
    assert at["all"] == pytest.approx(52.7333, abs=1e-4)
    assert at["all"] > seed001["ownership"]["boj_share_over"]
    runs = shares.runs_above(50.0)
    assert runs["start"].dt.date.astype(str).tolist() == ["2020-11-30", "2022-06-30"]
    assert runs["end"].dt.date.astype(str).tolist() == ["2021-05-31", "2026-02-27"]
    assert shares.first_above(50.0) == pd.Timestamp("2020-11-30")
    assert shares.first_above(99.0) is None
    # the latest month is below 50% again (QT)
    assert shares.share().iloc[-1] < 50


def test_buckets_add_up_to_the_total(shares: Any) -> None:
    f = shares.to_frame()
    tot = f[f["bucket"] == "all"].set_index("date")[["boj_holdings", "outstanding"]]
    parts = f[f["bucket"] != "all"].groupby("date")[["boj_holdings", "outstanding"]].sum()
    np.testing.assert_allclose(parts.to_numpy(), tot.loc[parts.index].to_numpy())
    assert len(tot) == 298 and tot.index[0] == pd.Timestamp("2001-06-08")


_TWO_MONTHS: list[pd.DataFrame] = []


def _two_months() -> pd.DataFrame:
    if not _TWO_MONTHS:
        data = boj_holdings_by_issue()
        _TWO_MONTHS.append(data[data["date"].isin(pd.to_datetime(["2013-03-29", "2025-05-30"]))])
    return _TWO_MONTHS[0]


@settings(max_examples=25)
@given(st.lists(st.floats(0.25, 45.0), min_size=1, max_size=6, unique=True))
def test_any_buckets_partition_the_total(edges: list[float]) -> None:
    # accounting identity: whatever the edges, bucket holdings and outstanding sum to the total
    res = boj_share(_two_months(), buckets=sorted(edges))
    f = res.to_frame()
    tot = f[f["bucket"] == "all"].set_index("date")[["boj_holdings", "outstanding"]]
    parts = f[f["bucket"] != "all"].groupby("date")[["boj_holdings", "outstanding"]].sum()
    np.testing.assert_allclose(parts.to_numpy(), tot.to_numpy())


def test_remaining_maturity_buckets_are_closed_on_the_right() -> None:
    data = pd.DataFrame({
        "date": ["2025-01-01"] * 3,
        "issue": ["2Y-1", "10Y-1", "30Y-1"],
        # 365.25 days = exactly 1 year -> bucket (0, 1]; just over -> (1, 5]
        "maturity_date": ["2026-01-01", "2026-01-03", "2055-01-01"],
        "boj_holdings": [10.0, 20.0, 5.0],
        "outstanding": [100.0, 100.0, 100.0],
    })
    res = boj_share(data, buckets=(1.0, 5.0))
    assert maturity_bucket_labels((1.0, 5.0)) == ["0-1y", "1-5y", "5y+"]
    at = res.at("2025-01-01")
    assert at.to_dict() == {"all": pytest.approx(35 / 3), "0-1y": 10.0, "1-5y": 20.0, "5y+": 5.0}
    assert res.to_dict()["buckets"] == ["0-1y", "1-5y", "5y+"]


def test_series_filter_and_over_outstanding(holdings: pd.DataFrame, shares: Any) -> None:
    nominal = boj_share(holdings, series=["2Y", "5Y", "10Y", "20Y", "30Y", "40Y"], start="2025-01-01")
    assert nominal.series == ("10Y", "20Y", "2Y", "30Y", "40Y", "5Y")
    # independent: the same raw-table sum over the 2Y/5Y/10Y/20Y/30Y/40Y columns only
    assert nominal.at("2025-05-31")["all"] == pytest.approx(52.896, abs=1e-3)  # ref. to 3 decimals
    # 25 issue-months with BOJ holdings above the recorded amount outstanding are kept
    assert len(shares.over_outstanding) == 25
    assert set(shares.over_outstanding["issue"]) == {"10Y-358", "10Y-367", "10Y-368", "10Y-369",
                                                     "5Y-171", "5Y-172"}


def test_json_plot_summary(shares: Any) -> None:
    d = shares.to_dict()
    assert d["unit"] == "percent" and "no T-bills" in d["definition"]
    assert d["shares"][0]["date"] == pd.Timestamp("2001-06-08")
    assert set(d["shares"][0]) == {"date", "all", "0-1y", "1-5y", "5-10y", "10-20y", "20y+"}
    assert isinstance(shares.plot(), Figure)
    assert "above 50%: 2020-11-30 to 2021-05-31, 2022-06-30 to 2026-02-27" in str(shares)


def test_central_bank_share_and_fed_share() -> None:
    assert central_bank_share(50.0, 200.0) == 25.0
    np.testing.assert_allclose(central_bank_share([1.0, 2.0], 4.0), [25.0, 50.0])
    # the seed's "about 16%" with H.4.1 Treasury holdings of $4.24 tn (2025-03-19) means a
    # marketable stock of $26.5 tn
    assert fed_treasury_share(4_240_010, 26_500_062.5) == pytest.approx(16.0)
    with pytest.raises(AccountingError, match=r"holdings \(120\) exceed outstanding \(100\)"):
        central_bank_share(120.0, 100.0)
    with pytest.raises(AccountingError, match=r"at position \[1\]"):
        central_bank_share([1.0, 120.0], [100.0, 100.0])
    with pytest.raises(InputError, match=r"holdings must be >= 0; got -1\.0"):
        central_bank_share(-1.0, 100.0)
    with pytest.raises(InputError, match=r"outstanding must be > 0; got 0\.0"):
        central_bank_share(1.0, 0.0)
    with pytest.raises(InputError, match="holdings must contain only finite numbers"):
        central_bank_share(float("nan"), 1.0)
    with pytest.raises(InputError, match="must have the same shape"):
        central_bank_share([1.0, 2.0, 3.0], [4.0, 5.0])


def test_bad_input(holdings: pd.DataFrame, shares: Any) -> None:
    with pytest.raises(InputError, match="buckets must be increasing positive numbers of years"):
        boj_share(holdings, buckets=(5, 1))
    with pytest.raises(InputError, match="buckets must be increasing positive numbers of years"):
        boj_share(holdings, buckets=("a",))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="series must be some of 10Y, 20Y"):
        boj_share(holdings, series=["50Y"])
    with pytest.raises(InputError, match="no observations between"):
        boj_share(holdings, start="2030-01-01")
    with pytest.raises(DataError, match="holdings is missing required column"):
        boj_share(holdings.drop(columns=["maturity_date"]))
    bad = holdings.iloc[:3].copy()
    bad.loc[bad.index[0], "boj_holdings"] = -1.0
    with pytest.raises(DataError, match="boj_holdings of issue 2Y-161 on 2001-06-08 must be a number >= 0"):
        boj_share(bad)
    matured = holdings.iloc[:1].copy()
    matured["maturity_date"] = pd.Timestamp("2001-01-01")
    with pytest.raises(DataError, match="issue 2Y-161 matured on 2001-01-01 but has an amount outstanding"):
        boj_share(matured)
    with pytest.raises(InputError, match="bucket must be one of"):
        shares.share("7y")
    with pytest.raises(InputError, match="date must be on or after 2001-06-08"):
        shares.at("1999-01-01")
    with pytest.raises(InputError, match=r"date must be a date \(YYYY-MM-DD\) between .*; got 'soon'"):
        shares.at("soon")
    with pytest.raises(InputError, match=r"start must be a date \(YYYY-MM-DD\) between .*; got 'soon'"):
        boj_share(holdings, start="soon")


def test_one_month(shares: Any) -> None:
    one = shares.month("2023-02-15")
    assert one.frame["date"].unique().tolist() == [pd.Timestamp("2023-01-31")]
    # the issue-months over the amount outstanding of that month only (4 of the 25)
    assert len(one.over_outstanding) == 4 and (one.over_outstanding["date"] == "2023-01-31").all()
    assert one.at("2023-01-31")["all"] == shares.at("2023-01-31")["all"]
