"""Parsing safety and error messages: InputError names label, symbol and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from monpol.errors import AccountingError, ConvergenceError, InputError
from monpol.sfc import Model, bundled, load_model, simulate, steady_state
from monpol.sfc.parse import parse_expression


def _model(*eqs: tuple[str, str], endo: dict[str, float] | None = None, **kw: object) -> Model:
    return Model("t", endogenous=endo or {"Y": 0.0, "C": 0.0}, exogenous={"G": 10.0},
                 parameters={"c": 0.5}, equations=list(eqs), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("__import__('os').system('x')", "only calls to named functions|not allowed"),
        ("exec('1')", "function 'exec' is not allowed"),
        ("Y.real", "syntax Attribute is not allowed"),
        ("(lambda: 1)()", "only calls to named functions"),
        ("Y[-2]", r"only the lag name\[-1\]"),
        ("Y[0]", r"only the lag name\[-1\]"),
        ("Y < 2", "comparisons are allowed only as the condition of where"),
        ("'text'", "is not a number"),
        ("Y if C else G", "syntax IfExp is not allowed"),
        ("max(Y)", "takes 2 or more arguments"),
        ("exp(Y, C)", "takes 1 arguments"),
        ("Y +", "syntax error"),
        ("Y // 2", "operator FloorDiv is not allowed"),
        ("[Y]", "syntax List is not allowed"),
    ],
)
def test_expressions_outside_the_whitelist_are_rejected(text: str, what: str) -> None:
    with pytest.raises(InputError, match=what):
        parse_expression(text, label="eq7", line=12)
    with pytest.raises(InputError, match=r"equation 'eq7' \(line 12"):
        parse_expression(text, label="eq7", line=12)


def test_where_and_functions_parse() -> None:
    e = parse_expression("where(Y > 0, exp(log(sqrt(abs(Y)))), min(C, G, 1))", label="x")
    y, c, g = (sp.Symbol(n, real=True) for n in ("Y", "C", "G"))
    assert float(e.subs({y: 4.0})) == pytest.approx(2.0)
    assert float(e.subs({y: -1.0, c: 3.0, g: 5.0})) == pytest.approx(1.0)


def test_bad_equation_names_its_label() -> None:
    m = _model(("1", "Y = C + G"), ("2", "C = c*Y +* 2"))
    with pytest.raises(InputError, match=r"equation '2' \(line 2\): syntax error"):
        simulate(m, 3)
    with pytest.raises(InputError, match=r"equation '1' .*exactly one '='"):
        simulate(_model(("1", "Y == C + G"), ("2", "C = c*Y")), 3)


def test_unknown_symbol_is_named() -> None:
    m = _model(("1", "Y = C + G"), ("2", "C = c*Y + alpha*Y[-1]"))
    with pytest.raises(InputError, match=r"equation '2' \(line 2\): unknown symbol 'alpha'"):
        simulate(m, 3)


def test_error_in_a_model_file_reports_the_file_line(tmp_path: Path) -> None:
    text = (
        'name = "bad"\n[parameters]\nc = 0.5\n[exogenous]\nG = 10\n[endogenous]\nY = 0\nC = 0\n'
        '[[equations]]\nlabel = "1"\neq = "Y = C + G"\n'
        '[[equations]]\nlabel = "cons"\neq = "C = c*Y + q"\n'
    )
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"equation 'cons' \(line 14\): unknown symbol 'q'"):
        simulate(load_model(path), 2)


def test_declaration_errors() -> None:
    with pytest.raises(InputError, match="2 equations for 3 endogenous"):
        _model(("1", "Y = C + G"), ("2", "C = c*Y"), endo={"Y": 0, "C": 0, "X": 0})
    with pytest.raises(InputError, match="labels must be unique; repeated: '1'"):
        _model(("1", "Y = C + G"), ("1", "C = c*Y"))
    with pytest.raises(InputError, match="structurally singular"):
        simulate(_model(("1", "Y = G"), ("2", "G = 2*Y")), 2)
    with pytest.raises(InputError, match="model must be one of 'domae', 'domae-fixed', 'gl-lp', 'gl-pc'"):
        load_model("no-such-model")
    with pytest.raises(InputError, match="periods must be at most 100000; got 100001"):
        simulate(bundled("gl-sim"), 100_001)
    with pytest.raises(InputError, match="only exogenous variables and parameters can be shocked"):
        simulate(bundled("gl-sim"), 3, shocks={"Y": {1: 3.0}})
    with pytest.raises(InputError, match=r"'nope' is not a symbol of model 'gl-sim'"):
        simulate(bundled("gl-sim"), 3, set={"nope": 1.0})


def test_non_convergent_block_raises_naming_variables_equation_and_residual() -> None:
    # x = x**2 + 1 has no real solution: Newton and the scipy fallback both fail.
    m = Model("nc", endogenous={"x": 0.5}, equations=[("quad", "x = x**2 + 1")])
    with pytest.raises(ConvergenceError, match=r"period 1: the block of x did not converge; the "
                                               r"worst equation is 'quad' with residual"):
        simulate(m, 2)


def test_non_finite_value_raises() -> None:
    m = Model("nf", endogenous={"x": 0.0}, parameters={"a": -1.0}, equations=[("1", "x = log(a)")])
    with pytest.raises(ConvergenceError, match="x evaluated to a non-finite number"):
        simulate(m, 1)


def test_unbalanced_matrix_raises_accounting_error() -> None:
    m = _model(("1", "Y = C + G"), ("2", "C = c*Y"),
               transactions={"Consumption": {"Households": "-C", "Firms": "Y"}})
    with pytest.raises(AccountingError, match="period 1: a row or column"):
        simulate(m, 2)
    # Y = 20, C = 10: the row sums to 10, the Firms column (Y alone) to 20
    assert simulate(m, 2, check="report").max_accounting_residual == pytest.approx(20.0)


def test_steady_state_not_unique_raises() -> None:
    # a stock with no feedback and no balance sheet to pin it: H = H[-1] + 0
    m = Model("nu", endogenous={"H": 1.0}, exogenous={"g": 0.0}, equations=[("1", "H = H[-1] + g")])
    with pytest.raises(ConvergenceError, match="not unique"):
        steady_state(m)
