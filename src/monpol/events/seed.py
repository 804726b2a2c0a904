"""The seed's published market reactions to QE2 (seed ``000_4ffc1b7a4a263a56.txt``).

The seed (Taiwan central-bank slides on QE2, in Chinese) quotes vendor levels around the
FOMC statement of 2010-11-03, 2:15 pm ET (slides 37-47), and moves between dates (slides
39 and 43). :func:`worked_case` turns each pair of published levels into the change the
market convention gives, with the engine's conventions; the published moves between dates
are kept as references (:data:`PUBLISHED_MOVES`) and recomputed on public FRED series by
the casebook.

Examples
--------
>>> case = worked_case()
>>> case.loc[case["instrument"] == "US 10-year Treasury note yield", "change"].item()
-16.0
>>> case.loc[case["instrument"] == "US 10-year Treasury note price", "change"].item()
13.0
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monpol.events.conventions import convention

__all__ = ["PUBLISHED_LEVELS", "PUBLISHED_MOVES", "PUBLISHED_STUDIES", "PublishedLevels",
           "PublishedMove", "PublishedStudy", "published_study", "worked_case"]


@dataclass(frozen=True)
class PublishedLevels:
    """Two levels the seed quotes for one instrument around the QE2 statement."""

    instrument: str
    kind: str
    window: str
    start: float | str
    end: float | str
    slide: str


@dataclass(frozen=True)
class PublishedMove:
    """A move between two dates the seed gives only as a change (percent)."""

    instrument: str
    start_date: str
    end_date: str
    change_pct: float
    slide: str
    note: str


#: Levels quoted in the seed (vendor data: ICE dollar index, EBS/Reuters EUR/USD, S&P 500,
#: on-the-run 10-year note), statement of 2010-11-03 at 2:15 pm ET.
PUBLISHED_LEVELS: tuple[PublishedLevels, ...] = (
    PublishedLevels("US dollar index (DXY)", "price", "before the 2:15 pm statement -> New York close "
                    "(4:00 pm), 2010-11-03", 76.735, 76.412, "37"),
    PublishedLevels("US dollar index (DXY)", "price", "before the statement -> next-day low (2010-11-04)",
                    76.735, 75.664, "37"),
    PublishedLevels("EUR/USD", "price", "before the statement -> first peak after it", 1.4045, 1.4175, "41"),
    PublishedLevels("EUR/USD", "price", "before the statement -> New York close, 2010-11-03",
                    1.4045, 1.4121, "41"),
    PublishedLevels("EUR/USD", "price", "before the statement -> next-day high (2010-11-04)",
                    1.4045, 1.4282, "41"),
    PublishedLevels("S&P 500", "price", "low before the statement -> close, 2010-11-03",
                    1188.3, 1221.1, "45"),
    PublishedLevels("US 10-year Treasury note price", "treasury_price",
                    "low before the statement -> after it", "100-00", "100-13", "46"),
    PublishedLevels("US 10-year Treasury note yield", "yield", "before the statement -> after it",
                    2.62, 2.46, "47"),
)

#: Moves the seed gives only as percent changes between dates (slides 39 and 43).
PUBLISHED_MOVES: tuple[PublishedMove, ...] = (
    PublishedMove("US dollar index (DXY)", "2010-06-08", "2010-11-04", -14.15, "39",
                  "from the 2010-06-08 high"),
    PublishedMove("US dollar index (DXY)", "2010-08-27", "2010-11-04", -8.49, "39",
                  "from Bernanke's Jackson Hole speech"),
    PublishedMove("EUR/USD", "2010-06-07", "2010-11-04", 19.16, "43", "from the 2010-06-07 low"),
    PublishedMove("EUR/USD", "2010-08-27", "2010-11-04", 11.3, "43",
                  "from Bernanke's Jackson Hole speech"),
)


@dataclass(frozen=True)
class PublishedStudy:
    """A published cumulative change of a series over an event calendar."""

    label: str
    calendar: str
    window: tuple[int, int]
    series: str
    cumulative_change: float
    unit: str
    source: str


# Published cumulative 10-year Treasury yield changes over the QE1 events:
# Gagnon, Raskin, Remache and Sack (2011), baseline event set, one-day windows: -91 bp
# (FRBNY Economic Policy Review, May 2011, Chart 5 / Table 1);
# Krishnamurthy and Vissing-Jorgensen (2011), QE1, two-day windows: -107 bp (BPEA, Fall 2011).
PUBLISHED_STUDIES: tuple[PublishedStudy, ...] = (
    PublishedStudy("Gagnon et al. (2011): 8 events, one-day windows", "fed-qe1-grrs2011",
                   (-1, 0), "DGS10", -91.0, "bp",
                   "Gagnon, Raskin, Remache and Sack (2011), FRBNY Economic Policy Review, "
                   "May 2011, Table 1 (their own 10-year yield data)"),
    PublishedStudy("Krishnamurthy and Vissing-Jorgensen (2011): 5 events, two-day windows",
                   "fed-qe1-kvj2011", (-1, 1), "DGS10", -107.0, "bp",
                   "Krishnamurthy and Vissing-Jorgensen (2011), Brookings Papers on Economic "
                   "Activity, Fall 2011 (their own 10-year yield data)"),
)


def published_study(calendar: str, window: tuple[int, int], series: str) -> PublishedStudy | None:
    """The published study of ``series`` over ``calendar`` with ``window``, if there is one.

    >>> published_study("fed-qe1-kvj2011", (-1, 1), "DGS10").cumulative_change
    -107.0
    >>> published_study("qe2-2010-signals", (-1, 1), "DGS10") is None
    True
    """
    return next((p for p in PUBLISHED_STUDIES if (p.calendar, tuple(p.window), p.series)
                 == (calendar, tuple(window), series)), None)


def worked_case() -> pd.DataFrame:
    """The seed's level pairs turned into changes by the market conventions.

    Columns: instrument, kind, window, start, end (as published), change, unit, slide.
    Treasury prices in 32nds (``"100-13"``) are parsed to decimal points first.
    """
    rows = []
    for p in PUBLISHED_LEVELS:
        conv = convention(p.kind)
        s, e = conv.level(p.start), conv.level(p.end)
        rows.append({"instrument": p.instrument, "kind": p.kind, "window": p.window,
                     "start": str(p.start), "end": str(p.end), "change": conv.change(s, e),
                     "unit": conv.unit, "slide": p.slide})
    return pd.DataFrame(rows)
