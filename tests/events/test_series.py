from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError
from monpol.events.series import MarketSeries, load_series, read_series


def _s(values: list[float], dates: list[str], kind: str = "price", name: str = "X") -> MarketSeries:
    return MarketSeries.from_series(pd.Series(values, index=pd.to_datetime(dates)), kind=kind, name=name)


def _csv(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_from_series_keeps_levels_and_drops_missing() -> None:
    s = _s([1.0, np.nan, 1.2], ["2010-01-04", "2010-01-05", "2010-01-06"])
    assert list(s.levels) == [1.0, 1.2] and s.dropped == 1 and not s.intraday
    assert s.first == pd.Timestamp("2010-01-04") and s.last == pd.Timestamp("2010-01-06")


def test_unsorted_timestamps_are_an_error() -> None:
    with pytest.raises(DataError, match=r"X: timestamps are not in increasing order: 2010-01-04 \(row 3\) "
                                        r"comes after 2010-01-06 \(row 2\); sort the data"):
        _s([1.0, 2.0, 3.0], ["2010-01-05", "2010-01-06", "2010-01-04"])


def test_duplicate_timestamps_are_an_error() -> None:
    with pytest.raises(DataError, match=r"X: duplicate timestamp 2010-01-05 \(rows 2 and 3\)"):
        _s([1.0, 2.0, 3.0], ["2010-01-04", "2010-01-05", "2010-01-05"])


def test_duplicate_intraday_timestamp_shows_the_time() -> None:
    with pytest.raises(DataError, match=r"duplicate timestamp 2010-11-03 14:15:00"):
        _s([1.0, 2.0], ["2010-11-03 14:15", "2010-11-03 14:15"])


@pytest.mark.parametrize("bad", [0.0, -1.5])
def test_non_positive_prices_are_an_error(bad: float) -> None:
    with pytest.raises(DataError, match=rf"X: prices must be positive; got {bad} on 2010-01-05"):
        _s([1.0, bad], ["2010-01-04", "2010-01-05"])


def test_non_positive_treasury_prices_are_an_error() -> None:
    with pytest.raises(DataError, match="prices must be positive"):
        _s([100.0, 0.0], ["2010-01-04", "2010-01-05"], kind="treasury_price")


def test_negative_yields_are_allowed() -> None:
    s = _s([0.1, -0.2], ["2016-07-01", "2016-07-04"], kind="yield")
    assert s.changes().tolist() == [-30.0]


def test_infinite_values_are_an_error() -> None:
    with pytest.raises(DataError, match="values must be finite; got inf on 2010-01-05"):
        _s([1.0, np.inf], ["2010-01-04", "2010-01-05"])


def test_all_missing_is_an_error() -> None:
    with pytest.raises(DataError, match="no observations"):
        _s([np.nan, np.nan], ["2010-01-04", "2010-01-05"])


def test_non_numeric_text_is_an_error() -> None:
    data = pd.Series(["1.0", "abc"], index=pd.to_datetime(["2010-01-04", "2010-01-05"]))
    with pytest.raises(DataError, match=r"X: value 'abc' on 2010-01-05 is not a number"):
        MarketSeries.from_series(data, name="X")


def test_not_a_series_is_an_input_error() -> None:
    with pytest.raises(InputError, match="data must be a pandas Series; got list"):
        MarketSeries.from_series([1.0, 2.0])  # type: ignore[arg-type]


def test_unparseable_index_is_a_data_error() -> None:
    with pytest.raises(DataError, match="the index must hold timestamps"):
        MarketSeries.from_series(pd.Series([1.0], index=["yesterday"]), name="X")


def test_asof_uses_the_previous_available_close() -> None:
    s = _s([1.0, 2.0, 3.0], ["2010-11-04", "2010-11-05", "2010-11-08"])
    assert s.asof("2010-11-07") == (pd.Timestamp("2010-11-05"), 2.0)   # Sunday -> Friday
    assert s.asof("2010-11-08") == (pd.Timestamp("2010-11-08"), 3.0)


def test_asof_outside_the_data_is_an_error() -> None:
    s = _s([1.0, 2.0], ["2010-11-04", "2010-11-05"])
    with pytest.raises(DataError,
                       match=r"date 2010-11-01 is before the first observation of X \(2010-11-04\)"):
        s.asof("2010-11-01")
    with pytest.raises(DataError, match=r"date 2010-11-08 is after the last observation of X \(2010-11-05\)"):
        s.asof("2010-11-08")


def test_asof_refuses_long_gaps() -> None:
    s = _s([1.0, 2.0], ["2010-01-04", "2010-03-01"])
    with pytest.raises(DataError, match=r"previous observation of X is 2010-01-04, more than 7 days earlier"):
        s.asof("2010-02-01")
    assert s.asof("2010-02-01", max_gap_days=40)[1] == 1.0


def test_asof_bad_date_is_an_input_error() -> None:
    s = _s([1.0, 2.0], ["2010-01-04", "2010-01-05"])
    with pytest.raises(InputError, match=r"date must be a date or timestamp .* got 'soon'"):
        s.asof("soon")


def test_intraday_series_date_means_end_of_day() -> None:
    s = _s([1.0, 2.0, 3.0], ["2010-11-03 09:30", "2010-11-03 15:59", "2010-11-04 10:00"])
    assert s.intraday
    assert s.asof("2010-11-03") == (pd.Timestamp("2010-11-03 15:59"), 2.0)
    assert s.asof("2010-11-03 12:00") == (pd.Timestamp("2010-11-03 09:30"), 1.0)
    daily = s.daily()
    assert list(daily.levels) == [2.0, 3.0] and not daily.intraday
    assert list(s.daily(close="12:00").levels) == [1.0, 3.0]
    with pytest.raises(InputError, match="close must be a time HH:MM"):
        s.daily(close="noon")


def test_time_zone_aware_series() -> None:
    idx = pd.DatetimeIndex(["2010-11-03 14:00", "2010-11-03 15:00"]).tz_localize("America/New_York")
    s = MarketSeries.from_series(pd.Series([1.0, 2.0], index=idx), name="X")
    assert s.asof("2010-11-03 14:30")[1] == 1.0       # naive input read in the series' zone
    naive = _s([1.0, 2.0], ["2010-11-03 14:00", "2010-11-03 15:00"])
    with pytest.raises(InputError, match="has a time zone but series 'X' has naive timestamps"):
        naive.asof(pd.Timestamp("2010-11-03 14:30", tz="UTC"))


def test_read_series_fred_file_with_dots(tmp_path: Path) -> None:
    p = _csv(tmp_path, "DATE,DEXUSEU\n2010-11-10,1.3728\n2010-11-11,.\n2010-11-12,1.37\n")
    s = read_series(p, "DEXUSEU")
    assert list(s.levels) == [1.3728, 1.37] and s.dropped == 1 and s.kind == "price"


def test_read_series_intraday_and_treasury_quotes(tmp_path: Path) -> None:
    p = _csv(tmp_path, "time,note\n2010-11-03 14:00,100-00\n2010-11-03 16:00,100-13\n")
    s = read_series(p, "note", kind="treasury_price")
    assert s.intraday and list(s.levels) == [100.0, 100.40625]


def test_read_series_named_date_column(tmp_path: Path) -> None:
    p = _csv(tmp_path, "x,when,y\n1,2010-01-04,2.5\n2,2010-01-05,2.6\n")
    assert list(read_series(p, "y", kind="yield", date_column="when").levels) == [2.5, 2.6]


def test_read_series_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"file '.*nope\.csv' does not exist"):
        read_series(tmp_path / "nope.csv", "x")
    p = _csv(tmp_path, "date,x\n2010-01-04,1\n")
    with pytest.raises(DataError,
                       match=r"data.csv is missing required column\(s\) 'y'; columns present: 'date', 'x'"):
        read_series(p, "y")
    bad = _csv(tmp_path, "date,x\n04/01/2010,1\nyesterday,2\n", "bad.csv")
    with pytest.raises(DataError, match=r"column 'date' must hold ISO 8601 dates .* got '04/01/2010'"):
        read_series(bad, "x")
    one = _csv(tmp_path, "date\n2010-01-04\n", "one.csv")
    with pytest.raises(DataError, match="needs a date column and at least one value column"):
        read_series(one, "date")
    unsorted = _csv(tmp_path, "date,x\n2010-01-05,1\n2010-01-04,2\n", "unsorted.csv")
    with pytest.raises(DataError, match="x: timestamps are not in increasing order"):
        read_series(unsorted, "x")
    with pytest.raises(InputError, match="kind must be one of"):
        read_series(p, "x", kind="bond")


