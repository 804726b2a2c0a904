from __future__ import annotations

import pytest

from monpol.core.errors import InputError
from monpol.easing import load_lost_decade
from monpol.easing.lost_decade import COMPONENTS


def test_seed_figures() -> None:
    ld = load_lost_decade()
    facts = ld.facts.set_index("item")["value"]
    # seed: Nikkei -73%, commercial real estate -87%, golf memberships -95%
    assert facts[["nikkei", "commercial_real_estate", "golf_memberships"]].tolist() == [-73, -87, -95]
    assert facts["amount_peak"] == 26.78 and facts["ratio_peak"] == 8.4
    pf = ld.facts[(ld.facts["group"] == "public_funds") & (ld.facts["unit"] == "trillion yen")]
    values = pf.set_index("item")["value"]
    assert values.drop("total").sum() == values["total"] == 60  # 17 + 18 + 25


def test_stimulus_table() -> None:
    st = load_lost_decade().stimulus
    assert st["total"].tolist() == [10.7, 13.2, 6.2, 15.3, 14.2, 16.7, 20, 17, 11, 5.8, 4.1]
    # seed: eleven packages, 134 trillion yen (28% of GDP); the printed totals sum to 134.2
    assert st["total"].sum() == pytest.approx(134.2)
    assert st["total_pct_gdp"].sum() == pytest.approx(27.8)
    assert st["date_confirmed"].notna().sum() == 1  # only package 5 confirmed
    assert st.loc[st["package"] == 5, "date_confirmed"].item() == "1995-09-20"


def test_component_identity_holds_except_package_5() -> None:
    gaps = load_lost_decade().component_gaps()
    assert gaps["package"].tolist() == [5]
    assert gaps["components_sum"].item() == pytest.approx(15.2)
    assert set(COMPONENTS) <= set(load_lost_decade().stimulus.columns)


def test_timeline_and_chart() -> None:
    ld = load_lost_decade()
    tl = ld.timeline.set_index("date")
    assert tl.loc["1999-02-12", "event"] == "zero_rate_start"
    assert tl.loc["1995-09-08", "rate"] == 0.5 and tl.loc["1991-07", "rate"] == 6.0
    assert tl.loc["2006-03-09", "event"] == "qe_end"
    fig = ld.plot()
    assert len(fig.axes) == 4
    with pytest.raises(InputError, match="takes no ax"):
        ld.plot(ax=fig.axes[0])
    assert "dates uncertain" in str(ld)
    assert set(ld.to_dict()) == {"facts", "stimulus", "timeline"}
