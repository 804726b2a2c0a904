"""A central bank's balance sheet at one date: items with side, category and amount.

A :class:`BalanceSheet` is validated when constructed: every amount finite and
non-negative, every category known to the taxonomy for its side, and assets equal to
liabilities (capital included) within rounding. Units are a
:class:`~monpol.core.units.MoneyUnit`; two snapshots are compared only in the same unit.

Examples
--------
>>> from monpol.core.units import MILLION_USD
>>> bs = BalanceSheet.from_records(
...     "Example CB", "2008-12-31", MILLION_USD,
...     [("asset", "Treasuries", "government_long", 80.0),
...      ("asset", "Loans", "lending_institutions", 20.0),
...      ("liability", "Currency", "currency", 60.0),
...      ("liability", "Reserves", "reserves", 40.0)])
>>> bs.total_assets, bs.monetary_liabilities
(100.0, 100.0)
>>> BalanceSheet.from_records("X", "2008-12-31", MILLION_USD,
...     [("asset", "Loans", "lending_institutions", 20.0),
...      ("liability", "Reserves", "reserves", 25.0)])
Traceback (most recent call last):
...
monpol.core.errors.AccountingError: balance sheet of X on 2008-12-31 does not balance: ...
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from monpol.core.errors import AccountingError, DataError, InputError
from monpol.core.results import Result, Summary
from monpol.core.units import (
    BILLION_USD,
    MILLION_USD,
    OKU_JPY,
    THOUSAND_JPY,
    TRILLION_JPY,
    TRILLION_USD,
    MoneyUnit,
    frac_to_pct,
)
from monpol.easing.taxonomy import SIDES, Side, Taxonomy, default_taxonomy

__all__ = ["BalanceSheet", "BalanceSheetItem", "SnapshotPair", "parse_money_unit"]

_KNOWN_UNITS = {u.label.lower(): u for u in (MILLION_USD, BILLION_USD, TRILLION_USD, OKU_JPY,
                                             TRILLION_JPY, THOUSAND_JPY)}
_SCALES = {
    "": 1.0, "1": 1.0, "units": 1.0,
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "100 million": 1e8, "oku": 1e8, "1e8": 1e8,
    "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12,
}
_CURRENCY_WORDS = {"yen": "JPY", "dollars": "USD", "dollar": "USD", "euro": "EUR", "euros": "EUR"}


def parse_money_unit(text: str | MoneyUnit) -> MoneyUnit:
    """Parse a unit label such as ``"USD mn"``, ``"100 million yen"`` or ``"JPY trillion"``.

    Examples
    --------
    >>> parse_money_unit("USD mn")
    MoneyUnit(currency='USD', scale=1000000.0, label='USD mn')
    >>> parse_money_unit("EUR billion").scale
    1000000000.0
    >>> parse_money_unit("furlongs")
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: unit must be a currency and a scale such as 'USD mn', ...
    """
    if isinstance(text, MoneyUnit):
        return text
    if not isinstance(text, str):
        raise InputError(f"unit must be text such as 'USD mn'; got {text!r}")
    clean = " ".join(text.strip().split())
    if clean.lower() in _KNOWN_UNITS:
        return _KNOWN_UNITS[clean.lower()]
    words = clean.split(" ")
    currency: str | None = None
    rest: list[str] = []
    for w in words:
        lw = w.lower()
        if currency is None and (len(w) == 3 and w.isalpha() and w.isupper()):
            currency = w
        elif currency is None and lw in _CURRENCY_WORDS:
            currency = _CURRENCY_WORDS[lw]
        else:
            rest.append(lw)
    scale = _SCALES.get(" ".join(rest))
    if currency is None or scale is None:
        raise InputError(
            f"unit must be a currency and a scale such as 'USD mn', '100 million yen' or "
            f"'JPY trillion'; got {text!r}"
        )
    return MoneyUnit(currency, scale, clean)


def _date_label(name: str, value: Any) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        raise InputError(f"{name} must be an ISO date (YYYY-MM-DD) or month (YYYY-MM); got {value!r}")
    try:
        pd.Timestamp(text if len(text) == 10 else text + "-01")
    except ValueError:
        raise InputError(f"{name} is not a valid date; got {value!r}") from None
    return text


def date_timestamp(label: str) -> pd.Timestamp:
    """The date a label stands for: the day itself, or the last day of a month label."""
    if len(label) == 7:
        return pd.Timestamp(label + "-01") + pd.offsets.MonthEnd(0)
    return pd.Timestamp(label)


@dataclass(frozen=True)
class BalanceSheetItem:
    """One line of a balance sheet."""

    side: Side
    item: str
    category: str
    amount: float
    item_local: str = ""


@dataclass(frozen=True)
class BalanceSheet(Result):
    """A central bank's balance sheet at one date.

    Parameters
    ----------
    institution : str
        The central bank (used to look up stated policy targets in the catalogue).
    date : str
        ``YYYY-MM-DD`` or ``YYYY-MM`` (a month-end balance sheet).
    unit : MoneyUnit
        Currency and scale of every amount.
    items : tuple of BalanceSheetItem
        The lines; liabilities include capital.
    taxonomy : Taxonomy, optional
        Categories allowed on each side (default :func:`default_taxonomy`).
    tolerance : float, optional
        Largest allowed |assets - liabilities| in ``unit``; default half a unit per item
        (each published figure is rounded to the unit).

    Raises
    ------
    InputError
        Unknown side or category (naming the item), bad date.
    DataError
        A non-finite or negative amount (naming the item), an empty side.
    AccountingError
        Assets and liabilities differ by more than ``tolerance``.
    """

    institution: str
    date: str
    unit: MoneyUnit
    items: tuple[BalanceSheetItem, ...]
    taxonomy: Taxonomy = field(default_factory=default_taxonomy, repr=False)
    tolerance: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", _date_label("date", self.date))
        if not isinstance(self.unit, MoneyUnit):
            object.__setattr__(self, "unit", parse_money_unit(self.unit))
        where = f"balance sheet of {self.institution} on {self.date}"
        for it in self.items:
            if it.side not in SIDES:
                raise InputError(f"{where}: item {it.item!r} has side {it.side!r}; side must be "
                                 f"'asset' or 'liability'")
            try:
                self.taxonomy.get(it.side, it.category)
            except InputError as exc:
                raise InputError(f"{where}: item {it.item!r}: {exc}") from None
            if not (isinstance(it.amount, int | float) and math.isfinite(it.amount)):
                raise DataError(f"{where}: item {it.item!r} has amount {it.amount!r}; amounts "
                                f"must be finite numbers")
            if it.amount < 0:
                raise DataError(f"{where}: item {it.item!r} has negative amount {it.amount!r}; "
                                f"amounts must be >= 0")
        for side in SIDES:
            if not any(it.side == side for it in self.items):
                raise DataError(f"{where} has no {side} items")
        tol = 0.5 * len(self.items) if self.tolerance is None else float(self.tolerance)
        if not (math.isfinite(tol) and tol >= 0):
            raise InputError(f"tolerance must be a finite number >= 0; got {self.tolerance!r}")
        gap = self.total_assets - self.total_liabilities
        if abs(gap) > tol:
            raise AccountingError(
                f"{where} does not balance: assets {self.total_assets:,.6g} - liabilities "
                f"{self.total_liabilities:,.6g} = {gap:,.6g} {self.unit}, beyond the rounding "
                f"tolerance {tol:g} (pass tolerance= to allow more)"
            )

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_records(
        cls,
        institution: str,
        date: str,
        unit: MoneyUnit | str,
        records: Iterable[Sequence[Any]],
        *,
        taxonomy: Taxonomy | None = None,
        tolerance: float | None = None,
    ) -> BalanceSheet:
        """Build from ``(side, item, category, amount)`` tuples."""
        items = tuple(
            BalanceSheetItem(str(r[0]), str(r[1]), str(r[2]), parse_amount(str(r[1]), r[3]))  # type: ignore[arg-type]
            for r in records
        )
        return cls(institution, date, parse_money_unit(unit), items,
                   taxonomy or default_taxonomy(), tolerance)

    # -- totals -------------------------------------------------------------------------
    def _sum(self, side: Side) -> float:
        return float(sum(it.amount for it in self.items if it.side == side))

    @property
    def total_assets(self) -> float:
        return self._sum("asset")

    @property
    def total_liabilities(self) -> float:
        """Liabilities and capital."""
        return self._sum("liability")

    @property
    def timestamp(self) -> pd.Timestamp:
        """The date as a Timestamp (month labels stand for the month's last day)."""
        return date_timestamp(self.date)

    def by_category(self, side: Side) -> pd.Series:
        """Amounts summed by category (all categories of the taxonomy, zeros included)."""
        names = self.taxonomy.names(side)
        out = pd.Series(0.0, index=pd.Index(names, name="category"))
        for it in self.items:
            if it.side == side:
                out[it.category] += it.amount
        return out

    @property
    def monetary_liabilities(self) -> float:
        """Currency plus reserves: the liability categories marked ``monetary``."""
        return float(sum(it.amount for it in self.items if it.side == "liability"
                         and self.taxonomy.get("liability", it.category).monetary))

    @property
    def reserves(self) -> float:
        """Liabilities in category ``reserves``."""
        return float(sum(it.amount for it in self.items
                         if it.side == "liability" and it.category == "reserves"))

    # -- results interface --------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Columns: side, item, item_local, category, amount, share (percent of the side)."""
        frame = pd.DataFrame(
            {
                "side": [it.side for it in self.items],
                "item": [it.item for it in self.items],
                "item_local": [it.item_local for it in self.items],
                "category": [it.category for it in self.items],
                "amount": [float(it.amount) for it in self.items],
            }
        )
        totals = frame.groupby("side")["amount"].transform("sum")
        frame["share"] = frac_to_pct(frame["amount"] / totals)
        return frame

    def summary(self) -> Summary:
        s = Summary(f"Balance sheet of {self.institution}, {self.date} ({self.unit})")
        frame = self.to_frame()
        for side in SIDES:
            part = frame[frame["side"] == side].set_index("item")[["category", "amount", "share"]]
            s.add_table(part, "Assets" if side == "asset" else "Liabilities and capital", digits=1)
        s.add_note(f"Total assets {self.total_assets:,.0f}; monetary liabilities "
                   f"{self.monetary_liabilities:,.0f} {self.unit}. Shares in percent.")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "institution": self.institution,
            "date": self.date,
            "unit": self.unit.label,
            "currency": self.unit.currency,
            "total_assets": self.total_assets,
            "total_liabilities": self.total_liabilities,
            "monetary_liabilities": self.monetary_liabilities,
            "items": self.to_frame().to_dict(orient="records"),
        }


def parse_amount(item: str, value: Any) -> float:
    """An amount as printed in a table: ``1,000`` is 1000, ``-`` (or blank text) is zero."""
    if isinstance(value, str) and value.strip() in {"-", "－", ""}:
        return 0.0
    try:
        out = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise DataError(f"item {item!r} has amount {value!r}; amounts must be numbers") from None
    return out


@dataclass(frozen=True)
class SnapshotPair:
    """Two balance sheets of one institution, ``before`` and ``after``."""

    before: BalanceSheet
    after: BalanceSheet
    name: str = ""
