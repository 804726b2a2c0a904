"""A connector for FRED (Federal Reserve Bank of St. Louis), to refresh or extend the data.

Two endpoints are supported:

* the FRED API (``series/observations``, JSON), when an API key is given (argument or the
  ``FRED_API_KEY`` environment variable) — this also serves ALFRED vintages through
  ``realtime_start``/``realtime_end``;
* the public graph CSV (``fredgraph.csv?id=...``), which needs no key.

Missing values (FRED writes ``.``) become NaN. Network and HTTP failures raise
:class:`~monpol.core.errors.DataError` with FRED's own message. The base URLs are
arguments, so the client can be pointed at a mirror or, in tests, at a local server: the
test suite never calls the network.

Examples
--------
>>> client = FredClient(api_key="abcdefghijklmnopqrstuvwxyz123456")
>>> client.observations_url("FEDFUNDS", start="2008-01-01", end="2008-12-31")  # doctest: +ELLIPSIS
'https://api.stlouisfed.org/fred/series/observations?series_id=FEDFUNDS&file_type=json&api_key=...&observation_start=2008-01-01&observation_end=2008-12-31'

References
----------
FRED API documentation, ``fred/series/observations``
(https://fred.stlouisfed.org/docs/api/fred/series_observations.html).
"""

from __future__ import annotations

import io
import json
import os
import re
import urllib.parse
from collections.abc import Sequence

import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.validation import date_like

__all__ = ["FredClient"]

API_URL = "https://api.stlouisfed.org/fred"
GRAPH_URL = "https://fred.stlouisfed.org/graph/fredgraph.csv"
_SERIES_ID = re.compile(r"^[A-Za-z0-9_.]{1,40}$")


def _check_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    return date_like(name, value).date().isoformat()


class FredClient:
    """Fetch series from FRED.

    Parameters
    ----------
    api_key : str, optional
        A FRED API key (32 characters); default the ``FRED_API_KEY`` environment
        variable. Without a key the public graph CSV endpoint is used.
    api_url, graph_url : str
        Base URLs (a mirror, or a local server in tests).
    timeout : float
        Seconds to wait for a response.
    retries, backoff : int, float
        Further attempts after a timeout, connection error, 429 or 5xx, waiting
        ``backoff * 2**attempt`` seconds (or the server's ``Retry-After``); see
        :func:`monpol.data.http.get`.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        api_url: str = API_URL,
        graph_url: str = GRAPH_URL,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> None:
        key = api_key if api_key is not None else os.environ.get("FRED_API_KEY")
        if key is not None and not re.fullmatch(r"[a-z0-9]{32}", key):
            raise InputError("api_key must be a 32-character lower-case alphanumeric FRED key")
        self.api_key = key
        self.api_url = api_url.rstrip("/")
        self.graph_url = graph_url
        self.timeout = timeout
        self.retries, self.backoff = retries, backoff

    def observations_url(
        self,
        series_id: str,
        *,
        start: str | None = None,
        end: str | None = None,
        realtime_start: str | None = None,
        realtime_end: str | None = None,
    ) -> str:
        """The URL :meth:`series` requests."""
        if not isinstance(series_id, str) or not _SERIES_ID.match(series_id):
            raise InputError(f"series_id must be a FRED series id like 'FEDFUNDS'; got {series_id!r}")
        start, end = _check_date("start", start), _check_date("end", end)
        rt_start = _check_date("realtime_start", realtime_start)
        rt_end = _check_date("realtime_end", realtime_end)
        if self.api_key is None:
            if rt_start or rt_end:
                raise InputError("vintages (realtime_start/realtime_end) need a FRED API key")
            q = {"id": series_id}
            if start:
                q["cosd"] = start
            if end:
                q["coed"] = end
            return f"{self.graph_url}?{urllib.parse.urlencode(q)}"
        q = {"series_id": series_id, "file_type": "json", "api_key": self.api_key}
        for k, v in (("observation_start", start), ("observation_end", end),
                     ("realtime_start", rt_start), ("realtime_end", rt_end)):
            if v:
                q[k] = v
        return f"{self.api_url}/series/observations?{urllib.parse.urlencode(q)}"

    def _get(self, url: str) -> bytes:
        import monpol.data.http as http

        def detail(body: bytes) -> str:
            text = body.decode("utf-8", "replace")
            try:
                return str(json.loads(text).get("error_message", text))
            except (ValueError, AttributeError):
                return text.strip()[:200]

        return http.get(url, source="FRED", timeout=self.timeout, retries=self.retries,
                        backoff=self.backoff, detail=detail)

    def series(
        self,
        series_id: str,
        *,
        start: str | None = None,
        end: str | None = None,
        realtime_start: str | None = None,
        realtime_end: str | None = None,
    ) -> pd.Series:
        """One series as a float Series with a DatetimeIndex named ``date``.

        ``realtime_start``/``realtime_end`` (API key needed) select an ALFRED vintage;
        with several vintages in the window the latest value for each date is kept.
        """
        url = self.observations_url(series_id, start=start, end=end,
                                    realtime_start=realtime_start, realtime_end=realtime_end)
        raw = self._get(url)
        if self.api_key is None:
            try:
                frame = pd.read_csv(io.BytesIO(raw), na_values=["."])
            except ValueError as exc:
                raise DataError(f"FRED sent an unreadable CSV for {series_id!r}: {exc}") from None
            if frame.shape[1] != 2:
                raise DataError(f"FRED CSV for {series_id!r} has columns {list(frame.columns)}")
            dates, values = frame.iloc[:, 0], frame.iloc[:, 1]
        else:
            try:
                obs = json.loads(raw)["observations"]
            except (ValueError, KeyError):
                raise DataError(f"FRED sent an unreadable response for {series_id!r}") from None
            frame = pd.DataFrame(obs, columns=["realtime_start", "date", "value"])
            frame = frame.sort_values(["date", "realtime_start"]).drop_duplicates("date", keep="last")
            dates, values = frame["date"], frame["value"].replace(".", None)
        out = pd.Series(pd.to_numeric(values, errors="coerce").to_numpy(float),
                        index=pd.DatetimeIndex(pd.to_datetime(dates), name="date"), name=series_id)
        if out.empty:
            raise DataError(f"FRED returned no observations for {series_id!r}")
        return out

    def frame(self, series_ids: Sequence[str], **kwargs: str | None) -> pd.DataFrame:
        """Several series side by side (outer join on date)."""
        if not series_ids:
            raise InputError("series_ids must name at least one FRED series")
        return pd.concat([self.series(s, **kwargs) for s in series_ids], axis=1).sort_index()
