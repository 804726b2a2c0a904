"""Inputs for rules and reaction functions, built from the bundled datasets.

* :func:`china_quarterly` — the seed's China data (Kwan 2011) with the two definition
  choices spec 01 asks to expose: the quarterly lending rate (end of quarter or day-weighted
  quarter average) and quarterly CPI inflation (mean of the three months or last month).
* :func:`rebuild_china_quarterly` — the same table recomputed from the monthly CPI, the
  quarterly GDP growth and the dated PBoC rate changes (provenance check of the bundled
  table).
* :func:`us_rule_inputs` — quarterly U.S. inputs for the rule family, with a menu of
  inflation measures (as in the Atlanta Fed's Taylor Rule Utility).

Examples
--------
>>> df = china_quarterly()
>>> df.loc["2011Q2"].round(3).to_dict()
{'rate': 6.31, 'inflation': 5.738, 'growth': 9.9}
>>> df.attrs["choices"]
{'rate': 'end_of_quarter', 'cpi': 'quarter_average'}
"""

from __future__ import annotations

import os
import re
from typing import Any, Literal

import numpy as np
import pandas as pd

from monpol import data
from monpol.core.errors import DataError, InputError
from monpol.core.units import frac_to_pct
from monpol.core.validation import one_of

__all__ = [
    "CPI_DEFINITIONS",
    "RATE_DEFINITIONS",
    "US_INFLATION_MEASURES",
    "china_quarterly",
    "read_timeseries_csv",
    "rebuild_china_quarterly",
    "select_periods",
    "us_rule_inputs",
]

RateDefinition = Literal["end_of_quarter", "quarter_average"]
CpiDefinition = Literal["quarter_average", "last_month"]
USInflation = Literal["pce", "core-pce", "cpi"]

RATE_DEFINITIONS: dict[str, str] = {
    "end_of_quarter": "lending_rate_1y_end_of_quarter",
    "quarter_average": "lending_rate_1y_quarter_avg",
}
CPI_DEFINITIONS: dict[str, str] = {
    "quarter_average": "cpi_yoy_qavg",
    "last_month": "cpi_yoy_last_month",
}
US_INFLATION_MEASURES: dict[str, str] = {
    "pce": "PCE price index (PCEPI), four-quarter change of the quarterly average",
    "core-pce": "core PCE (PCEPILFE), quarterly average of the monthly 12-month changes",
    "cpi": "CPI-U (CPIAUCSL), four-quarter change of the quarterly average",
}


def _parse_bound(index: pd.Index, value: str | None, name: str) -> pd.Period | None:
    if value is None:
        return None
    if not isinstance(index, pd.PeriodIndex | pd.DatetimeIndex):
        raise InputError(
            f"{name} needs data indexed by periods or dates; got a {type(index).__name__}")
    out: Any = None
    try:
        if isinstance(index, pd.PeriodIndex):
            out = pd.Period(str(value), freq=index.freqstr)
        else:
            out = pd.Period(str(value))  # "2011Q2", "2011-06", "2011-06-30": a span of days
    except (ValueError, TypeError, OverflowError):
        out = None
    if not isinstance(out, pd.Period):   # pd.Period("") is NaT, not an error
        raise InputError(f"{name} must be a period such as '2005Q3'; got {value!r}")
    return out


def period_bounds(index: pd.Index, start: str | None, end: str | None) -> tuple[Any, Any]:
    """Parse ``start`` and ``end`` (inclusive) against a period or date index and check them.

    With a DatetimeIndex a bound is a period covering its whole span: ``end="2011Q2"``
    keeps a row dated 2011-06-30. Returns the bounds to slice ``index`` with.

    Raises
    ------
    InputError
        A bound that does not parse, lies outside the index, or a start after the end;
        the message names the argument, the value and the range of the data.
    """
    lo, hi = _parse_bound(index, start, "start"), _parse_bound(index, end, "end")
    if len(index) == 0:
        if lo is not None or hi is not None:
            raise InputError("start/end given but there are no data")
        return None, None
    first, last = index.min(), index.max()
    dated = isinstance(index, pd.DatetimeIndex)
    for name, b in (("start", lo), ("end", hi)):
        if b is None:
            continue
        inside = (b.end_time >= first and b.start_time <= last) if dated else first <= b <= last
        if not inside:
            shown = (f"{first:%Y-%m-%d} to {last:%Y-%m-%d}" if dated else f"{first} to {last}")
            raise InputError(f"{name} {str(b)!r} is outside the data ({shown})")
    if lo is not None and hi is not None and lo.start_time > hi.end_time:
        raise InputError(f"start {str(lo)!r} is after end {str(hi)!r}")
    if dated:
        return (None if lo is None else lo.start_time), (None if hi is None else hi.end_time)
    return lo, hi


