"""Government-bond auction results: records in two formats, demand metrics, history context.

Two input formats are accepted, one row per auction (CSV with a header line, or a
DataFrame with these columns). Amounts are in one unit of the user's choice (the same for
every amount column of a file); blank cells of optional columns mean "not available".

JGB format (Ministry of Finance results)::

    date,security,tenor,offered,bids,accepted,average_price,lowest_price

========================  =========  ==================================================
column                    required   meaning
========================  =========  ==================================================
``date``                  yes        auction date, ISO 8601 (``2025-05-20``)
``security``              no         name of the issue (``20-year JGB No.192``)
``tenor``                 yes        every MOF auction type: T-bills ``2M``/``3M``/``6M``/``1Y``
                                     (``3-Month``), coupon ``2Y`` ... ``40Y`` (``20-Year``),
                                     inflation-indexed ``I10Y`` (or ``10Y``), liquidity-
                                     enhancement zones ``1-5Y``, ``5-15.5Y``, ``15.5-39Y``
                                     (remaining maturity)
``offered``               no         offering amount
``bids``                  yes        competitive bids tendered
``accepted``              yes        competitive bids accepted (> 0)
``average_price``         no         average accepted price, yen per 100 yen face
``lowest_price``          no         lowest accepted price, yen per 100 yen face
========================  =========  ==================================================

US Treasury format (TreasuryDirect results)::

    date,security,tenor,tendered,accepted,high_yield,wi_yield,
    primary_dealer_accepted,direct_accepted,indirect_accepted

==============================  =========  ============================================
column                          required   meaning
==============================  =========  ============================================
``date``                        yes        auction date, ISO 8601
``security``                    no         CUSIP or name
``tenor``                       yes        2, 3, 5, 7, 10, 20 or 30 years
``tendered``                    yes        amount tendered, excluding SOMA add-ons
``accepted``                    yes        amount accepted (> 0), excluding SOMA add-ons
``high_yield``                  no         high (stop-out) yield, percent
``wi_yield``                    no         when-issued yield at the bidding deadline, percent
``primary_dealer_accepted``     no         competitive amount accepted from primary dealers
``direct_accepted``             no         ... from direct bidders
``indirect_accepted``           no         ... from indirect bidders
``allotted_at_high``            no         (extra) percent allotted at the high yield
==============================  =========  ============================================

The three bidder columns are given together or not at all; their sum is the competitive
amount accepted.

Metrics (spec 05, section 2)
----------------------------
* bid-to-cover = bids (tendered) / accepted (JGB: competitive part; US: the Federal
  Reserve's SOMA add-ons left out of both, as in Treasury's own bid-to-cover);
* JGB tail = average accepted price − lowest accepted price, yen per 100 yen face;
* US tail = (high yield − when-issued yield) × 100, basis points (negative: stop-through);
* bidder takedown shares = class accepted / (primary dealers + direct + indirect), percent;
* allotted at high, percent, as reported.

History context: for any metric, the most recent *earlier* auction of the same tenor with a
value at least as extreme ("bid-to-cover lowest since August 2012", "tail largest since
1987") on whatever history is loaded; see :meth:`AuctionResults.context`.

References
----------
Seed ``001_e060dafa03d647a4.txt`` (JGB 20-year auction of May 2025: bid-to-cover 2.5, the
lowest since 2012; tail the largest since 1987). MOF, "Auction Results for JGBs";
TreasuryDirect, "Auction Results" (bidder categories and tail definitions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from monpol.bonds._history import NONE_EARLIER, Extreme, previous_as_extreme
from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct, pct_to_bp
from monpol.core.validation import one_of, path_arg

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "AUCTION_MARKETS",
    "JGB_FORMAT",
    "JGB_TENORS",
    "US_FORMAT",
    "US_TENORS",
    "AuctionFormat",
    "AuctionResults",
    "FieldSpec",
    "Market",
    "auction_metrics",
    "canonical_tenor",
    "history_context",
    "read_auctions",
    "tenor_years",
]

#: a market name registered in :data:`AUCTION_MARKETS` ("jgb", "us", or a user's)
Market = str
FieldKind = Literal["date", "text", "tenor", "amount", "price", "yield", "percent"]

#: tenors of the MOF's auctions: Treasury Discount Bills (2M, 3M, 6M, 1Y), coupon JGBs
#: (2Y to 40Y, with tenors MOF auctioned in the past: 3Y, 4Y, 6Y, 15Y), inflation-indexed
#: (I10Y, the series code of the BOJ holdings tables, so that history context compares
#: them with one another and not with nominal 10-year auctions; plain 10Y is also read);
#: liquidity-enhancement auctions are by remaining-maturity zone (see _ZONE_RE)
JGB_TENORS: tuple[str, ...] = ("2M", "3M", "6M", "1Y", "2Y", "3Y", "4Y", "5Y", "6Y", "10Y",
                               "15Y", "20Y", "30Y", "40Y", "I10Y")
#: tenors of US Treasury nominal note and bond auctions
US_TENORS: tuple[str, ...] = ("2Y", "3Y", "5Y", "7Y", "10Y", "20Y", "30Y")

#: allowed range of prices, yen per 100 yen face (deep-discount reopenings included)
PRICE_RANGE = (0.0, 200.0)
#: allowed range of yields, percent per year
YIELD_RANGE = (-5.0, 30.0)
#: relative tolerance when comparing amounts (rounding in published tables)
_RTOL = 1e-9

_TENOR_RE = re.compile(r"^\s*(\d{1,2})\s*-?\s*(?:y|yr|yrs|year|years)\s*$", re.IGNORECASE)
_LINKER_RE = re.compile(r"^\s*i\s*(\d{1,2})\s*y\s*$", re.IGNORECASE)
_MONTH_RE = re.compile(r"^\s*(\d{1,2})\s*-?\s*(?:m|mo|month|months)\s*$", re.IGNORECASE)
#: a remaining-maturity zone of a liquidity-enhancement auction: "5-15.5Y", "1-5 years"
_ZONE_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d)?)\s*-\s*(\d{1,2}(?:\.\d)?)\s*(?:y|yr|yrs|year|years)\s*$",
                      re.IGNORECASE)


def canonical_tenor(value: Any) -> str | None:
    """``"20-Year"`` → ``"20Y"``, ``"3-Month"`` → ``"3M"``, ``"5-15.5 years"`` → ``"5-15.5Y"``.

    ``None`` if not a tenor. Twelve months are written ``1Y`` (MOF's 1-year bill).

    Examples
    --------
    >>> canonical_tenor("20-Year"), canonical_tenor(" 5 yr "), canonical_tenor("6M")
    ('20Y', '5Y', '6M')
    >>> canonical_tenor("12 months"), canonical_tenor("15.5-39 years"), canonical_tenor("x")
    ('1Y', '15.5-39Y', None)
    >>> canonical_tenor("I10Y")  # inflation-indexed 10-year
    'I10Y'
    """
    if not isinstance(value, str):
        return None
    m = _LINKER_RE.match(value)
    if m:
        return f"I{int(m.group(1))}Y"
    m = _TENOR_RE.match(value)
    if m:
        return f"{int(m.group(1))}Y"
    m = _MONTH_RE.match(value)
    if m:
        n = int(m.group(1))
        return "1Y" if n == 12 else f"{n}M"
    z = _ZONE_RE.match(value)
    if z and float(z.group(1)) < float(z.group(2)):
        return f"{z.group(1)}-{z.group(2)}Y"
    return None


def tenor_years(tenor: str) -> float:
    """Sort key of a canonical tenor, in years (a zone: its lower bound).

    >>> tenor_years("3M"), tenor_years("20Y"), tenor_years("5-15.5Y")
    (0.25, 20.0, 5.0)
    """
    if tenor.endswith("M"):
        return int(tenor[:-1]) / 12
    return float(tenor[:-1].split("-")[0].removeprefix("I"))


@dataclass(frozen=True)
class FieldSpec:
    """One column of an auction-results format."""

    name: str
    kind: FieldKind
    required: bool
    description: str


@dataclass(frozen=True)
class AuctionFormat:
    """An auction-results input format and how its metrics are computed.

    A market is one entry of :data:`AUCTION_MARKETS`; register a new one with
    ``AUCTION_MARKETS.add(name, AuctionFormat(...))``, no branch to edit.

    Attributes
    ----------
    market, label : str
        Registry name (``"jgb"``) and how tables name the market (``"JGB"``).
    fields, tenors, tail_unit, bid_column
        Columns, allowed original maturities, the tail's unit and the column of the amount
        bid (its presence tells the format apart with ``market="auto"``).
    compute : callable
        ``compute(records) -> {column: array}``: the metrics beyond bid-to-cover (``tail``,
        and any of ``yield``, ``primary_dealer_share``, ``direct_share``, ``indirect_share``,
        ``allotted_at_high``; the others are NaN).
    check : callable
        ``check(records, problems)``: the format's cross-field checks, each problem added with
        ``problems.add(rows, field, message)``; accepted > 0 and accepted ≤ bids are checked
        for every format.
    zones : bool
        Whether remaining-maturity zones ("5-15.5Y") are tenors (liquidity-enhancement
        auctions).
    extra : tuple of (column, JSON key, unit)
        Metric columns shown in the JSON, the summary and its units beyond bid-to-cover and
        tail.
    note : str
        What the summary says about the tail.
    """

    market: Market
    fields: tuple[FieldSpec, ...]
    tenors: tuple[str, ...]
    tail_unit: str
    bid_column: str
    compute: Callable[[pd.DataFrame], dict[str, np.ndarray]]
    check: Callable[[pd.DataFrame, Any], None] = lambda records, problems: None
    label: str = ""
    zones: bool = False
    extra: tuple[tuple[str, str, str], ...] = ()
    note: str = ""

    @property
    def columns(self) -> list[str]:
        """All column names, in the documented order."""
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        """Columns that must be present and non-blank."""
        return [f.name for f in self.fields if f.required]

    def spec(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


_BIDDERS = ("primary_dealer_accepted", "direct_accepted", "indirect_accepted")


def _exceeds(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a > b beyond rounding, where both are available."""
    ok = ~np.isnan(a) & ~np.isnan(b)
    return np.asarray(ok & (a > b * (1.0 + _RTOL) + 1e-12), dtype=bool)


def _jgb_check(rec: pd.DataFrame, problems: Any) -> None:
    acc = rec["accepted"].to_numpy(dtype=float)
    offered = rec["offered"].to_numpy(dtype=float)
    for r in np.flatnonzero(_exceeds(acc, offered)):
        problems.add([r], "accepted", f"accepted ({acc[r]:g}) exceeds offered ({offered[r]:g})")
    avg = rec["average_price"].to_numpy(dtype=float)
    low = rec["lowest_price"].to_numpy(dtype=float)
    for r in np.flatnonzero(_exceeds(low, avg)):
        problems.add([r], "average_price",
                     f"average_price ({avg[r]:g}) is below lowest_price ({low[r]:g})")


def _jgb_metrics(records: pd.DataFrame) -> dict[str, np.ndarray]:
    # tail: average − lowest accepted price, yen per 100 yen face
    return {"tail": records["average_price"].to_numpy(float)
            - records["lowest_price"].to_numpy(float)}


def _us_check(rec: pd.DataFrame, problems: Any) -> None:
    acc = rec["accepted"].to_numpy(dtype=float)
    classes = np.column_stack([rec[c].to_numpy(dtype=float) for c in _BIDDERS])
    given = ~np.isnan(classes)
    partial = given.any(axis=1) & ~given.all(axis=1)
    for r in np.flatnonzero(partial):
        missing = [c for c, g in zip(_BIDDERS, given[r], strict=True) if not g]
        problems.add([r], missing[0],
                     "give the three bidder columns together (primary_dealer_accepted, "
                     "direct_accepted, indirect_accepted) or leave all three blank")
    for j, name in enumerate(_BIDDERS):
        for r in np.flatnonzero(_exceeds(classes[:, j], acc)):
            problems.add([r], name, f"{name} ({classes[r, j]:g}) exceeds accepted ({acc[r]:g})")
    total = classes.sum(axis=1)
    for r in np.flatnonzero(given.all(axis=1) & _exceeds(total, acc)):
        problems.add([r], "primary_dealer_accepted",
                     f"the three bidder classes sum to {total[r]:g}, more than accepted ({acc[r]:g})")


def _us_metrics(records: pd.DataFrame) -> dict[str, np.ndarray]:
    high = records["high_yield"].to_numpy(float)
    classes = np.column_stack([records[c].to_numpy(float) for c in _BIDDERS])
    total = classes.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total[:, None] > 0, frac_to_pct(classes / total[:, None]), np.nan)
    return {
        "tail": pct_to_bp(high - records["wi_yield"].to_numpy(float)),  # high − when-issued, bp
        "yield": high,
        "primary_dealer_share": shares[:, 0],
        "direct_share": shares[:, 1],
        "indirect_share": shares[:, 2],
        "allotted_at_high": records["allotted_at_high"].to_numpy(float),
    }


