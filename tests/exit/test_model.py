"""The projection engine: hand-computed ladders for each timing option, reinvestment,
three tiers, sales and accounting; invariants; bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import AccountingError, InputError, MonpolWarning
from monpol.exit import (
    PROJECTION_COLUMNS,
    ExitModel,
    Ladder,
    RatePath,
    Sales,
    ThreeTier,
    Timing,
    YieldCurve,
)
from monpol.exit.reference import loop_arrays

TIMINGS = ["year_end", "year_start", "mid_year"]


def three() -> Ladder:
    """100 maturing in each of 2023, 2024, 2025 at 1%, 2%, 3%."""
    return Ladder([100.0, 100.0, 100.0], maturity_years=[2023, 2024, 2025], yields=[1.0, 2.0, 3.0])


def run(timing: Timing, rate: float | list[float] = 0.5, **kw: object) -> pd.DataFrame:
    kw.setdefault("excess_reserves", 300.0)
    model = ExitModel(three(), start_year=2023, years=3, timing=timing, **kw)  # type: ignore[arg-type]
    return model.project(rate).to_frame()


# hand computations, rate 0.5%: expense = 0.005 x reserves
HAND = {
    # (holdings timing, reserves timing): (holdings, income, reserves)
    ("year_end", "year_end"): ([300, 200, 100], [6.0, 5.0, 3.0], [300, 200, 100]),
    ("year_end", "year_start"): ([300, 200, 100], [6.0, 5.0, 3.0], [200, 100, 0]),
    ("year_start", "year_start"): ([200, 100, 0], [5.0, 3.0, 0.0], [200, 100, 0]),
    ("year_start", "year_end"): ([200, 100, 0], [5.0, 3.0, 0.0], [300, 200, 100]),
    # half of the maturity year: 2023 = 0.5 x 1 + 2 + 3; 2024 = 0.5 x 2 + 3; 2025 = 0.5 x 3
    ("mid_year", "mid_year"): ([250, 150, 50], [5.5, 4.0, 1.5], [250, 150, 50]),
}


@pytest.mark.parametrize(("holdings", "reserves"), list(HAND))
def test_hand_computed_ladder_for_each_timing(holdings: str, reserves: str) -> None:
    h, inc, e = HAND[(holdings, reserves)]
    f = run(Timing(holdings, reserves))
    assert f["holdings"].tolist() == pytest.approx(h)
    assert f["interest_income"].tolist() == pytest.approx(inc)
    assert f["excess_reserves"].tolist() == pytest.approx(e)
    assert f["interest_expense"].tolist() == pytest.approx([0.005 * x for x in e])
    assert f["net_income"].tolist() == pytest.approx([i - 0.005 * x for i, x in zip(inc, e, strict=True)])
    assert f["redemptions"].tolist() == [100.0, 100.0, 100.0]
    assert f["holdings_end"].tolist() == [200.0, 100.0, 0.0]


def test_maturity_date_timing_is_day_weighted() -> None:
    lad = Ladder([100.0, 100.0, 100.0], maturity_dates=["2023-04-01", "2024-10-01", "2025-07-02"],
                 yields=[1.0, 2.0, 3.0])
    # days elapsed at maturity: 90 of 365, 274 of 366 (leap year), 182 of 365
    p1, p2, p3 = 90 / 365, 274 / 366, 182 / 365
    m = ExitModel(lad, excess_reserves=300, start_year=2023, years=3,
                  timing=Timing("maturity_date", "maturity_date"))
    f = m.project(0.5).to_frame()
    assert f["holdings"].tolist() == pytest.approx([100 * p1 + 200, 100 * p2 + 100, 100 * p3])
    assert f["interest_income"].tolist() == pytest.approx([p1 + 2 + 3, 2 * p2 + 3, 3 * p3])
    assert f["excess_reserves"].tolist() == pytest.approx(f["holdings"].tolist())
    with pytest.raises(InputError, match="maturity-date timing needs an issue-level ladder"):
        ExitModel(three(), excess_reserves=300, start_year=2023, years=3,
                  timing=Timing("maturity_date", "year_end"))


def test_reinvestment_next_year_by_hand() -> None:
    # half of each year's 100 redeemed is bought on 1 January of the next year at that
    # year's rate + 1: 2024 at 1.0 + 1 = 2%, 2025 at 2.0 + 1 = 3%
    f = run(Timing("year_end", "year_end"), [0.5, 1.0, 2.0], reinvest_share=0.5, reinvest_spread=1.0)
    assert f["holdings"].tolist() == pytest.approx([300, 250, 200])
    assert f["interest_income"].tolist() == pytest.approx([6.0, 5.0 + 1.0, 3.0 + 1.0 + 1.5])
    assert f["excess_reserves"].tolist() == pytest.approx([300, 250, 200])
    assert f["interest_expense"].tolist() == pytest.approx([1.5, 2.5, 4.0])
    assert f["reinvested"].tolist() == [0.0, 50.0, 50.0]
    assert f["avg_yield"].tolist() == pytest.approx([2.0, 6.0 / 250 * 100, 5.5 / 200 * 100])


def test_reinvested_bonds_roll_over_at_their_maturity() -> None:
    # tenor 1: the 50 bought in 2024 mature at the end of 2024; half (25) is bought again in 2025
    f = run(Timing("year_end", "year_end"), [0.5, 1.0, 2.0], reinvest_share=0.5, reinvest_tenor=1)
    assert f["holdings"].tolist() == pytest.approx([300, 250, 175])
    assert f["interest_income"].tolist()[2] == pytest.approx(3.0 + 50 * 0.03 + 25 * 0.03)
    assert f["excess_reserves"].tolist() == pytest.approx([300, 250, 175])
    # 2025 redeems the base bond, the 50 bought from 2024's redemption and the rolled 25
    assert f["redemptions"].tolist() == [100.0, 150.0, 175.0]
    assert f["reinvested"].tolist() == [0.0, 50.0, 75.0]


def test_reinvestment_at_redemption_mid_year_by_hand() -> None:
    # 2023: half of the 2023 bond (held half the year) is bought at mid-year at 0.5 + 1 = 1.5%
    f = run(Timing("mid_year", "mid_year", "at_redemption"), 0.5, reinvest_share=0.5)
    assert f["holdings"].iloc[0] == pytest.approx(50 + 200 + 25)
    assert f["interest_income"].iloc[0] == pytest.approx(0.5 + 2 + 3 + 25 * 0.015)
    assert f["excess_reserves"].iloc[0] == pytest.approx(300 - 50 + 25)


def test_seed_default_timing_matches_the_literal_wording() -> None:
    # holdings(t) = H0 - redemptions before t; reserves(t) = reserves(t-1) - R(t); reinvested
    # half of R(t-1) added back to both
    f = run(Timing(), 0.5, reinvest_share=0.5)
    assert f["holdings"].tolist() == pytest.approx([300, 200 + 50, 100 + 100])
    assert f["excess_reserves"].tolist() == pytest.approx([200, 100 + 50, 0 + 100])


def test_three_tier_before_the_exit_by_hand() -> None:
    f = run(Timing(), [-0.1, 0.5, 0.5], three_tier=ThreeTier(100, 20), exit_year=2024)
    # 2023: reserves 200 = basic 100 at +0.1% + policy-rate balance 20 at -0.1% + 80 at 0%
    assert f["interest_expense"].tolist() == pytest.approx([0.1 - 0.02, 0.5, 0.0])


def test_accounting_rules_by_hand() -> None:
    # one bond of 100 at 5% maturing beyond the horizon, reserves 100: income 5 a year;
    # rates 10, 8, 1, -5 % -> expense 10, 8, 1, -5 -> net -5, -3, 4, 10
    lad = Ladder([100.0], maturity_years=[2040], yields=[5.0])
    kw = {"excess_reserves": 100.0, "start_year": 2023, "years": 4, "capital": 6.0}
    rates = [10.0, 8.0, 1.0, -5.0]
    cum = ExitModel(lad, **kw).project(rates)  # type: ignore[arg-type]
    f = cum.to_frame()
    assert f["net_income"].tolist() == pytest.approx([-5, -3, 4, 10])
    assert f["capital_remaining"].tolist() == pytest.approx([1, -2, 2, 12])
    assert cum.capital_exhausted is True and cum.figures["exhaustion_year"] == 2024
    assert cum.cumulative_loss == pytest.approx(8.0) and cum.lowest_capital == pytest.approx(-2.0)
    assert cum.last_loss_year == 2024 and cum.first_profit_year == 2025
    assert cum.loss_years == [2023, 2024]
    remit = ExitModel(lad, accounting="remit_profits", **kw).project(rates).to_frame()  # type: ignore[arg-type]
    assert remit["capital_remaining"].tolist() == pytest.approx([1, -2, 2, 6])
    assert remit["remittances"].tolist() == pytest.approx([0, 0, 0, 6])
    fed = ExitModel(lad, accounting="deferred_asset", **kw).project(rates)  # type: ignore[arg-type]
    ff = fed.to_frame()
    assert ff["capital_remaining"].tolist() == [6.0] * 4
    assert ff["deferred_asset"].tolist() == pytest.approx([5, 8, 4, 0])
    assert ff["remittances"].tolist() == pytest.approx([0, 0, 0, 6])
    assert fed.capital_exhausted is False and fed.figures["peak_deferred_asset"] == pytest.approx(8.0)


def test_sales_realise_losses_priced_from_yield_and_maturity() -> None:
    # 100 of a 10-year 1% bond (yield given); sell 40 on 1 Jan 2024 with the policy rate up
    # 1 pp from the reference: market yield 2%, 9.5 years left (year ladders mature mid-year)
    from monpol.exit import clean_price

    lad = Ladder([100.0], maturity_years=[2033], yields=[1.0])
    m = ExitModel(lad, excess_reserves=200, start_year=2023, years=3,
                  sales=Sales({2024: 40.0}, reference_rate=0.0))
    f = m.project([0.0, 1.0, 1.0]).to_frame()
    price = float(clean_price(1.0, 2.0, 9.5)[0])
    assert f["realised_gains"].tolist() == pytest.approx([0.0, 40 * (price / 100 - 1), 0.0])
    assert f["realised_gains"].iloc[1] < 0
    assert f["sold"].tolist() == [0.0, 40.0, 0.0]
    assert f["holdings"].tolist() == pytest.approx([100, 60, 60])
    # proceeds leave reserves from the sale
    assert f["excess_reserves"].tolist() == pytest.approx([200, 200 - 0.4 * price, 200 - 0.4 * price])
    assert f["interest_income"].tolist() == pytest.approx([1.0, 0.6, 0.6])
    # annual coupons when asked for (the frequency was ignored before)
    annual = ExitModel(lad, excess_reserves=200, start_year=2023, years=3,
                       sales=Sales({2024: 40.0}, reference_rate=0.0, frequency=1))
    g = annual.project([0.0, 1.0, 1.0]).to_frame()["realised_gains"].iloc[1]
    assert g == pytest.approx(40 * (float(clean_price(1.0, 2.0, 9.5, frequency=1)[0]) / 100 - 1))
    assert g == pytest.approx(loop_arrays(annual, [0.0, 1.0, 1.0])["realised_gains"][1])
    with pytest.raises(InputError, match="frequency must be 1, 2, 4 or 12 coupons a year; got 3"):
        Sales({2024: 1.0}, reference_rate=0.0, frequency=3)


def test_sale_orders_pick_the_right_bonds() -> None:
    lad = Ladder([50.0, 50.0], maturity_years=[2026, 2040], yields=[1.0, 1.0])
    kw = {"excess_reserves": 200.0, "start_year": 2023, "years": 2}
    longest = ExitModel(lad, sales=Sales({2023: 30}, reference_rate=0.0, order="longest_first"), **kw)
    shortest = ExitModel(lad, sales=Sales({2023: 30}, reference_rate=0.0, order="shortest_first"), **kw)
    # a 1 pp rise hurts the long bond much more
    gl = longest.project(1.0).to_frame()["realised_gains"].iloc[0]
    gs = shortest.project(1.0).to_frame()["realised_gains"].iloc[0]
    assert gl < gs < 0
    with pytest.raises(InputError,
                       match=r"sales in 2023 of 150 exceed the starting holdings still held \(100\)"):
        ExitModel(lad, sales=Sales({2023: 150}, reference_rate=0.0), **kw)
    with pytest.raises(InputError, match=r"sale years must lie in the horizon 2023-2024; got \[2030\]"):
        ExitModel(lad, sales=Sales({2030: 1}, reference_rate=0.0), **kw)


def test_curve_yields_at_start_and_each_year() -> None:
    lad = Ladder([100.0], maturity_dates=["2026-01-01"])
    curve = YieldCurve([1, 5], [1.0, 5.0])   # yield = maturity between 1 and 5 years, flat below 1
    kw = {"curve": curve, "excess_reserves": 0, "start_year": 2023, "years": 3}
    at_start = ExitModel(lad, yield_assignment="at_start", **kw).project(0.0).to_frame()  # type: ignore[arg-type]
    each = ExitModel(lad, yield_assignment="each_year", **kw).project(0.0).to_frame()  # type: ignore[arg-type]
    default = ExitModel(lad, **kw)  # type: ignore[arg-type]
    assert default.yield_assignment == "at_start"   # a curve and a ladder without yields
    # years left on 1 January 2023, 2024, 2025 (ACT/365.25): 1096, 731, 365 days
    t = np.array([1096, 731, 365]) / 365.25
    assert at_start["avg_yield"].tolist() == pytest.approx([t[0]] * 3)    # kept to maturity
    assert each["avg_yield"].tolist() == pytest.approx([t[0], t[1], 1.0])  # rolls down the curve


def test_footnote_example_carried_one_year_under_both_readings() -> None:
    # Seed 002 note 3: 200 maturing in 1 year at 1%, 300 in 2 at 2%, 500 in 3 at 3% -> 2.3% at
    # that point in time. Here the curve gives exactly those yields on 1 January 2023 (knots at
    # the three remaining maturities, ACT/365.25), and the note's average is carried to 2024
    # by hand: the 200 has matured (2023); at_start keeps 2% and 3%, each_year re-reads the
    # curve one year shorter (2024-12-31 is 365 days away: 1/366 of the way from 1% to 2%).
    lad = Ladder([200.0, 300.0, 500.0], maturity_dates=["2023-12-31", "2024-12-31", "2025-12-31"])
    curve = YieldCurve(np.array([364, 730, 1095]) / 365.25, [1.0, 2.0, 3.0])
    kw = {"curve": curve, "excess_reserves": 1000, "start_year": 2023, "years": 2}
    at_start = ExitModel(lad, yield_assignment="at_start", **kw).project(0.0).to_frame()  # type: ignore[arg-type]
    each = ExitModel(lad, yield_assignment="each_year", **kw).project(0.0).to_frame()  # type: ignore[arg-type]
    assert at_start["avg_yield"].tolist() == pytest.approx([2.3, (300 * 2 + 500 * 3) / 800])
    assert each["avg_yield"].tolist() == pytest.approx([2.3, (300 * (1 + 1 / 366) + 500 * 2) / 800])


def test_zero_rate_means_no_interest_expense() -> None:
    f = run(Timing(), 0.0, reinvest_share=0.5)
    assert (f["interest_expense"] == 0).all()
    assert f["net_income"].tolist() == f["interest_income"].tolist()


def test_frame_has_the_documented_columns_and_summary() -> None:
    res = ExitModel(three(), excess_reserves=300, start_year=2023, years=3, capital=11).project(0.5)
    assert tuple(res.to_frame().columns) == PROJECTION_COLUMNS
    d = res.to_dict()
    assert set(d) == {"label", "unit", "rows", "summary", "settings"}
    assert len(d["rows"]) == 3 and d["summary"]["capital_exhausted"] is False
    text = str(res)
    assert "Exit projection" in text and "capital exhausted" in text
    fig = res.plot()
    assert fig.axes[0].get_ylabel() == "trillion yen"


def percent_rates(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Rates in percent; values below 0.1 in magnitude (which warn as fraction-like) become 0."""
    return st.floats(lo, hi).map(lambda r: r if abs(r) >= 0.1 else 0.0)


