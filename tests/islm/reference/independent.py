"""Independent reference solution of one period of the flow-of-funds IS-LM model.

Written directly from spec 04 §§2-4 (and the seed's eqs. 2-1-a to 2-6-b) in the spec's
public units — rates in percent, rate slopes per percentage point, as in spec §7 — without
any of monpol's code: the nine unknowns of the period (y, the regime's free variable, S_h,
W_h, NX, y_1, D_fs, D_fl, D_h) are solved *simultaneously* from the equations as listed,
with scipy.optimize.fsolve, instead of monpol's closed-form reduction to one equation in
i_C. The regime's free variable is the call rate (corridor: ε = 0), the excess-reserve
ratio ε (floor: i_C = ī_R) or the central bank's bonds B_c (fixed exchange rate:
i_C = ī_FB − c_FB). The stocks then follow from their definitions; the banks' opening net
worth is the spec's balancing item NFA_b,−1 = B_g,−1 + FB_F,−1 + K_fs,−1 + K_fl,−1 −
W_h,−1 − e_−1·FB_g.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import fsolve


def reference(q: dict[str, Any], case: str, convention: str = "opening") -> dict[str, float]:
    """Solve one period; ``q`` holds the spec's parameters by name in public units.

    ``case``: ``"floor"``, ``"corridor"`` or ``"fixed"`` (the regime assumed to hold).
    """

    def rates(x: float) -> tuple[float, float, float, float, float, float, float]:
        if case == "corridor":
            i_C, eps, B_c = x, 0.0, q["B_c"]
        elif case == "floor":
            i_C, eps, B_c = q["i_R"], x, q["B_c"]
        else:
            i_C, eps, B_c = q["i_FB"] - q["c_FB"], 0.0, x
        beta = eps + q["beta_0"]
        i_D = i_C + beta * (q["i_R"] - i_C) - q["c_D"]  # 2-3-a
        i_L = i_C + q["c_L"]  # 2-4-a
        i_B = i_C + q["c_B"]  # 2-5-a
        if case == "fixed":
            e = q["e_0"]
        else:  # 2-6-a: i_FB + 100·θ(e_0 − e)/e = i_C + c_FB (percent)
            e = q["theta"] * q["e_0"] / (q["theta"] + (i_C + q["c_FB"] - q["i_FB"]) / 100.0)
        return i_C, eps, B_c, i_D, i_L, i_B, e

    def equations(u: np.ndarray) -> list[float]:
        y, x, S_h, W_h, NX, y_1, D_fs, D_fl, D_h = u
        _, eps, B_c, i_D, i_L, i_B, e = rates(x)
        cc = q["cc_0"] - q["cc_1"] * i_D
        FB_F = NX + e / q["e_1"] * (1 + q["i_FB_1"] / 100.0) * q["FB_F_1"]  # 2-6-b
        if convention == "opening":
            y_1_def = e / q["e_1"] * q["i_FB_1"] / 100.0 * q["FB_F_1"]
            y_1g = q["i_FB_1"] / 100.0 * e * q["FB_g"]
        else:
            y_1_def = q["i_FB"] / 100.0 * FB_F
            y_1g = q["i_FB"] / 100.0 * e * q["FB_g"]
        DI = y + (y_1 - y_1g) - q["T"]
        I_fs = q["I_s0"] - q["I_s1"] * i_L
        I_fl = q["I_l0"] - q["I_l1"] * i_B
        D = D_fs + D_fl + D_h
        return [
            y_1 - y_1_def,
            S_h - ((1 - q["c"]) * DI - q["C_0"] - q["omega"] * q["W_h_1"]) / (1 + q["omega"]),
            W_h - q["W_h_1"] - S_h,
            NX - (q["nx_0"] + q["nx_e"] * e + q["nx_F"] * q["y_F"] - q["nx_y"] * y),
            D_fs - (q["a_s"] + q["b_s"] * (i_D - i_L) + q["k_s"] * y),
            D_fl - (q["a_l"] + q["b_l"] * (i_D - i_B) + q["k_l"] * y),
            D_h - (q["a_h"] + q["b_h"] * (i_D - i_B) + q["k_h"] * y + q["w_h"] * W_h),
            S_h - I_fs - I_fl + y_1g + q["T"] - q["G"] - NX - y_1,  # IS 2-1-a
            q["CBL"] + B_c - (cc + eps + q["beta_0"]) * D,  # LM 2-2-a
        ]

    x0 = {"corridor": 0.5, "floor": 0.5, "fixed": 100.0}[case]
    guess = np.array([480.0, x0, 100.0, 1600.0, 15.0, 12.0, 110.0, 100.0, 520.0])
    sol, _, _, msg = fsolve(equations, guess, xtol=1e-13, full_output=True)
    # fsolve may stop with "no further improvement" at rounding level: accept it only if
    # every equation holds to 1e-10 (the stocks are in the hundreds)
    if max(abs(r) for r in equations(sol)) > 1e-10:
        raise RuntimeError(f"reference did not converge: {msg}")
    y, x, S_h, W_h, NX, y_1, D_fs, D_fl, D_h = (float(v) for v in sol)
    i_C, eps, B_c, i_D, i_L, i_B, e = rates(x)
    cc = q["cc_0"] - q["cc_1"] * i_D
    D = D_fs + D_fl + D_h
    FB_F = NX + e / q["e_1"] * (1 + q["i_FB_1"] / 100.0) * q["FB_F_1"]
    rate_g = q["i_FB_1"] if convention == "opening" else q["i_FB"]
    y_1g = rate_g / 100.0 * e * q["FB_g"]
    I_fs = q["I_s0"] - q["I_s1"] * i_L
    I_fl = q["I_l0"] - q["I_l1"] * i_B
    L = (cc + 1) * D_fs + q["K_fs_1"] + I_fs  # 2-4-b
    B_f = (cc + 1) * D_fl + q["K_fl_1"] + I_fl
    B_h = W_h - (cc + 1) * D_h
    B_g = q["B_g_1"] + q["G"] - q["T"] - y_1g  # spec §5
    B_b = B_g + B_f - B_c - B_h  # 2-5-b
    FB_b = FB_F - e * q["FB_g"]
    nfa_b_1 = (q["B_g_1"] + q["FB_F_1"] + q["K_fs_1"] + q["K_fl_1"] - q["W_h_1"]
               - q["e_1"] * q["FB_g"])
    NFA_b = nfa_b_1 + (e / q["e_1"] - 1) * (q["FB_F_1"] - q["e_1"] * q["FB_g"])
    beta = eps + q["beta_0"]
    walras = D + q["CBL"] + NFA_b - beta * D - L - B_b - FB_b
    return {
        "y": y, "i_C": i_C, "i_D": i_D, "i_L": i_L, "i_B": i_B, "e": e, "eps": eps,
        "cc": cc, "D": D, "D_fs": D_fs, "D_fl": D_fl, "D_h": D_h, "M": (cc + 1) * D,
        "multiplier": (cc + 1) / (cc + beta), "S_h": S_h, "W_h": W_h, "NX": NX, "y_1": y_1,
        "y_1g": y_1g, "FB_F": FB_F, "FB_b": FB_b, "L": L, "B_f": B_f, "B_h": B_h,
        "B_g": B_g, "B_b": B_b, "B_c": B_c, "I_fs": I_fs, "I_fl": I_fl,
        "walras_residual": walras, "NFA_b": NFA_b,
    }
