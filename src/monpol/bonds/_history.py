"""'Lowest since …' / 'highest since …': the most recent earlier value at least as extreme.

The press reports an auction's bid-to-cover as "the lowest since August 2012" when the most
recent earlier auction (of the same kind) with a bid-to-cover at or below today's took place
in August 2012; a yield is "the highest since 2008" in the same sense. This module finds, for
every observation of a sequence, the index of that earlier observation, in one pass with a
monotonic stack (the classic "previous smaller-or-equal element" algorithm, O(n)).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

__all__ = ["Extreme", "previous_as_extreme"]

Extreme = Literal["low", "high"]

#: returned for an observation with no earlier value at least as extreme
NONE_EARLIER = -1
#: returned for a missing (NaN) observation
MISSING = -2


def previous_as_extreme(values: np.ndarray, extreme: Extreme) -> np.ndarray:
    """Index of the most recent earlier value at least as extreme as each value.

    Parameters
    ----------
    values : 1-d array of float
        Observations in time order. NaN observations are skipped (they are never an
        answer and get :data:`MISSING`).
    extreme : {"low", "high"}
        ``"low"``: find the latest earlier ``j`` with ``values[j] <= values[i]`` (for
        "lowest since"); ``"high"``: with ``values[j] >= values[i]`` ("highest since").

    Returns
    -------
    numpy.ndarray of int
        ``j`` for each ``i``; :data:`NONE_EARLIER` (-1) when no earlier value is as extreme
        (a record in the loaded history), :data:`MISSING` (-2) for NaN observations.

    Notes
    -----
    The stack holds the candidates: earlier indices not yet superseded by a later value at
    least as extreme. For each new value the candidates strictly less extreme are popped
    (the new value is more extreme and more recent, so they can never be an answer again);
    the top, if any, is the answer. Each index is pushed and popped at most once.

    Examples
    --------
    >>> previous_as_extreme(np.array([3.0, 2.0, 2.5, 1.0, 2.2]), "low").tolist()
    [-1, -1, 1, -1, 3]
    >>> previous_as_extreme(np.array([1.0, np.nan, 0.5, 1.0]), "high").tolist()
    [-1, -2, 0, 0]
    """
    v = np.asarray(values, dtype=float)
    sign = 1.0 if extreme == "low" else -1.0
    w = sign * v  # "as extreme" is now always "<="
    out = np.full(v.shape[0], MISSING, dtype=np.int64)
    stack: list[int] = []
    for i in range(v.shape[0]):
        x = w[i]
        if np.isnan(x):
            continue
        while stack and w[stack[-1]] > x:
            stack.pop()
        out[i] = stack[-1] if stack else NONE_EARLIER
        stack.append(i)
    return out
