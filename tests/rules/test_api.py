"""monpol.rules.api: the same numbers as the domain calls and the CLI; clear input errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.requests import Request
from monpol.rules import api, compare_rules, prescribe, us_rule_inputs
from monpol.rules.cases import reaction_function


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, ["rules", *args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_prescribe_matches_domain_and_cli() -> None:
    req = api.PrescribeRequest(rule="general", inflation=2.94, unemployment=4.0, u_star=4.41,
                               rho=0.9, lagged_rate=5.5)
    res = api.run_prescribe(req)
    direct = prescribe("general", inflation=2.94, unemployment=4.0, u_star=4.41, rho=0.9,
                       lagged_rate=5.5)
    assert res.rate == direct.rate
    assert round(res.rate, 2) == 5.53   # pyeconomics 0.2.6 documented example (spec 01 §1)
    out = _cli_json("prescribe", "--rule", "general", "--inflation", "2.94", "--unemployment",
                    "4", "--u-star", "4.41", "--rho", "0.9", "--lagged-rate", "5.5")
    assert out["rate"] == res.rate


def test_compare_matches_domain_and_cli() -> None:
    req = api.CompareRequest(rules=("taylor1993", "inertial"), r_star="r_star_hlw",
                             inflation_measure="pce", elb=0.125, start="2015Q1", end="2016Q4")
    res = api.run_compare(req)
    direct = compare_rules(us_rule_inputs(inflation="pce", start="2015Q1", end="2016Q4"),
                           ["taylor1993", "inertial"], r_star="r_star_hlw", elb=0.125)
    assert res.frame["prescribed"].equals(direct.frame["prescribed"])   # NaN where r* is missing
    out = _cli_json("compare", "--rule", "taylor1993", "--rule", "inertial", "--r-star",
                    "r_star_hlw", "--inflation-measure", "pce", "--elb", "0.125", "--start",
                    "2015Q1", "--end", "2016Q4")
    shown = [float("nan") if r["prescribed"] is None else r["prescribed"] for r in out["rows"]]
    assert shown == pytest.approx(
        res.frame["prescribed"].tolist(), rel=1e-12, nan_ok=True)
    # a numeric r* given as text (as on a command line) is a number, not a column
    assert api.CompareRequest(r_star="1.5").r_star == 1.5


def test_forecast_is_estimate_and_forecast_in_one_call() -> None:
    fc = api.run_forecast(api.ForecastRequest(dataset="china-lending-rate", inflation=6.2,
                                              growth=9.2))
    direct = reaction_function("china-lending-rate").fit().forecast(inflation=6.2, growth=9.2)
    assert fc.forecast == direct.forecast and fc.lower == direct.lower
    # seed 004 (Kwan 2011): 6.39 published; 6.3528 computed on the bundled data (test_reaction),
    # quoted to 4 decimals, hence abs=1e-4
    assert fc.forecast == pytest.approx(6.3528, abs=1e-4)
    assert fc.estimate is not None and fc.estimate.nobs == 24
    assert fc.to_dict() == direct.to_dict()   # the estimate is not part of the JSON contract
    out = _cli_json("forecast", "--dataset", "china-lending-rate", "--inflation", "6.2",
                    "--growth", "9.2")
    assert out["forecast"] == fc.forecast
    est = api.run_estimate(api.EstimateRequest(dataset="china-lending-rate", cov_type="hac"))
    assert est.maxlags == 2 and est.params.equals(fc.estimate.params)


def test_rolling_and_forward_looking_match_domain() -> None:
    from monpol.rules import ForwardLookingReactionFunction

    roll = api.run_rolling(api.RollingRequest(dataset="china-lending-rate", window=12))
    direct = reaction_function("china-lending-rate").rolling(12)
    assert roll.params.equals(direct.params)
    gmm = api.run_forward_looking(api.ForwardLookingRequest(start="1990Q1", end="2000Q4"))
    ref = ForwardLookingReactionFunction(us_rule_inputs(inflation="core-pce"), start="1990Q1",
                                         end="2000Q4").fit()
    assert gmm.params.equals(ref.params)


@pytest.mark.parametrize(
    ("cls", "fields", "match"),
    [
        (api.PrescribeRequest, {"rule": "taylor", "inflation": 2},
         "rule must be one of 'taylor1993'.*got 'taylor'"),
        (api.PrescribeRequest, {"inflation": 2000}, r"inflation must be at most 1000.0 .*got 2000"),
        (api.PrescribeRequest, {"inflation": float("nan")}, "inflation must be a finite number"),
        (api.PrescribeRequest, {"inflation": 2, "r_star": 11},
         r"r_star must be at most 10.0 .*got 11"),
        (api.PrescribeRequest, {"inflation": 2, "speed": 1}, "speed is not an option"),
        (api.CompareRequest, {"rules": "taylor1993"}, "rules must be a list of rule names"),
        (api.CompareRequest, {"rules": ["taylor1993", "nope"]}, "rule must be one of"),
        (api.CompareRequest, {"r_star": 20}, r"r_star must be in \[-10, 10\]; got 20"),
        (api.CompareRequest, {"gap": "gdp"}, "gap must be one of 'output' or 'unemployment'.*got 'gdp'"),
        (api.EstimateRequest, {}, "give exactly one of --dataset NAME or --file"),
        (api.EstimateRequest, {"dataset": "japan"}, "dataset must be one of"),
        (api.EstimateRequest, {"dataset": "us-fred-2024", "cpi_definition": "last_month"},
         "--cpi-definition applies to china-lending-rate only"),
        (api.RollingRequest, {"dataset": "china-lending-rate", "window": 1},
         "window must be at least 2"),
        (api.ForecastRequest, {"dataset": "china-lending-rate", "alpha": 1.5},
         "alpha must be less than 1.0"),
        (api.ForecastRequest, {"dataset": "china-lending-rate", "inflation": 3,
                               "values": {"inflation": 3}}, "inflation is given twice"),
    ],
)
def test_bad_requests_name_field_value_and_allowed(cls: type[Request], fields: dict[str, Any],
                                                   match: str) -> None:
    with pytest.raises(InputError, match=match):
        cls(**fields)


def test_run_functions_refuse_other_objects() -> None:
    with pytest.raises(InputError, match="request must be a PrescribeRequest"):
        api.run_prescribe({"rule": "taylor1993"})  # type: ignore[arg-type]


def test_requests_registry_and_field_metadata() -> None:
    assert set(api.REQUESTS) == {"prescribe", "compare", "estimate", "forecast", "rolling",
                                 "forward_looking"}
    for name, (cls, run) in api.REQUESTS.items():
        assert issubclass(cls, Request) and callable(run), name
        for field, info in cls.model_fields.items():
            assert info.description, f"{name}.{field} has no description"
    rate = api.PrescribeRequest.model_fields["inflation"]
    assert "percent per year" in (rate.description or "")
    assert {type(m).__name__ for m in rate.metadata} >= {"Ge", "Le"}


def test_a_user_rule_form_runs_end_to_end_through_the_api() -> None:
    import numpy as np

    from monpol.rules.spec import RULE_FORMS, RULES, PolicyRule, RuleForm

    class OverheatingOnly(RuleForm):
        """R = r* + π + a(π − π*) + b·max(gap, 0): no easing for slack."""

        def formula(self, rule: PolicyRule) -> str:
            return f"R = r* + π + {rule.inflation_response:g}(π − π*) + " \
                   f"{rule.gap_response:g}·max(gap, 0)"

        def components(self, rule: PolicyRule, **x: np.ndarray) -> dict[str, np.ndarray]:
            pi = x["inflation"]
            return {"r_star": x["r_star"] + 0 * pi, "inflation": pi,
                    "inflation_gap_term": rule.inflation_response * (pi - x["inflation_target"]),
                    "output_gap_term": rule.gap_response * np.maximum(x["gap"], 0.0)}

    RULE_FORMS.add("overheating_only", OverheatingOnly("responds to positive gaps only"))
    RULES.add("hawk", PolicyRule("hawk", "Hawk", 0.5, 1.0, form="overheating_only"))
    try:
        slack = api.run_prescribe(api.PrescribeRequest(rule="hawk", inflation=3, output_gap=-1))
        assert slack.rate == 2 + 3 + 0.5 * 1 + 0.0           # by hand: the slack is ignored
        hot = api.run_prescribe(api.PrescribeRequest(rule="hawk", inflation=3, output_gap=2))
        assert hot.rate == 2 + 3 + 0.5 * 1 + 1.0 * 2
        paths = api.run_compare(api.CompareRequest(rules=("hawk", "taylor1999"),
                                                   start="2009Q1", end="2009Q4"))
        wide = paths.wide()
        inputs = us_rule_inputs(inflation="core-pce", start="2009Q1", end="2009Q4")
        by_hand = 2 + inputs["inflation"] + 0.5 * (inputs["inflation"] - 2) \
            + np.maximum(inputs["output_gap"], 0.0)
        assert wide["hawk"].to_numpy() == pytest.approx(by_hand.to_numpy(), rel=1e-12)
        assert "max(gap, 0)" in api.list_rules()[-1]["formula"]
        assert api.field_choices(api.CompareRequest, "rules")[-1] == "hawk"
        with pytest.raises(InputError, match="form must be one of 'level', 'first_difference', "
                                             "'overheating_only'; got 'x'"):
            PolicyRule("y", "y", 0.5, 0.5, form="x")
    finally:
        RULES.remove("hawk")
        RULE_FORMS.remove("overheating_only")
