"""Property tests: random shock paths keep every declared matrix balanced (G&L tables)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from monpol.sfc import bundled, simulate

SIM = bundled("gl-sim")
PC = bundled("gl-pc")
PERIODS = 30

_steps = st.dictionaries(st.integers(1, PERIODS), st.floats(0.0, 60.0), max_size=5)


@settings(max_examples=30, deadline=None)
@given(g=_steps, theta=st.floats(0.05, 0.5), a1=st.floats(0.1, 0.9))
def test_sim_matrices_balance_under_random_shocks(g: dict[int, float], theta: float, a1: float) -> None:
    run = simulate(SIM, PERIODS, shocks={"Gd": g, "theta": {1: theta}, "alpha1": {1: a1}},
                   check="report")
    assert run.max_accounting_residual <= 1e-9


@settings(max_examples=30, deadline=None)
@given(g=_steps, r=st.dictionaries(st.integers(1, PERIODS), st.floats(0.0, 0.08), max_size=5))
def test_pc_matrices_balance_under_random_shocks(g: dict[int, float], r: dict[int, float]) -> None:
    run = simulate(PC, PERIODS, shocks={"G": g, "r_bar": r}, check="report")
    assert run.max_accounting_residual <= 1e-9
