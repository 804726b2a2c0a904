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
* any other block (nonlinear, regimes) runs Newton's method inline in the scalar loop
  (analytic Jacobian from its nonzero entries, the reference solver's acceptance test on
  the exact residuals, no line search: a block that does not converge in a few iterations
  hands the run to the reference path); the vector loop calls the block's batched solver
  (:meth:`_Solver.solve_many`).

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
#: Newton iterations of the generated loop before it hands the run to the reference path
_NEWTON_ITER = 30


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
    worst: Any = 0.0
    for r in res:
        worst = np.maximum(worst, np.abs(r))
    scale: Any = 1.0
    for x in xs:
        scale = np.maximum(scale, np.abs(x))
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


def _newton_step(k: int, nonzero: list[tuple[int, int, Any]]) -> Callable[..., list[float]]:
    """J^-1 f for one block, J given by its nonzero entries (in the order of ``nonzero``)."""
    rows = np.array([i for i, _, _ in nonzero], dtype=np.intp)
    cols = np.array([j for _, j, _ in nonzero], dtype=np.intp)
    jm = np.zeros((k, k))
    solve, lstsq, singular = np.linalg.solve, np.linalg.lstsq, np.linalg.LinAlgError

    def step(cells: tuple[float, ...], f: tuple[float, ...]) -> list[float]:
        jm[rows, cols] = cells
        try:
            out: list[float] = solve(jm, f).tolist()
        except singular:  # e.g. on the kink of max(z, 0): least squares, as the solver does
            out = lstsq(jm, f, rcond=None)[0].tolist()
        return out

    return step


def build_kernel(comp: CompiledModel, tol: float) -> Kernel | None:
    """Generate the loops of ``comp`` (blocks accepted at ``tol``, the solver's tolerance);
    None if some expression cannot be printed."""
    try:
        return _build(comp, tol)
    except Exception:  # an expression the printers or the symbolic solve cannot handle
        return None


def _build(comp: CompiledModel, tol: float) -> Kernel:
    nb = comp.n_base
    rename: dict[sp.Symbol, sp.Symbol] = {}
    for i, name in enumerate(comp.names):
        new = f"v{i}" if i < nb else f"l{i - nb}"
        rename[sp.Symbol(name, real=True)] = sp.Symbol(new)
    given = [int(i) for i in comp.given_idx]
    used_lags: set[int] = set()
    # (kind, payload) per block: ("direct", (var, expr)), ("linear", (vars, sols, res)),
    # ("newton", (solver index, arg names, var names, residuals, nonzero Jacobian cells))
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
        jac = sp.Matrix(s.jac_expr)
        nonzero = [(i, j, jac[i, j].xreplace(rename)) for i in range(k_n) for j in range(k_n)
                   if jac[i, j] != 0]
        steps.append(("newton", (k, args, names, [e.xreplace(rename) for e in s.exprs], nonzero)))

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
            elif vector:  # the block's batched Newton solver
                k, args, names = payload[:3]
                body.append(", ".join(names) + f", = _cb{k}(({', '.join(args)},))")
            else:  # Newton's method inline; anything unusual: the reference path
                k, args, names, res, nonzero = payload
                cells = ", ".join(printer.doprint(e) for _, _, e in nonzero)
                worst = ", ".join(f"abs({printer.doprint(r)})" for r in res)
                scale = ", ".join(f"abs({n})" for n in names)
                fres = ", ".join(printer.doprint(r) for r in res)
                update = ", ".join(names) + ", = " + ", ".join(
                    f"{n} - _dx[{i}]" for i, n in enumerate(names)) + ","
                body += [
                    f"for _it in range({_NEWTON_ITER}):",
                    f"    _f = ({fres},)",
                    f"    _w = max({worst}, 0.0)",
                    f"    if _w <= _TOL * max(1.0, {scale}): break",
                    f"    _dx = _step{k}(({cells},), _f)",
                    f"    {update}",
                    "else:",
                    "    raise _Fallback",
                    # one more step from the converged point (to round-off), kept if not
                    # worse: the reference solver's polish
                    "if _w > 0.0:",
                    f"    _old = ({', '.join(names)},)",
                    f"    _dx = _step{k}(({cells},), _f)",
                    f"    {update}",
                    f"    if not max({worst}, 0.0) <= _w: {', '.join(names)}, = _old",
                ]
        if vector:
            body += [f"_out[_t, {i}] = v{i}" for i in range(nb)]
        else:
            body.append("_app((" + ", ".join(f"v{i}" for i in range(nb)) + ",))")
        body += [f"l{i} = v{i}" for i in sorted(used_lags)]
        lines += ["        " + b for b in body]
        lines.append("    return " + ("None" if vector else "_res"))
        return "\n".join(lines) + "\n"

    loops: list[Callable[..., Any]] = []
    texts: list[str] = []
    for printer, vector in ((_ScalarPrinter(), False), (_VectorPrinter(), True)):
        text = source(printer, vector)
        namespace: dict[str, Any] = {
            "math": math, "numpy": np, "_max": _max, "_min": _min, "_Fallback": _Fallback,
            "_TOL": tol, "_bad": _bad_vector,
        }
        for kind, payload in steps:
            if kind == "newton":
                k = payload[0]
                if vector:
                    namespace[f"_cb{k}"] = _callback(comp._solvers[k], len(comp.names), vector)
                else:
                    namespace[f"_step{k}"] = _newton_step(len(payload[2]), payload[4])
        code = compile(text, f"<monpol.sfc loop of {comp.model.name!r}>", "exec")
        exec(code, namespace)  # the source is printed from parsed sympy trees (module doc)
        loops.append(namespace["_loop"])
        texts.append(text)
    return Kernel(comp, loops[0], loops[1], texts[0])