@st.composite
def ladders(draw: st.DrawFn) -> Ladder:
    n = draw(st.integers(1, 6))
    years = draw(st.lists(st.integers(2023, 2034), min_size=n, max_size=n))
    amounts = draw(st.lists(st.floats(0, 100), min_size=n, max_size=n))
    yields = draw(st.lists(st.floats(-0.5, 4), min_size=n, max_size=n))
    return Ladder(amounts, maturity_years=years, yields=[y if abs(y) >= 0.1 else 0.5 for y in yields])


@given(lad=ladders(), share=st.floats(0, 1), timing=st.sampled_from(TIMINGS),
       reinvest=st.sampled_from(["next_year", "at_redemption"]), rate=percent_rates(-1, 5),
       tenor=st.integers(1, 12))
def test_accounting_identities(lad: Ladder, share: float, timing: str, reinvest: str, rate: float,
                               tenor: int) -> None:
    e0 = lad.total + 1.0
    model = ExitModel(lad, excess_reserves=e0, start_year=2023, years=12, reinvest_share=share,
                      reinvest_tenor=tenor, timing=Timing(timing, timing, reinvest))
    f = model.project(np.full(12, rate)).to_frame()
    assert (f["holdings"] >= -1e-9).all() and (f["holdings_end"] >= -1e-9).all()
    assert (f["excess_reserves"] >= -1e-9).all()
    assert np.allclose(f["net_income"], f["interest_income"] + f["realised_gains"] - f["interest_expense"])
    assert np.allclose(f["cumulative"], f["net_income"].cumsum())
    assert np.allclose(f["interest_expense"], f["excess_reserves"] * rate / 100)
    # redemptions drain reserves as they shrink holdings, purchases add to both: with the same
    # timing for holdings and reserves, holdings - reserves never changes (any reinvestment timing)
    assert np.allclose(f["holdings"] - f["excess_reserves"], lad.total - e0)
    if share == 0:
        # reserves fall by exactly the redemptions
        assert np.allclose(e0 - f["excess_reserves"], lad.total - f["holdings"])


