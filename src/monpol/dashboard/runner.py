"""Running application calls with a time limit, in worker processes.

The dashboard's callbacks hand every ``run_<what>(request)`` call to a :class:`Runner`.
With ``workers >= 1`` the call runs in one of that many worker processes (``spawn``; each
imports monpol once and then serves calls one at a time); a call that is not finished after
``time_limit`` seconds has its worker killed and replaced and raises
:class:`TimeLimitExceeded`, so a slow input costs at most the limit and never blocks the
server or the other pages. The request classes bound sizes up front (path counts,
horizons); the time limit is the second line of defence. ``workers=0`` runs calls in the
server's thread, without a limit (for debugging).

Examples
--------
>>> import math
>>> with Runner(workers=0) as runner:
...     runner.call(math.sqrt, 16.0)
4.0
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from monpol.core.errors import MonpolError
from monpol.core.validation import in_range, positive_int

__all__ = ["MAX_WORKERS", "Runner", "TimeLimitExceeded", "WorkerFailed"]

MAX_WORKERS = 8
STARTUP_LIMIT = 120   # seconds for a worker to import monpol and the pages' api modules


class TimeLimitExceeded(MonpolError):
    """A computation ran longer than the dashboard's time limit and was stopped."""


class WorkerFailed(MonpolError):
    """A worker process died during a computation (e.g. out of memory)."""


def _serve(conn: Connection, warm: tuple[str, ...]) -> None:  # pragma: no cover - a worker
    """Worker loop: import ``warm``, say ready, then receive ``(function, argument)`` and send
    back ``("ok"|"error", value)``."""
    import importlib

    for name in warm:
        try:
            importlib.import_module(name)
        except Exception:   # a missing module fails the call that needs it, with its message
            pass
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        func, arg = job
        try:
            reply: tuple[str, Any] = ("ok", func(arg))
        except BaseException as exc:  # sent back to the server, which shows it
            reply = ("error", exc)
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result or exception
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, ctx: Any, warm: tuple[str, ...]) -> None:
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(target=_serve, args=(child, warm), daemon=True,
                                             name="monpol-dashboard-worker")
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        """Wait for the start-up imports (not counted in a call's time limit)."""
        if self.ready:
            return
        if not self.conn.poll(STARTUP_LIMIT):
            raise WorkerFailed(f"a worker process did not start within {STARTUP_LIMIT} s")
        status, _ = self.conn.recv()
        self.ready = status == "ready"

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


class Runner:
    """Calls ``func(arg)`` in a worker process with a time limit (see the module notes).

    Parameters
    ----------
    workers
        Worker processes (0: in the calling thread, no time limit), at most ``MAX_WORKERS``.
    time_limit
        Seconds a call may take before its worker is killed (1 to 3600); a worker's start-up
        (importing monpol and ``warm``) is not counted.
    warm
        Modules each worker imports when it starts (the pages' api modules).
    """

    def __init__(self, *, workers: int = 2, time_limit: float = 60.0,
                 warm: tuple[str, ...] = ()) -> None:
        self.warm = tuple(warm)
        self.workers = positive_int("workers", workers, minimum=0, maximum=MAX_WORKERS)
        self.time_limit = in_range("time_limit", time_limit, 1.0, 3600.0, unit="seconds")
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False

    def start(self) -> None:
        """Start the worker processes (done by the first call otherwise)."""
        with self._lock:
            if self._started or self.workers == 0:
                return
            if self._closed:
                raise MonpolError("the dashboard's runner is closed")
            for _ in range(self.workers):
                self._idle.put(_Worker(self._ctx, self.warm))
            self._started = True

    def call(self, func: Callable[[Any], Any], arg: Any) -> Any:
        """``func(arg)``: its value, or the exception it raised (re-raised here).

        Raises
        ------
        TimeLimitExceeded
            The call took longer than ``time_limit`` (its worker was replaced).
        WorkerFailed
            The worker process died.
        """
        if self.workers == 0:
            return func(arg)
        self.start()
        try:
            worker = self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            raise TimeLimitExceeded(
                f"every worker was busy for {self.time_limit:g} s; try again") from None
        try:
            worker.wait_ready()
            worker.conn.send((func, arg))
            if not worker.conn.poll(self.time_limit):
                worker.stop(kill=True)
                worker = _Worker(self._ctx, self.warm)
                raise TimeLimitExceeded(
                    f"the computation took longer than the dashboard's limit of "
                    f"{self.time_limit:g} s and was stopped; ask for less (fewer paths, a "
                    f"shorter horizon) or run it with the CLI")
            status, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker.stop(kill=True)
            worker = _Worker(self._ctx, self.warm)
            raise WorkerFailed(f"the computation's process died ({type(exc).__name__}); "
                               f"the server goes on with a new one") from None
        finally:
            if not self._closed:
                self._idle.put(worker)
            else:
                worker.stop(kill=True)
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop the workers (idempotent; they hold no state, so they are killed)."""
        with self._lock:
            self._closed = True
            while True:
                try:
                    self._idle.get_nowait().stop(kill=True)
                except queue.Empty:
                    break

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
