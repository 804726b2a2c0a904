"""'Lowest since …' / 'highest since …': the most recent earlier value at least as extreme.

The press reports an auction's bid-to-cover as "the lowest since August 2012" when the most
recent earlier auction (of the same kind) with a bid-to-cover at or below today's took place
in August 2012; a yield is "the highest since 2008" in the same sense. This module finds, for
every observation of a sequence, the index of that earlier observation, in one pass with a
monotonic stack (the classic "previous smaller-or-equal element" algorithm).
"""

from __future__ import annotations

import bisect
from typing import Literal

import numpy as np

__all__ = ["Extreme", "previous_as_extreme"]

Extreme = Literal["low", "high"]

#: returned for an observation with no earlier value at least as extreme
NONE_EARLIER = -1
#: returned for a missing (NaN) observation
MISSING = -2


def previous_as_extreme(values: np.ndarray, extreme: Extreme,
                        dates: np.ndarray | None = None) -> np.ndarray:
    """Index of the most recent earlier value at least as extreme as each value.

    Parameters
    ----------
    values : 1-d array of float
        Observations in time order. NaN observations are skipped (they are never an
        answer and get :data:`MISSING`).
    extreme : {"low", "high"}
        ``"low"``: find the latest earlier ``j`` with ``values[j] <= values[i]`` (for
        "lowest since"); ``"high"``: with ``values[j] >= values[i]`` ("highest since").
    dates : 1-d array, optional
        Non-decreasing dates (or any sortable keys) of the observations. Observations on
        the same date are not earlier than one another (two auctions of a tenor on one day,
        as the US Treasury's October 2008 reopenings): only a strictly earlier date is an
        answer. Default: every observation has its own date.

    Returns
    -------
    numpy.ndarray of int
        ``j`` for each ``i``; :data:`NONE_EARLIER` (-1) when no earlier value is as extreme
        (a record in the loaded history), :data:`MISSING` (-2) for NaN observations.

    Notes
    -----
    The stack holds the candidates: earlier indices not yet superseded by a later value at
    least as extreme; their values never decrease from bottom to top. The answer for a new
    value is the topmost candidate at least as extreme (found by bisection, so the
    observations of one date are all answered before any of them is pushed); pushing a value
    pops the candidates strictly less extreme (it is as extreme and more recent, so they can
    never be an answer again). Each index is pushed and popped at most once: O(n log n).

    Examples
    --------
    >>> previous_as_extreme(np.array([3.0, 2.0, 2.5, 1.0, 2.2]), "low").tolist()
    [-1, -1, 1, -1, 3]
    >>> previous_as_extreme(np.array([1.0, np.nan, 0.5, 1.0]), "high").tolist()
    [-1, -2, 0, 0]
    >>> previous_as_extreme(np.array([2.0, 1.0, 1.5]), "low", dates=np.array([1, 2, 2])).tolist()
    [-1, -1, -1]
    """
    v = np.asarray(values, dtype=float)
    n = v.shape[0]
    keys = np.arange(n) if dates is None else np.asarray(dates)
    if keys.shape != (n,):
        raise ValueError(f"dates must have the shape of values {(n,)}; got {keys.shape}")
    if n > 1 and (keys[1:] < keys[:-1]).any():
        raise ValueError("dates must be in non-decreasing order")
    sign = 1.0 if extreme == "low" else -1.0
    w = sign * v  # "as extreme" is now always "<="
    out = np.full(n, MISSING, dtype=np.int64)
    stack: list[int] = []  # indices; w[stack] non-decreasing from bottom to top
    stack_w: list[float] = []
    start = 0
    while start < n:
        stop = start + 1
        while stop < n and keys[stop] == keys[start]:
            stop += 1
        block = [i for i in range(start, stop) if not np.isnan(w[i])]
        for i in block:  # answers from strictly earlier dates only
            pos = bisect.bisect_right(stack_w, w[i])
            out[i] = stack[pos - 1] if pos > 0 else NONE_EARLIER
        for i in block:
            while stack and stack_w[-1] > w[i]:
                stack.pop()
                stack_w.pop()
            stack.append(i)
            stack_w.append(float(w[i]))
        start = stop
    return out
