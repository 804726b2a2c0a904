"""The results family: what every analysis returns.

A result is immutable (a frozen dataclass or read-only properties) and offers

* ``summary()`` — a :class:`Summary` for people, also shown by ``str(result)`` and, in
  notebooks, by ``_repr_html_``;
* ``to_frame()`` — a tidy :class:`pandas.DataFrame` with fixed, documented columns;
* ``to_dict()`` — a JSON-ready mapping whose keys are part of the CLI contract.

Plots, where a result has one, are ``plot(ax=None) -> matplotlib.figure.Figure``.

Examples
--------
>>> import pandas as pd
>>> s = Summary("Example")
>>> s.add_items({"rate": 4.0, "rule": "taylor1993"}, title="Prescription")
>>> s.add_note("Rates in percent per year.")
>>> print(s.as_text())
Example
=======
Prescription
------------
rate    4.0000
rule    taylor1993
<BLANKLINE>
Notes: Rates in percent per year.
"""

from __future__ import annotations

import html
import math
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Result", "Summary", "SummaryTable", "format_number", "frame_to_markdown"]


def format_number(value: Any, digits: int = 4) -> str:
    """Format one cell: floats with ``digits`` decimals (thousands separated), NaN as blank."""
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return f"{int(value):,}" if abs(int(value)) >= 10_000 else str(int(value))
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return ""
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:,.{digits}f}" if abs(v) >= 10_000 else f"{v:.{digits}f}"
    return str(value)


def _formatted(frame: pd.DataFrame, digits: int) -> pd.DataFrame:
    out = frame.copy()
    out = out.astype(object)
    for col in out.columns:
        out[col] = [format_number(v, digits) for v in frame[col].tolist()]
    out.index = [format_number(v, digits) if not isinstance(v, str) else v for v in out.index]
    return out


def frame_to_markdown(frame: pd.DataFrame, *, digits: int = 4, index: bool = True) -> str:
    """Render a DataFrame as a GitHub-flavoured Markdown table (no extra dependency)."""
    shown = _formatted(frame, digits)
    header = ([str(frame.index.name or "")] if index else []) + [str(c) for c in shown.columns]
    rows = []
    for idx, row in zip(shown.index, shown.itertuples(index=False), strict=True):
        cells = ([str(idx)] if index else []) + [str(v) for v in row]
        rows.append(cells)

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    numeric = [False] * (1 if index else 0) + [
        pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns
    ]
    sep = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


@dataclass
class SummaryTable:
    """One table of a :class:`Summary`."""

    data: pd.DataFrame
    title: str = ""
    index: bool = True
    digits: int = 4

    def as_text(self) -> str:
        shown = _formatted(self.data, self.digits)
        body = shown.to_string(index=self.index)
        if not self.title:
            return body
        return f"{self.title}\n{'-' * len(self.title)}\n{body}"

    def as_markdown(self) -> str:
        body = frame_to_markdown(self.data, digits=self.digits, index=self.index)
        return f"**{self.title}**\n\n{body}" if self.title else body

    def as_html(self) -> str:
        shown = _formatted(self.data, self.digits)
        table = shown.to_html(index=self.index, classes="monpol-table", border=0, escape=True)
        cap = f"<h4>{html.escape(self.title)}</h4>" if self.title else ""
        return cap + table


@dataclass
class Summary:
    """Tables and notes describing a result, rendered as text, Markdown or HTML."""

    title: str
    tables: list[SummaryTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add_table(
        self, data: pd.DataFrame, title: str = "", *, index: bool = True, digits: int = 4
    ) -> None:
        """Append a table."""
        self.tables.append(SummaryTable(data, title, index, digits))

    def add_items(
        self, items: Mapping[str, Any], title: str = "", *, digits: int = 4
    ) -> None:
        """Append a two-column table of name/value pairs."""
        frame = pd.DataFrame({"value": pd.Series(list(items.values()), dtype=object)})
        frame.index = list(items.keys())
        table = SummaryTable(frame, title, True, digits)
        self.tables.append(table)

    def add_note(self, text: str) -> None:
        """Append a note printed below the tables."""
        self.notes.append(text)

    def as_text(self) -> str:
        parts = [f"{self.title}\n{'=' * len(self.title)}"]
        for t in self.tables:
            if list(t.data.columns) == ["value"]:
                # name/value tables print without the column header
                shown = _formatted(t.data, t.digits)
                width = max((len(str(k)) for k in shown.index), default=0)
                body = "\n".join(f"{k!s:<{width}}    {v}" for k, v in shown["value"].items())
                parts.append(f"{t.title}\n{'-' * len(t.title)}\n{body}" if t.title else body)
            else:
                parts.append(t.as_text())
        if self.notes:
            parts.append("\n" + "\n".join(f"Notes: {n}" if i == 0 else f"       {n}"
                                         for i, n in enumerate(self.notes)))
        return "\n".join(parts)

    def as_markdown(self) -> str:
        parts = [f"### {self.title}"]
        parts += [t.as_markdown() for t in self.tables]
        parts += [f"*{n}*" for n in self.notes]
        return "\n\n".join(parts)

    def as_html(self) -> str:
        parts = [f"<div class='monpol-summary'><h3>{html.escape(self.title)}</h3>"]
        parts += [t.as_html() for t in self.tables]
        parts += [f"<p><em>{html.escape(n)}</em></p>" for n in self.notes]
        parts.append("</div>")
        return "".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()


class Result(ABC):
    """Base of every result object.

    Subclasses implement :meth:`summary`, :meth:`to_frame` and :meth:`to_dict`; this base
    supplies ``__str__`` and ``_repr_html_`` from the summary.
    """

    @abstractmethod
    def summary(self) -> Summary:
        """A summary for people (tables and notes)."""

    @abstractmethod
    def to_frame(self) -> pd.DataFrame:
        """A tidy DataFrame with the documented columns."""

    @abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the CLI's ``--format json`` output)."""

    def __str__(self) -> str:
        return self.summary().as_text()

    def _repr_html_(self) -> str:
        return self.summary().as_html()
