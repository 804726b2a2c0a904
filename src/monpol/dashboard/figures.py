"""Plotly figures drawn from results' data (lines, fans, bars); no computation here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

__all__ = ["bar_figure", "fan_figure", "line_figure", "period_axis"]

_LAYOUT = {"template": "plotly_white", "height": 380, "margin": {"l": 60, "r": 20, "t": 50, "b": 40},
           "legend": {"orientation": "h", "y": -0.18}, "hovermode": "x unified"}


def period_axis(index: Any) -> list[Any]:
    """x values for an index: periods as timestamps, anything else as is."""
    if isinstance(index, pd.PeriodIndex):
        return list(index.to_timestamp())
    return list(index)


def _values(v: Any) -> list[Any]:
    return [None if pd.isna(x) else float(x) for x in list(v)]


def line_figure(x: Sequence[Any], series: Mapping[str, Any], *,
                highlight: Mapping[str, Any] | None = None, title: str = "",
                yaxis: str = "", xaxis: str = "") -> go.Figure:
    """One line per series; ``highlight`` series drawn thick and black on top."""
    fig = go.Figure()
    for name, values in series.items():
        fig.add_scatter(x=list(x), y=_values(values), mode="lines", name=str(name))
    for name, values in (highlight or {}).items():
        fig.add_scatter(x=list(x), y=_values(values), mode="lines", name=str(name),
                        line={"color": "black", "width": 3})
    fig.update_layout(title=title, yaxis_title=yaxis, xaxis_title=xaxis, **_LAYOUT)
    return fig


def fan_figure(x: Sequence[Any], bands: Sequence[tuple[str, Any, Any]], *, median: Any = None,
               lines: Mapping[str, Any] | None = None, title: str = "",
               yaxis: str = "") -> go.Figure:
    """Shaded bands ``(name, lower, upper)`` (outermost first), a median and extra lines."""
    fig = go.Figure()
    for i, (name, lower, upper) in enumerate(bands):
        alpha = 0.15 + 0.2 * i
        fig.add_scatter(x=list(x), y=_values(upper), mode="lines", line={"width": 0},
                        showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=list(x), y=_values(lower), mode="lines", line={"width": 0},
                        fill="tonexty", fillcolor=f"rgba(31,119,180,{alpha:.2f})", name=name)
    if median is not None:
        fig.add_scatter(x=list(x), y=_values(median), mode="lines", name="median",
                        line={"color": "rgb(31,119,180)", "width": 2})
    for name, values in (lines or {}).items():
        fig.add_scatter(x=list(x), y=_values(values), mode="lines", name=str(name),
                        line={"color": "black", "width": 2, "dash": "dash"})
    fig.update_layout(title=title, yaxis_title=yaxis, **_LAYOUT)
    return fig


def bar_figure(x: Sequence[Any], series: Mapping[str, Any], *, title: str = "",
               yaxis: str = "", barmode: str = "group") -> go.Figure:
    """Grouped (or stacked, relative) bars, one trace per series."""
    fig = go.Figure()
    for name, values in series.items():
        fig.add_bar(x=list(x), y=_values(values), name=str(name))
    fig.update_layout(title=title, yaxis_title=yaxis, barmode=barmode, **_LAYOUT)
    return fig
