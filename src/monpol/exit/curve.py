"""Yield curves: yields by maturity with a stated interpolation.

A :class:`YieldCurve` holds par yields (percent per year) at a few maturities (years) and
returns the yield at any maturity by a named interpolation (``"linear"`` or ``"pchip"``),
flat beyond the shortest and the longest maturity. Seed 002 gives each JGB holding the
yield of the June 2022 curve at its remaining maturity; :func:`mof_curve` builds that curve
from the bundled MOF data (month average by default, or one date).

Examples
--------
>>> curve = YieldCurve([1, 2, 3], [1.0, 2.0, 3.0])
>>> curve([0.5, 1.5, 2.5, 10.0]).tolist()
[1.0, 1.5, 2.5, 3.0]
>>> YieldCurve([1, 2], [1.0, 2.0], interpolation="cubic")
Traceback (most recent call last):
...
monpol.core.errors.InputError: interpolation must be one of 'linear', 'pchip'; got 'cubic'
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.core.validation import finite_array, warn_if_fractions
from monpol.exit.ladder import _plain

__all__ = ["INTERPOLATIONS", "YieldCurve", "mof_curve"]

Interpolator = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]

INTERPOLATIONS: Registry[Interpolator] = Registry("interpolation")


@INTERPOLATIONS.register("linear")
def _linear(knots: np.ndarray, values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Piecewise linear in maturity, flat beyond the end knots."""
    return np.asarray(np.interp(at, knots, values), dtype=float)


