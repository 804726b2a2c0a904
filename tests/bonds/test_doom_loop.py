from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from monpol.bonds.doom_loop import DoomLoopSpec, find_threshold, simulate
from monpol.core.errors import ConvergenceError, InputError


def reference_path(p: dict[str, float], horizon: int, ceiling: float = 25.0) -> dict[str, list[float]]:
    """Independent scalar re-implementation of equations (1)-(5), in percent, one scenario."""
    d, i = p["debt"] / 100, p["effective_rate"] / 100
    s0 = p["cb_share"] / 100
    h, s = s0 * d, s0
    g1 = 1 + p["growth"] / 100
    b = i * d / g1
    m = min(p["market_rate"] / 100 + p["risk_premium"] / 100, ceiling / 100)
    out = {"debt": [d], "effective_rate": [i], "market_rate": [m], "cb_share": [s]}
    for _ in range(horizon):
        rho = (p["risk_premium"] / 100 + p["premium_sensitivity"] * max(0.0, b - p["burden_threshold"] / 100)
               - p["cb_effect"] * (s - s0))
        m = min(p["market_rate"] / 100 + rho, ceiling / 100)
        i = i + (m - i) / p["average_maturity"]
        b = i * d / g1
        d = d * (1 + i) / g1 - p["primary_balance"] / 100
        # holdings are a ratio to GDP: H_t / Y_t = (H_{t-1} + Q_t) / Y_t
        h = min(max(h / g1 + p["cb_purchases"] / 100, 0.0), max(d, 0.0))
        s = h / d if d > 0 else 0.0
        out["debt"].append(d)
        out["effective_rate"].append(i)
        out["market_rate"].append(m)
        out["cb_share"].append(s)
    return {k: [100 * v for v in vals] for k, vals in out.items()}


