"""monpol.easing.api: the same numbers as the domain calls and the CLI; clear input errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from monpol import easing
from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.requests import Request
from monpol.easing import api


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_classify_matches_domain_and_cli() -> None:
    req = api.ClassifyRequest(dataset="boj-2000-2005", stated_target="none",
                              attributes={"other.risky": True}, size_threshold=20)
    res = api.run_classify(req)
    tax = easing.default_taxonomy().with_attributes("other", side="asset", risky=True)
    pair = easing.load_snapshots("boj-2000-2005", taxonomy=tax)
    direct = easing.classify(pair.before, pair.after, stated_target="none", taxonomy=tax,
                             thresholds=easing.Thresholds(size_change_pct=20))
    assert res.to_dict() == direct.to_dict()
    out = _cli_json("easing", "classify", "--dataset", "boj-2000-2005", "--stated-target",
                    "none", "--set", "other.risky=true", "--size-threshold", "20")
    d = res.to_dict()
    for key in ("verdict", "driver", "intent", "size_change_pct", "risky_share_change"):
        assert out[key] == d[key], key
    # seed 000: the Fed's 2008 policy is credit easing, the BOJ's 2001-06 policy QE
    assert api.run_classify(api.ClassifyRequest()).verdict == "credit easing"
    assert api.run_classify(api.ClassifyRequest(dataset="boj-2000-2005")).verdict == \
        "quantitative easing"


def test_classify_files(tmp_path: Path) -> None:
    rows = "date,institution,side,item,category,amount,unit\n"
    b, a = tmp_path / "b.csv", tmp_path / "a.csv"
    b.write_text(rows + "2001-01-31,Toy CB,asset,Bonds,government_long,90,USD bn\n"
                 "2001-01-31,Toy CB,asset,Loans,lending_institutions,10,USD bn\n"
                 "2001-01-31,Toy CB,liability,Reserves,reserves,100,USD bn\n")
    a.write_text(rows + "2002-01-31,Toy CB,asset,Bonds,government_long,60,USD bn\n"
                 "2002-01-31,Toy CB,asset,Loans,lending_institutions,40,USD bn\n"
                 "2002-01-31,Toy CB,liability,Reserves,reserves,100,USD bn\n")
    res = api.run_classify(api.ClassifyRequest(dataset=None, before=b, after=a))
    assert res.verdict == "qualitative easing"   # same size, 30 points toward risk


def test_windows_and_revaluation_match_domain_and_cli() -> None:
    win = api.run_windows(api.WindowsRequest())
    assert win.windows["verdict"].tolist() == easing.classify_h41().windows["verdict"].tolist()
    out = _cli_json("easing", "windows")
    assert [w["verdict"] for w in out["windows"]] == ["qualitative easing", "credit easing"]
    q = api.run_windows(api.WindowsRequest(freq="Q", start="2008-01-01", end="2008-12-31"))
    assert q.windows.equals(easing.classify_h41(freq="Q", start="2008-01-01",
                                                end="2008-12-31").windows)
    rev = api.run_revaluation(api.RevaluationRequest(foreign_assets=18.4, home_liabilities=21.1,
                                                     depreciation=10))
    assert rev.gain == pytest.approx(1.84)   # seed 000: USD 18.4 tn abroad, 10% -> 1.84 tn
    out = _cli_json("easing", "revaluation", "--foreign-assets", "18.4", "--home-liabilities",
                    "21.1", "--depreciation", "10")
    assert out["gain"] == rev.gain


def test_depreciation_bound_depends_on_the_convention() -> None:
    # foreign currency up 150% (home_per_foreign) is a valid case; d/(100 - d) needs d < 100
    big = api.run_revaluation(api.RevaluationRequest(foreign_assets=2, depreciation=150))
    assert big.gain == pytest.approx(3.0)
    with pytest.raises(InputError, match=r"depreciation must be in \(-inf, 100\); got 150"):
        api.run_revaluation(api.RevaluationRequest(foreign_assets=2, depreciation=150,
                                                   convention="foreign_per_home"))


def test_reading_requests() -> None:
    assert len(api.run_lost_decade(api.LostDecadeRequest()).to_dict()["stimulus"]) == 11
    table = api.run_catalogue(api.CatalogueRequest(category="firm_specific"))
    assert [e["acronym"] for e in table.to_dict()["entries"]] == ["Maiden Lane", "AIG"]
    assert api.run_purchase_path(api.ProgrammeRequest(name="QE2")).to_dict()[
        "cumulative_total"] == 880.0
    assert api.programme(api.ProgrammeRequest(name="CPFF")).acronym == "CPFF"
    frame = api.taxonomy({"other.risky": True}).to_frame()
    row = frame[(frame["side"] == "asset") & (frame["category"] == "other")]
    assert row["risky"].tolist() == [True]


@pytest.mark.parametrize(
    ("cls", "fields", "match"),
    [
        (api.ClassifyRequest, {"risk_threshold": -1}, r"risk_shift_pp must be in \(0, inf\); got -1"),
        (api.ClassifyRequest, {"driver_threshold": 120}, r"driver_share_pct must be in \(0, 100\]"),
        (api.ClassifyRequest, {"dataset": "ecb"}, "dataset must be one of 'fed-2007-2008'"),
        (api.ClassifyRequest, {"distance": "l2"}, "distance must be one of 'total_variation'"),
        (api.ClassifyRequest, {"before": "b.csv"}, "give either --dataset or both --before"),
        (api.ClassifyRequest, {"attributes": {"other": True}}, "CATEGORY.ATTRIBUTE"),
        (api.WindowsRequest, {"rolling": 0}, "rolling must be at least 1"),
        (api.WindowsRequest, {"freq": "W"}, "freq must be one of 'M', 'Q' or 'Y'"),
        (api.RevaluationRequest, {"depreciation": 5}, "give --foreign-assets and --depreciation"),
        (api.RevaluationRequest, {"foreign_assets": 1, "depreciation": -100},
         "depreciation must be greater than -100"),
        (api.RevaluationRequest, {"foreign_assets": 1, "depreciation": 5, "convention": "x"},
         "convention must be one of"),
        (api.CatalogueRequest, {"category": "nope"}, "category must be one of"),
    ],
)
def test_bad_requests_name_field_value_and_allowed(cls: type[Request], fields: dict[str, Any],
                                                   match: str) -> None:
    with pytest.raises(InputError, match=match):
        cls(**fields)


def test_requests_registry_and_field_metadata() -> None:
    assert set(api.REQUESTS) == {"classify", "windows", "revaluation", "lost_decade",
                                 "catalogue", "purchase_path", "threshold_robustness",
                                 "snapshot", "h41_levels"}
    for name, (cls, run) in api.REQUESTS.items():
        assert issubclass(cls, Request) and callable(run), name
        for field, info in cls.model_fields.items():
            assert info.description, f"{name}.{field} has no description"
    assert api.field_choices(api.ClassifyRequest, "distance") == ["total_variation", "hellinger"]
    assert api.field_choices(api.WindowsRequest, "freq") == ["M", "Q", "Y"]
    with pytest.raises(InputError, match="request must be a ClassifyRequest"):
        api.run_classify(api.WindowsRequest())  # type: ignore[arg-type]


def test_threshold_robustness_equals_direct_classification() -> None:
    from dataclasses import replace

    from monpol.easing.classify import classify
    from monpol.easing.data import load_snapshots
    from monpol.easing.series import classify_h41
    from monpol.easing.thresholds import Thresholds

    res = api.run_threshold_robustness(api.RobustnessRequest(factors=(2.0,)))
    frame = res.to_frame()
    assert frame["threshold"].tolist() == ["all at default", *Thresholds().to_dict()]
    # an independent recomputation of one row: the risk threshold doubled
    th = replace(Thresholds(), risk_shift_pp=2 * Thresholds().risk_shift_pp)
    fed_pair, boj_pair = load_snapshots("fed-2007-2008"), load_snapshots("boj-2000-2005")
    fed = classify(fed_pair.before, fed_pair.after, thresholds=th)
    boj = classify(boj_pair.before, boj_pair.after, thresholds=th)
    row = frame.set_index("threshold").loc["risk_shift_pp"]
    assert row["value"] == th.risk_shift_pp
    assert row["Fed"] == f"{fed.verdict} ({fed.intent})"
    assert row["BOJ"] == f"{boj.verdict} ({boj.intent})"
    win = classify_h41(thresholds=th).windows["verdict"].tolist()
    assert [row["H.4.1 Dec 2007-Aug 2008"], row["H.4.1 Aug-Dec 2008"]] == win
    # the seed's verdicts (Tables 1-2 and the H.4.1 windows) at the defaults
    assert frame.iloc[0]["Fed"] == "credit easing (consequential)"
    assert frame.iloc[0]["BOJ"] == "quantitative easing (intentional)"
    assert res.to_dict()["factors"] == [2.0]
    with pytest.raises(InputError, match=r"factors must be in \(0, 100\]; got -1"):
        api.RobustnessRequest(factors=(-1,))


def test_snapshot_and_h41_levels_equal_the_data() -> None:
    from monpol.easing.data import load_h41, load_snapshots

    pair = load_snapshots("boj-2000-2005")
    sheet = api.run_snapshot(api.SnapshotRequest(dataset="boj-2000-2005", which="after"))
    assert sheet.reserves == pair.after.reserves
    assert sheet.to_frame().equals(pair.after.to_frame())
    h41 = load_h41()
    lev = api.run_h41_levels(api.H41Request(dates=("2010-11-03", "2011-06-29"),
                                            columns=("TREAST",)))
    assert lev.change("2010-11-03", "2011-06-29", "TREAST") == float(
        h41.loc["2011-06-29", "TREAST"] - h41.loc["2010-11-03", "TREAST"])
    assert lev.to_frame().columns.tolist() == ["date", "column", "value", "unit"]
    with pytest.raises(InputError, match=r"dates must be H\.4\.1 weeks .*; got '2010-11-04'"):
        api.run_h41_levels(api.H41Request(dates=("2010-11-04",)))
    with pytest.raises(InputError, match=r"dates must be a date .*; got 'soon'"):
        api.H41Request(dates=("soon",))
    with pytest.raises(InputError, match=r"dataset must be one of .*; got 'ecb'"):
        api.SnapshotRequest(dataset="ecb")
