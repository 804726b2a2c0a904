"""The five propositions: every sign the spec lists, on the illustrative calibration and
on variations of it (signs, not numbers: no computed value is hard-coded here)."""

from __future__ import annotations

import math

import pytest

from monpol.core.errors import InputError
from monpol.islm import EXPERIMENTS, IslmSpec, run
from monpol.islm.experiments import ZERO_TOL, PropositionResult


def _sign_holds(expected: str, change: float, target: float | None = None) -> bool:
    """Independent restatement of the verdict (a change below ZERO_TOL counts as zero)."""
    tol = ZERO_TOL * max(1.0, abs(target or 0.0))
    return {
        "+": change > tol,
        "-": change < -tol,
        "0": abs(change) <= tol,
        "=shock": target is not None and math.isclose(change, target, abs_tol=tol),
    }[expected]


def _check_rows(r: PropositionResult, shock: float | None = None) -> None:
    assert r.rows
    for row in r.rows:
        target = shock if row.expected == "=shock" else None
        assert row.holds == _sign_holds(row.expected, row.computed, target), row
        assert row.holds, f"{r.name}: {row.quantity} ({row.case}) expected {row.expected}, " \
                          f"computed {row.computed}"
    assert r.holds


def test_registry_lists_the_five_propositions() -> None:
    assert EXPERIMENTS.names() == ["P1", "P2", "P3", "P4", "P5"]
    with pytest.raises(InputError, match=r"proposition must be one of 'P1', .*; got 'P6'"):
        run("P6")


def test_p1_exchange_rate_and_money_demand() -> None:
    r = run("P1")
    _check_rows(r)
    expected = {("e", "+"), ("y_1", "+"), ("S_h", "+"), ("W_h", "+"), ("D", "+"), ("i_C", "0")}
    assert {(x.quantity, x.expected) for x in r.rows} == expected


def test_p2_liquidity_trap() -> None:
    r = run("P2")
    _check_rows(r)
    signs = {x.quantity: x.expected for x in r.rows}
    assert signs["y"] == "+" and signs["eps"] == "-" and signs["multiplier"] == "+"
    assert signs["M"] == "+"
    assert all(signs[k] == "0" for k in ("i_C", "i_D", "i_L", "i_B", "e"))
    assert r.row("LM i_C between the two outputs", "floor").expected == "0"


def test_p3_financing_of_deficits() -> None:
    r = run("P3")
    _check_rows(r)
    assert r.row("y", "floor: central bank − private").expected == "0"
    assert r.row("M", "floor: central bank − private").expected == "0"
    assert r.row("eps", "floor: central bank − private").computed != 0  # "different ε"
    assert r.row("multiplier", "floor: central bank − private").computed != 0
    assert r.row("y", "corridor: central bank − private").expected == "+"
    assert r.row("i_C", "corridor: central bank − private").expected == "-"
    assert r.row("y", "floor: central bank with e_0 up − central bank").expected == "+"
    assert r.row("y", "corridor: central bank with e_0 up − central bank").expected == "+"


def test_p4_lending_risk() -> None:
    r = run("P4", dc_L=0.5)
    _check_rows(r, shock=0.5)
    for case in ("floor", "fixed"):
        assert r.row("i_L", case).computed == pytest.approx(0.5)
        for k in ("i_C", "i_D", "i_B", "e"):
            assert r.row(k, case).expected == "0"
        assert r.row("y", case).expected == "-" and r.row("M", case).expected == "-"
    assert r.row("eps", "floor").expected == "+"
    for case in ("floor", "fixed", "corridor"):  # "lowers investment by bank-borrowing firms"
        assert r.row("I_fs", case).expected == "-"
    assert [r.row(k, "corridor").expected for k in ("i_C", "i_B", "e", "y")] == ["-", "-", "+", "-"]
    assert r.row("Δy(corridor) − Δy(floor)", "corridor vs floor").expected == "+"
    assert r.regimes == {"floor": "floor", "fixed": "fixed", "corridor": "corridor"}


def test_p5_current_account_surplus() -> None:
    r = run("P5")
    _check_rows(r)
    c = "corridor, period 2"
    assert r.row("y_1", c).expected == "+" and r.row("W_h,−1", c).expected == "+"
    assert r.row("W_h", c).expected == "+"  # "raises next period's ... household wealth"
    assert r.row("IS: y at the baseline i_C", c).expected == "+"
    assert r.row("money demand (cc+β_0)·D at the baseline (y, i_C)", c).expected == "+"
    assert r.row("i_C", c).expected == "+" and r.row("e", c).expected == "-"


# Variations of the calibration: the signs are the paper's, not an accident of the numbers.
VARIANTS = {
    "theta 0.3": {"theta": 0.3},
    "flatter money demand": {"b_h": 30.0, "k_h": 0.25, "cc_1": 0.01},
    "more open": {"nx_e": 45.0, "nx_y": 0.04, "FB_F_1": 500.0},
    "thriftier": {"c": 0.55, "omega": 0.025},
    "less thrifty": {"c": 0.65},
}


@pytest.mark.parametrize("name", ["P1", "P2", "P3", "P4", "P5"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_signs_hold_across_calibrations(name: str, variant: str) -> None:
    spec = IslmSpec().replace(**VARIANTS[variant])
    r = run(name, spec)
    _check_rows(r, shock=0.5 if name == "P4" else None)


def test_shock_sizes_are_options() -> None:
    small = run("P2", dG=1.0)
    large = run("P2", dG=20.0)
    assert 0 < small.row("y", "floor").computed < large.row("y", "floor").computed
    with pytest.raises(InputError, match="dG must be > 0; got -1"):
        run("P2", dG=-1)
    with pytest.raises(InputError, match="de_0 must be > 0"):
        run("P1", de_0=0)
    with pytest.raises(InputError, match="dc_L must be > 0"):
        run("P4", dc_L=-0.5)
    with pytest.raises(InputError, match="dnx_0 must be > 0"):
        run("P5", dnx_0=0)
    with pytest.raises(InputError, match="dG and de_0 must be > 0"):
        run("P3", de_0=-1)
    with pytest.raises(InputError, match="dG must be a finite number"):
        run("P2", dG="x")


def test_wrong_regime_base_is_refused() -> None:
    corridor = IslmSpec.illustrative_corridor()
    with pytest.raises(InputError, match=r"the base of P2 must solve in the floor regime; it "
                                         r"solves in the corridor regime"):
        run("P2", corridor)
    # with c = 0.5, ω = 0.03 the corridor calibration plus ΔB_c = 10 falls back to the floor:
    # P3's corridor comparison does not apply, and the experiment says so
    with pytest.raises(InputError, match=r"P3 central-bank absorption \(corridor calibration\) "
                                         r"must solve in the corridor regime"):
        run("P3", IslmSpec().replace(c=0.5, omega=0.03))


def test_result_interface() -> None:
    r = run("P4")
    d = r.to_dict()
    assert d["holds"] is True and d["proposition"] == "P4"
    assert {"quantity", "case", "expected", "computed", "holds", "source"} <= set(d["differences"][0])
    frame = r.to_frame()
    assert list(frame.columns) == ["proposition", "quantity", "case", "expected", "computed",
                                   "holds", "source", "note"]
    assert "P4: lending risk — holds" in str(r)
    with pytest.raises(InputError, match=r"P4 has no row \('GDP', 'floor'\)"):
        r.row("GDP", "floor")
