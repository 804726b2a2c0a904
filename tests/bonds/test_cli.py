from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from tests.bonds.conftest import JGB_HEADER, US_HEADER


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_auction_jgb_file_json(write_csv: Any) -> None:
    path = write_csv([JGB_HEADER, "2025-04-15,No.192,20Y,10000,29639,10000,98.00,97.66",
                      "2025-05-20,No.192,20Y,10000,25007,10000,97.00,95.86"])
    res = run("bonds", "auction", "--file", str(path), "--format", "json")
    assert res.exit_code == 0, res.output
    a = json.loads(res.stdout)  # the contract: one object per auction
    assert a[0]["market"] == "jgb" and a[0]["tail_unit"] == "yen per 100 yen face"
    assert len(a) == 2 and a[1]["bid_to_cover"] == pytest.approx(2.5007)
    assert a[1]["tail"] == pytest.approx(1.14) and a[0]["tail"] == pytest.approx(0.34)
    assert a[1]["date"] == "2025-05-20" and a[1]["tail_context"].startswith("largest in the loaded")


def test_auction_us_file_json(write_csv: Any) -> None:
    path = write_csv([US_HEADER, "2025-05-21,912810UK2,20-Year,32,13,5.047,5.035,2,2,9"])
    a = json.loads(run("bonds", "auction", "--file", str(path), "--format", "json").stdout)[0]
    assert a["tail"] == pytest.approx(1.2) and a["tail_unit"] == "bp"
    assert (a["primary_dealer_share"], a["direct_share"], a["indirect_share"]) == pytest.approx(
        (100 * 2 / 13, 100 * 2 / 13, 100 * 9 / 13))
    assert a["high_yield"] == 5.047


def test_auction_csv_and_table_and_bundled(write_csv: Any) -> None:
    res = run("bonds", "auction", "--bundled", "us", "--format", "csv")
    frame = pd.read_csv(io.StringIO(res.stdout))
    assert len(frame) == 236 and "indirect_share" in frame.columns
    res = run("bonds", "auction", "--bundled", "jgb")
    assert res.exit_code == 0 and "Latest auction of each tenor" in res.stdout


def test_auction_bad_input_exit_codes(write_csv: Any) -> None:
    path = write_csv([JGB_HEADER, "2025-05-20,x,20Y,1000,900,1000,97,96"])
    res = run("bonds", "auction", "--file", str(path))
    assert res.exit_code == 1
    assert "row 1 (line 2), field 'accepted': accepted (1000) exceeds bids (900)" in res.stderr
    assert "Traceback" not in res.output
    res = run("bonds", "auction")
    assert res.exit_code == 2 and "give exactly one of --file FILE.csv or --bundled jgb|us" in res.stderr
    res = run("bonds", "auction", "--file", "no-such-file.csv")
    assert res.exit_code == 2 and "does not exist" in res.stderr
    missing = write_csv(["date,tenor,tendered", "2025-01-01,2Y,3"], name="m.csv")
    res = run("bonds", "auction", "--file", str(missing))
    assert res.exit_code == 1 and "missing required column(s) 'accepted' for the US format" in res.stderr


def test_yields_json() -> None:
    res = run("bonds", "yields", "--date", "2025-05-22", "--tenor", "10Y", "--tenor", "40Y",
              "--history-years", "10", "--format", "json")
    out = json.loads(res.stdout)
    y = {d["name"]: d for d in out["yields"]}
    assert y["10Y"]["level"] == 1.573 and y["10Y"]["high_since"] == "2025-03-27"
    assert y["40Y"]["record"] is True and y["40Y"]["inception"] == "2007-11-06"
    res = run("bonds", "yields", "--market", "us", "--date", "2025-05-21", "--format", "json")
    assert json.loads(res.stdout)["yields"][0]["level"] == 4.58
    res = run("bonds", "yields", "--tenor", "50Y")
    assert res.exit_code == 2 and "tenor must be one of" in res.stderr


