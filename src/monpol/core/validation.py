"""Validators shared by every area.

Each validator either returns the cleaned value or raises a typed error whose message names
the argument, echoes the value received and states what is allowed. None of them prints.

Examples
--------
>>> from monpol.core.validation import finite_float, one_of
>>> finite_float("inflation", "2.5")
2.5
>>> finite_float("inflation", "abc")
Traceback (most recent call last):
...
monpol.core.errors.InputError: inflation must be a finite number; got 'abc'
>>> one_of("rule", "taylor", ["taylor1993", "taylor1999"])
Traceback (most recent call last):
...
monpol.core.errors.InputError: rule must be one of 'taylor1993', 'taylor1999'; got 'taylor'
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError, MonpolWarning

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_CELLS",
    "MAX_PATHS",
    "MAX_PERIODS",
    "MAX_YEARS",
    "callable_or_none",
    "date_like",
    "finite_array",
    "finite_float",
    "in_range",
    "instance_of",
    "one_of",
    "path_arg",
    "percent",
    "positive_int",
    "require_columns",
    "sequence_arg",
    "share",
    "str_sequence",
    "warn_if_fractions",
]


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def finite_float(name: str, value: Any, *, unit: str | None = None) -> float:
    """Return ``value`` as a finite float or raise :class:`InputError` naming ``name``."""
    what = "a finite number" + (f" in {unit}" if unit else "")
    if isinstance(value, bool):
        raise InputError(f"{name} must be {what}; got {_show(value)}")
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be {what}; got {_show(value)}") from None
    if not math.isfinite(out):
        raise InputError(f"{name} must be {what}; got {_show(value)}")
    return out


def finite_array(name: str, value: Any, *, ndim: int | None = None) -> np.ndarray:
    """Return ``value`` as a float array with only finite entries."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be numeric; got {_show(value)}") from None
    if ndim is not None and arr.ndim != ndim:
        raise InputError(f"{name} must have {ndim} dimension(s); got shape {arr.shape}")
    bad = ~np.isfinite(arr)
    if bad.any():
        if arr.ndim == 0:
            raise InputError(f"{name} must contain only finite numbers; got {float(arr)!r}")
        where = np.argwhere(bad)[0].tolist()
        raise InputError(
            f"{name} must contain only finite numbers; got {float(arr[tuple(where)])!r} at "
            f"position {where if arr.ndim > 1 else where[0]}"
        )
    return arr


def in_range(
    name: str,
    value: Any,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str | None = None,
) -> float:
    """Return ``value`` as a finite float within the given bounds or raise."""
    out = finite_float(name, value, unit=unit)
    ok = True
    if low is not None:
        ok &= out >= low if low_inclusive else out > low
    if high is not None:
        ok &= out <= high if high_inclusive else out < high
    if not ok:
        lo = "(-inf" if low is None else ("[" if low_inclusive else "(") + f"{low:g}"
        hi = "inf)" if high is None else f"{high:g}" + ("]" if high_inclusive else ")")
        raise InputError(f"{name} must be in {lo}, {hi}; got {_show(value)}")
    return out


def share(name: str, value: Any) -> float:
    """A share in [0, 1]."""
    return in_range(name, value, 0.0, 1.0)


# dates accepted at public boundaries: inside pandas' nanosecond range (1677-09-22 ..
# 2262-04-11) with a year of margin for offsets computed from them
FIRST_DATE = "1700-01-01"
LAST_DATE = "2200-12-31"


