"""monpol.sfc.api: requests in, the engine's results out; the CLI calls it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.sfc import api, bundled, simulate, steady_state


def test_simulate_and_steady_state_equal_the_engine() -> None:
    req = api.SimulateRequest(model="gl-sim", periods=30, set={"theta": 0.25},
                              shocks={"Gd": {5: 25.0}})
    got = api.run_simulate(req)
    direct = simulate(bundled("gl-sim"), 30, set={"theta": 0.25}, shocks={"Gd": {5: 25.0}})
    for v in direct.variables:
        np.testing.assert_array_equal(got[v], direct[v])
    ss = api.run_steady_state(api.SteadyStateRequest(model="gl-sim"))
    assert float(ss["Y"]) == pytest.approx(100.0)  # G&L SIM: Y* = G/θ = 20/0.2
    assert float(ss["Y"]) == float(steady_state(bundled("gl-sim"))["Y"])


def test_list_and_show() -> None:
    models = api.run_list()
    assert "gl-sim" in models.to_frame()["model"].tolist()
    assert list(models.to_frame().columns) == ["model", "title", "source", "equations"]
    shown = api.run_show(api.ShowRequest(model="gl-pc"))
    assert shown.to_dict()["model"] == "gl-pc"
    assert list(shown.to_frame().columns) == ["block", "method", "variables", "equations"]
    assert "blocks (solution order)" in str(shown)


def test_cli_json_is_the_api_result() -> None:
    res = CliRunner().invoke(cli, ["sfc", "run", "gl-sim", "--periods", "3", "--set",
                                   "theta=0.25", "--shock", "Gd=25@2", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    want = api.run_simulate(api.SimulateRequest(model="gl-sim", periods=3, set={"theta": 0.25},
                                                shocks={"Gd": {2: 25.0}}))
    assert out["series"]["Y"] == pytest.approx(list(map(float, want["Y"])), rel=1e-15)


@pytest.mark.parametrize(
    "fields,match",
    [
        ({"model": "gl-sim", "periods": 0}, r"periods must be at least 1"),
        ({"model": "gl-sim", "periods": 10**9}, r"periods must be at most 100000"),
        ({"model": "gl-sim", "set": {"theta": float("inf")}}, r"must be a finite number"),
        ({"model": "gl-sim", "shocks": {"Gd": {0: 25.0}}}, r"shocks Gd period must be"),
        ({"model": ""}, r"model"),
        ({"model": "gl-sim", "perods": 3}, r"perods is not an option"),
    ],
)
def test_bad_requests_are_input_errors(fields: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        api.SimulateRequest(**fields)


def test_run_functions_check_their_request() -> None:
    with pytest.raises(InputError, match="request must be a SimulateRequest"):
        api.run_simulate("gl-sim")  # type: ignore[arg-type]


def test_same_solution_whatever_the_hash_seed() -> None:
    # the equation-variable matching and the block order must not follow Python's hash seed
    # (they did with networkx's Hopcroft-Karp, which iterates over sets of nodes: Domae's
    # corridor solution then changed in its last bits from one process to the next)
    code = ("from monpol.sfc import api; r = api.run_simulate(api.SimulateRequest(model='domae', "
            "periods=1, set={'B_c': 60.0, 'CBL': 30.0})); print(repr(float(r['i_C'][0])), "
            "[b['variables'] for b in api.run_show(api.ShowRequest(model='domae')).blocks])")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")}
    assert len(outs) == 1
