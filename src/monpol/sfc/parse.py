"""Safe parsing of equation text into sympy expressions.

User text is never passed to ``eval``: it is parsed by :func:`ast.parse` and the tree is
walked with a whitelist of node types, each translated to a sympy object. Allowed:

* numbers and names (a name becomes a :class:`sympy.Symbol`);
* ``+ - * / **`` and unary ``-`` / ``+``;
* calls to ``max``, ``min``, ``exp``, ``log``, ``sqrt``, ``abs`` and ``where(cond, a, b)``;
* comparisons (``< <= > >=``) only as the condition of ``where``;
* the lag ``x[-1]`` (the value of ``x`` in the previous period), nothing else subscripted.

Anything else raises :class:`~monpol.errors.InputError` naming the equation's label, the
offending symbol and the line.

>>> eq = parse_equation("Y = C + G", label="3.10")
>>> eq.lhs, eq.rhs
(Y, C + G)
>>> parse_expression("H[-1] + max(a, 0)", label="x")
H__lag + Max(0, a)
>>> parse_expression("__import__('os')", label="bad")
Traceback (most recent call last):
...
monpol.core.errors.InputError: equation 'bad' (line 1, column 1): function '__import__' is not allowed; ...
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

import sympy as sp

from monpol.core.errors import InputError

__all__ = [
    "FUNCTIONS",
    "LAG_SUFFIX",
    "ParsedEquation",
    "lag_name",
    "lagged_of",
    "parse_condition",
    "parse_equation",
    "parse_expression",
]

LAG_SUFFIX = "__lag"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_RESERVED = {"max", "min", "exp", "log", "sqrt", "abs", "where"}


def _where(cond: Any, a: Any, b: Any) -> Any:
    return sp.Piecewise((a, cond), (b, True))


FUNCTIONS: dict[str, tuple[Any, int | None]] = {
    # name: (sympy constructor, number of arguments or None for 2+)
    "max": (sp.Max, None),
    "min": (sp.Min, None),
    "exp": (sp.exp, 1),
    "log": (sp.log, 1),
    "sqrt": (sp.sqrt, 1),
    "abs": (sp.Abs, 1),
    "where": (_where, 3),
}


def lag_name(name: str) -> str:
    """Name of the symbol standing for ``name[-1]``."""
    return f"{name}{LAG_SUFFIX}"


def lagged_of(symbol_name: str) -> str | None:
    """The variable a lag symbol refers to, or None if ``symbol_name`` is not a lag."""
    return symbol_name[: -len(LAG_SUFFIX)] if symbol_name.endswith(LAG_SUFFIX) else None


@dataclass(frozen=True)
class ParsedEquation:
    """An equation ``lhs = rhs`` as sympy expressions; ``residual`` is ``lhs - rhs``."""

    label: str
    lhs: sp.Expr
    rhs: sp.Expr
    line: int

    @property
    def residual(self) -> sp.Expr:
        return sp.sympify(self.lhs - self.rhs)


class _Translator:
    def __init__(self, label: str, line: int, text: str, offset: int = 0) -> None:
        self.label = label
        self.line = line
        self.text = text
        self.offset = offset  # column of this expression's first character in the equation

    def fail(self, what: str, node: ast.AST | None = None) -> InputError:
        col = getattr(node, "col_offset", None)
        at = f", column {col + 1 + self.offset}" if col is not None else ""
        return InputError(
            f"equation {self.label!r} (line {self.line}{at}): {what}; allowed: numbers, names, "
            f"+ - * / **, max/min/exp/log/sqrt/abs/where(...), lags name[-1]; got {self.text!r}"
        )

    def symbol(self, name: str, node: ast.AST) -> sp.Symbol:
        if not _NAME.match(name) or LAG_SUFFIX in name:
            raise self.fail(f"symbol {name!r} is not a valid name (letters, digits, _)", node)
        if name in _RESERVED:
            raise self.fail(f"symbol {name!r} is a function name", node)
        return sp.Symbol(name, real=True)

    def visit(self, node: ast.AST, *, condition: bool = False) -> Any:
        if isinstance(node, ast.Expression):
            return self.visit(node.body, condition=condition)
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise self.fail(f"constant {node.value!r} is not a number", node)
            return sp.Float(node.value) if isinstance(node.value, float) else sp.Integer(node.value)
        if isinstance(node, ast.Name):
            return self.symbol(node.id, node)
        if isinstance(node, ast.BinOp):
            a, b = self.visit(node.left), self.visit(node.right)
            if isinstance(node.op, ast.Add):
                return a + b
            if isinstance(node.op, ast.Sub):
                return a - b
            if isinstance(node.op, ast.Mult):
                return a * b
            if isinstance(node.op, ast.Div):
                return a / b
            if isinstance(node.op, ast.Pow):
                return a**b
            raise self.fail(f"operator {type(node.op).__name__} is not allowed", node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.visit(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.visit(node.operand)
            raise self.fail(f"operator {type(node.op).__name__} is not allowed", node)
        if isinstance(node, ast.Subscript):
            ok_index = (
                isinstance(node.slice, ast.UnaryOp)
                and isinstance(node.slice.op, ast.USub)
                and isinstance(node.slice.operand, ast.Constant)
                and node.slice.operand.value == 1
                and not isinstance(node.slice.operand.value, bool)
            )
            if not isinstance(node.value, ast.Name) or not ok_index:
                raise self.fail("only the lag name[-1] may be subscripted", node)
            self.symbol(node.value.id, node)
            return sp.Symbol(lag_name(node.value.id), real=True)
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise self.fail("only calls to named functions are allowed", node)
            name = node.func.id
            if name not in FUNCTIONS:
                raise self.fail(f"function {name!r} is not allowed", node)
            if node.keywords:
                raise self.fail(f"function {name!r} takes no keyword arguments", node)
            ctor, nargs = FUNCTIONS[name]
            if (nargs is None and len(node.args) < 2) or (nargs is not None and len(node.args) != nargs):
                want = "2 or more" if nargs is None else str(nargs)
                raise self.fail(f"function {name!r} takes {want} arguments, got {len(node.args)}", node)
            if name == "where":
                cond = self.visit(node.args[0], condition=True)
                return ctor(cond, self.visit(node.args[1]), self.visit(node.args[2]))
            return ctor(*(self.visit(a) for a in node.args))
        if isinstance(node, ast.Compare):
            if not condition:
                raise self.fail("comparisons are allowed only as the condition of where(...)", node)
            if len(node.ops) != 1:
                raise self.fail("chained comparisons are not allowed", node)
            a, b = self.visit(node.left), self.visit(node.comparators[0])
            op = node.ops[0]
            if isinstance(op, ast.Lt):
                return sp.StrictLessThan(a, b)
            if isinstance(op, ast.LtE):
                return sp.LessThan(a, b)
            if isinstance(op, ast.Gt):
                return sp.StrictGreaterThan(a, b)
            if isinstance(op, ast.GtE):
                return sp.GreaterThan(a, b)
            raise self.fail(f"comparison {type(op).__name__} is not allowed", node)
        raise self.fail(f"syntax {type(node).__name__} is not allowed", node)


def _parse_tree(text: str, tr: _Translator) -> ast.Expression:
    if not isinstance(text, str) or not text.strip():
        raise tr.fail("the expression is empty")
    if len(text) > 10_000:
        raise tr.fail("the expression is longer than 10000 characters")
    try:
        return ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise tr.fail(f"syntax error ({exc.msg})") from None


def parse_expression(text: str, *, label: str, line: int = 1, offset: int = 0,
                     full_text: str | None = None) -> Any:
    """Parse one expression (a side of an equation, a matrix entry) to sympy."""
    tr = _Translator(label, line, full_text if full_text is not None else text,
                     offset + len(text) - len(text.lstrip()) if isinstance(text, str) else offset)
    return tr.visit(_parse_tree(text, tr))


def parse_condition(text: str, *, label: str, line: int = 1) -> Any:
    """Parse a condition such as ``i_target < i_floor`` (a regime's test) to sympy."""
    tr = _Translator(label, line, text)
    tree = _parse_tree(text, tr)
    if not isinstance(tree.body, ast.Compare):
        raise tr.fail("a regime condition must be a comparison such as 'a < b'", tree.body)
    return tr.visit(tree, condition=True)


def parse_equation(text: str, *, label: str, line: int = 1) -> ParsedEquation:
    """Parse ``lhs = rhs``: exactly one ``=`` that is not part of a comparison."""
    tr = _Translator(label, line, text)
    if not isinstance(text, str):
        raise tr.fail("the equation must be text")
    parts = re.split(r"(?<![<>=!])=(?!=)", text)
    if len(parts) != 2:
        raise tr.fail(f"an equation needs exactly one '=' (found {len(parts) - 1})")
    lhs = parse_expression(parts[0], label=label, line=line, full_text=text)
    rhs = parse_expression(parts[1], label=label, line=line, offset=len(parts[0]) + 1, full_text=text)
    return ParsedEquation(label, lhs, rhs, line)