def test_yields_own_curve(tmp_path: Path) -> None:
    path = tmp_path / "curve.csv"
    rows = ["date,10Y"] + [f"2024-01-{d:02d},{1 + d / 100}" for d in range(1, 31)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = json.loads(run("bonds", "yields", "--curve", str(path), "--tenor", "10Y", "--change-days", "5",
                         "--format", "json").stdout)
    assert out["yields"][0]["record"] is True and out["yields"][0]["change_bp"] == pytest.approx(5.0)
    bad = tmp_path / "bad.csv"
    bad.write_text("date,10Y\n2024-01-02,1.0\n20/05/2025,1.1\n", encoding="utf-8")
    res = run("bonds", "yields", "--curve", str(bad), "--tenor", "10Y")
    assert res.exit_code == 1 and "internal error" not in res.stderr
    assert "line 3, field 'date': not an ISO date (YYYY-MM-DD): '20/05/2025'" in res.stderr


def test_yields_us_market_has_only_the_10_year() -> None:
    res = run("bonds", "yields", "--market", "us", "--tenor", "40Y")
    assert res.exit_code == 2
    assert "tenor must be 10Y with --market us (the bundled DGS10); got 40Y" in res.stderr


def test_ownership_json() -> None:
    out = json.loads(run("bonds", "ownership", "--date", "2025-05-31", "--format", "json").stdout)
    assert len(out["shares"]) == 1
    row = out["shares"][0]
    # abs=1e-3: reference share to three decimals (52.7333 in test_ownership)
    assert row["date"] == "2025-05-30" and row["all"] == pytest.approx(52.733, abs=1e-3)
    assert out["buckets"] == ["0-1y", "1-5y", "5-10y", "10-20y", "20y+"]
    out = json.loads(run("bonds", "ownership", "--buckets", "10", "--start", "2025-01-01",
                         "--format", "json").stdout)
    assert set(out["shares"][0]) == {"date", "all", "0-10y", "10y+"}
    res = run("bonds", "ownership", "--buckets", "5,1")
    assert res.exit_code == 2 and "buckets must be increasing" in res.stderr
    res = run("bonds", "ownership", "--buckets", "a,b")
    assert res.exit_code == 2 and "is not a number, a comma list or START:STOP:STEP" in res.stderr


def test_scorecard_json_and_inputs(tmp_path: Path) -> None:
    out = json.loads(run("bonds", "scorecard", "--format", "json").stdout)
    assert out["as_of"] == "2025-05-22" and out["verdict"].startswith("JGB more stressed than UST")
    assert out["markets"]["UST"]["dimensions"]["primary_demand"]["score"] is None
    assert out["markets"]["JGB"]["band"] == "severe"
    inputs = tmp_path / "in.toml"
    inputs.write_text('[[indicator]]\nmarket = "UST"\ndimension = "primary_demand"\nname = "judged"\n'
                      'scale = "score"\nscore = 40\nsource = "input: analyst"\n', encoding="utf-8")
    out = json.loads(run("bonds", "scorecard", "--inputs", str(inputs), "--fed-share", "15",
                         "--weight", "market_risk=0.4", "--format", "json").stdout)
    ust = out["markets"]["UST"]
    assert ust["dimensions"]["primary_demand"]["score"] == 40.0 and ust["coverage"] == pytest.approx(1.0)
    assert ust["dimensions"]["central_bank_share"]["score"] == 15.0
    assert out["weights"]["market_risk"] == 0.4
    res = run("bonds", "scorecard", "--weight", "market_risk")
    assert res.exit_code == 2 and "is not DIMENSION=W" in res.stderr


def test_doom_loop_json_and_threshold() -> None:
    out = json.loads(run("bonds", "doom-loop", "--market-rate", "0.5:3:0.5", "--cb-effect", "0",
                         "--format", "json").stdout)
    assert [s["market_rate"] for s in out["scenarios"]] == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    assert out["scenarios"][0]["outcome"] == "stabilises"
    assert out["scenarios"][-1]["outcome"] == "keeps rising"
    assert len(out["scenarios"][0]["paths"]["market_rate"]) == 31
    out = json.loads(run("bonds", "doom-loop", "--threshold", "market-rate", "--low", "0", "--high", "6",
                         "--format", "json").stdout)
    assert out["parameter"] == "market_rate" and out["outcome_below"] == "stabilises"
    assert out["bracket"][0] <= out["threshold"] <= out["bracket"][1]
    res = run("bonds", "doom-loop", "--threshold", "market-rate")
    assert res.exit_code == 2 and "--threshold needs --low and --high" in res.stderr
    res = run("bonds", "doom-loop", "--low", "1")
    assert res.exit_code == 2
    res = run("bonds", "doom-loop", "--average-maturity", "0.5")
    assert res.exit_code == 2 and "average_maturity must be in [1, 100] years; got 0.5" in res.stderr
    res = run("bonds", "doom-loop", "--debt", "nan")
    assert res.exit_code == 2 and "non-finite" in res.stderr


def test_output_file_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert run("bonds", "doom-loop", "--format", "json", "--output", str(target)).exit_code == 0
    res = run("bonds", "doom-loop", "--format", "json", "--output", str(target))
    assert res.exit_code == 2 and "already exists" in res.stderr
    again = run("bonds", "doom-loop", "--format", "json", "--output", str(target), "--overwrite")
    assert again.exit_code == 0
