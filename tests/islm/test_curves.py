"""IS and LM curves: every point on its market, the floor segment, the equilibrium."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from monpol.core.errors import InputError
from monpol.islm import IslmSpec, curves
from monpol.islm.kernels import goods_market, kernel_params, money_gap_at


@pytest.mark.parametrize(
    "spec",
    [IslmSpec(), IslmSpec.illustrative_corridor(), IslmSpec.illustrative_corridor(convention="paper"),
     IslmSpec.illustrative_corridor(fx_regime="fixed")],
    ids=["floor", "corridor", "paper", "fixed"],
)
def test_points_lie_on_their_curves(spec: IslmSpec) -> None:
    c = curves(spec, points=41)
    p = kernel_params(spec)
    if spec.policy.fx_regime == "fixed":
        p = p.__class__(**{**{f: getattr(p, f) for f in p.__slots__},
                           "B_c": c.equilibrium.variables["B_c"]})
    H = float(p.CBL + p.B_c)
    assert H == pytest.approx(c.H)
    f = c.to_frame()
    is_, lm = f[f.curve == "IS"], f[f.curve == "LM"]
    # IS: the goods market clears at (y, i_C)
    g = goods_market(p, is_.i_C.to_numpy() / 100)
    assert np.allclose(g.y, is_.y.to_numpy(), rtol=1e-12)
    # LM: money market clears with ε = 0 off the floor; on the floor demand ≤ H at ī_R
    i_lm = lm.i_C.to_numpy() / 100
    gap = money_gap_at(p, i_lm, lm.y.to_numpy(), H)
    floor = (lm.segment == "floor").to_numpy()
    assert np.all(np.abs(gap[~floor]) < 1e-9 * H)
    assert np.all(gap[floor] >= -1e-9) and np.all(i_lm[floor] == p.i_R)
    # the equilibrium lies on both curves (rel=1e-3: linear interpolation between the points
    # of the curve's i_C grid, not the closed form)
    eq = c.equilibrium.variables
    assert np.interp(eq["i_C"], is_.i_C.to_numpy(), is_.y.to_numpy()) == pytest.approx(eq["y"], rel=1e-3)
    order = np.argsort(lm.y.to_numpy())
    assert np.interp(eq["y"], lm.y.to_numpy()[order], lm.i_C.to_numpy()[order]) == pytest.approx(
        eq["i_C"], abs=2e-3)  # linear interpolation between grid points (41 points)


def test_floor_lm_is_horizontal_and_the_kink_is_where_demand_meets_h() -> None:
    c = curves(IslmSpec.illustrative_corridor())
    lm = c.to_frame().query("curve == 'LM'")
    assert set(lm.loc[lm.y < c.kink_y, "segment"]) == {"floor"}
    assert set(lm.loc[lm.y > c.kink_y, "segment"]) == {"corridor"}
    p = kernel_params(IslmSpec.illustrative_corridor())
    assert money_gap_at(p, p.i_R, c.kink_y, c.H) == pytest.approx(0.0, abs=1e-9)
    flat = curves().to_frame().query("curve == 'LM'")
    assert (flat.i_C == 0.1).all()  # the default floor: LM horizontal at ī_R everywhere shown


def test_result_forms_and_plot() -> None:
    c = curves(IslmSpec.illustrative_corridor())
    d = c.to_dict()
    assert d["equilibrium"]["regime"] == "corridor" and d["i_R"] == 0.1
    assert {"y", "i_C", "segment"} == set(d["LM"][0]) and {"y", "i_C"} == set(d["IS"][0])
    assert "IS and LM curves" in str(c)
    fig = c.plot()
    assert isinstance(fig, Figure)
    labels = [line.get_label() for line in fig.axes[0].lines]
    assert {"IS", "LM", "LM floor (i_C = ī_R)"} <= set(labels)
    with pytest.raises(InputError, match="points must be an integer >= 5"):
        curves(points=2)
    assert isinstance(curves(IslmSpec.illustrative_corridor(fx_regime="fixed")).plot(), Figure)
    from monpol.islm import solve

    assert isinstance(solve().plot(), Figure)


def test_curves_of_an_inadmissible_equilibrium_say_so() -> None:
    c = curves(IslmSpec().replace(B_g_1=100))  # B_b < 0 (assumption 26)
    assert not c.equilibrium.ok
    assert "VIOLATION at the equilibrium: assumption 26" in str(c)
    assert c.to_dict()["equilibrium"]["violations"][0]["code"] == "B_b>=0"
    assert "violates assumption 26" in c.plot().axes[0].get_title()
    assert curves().to_dict()["equilibrium"]["ok"] is True
