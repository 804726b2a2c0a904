"""Generated simulation loops: one Python function per compiled model (the fast path).

:meth:`CompiledModel.solve_period` walks the blocks with numpy arrays and lambdified
functions; that costs tens of microseconds per period, mostly call and array overhead.
This module writes, once per compiled model, the source of one function that runs every
period of a simulation with plain local variables:

* a direct block ``x = f(...)`` becomes one assignment;
* a simultaneous block that is linear in its variables (its Jacobian does not contain
  them, no ``max``/``min``/``where``) is solved symbolically once (``sympy`` LU solve of
  ``J x = -F(0)``), and every period evaluates the closed form, then checks the exact
  residuals with the same tolerance as the reference solver;
* any other block (nonlinear, regimes) calls the block's reference solver
  (:meth:`_Solver.solve` / :meth:`_Solver.solve_many`: Newton, scipy fallback).

Two flavours are generated from the same blocks: *scalar* (floats, the ``math`` module;
:func:`simulate`) and *vector* (numpy arrays across scenarios; :func:`simulate_many`).

The generated code is printed from the sympy expressions the safe parser
(:mod:`monpol.sfc.parse`) built; symbols are renamed ``v<i>`` / ``l<i>`` (current / lagged
value of variable ``i``), so no user text reaches the source. The fast path is an
optimisation only: if it raises anything (a division by zero, a residual above tolerance,
a block that did not converge) or returns a non-finite number, the caller reruns the
reference path, which then gives the result or the error with its period and block.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter
from sympy.printing.pycode import PythonCodePrinter

if TYPE_CHECKING:  # pragma: no cover
    from monpol.sfc.compile import CompiledModel, _Solver

__all__ = ["Kernel", "build_kernel"]

#: linear blocks up to this size are solved in closed form; larger ones use the solver
MAX_LINEAR = 10
#: closed forms with more operations than this use the solver instead
MAX_OPS = 5000


class _Fallback(Exception):
    """Raised inside generated code: let the reference path redo the run."""


def _nested(fn: str, args: Sequence[str]) -> str:
    out = args[0]
    for a in args[1:]:
        out = f"{fn}({out}, {a})"
    return out


class _ScalarPrinter(PythonCodePrinter):  # type: ignore[misc]
    """Python floats; ``max``/``min`` propagate nan as numpy does (builtins do not)."""

    def _print_Max(self, expr: Any) -> str:
        return _nested("_max", [self._print(a) for a in expr.args])

    def _print_Min(self, expr: Any) -> str:
        return _nested("_min", [self._print(a) for a in expr.args])


class _VectorPrinter(NumPyPrinter):  # type: ignore[misc]
    """numpy arrays across scenarios (scalars broadcast)."""

    def _print_Max(self, expr: Any) -> str:
        return _nested("numpy.maximum", [self._print(a) for a in expr.args])

    def _print_Min(self, expr: Any) -> str:
        return _nested("numpy.minimum", [self._print(a) for a in expr.args])

    def _print_Piecewise(self, expr: Any) -> str:
        pieces = list(expr.args)
        out = "numpy.nan"
        for value, cond in reversed(pieces):
            if cond == sp.true:
                out = self._print(value)
            else:
                out = f"numpy.where({self._print(cond)}, {self._print(value)}, {out})"
        return out


def _max(a: float, b: float) -> float:
    return a if a >= b else (b if b > a else math.nan)


def _min(a: float, b: float) -> float:
    return a if a <= b else (b if b < a else math.nan)


def _bad_vector(res: tuple[Any, ...], xs: tuple[Any, ...], tol: float) -> bool:
    worst = np.max(np.abs(np.array(np.broadcast_arrays(*res))), axis=0)
    scale = np.maximum(1.0, np.max(np.abs(np.array(np.broadcast_arrays(*xs))), axis=0))
    return not bool(np.all(worst <= tol * scale))


class Kernel:
    """The generated scalar and vector simulation loops of one compiled model."""

    def __init__(self, comp: CompiledModel, scalar: Callable[..., Any],
                 vector: Callable[..., Any], source: str) -> None:
        self.comp = comp
        self._scalar = scalar
        self._vector = vector
        self.source = source  # the scalar loop's text, for inspection

    def run(self, opening: np.ndarray, paths: np.ndarray) -> np.ndarray | None:
        """Periods x base values, or None when the reference path must redo the run."""
        rows = paths.tolist()
        try:
            out = np.array(self._scalar(rows, opening.tolist()), dtype=float)
        except Exception:  # _Fallback, ZeroDivisionError, OverflowError, complex powers, ...
            return None
        if out.shape != (len(rows), self.comp.n_base) or not np.all(np.isfinite(out)):
            return None
        return out

    def run_many(self, opening: np.ndarray, given: list[Any], periods: int,
                 scenarios: int) -> np.ndarray | None:
        """Periods x base values x scenarios (``given[j]``: float or periods x S array)."""
        nb = self.comp.n_base
        rows = [tuple(g if isinstance(g, float) else g[t] for g in given) for t in range(periods)]
        out = np.empty((periods, nb, scenarios))
        try:
            with np.errstate(all="ignore"):
                self._vector(rows, opening.tolist(), out)
        except Exception:
            return None
        if not np.all(np.isfinite(out)):
            return None
        return out  # periods x names x scenarios


def _callback(solver: _Solver, n_names: int, vector: bool) -> Callable[..., tuple[Any, ...]]:
    arg_idx = solver.arg_idx
    var_idx = solver.var_idx

    if not vector:
        scratch = np.zeros(n_names)

        def call(args: tuple[float, ...]) -> tuple[float, ...]:
            scratch[arg_idx] = args
            solver.solve(scratch, "generated loop")
            return tuple(scratch[var_idx].tolist())

        return call

    def call_many(args: tuple[Any, ...]) -> tuple[Any, ...]:
        size = max((np.size(a) for a in args), default=1)
        vals = np.zeros((n_names, size))
        for i, a in zip(arg_idx.tolist(), args, strict=True):
            vals[i] = a
        solver.solve_many(vals, "generated loop")
        return tuple(vals[var_idx])

    return call_many


def build_kernel(comp: CompiledModel) -> Kernel | None:
    """Generate the loops of ``comp``; None if some expression cannot be printed."""
    try:
        return _build(comp)
    except Exception:  # an expression the printers or the symbolic solve cannot handle
        return None


def _build(comp: CompiledModel) -> Kernel:
    nb = comp.n_base
    rename: dict[sp.Symbol, sp.Symbol] = {}
    for i, name in enumerate(comp.names):
        new = f"v{i}" if i < nb else f"l{i - nb}"
        rename[sp.Symbol(name, real=True)] = sp.Symbol(new)
    given = [int(i) for i in comp.given_idx]
    used_lags: set[int] = set()
    # (kind, payload) per block: ("direct", (var, expr)), ("linear", (vars, sols, res)),
    # ("call", (solver index, arg names, var names))
    steps: list[tuple[str, Any]] = []
    for k, s in enumerate(comp._solvers):
        for e in s.exprs:
            for sym in sp.sympify(e).free_symbols:
                i = comp.index[sym.name]
                if i >= nb:
                    used_lags.add(i - nb)
        names = [f"v{int(i)}" for i in s.var_idx]
        if s.block.direct:
            steps.append(("direct", (names[0], s.exprs[0].xreplace(rename))))
            continue
        k_n = len(s.var_idx)
        if s.linear and k_n <= MAX_LINEAR:
            jac = sp.Matrix(s.jac_expr)
            res = sp.Matrix(s.exprs)
            const = res.xreplace({v: 0 for v in s.var_syms})
            sol = list(jac.LUsolve(-const))
            if sum(sp.count_ops(e) for e in sol) <= MAX_OPS:
                steps.append(("linear", (names, [e.xreplace(rename) for e in sol],
                                         [e.xreplace(rename) for e in s.exprs])))
                continue
        args = [str(rename[sp.Symbol(comp.names[int(i)], real=True)]) for i in s.arg_idx]
        for i in s.arg_idx:
            if int(i) >= nb:
                used_lags.add(int(i) - nb)
        steps.append(("call", (k, args, names)))

    def source(printer: Any, vector: bool) -> str:
        lines = ["def _loop(_rows, _opening" + (", _out):" if vector else "):")]
        lines.append("    " + ", ".join(f"v{i}" for i in range(nb)) + ", = _opening")
        for i in sorted(used_lags):
            lines.append(f"    l{i} = v{i}")
        if vector:
            lines.append("    _t = -1")
        else:
            lines.append("    _res = []")
            lines.append("    _app = _res.append")
        lines.append("    for " + ", ".join(f"v{i}" for i in given) + ", in _rows:")
        body: list[str] = []
        if vector:
            body.append("_t += 1")
        tmp = 0
        for kind, payload in steps:
            if kind == "direct":
                var, expr = payload
                body.append(f"{var} = {printer.doprint(expr)}")
            elif kind == "linear":
                names, sols, res = payload
                subs, reduced = sp.cse(sols, symbols=sp.numbered_symbols(f"_c{tmp}_"))
                tmp += 1
                for sym, e in subs:
                    body.append(f"{sym} = {printer.doprint(e)}")
                # simultaneous assignment: the closed form reads no block variable
                body.append(", ".join(names) + ", = " + ", ".join(printer.doprint(e) for e in reduced) + ",")
                if vector:
                    body.append(f"if _bad(({', '.join(printer.doprint(r) for r in res)},), "
                                f"({', '.join(names)},), _TOL): raise _Fallback")
                else:  # inline: the exact residuals within the reference solver's tolerance
                    worst = ", ".join(f"abs({printer.doprint(r)})" for r in res)
                    scale = ", ".join(f"abs({n})" for n in names)
                    body.append(f"if not max({worst}, 0.0) <= _TOL * max(1.0, {scale}): raise _Fallback")
            else:
                k, args, names = payload
                body.append(", ".join(names) + f", = _cb{k}(({', '.join(args)},))")
        if vector:
            body += [f"_out[_t, {i}] = v{i}" for i in range(nb)]
        else:
            body.append("_app((" + ", ".join(f"v{i}" for i in range(nb)) + ",))")
        body += [f"l{i} = v{i}" for i in sorted(used_lags)]
        lines += ["        " + b for b in body]
        lines.append("    return " + ("None" if vector else "_res"))
        return "\n".join(lines) + "\n"

    from monpol.sfc.compile import _TOL

    loops: list[Callable[..., Any]] = []
    texts: list[str] = []
    for printer, vector in ((_ScalarPrinter(), False), (_VectorPrinter(), True)):
        text = source(printer, vector)
        namespace: dict[str, Any] = {
            "math": math, "numpy": np, "_max": _max, "_min": _min, "_Fallback": _Fallback,
            "_TOL": _TOL, "_bad": _bad_vector,
        }
        for kind, payload in steps:
            if kind == "call":
                k = payload[0]
                namespace[f"_cb{k}"] = _callback(comp._solvers[k], len(comp.names), vector)
        code = compile(text, f"<monpol.sfc loop of {comp.model.name!r}>", "exec")
        exec(code, namespace)  # the source is printed from parsed sympy trees (module doc)
        loops.append(namespace["_loop"])
        texts.append(text)
    return Kernel(comp, loops[0], loops[1], texts[0])
