from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import DataError, InputError
from monpol.rules import DEFAULT_ELB, compare_rules, prescribe, prescribe_path

finite = st.floats(min_value=-20, max_value=30, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("pi,gap,expected", [(2, 0, 4.0), (4, 0, 7.0), (2, -2, 3.0), (3, 1, 6.0)])
def test_taylor1993_reference_values(pi: float, gap: float, expected: float) -> None:
    # spec 01 §1 reference values (Taylor 1993, r* = π* = 2)
    assert prescribe("taylor1993", inflation=pi, output_gap=gap).rate == expected


@given(pi=finite, gap=finite)
def test_seed_identity_holds_for_any_inputs(pi: float, gap: float) -> None:
    # seed 004: FF rate = 1.5·π + 0.5·gap + 1 when r* = π* = 2
    rate = prescribe("taylor1993", inflation=pi, output_gap=gap).rate
    assert rate == pytest.approx(1.5 * pi + 0.5 * gap + 1.0, abs=1e-9)


# r* is limited to the plausible band R_STAR_RANGE (-10..10 percent); outside it is an error
@given(pi=finite, gap=finite, rs=st.floats(-10, 10), target=finite)
def test_components_sum_to_the_rate(pi: float, gap: float, rs: float, target: float) -> None:
    p = prescribe("taylor1999", inflation=pi, output_gap=gap, r_star=rs, inflation_target=target)
    assert sum(p.components.values()) == pytest.approx(p.rate, abs=1e-9)


def test_pyeconomics_documented_examples() -> None:
    # pyeconomics 0.2.6 documentation as quoted in spec 01 §1: 5.82 and 5.53 (two decimals)
    p = prescribe("taylor1993", inflation=2.94, unemployment=4.0, u_star=4.41)
    assert p.inputs["output_gap"] == pytest.approx(0.82)
    assert round(p.rate, 2) == 5.82
    g = prescribe("general", inflation=2.94, unemployment=4.0, u_star=4.41, rho=0.9, lagged_rate=5.5)
    assert round(g.rate, 2) == 5.53


def test_each_rule_by_hand() -> None:
    kw = dict(inflation=3.0, output_gap=-1.0, r_star=1.0, inflation_target=2.0)
    assert prescribe("taylor1999", **kw).rate == pytest.approx(1 + 3 + 0.5 - 1.0)
    assert prescribe("balanced-shortfalls", **kw).rate == pytest.approx(1 + 3 + 0.5 - 1.0)
    assert prescribe("balanced-shortfalls", **{**kw, "output_gap": 2.0}).rate == pytest.approx(4.5)
    assert prescribe("inertial", lagged_rate=5.0, **kw).rate == pytest.approx(
        0.85 * 5 + 0.15 * (1 + 3 + 0.5 - 1.0))
    assert prescribe("first-difference", inflation=3.0, output_gap=-1.0, output_gap_lag4=1.0,
                     lagged_rate=2.0).rate == pytest.approx(2 + 0.5 * 1 + 0.5 * (-2))
    assert prescribe("general", a=1.0, b=0.0, **kw).rate == pytest.approx(1 + 3 + 1)


def test_okun_conversion_and_shortfalls_match_fed_form() -> None:
    # Fed's shortfalls rule: r* + π + 0.5(π − π*) + 2·min(u* − u, 0)
    p = prescribe("balanced-shortfalls", inflation=2.5, unemployment=5.0, u_star=4.0)
    assert p.rate == pytest.approx(2 + 2.5 + 0.25 + 2 * min(4.0 - 5.0, 0))
    low_u = prescribe("balanced-shortfalls", inflation=2.5, unemployment=3.0, u_star=4.0)
    assert low_u.rate == pytest.approx(2 + 2.5 + 0.25)  # no response to tight labour markets
    assert prescribe("taylor1993", inflation=2, unemployment=5, u_star=4, okun=2.5).inputs[
        "output_gap"] == pytest.approx(-2.5)


def test_elb_floor_and_makeup() -> None:
    free = prescribe("taylor1993", inflation=0.0, output_gap=-6.0)
    assert free.rate == -2.0 and free.elb is None and not free.elb_binding
    floored = prescribe("taylor1993", inflation=0.0, output_gap=-6.0, elb=0.0)
    assert floored.rate == 0.0 and floored.elb_binding and floored.unconstrained_rate == -2.0
    adj = prescribe("elb-adjusted", inflation=2.0, output_gap=1.0, makeup=1.5)
    assert adj.elb == DEFAULT_ELB
    assert adj.rate == pytest.approx(2 + 2 + 0 + 1.0 - 1.5)
    assert prescribe("elb-adjusted", inflation=2.0, output_gap=1.0, makeup=10).rate == DEFAULT_ELB


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(rule="taylor1993", inflation="abc", output_gap=0),
         r"inflation must be a finite number in percent; got 'abc'"),
        (dict(rule="taylor1993", inflation=math.inf, output_gap=0), r"inflation must be a finite number"),
        (dict(rule="taylor1993", inflation=2), r"needs the output gap"),
        (dict(rule="taylor1993", inflation=2, output_gap=0, unemployment=4, u_star=4), r"not both"),
        (dict(rule="inertial", inflation=2, output_gap=0), r"needs lagged_rate"),
        (dict(rule="first-difference", inflation=2, output_gap=0, lagged_rate=1), r"needs output_gap_lag4"),
        (dict(rule="taylor1993", inflation=2, output_gap=0, makeup=1.0),
         r"makeup applies to the ELB-adjusted rule"),
        (dict(rule="elb-adjusted", inflation=2, output_gap=0, makeup=-1.0), r"makeup must be in \[0, inf\)"),
        (dict(rule="nope", inflation=2, output_gap=0), r"rule must be one of"),
    ],
)
def test_bad_input(kwargs: dict, match: str) -> None:
    rule = kwargs.pop("rule")
    with pytest.raises(InputError, match=match):
        prescribe(rule, **kwargs)


