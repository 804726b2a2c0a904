"""Vectorised solver: element-by-element agreement with the scalar solver, regimes, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.islm import IslmSpec, solve, solve_many
from monpol.islm.kernels import lm_gap_slope
from monpol.islm.results import VARIABLES

KEYS = ["y", "i_C", "i_D", "i_L", "i_B", "e", "eps", "D", "M", "B_b", "FB_b", "B_c", "W_h",
        "walras_residual", "multiplier"]


def _draws(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "B_c": rng.uniform(30, 300, n), "CBL": rng.uniform(10, 80, n),
        "G": rng.uniform(100, 125, n), "c_L": rng.uniform(1.0, 2.5, n),
        "e_0": rng.uniform(0.9, 1.1, n), "theta": rng.uniform(0.3, 0.9, n),
        "W_h_1": rng.uniform(1400, 1600, n),
    }


@pytest.mark.parametrize(
    "base",
    [IslmSpec(), IslmSpec(convention="paper"), IslmSpec().replace(fx_regime="fixed", c_FB=2.6),
     IslmSpec().replace(fx_regime="fixed")],
    ids=["floating", "paper", "fixed-above-floor", "fixed-at-floor"],
)
def test_matches_the_scalar_solver_element_by_element(base: IslmSpec) -> None:
    draws = _draws(60, seed=7)
    out = solve_many(base, draws)
    assert out.converged.all() and out.ok.all()
    for i in range(len(out)):
        eq = solve(base.replace(**{k: float(v[i]) for k, v in draws.items()}))
        assert out.regime[i] == eq.regime and out.reserve_case[i] == eq.reserve_case
        for k in KEYS:
            # Newton (vectorised) vs brentq (scalar) to rounding; 1e-9 relative is loose
            # enough for differences of ~1e-13 on stocks in the hundreds
            assert out[k][i] == pytest.approx(eq.variables[k], rel=1e-9, abs=1e-9), (i, k)


def test_regimes_are_decided_element_by_element() -> None:
    out = solve_many(draws={"B_c": [560.0, 60.0, 300.0, 40.0], "CBL": [60.0, 30.0, 60.0, 30.0]})
    assert out.regime.tolist() == ["floor", "corridor", "floor", "corridor"]
    assert out["i_C"][0] == 0.1 and out["i_C"][1] > 0.1 and out["i_C"][3] > out["i_C"][1]
    assert (out["eps"][[1, 3]] == 0).all() and (out["eps"][[0, 2]] > 0).all()
    assert out.iterations > 0
    floor_only = solve_many(draws={"G": [105.0, 115.0]})
    assert floor_only.iterations == 0 and set(floor_only.regime) == {"floor"}


def test_dataframe_draws_and_result_forms() -> None:
    frame_in = pd.DataFrame({"G": [110.0, 120.0], "c_L": [1.5, 2.0]})
    out = solve_many(draws=frame_in)
    frame = out.to_frame()
    assert list(frame.columns[:5]) == ["param_G", "param_c_L", "regime", "converged", "ok"]
    assert set(VARIABLES) <= set(frame.columns)
    assert out.to_dict()["regime"] == ["floor", "floor"]
    assert "2 equilibria" in str(out)
    with pytest.raises(ValueError, match="read-only"):
        out["y"][0] = 1.0
    with pytest.raises(TypeError):  # nor can the mappings be changed
        out.variables["y"] = np.zeros(2)  # type: ignore[index]
    with pytest.raises(InputError, match="variable must be one of"):
        out["GDP"]


@pytest.mark.parametrize(
    ("draws", "match"),
    [
        ({"Gx": [1.0]}, r"draws: unknown parameter 'Gx'"),
        ({"G": [1.0, 2.0], "T": [1.0]}, r"draws must all have the same length; got lengths \[1, 2\]"),
        ({"G": [[1.0]]}, r"draws\['G'\] must be one-dimensional"),
        ({"beta_0": [0.01, 1.5]}, r"draws\['beta_0'\] \(β_0, required reserve ratio\) must be in "
                                  r"\[0, 1\); got 1.5 at index 1"),
        ({"G": [110.0, np.nan]}, r"draws\['G'\] .* got nan at index 1"),
        ({"c_L": [1.5, 0.3]}, r"c_B must be below c_L \(assumption 26\); violated at index 1"),
        ({"i_FB": [3.0, 60.0]}, r"exchange rate is undefined.*violated at index 1"),
        ({"G": []}, r"draws are empty"),
    ],
)
def test_bad_draws(draws: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        solve_many(draws=draws)


def test_violations_raise_or_are_flagged() -> None:
    draws = {"B_g_1": [1400.0, 100.0, 1400.0]}
    with pytest.raises(AccountingError, match=r"element 1 violates assumption 26: banks' bond "
                                              r"holdings B_b = -1\d+"):
        solve_many(draws=draws)
    out = solve_many(draws=draws, on_violation="flag")
    assert out.violations["B_b>=0"].tolist() == [False, True, False]
    assert out.ok.tolist() == [True, False, True]
    with pytest.raises(InputError, match="on_violation must be one of"):
        solve_many(draws=draws, on_violation="ignore")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="base must be an IslmSpec"):
        solve_many("x", draws)  # type: ignore[arg-type]


def test_no_equilibrium_raises_convergence_error_with_the_residual() -> None:
    # money demand insensitive to rates and output (as in test_solver): with H = 0 no call
    # rate clears (2-2-a); the residual is the excess demand (cc + β_0)·D = 0.13·190 = 24.7
    flat = IslmSpec().replace(cc_1=0, b_s=0, b_l=0, b_h=0, k_s=0, k_l=0, k_h=0, w_h=0)
    draws = {"B_c": [560.0, 0.0], "CBL": [60.0, 0.0]}
    with pytest.raises(ConvergenceError, match=r"element 1 did not converge: money-market "
                                               r"residual CBL \+ B_c − \(cc \+ β\)·D = -24.7 "):
        solve_many(flat, draws)
    out = solve_many(flat, draws, on_violation="flag")
    assert out.converged.tolist() == [True, False]
    assert np.isnan(out["y"][1]) and not out.ok[1] and out.regime[0] == "floor"


@given(st.lists(st.tuples(st.floats(20.0, 200.0), st.floats(5.0, 80.0), st.floats(0.0, 0.5),
                          st.floats(0.5, 3.0)), min_size=1, max_size=30))
def test_closed_form_corridor_root_equals_the_newton_solver(rows: list[tuple[float, ...]]) -> None:
    # the cubic's root (polished) against the safeguarded Newton iteration on the same kernel
    from monpol.islm.kernels import KERNEL_FIELDS, KernelParams, kernel_params, to_kernel_units
    from monpol.islm.vectorised import _newton_many, corridor_rates

    B_c, CBL, i_R, theta = (np.array(c) for c in zip(*rows, strict=True))
    p0 = kernel_params(IslmSpec.illustrative_corridor())
    vals = {f: getattr(p0, f) for f in KERNEL_FIELDS}
    vals.update(B_c=B_c, CBL=CBL, i_R=to_kernel_units("i_R", i_R), theta=theta)
    p = KernelParams(**vals)
    gap_R, _ = lm_gap_slope(p, p.i_R)
    assume((gap_R < 0).all())  # corridor elements only
    x, ok, _ = corridor_rates(p, len(rows))
    y, ok_newton, _ = _newton_many(p, len(rows), 60)
    assert ok.all() and ok_newton.all()
    assert np.allclose(x, y, rtol=0, atol=1e-10)


@pytest.mark.parametrize(
    ("base", "draws", "match"),
    [
        # a chunk's min and max decide; the index is the first bad one, in a later chunk
        (IslmSpec(), {"G": [110.0] * 5 + [np.inf, np.nan]}, r"draws\['G'\] .* got inf at index 5"),
        (IslmSpec(), {"G": [110.0] * 4 + [-np.inf]}, r"got -inf at index 4"),
        (IslmSpec(), {"beta_0": [0.5, 0.0, 0.99, 1.0, 0.2]},
         r"draws\['beta_0'\] .* must be in \[0, 1\); got 1.0 at index 3"),
        (IslmSpec(), {"G": [110.0, np.nan, 110.0], "beta_0": [0.1, 0.1, 2.0]},
         r"draws\['G'\] .* at index 1"),
        # cross-parameter checks with both parameters drawn: only the element that violates
        (IslmSpec(), {"c_B": [0.5, 1.0, 1.2, 0.5], "c_L": [1.5, 1.1, 1.2, 0.6]},
         r"c_B must be below c_L \(assumption 26\); violated at index 2"),
        (IslmSpec(), {"theta": [0.5, 0.5, 0.5, 0.5], "i_FB": [3.0, 3.0, 3.0, 60.0]},
         r"exchange rate is undefined.*violated at index 3"),
        (IslmSpec().replace(fx_regime="fixed", c_FB=2.6),
         {"c_FB": [2.6, 2.6, 2.6, 2.6, 9.0]}, r"fixed exchange rate needs .*violated at index 4"),
    ],
)
def test_bad_draws_in_later_chunks(base: IslmSpec, draws: dict, match: str) -> None:
    for chunk_size in (1, 2, 100):
        with pytest.raises(InputError, match=match):
            solve_many(base, draws, chunk_size=chunk_size)


def test_draws_at_the_bounds_pass() -> None:
    # closed bounds are allowed (beta_0 = 0), and a check may fail at a chunk's worst case
    # without any element failing (c_B and c_L both drawn)
    out = solve_many(draws={"beta_0": [0.0, 0.1], "c_B": [0.5, 1.5], "c_L": [1.45, 2.0]},
                     chunk_size=2)
    assert out.converged.all() and out.draws["beta_0"].tolist() == [0.0, 0.1]


def test_result_holds_its_own_read_only_copy_of_the_draws() -> None:
    g = np.array([105.0, 110.0, 115.0])
    frame = pd.DataFrame({"B_c": [560.0, 60.0, 300.0]})
    for draws in ({"G": g}, frame):
        out = solve_many(draws=draws, chunk_size=2)
        key = "G" if "G" in out.draws else "B_c"
        kept = out.draws[key].copy()
        if key == "G":
            g[:] = 0.0
        else:
            frame["B_c"] = 0.0
        assert out.draws[key].tolist() == kept.tolist()
        with pytest.raises(ValueError, match="read-only"):
            out.draws[key][0] = 1.0


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_masks_do_not_depend_on_the_chunks(engine: str) -> None:
    if engine == "numba":
        pytest.importorskip("numba")
    draws = {"B_g_1": [1400.0, 100.0, 1400.0, 1400.0, 100.0], "G": [110.0] * 5}
    one = solve_many(draws=draws, on_violation="flag", engine=engine)
    for chunk_size in (1, 2, 3):
        out = solve_many(draws=draws, on_violation="flag", engine=engine, chunk_size=chunk_size)
        assert out.violations.keys() == one.violations.keys()
        for code, mask in out.violations.items():
            assert mask.tolist() == one.violations[code].tolist(), code
            assert not mask.flags.writeable
    assert one.violations["B_b>=0"].tolist() == [False, True, False, False, True]
    assert sum(int(m.sum()) for m in one.violations.values()) == 2
