from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import DataError, InputError
from monpol.core.io import dumps_json
from monpol.core.units import BILLION_USD, OKU_JPY
from monpol.easing import Thresholds, classify, default_taxonomy
from monpol.easing.classify import DISTANCES, classify_arrays, hellinger, total_variation

from .conftest import toy

# Independent reference numbers, computed by hand from the seed's Table 1 (USD mn):
FED_T0, FED_T1 = 891276, 2311893
FED_RISKY_1 = 17621 + 447959 + 206544 + 318843      # agency, TAF, other loans, CPFF
FED_RISKY_0 = 4765                                   # other loans
FED_LIQUID_0 = 257019 + 512737 + 57750               # bills, notes/bonds, repo
FED_LIQUID_1 = 18423 + 457714 + 80000
FED_MONETARY = (785785 + 17661, 840741 + 801742)     # currency + deposits of dep. institutions


def test_fed_is_consequential_credit_easing(fed) -> None:  # type: ignore[no-untyped-def]
    r = classify(fed.before, fed.after)
    assert (r.verdict, r.size_component, r.risk_component) == (
        "credit easing", "expansion", "toward risk")
    assert (r.driver, r.intent) == ("assets", "consequential")
    # both sides pass the majority: risky assets drive, monetary liabilities are the counterpart
    assert r.credit_contribution_pct > 50 and r.monetary_contribution_pct > 50
    assert r.size_change_pct == pytest.approx((FED_T1 / FED_T0 - 1) * 100)
    assert r.risky_share_change == pytest.approx(
        (FED_RISKY_1 / FED_T1 - FED_RISKY_0 / FED_T0) * 100)
    assert r.liquid_share_change == pytest.approx(
        (FED_LIQUID_1 / FED_T1 - FED_LIQUID_0 / FED_T0) * 100)
    assert r.credit_contribution_pct == pytest.approx(
        (FED_RISKY_1 - FED_RISKY_0) / (FED_T1 - FED_T0) * 100)
    assert r.monetary_contribution_pct == pytest.approx(
        (FED_MONETARY[1] - FED_MONETARY[0]) / (FED_T1 - FED_T0) * 100)
    assert r.stated_target is None and r.reserves_in_target_band is None


def test_boj_is_intentional_quantitative_easing(boj) -> None:  # type: ignore[no-untyped-def]
    r = classify(boj.before, boj.after)
    assert (r.verdict, r.driver, r.intent) == ("quantitative easing", "liabilities", "intentional")
    assert r.size_change_pct == pytest.approx((1556064 / 1067958 - 1) * 100)
    # seed Table 2: currency 633,972 -> 792,705; current deposits 68,270 -> 328,677
    assert r.monetary_contribution_pct == pytest.approx(
        ((792705 + 328677) - (633972 + 68270)) / 488106 * 100)
    assert r.risky_share_change == pytest.approx(1208 / 1556064 * 100)  # only stocks are risky
    assert "BOJ QE" in (r.stated_target or "") and r.reserves_in_target_band is True
    # without the stated target the data alone do not tell intent
    r2 = classify(boj.before, boj.after, stated_target="none")
    assert (r2.verdict, r2.intent) == ("quantitative easing", "undetermined")


def test_composition_distance_is_total_variation_by_category(fed) -> None:  # type: ignore[no-untyped-def]
    r = classify(fed.before, fed.after)
    s0 = fed.before.by_category("asset") / FED_T0
    s1 = fed.after.by_category("asset") / FED_T1
    assert r.composition_distance == pytest.approx(50 * (s1 - s0).abs().sum())
    h = classify(fed.before, fed.after, distance="hellinger").composition_distance
    assert h == pytest.approx(100 * np.sqrt(0.5 * ((np.sqrt(s1) - np.sqrt(s0)) ** 2).sum()))


def test_margins_are_distances_from_thresholds(fed, boj) -> None:  # type: ignore[no-untyped-def]
    r = classify(fed.before, fed.after)
    m = r.margins
    assert m["size"] == pytest.approx(r.size_change_pct - 10)
    assert m["risk"] == pytest.approx(r.risky_share_change - 10)
    assert m["liquidity"] == pytest.approx(-r.liquid_share_change - 10)
    assert all(v is not None and v > 0 for v in m.values())  # every criterion met
    b = classify(boj.before, boj.after).margins
    assert b["risk"] < 0 and b["liquidity"] < 0 and b["credit_driver"] < 0 < b["monetary_driver"]


