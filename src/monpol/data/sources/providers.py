"""The sources: FRED/ALFRED, MOF (JGB interest-rate CSVs), US Treasury auctions, BOJ.

Every base URL is a constructor argument, so a source can be pointed at a mirror or, in the
tests, at a local server on 127.0.0.1 serving recorded responses.
"""

from __future__ import annotations

import io
import json
import re

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


def _boj_dates(raw: pd.Series) -> pd.Series:
    """``YYYYMMDD`` (daily), ``YYYYMM`` (monthly, the 1st), ``YYYYQn``, ``YYYY`` → dates."""
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    for pattern, fmt in ((r"\d{8}", "%Y%m%d"), (r"\d{6}", "%Y%m"), (r"\d{4}", "%Y")):
        sel = raw.str.fullmatch(pattern)
        out[sel] = pd.to_datetime(raw[sel], format=fmt, errors="coerce")
    q = raw.str.fullmatch(r"\d{4}Q[1-4]")
    if q.any():
        out[q] = pd.PeriodIndex(raw[q], freq="Q").to_timestamp()
    return out


class BojSource:
    """Bank of Japan time-series data (BOJ Time-Series Data Search), by series code.

    Series ids are ``DB/CODE`` as in the Time-Series Data Search, e.g. ``MD01/MABS1AN11``
    (monetary base, current-account balances) or ``BS01/...`` (BOJ accounts). The CSV
    answer read here has a header block of ``key,value`` lines ending at a line
    ``DATE,<code>`` followed by ``YYYYMM[DD],value`` rows (blank or ``ND``: no data), the
    layout of the Search's CSV download; the URL is an argument because the layout of the
    BOJ API (launched 2026) should be checked against https://www.stat-search.boj.or.jp/
    before relying on it.
    """

    name = "boj"
    description = "Bank of Japan Time-Series Data Search, series DB/CODE"

    def __init__(self, url: str = BOJ_URL, *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5) -> None:
        self.url, self.timeout, self.retries, self.backoff = url, timeout, retries, backoff

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        m = re.fullmatch(r"([A-Z0-9]{2,8})/([A-Za-z0-9_'$@.]{1,60})", series_id or "")
        if m is None:
            raise InputError(f"series_id must be 'DB/CODE' (e.g. 'MD01/MABS1AN11') for source "
                             f"'boj'; got {series_id!r}")
        if vintage is not None:
            raise InputError("vintage: BOJ time series have no vintages here; omit it")
        db, code = m.groups()
        url = f"{self.url}?format=csv&lang=en&db={db}&code={code}"
        raw = http.get(url, source="BOJ", timeout=self.timeout, retries=self.retries,
                       backoff=self.backoff)
        text = raw.decode("utf-8-sig", "replace")
        lines = text.splitlines()
        start = next((i for i, ln in enumerate(lines) if ln.upper().startswith("DATE,")), None)
        if start is None:
            raise DataError(f"BOJ: no 'DATE,...' header line in the answer from {url}; "
                            f"the layout may have changed")
        header = {ln.split(",", 1)[0].strip(): ln.split(",", 1)[1].strip()
                  for ln in lines[:start] if "," in ln}
        frame = pd.read_csv(io.StringIO("\n".join(lines[start:])), dtype=str)
        check_columns(frame, [frame.columns[0], code], source="BOJ", url=url)
        dates = _boj_dates(frame.iloc[:, 0].astype(str).str.strip())
        if dates.isna().any():
            bad = frame.iloc[:, 0][dates.isna()].iloc[0]
            raise DataError(f"BOJ: unreadable date {bad!r} in the answer from {url}")
        cells = frame[code].astype(str).str.strip()
        vals = pd.to_numeric(cells.where(cells != "ND", ""), errors="coerce")  # ND: no data
        out = pd.DataFrame({"value": vals.to_numpy(float)},
                           index=pd.DatetimeIndex(dates, name="date"))
        unit = header.get("Unit", "as published")
        meta = make_metadata(
            title=header.get("Series name", f"BOJ {series_id}"),
            description=f"BOJ Time-Series Data Search series {series_id}.",
            publisher="Bank of Japan",
            citation=f"Bank of Japan, Time-Series Data Search, {series_id}",
            url=url, licence="Bank of Japan terms of use; credit: Bank of Japan",
            frequency="irregular", columns={"value": (unit, header.get("Series name", code))})
        return Fetched(self.name, series_id, None, out, meta)
