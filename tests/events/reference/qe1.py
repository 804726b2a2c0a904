"""Published QE1 event-study totals and FRED DGS10 closes used to check them.

* Gagnon, Raskin, Remache and Sack (2011), baseline set of eight announcements, one-day
  windows (close of the day before to close of the announcement day): cumulative change in
  the 10-year Treasury yield -91 bp (FRBNY Economic Policy Review, May 2011, Chart 5).
* Krishnamurthy and Vissing-Jorgensen (2011), five QE1 announcements, two-day windows:
  cumulative change in the 10-year Treasury yield -107 bp (BPEA Fall 2011).

The DGS10 closes below were read from monpol shared data us/fred_2026_vintage/DGS10.csv
(FRED) to compute the expected totals by hand.
"""

from __future__ import annotations

GRRS_PUBLISHED_BP = -91.0
KVJ_PUBLISHED_BP = -107.0

DGS10 = {
    "2008-11-24": 3.35, "2008-11-25": 3.11, "2008-11-26": 2.99,
    "2008-11-28": 2.93, "2008-12-01": 2.72, "2008-12-02": 2.68,
    "2008-12-15": 2.53, "2008-12-16": 2.37, "2008-12-17": 2.20,
    "2009-01-27": 2.59, "2009-01-28": 2.71, "2009-01-29": 2.87,
    "2009-03-17": 3.02, "2009-03-18": 2.51, "2009-03-19": 2.61,
    "2009-08-11": 3.71, "2009-08-12": 3.72,
    "2009-09-22": 3.46, "2009-09-23": 3.44,
    "2009-11-03": 3.50, "2009-11-04": 3.57,
}
# one-day windows (-1..0)
GRRS_WINDOWS = [("2008-11-24", "2008-11-25"), ("2008-11-28", "2008-12-01"), ("2008-12-15", "2008-12-16"),
                ("2009-01-27", "2009-01-28"), ("2009-03-17", "2009-03-18"), ("2009-08-11", "2009-08-12"),
                ("2009-09-22", "2009-09-23"), ("2009-11-03", "2009-11-04")]
# two-day windows (-1..+1)
KVJ_WINDOWS = [("2008-11-24", "2008-11-26"), ("2008-11-28", "2008-12-02"), ("2008-12-15", "2008-12-17"),
               ("2009-01-27", "2009-01-29"), ("2009-03-17", "2009-03-19")]
