from __future__ import annotations

import pandas as pd
import pytest
from pydantic import ValidationError

from monpol.core.errors import InputError
from monpol.easing import catalogue
from monpol.easing.catalogue import CATEGORIES, Programme

REQUIRED = ["STOMO", "TDWP", "TAF", "PDCF", "TSLF", "swap lines", "AMLF", "CPFF", "MMIFF",
            "TALF", "GSE debt", "agency MBS", "Treasuries", "Maiden Lane", "AIG", "QE1", "QE2",
            "BOJ QE"]


def test_every_required_entry_is_present_and_sourced() -> None:
    cat = catalogue()
    assert set(REQUIRED) <= set(cat.names())
    for p in cat.entries:
        assert p.sources and any(s.checked for s in p.sources), p.acronym
        assert p.counterparties and p.collateral and p.announced
        # issue 5: each entry has amounts; standing facilities say why they have none
        assert p.amounts or "no preset size" in p.description, p.acronym


def test_amounts_added_from_public_sources() -> None:
    cat = catalogue()

    def amount(acronym: str, label: str) -> float | None:
        return {a.label: a.value for a in cat.get(acronym).amounts}[label]

    # Fed announcements as reported (sources in the catalogue, checked = true)
    assert amount("STOMO", "expected cumulative size") == 100
    assert amount("TALF", "lending authorised") == 200
    assert amount("MMIFF", "funding authorised") == 540
    assert amount("Maiden Lane", "New York Fed senior loan to Maiden Lane LLC") == 28.82
    # seed Table 2: current deposits 328,677 hundred million yen = 32.87 trillion, in the band
    assert amount("BOJ QE", "current deposits (reserves), end-2005") == pytest.approx(32.8677)


def test_bernanke_categories_plus_stone_fourth() -> None:
    cat = catalogue()
    acr = {c: [p.acronym for p in cat.select(category=c)] for c in CATEGORIES}
    # seed (CBC after Stone 2009), categories 1-4
    assert set(acr["lending_to_institutions"]) == {"STOMO", "TDWP", "TAF", "PDCF", "TSLF",
                                                   "swap lines"}
    assert set(acr["credit_market_liquidity"]) == {"AMLF", "CPFF", "MMIFF", "TALF"}
    assert {"GSE debt", "agency MBS", "Treasuries", "QE1", "QE2"} == set(acr["securities_purchases"])
    assert set(acr["firm_specific"]) == {"Maiden Lane", "AIG"}
    assert acr["reserve_target"] == ["BOJ QE"]


def test_seed_amounts() -> None:
    cat = catalogue()
    amounts = {a.label: a for a in cat.get("CPFF").amounts}
    assert amounts["outstanding"].value == 350.5 and amounts["outstanding"].as_of == "2009-01-21"
    assert cat.get("AMLF").amounts[0].value == 14.8
    qe1 = {a.label: a.value for a in cat.get("QE1").amounts}
    assert qe1["total planned purchases"] == 1750
    # QE1 legs: agency debt 200 + MBS 1,250 + Treasuries 300 = 1,750 (seed)
    assert sum(leg.amount or 0 for leg in cat.get("QE1").schedule) == 1750
    assert cat.get("QE1").announced == "2008-11-25" and cat.get("QE1").ended == "2010-03-31"


def test_qe2_path_110_a_month() -> None:
    path = catalogue().get("qe2").purchase_path()
    # seed: $75bn a month + about $35bn reinvestment = about $110bn a month to end-2011Q2
    assert path.monthly.tolist() == [110.0] * 8
    assert path.total.iloc[-1] == 880.0 and 850 <= path.total.iloc[-1] <= 900
    assert path.legs["new Treasury purchases"].sum() == 600.0
    assert 250 <= path.legs["reinvestment of agency principal"].sum() <= 300
    frame = path.to_frame()
    assert list(frame.columns) == ["month", "leg", "purchases", "cumulative"]
    assert frame[frame["leg"] == "total"]["cumulative"].iloc[-1] == 880.0
    assert path.to_dict()["monthly_total"] == 110.0
    assert path.plot().axes[0].get_title() == "QE2: cumulative purchases"