@given(lad=ladders(), share=st.floats(0, 1), h=st.sampled_from(TIMINGS), r=st.sampled_from(TIMINGS),
       reinvest=st.sampled_from(["next_year", "at_redemption"]),
       redeemed=st.sampled_from(["after_tenor", "maturity_year"]),
       rates=st.lists(percent_rates(-0.5, 4), min_size=8, max_size=8))
def test_vectorised_engine_equals_the_plain_loop(lad: Ladder, share: float, h: str, r: str,
                                                 reinvest: str, redeemed: str,
                                                 rates: list[float]) -> None:
    if redeemed == "maturity_year":
        reinvest = "next_year"   # t+10 is defined for 1 January purchases only
    model = ExitModel(lad, excess_reserves=lad.total + 1, start_year=2023, years=8, capital=1.0,
                      reinvest_share=share, reinvest_tenor=3,
                      timing=Timing(h, r, reinvest, redeemed))
    f = model.project(rates).to_frame()
    ref = loop_arrays(model, rates)
    for key in ("holdings", "excess_reserves", "interest_income", "interest_expense", "net_income",
                "cumulative", "capital_remaining"):
        assert np.allclose(f[key], ref[key], atol=1e-9), key


# ----------------------------------------------------------------------------- bad input
def test_bad_model_arguments() -> None:
    lad = three()
    kw = {"excess_reserves": 300.0, "years": 3}
    with pytest.raises(InputError,
                       match=r"maturity of piece 0 \(2023, year 2023\) is before start_year 2024"):
        ExitModel(lad, start_year=2024, **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"reinvest_share must be in \[0, 1\]; got 1.5"):
        ExitModel(lad, start_year=2023, reinvest_share=1.5, **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"reinvest_share must be in \[0, 1\]; got -0.1"):
        ExitModel(lad, start_year=2023, reinvest_share=-0.1, **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"excess_reserves must be in \[0, inf\); got -1"):
        ExitModel(lad, start_year=2023, excess_reserves=-1, years=3)
    with pytest.raises(InputError,
                       match="accounting must be one of 'cumulative', 'remit_profits', 'deferred_asset'"):
        ExitModel(lad, start_year=2023, accounting="fed", **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="accounting 'deferred_asset' needs capital"):
        ExitModel(lad, start_year=2023, accounting="deferred_asset", **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="give three_tier, the remuneration of the pre-exit years"):
        ExitModel(lad, start_year=2023, exit_year=2024, **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="three_tier is given but there is no pre-exit year"):
        ExitModel(lad, start_year=2023, three_tier=ThreeTier(1, 1), **kw)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="years must be an integer >= 1 and at most 1000; got 0"):
        ExitModel(lad, start_year=2023, excess_reserves=1, years=0)


