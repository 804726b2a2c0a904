"""The sources: FRED/ALFRED, MOF (JGB interest-rate CSVs), US Treasury auctions, BOJ.

Every base URL is a constructor argument, so a source can be pointed at a mirror or, in the
tests, at a local server on 127.0.0.1 serving recorded responses.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import numpy as np
import pandas as pd

import monpol.data.http as http
from monpol.core.errors import DataError, InputError
from monpol.data.fred import FredClient
from monpol.data.sources.base import Fetched, check_columns, make_metadata

__all__ = ["BojSource", "FredSource", "MofSource", "TreasurySource"]


class FredSource:
    """FRED / ALFRED (St. Louis Fed), through :class:`monpol.data.fred.FredClient`.

    ``vintage`` (a date) selects the ALFRED real-time vintage in force on that date
    (``realtime_start = realtime_end = vintage``; needs an API key), per the FRED API
    documentation of ``fred/series/observations``
    (https://fred.stlouisfed.org/docs/api/fred/series_observations.html).
    """

    name = "fred"
    description = "FRED / ALFRED series (St. Louis Fed); vintages need an API key"

    def __init__(self, client: FredClient | None = None) -> None:
        self._client = client

    @property
    def client(self) -> FredClient:
        """The client (made on first use, so a bad ``$FRED_API_KEY`` fails at fetch time)."""
        if self._client is None:
            self._client = FredClient()
        return self._client

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        s = self.client.series(series_id, realtime_start=vintage, realtime_end=vintage)
        url = http.mask(self.client.observations_url(series_id, realtime_start=vintage,
                                                     realtime_end=vintage))
        meta = make_metadata(
            title=f"FRED {series_id}" + (f" (ALFRED vintage {vintage})" if vintage else ""),
            description=f"FRED series {series_id} as served by {url}.",
            publisher="Federal Reserve Bank of St. Louis (FRED)",
            citation=f"Federal Reserve Bank of St. Louis, FRED, series {series_id}",
            url=f"https://fred.stlouisfed.org/series/{series_id}",
            licence="see the series' notes on FRED (most are public domain)",
            frequency="irregular",
            columns={"value": ("as published", f"{series_id} in the units FRED publishes")},
        )
        return Fetched(self.name, series_id, vintage, s.rename("value").to_frame(), meta)


# --------------------------------------------------------------------------- MOF

MOF_URLS = {
    # Ministry of Finance Japan, "Interest Rate" page
    # (https://www.mof.go.jp/jgbs/reference/interest_rate/index.htm): the historical file
    # (from 1974-09-24) and the current month's file, Shift-JIS CSV.
    "jgbcm_all": "https://www.mof.go.jp/jgbs/reference/interest_rate/data/jgbcm_all.csv",
    "jgbcm": "https://www.mof.go.jp/jgbs/reference/interest_rate/jgbcm.csv",
}
#: Japanese era initials → the Gregorian year before the era's first year
_ERAS = {"M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
_ERA_DATE = re.compile(r"^([MTSHR])(\d{1,2})\.(\d{1,2})\.(\d{1,2})$")


def japanese_date(text: str) -> pd.Timestamp:
    """``"S49.9.24"`` → 1974-09-24, ``"R6.4.1"`` → 2024-04-01 (also ISO / ``2024/4/1``).

    >>> japanese_date("S49.9.24").date(), japanese_date("R1.5.7").date()
    (datetime.date(1974, 9, 24), datetime.date(2019, 5, 7))
    """
    m = _ERA_DATE.match(text.strip())
    if m:
        era, y, mo, d = m.group(1), *map(int, m.groups()[1:])
        return pd.Timestamp(_ERAS[era] + y, mo, d)
    return pd.Timestamp(pd.to_datetime(text.strip().replace("/", "-"), format="ISO8601"))


class MofSource:
    """Ministry of Finance Japan: the JGB interest-rate (par-yield curve) CSVs.

    Series ``jgbcm_all`` (daily since 1974-09-24) and ``jgbcm`` (current month). MOF
    serves them in Shift-JIS: a title line (``国債金利情報 ...``), a header
    ``基準日,1年,2年,...,40年`` and one row per day with Japanese-era dates (``S49.9.24``,
    ``R6.4.1``); ``-`` marks a tenor not quoted that day. Columns come out as ``1Y`` ...
    ``40Y`` in percent per year.
    """

    name = "mof"
    description = "Ministry of Finance Japan: JGB interest-rate CSVs jgbcm_all, jgbcm"

    def __init__(self, urls: dict[str, str] | None = None, *, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5) -> None:
        self.urls = dict(MOF_URLS if urls is None else urls)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        if series_id not in self.urls:
            raise InputError(f"series_id must be one of {sorted(self.urls)} for source 'mof'; "
                             f"got {series_id!r}")
        if vintage is not None:
            raise InputError("vintage: MOF's interest-rate files have no vintages; omit it")
        url = self.urls[series_id]
        raw = http.get(url, source="MOF", timeout=self.timeout, retries=self.retries,
                       backoff=self.backoff)
        try:
            text = raw.decode("shift_jis")
        except UnicodeDecodeError:
            raise DataError(f"MOF: the answer from {url} is not Shift-JIS text") from None
        lines = text.splitlines()
        start = next((i for i, ln in enumerate(lines) if ln.startswith("基準日")), None)
        if start is None:
            raise DataError(f"MOF: no header line starting with '基準日' in the answer from {url}; "
                            f"the file may have changed its layout")
        frame = pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str)
        frame.columns = [c.strip() for c in frame.columns]
        tenors = [c for c in frame.columns[1:] if re.fullmatch(r"\d{1,2}年", c)]
        check_columns(frame, ["基準日", "1年", "10年"], source="MOF", url=url)
        try:
            dates = frame["基準日"].map(japanese_date)
        except ValueError as exc:
            raise DataError(f"MOF: unreadable date in {url}: {exc}") from None
        values = frame[tenors].replace({"-": np.nan, "": np.nan})
        try:
            num = values.astype(float)
        except ValueError as exc:
            raise DataError(f"MOF: a non-numeric yield in {url}: {exc}") from None
        num.columns = [c.replace("年", "Y") for c in tenors]
        num.index = pd.DatetimeIndex(dates, name="date")
        meta = make_metadata(
            title=f"MOF JGB interest rates ({series_id}.csv)",
            description="Par yields of JGBs by residual maturity, as published by MOF.",
            publisher="Ministry of Finance Japan",
            citation=f"Ministry of Finance Japan, Interest Rate ({series_id}.csv)",
            url=url,
            licence="Government of Japan Standard Terms of Use (compatible with CC BY 4.0); "
                    "credit: Ministry of Finance Japan",
            frequency="daily",
            columns={c: ("percent", f"{c} par yield, percent per year") for c in num.columns},
        )
        return Fetched(self.name, series_id, None, num, meta)


# --------------------------------------------------------------------------- US Treasury

FISCALDATA_URL = ("https://api.fiscaldata.treasury.gov/services/api/fiscal_service/v1/"
                  "accounting/od/auctions_query")
#: fiscaldata auctions_query fields kept (Fiscal Data "Treasury Securities Auctions Data",
#: https://fiscaldata.treasury.gov/datasets/treasury-securities-auctions-data/)
UST_FIELDS = {
    "cusip": ("label", "CUSIP"),
    "security_type": ("label", "Bill, Note, Bond, TIPS, FRN"),
    "security_term": ("label", "term as published, e.g. 10-Year, 26-Week"),
    "offering_amt": ("USD", "offering amount"),
    "total_tendered": ("USD", "total tendered"),
    "total_accepted": ("USD", "total accepted"),
    "bid_to_cover_ratio": ("ratio", "bid-to-cover as published by Treasury"),
    "high_yield": ("percent", "high yield (notes and bonds), percent per year"),
    "high_investment_rate": ("percent", "high investment rate (bills), percent per year"),
    "primary_dealer_accepted": ("USD", "accepted from primary dealers"),
    "direct_bidder_accepted": ("USD", "accepted from direct bidders"),
    "indirect_bidder_accepted": ("USD", "accepted from indirect bidders"),
    "soma_accepted": ("USD", "Federal Reserve SOMA add-ons accepted"),
}


class TreasurySource:
    """US Treasury auction results from the Fiscal Data API (``auctions_query``).

    Series ids: ``all`` or a security type (``Bill``, ``Note``, ``Bond``, ``TIPS``, ``FRN``).
    The JSON answer is ``{"data": [{field: "string" | "null", ...}], "meta": ..., "links":
    ...}``; numbers come as strings and missing values as ``"null"``. Pages of 10,000 rows
    are followed through ``links.next``.
    """

    name = "ust"
    description = "US Treasury auction results (Fiscal Data auctions_query)"

    def __init__(self, url: str = FISCALDATA_URL, *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, max_pages: int = 50) -> None:
        self.url, self.timeout, self.retries, self.backoff = url, timeout, retries, backoff
        self.max_pages = max_pages

    def query_url(self, series_id: str, page: int = 1) -> str:
        filt = "" if series_id == "all" else f"&filter=security_type:eq:{series_id}"
        return f"{self.url}?sort=auction_date&page[size]=10000&page[number]={page}{filt}"

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        allowed = ("all", "Bill", "Note", "Bond", "TIPS", "FRN")
        if series_id not in allowed:
            raise InputError(f"series_id must be one of {allowed} for source 'ust'; "
                             f"got {series_id!r}")
        if vintage is not None:
            raise InputError("vintage: Treasury auction results have no vintages; omit it")
        rows: list[dict[str, object]] = []
        for page in range(1, self.max_pages + 1):
            url = self.query_url(series_id, page)
            raw = http.get(url, source="US Treasury Fiscal Data", timeout=self.timeout,
                           retries=self.retries, backoff=self.backoff)
            try:
                doc = json.loads(raw)
                data = doc["data"]
            except (ValueError, KeyError, TypeError):
                raise DataError(f"US Treasury Fiscal Data: the answer from {url} is not the "
                                f"auctions_query JSON (no 'data' list)") from None
            rows += data
            if not (doc.get("links") or {}).get("next"):
                break
        frame = pd.DataFrame(rows)
        url = self.query_url(series_id)
        check_columns(frame, ["auction_date", *UST_FIELDS], source="US Treasury Fiscal Data",
                      url=url)
        out = frame[list(UST_FIELDS)].replace({"null": np.nan, "": np.nan})
        for col, (unit, _) in UST_FIELDS.items():
            if unit != "label":
                out[col] = pd.to_numeric(out[col], errors="coerce")
        out.index = pd.DatetimeIndex(pd.to_datetime(frame["auction_date"], format="ISO8601"),
                                     name="date")
        meta = make_metadata(
            title=f"US Treasury auction results ({series_id})",
            description="One row per auction, from the Fiscal Data auctions_query endpoint.",
            publisher="U.S. Department of the Treasury, Bureau of the Fiscal Service",
            citation="U.S. Treasury, Fiscal Data: Treasury Securities Auctions Data",
            url=url, licence="Public domain (U.S. government work)", frequency="irregular",
            columns=dict(UST_FIELDS))
        return Fetched(self.name, series_id, None, out.sort_index(), meta)


# --------------------------------------------------------------------------- BOJ

BOJ_URL = "https://www.stat-search.boj.or.jp/api/v1/getDataCode"
#: BOJ API success message ids: data, and "no data for the request" (M181030I)
_BOJ_OK, _BOJ_EMPTY = "M181000I", "M181030I"


def boj_dates(raw: list[object], frequency: str) -> pd.DatetimeIndex:
    """BOJ ``SURVEY_DATES`` → the first day of each period, by the series' ``FREQUENCY``.

    Per the BOJ API manual: ``DAILY``/``WEEKLY(...)`` ``YYYYMMDD``; ``MONTHLY`` ``YYYYMM``;
    ``QUARTERLY`` ``YYYYQQ`` (QQ = 01–04: ``202402`` is 2024Q2, not February);
    ``SEMIANNUAL`` ``YYYYHH`` (HH = 01, 02), ``SEMIANNUAL(SEP)`` the fiscal half from April;
    ``ANNUAL`` ``YYYY``, ``ANNUAL(MAR)`` the fiscal year from April of ``YYYY``.

    >>> [d.date().isoformat() for d in boj_dates([202401, 202404], "QUARTERLY")]
    ['2024-01-01', '2024-10-01']
    """
    text = [str(v).strip() for v in raw]
    f = frequency.upper()
    try:
        if f == "DAILY" or f.startswith("WEEKLY"):
            return pd.DatetimeIndex(pd.to_datetime(text, format="%Y%m%d"))
        if f == "MONTHLY":
            return pd.DatetimeIndex(pd.to_datetime(text, format="%Y%m"))
        if f == "QUARTERLY":
            return pd.DatetimeIndex([pd.Period(year=int(t[:4]), quarter=int(t[4:]), freq="Q")
                                     .to_timestamp() for t in text if _check(t, 6, 4)])
        if f.startswith("SEMIANNUAL"):
            first = 4 if "SEP" in f else 1
            return pd.DatetimeIndex([pd.Timestamp(int(t[:4]), first, 1) + pd.DateOffset(
                months=6 * (int(t[4:]) - 1)) for t in text if _check(t, 6, 2)])
        if f.startswith("ANNUAL"):
            month = 4 if "MAR" in f else 1
            return pd.DatetimeIndex([pd.Timestamp(int(t), month, 1) for t in text
                                     if _check(t, 4, 0)])
    except ValueError as exc:
        raise DataError(f"BOJ: unreadable SURVEY_DATES for frequency {frequency!r}: {exc}") from None
    raise DataError(f"BOJ: unknown FREQUENCY {frequency!r} (the API manual lists DAILY, "
                    f"WEEKLY(...), MONTHLY, QUARTERLY, SEMIANNUAL[(SEP)], ANNUAL[(MAR)])")


def _check(t: str, length: int, top: int) -> bool:
    if len(t) != length or not t.isdigit() or (top and not 1 <= int(t[4:]) <= top):
        raise ValueError(f"{t!r}")
    return True


class BojSource:
    """Bank of Japan Time-Series Data Search API (``getDataCode``), by series code.

    Series ids are ``DB/CODE``, e.g. ``MD01/MABS1AN11`` (monetary base, current-account
    balances) or ``BS01/...`` (Bank of Japan accounts); the API wants the code without the
    ``DB'`` prefix of the search site. The answer read is the API's JSON (``format=json``,
    ``lang=en``): ``STATUS``, ``MESSAGEID``, ``MESSAGE``, ``NEXTPOSITION`` and a
    ``RESULTSET`` of series with ``SERIES_CODE``, ``NAME_OF_TIME_SERIES``, ``UNIT``,
    ``FREQUENCY`` and ``VALUES: {SURVEY_DATES: [...], VALUES: [...]}`` (``null`` = no
    data). The API answers HTTP 200 even on errors, with ``STATUS`` 400/500/503 in the
    body, which become a ``DataError`` with BOJ's message id and text; ``NEXTPOSITION`` is
    followed (as ``startPosition``) when the answer is split. Layout per the BOJ API manual
    (https://www.stat-search.boj.or.jp/info/api_manual.pdf, as summarised in
    obichan117/boj-ts-api ``docs/boj-api.md``, verified there 2026-02-19).
    """

    name = "boj"
    description = "Bank of Japan Time-Series Data Search API, series DB/CODE"

    def __init__(self, url: str = BOJ_URL, *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, max_pages: int = 20) -> None:
        self.url, self.timeout, self.retries, self.backoff = url, timeout, retries, backoff
        self.max_pages = max_pages

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        m = re.fullmatch(r"([A-Z0-9]{2,8})/([A-Za-z0-9_$@.#-]{1,60})", series_id or "")
        if m is None:
            raise InputError(f"series_id must be 'DB/CODE' (e.g. 'MD01/MABS1AN11'; the code "
                             f"without the search site's DB' prefix) for source 'boj'; "
                             f"got {series_id!r}")
        if vintage is not None:
            raise InputError("vintage: BOJ time series have no vintages here; omit it")
        db, code = m.groups()
        base = f"{self.url}?format=json&lang=en&db={db}&code={code}"
        dates: list[object] = []
        values: list[object] = []
        series: dict[str, Any] = {}
        url, position = base, None
        for _ in range(self.max_pages):
            url = base if position is None else f"{base}&startPosition={position}"
            raw = http.get(url, source="BOJ", timeout=self.timeout, retries=self.retries,
                           backoff=self.backoff)
            try:
                doc = json.loads(raw)
                status = int(doc["STATUS"])
            except (ValueError, KeyError, TypeError):
                raise DataError(f"BOJ: the answer from {url} is not the API's JSON (no "
                                f"STATUS); the layout may have changed") from None
            mid, msg = doc.get("MESSAGEID", ""), doc.get("MESSAGE", "")
            if status != 200:
                raise DataError(f"BOJ: error {status} {mid} for {url}: {msg}")
            if mid == _BOJ_EMPTY:
                raise DataError(f"BOJ: no data for {series_id} at {url} ({mid}: {msg})")
            try:
                found = [r for r in doc["RESULTSET"] if r.get("SERIES_CODE") == code]
                if not found:
                    raise KeyError(code)
                series = found[0]
                dates += list(series["VALUES"]["SURVEY_DATES"])
                values += list(series["VALUES"]["VALUES"])
            except (KeyError, TypeError, AttributeError):
                raise DataError(f"BOJ: the answer from {url} has no series {code!r} with "
                                f"VALUES.SURVEY_DATES/VALUES; the layout may have changed"
                                ) from None
            position = doc.get("NEXTPOSITION")
            if position in (None, "", 0):
                break
        else:
            raise DataError(f"BOJ: {series_id} did not end within {self.max_pages} pages "
                            f"(NEXTPOSITION) from {base}")
        if not dates or len(dates) != len(values):
            raise DataError(f"BOJ: the answer from {base} has {len(dates)} dates and "
                            f"{len(values)} values for {code!r}")
        index = boj_dates(dates, str(series.get("FREQUENCY", "")))
        vals = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")  # null: no data
        out = pd.DataFrame({"value": vals.to_numpy(float)},
                           index=pd.DatetimeIndex(index, name="date"))
        unit = str(series.get("UNIT") or "as published")
        title = str(series.get("NAME_OF_TIME_SERIES") or f"BOJ {series_id}")
        meta = make_metadata(
            title=title,
            description=f"BOJ Time-Series Data Search series {series_id} "
                        f"({series.get('FREQUENCY', '')}).",
            publisher="Bank of Japan",
            citation=f"Bank of Japan, Time-Series Data Search, {series_id}",
            url=base, licence="Bank of Japan terms of use; credit: Bank of Japan",
            frequency="irregular", columns={"value": (unit, title)})
        return Fetched(self.name, series_id, None, out.sort_index(), meta)
