"""Treasury note price and yield (street convention), to check quoted prices against yields.

A fixed-coupon Treasury note pays ``c/2`` every six months on the maturity's day of month
and 100 at maturity. Between coupon dates the *dirty* price is

.. math::

    P_d = \\sum_{k=0}^{n-1} \\frac{c/2}{(1 + y/2)^{w + k}} + \\frac{100}{(1 + y/2)^{w + n - 1}},

with ``n`` the coupons left, ``w`` the fraction of the current coupon period still to run
(actual/actual days) and ``y`` the yield to maturity; the quoted (*clean*) price subtracts
the accrued coupon ``(c/2)(1 - w)``. The yield for a price is found with
:func:`scipy.optimize.brentq`.

References
----------
Fabozzi, F. J. (ed.), *The Handbook of Fixed Income Securities*, chapter on bond pricing
(street convention for U.S. Treasury notes).

Examples
--------
>>> round(note_price(2.625, 2.625, "2010-08-15", "2020-08-15"), 10)
100.0
>>> round(note_yield(100.0, 2.625, "2010-08-15", "2020-08-15"), 10)
2.625
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from monpol.core.errors import ConvergenceError, InputError
from monpol.core.units import pct_to_frac
from monpol.core.validation import date_like, finite_float, in_range

__all__ = ["note_price", "note_yield"]


def _schedule(settlement: pd.Timestamp, maturity: pd.Timestamp) -> tuple[int, float]:
    """Coupons left and the fraction ``w`` of the current period still to run."""
    if not settlement < maturity:
        raise InputError(f"settlement must be before maturity; got {settlement.date()} and "
                         f"{maturity.date()}")
    dates = [maturity]
    while dates[-1] > settlement:
        dates.append(maturity - pd.DateOffset(months=6 * len(dates)))
    previous, following = dates[-1], dates[-2]
    n = len(dates) - 1
    w = (following - settlement).days / (following - previous).days
    return n, w


def _dates(settlement: object, maturity: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    s, m = date_like("settlement", settlement), date_like("maturity", maturity)
    return s.normalize(), m.normalize()


def note_price(yield_pct: float, coupon_pct: float, settlement: object, maturity: object) -> float:
    """Clean price per 100 of a Treasury note at a yield (percent per year, semiannual).

    Parameters
    ----------
    yield_pct : float
        Yield to maturity, percent per year (semiannual compounding).
    coupon_pct : float
        Annual coupon rate, percent.
    settlement, maturity : date-like
        Settlement and maturity dates.
    """
    y = pct_to_frac(in_range("yield_pct", yield_pct, -50.0, 100.0, unit="percent"))
    c = in_range("coupon_pct", coupon_pct, 0.0, 100.0, unit="percent")
    n, w = _schedule(*_dates(settlement, maturity))
    k = np.arange(n)
    disc = (1.0 + y / 2.0) ** -(w + k)
    dirty = float(np.sum(c / 2.0 * disc) + 100.0 * disc[-1])
    return dirty - c / 2.0 * (1.0 - w)


def note_yield(price: float, coupon_pct: float, settlement: object, maturity: object) -> float:
    """Yield to maturity (percent per year) of a Treasury note at a clean price per 100.

    Raises
    ------
    ConvergenceError
        If no yield between -50% and 100% gives the price.
    """
    p = finite_float("price", price)
    if p <= 0:
        raise InputError(f"price must be positive; got {price!r}")

    def gap(y: float) -> float:
        return note_price(y, coupon_pct, settlement, maturity) - p

    lo, hi = -49.0, 99.0
    if gap(lo) * gap(hi) > 0:
        raise ConvergenceError(
            f"no yield in [{lo}, {hi}] percent prices the note at {p}; residual at the bounds "
            f"{gap(lo):.4g} and {gap(hi):.4g}"
        )
    from scipy.optimize import brentq  # lazy: scipy.optimize ~0.25 s at import

    return float(brentq(gap, lo, hi, xtol=1e-12, rtol=1e-14))
