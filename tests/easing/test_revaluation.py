from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from monpol.core.errors import InputError
from monpol.core.io import dumps_json
from monpol.easing import CurrencyPosition, revaluation, revalue


@pytest.mark.parametrize(("dep", "gain"), [(5, 0.92), (10, 1.84)])
def test_seed_table_4(dep: float, gain: float) -> None:
    # seed Table 4: US foreign assets 18.4 (foreign currency), liabilities 21.1 (USD), USD tn
    r = revaluation(foreign_assets=18.4, home_liabilities=21.1, depreciation=dep)
    assert r.gain == pytest.approx(gain, abs=1e-12)
    assert r.net_position_before == pytest.approx(18.4 - 21.1)
    assert r.net_position_after == pytest.approx(18.4 - 21.1 + gain)
    assert r.to_dict()["gain"] == pytest.approx(gain)


def test_other_convention() -> None:
    # foreign price of the dollar falls 5%: dollar price of foreign currency rises 1/0.95 - 1
    r = revaluation(foreign_assets=18.4, depreciation=5, convention="foreign_per_home")
    assert r.gain == pytest.approx(18.4 * (1 / 0.95 - 1))
    with pytest.raises(InputError, match=r"depreciation must be in \(-inf, 100\); got 100"):
        revaluation(foreign_assets=1.0, depreciation=100, convention="foreign_per_home")
    with pytest.raises(InputError, match=r"depreciation must be in \(-100, inf\)"):
        revaluation(foreign_assets=1.0, depreciation=-100)
    with pytest.raises(InputError, match="convention must be one of 'home_per_foreign', "
                                         "'foreign_per_home'"):
        revaluation(foreign_assets=1.0, depreciation=5, convention="log")


def test_any_currency_composition() -> None:
    pos = [CurrencyPosition("USD", 2.0, 21.1), CurrencyPosition("EUR", 6.0, 1.0),
           CurrencyPosition("JPY", 3.0, 0.0)]
    r = revalue(pos, {"EUR": 10.0, "JPY": -5.0})
    # independent: (6 - 1) x 0.10 + 3 x (-0.05) = 0.35
    assert r.gain == pytest.approx(0.35)
    frame = r.to_frame()
    assert frame.set_index("currency").loc["USD", "gain"] == 0.0
    dumps_json(r.to_dict())
    df = pd.DataFrame({"currency": ["USD", "EUR"], "assets": [1.0, 4.0],
                       "liabilities": [5.0, 0.0], "depreciation_pct": [0.0, 25.0]})
    assert revalue(df).gain == pytest.approx(1.0)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="depreciation has no entry for JPY"):
        revalue([CurrencyPosition("EUR", 1.0), CurrencyPosition("JPY", 1.0)], {"EUR": 5.0})
    with pytest.raises(InputError, match=r"assets of EUR must be >= 0; got -1.0"):
        CurrencyPosition("EUR", -1.0)
    with pytest.raises(InputError, match="currency must be a 3-letter code; got 'EURO'"):
        CurrencyPosition("EURO", 1.0)
    with pytest.raises(InputError, match=r"list currency \['EUR'\] more than once"):
        revalue([CurrencyPosition("EUR", 1.0), CurrencyPosition("EUR", 2.0)], 5.0)
    with pytest.raises(InputError, match="depreciation must be a finite number in percent"):
        revaluation(foreign_assets=1.0, depreciation=float("nan"))
    with pytest.raises(InputError, match=r"missing column\(s\) \['liabilities'\]"):
        revalue(pd.DataFrame({"currency": ["EUR"], "assets": [1.0]}), 5.0)
    with pytest.raises(InputError, match="depreciation is required"):
        revalue([CurrencyPosition("EUR", 1.0)])
    with pytest.raises(InputError, match="positions must not be empty"):
        revalue([], 5.0)
    # amounts are valued in home currency: a unit in another currency is refused
    with pytest.raises(InputError, match="unit 'USD tn' is in USD, not in the home currency JPY"):
        revaluation(foreign_assets=1.0, depreciation=5, home_currency="JPY")
    bad = pd.DataFrame({"currency": ["USD", "EUR"], "assets": [0.0, "abc"],
                        "liabilities": [1.0, 0.0]})
    with pytest.raises(InputError, match="assets of EUR must be a finite number; got 'abc'"):
        revalue(bad, 5.0)
    bad_dep = pd.DataFrame({"currency": ["EUR"], "assets": [1.0], "liabilities": [0.0],
                            "depreciation_pct": [float("nan")]})
    with pytest.raises(InputError, match=r"depreciation\[EUR\] must be a finite number"):
        revalue(bad_dep)


amount = st.floats(min_value=0, max_value=1e3, allow_nan=False)


@given(fa=amount, fl=amount, ha=amount, hl=amount,
       d=st.floats(min_value=-50, max_value=50, allow_nan=False))
def test_property_accounting(fa: float, fl: float, ha: float, hl: float, d: float) -> None:
    r = revaluation(foreign_assets=fa, foreign_liabilities=fl, home_assets=ha,
                    home_liabilities=hl, depreciation=d)
    # gain = net foreign-currency position x d/100; home positions are not revalued
    assert r.gain == pytest.approx((fa - fl) * d / 100, abs=1e-9)
    assert r.net_position_after == pytest.approx(r.net_position_before + r.gain, abs=1e-9)
    assert revaluation(foreign_assets=0, home_assets=ha, home_liabilities=hl,
                       depreciation=d).gain == 0.0
