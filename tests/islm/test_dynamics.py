"""Dynamics: shocks, state transition, and the accounts in every period (property test)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from monpol.core.errors import AccountingError, InputError
from monpol.islm import IslmSpec, Scenario, Shock, simulate, solve
from monpol.islm.solver import solve_kernel, values_of

FLOOR = IslmSpec()
CORRIDOR = IslmSpec.illustrative_corridor()


# ------------------------------------------------------------------ shocks


def test_shock_parsing_and_kinds() -> None:
    assert Shock.parse("G=120@5") == Shock("G", 120.0, 5)
    s = Shock.parse(" nx_0 = -5 @ 3-4 ")
    assert (s.name, s.value, s.period, s.until, s.kind) == ("nx_0", -5.0, 3, 4, "temporary")
    assert Shock.parse("e_0=1.1@2-2").kind == "one-off"
    assert Shock("G", 120, 5).kind == "permanent"
    assert str(Shock.parse("G=120@5-6")) == "G=120@5-6"
    sc = Scenario.from_strings(["G=120@5", "B_c=570@5"], name="cb financing")
    assert len(sc.shocks) == 2 and sc.name == "cb financing"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("G=120", r"shock must look like NAME=VALUE@PERIOD .* got 'G=120'"),
        ("G@5", r"shock must look like"),
        ("G=abc@5", r"G \(G, government spending\) must be a finite number; got 'abc'"),
        ("W_h_1=3@2", r"state variables move only through the model"),
        ("W_h=3@2", r"state variables move only through the model"),
        ("regime=fixed@2", r"shock name must be a policy, exogenous or behavioural parameter"),
        ("beta_0=2@2", r"beta_0 .* must be in \[0, 1\)"),
        ("G=120@0", r"shock period must be an integer >= 1; got 0"),
        ("G=120@5-3", r"shock end period must be >= its start 5; got 3"),
    ],
)
def test_bad_shocks(text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        Shock.parse(text)


def test_bad_simulation_arguments() -> None:
    with pytest.raises(InputError, match="shock G=120@9 starts after the last period 5"):
        simulate(periods=5, shocks=["G=120@9"])
    with pytest.raises(InputError, match="periods must be an integer >= 1 and at most 1000000; got 0"):
        simulate(periods=0)
    with pytest.raises(InputError, match=r"period 3: c_B must be below c_L"):
        simulate(periods=5, shocks=["c_L=0.3@3"])
    with pytest.raises(InputError, match=r"period 4: the exchange rate is undefined"):
        simulate(periods=5, shocks=["i_FB=60@4-4"])
    with pytest.raises(InputError, match="shocks must be Shock objects"):
        simulate(periods=3, shocks=[3])  # type: ignore[list-item]
    with pytest.raises(InputError, match="spec must be an IslmSpec"):
        simulate("floor", periods=3)  # type: ignore[arg-type]


# ------------------------------------------------------------------ transitions


def test_first_period_is_the_static_equilibrium() -> None:
    for spec in (FLOOR, CORRIDOR, FLOOR.replace(convention="paper")):
        sim = simulate(spec, periods=3)
        eq = solve(spec)
        first = sim.to_frame().loc[1]
        for k in ("y", "i_C", "e", "eps", "B_b", "W_h", "walras_residual"):
            assert first[k] == pytest.approx(eq.variables[k], rel=1e-12, abs=1e-12), k


def test_state_transition_of_spec_section_5() -> None:
    sim = simulate(CORRIDOR, periods=6, shocks=["G=118@2", "e_0=1.08@3-3", "i_FB=3.4@4", "FB_g=170@5"])
    f = sim.to_frame()
    for t in range(2, 7):
        prev, cur = f.loc[t - 1], f.loc[t]
        assert cur["W_h"] == pytest.approx(prev["W_h"] + cur["S_h"])
        assert cur["K_fs"] == pytest.approx(prev["K_fs"] + cur["I_fs"])
        assert cur["K_fl"] == pytest.approx(prev["K_fl"] + cur["I_fl"])
        ratio = cur["e"] / prev["e"]
        i_fb_prev = {1: 3.0, 2: 3.0, 3: 3.0, 4: 3.4, 5: 3.4}[t - 1] / 100
        # (2-6-b) and the opening dating of primary income
        assert cur["FB_F"] == pytest.approx(cur["NX"] + ratio * (1 + i_fb_prev) * prev["FB_F"])
        assert cur["y_1"] == pytest.approx(ratio * i_fb_prev * prev["FB_F"])
        # banks' net worth moves only by revaluation of last period's foreign bonds
        assert cur["NFA_b"] == pytest.approx(prev["NFA_b"] + (ratio - 1) * prev["FB_b"])
    G = {1: 110, 2: 118, 3: 118, 4: 118, 5: 118, 6: 118}
    fb_g = {1: 150, 2: 150, 3: 150, 4: 150, 5: 170, 6: 170}
    for t in range(2, 7):
        prev, cur = f.loc[t - 1], f.loc[t]
        # B_g,t = B_g,t−1 + G − T − y_1g + e·(FB_g,t − FB_g,t−1)
        purchase = cur["e"] * (fb_g[t] - fb_g[t - 1])
        assert cur["B_g"] == pytest.approx(prev["B_g"] + G[t] - 100 - cur["y_1g"] + purchase)
        assert cur["FB_g"] == pytest.approx(cur["e"] * fb_g[t])


def test_one_off_and_permanent_shocks() -> None:
    base = simulate(FLOOR, periods=5).to_frame()
    once = simulate(FLOOR, periods=5, shocks=["e_0=1.1@3-3"]).to_frame()
    perm = simulate(FLOOR, periods=5, shocks=["e_0=1.1@3"]).to_frame()
    assert once.loc[3, "e"] == pytest.approx(1.1) and once.loc[4, "e"] == pytest.approx(1.0)
    assert perm.loc[4, "e"] == pytest.approx(1.1) and perm.loc[5, "e"] == pytest.approx(1.1)
    assert (once.loc[1:2, "y"] == base.loc[1:2, "y"]).all()


def test_newton_path_agrees_with_brentq() -> None:
    sim = simulate(CORRIDOR, periods=8, shocks=["B_c=75@3", "c_L=2.0@5"])
    for p, rec in zip(sim.params, sim.records, strict=True):
        ref = values_of(p, solve_kernel(p, method="brentq"))
        assert rec["i_C"] == pytest.approx(ref["i_C"], rel=1e-12)
        assert rec["y"] == pytest.approx(ref["y"], rel=1e-12)


def test_central_bank_bonds_are_carried() -> None:
    # under a peg at ī_R the central bank buys what LM needs (period 1) and keeps it: when
    # money demand falls (c_L up in period 2) banks hold the excess reserves instead
    f = simulate(CORRIDOR.replace(fx_regime="fixed"), periods=3, shocks=["c_L=2.5@2"]).to_frame()
    assert f.loc[1, "B_c"] > 60.0 and f.loc[1, "eps"] == 0.0
    assert f.loc[2, "B_c"] == f.loc[1, "B_c"] and f.loc[2, "eps"] > 0.0
    # under a floating rate a B_c shock is an open-market operation of the difference
    g = simulate(CORRIDOR, periods=4, shocks=["B_c=70@2", "B_c=65@4"]).to_frame()
    assert g["B_c"].tolist() == [60.0, 70.0, 70.0, 65.0]


def test_fixed_regime_simulation_keeps_the_peg() -> None:
    sim = simulate(FLOOR.replace(fx_regime="fixed", c_FB=2.5), periods=5, shocks=["G=115@2", "c_L=2@3"])
    f = sim.to_frame()
    assert set(f["regime"]) == {"fixed"}
    assert np.allclose(f["e"], 1.0) and np.allclose(f["i_C"], 0.5)
    assert sim.accounts_report().ok


# ------------------------------------------------------------------ accounts


_RANGES = {
    # i_FB ≥ 3.0 keeps a peg attainable: ī_FB − c_FB ≥ 0.1 ≥ ī_R
    "G": (95.0, 125.0), "T": (92.0, 108.0), "e_0": (0.85, 1.15), "theta": (0.2, 1.0),
    "i_FB": (3.0, 3.8), "c_L": (1.0, 2.5), "B_c": (40.0, 600.0), "CBL": (10.0, 80.0),
    "nx_0": (-20.0, 5.0), "C_0": (10.0, 30.0), "i_R": (0.0, 0.1), "FB_g": (120.0, 180.0),
    "cc_0": (0.08, 0.15), "y_F": (80.0, 120.0),
}


@st.composite
def shock_lists(draw: st.DrawFn) -> list[Shock]:
    n = draw(st.integers(min_value=0, max_value=12))
    shocks = []
    for _ in range(n):
        name = draw(st.sampled_from(sorted(_RANGES)))
        lo, hi = _RANGES[name]
        value = draw(st.floats(min_value=lo, max_value=hi, allow_nan=False))
        start = draw(st.integers(min_value=1, max_value=50))
        kind = draw(st.sampled_from(["permanent", "one-off", "temporary"]))
        until = {"permanent": None, "one-off": start,
                 "temporary": min(50, start + draw(st.integers(1, 10)))}[kind]
        shocks.append(Shock(name, value, start, until))
    return shocks


@pytest.mark.parametrize(
    "spec",
    [FLOOR, CORRIDOR, FLOOR.replace(fx_regime="fixed"), CORRIDOR.replace(fx_regime="fixed")],
    ids=["floor", "corridor", "fixed-floor", "fixed-corridor"],
)
@settings(max_examples=100)  # 4 specs × 100 examples × 50 periods: about 8 s in all
@given(shocks=shock_lists())
def test_accounts_hold_in_every_period_under_the_opening_convention(
    spec: IslmSpec, shocks: list[Shock]
) -> None:
    # assumption violations (e.g. B_b < 0 once households outgrow the bond supply) are
    # flagged, not raised: the identities must hold whatever the economics
    sim = simulate(spec, periods=50, shocks=shocks, on_violation="flag")
    report = sim.accounts_report(rtol=1e-9)  # rows, columns, Σ NFA, flows; tolerance 1e-9·D
    assert report.ok, report.messages()
    assert sim.walras_relative.max() < 1e-9
    frame = sim.to_frame()
    assert np.all(np.abs(frame["walras_residual"]) < 1e-9 * frame["D"])
    for t in (1, 25, 50):
        assert abs(sim.balance_sheet(t).loc["net financial assets", "sum"]) < 1e-9 * frame.loc[t, "D"]


def test_paper_convention_reports_its_accumulated_gap() -> None:
    sim = simulate(FLOOR.replace(convention="paper"), periods=6, shocks=["G=120@3"])
    f = sim.to_frame()
    gaps = []
    for t in range(1, 7):
        e_prev = 1.0 if t == 1 else f.loc[t - 1, "e"]
        fb_prev = 400.0 if t == 1 else f.loc[t - 1, "FB_F"]
        # the gap: y_1 as printed (ī_FB·FB_F) minus the interest credited to the stock
        gaps.append(f.loc[t, "y_1"] - f.loc[t, "e"] / e_prev * 0.03 * fb_prev)
    assert f["accounting_gap"].to_numpy() == pytest.approx(gaps)
    assert f["walras_residual"].to_numpy() == pytest.approx(np.cumsum(gaps), rel=1e-9)
    assert sim.walras_relative.max() < 1e-9  # residual − expected (the accumulated gap)
    assert not sim.accounts_report().ok
    assert sim.check() is not None  # the gap is expected under "paper": no error
    assert "accumulated accounting gap" in str(sim)


def test_violations_stop_the_simulation_or_are_flagged() -> None:
    with pytest.raises(AccountingError, match=r"in period \d+ violates assumption 26"):
        simulate(FLOOR, periods=20)
    sim = simulate(FLOOR, periods=20, on_violation="flag")
    first = next(t for t, codes in enumerate(sim.violation_codes, start=1) if codes)
    assert "B_b>=0" in sim.violation_codes[first - 1]
    assert sim.violations[first - 1][0].reference == "assumption 26"
    assert not sim.ok
    assert f"period {first}: VIOLATION" in str(sim)
    assert str(first) in sim.to_dict()["violations"]


def test_simulation_result_interface() -> None:
    sim = simulate(CORRIDOR, periods=4, shocks=["G=115@2"])
    f = sim.to_frame()
    assert f.index.name == "period" and list(f.index) == [1, 2, 3, 4]
    assert f.columns[0] == "regime" and "cumulative_gap" in f.columns
    assert sim.path("y").equals(f["y"])
    with pytest.raises(InputError, match="variable must be one of"):
        sim.path("GDP")
    assert sim.balance_sheet(2).shape == (9, 7)
    assert sim.sector_balances(4).loc["sum", "gap"] == pytest.approx(0.0, abs=1e-10)
    with pytest.raises(InputError, match=r"period must be in 1..4; got 5"):
        sim.balance_sheet(5)
    d = sim.to_dict()
    assert d["periods"] == 4 and len(d["path"]) == 4 and d["accounts"]["ok"] is True
    assert d["shocks"][0] == {"name": "G", "value": 115.0, "period": 2, "until": None,
                              "kind": "permanent"}
    assert sim.check().ok
    assert isinstance(sim.plot(variables=("y", "M")), Figure)
    with pytest.raises(TypeError):  # results are immutable: records are read-only
        sim.records[0]["y"] = 0.0  # type: ignore[index]
    import pickle

    assert pickle.loads(pickle.dumps(sim)).to_frame().equals(f)
