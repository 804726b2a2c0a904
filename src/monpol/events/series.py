"""Market series for event studies: validated levels on sorted, unique timestamps.

A :class:`MarketSeries` holds the levels of one instrument (a yield, a price, an index, an
exchange rate) and the :mod:`convention <monpol.events.conventions>` its changes follow.
It is built from a pandas Series, a CSV file (:func:`read_series`) or a bundled dataset
(:func:`load_series`) and checked once, when built:

* timestamps parse (ISO 8601: ``2010-11-03`` or ``2010-11-03 14:15``), are in increasing
  order and appear once — an unsorted or duplicated timestamp is a :class:`DataError`
  naming the rows, never silently re-sorted;
* values are numbers; blank cells, ``"."`` (FRED's missing value) and ``NA`` are
  *non-trading days*: they are dropped and counted in :attr:`MarketSeries.dropped`;
* prices (``kind="price"`` or ``"treasury_price"``) are positive.

**Daily or intraday.** A series whose timestamps all fall at midnight is *daily*: the
observation dated ``D`` is the close of day ``D``. Otherwise it is *intraday* and each
timestamp is the time of a quote (naive timestamps are read as the clock of the event
times you pass, e.g. US Eastern time).

**Non-trading days: the previous available close.** A level asked for at a date or time
with no observation is the last observation at or before it (:meth:`MarketSeries.asof`),
provided one exists within ``max_gap_days`` calendar days (7 by default, enough to bridge
weekends and holidays); a date before the first or after the last observation is an error.

Examples
--------
>>> import pandas as pd
>>> s = MarketSeries.from_series(
...     pd.Series([2.53, 2.58, 2.60], index=pd.to_datetime(["2010-11-04", "2010-11-05", "2010-11-08"])),
...     kind="yield", name="DGS10")
>>> s.asof("2010-11-06")            # Saturday: Friday's close
(Timestamp('2010-11-05 00:00:00'), 2.58)
>>> s.asof("2010-11-09")
Traceback (most recent call last):
...
monpol.core.errors.DataError: date 2010-11-09 is after the last observation of DGS10 (2010-11-08)
>>> MarketSeries.from_series(pd.Series([1.0, -2.0], index=pd.to_datetime(["2010-01-04",
...     "2010-01-05"])), kind="price", name="X")
Traceback (most recent call last):
...
monpol.core.errors.DataError: X: prices must be positive; got -2.0 on 2010-01-05 (use kind='yield' ...)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.validation import path_arg, require_columns
from monpol.events.conventions import Convention, convention

__all__ = ["MISSING", "MarketSeries", "load_series", "read_series"]

#: Cell contents read as "no observation" (FRED writes ".").
MISSING = frozenset({"", ".", "NA", "N/A", "NaN", "nan", "null", "NULL", "#N/A"})

_DEFAULT_GAP = 7


def _show_time(ts: pd.Timestamp) -> str:
    return str(ts.date()) if ts == ts.normalize() else str(ts)


def _check_order(index: pd.DatetimeIndex, name: str) -> None:
    """Raise DataError naming the first out-of-order or duplicated timestamp."""
    values = index.asi8
    if len(values) < 2:
        return
    step = np.diff(values)
    if (step < 0).any():
        i = int(np.argmax(step < 0)) + 1
        raise DataError(
            f"{name}: timestamps are not in increasing order: {_show_time(index[i])} (row {i + 1}) "
            f"comes after {_show_time(index[i - 1])} (row {i}); sort the data by time first"
        )
    if (step == 0).any():
        i = int(np.argmax(step == 0)) + 1
        raise DataError(
            f"{name}: duplicate timestamp {_show_time(index[i])} (rows {i} and {i + 1}); each "
            f"timestamp must appear once"
        )


@dataclass(frozen=True)
class MarketSeries:
    """Levels of one market instrument on sorted, unique timestamps (see module docs).

    Build it with :meth:`from_series`, :func:`read_series` or :func:`load_series`; the
    constructor expects already-validated data.

    Attributes
    ----------
    levels : pandas.Series
        Float levels on a DatetimeIndex, missing observations removed.
    name : str
        Name of the series (column name).
    kind : str
        Its convention: ``"price"``, ``"yield"`` or ``"treasury_price"``.
    unit : str
        Unit of the levels, for labels (e.g. ``"percent per year"``).
    dropped : int
        Number of missing observations (non-trading days) removed.
    """

    levels: pd.Series
    name: str
    kind: str
    unit: str = ""
    dropped: int = 0
    source: str = ""
    _conv: Convention = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_conv", convention(self.kind))

    @classmethod
    def from_series(
        cls,
        data: pd.Series,
        *,
        kind: str = "price",
        name: str | None = None,
        unit: str = "",
        source: str = "",
    ) -> MarketSeries:
        """Validate a pandas Series of levels indexed by timestamps.

        Raises
        ------
        DataError
            Unparseable, unsorted or duplicated timestamps; non-numeric or infinite values;
            non-positive prices; no observation left.
        InputError
            Unknown ``kind``.
        """
        conv = convention(kind)
        if not isinstance(data, pd.Series):
            raise InputError(f"data must be a pandas Series; got {type(data).__name__}")
        label = str(name if name is not None else (data.name if data.name is not None else "series"))
        try:
            index = pd.DatetimeIndex(data.index)
        except (TypeError, ValueError) as exc:
            raise DataError(f"{label}: the index must hold timestamps; {exc}") from None
        if index.hasnans:
            i = int(np.argmax(index.isna()))
            raise DataError(f"{label}: missing timestamp at row {i + 1}")
        _check_order(index, label)
        values = _to_floats(data, kind, label, index)
        keep = ~np.isnan(values)
        if np.isinf(values).any():
            i = int(np.argmax(np.isinf(values)))
            raise DataError(f"{label}: values must be finite; got {values[i]} on {_show_time(index[i])}")
        if conv.positive:
            bad = keep & (values <= 0)
            if bad.any():
                i = int(np.argmax(bad))
                raise DataError(
                    f"{label}: prices must be positive; got {values[i]} on {_show_time(index[i])} "
                    f"(use kind='yield' for rates, which may be negative)"
                )
        if not keep.any():
            raise DataError(f"{label}: no observations (every value is missing)")
        levels = pd.Series(values[keep], index=index[keep], name=label)
        return cls(levels, label, kind, unit, int((~keep).sum()), source)

    # ------------------------------------------------------------------ properties
    @property
    def convention(self) -> Convention:
        """The quoting convention of this series."""
        return self._conv

    @property
    def index(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.levels.index)

    @property
    def intraday(self) -> bool:
        """True if any timestamp has a time of day (the series is not a daily close series)."""
        idx = self.index
        return bool((idx != idx.normalize()).any())

    @property
    def first(self) -> pd.Timestamp:
        return pd.Timestamp(self.index[0])

    @property
    def last(self) -> pd.Timestamp:
        return pd.Timestamp(self.index[-1])

    def __len__(self) -> int:
        return len(self.levels)

    # ------------------------------------------------------------------ look-ups
    def timestamp(self, when: Any, *, argument: str = "date") -> pd.Timestamp:
        """``when`` as a Timestamp in this series' time zone (an InputError if unparseable)."""
        try:
            ts = pd.Timestamp(when)
        except (TypeError, ValueError):
            raise InputError(f"{argument} must be a date or timestamp (ISO 8601, e.g. 2010-11-03 "
                             f"or 2010-11-03 14:15); got {when!r}") from None
        if pd.isna(ts):
            raise InputError(f"{argument} must be a date or timestamp; got {when!r}")
        tz = self.index.tz
        if tz is not None and ts.tz is None:
            ts = ts.tz_localize(tz)
        elif tz is None and ts.tz is not None:
            raise InputError(f"{argument} {when!r} has a time zone but series {self.name!r} has "
                             f"naive timestamps; pass a naive time in the series' clock")
        return ts

    def asof(
        self, when: Any, *, argument: str = "date", max_gap_days: float = _DEFAULT_GAP
    ) -> tuple[pd.Timestamp, float]:
        """The previous available observation at or before ``when``: ``(timestamp, level)``.

        For an intraday series a date without a time means the end of that day; for a daily
        series a time of day is ignored (the observation dated D stands for D's close).

        Raises
        ------
        DataError
            If ``when`` is before the first or after the last observation, or the previous
            observation is more than ``max_gap_days`` calendar days older.
        """
        ts = self.timestamp(when, argument=argument)
        if not self.intraday:
            ts = ts.normalize()
        end_of_day = self.intraday and ts == ts.normalize()
        target = ts + pd.Timedelta(days=1) if end_of_day else ts
        if ts < self.first.normalize() or (not self.intraday and ts < self.first):
            raise DataError(
                f"{argument} {_show_time(ts)} is before the first observation of {self.name} "
                f"({_show_time(self.first)}); there is no previous close to use"
            )
        if ts.normalize() > self.last.normalize():
            raise DataError(
                f"{argument} {_show_time(ts)} is after the last observation of {self.name} "
                f"({_show_time(self.last)})"
            )
        pos = int(self.index.searchsorted(target, side="left" if end_of_day else "right")) - 1
        if pos < 0:
            raise DataError(
                f"{argument} {_show_time(ts)} is before the first observation of {self.name} "
                f"({_show_time(self.first)}); there is no previous close to use"
            )
        found = pd.Timestamp(self.index[pos])
        if (target - found) > pd.Timedelta(days=max_gap_days):
            raise DataError(
                f"{argument} {_show_time(ts)}: the previous observation of {self.name} is "
                f"{_show_time(found)}, more than {max_gap_days:g} days earlier (max_gap_days); "
                f"the data have a gap there"
            )
        return found, float(self.levels.iloc[pos])

    def daily(self, close: str | None = None) -> MarketSeries:
        """Daily closes: the last observation of each day (itself if already daily).

        With ``close="HH:MM"`` quotes after that time are ignored, so each day's level is
        the last quote at or before the close.
        """
        if not self.intraday:
            return self
        idx = self.index
        values = self.levels.to_numpy()
        if close is not None:
            try:
                h, m = (int(x) for x in close.split(":"))
                cut = pd.Timedelta(hours=h, minutes=m)
            except ValueError:
                raise InputError(f"close must be a time HH:MM (24-hour); got {close!r}") from None
            keep = (idx - idx.normalize()) <= cut
            idx, values = idx[keep], values[keep]
            if len(idx) == 0:
                raise DataError(f"{self.name}: no quote at or before {close} on any day")
        last = ~pd.Series(idx.normalize()).duplicated(keep="last").to_numpy()
        closes = pd.Series(values[last], index=idx.normalize()[last], name=self.name)
        return MarketSeries(closes, self.name, self.kind, self.unit, self.dropped, self.source)

    def window(self, start: Any = None, end: Any = None) -> MarketSeries:
        """The observations between ``start`` and ``end`` (inclusive)."""
        lo = self.timestamp(start, argument="start") if start is not None else None
        hi = self.timestamp(end, argument="end") if end is not None else None
        part = self.levels.loc[lo:hi]
        if part.empty:
            raise DataError(f"{self.name}: no observation between {start} and {end}")
        return MarketSeries(part, self.name, self.kind, self.unit, 0, self.source)

    def changes(self) -> pd.Series:
        """Changes between consecutive observations, in the convention's unit."""
        v = self.levels.to_numpy()
        return pd.Series(self._conv.change(v[:-1], v[1:]), index=self.index[1:],
                         name=f"{self.name} ({self._conv.unit})")