def test_yield_source_must_be_unambiguous() -> None:
    no_yields = Ladder([1.0], maturity_years=[2030])
    curve = YieldCurve([1, 10], [0.0, 1.0])
    with pytest.raises(InputError, match="the ladder has no yields: give a curve"):
        ExitModel(no_yields, excess_reserves=1, start_year=2023, years=2)
    with pytest.raises(InputError, match="the ladder has yields and a curve is given"):
        ExitModel(three(), curve=curve, excess_reserves=300, start_year=2023, years=2)
    with pytest.raises(InputError, match="yield_assignment 'at_start' needs a curve"):
        ExitModel(three(), yield_assignment="at_start", excess_reserves=300, start_year=2023, years=2)
    with pytest.raises(InputError, match="yield_assignment must be one of 'given', 'at_start', 'each_year'"):
        ExitModel(three(), yield_assignment="later", excess_reserves=300,  # type: ignore[arg-type]
                  start_year=2023, years=2)


def test_bad_rates() -> None:
    model = ExitModel(three(), excess_reserves=300, start_year=2023, years=3)
    with pytest.raises(InputError, match="policy_rate must be a finite number in percent; got nan"):
        model.project(float("nan"))
    with pytest.raises(InputError, match="rates must contain only finite numbers; got inf at position 1"):
        model.project([0.5, np.inf, 0.5])
    with pytest.raises(InputError, match=r"one rate per year \(3\); got shape \(2,\)"):
        model.project([0.5, 0.5])
    with pytest.raises(InputError, match=r"rate path covers 2023-2024 but the projection needs 2023-2025"):
        model.project(RatePath.constant(0.5, start_year=2023, years=2))
    with pytest.warns(MonpolWarning, match=r"policy_rate = 0.005 looks like a fraction"):
        model.project(0.005)
    with pytest.warns(MonpolWarning, match=r"policy rates look like fractions \(0.005, 0.01, 0.01\)"):
        model.project([0.005, 0.01, 0.01])


