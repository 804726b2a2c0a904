from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError
from monpol.easing import Thresholds, classify_h41, classify_series, load_h41
from monpol.easing.classify import classify_arrays
from monpol.easing.series import window_positions


def test_seed_statement_dec2007_aug2008_then_expansion() -> None:
    # seed: Dec 2007 - end Aug 2008 size held fixed while composition changed (qualitative
    # easing); then the balance sheet doubled (credit easing)
    res = classify_h41()
    w = res.windows
    assert w["verdict"].tolist() == ["qualitative easing", "credit easing"]
    h41 = load_h41()
    t = h41.loc[["2007-12-19", "2008-08-27", "2008-12-17"]]
    size = (t["WALCL"].iloc[1:].to_numpy() / t["WALCL"].iloc[:-1].to_numpy() - 1) * 100
    assert w["size_change_pct"].to_numpy() == pytest.approx(size)
    share = (t["TREAST"] / t["WALCL"] * 100).to_numpy()
    assert w["liquid_share_change"].to_numpy() == pytest.approx(np.diff(share))
    assert w["driver"].tolist() == ["not applicable", "assets"]
    # no monetary liabilities on the weekly grid before 2009: the data cannot show that
    # reserves (not Treasury deposits) financed the expansion, so intent stays open
    assert w["intent"].tolist() == ["not applicable", "undetermined"]


def test_quarterly_windows_show_the_two_phases() -> None:
    w = classify_h41(freq="Q", start="2007-06-01", end="2008-12-31").windows
    by_end = dict(zip(w["end"].dt.strftime("%Y-%m-%d"), w["verdict"], strict=True))
    assert by_end == {"2007-09-26": "no balance-sheet easing",
                      "2007-12-26": "no balance-sheet easing",
                      "2008-03-26": "qualitative easing", "2008-06-25": "qualitative easing",
                      "2008-09-24": "credit easing", "2008-12-31": "credit easing"}


def test_vectorised_equals_one_window_at_a_time() -> None:
    res = classify_h41(rolling=13, start="2007-01-01", end="2010-12-31")
    h41 = load_h41().loc["2007-01-01":"2010-12-31", ["WALCL", "TREAST"]].dropna()
    vals = np.column_stack([h41["TREAST"], h41["WALCL"] - h41["TREAST"]])
    liq, rsk = np.array([True, False]), np.array([False, True])
    for i in (0, 50, 90, len(res.windows) - 1):
        one = classify_arrays(vals[[i]], vals[[i + 13]], liq, rsk, thresholds=Thresholds())
        assert res.windows["verdict"].iloc[i] == one["verdict"][0]
        assert res.windows["size_change_pct"].iloc[i] == pytest.approx(one["size_change_pct"][0])


def test_window_positions() -> None:
    idx = pd.date_range("2008-01-02", periods=10, freq="7D")
    s, e = window_positions(idx, breaks=["2008-01-02", "2008-01-20", "2008-03-05"])
    assert s.tolist() == [0, 2] and e.tolist() == [2, 9]  # snapped to the last obs on/before
    s, e = window_positions(idx, rolling=4)
    assert s.tolist() == list(range(6)) and e.tolist() == list(range(4, 10))
    s, e = window_positions(idx, freq="M")
    assert idx[e].strftime("%Y-%m-%d").tolist() == ["2008-02-27", "2008-03-05"]
    with pytest.raises(InputError, match="exactly one of breaks, freq or rolling"):
        window_positions(idx, freq="M", rolling=2)
    with pytest.raises(InputError, match="break '2007-01-01' is before the first observation"):
        window_positions(idx, breaks=["2007-01-01", "2008-02-01"])
    with pytest.raises(InputError, match="breaks must be increasing"):
        window_positions(idx, breaks=["2008-02-01", "2008-01-10"])
    with pytest.raises(InputError, match="breaks must hold at least two dates"):
        window_positions(idx, breaks=["2008-02-01"])
    with pytest.raises(InputError, match="rolling must be smaller than"):
        window_positions(idx, rolling=10)
    with pytest.raises(InputError, match="freq must be one of"):
        window_positions(idx, freq="W")  # type: ignore[arg-type]


def test_series_input_errors() -> None:
    idx = pd.date_range("2008-01-02", periods=3, freq="7D")
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [1.0, 1.0, 1.0]}, index=idx)
    with pytest.raises(InputError, match="column 'c' is not in assets"):
        classify_series(frame, liquid=["c"], risky=["b"], rolling=1)
    with pytest.raises(DataError, match="asset amounts must be >= 0"):
        classify_series(frame * -1, liquid=["a"], risky=["b"], rolling=1)
    with pytest.raises(InputError, match="DatetimeIndex"):
        classify_series(frame.reset_index(drop=True), liquid=["a"], risky=["b"], rolling=1)
    bad = load_h41().loc["2008-01-01":"2008-03-01"].copy()
    bad["TREAST"] = bad["TREAST"] * 1000  # wrong unit
    with pytest.raises(DataError, match="TREAST exceeds WALCL on 2008-01-02; check the units"):
        classify_h41(bad, rolling=1)
    with pytest.raises(DataError, match="needs column 'WALCL'"):
        classify_h41(bad.drop(columns="WALCL"), rolling=1)


def test_window_result_interface() -> None:
    res = classify_h41()
    assert list(res.to_frame().columns)[:3] == ["start", "end", "total_start"]
    d = res.to_dict()
    assert d["windows"][0]["verdict"] == "qualitative easing" and len(d["assumptions"]) == 3
    assert "2007-12-19" in str(res)
    fig = res.plot(events={"TAF": "2007-12-12", "outside": "1999-01-01"})
    assert fig.axes[0].get_ylabel() == "USD tn"
