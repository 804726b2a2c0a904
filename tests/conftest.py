"""Shared test configuration: headless plotting, deterministic hypothesis profile."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

settings.register_profile("monpol", deadline=None, derandomize=True, max_examples=100)
settings.load_profile("monpol")


@pytest.fixture(scope="module")
def dask_backend() -> Iterator[Any]:
    """A DaskBackend on one in-process LocalCluster (127.0.0.1, 2 single-threaded workers).

    ``processes=False`` keeps the tests fast; tests/core/test_backends.py also runs a
    cluster of real worker processes. Module scope, not session: the cluster's threads
    touch the global ``random`` state in the background, which Hypothesis reports as an
    error in any property test that runs while they live (seen in tests/islm).
    """
    distributed = pytest.importorskip("distributed")
    from monpol.core.backends import DaskBackend

    cluster = distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1,
                                       processes=False, protocol="tcp", dashboard_address=":0",
                                       scheduler_kwargs={"dashboard": False})
    backend = DaskBackend(cluster.scheduler_address)
    try:
        yield backend
    finally:
        backend.close()
        cluster.close()
