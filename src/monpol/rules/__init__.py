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
    "RULES",
    "ForwardLookingReactionFunction",
    "GMMReactionFunctionResults",
    "LongRunResponses",
    "PolicyRule",
    "Prescription",
    "RateForecast",
    "ReactionFunction",
    "ReactionFunctionFixedResult",
    "ReactionFunctionResults",
    "RealRate",
    "RollingEstimates",
    "RulePaths",
    "china_quarterly",
    "compare_rules",
    "get_rule",
    "newey_west_lags",
    "prescribe",
    "prescribe_path",
    "rebuild_china_quarterly",
    "rule_names",
    "us_rule_inputs",
]
