"""Published figures of the rules seed, for the casebook and the dashboard to show beside
the computed ones.

Seed 004_e2199bb23b749225.txt (Kwan, RIETI, 30 September 2011; spec 01): China's 1-year
benchmark lending rate regressed on CPI inflation, real GDP growth and its own lag,
2005Q3–2011Q2: short-run responses 0.10 (inflation) and 0.09 (growth); the 2011Q3
"theoretical" rate 6.39 % for growth 9.2 % and inflation 6.2 %; the actual rate after the
7 July 2011 hike 6.56 %.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["PUBLISHED_CHINA", "SOURCE"]

SOURCE = "seed 004 (Kwan, RIETI, 30 Sep 2011)"

PUBLISHED_CHINA = MappingProxyType({
    "inflation": 0.10, "growth": 0.09, "theoretical_rate": 6.39, "actual_rate": 6.56,
    "forecast_growth": 9.2, "forecast_inflation": 6.2,
})
"""Coefficients (percentage points per point) and rates (percent per year) as published."""
