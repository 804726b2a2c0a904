"""Bond prices from yield and remaining maturity, for sales before maturity.

A bond sold before maturity realises ``clean price − book value``. monpol.exit carries
every holding at par (book yield = coupon), so the realised gain per 100 of face value is
``clean_price(c, y, m) − 100`` where ``c`` is the holding's yield, ``y`` the market yield
at the sale and ``m`` the years left.

Examples
--------
>>> float(clean_price(2.0, 2.0, 5.0)[0])        # a par bond on a coupon date
100.0
>>> round(float(clean_price(0.0, 2.0, 10.0)[0]), 6)   # zero coupon: 100 / 1.01**20
81.954447
>>> float(clean_price(1.0, 2.0, 10.0)[0]) < 100  # yields up, prices down
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from monpol.core.errors import InputError
from monpol.core.units import pct_to_frac
from monpol.core.validation import finite_array

__all__ = ["clean_price", "dirty_price"]


def _prepare(coupon: Any, yld: Any, maturity: Any, frequency: int) -> tuple[np.ndarray, ...]:
    if frequency not in (1, 2, 4, 12):
        raise InputError(f"frequency must be 1, 2, 4 or 12 coupons a year; got {frequency!r}")
    arrays = [np.atleast_1d(finite_array(n, v))
              for n, v in (("coupon", coupon), ("yld", yld), ("maturity", maturity))]
    try:
        c, y, m = np.broadcast_arrays(*arrays)
    except ValueError as exc:   # shapes that do not broadcast
        raise InputError(f"coupon, yld and maturity must broadcast together ({exc})") from None
    if (m <= 0).any():
        raise InputError(f"maturity must be positive years; got {float(m[m <= 0][0])!r}")
    if (y / frequency <= -1).any():
        raise InputError(f"yield must exceed -{100 * frequency}%; got {float(y.min())!r}")
    return c, y, m


def dirty_price(coupon: Any, yld: Any, maturity: Any, *, frequency: int = 2) -> np.ndarray:
    r"""Price per 100 of face value including accrued interest.

    Parameters
    ----------
    coupon : float or array
        Annual coupon rate, percent (paid in ``frequency`` equal parts).
    yld : float or array
        Yield to maturity, percent per year, compounded ``frequency`` times a year
        (JGB par yields are semi-annual).
    maturity : float or array
        Years to redemption (> 0). Coupons fall at ``m, m − 1/f, ...`` back to the first
        after today.
    frequency : int
        Coupons per year (2 for JGBs and Treasuries).

    Notes
    -----
    With :math:`v = 1/(1 + y/f)`, :math:`n = \lceil m f \rceil` remaining coupons and
    :math:`x = m f` periods to redemption,

    .. math:: P = \frac{c}{f}\, v^{x} \sum_{k=0}^{n-1} v^{-k} + 100\, v^{x}
              = \frac{c}{f}\, v^{x}\, \frac{v^{-n} - 1}{v^{-1} - 1} + 100\, v^{x},

    the sum being :math:`n` when :math:`y = 0`. Broadcasts over its arguments.
    """
    c, y, m = _prepare(coupon, yld, maturity, frequency)
    g = pct_to_frac(y) / frequency
    x = m * frequency
    n = np.ceil(x - 1e-9)
    v_x = np.power(1.0 + g, -x)
    with np.errstate(divide="ignore", invalid="ignore"):
        annuity = np.where(np.abs(g) < 1e-12, n, (np.power(1.0 + g, n) - 1.0) / np.where(g == 0, 1.0, g))
    return np.asarray(c / frequency * v_x * annuity + 100.0 * v_x)


def clean_price(coupon: Any, yld: Any, maturity: Any, *, frequency: int = 2) -> np.ndarray:
    """Price per 100 of face value excluding accrued interest (see :func:`dirty_price`).

    Accrued interest is ``c/f × (n − m f)``, the part of the current coupon period
    already elapsed.
    """
    c, y, m = _prepare(coupon, yld, maturity, frequency)
    x = m * frequency
    n = np.ceil(x - 1e-9)
    accrued = c / frequency * (n - x)
    return np.asarray(dirty_price(c, y, m, frequency=frequency) - accrued)