def select_periods(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """Rows of ``frame`` from ``start`` to ``end`` (inclusive), bounds checked by
    :func:`period_bounds`."""
    if start is None and end is None:
        return frame
    lo, hi = period_bounds(frame.index, start, end)
    return frame.loc[lo:hi]


def china_quarterly(
    *, rate: RateDefinition = "end_of_quarter", cpi: CpiDefinition = "quarter_average"
) -> pd.DataFrame:
    """China's quarterly lending rate, CPI inflation and real GDP growth (percent).

    Parameters
    ----------
    rate : {"end_of_quarter", "quarter_average"}
        The 1-year benchmark lending rate in force on the quarter's last day, or its
        day-weighted average over the quarter.
    cpi : {"quarter_average", "last_month"}
        CPI inflation as the mean of the quarter's three monthly year-on-year rates, or
        the last month's rate.

    Returns
    -------
    DataFrame
        PeriodIndex (quarterly, 2005Q1–2012Q4), columns ``rate``, ``inflation``,
        ``growth``; ``attrs["choices"]`` records the definitions.
    """
    one_of("rate", rate, list(RATE_DEFINITIONS))
    one_of("cpi", cpi, list(CPI_DEFINITIONS))
    raw = data.load("china-lending-rate")
    out = pd.DataFrame(
        {
            "rate": raw[RATE_DEFINITIONS[rate]],
            "inflation": raw[CPI_DEFINITIONS[cpi]],
            "growth": raw["gdp_real_yoy"],
        }
    )
    out.attrs = {"choices": {"rate": rate, "cpi": cpi}}
    return out


def _rate_on(changes: pd.Series, days: pd.DatetimeIndex) -> np.ndarray:
    """The step-function rate in force on each day (changes apply from their date)."""
    pos = changes.index.searchsorted(days, side="right") - 1
    values = changes.to_numpy(float)
    return np.where(pos >= 0, values[np.clip(pos, 0, None)], np.nan)


def rebuild_china_quarterly(start: str = "2005Q1", end: str = "2012Q4") -> pd.DataFrame:
    """Recompute the ``china-lending-rate`` table from its three source datasets.

    CPI columns are rounded to 3 decimals and the quarter-average rate to 4, as in the
    bundled table.
    """
    q0: Any = None
    q1: Any = None
    try:
        q0, q1 = pd.Period(str(start), freq="Q"), pd.Period(str(end), freq="Q")
    except (ValueError, TypeError, OverflowError):
        q0 = q1 = None
    if not (isinstance(q0, pd.Period) and isinstance(q1, pd.Period)) or q0 > q1:
        raise InputError(f"start and end must be quarters such as '2005Q1' with start <= end; "
                         f"got {start!r}, {end!r}")
    cpi = data.load("china-cpi-monthly")["cpi_yoy"]
    cpi_q = cpi.groupby(pd.PeriodIndex(cpi.index).asfreq("Q"))
    gdp = data.load("china-gdp-quarterly")["real_gdp_yoy"]
    changes = data.load("pboc-lending-rate-changes")["one_year_lending_rate_pct"]
    # the quarters every source covers (CPI monthly, GDP quarterly)
    first = max(pd.PeriodIndex(cpi.index).asfreq("Q").min(), pd.Period(str(gdp.index.min()), freq="Q"))
    last = min(pd.PeriodIndex(cpi.index).asfreq("Q").max(), pd.Period(str(gdp.index.max()), freq="Q"))
    if not first <= q0 <= q1 <= last:
        raise InputError(f"start and end must lie within the source data, {first}..{last}; "
                         f"got {start!r}, {end!r}")
    quarters = pd.period_range(q0, q1, freq="Q")
    rows = []
    for q in quarters:
        days = pd.date_range(q.start_time.normalize(), q.end_time.normalize(), freq="D")
        daily = _rate_on(changes, days)
        rows.append(
            {
                "quarter": q,
                "cpi_yoy_qavg": round(float(cpi_q.mean().loc[str(q)]), 3),
                "cpi_yoy_last_month": float(cpi_q.last().loc[str(q)]),
                "gdp_real_yoy": float(gdp.loc[str(q)]),
                "lending_rate_1y_end_of_quarter": float(daily[-1]),
                "lending_rate_1y_quarter_avg": round(float(daily.mean()), 4),
            }
        )
    return pd.DataFrame(rows).set_index("quarter")


def _quarterly_mean(monthly: pd.Series) -> pd.Series:
    """Quarterly average of a monthly series; quarters with fewer than 3 months are NaN."""
    q = pd.DatetimeIndex(monthly.index).to_period("Q")
    grouped = monthly.groupby(q)
    mean = grouped.mean()
    return mean.where(grouped.count() == 3)


def us_rule_inputs(
    *,
    inflation: USInflation = "pce",
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Quarterly U.S. inputs for the rule family from the bundled FRED vintage (~April 2024).

    Parameters
    ----------
    inflation : {"pce", "core-pce", "cpi"}
        The inflation measure (see :data:`US_INFLATION_MEASURES`).
    start, end : str, optional
        First and last quarter kept (e.g. ``"1990Q1"``), within the data.

    Returns
    -------
    DataFrame
        Quarterly PeriodIndex; columns ``inflation``; ``output_gap`` =
        100·(GDPC1 − GDPPOT)/GDPPOT (CBO potential, percent of potential);
        ``unemployment`` (UNRATE, quarterly average); ``u_star`` (CBO NROU);
        ``policy_rate`` (FEDFUNDS, quarterly average); ``r_star_hlw`` (Holston–Laubach–
        Williams r*, one-sided, to 2023Q2). Percent throughout; ``attrs`` documents the
        definitions and sources.

    Raises
    ------
    InputError
        An unknown inflation measure; ``start``/``end`` unparsable, outside the data or
        in the wrong order.
    """
    one_of("inflation", inflation, list(US_INFLATION_MEASURES))
    m = data.load("us-fred-2024-monthly")
    q = data.load("us-fred-2024-quarterly")
    if inflation == "core-pce":
        core = data.load("us-core-pce-yoy")["core_pce_yoy"]
        infl = _quarterly_mean(core)
    else:
        level = _quarterly_mean(m["PCEPI" if inflation == "pce" else "CPIAUCSL"].dropna())
        infl = frac_to_pct(level / level.shift(4) - 1.0)
        # a 4-quarter change needs the quarter four periods earlier to exist
        infl = infl.where(level.index.to_series().diff(4).notna())
    out = pd.DataFrame(
        {
            "inflation": infl,
            "output_gap": frac_to_pct(q["GDPC1"] / q["GDPPOT"] - 1.0),
            "unemployment": _quarterly_mean(m["UNRATE"].dropna()),
            "u_star": q["NROU"],
            "policy_rate": _quarterly_mean(m["FEDFUNDS"].dropna()),
        }
    )
    hlw = data.load("us-hlw-rstar")["r_star"]
    out["r_star_hlw"] = hlw.reindex(out.index)
    out = out.sort_index()
    core_cols = ["inflation", "output_gap", "policy_rate"]
    have = out[core_cols].notna().any(axis=1)
    out = select_periods(out.loc[have.idxmax(): have[::-1].idxmax()], start, end)
    out.index.name = "quarter"
    out.attrs = {
        "inflation": US_INFLATION_MEASURES[inflation],
        "output_gap": "100·(GDPC1 − GDPPOT)/GDPPOT, CBO potential (FRED vintage ~April 2024)",
        "policy_rate": "effective federal funds rate, quarterly average of monthly averages",
        "r_star_hlw": "Holston, Laubach and Williams (2023), one-sided r*",
    }
    return out


_QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def read_timeseries_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a user's CSV of observations: the first column is the period, the rest numbers.

    Periods written like ``2005Q3`` give a quarterly PeriodIndex; anything else is parsed
    as dates (ISO ``2005-09-30``). Rates and growth are expected in percent.

    Raises
    ------
    DataError
        Unreadable file, unparsable periods, duplicate periods or non-numeric values.
    """
    try:
        raw = pd.read_csv(path, dtype={0: str})
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {os.fspath(path)!r}: {exc}") from None
    if raw.shape[1] < 2:
        raise DataError(f"{os.fspath(path)!r} needs a period column and at least one data column")
    first = raw.columns[0]
    periods = raw.pop(first).astype(str).str.strip()
    try:
        if periods.map(lambda p: bool(_QUARTER.match(p))).all():
            index: pd.Index = pd.PeriodIndex(periods, freq="Q", name=first)
        else:
            index = pd.DatetimeIndex(pd.to_datetime(periods, format="ISO8601"), name=first)
    except (ValueError, TypeError):
        raise DataError(
            f"{os.fspath(path)!r}: column {first!r} must hold periods like 2005Q3 or ISO dates"
        ) from None
    if index.has_duplicates:
        dup = index[index.duplicated()][0]
        raise DataError(f"{os.fspath(path)!r}: period {dup} appears more than once")
    frame = raw.set_axis(index)
    for col in frame.columns:
        converted = pd.to_numeric(frame[col], errors="coerce")
        bad = converted.isna() & frame[col].notna()
        if bad.any():
            where = frame.index[bad][0]
            raise DataError(
                f"{os.fspath(path)!r}: column {col!r} has a non-numeric value "
                f"{frame[col][bad].iloc[0]!r} at {where}"
            )
        frame[col] = converted
    return frame.sort_index()
