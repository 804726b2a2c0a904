"""Request objects: the validated input of an application call (CLI, dashboard, API).

A :class:`Request` is a frozen pydantic v2 model that forbids unknown fields. A value that
does not validate raises :class:`~monpol.core.errors.InputError` (not pydantic's
``ValidationError``) naming the field, echoing the value and saying what is allowed, so the
CLI and the dashboard show the same message.

Examples
--------
>>> from pydantic import Field
>>> class Demo(Request):
...     years: int = Field(10, ge=1, le=100, description="horizon in years")
>>> Demo(years=5).years
5
>>> Demo(years=0)
Traceback (most recent call last):
...
monpol.core.errors.InputError: years must be at least 1 (horizon in years); got 0
>>> Demo(yeers=5)
Traceback (most recent call last):
...
monpol.core.errors.InputError: yeers is not an option; allowed: years; got 5
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from monpol.core.errors import InputError

__all__ = ["ChoiceSource", "Request", "field_choices", "input_error_from"]


def path_text(value: Any) -> Any:
    """A path given as ``os.PathLike`` (e.g. ``pathlib.Path``) as its text; anything else as is
    (for ``mode="before"`` validators of file fields)."""
    return os.fspath(value) if isinstance(value, os.PathLike) else value


def _allowed(err: dict[str, Any]) -> str:
    """What is allowed, from a pydantic error entry (its ctx, else its message)."""
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    bounds = {"greater_than": "greater than {gt}", "greater_than_equal": "at least {ge}",
              "less_than": "less than {lt}", "less_than_equal": "at most {le}"}
    if kind in bounds:
        return "must be " + bounds[kind].format(**ctx)
    if kind in {"literal_error", "enum"} and "expected" in ctx:
        return f"must be one of {ctx['expected']}"
    if kind == "finite_number":
        return "must be a finite number"
    msg = str(err.get("msg", "is not allowed"))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg[0].lower() + msg[1:] if msg else "is not allowed"


def input_error_from(model: type[BaseModel], exc: ValidationError) -> InputError:
    """An :class:`InputError` for the first failing field of ``exc``."""
    err: dict[str, Any] = dict(exc.errors()[0])
    raised = (err.get("ctx") or {}).get("error")
    if isinstance(raised, InputError):
        # a field validator that used a shared validator (monpol.core.validation) already
        # wrote the message naming the field, the value and what is allowed: keep it as is
        return InputError(str(raised))
    field = ".".join(str(p) for p in err.get("loc", ())) or model.__name__
    value = err.get("input")
    if err.get("type") == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return InputError(f"{field} is not an option; allowed: {allowed}; got {value!r}")
    info = model.model_fields.get(str(err["loc"][0])) if err.get("loc") else None
    note = f" ({info.description})" if info is not None and info.description else ""
    more = len(exc.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return InputError(f"{field} {_allowed(err)}{note}; got {value!r}{tail}")


class Request(BaseModel):
    """Base of the per-area request objects (frozen, unknown fields refused)."""

    model_config: ClassVar[ConfigDict] = ConfigDict(frozen=True, extra="forbid",
                                                    allow_inf_nan=False)

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise input_error_from(type(self), exc) from None

    @classmethod
    def build(cls, data: dict[str, Any]) -> Request:
        """Validate a mapping (e.g. dashboard inputs) into a request."""
        return cls(**data)

    def replace(self, **changes: Any) -> Request:
        """A validated copy with some fields changed."""
        return type(self)(**{**self.model_dump(), **changes})


ChoiceSource = Callable[[], Iterable[str]]
"""A function giving the allowed names of a text field now (e.g. ``Registry.names``)."""


def field_choices(
    request: Any, field: Any, choices: Mapping[str, ChoiceSource] | None = None,
    special: Mapping[tuple[str, str], ChoiceSource] | None = None,
) -> list[str] | None:
    """The allowed names of a request field, read at call time (registries can grow), or None.

    ``special[(class name, field)]`` wins, then ``choices[field]`` (registry-backed text
    fields), then the values of a ``Literal`` annotation; other fields (free text, numbers)
    give None. Each area's ``api.field_choices`` passes its own tables.

    >>> class Demo(Request):
    ...     form: Literal["level", "first_difference"] = "level"
    >>> field_choices(Demo, "form")
    ['level', 'first_difference']
    >>> field_choices(Demo, "shape")
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: field must be a field of Demo (form); got 'shape'
    """
    if not (isinstance(request, type) and issubclass(request, Request)):
        raise InputError(f"request must be a request class (a monpol Request subclass); got "
                         f"{type(request).__name__} {request!r}"[:200])
    info = request.model_fields.get(field) if isinstance(field, str) else None
    if info is None:
        raise InputError(f"field must be a field of {request.__name__} "
                         f"({', '.join(request.model_fields)}); got {field!r}")
    source = (special or {}).get((request.__name__, field)) or (choices or {}).get(field)
    if source is not None:
        return [str(v) for v in source()]
    for arg in (info.annotation, *typing.get_args(info.annotation)):
        if typing.get_origin(arg) is Literal:
            return [str(v) for v in typing.get_args(arg)]
    return None