JGB_FORMAT = AuctionFormat(
    market="jgb",
    fields=(
        FieldSpec("date", "date", True, "auction date, ISO 8601"),
        FieldSpec("security", "text", False, "name of the issue"),
        FieldSpec("tenor", "tenor", True,
                  "original maturity (3M bills ... 40Y) or a liquidity-enhancement zone"),
        FieldSpec("offered", "amount", False, "offering amount"),
        FieldSpec("bids", "amount", True, "competitive bids tendered"),
        FieldSpec("accepted", "amount", True, "competitive bids accepted"),
        FieldSpec("average_price", "price", False, "average accepted price, yen per 100 face"),
        FieldSpec("lowest_price", "price", False, "lowest accepted price, yen per 100 face"),
    ),
    tenors=JGB_TENORS,
    tail_unit="yen per 100 yen face",
    bid_column="bids",
    compute=_jgb_metrics,
    check=_jgb_check,
    label="JGB",
    zones=True,
    note=" (average − lowest accepted price).",
)

US_FORMAT = AuctionFormat(
    market="us",
    fields=(
        FieldSpec("date", "date", True, "auction date, ISO 8601"),
        FieldSpec("security", "text", False, "CUSIP or name"),
        FieldSpec("tenor", "tenor", True, "original maturity: 2, 3, 5, 7, 10, 20 or 30 years"),
        FieldSpec("tendered", "amount", True, "amount tendered, excluding SOMA add-ons"),
        FieldSpec("accepted", "amount", True, "amount accepted, excluding SOMA add-ons"),
        FieldSpec("high_yield", "yield", False, "high (stop-out) yield, percent"),
        FieldSpec("wi_yield", "yield", False, "when-issued yield at the deadline, percent"),
        FieldSpec("primary_dealer_accepted", "amount", False, "competitive accepted, dealers"),
        FieldSpec("direct_accepted", "amount", False, "competitive accepted, direct bidders"),
        FieldSpec("indirect_accepted", "amount", False, "competitive accepted, indirect bidders"),
        FieldSpec("allotted_at_high", "percent", False, "percent allotted at the high yield"),
    ),
    tenors=US_TENORS,
    tail_unit="bp",
    bid_column="tendered",
    compute=_us_metrics,
    check=_us_check,
    label="US Treasury",
    extra=(("yield", "high_yield", "percent"),
           ("primary_dealer_share", "primary_dealer_share", "percent of competitive accepted"),
           ("direct_share", "direct_share", "percent of competitive accepted"),
           ("indirect_share", "indirect_share", "percent of competitive accepted"),
           ("allotted_at_high", "allotted_at_high", "percent")),
    note="; shares in percent of the competitive amount accepted.",
)

