"""``monpol exit`` through click's runner: JSON contracts and bad input."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import MonpolWarning
from monpol.exit import PROJECTION_COLUMNS

ISSUE_COLUMNS = ["year", "holdings", "excess_reserves", "avg_yield", "interest_income",
                 "interest_expense", "net_income", "cumulative", "capital_remaining"]


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def year_csv(tmp_path: Path) -> Path:
    p = tmp_path / "ladder.csv"
    p.write_text("maturity_year,amount,yield\n2023,200,1.0\n2024,300,2.0\n2025,500,3.0\n")
    return p


BASE = ["--excess-reserves", "1000", "--start-year", "2023", "--years", "3"]


def _json(runner: CliRunner, args: list[str]) -> object:
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_project_json_rows_and_summary(runner: CliRunner, year_csv: Path) -> None:
    out = _json(runner, ["exit", "project", "--holdings", str(year_csv), *BASE, "--policy-rate", "0.5",
                         "--capital", "11", "--format", "json"])
    assert isinstance(out, dict)
    assert [r["year"] for r in out["rows"]] == [2023, 2024, 2025]
    assert set(ISSUE_COLUMNS) <= set(out["rows"][0])
    # the seed's worked example: 2.3% on the whole ladder in the first year
    assert out["rows"][0]["avg_yield"] == pytest.approx(2.3)
    assert out["summary"]["capital_exhausted"] is False
    assert out["summary"]["cumulative_loss"] == 0.0
    assert out["settings"]["reserves_timing"] == "year_start"


def test_project_csv_has_the_documented_columns(runner: CliRunner, year_csv: Path) -> None:
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(year_csv), *BASE, "--policy-rate", "0.5",
                              "--format", "csv"])
    frame = pd.read_csv(io.StringIO(res.stdout))
    assert tuple(frame.columns) == PROJECTION_COLUMNS


def test_project_issue_level_file_with_curve_and_rate_path(runner: CliRunner, tmp_path: Path) -> None:
    h = tmp_path / "issues.csv"
    h.write_text("issue,maturity,amount\nA,2023-06-20,100\nB,2030-03-20,200\n")
    path = tmp_path / "path.csv"
    path.write_text("year,rate\n2023,0.25\n2024,0.5\n2025,0.75\n")
    out = _json(runner, ["exit", "project", "--holdings", str(h), "--curve", "mof-par-curve-2022-06",
                         "--excess-reserves", "300", "--start-year", "2023", "--years", "3",
                         "--rate-path", str(path), "--holdings-timing", "maturity_date",
                         "--reserves-timing", "maturity_date", "--format", "json"])
    assert isinstance(out, dict)
    assert [r["policy_rate"] for r in out["rows"]] == [0.25, 0.5, 0.75]
    assert out["settings"]["yield_assignment"] == "at_start"
    # bond A is held from 1 January to 20 June 2023: 170 of 365 days
    assert out["rows"][0]["holdings"] == pytest.approx(200 + 100 * 170 / 365)


def test_project_boj_template_with_tiers_and_sales(runner: CliRunner) -> None:
    out = _json(runner, ["exit", "project", "--holdings", "boj-jgb-holdings-2022-12", "--curve",
                         "mof-par-curve-2022-06", "--excess-reserves", "477", "--start-year", "2023",
                         "--years", "5", "--capital", "11", "--exit-year", "2024", "--basic-balance",
                         "210", "--policy-rate-balance", "5", "--policy-rate", "0.5",
                         "--sell", "2025=20", "--sale-reference-rate", "-0.1", "--reinvest-share",
                         "0.5", "--format", "json"])
    assert isinstance(out, dict)
    rows = out["rows"]
    assert rows[0]["policy_rate"] == -0.1 and rows[1]["policy_rate"] == 0.5
    assert rows[2]["sold"] == 20.0 and rows[2]["realised_gains"] < 0
    assert "three tiers before 2024" in out["settings"]["pre_exit"]


def test_reproduce_json_contract(runner: CliRunner) -> None:
    out = _json(runner, ["exit", "reproduce", "--format", "json"])
    assert isinstance(out, list) and len(out) == 6
    keys = {"scenario", "reinvest_share", "policy_rate", "cumulative_loss", "published_cumulative_loss",
            "last_loss_year", "published_last_loss_year"}
    assert all(keys <= set(r) for r in out)
    assert [r["scenario"] for r in out] == ["A", "B", "C"] * 2
    assert [r["reinvest_share"] for r in out] == [0.0] * 3 + [0.5] * 3
    assert [r["published_cumulative_loss"] for r in out] == [0.0997, 2.4925, 10.6219, 0.0997, 1.5623, 7.2195]
    other = _json(runner, ["exit", "reproduce", "--reserves-timing", "year_end", "--format", "json"])
    assert isinstance(other, list)
    assert other[1]["cumulative_loss"] > out[1]["cumulative_loss"]


def test_reproduce_default_reading_and_readings_matrix(runner: CliRunner) -> None:
    from monpol.exit.seed import reproduce_readings, reproduce_seed

    default = _json(runner, ["exit", "reproduce", "--format", "json"])
    assert isinstance(default, list)
    api = reproduce_seed(yield_assignment="at_start").to_frame()
    assert [r["cumulative_loss"] for r in default] == pytest.approx(api["cumulative_loss"].tolist(),
                                                                    rel=1e-12)
    each = _json(runner, ["exit", "reproduce", "--yield-assignment", "each_year", "--format", "json"])
    assert isinstance(each, list) and each[1]["cumulative_loss"] > default[1]["cumulative_loss"]
    m = _json(runner, ["exit", "reproduce", "--readings", "--format", "json"])
    assert isinstance(m, dict) and set(m) == {"default", "reasons", "rows"}
    assert m["default"] == reproduce_readings().default and len(m["rows"]) == 24
    t10 = _json(runner, ["exit", "reproduce", "--reinvested-redemption", "maturity_year",
                         "--format", "json"])
    assert isinstance(t10, list) and len(t10) == 6


def test_reproduce_readings_refuses_a_single_reading(runner: CliRunner) -> None:
    res = runner.invoke(cli, ["exit", "reproduce", "--readings", "--yield-assignment", "each_year"])
    assert res.exit_code == 2 and "--readings shows every yield assignment" in res.output
    res = runner.invoke(cli, ["exit", "reproduce", "--reinvest-timing", "at_redemption",
                               "--reinvested-redemption", "maturity_year"])
    assert res.exit_code == 2 and "needs reinvest_timing 'next_year'" in res.output
    assert "Traceback" not in res.output


def test_simulate_json(runner: CliRunner, tmp_path: Path) -> None:
    args = ["exit", "simulate", "--holdings", "boj-jgb-holdings-2022-12", "--curve", "mof-par-curve-2022-06",
            "--excess-reserves", "477", "--start-year", "2023", "--years", "10", "--capital", "11",
            "--reinvest-share", "0.5"]
    out = _json(runner, [*args, "--paths", "300", "--seed", "5", "--floor", "0", "--format", "json"])
    assert isinstance(out, dict)
    assert 0.0 <= out["summary"]["probability_exhausted"] <= 1.0
    assert out["summary"]["paths"] == 300 and len(out["fan"]) == 10
    again = _json(runner, [*args, "--paths", "300", "--seed", "5", "--floor", "0", "--format", "json"])
    assert again == out
    paths = tmp_path / "paths.csv"
    matrix = pd.DataFrame([[0.5] * 10, [1.0] * 10], columns=[str(y) for y in range(2023, 2033)])
    matrix.to_csv(paths, index=False)
    given = _json(runner, [*args, "--rate-paths", str(paths), "--format", "json"])
    assert isinstance(given, dict) and given["summary"]["paths"] == 2
    # without the header row of years the first path would be read as a header and lost
    bare = tmp_path / "bare.csv"
    matrix.to_csv(bare, index=False, header=False)
    res = runner.invoke(cli, [*args, "--rate-paths", str(bare)])
    assert res.exit_code == 1 and res.stderr.count("\n") == 1
    assert "needs a header row naming the years of the horizon (2023, ..., 2032" in res.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(str(y) for y in range(2023, 2033)) + "\n" + "0.5," * 9 + "abc\n")
    res = runner.invoke(cli, [*args, "--rate-paths", str(bad)])
    assert res.exit_code == 1
    assert "the rate of path 0 in 2032 must be a finite number in percent; got 'abc'" in res.stderr


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--policy-rate", "0.5", "--reinvest-share", "1.5"], 2,
         r"reinvest_share must be in \[0, 1\]; got 1.5"),
        (["--policy-rate", "nan"], 2, "'nan' is not a finite number"),
        ([], 2, "give exactly one of --policy-rate and --rate-path"),
        (["--policy-rate", "0.5", "--years", "5", "--excess-reserves", "500"], 1,
         r"excess reserves turn negative in 2025"),
        (["--policy-rate", "0.5", "--sell", "2024:5", "--sale-reference-rate", "0"], 2,
         "--sell must look like YEAR=AMOUNT"),
        (["--policy-rate", "0.5", "--sell", "2024=5"], 2, "--sell needs --sale-reference-rate"),
        (["--policy-rate", "0.5", "--holdings-timing", "june"], 2, "Invalid value for '--holdings-timing'"),
        (["--policy-rate", "0.5", "--exit-year", "2030"], 2, "give three_tier"),
    ],
)
def test_project_bad_input(runner: CliRunner, year_csv: Path, extra: list[str], code: int,
                           message: str) -> None:
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(year_csv), *BASE, *extra])
    assert res.exit_code == code
    assert res.stderr.count("\n") == 1  # one line, no traceback
    assert re.search(message, res.stderr), res.stderr


def test_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("year,amount\n2024,1\n")
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(bad), *BASE, "--policy-rate", "0.5"])
    assert res.exit_code == 1 and "holdings need columns 'maturity_year,amount[,yield]'" in res.stderr
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(tmp_path / "none.csv"), *BASE,
                              "--policy-rate", "0.5"])
    assert res.exit_code == 2 and "does not exist" in res.stderr
    short = tmp_path / "short.csv"
    short.write_text("year,rate\n2023,0.5\n")
    good = tmp_path / "good.csv"
    good.write_text("maturity_year,amount,yield\n2030,10,1\n")
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(good), *BASE, "--rate-path", str(short)])
    assert res.exit_code == 2
    assert "rate path covers 2023-2023 but the projection needs 2023-2025" in res.stderr
    curve = tmp_path / "curve.csv"
    curve.write_text("maturity,yield\n1,abc\n10,1\n")
    res = runner.invoke(cli, ["exit", "project", "--holdings", str(good), *BASE, "--policy-rate", "0.5",
                              "--curve", str(curve), "--yield-assignment", "at_start"])
    assert res.exit_code == 1 and res.stderr.count("\n") == 1
    assert "yield of row 0 is missing or not a number; got 'abc'" in res.stderr


def test_exit_year_beyond_the_horizon_is_all_pre_exit(runner: CliRunner, year_csv: Path) -> None:
    out = _json(runner, ["exit", "project", "--holdings", str(year_csv), *BASE, "--policy-rate", "0.5",
                         "--exit-year", "2030", "--basic-balance", "100", "--format", "json"])
    assert isinstance(out, dict)
    assert [r["policy_rate"] for r in out["rows"]] == [-0.1] * 3
    # reserves 800, 500, 0 (the literal timing drains each year's redemptions in that year):
    # basic balance 100 at +0.1%, the rest at 0%
    assert [r["excess_reserves"] for r in out["rows"]] == [800.0, 500.0, 0.0]
    assert [r["interest_expense"] for r in out["rows"]] == pytest.approx([0.1, 0.1, 0.0])


def test_fraction_policy_rate_warns(runner: CliRunner, year_csv: Path) -> None:
    with pytest.warns(MonpolWarning, match="policy_rate = 0.005 looks like a fraction"):
        runner.invoke(cli, ["exit", "project", "--holdings", str(year_csv), *BASE, "--policy-rate", "0.005"],
                      catch_exceptions=True)
