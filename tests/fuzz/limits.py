"""A wall-clock limit for one fuzz call (SIGALRM; the tests run in the main thread)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class CallTimeout(Exception):
    """The call ran past its limit: a size that was not bounded before the work started."""


def _alarm(signum: int, frame: object) -> None:
    raise CallTimeout


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
