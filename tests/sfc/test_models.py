"""Bundled models against textbook values and independent computations."""

from __future__ import annotations

import numpy as np
import pytest

from monpol.sfc import bundled, list_models, simulate, steady_state


def test_bundled_models_listed() -> None:
    assert {"gl-sim", "gl-simex", "gl-pc", "gl-lp", "gl-reg", "sim-floor"} <= set(list_models())


def test_sim_first_periods_match_godley_lavoie() -> None:
    # G&L (2007) ch. 3 (section 3.5, the first periods of SIM after government spending
    # starts; the figures quoted in issue #10): from zero stocks with G = 20, theta = 0.2,
    # alpha1 = 0.6, alpha2 = 0.4, Y = 38.5 in period 1 and 47.9 in period 2 (published to
    # one decimal, hence the 0.05 tolerance).
    run = simulate(bundled("gl-sim"), 2)
    assert run["Y"][0] == pytest.approx(38.5, abs=0.05)
    assert run["Y"][1] == pytest.approx(47.9, abs=0.05)
    # exact values of the same recursion: Y1 = G / (1 - alpha1 (1 - theta))
    assert run["Y"][0] == pytest.approx(20 / 0.52, rel=1e-12)
    h1 = (1 - 0.6) * 0.8 * 20 / 0.52
    assert run["Y"][1] == pytest.approx((20 + 0.4 * h1) / 0.52, rel=1e-12)


def test_sim_steady_state_is_g_over_theta() -> None:
    # G&L (2007) ch. 3, stationary state: Y* = G / theta = 100 and, from C = YD,
    # H* = (1 - alpha1) / alpha2 * YD* = 80.
    ss = steady_state(bundled("gl-sim"))
    assert ss["Y"] == pytest.approx(100.0, rel=1e-12)
    assert ss["Hh"] == pytest.approx(80.0, rel=1e-12)
    assert ss["Hs"] == pytest.approx(80.0, rel=1e-12)
    # and the simulation converges to it
    assert simulate(bundled("gl-sim"), 200)["Y"][-1] == pytest.approx(100.0, rel=1e-6)


def test_simex_matches_hand_recursion() -> None:
    # G&L (2007) section 3.7: consumption out of expected income YDe = YD[-1].
    a1, a2, th, g = 0.6, 0.4, 0.2, 20.0
    yd_prev = h_prev = 0.0
    ys = []
    for _ in range(10):
        c = a1 * yd_prev + a2 * h_prev
        y = c + g
        yd = (1 - th) * y
        h_prev = h_prev + yd - c
        yd_prev = yd
        ys.append(y)
    run = simulate(bundled("gl-simex"), 10)
    np.testing.assert_allclose(run["Y"], ys, rtol=1e-12)
    assert steady_state(bundled("gl-simex"))["Y"] == pytest.approx(100.0, rel=1e-12)


def test_pc_steady_state_equals_analytic_solution() -> None:
    # G&L (2007) ch. 4: in the stationary state YD = C, V = (1 - alpha1)/alpha2 * YD,
    # Bh = k YD with k = (1 - alpha1)/alpha2 (lambda0 + lambda1 r) - lambda2, and the budget
    # balances: G + r Bh = T = theta/(1 - theta) YD; so YD* = G / (theta/(1-theta) - r k).
    a1, a2, th, l0, l1, l2, g, r = 0.6, 0.4, 0.2, 0.635, 5.0, 0.01, 20.0, 0.025
    k = (1 - a1) / a2 * (l0 + l1 * r) - l2
    yd = g / (th / (1 - th) - r * k)
    ss = steady_state(bundled("gl-pc"))
    assert ss["YD"] == pytest.approx(yd, rel=1e-12)
    assert ss["Y"] == pytest.approx(yd + g, rel=1e-12)
    assert ss["V"] == pytest.approx((1 - a1) / a2 * yd, rel=1e-12)
    assert ss["Bh"] == pytest.approx(k * yd, rel=1e-12)
    assert ss["Hh"] == pytest.approx(ss["Hs"], rel=1e-12)
    # the path from zero stocks approaches it (G&L Fig. 4.x)
    assert simulate(bundled("gl-pc"), 400)["Y"][-1] == pytest.approx(yd + g, rel=1e-6)


def test_pc_rate_increase_raises_steady_output() -> None:
    # G&L (2007) section 4.6: a higher bill rate raises steady-state income in PC.
    base = steady_state(bundled("gl-pc"))["Y"]
    high = steady_state(bundled("gl-pc"), set={"r_bar": 0.035})["Y"]
    assert high > base


