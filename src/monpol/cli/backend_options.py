"""``--backend numpy|dask``, ``--scheduler ADDRESS``, ``--chunk-size N`` (and
``--scheduler-timeout S``) and a progress bar.

Commands decorated with :func:`backend_options` receive ``backend`` (a
:class:`~monpol.core.backends.Backend`, or the name ``"numpy"``), ``chunk_size`` and use
:func:`progress_bar` to show chunks done on stderr. A scheduler that cannot be reached is
an :class:`~monpol.core.errors.InputError`: one line on stderr, exit status 2.
"""

from __future__ import annotations

import contextlib
import functools
import math
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from monpol.core.backends import BACKENDS, CONNECT_TIMEOUT, ProgressCallback

__all__ = ["backend_options", "progress_bar"]

F = TypeVar("F", bound=Callable[..., Any])


def _finite_timeout(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter(f"must be a finite number of seconds in (0, 3600]; got {value!r}")
    return value


def backend_options(default_chunk: int) -> Callable[[F], F]:
    """Add ``--backend``, ``--scheduler`` and ``--chunk-size`` (default ``default_chunk``)."""

    def deco(func: F) -> F:
        @click.option("--backend", type=click.Choice(BACKENDS), default="numpy", show_default=True,
                      help="Where the chunks run: this process, or a Dask cluster.")
        @click.option("--scheduler", default=None, metavar="ADDRESS",
                      help="Dask scheduler address (tcp://host:8786); with --backend dask and "
                           "no address a LocalCluster on 127.0.0.1 is started for the run.")
        @click.option("--scheduler-timeout", type=click.FloatRange(min=0, min_open=True, max=3600),
                      default=CONNECT_TIMEOUT, callback=_finite_timeout, show_default=True,
                      help="Seconds allowed to reach the scheduler and see a worker.")
        @click.option("--chunk-size", type=click.IntRange(min=1), default=default_chunk,
                      show_default=True, help="Items per chunk (bounds memory per worker).")
        @functools.wraps(func)
        def wrapper(*args: Any, backend: str, scheduler: str | None,
                    scheduler_timeout: float, **kw: Any) -> Any:
            from monpol.core.backends import get_backend

            if scheduler is not None and backend != "dask":
                raise click.UsageError("--scheduler goes with --backend dask")
            engine = get_backend(backend, scheduler=scheduler, timeout=scheduler_timeout)
            try:
                return func(*args, backend=engine, **kw)
            finally:
                engine.close()

        return wrapper  # type: ignore[return-value]

    return deco


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[ProgressCallback]:
    """A click progress bar on stderr (hidden when stderr is not a terminal)."""
    bar: Any = None
    stream = sys.stderr
    shown = stream.isatty()

    def update(done: int, total: int) -> None:
        nonlocal bar
        if not shown:
            return
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=stream)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
