"""Doom-loop scenarios in chunks: chunk size, kept paths and the backend change nothing."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from monpol.bonds.doom_loop import DoomLoopSpec, simulate
from monpol.core.errors import InputError


def _spec(n: int, seed: int) -> DoomLoopSpec:
    rng = np.random.default_rng(seed)
    return DoomLoopSpec(market_rate=rng.uniform(0, 6, n), growth=rng.uniform(0, 4, n),
                        primary_balance=rng.uniform(-4, 1, n), cb_purchases=rng.uniform(-5, 5, n),
                        premium_sensitivity=rng.uniform(0, 0.6, n), horizon=20)


def test_chunks_and_paths_do_not_change_any_scenario() -> None:
    spec = _spec(300, 1)
    one = simulate(spec, ceiling=12.0, chunk_size=1000)
    many = simulate(spec, ceiling=12.0, chunk_size=7)
    bare = simulate(spec, ceiling=12.0, chunk_size=7, keep_paths=False)
    assert set(one.outcome) == {"stabilises", "keeps rising"} and np.isfinite(one.ceiling_year).any()
    for name in ("market_rate", "effective_rate", "risk_premium", "debt", "interest_burden", "cb_share"):
        assert np.array_equal(one.path(name), many.path(name)), name
    pd.testing.assert_frame_equal(one.scenarios(), many.scenarios())
    pd.testing.assert_frame_equal(one.scenarios(), bare.scenarios())
    # the end values kept without paths are the paths' own
    assert np.array_equal(bare.ends["market_rate_peak"], one.market_rate.max(axis=1))  # type: ignore[union-attr]
    assert bare.market_rate is None and not bare.has_paths and many.chunk_size == 7
    pd.testing.assert_frame_equal(bare.to_frame(), bare.scenarios())
    assert "paths" not in bare.to_dict()["scenarios"][0]
    assert bare.to_dict()["settings"]["horizon"] == 20 and "20 years" in str(bare)
    with pytest.raises(InputError, match=r"the paths were not kept .*keep_paths=True"):
        bare.plot()


def test_paths_kept_by_default_only_for_small_runs() -> None:
    from monpol.bonds.doom_loop import KEEP_PATHS_UP_TO

    small = simulate(market_rate=np.linspace(0, 5, 11))
    large = simulate(market_rate=np.linspace(0, 5, KEEP_PATHS_UP_TO + 1), horizon=3, window=2)
    assert small.has_paths and not large.has_paths
    assert large.n_scenarios == KEEP_PATHS_UP_TO + 1
    forced = simulate(market_rate=np.linspace(0, 5, KEEP_PATHS_UP_TO + 1), horizon=3, window=2,
                      keep_paths=True)
    assert forced.path("debt").shape == (KEEP_PATHS_UP_TO + 1, 4)


def test_bad_chunk_arguments() -> None:
    with pytest.raises(InputError, match="chunk_size must be"):
        simulate(chunk_size=0)
    with pytest.raises(InputError, match="keep_paths must be"):
        simulate(keep_paths="yes")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="name must be one of"):
        simulate().path("gdp")


def test_window_equal_to_horizon_compares_with_year_zero() -> None:
    res = simulate(market_rate=[1.0, 4.0], horizon=5, window=5, cb_effect=0.0)
    m = res.path("market_rate")
    assert res.keeps_rising.tolist() == list(m[:, -1] - m[:, 0] > 0.05)


def test_dask_grid_is_identical_to_numpy(dask_backend: Any) -> None:
    spec = _spec(200, 2)
    seen: list[int] = []
    local = simulate(spec, chunk_size=32, keep_paths=True)
    remote = simulate(spec, chunk_size=32, keep_paths=True, backend=dask_backend,
                      progress=lambda done, total: seen.append(done))
    assert seen == list(range(1, 8))
    assert np.array_equal(local.path("market_rate"), remote.path("market_rate"))
    pd.testing.assert_frame_equal(local.scenarios(), remote.scenarios())
