"""Yield curves (interpolation, the bundled MOF curve) and bond prices."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import InputError
from monpol.exit import YieldCurve, clean_price, dirty_price, mof_curve

RAW_CURVE = Path(__file__).resolve().parents[2] / "src/monpol/data/datasets/mof-par-curve-2022-06/data.csv"


def test_linear_interpolation_and_flat_ends() -> None:
    c = YieldCurve([1, 2, 10], [0.0, 1.0, 2.0])
    # hand values: halfway 1-2 -> 0.5; 6 years is halfway 2-10 -> 1.5
    assert c([1.5, 6.0]).tolist() == [0.5, 1.5]
    assert c([0.2, 40.0]).tolist() == [0.0, 2.0]


def test_pchip_passes_through_knots_and_stays_monotone() -> None:
    c = YieldCurve([1, 2, 5, 10, 30], [-0.1, 0.0, 0.05, 0.25, 1.2], interpolation="pchip")
    assert np.allclose(c([1, 2, 5, 10, 30]), [-0.1, 0.0, 0.05, 0.25, 1.2])
    grid = np.linspace(0.5, 35, 200)
    assert (np.diff(c(grid)) >= -1e-12).all()


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        (([2, 1], [1.0, 2.0]), {}, "maturities must be strictly increasing"),
        (([], []), {}, "maturities must not be empty"),
        (([1, 2], [1.0]), {}, "must have the same length; got 2 and 1"),
        (([0, 1], [1.0, 2.0]), {}, "maturities must be positive years; got 0.0"),
        (([1, 2], [1.0, np.nan]), {}, "yields must contain only finite numbers"),
        (([1, 2], [1.0, 2.0]), {"interpolation": "cubic"},
         "interpolation must be one of 'linear', 'pchip'; got 'cubic'"),
    ],
)
def test_bad_curves(args: tuple, kwargs: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        YieldCurve(*args, **kwargs)


def test_mof_curve_is_the_june_2022_average_of_the_raw_file() -> None:
    raw = pd.read_csv(RAW_CURVE)
    assert len(raw) == 22 and raw["date"].str.startswith("2022-06").all()
    c = mof_curve()
    assert c.maturities.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40]
    assert np.allclose(c.yields, raw.drop(columns="date").mean().to_numpy())
    last = mof_curve("2022-06-30")
    assert last.yields[9] == pytest.approx(0.242)   # MOF 10-year par yield on 2022-06-30
    assert mof_curve("last").label == last.label
    with pytest.raises(InputError, match=r"when = '2022-06-04' is not a business day"):
        mof_curve("2022-06-04")
    with pytest.raises(InputError, match="when must be 'mean', 'first', 'last' or an ISO date; got 'soon'"):
        mof_curve("soon")


def _price_by_sum(c: float, y: float, m: float, f: int = 2) -> float:
    """Independent check: discount each coupon and the principal one by one."""
    g = y / 100 / f
    x = m * f
    n = int(np.ceil(x - 1e-9))
    times = [x - k for k in range(n)]
    dirty = sum(c / f / (1 + g) ** tt for tt in times) + 100 / (1 + g) ** x
    return dirty - c / f * (n - x)


@given(c=st.floats(0, 8), y=st.floats(-0.5, 8), m=st.floats(0.05, 40))
def test_clean_price_matches_coupon_by_coupon_discounting(c: float, y: float, m: float) -> None:
    assert clean_price(c, y, m)[0] == pytest.approx(_price_by_sum(c, y, m), rel=1e-10, abs=1e-10)


def test_price_identities() -> None:
    # a par bond on a coupon date prices at 100; a zero coupon at 100 / (1 + y/2)^(2m)
    assert clean_price([1.0, 2.5], [1.0, 2.5], [5.0, 12.0]) == pytest.approx([100.0, 100.0])
    assert clean_price(0.0, 2.0, 10.0)[0] == pytest.approx(100 / 1.01**20)
    assert dirty_price(0.0, 0.0, 3.3)[0] == pytest.approx(100.0)
    prices = clean_price(1.0, np.array([0.0, 1.0, 2.0, 3.0]), 10.0)
    assert (np.diff(prices) < 0).all()
    with pytest.raises(InputError, match=r"maturity must be positive years; got 0\.0"):
        clean_price(1.0, 1.0, 0.0)
    with pytest.raises(InputError, match="frequency must be 1, 2, 4 or 12"):
        clean_price(1.0, 1.0, 1.0, frequency=3)


def test_curve_yields_that_look_like_fractions_warn() -> None:
    from monpol.core.errors import MonpolWarning

    with pytest.warns(MonpolWarning, match=r"curve yields look like fractions \(0.001, 0.01\)"):
        YieldCurve([1, 10], [0.001, 0.01])


def test_curve_files(tmp_path: Path) -> None:
    from monpol.core.errors import DataError

    good = tmp_path / "c.csv"
    good.write_text("maturity,yield\n1,0.5\n10,1.5\n")
    c = YieldCurve.read_csv(good, interpolation="pchip")
    assert c.yields.tolist() == [0.5, 1.5] and c.interpolation == "pchip" and c.label == str(good)
    bad = tmp_path / "bad.csv"
    bad.write_text("maturity,yield\n1,abc\n10,1\n")
    with pytest.raises(DataError, match=r"yield of row 0 is missing or not a number; got 'abc'"):
        YieldCurve.read_csv(bad)
    cols = tmp_path / "cols.csv"
    cols.write_text("m,y\n1,1\n")
    with pytest.raises(DataError, match=r"needs columns 'maturity,yield'; missing 'maturity', 'yield'"):
        YieldCurve.read_csv(cols)
    order = tmp_path / "order.csv"
    order.write_text("maturity,yield\n10,1\n1,0.5\n")
    with pytest.raises(DataError, match="maturities must be strictly increasing"):
        YieldCurve.read_csv(order)
    with pytest.raises(InputError, match="does not exist"):
        YieldCurve.read_csv(tmp_path / "none.csv")
