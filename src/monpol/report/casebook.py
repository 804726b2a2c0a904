"""The casebook: every seed analysis reproduced on bundled data, as one report.

Areas register themselves. A domain package adds a module ``monpol/<area>/casebook.py``
with a build function decorated by :func:`register_area`; :func:`discover` imports every
such module, so the core never changes when an area is added::

    from monpol.report import Section, register_area

    @register_area("rules", title="Policy rules and reaction functions",
                   spec="01-policy-rules.md", seed="004_e2199bb23b749225.txt", order=10)
    def build(section: Section) -> None:
        section.text("What the seed did and what we computed.")
        section.comparison([Comparison("inflation coefficient", 0.10, 0.0978)],
                           name="china", title="Published vs computed")
        section.figure(result.plot(), name="fit", caption="Fitted vs actual")
        section.choices({"rate definition": "end of quarter"})

:func:`run_casebook` builds every area (or ``only`` some), each in isolation: a failing
area is reported with its error and the others still run. It writes a self-contained
``index.html`` (images embedded), ``casebook.md`` with ``figures/`` and a CSV file for every
table under ``tables/``. The returned :class:`CasebookRun` says which areas failed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import io
import math
import pkgutil
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from monpol.core.errors import InputError
from monpol.core.io import atomic_directory
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "Area",
    "AreaOutcome",
    "CasebookRun",
    "Comparison",
    "Section",
    "areas",
    "discover",
    "register_area",
    "run_casebook",
]


@dataclass(frozen=True)
class Comparison:
    """One published figure beside the computed one.

    ``difference`` is ``computed - published`` when both are numbers; otherwise the
    comparison is ``"same"`` or ``"differs"``.
    """

    item: str
    published: float | str | None
    computed: float | str | None
    unit: str = ""
    note: str = ""

    @property
    def difference(self) -> float | str | None:
        p, c = self.published, self.computed
        if p is None or c is None:
            return None
        if isinstance(p, int | float) and isinstance(c, int | float) and not isinstance(
            p, bool
        ) and not isinstance(c, bool):
            if isinstance(p, int) and isinstance(c, int):
                return c - p  # years, counts: keep integers
            if math.isnan(float(p)) or math.isnan(float(c)):
                return None
            return float(c) - float(p)
        return "same" if str(p) == str(c) else "differs"


def comparison_frame(rows: Sequence[Comparison]) -> pd.DataFrame:
    """Tidy table of comparisons: item, published, computed, difference, unit, note."""
    return pd.DataFrame(
        {
            "item": [r.item for r in rows],
            "published": pd.Series([r.published for r in rows], dtype=object),
            "computed": pd.Series([r.computed for r in rows], dtype=object),
            "difference": pd.Series([r.difference for r in rows], dtype=object),
            "unit": [r.unit for r in rows],
            "note": [r.note for r in rows],
        }
    )


@dataclass
class Block:
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


_AREAS: Registry[Area] = Registry("area")


def register_area(
    name: str, *, title: str, spec: str = "", seed: str = "", order: int = 100
) -> Callable[[BuildFunction], BuildFunction]:
    """Decorator registering an area's build function under ``name``."""

    def deco(func: BuildFunction) -> BuildFunction:
        _AREAS.add(name, Area(name, title, func, spec, seed, order))
        return func

    return deco


def _failed_import(target: str, exc: BaseException) -> BuildFunction:
    def build(section: Section) -> None:
        raise exc

    build.__doc__ = f"{target} could not be imported"
    return build


def discover() -> None:
    """Import ``monpol.<pkg>.casebook`` for every monpol subpackage that has one.

    A module that fails to import does not stop the others: it is registered as an area
    named after its package whose section fails with the import error, so that the run
    reports it by name.
    """
    import monpol

    for mod in pkgutil.iter_modules(monpol.__path__):
        if not mod.ispkg or mod.name in {"report", "cli", "core", "data"}:
            continue
        target = f"monpol.{mod.name}.casebook"
        try:
            if importlib.util.find_spec(target) is not None:
                importlib.import_module(target)
        except Exception as exc:
            if mod.name not in _AREAS:
                _AREAS.add(mod.name, Area(mod.name, f"{mod.name} (casebook module failed to "
                                          f"import)", _failed_import(target, exc), order=1000))


