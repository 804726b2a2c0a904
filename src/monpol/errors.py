"""Public home of monpol's exceptions: ``from monpol.errors import InputError``.

The classes live in :mod:`monpol.core.errors`; this module re-exports them.
"""

from monpol.core.errors import (
    AccountingError,
    ConvergenceError,
    DataError,
    InputError,
    MonpolError,
    MonpolWarning,
    OutputExistsError,
)

__all__ = [
    "AccountingError",
    "ConvergenceError",
    "DataError",
    "InputError",
    "MonpolError",
    "MonpolWarning",
    "OutputExistsError",
]
