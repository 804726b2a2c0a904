"""``--backend numpy|dask --scheduler ADDRESS --chunk-size N`` on the chunked commands."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from monpol.cli.main import cli

EXIT = ["exit", "simulate", "--holdings", "boj-jgb-holdings-2022-12", "--curve", "mof-par-curve-2022-06",
        "--excess-reserves", "477", "--start-year", "2023", "--years", "10", "--capital", "11",
        "--paths", "900", "--seed", "5", "--chunk-size", "200", "--format", "json"]


def _json(args: list[str]) -> Any:
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_exit_simulate_on_dask_equals_numpy(dask_backend: Any) -> None:
    a = _json(EXIT)
    b = _json([*EXIT, "--backend", "dask", "--scheduler", dask_backend.scheduler])
    assert a == b
    assert a["settings"]["chunk_size"] == 200


def test_unreachable_scheduler_is_one_line_exit_2() -> None:
    res = CliRunner().invoke(cli, [*EXIT, "--backend", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                     "--scheduler-timeout", "0.5"])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr
    assert "scheduler 'tcp://127.0.0.1:1' could not be reached" in res.stderr


def test_scheduler_needs_the_dask_backend() -> None:
    res = CliRunner().invoke(cli, [*EXIT, "--scheduler", "tcp://127.0.0.1:8786"])
    assert res.exit_code == 2 and "--scheduler goes with --backend dask" in res.stderr


SWEEP = ["islm", "sweep", "--grid", "B_c=20:120:9", "--grid", "CBL=30:60:3", "--chunk-size", "5",
         "--format", "json"]


def test_islm_sweep_on_dask_equals_numpy(dask_backend: Any) -> None:
    a = _json(SWEEP)
    b = _json([*SWEEP, "--backend", "dask", "--scheduler", dask_backend.scheduler])
    assert a == b
    assert a["size"] == 27 and a["chunk_size"] == 5 and set(a["regime"]) == {"floor", "corridor"}


DOOM = ["bonds", "doom-loop", "--market-rate", "1.6", "--cb-purchases", "0:5:0.25", "--chunk-size", "4",
        "--format", "json"]


def test_doom_loop_grid_on_dask_equals_numpy(dask_backend: Any) -> None:
    a = _json(DOOM)
    b = _json([*DOOM, "--backend", "dask", "--scheduler", dask_backend.scheduler])
    assert a == b
    assert len(a["scenarios"]) == 21 and {s["outcome"] for s in a["scenarios"]} == {
        "stabilises", "keeps rising"}
