"""Loaders of the bundled bond-market datasets, in the shapes the analyses use.

=================================  ==========================================================
function                           dataset
=================================  ==========================================================
:func:`jgb_auctions`               ``jgb-auctions-2023-2026`` (MOF, 218 auctions)
:func:`us_auctions`                ``ust-coupon-auctions-2008-2011`` (TreasuryDirect, 236)
:func:`seed_auction_facts`         ``jgb-20y-auction-2025-05-20`` (the seed's auction)
:func:`jgb_yield_curve`            ``mof-jgb-yield-curve`` (MOF daily par curve, 1974-2026)
:func:`boj_holdings_by_issue`      ``boj-jgb-holdings-by-issue`` (BOJ and MOF via Nakajima)
:func:`us_10y_yield`               ``us-markets-daily``, column DGS10 (FRED)
=================================  ==========================================================
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monpol import data as datasets
from monpol.bonds.auctions import METRIC_COLUMNS, AuctionResults, canonical_tenor
from monpol.core.errors import DataError, InputError

__all__ = [
    "AuctionFacts",
    "boj_holdings_by_issue",
    "jgb_auctions",
    "jgb_yield_curve",
    "seed_auction_facts",
    "us_10y_yield",
    "us_auctions",
]

JGB_AUCTIONS = "jgb-auctions-2023-2026"
US_AUCTIONS = "ust-coupon-auctions-2008-2011"
SEED_FACTS = "jgb-20y-auction-2025-05-20"
JGB_CURVE = "mof-jgb-yield-curve"
BOJ_HOLDINGS = "boj-jgb-holdings-by-issue"
US_10Y = "us-markets-daily"  # shared with monpol.events; column DGS10


def jgb_auctions() -> AuctionResults:
    """The bundled JGB auctions (bid-to-cover and yield at the lowest accepted price).

    The file carries no prices, so ``tail`` is missing (NaN); ``yield`` is the yield at the
    lowest accepted price, percent.

    Examples
    --------
    >>> f = jgb_auctions().to_frame()
    >>> row = f[(f["tenor"] == "20Y") & (f["date"] == "2025-05-20")].iloc[0]
    >>> print(round(row["bid_to_cover"], 4), "|", row["bid_to_cover_context"])
    2.5007 | lowest in the loaded history (since 2023-05-17)
    """
    raw = datasets.load(JGB_AUCTIONS).reset_index()
    n = len(raw)
    nan = np.full(n, np.nan)
    metrics = pd.DataFrame(
        {
            "date": raw["date"],
            "security": pd.Series([None] * n, dtype=object),
            "tenor": raw["tenor"].map(canonical_tenor),
            "bid_to_cover": raw["bid_to_cover"].astype(float),
            "tail": nan,
            "yield": raw["yield"].astype(float),
            "primary_dealer_share": nan,
            "direct_share": nan,
            "indirect_share": nan,
            "allotted_at_high": nan,
        }
    )
    return AuctionResults.from_metrics(metrics[list(METRIC_COLUMNS)], "jgb",
                                       source=f"dataset {JGB_AUCTIONS}")


def us_auctions() -> AuctionResults:
    """The bundled US Treasury note and bond auctions, 2008-2011.

    Bidder shares are the published percentages of the competitive amount accepted; the
    file has no when-issued yield, so ``tail`` is missing; ``yield`` is the high yield.
    ``security`` holds the CUSIP.
    """
    raw = datasets.load(US_AUCTIONS)
    n = len(raw)
    metrics = pd.DataFrame(
        {
            "date": pd.to_datetime(raw["date"], format="ISO8601"),
            "security": raw["cusip"].astype(object),
            "tenor": raw["tenor"].map(canonical_tenor),
            "bid_to_cover": raw["bid_to_cover"].astype(float),
            "tail": np.full(n, np.nan),
            "yield": raw["high_yield"].astype(float),
            "primary_dealer_share": raw["dealer_pct"].astype(float),
            "direct_share": raw["direct_pct"].astype(float),
            "indirect_share": raw["indirect_pct"].astype(float),
            "allotted_at_high": np.full(n, np.nan),
        }
    )
    return AuctionResults.from_metrics(metrics, "us", source=f"dataset {US_AUCTIONS}")


@dataclass(frozen=True)
class AuctionFacts:
    """The published facts of one auction, each with unit and source."""

    table: pd.DataFrame

    def value(self, field: str) -> str:
        """The value of ``field`` as published (text)."""
        if field not in self.table.index:
            raise InputError(f"field must be one of {', '.join(self.table.index)}; got {field!r}")
        return str(self.table.loc[field, "value"])

    def number(self, field: str) -> float:
        """The value of ``field`` as a float."""
        text = self.value(field)
        try:
            return float(text)
        except ValueError:
            raise DataError(f"fact {field!r} is not a number: {text!r}") from None

    def source(self, field: str) -> str:
        self.value(field)
        return str(self.table.loc[field, "source"])

    def note(self, field: str) -> str:
        self.value(field)
        return str(self.table.loc[field, "note"])


def seed_auction_facts() -> AuctionFacts:
    """The seed's auction (20-year JGB, 2025-05-20): bid-to-cover, tail, context, sources.

    Examples
    --------
    >>> f = seed_auction_facts()
    >>> f.number("bid_to_cover"), f.number("tail"), f.note("tail")
    (2.5, 1.14, 'average minus lowest accepted price; biggest since 1987')
    """
    frame = datasets.load(SEED_FACTS).fillna("").set_index("field")
    return AuctionFacts(frame)


def jgb_yield_curve(dataset: str = JGB_CURVE) -> pd.DataFrame:
    """MOF JGB par yields, percent, daily from 1974-09-24; columns ``1Y`` ... ``40Y``.

    ``dataset``: the bundled snapshot by default; ``"mof-jgb-yield-curve@latest"`` (its copy
    refreshed from MOF, :mod:`monpol.data.refresh`) or ``"mof:jgbcm_all"`` also work.
    """
    return datasets.load(dataset)


def us_10y_yield(dataset: str = US_10Y) -> pd.Series:
    """US 10-year constant-maturity Treasury yield (DGS10), percent, daily from 2003.

    ``dataset``: any dataset with a ``DGS10`` column, e.g. ``"us-markets-daily@latest"``.
    """
    s = datasets.load(dataset)["DGS10"].dropna()
    s.name = "UST 10Y"
    return s


def boj_holdings_by_issue() -> pd.DataFrame:
    """BOJ holdings and amount outstanding of each JGB issue by month (100 million yen).

    Columns: ``date``, ``issue``, ``series`` (``10Y``, ``I10Y`` ...), ``maturity_date``,
    ``boj_holdings``, ``outstanding``. The parsed table is built once per process (the
    casebook reads it three times) and each call returns a copy.
    """
    return _boj_holdings_by_issue().copy()


@functools.cache
def _boj_holdings_by_issue() -> pd.DataFrame:
    frame = datasets.load(BOJ_HOLDINGS)
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(frame["date"], format="ISO8601"),
            "issue": frame["issue"].astype(str),
            "series": frame["issue"].astype(str).str.split("-").str[0],
            "maturity_date": pd.to_datetime(frame["maturity_date"], format="ISO8601"),
            "boj_holdings": frame["boj_holdings"].astype(float),
            "outstanding": frame["outstanding"].astype(float),
        }
    )
    out.attrs["units"] = {"boj_holdings": "100 million yen", "outstanding": "100 million yen"}
    return out