#: the auction markets by name; a user adds one with ``AUCTION_MARKETS.add(name, fmt)``
AUCTION_MARKETS: Registry[AuctionFormat] = Registry("market")
AUCTION_MARKETS.add("jgb", JGB_FORMAT)
AUCTION_MARKETS.add("us", US_FORMAT)

#: columns of :meth:`AuctionResults.to_frame` before the context columns
METRIC_COLUMNS: tuple[str, ...] = (
    "date",
    "security",
    "tenor",
    "bid_to_cover",
    "tail",
    "yield",
    "primary_dealer_share",
    "direct_share",
    "indirect_share",
    "allotted_at_high",
)
#: metrics that get a context by default, with the direction that counts as stress
DEFAULT_CONTEXT: tuple[tuple[str, Extreme], ...] = (("bid_to_cover", "low"), ("tail", "high"))


# --------------------------------------------------------------------------- reading


class _Problems:
    """Collects row/field problems and raises them together as one DataError."""

    def __init__(self, source: str, from_file: bool) -> None:
        self.source = source
        self.from_file = from_file
        self.items: list[tuple[int, str, str]] = []

    def add(self, rows: Any, name: str, message: str) -> None:
        for r in np.asarray(rows, dtype=int).tolist():
            self.items.append((int(r), name, message))

    def where(self, row: int) -> str:
        # row is 0-based over data rows; the header is line 1 of a file
        return f"row {row + 1} (line {row + 2})" if self.from_file else f"row {row + 1}"

    def raise_if_any(self, limit: int = 10) -> None:
        if not self.items:
            return
        self.items.sort(key=lambda t: t[0])
        shown = [f"{self.where(r)}, field {name!r}: {msg}" for r, name, msg in self.items[:limit]]
        more = len(self.items) - limit
        tail = f"; and {more} more" if more > 0 else ""
        n = len(self.items)
        raise DataError(
            f"{self.source}: {n} problem{'s' if n > 1 else ''} in the auction records: "
            + "; ".join(shown) + tail
        )


