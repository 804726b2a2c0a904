"""IS and LM curves on the (y, i_C) plane (the paper's Fig. 1).

* IS: for each call rate i_C, the output that clears the goods market (2-1-b) — closed form.
* LM: for each output y, the call rate that clears the high-powered-money market (2-2-b)
  with CBL + B_c fixed. Where excess reserves absorb the difference (floor), the LM curve is
  horizontal at ī_R; beyond the kink the call rate rises (corridor). Under a fixed exchange
  rate B_c is endogenous; the LM curve drawn is the one through the equilibrium (B_c at its
  equilibrium value), beside the horizontal line i_C = ī_FB − c_FB the peg imposes.

Examples
--------
>>> from monpol.islm import IslmSpec
>>> c = curves(IslmSpec.illustrative_corridor())
>>> c.equilibrium.regime
'corridor'
>>> lm = c.to_frame().query("curve == 'LM'")
>>> bool((lm.loc[lm.segment == "floor", "i_C"] == 0.1).all())
True
"""

from __future__ import annotations

from monpol.core.validation import positive_int
from monpol.islm.curve_data import IsLmCurves, curves_through
from monpol.islm.solver import solve
from monpol.islm.spec import IslmSpec

__all__ = ["IsLmCurves", "curves"]


def curves(spec: IslmSpec | None = None, *, points: int = 121) -> IsLmCurves:
    """IS and LM curves through the equilibrium of ``spec``.

    Parameters
    ----------
    spec : IslmSpec, optional
        Default: the illustrative calibration (floor regime).
    points : int
        Points on each curve.

    Returns
    -------
    IsLmCurves
        The curves as data (``to_frame()``) and as a chart (``plot()``).

    Notes
    -----
    IS (2-1-b): S_h(y + y_1[·] − y_1g − T, C_0, W_h,−1) − I_f(i_L[i_C], i_B[i_C]) + y_1g + T
    − G = NX(e[i_C], y_F, y) + y_1[·]. LM (2-2-b): CBL + B_c = [cc(i_D[i_C]) + ε + β_0]·
    D(i_D[i_C], i_L[i_C], i_B[i_C], y, W_h,−1 + S_h(·)), with ε ≥ 0 only at i_C = ī_R.
    The y range covers ±25 % around the equilibrium and the kink of the LM curve when it
    lies within ±50 %. An equilibrium that violates a model assumption is still drawn; its
    violations are listed in the summary, the JSON (``equilibrium.violations``) and the
    chart's title.
    """
    points = positive_int("points", points, minimum=5, maximum=100_000)
    spec = IslmSpec() if spec is None else spec
    return curves_through(solve(spec, on_violation="flag"), points=points)
