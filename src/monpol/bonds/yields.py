"""Yield stress: how unusual is a yield level, and how fast has it risen?

For one maturity and one date, :func:`yield_stress` reports

* the level (percent) and its **percentile** and **z-score** in a chosen history window;
* **highest since**: the most recent earlier date with a yield at or above today's, over the
  whole series (a *record* if there is none since the series began);
* the **speed of rise**: the change over ``change_days`` observations (bp), with its
  percentile and z-score among all such changes in the history window;
* the **realised volatility**: standard deviation of daily changes over the last
  ``change_days`` observations (bp), with its percentile among the rolling values in the
  window.

:func:`yield_stress_panel` does this for several maturities of a curve (the MOF JGB curve by
default) and :func:`range_position` places a level inside a reference period's range (the
seed: the 10-year Treasury yield "did not break the 2023 range").

References
----------
Seed ``001_e060dafa03d647a4.txt``: 10-year JGB yield near 1.6%, back to its 2008 level;
40-year at a record since the bond was first issued. Ministry of Finance Japan, JGB yield
curve (``jgbcm_all.csv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.bonds._history import NONE_EARLIER, previous_as_extreme
from monpol.bonds.auctions import YIELD_RANGE
from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct, pct_to_bp
from monpol.core.validation import date_like, in_range, instance_of, positive_int, str_sequence

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "RangePosition",
    "YieldStress",
    "YieldStressPanel",
    "highest_since",
    "range_position",
    "read_curve",
    "validate_yields",
    "yield_stress",
    "yield_stress_panel",
]


def validate_yields(series: pd.Series, *, name: str = "yield") -> pd.Series:
    """A yield series in percent with a sorted DatetimeIndex; NaNs dropped.

    Raises
    ------
    DataError
        Index not dates, duplicated or unsorted dates, or a value outside [-5, 30] percent
        (the message names the date).
    """
    if not isinstance(series.index, pd.DatetimeIndex):
        raise DataError(f"{name}: the index must be dates (a DatetimeIndex)")
    s = pd.to_numeric(series, errors="coerce").astype(float)
    bad = s.isna() & series.notna()
    if bad.any():
        d = s.index[bad.to_numpy()][0]
        raise DataError(f"{name}: value on {d.date()} is not a number: {series.loc[d]!r}")
    s = s.dropna()
    if not s.index.is_monotonic_increasing or not s.index.is_unique:
        raise DataError(f"{name}: dates must be unique and in increasing order")
    lo, hi = YIELD_RANGE
    out = (s < lo) | (s > hi)
    if out.any():
        d = s.index[out.to_numpy()][0]
        raise DataError(f"{name}: yield on {d.date()} is {s.loc[d]:g}, outside [{lo:g}, {hi:g}] "
                        f"percent (write 1.5 for 1.5%)")
    if s.empty:
        raise DataError(f"{name}: no observations")
    return s


def read_curve(path: str | Path) -> pd.DataFrame:
    """A yield curve from a CSV file: a ``date`` column (ISO 8601) and one column per maturity,
    percent per year; blank cells are missing observations (NaN).

    Returns a float frame indexed by date; :func:`yield_stress` checks the range and the
    order of dates (:func:`validate_yields`).

    Raises
    ------
    InputError
        ``path`` is not an existing file.
    DataError
        Not a CSV, no ``date`` column, no maturity column, a date that is not ISO 8601 or a
        value that is not a number (the message names the file line and field).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"curve must be an existing CSV file; got {str(p)!r}")
    raw = read_csv_text(p, what="curve file")
    raw.columns = [str(c).strip() for c in raw.columns]
    if "date" not in raw.columns:
        raise DataError(f"{p}: the curve needs a 'date' column; columns: {', '.join(raw.columns)}")
    if len(raw.columns) < 2:
        raise DataError(f"{p}: the curve needs at least one maturity column besides 'date'")
    text = raw.pop("date").str.strip()
    dates = pd.to_datetime(text, format="ISO8601", errors="coerce")
    bad = np.flatnonzero(dates.isna().to_numpy())
    if bad.size:
        r = int(bad[0])
        raise DataError(f"{p}: line {r + 2}, field 'date': not an ISO date (YYYY-MM-DD): "
                        f"{text.iloc[r]!r}")
    values = {}
    for name in raw.columns:
        cells = raw[name].str.strip()
        num = pd.to_numeric(cells.where(cells != ""), errors="coerce").astype(float)
        bad = np.flatnonzero((num.isna() & (cells != "")).to_numpy())
        if bad.size:
            r = int(bad[0])
            raise DataError(f"{p}: line {r + 2}, field {name!r}: not a number: {cells.iloc[r]!r}")
        values[name] = num.to_numpy()
    return pd.DataFrame(values, index=pd.DatetimeIndex(dates, name="date"))


