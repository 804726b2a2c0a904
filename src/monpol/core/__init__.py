"""Pieces shared by every monpol area: errors, results, units, validation, I/O, registries."""

from monpol.core.errors import (
    AccountingError,
    ConvergenceError,
    DataError,
    InputError,
    MonpolError,
    MonpolWarning,
    OutputExistsError,
)
from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary

__all__ = [
    "AccountingError",
    "ConvergenceError",
    "DataError",
    "InputError",
    "InvalidTestStatistic",
    "MonpolError",
    "MonpolWarning",
    "OutputExistsError",
    "Registry",
    "Result",
    "Summary",
    "TestStatistic",
]
