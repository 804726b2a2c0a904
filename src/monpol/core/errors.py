"""The exceptions and warnings monpol raises.

Every error monpol raises on purpose derives from :class:`MonpolError`, and each subclass
also derives from the matching built-in exception so that code written against the
standard library (``except ValueError``) keeps working.

A message names the argument, echoes the value received and states what is allowed, e.g.
``policy_rate must be a finite number in percent; got 'abc'``.
"""

from __future__ import annotations

__all__ = [
    "AccountingError",
    "ConvergenceError",
    "DataError",
    "InputError",
    "MonpolError",
    "MonpolWarning",
    "OutputExistsError",
]


class MonpolError(Exception):
    """Root of every error monpol raises on purpose."""


class InputError(MonpolError, ValueError):
    """An argument or option has a value that is not allowed.

    The message names the argument, the value received and what is allowed.
    """


class OutputExistsError(InputError, FileExistsError):
    """A file or directory would be overwritten without ``overwrite=True``."""


class DataError(MonpolError, ValueError):
    """Data are missing, malformed or do not cover what the analysis needs."""


class ConvergenceError(MonpolError, RuntimeError):
    """A solver or estimator did not converge; the message gives the residual."""


class AccountingError(MonpolError, ArithmeticError):
    """An accounting identity or a model assumption does not hold.

    Raised, for example, when balance-sheet rows do not sum to zero or an equilibrium
    violates an assumption the model needs (negative bank bond holdings).
    """


class MonpolWarning(UserWarning):
    """Root of monpol's warnings (raised with ``stacklevel=2``)."""
