"""``monpol islm sweep``: a grid or a CSV of draws, solved in chunks (same as the API)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.islm import solve_many
from monpol.islm.vectorised import grid_draws


def _run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, ["islm", "sweep", *args])
    return res.exit_code, res.stdout, res.stderr


def test_grid_json_equals_the_api() -> None:
    code, out, err = _run("--grid", "B_c=20:120:6", "--grid", "CBL=30:60:2", "--keep", "i_C",
                          "--keep", "y", "--format", "json")
    assert code == 0, err
    d = json.loads(out)
    api = solve_many(draws=grid_draws({"B_c": np.linspace(20, 120, 6), "CBL": [30.0, 60.0]}),
                     variables=["i_C", "y"])
    assert d["size"] == 12 and list(d["variables"]) == ["i_C", "y"]
    assert d["variables"]["i_C"] == api["i_C"].tolist()
    assert d["draws"]["CBL"][:2] == [30.0, 60.0]  # the last axis varies fastest


def test_draws_csv_to_csv(tmp_path: Path) -> None:
    src = tmp_path / "draws.csv"
    pd.DataFrame({"G": [105.0, 115.0], "B_c": [560.0, 40.0]}).to_csv(src, index=False)
    code, out, err = _run("--draws", str(src), "--format", "csv", "--chunk-size", "1")
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out))
    assert frame["regime"].tolist() == ["floor", "corridor"]
    assert {"param_G", "param_B_c", "y", "i_C", "eps", "e", "M", "B_b"} <= set(frame.columns)


def test_usage_errors_exit_2() -> None:
    code, _, err = _run()
    assert code == 2 and "give --grid axes or --draws FILE" in err
    code, _, err = _run("--grid", "B_c=20:120")
    assert code == 2 and "--grid takes NAME=START:STOP:COUNT" in err
    code, _, err = _run("--grid", "B_c=20:120:0")
    assert code == 2 and "count" in err
    code, _, err = _run("--grid", "B_c=20:120:3", "--keep", "GDP")
    assert code == 2 and "variables must be one of" in err
    code, _, err = _run("--grid", "beta_0=0:2:3")
    assert code == 2 and "beta_0" in err
