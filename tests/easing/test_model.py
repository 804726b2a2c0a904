from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import AccountingError, DataError, InputError
from monpol.core.units import MILLION_USD, OKU_JPY
from monpol.easing import BalanceSheet, BalanceSheetItem, parse_money_unit

from .conftest import toy


@pytest.mark.parametrize(("text", "currency", "scale"), [
    ("USD mn", "USD", 1e6), ("100 million yen", "JPY", 1e8), ("JPY trillion", "JPY", 1e12),
    ("EUR billion", "EUR", 1e9), ("USD", "USD", 1.0), ("yen oku", "JPY", 1e8),
])
def test_parse_money_unit(text: str, currency: str, scale: float) -> None:
    u = parse_money_unit(text)
    assert (u.currency, u.scale) == (currency, scale)


@pytest.mark.parametrize("bad", ["furlongs", "USD gazillion", "", 5])
def test_parse_money_unit_rejects(bad: object) -> None:
    with pytest.raises(InputError, match="unit must be"):
        parse_money_unit(bad)  # type: ignore[arg-type]


def test_totals_and_monetary_liabilities() -> None:
    bs = toy("2008-12-31", 80.0, 20.0)
    assert bs.total_assets == bs.total_liabilities == 100.0
    assert bs.monetary_liabilities == 100.0 and bs.reserves == 50.0
    assert bs.by_category("asset")["lending_institutions"] == 20.0
    assert bs.timestamp.isoformat()[:10] == "2008-12-31"


def test_month_label_stands_for_month_end() -> None:
    bs = toy("2005-12", 80.0, 20.0)
    assert str(bs.timestamp.date()) == "2005-12-31"


def test_unbalanced_names_the_gap() -> None:
    with pytest.raises(AccountingError, match=r"Toy CB on 2008-12-31 does not balance: assets "
                                              r"100 - liabilities 90 = 10 USD mn"):
        BalanceSheet.from_records("Toy CB", "2008-12-31", MILLION_USD, [
            ("asset", "Bonds", "government_long", 100.0),
            ("liability", "Currency", "currency", 90.0)])


def test_rounding_tolerance_default_and_explicit() -> None:
    recs = [("asset", "Bonds", "government_long", 100.0), ("liability", "Currency", "currency", 99.0)]
    # two items: default tolerance 0.5 * 2 = 1 unit (each figure rounded to the unit)
    assert BalanceSheet.from_records("X", "2008-12-31", MILLION_USD, recs).total_assets == 100.0
    with pytest.raises(AccountingError, match=r"tolerance 0\.5"):
        BalanceSheet.from_records("X", "2008-12-31", MILLION_USD, recs, tolerance=0.5)


def test_unknown_category_names_the_item() -> None:
    with pytest.raises(InputError, match=r"item 'Gold': asset category must be one of .*got 'gold'"):
        BalanceSheet.from_records("X", "2008-12-31", MILLION_USD, [
            ("asset", "Gold", "gold", 1.0), ("liability", "Currency", "currency", 1.0)])


def test_bad_side_names_the_item() -> None:
    with pytest.raises(InputError, match=r"item 'Gold' has side 'assets'"):
        BalanceSheet.from_records("X", "2008-12-31", MILLION_USD, [
            ("assets", "Gold", "cash", 1.0), ("liability", "Currency", "currency", 1.0)])


@pytest.mark.parametrize(("amount", "msg"), [(-1.0, "negative amount -1.0"),
                                             (math.nan, "amount nan")])
def test_bad_amounts_name_the_item(amount: float, msg: str) -> None:
    with pytest.raises(DataError, match=rf"item 'Bonds' has {msg}"):
        BalanceSheet("X", "2008-12-31", MILLION_USD, (
            BalanceSheetItem("asset", "Bonds", "government_long", amount),
            BalanceSheetItem("liability", "Currency", "currency", 1.0)))


def test_non_numeric_amount() -> None:
    with pytest.raises(DataError, match=r"item 'Bonds' has amount 'abc'"):
        BalanceSheet.from_records("X", "2008-12-31", MILLION_USD, [
            ("asset", "Bonds", "government_long", "abc"), ("liability", "C", "currency", 1.0)])


def test_dash_is_zero_as_in_the_seed_tables() -> None:
    bs = BalanceSheet.from_records("X", "2008-12-31", OKU_JPY, [
        ("asset", "Bonds", "government_long", "1,000"), ("asset", "Stocks", "equity", "-"),
        ("liability", "C", "currency", 1000)])
    assert bs.total_assets == 1000.0


def test_missing_side_and_bad_date() -> None:
    with pytest.raises(DataError, match="has no liability items"):
        BalanceSheet.from_records("X", "2008-12-31", MILLION_USD,
                                  [("asset", "Bonds", "government_long", 1.0)])
    with pytest.raises(InputError, match=r"date must be an ISO date .*got '31/12/2008'"):
        toy("31/12/2008", 1.0, 1.0)
    with pytest.raises(InputError, match="date is not a valid date; got '2008-13-01'"):
        toy("2008-13-01", 1.0, 1.0)


def test_results_interface(fed) -> None:  # type: ignore[no-untyped-def]
    bs = fed.after
    frame = bs.to_frame()
    assert list(frame.columns) == ["side", "item", "item_local", "category", "amount", "share"]
    # seed Table 1 share column: TAF 19.4% of total assets on 2008-12-17
    assert frame.set_index("item").loc["Term auction credit (TAF)", "share"] == pytest.approx(
        19.4, abs=0.05)  # published to one decimal
    assert "Term auction credit (TAF)" in str(bs)
    assert bs.to_dict()["total_assets"] == 2311893.0


amounts = st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=1, max_size=6)


@given(assets=amounts, currency_share=st.floats(min_value=0, max_value=1))
def test_property_categories_sum_to_totals(assets: list[float], currency_share: float) -> None:
    cats = ["cash", "repo", "government_short", "government_long", "agency_debt", "other"]
    total = sum(assets)
    recs = [("asset", f"a{i}", cats[i], a) for i, a in enumerate(assets)]
    recs += [("liability", "cur", "currency", total * currency_share),
             ("liability", "res", "reserves", total * (1 - currency_share))]
    bs = BalanceSheet.from_records("P", "2001-01-01", MILLION_USD, recs)
    assert bs.by_category("asset").sum() == pytest.approx(bs.total_assets)
    assert bs.by_category("liability").sum() == pytest.approx(bs.total_liabilities)
    assert bs.monetary_liabilities == pytest.approx(total)
