"""``monpol sfc``: list, show, run through click's runner; JSON keys are the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.sfc import bundled, simulate


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, ["sfc", *args])
    return res.exit_code, res.stdout, res.stderr


def test_list_and_show() -> None:
    code, out, _ = _run("list", "--format", "json")
    assert code == 0
    assert {"gl-sim", "gl-pc", "gl-simex", "sim-floor"} <= {r["model"] for r in json.loads(out)}
    code, out, _ = _run("show", "gl-sim")
    assert code == 0 and "(3.10) Y = Cs + Gs" in out and "blocks (solution order)" in out
    code, out, _ = _run("show", "gl-pc", "--format", "json")
    d = json.loads(out)
    assert d["blocks"][0]["method"] == "newton" and "Bills" in d["balance_sheet"]


def test_run_json_contract_and_options() -> None:
    code, out, err = _run("run", "gl-sim", "--periods", "3", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    assert set(d) == {"model", "periods", "series", "max_accounting_residual", "regimes"}
    assert d["periods"] == 3 and d["series"]["Y"][0] == pytest.approx(20 / 0.52)
    code, out, err = _run("run", "gl-sim", "--periods", "6", "--set", "theta=0.25",
                          "--shock", "Gd=30@4", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    ref = simulate(bundled("gl-sim"), 6, set={"theta": 0.25}, shocks={"Gd": {4: 30.0}})
    assert d["series"]["Y"] == pytest.approx(ref["Y"].tolist(), rel=1e-12)
    code, out, _ = _run("run", "sim-floor", "--periods", "5", "--shock", "G=5@2", "--format", "json")
    assert json.loads(out)["regimes"][1:] == ["floor"] * 4
    code, out, _ = _run("run", "gl-pc", "--periods", "4", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("period,Y,") and len(out.splitlines()) == 5
    code, out, _ = _run("run", "gl-pc", "--periods", "4")
    assert code == 0 and "max accounting residual" in out


def test_run_model_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\n[exogenous]\nG = 10\n[endogenous]\nY = 0\n'
                    '[[equations]]\nlabel = "1"\neq = "Y = 2*G"\n', encoding="utf-8")
    code, out, err = _run("run", str(path), "--periods", "2", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["series"]["Y"] == [20.0, 20.0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("run", "gl-nope"), "model must be one of"),
        (("show", "gl-nope"), "model must be one of"),
        (("run", "gl-sim", "--periods", "0"), "--periods must be an integer >= 1"),
        (("run", "gl-sim", "--periods", "200000"), "periods must be at most 100000"),
        (("run", "gl-sim", "--set", "theta"), "--set takes NAME=VALUE"),
        (("run", "gl-sim", "--set", "zzz=1"), "'zzz' is not a symbol"),
        (("run", "gl-sim", "--shock", "Gd=30"), "--shock takes NAME=VALUE@PERIOD"),
        (("run", "gl-sim", "--shock", "Y=30@2"), "only exogenous variables and parameters"),
        (("run", "gl-sim", "--shock", "Gd=x@2"), "--shock Gd must be a finite number"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    code, _out, err = _run(*args)
    assert code == 2
    assert err.count("\n") == 1 and message in err and err.startswith("monpol: error:")