def _to_floats(data: pd.Series, kind: str, name: str, index: pd.DatetimeIndex) -> np.ndarray:
    """Values as floats (NaN for missing); a DataError names the first non-number."""
    if pd.api.types.is_numeric_dtype(data.dtype) and not pd.api.types.is_bool_dtype(data.dtype):
        return np.array(data.to_numpy(dtype=float, na_value=np.nan), dtype=float)
    raw = pd.Series(data.to_numpy(dtype=object))
    text = raw.map(lambda v: v.strip() if isinstance(v, str) else v)
    missing = text.map(lambda v: v is None or (isinstance(v, str) and v in MISSING)
                       or (isinstance(v, float) and np.isnan(v))).to_numpy(dtype=bool)
    parse = convention(kind).parse
    if parse is not None:
        def one(v: Any) -> float:
            try:
                return parse(v)
            except InputError:
                return float("nan")
        parsed = np.array(text.map(lambda v: np.nan if v is None else one(v)), dtype=float)
    else:
        parsed = np.array(pd.to_numeric(text.where(~missing), errors="coerce"), dtype=float)
    bad = np.isnan(parsed) & ~missing
    if bad.any():
        i = int(np.argmax(bad))
        raise DataError(
            f"{name}: value {raw.iloc[i]!r} on {_show_time(index[i])} is not a number (missing "
            f"values may be blank, '.', or 'NA')"
        )
    parsed[missing] = np.nan
    return parsed


