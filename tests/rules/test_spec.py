from __future__ import annotations

import pytest

from monpol.core.errors import InputError
from monpol.rules import RULES, PolicyRule, get_rule, rule_names


def test_registry_has_the_spec_family() -> None:
    assert rule_names() == ["taylor1993", "taylor1999", "balanced-shortfalls", "inertial",
                            "first-difference", "elb-adjusted", "general"]


@pytest.mark.parametrize(
    "name,a,b,rho",
    [("taylor1993", 0.5, 0.5, 0.0), ("taylor1999", 0.5, 1.0, 0.0),
     ("balanced-shortfalls", 0.5, 1.0, 0.0), ("inertial", 0.5, 1.0, 0.85),
     ("first-difference", 0.5, 0.5, 0.0), ("elb-adjusted", 0.5, 1.0, 0.0)],
)
def test_coefficients_match_spec_01_table(name: str, a: float, b: float, rho: float) -> None:
    r = RULES.get(name)
    assert (r.inflation_response, r.gap_response, r.smoothing) == (a, b, rho)


def test_formula_strings() -> None:
    assert get_rule("taylor1993").formula == "R = r* + π + 0.5(π − π*) + 0.5·gap"
    assert get_rule("inertial").formula.startswith("R = 0.85·R_-1 + 0.15·[")
    assert "min(gap, 0)" in get_rule("balanced-shortfalls").formula
    assert get_rule("first-difference").formula == "R = R_-1 + 0.5(π − π*) + 0.5(gap − gap_-4)"


def test_general_takes_user_coefficients_named_rules_do_not() -> None:
    g = get_rule("general", a=1.0, b=0.25, rho=0.5)
    assert (g.inflation_response, g.gap_response, g.smoothing) == (1.0, 0.25, 0.5)
    with pytest.raises(InputError, match="apply to rule 'general' only"):
        get_rule("taylor1993", a=1.0)


def test_bad_rule_specs() -> None:
    with pytest.raises(InputError, match=r"rule must be one of .*; got 'taylor'"):
        get_rule("taylor")
    with pytest.raises(InputError, match=r"rho must be in \[0, 1\); got 1"):
        get_rule("general", rho=1)
    with pytest.raises(InputError, match=r"smoothing must be in \[0, 1\)"):
        PolicyRule("x", "x", 0.5, 0.5, smoothing=-0.1)
    with pytest.raises(InputError, match="first-difference rule takes no smoothing"):
        PolicyRule("x", "x", 0.5, 0.5, smoothing=0.5, form="first_difference")
