r"""Where chunked work runs: in this process (numpy) or on a Dask cluster.

Sweeps and Monte Carlo runs are cut into **chunks** of at most ``chunk_size`` items
(paths, draws, scenarios). Every chunk is computed by the same function wherever it runs,
and the results come back in chunk order, so a run gives identical numbers in-process, on
a :class:`distributed.LocalCluster` or on a remote cluster, with any number of workers.

* ``backend="numpy"`` (default): the chunks run one after another in this process.
* ``backend="dask"``: the chunks run on a Dask cluster (``pip install "monpol[distributed]"``):
  the one at ``scheduler`` (``"tcp://10.0.0.5:8786"``), or, without an address, a
  ``LocalCluster`` on 127.0.0.1 started for the call (one single-threaded worker process
  per core) and closed after it. Workers need monpol installed (the same version).

Random streams. A chunk draws its random numbers from its own generator, seeded by the
``index``-th child of the run's :class:`numpy.random.SeedSequence`
(:meth:`~numpy.random.SeedSequence.spawn`): the numbers depend on the seed and on the
chunk index, never on where or in which order the chunks run. (They do depend on the chunk
size, which is why results record it.)

Memory. A worker holds one chunk at a time per thread; the caller holds the reduced results
and at most ``2 × threads`` chunks in flight. Each area documents its bytes per item.

Examples
--------
>>> from monpol.core.backends import plan_chunks, run_chunks
>>> chunks = plan_chunks(10, 4, seed=1)
>>> [(c.start, c.stop) for c in chunks]
[(0, 4), (4, 8), (8, 10)]
>>> def draw(chunk):
...     return chunk.rng().standard_normal(chunk.size).sum()
>>> a = list(run_chunks(draw, chunks))
>>> b = [draw(c) for c in plan_chunks(10, 4, seed=1)]
>>> a == b
True
"""

from __future__ import annotations

import re
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from monpol.core.errors import InputError, MonpolError
from monpol.core.validation import callable_or_none, in_range, one_of, positive_int

__all__ = [
    "BACKENDS",
    "Backend",
    "Chunk",
    "DaskBackend",
    "NumpyBackend",
    "ProgressCallback",
    "check_chunk_size",
    "get_backend",
    "plan_chunks",
    "run_chunks",
    "seed_sequence",
]

#: backend names accepted by every chunked entry point
BACKENDS = ("numpy", "dask")
#: seconds allowed to reach a scheduler and to see a worker
CONNECT_TIMEOUT = 10.0
#: at most this many chunks in one run (the plan is a list; beyond this use bigger chunks)
MAX_CHUNKS = 1_000_000
#: the work arrays of one chunk may take at most this many bytes
MAX_CHUNK_BYTES = 4 * 2**30

ProgressCallback = Callable[[int, int], None]
"""``progress(done, total)``: called with the number of chunks finished and planned."""

T = TypeVar("T")
R = TypeVar("R")


def seed_sequence(seed: Any) -> np.random.SeedSequence:
    """The run's :class:`~numpy.random.SeedSequence` from an int, a Generator, a SeedSequence or None.

    A Generator contributes its own seed sequence (its next children are spawned, so two
    runs from one Generator differ, as successive draws would); ``None`` takes fresh
    entropy (recorded in results as ``seed_entropy`` so the run can be repeated).
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        ss = seed.bit_generator.seed_seq
        if not isinstance(ss, np.random.SeedSequence):  # pragma: no cover - legacy seeding
            raise InputError("rng must be seeded from a numpy SeedSequence (np.random.default_rng)")
        return ss
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or int(seed) < 0:
        raise InputError(f"rng must be a non-negative integer seed, a numpy Generator or None; "
                         f"got {seed!r}")
    return np.random.SeedSequence(int(seed))


@dataclass(frozen=True)
class Chunk:
    """Items ``start .. stop − 1`` of a run, the ``index``-th chunk, with its own seed."""

    index: int
    start: int
    stop: int
    seed: np.random.SeedSequence | None = None

    @property
    def size(self) -> int:
        return self.stop - self.start

    def rng(self) -> np.random.Generator:
        """This chunk's generator (raises when the run has no seed)."""
        if self.seed is None:
            raise InputError("this run was planned without a seed; it draws no random numbers")
        return np.random.default_rng(self.seed)