def _toy_inputs() -> pd.DataFrame:
    idx = pd.period_range("2000Q1", periods=8, freq="Q")
    return pd.DataFrame({
        "inflation": [2.0, 2.5, 3.0, 1.0, 0.0, -1.0, 1.0, 2.0],
        "output_gap": [0.0, 1.0, 0.5, -2.0, -6.0, -8.0, -3.0, 0.0],
        "policy_rate": [4.0, 4.5, 5.0, 3.0, 0.25, 0.25, 0.25, 1.0],
    }, index=idx)


def test_compare_rules_level_rule_and_deviation_sign() -> None:
    inputs = _toy_inputs()
    paths = compare_rules(inputs, ["taylor1993"])
    frame = paths.to_frame()
    expected = 2 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) + 0.5 * inputs["output_gap"]
    np.testing.assert_allclose(frame["prescribed"], expected)
    np.testing.assert_allclose(frame["deviation"], inputs["policy_rate"].to_numpy() - expected)
    assert list(frame.columns) == ["period", "rule", "label", "prescribed", "unconstrained",
                                   "makeup", "actual", "deviation"]


def test_compare_rules_lags_use_actual_rate_and_gap_four_quarters_back() -> None:
    inputs = _toy_inputs()
    w = compare_rules(inputs, ["inertial", "first-difference"]).wide()
    lag = inputs["policy_rate"].shift(1)
    target = 2 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) + inputs["output_gap"]
    np.testing.assert_allclose(w["inertial"].iloc[1:], (0.85 * lag + 0.15 * target).iloc[1:])
    assert math.isnan(w["inertial"].iloc[0])
    fd = lag + 0.5 * (inputs["inflation"] - 2) + 0.5 * (inputs["output_gap"] - inputs["output_gap"].shift(4))
    np.testing.assert_allclose(w["first-difference"].iloc[4:], fd.iloc[4:])
    assert w["first-difference"].iloc[:4].isna().all()


