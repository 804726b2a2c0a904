"""The generated loops (monpol.sfc.kernel) give the reference solver's answers and errors."""

from __future__ import annotations

import numpy as np
import pytest

from monpol.errors import ConvergenceError
from monpol.sfc import CompiledModel, Model, bundled, compile_model, list_models, simulate, simulate_many


def _reference(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every compiled model use the block-by-block reference path."""
    monkeypatch.setattr(CompiledModel, "kernel", lambda self: None)


@pytest.mark.parametrize("name", list_models())
def test_generated_loop_equals_reference_path(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    model = bundled(name)
    assert compile_model(model).kernel() is not None
    fast = simulate(model, 40, check="report")
    _reference(monkeypatch)
    ref = simulate(model, 40, check="report")
    # same equations, same tolerance; closed forms and Newton agree to round-off
    np.testing.assert_allclose(fast.values, ref.values, rtol=1e-10, atol=1e-10)
    assert fast.regimes == ref.regimes


def test_vector_loop_equals_reference_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    for name, draws in (("gl-pc", {"G": rng.uniform(5, 40, (5, 15)), "r_bar": rng.uniform(0, 0.06, 5)}),
                        ("sim-floor", {"G": rng.uniform(0, 40, (5, 15))})):
        fast = simulate_many(bundled(name), 15, draws)
        with monkeypatch.context() as mp:
            _reference(mp)
            ref = simulate_many(bundled(name), 15, draws)
        np.testing.assert_allclose(fast.values, ref.values, rtol=1e-10, atol=1e-12)
        # residuals are round-off (~1e-13 of stocks ~1e3) computed along two paths: they agree
        # in size, not digit by digit, hence an absolute 1e-9
        np.testing.assert_allclose(fast.accounting_residuals, ref.accounting_residuals, atol=1e-9)


def _divide(period: int) -> Model:
    # x = 1/(t_end - t): the denominator reaches zero in period `period`
    return Model("divide", endogenous={"t": 0.0, "x": 0.0}, parameters={"t_end": float(period)},
                 equations=[("clock", "t = t[-1] + 1"), ("ratio", "x = 1/(t_end - t)")])


def test_errors_keep_period_and_block_after_fast_path_gives_up() -> None:
    with pytest.raises(ConvergenceError, match=r"period 3: an equation could not be evaluated"):
        simulate(_divide(3), 5)
    assert simulate(_divide(9), 5)["x"][0] == pytest.approx(1 / 8)
    with pytest.raises(ConvergenceError, match=r"period 2, scenario 2: x evaluated to a non-finite"):
        simulate_many(_divide(9), 4, {"t_end": np.array([9.0, 2.0])})


def test_user_names_never_reach_the_generated_source() -> None:
    # names that are Python modules or the loop's own local names stay symbols of the model
    m = Model("names", endogenous={"math": 0.0, "numpy": 0.0, "v0": 0.0}, exogenous={"l0": 2.0},
              equations=[("a", "math = 0.5*numpy + l0"), ("b", "numpy = 0.5*math + v0[-1]"),
                         ("c", "v0 = math - numpy")])
    kern = compile_model(m).kernel()
    assert kern is not None and "math =" not in kern.source and "numpy =" not in kern.source
    run = simulate(m, 3)
    # math = 0.5 numpy + 2, numpy = 0.5 math + v0[-1]; period 1 (v0[-1] = 0): math = 8/3
    assert run["math"][0] == pytest.approx(8 / 3)
    assert run["v0"][0] == pytest.approx(8 / 3 - 4 / 3)


def test_max_propagates_nan_like_numpy() -> None:
    from monpol.sfc.kernel import _max, _min

    assert np.isnan(_max(float("nan"), 1.0)) and np.isnan(_max(1.0, float("nan")))
    assert np.isnan(_min(float("nan"), 1.0)) and np.isnan(_min(1.0, float("nan")))
    assert _max(1.0, 2.0) == 2.0 and _min(1.0, 2.0) == 1.0
