"""monpol.exit.api: the same numbers as the domain calls and the CLI; clear input errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.requests import Request
from monpol.exit import ExitModel, Ladder, ThreeTier, api, boj_ladder, mof_curve
from monpol.exit.montecarlo import Vasicek
from monpol.exit.results import GAP_FIELDS
from monpol.exit.seed import reproduce_seed

BOJ = ["--holdings", "boj-jgb-holdings-2022-12", "--curve", "mof-par-curve-2022-06",
       "--excess-reserves", "477", "--start-year", "2023", "--capital", "11"]


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, ["exit", *args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _seed_model(**kw: Any) -> ExitModel:
    return ExitModel(boj_ladder(), curve=mof_curve(), excess_reserves=477, start_year=2023,
                     capital=11, **kw)


def test_seed_scenario_matches_domain_and_cli() -> None:
    res = api.run_project(api.ProjectRequest(scenario="C", years=10, reinvest_share=0.5))
    direct = _seed_model(years=10, reinvest_share=0.5).project(1.0)
    assert res.frame["cumulative"].tolist() == direct.frame["cumulative"].tolist()
    out = _cli_json("project", *BOJ, "--years", "10", "--reinvest-share", "0.5",
                    "--policy-rate", "1.0")
    assert [r["cumulative"] for r in out["rows"]] == res.frame["cumulative"].tolist()
    # the seed's figure for C' is a cumulative loss of 7.2195 trillion yen; the distance
    # on the bundled template is explained in docs/exit.md and the casebook
    assert res.cumulative_loss == pytest.approx(reproduce_seed().projections["C'"].cumulative_loss,
                                                rel=0.05)


def test_own_path_and_pre_exit_rate() -> None:
    rates = (-0.1, 0.25, 0.5, 0.75, 1.0)
    own = api.run_project(api.ProjectRequest(scenario=None, rates=rates, years=5))
    assert own.frame["policy_rate"].tolist() == list(rates)
    assert own.frame["net_income"].tolist() == _seed_model(years=5).project(
        np.array(rates)).frame["net_income"].tolist()
    # a constant rate with a later exit: the pre-exit rate up to the exit, three tiers then
    req = api.ProjectRequest(scenario=None, policy_rate=0.5, years=4, exit_year=2025,
                             basic_balance=210, policy_rate_balance=5)
    tiered = api.run_project(req)
    assert tiered.frame["policy_rate"].tolist() == [-0.1, -0.1, 0.5, 0.5]
    direct = _seed_model(years=4, exit_year=2025, three_tier=ThreeTier(210, 5)).project(
        np.array([-0.1, -0.1, 0.5, 0.5]))
    assert tiered.frame["interest_expense"].tolist() == direct.frame["interest_expense"].tolist()


def test_timing_conventions_reach_the_model(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder.csv"
    ladder.write_text("maturity_year,amount,yield\n2023,200,1.0\n2024,300,2.0\n2025,500,3.0\n")
    common = {"holdings": str(ladder), "curve": None, "excess_reserves": 1000,
              "start_year": 2023, "years": 3, "capital": None, "scenario": None,
              "policy_rate": 0.5}
    literal = api.run_project(api.ProjectRequest(**common))
    # seed 002's worked example (spec 03 §2): reserves 800, 500, 0 and net 19, 18.5, 15
    assert literal.frame["excess_reserves"].tolist() == [800.0, 500.0, 0.0]
    assert literal.frame["net_income"].tolist() == pytest.approx([19.0, 18.5, 15.0])
    consistent = api.run_project(api.ProjectRequest(**common, reserves_timing="year_end"))
    assert consistent.frame["excess_reserves"].tolist() == [1000.0, 800.0, 500.0]


def test_simulate_matches_domain_and_cli() -> None:
    req = api.SimulateRequest(paths=300, seed=5, years=10, reinvest_share=0.5, floor=0.0)
    res = api.run_simulate(req)
    direct = _seed_model(years=10, reinvest_share=0.5).simulate(
        paths=300, process=Vasicek(r0=0.5, mean=0.5, speed=0.3, vol=0.3, floor=0.0), rng=5)
    assert res.fan.equals(direct.fan)
    assert res.probability_exhausted == direct.probability_exhausted
    out = _cli_json("simulate", *BOJ, "--years", "10", "--reinvest-share", "0.5", "--paths",
                    "300", "--seed", "5", "--floor", "0")
    assert out["summary"]["probability_exhausted"] == res.probability_exhausted
    assert [r["cumulative_p50"] for r in out["fan"]] == res.fan["cumulative_p50"].tolist()


def test_reproduce_and_readings_match_domain() -> None:
    rep = api.run_reproduce(api.ReproduceRequest(years=4))
    direct = reproduce_seed(years=4)
    assert rep.to_frame()["cumulative_loss"].tolist() == direct.to_frame()["cumulative_loss"].tolist()
    m = api.run_readings(api.ReadingsRequest(years=4))
    assert len(m.to_frame()) == 24


@pytest.mark.parametrize(
    ("cls", "fields", "match"),
    [
        (api.ProjectRequest, {"reinvest_share": 1.5}, r"reinvest_share must be in \[0, 1\]; got 1.5"),
        (api.ProjectRequest, {"years": 0}, "years must be at least 1"),
        (api.ProjectRequest, {"years": 10**6}, "years must be at most 1000"),
        (api.ProjectRequest, {"excess_reserves": -1}, "excess_reserves must be at least 0"),
        (api.ProjectRequest, {"policy_rate": 0.5}, "give exactly one of scenario, policy_rate"),
        (api.ProjectRequest, {"scenario": "D"}, "scenario must be one of 'A', 'B' or 'C'"),
        (api.ProjectRequest, {"scenario": None, "rates": [0.5, 2000.0]},
         r"rates must be in \[-100, 1000\] percent per year; got 2000.0"),
        (api.ProjectRequest, {"accounting": "fifo"}, "accounting must be one of 'cumulative'"),
        (api.ProjectRequest, {"holdings_timing": "june"}, "timing must be one of 'year_end'"),
        (api.ProjectRequest, {"reinvest_timing": "at_redemption",
                              "reinvested_redemption": "maturity_year"},
         "needs reinvest_timing 'next_year'"),
        (api.ProjectRequest, {"sales": {2024: 5.0}}, "--sell needs --sale-reference-rate"),
        (api.SimulateRequest, {"paths": 10**9}, "paths must be at most 10000000"),
        (api.SimulateRequest, {"process": "cir", "floor": 0.0},
         "--floor applies to --process vasicek only"),
        (api.SimulateRequest, {"scheduler": "tcp://127.0.0.1:1"}, "--scheduler goes with --backend dask"),
        (api.ReproduceRequest, {"yield_assignment": "given"}, "yield_assignment must be one of"),
    ],
)
def test_bad_requests_name_field_value_and_allowed(cls: type[Request], fields: dict[str, Any],
                                                   match: str) -> None:
    with pytest.raises(InputError, match=match):
        cls(**fields)


def test_bundled_ladder_in_another_unit_is_refused() -> None:
    with pytest.raises(InputError, match="the bundled 'boj-jgb-holdings-2022-12' is in trillion yen"):
        api.run_project(api.ProjectRequest(unit="billion-usd"))
    with pytest.raises(InputError, match="request must be a ProjectRequest"):
        api.run_project(api.SimulateRequest())  # type: ignore[arg-type]


def test_requests_registry_and_field_metadata() -> None:
    assert set(api.REQUESTS) == {"project", "simulate", "reproduce", "readings", "sensitivity",
                                 "first_year_gap", "rate_path"}
    for name, (cls, run) in api.REQUESTS.items():
        assert issubclass(cls, Request) and callable(run), name
        cls()   # the defaults (seed 002's) make a valid request
        for field, info in cls.model_fields.items():
            assert info.description, f"{name}.{field} has no description"
    assert "percent per year" in (api.ProjectRequest.model_fields["policy_rate"].description or "")
    assert isinstance(api.LADDERS.get("illustrative-fed-ladder")(), Ladder)
    assert api.field_choices(api.ProjectRequest, "scenario") == ["A", "B", "C"]
    assert api.field_choices(api.ReproduceRequest, "yield_assignment") == ["at_start", "each_year"]
    assert api.field_choices(api.ProjectRequest, "years") is None
    with pytest.raises(InputError,
                       match=r"field must be a field of ProjectRequest \(holdings_timing, .*\); got 'year'"):
        api.field_choices(api.ProjectRequest, "year")


def test_user_accounting_and_yield_rules_run_end_to_end_through_the_api() -> None:
    from dataclasses import dataclass

    from monpol.core.units import pct_to_frac
    from monpol.exit import ACCOUNTING, YIELD_ASSIGNMENTS, Accounting, YieldRule

    @dataclass(frozen=True)
    class HalfCovered(Accounting):
        """The government covers half of every loss (illustrative)."""

        def apply(self, net: np.ndarray, capital: float | None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            assert capital is not None
            kept = np.where(net < 0, net / 2, net)
            return capital + np.cumsum(kept, axis=1), np.zeros(net.shape), np.zeros(net.shape)

    @dataclass(frozen=True)
    class TenYearForAll(YieldRule):
        """Every bond earns the curve's 10-year yield (illustrative)."""

        def yields(self, ladder: Ladder, years: np.ndarray, curve: Any) -> np.ndarray:
            return np.full((len(ladder), len(years)), float(curve(np.array([10.0]))[0]))

    ACCOUNTING.add("half_covered", HalfCovered("half of every loss is covered"))
    YIELD_ASSIGNMENTS.add("ten_year", TenYearForAll("{curve}: the 10-year yield for every bond"))
    try:
        base = api.run_project(api.ProjectRequest(scenario="C", years=6))
        half = api.run_project(api.ProjectRequest(scenario="C", years=6, accounting="half_covered"))
        net = base.frame["net_income"].to_numpy()
        expected = 11 + np.cumsum(np.where(net < 0, net / 2, net))   # by hand
        assert half.frame["capital_remaining"].to_numpy() == pytest.approx(expected, rel=1e-12)
        assert half.settings["accounting"] == "half of every loss is covered"
        # the dashboard's choices are read from the registries when asked
        assert "half_covered" in api.field_choices(api.ProjectRequest, "accounting")
        assert "ten_year" in api.field_choices(api.ReproduceRequest, "yield_assignment")
        ten = api.run_project(api.ProjectRequest(scenario="C", years=2, yield_assignment="ten_year"))
        y10 = float(mof_curve()(np.array([10.0]))[0])
        first = ten.frame.iloc[0]
        assert first["interest_income"] == pytest.approx(first["holdings"] * pct_to_frac(y10),
                                                         rel=1e-12)
        assert api.ReproduceRequest(yield_assignment="ten_year").yield_assignment == "ten_year"
    finally:
        ACCOUNTING.remove("half_covered")
        YIELD_ASSIGNMENTS.remove("ten_year")
    with pytest.raises(InputError, match="accounting must be one of 'cumulative', "
                                         "'remit_profits', 'deferred_asset'; got 'half_covered'"):
        api.ProjectRequest(accounting="half_covered")


