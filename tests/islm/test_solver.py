"""One-period solver: against an independent solution, regimes, residuals, loud failures."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.islm import VARIABLES, IslmSpec, compare, solve
from monpol.islm.kernels import (
    balancing_nfa_b,
    goods_market,
    kernel_params,
    lm_gap,
    lm_gap_slope,
    to_kernel_units,
)
from tests.islm.reference.independent import reference

CORRIDOR = IslmSpec.illustrative_corridor()
# a peg above the floor: ī_FB − c_FB = 0.5 % > ī_R = 0.1 %, so B_c is endogenous
PEG = IslmSpec().replace(fx_regime="fixed", c_FB=2.5)

CASES = [
    (IslmSpec(), "floor"),
    (CORRIDOR, "corridor"),
    (PEG, "fixed"),
    (IslmSpec(convention="paper"), "floor"),
    (CORRIDOR.replace(convention="paper"), "corridor"),
    (CORRIDOR.replace(G=125, c_L=2.2, e_0=1.05, theta=0.8), "corridor"),
    (IslmSpec().replace(FB_F_1=450, e_1=0.95, i_FB_1=3.5), "floor"),
]


@pytest.mark.parametrize(("spec", "case"), CASES)
def test_solution_matches_an_independent_simultaneous_solve(spec: IslmSpec, case: str) -> None:
    # reference: tests/islm/reference/independent.py (all unknowns by fsolve, percent units)
    ref = reference(spec.flat(), "fixed" if case == "fixed" else case, spec.convention)
    eq = solve(spec)
    assert eq.regime == case
    for name, value in ref.items():
        # 1e-10 relative: fsolve stops at ~1e-13 on quantities in the hundreds
        assert eq.variables[name] == pytest.approx(value, rel=1e-10, abs=1e-10), name


def test_default_floor_by_hand() -> None:
    # Hand computation from spec §7 at i_C = ī_R = 0.1 %: i_D = −0.1, i_L = 1.6, i_B = 0.5,
    # e = 1, y_1 = 0.03·400 = 12, y_1g = 0.03·150 = 4.5, I_fs = 36, I_fl = 42.5,
    # NX = 25 − 0.02y; IS: (0.4(y + 7.5 − 100) − 20 − 30)/1.02 − 78.5 + 4.5 − 10 = 37 − 0.02y
    # ⇒ y = (121 + 87/1.02)/(0.4/1.02 + 0.02).
    y = (121 + 87 / 1.02) / (0.4 / 1.02 + 0.02)
    eq = solve()
    assert eq.y == pytest.approx(y, rel=1e-13)
    assert (eq.i_C, eq.i_D, eq.i_L, eq.i_B, eq.e) == pytest.approx((0.1, -0.1, 1.6, 0.5, 1.0))
    assert eq.variables["y_1"] == pytest.approx(12.0) and eq.variables["y_1g"] == pytest.approx(4.5)
    assert eq.variables["NFA_b"] == pytest.approx(650.0)  # 1400 + 400 + 500 − 1500 − 150


def test_regimes_and_reserve_complementarity() -> None:
    f, c, x = solve(), solve(CORRIDOR), solve(PEG)
    assert (f.regime, f.reserve_case) == ("floor", "floor")
    assert (c.regime, c.reserve_case) == ("corridor", "corridor")
    assert (x.regime, x.reserve_case) == ("fixed", "corridor")
    assert f.eps > 0 and f.i_C == 0.1
    assert c.eps == 0 and c.i_C > 0.1
    assert x.i_C == pytest.approx(0.5) and x.e == 1.0 and x.eps == 0.0
    assert x.variables["B_c"] != PEG.policy.B_c  # endogenous (note 17)
    for eq in (f, c, x):
        # ε ≥ 0, i_C ≥ ī_R, ε·(i_C − ī_R) = 0
        assert eq.eps >= 0 and eq.i_C >= 0.1
        assert eq.eps * (eq.i_C - 0.1) == pytest.approx(0.0, abs=1e-15)


def test_fixed_rate_at_the_floor_keeps_b_c_or_supplies_what_lm_needs() -> None:
    at_floor = solve(IslmSpec().replace(fx_regime="fixed"))  # ī_FB − c_FB = ī_R
    assert at_floor.regime == "fixed" and at_floor.reserve_case == "floor"
    assert at_floor.variables["B_c"] == 560.0 and at_floor.eps > 0
    needs_more = solve(CORRIDOR.replace(fx_regime="fixed"))
    assert needs_more.eps == 0.0 and needs_more.variables["B_c"] > 60.0
    assert needs_more.variables["lm_residual"] == pytest.approx(0.0, abs=1e-10)
    theta0 = solve(IslmSpec().replace(fx_regime="fixed", theta=0.0))
    assert theta0.e == 1.0 and theta0.y == pytest.approx(at_floor.y)


@pytest.mark.parametrize(("spec", "case"), CASES)
def test_residuals_vanish_and_walras_is_the_gap(spec: IslmSpec, case: str) -> None:
    eq = solve(spec)
    D = eq.variables["D"]
    assert abs(eq.variables["is_residual"]) < 1e-11 * D
    assert abs(eq.variables["lm_residual"]) < 1e-11 * D
    gap = eq.variables["accounting_gap"]
    if spec.convention == "opening":
        assert gap == 0.0
        assert abs(eq.variables["walras_residual"]) < 1e-12 * D
    else:
        assert gap > 0
        assert eq.variables["walras_residual"] == pytest.approx(gap, rel=1e-10)


def test_equilibrium_is_immutable_and_complete() -> None:
    eq = solve()
    with pytest.raises(dataclasses.FrozenInstanceError):
        eq.regime = "corridor"  # type: ignore[misc]
    with pytest.raises(TypeError):
        eq.variables["y"] = 1.0  # type: ignore[index]
    assert set(eq.variables) == set(VARIABLES)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = eq.nope
    assert "y" in dir(eq)


def test_results_pickle() -> None:
    import pickle

    eq = solve(CORRIDOR)
    back = pickle.loads(pickle.dumps(eq))
    assert back.variables == eq.variables and back.regime == "corridor"
    assert back.balance_sheet.equals(eq.balance_sheet)


def test_to_dict_is_the_cli_contract() -> None:
    d = solve(CORRIDOR).to_dict()
    for key in ("y", "i_C", "i_D", "i_L", "i_B", "e", "eps", "D", "D_fs", "D_fl", "D_h", "CC",
                "R", "M", "multiplier", "L", "B_f", "B_h", "B_b", "FB_F", "FB_b", "NX", "y_1",
                "S_h", "I_fs", "I_fl", "W_h", "regime", "walras_residual", "balance_sheet",
                "sector_balances", "violations", "units"):
        assert key in d, key
    assert d["regime"] == "corridor"
    assert d["i_L"] - d["i_C"] == pytest.approx(1.5)  # percent: c_L = 1.5 points
    assert d["units"]["rates"] == "percent per year"
    assert d["balance_sheet"]["bonds"]["government"] < 0
    assert d["NFA_b_1"] == pytest.approx(650.0) and d["NFA_b_1_derived"] is True


def test_to_frame_and_summary() -> None:
    eq = solve()
    frame = eq.to_frame()
    assert list(frame.columns) == ["variable", "value", "unit", "description"]
    assert frame.set_index("variable").loc["i_C", "unit"] == "percent per year"
    assert frame.set_index("variable").loc["y", "unit"] == "trillion yen"
    text = str(eq)
    assert "floor regime" in text and "Residuals" in text
    assert "paper convention" in str(solve(IslmSpec(convention="paper")))


@pytest.mark.parametrize(
    ("spec", "code", "match"),
    [
        (IslmSpec().replace(B_g_1=100), "B_b>=0",
         r"assumption 26: banks' bond holdings B_b = -1\d{3}\.\d+ < 0"),
        (IslmSpec().replace(FB_g=600), "FB_b>=0", r"assumption 29: banks' foreign bonds FB_b = "),
        (IslmSpec().replace(i_CBL=0.5), "i_CBL<=i_C",
         r"assumption 19: ī_CBL = 0.5 % exceeds the call rate i_C = 0.1 %"),
        (IslmSpec().replace(i_R=1.0, cc_0=0.01), "cc>=0",
         r"assumption 12: cash/deposit ratio cc = cc_0 − cc_1·i_D = -0.006 < 0 at i_D = 0.8 %"),
        (PEG.replace(CBL=200), "B_c>=0", r"paper note 17: central-bank bonds needed to hold the "
                                        r"peg B_c = .* < 0"),
        (IslmSpec().replace(NFA_b_1=600), "walras",
         r"call market \(Walras\): call-market residual CL − CM = -50.*check NFA_b_1"),
    ],
)
def test_assumption_violations_are_loud(spec: IslmSpec, code: str, match: str) -> None:
    with pytest.raises(AccountingError, match=match):
        solve(spec)
    flagged = solve(spec, on_violation="flag")
    assert not flagged.ok
    assert code in [v.code for v in flagged.violations]
    assert "VIOLATION" in str(flagged)
    assert flagged.to_dict()["violations"][0]["code"] in {v.code for v in flagged.violations}


def test_no_equilibrium_raises_convergence_error_with_the_residual() -> None:
    # money demand insensitive to rates and output: (cc + β_0)·D = 0.13·190 = 24.7 > H = 0
    flat = {"cc_1": 0, "b_s": 0, "b_l": 0, "b_h": 0, "k_s": 0, "k_l": 0, "k_h": 0, "w_h": 0,
            "CBL": 0, "B_c": 0}
    with pytest.raises(ConvergenceError, match=r"no call rate .* excess demand for high-powered "
                                               r"money is still 24.7"):
        solve(IslmSpec().replace(**flat))


def test_non_positive_money_demand_at_the_floor_raises() -> None:
    flat = {"a_s": -500, "a_l": -500, "a_h": -500, "k_s": 0, "k_l": 0, "k_h": 0, "w_h": 0}
    with pytest.raises(AccountingError, match=r"money demand D = -.* is not positive"):
        solve(IslmSpec().replace(**flat))


def test_bad_solve_arguments() -> None:
    with pytest.raises(InputError, match="spec must be an IslmSpec; got dict"):
        solve({"G": 1})  # type: ignore[arg-type]
    with pytest.raises(InputError, match="on_violation must be one of 'raise', 'flag'"):
        solve(on_violation="warn")  # type: ignore[arg-type]


def test_compare_gives_levels_and_differences() -> None:
    cs = compare(G=120)
    frame = cs.to_frame()
    assert list(frame.columns) == ["base", "alternative", "difference", "unit"]
    assert frame.loc["y", "difference"] == pytest.approx(frame.loc["y", "alternative"]
                                                         - frame.loc["y", "base"])
    assert cs.difference("y") > 0 and cs.difference("i_C") == 0
    assert cs.to_dict()["changes"] == {"G": 120}
    assert "Comparative statics: G = 120" in str(cs)
    from_eq = compare(solve(CORRIDOR), B_c=70)
    assert from_eq.difference("i_C") < 0
    with pytest.raises(InputError, match="compare needs at least one change"):
        compare()
    with pytest.raises(InputError, match="unknown parameter 'Gov'"):
        compare(Gov=1)


# ---------------------------------------------------------------- kernels


def test_kernel_units() -> None:
    assert to_kernel_units("i_R", 0.1) == pytest.approx(0.001)
    assert to_kernel_units("b_s", 20.0) == 2000.0
    assert to_kernel_units("G", 110.0) == 110.0
    p = kernel_params(IslmSpec())
    assert p.NFA_b_1 == pytest.approx(balancing_nfa_b(1500, 300, 200, 400, 1.0, 150, 1400))
    assert p.NFA_b_1 == pytest.approx(650.0)
    assert kernel_params(IslmSpec().replace(NFA_b_1=600)).NFA_b_1 == 600.0


@pytest.mark.parametrize("convention", ["opening", "paper"])
@pytest.mark.parametrize("i_C", [0.001, 0.004, 0.0075, 0.03])
def test_analytic_lm_slope_matches_finite_differences(convention: str, i_C: float) -> None:
    p = kernel_params(CORRIDOR.replace(convention=convention))
    gap, slope = lm_gap_slope(p, i_C)
    h = 1e-7
    fd = (lm_gap(p, goods_market(p, i_C + h)) - lm_gap(p, goods_market(p, i_C - h))) / (2 * h)
    assert gap == pytest.approx(lm_gap(p, goods_market(p, i_C)), rel=1e-12, abs=1e-12)
    # central differences with h = 1e-7 on values ~10: truncation and rounding ~1e-7 relative
    assert slope == pytest.approx(fd, rel=1e-6)


@pytest.mark.parametrize("convention", ["opening", "paper"])
def test_goods_market_closed_form_clears_is_at_any_rate(convention: str) -> None:
    p = kernel_params(CORRIDOR.replace(convention=convention))
    for i_C in np.linspace(0.0, 0.05, 7):
        g = goods_market(p, float(i_C))
        residual = g.S_h - g.I_fs - g.I_fl + g.y_1g + p.T - p.G - g.NX - g.y_1
        assert abs(residual) < 1e-10
        assert math.isclose(g.W_h, p.W_h_1 + g.S_h)


def test_undefined_exchange_rate_is_described_in_percent() -> None:
    # the spec refuses such parameters up front; the equilibrium check (used by the
    # solvers on kernel parameters) must state the same condition in the same units
    import dataclasses as dc

    from monpol.islm.assumptions import check_assumptions, describe

    eq = solve()
    p = dc.replace(kernel_params(IslmSpec()), i_FB=0.6)  # ī_FB = 60 % (kernel: fraction)
    assert check_assumptions(eq.raw, p)["e_defined"]
    v = describe("e_defined", eq.raw, p)
    assert v.reference == "eq. (2-6-a)"
    assert "θ + (i_C + c_FB − ī_FB)/100 = 0.5 + (0.1 + 2.9 − 60)/100 = -0.07 ≤ 0" in v.message
