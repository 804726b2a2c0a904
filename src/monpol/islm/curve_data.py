"""The IS and LM curves through a solved equilibrium, as data and as a chart.

:func:`curves_through` computes the curves of :class:`IsLmCurves` from an
:class:`~monpol.islm.results.Equilibrium` without solving the model again, so the results
module can draw an equilibrium's chart without importing the solver (no import cycle);
:func:`monpol.islm.curves.curves` solves a spec and calls it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.core.validation import positive_int
from monpol.islm.kernels import FIRST_STEP, MAX_SPREAD, goods_market, kernel_params, money_gap_at

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from monpol.islm.results import Equilibrium

__all__ = ["IsLmCurves", "curves_through"]


def _lm_rates(p: Any, y: np.ndarray, H: float) -> np.ndarray:
    """Call rate on the LM curve at each output in ``y`` (ī_R on the floor)."""
    i_R = float(p.i_R)
    lo = np.full(y.shape, i_R)
    g_lo = money_gap_at(p, lo, y, H)
    floor = g_lo >= 0
    hi = np.full(y.shape, i_R + FIRST_STEP)
    g_hi = money_gap_at(p, hi, y, H)
    step = FIRST_STEP
    while np.any(~floor & (g_hi < 0)) and step < MAX_SPREAD:
        step *= 2.0
        need = ~floor & (g_hi < 0)
        lo = np.where(need, hi, lo)
        hi = np.where(need, i_R + step, hi)
        g_hi = money_gap_at(p, hi, y, H)
    ok = floor | (g_hi >= 0)
    for _ in range(80):  # bisection to ~1e-18 on a bracket below 1
        mid = 0.5 * (lo + hi)
        g_mid = money_gap_at(p, mid, y, H)
        lo = np.where(g_mid < 0, mid, lo)
        hi = np.where(g_mid < 0, hi, mid)
    out = np.where(floor, i_R, 0.5 * (lo + hi))
    return np.where(ok, out, np.nan)


def curves_through(eq: Equilibrium, *, points: int = 121) -> IsLmCurves:
    """IS and LM curves through the solved equilibrium ``eq`` (see :func:`monpol.islm.curves`).

    >>> from monpol.islm import solve
    >>> c = curves_through(solve(), points=11)
    >>> c.equilibrium.regime, len(c.to_frame())
    ('floor', 22)
    """
    n = positive_int("points", points, minimum=5, maximum=100_000)
    p = kernel_params(eq.spec)
    if p.fixed:
        p = replace(p, B_c=eq.raw["B_c"])
    H = float(p.CBL + p.B_c)
    y_star = float(eq.raw["y"])
    i_R = float(p.i_R)
    # kink of the LM curve: money demand at ī_R equals H (the gap is affine in y)
    g0 = float(money_gap_at(p, i_R, 0.0, H))
    g1 = float(money_gap_at(p, i_R, 1.0, H))
    kink = -g0 / (g1 - g0) if g1 != g0 else math.nan
    y_lo, y_hi = 0.75 * y_star, 1.25 * y_star
    if math.isfinite(kink) and 0.5 * y_star <= kink <= 1.5 * y_star:
        y_lo = min(y_lo, kink - 0.1 * abs(y_star))
        y_hi = max(y_hi, kink + 0.1 * abs(y_star))
    y_grid = np.linspace(y_lo, y_hi, n)
    lm_i = _lm_rates(p, y_grid, H)
    lm_seg = np.where(lm_i <= i_R, "floor", "corridor")
    # IS over call rates covering the LM range (and a little below the floor)
    top = max(float(np.nanmax(lm_i)), float(eq.raw["i_C"])) + 0.005
    bottom = i_R - 0.005
    if not p.fixed:  # keep e defined: θ + i_C + c_FB − ī_FB > 0
        bottom = max(bottom, float(p.i_FB - p.c_FB - p.theta) + 1e-4)
    is_i = np.linspace(bottom, top, n)
    is_y = goods_market(p, is_i).y
    frame = pd.DataFrame({
        "curve": ["IS"] * n + ["LM"] * n,
        "y": np.concatenate([is_y, y_grid]),
        "i_C": frac_to_pct(np.concatenate([is_i, lm_i])),
        "segment": [""] * n + lm_seg.tolist(),
    })
    return IsLmCurves(eq, frame, kink if math.isfinite(kink) else None, H)




@dataclass(frozen=True)
class IsLmCurves(Result):
    """IS and LM curves with the equilibrium.

    Attributes
    ----------
    equilibrium : Equilibrium
    curves : DataFrame
        Columns ``curve`` (IS/LM), ``y``, ``i_C`` (percent), ``segment`` (LM: floor or
        corridor).
    kink_y : float or None
        Output at which the LM curve leaves the floor.
    H : float
        High-powered money CBL + B_c behind the LM curve.
    """

    equilibrium: Equilibrium
    curves: pd.DataFrame
    kink_y: float | None
    H: float

    def to_frame(self) -> pd.DataFrame:
        """Columns: curve, y, i_C (percent), segment."""
        return self.curves.copy()

    def summary(self) -> Summary:
        eq = self.equilibrium
        s = Summary("IS and LM curves")
        s.add_items({
            "regime": eq.regime,
            "equilibrium y": eq.variables["y"],
            "equilibrium i_C (percent)": eq.variables["i_C"],
            "LM leaves the floor at y": self.kink_y,
            "high-powered money CBL + B_c": self.H,
        })
        for v in eq.violations:  # the curves are drawn even then; say so
            s.add_note(f"VIOLATION at the equilibrium: {v}")
        return s

    def to_dict(self) -> dict[str, Any]:
        eq = self.equilibrium
        f = self.curves
        return {
            "equilibrium": {"y": eq.variables["y"], "i_C": eq.variables["i_C"], "regime": eq.regime,
                            "ok": eq.ok,
                            "violations": [{"code": v.code, "assumption": v.reference,
                                            "message": v.message} for v in eq.violations]},
            "floor_kink_y": self.kink_y,
            "H": self.H,
            "i_R": eq.spec.policy.i_R,
            "IS": f.loc[f.curve == "IS", ["y", "i_C"]].to_dict(orient="records"),
            "LM": f.loc[f.curve == "LM", ["y", "i_C", "segment"]].to_dict(orient="records"),
        }

    def plot(self, ax: Axes | None = None) -> Figure:
        """IS and LM curves, the floor segment of LM, ī_R and the equilibrium."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax, figsize=(6.5, 4.5))
        f = self.curves
        eq = self.equilibrium
        is_ = f[f.curve == "IS"]
        lm = f[f.curve == "LM"]
        ax.plot(is_.y, is_.i_C, color="tab:blue", label="IS")
        ax.plot(lm.y, lm.i_C, color="tab:red", label="LM")
        fl = lm[lm.segment == "floor"]
        if len(fl):
            ax.plot(fl.y, fl.i_C, color="tab:red", lw=4, alpha=0.35, label="LM floor (i_C = ī_R)")
        ax.axhline(eq.spec.policy.i_R, color="grey", lw=0.8, ls="--")
        if eq.spec.policy.fx_regime == "fixed":
            ax.axhline(eq.spec.exogenous.i_FB - eq.spec.exogenous.c_FB, color="tab:green",
                       lw=1, ls=":", label="peg: i_C = ī_FB − c_FB")
        ax.plot([eq.variables["y"]], [eq.variables["i_C"]], "ko", label=f"equilibrium ({eq.regime})")
        ax.set_xlabel(f"output y ({eq.spec.money_unit})")
        ax.set_ylabel("call rate i_C (percent)")
        ax.set_title(f"IS-LM, {eq.regime} regime"
                     + ("" if eq.ok else " (violates " + ", ".join(v.reference for v in
                                                                 eq.violations) + ")"))
        ax.legend(fontsize=8)
        return fig