def read_series(
    path: str | os.PathLike[str],
    column: str,
    *,
    kind: str = "price",
    date_column: str | None = None,
    unit: str = "",
) -> MarketSeries:
    """Read one column of a CSV file as a :class:`MarketSeries`.

    Parameters
    ----------
    path : path
        CSV file with a header row.
    column : str
        Column holding the levels.
    kind : {"price", "yield", "treasury_price"}
        Convention of the column (default ``"price"``: changes in percent).
    date_column : str, optional
        Column holding the timestamps (default: the first column).
    unit : str
        Unit of the levels, for labels.

    Raises
    ------
    InputError
        If the file does not exist or ``kind`` is unknown.
    DataError
        If the columns are missing or the data fail the checks of
        :meth:`MarketSeries.from_series`.
    """
    path = path_arg("path", path)
    convention(kind)
    p = Path(path)
    if not p.is_file():
        raise InputError(f"file {str(p)!r} does not exist")
    frame = read_csv_text(p, what="series file")
    if frame.shape[1] < 2:
        raise DataError(f"{p.name}: needs a date column and at least one value column; "
                        f"columns present: {', '.join(map(repr, frame.columns))}")
    dcol = date_column if date_column is not None else str(frame.columns[0])
    require_columns(frame, [dcol, column], source=p.name)
    raw = frame[dcol].str.strip()
    try:
        stamps = pd.to_datetime(raw, format="ISO8601")
    except (ValueError, TypeError):
        bad = next((v for v in raw if _not_iso(v)), raw.iloc[0])
        raise DataError(
            f"{p.name}: column {dcol!r} must hold ISO 8601 dates or timestamps (2010-11-03 or "
            f"2010-11-03 14:15); got {bad!r}"
        ) from None
    data = pd.Series(frame[column].to_numpy(), index=pd.DatetimeIndex(stamps), name=column)
    return MarketSeries.from_series(data, kind=kind, name=column, unit=unit, source=str(p))


