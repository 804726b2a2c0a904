"""Independent street-convention price of the 10-year note of the seed's check.

UST 2 5/8% of 2020-08-15 (CUSIP 912828NT3, the on-the-run 10-year on 2010-11-03), settlement
2010-11-04: coupon period 2010-08-15 .. 2011-02-15, 20 coupons left. Written out by hand
(explicit dates, plain floats and a bisection), not with monpol.events.treasury, so the
test compares two separate implementations of the same textbook formula (Fabozzi,
street convention: actual/actual days, semiannual compounding, clean = dirty - accrued).
"""

from __future__ import annotations

from datetime import date

COUPON = 2.625
SETTLEMENT = date(2010, 11, 4)
PREVIOUS, NEXT = date(2010, 8, 15), date(2011, 2, 15)
N_COUPONS = 20  # 2011-02-15, 2011-08-15, ..., 2020-08-15


def clean_price(yield_pct: float) -> float:
    v = 1.0 / (1.0 + yield_pct / 200.0)
    w = (NEXT - SETTLEMENT).days / (NEXT - PREVIOUS).days
    dirty = sum(COUPON / 2 * v ** (w + k) for k in range(N_COUPONS)) + 100.0 * v ** (w + N_COUPONS - 1)
    return dirty - COUPON / 2 * (1.0 - w)


def yield_at(price: float, lo: float = 0.0, hi: float = 10.0) -> float:
    for _ in range(200):  # price falls as the yield rises
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if clean_price(mid) > price else (lo, mid)
    return (lo + hi) / 2
