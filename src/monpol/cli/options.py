"""Options and output shared by every command, defined once.

``@output_options`` adds ``--format table|csv|json``, ``--output PATH`` and
``--overwrite`` to a command and passes an :class:`OutputOptions` as ``out``. Commands hand
their result to :func:`emit_result` (or :func:`emit`), which renders it in the chosen format
and writes it to stdout or, atomically, to ``--output``.

Format contract: ``json`` prints exactly one JSON value; ``csv`` prints the result's tidy
frame (``to_frame()``); ``table`` prints the summary for people.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import click
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.io import atomic_write_text, check_output_path, dumps_json
from monpol.core.results import Result
from monpol.core.validation import date_like, finite_float

__all__ = ["DATE", "FINITE", "DateText", "FiniteFloat", "FiniteRange", "OutputOptions", "emit",
           "emit_result", "output_options"]

F = TypeVar("F", bound=Callable[..., Any])
Format = Literal["table", "csv", "json"]


class FiniteFloat(click.ParamType):  # type: ignore[type-arg]
    """A float that must be finite (``nan`` and ``inf`` are usage errors)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            return finite_float(param.name if param else "value", value)
        except InputError:
            self.fail(f"{value!r} is not a finite number", param, ctx)


FINITE = FiniteFloat()


class FiniteRange(click.ParamType):  # type: ignore[type-arg]
    """A finite float in a range (``nan``/``inf`` and values outside are usage errors).

    ``min_open``/``max_open`` exclude the bound itself (e.g. a gap of more than 0 days).
    """

    name = "number"

    def __init__(self, min: float | None = None, max: float | None = None, *,
                 min_open: bool = False, max_open: bool = False) -> None:
        self.min, self.max, self.min_open, self.max_open = min, max, min_open, max_open

    def _allowed(self) -> str:
        lo = "" if self.min is None else f"{'>' if self.min_open else '>='} {self.min:g}"
        hi = "" if self.max is None else f"{'<' if self.max_open else '<='} {self.max:g}"
        return " and ".join(p for p in (lo, hi) if p)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            out = finite_float(param.name if param else "value", value)
        except InputError:
            self.fail(f"{value!r} is not a finite number ({self._allowed()})", param, ctx)
        if not self._inside(out):
            self.fail(f"{value!r} is not allowed: must be {self._allowed()}", param, ctx)
        return out

    def _inside(self, x: float) -> bool:
        if self.min is not None and (x < self.min or (self.min_open and x == self.min)):
            return False
        return not (self.max is not None and (x > self.max or (self.max_open and x == self.max)))


class DateText(click.ParamType):  # type: ignore[type-arg]
    """A date (``YYYY-MM-DD``, also ``2000Q1``, ``2010-11``) checked at parse time.

    Returns the text as given (stripped), so commands keep their own parsing, but only
    after :func:`monpol.core.validation.date_like` accepted it: impossible dates, empty
    strings and dates outside 1700-01-01 .. 2200-12-31 are usage errors (exit status 2).
    """

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            date_like(param.name if param else "date", value)
        except InputError as exc:
            self.fail(str(exc), param, ctx)
        return value.strip()


DATE = DateText()


@dataclass(frozen=True)
class OutputOptions:
    """What ``--format``, ``--output`` and ``--overwrite`` asked for."""

    format: Format = "table"
    output: Path | None = None
    overwrite: bool = False


def output_options(func: F) -> F:
    """Decorator adding the shared output options; the command receives ``out``."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default="table",
        show_default=True,
        help="table: for people; csv: the tidy frame; json: one JSON value.",
    )
    @click.option(
        "--output",
        "output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to this file (atomically) instead of stdout.",
    )
    @click.option("--overwrite", is_flag=True, help="Allow --output to replace an existing file.")
    @functools.wraps(func)
    def wrapper(*args: Any, fmt: Format, output: Path | None, overwrite: bool, **kwargs: Any) -> Any:
        out = OutputOptions(fmt, output, overwrite)
        if output is not None:
            check_output_path(output, overwrite=overwrite)  # fail before any work is done
        return func(*args, out=out, **kwargs)

    return wrapper  # type: ignore[return-value]


def emit(
    out: OutputOptions,
    *,
    data: Any,
    frame: pd.DataFrame | None = None,
    text: str | None = None,
) -> None:
    """Render ``data`` (json), ``frame`` (csv) or ``text`` (table) and write it."""
    if out.format == "json":
        rendered = dumps_json(data) + "\n"
    elif out.format == "csv":
        if frame is None:
            raise InputError("--format csv is not available for this command; use table or json")
        keep_index = not isinstance(frame.index, pd.RangeIndex)
        rendered = frame.to_csv(index=keep_index, lineterminator="\n")
    else:
        rendered = (text if text is not None else dumps_json(data)).rstrip("\n") + "\n"
    if out.output is None:
        click.echo(rendered, nl=False)
    else:
        atomic_write_text(out.output, rendered, overwrite=out.overwrite)
        click.echo(f"wrote {out.output}", err=True)


def emit_result(out: OutputOptions, result: Result) -> None:
    """Emit a result object: ``to_dict()`` as json, ``to_frame()`` as csv, summary as table."""
    emit(out, data=result.to_dict(), frame=result.to_frame(), text=str(result))