@INTERPOLATIONS.register("pchip")
def _pchip(knots: np.ndarray, values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Shape-preserving cubic (scipy ``PchipInterpolator``), flat beyond the end knots."""
    from scipy.interpolate import PchipInterpolator

    if len(knots) < 2:
        return np.full_like(at, values[0], dtype=float)
    clipped = np.clip(at, knots[0], knots[-1])
    return np.asarray(PchipInterpolator(knots, values, extrapolate=False)(clipped), dtype=float)


@dataclass(frozen=True, init=False, eq=False)
class YieldCurve:
    """Yields (percent per year) at maturities (years), interpolated by name.

    Parameters
    ----------
    maturities : sequence of float
        Maturities in years, strictly increasing, positive.
    yields : sequence of float
        Yields in percent per year at those maturities.
    interpolation : {"linear", "pchip"}
        ``"linear"``: piecewise linear in maturity; ``"pchip"``: monotone cubic
        (scipy). Both are flat beyond the shortest and the longest maturity, so a bond
        with 0.3 years left gets the shortest (1-year) yield.
    label : str
        What the curve is (shown in summaries and the casebook).
    """

    maturities: np.ndarray
    yields: np.ndarray
    interpolation: str = "linear"
    label: str = ""
    _interp: Interpolator = field(init=False, repr=False, compare=False)

    def __init__(self, maturities: Sequence[float] | np.ndarray, yields: Sequence[float] | np.ndarray,
                 *, interpolation: str = "linear", label: str = "") -> None:
        m = finite_array("maturities", maturities, ndim=1)
        y = finite_array("yields", yields, ndim=1)
        if len(m) == 0:
            raise InputError("maturities must not be empty")
        if len(m) != len(y):
            raise InputError(
                f"maturities and yields must have the same length; got {len(m)} and {len(y)}"
            )
        if (m <= 0).any():
            raise InputError(f"maturities must be positive years; got {float(m[m <= 0][0])!r}")
        if (np.diff(m) <= 0).any():
            raise InputError(f"maturities must be strictly increasing; got {m.tolist()}")
        warn_if_fractions("curve yields", y, stacklevel=3)
        m.setflags(write=False)
        y.setflags(write=False)
        object.__setattr__(self, "maturities", m)
        object.__setattr__(self, "yields", y)
        object.__setattr__(self, "interpolation", interpolation)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "_interp", INTERPOLATIONS.get(interpolation))

    def __call__(self, maturity: Any) -> np.ndarray:
        """Yields (percent) at ``maturity`` (years; scalar or array)."""
        at = np.atleast_1d(np.asarray(maturity, dtype=float))
        return self._interp(self.maturities, self.yields, at)

    @classmethod
    def read_csv(cls, path: str | os.PathLike[str], *, interpolation: str = "linear") -> YieldCurve:
        """Read a curve from a CSV with columns ``maturity`` (years) and ``yield`` (percent).

        Raises
        ------
        InputError
            The file does not exist.
        DataError
            Not a readable CSV, a column missing, a value that is not a number.
        """
        try:
            frame = pd.read_csv(path)
        except FileNotFoundError:
            raise InputError(f"curve file {str(path)!r} does not exist") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise DataError(f"curve file {str(path)!r} is not a readable CSV: {exc}") from exc
        missing = [c for c in ("maturity", "yield") if c not in frame.columns]
        if missing:
            raise DataError(
                f"curve file {str(path)!r} needs columns 'maturity,yield'; missing "
                f"{', '.join(map(repr, missing))}; columns present: "
                f"{', '.join(map(repr, map(str, frame.columns)))}"
            )
        values = {}
        for col in ("maturity", "yield"):
            num = pd.to_numeric(frame[col], errors="coerce")
            if num.isna().any():
                row = int(np.flatnonzero(num.isna().to_numpy())[0])
                raise DataError(
                    f"curve file {str(path)!r}: {col} of row {row} is missing or not a number; "
                    f"got {_plain(frame[col].iloc[row])!r}"
                )
            values[col] = num.to_numpy(dtype=float)
        try:
            return cls(values["maturity"], values["yield"], interpolation=interpolation,
                       label=str(path))
        except InputError as exc:
            raise DataError(f"curve file {str(path)!r}: {exc}") from None

    def with_interpolation(self, interpolation: str) -> YieldCurve:
        """The same knots interpolated another way."""
        return YieldCurve(self.maturities, self.yields, interpolation=interpolation, label=self.label)

    def to_frame(self) -> pd.DataFrame:
        """Columns: maturity (years), yield (percent)."""
        return pd.DataFrame({"maturity": self.maturities, "yield": self.yields})


_MATURITY_COLUMN = re.compile(r"^(\d+(?:\.\d+)?)Y$")


def mof_curve(
    when: str = "mean",
    *,
    interpolation: str = "linear",
    dataset: str = "mof-par-curve-2022-06",
) -> YieldCurve:
    """The MOF par curve of June 2022 (bundled), as a month average or on one date.

    Parameters
    ----------
    when : str
        ``"mean"`` (default): the average of the month's business days, maturity by
        maturity; ``"last"``/``"first"``: the last/first business day; or an ISO date
        (``"2022-06-30"``) present in the data.
    interpolation : {"linear", "pchip"}
        See :class:`YieldCurve`.
    dataset : str
        A bundled dataset with a date index and columns ``1Y``, ``2Y``, ... in percent.

    Examples
    --------
    >>> c = mof_curve()
    >>> round(float(c(10)[0]), 4)       # June 2022 average 10-year par yield, percent
    0.2526
    >>> mof_curve("2022-06-30").label
    'MOF JGB par curve, 2022-06-30'
    """
    if not isinstance(when, str) or not isinstance(dataset, str):
        raise InputError(f"when and dataset must be text (a date, 'mean', 'first', 'last'; a dataset "
                         f"name); got {type(when).__name__}, {type(dataset).__name__}")
    from monpol import data

    frame = data.load(dataset)
    cols = [c for c in frame.columns if _MATURITY_COLUMN.match(str(c))]
    if not cols:
        raise DataError(f"dataset {dataset!r} has no maturity columns like '10Y'")
    mats = np.array([float(_MATURITY_COLUMN.match(str(c)).group(1)) for c in cols])  # type: ignore[union-attr]
    month = frame.index[0].strftime("%Y-%m") if len(frame) else ""
    if when == "mean":
        values = frame[cols].mean(axis=0).to_numpy(dtype=float)
        label = f"MOF JGB par curve, {month} average of {len(frame)} business days"
    elif when in ("first", "last"):
        pick = 0 if when == "first" else -1
        values = frame[cols].iloc[pick].to_numpy(dtype=float)
        label = f"MOF JGB par curve, {frame.index[pick]:%Y-%m-%d}"
    else:
        try:
            stamp = pd.Timestamp(when)
        except (ValueError, TypeError):
            raise InputError(
                f"when must be 'mean', 'first', 'last' or an ISO date; got {when!r}"
            ) from None
        if stamp not in frame.index:
            days = ", ".join(f"{d:%Y-%m-%d}" for d in frame.index[[0, -1]])
            raise InputError(
                f"when = {when!r} is not a business day in {dataset!r} (dates {days}); use "
                f"'mean', 'first', 'last' or a date present in the data"
            )
        values = frame[cols].to_numpy(dtype=float)[frame.index == stamp][0]
        label = f"MOF JGB par curve, {stamp:%Y-%m-%d}"
    keep = np.isfinite(values)
    return YieldCurve(mats[keep], values[keep], interpolation=interpolation, label=label)
