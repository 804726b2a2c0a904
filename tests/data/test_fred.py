"""The FRED connector against a local HTTP server serving recorded-style responses."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import DataError, InputError
from monpol.data.fred import FredClient

KEY = "0123456789abcdef0123456789abcdef"
# Shapes follow FRED's documented responses (fred/series/observations, fredgraph.csv);
# the values are FEDFUNDS 2008-01..03 as in the bundled vintage, with one "." (missing).
JSON_OBS = {
    "observations": [
        {"realtime_start": "2024-04-01", "realtime_end": "2024-04-01", "date": "2008-01-01",
         "value": "3.94"},
        {"realtime_start": "2024-04-01", "realtime_end": "2024-04-01", "date": "2008-02-01",
         "value": "2.98"},
        {"realtime_start": "2024-04-01", "realtime_end": "2024-04-01", "date": "2008-03-01",
         "value": "."},
    ]
}
VINTAGES = {
    "observations": [
        {"realtime_start": "2009-01-01", "realtime_end": "2009-06-30", "date": "2008-10-01",
         "value": "-0.5"},
        {"realtime_start": "2009-07-01", "realtime_end": "9999-12-31", "date": "2008-10-01",
         "value": "-2.1"},
    ]
}
CSV = "observation_date,FEDFUNDS\n2008-01-01,3.94\n2008-02-01,2.98\n2008-03-01,.\n"


class _Handler(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        q = parse_qs(url.query)
        _Handler.requests.append(self.path)
        if url.path.endswith("/series/observations"):
            sid = q["series_id"][0]
            if sid == "NOPE":
                self._send(400, json.dumps({"error_code": 400, "error_message":
                                            "Bad Request.  The series does not exist."}))
            elif "realtime_start" in q:
                self._send(200, json.dumps(VINTAGES))
            else:
                self._send(200, json.dumps(JSON_OBS))
        elif url.path.endswith("/fredgraph.csv"):
            self._send(200, CSV, "text/csv")
        else:
            self._send(404, "not found", "text/plain")

    def _send(self, code: int, body: str, ctype: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_api_json_with_missing_value(server: str) -> None:
    client = FredClient(api_key=KEY, api_url=f"{server}/fred")
    s = client.series("FEDFUNDS", start="2008-01-01", end="2008-03-31")
    assert s.name == "FEDFUNDS" and s.index.name == "date"
    assert s.iloc[:2].tolist() == [3.94, 2.98] and np.isnan(s.iloc[2])
    q = parse_qs(urlparse(_Handler.requests[-1]).query)
    assert q["observation_start"] == ["2008-01-01"] and q["api_key"] == [KEY]


def test_vintage_keeps_latest_realtime_value(server: str) -> None:
    client = FredClient(api_key=KEY, api_url=f"{server}/fred")
    s = client.series("GDPGAP", realtime_start="2009-01-01", realtime_end="2010-01-01")
    assert s.tolist() == [-2.1]


def test_graph_csv_without_key(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRED_API_KEY", raising=False)
    client = FredClient(graph_url=f"{server}/graph/fredgraph.csv")
    s = client.series("FEDFUNDS", start="2008-01-01")
    assert s.iloc[:2].tolist() == [3.94, 2.98] and np.isnan(s.iloc[2])
    assert "cosd=2008-01-01" in _Handler.requests[-1]
    with pytest.raises(InputError, match=r"vintages .* need a FRED API key"):
        client.series("FEDFUNDS", realtime_start="2009-01-01")


def test_errors_are_data_errors_with_freds_message(server: str) -> None:
    client = FredClient(api_key=KEY, api_url=f"{server}/fred")
    with pytest.raises(DataError, match=r"HTTP 400 .*api_key=\*\*\*.*The series does not exist"):
        client.series("NOPE")
    dead = FredClient(api_key=KEY, api_url="http://127.0.0.1:9/fred", timeout=2, retries=0)
    with pytest.raises(DataError, match="cannot reach FRED"):
        dead.series("FEDFUNDS")


def test_bad_arguments() -> None:
    with pytest.raises(InputError, match="32-character"):
        FredClient(api_key="short")
    client = FredClient(api_key=KEY)
    with pytest.raises(InputError, match="series_id must be a FRED series id"):
        client.observations_url("FED FUNDS")
    with pytest.raises(InputError, match=r"start must be a date \(YYYY-MM-DD\) between .*; got 'soon'"):
        client.observations_url("FEDFUNDS", start="soon")


def test_cli_fred_against_local_server(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import monpol.data.fred as fred

    monkeypatch.delenv("FRED_API_KEY", raising=False)
    original = fred.FredClient.__init__

    def local(self: fred.FredClient, **kw: object) -> None:
        original(self, graph_url=f"{server}/graph/fredgraph.csv", **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(fred.FredClient, "__init__", local)
    res = CliRunner().invoke(cli, ["data", "fred", "FEDFUNDS", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert rows[0] == {"date": "2008-01-01", "FEDFUNDS": 3.94} and rows[2]["FEDFUNDS"] is None
