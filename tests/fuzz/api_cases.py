"""Malformed API calls generated from each area's ``__all__``.

Every public callable of the area packages is called with bad values for its parameters:
each required parameter in turn gets a bad value while the others get the same bad value
(a call fails on the first it checks), and each keyword parameter with a default gets a bad
value while the required ones get a *neutral* bad value. Classes are called to construct
them. A call may raise a :class:`monpol.errors.MonpolError` (the contract), return, or warn;
a defect is any other exception, or a float result that is NaN/inf without a warning.

Limits of this harness: it does not build valid inputs for the other parameters, so an
optional parameter is checked only as far as a function validates it before its required
ones (most do: arguments are checked at the start).
"""

from __future__ import annotations

import importlib
import inspect
import math
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import MonpolError
from tests.fuzz.limits import CallTimeout, time_limit

AREAS = ("monpol.rules", "monpol.easing", "monpol.exit", "monpol.islm", "monpol.bonds",
         "monpol.events", "monpol.data", "monpol.sfc",
         # the application layer (requests in, results out) that the CLI, the casebook and
         # the dashboard call: its request classes are fuzzed too (they raise InputError)
         "monpol.rules.api", "monpol.easing.api", "monpol.exit.api", "monpol.islm.api",
         "monpol.bonds.api", "monpol.events.api", "monpol.sfc.api")
TIME_LIMIT = 10
SKIP = {
    # network clients: constructing them is fine, calling them would reach the network
    ("monpol.data", "fetch_fred"),
}

BAD_VALUES: list[tuple[str, Any]] = [
    ("None", None),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("-inf", float("-inf")),
    ("huge", 10**12),
    ("negative", -1),
    ("empty-str", ""),
    ("text", "abc"),
    ("complex", complex(1, 1)),
    ("empty-list", []),
    ("dict", {"a": 1}),
    ("object", object()),
    ("empty-frame", pd.DataFrame()),
    ("nan-array", np.array([np.nan, 1.0])),
    ("old-date", "0001-01-01"),
    ("bool", True),
]
VALUE_CLASSES = {"nan", "inf", "-inf", "huge", "negative", "empty-str", "text", "complex",
                 "old-date"}
"""The default profile: bad *values* of the right kind (what a user types); the large
profile adds wrong *types* (None, containers, frames, arbitrary objects)."""
NEUTRAL = ("text", "abc")


@dataclass(frozen=True)
class ApiOutcome:
    name: str
    param: str
    value: str
    kind: str     # "monpol-error", "returned", "non-monpol-exception", "nan-result", "timeout"
    detail: str


def _is_output_or_record(obj: Any) -> bool:
    """Result classes (built by the library, not by users) and pydantic record models
    (catalogue entries, dataset metadata: validated by pydantic, which raises its own
    ValidationError); both are covered by the large profile only."""
    from pydantic import BaseModel

    from monpol.core.requests import Request
    from monpol.core.results import Result

    return (isinstance(obj, type) and issubclass(obj, (Result, BaseModel))
            and not issubclass(obj, Request))


def public_callables(*, large: bool = False) -> Iterator[tuple[str, str, Callable[..., Any]]]:
    for mod_name in AREAS:
        mod = importlib.import_module(mod_name)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name, None)
            if not callable(obj) or (mod_name, name) in SKIP:
                continue
            if isinstance(obj, type) and issubclass(obj, BaseException):
                continue
            if not large and _is_output_or_record(obj):
                continue
            yield mod_name, name, obj


def _params(obj: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return []
    return [p for p in sig.parameters.values()
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"]


def _call(obj: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]) -> tuple[str, str]:
    try:
        with time_limit(TIME_LIMIT), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = obj(*args, **kwargs)
    except CallTimeout:
        return "timeout", ""
    except MonpolError as exc:
        return "monpol-error", type(exc).__name__
    except Exception as exc:   # classifying what escapes is the point of the harness
        return "non-monpol-exception", f"{type(exc).__name__}: {str(exc)[:160]}"
    if isinstance(out, float) and not math.isfinite(out) and not caught:
        return "nan-result", repr(out)
    return "returned", ""


def run_all(*, large: bool = False) -> list[ApiOutcome]:
    outcomes: list[ApiOutcome] = []
    values = BAD_VALUES if large else [v for v in BAD_VALUES if v[0] in VALUE_CLASSES]
    for mod_name, name, obj in public_callables(large=large):
        params = _params(obj)
        required = [p for p in params if p.default is p.empty]
        optional = [p for p in params if p.default is not p.empty]
        full = f"{mod_name}.{name}"
        for label, bad in values:
            # every required parameter bad
            args = [bad for p in required if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            kwargs = {p.name: bad for p in required if p.kind == p.KEYWORD_ONLY}
            kind, detail = _call(obj, args, kwargs)
            outcomes.append(ApiOutcome(full, "*required", label, kind, detail))
        for j, p in enumerate(optional):
            # default profile: a rotating window of four value classes per keyword parameter
            # (every class still reaches many parameters); large: all of them
            chosen = values if large else (values[j % len(values):] + values[:j % len(values)])[:4]
            for label, bad in chosen:
                args = [NEUTRAL[1] for q in required
                        if q.kind in (q.POSITIONAL_ONLY, q.POSITIONAL_OR_KEYWORD)]
                kwargs = {q.name: NEUTRAL[1] for q in required if q.kind == q.KEYWORD_ONLY}
                kwargs[p.name] = bad
                if not required:
                    kind, detail = _call(obj, [], {p.name: bad})
                else:
                    kind, detail = _call(obj, args, kwargs)
                outcomes.append(ApiOutcome(full, p.name, label, kind, detail))
    return outcomes