def test_sensitivity_grid_equals_the_domain_grid() -> None:
    from monpol.exit.seed import VARIANTS, sensitivity

    names = ("seed literal (default)", "pchip interpolation")
    grid = api.run_sensitivity(api.SensitivityRequest(variants=names))
    direct = sensitivity({n: VARIANTS[n] for n in names})
    assert grid.to_frame().equals(direct)
    assert grid.variants == list(names)
    wide = grid.table("cumulative_loss", published=True)
    assert wide.loc["published", "B"] == 2.4925   # seed §3: 2兆4,925億円
    assert wide.loc["pchip interpolation", "C"] == direct.loc[
        (direct["variant"] == "pchip interpolation") & (direct["label"] == "C"),
        "cumulative_loss"].item()
    assert grid.to_dict()["rows"][0]["variant"] == names[0]
    assert api.field_choices(api.SensitivityRequest, "variants") == list(VARIANTS)
    with pytest.raises(InputError, match=r"variants must be names of VARIANTS .*; got 'nope'"):
        api.SensitivityRequest(variants=("nope",))
    with pytest.raises(InputError, match=r"value must be one of .*; got 'x'"):
        grid.table("x")


def test_first_year_gap_equals_the_direct_computation() -> None:
    gap = api.run_first_year_gap(api.FirstYearGapRequest())
    a = reproduce_seed().projections["A"].frame.iloc[0]
    lad, curve = boj_ladder(), mof_curve()
    assert gap.interest_income == float(a["interest_income"])
    assert gap.avg_yield == float(a["avg_yield"])
    # the published A-2023 loss (997億円) = 0.25% x 477 - JGB interest (seed §3)
    assert gap.implied_interest_full == pytest.approx(477 * 0.0025 - 0.0997)
    assert gap.implied_interest_literal == pytest.approx(float(a["interest_expense"]) - 0.0997)
    assert gap.interest_on_seed_holdings == pytest.approx(float(a["interest_income"]) * 564
                                                          / lad.total)
    bucketed = float(np.dot(lad.amounts, curve(np.ceil(lad.remaining_maturity(2023))))) / lad.total
    assert gap.bucketed_avg_yield == pytest.approx(bucketed)
    assert gap.to_frame()["quantity"].tolist() == list(GAP_FIELDS)
    with pytest.raises(InputError, match=r"yield_assignment must be one of .*; got 'given'"):
        api.FirstYearGapRequest(yield_assignment="given")