def check_chunk_size(chunk_size: Any, *, bytes_per_item: float, name: str = "chunk_size") -> int:
    """A positive chunk size whose work arrays fit in :data:`MAX_CHUNK_BYTES`."""
    size = positive_int(name, chunk_size)
    if size * bytes_per_item > MAX_CHUNK_BYTES:
        most = int(MAX_CHUNK_BYTES // bytes_per_item)
        raise InputError(
            f"{name} must be at most {most:,} here (about {bytes_per_item:,.0f} bytes of work "
            f"arrays per item, at most {MAX_CHUNK_BYTES / 2**30:g} GiB per chunk); got {size:,}"
        )
    return size


def plan_chunks(total: int, chunk_size: int, *, seed: Any = None, random: bool = True) -> list[Chunk]:
    """Cut ``total`` items into chunks of ``chunk_size`` (the last may be shorter).

    With ``random=True`` each chunk gets the ``index``-th child of ``seed_sequence(seed)``.
    """
    n = positive_int("total", total)
    size = positive_int("chunk_size", chunk_size)
    count = -(-n // size)
    if count > MAX_CHUNKS:
        raise InputError(
            f"chunk_size {size:,} cuts {n:,} items into {count:,} chunks; at most {MAX_CHUNKS:,} "
            f"are allowed: use a chunk_size of at least {-(-n // MAX_CHUNKS):,}"
        )
    seeds: list[np.random.SeedSequence | None] = (
        list(seed_sequence(seed).spawn(count)) if random else [None] * count)
    return [Chunk(k, k * size, min((k + 1) * size, n), seeds[k]) for k in range(count)]


class Backend:
    """Runs ``func(item, *common)`` for every item and yields the results in item order."""

    name = "backend"

    def map(self, func: Callable[..., R], items: Sequence[Any], *, common: tuple[Any, ...] = (),
            progress: ProgressCallback | None = None) -> Iterator[R]:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the backend started (nothing for numpy)."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        return self.name


class NumpyBackend(Backend):
    """The chunks one after another in this process."""

    name = "numpy"

    def map(self, func: Callable[..., R], items: Sequence[Any], *, common: tuple[Any, ...] = (),
            progress: ProgressCallback | None = None) -> Iterator[R]:
        total = len(items)
        for k, item in enumerate(items):
            out = func(item, *common)
            if progress is not None:
                progress(k + 1, total)
            yield out


_ADDRESS = re.compile(r"^(?:(?:tcp|tls|inproc|ucx|ws|wss)://)?[A-Za-z0-9_.\-\[\]:]+(?::\d+)?/?$")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise InputError(
            "backend 'dask' needs Dask's distributed scheduler: pip install \"monpol[distributed]\""
        ) from None
    return distributed


class DaskBackend(Backend):
    """Chunks on a Dask cluster: the one at ``scheduler``, or a LocalCluster started here.

    Parameters
    ----------
    scheduler : str, optional
        Scheduler address (``"tcp://host:8786"``). Without it a ``LocalCluster`` on
        127.0.0.1 is started (``n_workers`` single-threaded processes, no dashboard) and
        closed with the backend.
    timeout : float
        Seconds allowed to reach the scheduler and to see a first worker.
    n_workers : int, optional
        Workers of the LocalCluster (default: one per core).

    Notes
    -----
    At most ``2 ×`` (threads of the cluster) chunks are in flight at once, so neither the
    workers nor this process hold more than a few chunks; arguments shared by every chunk
    (``common``) are sent to the workers once.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, *, timeout: float = CONNECT_TIMEOUT,
                 n_workers: int | None = None) -> None:
        if scheduler is not None and (not isinstance(scheduler, str) or not _ADDRESS.match(scheduler)):
            raise InputError(
                f"scheduler must be a Dask scheduler address such as 'tcp://127.0.0.1:8786'; "
                f"got {scheduler!r}"
            )
        self.scheduler = scheduler
        self.timeout = in_range("timeout", timeout, 0.0, None, low_inclusive=False)
        self.n_workers = None if n_workers is None else positive_int("n_workers", n_workers)
        self._client: Any = None
        self._cluster: Any = None

    def _connect(self) -> Any:
        if self._client is not None:
            return self._client
        distributed = _distributed()
        if self.scheduler is None:
            self._cluster = distributed.LocalCluster(
                host="127.0.0.1", n_workers=self.n_workers, threads_per_worker=1,
                processes=True, dashboard_address=":0",
                scheduler_kwargs={"dashboard": False})
            address = self._cluster.scheduler_address
        else:
            address = self.scheduler
        try:
            self._client = distributed.Client(address, timeout=self.timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise InputError(
                f"scheduler {address!r} could not be reached within {self.timeout:g} s ({exc}); "
                f"check the address and that `dask scheduler` is running there"
            ) from None
        try:
            self._client.wait_for_workers(1, timeout=self.timeout)
        except (OSError, TimeoutError):
            self.close()
            raise InputError(
                f"the Dask cluster at {address!r} has no worker after {self.timeout:g} s; "
                f"start workers with `dask worker {address}`"
            ) from None
        return self._client

    def threads(self) -> int:
        info = self._connect().scheduler_info(n_workers=-1)
        return max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()))

    def map(self, func: Callable[..., R], items: Sequence[Any], *, common: tuple[Any, ...] = (),
            progress: ProgressCallback | None = None) -> Iterator[R]:
        client = self._connect()
        total = len(items)
        shared = [client.scatter(c, broadcast=True, hash=False) for c in common]
        window = 2 * self.threads()
        pending: deque[Any] = deque()
        source = iter(enumerate(items))
        token = uuid.uuid4().hex
        done = 0

        def submit() -> None:
            nxt = next(source, None)
            if nxt is not None:
                k, item = nxt
                pending.append(client.submit(func, item, *shared, pure=False,
                                             key=f"monpol-chunk-{token}-{k}"))

        try:
            for _ in range(window):
                submit()
            while pending:
                fut = pending.popleft()
                try:
                    out = fut.result()
                except MonpolError:
                    raise
                except Exception as exc:  # a worker died, a chunk could not be sent back ...
                    if type(exc).__module__.startswith(("distributed", "dask", "tornado")) or \
                            isinstance(exc, (OSError, TimeoutError)):
                        raise MonpolError(f"the Dask cluster failed to run chunk {done}: "
                                          f"{type(exc).__name__}: {exc}") from exc
                    raise
                done += 1
                if progress is not None:
                    progress(done, total)
                submit()
                yield out
        finally:
            for fut in pending:
                fut.cancel()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def describe(self) -> str:
        return f"dask ({self.scheduler})" if self.scheduler else "dask (LocalCluster on 127.0.0.1)"


def get_backend(backend: str | Backend = "numpy", *, scheduler: str | None = None,
                timeout: float = CONNECT_TIMEOUT) -> Backend:
    """A backend by name (``"numpy"`` or ``"dask"``), or ``backend`` itself if it is one."""
    if isinstance(backend, Backend):
        if scheduler is not None:
            raise InputError("scheduler is given with a Backend object; give the address to the backend")
        return backend
    name = one_of("backend", backend, BACKENDS)
    if name == "numpy":
        if scheduler is not None:
            raise InputError(f"scheduler {scheduler!r} needs backend='dask'; got backend='numpy'")
        return NumpyBackend()
    _distributed()  # a clear error before any work when the extra is missing
    return DaskBackend(scheduler, timeout=timeout)


def run_chunks(func: Callable[..., R], items: Iterable[Any], *, backend: str | Backend = "numpy",
               scheduler: str | None = None, common: tuple[Any, ...] = (),
               progress: ProgressCallback | None = None) -> Iterator[R]:
    """``func(item, *common)`` for every item, in order, on ``backend``.

    A backend given by name is started for the call and closed after it; a
    :class:`Backend` object is left open (reuse it across calls). Arguments are checked at
    the call, before the first chunk is asked for.
    """
    callable_or_none("progress", progress)
    return _run(func, list(items), backend, scheduler, common, progress)


def _run(func: Callable[..., R], items: list[Any], backend: str | Backend,
         scheduler: str | None, common: tuple[Any, ...],
         progress: ProgressCallback | None) -> Iterator[R]:
    owned = not isinstance(backend, Backend)
    engine = get_backend(backend, scheduler=scheduler)  # started when the first chunk is asked
    try:
        yield from engine.map(func, items, common=common, progress=progress)
    finally:
        if owned:
            engine.close()
