"""Plot helpers; matplotlib is imported lazily, only when a plot is asked for.

Plots are drawn with matplotlib's object-oriented API on a :class:`~matplotlib.figure.Figure`
(no pyplot state), so they work headless and in reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["figure_axes"]


def figure_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (8.0, 4.5),
                **kwargs: Any) -> tuple[Figure, Axes]:
    """Return ``(figure, axes)``: the figure of ``ax`` or a new one with one axes."""
    if ax is not None:
        fig = ax.get_figure()
        assert fig is not None
        return fig, ax  # type: ignore[return-value]
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot(**kwargs)