def test_vectorised_equals_scalar_reference() -> None:
    rng = np.random.default_rng(20250520)
    n = 40
    spec = DoomLoopSpec(
        debt=rng.uniform(50, 300, n), effective_rate=rng.uniform(0, 5, n),
        market_rate=rng.uniform(0, 6, n), growth=rng.uniform(-1, 5, n),
        primary_balance=rng.uniform(-4, 2, n), average_maturity=rng.uniform(1, 15, n),
        risk_premium=rng.uniform(0, 1, n), premium_sensitivity=rng.uniform(0, 0.6, n),
        burden_threshold=rng.uniform(1, 5, n), cb_share=rng.uniform(0, 60, n),
        cb_purchases=rng.uniform(-5, 5, n), cb_effect=rng.uniform(0, 0.05, n), horizon=25)
    res = simulate(spec)
    arrays = spec.arrays()
    for k in range(n):
        ref = reference_path({name: float(v[k]) for name, v in arrays.items()}, 25)
        np.testing.assert_allclose(res.debt[k], ref["debt"], rtol=1e-10)
        np.testing.assert_allclose(res.effective_rate[k], ref["effective_rate"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(res.market_rate[k], ref["market_rate"], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(res.cb_share[k], ref["cb_share"], rtol=1e-10, atol=1e-12)


def test_no_purchases_keeps_holdings_constant_in_yen() -> None:
    # q = 0: the central bank's nominal holdings H stay put, so H/Y falls with nominal growth
    # and the share H/D falls as the debt grows in yen; holdings/GDP = s_t d_t
    res = simulate(cb_purchases=0.0, growth=2.0, market_rate=1.0, horizon=10)
    held = res.cb_share[0] * res.debt[0] / 100  # percent of GDP
    np.testing.assert_allclose(held, 0.527 * 230 / 1.02 ** np.arange(11), rtol=1e-12)
    assert (np.diff(res.cb_share[0]) < 0).all()
    # buying exactly g/(1+g) of the holdings a year keeps holdings/GDP constant
    q = 0.527 * 230 * (1 - 1 / 1.02)
    steady = simulate(cb_purchases=q, growth=2.0, market_rate=1.0, horizon=10)
    np.testing.assert_allclose(steady.cb_share[0] * steady.debt[0] / 100, 0.527 * 230, rtol=1e-12)


def test_closed_forms_without_feedback() -> None:
    # kappa = phi = 0: the effective rate converges geometrically, i_t = r + (i_0 - r)(1 - 1/M)^t
    res = simulate(premium_sensitivity=0.0, cb_effect=0.0, effective_rate=0.5, market_rate=3.0,
                   average_maturity=8.0, horizon=20)
    t = np.arange(21)
    np.testing.assert_allclose(res.effective_rate[0], 3.0 + (0.5 - 3.0) * (1 - 1 / 8) ** t)
    np.testing.assert_allclose(res.market_rate[0], 3.0)
    # M = 1: i_t = r from year 1, and d_t = a^t d_0 - pb (a^t - 1)/(a - 1), a = (1 + r)/(1 + g)
    r, g, pb, d0 = 0.03, 0.02, -0.02, 2.3
    res = simulate(premium_sensitivity=0.0, cb_effect=0.0, average_maturity=1.0, market_rate=3.0,
                   growth=2.0, primary_balance=-2.0, debt=230.0, horizon=15)
    a = (1 + r) / (1 + g)
    expected = a ** t[:16] * d0 - pb * (a ** t[:16] - 1) / (a - 1)
    np.testing.assert_allclose(res.debt[0], expected * 100, rtol=1e-12)


@settings(max_examples=40)
@given(
    debt=st.floats(20, 300), rate=st.floats(-0.5, 8), market=st.floats(-0.5, 8),
    growth=st.floats(-3, 6), pb=st.floats(-5, 3), maturity=st.floats(1, 20),
    kappa=st.floats(0, 1), q=st.floats(-5, 5),
)
def test_debt_identity_holds_every_year(debt: float, rate: float, market: float, growth: float,
                                        pb: float, maturity: float, kappa: float, q: float) -> None:
    # d_t - d_{t-1} = b_t - g/(1+g) d_{t-1} - pb, with b_t = i_t d_{t-1}/(1+g) (percent of GDP)
    res = simulate(debt=debt, effective_rate=rate, market_rate=market, growth=growth,
                   primary_balance=pb, average_maturity=maturity, premium_sensitivity=kappa,
                   cb_purchases=q, horizon=15)
    d, b = res.debt[0], res.interest_burden[0]
    lhs = np.diff(d)
    rhs = b[1:] - growth / (100 + growth) * d[:-1] - pb
    # atol for differences near zero (a difference of two ~100 % debt ratios); rtol tighter than default
    np.testing.assert_allclose(lhs, rhs, rtol=1e-9, atol=1e-9)
    assert ((res.cb_share >= 0) & (res.cb_share <= 100 + 1e-9)).all()


def test_two_paths_and_outcome_rule() -> None:
    # fiscal channel alone (phi = 0): with no purchases the central bank's share falls as the
    # debt grows in yen, which with phi > 0 lifts the premium slowly in every scenario
    res = simulate(market_rate=[0.5, 1.0, 3.0, 5.0], cb_effect=0.0)
    assert res.outcome.tolist() == ["stabilises", "stabilises", "keeps rising", "keeps rising"]
    m = res.market_rate
    # rule: up more than 0.05 pp over the last 5 years, or at the 25% ceiling
    assert (m[:2, -1] - m[:2, -6] <= 0.05).all() and m[2, -1] - m[2, -6] > 0.05
    assert np.isnan(res.ceiling_year[:3]).all() and res.ceiling_year[3] > 0 and m[3, -1] == 25.0
    assert m.max() <= 25.0 + 1e-12
    sc = res.scenarios()
    assert {"outcome", "market_rate_end", "debt_end", "ceiling_year"} <= set(sc.columns)
    frame = res.to_frame()
    assert len(frame) == 4 * 31 and list(frame.columns[:2]) == ["scenario", "year"]
    d = res.to_dict()
    assert d["scenarios"][2]["outcome"] == "keeps rising"
    assert len(d["scenarios"][0]["paths"]["debt"]) == 31
    assert isinstance(res.plot(variable="debt"), Figure) and "keeps rising: 2" in str(res)


def test_threshold_separates_the_paths() -> None:
    th = find_threshold("market_rate", 0.0, 6.0, tol=1e-5)
    assert th.high - th.low < 1e-5 and th.low <= th.threshold <= th.high
    assert (th.outcome_below, th.outcome_above) == ("stabilises", "keeps rising")
    around = simulate(market_rate=[th.low - 1e-4, th.high + 1e-4])
    assert around.outcome.tolist() == ["stabilises", "keeps rising"]
    assert th.paths.outcome.tolist() == ["stabilises", "keeps rising"]
    assert th.to_dict()["bracket"] == [th.low, th.high] and th.unit == "percent"
    assert set(th.to_frame()["side"]) == {"below", "above"}
    assert isinstance(th.plot(), Figure) and "Doom-loop threshold in market_rate" in str(th)


def test_threshold_moves_with_growth_and_the_central_bank_lever() -> None:
    # fiscal channel alone (phi = 0): faster nominal growth tolerates higher market rates
    t = [find_threshold("market_rate", -2.0, 12.0, spec=DoomLoopSpec(growth=g, cb_effect=0.0)).threshold
         for g in (1, 2, 4)]
    assert t[0] < t[1] < t[2]
    # a better primary balance tolerates higher market rates, with or without the CB channel
    for phi in (0.0, 0.02):
        t = [find_threshold("market_rate", -4.0, 12.0,
                            spec=DoomLoopSpec(primary_balance=pb, cb_effect=phi)).threshold
             for pb in (-3.0, -1.0, 0.0)]
        assert t[0] < t[1] < t[2]
    # buying enough stops the rise; run-off does not
    lever = find_threshold("cb_purchases", -10.0, 30.0, spec=DoomLoopSpec(market_rate=1.6))
    assert (lever.outcome_below, lever.outcome_above) == ("keeps rising", "stabilises")
    assert 0 < lever.threshold < 30
    # ... and it takes more than keeping the holdings constant relative to GDP
    # (0.527 x 230 x 0.02/1.02, about 2.4% of GDP a year at 2% growth)
    assert lever.threshold > 0.527 * 230 * (1 - 1 / 1.02)


def test_spec_validation() -> None:
    with pytest.raises(InputError, match=r"average_maturity must be in \[1, 100\] years; got 0.5"):
        DoomLoopSpec(average_maturity=0.5)
    with pytest.raises(InputError, match=r"cb_share must be in \[0, 100\] percent of debt; got 120.0"):
        DoomLoopSpec(cb_share=120)
    with pytest.raises(InputError, match=r"debt must be in \(0, 1000\] percent of GDP; got -5.0"):
        DoomLoopSpec(debt=[100, -5])
    with pytest.raises(InputError, match="parameter arrays must have the same length"):
        DoomLoopSpec(debt=[100, 200], growth=[1, 2, 3])
    with pytest.raises(InputError, match="growth must contain only finite numbers"):
        DoomLoopSpec(growth=float("nan"))
    with pytest.raises(InputError, match="horizon must be an integer >= 2"):
        DoomLoopSpec(horizon=1)
    with pytest.raises(InputError, match="debt must be a number or a 1-d array"):
        DoomLoopSpec(debt=[[1.0]])
    with pytest.raises(InputError, match="parameter must be one of debt"):
        simulate(dept=100)
    with pytest.raises(InputError, match="window must be at most the horizon"):
        simulate(horizon=3, window=5)
    with pytest.raises(InputError, match=r"ceiling must be in \(0, 100\]"):
        simulate(ceiling=0)


def test_threshold_bad_input() -> None:
    with pytest.raises(InputError, match="parameter must be one of"):
        find_threshold("rate", 0, 1)
    with pytest.raises(InputError, match="low must be below high"):
        find_threshold("market_rate", 3, 1)
    with pytest.raises(InputError, match="spec must have a single scenario"):
        find_threshold("growth", 0, 5, spec=DoomLoopSpec(market_rate=[1, 2]))
    with pytest.raises(InputError, match=r"the outcome is 'stabilises' for every market_rate in \[0, 0.5\]"):
        find_threshold("market_rate", 0.0, 0.5, spec=DoomLoopSpec(cb_effect=0.0))


def test_threshold_reports_a_bracket_that_did_not_narrow_enough() -> None:
    # one round of 5 points leaves a bracket of 6/4 = 1.5, far above tol: an error, not a
    # threshold quietly less precise than asked for
    with pytest.raises(ConvergenceError, match=r"still 1.5 wide after max_rounds=1 rounds \(tol=0.0001\)"):
        find_threshold("market_rate", 0.0, 6.0, grid=5, max_rounds=1)


def test_threshold_rejects_non_monotone_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    import monpol.bonds.doom_loop as dl

    real = dl.simulate

    def wobbly(spec: DoomLoopSpec, **kw: object) -> dl.DoomLoopResult:
        res = real(spec, **kw)  # type: ignore[arg-type]
        out = np.where(np.arange(res.n_scenarios) % 2 == 0, "stabilises", "keeps rising")
        return dataclasses.replace(res, outcome=out)

    monkeypatch.setattr(dl, "simulate", wobbly)
    with pytest.raises(InputError, match="the outcome switches 32 times for market_rate"):
        dl.find_threshold("market_rate", 0.0, 6.0)