def test_rate_path_equals_the_domain_paths() -> None:
    from monpol.exit.scenario import RatePath

    gradual = api.run_rate_path(api.RatePathRequest(initial=-0.1, target=1.0, first="2024-01-01",
                                                    start_year=2023, years=10))
    direct = RatePath.gradual(initial=-0.1, target=1.0, step=0.25, every_months=6,
                              first="2024-01-01", start_year=2023, years=10)
    assert list(gradual.rates) == [float(r) for r in direct.rates]
    assert gradual.to_frame().columns.tolist() == ["year", "policy_rate"]
    changes = {"2024-09-18": 4.75, "2025-01-01": 4.0}
    dated = api.run_rate_path(api.RatePathRequest(changes=changes, initial=5.25,
                                                  start_year=2023, years=4))
    assert list(dated.rates) == [float(r) for r in RatePath.from_changes(
        changes, initial=5.25, start_year=2023, years=4).rates]
    assert api.run_rate_path(api.RatePathRequest(initial=1.0, years=3)).rates == (1.0, 1.0, 1.0)
    with pytest.raises(InputError, match="changes or target, not both"):
        api.RatePathRequest(changes=changes, target=1.0)
    with pytest.raises(InputError, match=r"changes \(a date\) must be a date .*; got 'soon'"):
        api.RatePathRequest(changes={"soon": 1.0})
    with pytest.raises(InputError, match="step must be greater than 0"):
        api.RatePathRequest(target=1.0, step=0)
