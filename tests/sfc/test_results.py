"""SfcRun / SfcSteadyState contract: to_dict keys, frame shape, immutability, plot."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from monpol.sfc import Model, bundled, compile_model, simulate, steady_state


def test_run_contract() -> None:
    run = simulate(bundled("gl-sim"), 5, shocks={"Gd": {3: 25.0}})
    d = run.to_dict()
    assert set(d) == {"model", "periods", "series", "max_accounting_residual", "regimes"}
    assert d["model"] == "gl-sim" and d["periods"] == 5 and d["regimes"] == []
    assert len(d["series"]["Y"]) == 5 and d["series"]["Gd"] == [20.0, 20.0, 25.0, 25.0, 25.0]
    frame = run.to_frame()
    assert frame.shape == (5, len(run.variables)) and frame.index.name == "period"
    assert list(frame.index) == [1, 2, 3, 4, 5]
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.model = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        run.values[0, 0] = 1.0
    assert "max accounting residual" in str(run)
    fig = run.plot(variables=["Y", "Cd"])
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["Y", "Cd"]
    ss = steady_state(bundled("gl-sim"))
    assert set(ss.to_dict()) == {"model", "values", "max_accounting_residual"}
    assert list(ss.to_frame().columns) == ["variable", "value"]


def test_shock_is_a_step_and_set_changes_base() -> None:
    base = simulate(bundled("gl-sim"), 4)
    pulse = simulate(bundled("gl-sim"), 4, shocks={"Gd": {2: 30.0, 3: 20.0}})
    assert pulse["Gd"].tolist() == [20.0, 30.0, 20.0, 20.0]
    assert pulse["Y"][0] == base["Y"][0] and pulse["Y"][1] > base["Y"][1]
    higher = simulate(bundled("gl-sim"), 1, set={"Gd": 40.0})
    assert higher["Y"][0] == pytest.approx(2 * base["Y"][0])


def test_python_constructor_and_blocks() -> None:
    m = Model("tiny", endogenous={"Y": 0.0, "C": 0.0, "H": 0.0}, exogenous={"G": 10.0},
              parameters={"c": 0.5, "w": 0.1},
              equations=[("1", "Y = C + G"), ("2", "C = c*Y + w*H[-1]"), ("3", "H = H[-1] + Y - C - G")])
    comp = compile_model(m)
    assert [b["method"] for b in comp.block_table()] == ["newton", "direct"]
    assert comp.block_table()[0]["variables"] == ["Y", "C"]
    run = simulate(m, 3)
    np.testing.assert_allclose(run["Y"], 20.0)