def _read_table(source: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str, bool]:
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        frame = frame.astype(object).where(frame.notna(), "")
        frame = frame.map(lambda v: v if isinstance(v, str) else str(v))
        return frame.reset_index(drop=True), "auction records", False
    path = Path(source)
    if not path.is_file():
        raise InputError(f"file must be an existing CSV file; got {str(path)!r}")
    frame = read_csv_text(path, what="auction file")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    frame = frame.map(lambda v: v.strip() if isinstance(v, str) else v)
    return frame, str(path), True


def _detect_market(columns: Sequence[str], source: str) -> Market:
    found = [m for m in AUCTION_MARKETS if AUCTION_MARKETS.get(m).bid_column in columns]
    if len(found) == 1:
        return found[0]
    raise DataError(
        f"{source}: cannot tell the format from the columns ({', '.join(map(repr, columns))}); "
        + ", ".join(f"a {f.label or f.market} file has a {f.bid_column!r} column"
                    for f in map(AUCTION_MARKETS.get, AUCTION_MARKETS))
        + " (exactly one of them)"
    )


def _parse(frame: pd.DataFrame, fmt: AuctionFormat, problems: _Problems) -> pd.DataFrame:
    n = len(frame)
    out: dict[str, Any] = {}
    for spec in fmt.fields:
        raw = frame[spec.name] if spec.name in frame.columns else pd.Series([""] * n, dtype=object)
        raw = raw.astype(str)
        blank = (raw == "").to_numpy()
        if spec.required and blank.any():
            problems.add(np.flatnonzero(blank), spec.name, "required value is blank")
        if spec.kind == "text":
            out[spec.name] = raw.astype(object).where(~blank, None)
        elif spec.kind == "date":
            parsed = pd.to_datetime(raw.where(~blank), format="ISO8601", errors="coerce")
            bad = parsed.isna().to_numpy() & ~blank
            for r in np.flatnonzero(bad):
                problems.add([r], spec.name, f"not an ISO date (YYYY-MM-DD): {raw.iloc[r]!r}")
            out[spec.name] = parsed
        elif spec.kind == "tenor":
            canon = raw.map(canonical_tenor)
            for r in np.flatnonzero(~blank):
                c = canon.iloc[r]
                zone = fmt.zones and c is not None and "-" in c
                if c is None or (c not in fmt.tenors and not zone):
                    problems.add([r], spec.name,
                                 f"unknown tenor {raw.iloc[r]!r} for a {fmt.market.upper()} auction; "
                                 f"allowed: {', '.join(fmt.tenors)} (also written '20-Year', '3-Month')"
                                 + (", or a zone like '5-15.5Y'" if fmt.zones else ""))
            out[spec.name] = canon
        else:
            num = pd.to_numeric(raw.where(~blank), errors="coerce").astype(float)
            bad = num.isna().to_numpy() & ~blank
            for r in np.flatnonzero(bad):
                problems.add([r], spec.name, f"not a number: {raw.iloc[r]!r}")
            values = num.to_numpy()
            ok = ~np.isnan(values)
            if spec.kind == "amount":
                neg = ok & (values < 0)
                for r in np.flatnonzero(neg):
                    problems.add([r], spec.name, f"amounts must be >= 0; got {values[r]:g}")
            elif spec.kind == "price":
                lo, hi = PRICE_RANGE
                out_of = ok & ((values <= lo) | (values > hi))
                for r in np.flatnonzero(out_of):
                    problems.add([r], spec.name,
                                 f"price must be in ({lo:g}, {hi:g}] yen per 100 yen face; "
                                 f"got {values[r]:g}")
            elif spec.kind == "yield":
                lo, hi = YIELD_RANGE
                out_of = ok & ((values < lo) | (values > hi))
                for r in np.flatnonzero(out_of):
                    problems.add([r], spec.name,
                                 f"yield must be in [{lo:g}, {hi:g}] percent; got {values[r]:g} "
                                 f"(write 4.5 for 4.5%)")
            elif spec.kind == "percent":
                out_of = ok & ((values < 0) | (values > 100))
                for r in np.flatnonzero(out_of):
                    problems.add([r], spec.name, f"percent must be in [0, 100]; got {values[r]:g}")
            out[spec.name] = values
    return pd.DataFrame(out)