def highest_since(series: pd.Series) -> pd.DataFrame:
    """For every date, the latest earlier date with a yield at least as high.

    Returns a frame indexed like the (NaN-free) series with ``yield``, ``since`` (NaT when
    the value is a record of the series so far) and ``record`` (bool).

    Examples
    --------
    >>> s = pd.Series([1.0, 1.5, 1.2, 1.6],
    ...               index=pd.to_datetime(["2008-06-16", "2008-07-25", "2025-01-06", "2025-03-27"]))
    >>> highest_since(s)
                yield      since  record
    2008-06-16    1.0        NaT   False
    2008-07-25    1.5        NaT    True
    2025-01-06    1.2 2008-07-25   False
    2025-03-27    1.6        NaT    True
    """
    s = series.dropna().astype(float)
    prev = previous_as_extreme(s.to_numpy(), "high")
    since = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    has = prev >= 0
    since.iloc[np.flatnonzero(has)] = s.index[prev[has]]
    record = pd.Series(prev == NONE_EARLIER, index=s.index)
    record.iloc[0] = False  # the first observation is not a record of anything
    return pd.DataFrame({"yield": s, "since": since, "record": record})


def _percentile(sample: np.ndarray, value: float) -> float:
    """Percent of ``sample`` at or below ``value`` (empirical CDF, in percent)."""
    return frac_to_pct(float(np.mean(sample <= value)))


def _zscore(sample: np.ndarray, value: float) -> float:
    sd = float(np.std(sample, ddof=1)) if sample.size > 1 else float("nan")
    return (value - float(np.mean(sample))) / sd if sd > 0 else float("nan")


