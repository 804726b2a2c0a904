from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import ConvergenceError, InputError
from monpol.events.conventions import parse_32nds
from monpol.events.treasury import note_price, note_yield
from tests.events.reference import note


def test_par_bond_on_a_coupon_date() -> None:
    assert note_price(2.625, 2.625, "2010-08-15", "2020-08-15") == pytest.approx(100.0, abs=1e-10)


def test_price_on_a_coupon_date_matches_the_annuity_formula() -> None:
    # independent closed form: 20 semiannual coupons of 1.3125, yield 2.46% / 2
    y, c, n = 0.0246 / 2, 2.625 / 2, 20
    expected = c * (1 - (1 + y) ** -n) / y + 100 * (1 + y) ** -n
    assert note_price(2.46, 2.625, "2010-08-15", "2020-08-15") == pytest.approx(expected, rel=1e-12)


def test_seed_note_price_and_yield_are_inconsistent() -> None:
    # The on-the-run 10-year note in Nov 2010: 2 5/8% of 2020-08-15, settlement 2010-11-04.
    # 100-00 <-> 2.62% (as the seed says) but 2.46% <-> about 101-13 (seed: 100-13).
    for quote in ("100-00", "100-13", "101-13"):
        assert note_yield(parse_32nds(quote), 2.625, "2010-11-04", "2020-08-15") == pytest.approx(
            note.yield_at(parse_32nds(quote)), abs=1e-9)
    for y in (2.62, 2.46):
        expected = note.clean_price(y)
        assert note_price(y, 2.625, "2010-11-04", "2020-08-15") == pytest.approx(expected, rel=1e-12)
    # loose tolerance: the seed rounds the yield to 0.01 percentage point
    assert note.yield_at(100.0) == pytest.approx(2.62, abs=0.005)
    assert note.yield_at(parse_32nds("101-13")) == pytest.approx(2.46, abs=0.005)
    # 100-13 is 5 bp (rounded) below 100-00, not the 16 bp of 2.62% -> 2.46%
    assert round(100 * (note.yield_at(100.0) - note.yield_at(parse_32nds("100-13")))) == 5


@given(st.floats(min_value=-1.0, max_value=15.0), st.floats(min_value=0.0, max_value=10.0))
def test_price_yield_round_trip(y: float, c: float) -> None:
    p = note_price(y, c, "2011-03-01", "2021-02-15")
    assert note_yield(p, c, "2011-03-01", "2021-02-15") == pytest.approx(y, abs=1e-8)


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="settlement must be before maturity"):
        note_price(2.0, 2.0, "2021-01-01", "2020-08-15")
    with pytest.raises(InputError, match="price must be positive; got -5"):
        note_yield(-5, 2.0, "2010-11-04", "2020-08-15")
    with pytest.raises(InputError, match="settlement must be a date"):
        note_price(2.0, 2.0, "soon", "2020-08-15")
    with pytest.raises(ConvergenceError, match="no yield"):
        note_yield(1e9, 2.0, "2010-11-04", "2020-08-15")
