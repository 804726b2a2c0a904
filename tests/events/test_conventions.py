from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import InputError
from monpol.events.conventions import CONVENTIONS, convention, format_32nds, parse_32nds


def test_conventions_registered_with_units_and_keys() -> None:
    assert CONVENTIONS.names() == ["price", "yield", "treasury_price"]
    assert [(convention(k).unit, convention(k).key) for k in CONVENTIONS.names()] == [
        ("percent", "change_pct"), ("basis points", "change_bp"), ("32nds", "change_32nds")]


def test_unknown_kind_lists_valid_names() -> None:
    with pytest.raises(InputError,
                       match=r"kind must be one of 'price', 'yield', 'treasury_price'; got 'rate'"):
        convention("rate")


def test_yield_change_in_basis_points_is_exact() -> None:
    # seed slide 47: 2.62% -> 2.46% is -16 bp; binary noise is rounded away
    assert convention("yield").change(2.62, 2.46) == -16.0
    assert convention("yield").change(0.1, -0.05) == -15.0   # negative yields allowed


def test_price_change_in_percent() -> None:
    # 100 * (76.412 / 76.735 - 1), computed by hand: -0.420929...
    assert convention("price").change(76.735, 76.412) == pytest.approx(100 * (76.412 / 76.735 - 1), rel=1e-12)


def test_changes_are_vectorised() -> None:
    out = convention("yield").change(np.array([2.0, 3.0]), np.array([2.5, 2.0]))
    np.testing.assert_array_equal(out, [50.0, -100.0])


@pytest.mark.parametrize(("quote", "value"), [
    ("100-13", 100 + 13 / 32), ("100-0", 100.0), ("100-00", 100.0), ("99-16+", 99 + 16.5 / 32),
    ("99-162", 99 + 16.25 / 32), ("99-166", 99 + 16.75 / 32), ("101-31", 101 + 31 / 32),
    ("100.40625", 100.40625), (" 98 - 04 ", 98 + 4 / 32),
])
def test_parse_32nds(quote: str, value: float) -> None:
    assert parse_32nds(quote) == value


@pytest.mark.parametrize("bad", ["100-32", "abc", "100-1x", "-"])
def test_parse_32nds_rejects_bad_quotes(bad: str) -> None:
    with pytest.raises(InputError, match=r"Treasury price|below 32"):
        parse_32nds(bad)


def test_parse_32nds_rejects_non_text() -> None:
    with pytest.raises(InputError, match="quote like '100-13'"):
        parse_32nds(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("value", "quote"), [
    (100.40625, "100-13"), (99.515625, "99-16+"), (99 + 16.25 / 32, "99-162"), (100.0, "100-00"),
])
def test_format_32nds(value: float, quote: str) -> None:
    assert format_32nds(value) == quote


def test_format_32nds_rejects_negative() -> None:
    with pytest.raises(InputError, match=r"price must be a finite number >= 0; got -1\.0"):
        format_32nds(-1.0)


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=31),
       st.integers(min_value=0, max_value=7))
def test_32nds_round_trip(points: int, ticks: int, eighths: int) -> None:
    value = points + (ticks + eighths / 8) / 32
    assert parse_32nds(format_32nds(value)) == value


@given(st.floats(min_value=0.01, max_value=1e4), st.floats(min_value=0.01, max_value=1e4),
       st.floats(min_value=0.01, max_value=1e4))
def test_percent_changes_compound(a: float, b: float, c: float) -> None:
    # identity: (1 + r_ab)(1 + r_bc) = 1 + r_ac
    conv = convention("price")
    total = conv.compound(np.array([conv.change(a, b), conv.change(b, c)]))
    assert total == pytest.approx(conv.change(a, c), rel=1e-9, abs=1e-7)


@given(st.floats(min_value=-5, max_value=20), st.floats(min_value=-5, max_value=20),
       st.floats(min_value=-5, max_value=20))
def test_basis_point_changes_add(a: float, b: float, c: float) -> None:
    conv = convention("yield")
    assert conv.change(a, b) + conv.change(b, c) == pytest.approx(conv.change(a, c), abs=1e-8)
