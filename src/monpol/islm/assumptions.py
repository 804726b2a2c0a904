"""The model assumptions an equilibrium must satisfy, checked element by element.

Each check names the paper's assumption, tests the solved variables (floats or arrays, kernel
units) and, for a scalar equilibrium, describes the violation with the numbers. The solvers
raise :class:`~monpol.core.errors.AccountingError` on a violation, or flag it on request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from monpol.core.units import frac_to_pct
from monpol.islm.kernels import KernelParams

__all__ = ["ASSUMPTIONS", "CODES", "Assumption", "Violation", "check_assumptions", "describe", "violated"]

Values = Mapping[str, Any]


@dataclass(frozen=True)
class Assumption:
    """One assumption: a code, the paper's reference and the condition in words."""

    code: str
    reference: str
    text: str


@dataclass(frozen=True)
class Violation:
    """A violated assumption in a solved equilibrium, with the numbers."""

    code: str
    reference: str
    message: str

    def __str__(self) -> str:
        return f"{self.reference}: {self.message}"


def _pct(x: Any) -> str:
    return f"{frac_to_pct(float(x)):.6g} %"


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("B_b>=0", "assumption 26", "banks' bond holdings B_b are non-negative"),
    Assumption("FB_b>=0", "assumption 29", "banks' foreign-bond holdings FB_b are non-negative"),
    Assumption("i_CBL<=i_C", "assumption 19", "central-bank lending rate ī_CBL ≤ call rate i_C"),
    Assumption("cc>=0", "assumption 12", "cash/deposit ratio cc(i_D) is non-negative"),
    Assumption("e_defined", "eq. (2-6-a)",
               "exchange rate defined: θ + (i_C + c_FB − ī_FB)/100 > 0 (floating rate; "
               "rates in percent)"),
    Assumption("y>0", "model", "output y (GDI) is positive"),
    Assumption("deposits>=0", "assumptions 15-17",
               "deposit demands D_fs, D_fl, D_h are non-negative"),
    Assumption("W_h>0", "assumption 8", "household net worth W_h is positive"),
    Assumption("B_h>=0", "assumption 27", "household bond holdings B_h are non-negative"),
    Assumption("B_c>=0", "paper note 17",
               "central-bank bond holdings B_c (endogenous under a fixed rate) are non-negative"),
    Assumption("walras", "call market (Walras)",
               "banks' balance-sheet constraint: CL − CM = 0 (plus the paper convention's "
               "accumulated gap)"),
)

_BY_CODE = {a.code: a for a in ASSUMPTIONS}

#: the codes of :data:`ASSUMPTIONS`, in order (the order of :func:`violated`)
CODES: tuple[str, ...] = tuple(a.code for a in ASSUMPTIONS)


def violated(v: Values, p: KernelParams, w: Any) -> tuple[Any, ...]:
    """True where each assumption of :data:`ASSUMPTIONS` (in that order) is violated.

    ``v`` holds the solved variables (kernel units), ``w`` what the call-market residual
    should be. Only comparisons, ``|`` and ``abs`` are used, so the same function works on
    floats (the scalar solver and the dynamics), on arrays (the vectorised solver) and in
    the compiled engine (:mod:`monpol.islm.compiled`, which reads ``v["name"]`` as a
    position); the solvers make sure values are finite first.
    """
    tol = 1e-10 * abs(v["D"]) + 1e-12  # for "non-negative": rounding in sums of stocks ~1e-13·D
    return (
        v["B_b"] < -tol,
        v["FB_b"] < -tol,
        p.i_CBL > v["i_C"] + 1e-14,
        v["cc"] < 0.0,
        v["i_C"] != v["i_C"] if p.fixed else p.theta + v["i_C"] + p.c_FB - p.i_FB <= 0.0,
        v["y"] <= 0.0,
        (v["D_fs"] < -tol) | (v["D_fl"] < -tol) | (v["D_h"] < -tol),
        v["W_h"] <= 0.0,
        v["B_h"] < -tol,
        v["B_c"] < -tol,
        abs(v["walras_residual"] - w) > 1e-9 * abs(v["D"]) + 1e-9,
    )


def check_assumptions(v: Values, p: KernelParams, *, walras_expected: Any = 0.0) -> dict[str, Any]:
    """Which assumptions each equilibrium violates: code -> bool (or bool array).

    ``walras_expected`` is what the call-market residual should be: 0 under the ``opening``
    convention, the accumulated accounting gap under ``paper``.
    """
    return dict(zip(CODES, violated(v, p, walras_expected), strict=True))


def describe(code: str, v: Values, p: KernelParams, *, walras_expected: float = 0.0) -> Violation:
    """A :class:`Violation` for a scalar equilibrium, quoting the numbers."""
    a = _BY_CODE[code]
    f = {k: float(x) for k, x in v.items()}
    if code == "B_b>=0":
        msg = (f"banks' bond holdings B_b = {f['B_b']:.6g} < 0 (bond market (2-5-b): "
               f"B_g {f['B_g']:.6g} + B_f {f['B_f']:.6g} − B_c {f['B_c']:.6g} − "
               f"B_h {f['B_h']:.6g})")
    elif code == "FB_b>=0":
        msg = (f"banks' foreign bonds FB_b = {f['FB_b']:.6g} < 0 (FB_F {f['FB_F']:.6g} − "
               f"e·FB_g {f['FB_g']:.6g})")
    elif code == "i_CBL<=i_C":
        msg = f"ī_CBL = {_pct(p.i_CBL)} exceeds the call rate i_C = {_pct(f['i_C'])}"
    elif code == "cc>=0":
        msg = (f"cash/deposit ratio cc = cc_0 − cc_1·i_D = {f['cc']:.6g} < 0 at "
               f"i_D = {_pct(f['i_D'])}")
    elif code == "e_defined":
        z = float(p.theta + f["i_C"] + p.c_FB - p.i_FB)
        msg = (f"θ + (i_C + c_FB − ī_FB)/100 = {float(p.theta):.6g} + ("
               f"{frac_to_pct(float(f['i_C'])):.6g} + {frac_to_pct(float(p.c_FB)):.6g} − "
               f"{frac_to_pct(float(p.i_FB)):.6g})"
               f"/100 = {z:.6g} ≤ 0 (rates in percent): (2-6-a) defines no exchange rate")
    elif code == "y>0":
        msg = f"output y = {f['y']:.6g} is not positive"
    elif code == "deposits>=0":
        msg = (f"deposit demands D_fs = {f['D_fs']:.6g}, D_fl = {f['D_fl']:.6g}, "
               f"D_h = {f['D_h']:.6g}: at least one is negative")
    elif code == "W_h>0":
        msg = f"household net worth W_h = {f['W_h']:.6g} is not positive"
    elif code == "B_h>=0":
        msg = (f"household bonds B_h = W_h − (cc + 1)·D_h = {f['B_h']:.6g} < 0 "
               f"(W_h {f['W_h']:.6g}, D_h {f['D_h']:.6g})")
    elif code == "B_c>=0":
        msg = (f"central-bank bonds needed to hold the peg B_c = (cc + β)·D − CBL = "
               f"{f['H']:.6g} − {f['CBL']:.6g} = {f['B_c']:.6g} < 0")
    else:  # walras
        msg = (f"call-market residual CL − CM = {f['walras_residual']:.6g}, expected "
               f"{walras_expected:.6g} (relative to D = {f['D']:.6g}: "
               f"{abs(f['walras_residual'] - walras_expected) / max(abs(f['D']), 1e-300):.3e}); "
               f"the opening state is inconsistent (check NFA_b_1)")
    return Violation(code, a.reference, msg)
