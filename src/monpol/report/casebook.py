"""The casebook: every seed analysis reproduced on bundled data, as one report.

Areas register themselves. A case module ``monpol/report/cases/<area>.py`` holds a build
function decorated by :func:`register_area`; :func:`discover` imports every module of
:mod:`monpol.report.cases`, so nothing else changes when an area is added. The document
structure (sections, blocks) lives in :mod:`monpol.report.document`, the writers in
:mod:`monpol.report.render`::

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

import concurrent.futures
import datetime as dt
import importlib
import importlib.util
import multiprocessing
import os
import pkgutil
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from monpol.core.errors import InputError
from monpol.core.io import atomic_directory
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary
from monpol.core.validation import positive_int
from monpol.report.document import (
    Area,
    AreaOutcome,
    Block,
    BuildFunction,
    Comparison,
    Section,
    comparison_frame,
)

__all__ = [
    "Area",
    "AreaOutcome",
    "Block",
    "CasebookRun",
    "Comparison",
    "Section",
    "areas",
    "comparison_frame",
    "discover",
    "register_area",
    "run_casebook",
]


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
    """Import every case module ``monpol.report.cases.<area>``.

    A module that fails to import does not stop the others: it is registered as an area
    named after the module whose section fails with the import error, so that the run
    reports it by name.
    """
    import monpol.report.cases as cases

    for mod in pkgutil.iter_modules(cases.__path__):
        if mod.ispkg or mod.name.startswith("_"):
            continue
        target = f"monpol.report.cases.{mod.name}"
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


def _build_in_worker(name: str) -> dict[str, Any]:
    """Build one area in a worker process; returns plain picklable fields (no Area: its
    build function may be a closure)."""
    if name not in _AREAS.names():  # a spawned (not forked) worker starts with no registry
        discover()
    out = _build(_AREAS.get(name))
    return {"ok": out.ok, "seconds": out.seconds, "error": out.error,
            "traceback": out.traceback, "blocks": out.blocks}


MAX_JOBS = 64
"""Most worker processes :func:`run_casebook` starts."""


def default_jobs(n_areas: int) -> int:
    """Worker processes used when ``jobs`` is not given: one per CPU, at most one per area."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(n_areas, cpus or 1))


def _build_all(registered: Sequence[Area], jobs: int) -> tuple[AreaOutcome, ...]:
    """Build the areas, in ``jobs`` processes when ``jobs > 1``; outcomes in area order.

    Areas are independent (each reads bundled data and returns plain blocks), so building
    them in separate processes changes nothing in the output; a worker that dies is reported
    as that area's failure.
    """
    if jobs == 1 or len(registered) < 2:
        return tuple(_build(a) for a in registered)
    methods = multiprocessing.get_all_start_methods()
    # fork shares the already imported modules (pandas, matplotlib, the areas) with the
    # workers; elsewhere the default start method re-imports them in each worker
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    outcomes: list[AreaOutcome] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_build_in_worker, a.name) for a in registered]
        for area, future in zip(registered, futures, strict=True):
            try:
                fields = future.result()
            except Exception as exc:  # the worker process itself failed (killed, unpicklable)
                outcomes.append(AreaOutcome(area, False, 0.0,
                                            error=f"{type(exc).__name__}: {exc}",
                                            traceback=traceback.format_exc()))
                continue
            outcomes.append(AreaOutcome(area, **fields))
    return tuple(outcomes)


def run_casebook(
    output: str | Path = "casebook",
    *,
    only: Sequence[str] | None = None,
    overwrite: bool = False,
    jobs: int | None = None,
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
    jobs : int, optional
        Worker processes building areas side by side (default: one per CPU, at most one
        per area; 1 builds every area in this process). The output does not depend on it.

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
    jobs = (default_jobs(len(registered)) if jobs is None
            else positive_int("jobs", jobs, maximum=MAX_JOBS))
    out = Path(output)
    # casebook.md marks a directory as a casebook: only such a directory (or an empty one)
    # is replaced, so that --overwrite can never delete a user's unrelated files
    with atomic_directory(out, overwrite=overwrite, marker="casebook.md") as tmp:
        outcomes = _build_all(registered, jobs)
        files = write_casebook(tmp, outcomes, generated=dt.datetime.now(dt.UTC))
    return CasebookRun(out, outcomes, tuple(files))
