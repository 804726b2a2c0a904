"""The IS-LM application layer: requests in, the same results as the domain calls out."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.io import dumps_json
from monpol.core.requests import Request
from monpol.islm import IslmSpec, api, compare, solve
from monpol.islm.curves import curves
from monpol.islm.dynamics import simulate
from monpol.islm.experiments import EXPERIMENTS, PropositionResult
from monpol.islm.experiments import run as run_proposition
from monpol.islm.spec import PARAMETERS, Policy

CORRIDOR = IslmSpec.illustrative_corridor()


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, ["islm", *args, "--format", "json"])
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


def test_solve_equals_the_domain_call_and_the_cli() -> None:
    eq = api.run_solve(api.SolveRequest(B_c=60, CBL=30))
    direct = solve(CORRIDOR)
    assert eq.variables == direct.variables and eq.regime == "corridor"
    cli = _cli_json("solve", "--set", "B_c=60", "--set", "CBL=30")
    assert cli["i_C"] == eq.to_dict()["i_C"] and cli["regime"] == eq.regime
    # spec §7 names of the opening state are accepted for their fields
    assert api.SolveRequest(W_h=1600).spec().state.W_h_1 == 1600.0


def test_model_requests_cover_compare_experiment_curves_simulate() -> None:
    cmp_ = api.run_compare(api.CompareRequest(changes={"G": 120}))
    assert cmp_.to_dict() == compare(IslmSpec(), G=120).to_dict()
    p4 = api.run_experiment(api.ExperimentRequest(name="p4", size=0.25, B_c=600))
    assert p4.to_dict() == run_proposition("P4", IslmSpec().replace(B_c=600), dc_L=0.25).to_dict()
    c = api.run_curves(api.CurvesRequest(points=11, B_c=60, CBL=30))
    assert c.to_dict() == curves(CORRIDOR, points=11).to_dict()
    assert c.equilibrium.balance_sheet.equals(solve(CORRIDOR).balance_sheet)
    sim = api.run_simulate(api.SimulateRequest(periods=3, shocks=("G=120@2",)))
    assert sim.to_frame().equals(simulate(IslmSpec(), periods=3, shocks=["G=120@2"]).to_frame())


def test_sweep_grid_equals_solve_many_and_the_cli() -> None:
    from monpol.islm.vectorised import grid_draws, solve_many

    req = api.SweepRequest(grid={"B_c": (40.0, 80.0, 3)}, CBL=30, keep=("y", "i_C"))
    got = api.run_sweep(req, chunk_size=2)
    direct = solve_many(IslmSpec().replace(CBL=30), grid_draws({"B_c": [40.0, 60.0, 80.0]}),
                        variables=["y", "i_C"])
    assert got.to_frame().equals(direct.to_frame())
    cli = _cli_json("sweep", "--grid", "B_c=40:80:3", "--set", "CBL=30", "--keep", "y",
                    "--keep", "i_C", "--chunk-size", "2")
    assert cli == json.loads(dumps_json(got.to_dict()))
    with pytest.raises(InputError, match="give grid axes or a draws_file"):
        api.SweepRequest()


def test_params_file_then_the_fields_that_are_set(tmp_path: Path) -> None:
    f = tmp_path / "corridor.toml"
    f.write_text('[policy]\nB_c = 60\nCBL = 30\nfx_regime = "floating"\n')
    req = api.SolveRequest(params_file=str(f), G=120)
    spec = req.spec()
    # unset fields keep the file's values (their defaults are the calibration's)
    assert (spec.policy.B_c, spec.policy.CBL, spec.policy.G) == (60.0, 30.0, 120.0)
    again = req.replace(G=115)
    assert again.spec().policy.B_c == 60.0 and again.spec().policy.G == 115.0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"beta_0": 1.5}, r"^beta_0 \(β_0, required reserve ratio\) must be in \[0, 1\); got 1.5"),
        ({"W_h": 0}, r"W_h_1 \(W_h,−1, household net worth \(opening\)\) must be in \(0, inf\); got 0"),
        ({"theta": 0}, r"theta \(θ\) must be > 0 under a floating exchange rate"),
        ({"fx_regime": "crawling"}, r"fx_regime must be one of 'floating' or 'fixed'.*got 'crawling'"),
        ({"GDP": 3}, r"GDP is not an option; allowed: params_file, fx_regime"),
        ({"c_FB": float("nan")}, r"c_FB .* must be a finite number|c_FB .*nan"),
    ],
)
def test_bad_model_input_names_field_value_and_allowed(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InputError, match=match):
        api.SolveRequest(**kwargs)


@pytest.mark.parametrize(
    ("cls", "kwargs", "match"),
    [
        (api.CurvesRequest, {"points": 3}, r"points must be at least 5 \(points on each curve\); got 3"),
        (api.SimulateRequest, {"periods": 0}, r"periods must be at least 1"),
        (api.SimulateRequest, {"periods": 2, "shocks": ("G=120",)},
         r"shock must look like NAME=VALUE@"),
        (api.ExperimentRequest, {"name": "P9"}, r"proposition must be one of 'P1', .*; got 'P9'"),
        (api.CompareRequest, {"changes": {"GDP": 1}}, r"unknown parameter 'GDP'; valid names"),
    ],
)
def test_bad_request_options(cls: type[Request], kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(InputError, match=match):
        cls(**kwargs)


def test_parameter_changes_resolves_aliases_and_refuses_unknown_names() -> None:
    assert api.parameter_changes([("e", "0.95"), ("B_c", "60")]) == {"e_1": "0.95", "B_c": "60"}
    with pytest.raises(InputError, match=r"unknown parameter 'GDP'; valid names: i_R, i_CBL"):
        api.parameter_changes([("GDP", "3")])


def test_fields_describe_themselves_for_the_dashboard() -> None:
    assert set(api.REQUESTS) == {"solve", "compare", "experiment", "curves", "simulate", "sweep"}
    for cls, run in api.REQUESTS.values():
        assert issubclass(cls, Request) and callable(run)
        for name, info in cls.model_fields.items():
            assert info.description, (cls.__name__, name)
    fields = api.SolveRequest.model_fields
    for name, p in PARAMETERS.items():
        assert fields[name].default == p.default
        if p.unit == "percent per year":
            assert "percent per year" in (fields[name].description or "")
        bounds = {type(m).__name__ for m in fields[name].metadata}
        if p.low is not None:
            assert bounds & {"Ge", "Gt"}, name
        if p.high is not None:
            assert bounds & {"Le", "Lt"}, name


def test_a_user_registered_proposition_runs_through_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    def p6(spec: IslmSpec | None = None, *, size: float = 1.0) -> PropositionResult:
        base = run_proposition("P2", spec, dG=size)
        return PropositionResult("P6", "G again", "named by the user", base.rows, base.shock,
                                 base.regimes)

    monkeypatch.setitem(EXPERIMENTS._items, "P6", p6)
    assert api.field_choices(api.ExperimentRequest, "name") == ["P1", "P2", "P3", "P4", "P5", "P6"]
    out = api.run_experiment(api.ExperimentRequest(name="p6", size=5.0))
    assert out.name == "P6" and out.to_dict()["differences"] == run_proposition(
        "P2", IslmSpec(), dG=5.0).to_dict()["differences"]


def test_fx_regime_replaces_regime_with_a_deprecation_warning() -> None:
    with pytest.warns(DeprecationWarning, match="'regime' is deprecated; use 'fx_regime'"):
        old = api.SolveRequest(regime="fixed", c_FB=2.5)
    assert old.spec().policy.fx_regime == "fixed"
    assert api.run_solve(old).regime == "fixed"
    with pytest.warns(DeprecationWarning, match="use 'fx_regime'"):
        assert IslmSpec().replace(regime="fixed").policy.fx_regime == "fixed"
    with pytest.warns(DeprecationWarning):
        assert Policy(regime="fixed").fx_regime == "fixed"
    with pytest.warns(DeprecationWarning):
        assert IslmSpec()["regime"] == "floating"
    with pytest.warns(DeprecationWarning):
        assert IslmSpec().policy.regime == "floating"
    with pytest.raises(InputError, match="give fx_regime or its deprecated name regime, not both"):
        IslmSpec().replace(regime="fixed", fx_regime="fixed")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        spec = IslmSpec().replace(fx_regime="fixed")
        assert spec.flat()["fx_regime"] == "fixed" and solve(spec).to_dict()["fx_regime"] == "fixed"


def test_cli_fx_regime_option_and_the_deprecated_regime_option() -> None:
    new = CliRunner().invoke(cli, ["islm", "solve", "--fx-regime", "fixed", "--set", "c_FB=2.5",
                                   "--format", "json"])
    old = CliRunner().invoke(cli, ["islm", "solve", "--regime", "fixed", "--set", "c_FB=2.5",
                                   "--format", "json"])
    assert new.exit_code == 0 and old.exit_code == 0
    assert json.loads(new.stdout) == json.loads(old.stdout)
    assert json.loads(new.stdout)["fx_regime"] == "fixed" and "deprecated" not in new.stderr
    assert "warning: --regime is deprecated; use --fx-regime" in old.stderr
