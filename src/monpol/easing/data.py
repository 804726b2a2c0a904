"""Loaders: balance-sheet snapshots from the bundled datasets or CSV files, weekly H.4.1.

CSV format for balance sheets (long, one row per item and date; the format of the bundled
``fed-2007-2008`` and ``boj-2000-2005``)::

    date,institution,side,item,category,amount,unit
    2007-12-19,Federal Reserve,asset,Treasury bills held outright,government_short,257019,USD mn
    ...

``date``, ``side``, ``item``, ``category`` and ``amount`` are required; ``unit`` (a label
such as ``USD mn`` or ``100 million yen``) and ``institution`` may instead be passed as
arguments; ``item_local`` is optional.

Examples
--------
>>> pair = load_snapshots("fed-2007-2008")
>>> pair.before.date, pair.after.date, pair.after.unit.label
('2007-12-19', '2008-12-17', 'USD mn')
>>> pair.after.total_assets
2311893.0
>>> h41 = load_h41(start="2008-12-17", end="2008-12-17")
>>> float(h41.loc["2008-12-17", "TREAST"])
476138.0
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

import pandas as pd

from monpol import data as datasets
from monpol.core.errors import DataError, InputError
from monpol.core.units import MoneyUnit
from monpol.core.validation import date_like, path_arg, require_columns
from monpol.easing.model import (
    BalanceSheet,
    BalanceSheetItem,
    SnapshotPair,
    parse_amount,
    parse_money_unit,
)
from monpol.easing.taxonomy import Side, Taxonomy, default_taxonomy

__all__ = [
    "BALANCE_SHEET_DATASETS",
    "load_h41",
    "load_snapshots",
    "read_balance_sheet",
    "read_balance_sheets",
]

#: Bundled balance-sheet datasets (two snapshots each).
BALANCE_SHEET_DATASETS = ("fed-2007-2008", "boj-2000-2005")

_REQUIRED = ("date", "side", "item", "category", "amount")


def _frame_from(source: str | os.PathLike[str] | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        return source.copy(), "balance-sheet frame"
    path = Path(source)
    if not path.is_file():
        raise InputError(f"balance-sheet file {str(path)!r} does not exist")
    try:
        frame = pd.read_csv(path, dtype={"date": str}, comment="#")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataError(f"balance-sheet file {str(path)!r} is not a readable CSV: {exc}") from None
    return frame, f"balance-sheet file {str(path)!r}"


def _single(frame: pd.DataFrame, column: str, given: str | MoneyUnit | None, where: str) -> str | MoneyUnit:
    if given is not None:
        return given
    if column not in frame.columns:
        raise DataError(f"{where} has no {column!r} column; add it or pass {column}=")
    cells = frame[column].astype(str).str.strip().where(frame[column].notna())
    values = cells.dropna().unique().tolist()
    if len(values) != 1:
        first = values[0] if values else None
        odd = frame.loc[cells != first, "item"].astype(str).tolist() if first else []
        named = (f"; items {odd} differ from {first!r}" if odd
                 else "; the column is empty")
        raise DataError(f"{where}: column {column!r} must hold one value per date; got "
                        f"{values}{named}")
    return str(values[0])


def read_balance_sheets(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    unit: str | MoneyUnit | None = None,
    institution: str | None = None,
    taxonomy: Taxonomy | None = None,
    tolerance: float | None = None,
) -> dict[str, BalanceSheet]:
    """Read every balance sheet in a long CSV file (or frame), keyed by date, sorted.

    Raises
    ------
    InputError
        Missing file; unknown side or category (naming the item).
    DataError
        Missing columns, several units or institutions on one date, bad amounts.
    AccountingError
        A balance sheet that does not balance.
    """
    if not isinstance(source, pd.DataFrame):
        source = path_arg("source", source)
    frame, where = _frame_from(source)
    require_columns(frame, _REQUIRED, source=where)
    tax = taxonomy or default_taxonomy()
    frame["date"] = frame["date"].astype(str).str.strip()
    out: dict[str, BalanceSheet] = {}
    for date, part in frame.groupby("date", sort=True):
        label = f"{where} (date {date})"
        u = parse_money_unit(_single(part, "unit", unit, label))
        inst = str(_single(part, "institution", institution, label))
        items = []
        for rec in part.to_dict(orient="records"):
            if pd.isna(rec["amount"]):
                raise DataError(f"{label}: item {rec['item']!r} has no amount (blank cell); "
                                f"write 0 or '-' for none")
            try:  # the same parsing as BalanceSheet.from_records: '1,000' and '-' (zero)
                amount = parse_amount(str(rec["item"]), rec["amount"])
            except DataError as exc:
                raise DataError(f"{label}: {exc}") from None
            local = rec.get("item_local", "")
            items.append(BalanceSheetItem(cast(Side, str(rec["side"]).strip()), str(rec["item"]),
                                          str(rec["category"]).strip(), float(amount),
                                          "" if pd.isna(local) else str(local)))
        out[str(date)] = BalanceSheet(inst, str(date), u, tuple(items), tax, tolerance)
    if not out:
        raise DataError(f"{where} holds no rows")
    return out


def read_balance_sheet(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    date: str | None = None,
    unit: str | MoneyUnit | None = None,
    institution: str | None = None,
    taxonomy: Taxonomy | None = None,
    tolerance: float | None = None,
) -> BalanceSheet:
    """Read one balance sheet; ``date`` picks one when the file holds several."""
    if not isinstance(source, pd.DataFrame):
        source = path_arg("source", source)
    sheets = read_balance_sheets(source, unit=unit, institution=institution, taxonomy=taxonomy,
                                 tolerance=tolerance)
    if date is None:
        if len(sheets) > 1:
            raise InputError(f"the file holds balance sheets for {list(sheets)}; pass date= "
                             f"(CLI: --before-date/--after-date) to pick one")
        return next(iter(sheets.values()))
    if date not in sheets:
        raise InputError(f"date must be one of {list(sheets)}; got {date!r}")
    return sheets[date]


def load_snapshots(name: str, *, taxonomy: Taxonomy | None = None) -> SnapshotPair:
    """The two balance sheets of bundled dataset ``name`` (earlier one is ``before``)."""
    if name not in BALANCE_SHEET_DATASETS:
        listed = ", ".join(repr(n) for n in BALANCE_SHEET_DATASETS)
        raise InputError(f"dataset must be one of {listed}; got {name!r}")
    frame = datasets.load(name)
    sheets = read_balance_sheets(frame, taxonomy=taxonomy)
    dates = sorted(sheets)
    return SnapshotPair(sheets[dates[0]], sheets[dates[-1]], name)


def load_h41(*, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Weekly WALCL, TREAST (USD mn) and WRESBAL (USD bn) from ``us-h41-weekly``."""
    start = None if start is None else str(date_like("start", start).date())
    end = None if end is None else str(date_like("end", end).date())
    frame = datasets.load("us-h41-weekly")
    return frame.loc[start:end]
