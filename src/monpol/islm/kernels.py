"""Numerical kernels of the flow-of-funds IS-LM model, in the paper's symbols.

Everything here works element by element on Python floats *and* on numpy arrays (only
``+ − × ÷`` are used), so the scalar solver, the dynamics and the vectorised solver share
one implementation of every equation. Rates are **fractions** inside the kernels (0.001 for
0.1 %); the rate sensitivities are per unit of a fraction (100 × the per-point values of the
spec). :func:`kernel_params` converts a validated :class:`~monpol.islm.spec.IslmSpec`.

Equation numbers are those of the seed (Domae, "資金循環と IS-LM 分析"); see spec 04.

Reduction used by the solvers
-----------------------------
Given the call rate i_C, banks' pricing fixes every other rate:

* i_D = i_C + β(ī_R − i_C) − c_D                                          (2-3-a)
  which equals i_C + β_0(ī_R − i_C) − c_D in every equilibrium, because ε(ī_R − i_C) = 0;
* i_L = i_C + c_L                                                           (2-4-a)
* i_B = i_C + c_B                                                           (2-5-a)
* e = θ·e_0 / (θ + i_C + c_FB − ī_FB)                                       (2-6-a)
  (e = e_0 under a fixed exchange rate).

The goods market (2-1-a) is then affine in y (closed form in :func:`goods_market`), and the
high-powered-money market (2-2-a) leaves one equation in i_C (or in ε on the floor).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from monpol.core.units import pct_to_frac

if TYPE_CHECKING:  # pragma: no cover
    from monpol.islm.spec import IslmSpec

__all__ = [
    "Goods",
    "KernelParams",
    "complete",
    "cubic_coefficients",
    "goods_market",
    "kernel_params",
    "lm_gap",
    "lm_gap_slope",
    "money_gap_at",
]

#: widest call-rate range searched above ī_R (fraction: 100 percentage points)
MAX_SPREAD = 1.0
#: first bracketing step above ī_R (fraction: 25 basis points)
FIRST_STEP = 0.0025

Num = Any  # float or numpy array (the kernels are written to accept both)

# Parameters whose public unit is percent (→ fraction ÷100) and whose public unit is "per
# percentage point" (→ per unit of a fraction ×100).
_RATES = ("i_R", "i_CBL", "i_FB", "i_FB_1", "c_D", "c_L", "c_B", "c_FB")
_SLOPES = ("cc_1", "b_s", "b_l", "b_h", "I_s1", "I_l1")


@dataclass(frozen=True, slots=True)
class KernelParams:
    """Parameters in kernel units (rates as fractions); floats or equal-shape arrays.

    ``FB_g`` is the government's foreign-bond holding this period and ``FB_g_open`` the
    holding it started the period with, both in foreign-currency units; ``NFA_b_1`` is the
    banks' opening net worth (already derived when the spec left it out). ``paper`` selects
    the paper's dating of primary income, ``fixed`` the fixed exchange rate.
    """

    i_R: Num
    i_CBL: Num
    beta_0: Num
    CBL: Num
    B_c: Num
    G: Num
    T: Num
    FB_g: Num
    FB_g_open: Num
    C_0: Num
    y_F: Num
    e_0: Num
    theta: Num
    i_FB: Num
    c_D: Num
    c_L: Num
    c_B: Num
    c_FB: Num
    W_h_1: Num
    K_fs_1: Num
    K_fl_1: Num
    FB_F_1: Num
    e_1: Num
    i_FB_1: Num
    B_g_1: Num
    NFA_b_1: Num
    cc_0: Num
    cc_1: Num
    a_s: Num
    b_s: Num
    k_s: Num
    a_l: Num
    b_l: Num
    k_l: Num
    a_h: Num
    b_h: Num
    k_h: Num
    w_h: Num
    c: Num
    omega: Num
    I_s0: Num
    I_s1: Num
    I_l0: Num
    I_l1: Num
    nx_0: Num
    nx_e: Num
    nx_F: Num
    nx_y: Num
    paper: bool = False
    fixed: bool = False


KERNEL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(KernelParams))
_SETTERS = tuple(getattr(KernelParams, f).__set__ for f in KERNEL_FIELDS)


def kernel_params_from(values: dict[str, Any]) -> KernelParams:
    """``KernelParams(**values)`` for a complete, already checked mapping, about twice as fast.

    The frozen dataclass's ``__init__`` sets its 50 fields through ``object.__setattr__``;
    this sets the slots directly (the simulation builds one per period).
    """
    obj = object.__new__(KernelParams)
    for setter, name in zip(_SETTERS, KERNEL_FIELDS, strict=True):
        setter(obj, values[name])
    return obj


def to_kernel_units(name: str, value: Num) -> Num:
    """Convert one public-unit value to kernel units (percent → fraction, per point → per unit)."""
    if name in _RATES:
        return pct_to_frac(value)
    if name in _SLOPES:
        return value * 100.0
    return value


def balancing_nfa_b(
    W_h_1: Num, K_fs_1: Num, K_fl_1: Num, FB_F_1: Num, e_1: Num, FB_g_open: Num, B_g_1: Num
) -> Num:
    """Banks' opening net worth that makes the opening balance sheets consistent.

    Σ NFA_−1 = 0 over the six sectors (central bank: 0) gives
    NFA_b,−1 = B_g,−1 + FB_F,−1 + K_fs,−1 + K_fl,−1 − W_h,−1 − e_−1·FB_g.
    With it the call market clears in the first period (spec §5).
    """
    return B_g_1 + FB_F_1 + K_fs_1 + K_fl_1 - W_h_1 - e_1 * FB_g_open


def kernel_params(spec: IslmSpec, **override: Num) -> KernelParams:
    """Kernel parameters from a spec (public units converted); ``override`` in kernel units."""
    flat = spec.flat()
    values: dict[str, Any] = {}
    for name in KERNEL_FIELDS:
        if name in ("paper", "fixed", "FB_g_open", "NFA_b_1"):
            continue
        values[name] = to_kernel_units(name, float(flat[name]))
    values["FB_g_open"] = values["FB_g"]
    values.update(override)
    nfa = flat["NFA_b_1"]
    if "NFA_b_1" not in override:
        values["NFA_b_1"] = (
            balancing_nfa_b(values["W_h_1"], values["K_fs_1"], values["K_fl_1"],
                            values["FB_F_1"], values["e_1"], values["FB_g_open"],
                            values["B_g_1"])
            if nfa is None else float(nfa)
        )
    values.setdefault("paper", spec.convention == "paper")
    values.setdefault("fixed", spec.policy.fx_regime == "fixed")
    return KernelParams(**values)


@dataclass(slots=True)
class Goods:
    """Everything the call rate and the goods market determine (kernel units).

    A working container of the kernels, never part of a result (results copy the values
    out); not frozen because a frozen dataclass sets each of its 21 fields through
    ``object.__setattr__`` (≈ 5 µs a construction, measured), paid at every evaluation of
    the goods market in the per-period solver.
    """

    i_C: Num
    i_D: Num
    i_L: Num
    i_B: Num
    e: Num
    cc: Num
    I_fs: Num
    I_fl: Num
    y: Num
    NX: Num
    y_1: Num
    y_1g: Num
    y_1b: Num
    DI_h: Num
    S_h: Num
    W_h: Num
    FB_F: Num
    D_fs: Num
    D_fl: Num
    D_h: Num
    D: Num


def exchange_rate(p: KernelParams, i_C: Num) -> Num:
    """e = θ·e_0 / (θ + i_C + c_FB − ī_FB)                                  (2-6-a).

    From uncovered parity with regressive expectations, ī_FB + θ(e_0 − e)/e = i_C + c_FB.
    Defined only while θ + i_C + c_FB − ī_FB > 0 (checked by the spec for i_C ≥ ī_R).
    """
    return p.theta * p.e_0 / (p.theta + i_C + p.c_FB - p.i_FB)


def goods_market(p: KernelParams, i_C: Num, e: Num | None = None) -> Goods:
    """Rates, the goods-market output y and the deposit demands at call rate i_C.

    Parameters
    ----------
    p : KernelParams
    i_C : float or array
        Call rate (fraction).
    e : float or array, optional
        Exchange rate; by default (2-6-a), or e_0 under a fixed rate.

    Notes
    -----
    Pricing (2-3-a), (2-4-a), (2-5-a), (2-6-a) give i_D, i_L, i_B, e. Then

    * cc = cc_0 − cc_1·i_D; I_fs = I_s0 − I_s1·i_L; I_fl = I_l0 − I_l1·i_B;
    * NX = nx_0 + nx_e·e + nx_F·y_F − nx_y·y;
    * (2-6-b) FB_F = NX + (e/e_−1)(1 + ī_FB,−1)·FB_F,−1;
    * primary income, ``opening``: y_1 = (e/e_−1)·ī_FB,−1·FB_F,−1, y_1g = ī_FB,−1·e·FB_g,open;
      ``paper`` (2-1-a as printed): y_1 = ī_FB·FB_F, y_1g = ī_FB·e·FB_g;
    * DI_h = y + y_1b − T with y_1b = y_1 − y_1g; S_h = [(1 − c)DI_h − C_0 − ω·W_h,−1]/(1 + ω)
      (paper note 9); W_h = W_h,−1 + S_h;
    * IS (2-1-a): S_h − I_fs − I_fl + y_1g + T − G = NX + y_1.

    Writing y_1 = Y1a − κ·y (κ = 0 for ``opening``, ī_FB·nx_y for ``paper``) and
    s = (1 − c)/(1 + ω), IS solves in closed form:
    y·[s(1 − κ) + nx_y + κ] = NX_0 + Y1a + G − T − y_1g + I_fs + I_fl + (C_0 + ωW_h,−1)/(1 + ω)
    − s(Y1a − y_1g − T), where NX_0 = nx_0 + nx_e·e + nx_F·y_F.

    Deposit demands (assumptions 15–17): D_fs = a_s + b_s(i_D − i_L) + k_s·y,
    D_fl = a_l + b_l(i_D − i_B) + k_l·y, D_h = a_h + b_h(i_D − i_B) + k_h·y + w_h·W_h.
    """
    i_D = i_C + p.beta_0 * (p.i_R - i_C) - p.c_D
    i_L = i_C + p.c_L
    i_B = i_C + p.c_B
    if e is None:
        e = p.e_0 * (i_C * 0.0 + 1.0) if p.fixed else exchange_rate(p, i_C)
    cc = p.cc_0 - p.cc_1 * i_D
    I_fs = p.I_s0 - p.I_s1 * i_L
    I_fl = p.I_l0 - p.I_l1 * i_B
    NX0 = p.nx_0 + p.nx_e * e + p.nx_F * p.y_F
    carried = e / p.e_1 * (1.0 + p.i_FB_1) * p.FB_F_1
    if p.paper:
        y_1g = p.i_FB * e * p.FB_g
        Y1a = p.i_FB * (NX0 + carried)
        kappa = p.i_FB * p.nx_y
    else:
        y_1g = p.i_FB_1 * e * p.FB_g_open
        Y1a = e / p.e_1 * p.i_FB_1 * p.FB_F_1
        kappa = 0.0
    one_w = 1.0 + p.omega
    s = (1.0 - p.c) / one_w
    s0 = (p.C_0 + p.omega * p.W_h_1) / one_w
    rhs = NX0 + Y1a + p.G - p.T - y_1g + I_fs + I_fl + s0 - s * (Y1a - y_1g - p.T)
    y = rhs / (s * (1.0 - kappa) + p.nx_y + kappa)
    NX = NX0 - p.nx_y * y
    y_1 = Y1a - kappa * y
    y_1b = y_1 - y_1g
    DI_h = y + y_1b - p.T
    S_h = ((1.0 - p.c) * DI_h - p.C_0 - p.omega * p.W_h_1) / one_w
    W_h = p.W_h_1 + S_h
    FB_F = NX + carried
    D_fs = p.a_s + p.b_s * (i_D - i_L) + p.k_s * y
    D_fl = p.a_l + p.b_l * (i_D - i_B) + p.k_l * y
    D_h = p.a_h + p.b_h * (i_D - i_B) + p.k_h * y + p.w_h * W_h
    D = D_fs + D_fl + D_h
    return Goods(i_C, i_D, i_L, i_B, e, cc, I_fs, I_fl, y, NX, y_1, y_1g, y_1b, DI_h, S_h,
                 W_h, FB_F, D_fs, D_fl, D_h, D)


def lm_gap(p: KernelParams, g: Goods, B_c: Num | None = None) -> Num:
    """Excess supply of high-powered money with no excess reserves (ε = 0).

    CBL + B_c − (cc + β_0)·D, from (2-2-a): CBL + B_c = [cc(i_D) + ε + β_0]·D. On the floor
    (i_C = ī_R) ε = gap/D ≥ 0; in the corridor (i_C > ī_R, ε = 0) the call rate makes it 0.
    """
    H = p.CBL + (p.B_c if B_c is None else B_c)
    return H - (g.cc + p.beta_0) * g.D


def money_gap_at(p: KernelParams, i_C: Num, y: Num, H: Num) -> Num:
    """H − (cc + β_0)·D at a given call rate *and* output (the LM curve; ε = 0).

    Unlike :func:`lm_gap`, y is not taken from the goods market: the LM curve is the set
    of (y, i_C) clearing (2-2-a) for a fixed H = CBL + B_c. Household wealth still follows
    saving at that y: W_h = W_h,−1 + S_h(y + y_1b − T).
    """
    i_D = i_C + p.beta_0 * (p.i_R - i_C) - p.c_D
    i_L = i_C + p.c_L
    i_B = i_C + p.c_B
    e = p.e_0 * (i_C * 0.0 + 1.0) if p.fixed else exchange_rate(p, i_C)
    cc = p.cc_0 - p.cc_1 * i_D
    if p.paper:
        y_1g = p.i_FB * e * p.FB_g
        carried = e / p.e_1 * (1.0 + p.i_FB_1) * p.FB_F_1
        y_1 = p.i_FB * (p.nx_0 + p.nx_e * e + p.nx_F * p.y_F - p.nx_y * y + carried)
    else:
        y_1g = p.i_FB_1 * e * p.FB_g_open
        y_1 = e / p.e_1 * p.i_FB_1 * p.FB_F_1
    S_h = ((1.0 - p.c) * (y + y_1 - y_1g - p.T) - p.C_0 - p.omega * p.W_h_1) / (1.0 + p.omega)
    W_h = p.W_h_1 + S_h
    D = (p.a_s + p.b_s * (i_D - i_L) + p.k_s * y + p.a_l + p.b_l * (i_D - i_B) + p.k_l * y
         + p.a_h + p.b_h * (i_D - i_B) + p.k_h * y + p.w_h * W_h)
    return H - (cc + p.beta_0) * D


def lm_gap_slope(p: KernelParams, i_C: Num) -> tuple[Num, Num]:
    """The money-market gap of :func:`lm_gap` (ε = 0) and its derivative in i_C.

    Notes
    -----
    Differentiating the reduction of :func:`goods_market` (floating rate): with
    z = θ + i_C + c_FB − ī_FB, de/di_C = −e/z, so every term proportional to e (NX's e-term,
    the carried foreign bonds, y_1g, the ``opening`` y_1) moves by −1/z of itself;
    di_D/di_C = 1 − β_0, d(i_D − i_L)/di_C = d(i_D − i_B)/di_C = −β_0; I' = −(I_s1 + I_l1);
    y' = [NX_0' + Y1a' − y_1g' + I' − s(Y1a' − y_1g')]/[s(1 − κ) + nx_y + κ];
    S_h' = s(y' + y_1' − y_1g'); D' = −β_0(b_s + b_l + b_h) + (k_s + k_l + k_h)y' + w_h·S_h';
    gap' = cc_1(1 − β_0)·D − (cc + β_0)·D'. Used by the Newton steps of the dynamics and of
    the vectorised solver; tested against finite differences.
    """
    z = p.theta + i_C + p.c_FB - p.i_FB
    e = p.theta * p.e_0 / z
    r = -1.0 / z  # (de/di_C)/e
    i_D = i_C + p.beta_0 * (p.i_R - i_C) - p.c_D
    i_L = i_C + p.c_L
    i_B = i_C + p.c_B
    cc = p.cc_0 - p.cc_1 * i_D
    I_f = p.I_s0 - p.I_s1 * i_L + p.I_l0 - p.I_l1 * i_B
    dI = -(p.I_s1 + p.I_l1)
    NX0 = p.nx_0 + p.nx_e * e + p.nx_F * p.y_F
    dNX0 = p.nx_e * e * r
    carried = e / p.e_1 * (1.0 + p.i_FB_1) * p.FB_F_1
    if p.paper:
        y_1g = p.i_FB * e * p.FB_g
        Y1a = p.i_FB * (NX0 + carried)
        dY1a = p.i_FB * (dNX0 + carried * r)
        kappa = p.i_FB * p.nx_y
    else:
        y_1g = p.i_FB_1 * e * p.FB_g_open
        Y1a = e / p.e_1 * p.i_FB_1 * p.FB_F_1
        dY1a = Y1a * r
        kappa = 0.0
    dy_1g = y_1g * r
    one_w = 1.0 + p.omega
    s = (1.0 - p.c) / one_w
    s0 = (p.C_0 + p.omega * p.W_h_1) / one_w
    den = s * (1.0 - kappa) + p.nx_y + kappa
    y = (NX0 + Y1a + p.G - p.T - y_1g + I_f + s0 - s * (Y1a - y_1g - p.T)) / den
    dy = (dNX0 + dY1a - dy_1g + dI - s * (dY1a - dy_1g)) / den
    y_1 = Y1a - kappa * y
    S_h = ((1.0 - p.c) * (y + y_1 - y_1g - p.T) - p.C_0 - p.omega * p.W_h_1) / one_w
    dS_h = s * (dy + dY1a - kappa * dy - dy_1g)
    W_h = p.W_h_1 + S_h
    ksum = p.k_s + p.k_l + p.k_h
    D = (p.a_s + p.b_s * (i_D - i_L) + p.a_l + p.b_l * (i_D - i_B) + p.a_h + p.b_h * (i_D - i_B)
         + ksum * y + p.w_h * W_h)
    dD = -p.beta_0 * (p.b_s + p.b_l + p.b_h) + ksum * dy + p.w_h * dS_h
    gap = p.CBL + p.B_c - (cc + p.beta_0) * D
    dgap = p.cc_1 * (1.0 - p.beta_0) * D - (cc + p.beta_0) * dD
    return gap, dgap


def cubic_coefficients(p: KernelParams, zero: Num, one: Num) -> tuple[Num, Num, Num, Num]:
    """Coefficients (a, b, c, d) of z·gap(i_C) = a·i³ + b·i² + c·i + d (floating rate).

    With z = θ + i_C + c_FB − ī_FB the exchange rate is e = θe_0/z (2-6-a); cc + β_0 is
    affine in i_C (2-3-a) and the deposit total D is affine in (i_C, e) jointly (the goods
    market is affine in both, see :func:`~monpol.islm.kernels.goods_market`), so with
    cc + β_0 = u_0 + u_1·i and D = v_0 + v_1·i + v_2·e, multiplying the money-market gap
    H − (cc + β_0)·D by z > 0 gives the cubic
    H(z_0 + i) − (u_0 + u_1 i)[(v_0 + v_1 i)(z_0 + i) + v_2 θe_0]. The affine pieces are read
    off the kernel itself (three evaluations), so the cubic is the kernel's, not a copy.

    ``zero`` and ``one`` are 0 and 1 as floats or as arrays of the shape wanted.
    """
    d00 = goods_market(p, zero, zero).D
    v1 = goods_market(p, one, zero).D - d00
    v2 = goods_market(p, zero, one).D - d00
    u1 = -p.cc_1 * (1.0 - p.beta_0) * one
    u0 = (p.cc_0 - p.cc_1 * (p.beta_0 * p.i_R - p.c_D) + p.beta_0) * one
    z0 = (p.theta + p.c_FB - p.i_FB) * one
    A = p.theta * p.e_0
    H = p.CBL + p.B_c
    w0 = d00 * z0 + v2 * A
    w1 = d00 + v1 * z0
    w2 = v1
    a = -u1 * w2
    b = -(u0 * w2 + u1 * w1)
    c = H - u0 * w1 - u1 * w0
    d = H * z0 - u0 * w0
    return a, b, c, d


def complete(p: KernelParams, g: Goods, eps: Num, B_c: Num) -> dict[str, Num]:
    """Every variable of the period, given the solved goods block, ε and B_c (kernel units).

    Notes
    -----
    * cash CC = cc·D; high-powered money H = CBL + B_c; reserves supplied R = H − CC;
      β = ε + β_0; money stock M = (cc + 1)·D; multiplier (cc + 1)/(cc + ε + β_0) (2-2-c);
    * loans (2-4-b) L = (cc + 1)·D_fs + K_fs,−1 + I_fs; firms' bonds
      B_f = (cc + 1)·D_fl + K_fl,−1 + I_fl; household bonds B_h = W_h − (cc + 1)·D_h;
    * government bonds (spec §5) B_g = B_g,−1 + G − T − y_1g + e·(FB_g − FB_g,open);
    * banks' bonds from the bond market (2-5-b) B_b = B_g + B_f − B_c − B_h;
    * banks' foreign bonds FB_b = FB_F − e·FB_g;
    * banks' net worth NFA_b = NFA_b,−1 + (e/e_−1 − 1)·(FB_F,−1 − e_−1·FB_g,open);
    * call market (Walras): CL − CM = D + CBL + NFA_b − β·D − L − B_b − FB_b;
    * goods-market residual (2-1-a) ``is_residual`` (0 up to rounding);
    * accounting gap of the ``paper`` convention: y_1 − (e/e_−1)·ī_FB,−1·FB_F,−1 (0 under
      ``opening``).
    """
    H = p.CBL + B_c
    CC = g.cc * g.D
    R = H - CC
    beta = eps + p.beta_0
    cc1 = g.cc + 1.0
    M = cc1 * g.D
    multiplier = cc1 / (g.cc + beta)
    L = cc1 * g.D_fs + p.K_fs_1 + g.I_fs
    B_f = cc1 * g.D_fl + p.K_fl_1 + g.I_fl
    B_h = g.W_h - cc1 * g.D_h
    FB_g_home = g.e * p.FB_g
    B_g = p.B_g_1 + p.G - p.T - g.y_1g + g.e * (p.FB_g - p.FB_g_open)
    B_b = B_g + B_f - B_c - B_h
    FB_b = g.FB_F - FB_g_home
    revaluation_b = (g.e / p.e_1 - 1.0) * (p.FB_F_1 - p.e_1 * p.FB_g_open)
    NFA_b = p.NFA_b_1 + revaluation_b
    walras = g.D + p.CBL + NFA_b - beta * g.D - L - B_b - FB_b
    gap = g.y_1 - g.e / p.e_1 * p.i_FB_1 * p.FB_F_1
    is_residual = g.S_h - g.I_fs - g.I_fl + g.y_1g + p.T - p.G - g.NX - g.y_1
    return {
        "y": g.y,
        "i_C": g.i_C,
        "i_D": g.i_D,
        "i_L": g.i_L,
        "i_B": g.i_B,
        "e": g.e,
        "eps": eps,
        "beta": beta,
        "cc": g.cc,
        "D": g.D,
        "D_fs": g.D_fs,
        "D_fl": g.D_fl,
        "D_h": g.D_h,
        "CC": CC,
        "R": R,
        "H": H,
        "M": M,
        "multiplier": multiplier,
        "L": L,
        "B_g": B_g,
        "B_c": B_c,
        "B_f": B_f,
        "B_h": B_h,
        "B_b": B_b,
        "FB_F": g.FB_F,
        "FB_g": FB_g_home,
        "FB_b": FB_b,
        "NX": g.NX,
        "y_1": g.y_1,
        "y_1g": g.y_1g,
        "y_1b": g.y_1b,
        "CA": g.NX + g.y_1,
        "DI_h": g.DI_h,
        "S_h": g.S_h,
        "I_fs": g.I_fs,
        "I_fl": g.I_fl,
        "W_h": g.W_h,
        "K_fs": p.K_fs_1 + g.I_fs,
        "K_fl": p.K_fl_1 + g.I_fl,
        "NFA_b": NFA_b,
        "walras_residual": walras,
        "lm_residual": H - (g.cc + beta) * g.D,
        "accounting_gap": gap,
        "is_residual": is_residual,
        "G": p.G,
        "T": p.T,
        "CBL": p.CBL,
        # opening net financial assets by sector and this period's revaluations (home
        # currency); used by the sector balances (transactions side of the accounts)
        "NFA_g_1": p.e_1 * p.FB_g_open - p.B_g_1,
        "NFA_b_1": p.NFA_b_1,
        "NFA_f_1": -(p.K_fs_1 + p.K_fl_1),
        "NFA_h_1": p.W_h_1,
        "NFA_F_1": -p.FB_F_1,
        "reval_g": (g.e - p.e_1) * p.FB_g_open,
        "reval_b": revaluation_b,
        "reval_F": -(g.e / p.e_1 - 1.0) * p.FB_F_1,
    }
