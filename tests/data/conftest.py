"""A local HTTP server on 127.0.0.1 serving the recorded responses in tests/data/fixtures.

Paths: ``/mof/<file>``, ``/mofauction/<kind>/resul<date>.htm`` (MOF results pages),
``/fred/fredgraph.csv?id=X``, ``/ust/auctions?page[number]=N``,
``/boj/getDataCode?code=C[&startPosition=N]``, and
failure modes: ``/flaky/...`` (500 once, then the file), ``/ratelimit/...`` (429 with
``Retry-After: 0`` once), ``/always500/...``, ``/slow/...`` (answers after 1 s),
``/empty/...`` (200, empty body), ``/garbage/...`` (200, not the expected format).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        q = parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        mode = parts[0] if parts[0] in {"flaky", "ratelimit", "always500", "slow", "empty",
                                        "garbage"} else ""
        if mode:
            parts = parts[1:]
        _Handler.hits[url.path] += 1
        first = _Handler.hits[url.path] == 1
        if mode == "always500" or (mode == "flaky" and first):
            return self._send(500, b"Internal Server Error")
        if mode == "ratelimit" and first:
            return self._send(429, b"Too Many Requests", {"Retry-After": "0"})
        if mode == "slow":
            time.sleep(1.0)
        if mode == "empty":
            return self._send(200, b"")
        if mode == "garbage":
            return self._send(200, b"<html>maintenance</html>")
        body = self._body(parts, q)
        if body is None:
            return self._send(404, b"not found")
        self._send(200, body)

    def _body(self, parts: list[str], q: dict[str, list[str]]) -> bytes | None:
        while parts and parts[0] not in {"mof", "ust", "boj", "mofauction", "fred"}:  # a tag
            parts = parts[1:]
        if not parts:
            return None
        if parts[0] == "mofauction" and len(parts) == 3:
            f = FIXTURES / "mof_auction" / f"{parts[1]}_{parts[2]}"
        elif parts[0] == "mof" and len(parts) == 2:
            f = FIXTURES / f"mof_{parts[1]}"
        elif parts[0] == "fred":
            f = FIXTURES / f"fred_{q.get('id', [''])[0]}.csv"
        elif parts[0] == "ust":
            f = FIXTURES / f"ust_auctions_page{q.get('page[number]', ['1'])[0]}.json"
        elif parts[0] == "boj":
            page = q.get("startPosition", [""])[0]
            f = FIXTURES / f"boj_{q.get('code', [''])[0]}{'_p' + page if page else ''}.json"
        else:
            return None
        return f.read_bytes() if f.is_file() else None

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(code)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # client timed out
            pass


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    """Base URL of the local server (``http://127.0.0.1:PORT``)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache directory (never the user's)."""
    d = tmp_path / "cache"
    monkeypatch.setenv("MONPOL_CACHE_DIR", str(d))
    return d