def _lp_stationary(rb: float, pbl: float) -> dict[str, float]:
    """Closed-form stationary state of LP (G&L 2007 ch. 5), derived here.

    Stationary: CG = 0, pebl = pbl so ERrbl = rbl = 1/pbl, YDEr = YDr, VE = V, and C = YDr,
    so V = k YDr with k = (1 - alpha1)/alpha2. Portfolio: Bh = a YDr and pbl BLh = b YDr with
    a = k (l20 + l22 rb + l23 rbl) + l24, b = k (l30 + l32 rb + l33 rbl) + l34. A balanced
    budget, TX = G + rb Bh + BLh, and YDr = (1 - theta)(Y + rb Bh + BLh), Y = YDr + G give
    YDr = (1 - theta) G / (theta - (1 - theta)(rb a + b / pbl)).
    """
    a1, a2, th, g = 0.8, 0.2, 0.1938, 20.0
    rbl, k = 1 / pbl, (1 - a1) / a2
    a = k * (0.44196 + 1.1 * rb - 1.0 * rbl) - 0.03
    b = k * (0.3997 - 1.0 * rb + 1.1 * rbl) - 0.03
    yd = (1 - th) * g / (th - (1 - th) * (rb * a + b / pbl))
    return {"YDr": yd, "Y": yd + g, "V": k * yd, "Bh": a * yd, "BLh": b * yd / pbl,
            "Hh": k * yd - a * yd - b * yd}


def test_lp_stationary_state_equals_closed_form_and_zezza_values() -> None:
    want = _lp_stationary(0.03, 20.0)
    ss = steady_state(bundled("gl-lp"))
    for name, value in want.items():
        assert ss[name] == pytest.approx(value, rel=1e-10), name
    # Zezza's (2006) EViews starting values for G&L ch. 5 (quoted in sfcr's vignette
    # gl3-lp.Rmd): YDr = V = 95.803, Hh = 20.125, Bh = 37.839, BLh = 1.892. They are the
    # stationary state of slightly different (rounded) parameters: theta = 0.1938 is itself
    # rounded in G&L. Distance: 0.02% on YDr, 0.1% on Hh and BLh, hence rel=2e-3.
    for name, value in {"YDr": 95.803, "V": 95.803, "Hh": 20.125, "Bh": 37.839, "BLh": 1.892}.items():
        assert ss[name] == pytest.approx(value, rel=2e-3), name
    # the bundled opening values are that stationary state: nothing moves without a shock
    run = simulate(bundled("gl-lp"), 20)
    np.testing.assert_allclose(run["Y"], want["Y"], rtol=1e-10)


def test_lp_rate_rise_first_lowers_then_raises_income() -> None:
    # G&L (2007) section 5.7 (Figures 5.3-5.4): higher bill and bond rates from period 5
    # (rb 0.03 -> 0.04, pbl 20 -> 15): capital losses on bonds first cut wealth and
    # consumption, then higher interest income raises disposable income and output above
    # the old stationary state; V/YDr returns to (1 - alpha1)/alpha2 = 1.
    run = simulate(bundled("gl-lp"), 400, shocks={"rb": {5: 0.04}, "pbl": {5: 15.0}})
    base = _lp_stationary(0.03, 20.0)["Y"]
    new = _lp_stationary(0.04, 15.0)
    # the capital loss is booked in period 5; consumption reads V[-1], so output falls in 6
    assert run["CG"][4] == pytest.approx((15.0 - 20.0) * run["BLh"][3], rel=1e-12)
    assert run["Y"][4] == pytest.approx(base, rel=1e-12)
    assert run["Y"][5] < base - 1.0
    assert new["Y"] > base
    assert run["Y"][-1] == pytest.approx(new["Y"], rel=1e-8)
    assert run["V"][-1] / run["YDr"][-1] == pytest.approx(1.0, rel=1e-8)
    assert run.max_accounting_residual <= 1e-9