@dataclass(frozen=True)
class YieldStress(Result):
    """Stress measures of one yield on one date (percent, bp; see module docstring).

    Attributes
    ----------
    name : str
        Series name (``"10Y"``).
    date : Timestamp
        Observation used (the last one on or before the date asked for).
    level : float
        Yield, percent.
    history_start, history_end : Timestamp
        Window the percentiles and z-scores are computed in (observations used).
    nobs : int
        Observations in the window.
    percentile, zscore : float
        Of the level in the window (percent of days at or below it; standard deviations).
    high_since : Timestamp or None
        Latest earlier date with a yield at least as high (whole series).
    record : bool
        No earlier yield as high since ``inception``.
    inception : Timestamp
        First observation of the series.
    change_days : int
    change_bp, change_percentile, change_zscore : float
        Change over ``change_days`` observations and where it falls among the window's
        changes over the same span.
    volatility_bp, volatility_percentile : float
        Standard deviation of daily changes over the last ``change_days`` observations and
        its percentile among the window's rolling values.
    path : Series
        The series up to ``date`` (for plots).
    """

    name: str
    date: pd.Timestamp
    level: float
    history_start: pd.Timestamp
    history_end: pd.Timestamp
    nobs: int
    percentile: float
    zscore: float
    high_since: pd.Timestamp | None
    record: bool
    inception: pd.Timestamp
    change_days: int
    change_bp: float
    change_percentile: float
    change_zscore: float
    volatility_bp: float
    volatility_percentile: float
    path: pd.Series

    @property
    def context(self) -> str:
        """``"highest since July 2008 (2008-07-25)"`` or the record statement."""
        if self.record:
            return f"record high since the series began ({self.inception.date().isoformat()})"
        if self.high_since is None:
            return "first observation"
        d = self.high_since
        return f"highest since {d:%B %Y} ({d.date().isoformat()})"

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: the attributes above except ``path``, plus ``context``."""
        return {
            "name": self.name,
            "date": self.date,
            "level": self.level,
            "percentile": self.percentile,
            "zscore": self.zscore,
            "history_start": self.history_start,
            "history_end": self.history_end,
            "nobs": self.nobs,
            "high_since": self.high_since,
            "record": self.record,
            "inception": self.inception,
            "context": self.context,
            "change_days": self.change_days,
            "change_bp": self.change_bp,
            "change_percentile": self.change_percentile,
            "change_zscore": self.change_zscore,
            "volatility_bp": self.volatility_bp,
            "volatility_percentile": self.volatility_percentile,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row with the columns of :meth:`to_dict`."""
        return pd.DataFrame([self.to_dict()])

    def summary(self) -> Summary:
        s = Summary(f"Yield stress: {self.name} on {self.date.date()}")
        s.add_items(
            {
                "level (percent)": self.level,
                "context": self.context,
                "percentile in window": self.percentile,
                "z-score in window": self.zscore,
                f"change over {self.change_days} obs (bp)": self.change_bp,
                "  percentile of the change": self.change_percentile,
                f"volatility, {self.change_days} obs (bp/day)": self.volatility_bp,
                "  percentile of the volatility": self.volatility_percentile,
            },
            digits=2,
        )
        s.add_note(f"Window {self.history_start.date()} to {self.history_end.date()} "
                   f"({self.nobs} observations); 'highest since' over the whole series.")
        return s

    def plot(self, ax: Axes | None = None, *, start: str | None = None) -> Figure:
        """The yield path with today's level and the date it was last as high."""
        from monpol.core.plotting import figure_axes

        fig, ax_ = figure_axes(ax)
        path = self.path if start is None else self.path.loc[start:]
        ax_.plot(path.index, path.to_numpy(), lw=1, label=self.name)
        ax_.axhline(self.level, color="grey", ls=":", lw=1)
        if self.high_since is not None and self.high_since >= path.index[0]:
            ax_.plot(pd.DatetimeIndex([self.high_since]), [self.path.loc[self.high_since]], "o", color="C3",
                     label=f"last as high: {self.high_since.date()}")
        ax_.plot(pd.DatetimeIndex([self.date]), [self.level], "o", color="k",
                 label=f"{self.date.date()}: {self.level:.3f}%")
        ax_.set_ylabel("percent")
        ax_.legend(fontsize="small")
        return fig


