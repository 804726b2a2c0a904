"""Benchmark: the vectorised event study against a per-event loop (same process).

Run: python benchmarks/events_study.py

A synthetic daily price and market index (20 years of business days) and N event dates.
``monpol`` computes every event's estimation sums from running sums (no loop over events);
the baseline loops over events, slicing pandas Series and fitting each estimation window
(numpy for the constant mean, statsmodels OLS for the market model). The script checks
that both give the same abnormal changes, then prints the best of 3 timings and the ratio.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

from monpol.events import MarketSeries, event_study

EST, GAP, WINDOW = 250, 10, (-1, 1)


def data(n_days: int = 5200, seed: int = 1) -> tuple[MarketSeries, MarketSeries]:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2005-01-03", periods=n_days)
    m = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n_days)))
    y = 40 * np.exp(np.cumsum(0.9 * np.diff(np.log(m), prepend=np.log(m[0])) + rng.normal(0, 0.005, n_days)))
    return (MarketSeries.from_series(pd.Series(y, index=idx), name="y"),
            MarketSeries.from_series(pd.Series(m, index=idx), name="m"))


def loop_study(y: MarketSeries, m: MarketSeries | None, dates: pd.DatetimeIndex) -> np.ndarray:
    """Reference implementation: one event at a time."""
    ry = 100 * y.levels.pct_change()
    rm = 100 * m.levels.pct_change() if m is not None else None
    out = []
    for d in dates:
        p0 = ry.index.searchsorted(d)
        s, e = p0 + WINDOW[0], p0 + WINDOW[1]
        est = slice(max(s - GAP - EST + 1, 1), s - GAP + 1)
        win = slice(s + 1, e + 1)
        if rm is None:
            mu = ry.iloc[est].mean()
            out.append(ry.iloc[win].sum() - (e - s) * mu)
        else:
            fit = sm.OLS(ry.iloc[est].to_numpy(), sm.add_constant(rm.iloc[est].to_numpy())).fit()
            xw = sm.add_constant(rm.iloc[win].to_numpy(), has_constant="add")
            out.append(ry.iloc[win].sum() - fit.predict(xw).sum())
    return np.array(out)


def best(f, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    y, m = data()
    rng = np.random.default_rng(2)
    rows = []
    for baseline in ("constant_mean", "market_model"):
        for n in (10, 100, 1000):
            pos = np.sort(rng.choice(np.arange(EST + GAP + 5, len(y) - 5), size=n, replace=False))
            dates = y.index[pos]
            mk = m if baseline == "market_model" else None
            res = event_study(y, list(dates), window=WINDOW, baseline=baseline, market=mk, estimation=EST,
                              gap=GAP, exclude_event_windows=False)
            ref = loop_study(y, mk, dates)
            assert np.allclose(res.table["abnormal"].to_numpy(), ref, atol=1e-8), baseline
            t_vec = best(lambda: event_study(y, list(dates), window=WINDOW, baseline=baseline,  # noqa: B023
                                             market=mk, estimation=EST, gap=GAP,  # noqa: B023
                                             exclude_event_windows=False))
            t_loop = best(lambda: loop_study(y, mk, dates))  # noqa: B023
            rows.append({"baseline": baseline, "events": n, "monpol_s": t_vec, "loop_s": t_loop,
                         "speed-up": t_loop / t_vec})
    frame = pd.DataFrame(rows)
    print(f"event study, {len(y)} daily observations, window {WINDOW}, estimation {EST} days, best of 3")
    print(frame.to_string(index=False, formatters={"monpol_s": "{:.4f}".format, "loop_s": "{:.4f}".format,
                                                    "speed-up": "{:.1f}x".format}))


if __name__ == "__main__":
    main()
