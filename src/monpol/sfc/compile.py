"""Compilation: equations to numpy residuals, analytic Jacobians and solution blocks.

Steps (done once per model, :func:`compile_model`):

1. every equation is parsed (:mod:`monpol.sfc.parse`) and its symbols checked against the
   declaration (an unknown symbol raises :class:`InputError` naming label, symbol, line);
2. each equation is matched to the endogenous variable it determines: the left-hand
   variable when every equation is written ``x = f(...)``, else a maximum bipartite matching
   (Hopcroft-Karp, networkx); no perfect matching means the system is structurally singular;
3. the dependency graph (equation i needs the variable of equation j) is split into strongly
   connected components, ordered topologically (as sfcr and Fair-Taylor style solvers do);
4. a block of one equation ``x = f(others)`` with ``x`` not on the right is evaluated
   directly; every other block is solved by Newton's method with the analytic Jacobian
   (``sympy.diff`` then ``sympy.lambdify(..., "numpy")``), with backtracking, falling back
   to :func:`scipy.optimize.root` (hybr). The result is accepted only if the *exact*
   residuals (with max/min/where evaluated as written) are below tolerance, so a regime
   switch inside a simultaneous block cannot return a point on the wrong branch; otherwise
   :class:`ConvergenceError` names the block's variables, the worst equation and its residual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import scipy.optimize
import sympy as sp

from monpol.core.errors import ConvergenceError, InputError
from monpol.sfc.parse import (
    ParsedEquation,
    lag_name,
    lagged_of,
    parse_condition,
    parse_equation,
    parse_expression,
)
from monpol.sfc.spec import Model

__all__ = ["Block", "CompiledModel", "compile_model"]

_TOL = 1e-10
_MAX_ITER = 60


@dataclass(frozen=True)
class Block:
    """One solution block: its variables and equation labels, solved directly or jointly."""

    variables: tuple[str, ...]
    equations: tuple[str, ...]
    direct: bool


def _lambdify(args: list[sp.Symbol], expr: Any) -> Callable[..., Any]:
    return sp.lambdify(args, expr, modules="numpy", cse=True)  # type: ignore[no-any-return]


class _Solver:
    """Callable pieces of one block, with the indices of the values they read and write."""

    def __init__(self, block: Block, eqs: list[ParsedEquation], var_syms: list[sp.Symbol],
                 index: dict[str, int]) -> None:
        self.block = block
        self.labels = [e.label for e in eqs]
        self.var_idx = np.array([index[s.name] for s in var_syms], dtype=np.intp)
        self.var_syms = var_syms
        if block.direct:
            expr = eqs[0].rhs
            self.exprs: list[Any] = [expr]
            self.linear = False
            args = sorted(expr.free_symbols, key=lambda s: s.name)
            self.arg_idx = np.array([index[s.name] for s in args], dtype=np.intp)
            self.fun = _lambdify(args, expr)
            self.jac = None
            return
        res = [e.residual for e in eqs]
        self.exprs = res
        free = set().union(*(r.free_symbols for r in res))
        args = sorted(free | set(var_syms), key=lambda s: s.name)
        self.arg_idx = np.array([index[s.name] for s in args], dtype=np.intp)
        self.fun = _lambdify(args, res)
        jac = sp.Matrix([[sp.diff(r, v) for v in var_syms] for r in res])
        self.jac_expr = jac
        self.jac = _lambdify(args, jac)
        self.jac_flat = _lambdify(args, list(jac))  # for many scenarios at once (broadcasting)
        # a block linear in its variables (Jacobian free of them) is solved by one exact step
        self.linear = not (jac.free_symbols & set(var_syms)) and not jac.has(sp.Piecewise, sp.Heaviside)

    def _residual(self, vals: np.ndarray, x: np.ndarray) -> np.ndarray:
        vals[self.var_idx] = x
        return np.asarray(self.fun(*vals[self.arg_idx].tolist()), dtype=float).reshape(-1)

    def _polish(self, vals: np.ndarray, x: np.ndarray, f: np.ndarray, norm: float) -> None:
        """One more Newton step from a converged point (to round-off); kept if not worse."""
        if norm > 0.0:
            assert self.jac is not None
            k = len(x)
            jm = np.asarray(self.jac(*vals[self.arg_idx].tolist()), dtype=float).reshape(k, k)
            try:
                xn = x + np.linalg.solve(jm, -f)
            except np.linalg.LinAlgError:
                xn = x
            fn = self._residual(vals, xn)
            if np.all(np.isfinite(fn)) and float(np.max(np.abs(fn))) <= norm:
                return  # vals now hold xn
        vals[self.var_idx] = x

    def _linear_step(self, vals: np.ndarray, x: np.ndarray, k: int) -> bool:
        """x - J^-1 F(x) for a linear block; True if the exact residuals then vanish."""
        f = self._residual(vals, x)
        assert self.jac is not None
        jm = np.asarray(self.jac(*vals[self.arg_idx].tolist()), dtype=float).reshape(k, k)
        try:
            z = x + np.linalg.solve(jm, -f)
        except np.linalg.LinAlgError:
            vals[self.var_idx] = x
            return False
        fz = self._residual(vals, z)
        if np.all(np.isfinite(fz)) and float(np.max(np.abs(fz))) <= _TOL * max(1.0, float(np.max(np.abs(z)))):
            return True
        vals[self.var_idx] = x
        return False

    def solve_many(self, vals: np.ndarray, where: str) -> None:
        """Solve the block for every scenario at once; ``vals`` is names x S (C order).

        Newton steps are batched (one k x k solve per scenario, numpy-broadcast); scenarios
        that have not converged after the batched iterations are solved one by one with
        :meth:`solve` (backtracking, scipy fallback, the same error if none converges).
        """
        s_n = vals.shape[1]

        def rows(raw: Any) -> np.ndarray:
            out = np.empty((len(raw), s_n))
            for i, e in enumerate(raw):
                out[i] = e
            return out

        if self.block.direct:
            vals[self.var_idx[0]] = self.fun(*vals[self.arg_idx])
            return
        k = len(self.var_idx)
        x = vals[self.var_idx]
        x[~np.isfinite(x)] = 0.0
        done = np.zeros(s_n, dtype=bool)
        for _ in range(_MAX_ITER):
            vals[self.var_idx] = x
            args = vals[self.arg_idx]
            f = rows(self.fun(*args))
            scale = np.maximum(1.0, np.abs(x).max(axis=0))
            done = np.isfinite(f).all(axis=0) & (np.abs(f).max(axis=0) <= _TOL * scale)
            if done.all():
                break
            jm = rows(self.jac_flat(*args)).T.reshape(s_n, k, k)
            try:
                dx = np.linalg.solve(jm, -f.T[..., None])[..., 0].T
            except np.linalg.LinAlgError:
                break
            x = np.where(done[None, :], x, x + dx)
        vals[self.var_idx] = x
        for i in np.flatnonzero(~done):
            col = vals[:, i].copy()
            self.solve(col, f"{where}, scenario {i + 1}")
            vals[:, i] = col

    def solve(self, vals: np.ndarray, where: str) -> None:
        if self.block.direct:
            vals[self.var_idx[0]] = self.fun(*vals[self.arg_idx].tolist())
            return
        k = len(self.var_idx)
        x = vals[self.var_idx].astype(float).copy()
        x[~np.isfinite(x)] = 0.0
        if self.linear and self._linear_step(vals, x, k):
            return
        with np.errstate(all="ignore"):
            f = self._residual(vals, x)
            norm = float(np.max(np.abs(f))) if np.all(np.isfinite(f)) else np.inf
            for _ in range(_MAX_ITER):
                if norm <= _TOL * max(1.0, float(np.max(np.abs(x)))):
                    self._polish(vals, x, f, norm)
                    return
                assert self.jac is not None
                jm = np.asarray(self.jac(*vals[self.arg_idx].tolist()), dtype=float).reshape(k, k)
                try:
                    dx = np.linalg.solve(jm, -f)
                except np.linalg.LinAlgError:
                    dx = np.linalg.lstsq(jm, -f, rcond=None)[0]
                if not np.all(np.isfinite(dx)):
                    break
                step = 1.0
                while step > 1e-6:
                    xn = x + step * dx
                    fn = self._residual(vals, xn)
                    nn = float(np.max(np.abs(fn))) if np.all(np.isfinite(fn)) else np.inf
                    if nn < norm or (step == 1.0 and nn == 0.0):
                        break
                    step *= 0.5
                else:
                    break  # no descent: hand over to the fallback
                x, f, norm = xn, fn, nn
            # fallback: scipy's hybrid Powell method with the analytic Jacobian
            def fun(z: np.ndarray) -> np.ndarray:
                return self._residual(vals, z)

            def jac(z: np.ndarray) -> np.ndarray:
                vals[self.var_idx] = z
                assert self.jac is not None
                return np.asarray(self.jac(*vals[self.arg_idx].tolist()), dtype=float).reshape(k, k)

            sol = scipy.optimize.root(fun, x, jac=jac, method="hybr")
            z = np.asarray(sol.x, dtype=float)
            fz = self._residual(vals, z)
        good = np.all(np.isfinite(fz)) and float(np.max(np.abs(fz))) <= (
            _TOL * 100 * max(1.0, float(np.max(np.abs(z)))))
        if good:
            vals[self.var_idx] = z
            return
        best = fz if (np.all(np.isfinite(fz)) and np.max(np.abs(fz)) <= norm) else f
        worst = int(np.nanargmax(np.where(np.isfinite(best), np.abs(best), np.inf)))
        raise ConvergenceError(
            f"{where}: the block of {', '.join(self.block.variables)} did not converge; the "
            f"worst equation is {self.labels[worst]!r} with residual {float(best[worst]):.3g}"
        )


@dataclass(frozen=True)
class _MatrixCheck:
    rows: tuple[str, ...]
    sectors: tuple[str, ...]
    cells: tuple[tuple[int, int], ...]  # (row, sector) of each entry
    arg_idx: np.ndarray
    fun: Callable[..., Any]
    check_columns: bool

    def residuals(self, full: np.ndarray) -> np.ndarray:
        """Largest |row sum| (and |column sum|) per period; ``full`` is periods × names."""
        return self.residuals_of(full.T, (full.shape[0],))

    def residuals_of(self, cols: Any, shape: tuple[int, ...]) -> np.ndarray:
        """As :meth:`residuals`, from ``cols[i]``: the values of name ``i`` (arrays of ``shape``).

        Row and column sums are accumulated entry by entry (no entries x cells array), so a
        batch of scenarios is checked in a few passes over memory.
        """
        worst = np.zeros(shape)
        if not self.cells:
            return worst
        raw = self.fun(*(cols[i] for i in self.arg_idx.tolist()))
        for group in self.groups:
            acc = np.zeros(shape)
            for c in group:
                acc += raw[c]
            np.maximum(worst, np.abs(acc), out=worst)
        return worst

    @property
    def groups(self) -> list[list[int]]:
        """Cell indices of each row (and of each sector, when columns are checked)."""
        got = self.__dict__.get("_groups")
        if got is None:
            got = [[c for c, (r, _) in enumerate(self.cells) if r == row] for row in range(len(self.rows))]
            if self.check_columns:
                got += [[c for c, (_, s) in enumerate(self.cells) if s == sec]
                        for sec in range(len(self.sectors))]
            got = [g for g in got if g]
            object.__setattr__(self, "_groups", got)
        return got


class CompiledModel:
    """A model compiled for solving; built by :func:`compile_model`."""

    def __init__(self, model: Model, *, steady: bool = False) -> None:
        if not isinstance(model, Model):
            raise InputError(f"model must be a monpol.sfc.Model; got {type(model).__name__}")
        self.model = model
        self.steady = steady
        base = [*model.endogenous, *model.exogenous, *model.parameters]
        self.names: list[str] = base + [lag_name(n) for n in base]
        self.index = {n: i for i, n in enumerate(self.names)}
        self.n_base = len(base)
        self.endo_idx = np.arange(len(model.endogenous), dtype=np.intp)
        self.given_idx = np.arange(len(model.endogenous), self.n_base, dtype=np.intp)
        self.given_names = base[len(model.endogenous):]
        syms = {n: sp.Symbol(n, real=True) for n in self.names}
        subs = {syms[lag_name(n)]: syms[n] for n in base} if steady else {}
        eqs: list[ParsedEquation] = []
        for e in model.equations:
            pe = parse_equation(e.text, label=e.label, line=e.line)
            self._check_symbols(pe.lhs - pe.rhs, e.label, e.line, e.text)
            if subs:
                pe = ParsedEquation(pe.label, pe.lhs.xreplace(subs), pe.rhs.xreplace(subs), pe.line)
            eqs.append(pe)
        self.equations = eqs
        endo = list(model.endogenous)
        endo_syms = {syms[n] for n in endo}
        self.matrices = {
            "balance_sheet": self._matrix(
                model.balance_sheet, "balance sheet",
                columns=any(r.strip().lower() == "net worth" for r in model.balance_sheet)),
            "transactions": self._matrix(model.transactions, "transactions", columns=True),
        }
        self._regimes: list[tuple[str, np.ndarray, Callable[..., Any]]] = []
        for rname, text in model.regimes.items():
            expr = parse_condition(text, label=f"regime {rname}")
            self._check_symbols(expr, f"regime {rname}", 1, text)
            args = sorted(expr.free_symbols, key=lambda s: s.name)
            self._regimes.append((rname, np.array([self.index[s.name] for s in args], dtype=np.intp),
                                  _lambdify(args, expr)))
        if steady:
            self._build_steady(eqs, [syms[n] for n in endo])
            self.blocks: tuple[Block, ...] = ()
            self._solvers: list[_Solver] = []
            return
        assign = self._assign(eqs, endo, endo_syms)
        # dependency graph between equations: i needs the variable that j determines
        var_of = {i: assign[i] for i in range(len(eqs))}
        eq_of = {v: i for i, v in var_of.items()}
        g: nx.DiGraph[int] = nx.DiGraph()
        g.add_nodes_from(range(len(eqs)))
        for i, pe in enumerate(eqs):
            # sorted: a set's order changes with the hash seed; the blocks and their order
            # must not
            for s in sorted(pe.residual.free_symbols & endo_syms, key=lambda s: s.name):
                j = eq_of[s.name]
                if j != i:
                    g.add_edge(j, i)
        cond = nx.condensation(g)
        blocks: list[Block] = []
        solvers: list[_Solver] = []
        for c in nx.lexicographical_topological_sort(
                cond, key=lambda c: min(cond.nodes[c]["members"])):
            members = sorted(cond.nodes[c]["members"])
            beqs = [eqs[i] for i in members]
            bvars = [var_of[i] for i in members]
            vsyms = [syms[v] for v in bvars]
            direct = (
                len(members) == 1
                and beqs[0].lhs == vsyms[0]
                and vsyms[0] not in beqs[0].rhs.free_symbols
            )
            blk = Block(tuple(bvars), tuple(e.label for e in beqs), direct)
            blocks.append(blk)
            solvers.append(_Solver(blk, beqs, vsyms, self.index))
        self.blocks = tuple(blocks)
        self._solvers = solvers

    # ---------------------------------------------------------------- building
    def _check_symbols(self, expr: Any, label: str, line: int, text: str) -> None:
        for s in sorted(expr.free_symbols, key=lambda s: s.name):
            base = lagged_of(s.name) or s.name
            if base not in self.index:
                shown = f"{base}[-1]" if lagged_of(s.name) else base
                raise InputError(
                    f"equation {label!r} (line {line}): unknown symbol {shown!r} in {text!r}; "
                    f"declare it as endogenous, exogenous or a parameter of model "
                    f"{self.model.name!r}"
                )

    @staticmethod
    def _assign(eqs: list[ParsedEquation], endo: list[str], endo_syms: set[sp.Symbol]) -> dict[int, str]:
        lhs = [e.lhs.name if isinstance(e.lhs, sp.Symbol) else None for e in eqs]
        if (
            all(n in endo for n in lhs)
            and len(set(lhs)) == len(endo)
            and all(sp.Symbol(n, real=True) in e.residual.free_symbols for n, e in zip(lhs, eqs, strict=True))
        ):
            return {i: str(n) for i, n in enumerate(lhs)}
        # a maximum matching of equations to variables; scipy's works on arrays, so it is
        # the same in every process (networkx's Hopcroft-Karp iterates over sets of nodes,
        # whose order follows the hash seed: the blocks' variables, and the last bits of the
        # solution, then changed from one run to the next)
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import maximum_bipartite_matching

        col = {v: k for k, v in enumerate(endo)}
        rows_i, cols_i = [], []
        for i, e in enumerate(eqs):
            for s in sorted(e.residual.free_symbols & endo_syms, key=lambda s: s.name):
                rows_i.append(i)
                cols_i.append(col[s.name])
        graph = csr_array((np.ones(len(rows_i)), (rows_i, cols_i)), shape=(len(eqs), len(endo)))
        matched = maximum_bipartite_matching(graph, perm_type="column")
        unmatched = [eqs[i].label for i in range(len(eqs)) if matched[i] < 0]
        if unmatched:
            taken = {int(j) for j in matched if j >= 0}
            free = [v for k, v in enumerate(endo) if k not in taken]
            raise InputError(
                f"the equations do not determine every endogenous variable (structurally "
                f"singular): equation(s) {', '.join(map(repr, unmatched))} have no variable left "
                f"to determine; undetermined: {', '.join(free)}"
            )
        return {i: endo[int(matched[i])] for i in range(len(eqs))}

    def _build_steady(self, eqs: list[ParsedEquation], endo: list[sp.Symbol]) -> None:
        """Stationary system: the equations plus the balance-sheet rows (sum to zero).

        In a stationary state an accumulation equation ``H = H[-1] + ...`` no longer
        determines the stock ``H``; the balance-sheet rows (e.g. ``Hh - Hs = 0``) close the
        system. The stacked system is solved by Gauss-Newton (least squares) and accepted
        only if every residual vanishes and the Jacobian has full column rank (unique state).
        """
        res: list[Any] = [e.residual for e in eqs]
        labels = [e.label for e in eqs]
        subs = {sp.Symbol(lag_name(n), real=True): sp.Symbol(n, real=True)
                for n in self.names[: self.n_base]}
        for row, cells in self.model.balance_sheet.items():
            if not cells:
                continue
            expr = sum((parse_expression(t, label=f"balance sheet [{row}, {s}]") for s, t in cells.items()),
                       sp.Integer(0))
            res.append(sp.sympify(expr).xreplace(subs))
            labels.append(f"balance sheet row {row!r}")
        free = set().union(*(r.free_symbols for r in res)) | set(endo)
        args = sorted(free, key=lambda s: s.name)
        self._steady_labels = labels
        self._steady_arg_idx = np.array([self.index[s.name] for s in args], dtype=np.intp)
        self._steady_fun = _lambdify(args, res)
        self._steady_jac = _lambdify(args, sp.Matrix([[sp.diff(r, v) for v in endo] for r in res]))

    def solve_steady(self, vals: np.ndarray, where: str) -> None:
        """Solve the stationary system in place (see :meth:`_build_steady`)."""
        idx = self.endo_idx
        n, m = len(idx), len(self._steady_labels)

        def f() -> np.ndarray:
            return np.asarray(self._steady_fun(*vals[self._steady_arg_idx]), dtype=float).reshape(-1)

        def jac() -> np.ndarray:
            return np.asarray(self._steady_jac(*vals[self._steady_arg_idx]), dtype=float).reshape(m, n)

        with np.errstate(all="ignore"):
            r = f()
            for _ in range(_MAX_ITER):
                x = vals[idx].copy()
                jm = jac()
                if not (np.all(np.isfinite(jm)) and np.all(np.isfinite(r))):
                    break
                dx = np.linalg.lstsq(jm, -r, rcond=None)[0]
                vals[idx] = x + dx
                r = f()
                if np.max(np.abs(dx)) <= 1e-13 * max(1.0, float(np.max(np.abs(x)))):
                    break
            jm = jac()
        x = vals[idx]
        ok = np.all(np.isfinite(r)) and np.max(np.abs(r)) <= 100 * _TOL * max(1.0, float(np.max(np.abs(x))))
        if not ok:
            bad = np.where(np.isfinite(r), np.abs(r), np.inf)
            w = int(np.argmax(bad))
            raise ConvergenceError(
                f"{where}: the stationary system did not converge; the worst equation is "
                f"{self._steady_labels[w]!r} with residual {float(r[w]):.3g}"
            )
        rank = int(np.linalg.matrix_rank(jm)) if np.all(np.isfinite(jm)) else 0
        if rank < n:
            raise ConvergenceError(
                f"{where}: the stationary state is not unique (Jacobian rank {rank} < {n} "
                f"variables); declare the balance sheet so that every stock is pinned down"
            )

    def _matrix(self, mat: Any, what: str, *, columns: bool) -> _MatrixCheck:
        rows = tuple(mat)
        sectors: list[str] = []
        for cells in mat.values():
            for s in cells:
                if s not in sectors:
                    sectors.append(s)
        cells_idx: list[tuple[int, int]] = []
        exprs = []
        for r, (row, cells) in enumerate(mat.items()):
            for s, text in cells.items():
                label = f"{what} [{row}, {s}]"
                expr = parse_expression(text, label=label)
                self._check_symbols(expr, label, 1, text)
                if self.steady:
                    expr = expr.xreplace({sp.Symbol(lag_name(n), real=True): sp.Symbol(n, real=True)
                                          for n in self.names[: self.n_base]})
                cells_idx.append((r, sectors.index(s)))
                exprs.append(expr)
        free = set().union(*(e.free_symbols for e in exprs)) if exprs else set()
        args = sorted(free, key=lambda s: s.name)
        return _MatrixCheck(rows, tuple(sectors), tuple(cells_idx),
                            np.array([self.index[s.name] for s in args], dtype=np.intp),
                            _lambdify(args, exprs), columns)

    # ---------------------------------------------------------------- solving
    def solve_period(self, vals: np.ndarray, where: str) -> None:
        """Solve every block in order, in place on the value vector ``vals``."""
        try:
            for s in self._solvers:
                s.solve(vals, where)
        except (ZeroDivisionError, OverflowError, TypeError, ValueError) as exc:
            raise ConvergenceError(
                f"{where}: an equation could not be evaluated ({type(exc).__name__}: {exc}; for "
                f"example a division by zero or a negative number to a fractional power)"
            ) from None
        bad = ~np.isfinite(vals[self.endo_idx])
        if bad.any():
            names = [self.names[i] for i in self.endo_idx[bad]]
            raise ConvergenceError(
                f"{where}: {', '.join(names)} evaluated to a non-finite number (for example the "
                f"log of a negative number or a division by zero)"
            )

    def solve_period_many(self, vals: np.ndarray, where: str) -> None:
        """:meth:`solve_period` for every scenario at once; ``vals`` is names x S."""
        try:
            for s in self._solvers:
                s.solve_many(vals, where)
        except (ZeroDivisionError, OverflowError, TypeError, ValueError) as exc:
            raise ConvergenceError(
                f"{where}: an equation could not be evaluated ({type(exc).__name__}: {exc})"
            ) from None
        bad = ~np.isfinite(vals[self.endo_idx])
        if bad.any():
            j, i = (int(v[0]) for v in np.nonzero(bad))
            raise ConvergenceError(
                f"{where}, scenario {i + 1}: {self.names[self.endo_idx[j]]} evaluated to a "
                f"non-finite number (for example the log of a negative number)"
            )

    def accounting_residuals(self, full: np.ndarray, *, first_period: int | None = None) -> np.ndarray:
        """Largest row/column sum of the declared matrices in each row of ``full``.

        With ``first_period`` (the period of row 0), the transactions matrix is skipped in
        periods before the model's ``transactions_from_period``.
        """
        full = np.atleast_2d(full)
        return self.accounting_residuals_of(full.T, (full.shape[0],), first_period=first_period)

    def accounting_residuals_of(self, cols: Any, shape: tuple[int, ...], *,
                                first_period: int | None = None) -> np.ndarray:
        """Largest row/column sum of the declared matrices; ``cols[i]``: values of name ``i``.

        ``shape[0]`` counts periods from ``first_period`` when given (see
        :meth:`accounting_residuals`).
        """
        with np.errstate(all="ignore"):
            out = np.zeros(shape)
            for kind, m in self.matrices.items():
                res = m.residuals_of(cols, shape)
                if kind == "transactions" and first_period is not None:
                    res[: max(0, self.model.transactions_from_period - first_period)] = 0.0
                np.maximum(out, res, out=out)
        return out

    def accounting_residual(self, vals: np.ndarray) -> float:
        """Largest row/column sum of the declared matrices at ``vals``."""
        return float(self.accounting_residuals(vals[None, :])[0])

    def regimes_of(self, full: np.ndarray) -> list[str]:
        """Per row of ``full``: the declared regimes whose condition holds, joined by '+'."""
        n = full.shape[0]
        flags = [(name, np.broadcast_to(np.asarray(f(*full[:, idx].T), dtype=bool), (n,)))
                 for name, idx, f in self._regimes]
        return ["+".join(name for name, on in flags if on[t]) for t in range(n)]

    @property
    def has_regimes(self) -> bool:
        return bool(self._regimes)

    def kernel(self) -> Any:
        """The generated simulation loops (:mod:`monpol.sfc.kernel`), built on first use."""
        if self.steady:
            return None
        if not hasattr(self, "_kernel"):
            from monpol.sfc.kernel import build_kernel

            self._kernel = build_kernel(self, _TOL)
        return self._kernel

    def lag_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Indices (current, lag) such that ``vals[lag] = vals[current]`` rolls a period."""
        cur = np.arange(self.n_base, dtype=np.intp)
        return cur, cur + self.n_base

    def block_table(self) -> list[dict[str, Any]]:
        """The blocks in solution order, for ``monpol sfc show``."""
        out: list[dict[str, Any]] = []
        for i, b in enumerate(self.blocks):
            out.append({"block": i + 1, "variables": list(b.variables), "equations": list(b.equations),
                        "method": "direct" if b.direct else "newton"})
        return out


def compile_model(model: Model, *, steady: bool = False) -> CompiledModel:
    """Compile ``model``; with ``steady`` every lag ``x[-1]`` is replaced by ``x``."""
    if not isinstance(model, Model):
        raise InputError(f"model must be a monpol.sfc.Model; got {type(model).__name__}")
    return CompiledModel(model, steady=steady)
