"""The one parser for ``KEY=VALUE`` and ``NAME=VALUE@PERIOD`` options.

The CLI (``monpol islm --set``, ``monpol exit --sell``, ``monpol rules forecast --value``,
``monpol islm simulate --shock``) and the dashboard read user assignments here, so a bad
item gives the same :class:`~monpol.core.errors.InputError` everywhere.

Examples
--------
>>> parse_assignments(["B_c=60, c_L=2.5", "theta=0.5"], option="--set", split_commas=True)
[('B_c', '60'), ('c_L', '2.5'), ('theta', '0.5')]
>>> parse_assignment("2025", option="--sell", hint="must look like YEAR=AMOUNT (e.g. 2025=20)")
Traceback (most recent call last):
...
monpol.core.errors.InputError: --sell must look like YEAR=AMOUNT (e.g. 2025=20); got '2025'
>>> parse_period_assignment("G=120@5-7")
PeriodAssignment(name='G', value='120', start=5, end=7)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from monpol.core.errors import InputError

__all__ = ["PeriodAssignment", "parse_assignment", "parse_assignments", "parse_period_assignment"]

_DEFAULT_HINT = "must look like NAME=VALUE"

_PERIOD_RE = re.compile(
    r"^\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>[^@]+?)\s*@\s*"
    r"(?P<start>\d+)\s*(?:-\s*(?P<end>\d+))?\s*$"
)
_PERIOD_HINT = (
    "must look like NAME=VALUE@PERIOD (permanent) or NAME=VALUE@START-END "
    "(START-START for one period), e.g. 'G=120@5'"
)


class PeriodAssignment(NamedTuple):
    """``NAME=VALUE@START`` (``end`` None) or ``NAME=VALUE@START-END``; value as text."""

    name: str
    value: str
    start: int
    end: int | None


def parse_assignment(item: str, *, option: str, hint: str = _DEFAULT_HINT) -> tuple[str, str]:
    """Split one ``KEY=VALUE`` item into stripped ``(key, value)`` (both non-empty).

    The error reads ``"<option> <hint>; got '<item>'"``.
    """
    if not isinstance(item, str):
        raise InputError(f"{option} {hint}; got {item!r}")
    key, sep, value = item.partition("=")
    key, value = key.strip(), value.strip()
    if not sep or not key or not value:
        raise InputError(f"{option} {hint}; got {item!r}")
    return key, value


def parse_assignments(items: Iterable[str], *, option: str, hint: str = _DEFAULT_HINT,
                      split_commas: bool = False) -> list[tuple[str, str]]:
    """Parse several items in order; with ``split_commas`` an item may hold ``A=1, B=2``."""
    out: list[tuple[str, str]] = []
    for chunk in items:
        parts = chunk.split(",") if split_commas and isinstance(chunk, str) else [chunk]
        for part in parts:
            if split_commas and not part.strip():
                continue
            out.append(parse_assignment(part.strip() if split_commas else part,
                                        option=option, hint=hint))
    return out


def parse_period_assignment(text: str, *, option: str = "shock",
                            hint: str = _PERIOD_HINT) -> PeriodAssignment:
    """Read ``NAME=VALUE@PERIOD`` or ``NAME=VALUE@START-END`` (periods are integers ≥ 0)."""
    m = _PERIOD_RE.match(text) if isinstance(text, str) else None
    if m is None:
        raise InputError(f"{option} {hint}; got {text!r}")
    end = m.group("end")
    return PeriodAssignment(m.group("name"), m.group("value"), int(m.group("start")),
                            int(end) if end is not None else None)