def test_qe1_path_even_pace_within_legs() -> None:
    path = catalogue().get("QE1").purchase_path()
    assert path.total.iloc[-1] == pytest.approx(1750)
    assert path.legs["Treasuries"].loc["2009-04":"2009-09"].tolist() == [50.0] * 6
    assert str(path.legs.index[0]) == "2008-12" and str(path.legs.index[-1]) == "2010-03"
    assert path.to_dict()["monthly_total"] is None  # pace differs across months


def test_boj_targets_5_to_30_35_in_eight_raises() -> None:
    boj = catalogue().get("BOJ QE")
    steps = boj.target_path()
    assert len(steps) == 9  # initial target + eight raises (seed)
    assert (steps["lower"].iloc[0], steps["upper"].iloc[0]) == (5, 5)
    assert (steps["lower"].iloc[-1], steps["upper"].iloc[-1]) == (30, 35)
    assert steps["upper"].is_monotonic_increasing and steps["date"].is_monotonic_increasing
    assert (boj.announced, boj.ended) == ("2001-03-19", "2006-03-09")
    assert len(boj.exit_conditions) == 2 and "core CPI" in boj.exit_conditions[0]


@pytest.mark.parametrize(("date", "band"), [
    ("2001-03-18", None), ("2001-03-19", "about 5 trillion yen"),
    ("2003-10-10", "27-32 trillion yen"), ("2005-12-31", "30-35 trillion yen"),
    ("2006-03-10", None)])
def test_reserve_target_lookup(date: str, band: str | None) -> None:
    t = catalogue().reserve_target_at("Bank of Japan", date)
    assert (t.band if t else None) == band
    assert catalogue().reserve_target_at("Federal Reserve", date) is None


def test_queries_and_errors() -> None:
    cat = catalogue()
    assert cat.get("taf") is cat.get("Term Auction Facility")
    with pytest.raises(InputError, match=r"programme must be one of 'STOMO'.*got 'QE3'"):
        cat.get("QE3")
    with pytest.raises(InputError, match="category must be one of 'lending_to_institutions'"):
        cat.select(category="helicopter")
    with pytest.raises(InputError, match="central_bank must be one of 'Bank of Japan', "
                                         "'Federal Reserve'; got 'ECB'"):
        cat.select(central_bank="ECB")
    with pytest.raises(InputError, match="programme 'TAF' has no purchase schedule; "
                                         r"programmes with one: \['QE1', 'QE2'\]"):
        cat.get("TAF").purchase_path()
    assert len(cat.list(central_bank="Bank of Japan").entries) == 1


def test_entry_validation() -> None:
    good = catalogue().get("TAF").model_dump()
    with pytest.raises(ValidationError, match="asset category must be one of"):
        Programme.model_validate({**good, "asset_category": "gold"})
    with pytest.raises(ValidationError, match="not an ISO date"):
        Programme.model_validate({**good, "announced": "Dec 2007"})
    with pytest.raises(ValidationError, match="give value, or low and high"):
        Programme.model_validate({**good, "amounts": [{"label": "x", "unit": "USD bn",
                                                       "as_of": "2008", "source": "s"}]})
    with pytest.raises(ValidationError, match="sources"):
        Programme.model_validate({**good, "sources": []})


def test_table_and_entry_interfaces() -> None:
    table = catalogue().list(category="firm_specific")
    assert list(table.to_frame().columns)[:4] == ["acronym", "name", "central_bank", "category"]
    assert table.to_dict()["count"] == 2
    text = str(catalogue().get("BOJ QE"))
    assert "Exit condition" in text and "30" in text
    assert isinstance(catalogue().get("CPFF").to_frame(), pd.DataFrame)
    assert catalogue().get("TAF").in_force("2008-06-01")
