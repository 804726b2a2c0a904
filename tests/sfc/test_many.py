"""simulate_many (scenarios at once) equals simulate run scenario by scenario."""

from __future__ import annotations

import numpy as np
import pytest

from monpol.errors import InputError
from monpol.sfc import bundled, simulate, simulate_many


def test_many_equals_one_by_one_sim_pc_and_regime() -> None:
    rng = np.random.default_rng(7)
    for name, draws in (
        ("gl-sim", {"Gd": rng.uniform(5, 40, 6), "theta": rng.uniform(0.1, 0.4, 6)}),
        ("gl-pc", {"G": rng.uniform(5, 40, (6, 20)), "r_bar": rng.uniform(0.0, 0.06, 6)}),
        # a path that takes some scenarios to the floor and others not
        ("sim-floor", {"G": rng.uniform(0, 40, (6, 20))}),
    ):
        batch = simulate_many(bundled(name), 20, draws)
        assert batch.values.shape[:2] == (6, 20)
        for s in range(6):
            shocks = {k: ({t + 1: float(v[s, t]) for t in range(20)} if v.ndim == 2 else {1: float(v[s])})
                      for k, v in draws.items()}
            one = simulate(bundled(name), 20, shocks=shocks)
            np.testing.assert_allclose(batch.scenario(s + 1).values, one.values, rtol=1e-10, atol=1e-12)
        assert batch.max_accounting_residual <= 1e-9
    assert set(batch.to_dict()) == {"model", "periods", "scenarios", "series", "max_accounting_residual"}
    assert batch.to_frame().index.names == ["scenario", "period"]


def test_many_domae_floor_and_corridor_scenarios() -> None:
    # B_c across the floor/corridor boundary: the batched Newton handles both branches
    b_c = np.array([560.0, 60.0, 200.0, 30.0])
    batch = simulate_many(bundled("domae"), 10, {"B_c": b_c}, set={"CBL": 30.0})
    for s, v in enumerate(b_c):
        one = simulate(bundled("domae"), 10, set={"CBL": 30.0, "B_c": float(v)})
        np.testing.assert_allclose(batch.scenario(s + 1)["y"], one["y"], rtol=1e-10)
        np.testing.assert_allclose(batch.scenario(s + 1)["i_C"], one["i_C"], rtol=1e-10)


def test_many_input_errors() -> None:
    with pytest.raises(InputError, match="only exogenous variables and parameters"):
        simulate_many(bundled("gl-sim"), 3, {"Y": [1.0, 2.0]})
    with pytest.raises(InputError, match=r"must have shape \(S,\) or \(S, 3\)"):
        simulate_many(bundled("gl-sim"), 3, {"Gd": np.ones((2, 4))})
    with pytest.raises(InputError, match=r"must be in 1\.\.50000000"):
        simulate_many(bundled("gl-sim"), 100_000, {"Gd": np.ones(100)})
