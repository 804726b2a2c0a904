"""How markets quote changes: yields in basis points, prices in percent, notes in 32nds.

A *kind* names the convention a series follows; it decides the unit in which every change
of the series is reported (a level change, a daily change, an abnormal change):

=================  ==========================  ==================================  ================
kind               levels                      change                              JSON key
=================  ==========================  ==================================  ================
``price``          prices, indices, FX rates   percent, ``100 (P1 / P0 - 1)``      ``change_pct``
``yield``          percent per year            basis points, ``100 (y1 - y0)``     ``change_bp``
``treasury_price`` price per 100 (decimal or   32nds of a point, ``32 (P1 - P0)``  ``change_32nds``
                   ``"100-13"``)
=================  ==========================  ==================================  ================

Prices must be positive; yields may be negative. Treasury prices are quoted in points and
32nds of a point: ``"100-13"`` is 100 + 13/32, ``"99-16+"`` adds half a 32nd and a third
digit counts eighths of a 32nd (``"99-162"`` is 99 + 16.25/32).

Examples
--------
>>> convention("yield").change(2.62, 2.46)
-16.0
>>> round(convention("price").change(76.735, 76.412), 4)
-0.4209
>>> parse_32nds("100-13"), format_32nds(100.40625)
(100.40625, '100-13')
>>> convention("treasury_price").change(parse_32nds("100-00"), parse_32nds("100-13"))
13.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np

from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.units import frac_to_pct, pct_to_bp, pct_to_frac

__all__ = [
    "CONVENTIONS",
    "Convention",
    "Kind",
    "convention",
    "format_32nds",
    "parse_32nds",
]

Kind = Literal["price", "yield", "treasury_price"]


def _pct(start: Any, end: Any) -> Any:
    # through a 1-d array: frac_to_pct rounds scalars to 12 decimals, which would cost
    # precision when changes are compounded (a change near -100% keeps all its digits)
    ratio = np.asarray(end / start - 1.0, dtype=float)
    out = frac_to_pct(ratio.reshape(-1)).reshape(ratio.shape)
    return out if out.ndim else float(out)


def _bp(start: Any, end: Any) -> Any:
    return pct_to_bp(end - start)


def _ticks(start: Any, end: Any) -> Any:
    return (end - start) * 32.0


@dataclass(frozen=True)
class Convention:
    """A quoting convention: how a change between two levels is measured and reported.

    Attributes
    ----------
    kind : str
        ``"price"``, ``"yield"`` or ``"treasury_price"``.
    unit : str
        Unit of changes (``"percent"``, ``"basis points"``, ``"32nds"``).
    key : str
        JSON key of the change (``change_pct``, ``change_bp``, ``change_32nds``).
    level_unit : str
        What the levels are.
    positive : bool
        Whether levels must be strictly positive.
    relative : bool
        Changes are relative (percent): they compound multiplicatively and are not rounded;
        otherwise they are differences, summed and rounded to 10 decimals.
    parse : callable or None
        Reads a level written as a quote (Treasury prices: ``"100-13"``); None: a number.
    quote : callable or None
        Writes a level as a quote (``format_32nds``), shown beside the decimal level.

    A new convention is a registry entry: ``CONVENTIONS.add(name, Convention(...))``.
    """

    kind: str
    unit: str
    key: str
    level_unit: str
    positive: bool
    _func: Callable[[Any, Any], Any]
    relative: bool = False
    parse: Callable[[Any], float] | None = None
    quote: Callable[[float], str] | None = None

    def level(self, value: Any) -> float:
        """A level as a number (a quote read with :attr:`parse`)."""
        return self.parse(value) if self.parse is not None else float(value)

    @property
    def suffix(self) -> str:
        """The unit suffix of JSON keys: ``pct``, ``bp`` or ``32nds``."""
        return self.key.removeprefix("change_")

    @overload
    def change(self, start: float, end: float) -> float: ...

    @overload
    def change(self, start: np.ndarray, end: np.ndarray) -> np.ndarray: ...

    def change(self, start: float | np.ndarray, end: float | np.ndarray) -> float | np.ndarray:
        """Change from level ``start`` to level ``end`` in this convention's unit.

        Works elementwise on arrays. Differences (basis points, 32nds) are rounded to 10
        decimals so that ``2.62 -> 2.46`` gives exactly ``-16.0`` basis points, not binary
        noise; percent changes are not rounded.
        """
        out = self._func(start, end)
        if isinstance(out, np.ndarray):
            return out if self.relative else np.round(out, 10)
        return float(out) if self.relative else round(float(out), 10)

    def compound(self, changes: np.ndarray) -> float:
        """Total of consecutive changes: a product for percent changes, a sum otherwise."""
        if self.relative:
            return frac_to_pct(float(np.prod(1.0 + pct_to_frac(np.asarray(changes))) - 1.0))
        return float(np.sum(changes))


CONVENTIONS: Registry[Convention] = Registry("kind")


def _register() -> None:
    # after parse_32nds and format_32nds are defined (below)
    CONVENTIONS.add("price", Convention("price", "percent", "change_pct",
                                        "price, index or exchange rate", True, _pct,
                                        relative=True))
    CONVENTIONS.add("yield", Convention("yield", "basis points", "change_bp",
                                        "percent per year", False, _bp))
    CONVENTIONS.add("treasury_price", Convention("treasury_price", "32nds", "change_32nds",
                                                 "points per 100 of face value", True, _ticks,
                                                 parse=parse_32nds, quote=format_32nds))


def convention(kind: str) -> Convention:
    """The convention named ``kind``; unknown names raise an error listing the valid ones."""
    return CONVENTIONS.get(kind)


_QUOTE = re.compile(r"^\s*(\d+)\s*-\s*(\d{1,2})(\+|[0-7])?\s*$")


def parse_32nds(text: str | float) -> float:
    """A Treasury price quote in points and 32nds as a decimal price.

    ``"100-13"`` → 100.40625; ``"99-16+"`` → 99.515625; ``"99-162"`` → 99 + 16.25/32.
    Plain decimals (``"100.40625"`` or a float) are returned as floats.

    Raises
    ------
    InputError
        If the text is neither a quote in 32nds nor a number, or the 32nds are not
        below 32.
    """
    if isinstance(text, int | float) and not isinstance(text, bool):
        if not math.isfinite(float(text)):
            raise InputError(f"a Treasury price must be a finite number; got {text!r}")
        return float(text)
    if not isinstance(text, str):
        raise InputError(f"a Treasury price must be a quote like '100-13' or a number; got {text!r}")
    m = _QUOTE.match(text)
    if m is None:
        try:
            out = float(text)
        except ValueError:
            out = math.nan
        if not math.isfinite(out):
            raise InputError(
                f"a Treasury price must be a quote like '100-13', '99-16+' or '99-162' "
                f"(points-32nds[eighths]) or a decimal number; got {text!r}"
            )
        return out
    points, ticks, extra = int(m.group(1)), int(m.group(2)), m.group(3)
    if ticks >= 32:
        raise InputError(f"the 32nds of a Treasury price must be below 32; got {text!r}")
    eighths = 4 if extra == "+" else int(extra) if extra else 0
    return points + (ticks + eighths / 8.0) / 32.0


def format_32nds(price: float) -> str:
    """A decimal price as a quote in 32nds, to the nearest eighth of a 32nd.

    Halves are written ``+``, other eighths as a third digit: 99.515625 → ``"99-16+"``.
    """
    if not (isinstance(price, int | float) and math.isfinite(price) and price >= 0):
        raise InputError(f"price must be a finite number >= 0; got {price!r}")
    units = round(price * 256)  # eighths of a 32nd
    points, rest = divmod(units, 256)
    ticks, eighths = divmod(rest, 8)
    suffix = "" if eighths == 0 else "+" if eighths == 4 else str(eighths)
    return f"{points}-{ticks:02d}{suffix}"


_register()
