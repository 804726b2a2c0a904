"""Policy rules and reaction functions (spec 01; seed ``004_e2199bb23b749225.txt``)."""

from monpol.rules.data import china_quarterly, rebuild_china_quarterly, us_rule_inputs
from monpol.rules.prescribe import DEFAULT_ELB, compare_rules, prescribe, prescribe_path
from monpol.rules.reaction import (
    ForwardLookingReactionFunction,
    ReactionFunction,
    newey_west_lags,
)
from monpol.rules.reaction_results import (
    GMMReactionFunctionResults,
    LongRunResponses,
    RateForecast,
    ReactionFunctionFixedResult,
    ReactionFunctionResults,
    RealRate,
    RollingEstimates,
)
from monpol.rules.results import Prescription, RulePaths
from monpol.rules.spec import RULES, PolicyRule, get_rule, rule_names

__all__ = [
    "DEFAULT_ELB",
    "ForwardLookingReactionFunction",
    "GMMReactionFunctionResults",
    "LongRunResponses",
    "RateForecast",
    "ReactionFunction",
    "ReactionFunctionFixedResult",
    "ReactionFunctionResults",
    "RealRate",
    "RollingEstimates",
    "china_quarterly",
    "newey_west_lags",
    "rebuild_china_quarterly",
    "us_rule_inputs",
    "RULES",
    "PolicyRule",
    "Prescription",
    "RulePaths",
    "compare_rules",
    "get_rule",
    "prescribe",
    "prescribe_path",
    "rule_names",
]