def test_negative_reserves_raise_or_are_floored() -> None:
    lad = three()
    with pytest.raises(AccountingError, match=r"excess reserves turn negative in 2024 \(-50\)"):
        ExitModel(lad, excess_reserves=150, start_year=2023, years=3).project(0.5)
    f = ExitModel(lad, excess_reserves=150, start_year=2023, years=3,
                  on_negative_reserves="floor").project(0.5).to_frame()
    assert f["excess_reserves"].tolist() == [50.0, 0.0, 0.0]
    assert f["reserve_shortfall"].tolist() == [0.0, 50.0, 150.0]
    with pytest.raises(InputError, match="on_negative_reserves must be one of 'raise', 'floor'"):
        ExitModel(lad, excess_reserves=150, start_year=2023, years=3,
                  on_negative_reserves="ignore")  # type: ignore[arg-type]


def test_model_is_read_only_once_built() -> None:
    # the rate-independent plan is built at construction: a changed attribute would be ignored
    model = ExitModel(three(), excess_reserves=300, start_year=2023, years=3)
    with pytest.raises(AttributeError,
                       match="ExitModel is read-only once built; cannot set 'reinvest_share'"):
        model.reinvest_share = 0.5
    assert model.project(0.5).to_frame()["reinvested"].sum() == 0.0
