"""Chunked sweeps: the chunk size, the kept variables and the backend change nothing."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from monpol.core.errors import AccountingError, InputError
from monpol.islm import IslmSpec, solve_many
from monpol.islm.results import VARIABLES


def _draws(n: int, seed: int) -> dict[str, np.ndarray]:
    # about half the draws in the corridor (B_c below ~60), as in benchmarks/islm_vectorised.py
    rng = np.random.default_rng(seed)
    return {"B_c": rng.uniform(10, 110, n), "CBL": rng.uniform(10, 80, n),
            "G": rng.uniform(100, 125, n), "theta": rng.uniform(0.3, 0.9, n),
            "W_h_1": rng.uniform(1400, 1600, n)}


def _same(a: Any, b: Any) -> None:
    assert list(a.variables) == list(b.variables)
    for k in a.variables:
        assert np.array_equal(a[k], b[k], equal_nan=True), k
    assert np.array_equal(a.regime, b.regime) and np.array_equal(a.converged, b.converged)
    for code in a.violations:
        assert np.array_equal(a.violations[code], b.violations[code]), code


def test_chunk_size_does_not_change_any_element() -> None:
    d = _draws(300, 1)
    one = solve_many(draws=d, on_violation="flag")
    many = solve_many(draws=d, on_violation="flag", chunk_size=7)
    assert {"floor", "corridor"} == set(one.regime)
    _same(one, many)
    assert many.chunk_size == 7 and many.to_dict()["chunk_size"] == 7


def test_closed_form_root_agrees_with_newton() -> None:
    d = _draws(200, 2)
    newton = solve_many(draws=d, on_violation="flag")
    closed = solve_many(draws=d, on_violation="flag", corridor_root="closed_form")
    # both roots are verified to |gap| ≤ 1e-10·H on the kernel; the rates agree to rounding
    assert np.allclose(newton["i_C"], closed["i_C"], rtol=0, atol=1e-10)
    assert np.array_equal(newton.regime, closed.regime)


def test_kept_variables_and_progress() -> None:
    seen: list[tuple[int, int]] = []
    d = _draws(50, 3)
    out = solve_many(draws=d, variables=["i_C", "y"], chunk_size=20,
                     progress=lambda done, total: seen.append((done, total)))
    assert list(out.variables) == ["i_C", "y"] and seen == [(1, 3), (2, 3), (3, 3)]
    assert np.array_equal(out["i_C"], solve_many(draws=d)["i_C"])
    assert "i_C" in out.to_frame().columns and "M" not in out.to_frame().columns
    with pytest.raises(InputError, match=r"variable 'M' was not kept .* kept: i_C, y"):
        out["M"]
    with pytest.raises(InputError, match="variables must be one of"):
        solve_many(draws=d, variables=["GDP"])
    with pytest.raises(InputError, match="variables must name at least one"):
        solve_many(draws=d, variables=[])
    with pytest.raises(InputError, match="variables must be a list"):
        solve_many(draws=d, variables="y")
    with pytest.raises(InputError, match="corridor_root must be one of"):
        solve_many(draws=d, corridor_root="cardano")
    with pytest.raises(InputError, match="chunk_size must be"):
        solve_many(draws=d, chunk_size=0)


def test_indices_in_errors_are_global_and_checked_before_solving() -> None:
    d = {"G": np.full(40, 110.0)}
    d["G"][33] = np.nan
    calls: list[int] = []
    with pytest.raises(InputError, match=r"got nan at index 33"):
        solve_many(draws=d, chunk_size=8, progress=lambda done, total: calls.append(done))
    assert calls == []  # every draw is checked before the first chunk is solved
    bonds = {"B_g_1": np.full(30, 1400.0)}
    bonds["B_g_1"][25] = 100.0
    with pytest.raises(AccountingError, match=r"element 25 violates assumption 26"):
        solve_many(draws=bonds, chunk_size=8)


def test_fixed_rate_sweep_in_chunks() -> None:
    base = IslmSpec().replace(fx_regime="fixed", c_FB=2.5)
    d = {"G": np.linspace(100, 120, 25)}
    a, b = solve_many(base, d), solve_many(base, d, chunk_size=4)
    _same(a, b)
    assert set(a.regime) == {"fixed"} and len(a.variables) == len(VARIABLES)


def test_grid_draws_bounds_and_checks() -> None:
    from monpol.islm.vectorised import grid_draws

    g = grid_draws({"G": [100.0, 110.0], "T": [50.0]})
    assert g["G"].tolist() == [100.0, 110.0] and g["T"].tolist() == [50.0, 50.0]
    with pytest.raises(InputError, match=r"at most 1,000,000,000 points; got 100,000 × 100,000"):
        grid_draws({"G": np.zeros(10**5), "T": np.zeros(10**5)})
    with pytest.raises(InputError, match=r"axes\['G'\] must hold at least one value"):
        grid_draws({"G": []})
    with pytest.raises(InputError, match=r"axes\['G'\] must contain only finite numbers"):
        grid_draws({"G": [np.nan]})
    with pytest.raises(InputError, match="axes must name at least one parameter"):
        grid_draws({})
