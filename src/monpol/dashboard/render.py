"""Results and errors as Dash components.

Numbers are formatted with :func:`monpol.core.results.format_number`, the formatter of the
CLI's tables, so a cell shows what ``monpol ... --format table`` prints. Tables carry ids
(``<section>--summary-<i>``, ``<section>--published``, ``<section>--data``) for the browser
tests and for users' own scripts.
"""

from __future__ import annotations

import base64
import io
import logging
from collections.abc import Sequence
from typing import Any

import pandas as pd
from dash import dcc, html

from monpol.core.comparison import Comparison, comparison_frame
from monpol.core.errors import InputError, MonpolError
from monpol.core.results import Result, Summary, format_number, frame_to_markdown

__all__ = [
    "MAX_ROWS",
    "Published",
    "data_table",
    "error_box",
    "error_message",
    "frame_table",
    "graph",
    "matplotlib_image",
    "published_table",
    "summary_tables",
]

log = logging.getLogger("monpol.dashboard")

MAX_ROWS = 400   # rows of a table shown in the page (the CLI's --format csv has all)


Published = Comparison
"""A computed figure beside its published value (the seed's): item, published, computed,
unit, note (the source) — the casebook's :class:`~monpol.core.comparison.Comparison`."""


def error_message(exc: BaseException) -> str:
    """The message the CLI prints for ``exc`` (without its ``monpol: error:`` prefix)."""
    if isinstance(exc, InputError | MonpolError):
        return " ".join(str(exc).split())
    return (f"internal error ({type(exc).__name__}: {exc}); the server goes on; please "
            f"report it with the inputs")


def error_box(exc: BaseException, *, section_id: str) -> html.Div:
    """A visible error in place of the result; internal errors are also logged."""
    if not isinstance(exc, MonpolError):
        log.exception("dashboard callback of %s failed", section_id, exc_info=exc)
    kind = "input error" if isinstance(exc, InputError) else "error"
    return html.Div([html.Strong(f"{kind}: "), html.Span(error_message(exc),
                                                          id=f"{section_id}--error")],
                    className="monpol-error", role="alert")


def _cells(frame: pd.DataFrame, digits: int, index: bool) -> tuple[list[str], list[list[str]]]:
    head = ([str(frame.index.name or "")] if index else []) + [str(c) for c in frame.columns]
    rows = []
    for idx, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = [format_number(v, digits) for v in row]
        rows.append(([format_number(idx, digits)] if index else []) + cells)
    return head, rows


def frame_table(frame: pd.DataFrame, *, table_id: str, digits: int = 4, index: bool = False,
                max_rows: int = MAX_ROWS, caption: str = "") -> html.Div:
    """An HTML table of ``frame`` (at most ``max_rows`` rows; the rest counted)."""
    shown = frame.iloc[:max_rows]
    head, rows = _cells(shown, digits, index)
    table = html.Table(
        [html.Thead(html.Tr([html.Th(h) for h in head])),
         html.Tbody([html.Tr([html.Td(c) for c in r]) for r in rows])],
        id=table_id, className="monpol-table")
    parts: list[Any] = [html.Div(caption, className="monpol-caption")] if caption else []
    parts.append(table)
    if len(frame) > max_rows:
        parts.append(html.P(f"first {max_rows} of {len(frame):,} rows shown",
                            className="monpol-note"))
    return html.Div(parts, className="monpol-table-wrap")


def data_table(frame: pd.DataFrame, *, table_id: str, digits: int = 6,
               max_rows: int = MAX_ROWS) -> html.Div:
    """A result's ``to_frame()`` as one Markdown table (cheap in the browser: no component
    per cell), at most ``max_rows`` rows; cells formatted as in the CLI's tables."""
    shown = frame.iloc[:max_rows]
    parts: list[Any] = [dcc.Markdown(frame_to_markdown(shown, digits=digits, index=False),
                                     id=table_id, className="monpol-table")]
    if len(frame) > max_rows:
        parts.append(html.P(f"first {max_rows} of {len(frame):,} rows shown (all of them: the "
                            f"CLI's --format csv or the API)", className="monpol-note"))
    return html.Div(parts, className="monpol-table-wrap")


def summary_tables(summary: Summary, *, section_id: str) -> list[Any]:
    """The tables and notes of a result's summary."""
    out: list[Any] = []
    for i, t in enumerate(summary.tables):
        out.append(frame_table(t.data, table_id=f"{section_id}--summary-{i}", digits=t.digits,
                               index=t.index, caption=t.title))
    out += [html.P(n, className="monpol-note") for n in summary.notes]
    return out


def published_table(rows: Sequence[Published], *, section_id: str, digits: int = 4) -> html.Div:
    """Published vs computed, with the difference where both are numbers."""
    frame = comparison_frame(rows).rename(columns={"item": "quantity", "note": "source"})
    return frame_table(frame, table_id=f"{section_id}--published", digits=digits,
                       caption="Published (seed) vs computed")


def graph(figure: Any, *, graph_id: str) -> dcc.Graph:
    """An interactive plotly chart."""
    return dcc.Graph(id=graph_id, figure=figure, config={"displaylogo": False},
                     className="monpol-graph")


def matplotlib_image(result: Result, *, image_id: str) -> html.Img | None:
    """The result's own ``plot()`` as a PNG (for results without a plotly figure here)."""
    plot = getattr(result, "plot", None)
    if plot is None:
        return None
    fig = plot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return html.Img(id=image_id, src=f"data:image/png;base64,{data}", className="monpol-image")
