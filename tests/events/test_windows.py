from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError
from monpol.events import load_series
from monpol.events.series import MarketSeries
from monpol.events.windows import change, day_zero, parse_window, reaction
from tests.events.reference import seed000 as ref


@pytest.fixture(scope="module")
def window() -> dict[str, MarketSeries]:
    return {c: load_series("us-qe2-2010-window", c) for c in ("DEXUSEU", "DGS10", "DTWEXBGS")}


def test_change_between_dates_on_public_series(window: dict[str, MarketSeries]) -> None:
    # the seed's euro move from the 06-07 low to 11-04 (+19.16%), on FRED noon rates
    c = change(window["DEXUSEU"], "2010-06-07", "2010-11-04")
    f = ref.FRED["DEXUSEU"]
    assert (c.start, c.end) == (f["2010-06-07"], f["2010-11-04"])
    assert c.change == pytest.approx(100 * (f["2010-11-04"] / f["2010-06-07"] - 1), rel=1e-12)
    assert c.to_dict()["change_pct"] == c.change and "change_bp" not in c.to_dict()
    y = change(window["DGS10"], "2010-11-03", "2010-11-04")
    assert y.to_dict()["change_bp"] == -14.0 and "change_pct" not in y.to_dict()


def test_non_trading_day_uses_previous_close(window: dict[str, MarketSeries]) -> None:
    # 2010-10-11 (Columbus Day) has no observation; 2010-10-09 is a Saturday
    c = change(window["DGS10"], "2010-10-11", "2010-10-12")
    assert c.start_date == pd.Timestamp("2010-10-08") and c.start == 2.41
    assert change(window["DGS10"], "2010-10-09", "2010-10-10").change == 0.0
    assert c.to_dict()["rule"].startswith("non-trading days: the previous available close")


def test_change_errors(window: dict[str, MarketSeries]) -> None:
    with pytest.raises(InputError, match=r"to \(2010-11-01 00:00:00\) must not be before from"):
        change(window["DGS10"], "2010-11-04", "2010-11-01")
    with pytest.raises(DataError,
                       match=r"from 2009-01-02 is before the first observation of DGS10 \(2010-06-01\)"):
        change(window["DGS10"], "2009-01-02", "2010-11-04")
    with pytest.raises(DataError,
                       match=r"to 2011-01-03 is after the last observation of DGS10 \(2010-11-30\)"):
        change(window["DGS10"], "2010-11-04", "2011-01-03")
    with pytest.raises(InputError, match="from must be a date or timestamp"):
        change(window["DGS10"], "last week", "2010-11-04")


def test_treasury_price_change_in_32nds() -> None:
    s = MarketSeries.from_series(pd.Series(["100-00", "100-13"], index=pd.to_datetime(
        ["2010-11-03 14:00", "2010-11-03 16:00"])), kind="treasury_price", name="note")
    c = change(s, "2010-11-03 14:10", "2010-11-03 16:00")
    d = c.to_dict()
    assert d["change_32nds"] == ref.EXPECTED_32NDS
    assert d["start_32nds"] == "100-00" and d["end_32nds"] == "100-13"
    assert d["change_pct"] == pytest.approx(100 * (ref.NOTE_POST_DECIMAL / 100 - 1))


def test_parse_window() -> None:
    assert parse_window("1d") == (-1, 0) and parse_window("2d") == (-1, 1)
    assert parse_window("-3:+2") == (-3, 2) and parse_window([0, 5]) == (0, 5)
    with pytest.raises(InputError, match=r"window must be one of '1d', '2d', .* or 'a:b'.*got 'week'"):
        parse_window("week")
    with pytest.raises(InputError, match="window must have start < end"):
        parse_window("1:0")
    with pytest.raises(InputError, match="window must be two integers"):
        parse_window([1.5, "x"])  # type: ignore[list-item]


