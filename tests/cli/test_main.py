"""The CLI's shared behaviour: one-line errors, exit status, formats, --output."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli, main
from monpol.cli.options import FINITE


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_no_arguments_prints_help(runner: CliRunner) -> None:
    res = runner.invoke(cli, [])
    assert res.exit_code == 0
    assert "Usage: monpol" in res.output


def test_unknown_command_is_a_usage_error_on_one_line(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["nope"])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1
    assert res.stderr.startswith("monpol: error: No such command 'nope'")
    assert "Traceback" not in res.output


def test_library_input_error_exits_2_without_traceback(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["data", "show", "nope"])
    assert res.exit_code == 2
    assert res.stderr.startswith("monpol: error: dataset must be one of ")
    assert "got 'nope'" in res.stderr and res.stdout == ""


def test_debug_shows_the_exception(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["--debug", "data", "show", "nope"])
    assert res.exit_code == 1  # exception propagates to the runner
    assert type(res.exception).__name__ == "InputError"


def test_main_returns_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "show", "nope"]) == 2
    assert main(["data", "list", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)


def test_finite_param_type_rejects_nan() -> None:
    @click.command()
    @click.option("--x", type=FINITE)
    def cmd(x: float) -> None:
        click.echo(repr(x))

    r = CliRunner().invoke(cmd, ["--x", "nan"])
    assert r.exit_code == 2 and "'nan' is not a finite number" in r.output
    assert CliRunner().invoke(cmd, ["--x", "1.5"]).output == "1.5\n"


def test_output_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "list.json"
    assert runner.invoke(cli, ["data", "list", "--format", "json", "--output", str(target)]).exit_code == 0
    first = json.loads(target.read_text())
    res = runner.invoke(cli, ["data", "list", "--format", "json", "--output", str(target)])
    assert res.exit_code == 2 and "already exists" in res.stderr
    res = runner.invoke(cli, ["data", "list", "--format", "csv", "--output", str(target), "--overwrite"])
    assert res.exit_code == 0
    assert target.read_text().startswith("name,")
    assert isinstance(first, list)
