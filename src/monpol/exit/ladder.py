"""Holdings ladders: the bonds a central bank holds, by issue or by redemption year.

A :class:`Ladder` is a list of pieces, each with a face amount, a maturity (a date for an
issue-level ladder, a calendar year for a ladder by redemption year) and, optionally, a
yield in percent. Amounts carry a :class:`~monpol.core.units.MoneyUnit`.

CSV files (:meth:`Ladder.read_csv`) have one row per piece and the columns

* ``maturity_year,amount[,yield]`` — a ladder by redemption year, or
* ``maturity,amount[,yield][,issue]`` — issue level, ``maturity`` an ISO date;

``amount`` in the ladder's unit (default trillion yen), ``yield`` in percent per year
(``0.5`` means 0.5%). Without a yield column the yields come from a curve
(:class:`~monpol.exit.curve.YieldCurve`) given to the model.

Examples
--------
>>> import pandas as pd
>>> lad = Ladder.from_frame(pd.DataFrame({"maturity_year": [2023, 2024, 2025],
...                                       "amount": [200.0, 300.0, 500.0],
...                                       "yield": [1.0, 2.0, 3.0]}))
>>> lad.total, lad.level
(1000.0, 'year')
>>> round(lad.average_yield(), 12)     # the seed's worked example: 2.3%
2.3
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.units import TRILLION_JPY, MoneyUnit
from monpol.core.validation import finite_array, instance_of, warn_if_fractions

__all__ = ["Ladder"]


def _plain(value: Any) -> Any:
    """numpy scalars as Python values, for messages."""
    return value.item() if isinstance(value, np.generic) else value

Level = Literal["issue", "year"]


@dataclass(frozen=True, init=False, eq=False)
class Ladder:
    """Bond holdings by piece: face amount, maturity and optional yield.

    Parameters
    ----------
    amounts : array of float
        Face amounts, non-negative, in ``unit``.
    maturity_years : array of int, optional
        Calendar year of redemption of each piece (a ladder by redemption year).
    maturity_dates : array of dates, optional
        Redemption date of each piece (an issue-level ladder); gives the years.
    yields : array of float, optional
        Yield of each piece in percent per year.
    labels : sequence of str, optional
        Issue codes or any names (default: the maturity).
    unit : MoneyUnit
        Unit of the amounts (default trillion yen).
    as_of : date, optional
        Date of the holdings (e.g. 2022-12-30).
    source : str
        Where the ladder comes from (shown in summaries).

    Raises
    ------
    DataError
        Missing or negative amounts, an empty ladder, non-finite yields, maturities
        before ``as_of``.
    """

    amounts: np.ndarray
    maturity_years: np.ndarray
    maturity_dates: np.ndarray | None
    yields: np.ndarray | None
    labels: tuple[str, ...]
    unit: MoneyUnit
    as_of: pd.Timestamp | None
    source: str

    def __init__(
        self,
        amounts: Sequence[float] | np.ndarray,
        *,
        maturity_years: Sequence[int] | np.ndarray | None = None,
        maturity_dates: Sequence[Any] | np.ndarray | None = None,
        yields: Sequence[float] | np.ndarray | None = None,
        labels: Sequence[str] | None = None,
        unit: MoneyUnit = TRILLION_JPY,
        as_of: Any = None,
        source: str = "",
    ) -> None:
        amt = finite_array("amounts", amounts).ravel()
        if amt.size == 0:
            raise DataError("the holdings ladder is empty; give at least one piece")
        _check_amounts(amt)
        if (maturity_years is None) == (maturity_dates is None):
            raise InputError("give exactly one of maturity_years and maturity_dates")
        instance_of("unit", unit, MoneyUnit, "a monpol.core.units.MoneyUnit")
        for arg_name, arg in (("maturity_years", maturity_years), ("maturity_dates", maturity_dates),
                              ("yields", yields), ("labels", labels)):
            if arg is not None and (isinstance(arg, (str, bytes)) or not np.iterable(arg)):
                raise InputError(f"{arg_name} must be a sequence, one entry per piece; got {arg!r:.60}")
        dates: np.ndarray | None = None
        if maturity_dates is not None:
            parsed = pd.to_datetime(pd.Series(list(maturity_dates)), errors="coerce")
            if parsed.isna().any():
                row = int(np.flatnonzero(parsed.isna().to_numpy())[0])
                raise DataError(
                    f"maturity of row {row} is not a date; got {_plain(list(maturity_dates)[row])!r} "
                    f"(use ISO dates such as 2031-03-20)"
                )
            dates = parsed.to_numpy(dtype="datetime64[D]")
            years = parsed.dt.year.to_numpy(dtype=np.int64)
        else:
            assert maturity_years is not None
            raw = np.asarray(maturity_years, dtype=float).ravel()
            if (~np.isfinite(raw)).any() or (raw != np.round(raw)).any():
                row = int(np.flatnonzero(~np.isfinite(raw) | (raw != np.round(raw)))[0])
                raise DataError(
                    f"maturity_year of row {row} must be a whole calendar year; got {float(raw[row])!r}"
                )
            years = raw.astype(np.int64)
        if len(years) != len(amt):
            raise InputError(
                f"amounts and maturities must have the same length; got {len(amt)} and {len(years)}"
            )
        ylds: np.ndarray | None = None
        if yields is not None:
            ylds = np.asarray(yields, dtype=float).ravel()
            if len(ylds) != len(amt):
                raise InputError(
                    f"yields must have one value per piece; got {len(ylds)} for {len(amt)} pieces"
                )
            bad = ~np.isfinite(ylds)
            if bad.any():
                row = int(np.flatnonzero(bad)[0])
                raise DataError(
                    f"yield of row {row} must be a finite number in percent; got {float(ylds[row])!r}"
                )
            warn_if_fractions("yields", ylds, stacklevel=3)
        stamp = None if as_of is None else pd.Timestamp(as_of)
        if stamp is not None and dates is not None:
            early = dates < np.datetime64(stamp.date(), "D")
            if early.any():
                row = int(np.flatnonzero(early)[0])
                raise DataError(
                    f"maturity of row {row} ({dates[row]}) is before the ladder's date {stamp.date()}"
                )
        names = tuple(str(x) for x in labels) if labels is not None else tuple(
            str(d) for d in (dates if dates is not None else years)
        )
        if len(names) != len(amt):
            raise InputError(f"labels must have one value per piece; got {len(names)} for {len(amt)}")
        for arr in (amt, years, dates, ylds):
            if arr is not None:
                arr.setflags(write=False)
        object.__setattr__(self, "amounts", amt)
        object.__setattr__(self, "maturity_years", years)
        object.__setattr__(self, "maturity_dates", dates)
        object.__setattr__(self, "yields", ylds)
        object.__setattr__(self, "labels", names)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "as_of", stamp)
        object.__setattr__(self, "source", source)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, *, unit: MoneyUnit = TRILLION_JPY, as_of: Any = None,
        source: str = "",
    ) -> Ladder:
        """A ladder from a DataFrame with ``maturity_year`` or ``maturity`` and ``amount``.

        An optional ``yield`` column (percent) and ``issue`` column (labels) are used.
        """
        cols = set(map(str, frame.columns))
        if "amount" not in cols or not ({"maturity_year", "maturity"} & cols):
            raise DataError(
                "holdings need columns 'maturity_year,amount[,yield]' or 'maturity,amount[,yield]'; "
                f"columns present: {', '.join(map(repr, map(str, frame.columns)))}"
            )
        if {"maturity_year", "maturity"} <= cols:
            raise DataError("holdings have both 'maturity_year' and 'maturity'; keep one")
        amounts = pd.to_numeric(frame["amount"], errors="coerce")
        if amounts.isna().any():
            row = int(np.flatnonzero(amounts.isna().to_numpy())[0])
            raise DataError(
                f"amount of row {row} is missing or not a number; got {_plain(frame['amount'].iloc[row])!r}"
            )
        yields = None
        if "yield" in cols:
            y = pd.to_numeric(frame["yield"], errors="coerce")
            if y.isna().any():
                row = int(np.flatnonzero(y.isna().to_numpy())[0])
                raise DataError(
                    f"yield of row {row} is missing or not a number; got {_plain(frame['yield'].iloc[row])!r}"
                )
            yields = y.to_numpy(dtype=float)
        labels = frame["issue"].astype(str).tolist() if "issue" in cols else None
        if "maturity_year" in cols:
            years = pd.to_numeric(frame["maturity_year"], errors="coerce")
            return cls(amounts.to_numpy(dtype=float), maturity_years=years.to_numpy(dtype=float),
                       yields=yields, labels=labels, unit=unit, as_of=as_of, source=source)
        return cls(amounts.to_numpy(dtype=float), maturity_dates=frame["maturity"].tolist(),
                   yields=yields, labels=labels, unit=unit, as_of=as_of, source=source)

    @classmethod
    def read_csv(cls, path: str | os.PathLike[str], *, unit: MoneyUnit = TRILLION_JPY,
                 as_of: Any = None) -> Ladder:
        """Read a holdings CSV (see the module docstring for the columns)."""
        if not Path(path).is_file():   # also a directory, or a name with a NUL byte
            raise InputError(f"holdings file {str(path)!r} does not exist or is not a file")
        try:
            frame = pd.read_csv(path)
        except FileNotFoundError:
            raise InputError(f"holdings file {str(path)!r} does not exist") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise DataError(f"holdings file {str(path)!r} is not a readable CSV: {exc}") from exc
        if frame.empty:
            raise DataError(f"holdings file {str(path)!r} has no rows; the ladder is empty")
        return cls.from_frame(frame, unit=unit, as_of=as_of, source=str(path))

    # ------------------------------------------------------------------ views
    @property
    def level(self) -> Level:
        """``"issue"`` (maturity dates) or ``"year"`` (redemption years only)."""
        return "issue" if self.maturity_dates is not None else "year"

    @property
    def total(self) -> float:
        """Total face amount."""
        return float(self.amounts.sum())

    def __len__(self) -> int:
        return len(self.amounts)

    def average_yield(self) -> float:
        """Amount-weighted average yield (percent): Σ aᵢ yᵢ / Σ aᵢ (seed 002, note 3)."""
        if self.yields is None:
            raise InputError("this ladder has no yields; assign them from a curve first")
        if self.total == 0:
            raise DataError("the ladder's amounts sum to zero; the average yield is undefined")
        return float(np.dot(self.amounts, self.yields) / self.total)

    def year_fraction(self) -> np.ndarray:
        """Fraction of its maturity year elapsed at each piece's maturity (issue level).

        ``(maturity − 1 January) / days in the year``: 0 for a bond redeemed on
        1 January, close to 1 for one redeemed on 31 December.
        """
        if self.maturity_dates is None:
            raise InputError(
                "maturity-date timing needs an issue-level ladder (a 'maturity' date per piece); "
                "this ladder has redemption years only"
            )
        years = self.maturity_years
        jan1 = np.array([np.datetime64(f"{y}-01-01", "D") for y in years])
        next1 = np.array([np.datetime64(f"{y + 1}-01-01", "D") for y in years])
        return np.asarray((self.maturity_dates - jan1).astype(float) / (next1 - jan1).astype(float))

    def remaining_maturity(self, year: int) -> np.ndarray:
        """Years to maturity of each piece on 1 January of ``year``.

        Issue level: ACT/365.25 from 1 January. By redemption year: ``maturity_year −
        year + 0.5`` (redemption assumed mid-year). Negative for pieces already redeemed.
        """
        if self.maturity_dates is not None:
            jan1 = np.datetime64(f"{int(year)}-01-01", "D")
            return (self.maturity_dates - jan1).astype(float) / 365.25
        return self.maturity_years.astype(float) - float(year) + 0.5

    def with_yields(self, yields: Sequence[float] | np.ndarray) -> Ladder:
        """A copy with the given yields (percent)."""
        return Ladder(self.amounts, maturity_years=None if self.maturity_dates is not None
                      else self.maturity_years, maturity_dates=self.maturity_dates,
                      yields=yields, labels=self.labels, unit=self.unit, as_of=self.as_of,
                      source=self.source)

    def redemptions_by_year(self) -> pd.Series:
        """Face amount redeemed in each calendar year (index: year)."""
        s = pd.Series(self.amounts, index=pd.Index(self.maturity_years, name="year"))
        return s.groupby(level=0).sum().rename("redemptions")

    def to_frame(self) -> pd.DataFrame:
        """Columns: label, maturity_year, maturity (date or NaT), amount, yield (percent or NaN)."""
        return pd.DataFrame(
            {
                "label": list(self.labels),
                "maturity_year": self.maturity_years,
                "maturity": (pd.to_datetime(self.maturity_dates) if self.maturity_dates is not None
                             else pd.NaT),
                "amount": self.amounts,
                "yield": self.yields if self.yields is not None else np.nan,
            }
        )

    def __repr__(self) -> str:
        return (f"Ladder({len(self)} pieces, level={self.level!r}, total={self.total:.4g} "
                f"{self.unit}, years {self.maturity_years.min()}-{self.maturity_years.max()}"
                f"{', with yields' if self.yields is not None else ''})")


def _check_amounts(amt: np.ndarray) -> None:
    missing = ~np.isfinite(amt)
    if missing.any():
        row = int(np.flatnonzero(missing)[0])
        raise DataError(f"amount of row {row} is missing or not finite; got {float(amt[row])!r}")
    negative = amt < 0
    if negative.any():
        row = int(np.flatnonzero(negative)[0])
        raise DataError(f"amount of row {row} must be non-negative; got {float(amt[row])!r}")
