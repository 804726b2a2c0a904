"""Chunked work in-process and on Dask: chunk plans, seeds, identical results, errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from monpol.core.backends import (
    DaskBackend,
    NumpyBackend,
    check_chunk_size,
    get_backend,
    plan_chunks,
    run_chunks,
)
from monpol.core.errors import InputError


def _draw(chunk: Any, scale: float) -> np.ndarray:
    return scale * chunk.rng().standard_normal(chunk.size)


def test_plan_covers_every_item_once_with_spawned_seeds() -> None:
    chunks = plan_chunks(103, 10, seed=5)
    assert [c.size for c in chunks] == [10] * 10 + [3]
    assert np.array_equal(np.concatenate([np.arange(c.start, c.stop) for c in chunks]), np.arange(103))
    children = np.random.SeedSequence(5).spawn(11)
    for c, child in zip(chunks, children, strict=True):
        assert c.seed is not None
        assert c.seed.entropy == child.entropy and c.seed.spawn_key == child.spawn_key


def test_numpy_backend_reports_progress_in_order() -> None:
    seen: list[tuple[int, int]] = []
    out = list(run_chunks(_draw, plan_chunks(25, 10, seed=1), common=(2.0,),
                          progress=lambda d, t: seen.append((d, t))))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert np.array_equal(np.concatenate(out),
                          np.concatenate([_draw(c, 2.0) for c in plan_chunks(25, 10, seed=1)]))


def test_dask_results_equal_numpy(dask_backend: DaskBackend) -> None:
    chunks = plan_chunks(1000, 64, seed=9)
    seen: list[int] = []
    a = np.concatenate(list(run_chunks(_draw, chunks, common=(3.0,))))
    b = np.concatenate(list(run_chunks(_draw, chunks, backend=dask_backend, common=(3.0,),
                                       progress=lambda d, t: seen.append(d))))
    assert np.array_equal(a, b)
    assert seen == list(range(1, 17))


def test_dask_with_real_worker_processes() -> None:
    pytest.importorskip("distributed")
    chunks = plan_chunks(300, 100, seed=2)
    with DaskBackend(n_workers=2) as backend:  # a LocalCluster of 2 worker processes on 127.0.0.1
        out = list(backend.map(_draw, chunks, common=(1.0,)))
        assert "LocalCluster" in backend.describe()
    assert np.array_equal(np.concatenate(out), np.concatenate([_draw(c, 1.0) for c in chunks]))


def test_unreachable_scheduler_is_a_clear_input_error() -> None:
    pytest.importorskip("distributed")
    backend = get_backend("dask", scheduler="tcp://127.0.0.1:1", timeout=1.0)
    with pytest.raises(InputError, match="could not be reached"):
        list(backend.map(_draw, plan_chunks(4, 2, seed=1), common=(1.0,)))


def test_bad_arguments_are_input_errors() -> None:
    with pytest.raises(InputError, match="backend"):
        get_backend("spark")
    with pytest.raises(InputError, match="needs backend='dask'"):
        get_backend("numpy", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(InputError, match="scheduler must be"):
        DaskBackend("not an address!")
    with pytest.raises(InputError, match="chunk_size must be at most"):
        check_chunk_size(10**9, bytes_per_item=1000.0)
    with pytest.raises(InputError, match="at most 1,000,000"):
        plan_chunks(10**7, 1)
    with pytest.raises(InputError, match="planned without a seed"):
        plan_chunks(3, 2, random=False)[0].rng()
    assert isinstance(get_backend(), NumpyBackend)
