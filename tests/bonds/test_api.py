"""The bond-market application layer: requests in, the same results as the domain calls out."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from monpol.bonds import api, data
from monpol.bonds.doom_loop import PARAMETERS, DoomLoopSpec, find_threshold, simulate
from monpol.bonds.ownership import boj_share
from monpol.bonds.yields import yield_stress_panel
from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.io import dumps_json
from monpol.core.requests import Request


def _json(obj: Any) -> Any:
    """As the CLI prints it (dates as ISO text, NaN as null)."""
    return json.loads(dumps_json(obj))


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, ["bonds", *args, "--format", "json"])
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


def test_doom_loop_lever_equals_the_domain_call_and_the_cli() -> None:
    req = api.DoomLoopRequest(market_rate=1.6, cb_purchases=5.0, horizon=20)
    out = api.run_doom_loop(req)
    direct = simulate(DoomLoopSpec(market_rate=1.6, cb_purchases=5.0, horizon=20))
    np.testing.assert_array_equal(out.market_rate, direct.market_rate)
    np.testing.assert_array_equal(out.cb_share, direct.cb_share)
    cli = _cli_json("doom-loop", "--market-rate", "1.6", "--cb-purchases", "5", "--horizon", "20")
    assert cli == _json(out.to_dict())


def test_doom_loop_sweep_and_threshold() -> None:
    swept = api.run_doom_loop(api.DoomLoopRequest(sweep={"market_rate": (0.5, 1.0, 6.0)}))
    assert swept.market_rate.shape[0] == 3 and list(swept.outcome)[-1] == "keeps rising"
    th = api.run_threshold(api.ThresholdRequest(parameter="cb-purchases", low=-10, high=30,
                                                market_rate=1.6, contrast=2.0))
    direct = find_threshold("cb_purchases", -10, 30, spec=DoomLoopSpec(market_rate=1.6), contrast=2.0)
    assert th.threshold == direct.threshold


@pytest.mark.parametrize(
    ("cls", "kwargs", "match"),
    [
        (api.DoomLoopRequest, {"average_maturity": 0.5},
         r"^average_maturity must be in \[1, 100\] years; got 0.5$"),
        (api.DoomLoopRequest, {"debt": 2000}, r"debt must be in \(0, 1000\] percent of GDP; got 2000"),
        (api.DoomLoopRequest, {"horizon": 501}, r"horizon must be at most 500 \(years simulated\); got 501"),
        (api.DoomLoopRequest, {"sweep": {"gdp": (1.0,)}},
         r"sweep parameter must be one of debt, .*; got 'gdp'"),
        (api.DoomLoopRequest, {"debt": 100, "sweep": {"debt": (1.0, 2.0)}}, r"debt is given both"),
        (api.DoomLoopRequest, {"sweep": {"debt": (100.0, 200.0), "growth": (1.0, 2.0, 3.0)}},
         r"parameter arrays must have the same length"),
        (api.ThresholdRequest, {"parameter": "gdp", "low": 0, "high": 1},
         r"parameter must be one of debt, .*; got 'gdp'"),
        (api.AuctionRequest, {}, r"give exactly one of file \(a CSV\) or bundled"),
        (api.AuctionRequest, {"bundled": "uk"}, r"bundled must be one of 'jgb', 'us'; got 'uk'"),
        (api.YieldsRequest, {"market": "us", "tenors": ("40Y",)}, r"tenor must be 10Y with --market us"),
        (api.YieldsRequest, {"date": "2025-13-01"}, r"date"),
        (api.OwnershipRequest, {"buckets": (5.0, 1.0)}, r"buckets must be increasing"),
        (api.ScorecardRequest, {"fed_share": 120},
         r"fed_share must be at most 100.0 \(the Fed.s share.*; got 120"),
    ],
)
def test_bad_input_names_field_value_and_allowed(cls: type[Request], kwargs: dict[str, Any],
                                                 match: str) -> None:
    with pytest.raises(InputError, match=match):
        api.run_ownership(cls(**kwargs)) if cls is api.OwnershipRequest else cls(**kwargs)


def test_yields_ownership_scorecard_claims_match_the_domain() -> None:
    panel = api.run_yields(api.YieldsRequest(tenors=("10Y",), date="2025-05-22", history_years=10))
    direct = yield_stress_panel(data.jgb_yield_curve(), ("10Y",), date="2025-05-22", history_years=10)
    assert panel.to_dict() == direct.to_dict()
    us = api.run_yields(api.YieldsRequest(market="us", date="2025-05-22"))
    assert [y["name"] for y in us.to_dict()["yields"]] == ["10Y"]
    own = api.run_ownership(api.OwnershipRequest(date="2025-05-31"))
    assert own.to_dict() == boj_share().month("2025-05-31").to_dict()
    # published "over 50%" (seed 001) beside the computed share
    claims = api.run_claims(api.ClaimsRequest()).frame.set_index("claim")
    row = claims.loc["BOJ holds over 50% of JGBs"]
    assert row["published"] == 50.0 and row["computed"] == round(float(own.at("2025-05-31")["all"]), 2)
    sc = api.run_scorecard(api.ScorecardRequest(weights={"primary_demand": 0.3}))
    assert _json(sc.to_dict()) == _cli_json("scorecard", "--weight", "primary_demand=0.3")


def test_auctions_bundled_and_cli() -> None:
    res = api.run_auctions(api.AuctionRequest(bundled="jgb"))
    assert _json(res.to_dict()["auctions"]) == _cli_json("auction", "--bundled", "jgb")


def test_requests_describe_their_fields() -> None:
    assert set(api.REQUESTS) == {"auctions", "yields", "boj_share", "scorecard", "doom_loop",
                                 "threshold", "claims"}
    assert api.field_choices(api.ThresholdRequest, "parameter") == list(PARAMETERS)
    assert api.field_choices(api.AuctionRequest, "bundled") == ["jgb", "us"]
    for cls, run in api.REQUESTS.values():
        assert issubclass(cls, Request) and callable(run)
        for name, info in cls.model_fields.items():
            assert info.description, (cls.__name__, name)
    fields = api.DoomLoopRequest.model_fields
    for name, (unit, lo, hi, _, _) in PARAMETERS.items():
        assert fields[name].default == getattr(DoomLoopSpec(), name)
        assert unit.split()[0] in (fields[name].description or "")
        if unit == "percent":
            assert "percent per year" in (fields[name].description or "")
        kinds = {type(m).__name__ for m in fields[name].metadata}
        assert (lo is None or kinds & {"Ge", "Gt"}) and (hi is None or "Le" in kinds), name


def test_a_user_registered_auction_market_runs_through_the_api(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from monpol.bonds.auctions import AUCTION_MARKETS, AuctionFormat, FieldSpec

    def tail_bp(records: Any) -> dict[str, np.ndarray]:
        # tail: lowest accepted yield − average yield, in basis points
        return {"tail": (records["lowest_yield"].to_numpy(float)
                         - records["average_yield"].to_numpy(float)) * 100.0,
                "yield": records["average_yield"].to_numpy(float)}

    gilt = AuctionFormat(
        market="gilt", label="UK gilt", tenors=("5Y", "10Y", "30Y"), tail_unit="bp",
        bid_column="applied", compute=tail_bp,
        fields=(FieldSpec("date", "date", True, "auction date"),
                FieldSpec("security", "text", False, "name"),
                FieldSpec("tenor", "tenor", True, "original maturity"),
                FieldSpec("applied", "amount", True, "amount applied for"),
                FieldSpec("accepted", "amount", True, "amount allotted"),
                FieldSpec("average_yield", "yield", False, "average accepted yield"),
                FieldSpec("lowest_yield", "yield", False, "lowest accepted yield")),
        extra=(("yield", "average_yield", "percent"),))
    monkeypatch.setitem(AUCTION_MARKETS._items, "gilt", gilt)
    f = tmp_path / "gilts.csv"
    f.write_text("date,tenor,applied,accepted,average_yield,lowest_yield\n"
                 "2025-05-13,10Y,9000,3000,4.60,4.62\n2025-05-20,10Y,6000,3000,4.70,4.73\n")
    res = api.run_auctions(api.AuctionRequest(file=str(f), market="gilt"))
    auto = api.run_auctions(api.AuctionRequest(file=str(f)))
    assert res.to_dict() == auto.to_dict() and res.market == "gilt"
    rows = res.to_dict()["auctions"]
    assert [r["bid_to_cover"] for r in rows] == [3.0, 2.0]   # 9000/3000, 6000/3000
    assert rows[1]["tail"] == pytest.approx(3.0) and rows[1]["average_yield"] == 4.7
    assert res.summary().title.startswith("UK gilt auctions")
    with pytest.raises(InputError, match=r"market must be one of 'jgb', 'us', 'gilt'; got 'bund'"):
        api.AuctionRequest(file=str(f), market="bund")


def test_a_user_registered_yield_curve_runs_through_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    # the JGB curve's 20-year column under another market name
    curve = api.BundledCurve(lambda: data.jgb_yield_curve()[["20Y"]], ("20Y",), only=True,
                             note="a user's curve")
    monkeypatch.setitem(api.YIELD_CURVES._items, "mine", curve)
    got = api.run_yields(api.YieldsRequest(market="mine", date="2025-05-22"))
    direct = yield_stress_panel(data.jgb_yield_curve(), ("20Y",), date="2025-05-22")
    assert got.to_dict() == direct.to_dict()
    with pytest.raises(InputError, match=r"tenor must be 20Y with --market mine \(a user's curve\)"):
        api.YieldsRequest(market="mine", tenors=("10Y",))
    with pytest.raises(InputError, match=r"market must be one of 'jgb', 'us', 'mine'; got 'uk'"):
        api.YieldsRequest(market="uk")


def test_a_user_registered_score_scale_runs_through_the_api(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from monpol.bonds.scorecard import SCALES, Indicator, Scale

    # a step scale: 100 above a trigger, 0 below
    step = Scale(("value", "zero"), lambda i: Indicator(
        i.dimension, i.name, float(i.value or 0.0), i.unit,
        100.0 if (i.value or 0.0) > (i.zero or 0.0) else 0.0, "step", i.source, i.note))
    monkeypatch.setitem(SCALES._items, "step", step)
    f = tmp_path / "inputs.toml"
    f.write_text('replace = ["UST:primary_demand"]\n[[indicator]]\nmarket = "UST"\n'
                 'dimension = "primary_demand"\nname = "tail above 3 bp"\nscale = "step"\n'
                 'value = 4.0\nzero = 3.0\nunit = "bp"\nsource = "input: test"\n')
    sc = api.run_scorecard(api.ScorecardRequest(inputs_file=str(f)))
    row = sc.indicators.reset_index().query("market == 'UST' and dimension == 'primary_demand'")
    assert row["score"].tolist() == [100.0] and row["scale"].tolist() == ["step"]
