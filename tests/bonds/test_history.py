from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from monpol.bonds._history import MISSING, NONE_EARLIER, previous_as_extreme


def brute_force(values: np.ndarray, extreme: str, dates: np.ndarray | None = None) -> np.ndarray:
    """Independent O(n^2) reference: scan backwards for the first value as extreme on a
    strictly earlier date."""
    dates = np.arange(len(values)) if dates is None else dates
    out = np.full(len(values), MISSING)
    for i, v in enumerate(values):
        if np.isnan(v):
            continue
        out[i] = NONE_EARLIER
        for j in range(i - 1, -1, -1):
            w = values[j]
            if np.isnan(w) or dates[j] == dates[i]:
                continue
            if (w <= v) if extreme == "low" else (w >= v):
                out[i] = j
                break
    return out


values_st = st.lists(
    st.one_of(st.integers(-5, 5).map(float), st.just(float("nan"))), min_size=0, max_size=60
)


@given(values_st, st.sampled_from(["low", "high"]))
def test_stack_matches_brute_force(values: list[float], extreme: str) -> None:
    arr = np.asarray(values, dtype=float)
    assert previous_as_extreme(arr, extreme).tolist() == brute_force(arr, extreme).tolist()  # type: ignore[arg-type]


@given(st.lists(st.tuples(st.integers(-5, 5).map(float), st.booleans()), min_size=0, max_size=60),
       st.sampled_from(["low", "high"]))
def test_same_date_observations_are_not_earlier(pairs: list[tuple[float, bool]], extreme: str) -> None:
    # the flag starts a new date; runs of False share the previous observation's date
    values = np.asarray([v for v, _ in pairs], dtype=float)
    dates = np.cumsum([new or i == 0 for i, (_, new) in enumerate(pairs)])
    got = previous_as_extreme(values, extreme, dates=dates)  # type: ignore[arg-type]
    assert got.tolist() == brute_force(values, extreme, dates).tolist()


def test_ties_count_as_extreme() -> None:
    # "lowest since" includes an earlier equal value (3.0 is "lowest since" the earlier 2.5)
    assert previous_as_extreme(np.array([2.5, 3.0, 2.5]), "low").tolist() == [-1, 0, 0]
    assert previous_as_extreme(np.array([1.0, 0.9, 1.0]), "high").tolist() == [-1, 0, 0]