def test_elb_adjusted_accumulates_shortfall_while_prescription_below_elb() -> None:
    inputs = _toy_inputs()
    frame = compare_rules(inputs, ["elb-adjusted"]).to_frame()
    ba = (2 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) + inputs["output_gap"]).to_numpy()
    # Federal Reserve Board: Z_t = Σ_{s<t, R^BA_s < ELB} (R_s − R^BA_s), R = max(R^BA − Z, ELB)
    z = np.zeros(len(ba))
    for t in range(1, len(ba)):
        z[t] = z[t - 1] + (inputs["policy_rate"].iloc[t - 1] - ba[t - 1] if ba[t - 1] < DEFAULT_ELB else 0)
    np.testing.assert_allclose(frame["makeup"], z)
    np.testing.assert_allclose(frame["prescribed"], np.maximum(ba - z, DEFAULT_ELB))
    assert z[-1] > 0 and frame["prescribed"].iloc[-1] < ba[-1]


def test_rule_lag_mode_simulates_from_its_own_prescriptions() -> None:
    inputs = _toy_inputs().drop(columns="policy_rate")
    with pytest.raises(InputError, match="lagged='actual' needs a policy_rate column"):
        compare_rules(inputs, ["inertial"])
    with pytest.raises(InputError, match="needs initial_rate"):
        compare_rules(inputs, ["inertial"], lagged="rule")
    path = prescribe_path("inertial", inputs, lagged="rule", initial_rate=4.0).to_frame()
    target = (2 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) + inputs["output_gap"]).to_numpy()
    r, expected = 4.0, []
    for t in range(len(target)):
        r = 0.85 * r + 0.15 * target[t]
        expected.append(r)
    np.testing.assert_allclose(path["prescribed"], expected)
    assert path["actual"].isna().all()


def test_r_star_from_a_column_and_unemployment_gap() -> None:
    inputs = _toy_inputs()
    inputs["rs"] = 0.5
    inputs["unemployment"] = 5.0
    inputs["u_star"] = 4.5
    f = compare_rules(inputs, ["taylor1993"], r_star="rs", gap="unemployment", okun=2.0).to_frame()
    np.testing.assert_allclose(
        f["prescribed"], 0.5 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) + 0.5 * (-1.0))


def test_compare_rules_bad_input() -> None:
    inputs = _toy_inputs()
    with pytest.raises(InputError, match="non-empty DataFrame"):
        compare_rules(pd.DataFrame(), ["taylor1993"])
    with pytest.raises(DataError, match=r"missing required column\(s\) 'output_gap'"):
        compare_rules(inputs.drop(columns="output_gap"), ["taylor1993"])
    with pytest.raises(InputError, match="gap must be one of 'output', 'unemployment'"):
        compare_rules(inputs, ["taylor1993"], gap="hours")  # type: ignore[arg-type]
    monthly = inputs.copy()
    monthly.index = pd.period_range("2000-01", periods=8, freq="M")
    with pytest.raises(InputError, match="must be quarterly"):
        compare_rules(monthly, ["taylor1993"])
    empty = inputs.assign(inflation=np.nan)
    with pytest.raises(DataError, match="all prescriptions missing"):
        compare_rules(empty, ["taylor1993"])
    # lags are taken rows back: a missing quarter would silently shift R_-1 and gap_-4
    with pytest.raises(InputError, match="must hold consecutive quarters"):
        compare_rules(inputs.drop(pd.Period("2000Q3", "Q")), ["first-difference"])
    dated = inputs.copy()
    dated.index = dated.index.to_timestamp(how="end").normalize()
    assert compare_rules(dated, ["inertial"]).to_frame()["prescribed"].notna().sum() == 7
    with pytest.raises(InputError, match="must hold consecutive quarters"):
        compare_rules(dated.iloc[[0, 1, 3, 4]], ["inertial"])
    with pytest.raises(InputError, match="distinct names"):
        compare_rules(inputs, ["taylor1993", "taylor1993"])
    with pytest.raises(InputError, match=r"r_star must be a number \(percent\) or a column"):
        compare_rules(inputs, ["taylor1993"], r_star="r_star_hlw")


def test_paths_summary_and_plot() -> None:
    paths = compare_rules(_toy_inputs(), ["taylor1993", "inertial"])
    stats = paths.deviation_stats()
    assert stats["n"].tolist() == [8, 7]
    assert "tighter than the rule" in str(paths)
    fig = paths.plot()
    assert len(fig.axes[0].lines) == 4  # two rules, actual, zero line
    d = paths.to_dict()
    assert d["rules"] == ["taylor1993", "inertial"] and len(d["rows"]) == 16