def yield_stress(
    series: pd.Series,
    *,
    date: Any = None,
    history_start: Any = None,
    history_end: Any = None,
    history_years: float | None = None,
    change_days: int = 20,
    name: str | None = None,
) -> YieldStress:
    """Stress measures of a yield series on one date.

    Parameters
    ----------
    series : Series
        Yields in percent with a DatetimeIndex (NaNs are dropped).
    date : date-like, optional
        Date to assess; the last observation on or before it is used (default: the last).
    history_start, history_end : date-like, optional
        Window for percentiles and z-scores (default: from the first observation, or
        ``history_years`` before ``date``, to ``date`` inclusive).
    history_years : float, optional
        Window length in years ending at ``date`` (ignored if ``history_start`` is given).
    change_days : int
        Span of the speed-of-rise and volatility measures, in observations (20 ≈ a month
        of trading days).
    name : str, optional
        Label (default the series name).

    Returns
    -------
    YieldStress

    Raises
    ------
    InputError
        Bad dates, a window with fewer than ``change_days + 2`` observations, no observation
        on or before ``date``.
    DataError
        Values that are not yields in percent (see :func:`validate_yields`).

    Examples
    --------
    >>> from monpol.bonds.data import jgb_yield_curve
    >>> st = yield_stress(jgb_yield_curve()["40Y"], date="2025-05-22")
    >>> st.level, st.record
    (3.336, True)
    """
    instance_of("series", series, pd.Series, "a pandas Series of yields (percent) by date")
    label = name or str(series.name or "yield")
    s = validate_yields(series, name=label)
    k = positive_int("change_days", change_days)
    when = s.index[-1] if date is None else date_like("date", date)
    upto = s.loc[:when]
    if upto.empty:
        raise InputError(f"date must be on or after the first observation "
                         f"({s.index[0].date()}); got {when.date()}")
    when = upto.index[-1]
    level = float(upto.iloc[-1])
    end = when if history_end is None else min(date_like("history_end", history_end), when)
    if history_start is not None:
        start = date_like("history_start", history_start)
    elif history_years is not None:
        in_range("history_years", history_years, 0.0, 200.0, low_inclusive=False, unit="years")
        start = when - pd.DateOffset(days=round(365.25 * float(history_years)))
    else:
        start = s.index[0]
    window = s.loc[start:end]
    if len(window) < k + 2:
        raise InputError(
            f"the history window {start.date()} to {end.date()} has {len(window)} observations; "
            f"it needs at least change_days + 2 = {k + 2}"
        )
    values = window.to_numpy()
    changes_all = pct_to_bp(s - s.shift(k))
    vol_all = pct_to_bp(s.diff().rolling(k).std(ddof=1))
    change_now = float(changes_all.loc[when])
    vol_now = float(vol_all.loc[when])
    changes = changes_all.loc[window.index].dropna().to_numpy()
    vols = vol_all.loc[window.index].dropna().to_numpy()
    hs = highest_since(upto)
    since = hs["since"].iloc[-1]
    return YieldStress(
        name=label,
        date=when,
        level=level,
        history_start=window.index[0],
        history_end=window.index[-1],
        nobs=len(window),
        percentile=_percentile(values, level),
        zscore=_zscore(values, level),
        high_since=None if pd.isna(since) else pd.Timestamp(since),
        record=bool(hs["record"].iloc[-1]),
        inception=s.index[0],
        change_days=k,
        change_bp=change_now,
        change_percentile=_percentile(changes, change_now) if changes.size else float("nan"),
        change_zscore=_zscore(changes, change_now) if changes.size else float("nan"),
        volatility_bp=vol_now,
        volatility_percentile=_percentile(vols, vol_now) if vols.size else float("nan"),
        path=upto,
    )