def _not_iso(value: str) -> bool:
    try:
        pd.to_datetime(value, format="ISO8601")
    except (ValueError, TypeError):
        return True
    return False


def load_series(dataset: str, column: str, *, kind: str | None = None) -> MarketSeries:
    """A column of a bundled dataset as a :class:`MarketSeries`.

    ``kind`` defaults to ``"yield"`` for columns in percent per year and ``"price"``
    otherwise (from the dataset's documented units). The series spans its first to its last
    observation; blanks inside that span are non-trading days.

    Examples
    --------
    >>> s = load_series("us-qe2-2010-window", "DGS10")
    >>> s.kind, s.dropped
    ('yield', 2)
    """
    if not isinstance(dataset, str) or not isinstance(column, str):
        raise InputError(f"dataset and column must be names (str); got {dataset!r:.60}, {column!r:.60}")
    from monpol import data

    frame = data.load(dataset)
    info = data.info(dataset)
    require_columns(frame, [column], source=f"dataset {dataset!r}")
    unit = info.units.get(column, "")
    if kind is None:
        kind = "yield" if unit.startswith("percent per year") else "price"
    citation = info.metadata.source.citation
    col = frame[column]
    first, last = col.first_valid_index(), col.last_valid_index()
    if first is None:
        raise DataError(f"dataset {dataset!r}: column {column!r} has no observations")
    col = col.loc[first:last]  # the series' own span: blanks outside it are not non-trading days
    return MarketSeries.from_series(col, kind=kind, name=column, unit=unit,
                                    source=f"{dataset}: {citation}")