def areas() -> list[Area]:
    """Registered areas in report order."""
    discover()
    return sorted((_AREAS.get(n) for n in _AREAS.names()), key=lambda a: (a.order, a.name))


@dataclass(frozen=True)
class AreaOutcome:
    """How one area's build went."""

    area: Area
    ok: bool
    seconds: float
    error: str = ""
    traceback: str = ""
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class CasebookRun(Result):
    """The outcome of :func:`run_casebook`: where it was written and how each area went."""

    output: Path
    outcomes: tuple[AreaOutcome, ...]
    files: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def failed(self) -> list[str]:
        return [o.area.name for o in self.outcomes if not o.ok]

    def to_frame(self) -> pd.DataFrame:
        """Columns: area, title, status (ok/failed), seconds, error."""
        return pd.DataFrame(
            {
                "area": [o.area.name for o in self.outcomes],
                "title": [o.area.title for o in self.outcomes],
                "status": ["ok" if o.ok else "failed" for o in self.outcomes],
                "seconds": [round(o.seconds, 2) for o in self.outcomes],
                "error": [o.error for o in self.outcomes],
            }
        )

    def summary(self) -> Summary:
        s = Summary(f"Casebook written to {self.output}")
        s.add_table(self.to_frame().set_index("area"), digits=2)
        if self.failed:
            s.add_note(f"FAILED: {', '.join(self.failed)}")
        s.add_note(f"Open {self.output / 'index.html'} in a browser.")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": str(self.output),
            "ok": self.ok,
            "failed": self.failed,
            "areas": self.to_frame().to_dict(orient="records"),
            "files": list(self.files),
        }


def _build(area: Area) -> AreaOutcome:
    section = Section(area)
    start = time.perf_counter()
    try:
        area.build(section)
    except Exception as exc:
        return AreaOutcome(
            area, False, time.perf_counter() - start,
            error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(),
            blocks=tuple(section.blocks),
        )
    return AreaOutcome(area, True, time.perf_counter() - start, blocks=tuple(section.blocks))


def run_casebook(
    output: str | Path = "casebook",
    *,
    only: Sequence[str] | None = None,
    overwrite: bool = False,
) -> CasebookRun:
    """Build the casebook into directory ``output``.

    Parameters
    ----------
    output : path
        Directory to write. An existing non-empty directory is replaced only with
        ``overwrite=True`` and only if it is a casebook (holds ``casebook.md``); the new one
        is built aside and moved into place at the end.
    only : list of str, optional
        Area names to build (default: all registered areas).
    overwrite : bool
        Allow replacing an existing ``output``.

    Returns
    -------
    CasebookRun
        Per-area status; ``run.ok`` is false if any area failed.
    """
    from monpol.report.render import write_casebook

    registered = areas()
    if only:
        valid = [a.name for a in registered]
        for name in only:
            if name not in valid:
                raise InputError(
                    f"only must name registered areas ({', '.join(map(repr, valid))}); "
                    f"got {name!r}"
                )
        registered = [a for a in registered if a.name in set(only)]
    out = Path(output)
    # casebook.md marks a directory as a casebook: only such a directory (or an empty one)
    # is replaced, so that --overwrite can never delete a user's unrelated files
    with atomic_directory(out, overwrite=overwrite, marker="casebook.md") as tmp:
        outcomes = tuple(_build(a) for a in registered)
        files = write_casebook(tmp, outcomes, generated=dt.datetime.now(dt.UTC))
    return CasebookRun(out, outcomes, tuple(files))