def test_day_zero_rules() -> None:
    idx = pd.DatetimeIndex(["2010-11-04", "2010-11-05", "2010-11-08", "2010-11-09"])
    # trading day; weekend -> Monday; after-close release -> next trading day; unknown time -> same day
    pos = day_zero(idx, ["2010-11-04", "2010-11-06", "2010-11-05", "2010-11-08"],
                   [None, None, "16:30", "14:15"])
    assert pos.tolist() == [0, 2, 2, 2]
    assert day_zero(idx, ["2010-11-05"], ["11:00"], close="12:00").tolist() == [1]
    assert day_zero(idx, ["2010-11-05"], ["14:15"], close="12:00").tolist() == [2]
    with pytest.raises(DataError, match=r"event 2010-11-10 is after the last observation \(2010-11-09\)"):
        day_zero(idx, ["2010-11-10"])
    gappy = pd.DatetimeIndex(["2010-01-04", "2010-03-01"])
    with pytest.raises(DataError, match="next observation is 2010-03-01, more than 7 days later"):
        day_zero(gappy, ["2010-01-15"])
    with pytest.raises(InputError, match="time_et must be a time HH:MM"):
        day_zero(idx, ["2010-11-04"], ["2pm"])


def _intraday() -> MarketSeries:
    # a synthetic minute-by-minute dollar index built to the seed's quotes (slide 37):
    # 76.735 before 2:15 pm, 76.412 at the 4:00 pm close, 75.664 low the next day
    t = pd.to_datetime(["2010-11-03 09:30", "2010-11-03 14:15", "2010-11-03 14:20", "2010-11-03 16:00",
                        "2010-11-03 17:00", "2010-11-04 03:00", "2010-11-04 10:00", "2010-11-04 15:00"])
    v = [76.9, ref.DXY_PRE, 76.55, ref.DXY_CLOSE, 76.30, 75.90, ref.DXY_NEXT_LOW, 75.80]
    return MarketSeries.from_series(pd.Series(v, index=t), name="DXY")


def test_intraday_reaction_reproduces_the_seed() -> None:
    r = reaction(_intraday(), "2010-11-03 14:15")
    assert (r.pre, r.close, r.extreme) == (ref.DXY_PRE, ref.DXY_CLOSE, ref.DXY_NEXT_LOW)
    assert r.extreme_side == "low"
    assert r.close_time == pd.Timestamp("2010-11-03 16:00")
    assert r.close_change == pytest.approx(ref.EXPECTED_PCT["dxy_close"], rel=1e-12)
    assert r.extreme_change == pytest.approx(ref.EXPECTED_PCT["dxy_next_low"], rel=1e-12)
    d = r.to_dict()
    assert d["data"] == "intraday" and d["close_change_pct"] == r.close_change
    assert r.to_frame()["point"].tolist() == ["pre-event", "event close", "next-day low"]


def test_intraday_reaction_options_and_errors() -> None:
    s = _intraday()
    assert reaction(s, "2010-11-03 14:15", extreme="high").extreme == 75.90
    with pytest.raises(InputError, match="needs a time of day"):
        reaction(s, "2010-11-03")
    with pytest.raises(InputError, match="extreme must be one of 'auto', 'high', 'low'; got 'max'"):
        reaction(s, "2010-11-03 14:15", extreme="max")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="close must be a time HH:MM"):
        reaction(s, "2010-11-03 14:15", close="4pm")
    with pytest.raises(DataError, match="no trading day after 2010-11-04"):
        reaction(s, "2010-11-04 09:00")
    sparse = MarketSeries.from_series(pd.Series([1.0, 1.1], index=pd.to_datetime(
        ["2010-11-03 10:00", "2010-11-04 10:00"])), name="Y")
    with pytest.raises(DataError, match="Y: no quote between the event"):
        reaction(sparse, "2010-11-03 14:15")