def test_load_series_infers_kind_from_units() -> None:
    dgs10 = load_series("us-markets-daily", "DGS10")
    eur = load_series("us-markets-daily", "DEXUSEU")
    assert dgs10.kind == "yield" and dgs10.unit == "percent per year"
    assert eur.kind == "price" and eur.unit == "US dollars per euro"
    # each series spans its own first to last observation (the dataset is an outer join)
    assert dgs10.first == pd.Timestamp("2003-01-02") and eur.last == pd.Timestamp("2020-03-13")
    assert "FRED" in dgs10.source
    with pytest.raises(DataError, match="missing required column"):
        load_series("us-markets-daily", "SP500")


def test_window_and_changes() -> None:
    s = load_series("us-qe2-2010-window", "DGS10").window("2010-11-02", "2010-11-04")
    assert list(s.levels) == [2.63, 2.67, 2.53]
    assert s.changes().tolist() == [4.0, -14.0]
    with pytest.raises(DataError, match="no observation between"):
        s.window("2011-01-01", "2011-02-01")


def test_daily_series_ignores_the_time_of_day() -> None:
    s = _s([1.0, 2.0], ["2010-11-03", "2010-11-04"])
    assert s.asof("2010-11-04 09:00") == (pd.Timestamp("2010-11-04"), 2.0)
