from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy import stats

from monpol.bonds.data import jgb_yield_curve, us_10y_yield
from monpol.bonds.yields import (
    highest_since,
    range_position,
    read_curve,
    validate_yields,
    yield_stress,
    yield_stress_panel,
)
from monpol.core.errors import DataError, InputError


@pytest.fixture(scope="module")
def curve() -> pd.DataFrame:
    return jgb_yield_curve()


def test_ten_year_near_1_6_and_its_2008_context(curve: pd.DataFrame, seed001: dict[str, Any]) -> None:
    # seed: 10-year "near 1.6%, back to the 2008 level"
    st = yield_stress(curve["10Y"], date="2025-05-22")
    assert st.level == 1.573
    assert abs(st.level - seed001["jgb_yields"]["ten_year_near"]) < 0.03
    # late May was not a new high: the March 2025 peak was higher ...
    assert st.high_since == pd.Timestamp("2025-03-27") and not st.record
    # ... and that peak was the highest since July 2008
    march = yield_stress(curve["10Y"], date="2025-03-27")
    assert march.level == 1.588 and march.high_since == pd.Timestamp("2008-07-25")
    assert march.context == "highest since July 2008 (2008-07-25)"


def test_forty_year_record_since_the_series_began(curve: pd.DataFrame) -> None:
    for day, level in (("2025-05-20", 3.288), ("2025-05-21", 3.300), ("2025-05-22", 3.336)):
        st = yield_stress(curve["40Y"], date=day)
        assert st.level == level and st.record and st.high_since is None
        assert st.inception == pd.Timestamp("2007-11-06")
    assert yield_stress(curve["40Y"], date="2025-05-23").high_since == pd.Timestamp("2025-05-22")


def test_percentile_zscore_and_speed_against_independent_computation(curve: pd.DataFrame) -> None:
    s = curve["30Y"].dropna()
    st = yield_stress(s, date="2025-05-22", history_start="2015-01-01", change_days=10)
    window = s.loc["2015-01-01":"2025-05-22"].to_numpy()
    # scipy's "weak" percentile = percent of scores <= value
    assert st.percentile == pytest.approx(stats.percentileofscore(window, st.level, kind="weak"))
    assert st.zscore == pytest.approx((st.level - window.mean()) / window.std(ddof=1))
    pos = s.index.get_loc(pd.Timestamp("2025-05-22"))
    assert st.change_bp == pytest.approx((s.iloc[pos] - s.iloc[pos - 10]) * 100)
    changes = ((s - s.shift(10)) * 100).loc["2015-01-01":"2025-05-22"].dropna().to_numpy()
    assert st.change_percentile == pytest.approx(stats.percentileofscore(changes, st.change_bp, kind="weak"))
    vol = s.diff().iloc[pos - 9: pos + 1].std(ddof=1) * 100
    assert st.volatility_bp == pytest.approx(vol)
    assert st.nobs == len(window)


def test_as_of_date_uses_last_observation(curve: pd.DataFrame) -> None:
    st = yield_stress(curve["10Y"], date="2025-05-24")  # a Saturday
    assert st.date == pd.Timestamp("2025-05-23")


def test_history_years_window(curve: pd.DataFrame) -> None:
    st = yield_stress(curve["10Y"], date="2025-05-22", history_years=10)
    assert st.history_start >= pd.Timestamp("2015-05-22") and st.history_start <= pd.Timestamp("2015-05-26")


def test_panel_to_dict_and_plot(curve: pd.DataFrame) -> None:
    p = yield_stress_panel(curve, ["10Y", "40Y"], date="2025-05-22")
    d = p.to_dict()
    assert [y["name"] for y in d["yields"]] == ["10Y", "40Y"]
    assert d["yields"][1]["record"] is True
    assert set(p.to_frame().columns) >= {"level", "percentile", "zscore", "high_since", "change_bp"}
    assert isinstance(p.plot(start="2020-01-01"), Figure)
    assert isinstance(p["10Y"].plot(start="2000-01-01"), Figure)
    assert "record high since the series began (2007-11-06)" in str(p)
    with pytest.raises(InputError, match="name must be one of 10Y, 40Y; got '5Y'"):
        p["5Y"]
    with pytest.raises(InputError, match="tenor must be one of 1Y, 2Y"):
        yield_stress_panel(curve, ["50Y"])