def test_intraday_event_after_the_close_belongs_to_the_next_day() -> None:
    t = pd.to_datetime(["2010-11-03 15:00", "2010-11-03 17:00", "2010-11-04 15:30", "2010-11-05 10:00"])
    s = MarketSeries.from_series(pd.Series([1.0, 1.1, 1.2, 1.3], index=t), name="Z")
    r = reaction(s, "2010-11-03 16:30")
    assert (r.pre, r.close, r.extreme) == (1.0, 1.2, 1.3)
    assert r.close_time == pd.Timestamp("2010-11-04 15:30")


def test_daily_reaction_uses_closes(window: dict[str, MarketSeries]) -> None:
    r = reaction(window["DGS10"], "2010-11-03 14:15")
    f = ref.FRED["DGS10"]
    assert (r.pre, r.close, r.extreme) == (f["2010-11-02"], f["2010-11-03"], f["2010-11-04"])
    assert (r.close_change, r.extreme_change, r.extreme_side) == (4.0, -10.0, "close")
    # noon fixing: the 2:15 pm statement first shows in the next day's rate
    e = reaction(window["DEXUSEU"], "2010-11-03 14:15", close="12:00")
    g = ref.FRED["DEXUSEU"]
    assert (e.pre, e.close) == (g["2010-11-03"], g["2010-11-04"])
    assert r.to_dict()["data"] == "daily"
    with pytest.raises(DataError, match="no close before day 0"):
        reaction(window["DGS10"], "2010-06-01")
    with pytest.raises(DataError, match="no trading day after day 0"):
        reaction(window["DGS10"], "2010-11-30")


def test_summaries_print() -> None:
    r = reaction(_intraday(), "2010-11-03 14:15")
    assert "Reaction of DXY" in str(r) and "next-day low" in str(r)
    s = load_series("us-qe2-2010-window", "DGS10")
    text = str(change(s, "2010-10-11", "2010-11-04"))
    assert "start date used" in text and "previous available close" in text
    assert np.isfinite(change(s, "2010-10-11", "2010-11-04").to_frame()["change_bp"].iloc[0])


def test_day_zero_before_the_data_is_an_error_not_a_gap() -> None:
    # a date before the first observation may have been a trading day the data do not cover
    idx = pd.DatetimeIndex(["2010-06-01", "2010-06-02"])
    with pytest.raises(DataError, match=r"event 2010-05-20 is before the first observation \(2010-06-01\); "
                                        r"day 0 cannot be placed"):
        day_zero(idx, ["2010-05-20"])
    with pytest.raises(DataError, match="event 2010-05-28 is before the first observation"):
        day_zero(idx, ["2010-05-28"])


def _gappy() -> MarketSeries:
    # no observation between 2010-01-05 and 2010-03-01: missing data, not a holiday
    idx = pd.to_datetime(["2010-01-04", "2010-01-05", "2010-03-01", "2010-03-02"])
    return MarketSeries.from_series(pd.Series([2.0, 2.1, 3.0, 3.1], index=idx), kind="yield", name="g")


def test_daily_reaction_refuses_a_window_across_a_gap() -> None:
    with pytest.raises(DataError, match=r"event 2010-03-01: its window 2010-01-05 \.\. 2010-03-02 bridges a "
                                        r"gap in g from 2010-01-05 to 2010-03-01, more than 7 days"):
        reaction(_gappy(), "2010-03-01")


def test_intraday_event_on_a_day_without_quotes_belongs_to_the_next_trading_day() -> None:
    # a Sunday announcement at 10:00: pre-event = Friday's last quote, close = Monday's
    t = pd.to_datetime(["2010-11-05 15:00", "2010-11-08 10:00", "2010-11-08 15:30", "2010-11-09 11:00"])
    s = MarketSeries.from_series(pd.Series([1.0, 1.1, 1.2, 1.3], index=t), name="W")
    r = reaction(s, "2010-11-07 10:00")
    assert (r.pre_time, r.close_time, r.extreme_time) == (t[0], t[2], t[3])
    assert (r.pre, r.close, r.extreme) == (1.0, 1.2, 1.3)
