"""Pages and their sections: what a page shows, declared as data.

A :class:`Page` is a path, a title and sections. A :class:`Section` names one entry of an
area's application layer, ``monpol.<area>.api.REQUESTS[name] = (RequestClass, run)``: its
form is generated from the request class (:mod:`monpol.dashboard.forms`) and its output is
the result's summary tables, the section's plotly figures, its published-vs-computed rows
and the result's tidy frame. A section computes nothing itself: figures and published rows
are read from the result. A section whose api entry does not exist (yet) is shown as
unavailable, naming what is missing.

The page modules live in :mod:`monpol.dashboard.pages`, one per page, each exposing
``PAGE``; :func:`discover_pages` imports them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from monpol.core.errors import InputError
from monpol.dashboard.render import Published

__all__ = ["ApiEntry", "Page", "Section", "discover_pages", "resolve"]

_ID = re.compile(r"^[a-z][a-z0-9-]*$")

Figures = Callable[[Any, Any], Sequence[Any]]       # (result, request) -> plotly figures
PublishedRows = Callable[[Any, Any], Sequence[Published]]
Tables = Callable[[Any, Any], Sequence[tuple[str, Any]]]   # -> [(title, DataFrame)]


@dataclass(frozen=True)
class ApiEntry:
    """A resolved ``REQUESTS`` entry, or why it is missing."""

    request: type[Any] | None
    run: Callable[[Any], Any] | None
    missing: str = ""
    choices: Mapping[str, Sequence[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """One form and its result on a page.

    Parameters
    ----------
    key
        Id of the section (``[a-z][a-z0-9-]*``), unique in its page.
    title, intro
        Heading and a sentence saying what the section shows.
    api, request
        The module (``monpol.rules.api``) and the key of its ``REQUESTS``.
    exclude, defaults, fixed, limits
        Passed to :class:`~monpol.dashboard.forms.Form`.
    choices
        Registry-backed text fields become choices from the api's ``field_choices(request,
        field)`` by themselves; this adds or overrides:
        ``{field: "name"}`` or ``{field: "name:key"}``: a function of the api module
        returning the allowed values, or a mapping (its keys) or sequence of the api module;
        items that are mappings give their ``key`` (e.g. ``{"rule": "list_rules:rule"}``).
        The form shows a choice instead of a text box; without that name in the api, the
        text box stays.
    primary
        Fields shown first; the others go under "More inputs" (collapsed). Empty: all shown.
    free_text
        Fields kept as text boxes although the api lists names for them (a field that also
        takes other forms, e.g. an event window ``-1:3``).
    more
        False: only the ``primary`` fields are shown (the others keep the request's
        defaults), for a section that repeats a long form shown elsewhere on the page.
    figures
        ``(result, request) -> [plotly figures]`` drawn from the result's data.
    published
        ``(result, request) -> [Published]``: the seed's figures beside the computed ones,
        both read from the result.
    tables
        ``(result, request) -> [(title, DataFrame)]``: more of the result's tables (e.g. a
        balance-sheet matrix), shown after the figures.
    frame
        Show the result's ``to_frame()`` (collapsed).
    """

    key: str
    title: str
    api: str
    request: str
    intro: str = ""
    exclude: Sequence[str] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    limits: Mapping[str, float] = field(default_factory=dict)
    choices: Mapping[str, str] = field(default_factory=dict)
    primary: Sequence[str] = ()
    more: bool = True
    free_text: Sequence[str] = ()
    figures: Figures | None = None
    published: PublishedRows | None = None
    tables: Tables | None = None
    frame: bool = True
    image: bool = False

    def __post_init__(self) -> None:
        if not _ID.match(self.key):
            raise InputError(f"section key must match [a-z][a-z0-9-]*; got {self.key!r}")


@dataclass(frozen=True)
class Page:
    """A page of the dashboard at ``/<key>``."""

    key: str
    title: str
    intro: str
    sections: tuple[Section, ...]
    order: int = 100

    def __post_init__(self) -> None:
        if not _ID.match(self.key):
            raise InputError(f"page key must match [a-z][a-z0-9-]*; got {self.key!r}")
        keys = [s.key for s in self.sections]
        if len(set(keys)) != len(keys):
            raise InputError(f"page {self.key}: section keys repeat: {keys}")

    @property
    def path(self) -> str:
        return f"/{self.key}"

    def section_id(self, section: Section) -> str:
        return f"{self.key}-{section.key}"


def resolve(section: Section) -> ApiEntry:
    """The request class and run function of ``section`` from its api module."""
    try:
        module = importlib.import_module(section.api)
    except ModuleNotFoundError as exc:
        if exc.name is not None and section.api.startswith(exc.name):
            return ApiEntry(None, None, f"{section.api} does not exist yet")
        raise
    requests = getattr(module, "REQUESTS", None)
    if not isinstance(requests, Mapping) or section.request not in requests:
        names = ", ".join(sorted(requests)) if isinstance(requests, Mapping) else "no REQUESTS"
        return ApiEntry(None, None, f"{section.api}.REQUESTS has no {section.request!r} "
                                    f"(it has: {names or 'nothing'})")
    request, run = requests[section.request]
    choices: dict[str, Sequence[Any]] = {k: v for k, v in _api_choices(module, request).items()
                                         if k not in section.free_text}
    for name, spec in section.choices.items():
        attr, _, key = spec.partition(":")
        values = getattr(module, attr, None)
        if values is None:      # not (or no longer) offered by the api: a text box instead
            continue
        if callable(values):
            values = values()
        if isinstance(values, Mapping):
            values = list(values)
        choices[name] = [v[key] if key else v for v in values]
    return ApiEntry(request, run, choices=choices)


def _api_choices(module: Any, request: type[Any]) -> dict[str, list[str]]:
    """Names of registry-backed text fields from the api's ``field_choices(request, field)``
    (the contract of the application layer; read when the app is built)."""
    from monpol.dashboard.forms import request_fields

    lookup = getattr(module, "field_choices", None)
    if not callable(lookup):
        return {}
    out: dict[str, list[str]] = {}
    for spec in request_fields(request):
        if len(spec.path) != 1 or spec.kind not in ("text", "list") or spec.item_numeric:
            continue
        try:
            names = lookup(request, spec.name)
        except Exception:   # a field the api does not describe: the text box stays
            continue
        if names:
            out[spec.name] = list(names)
    return out


def discover_pages() -> list[Page]:
    """Every ``PAGE`` of the modules of :mod:`monpol.dashboard.pages`, by ``order``."""
    import monpol.dashboard.pages as pkg

    pages = []
    for mod in pkgutil.iter_modules(pkg.__path__):
        if mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"{pkg.__name__}.{mod.name}")
        page = getattr(module, "PAGE", None)
        if isinstance(page, Page):
            pages.append(page)
    return sorted(pages, key=lambda p: (p.order, p.key))
