"""Market reactions to policy announcements: event studies (spec 06, seed 000).

Series and conventions (:mod:`~monpol.events.series`, :mod:`~monpol.events.conventions`),
windows (:mod:`~monpol.events.windows`), abnormal changes (:mod:`~monpol.events.abnormal`),
event studies (:mod:`~monpol.events.study`), calendars (:mod:`~monpol.events.calendars`),
results (:mod:`~monpol.events.results`) and charts (:mod:`~monpol.events.plotting`).

Examples
--------
>>> from monpol import events
>>> dgs10 = events.load_series("us-qe2-2010-window", "DGS10")
>>> events.change(dgs10, "2010-08-27", "2010-11-04").change      # basis points
-13.0
"""

from monpol.events.abnormal import BASELINES
from monpol.events.calendars import EventCalendar, calendar_from_dates, calendar_names, load_calendar
from monpol.events.conventions import CONVENTIONS, Convention, convention, format_32nds, parse_32nds
from monpol.events.plotting import event_chart
from monpol.events.results import Change, EventStudyResult, Reaction
from monpol.events.series import MarketSeries, load_series, read_series
from monpol.events.study import event_study
from monpol.events.treasury import note_price, note_yield
from monpol.events.windows import WINDOWS, change, day_zero, parse_window, reaction

__all__ = [
    "BASELINES",
    "CONVENTIONS",
    "WINDOWS",
    "Change",
    "Convention",
    "EventCalendar",
    "EventStudyResult",
    "MarketSeries",
    "Reaction",
    "calendar_from_dates",
    "calendar_names",
    "change",
    "convention",
    "day_zero",
    "event_chart",
    "event_study",
    "format_32nds",
    "load_calendar",
    "load_series",
    "note_price",
    "note_yield",
    "parse_32nds",
    "parse_window",
    "reaction",
    "read_series",
]
