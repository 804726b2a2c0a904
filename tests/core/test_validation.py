from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError, MonpolWarning
from monpol.core.validation import (
    finite_array,
    finite_float,
    in_range,
    one_of,
    percent,
    positive_int,
    require_columns,
    share,
)


@pytest.mark.parametrize("bad", ["abc", None, math.nan, math.inf, -math.inf, True, [1.0]])
def test_finite_float_rejects(bad: object) -> None:
    with pytest.raises(InputError, match=r"^inflation must be a finite number; got "):
        finite_float("inflation", bad)


def test_finite_float_accepts_numbers_and_strings() -> None:
    assert finite_float("x", "2.5") == 2.5
    assert finite_float("x", np.float32(1.5)) == 1.5


def test_finite_array_names_position() -> None:
    with pytest.raises(InputError, match=r"rates must contain only finite numbers; got nan at position 1"):
        finite_array("rates", [1.0, math.nan])
    with pytest.raises(InputError, match=r"rates must contain only finite numbers; got inf$"):
        finite_array("rates", math.inf)
    with pytest.raises(InputError, match=r"got nan at position \[1, 0\]"):
        finite_array("rates", [[1.0], [math.nan]])


def test_in_range_message_states_interval() -> None:
    with pytest.raises(InputError, match=r"beta_0 must be in \[0, 1\); got 1"):
        in_range("beta_0", 1, 0, 1, high_inclusive=False)
    assert in_range("beta_0", 0.5, 0, 1, high_inclusive=False) == 0.5


def test_share_bounds() -> None:
    assert share("reinvest_share", 0.5) == 0.5
    with pytest.raises(InputError, match="reinvest_share"):
        share("reinvest_share", 1.5)


@pytest.mark.parametrize("value,expected", [(3, 3), (3.0, 3), ("7", 7)])
def test_positive_int_accepts(value: object, expected: int) -> None:
    assert positive_int("years", value) == expected


@pytest.mark.parametrize("value", [0, -1, 2.5, "x", True, None])
def test_positive_int_rejects(value: object) -> None:
    with pytest.raises(InputError, match=r"years must be an integer >= 1"):
        positive_int("years", value)


def test_one_of_lists_allowed() -> None:
    with pytest.raises(InputError, match=r"must be one of 'a', 'b'; got 'c'"):
        one_of("kind", "c", ["a", "b"])


def test_percent_warns_on_fraction_like_values() -> None:
    with pytest.warns(MonpolWarning, match="looks like a fraction"):
        percent("policy_rate", 0.005, warn_if_fraction=True)
    assert percent("policy_rate", 0.5, warn_if_fraction=True) == 0.5


def test_require_columns_names_missing_and_present() -> None:
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(DataError, match=r"missing required column\(s\) 'c'; columns present: 'a', 'b'"):
        require_columns(frame, ["a", "c"], source="holdings file")
