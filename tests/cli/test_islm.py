"""``monpol islm``: driven through click's runner, JSON parsed (keys are the contract)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.islm import IslmSpec, solve


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, ["islm", *args])
    return res.exit_code, res.stdout, res.stderr


def _json(*args: str) -> dict:
    code, out, err = _run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_solve_json_has_every_variable_under_its_symbol() -> None:
    d = _json("solve")
    for key in ("y", "i_C", "i_D", "i_L", "i_B", "e", "eps", "D", "D_fs", "D_fl", "D_h", "CC",
                "R", "M", "multiplier", "L", "B_f", "B_h", "B_b", "FB_F", "FB_b", "NX", "y_1",
                "S_h", "I_fs", "I_fl", "W_h", "regime", "walras_residual", "balance_sheet"):
        assert key in d, key
    eq = solve()
    assert d["regime"] == "floor"
    assert d["i_C"] == pytest.approx(0.1)  # percent at the boundary
    assert d["y"] == pytest.approx(eq.y) and d["B_b"] == pytest.approx(eq.variables["B_b"])


def test_solve_set_regime_convention_and_params(tmp_path: Path) -> None:
    assert _json("solve", "--set", "B_c=60", "--set", "CBL=30")["regime"] == "corridor"
    assert _json("solve", "--set", "B_c=60,CBL=30")["regime"] == "corridor"
    fixed = _json("solve", "--regime", "fixed", "--set", "c_FB=2.5")
    assert fixed["regime"] == "fixed" and fixed["i_C"] == pytest.approx(0.5)
    paper = _json("solve", "--convention", "paper")
    assert paper["accounting_gap"] > 0 and paper["convention"] == "paper"
    path = tmp_path / "corridor.toml"
    path.write_text(IslmSpec.illustrative_corridor().to_toml(), encoding="utf-8")
    from_file = _json("solve", "--params", str(path), "--set", "G=120")
    assert from_file["regime"] == "corridor"
    assert from_file["y"] == pytest.approx(solve(IslmSpec.illustrative_corridor(G=120)).y)
    # the spec's examples for --set (rates in percent)
    d = _json("solve", "--set", "B_c=60", "--set", "CBL=30", "--set", "c_L=2.5", "--set", "G=120",
              "--set", "e_0=1.1", "--set", "i_R=0.1", "--set", "theta=0.5")
    assert d["i_L"] - d["i_C"] == pytest.approx(2.5)
    # the opening state by the names spec §7 uses (W_h, e, ...)
    state = _json("solve", "--set", "W_h=1600", "--set", "e=0.95")
    assert state["parameters"]["W_h_1"] == 1600 and state["parameters"]["e_1"] == 0.95


def test_solve_table_and_csv() -> None:
    code, out, _ = _run("solve")
    assert code == 0 and "floor regime" in out
    code, out, _ = _run("solve", "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["variable", "value", "unit", "description"]


@pytest.mark.parametrize(
    ("args", "code", "match"),
    [
        (["--set", "beta_0=1.5"], 2, "beta_0 (β_0, required reserve ratio) must be in [0, 1)"),
        (["--set", "GDP=3"], 2, "unknown parameter 'GDP'; valid names: i_R, i_CBL"),
        (["--set", "W_h=0"], 2, "W_h_1 (W_h,−1, household net worth (opening)) must be in (0, inf)"),
        (["--set", "nope"], 2, "--set takes NAME=VALUE"),
        (["--set", "theta=0"], 2, "theta (θ) must be > 0 under a floating exchange rate"),
        (["--set", "i_FB=60"], 2, "the exchange rate is undefined"),
        (["--set", "c=1"], 2, "c (c, marginal propensity to consume) must be in (0, 1)"),
        (["--regime", "crawling"], 2, "Invalid value for '--regime'"),
        (["--params", "missing.toml"], 2, "does not exist"),
        (["--set", "B_g_1=100"], 1, "violates assumption 26: banks' bond holdings B_b ="),
    ],
)
def test_solve_errors(args: list[str], code: int, match: str) -> None:
    got, _, err = _run("solve", *args)
    assert got == code
    assert match in err
    assert err.startswith("monpol: error:") and "Traceback" not in err


def test_solve_flag_violations() -> None:
    d = _json("solve", "--set", "B_g_1=100", "--flag-violations")
    assert d["ok"] is False and d["violations"][0]["assumption"] == "assumption 26"


@pytest.mark.parametrize("name", ["P1", "P2", "P3", "P4", "P5", "p2"])
def test_experiment_json(name: str) -> None:
    d = _json("experiment", name)
    assert d["holds"] is True and d["proposition"] == name.upper()
    assert d["differences"] and {"quantity", "case", "expected", "computed", "holds"} <= set(
        d["differences"][0])


def test_experiment_options_and_errors() -> None:
    d = _json("experiment", "P4", "--size", "1.0")
    i_l = next(r for r in d["differences"] if r["quantity"] == "i_L" and r["case"] == "floor")
    assert i_l["computed"] == pytest.approx(1.0)
    code, _, err = _run("experiment", "P6")
    assert code == 2 and "'P6' is not one of" in err
    code, _, err = _run("experiment", "P2", "--set", "B_c=60", "--set", "CBL=30")
    assert code == 2 and "must solve in the floor regime" in err
    code, out, _ = _run("experiment", "P1")
    assert code == 0 and "P1: exchange rate and money demand — holds" in out


def test_curves_writes_a_png_and_prints_the_data(tmp_path: Path) -> None:
    png = tmp_path / "islm.png"
    code, out, err = _run("curves", "--output", str(png), "--set", "B_c=60", "--set", "CBL=30",
                          "--format", "json")
    assert code == 0, err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    d = json.loads(out)
    assert d["equilibrium"]["regime"] == "corridor" and len(d["LM"]) == 121
    code, _, err = _run("curves", "--output", str(png))
    assert code == 2 and "already exists" in err
    assert _run("curves", "--output", str(png), "--overwrite")[0] == 0
    code, _, err = _run("curves", "--output", str(tmp_path / "islm.jpg"))
    assert code == 2 and "--output must be a .png file" in err


def test_simulate_json() -> None:
    d = _json("simulate", "--periods", "6", "--shock", "G=120@3", "--shock", "e_0=1.1@5-5")
    assert d["periods"] == 6 and len(d["path"]) == 6
    assert [s["kind"] for s in d["shocks"]] == ["permanent", "one-off"]
    assert d["accounts"]["ok"] is True and d["accounts"]["max_walras_relative"] < 1e-9
    assert d["path"][2]["y"] > d["path"][1]["y"]
    assert d["path"][4]["e"] == pytest.approx(1.1) and d["path"][5]["e"] == pytest.approx(1.0)
    paper = _json("simulate", "--periods", "3", "--convention", "paper")
    assert paper["accounts"]["cumulative_gap"] > 0 and paper["accounts"]["ok"] is False


def test_simulate_errors_and_flags() -> None:
    code, _, err = _run("simulate")
    assert code == 2 and "Missing option '--periods'" in err
    code, _, err = _run("simulate", "--periods", "5", "--shock", "G=120")
    assert code == 2 and "shock must look like NAME=VALUE@PERIOD" in err
    code, _, err = _run("simulate", "--periods", "5", "--shock", "W_h_1=3@2")
    assert code == 2 and "state variables move only through the model" in err
    code, _, err = _run("simulate", "--periods", "20")
    assert code == 1 and "violates assumption 26" in err and "--flag-violations" in err
    # the help warns about the calibration's first violation: keep it in step with the model
    from monpol.islm import simulate

    codes = simulate(periods=20, on_violation="flag").violation_codes
    first = next(t for t, c in enumerate(codes, start=1) if c)
    assert f"in period {first} violates" in err
    code, out, _ = _run("simulate", "--help")
    assert code == 0 and f"in period {first}." in " ".join(out.split())
    d = _json("simulate", "--periods", "20", "--flag-violations")
    assert d["violations"] and d["accounts"]["ok"] is True


def test_compare_and_params() -> None:
    d = _json("compare", "--change", "G=120")
    assert d["variables"]["y"]["difference"] > 0 and d["variables"]["i_C"]["difference"] == 0
    rows = _json("params")
    names = [r["name"] for r in rows]
    assert "beta_0" in names and "W_h_1" in names and len(names) == 47
    defaults = {r["name"]: r["default"] for r in rows}
    spec = IslmSpec().flat()
    assert all(defaults[k] == spec[k] for k in names)  # spec §7 values; NFA_b_1: null
    assert defaults["B_c"] == 560.0 and defaults["NFA_b_1"] is None
    code, out, _ = _run("params")
    assert code == 0 and "behaviour" in out
