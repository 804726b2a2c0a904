"""HTTP for the data sources: timeouts, retries with exponential backoff, 429 Retry-After.

Every failure becomes a :class:`~monpol.core.errors.DataError` naming the source and the
URL (API keys masked): a timeout, a connection failure, an HTTP error status (after the
retries, for 429 and 5xx), an empty body. Built on httpx (https://www.python-httpx.org/).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import httpx

from monpol.core.errors import DataError

__all__ = ["RETRY_STATUS", "get", "mask"]

#: statuses worth retrying: rate limit and transient server errors
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
#: longest Retry-After honoured, seconds (a longer one fails at once with the server's value)
MAX_RETRY_AFTER = 60.0


def mask(url: str) -> str:
    """``url`` with API keys replaced by ``***`` (for messages)."""
    return re.sub(r"(api_key|apikey|key)=[^&]+", r"\1=***", url)


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: fall back to the backoff schedule


def get(
    url: str,
    *,
    source: str,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 0.5,
    detail: Callable[[bytes], str] | None = None,
) -> bytes:
    """GET ``url`` and return the body; ``DataError`` on anything but a non-empty 2xx.

    ``retries`` further attempts follow a timeout, a connection error, a 429 or a 5xx,
    waiting ``backoff * 2**attempt`` seconds (or the server's ``Retry-After``, at most
    ``MAX_RETRY_AFTER``). ``detail`` turns an error body into the message's last part.
    """
    safe = mask(url)
    last = ""
    for attempt in range(retries + 1):
        wait = backoff * 2**attempt
        try:
            resp = httpx.get(url, timeout=timeout, follow_redirects=True)
        except httpx.TimeoutException:
            last = f"{source}: no answer within {timeout:g} s from {safe}"
        except httpx.HTTPError as exc:
            last = f"cannot reach {source} at {safe}: {exc}"
        else:
            if resp.status_code < 400:
                if not resp.content.strip():
                    raise DataError(f"{source} sent an empty answer for {safe}")
                return resp.content
            body = resp.content
            text = detail(body) if detail else body.decode("utf-8", "replace").strip()[:200]
            last = f"{source} returned HTTP {resp.status_code} for {safe}: {text}"
            if resp.status_code not in RETRY_STATUS:
                raise DataError(last)
            ra = _retry_after(resp)
            if ra is not None:
                if ra > MAX_RETRY_AFTER:
                    raise DataError(f"{last} (rate limited; Retry-After {ra:g} s)")
                wait = ra
        if attempt < retries:
            time.sleep(wait)
    raise DataError(f"{last} (after {retries + 1} attempts)")
