from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


@pytest.mark.parametrize(("dataset", "verdict", "driver", "intent"), [
    ("fed-2007-2008", "credit easing", "assets", "consequential"),
    ("boj-2000-2005", "quantitative easing", "liabilities", "intentional"),
])
def test_classify_dataset_json(dataset: str, verdict: str, driver: str, intent: str) -> None:
    code, out, _ = run("easing", "classify", "--dataset", dataset, "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert (d["verdict"], d["driver"], d["intent"]) == (verdict, driver, intent)
    for key in ("size_change_pct", "composition_distance", "risky_share_change", "thresholds",
                "margins"):
        assert key in d
    assert d["thresholds"] == {"size_change_pct": 10.0, "risk_shift_pp": 10.0,
                               "liquidity_shift_pp": 10.0, "composition_pp": 10.0,
                               "driver_share_pct": 50.0}


def test_classify_options_change_the_answer() -> None:
    code, out, _ = run("easing", "classify", "--dataset", "fed-2007-2008", "--size-threshold",
                       "200", "--format", "json")
    assert json.loads(out)["verdict"] == "qualitative easing"
    code, out, _ = run("easing", "classify", "--dataset", "boj-2000-2005", "--stated-target",
                       "none", "--set", "other.risky=true", "--format", "json")
    d = json.loads(out)
    assert d["intent"] == "undetermined" and d["risk_component"] == "toward safety"
    code, out, _ = run("easing", "classify", "--dataset", "fed-2007-2008", "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert frame["share_after"].sum() == pytest.approx(100)


def _sheet(tmp_path: Path, name: str, date: str, bonds: float, loans: float,
           unit: str = "USD bn") -> Path:
    p = tmp_path / name
    p.write_text("date,institution,side,item,category,amount,unit\n"
                 f"{date},Toy CB,asset,Bonds,government_long,{bonds},{unit}\n"
                 f"{date},Toy CB,asset,Loans,lending_institutions,{loans},{unit}\n"
                 f"{date},Toy CB,liability,Reserves,reserves,{bonds + loans},{unit}\n")
    return p


def test_classify_files(tmp_path: Path) -> None:
    b = _sheet(tmp_path, "b.csv", "2001-01-31", 90, 10)
    a = _sheet(tmp_path, "a.csv", "2002-01-31", 60, 40)
    code, out, _ = run("easing", "classify", "--before", str(b), "--after", str(a),
                       "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "qualitative easing"


def test_classify_bad_input(tmp_path: Path) -> None:
    b = _sheet(tmp_path, "b.csv", "2001-01-31", 90, 10)
    code, _, err = run("easing", "classify", "--before", str(b), "--after",
                       str(_sheet(tmp_path, "j.csv", "2002-01-31", 90, 10, "JPY trillion")))
    assert code == 2 and "different currencies" in err
    code, _, err = run("easing", "classify", "--before", str(b), "--after",
                       str(_sheet(tmp_path, "m.csv", "2002-01-31", 90, 10, "USD mn")))
    assert code == 2 and "different units" in err
    bad = tmp_path / "u.csv"
    bad.write_text(b.read_text().replace(",100,USD bn", ",105,USD bn"))
    code, _, err = run("easing", "classify", "--before", str(bad), "--after", str(b))
    assert code == 1 and "does not balance" in err
    unk = tmp_path / "c.csv"
    unk.write_text(b.read_text().replace("lending_institutions", "magic"))
    code, _, err = run("easing", "classify", "--before", str(unk), "--after", str(b))
    assert code == 2 and "item 'Loans'" in err and "got 'magic'" in err
    code, _, err = run("easing", "classify", "--dataset", "fed-2007-2008", "--before", str(b))
    assert code == 2 and "either --dataset or both" in err
    code, _, err = run("easing", "classify", "--dataset", "fed-2007-2008", "--set", "other=1")
    assert code == 2 and "CATEGORY.ATTRIBUTE=VALUE" in err
    code, _, err = run("easing", "classify", "--dataset", "fed-2007-2008", "--risk-threshold",
                       "nan")
    assert code == 2
    code, _, err = run("easing", "classify", "--dataset", "fed-2007-2008", "--risk-threshold",
                       "-1")
    assert code == 2 and "risk_shift_pp must be in" in err


def test_windows_command() -> None:
    code, out, _ = run("easing", "windows", "--format", "json")
    assert [w["verdict"] for w in json.loads(out)["windows"]] == ["qualitative easing",
                                                                  "credit easing"]
    code, out, _ = run("easing", "windows", "--freq", "Q", "--start", "2008-01-01", "--end",
                       "2008-12-31", "--format", "csv")
    assert code == 0 and "credit easing" in out


def test_revaluation_command(tmp_path: Path) -> None:
    code, out, _ = run("easing", "revaluation", "--foreign-assets", "18.4", "--depreciation", "5",
                       "--format", "json")
    assert code == 0 and json.loads(out)["gain"] == pytest.approx(0.92)
    code, out, _ = run("easing", "revaluation", "--foreign-assets", "18.4", "--home-liabilities",
                       "21.1", "--depreciation", "10", "--format", "json")
    d = json.loads(out)
    assert d["gain"] == pytest.approx(1.84) and d["net_position_before"] == pytest.approx(-2.7)
    pos = tmp_path / "pos.csv"
    pos.write_text("currency,assets,liabilities,depreciation_pct\nUSD,0,21.1,0\nEUR,10,0,10\n")
    code, out, _ = run("easing", "revaluation", "--positions", str(pos), "--format", "json")
    assert json.loads(out)["gain"] == pytest.approx(1.0)
    code, _, err = run("easing", "revaluation", "--depreciation", "5")
    assert code == 2 and "--foreign-assets" in err
    code, _, err = run("easing", "revaluation", "--foreign-assets", "1", "--depreciation", "5",
                       "--unit", "JPY trillion")
    assert code == 2 and "not in the home currency USD" in err
    pos.write_text("currency,assets,liabilities\nUSD,0,21.1\nEUR,abc,0\n")
    code, _, err = run("easing", "revaluation", "--positions", str(pos), "--depreciation", "5")
    assert code == 2 and "assets of EUR must be a finite number; got 'abc'" in err
    pos.write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run("easing", "revaluation", "--positions", str(pos), "--depreciation", "5")
    assert code == 2 and "is not a readable CSV file" in err


def test_catalog_commands() -> None:
    code, out, _ = run("catalog", "list", "--format", "json")
    assert code == 0 and json.loads(out)["count"] == 18
    code, out, _ = run("catalog", "list", "--category", "firm_specific", "--format", "json")
    assert [e["acronym"] for e in json.loads(out)["entries"]] == ["Maiden Lane", "AIG"]
    code, out, _ = run("catalog", "show", "CPFF", "--format", "json")
    assert json.loads(out)["counterparties"].startswith("eligible U.S. issuers")
    code, out, _ = run("catalog", "show", "BOJ QE")
    assert code == 0 and "2004-01-20" in out and "Exit condition" in out
    code, out, _ = run("catalog", "path", "QE2", "--format", "json")
    assert json.loads(out)["cumulative_total"] == 880.0
    code, _, err = run("catalog", "show", "QE9")
    assert code == 2 and "programme must be one of" in err
    code, _, err = run("catalog", "list", "--category", "nope")
    assert code == 2


def test_taxonomy_and_lost_decade_commands() -> None:
    code, out, _ = run("easing", "taxonomy", "--format", "csv")
    assert code == 0 and "agency_debt" in out
    code, out, _ = run("easing", "lost-decade", "--format", "json")
    assert len(json.loads(out)["stimulus"]) == 11
