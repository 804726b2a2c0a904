"""MOF JGB auction results: the Japanese results page MOF publishes for each auction.

The Ministry of Finance publishes one results page per auction (``…の入札結果``), in
Japanese, as an HTML table of numbered items: name (``名称及び記号``), coupon
(``表面利率``), issue date (``発行日``), maturity (``償還期限``), and for the competitive
auction the bids (``応募額``), the amount accepted (``募入決定額``), the lowest accepted
price and its yield (``募入最低価格`` / ``募入最高利回り``), the share allotted at the
lowest price (``案分比率``), the average accepted price and its yield (``募入平均価格`` /
``募入平均利回り``), then the non-competitive auction I (``第Ⅰ非価格競争入札``).

Layouts read (checked against MOF's published pages, see ``tests/data/fixtures/README.md``):

=====================  ==================================================================
auction type           what the page gives
=====================  ==================================================================
T-bills (国庫短期証券)   price-competitive, conventional; prices to 1/10,000 yen
                       (``100円04銭0厘5毛``); yields to 4 decimals; amounts to 10,000 yen
                       (``11兆6,539億1,000万円``); tenor from issue and maturity dates
coupon 2–30 years      price-competitive, conventional; prices to 1 sen (``99円65銭``)
40 years               yield-competitive, Dutch (``利回り競争入札``): highest accepted
                       yield and the issue price; no average price, so no price tail
inflation-indexed      price-competitive, Dutch: every bidder pays the lowest accepted
(物価連動)               price; no average price, so no tail
liquidity enhancement  yield-spread competitive (``募入最大利回格差`` / ``募入平均利回格差``,
(流動性供給)             ``▲`` = minus) against MOF's reference yields; amounts at face value
=====================  ==================================================================

Amounts are returned in 100 million yen (億円, MOF's unit), prices in yen per 100 yen face,
yields and spreads in percent per year. ``bid_to_cover`` = bids / amount accepted in the
competitive auction; ``tail`` = average − lowest accepted price (yen per 100 face);
``tail_bp`` = (highest − average accepted yield or spread) × 100 (basis points).

Page URLs: ``resul<YYYYMMDD>.htm`` under ``jgbs/auction/calendar/nyusatsu/`` (coupon and
inflation-indexed JGBs) and ``jgbs/auction/calendar/tbill/tbill_nyusatsu/`` (T-bills), e.g.
https://www.mof.go.jp/jgbs/auction/calendar/tbill/tbill_nyusatsu/resul20191129.htm (the
3-month bill #873). The liquidity-enhancement path is an argument (its default is not
verified). Pages are decoded by their declared charset (``<meta charset>``: UTF-8 on the
current site, Shift_JIS on older pages), else UTF-8, else CP932.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html.parser import HTMLParser

import numpy as np
import pandas as pd

import monpol.data.http as http
from monpol.core.errors import DataError, InputError
from monpol.data.sources.base import Fetched, make_metadata

__all__ = [
    "AUCTION_COLUMNS",
    "AUCTION_URLS",
    "MofAuctionSource",
    "era_date",
    "jgb_records",
    "parse_results_page",
]

AUCTION_URLS = {
    "jgb": "https://www.mof.go.jp/jgbs/auction/calendar/nyusatsu/resul{date}{suffix}.htm",
    "tbill": ("https://www.mof.go.jp/jgbs/auction/calendar/tbill/tbill_nyusatsu/"
              "resul{date}{suffix}.htm"),
    # not verified against MOF's site: point it elsewhere with MofAuctionSource(urls=...)
    "liquidity": "https://www.mof.go.jp/jgbs/auction/calendar/ryudousei/resul{date}{suffix}.htm",
}

#: columns of a fetched auction (one row per auction, index ``date``), unit, description
AUCTION_COLUMNS: dict[str, tuple[str, str]] = {
    "kind": ("label", "bill, coupon, inflation-indexed or liquidity"),
    "security": ("label", "name and number as on the page, e.g. 利付国庫債券(20年)(第192回)"),
    "issue_number": ("count", "issue number (回号); for liquidity enhancement the auction number"),
    "tenor": ("label", "3M/6M/1Y bills, 2Y..40Y coupons, I10Y inflation-indexed, zone 5-15.5Y"),
    "method": ("label", "price (conventional), price-dutch, yield-dutch or spread"),
    "coupon": ("percent", "coupon, percent per year (blank for bills and liquidity)"),
    "issue_date": ("date", "issue date"),
    "maturity_date": ("date", "maturity date"),
    "bids": ("100 million yen", "competitive bids tendered (応募額)"),
    "accepted": ("100 million yen", "competitive bids accepted (募入決定額)"),
    "noncompetitive_1": ("100 million yen", "non-competitive auction I accepted"),
    "bid_to_cover": ("ratio", "bids / accepted (competitive auction)"),
    "lowest_price": ("yen per 100 yen face", "lowest accepted price (募入最低価格)"),
    "highest_yield": ("percent", "highest accepted yield (募入最高利回り); spread for liquidity"),
    "average_price": ("yen per 100 yen face", "average accepted price (募入平均価格)"),
    "average_yield": ("percent", "average accepted yield (募入平均利回り); spread for liquidity"),
    "issue_price": ("yen per 100 yen face", "issue price of a Dutch auction (発行価格)"),
    "allotment_at_lowest": ("percent", "share of bids at the lowest price/highest yield allotted"),
    "tail": ("yen per 100 yen face", "average - lowest accepted price"),
    "tail_bp": ("bp", "(highest - average accepted yield or spread) x 100"),
}

#: Japanese eras: name and initial -> Gregorian year before the era's first year
_ERA_YEAR = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_KANJI_DATE = re.compile(r"(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日")
_AMOUNT = re.compile(r"(?:(\d[\d,]*)兆)?(?:(\d[\d,]*)億)?(?:(\d[\d,]*)万)?円")
_PRICE = re.compile(r"(\d{1,3})円(\d{1,2})銭(?:(\d)厘)?(?:(\d)毛)?")
_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)%")
_SERIES = re.compile(r"^(jgb|tbill|liquidity)/(\d{4})-?(\d{2})-?(\d{2})([a-z]?)$")


def era_date(text: str) -> pd.Timestamp:
    """``"令和元年11月29日"`` → 2019-11-29 (元 = the era's first year).

    >>> era_date("令和元年11月29日").date(), era_date("平成25年8月20日").date()
    (datetime.date(2019, 11, 29), datetime.date(2013, 8, 20))
    """
    m = _KANJI_DATE.search(unicodedata.normalize("NFKC", text))
    if m is None:
        raise DataError(f"not a Japanese-era date (e.g. 令和元年11月29日): {text!r}")
    era, year, month, day = m.groups()
    y = 1 if year == "元" else int(year)
    return pd.Timestamp(_ERA_YEAR[era] + y, int(month), int(day))


# --------------------------------------------------------------------------- page text


class _Cells(HTMLParser):
    """The page's text with ``|`` between cells and blocks (scripts and styles dropped)."""

    _BREAK = frozenset({"td", "th", "tr", "p", "div", "br", "li", "h1", "h2", "h3", "h4",
                        "table", "span", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BREAK:
            self.parts.append("|")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BREAK:
            self.parts.append("|")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _decode(raw: bytes, url: str) -> str:
    head = raw[:4096].decode("ascii", "replace")
    m = re.search(r"charset=[\"']?([A-Za-z0-9_-]+)", head)
    declared = m.group(1).lower() if m else None
    if declared in ("shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j", "cp932"):
        declared = "cp932"  # Microsoft's Shift_JIS, which MOF's files use (Ⅰ, ①, ...)
    for codec in ([declared] if declared else []) + ["utf-8", "cp932"]:
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DataError(f"MOF: the answer from {url} is neither UTF-8 nor Shift-JIS text")


def page_text(html: str) -> str:
    """Normalised text of a results page: NFKC (full-width → ASCII, Ⅰ → I), no blanks,
    ``▲``/``△`` → ``-``, cells separated by single ``|``."""
    p = _Cells()
    p.feed(html)
    p.close()
    text = unicodedata.normalize("NFKC", "".join(p.parts))
    text = re.sub(r"\s+", "", text).replace("▲", "-").replace("△", "-").replace("−", "-")
    return re.sub(r"\|+", "|", text)


def _find(text: str, label: str, value: re.Pattern[str], start: int = 0,
          gap: str = r"[^0-9\-]{0,40}?") -> tuple[re.Match[str], int] | None:
    """The first ``value`` right after a ``label`` (only non-digits between) from ``start``;
    returns the value's match and the label's position."""
    after = re.compile(gap + f"(?={value.pattern})")
    for lab in re.compile(label).finditer(text, start):
        g = after.match(text, lab.end())
        if g is not None:
            v = value.match(text, g.end())
            assert v is not None
            return v, lab.start()
    return None


def _amount(m: re.Match[str]) -> float:
    cho, oku, man = (float(g.replace(",", "")) if g else 0.0 for g in m.groups())
    return cho * 1e4 + oku + man / 1e4


def _price(m: re.Match[str]) -> float:
    yen, sen, rin, mo = (int(g) if g else 0 for g in m.groups())
    return round(yen + sen / 100 + rin / 1000 + mo / 10000, 4)


def _kind_tenor(text: str, name: str, issue: pd.Timestamp | None,
                maturity: pd.Timestamp | None, url: str) -> tuple[str, str | None]:
    if "国庫短期証券" in name or "国庫短期証券" in text[:200]:
        if issue is None or maturity is None:
            raise DataError(f"MOF: the T-bill page {url} lacks its issue date or maturity "
                            f"(the tenor is read from them)")
        days = (maturity - issue).days
        for limit, tenor in ((75, "2M"), (135, "3M"), (270, "6M"), (400, "1Y")):
            if days < limit:
                return "bill", tenor
        raise DataError(f"MOF: a T-bill of {days} days in {url}; bills run at most one year")
    if "流動性供給" in text[:300]:
        z = re.search(r"残存期間(\d+(?:\.\d+)?)年超(\d+(?:\.\d+)?)年", text)
        return "liquidity", (f"{z.group(1)}-{z.group(2)}Y" if z else None)
    m = re.search(r"物価連動・?(\d{1,2})年", name) or re.search(r"(\d{1,2})年物価連動", text[:300])
    if m:
        return "inflation-indexed", f"I{int(m.group(1))}Y"
    m = re.search(r"利付国庫債券\((\d{1,2})年\)", name) or re.search(r"(\d{1,2})年利付国債",
                                                                  text[:300])
    if m:
        return "coupon", f"{int(m.group(1))}Y"
    raise DataError(f"MOF: cannot tell the auction type of {url} from its name {name!r}")


def parse_results_page(raw: bytes | str, url: str = "results page") -> dict[str, object]:
    """One auction's fields (:data:`AUCTION_COLUMNS` plus ``date``) from its results page.

    Raises
    ------
    DataError
        The page is not a results page (no era date, no name, no bids or amount accepted),
        or a field has an unreadable value; the message names ``url``.
    """
    html = raw if isinstance(raw, str) else _decode(raw, url)
    text = page_text(html)
    if "入札結果" not in text[:400] and "募入決定" not in text:
        raise DataError(f"MOF: the answer from {url} is not an auction results page "
                        f"(no 入札結果 heading); the layout may have changed")
    d = _KANJI_DATE.search(text)
    if d is None:
        raise DataError(f"MOF: no auction date (e.g. 令和7年5月20日) in {url}")
    date = era_date(d.group(0))

    def date_after(label: str) -> pd.Timestamp | None:
        hit = _find(text, label, _KANJI_DATE, gap=r"\|?")
        return era_date(hit[0].group(0)) if hit else None

    name_m = re.search(r"名称及び記号\|?([^|]+)", text)
    name = name_m.group(1) if name_m else (re.match(r"\|?([^|]+)", text).group(1)  # type: ignore[union-attr]
                                           .removesuffix("入札結果").removesuffix("の"))
    num = re.search(r"第(\d+)回", name) or re.search(r"第(\d+)回", text[:300])
    issue, maturity = date_after("発行日"), date_after("償還期限")
    kind, tenor = _kind_tenor(text, name, issue, maturity, url)
    coupon = re.search(r"表面利率\|?年(\d+(?:\.\d+)?)パーセント", text)

    bids_hit = _find(text, r"応募額", _AMOUNT)
    if bids_hit is None:
        raise DataError(f"MOF: no bids (応募額) in the results page {url}")
    bids = _amount(bids_hit[0])
    acc_hit = _find(text, r"募入決定額", _AMOUNT, start=bids_hit[0].end())
    if acc_hit is None:
        raise DataError(f"MOF: no amount accepted (募入決定額) after the bids in {url}")
    accepted = _amount(acc_hit[0])
    if accepted <= 0 or accepted > bids * (1 + 1e-9):
        raise DataError(f"MOF: amount accepted {accepted:g} is not in (0, bids = {bids:g}] "
                        f"(100 million yen) in {url}")
    comp_end = len(text)
    nc = re.search(r"非価格競争入札について\|", text[acc_hit[0].end():])
    if nc:
        comp_end = acc_hit[0].end() + nc.start()
    comp = text[:comp_end]
    nc1 = None
    if nc:
        hit = _find(text, r"募入決定額", _AMOUNT, start=comp_end)
        nc1 = _amount(hit[0]) if hit else None

    def price(label: str) -> float:
        hit = _find(comp, label, _PRICE, start=bids_hit[0].end())
        return _price(hit[0]) if hit else np.nan

    def pct(label: str, start: int | None = None) -> float:
        hit = _find(comp, label, _PERCENT, start=bids_hit[0].end() if start is None else start,
                    gap=r"[^0-9\-]{0,40}?")
        return float(hit[0].group(1)) if hit else np.nan

    if kind == "liquidity":
        method = "spread"
        lowest = average = issue_price = np.nan
        highest_y, average_y = pct("募入最大利回格差"), pct("募入平均利回格差")
        allot = pct("案分比率")
    elif "利回り競争入札" in text:
        method = "yield-dutch"
        lowest = average = np.nan
        highest_y, average_y = pct("募入最高利回り"), pct("募入平均利回り")
        hit = _find(text, "発行価格", _PRICE, gap=r"\|?(?:額面金額100円につき)?")
        issue_price = _price(hit[0]) if hit else np.nan
        allot = pct("案分比率")
    else:
        lowest, average = price("募入最低価格"), price("募入平均価格")
        highest_y, average_y = pct("募入最高利回り"), pct("募入平均利回り")
        allot = pct(r"(?:募入最低価格に|案分比率)")
        method = "price" if not np.isnan(average) else "price-dutch"
        issue_price = lowest if method == "price-dutch" else np.nan
        if np.isnan(lowest):
            raise DataError(f"MOF: no lowest accepted price (募入最低価格) in {url}")
    if not np.isnan(lowest) and not np.isnan(average) and average < lowest:
        raise DataError(f"MOF: average price {average:g} below the lowest {lowest:g} in {url}")
    return {
        "date": date,
        "kind": kind,
        "security": name,
        "issue_number": int(num.group(1)) if num else None,
        "tenor": tenor,
        "method": method,
        "coupon": float(coupon.group(1)) if coupon else np.nan,
        "issue_date": issue,
        "maturity_date": maturity,
        "bids": bids,
        "accepted": accepted,
        "noncompetitive_1": np.nan if nc1 is None else nc1,
        "bid_to_cover": bids / accepted,
        "lowest_price": lowest,
        "highest_yield": highest_y,
        "average_price": average,
        "average_yield": average_y,
        "issue_price": issue_price,
        "allotment_at_lowest": allot,
        "tail": round(average - lowest, 4),
        "tail_bp": round((highest_y - average_y) * 100, 4),
    }


# --------------------------------------------------------------------------- source


class MofAuctionSource:
    """MOF JGB auction results, one page per auction: series ``KIND/YYYY-MM-DD``.

    ``KIND`` is ``jgb`` (coupon JGBs 2–40 years and inflation-indexed), ``tbill``
    (Treasury Discount Bills) or ``liquidity`` (liquidity-enhancement auctions); a letter
    may follow the date for a second page of the same day (``jgb/2025-05-20b``).
    """

    name = "mof-auction"
    description = "MOF JGB auction results pages (T-bills, coupon, inflation-indexed, liquidity)"

    def __init__(self, urls: dict[str, str] | None = None, *, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5) -> None:
        self.urls = dict(AUCTION_URLS if urls is None else urls)
        self.timeout, self.retries, self.backoff = timeout, retries, backoff

    def url(self, series_id: str) -> str:
        m = _SERIES.match(series_id or "")
        if m is None or m.group(1) not in self.urls:
            raise InputError(f"series_id must be 'KIND/YYYY-MM-DD' with KIND one of "
                             f"{sorted(self.urls)} for source 'mof-auction' (e.g. "
                             f"'tbill/2019-11-29'); got {series_id!r}")
        kind, y, mo, d, suffix = m.groups()
        return self.urls[kind].format(date=f"{y}{mo}{d}", suffix=suffix)

    def fetch(self, series_id: str, vintage: str | None = None) -> Fetched:
        url = self.url(series_id)
        if vintage is not None:
            raise InputError("vintage: MOF auction results have no vintages; omit it")
        raw = http.get(url, source="MOF", timeout=self.timeout, retries=self.retries,
                       backoff=self.backoff)
        rec = parse_results_page(raw, url)
        want = pd.Timestamp(series_id.split("/")[1][:10].replace("-", ""))
        if rec["date"] != want:
            raise DataError(f"MOF: the page {url} is the auction of "
                            f"{rec['date']:%Y-%m-%d}, not {want:%Y-%m-%d}")
        frame = pd.DataFrame([{k: rec[k] for k in AUCTION_COLUMNS}],
                             index=pd.DatetimeIndex([rec["date"]], name="date"))
        meta = make_metadata(
            title=f"MOF auction results: {rec['security']} ({rec['date']:%Y-%m-%d})",
            description="One auction's results as published by MOF on its results page.",
            publisher="Ministry of Finance Japan",
            citation=f"Ministry of Finance Japan, {rec['security']} の入札結果",
            url=url,
            licence="Government of Japan Standard Terms of Use (compatible with CC BY 4.0); "
                    "credit: Ministry of Finance Japan",
            frequency="irregular",
            columns=dict(AUCTION_COLUMNS),
        )
        return Fetched(self.name, series_id, None, frame, meta)


def jgb_records(frames: pd.DataFrame | Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Fetched auctions as records of the JGB auction format of :mod:`monpol.bonds.auctions`.

    Columns ``date, security, tenor, bids, accepted, average_price, lowest_price`` (the
    yields stay in the fetched frame); pass the result to
    ``monpol.bonds.auctions.read_auctions``. A
    liquidity-enhancement auction whose page does not name its zone has no tenor and is
    refused (``DataError``), as the reader needs one to compare like with like.
    """
    frame = frames if isinstance(frames, pd.DataFrame) else pd.concat(list(frames))
    if frame.empty:
        raise InputError("frames must hold at least one fetched auction; got none")
    missing = frame.index[frame["tenor"].isna()]
    if len(missing):
        raise DataError(f"auctions of {[d.date().isoformat() for d in missing]} have no tenor "
                        f"(a liquidity-enhancement page without its zone); drop them or set "
                        f"the tenor, e.g. '5-15.5Y'")
    out = frame.reset_index()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out[["date", "security", "tenor", "bids", "accepted", "average_price", "lowest_price"]]