def _cross_checks(rec: pd.DataFrame, fmt: AuctionFormat, problems: _Problems) -> None:
    bids = rec[fmt.bid_column].to_numpy(dtype=float)
    acc = rec["accepted"].to_numpy(dtype=float)
    zero = ~np.isnan(acc) & (acc == 0)
    problems.add(np.flatnonzero(zero), "accepted",
                 "accepted must be > 0 (bid-to-cover divides by it)")
    for r in np.flatnonzero(_exceeds(acc, bids)):
        problems.add([r], "accepted",
                     f"accepted ({acc[r]:g}) exceeds {fmt.bid_column} ({bids[r]:g})")
    fmt.check(rec, problems)


def auction_metrics(records: pd.DataFrame, market: Market) -> pd.DataFrame:
    """The metrics of validated records (columns :data:`METRIC_COLUMNS`), sorted by date.

    Parameters
    ----------
    records : DataFrame
        Parsed records with the columns of the market's format (as produced inside
        :func:`read_auctions`).
    market : str
        A name in :data:`AUCTION_MARKETS` ("jgb", "us").

    Returns
    -------
    DataFrame
        One row per auction: ``date``, ``security``, ``tenor``, ``bid_to_cover`` (ratio),
        ``tail`` (JGB: yen per 100 face; US: bp), ``yield`` (US: high yield, percent; JGB:
        NaN), ``primary_dealer_share``, ``direct_share``, ``indirect_share`` (percent of the
        competitive amount accepted; US only), ``allotted_at_high`` (percent; US only).
    """
    fmt = AUCTION_MARKETS.get(market)
    acc = records["accepted"].to_numpy(dtype=float)
    out = pd.DataFrame(
        {
            "date": records["date"],
            "security": records["security"],
            "tenor": records["tenor"],
            "bid_to_cover": records[fmt.bid_column].to_numpy(dtype=float) / acc,
        }
    )
    computed = fmt.compute(records)
    for c in METRIC_COLUMNS[4:]:
        out[c] = np.asarray(computed[c], dtype=float) if c in computed else np.nan
    out = out.sort_values("date", kind="stable").reset_index(drop=True)
    return out[list(METRIC_COLUMNS)]