def test_thresholds_are_parameters(fed) -> None:  # type: ignore[no-untyped-def]
    # a size threshold above the Fed's +159% turns credit easing into qualitative easing
    r = classify(fed.before, fed.after, thresholds=Thresholds(size_change_pct=200))
    assert r.verdict == "qualitative easing" and r.intent == "not applicable"
    r = classify(fed.before, fed.after, thresholds=Thresholds(risk_shift_pp=50))
    assert r.verdict == "quantitative easing"
    r = classify(fed.before, fed.after, thresholds=Thresholds(driver_share_pct=75))
    assert (r.driver, r.intent) == ("undetermined", "undetermined")
    assert r.to_dict()["thresholds"]["driver_share_pct"] == 75


def test_other_line_sensitivity_does_not_change_verdicts(fed, boj) -> None:  # type: ignore[no-untyped-def]
    tax = default_taxonomy().with_attributes("other", risky=True, liquid=False)
    assert classify(fed.before, fed.after, taxonomy=tax).verdict == "credit easing"
    r = classify(boj.before, boj.after, taxonomy=tax)
    assert (r.verdict, r.risk_component) == ("quantitative easing", "toward safety")


def test_pure_cases_by_construction() -> None:
    # size doubles, composition unchanged -> quantitative easing, composition distance 0
    r = classify(toy("2001-01-01", 80, 20), toy("2002-01-01", 160, 40), stated_target="none")
    assert (r.verdict, r.composition_distance, r.composition_constant) == (
        "quantitative easing", 0.0, True)
    assert r.driver == "liabilities"  # reserves + currency cover the whole expansion
    # same size, loans replace bonds -> qualitative easing
    r = classify(toy("2001-01-01", 80, 20), toy("2002-01-01", 50, 50))
    assert (r.verdict, r.driver) == ("qualitative easing", "not applicable")
    # contributions to an expansion are not defined without one
    assert np.isnan(r.credit_contribution_pct) and r.margins["credit_driver"] is None
    # shrinking -> contraction
    assert classify(toy("2001-01-01", 80, 20), toy("2002-01-01", 40, 10)).verdict == "contraction"
    # same size, bonds replace loans -> shift toward safety: no balance-sheet easing
    r = classify(toy("2001-01-01", 50, 50), toy("2002-01-01", 80, 20))
    assert (r.verdict, r.risk_component) == ("no balance-sheet easing", "toward safety")


def test_consequential_needs_monetary_liabilities_as_counterpart() -> None:
    from monpol.core.units import MILLION_USD
    from monpol.easing import BalanceSheet

    def sheet(date: str, loans: float, reserves: float, treasury: float) -> BalanceSheet:
        return BalanceSheet.from_records("Toy CB", date, MILLION_USD, [
            ("asset", "Bonds", "government_long", 80.0),
            ("asset", "Loans", "lending_institutions", loans),
            ("liability", "Currency", "currency", 50.0),
            ("liability", "Reserves", "reserves", reserves),
            ("liability", "Treasury", "government_deposits", treasury)])

    before = sheet("2001-01-01", 20.0, 40.0, 10.0)
    # loans +100, financed by reserves: asset-driven, monetary counterpart -> consequential
    r = classify(before, sheet("2002-01-01", 120.0, 140.0, 10.0))
    assert (r.verdict, r.driver, r.intent) == ("credit easing", "assets", "consequential")
    assert r.monetary_contribution_pct == pytest.approx(100.0)
    # the same loans financed by government deposits (sterilised): no QE, intent undetermined
    r = classify(before, sheet("2002-01-01", 120.0, 40.0, 110.0))
    assert (r.driver, r.intent) == ("assets", "undetermined")
    assert r.monetary_contribution_pct == pytest.approx(0.0)
    assert "financed only 0.0%" in r.intent_basis
    # without monetary liabilities in the data intent cannot be told
    out = classify_arrays(np.array([[80.0, 20.0]]), np.array([[80.0, 120.0]]),
                          np.array([True, False]), np.array([False, True]),
                          thresholds=Thresholds())
    assert (out["driver"][0], out["intent"][0]) == ("assets", "undetermined")


def test_no_monetary_liabilities_before() -> None:
    # liabilities given only as one aggregate line: no monetary base, nothing to divide by
    from monpol.core.units import MILLION_USD
    from monpol.easing import BalanceSheet

    def sheet(date: str, amount: float) -> BalanceSheet:
        return BalanceSheet.from_records("X", date, MILLION_USD, [
            ("asset", "Bonds", "government_long", amount),
            ("liability", "All liabilities", "other", amount)])

    r = classify(sheet("2001-01-01", 100.0), sheet("2002-01-01", 150.0))
    assert (r.verdict, r.driver, r.intent) == ("quantitative easing", "undetermined",
                                               "undetermined")
    d = r.to_dict()
    assert d["monetary_change_pct"] is None or np.isnan(d["monetary_change_pct"])
    assert '"monetary_change_pct": null' in dumps_json(d)


