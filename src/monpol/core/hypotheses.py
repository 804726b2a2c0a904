"""One shared test-statistic object for every hypothesis test monpol reports.

Modelled on linearmodels' ``WaldTestStatistic`` / ``InvalidTestStatistic``
(bashtage/linearmodels, ``linearmodels/shared/hypotheses.py``): a test that applies returns
:class:`TestStatistic`; one that does not (too few observations, a restriction that cannot
be evaluated) returns :class:`InvalidTestStatistic` carrying the reason, so that callers
never receive a silent NaN.

Examples
--------
>>> t = TestStatistic(name="Taylor principle", statistic=-3.2, pvalue=0.998,
...                   null="long-run inflation response <= 1",
...                   alternative="long-run inflation response > 1",
...                   distribution="t(20)")
>>> t.reject(0.05)
False
>>> InvalidTestStatistic(name="abnormal return", reason="estimation window has 2 days").valid
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from monpol.core.results import Result, Summary

__all__ = ["InvalidTestStatistic", "TestStatistic"]


@dataclass(frozen=True)
class TestStatistic(Result):
    """A test statistic with its p-value, null and reference distribution.

    Attributes
    ----------
    name : str
        What is tested.
    statistic : float
        Value of the statistic.
    pvalue : float
        p-value under the null.
    null, alternative : str
        The hypotheses in words.
    distribution : str
        Reference distribution, e.g. ``"t(20)"`` or ``"N(0,1)"``.
    """

    __test__ = False  # not a pytest test class

    name: str
    statistic: float
    pvalue: float
    null: str
    alternative: str
    distribution: str

    @property
    def valid(self) -> bool:
        return True

    def reject(self, alpha: float = 0.05) -> bool:
        """Whether the null is rejected at level ``alpha``."""
        return bool(self.pvalue < alpha)

    def summary(self) -> Summary:
        s = Summary(self.name)
        s.add_items(
            {
                "statistic": self.statistic,
                "p-value": self.pvalue,
                "distribution": self.distribution,
                "H0": self.null,
                "H1": self.alternative,
            }
        )
        return s

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.to_dict()])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "valid": True,
            "statistic": self.statistic,
            "pvalue": self.pvalue,
            "null": self.null,
            "alternative": self.alternative,
            "distribution": self.distribution,
            "reason": None,
        }


@dataclass(frozen=True)
class InvalidTestStatistic(Result):
    """A test that could not be carried out, with the reason why."""

    __test__ = False

    name: str
    reason: str

    statistic: float = math.nan
    pvalue: float = math.nan

    @property
    def valid(self) -> bool:
        return False

    def reject(self, alpha: float = 0.05) -> bool:
        """Never rejects: there is no test."""
        return False

    def summary(self) -> Summary:
        s = Summary(self.name)
        s.add_items({"valid": False, "reason": self.reason})
        return s

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.to_dict()])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "valid": False,
            "statistic": None,
            "pvalue": None,
            "null": None,
            "alternative": None,
            "distribution": None,
            "reason": self.reason,
        }
