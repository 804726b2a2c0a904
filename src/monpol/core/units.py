"""Units at monpol's public boundary.

Rates, yields, inflation and growth cross every public boundary (API, CLI, files) in
**percent per year**; they become fractions only inside computations, through
:func:`pct_to_frac` and back through :func:`frac_to_pct`. Changes in yields are reported in
basis points (:func:`pct_to_bp`). Money amounts carry a :class:`MoneyUnit` (currency and
scale) so that a table always says what its numbers are.

Examples
--------
>>> pct_to_frac(2.5)
0.025
>>> frac_to_pct(0.0123)
1.23
>>> TRILLION_JPY.convert(5.0, OKU_JPY)
50000.0
>>> str(BILLION_USD)
'USD bn'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd

from monpol.core.errors import InputError

__all__ = [
    "BILLION_USD",
    "MILLION_USD",
    "OKU_JPY",
    "THOUSAND_JPY",
    "TRILLION_JPY",
    "TRILLION_USD",
    "MoneyUnit",
    "frac_to_pct",
    "pct_to_bp",
    "pct_to_frac",
]

T = TypeVar("T", float, np.ndarray, pd.Series)  # a Series keeps its index


def pct_to_frac(x: T) -> T:
    """Percent (2.5) to fraction (0.025)."""
    return x / 100.0


def frac_to_pct(x: T) -> T:
    """Fraction (0.025) to percent (2.5); scalars are rounded to 12 decimals (binary noise)."""
    out = x * 100.0
    if isinstance(out, float):
        return round(out, 12)
    return out


def pct_to_bp(x: T) -> T:
    """Percentage points (0.16) to basis points (16)."""
    out = x * 100.0
    if isinstance(out, float):
        return round(out, 10)
    return out


@dataclass(frozen=True)
class MoneyUnit:
    """A currency and a scale: ``MoneyUnit("JPY", 1e12, "trillion yen")``.

    Attributes
    ----------
    currency : str
        ISO 4217 code.
    scale : float
        Value of one unit in units of the currency (1e12 for trillions).
    label : str
        How the unit is written in tables.
    """

    currency: str
    scale: float
    label: str

    def __post_init__(self) -> None:
        if not (isinstance(self.currency, str) and len(self.currency) == 3):
            raise InputError(f"currency must be a 3-letter ISO code; got {self.currency!r}")
        if not (self.scale > 0):
            raise InputError(f"scale must be positive; got {self.scale!r}")

    def convert(self, amount: T, to: MoneyUnit) -> T:
        """Express ``amount`` (in this unit) in unit ``to`` of the same currency."""
        if to.currency != self.currency:
            raise InputError(
                f"cannot convert {self.currency} to {to.currency} without an exchange rate"
            )
        return amount * (self.scale / to.scale)

    def __str__(self) -> str:
        return self.label


TRILLION_JPY = MoneyUnit("JPY", 1e12, "trillion yen")
OKU_JPY = MoneyUnit("JPY", 1e8, "100 million yen")
THOUSAND_JPY = MoneyUnit("JPY", 1e3, "thousand yen")
MILLION_USD = MoneyUnit("USD", 1e6, "USD mn")
BILLION_USD = MoneyUnit("USD", 1e9, "USD bn")
TRILLION_USD = MoneyUnit("USD", 1e12, "USD tn")
