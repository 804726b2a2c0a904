from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import InputError
from monpol.core.units import (
    BILLION_USD,
    MILLION_USD,
    OKU_JPY,
    TRILLION_JPY,
    frac_to_pct,
    pct_to_bp,
    pct_to_frac,
)


@given(st.floats(min_value=-100, max_value=100, allow_nan=False))
def test_percent_round_trip(x: float) -> None:
    assert frac_to_pct(pct_to_frac(x)) == pytest.approx(x, abs=1e-12)


def test_arrays_and_bp() -> None:
    np.testing.assert_allclose(pct_to_frac(np.array([1.0, 2.5])), [0.01, 0.025])
    assert pct_to_bp(2.62 - 2.46) == 16.0


def test_money_units_convert_within_currency() -> None:
    assert OKU_JPY.convert(24925.0, TRILLION_JPY) == pytest.approx(2.4925)  # seed 002: 2兆4,925億円
    assert MILLION_USD.convert(1500.0, BILLION_USD) == 1.5
    with pytest.raises(InputError, match="cannot convert USD to JPY"):
        MILLION_USD.convert(1.0, OKU_JPY)
