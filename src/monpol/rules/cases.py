"""Named estimation cases: a reaction function on bundled data with its default sample.

* ``china-lending-rate`` — the seed's case (Kwan 2011): the 1-year benchmark lending rate on
  CPI inflation, real GDP growth and its own lag, 2005Q3–2011Q2 (from the move to a managed
  float in July 2005). Choices: ``rate`` (``end_of_quarter`` | ``quarter_average``) and
  ``cpi`` (``quarter_average`` | ``last_month``).
* ``us-fred-2024`` — the federal funds rate on inflation, the CBO output gap and its own lag,
  1987Q3–2008Q3: from the quarter Greenspan took office (August 1987) to the last quarter
  before the rate reached its effective lower bound (2008Q4), a period in which the funds rate was the
  instrument and was not constrained — the sample Taylor (1993) described, extended.
  Choice: ``inflation`` (``pce`` | ``core-pce`` | ``cpi``), default core PCE (the measure
  the FOMC has emphasised since 2000).

Examples
--------
>>> model = reaction_function("china-lending-rate", rate="quarter_average")
>>> model.nobs
24
>>> reaction_function("japan")
Traceback (most recent call last):
...
monpol.core.errors.InputError: dataset must be one of 'china-lending-rate', 'us-fred-2024'; got 'japan'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.rules.data import china_quarterly, us_rule_inputs
from monpol.rules.reaction import ReactionFunction

__all__ = ["CASES", "EstimationCase", "reaction_function"]


@dataclass(frozen=True)
class EstimationCase:
    """A reaction function on bundled data."""

    name: str
    description: str
    start: str
    end: str
    choices: dict[str, tuple[str, ...]]
    regressors: tuple[str, ...]
    build: Callable[..., ReactionFunction]


def _china(start: str, end: str, rate: str = "end_of_quarter",
           cpi: str = "quarter_average") -> ReactionFunction:
    return ReactionFunction(china_quarterly(rate=rate, cpi=cpi),  # type: ignore[arg-type]
                            rate="rate", regressors=("inflation", "growth"), lags=1,
                            start=start, end=end)


def _us(start: str, end: str, inflation: str = "core-pce") -> ReactionFunction:
    data = us_rule_inputs(inflation=inflation)  # type: ignore[arg-type]
    data.attrs = {"choices": {"inflation": inflation, "output_gap": "CBO"}}
    return ReactionFunction(data, rate="policy_rate", regressors=("inflation", "output_gap"),
                            lags=1, start=start, end=end)


CASES: Registry[EstimationCase] = Registry("dataset")
CASES.add("china-lending-rate", EstimationCase(
    "china-lending-rate",
    "China's 1-year benchmark lending rate on CPI inflation, real GDP growth and its lag "
    "(seed 004, Kwan 2011)",
    "2005Q3", "2011Q2",
    {"rate": ("end_of_quarter", "quarter_average"), "cpi": ("quarter_average", "last_month")},
    ("inflation", "growth"), _china))
CASES.add("us-fred-2024", EstimationCase(
    "us-fred-2024",
    "U.S. federal funds rate on inflation, the CBO output gap and its lag (FRED vintage "
    "~April 2024)",
    "1987Q3", "2008Q3",
    {"inflation": ("core-pce", "pce", "cpi")},
    ("inflation", "output_gap"), _us))


def reaction_function(
    case: str, *, start: str | None = None, end: str | None = None, **choices: Any
) -> ReactionFunction:
    """The reaction function of a named case, with its default sample unless given."""
    spec = CASES.get(case)
    for key, value in choices.items():
        if value is None:
            continue
        if key not in spec.choices:
            raise InputError(
                f"case {case!r} takes choices {sorted(spec.choices)}; got {key!r}")
        if value not in spec.choices[key]:
            allowed = ", ".join(repr(v) for v in spec.choices[key])
            raise InputError(f"{key} must be one of {allowed}; got {value!r}")
    given = {k: v for k, v in choices.items() if v is not None}
    return spec.build(spec.start if start is None else start, spec.end if end is None else end, **given)