def read_auctions(
    source: str | Path | pd.DataFrame, *, market: str = "auto"
) -> AuctionResults:
    """Read auction results in the JGB or US format and compute their metrics and context.

    Parameters
    ----------
    source : path or DataFrame
        A CSV file with a header line, or a DataFrame, in one of the two formats described
        in :mod:`monpol.bonds.auctions`.
    market : str
        The format: ``"auto"`` or a name in :data:`AUCTION_MARKETS`; ``"auto"`` tells them
        apart by their bid column (``bids`` for JGB, ``tendered`` for US).

    Returns
    -------
    AuctionResults
        Metrics per auction with the "lowest/largest since" context of bid-to-cover and tail.

    Raises
    ------
    DataError
        Unknown or missing required columns, no rows, and every bad value, each named by
        row (and file line) and field: blanks in required fields, dates that are not ISO,
        unknown tenors, non-numbers, negative amounts, accepted above bids/tendered/offered,
        prices outside (0, 200] or average below lowest price, yields outside [-5, 30]%,
        bidder classes above the amount accepted or given only in part.
    InputError
        ``market`` not one of the allowed values, or ``source`` not an existing file.

    Examples
    --------
    >>> import pandas as pd
    >>> rec = pd.DataFrame({"date": ["2025-04-15", "2025-05-20"], "tenor": ["20Y", "20Y"],
    ...                     "bids": [2964, 2501], "accepted": [1000, 1000],
    ...                     "average_price": [99.0, 98.0], "lowest_price": [98.66, 96.86]})
    >>> res = read_auctions(rec)
    >>> res.to_frame()[["date", "bid_to_cover", "tail"]].round({"bid_to_cover": 2, "tail": 2})
            date  bid_to_cover  tail
    0 2025-04-15          2.96  0.34
    1 2025-05-20          2.50  1.14
    >>> res.to_frame()["bid_to_cover_context"].iloc[1]
    'lowest in the loaded history (since 2025-04-15)'
    """
    if not isinstance(source, pd.DataFrame):
        source = path_arg("source", source)
    one_of("market", market, ["auto", *AUCTION_MARKETS.names()])
    frame, name, from_file = _read_table(source)
    chosen: Market = _detect_market(list(frame.columns), name) if market == "auto" else market
    fmt = AUCTION_MARKETS.get(chosen)
    unknown = [c for c in frame.columns if c not in fmt.columns]
    if unknown:
        raise DataError(
            f"{name}: unknown column(s) {', '.join(map(repr, unknown))} for the "
            f"{chosen.upper()} format; allowed: {', '.join(fmt.columns)}"
        )
    missing = [c for c in fmt.required if c not in frame.columns]
    if missing:
        raise DataError(
            f"{name}: missing required column(s) {', '.join(map(repr, missing))} for the "
            f"{chosen.upper()} format (required: {', '.join(fmt.required)}; columns present: "
            f"{', '.join(map(repr, frame.columns))})"
        )
    if len(frame) == 0:
        raise DataError(f"{name}: no auction rows below the header")
    problems = _Problems(name, from_file)
    records = _parse(frame, fmt, problems)
    problems.raise_if_any()
    _cross_checks(records, fmt, problems)
    problems.raise_if_any()
    return AuctionResults.from_metrics(auction_metrics(records, chosen), chosen, source=name,
                                       records=records)