def test_highest_since_series() -> None:
    s = pd.Series([1.0, 2.0, 1.5, 1.5, 3.0], index=pd.date_range("2020-01-01", periods=5))
    hs = highest_since(s)
    assert hs["record"].tolist() == [False, True, False, False, True]
    assert hs["since"].iloc[3] == pd.Timestamp("2020-01-03")


def test_us_ten_year_inside_its_2023_range() -> None:
    # seed: the 10-year Treasury yield did not break its 2023 range
    r = range_position(us_10y_yield(), date="2025-05-21", start="2023-01-01", end="2023-12-31")
    assert (r.low, r.high, r.level) == (3.3, 4.98, 4.58)
    assert r.inside and 0 < r.position < 100
    assert r.to_dict()["inside"] is True and "range" in str(r)


# --------------------------------------------------------------------- bad input


def test_bad_series_values() -> None:
    idx = pd.date_range("2020-01-01", periods=3)
    with pytest.raises(DataError, match=r"yield on 2020-01-02 is 45, outside \[-5, 30\] percent"):
        validate_yields(pd.Series([1.0, 45.0, 1.0], index=idx))
    with pytest.raises(DataError, match="the index must be dates"):
        validate_yields(pd.Series([1.0, 2.0]))
    with pytest.raises(DataError, match="dates must be unique and in increasing order"):
        validate_yields(pd.Series([1.0, 2.0, 3.0], index=idx[::-1]))
    with pytest.raises(DataError, match="value on 2020-01-01 is not a number: 'x'"):
        validate_yields(pd.Series(["x", "1", "2"], index=idx))
    with pytest.raises(DataError, match="no observations"):
        validate_yields(pd.Series([np.nan], index=idx[:1]))


def test_bad_arguments(curve: pd.DataFrame) -> None:
    s = curve["40Y"]
    with pytest.raises(InputError, match="date must be on or after the first observation"):
        yield_stress(s, date="2000-01-01")
    with pytest.raises(InputError, match="date must be a date"):
        yield_stress(s, date="soon")
    with pytest.raises(InputError, match="it needs at least change_days \\+ 2 = 22"):
        yield_stress(s, date="2025-05-22", history_start="2025-05-10")
    with pytest.raises(InputError, match="change_days must be an integer >= 1; got 0"):
        yield_stress(s, change_days=0)
    with pytest.raises(InputError, match=r"history_years must be in \(0, 200\]"):
        yield_stress(s, history_years=-1)
    with pytest.raises(InputError, match="no observations between"):
        range_position(s.dropna(), date="2025-01-01", start="1990-01-01", end="1990-12-31")


def test_read_curve(tmp_path: Any) -> None:
    path = tmp_path / "curve.csv"
    path.write_text("\ufeffdate, 10Y, 30Y\n2024-01-04, 0.6,\n2024-01-05, 0.62, 1.6\n", encoding="utf-8")
    c = read_curve(path)
    assert list(c.columns) == ["10Y", "30Y"] and c.index[0] == pd.Timestamp("2024-01-04")
    assert c.loc["2024-01-05", "10Y"] == 0.62 and pd.isna(c.loc["2024-01-04", "30Y"])
    assert validate_yields(c["10Y"]).tolist() == [0.6, 0.62]
    path.write_text("date,10Y\n2024-01-04,0.6\n2024-01-05,n/a\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 3, field '10Y': not a number: 'n/a'"):
        read_curve(path)
    path.write_text("date,10Y\n2024-01-04,0.6\n2024-13-01,0.7\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 3, field 'date': not an ISO date \(YYYY-MM-DD\): "
                                        r"'2024-13-01'"):
        read_curve(path)
    path.write_text("day,10Y\n2024-01-04,0.6\n", encoding="utf-8")
    with pytest.raises(DataError, match="the curve needs a 'date' column; columns: day, 10Y"):
        read_curve(path)
    path.write_text("date\n2024-01-04\n", encoding="utf-8")
    with pytest.raises(DataError, match="at least one maturity column"):
        read_curve(path)
    with pytest.raises(InputError, match="curve must be an existing CSV file"):
        read_curve(tmp_path / "none.csv")
