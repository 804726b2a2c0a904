from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError
from monpol.events.calendars import calendar_from_dates, calendar_names, load_calendar

# Seed 000, Figure 10 (slide 36) and the spec: the 2010 signals before QE2.
SEED_SIGNALS = ["2010-08-10", "2010-08-27", "2010-09-21", "2010-10-15", "2010-11-03"]
# Gagnon et al. (2011) baseline: eight days (Hamilton, Econbrowser 2011-07, lists the first
# three and the count); Krishnamurthy and Vissing-Jorgensen (2011): the first five.
GRRS = ["2008-11-25", "2008-12-01", "2008-12-16", "2009-01-28", "2009-03-18", "2009-08-12",
        "2009-09-23", "2009-11-04"]


def test_bundled_calendars() -> None:
    assert set(calendar_names()) == {"qe2-2010-signals", "fed-qe1-grrs2011", "fed-qe1-kvj2011"}
    assert [d.date().isoformat() for d in load_calendar("qe2-2010-signals").dates] == SEED_SIGNALS
    assert [d.date().isoformat() for d in load_calendar("fed-qe1-grrs2011").dates] == GRRS
    assert [d.date().isoformat() for d in load_calendar("fed-qe1-kvj2011").dates] == GRRS[:5]


@pytest.mark.parametrize("name", ["qe2-2010-signals", "fed-qe1-grrs2011", "fed-qe1-kvj2011"])
def test_every_event_has_a_source(name: str) -> None:
    cal = load_calendar(name)
    ev = cal.events
    assert (ev["source"] != "").all() and ev["source_url"].str.startswith("http").all()
    assert (ev["description"] != "").all() and (ev["label"] != "").all()
    assert set(ev["event_type"]) <= {"fomc_statement", "speech", "board_release"}
    assert cal.citation


def test_release_times_where_sourced() -> None:
    cal = load_calendar("qe2-2010-signals")
    # the seed gives 2:15 pm for the QE2 statement; the Jackson Hole text says 10:00 a.m. EDT
    assert cal.times() == [None, "10:00", None, None, "14:15"]


def test_calendar_results() -> None:
    cal = load_calendar("fed-qe1-kvj2011")
    d = cal.to_dict()
    assert d["name"] == "fed-qe1-kvj2011" and len(d["events"]) == 5
    assert d["events"][0]["date"] == "2008-11-25" and d["events"][0]["time_et"] == "08:15"
    assert d["events"][1]["time_et"] is None
    assert list(cal.to_frame().columns)[:3] == ["event_date", "time_et", "label"]
    assert "Krishnamurthy" in str(cal)


def test_custom_calendar_file(tmp_path: Path) -> None:
    p = tmp_path / "boj.csv"
    p.write_text("date,label,time_et\n2013-04-04,QQE,\n2010-10-05,CME,13:30\n")
    cal = load_calendar(str(p))
    assert cal.name == "boj" and cal.labels == ["CME", "QQE"]          # kept in date order
    assert cal.times() == ["13:30", None]
    only_dates = tmp_path / "d.csv"
    only_dates.write_text("date\n2020-03-15\n")
    assert load_calendar(only_dates).labels == ["2020-03-15"]


@pytest.mark.parametrize(("text", "message"), [
    ("day,label\n2010-01-04,x\n", "an event calendar needs a 'date' column; columns present: 'day', 'label'"),
    ("date\n04/01/2010\n", "column 'date' must hold ISO dates"),
    ("date\n2010-01-04 14:15\n", "'date' must be a date without a time"),
    ("date,time_et\n2010-01-04,2pm\n", "time_et must be HH:MM"),
    ("date\n2010-01-04\n2010-01-04\n", "two events on 2010-01-04"),
])
def test_bad_calendar_files(tmp_path: Path, text: str, message: str) -> None:
    p = tmp_path / "cal.csv"
    p.write_text(text)
    with pytest.raises(DataError, match=message):
        load_calendar(p)


def test_unknown_calendar_lists_bundled_names() -> None:
    with pytest.raises(InputError,
                       match=r"events must be a bundled calendar .*'qe2-2010-signals'.*got 'qe3'"):
        load_calendar("qe3")


def test_calendar_from_dates() -> None:
    cal = calendar_from_dates([pd.Timestamp("2010-11-03"), "2010-08-10"], ["QE2", "reinvest"])
    assert cal.labels == ["reinvest", "QE2"]
    with pytest.raises(InputError, match="labels must have one entry per date"):
        calendar_from_dates(["2010-11-03"], ["a", "b"])
    with pytest.raises(InputError, match="at least one event date"):
        calendar_from_dates([])


def test_calendar_from_bad_dates() -> None:
    with pytest.raises(InputError, match="dates must be dates"):
        calendar_from_dates(["someday"])


def test_calendar_from_timestamps_keeps_the_release_time() -> None:
    cal = calendar_from_dates(["2010-11-03 14:15", "2010-08-27"])
    assert cal.times() == [None, "14:15"]
    # an aware timestamp is read in US Eastern time (time_et)
    utc = calendar_from_dates([pd.Timestamp("2010-11-03 18:15", tz="UTC")])
    assert utc.times() == ["14:15"] and utc.dates[0] == pd.Timestamp("2010-11-03")
