"""The IS-LM sweep on a real Dask LocalCluster (127.0.0.1) gives the numpy results exactly.

Kept apart from the property tests: the cluster's threads touch the global ``random`` state,
which Hypothesis reports in any property test running while the cluster lives.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from monpol.islm import solve_many


def test_dask_sweep_is_identical_to_numpy(dask_backend: Any) -> None:
    rng = np.random.default_rng(11)
    d = {"B_c": rng.uniform(10, 110, 120), "CBL": rng.uniform(10, 80, 120),
         "theta": rng.uniform(0.3, 0.9, 120)}
    seen: list[int] = []
    local = solve_many(draws=d, chunk_size=16, on_violation="flag")
    remote = solve_many(draws=d, chunk_size=16, on_violation="flag", backend=dask_backend,
                        progress=lambda done, total: seen.append(done))
    assert seen == list(range(1, 9))
    assert {"floor", "corridor"} == set(local.regime)
    for k in local.variables:
        assert np.array_equal(local[k], remote[k], equal_nan=True), k
    assert np.array_equal(local.regime, remote.regime)
    assert np.array_equal(local.ok, remote.ok)


def test_dask_sweep_with_the_compiled_engine_is_identical_to_it_in_process(dask_backend: Any) -> None:
    import pytest

    pytest.importorskip("numba")
    rng = np.random.default_rng(12)
    d = {"B_c": rng.uniform(10, 110, 100), "G": rng.uniform(100, 125, 100)}
    local = solve_many(draws=d, chunk_size=25, on_violation="flag", engine="numba")
    remote = solve_many(draws=d, chunk_size=25, on_violation="flag", engine="numba",
                        backend=dask_backend)
    assert {"floor", "corridor"} == set(local.regime)
    for k in local.variables:
        assert np.array_equal(local[k], remote[k], equal_nan=True), k
