"""``monpol events`` through click's runner, parsing the JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from tests.events.reference import qe1
from tests.events.reference import seed000 as ref

RAW = ("date,DEXUSEU,DGS10\n2010-11-02,1.4026,2.63\n2010-11-03,1.4014,2.67\n2010-11-04,1.4224,2.53\n"
       "2010-11-05,1.4033,2.58\n2010-11-08,1.3927,2.60\n")


def run(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.stdout, res.stderr


@pytest.fixture()
def csv(tmp_path: Path) -> Path:
    p = tmp_path / "fx.csv"
    p.write_text(RAW)
    return p


def test_change_price_json(csv: Path) -> None:
    code, out, _ = run("events", "change", "--file", str(csv), "--column", "DEXUSEU", "--from", "2010-11-03",
                       "--to", "2010-11-04", "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["start"] == 1.4014 and d["end"] == 1.4224
    assert d["change_pct"] == pytest.approx(100 * (1.4224 / 1.4014 - 1), rel=1e-12)
    assert "change_bp" not in d and d["kind"] == "price"


def test_change_yield_json(csv: Path) -> None:
    code, out, _ = run("events", "change", "--file", str(csv), "--column", "DGS10", "--from", "2010-11-03",
                       "--to", "2010-11-06", "--kind", "yield", "--format", "json")
    d = json.loads(out)
    # 2010-11-06 is a Saturday: the previous available close is Friday 2010-11-05 (2.58)
    assert code == 0 and d["change_bp"] == -9.0 and d["end_date"] == "2010-11-05" and d["to"] == "2010-11-06"


def test_change_dataset_and_table(csv: Path) -> None:
    code, out, _ = run("events", "change", "--dataset", "us-qe2-2010-window", "--column", "DEXUSEU",
                       "--from", "2010-08-27", "--to", "2010-11-04", "--format", "json")
    d = json.loads(out)
    f = ref.FRED["DEXUSEU"]
    assert code == 0 and d["change_pct"] == pytest.approx(100 * (f["2010-11-04"] / f["2010-08-27"] - 1))
    code, out, _ = run("events", "change", "--dataset", "us-qe2-2010-window", "--column", "DGS10",
                       "--from", "2010-11-03", "--to", "2010-11-04")
    assert code == 0 and "change (basis points)" in out and "-14.0000" in out


def test_change_csv_format(csv: Path) -> None:
    code, out, _ = run("events", "change", "--file", str(csv), "--column", "DGS10", "--kind", "yield",
                       "--from", "2010-11-02", "--to", "2010-11-04", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("series,kind,unit,from,to")


def test_change_errors(csv: Path, tmp_path: Path) -> None:
    code, _, err = run("events", "change", "--file", str(csv), "--column", "DGS10", "--from", "2010-10-01",
                       "--to", "2010-11-04")
    assert code == 1 and "from 2010-10-01 is before the first observation of DGS10 (2010-11-02)" in err
    code, _, err = run("events", "change", "--file", str(csv), "--dataset", "us-qe2-2010-window",
                       "--column", "DGS10", "--from", "2010-11-02", "--to", "2010-11-04")
    assert code == 2 and "give exactly one of --file and --dataset" in err
    code, _, err = run("events", "change", "--file", str(tmp_path / "no.csv"), "--column", "x",
                       "--from", "2010-11-02", "--to", "2010-11-04")
    assert code == 2 and "does not exist" in err
    code, _, err = run("events", "change", "--file", str(csv), "--column", "DGS10", "--kind", "bond",
                       "--from", "2010-11-02", "--to", "2010-11-04")
    assert code == 2 and "'bond' is not one of" in err
    bad = tmp_path / "neg.csv"
    bad.write_text("date,p\n2010-01-04,1.0\n2010-01-05,-1.0\n")
    code, _, err = run("events", "change", "--file", str(bad), "--column", "p", "--from", "2010-01-04",
                       "--to", "2010-01-05")
    assert code == 1 and "p: prices must be positive; got -1.0 on 2010-01-05" in err
    dup = tmp_path / "dup.csv"
    dup.write_text("date,p\n2010-01-04,1.0\n2010-01-04,1.1\n")
    code, _, err = run("events", "change", "--file", str(dup), "--column", "p", "--from", "2010-01-04",
                       "--to", "2010-01-04")
    assert code == 1 and "duplicate timestamp 2010-01-04" in err
    code, _, err = run("events", "change", "--file", str(csv), "--column", "DGS10", "--from", "2010-11-04",
                       "--to", "2010-11-02")
    assert code == 2 and "must not be before from" in err


def test_study_json_reproduces_kvj() -> None:
    code, out, _ = run("events", "study", "--dataset", "us-markets-daily", "--column", "DGS10",
                       "--events", "fed-qe1-kvj2011", "--window", "2d", "--baseline", "none",
                       "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["cumulative"]["change"] == qe1.KVJ_PUBLISHED_BP
    assert d["window"] == [-1, 1] and d["baseline"] is None and len(d["events"]) == 5
    assert d["cumulative"]["test"]["valid"] is False


def test_study_with_baseline_and_negative_window() -> None:
    code, out, _ = run("events", "study", "--dataset", "us-markets-daily", "--column", "DGS10",
                       "--events", "qe2-2010-signals", "--window", "-2:1", "--baseline", "constant_mean",
                       "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["window"] == [-2, 1]
    assert all(e["valid"] and e["pvalue"] is not None for e in d["events"])
    assert d["cumulative"]["test"]["distribution"].startswith("t(")


def test_study_market_model_and_custom_calendar(tmp_path: Path) -> None:
    cal = tmp_path / "cal.csv"
    cal.write_text("date,label\n2010-11-03,QE2\n")
    code, out, _ = run("events", "study", "--dataset", "us-markets-daily", "--column", "DEXUSEU",
                       "--market", "DTWEXBGS", "--baseline", "market_model", "--events", str(cal),
                       "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["market"] == "DTWEXBGS" and d["events"][0]["label"] == "QE2"
    assert d["events"][0]["df"] == d["events"][0]["nobs_estimation"] - 2


def test_study_short_window_is_reported_not_raised() -> None:
    code, out, _ = run("events", "study", "--dataset", "us-qe2-2010-window", "--column", "DGS10",
                       "--events", "qe2-2010-signals", "--min-estimation", "60", "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["events"][0]["valid"] is False
    assert d["events"][0]["reason"].startswith("estimation window too short")


def test_study_errors() -> None:
    code, _, err = run("events", "study", "--dataset", "us-markets-daily", "--column", "DGS10",
                       "--events", "qe9")
    assert code == 2 and "events must be a bundled calendar" in err
    code, _, err = run("events", "study", "--dataset", "us-markets-daily", "--column", "DGS10",
                       "--events", "qe2-2010-signals", "--window", "week")
    assert code == 2 and "window must be one of" in err
    code, _, err = run("events", "study", "--dataset", "us-markets-daily", "--column", "DGS10",
                       "--events", "qe2-2010-signals", "--baseline", "market_model")
    assert code == 2 and "needs a market series" in err


def test_reaction_command() -> None:
    code, out, _ = run("events", "reaction", "--dataset", "us-qe2-2010-window", "--column", "DEXUSEU",
                       "--event", "2010-11-03 14:15", "--close", "12:00", "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["pre"] == 1.4014 and d["close"] == 1.4224 and d["data"] == "daily"
    assert "close_change_pct" in d


def test_calendars_command() -> None:
    code, out, _ = run("events", "calendars", "--format", "json")
    rows = json.loads(out)
    names = {r["name"] for r in rows}
    assert code == 0 and names == {"qe2-2010-signals", "fed-qe1-grrs2011", "fed-qe1-kvj2011"}
    code, out, _ = run("events", "calendars", "fed-qe1-grrs2011", "--format", "json")
    d = json.loads(out)
    assert code == 0 and len(d["events"]) == 8 and d["events"][4]["date"] == "2009-03-18"
    code, out, _ = run("events", "calendars")
    assert code == 0 and "Bundled event calendars" in out


def test_study_from_a_file(tmp_path: Path) -> None:
    from monpol import data

    p = tmp_path / "window.csv"
    data.load("us-qe2-2010-window").to_csv(p)          # blank cells on the two holidays
    code, out, _ = run("events", "study", "--file", str(p), "--column", "DGS10", "--kind", "yield",
                       "--events", "qe2-2010-signals", "--baseline", "none", "--format", "json")
    d = json.loads(out)
    assert code == 0 and [e["change"] for e in d["events"]] == [-7.0, 16.0, -11.0, 7.0, 4.0]
    code, out, _ = run("events", "study", "--file", str(p), "--column", "DGS10", "--kind", "yield",
                       "--events", "qe2-2010-signals", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("event_date,label,day0")


def test_reaction_intraday_file_reproduces_the_seed(tmp_path: Path) -> None:
    p = tmp_path / "eur.csv"
    # the seed's EUR/USD quotes (slide 41) at illustrative times around the 2:15 pm statement
    p.write_text("time,EURUSD\n2010-11-03 14:15,1.4045\n2010-11-03 14:40,1.4175\n"
                 "2010-11-03 16:00,1.4121\n2010-11-04 11:00,1.4282\n2010-11-04 15:00,1.4190\n")
    code, out, _ = run("events", "reaction", "--file", str(p), "--column", "EURUSD",
                       "--event", "2010-11-03 14:15", "--format", "json")
    d = json.loads(out)
    assert code == 0 and d["data"] == "intraday" and d["extreme_side"] == "high"
    assert d["close_change_pct"] == pytest.approx(ref.EXPECTED_PCT["eur_close"], rel=1e-12)
    assert d["extreme_change_pct"] == pytest.approx(ref.EXPECTED_PCT["eur_next_high"], rel=1e-12)


def test_study_and_reaction_refuse_a_window_across_a_gap(tmp_path: Path) -> None:
    p = tmp_path / "gappy.csv"
    p.write_text("date,y\n2010-01-04,2.0\n2010-01-05,2.1\n2010-03-01,3.0\n2010-03-02,3.1\n")
    cal = tmp_path / "cal.csv"
    cal.write_text("date\n2010-03-01\n")
    code, _, err = run("events", "study", "--file", str(p), "--column", "y", "--kind", "yield",
                       "--events", str(cal), "--baseline", "none")
    assert code == 1 and "bridges a gap in y from 2010-01-05 to 2010-03-01" in err
    code, out, _ = run("events", "study", "--file", str(p), "--column", "y", "--kind", "yield",
                       "--events", str(cal), "--baseline", "none", "--max-gap-days", "60", "--format", "json")
    assert code == 0 and json.loads(out)["events"][0]["change"] == 90.0
    code, _, err = run("events", "reaction", "--file", str(p), "--column", "y", "--kind", "yield",
                       "--event", "2010-03-01")
    assert code == 1 and "bridges a gap" in err