def test_reg_symmetric_stationary_state_and_twin_deficits() -> None:
    # G&L (2007) ch. 6, model REG. Identical regions: each is a PC economy with balanced
    # trade, so YD* = (1 - theta) G_i / (theta - (1 - theta) r c), c = k (l0 + l1 r) - l2,
    # k = (1 - alpha1)/alpha2 (derived as for PC above).
    th, r, g, a1, a2 = 0.2, 0.025, 20.0, 0.7, 0.3
    c = (1 - a1) / a2 * (0.67 + 0.05 * r) - 0.01
    yd = (1 - th) * g / (th - (1 - th) * r * c)
    ss = steady_state(bundled("gl-reg"))
    assert ss["Y_N"] == pytest.approx(yd + g, rel=1e-10)
    assert ss["Y_S"] == pytest.approx(yd + g, rel=1e-10)
    assert ss["X_S"] == pytest.approx(ss["IM_S"], rel=1e-10)
    # G&L section 6.3 (Figure 6.1, eq. 6.32): a higher propensity to import of the South
    # (mu_S 0.15 -> 0.25) lowers Southern and raises Northern output, and in the new
    # stationary state the South's government balance equals its trade balance, both in
    # deficit: TX_S - (G_S + r Bh_S) = X_S - IM_S < 0.
    s = steady_state(bundled("gl-reg"), set={"mu_S": 0.25})
    gov = s["TX_S"] - (s["G_S"] + s["r"] * s["Bh_S"])
    trade = s["X_S"] - s["IM_S"]
    assert gov == pytest.approx(trade, rel=1e-9) and trade < 0
    assert s["Y_S"] < ss["Y_S"] < s["Y_N"]
    run = simulate(bundled("gl-reg"), 300, set={"mu_S": 0.25})
    assert run["Y_S"][-1] == pytest.approx(s["Y_S"], rel=1e-8)
    assert run.max_accounting_residual <= 1e-9


def _floor_recursion(periods: int, g_path: list[float]) -> tuple[list[float], list[float]]:
    """Independent solution of sim-floor: try each branch of the rule, keep the consistent one."""
    a1, a2, th, a3, i_star, phi, ybar, floor = 0.6, 0.4, 0.2, 2.0, 2.0, 0.1, 100.0, 0.1
    h = 80.0
    ys, rates = [], []
    for t in range(periods):
        g = g_path[t]
        y = (a2 * h + g + a3 * phi * ybar) / (1 - a1 * (1 - th) + a3 * phi)
        i = i_star + phi * (y - ybar)
        if i < floor:
            i = floor
            y = (a2 * h + g - a3 * (floor - i_star)) / (1 - a1 * (1 - th))
            assert i_star + phi * (y - ybar) <= floor  # the floor branch is consistent
        yd = (1 - th) * y
        c = y - g
        h = h + yd - c
        ys.append(y)
        rates.append(i)
    return ys, rates


def test_regime_switch_inside_simultaneous_block_picks_the_right_branch() -> None:
    # Regression case of issue #10 (sfcr's Broyden returns wrong answers on if/else blocks):
    # i = max(rule(Y), floor) and Y depend on each other in the same period; a fall in G
    # in period 3 moves the solution to the floor from a guess on the other branch, a rise
    # in period 20 moves it back.
    g_path = [20.0] * 2 + [5.0] * 17 + [40.0] * 11
    run = simulate(bundled("sim-floor"), 30, shocks={"G": {3: 5.0, 20: 40.0}})
    ys, rates = _floor_recursion(30, g_path)
    np.testing.assert_allclose(run["Y"], ys, rtol=1e-10)
    np.testing.assert_allclose(run["i"], rates, rtol=1e-10)
    assert run.regimes[:2] == ("", "") and set(run.regimes[2:19]) == {"floor"}
    assert set(run.regimes[19:]) == {""}
    # the floor binds on exactly the periods where the unconstrained rule is below it
    unconstrained = 2.0 + 0.1 * (run["Y"] - 100.0)
    assert [r == "floor" for r in run.regimes] == list(unconstrained <= 0.1 + 1e-12)


def test_where_regime_gives_the_same_path_as_max() -> None:
    # the floor written as where(...) (a conditional) instead of max(...)
    from monpol.sfc import Equation, Model

    m = bundled("sim-floor")
    rule = "i = where(i_star + phi*(Y - Ybar) > i_floor, i_star + phi*(Y - Ybar), i_floor)"
    eqs = [Equation(e.label, rule, e.line) if e.label == "rule" else e for e in m.equations]
    alt = Model("sim-floor-where", endogenous=m.endogenous, exogenous=m.exogenous,
                parameters=m.parameters, equations=eqs, transactions=m.transactions,
                regimes=m.regimes)
    shocks = {"G": {3: 5.0, 20: 40.0}}
    np.testing.assert_allclose(simulate(alt, 30, shocks=shocks)["i"],
                               simulate(m, 30, shocks=shocks)["i"], rtol=1e-10)