# --------------------------------------------------------------------------- context


def history_context(
    metrics: pd.DataFrame, metric: str, extreme: Extreme, *, by: str = "tenor"
) -> pd.DataFrame:
    """For each auction, the most recent earlier one of the same tenor at least as extreme.

    Parameters
    ----------
    metrics : DataFrame
        With columns ``date``, ``by`` and ``metric``, sorted by date.
    metric : str
        Column to look at.
    extreme : {"low", "high"}
        ``"low"`` for "lowest since" (bid-to-cover), ``"high"`` for "highest/largest since"
        (tail, yield).
    by : str
        Column defining comparable auctions (default the tenor).

    Returns
    -------
    DataFrame
        Same index as ``metrics``; columns ``since`` (date of that earlier auction, NaT if
        none), ``record`` (True when no earlier auction in the loaded history is as
        extreme), ``context`` (text, None where the metric is missing).

    Notes
    -----
    "Lowest since D" means the latest earlier comparable auction with a value at or below
    today's (an equal value counts) took place on D; auctions on the same date are not
    earlier than one another. When none exists the value is a record of the loaded history,
    which says nothing about earlier years that are not loaded.
    """
    one_of("extreme", extreme, ["low", "high"])
    if metric not in metrics.columns:
        raise InputError(f"metric must be a column of the metrics ({', '.join(metrics.columns)}); "
                         f"got {metric!r}")
    word = {"low": "lowest", "high": "largest" if metric == "tail" else "highest"}[extreme]
    since = pd.Series(pd.NaT, index=metrics.index, dtype="datetime64[ns]")
    record = pd.Series(False, index=metrics.index)
    text = pd.Series([None] * len(metrics), index=metrics.index, dtype=object)
    for _, group in metrics.groupby(by, sort=False):
        values = group[metric].to_numpy(dtype=float)
        dates = pd.DatetimeIndex(group["date"])
        # auctions on the same date (two reopenings of a tenor in one day) are not earlier
        # than one another
        prev = previous_as_extreme(values, extreme, dates=dates.to_numpy())
        available = ~np.isnan(values)
        first_available = dates[np.flatnonzero(available)[0]] if available.any() else None
        for pos, (idx, j) in enumerate(zip(group.index, prev, strict=True)):
            if not available[pos]:
                continue
            if j >= 0:
                d = dates[j]
                since.loc[idx] = d
                text.loc[idx] = f"{word} since {d:%B %Y} ({d.date().isoformat()})"
            elif j == NONE_EARLIER:
                earlier = (available & (dates < dates[pos])).any()
                if earlier:
                    assert first_available is not None
                    record.loc[idx] = True
                    text.loc[idx] = (f"{word} in the loaded history "
                                     f"(since {first_available.date().isoformat()})")
                else:
                    text.loc[idx] = "first in the loaded history"
    return pd.DataFrame({"since": since, "record": record, "context": text})


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class AuctionResults(Result):
    """Auction metrics with their history context.

    Attributes
    ----------
    market : str
        A name in :data:`AUCTION_MARKETS` ("jgb", "us").
    frame : DataFrame
        :data:`METRIC_COLUMNS` plus, for bid-to-cover and tail, ``<metric>_since``,
        ``<metric>_record`` and ``<metric>_context`` (see :func:`history_context`).
    source : str
        File or dataset the records came from.
    records : DataFrame or None
        The validated input records (amounts as given), when read from records.
    """

    market: Market
    frame: pd.DataFrame
    source: str = ""
    records: pd.DataFrame | None = field(default=None, repr=False)

    @classmethod
    def from_metrics(
        cls, metrics: pd.DataFrame, market: Market, *, source: str = "",
        records: pd.DataFrame | None = None,
    ) -> AuctionResults:
        """Build results from a metrics frame (columns :data:`METRIC_COLUMNS`)."""
        AUCTION_MARKETS.get(market)
        missing = [c for c in METRIC_COLUMNS if c not in metrics.columns]
        if missing:
            raise DataError(f"metrics are missing column(s) {missing}")
        frame = metrics[list(METRIC_COLUMNS)].sort_values("date", kind="stable")
        frame = frame.reset_index(drop=True)
        for metric, extreme in DEFAULT_CONTEXT:
            ctx = history_context(frame, metric, extreme)
            frame[f"{metric}_since"] = ctx["since"]
            frame[f"{metric}_record"] = ctx["record"]
            frame[f"{metric}_context"] = ctx["context"]
        return cls(market, frame, source, records)

    @property
    def tail_unit(self) -> str:
        """``"yen per 100 yen face"`` (JGB) or ``"bp"`` (US)."""
        return AUCTION_MARKETS.get(self.market).tail_unit

    @property
    def nobs(self) -> int:
        """Number of auctions."""
        return len(self.frame)

    def context(self, metric: str, extreme: Extreme) -> pd.DataFrame:
        """History context of any metric column (e.g. ``"indirect_share"``, ``"low"``).

        Returns a frame with ``date``, ``tenor``, the metric, ``since``, ``record`` and
        ``context``.
        """
        ctx = history_context(self.frame, metric, extreme)
        return pd.concat([self.frame[["date", "tenor", metric]], ctx], axis=1)

    def latest(self, tenor: str | None = None) -> pd.Series:
        """The most recent auction (of ``tenor`` if given) as a row of :meth:`to_frame`."""
        frame = self.frame
        if tenor is not None:
            canon = canonical_tenor(tenor)
            tenors = sorted(frame["tenor"].dropna().unique().tolist())
            if canon is None or canon not in tenors:
                raise InputError(f"tenor must be one of {', '.join(tenors)}; got {tenor!r}")
            frame = frame[frame["tenor"] == canon]
        return frame.iloc[-1]

    def to_frame(self) -> pd.DataFrame:
        """One row per auction; columns as :attr:`frame`."""
        return self.frame.copy()

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``market``, ``source``, ``units`` and ``auctions`` (one object each).

        Each auction object has ``market``, ``date``, ``security``, ``tenor``,
        ``bid_to_cover``, ``tail`` with ``tail_unit`` (JGB: yen per 100 yen face; US: bp),
        ``bid_to_cover_context``, ``tail_context``; US objects also ``high_yield``,
        ``primary_dealer_share``, ``direct_share``, ``indirect_share`` and
        ``allotted_at_high`` (percent). Missing values are ``null``.
        """
        fmt = AUCTION_MARKETS.get(self.market)
        keys = ["date", "security", "tenor", "bid_to_cover", "tail", *(c for c, _, _ in fmt.extra)]
        keys += ["bid_to_cover_since", "bid_to_cover_context", "tail_since", "tail_context"]
        rows = []
        for rec in self.frame[keys].to_dict(orient="records"):
            for column, key, _ in fmt.extra:
                rec[key] = rec.pop(column)
            rows.append({"market": self.market, **rec, "tail_unit": self.tail_unit})
        units = {"bid_to_cover": "ratio", "tail": self.tail_unit}
        units |= {key: unit for _, key, unit in fmt.extra}
        return {"market": self.market, "source": self.source, "units": units, "auctions": rows}

    def summary(self) -> Summary:
        fmt = AUCTION_MARKETS.get(self.market)
        label = fmt.label or self.market.upper()
        s = Summary(f"{label} auctions: {self.nobs} from {self.source or 'records'}")
        latest = self.frame.groupby("tenor", sort=False).tail(1)
        cols = ["date", "tenor", "bid_to_cover", "tail"]
        cols += [c for c, _, _ in fmt.extra if c in ("primary_dealer_share", "indirect_share")]
        cols += ["bid_to_cover_context"]
        table = latest[cols].set_index("tenor")
        table["date"] = table["date"].dt.date.astype(str)
        s.add_table(table, "Latest auction of each tenor", digits=2)
        s.add_note(f"Bid-to-cover = bids / accepted; tail in {self.tail_unit}" + fmt.note)
        s.add_note("Context: the most recent earlier auction of the same tenor at least as "
                   "extreme, in the loaded history only.")
        return s

    def plot(self, metric: str = "bid_to_cover", *, tenors: Sequence[str] | None = None,
             ax: Axes | None = None) -> Figure:
        """``metric`` by auction date, one line per tenor."""
        from monpol.core.plotting import figure_axes

        if metric not in self.frame.columns:
            raise InputError(f"metric must be a column of to_frame(); got {metric!r}")
        fig, ax_ = figure_axes(ax)
        chosen = tenors or sorted(self.frame["tenor"].dropna().unique(), key=tenor_years)
        for tenor in chosen:
            part = self.frame[self.frame["tenor"] == canonical_tenor(tenor)]
            ax_.plot(part["date"], part[metric], marker=".", label=str(tenor))
        ax_.set_ylabel(metric.replace("_", " "))
        ax_.legend(ncols=min(len(chosen), 6), fontsize="small")
        return fig
