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
        (api.AuctionRequest, {"bundled": "uk"}, r"bundled must be one of 'jgb' or 'us'.*got 'uk'"),
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
    assert set(api.REQUESTS) == {"auctions", "yields", "ownership", "scorecard", "doom_loop",
                                 "threshold", "claims"}
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
