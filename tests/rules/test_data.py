from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol import data
from monpol.core.errors import DataError, InputError
from monpol.rules import china_quarterly, rebuild_china_quarterly, us_rule_inputs
from monpol.rules.data import read_timeseries_csv


def test_bundled_china_table_rebuilds_from_its_sources() -> None:
    # provenance: the derived quarterly table equals the recomputation from monthly CPI,
    # quarterly GDP and the dated PBoC changes (rounding as in the bundled file)
    rebuilt = rebuild_china_quarterly()
    bundled = data.load("china-lending-rate")
    pd.testing.assert_frame_equal(rebuilt, bundled[rebuilt.columns], check_names=False,
                                  check_freq=False)


def test_day_weighted_rate_by_hand() -> None:
    # 2006Q2: 5.58 until 27 April (27 days), 5.85 from 28 April (64 days) -> 91 days
    q = rebuild_china_quarterly("2006Q2", "2006Q2")
    assert q["lending_rate_1y_quarter_avg"].iloc[0] == round((27 * 5.58 + 64 * 5.85) / 91, 4)
    assert q["lending_rate_1y_end_of_quarter"].iloc[0] == 5.85


def test_china_definitions() -> None:
    a = china_quarterly()
    b = china_quarterly(rate="quarter_average", cpi="last_month")
    assert a.loc["2011Q2", "rate"] == 6.31 and b.loc["2011Q2", "rate"] == 6.2963
    assert b.loc["2011Q2", "inflation"] == 6.355
    assert list(a.columns) == ["rate", "inflation", "growth"]
    with pytest.raises(InputError, match="rate must be one of 'end_of_quarter', 'quarter_average'"):
        china_quarterly(rate="eoq")  # type: ignore[arg-type]


def test_us_inputs_by_hand() -> None:
    u = us_rule_inputs(inflation="pce")
    m = data.load("us-fred-2024-monthly")
    q = data.load("us-fred-2024-quarterly")
    p = m["PCEPI"]
    level = lambda y, qq: p.loc[f"{y}-{3 * qq - 2:02d}":f"{y}-{3 * qq:02d}"].mean()  # noqa: E731
    assert u.loc["2008Q1", "inflation"] == pytest.approx(100 * (level(2008, 1) / level(2007, 1) - 1))
    assert u.loc["2008Q1", "output_gap"] == pytest.approx(
        100 * (q.loc["2008Q1", "GDPC1"] / q.loc["2008Q1", "GDPPOT"] - 1))
    assert u.loc["2008Q1", "policy_rate"] == pytest.approx(m["FEDFUNDS"].loc["2008-01":"2008-03"].mean())
    assert u.loc["2008Q1", "r_star_hlw"] == pytest.approx(data.load("us-hlw-rstar").loc["2008Q1", "r_star"])
    core = us_rule_inputs(inflation="core-pce", start="2000Q1", end="2000Q4")
    assert len(core) == 4 and core.index[0] == pd.Period("2000Q1", "Q")
    c = data.load("us-core-pce-yoy")["core_pce_yoy"]
    assert core.loc["2000Q1", "inflation"] == pytest.approx(c.loc["2000-01":"2000-03"].mean())
    assert np.isnan(u.loc["2024Q1", "inflation"])  # March 2024 PCE not in the vintage


@pytest.mark.parametrize(
    "kwargs,match",
    [
        (dict(start="abc"), r"start must be a period such as '2005Q3'; got 'abc'"),
        (dict(start="1900Q1"), r"start '1900Q1' is outside the data"),
        (dict(end="2030Q4"), r"end '2030Q4' is outside the data"),
        (dict(start="2010Q1", end="2000Q1"), r"start '2010Q1' is after end '2000Q1'"),
        (dict(inflation="gdp-deflator"), r"inflation must be one of 'pce', 'core-pce', 'cpi'"),
    ],
)
def test_us_inputs_bad_input(kwargs: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        us_rule_inputs(**kwargs)


def test_read_timeseries_csv(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("quarter,rate,inflation\n2001Q2,3.0,2.5\n2001Q1,2.0,2.0\n")
    f = read_timeseries_csv(good)
    assert isinstance(f.index, pd.PeriodIndex) and f.index[0] == pd.Period("2001Q1", "Q")
    dates = tmp_path / "dates.csv"
    dates.write_text("date,x\n2001-03-31,1\n2001-06-30,2\n")
    assert isinstance(read_timeseries_csv(dates).index, pd.DatetimeIndex)
    bad = tmp_path / "bad.csv"
    bad.write_text("quarter,rate\n2001Q1,abc\n")
    with pytest.raises(DataError, match=r"column 'rate' has a non-numeric value 'abc' at 2001Q1"):
        read_timeseries_csv(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text("quarter,rate\n2001Q1,1\n2001Q1,2\n")
    with pytest.raises(DataError, match="appears more than once"):
        read_timeseries_csv(dup)
    junk = tmp_path / "junk.csv"
    junk.write_text("when,rate\nyesterday,1\n")
    with pytest.raises(DataError, match="must hold periods like 2005Q3 or ISO dates"):
        read_timeseries_csv(junk)


def test_core_pce_is_a_percent_change_not_index_points() -> None:
    # The source file (FRED PCEPILFE, units ch1) holds 12-month changes in index points; the
    # bundled core_pce_yoy is the percent change 100*ch1(t)/level(t-12) on levels rebuilt by
    # chaining ch1 from the 2000 levels of the 2026 FRED vintage (data-raw/build_rules_datasets.py)
    core = data.load("us-core-pce-yoy")
    ch1, level, pct = core["core_pce_change_points"], core["core_pce_index"], core["core_pce_yoy"]
    # the chain: level(t) - level(t-12) = ch1(t) (levels rounded to 3 decimals)
    diff = (level - level.shift(12)).dropna()
    assert np.allclose(diff, ch1.loc[diff.index], atol=2e-3)
    # the anchor: 2026-vintage PCEPILFE levels, 2000-01 74.306 and 2000-12 75.515 (FRED)
    assert level.loc["2000-01-01"] == 74.306 and level.loc["2000-12-01"] == 75.515
    # abs 5e-4: the bundled percent is rounded to 3 decimals
    assert pct.loc["2001-01-01"] == pytest.approx(100 * ch1.loc["2001-01-01"] / 74.306, abs=5e-4)
    # independent check from the 2026 vintage's own levels: 2023-01 117.505, 2022-01 111.976,
    # 100*(117.505/111.976 - 1) = 4.94 %; the file's vintage differs (its ch1 is 5.488 points,
    # which read as percent would be 0.55 pp too high): within 0.05 pp of the later vintage
    assert pct.loc["2023-01-01"] == pytest.approx(100 * (117.505 / 111.976 - 1), abs=0.05)
    assert ch1.loc["2023-01-01"] == 5.488
    # 1960: index near 16, so points and percent differ most (0.321 points are about 2 %);
    # level(1959-01) = level(1960-01) - ch1(1960-01) by the chain
    before = level.loc["1960-01-01"] - ch1.loc["1960-01-01"]
    # abs 5e-3: `before` comes from levels rounded to 3 decimals (±5e-4 on ~15.5, ±0.07 %
    # relative), on top of the 3-decimal rounding of the percent itself
    assert pct.loc["1960-01-01"] == pytest.approx(100 * 0.321 / before, abs=5e-3)
    assert 1.9 < pct.loc["1960-01-01"] < 2.2
