"""A published figure beside the computed one: the casebook and the dashboard show both.

>>> Comparison("inflation response", 0.10, 0.0978, "pp per pp").difference
-0.0022000000000000075
>>> Comparison("verdict", "QE", "QE").difference
'same'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["Comparison", "comparison_frame"]


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
