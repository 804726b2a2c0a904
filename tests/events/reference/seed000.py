"""Published figures of seed 000_4ffc1b7a4a263a56.txt (Taiwan central-bank slides on QE2).

Each figure is copied from the seed's text (slide numbers in comments); the expected
changes are computed here by hand, independently of monpol's conventions module.
"""

from __future__ import annotations

# Slide 37: dollar index 76.735 before the 2:15 pm statement -> 76.412 at the New York
# close (4:00 pm) -> 75.664 low on the next day.
DXY_PRE, DXY_CLOSE, DXY_NEXT_LOW = 76.735, 76.412, 75.664
# Slide 41: EUR/USD 1.4045 before -> 1.4175 -> 1.4121 at the close -> 1.4282 next-day high.
EUR_PRE, EUR_PEAK, EUR_CLOSE, EUR_NEXT_HIGH = 1.4045, 1.4175, 1.4121, 1.4282
# Slide 45: S&P 500 1,188.3 low before the statement -> 1,221.1 at the close.
SPX_PRE, SPX_CLOSE = 1188.3, 1221.1
# Slide 46: 10-year note price 100-0 -> 100-13 (32nds). Slide 47: yield 2.62% -> 2.46%.
NOTE_PRE, NOTE_POST = "100-0", "100-13"
YIELD_PRE, YIELD_POST = 2.62, 2.46
# Slide 39: dollar index -14.15% (06-08 high -> 11-04) and -8.49% (08-27 -> 11-04).
# Slide 43: euro +19.16% (06-07 low -> 11-04) and +11.3% (08-27 -> 11-04).
MOVES = {
    ("dollar", "2010-06-08"): -14.15,
    ("dollar", "2010-08-27"): -8.49,
    ("euro", "2010-06-07"): 19.16,
    ("euro", "2010-08-27"): 11.3,
}

# Independent arithmetic (percent = 100 * (end/start - 1); bp = 100 * (end - start)).
EXPECTED_PCT = {
    "dxy_close": 100.0 * (76.412 / 76.735 - 1.0),        # -0.42093...
    "dxy_next_low": 100.0 * (75.664 / 76.735 - 1.0),     # -1.39571...
    "eur_peak": 100.0 * (1.4175 / 1.4045 - 1.0),         # +0.92559...
    "eur_close": 100.0 * (1.4121 / 1.4045 - 1.0),        # +0.54111...
    "eur_next_high": 100.0 * (1.4282 / 1.4045 - 1.0),    # +1.68743...
    "spx_close": 100.0 * (1221.1 / 1188.3 - 1.0),        # +2.76024...
}
EXPECTED_BP = -16.0          # (2.46 - 2.62) * 100
EXPECTED_32NDS = 13.0        # 100-13 minus 100-00, in 32nds
NOTE_POST_DECIMAL = 100.0 + 13.0 / 32.0

# FRED levels (monpol shared data qe2_2010/, read by eye from the CSV) for the moves above.
FRED = {
    "DEXUSEU": {"2010-06-07": 1.1959, "2010-08-27": 1.2765, "2010-11-03": 1.4014, "2010-11-04": 1.4224},
    "DTWEXBGS": {"2010-06-08": 97.3425, "2010-08-27": 94.3462, "2010-11-04": 88.9831},
    "DGS10": {"2010-11-02": 2.63, "2010-11-03": 2.67, "2010-11-04": 2.53},
}
