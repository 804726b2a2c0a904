"""Casebook document structure: plain data, no rendering.

A :class:`Section` collects :class:`Block` objects (paragraph, table, figure, choices,
result summary, comparison-with-published rows). Figures are rendered to PNG once, when
added, and the same bytes are reused by the HTML and Markdown writers in
:mod:`monpol.report.render`. This module imports neither the registry nor the writers, so
the casebook and the renderer both depend on it and not on each other.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from monpol.core.comparison import Comparison, comparison_frame
from monpol.core.errors import InputError
from monpol.core.results import Result, Summary

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["Area", "AreaOutcome", "Block", "BuildFunction", "Comparison", "Section", "comparison_frame"]


@dataclass(frozen=True)
class Block:
    """One block of a section: plain data, rendered by :mod:`monpol.report.render`."""

    kind: str  # "text" | "table" | "figure" | "choices" | "summary"
    title: str = ""
    text: str = ""
    frame: pd.DataFrame | None = None
    name: str = ""
    png: bytes = b""
    digits: int = 4
    summary: Summary | None = None


class Section:
    """What an area writes into the casebook; passed to the area's build function."""

    def __init__(self, area: Area) -> None:
        self.area = area
        self.blocks: list[Block] = []
        self._names: set[str] = set()

    def _unique(self, name: str) -> str:
        clean = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-")
        if not clean:
            raise InputError(f"casebook names must contain letters or digits; got {name!r}")
        if clean in self._names:
            raise InputError(f"casebook name {clean!r} used twice in area {self.area.name!r}")
        self._names.add(clean)
        return clean

    def text(self, text: str, *, title: str = "") -> None:
        """A paragraph (Markdown-light: blank lines separate paragraphs, `code` allowed)."""
        self.blocks.append(Block("text", title=title, text=text.strip()))

    def table(self, frame: pd.DataFrame, *, name: str, title: str = "", digits: int = 4) -> None:
        """A table, also written to ``tables/<area>/<name>.csv``."""
        self.blocks.append(
            Block("table", title=title, frame=frame.copy(), name=self._unique(name), digits=digits)
        )

    def comparison(
        self, rows: Sequence[Comparison], *, name: str, title: str = "Published vs computed",
        digits: int = 4,
    ) -> pd.DataFrame:
        """The published figures beside the computed ones, with their difference."""
        frame = comparison_frame(rows)
        self.table(frame, name=name, title=title, digits=digits)
        return frame

    def figure(self, fig: Figure, *, name: str, caption: str = "") -> None:
        """A matplotlib figure, embedded in the HTML and saved as ``figures/<area>/<name>.png``."""
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
        self.blocks.append(Block("figure", title=caption, png=buf.getvalue(),
                                 name=self._unique(name)))

    def choices(self, choices: Mapping[str, Any], *, title: str = "Choices made") -> None:
        """The definitions, conventions and assumptions behind the numbers."""
        frame = pd.DataFrame({"choice": list(choices.keys()),
                              "value": [str(v) for v in choices.values()]})
        self.blocks.append(Block("choices", title=title, frame=frame))

    def result(self, result: Result, *, title: str = "") -> None:
        """A result's summary, as it prints."""
        self.blocks.append(Block("summary", title=title, summary=result.summary()))


BuildFunction = Callable[[Section], None]


@dataclass(frozen=True)
class Area:
    """A registered casebook area."""

    name: str
    title: str
    build: BuildFunction
    spec: str = ""
    seed: str = ""
    order: int = 100


@dataclass(frozen=True)
class AreaOutcome:
    """How one area's build went."""

    area: Area
    ok: bool
    seconds: float
    error: str = ""
    traceback: str = ""
    blocks: tuple[Block, ...] = ()