@dataclass(frozen=True)
class YieldStressPanel(Result):
    """Yield stress for several maturities on one date."""

    items: tuple[YieldStress, ...]

    def __getitem__(self, name: str) -> YieldStress:
        for it in self.items:
            if it.name == name:
                return it
        raise InputError(f"name must be one of {', '.join(i.name for i in self.items)}; got {name!r}")

    def to_frame(self) -> pd.DataFrame:
        """One row per maturity, columns of :meth:`YieldStress.to_dict`."""
        return pd.DataFrame([it.to_dict() for it in self.items])

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``{"date": ..., "yields": [one object per maturity]}``."""
        return {"date": self.items[0].date if self.items else None,
                "yields": [it.to_dict() for it in self.items]}

    def summary(self) -> Summary:
        s = Summary("Yield stress")
        frame = self.to_frame().set_index("name")
        cols = ["date", "level", "context", "percentile", "zscore", "change_bp",
                "change_percentile", "volatility_percentile"]
        table = frame[cols].copy()
        table["date"] = pd.to_datetime(table["date"]).dt.date.astype(str)
        s.add_table(table, digits=2)
        if self.items:
            it = self.items[0]
            s.add_note(f"Percentiles in the window {it.history_start.date()} to "
                       f"{it.history_end.date()}; changes over {it.change_days} observations, bp.")
        return s

    def plot(self, ax: Axes | None = None, *, start: str | None = None) -> Figure:
        """All maturities' paths, with today's levels marked."""
        from monpol.core.plotting import figure_axes

        fig, ax_ = figure_axes(ax)
        for i, it in enumerate(self.items):
            path = it.path if start is None else it.path.loc[start:]
            ax_.plot(path.index, path.to_numpy(), lw=1, color=f"C{i}", label=f"{it.name}: {it.context}")
            ax_.plot(pd.DatetimeIndex([it.date]), [it.level], "o", color=f"C{i}")
        ax_.set_ylabel("percent")
        ax_.legend(fontsize="small")
        return fig


def yield_stress_panel(
    curve: pd.DataFrame | None = None,
    tenors: Sequence[str] = ("10Y", "40Y"),
    **kwargs: Any,
) -> YieldStressPanel:
    """:func:`yield_stress` for several columns of a curve (default: the MOF JGB curve).

    Examples
    --------
    >>> p = yield_stress_panel(tenors=["10Y"], date="2025-05-22")
    >>> p["10Y"].level, p["10Y"].high_since.date().isoformat()
    (1.573, '2025-03-27')
    """
    if curve is not None:
        instance_of("curve", curve, pd.DataFrame, "a pandas DataFrame of yields by tenor")
    tenors = str_sequence("tenors", tenors)
    if curve is None:
        from monpol.bonds.data import jgb_yield_curve

        curve = jgb_yield_curve()
    if not tenors:
        raise InputError("tenors must name at least one column")
    items = []
    for t in tenors:
        if t not in curve.columns:
            raise InputError(f"tenor must be one of {', '.join(map(str, curve.columns))}; got {t!r}")
        items.append(yield_stress(curve[t], name=str(t), **kwargs))
    return YieldStressPanel(tuple(items))


@dataclass(frozen=True)
class RangePosition(Result):
    """Where a yield stands relative to a reference period's range."""

    name: str
    date: pd.Timestamp
    level: float
    range_start: pd.Timestamp
    range_end: pd.Timestamp
    low: float
    high: float

    @property
    def inside(self) -> bool:
        """True if ``low <= level <= high``."""
        return self.low <= self.level <= self.high

    @property
    def position(self) -> float:
        """Percent of the way from the range's low (0) to its high (100)."""
        if self.high <= self.low:
            return float("nan")
        return frac_to_pct((self.level - self.low) / (self.high - self.low))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "date": self.date, "level": self.level,
                "range_start": self.range_start, "range_end": self.range_end,
                "low": self.low, "high": self.high, "inside": self.inside,
                "position": self.position}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.to_dict()])

    def summary(self) -> Summary:
        s = Summary(f"{self.name} on {self.date.date()} against its "
                    f"{self.range_start.date()}..{self.range_end.date()} range")
        s.add_items({"level": self.level, "range low": self.low, "range high": self.high,
                     "inside": self.inside, "position (percent of range)": self.position},
                    digits=3)
        return s


def range_position(series: pd.Series, *, date: Any, start: Any, end: Any,
                   name: str | None = None) -> RangePosition:
    """Place the yield on ``date`` within its [min, max] over ``start``..``end``.

    Examples
    --------
    >>> from monpol.bonds.data import us_10y_yield
    >>> r = range_position(us_10y_yield(), date="2025-05-22", start="2023-01-01", end="2023-12-31")
    >>> r.low, r.high, r.level, r.inside
    (3.3, 4.98, 4.54, True)
    """
    instance_of("series", series, pd.Series, "a pandas Series of yields (percent) by date")
    label = name or str(series.name or "yield")
    s = validate_yields(series, name=label)
    when = date_like("date", date)
    upto = s.loc[:when]
    if upto.empty:
        raise InputError(f"date must be on or after {s.index[0].date()}; got {when.date()}")
    ref = s.loc[date_like("start", start):date_like("end", end)]
    if ref.empty:
        raise InputError(f"no observations between start={start!r} and end={end!r}")
    return RangePosition(label, upto.index[-1], float(upto.iloc[-1]), ref.index[0], ref.index[-1],
                         float(ref.min()), float(ref.max()))
