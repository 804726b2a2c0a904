"""Event studies: raw changes against published totals, abnormal changes against
independent computations (numpy for the mean models, statsmodels OLS for the market model)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from monpol.core.errors import DataError, InputError
from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.events import calendar_from_dates, event_study, load_series
from monpol.events.series import MarketSeries
from tests.events.reference import qe1


@pytest.fixture(scope="module")
def dgs10() -> MarketSeries:
    return load_series("us-markets-daily", "DGS10")


def _synthetic(n: int = 400, seed: int = 7) -> tuple[MarketSeries, MarketSeries]:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2015-01-01", periods=n)
    m = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    y = 50 * np.exp(np.cumsum(0.0002 + 0.8 * np.diff(np.log(m), prepend=np.log(m[0]))
                              + rng.normal(0, 0.004, n)))
    return (MarketSeries.from_series(pd.Series(y, index=dates), name="stock"),
            MarketSeries.from_series(pd.Series(m, index=dates), name="market"))


def test_kvj_qe1_total_reproduced_on_fred(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, "fed-qe1-kvj2011", window="2d", baseline=None)
    by_hand = sum(100 * (qe1.DGS10[b] - qe1.DGS10[a]) for a, b in qe1.KVJ_WINDOWS)
    assert r.cumulative_change == pytest.approx(by_hand, abs=1e-9)
    assert r.cumulative_change == qe1.KVJ_PUBLISHED_BP          # -107 bp, as published
    assert [d.date().isoformat() for d in r.table["start_date"]] == [a for a, _ in qe1.KVJ_WINDOWS]
    assert isinstance(r.cumulative_test, InvalidTestStatistic)
    assert r.cumulative_test.reason == "no baseline: raw changes only"


def test_grrs_qe1_total_on_fred_is_three_bp_from_the_published(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, "fed-qe1-grrs2011", window="1d", baseline=None)
    by_hand = sum(100 * (qe1.DGS10[b] - qe1.DGS10[a]) for a, b in qe1.GRRS_WINDOWS)
    assert r.cumulative_change == pytest.approx(by_hand, abs=1e-9) == -94.0
    # GRRS used their own (Bloomberg) 10-year yields: -91 bp; FRED's constant-maturity
    # yield gives -94 bp. The distance is shown in the casebook, not tuned away.
    assert r.cumulative_change - qe1.GRRS_PUBLISHED_BP == pytest.approx(-3.0)


def test_constant_mean_matches_numpy(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, "qe2-2010-signals", window="2d", baseline="constant_mean",
                    estimation=250, gap=10, exclude_event_windows=False)
    lv = dgs10.levels
    d = 100 * lv.diff()
    for _, row in r.table.iterrows():
        s = lv.index.get_loc(row["start_date"])
        e = lv.index.get_loc(row["end_date"])
        est = d.iloc[max(s - 10 - 250 + 1, 1): s - 10 + 1].to_numpy()
        mu, var = est.mean(), est.var(ddof=1)
        L = e - s
        ab = d.iloc[s + 1: e + 1].sum() - L * mu
        t = ab / np.sqrt(var * (L + L**2 / len(est)))
        assert row["nobs_estimation"] == len(est) == 250
        assert row["abnormal"] == pytest.approx(ab, abs=1e-9)
        assert row["statistic"] == pytest.approx(t, rel=1e-9)
        assert row["pvalue"] == pytest.approx(2 * stats.t.sf(abs(t), len(est) - 1), rel=1e-9)
        assert row["df"] == 249


def test_zero_mean_matches_numpy(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, ["2010-11-03"], window="1d", baseline="zero_mean", estimation=100, gap=5)
    lv = dgs10.levels
    d = 100 * lv.diff()
    s = lv.index.get_loc(pd.Timestamp("2010-11-02"))
    est = d.iloc[s - 5 - 100 + 1: s - 5 + 1].to_numpy()
    t = r.table.loc[0, "change"] / np.sqrt(np.mean(est**2))
    assert r.table.loc[0, "statistic"] == pytest.approx(t, rel=1e-9)
    assert r.table.loc[0, "df"] == 100 and r.table.loc[0, "expected"] == 0.0


def test_market_model_matches_statsmodels() -> None:
    y, m = _synthetic()
    events = ["2015-09-01", "2015-11-02", "2016-01-04"]
    r = event_study(y, events, window="-1:2", baseline="market_model", market=m, estimation=120, gap=5,
                    exclude_event_windows=False)
    ry = 100 * y.levels.pct_change()
    rm = 100 * m.levels.pct_change()
    for _, row in r.table.iterrows():
        s = y.levels.index.get_loc(row["start_date"])
        e = y.levels.index.get_loc(row["end_date"])
        sl = slice(s - 5 - 120 + 1, s - 5 + 1)
        fit = sm.OLS(ry.iloc[sl].to_numpy(), sm.add_constant(rm.iloc[sl].to_numpy())).fit()
        xw = sm.add_constant(rm.iloc[s + 1: e + 1].to_numpy(), has_constant="add")
        ab = ry.iloc[s + 1: e + 1].sum() - fit.predict(xw).sum()
        # Var(CAR) = sigma^2 (L + iota' Xw (X'X)^-1 Xw' iota)  (MacKinlay 1997, eq. 14-16),
        # with (X'X)^-1 sigma^2 taken from statsmodels' parameter covariance
        iota = np.ones(len(xw))
        var = fit.scale * len(xw) + iota @ xw @ fit.cov_params() @ xw.T @ iota
        assert row["abnormal"] == pytest.approx(ab, abs=1e-8)
        assert row["statistic"] == pytest.approx(ab / np.sqrt(var), rel=1e-7)
        assert row["df"] == fit.df_resid == 118
    assert r.market == "market" and isinstance(r.cumulative_test, TestStatistic)


def test_short_estimation_window_is_an_explained_invalid_test() -> None:
    s = load_series("us-qe2-2010-window", "DGS10")         # starts 2010-06-01
    r = event_study(s, "qe2-2010-signals", min_estimation=60)
    first = r.tests[0]
    assert isinstance(first, InvalidTestStatistic) and not first.valid
    assert "estimation window too short" in first.reason and "holds 38 daily changes" in first.reason
    assert "needs at least 60 (min_estimation=60)" in first.reason
    assert np.isnan(r.table.loc[0, "abnormal"]) and not r.table.loc[0, "valid"]
    assert isinstance(r.tests[4], TestStatistic) and r.tests[4].distribution == "t(93)"
    assert isinstance(r.cumulative_test, InvalidTestStatistic)
    assert "2010-08-10, 2010-08-27" in r.cumulative_test.reason
    assert r.to_dict()["events"][0]["reason"].startswith("estimation window too short")


def test_event_before_any_estimation_data() -> None:
    s = load_series("us-qe2-2010-window", "DGS10")
    r = event_study(s, ["2010-06-03"], window="1d", baseline="constant_mean")
    assert r.table.loc[0, "nobs_estimation"] == 0
    assert "(no data before it)" in r.table.loc[0, "reason"]


def test_no_variation_is_invalid() -> None:
    idx = pd.bdate_range("2012-01-02", periods=60)
    flat = MarketSeries.from_series(pd.Series([2.0] * 59 + [2.1], index=idx), kind="yield", name="flat")
    r = event_study(flat, [idx[-1]], baseline="constant_mean", estimation=40, gap=2)
    assert r.table.loc[0, "reason"] == "no variation in the estimation window"
    assert r.table.loc[0, "abnormal"] == pytest.approx(10.0)


def test_event_windows_are_excluded_from_estimation(dgs10: MarketSeries) -> None:
    cal = calendar_from_dates(["2010-08-10", "2010-09-21"])
    inc = event_study(dgs10, cal, exclude_event_windows=False, gap=0, estimation=60)
    exc = event_study(dgs10, cal, exclude_event_windows=True, gap=0, estimation=60)
    assert inc.table["nobs_estimation"].tolist() == [60, 60]
    assert exc.table["nobs_estimation"].tolist() == [60, 59]     # the 08-10 change left out


def test_cumulative_test_and_overlap(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, "qe2-2010-signals", window="2d", baseline="constant_mean")
    ab = r.table["abnormal"].to_numpy()
    var = (r.table["abnormal"] / r.table["statistic"]).to_numpy() ** 2
    assert r.cumulative_abnormal == pytest.approx(ab.sum())
    assert r.cumulative_test.statistic == pytest.approx(ab.sum() / np.sqrt(var.sum()), rel=1e-9)
    assert r.cumulative_test.distribution == f"t({int(r.table['df'].min())})"
    o = event_study(dgs10, ["2010-11-03", "2010-11-04"], window="2d", baseline="zero_mean")
    assert isinstance(o.cumulative_test, InvalidTestStatistic) and "overlap" in o.cumulative_test.reason
    assert any("overlap" in n for n in o.notes)


def test_prices_compound_over_events() -> None:
    eur = load_series("us-qe2-2010-window", "DEXUSEU")
    r = event_study(eur, "qe2-2010-signals", baseline=None)
    ch = r.table["change"].to_numpy()
    assert r.cumulative_change == pytest.approx(100 * (np.prod(1 + ch / 100) - 1), rel=1e-12)


def test_bad_arguments(dgs10: MarketSeries) -> None:
    y, m = _synthetic()
    with pytest.raises(InputError, match="the market_model baseline needs a market series"):
        event_study(y, ["2015-09-01"], baseline="market_model")
    with pytest.raises(InputError, match="market is used only by the market_model baseline"):
        event_study(y, ["2015-09-01"], market=m)
    with pytest.raises(InputError, match="baseline must be one of 'zero_mean', 'constant_mean', "
                                         "'market_model'; got 'capm'"):
        event_study(y, ["2015-09-01"], baseline="capm")
    with pytest.raises(InputError, match="estimation must be an integer >= 1; got 0"):
        event_study(y, ["2015-09-01"], estimation=0)
    with pytest.raises(InputError, match="gap must be an integer >= 0; got -1"):
        event_study(y, ["2015-09-01"], gap=-1)
    with pytest.raises(DataError, match=r"event 2003-01-02: window -1..\+0 around day 0 \(2003-01-02\) "
                                        r"reaches before the first observation of DGS10"):
        event_study(dgs10, ["2003-01-02"])
    with pytest.raises(DataError, match="after the last observation"):
        event_study(dgs10, ["2030-01-02"])
    with pytest.raises(InputError, match="events must be a bundled calendar"):
        event_study(dgs10, "qe9")


@settings(max_examples=40)
@given(st.lists(st.integers(min_value=30, max_value=390), min_size=1, max_size=6, unique=True))
def test_raw_yield_changes_sum_over_events(positions: list[int]) -> None:
    # identity: with windows (-1, 0) the cumulative change is the sum of event-day changes
    rng = np.random.default_rng(0)
    idx = pd.bdate_range("2001-01-01", periods=400)
    s = MarketSeries.from_series(pd.Series(3 + np.cumsum(rng.normal(0, 0.05, 400)), index=idx),
                                 kind="yield", name="y")
    r = event_study(s, [idx[p] for p in positions], baseline=None)
    lv = s.levels.to_numpy()
    assert r.cumulative_change == pytest.approx(sum(100 * (lv[p] - lv[p - 1]) for p in positions), abs=1e-8)


def test_result_interfaces(dgs10: MarketSeries) -> None:
    r = event_study(dgs10, "qe2-2010-signals", window="2d")
    frame = r.to_frame()
    assert list(frame.columns) == ["event_date", "label", "day0", "start_date", "end_date", "start", "end",
                                   "change", "expected", "abnormal", "statistic", "pvalue", "df",
                                   "nobs_estimation", "valid", "reason"]
    d = r.to_dict()
    assert d["window"] == [-1, 1] and d["baseline"] == "zero_mean" and len(d["events"]) == 5
    assert d["cumulative"]["test"]["valid"] is True and d["unit"] == "basis points"
    text = str(r)
    assert "Event study: DGS10 around qe2-2010-signals" in text and "Cumulative over events" in text
    fig = r.plot()
    ax = fig.axes[0]
    assert len(ax.lines) == 1 + 5 and "DGS10" in ax.get_title()


def test_intraday_series_studied_on_closes() -> None:
    # quotes after the 16:00 close are ignored when the study reduces intraday data to closes
    t = pd.to_datetime(["2010-11-01 15:00", "2010-11-02 15:59", "2010-11-02 18:00", "2010-11-03 16:00",
                        "2010-11-04 15:00"])
    s = MarketSeries.from_series(pd.Series([2.60, 2.63, 2.90, 2.67, 2.53], index=t), kind="yield", name="y")
    r = event_study(s, ["2010-11-03"], baseline=None)
    assert (r.table.loc[0, "start"], r.table.loc[0, "end"], r.table.loc[0, "change"]) == (2.63, 2.67, 4.0)


def test_window_across_a_gap_in_the_data_is_an_error() -> None:
    # without the check the "one-day" change would run from 2010-01-05 to 2010-03-01 (+90 bp)
    idx = pd.to_datetime(["2010-01-04", "2010-01-05", "2010-03-01", "2010-03-02"])
    g = MarketSeries.from_series(pd.Series([2.0, 2.1, 3.0, 3.1], index=idx), kind="yield", name="g")
    with pytest.raises(DataError, match=r"event 2010-03-01: its window 2010-01-05 \.\. 2010-03-01 bridges a "
                                        r"gap in g from 2010-01-05 to 2010-03-01"):
        event_study(g, ["2010-03-01"], baseline=None)
    assert event_study(g, ["2010-03-01"], baseline=None, max_gap_days=60).table.loc[0, "change"] == 90.0
    assert event_study(g, ["2010-03-02"], baseline=None).table.loc[0, "change"] == 10.0


def test_event_before_the_data_is_an_error(dgs10: MarketSeries) -> None:
    with pytest.raises(DataError, match=r"event 2002-12-20 is before the first observation \(2003-01-02\)"):
        event_study(dgs10, ["2002-12-20"], window="0:1", baseline=None)


def test_timestamps_in_a_date_list_set_day_zero(dgs10: MarketSeries) -> None:
    # released at 16:30, after the close: day 0 is the next trading day
    r = event_study(dgs10, ["2010-11-03 16:30", "2010-08-10 14:15"], baseline=None)
    assert [d.date().isoformat() for d in r.table["day0"]] == ["2010-08-10", "2010-11-04"]
