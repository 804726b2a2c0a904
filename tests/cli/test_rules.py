"""``monpol rules`` through click's runner: JSON keys are part of the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.rules import ReactionFunction, china_quarterly


def run(*args: str) -> tuple[int, dict | list, str]:
    res = CliRunner().invoke(cli, list(args))
    out = json.loads(res.stdout) if res.exit_code == 0 and "json" in args else {}
    return res.exit_code, out, res.stderr


def test_prescribe_json() -> None:
    code, out, _ = run("rules", "prescribe", "--rule", "taylor1993", "--inflation", "3",
                       "--output-gap", "1", "--format", "json")
    assert code == 0
    assert out["rate"] == 6.0  # spec 01 reference value
    assert (out["inflation"], out["output_gap"], out["r_star"], out["inflation_target"]) == (3, 1, 2, 2)
    code, out, _ = run("rules", "prescribe", "--rule", "taylor1993", "--inflation", "3",
                       "--output-gap", "1", "--r-star", "1", "--inflation-target", "3",
                       "--format", "json")
    assert out["rate"] == pytest.approx(1 + 3 + 0 + 0.5)


def test_estimate_json_has_contract_keys() -> None:
    code, out, _ = run("rules", "estimate", "--dataset", "china-lending-rate", "--start", "2005Q3",
                       "--end", "2011Q2", "--format", "json")
    assert code == 0
    assert set(out["params"]) == {"const", "inflation", "growth", "lagged_rate"}
    assert set(out["std_errors"]) == set(out["params"])
    assert set(out["long_run"]) == {"inflation", "growth"}
    assert out["taylor_principle"]["valid"] is True and out["nobs"] == 24
    direct = ReactionFunction(china_quarterly(), start="2005Q3", end="2011Q2").fit()
    assert out["params"]["inflation"] == pytest.approx(direct.params["inflation"], rel=1e-12)


def test_estimate_options_change_the_model() -> None:
    _, a, _ = run("rules", "estimate", "--dataset", "china-lending-rate", "--format", "json")
    _, b, _ = run("rules", "estimate", "--dataset", "china-lending-rate", "--rate-definition",
                  "quarter_average", "--cpi-definition", "last_month", "--cov-type", "hac",
                  "--format", "json")
    assert a["choices"] == {"rate": "end_of_quarter", "cpi": "quarter_average"}
    assert b["choices"] == {"rate": "quarter_average", "cpi": "last_month"}
    assert b["cov_type"] == "hac" and b["maxlags"] == 2
    assert a["params"]["inflation"] != b["params"]["inflation"]
    code, us, _ = run("rules", "estimate", "--dataset", "us-fred-2024", "--format", "json")
    assert code == 0 and us["sample"] == {"start": "1987Q3", "end": "2008Q3"}


def test_forecast_json() -> None:
    code, out, _ = run("rules", "forecast", "--dataset", "china-lending-rate", "--inflation",
                       "6.2", "--growth", "9.2", "--format", "json")
    assert code == 0
    assert out["forecast"] == pytest.approx(6.3528, abs=1e-4)  # as the API; 4 decimals quoted
    assert out["interval"]["lower"] < out["forecast"] < out["interval"]["upper"]
    assert out["interval"]["level"] == pytest.approx(0.95) and out["lagged_rate"] == 6.31


def test_compare_and_list() -> None:
    code, out, _ = run("rules", "compare", "--rule", "taylor1993", "--rule", "inertial",
                       "--start", "2000Q1", "--end", "2001Q4", "--format", "json")
    assert code == 0 and out["rules"] == ["taylor1993", "inertial"]
    assert len(out["rows"]) == 16 and {"period", "prescribed", "actual", "deviation"} <= set(out["rows"][0])
    code, out, _ = run("rules", "list", "--format", "json")
    assert [r["rule"] for r in out][:2] == ["taylor1993", "taylor1999"]
    res = CliRunner().invoke(cli, ["rules", "compare", "--start", "2020Q1", "--format", "csv"])
    assert res.stdout.splitlines()[0] == "period,rule,label,prescribed,unconstrained,makeup,actual,deviation"


def test_estimate_from_a_user_file(tmp_path: Path) -> None:
    data = china_quarterly()
    f = tmp_path / "mine.csv"
    data.to_csv(f, index_label="quarter")
    code, out, _ = run("rules", "estimate", "--file", str(f), "--regressor", "inflation",
                       "--regressor", "growth", "--start", "2005Q3", "--end", "2011Q2",
                       "--format", "json")
    assert code == 0 and out["nobs"] == 24


@pytest.mark.parametrize(
    "args,match",
    [
        (["prescribe", "--rule", "taylor", "--inflation", "2", "--output-gap", "0"],
         "rule must be one of 'taylor1993'"),
        (["prescribe", "--rule", "taylor1993", "--inflation", "abc", "--output-gap", "0"],
         "Invalid value for '--inflation': 'abc' is not a finite number"),
        (["prescribe", "--rule", "taylor1993", "--inflation", "inf", "--output-gap", "0"],
         "is not a finite number"),
        (["prescribe", "--rule", "taylor1993", "--inflation", "2"], "needs the output gap"),
        (["estimate", "--dataset", "nope"], "dataset must be one of 'china-lending-rate', 'us-fred-2024'"),
        (["estimate", "--dataset", "china-lending-rate", "--start", "1999Q1"], "outside the data"),
        (["estimate", "--dataset", "china-lending-rate", "--start", "2005Q3", "--end", "2006Q1"],
         "observations; 4 parameters need at least 5"),
        (["estimate"], "give exactly one of --dataset NAME or --file FILE.csv"),
        (["forecast", "--dataset", "china-lending-rate", "--inflation", "6.2"], r"missing \['growth'\]"),
        (["forecast", "--dataset", "china-lending-rate", "--value", "growth"], "NAME=VALUE"),
        (["forecast", "--dataset", "china-lending-rate", "--inflation", "6.2", "--value",
          "growth=abc"], "--value growth must be a finite number in percent; got 'abc'"),
        (["forecast", "--dataset", "china-lending-rate", "--inflation", "6.2", "--growth", "9.2",
          "--value", "inflation=3"], "inflation is given twice"),
        (["estimate", "--dataset", "us-fred-2024", "--rate-definition", "quarter_average"],
         "--rate-definition applies to china-lending-rate only"),
        (["estimate", "--dataset", "china-lending-rate", "--regressor", "gap"],
         "--regressor applies to --file only"),
        (["compare", "--start", "abc"], "start must be a period such as '2005Q3'; got 'abc'"),
        (["compare", "--start", "1900Q1"], r"start '1900Q1' is outside the data \(1949Q1 to"),
        (["compare", "--start", "2020Q1", "--end", "2010Q1"], "start '2020Q1' is after end"),
        (["compare", "--r-star", "rstar"], "r_star must be a number .* or a column of inputs"),
        (["compare", "--rule", "inertial", "--rule", "inertial"], "rules must have distinct names"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], match: str) -> None:
    import re

    res = CliRunner().invoke(cli, ["rules", *args])
    assert res.exit_code == 2, res.output
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("monpol: error: ")
    assert re.search(match, res.stderr)


def test_missing_file_column_is_a_data_error(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("quarter,rate,inflation\n2001Q1,1,1\n2001Q2,1,2\n")
    res = CliRunner().invoke(cli, ["rules", "estimate", "--file", str(f), "--regressor", "growth"])
    assert res.exit_code == 1 and "missing column(s) 'growth'" in res.stderr
