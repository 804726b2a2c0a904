"""Serving the dashboard: a threaded WSGI server on 127.0.0.1 by default.

:func:`serve` blocks (``monpol dashboard``); :func:`running` serves in a background thread
for the length of a ``with`` block (the browser tests, the docs' screenshot). Port 0 picks a
free port; the URL printed or yielded is the real one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from monpol.core.errors import InputError
from monpol.core.validation import positive_int

__all__ = ["LOCALHOST", "check_host", "running", "serve"]

LOCALHOST = "127.0.0.1"
_HOST = re.compile(r"^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$")


def check_host(host: Any) -> str:
    """A host name or IP address to bind (letters, digits, ``.``, ``-``, ``:``).

    >>> check_host("127.0.0.1")
    '127.0.0.1'
    >>> check_host("")
    Traceback (most recent call last):
    ...
    monpol.core.errors.InputError: --host must be a host name or an IP address such as 127.0.0.1; got ''
    """
    if not isinstance(host, str) or not _HOST.match(host):
        raise InputError(f"--host must be a host name or an IP address such as {LOCALHOST}; "
                         f"got {host!r}")
    return host.strip("[]")


def _make_server(app: Any, host: str, port: int) -> Any:
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        """No line per request on stderr (the page polls often); errors still logged."""

        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    host = check_host(host)
    port = positive_int("--port", port, minimum=0, maximum=65535)
    return make_server(host, port, app.server, threaded=True, request_handler=QuietHandler)


def _url(server: Any, host: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{server.server_port}/"


def serve(app: Any, *, host: str = LOCALHOST, port: int = 8050,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve ``app`` until interrupted (Ctrl+C); ``ready(url)`` is called once listening."""
    server = _make_server(app, host, port)
    runner = getattr(app, "monpol_runner", None)
    try:
        if runner is not None:
            runner.start()
        if ready is not None:
            ready(_url(server, check_host(host)))
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if runner is not None:
            runner.close()


@contextmanager
def running(app: Any, *, host: str = LOCALHOST, port: int = 0) -> Iterator[str]:
    """Serve ``app`` in a background thread; yields its URL; stops on exit.

    The app's runner is closed on exit too.
    """
    server = _make_server(app, host, port)
    thread = threading.Thread(target=server.serve_forever, name="monpol-dashboard",
                              daemon=True)
    runner = getattr(app, "monpol_runner", None)
    if runner is not None:
        runner.start()
    thread.start()
    try:
        yield _url(server, check_host(host))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        if runner is not None:
            runner.close()