def test_contraction_toward_risk() -> None:
    r = classify(toy("2001-01-01", 80, 20), toy("2002-01-01", 30, 50))
    assert r.verdict == "contraction with qualitative easing"


def test_mismatched_snapshots_are_errors() -> None:
    a = toy("2001-01-01", 80, 20)
    with pytest.raises(InputError, match=r"different currencies: before \(2001-01-01\) in USD, "
                                         r"after \(2002-01-01\) in JPY"):
        classify(a, toy("2002-01-01", 80, 20, unit=OKU_JPY))
    with pytest.raises(InputError, match=r"different units: before \(2001-01-01\) in 'USD mn', "
                                         r"after \(2002-01-01\) in 'USD bn'"):
        classify(a, toy("2002-01-01", 80, 20, unit=BILLION_USD))
    with pytest.raises(InputError, match="different institutions: 'Toy CB' and 'Other CB'"):
        classify(a, toy("2002-01-01", 80, 20, institution="Other CB"))
    with pytest.raises(InputError, match=r"after \(2000-01-01\) must be later than before"):
        classify(a, toy("2000-01-01", 80, 20))
    with pytest.raises(InputError, match="distance must be one of 'total_variation', 'hellinger'"):
        classify(a, toy("2002-01-01", 80, 20), distance="l2")
    with pytest.raises(InputError, match="stated_target must be 'auto', 'none'"):
        classify(a, toy("2002-01-01", 80, 20), stated_target="maybe")


def test_taxonomy_without_a_category_names_the_item() -> None:
    from monpol.easing.taxonomy import Taxonomy

    tax = default_taxonomy()
    smaller = Taxonomy(tuple(c for c in tax.categories if c.name != "lending_institutions"))
    with pytest.raises(InputError, match=r"balance sheet of 2001-01-01: item 'Loans': asset category"):
        classify(toy("2001-01-01", 80, 20), toy("2002-01-01", 80, 20), taxonomy=smaller)


def test_thresholds_validation() -> None:
    with pytest.raises(InputError, match=r"risk_shift_pp must be in \(0, inf\); got 0"):
        Thresholds(risk_shift_pp=0)
    with pytest.raises(InputError, match=r"driver_share_pct must be in \(0, 100\]; got 150"):
        Thresholds(driver_share_pct=150)


def test_zero_assets_rejected() -> None:
    z = np.zeros((1, 2))
    with pytest.raises(DataError, match="total assets must be positive"):
        classify_arrays(z, z + 1, np.array([True, False]), np.array([False, True]),
                        thresholds=Thresholds())


def test_result_interface(fed) -> None:  # type: ignore[no-untyped-def]
    r = classify(fed.before, fed.after)
    d = r.to_dict()
    for key in ("verdict", "driver", "size_change_pct", "composition_distance",
                "risky_share_change", "thresholds", "margins", "composition"):
        assert key in d
    dumps_json(d)  # strictly JSON-serialisable
    assert list(r.to_frame().columns) == ["category", "liquid", "risky", "amount_before",
                                          "amount_after", "share_before", "share_after",
                                          "share_change"]
    assert r.to_frame()["share_after"].sum() == pytest.approx(100)
    assert "Numbers behind the verdict" in str(r)
    assert r.plot().axes[0].get_title() == "Federal Reserve: credit easing"


shares = st.lists(st.floats(min_value=0.0, max_value=1e6, allow_nan=False), min_size=3,
                  max_size=3).filter(lambda v: sum(v) > 1e-3)


@given(a0=shares, a1=shares, scale=st.floats(min_value=0.01, max_value=100))
def test_property_distance_bounds_and_scale_invariance(a0: list[float], a1: list[float],
                                                       scale: float) -> None:
    x0, x1 = np.array([a0]), np.array([a1])
    s0, s1 = x0 / x0.sum(), x1 / x1.sum()
    tv = total_variation(s0, s1)[0]
    assert -1e-12 <= tv <= 1 + 1e-12
    assert -1e-12 <= hellinger(s0, s1)[0] <= 1 + 1e-12
    liquid, risky = np.array([True, False, False]), np.array([False, True, False])
    out = classify_arrays(x0, x1, liquid, risky, thresholds=Thresholds())
    # a subset's share cannot move more than the total-variation distance
    assert abs(out["risky_share_change"][0]) <= out["composition_distance"][0] + 1e-9
    assert abs(out["liquid_share_change"][0]) <= out["composition_distance"][0] + 1e-9
    scaled = classify_arrays(x0 * scale, x1 * scale, liquid, risky, thresholds=Thresholds())
    assert scaled["verdict"][0] == out["verdict"][0]
    assert scaled["size_change_pct"][0] == pytest.approx(out["size_change_pct"][0], abs=1e-9)


def test_distances_registry() -> None:
    assert DISTANCES.names() == ["total_variation", "hellinger"]