def date_like(name: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a Timestamp (ISO dates such as ``2025-05-22``) or raise.

    >>> date_like("date", "2025-05-22")
    Timestamp('2025-05-22 00:00:00')
    >>> date_like("date", "soon")
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: date must be a date (YYYY-MM-DD) between 1700-01-01 and ...
    """
    msg = f"{name} must be a date (YYYY-MM-DD) between {FIRST_DATE} and {LAST_DATE}; got {_show(value)}"
    if isinstance(value, str) and not value.strip():
        raise InputError(msg)
    try:
        text = value.strip() if isinstance(value, str) else None
        if text is not None and len(text) == 6 and text[:4].isdigit() and text[4] in "Qq" \
                and text[5] in "1234":   # a quarter such as 2005Q3: its first day
            ts = pd.Period(text.upper(), freq="Q").to_timestamp()
        else:
            ts = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):   # OutOfBoundsDatetime is a ValueError
        raise InputError(msg) from None
    naive = ts.tz_convert(None) if not pd.isna(ts) and ts.tzinfo is not None else ts
    if pd.isna(ts) or not (pd.Timestamp(FIRST_DATE) <= naive <= pd.Timestamp(LAST_DATE)):
        raise InputError(msg)
    return ts


# Upper bounds checked before any allocation (heavy work is bounded up front). Each is far
# beyond what an analysis here needs and well inside what one machine holds.
MAX_YEARS = 1_000          # projection horizons in years
MAX_PERIODS = 1_000_000    # simulation periods
MAX_PATHS = 10_000_000     # Monte Carlo paths / draws in one call (chunked)
MAX_CELLS = 500_000_000    # paths x periods held at once in one result


def positive_int(name: str, value: Any, *, minimum: int = 1, maximum: int | None = None) -> int:
    """An integer in [``minimum``, ``maximum``] (ints, integral floats, digit strings).

    >>> positive_int("years", 10, maximum=MAX_YEARS)
    10
    >>> positive_int("years", 10**9, maximum=MAX_YEARS)
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: years must be an integer >= 1 and at most 1000; got 1000000000
    """
    bound = f" and at most {maximum}" if maximum is not None else ""
    msg = f"{name} must be an integer >= {minimum}{bound}; got {_show(value)}"
    if isinstance(value, bool):
        raise InputError(msg)
    if isinstance(value, (int, np.integer)):
        out = int(value)
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        out = int(value)
    elif isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        out = int(value.strip())
    else:
        raise InputError(msg)
    if out < minimum or (maximum is not None and out > maximum):
        raise InputError(msg)
    return out


def one_of(name: str, value: Any, allowed: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``allowed`` (case-sensitive) or raise listing them."""
    choices = list(allowed)
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise InputError(f"{name} must be one of {listed}; got {_show(value)}")
    return value


def percent(
    name: str,
    value: Any,
    *,
    low: float = -100.0,
    high: float = 1000.0,
    warn_if_fraction: bool = False,
) -> float:
    """A rate in percent per year.

    With ``warn_if_fraction`` a non-zero value whose magnitude is below 0.1 warns: it
    looks like a fraction (0.05) given where percent (5) was expected.
    """
    out = in_range(name, value, low, high, unit="percent")
    if warn_if_fraction and out != 0.0 and abs(out) < 0.1:
        warnings.warn(
            f"{name} = {out!r} looks like a fraction; monpol expects percent "
            f"(write 5 for 5%, not 0.05)",
            MonpolWarning,
            stacklevel=3,
        )
    return out


def warn_if_fractions(name: str, values: Any, *, stacklevel: int = 3) -> None:
    """Warn when every non-zero value is below 0.1 in magnitude (fractions given for percent).

    The array counterpart of ``percent(..., warn_if_fraction=True)``: a whole column of
    rates such as 0.005, 0.01, 0.02 was almost certainly written as fractions.
    """
    arr = np.asarray(values, dtype=float).ravel()
    nonzero = arr[np.isfinite(arr) & (arr != 0)]
    if len(nonzero) and bool((np.abs(nonzero) < 0.1).all()):
        shown = ", ".join(f"{v:g}" for v in nonzero[:3])
        warnings.warn(
            f"{name} look like fractions ({shown}{', ...' if len(nonzero) > 3 else ''}); "
            f"monpol expects percent per year (write 2.5 for 2.5%, not 0.025)",
            MonpolWarning,
            stacklevel=stacklevel,
        )


def require_columns(
    frame: pd.DataFrame, required: Sequence[str], *, source: str = "data"
) -> pd.DataFrame:
    """Raise :class:`DataError` naming the missing columns and those present."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataError(
            f"{source} is missing required column(s) {', '.join(map(repr, missing))}; "
            f"columns present: {', '.join(map(repr, map(str, frame.columns)))}"
        )
    return frame


def instance_of(name: str, value: Any, types: type | tuple[type, ...], what: str) -> Any:
    """Return ``value`` if it is an instance of ``types``, else raise :class:`InputError`.

    ``what`` says in words what is allowed (e.g. ``"a pandas Series of yields"``).

    >>> instance_of("series", 3.0, pd.Series, "a pandas Series")
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: series must be a pandas Series; got float 3.0
    """
    if not isinstance(value, types):
        raise InputError(f"{name} must be {what}; got {type(value).__name__} {_show(value)}")
    return value


def callable_or_none(name: str, value: Any) -> Any:
    """Return ``value`` if it is None or callable (e.g. a progress callback).

    >>> callable_or_none("progress", 3.0)
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: progress must be a function or None; got float 3.0
    """
    if value is not None and not callable(value):
        raise InputError(f"{name} must be a function or None; got {type(value).__name__} "
                         f"{_show(value)}")
    return value


def path_arg(name: str, value: Any) -> Path:
    """A file-system path argument (str or os.PathLike, no NUL byte) as a Path."""
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise InputError(f"{name} must be a file path (str or os.PathLike); got "
                         f"{type(value).__name__} {_show(value)}")
    text = os.fspath(value)
    if not str(text).strip() or "\x00" in str(text):
        raise InputError(f"{name} must be a file path; got {_show(value)}")
    return Path(text)


def sequence_arg(name: str, value: Any, what: str) -> list[Any]:
    """A list, tuple, array, Index or Series as a list (a bare string is refused: it would
    iterate by letter). ``what`` names the entries, e.g. ``"dates"``."""
    if isinstance(value, (str, bytes)) or not isinstance(
            value, (list, tuple, pd.Index, np.ndarray, pd.Series)):
        raise InputError(f"{name} must be a list of {what}; got {type(value).__name__} {_show(value)}")
    return list(value)


def str_sequence(name: str, value: Any, *, allow_empty: bool = False) -> list[str]:
    """A list or tuple of strings (a bare string is refused: it would iterate by letter)."""
    out = sequence_arg(name, value, "strings")
    if not all(isinstance(v, str) for v in out) or (not out and not allow_empty):
        raise InputError(f"{name} must be a non-empty list of strings; got {_show(value)}")
    return out
