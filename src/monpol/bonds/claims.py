"""The seed's statements checked against the bundled data.

:func:`seed_claims` returns one row per statement of seed ``001_e060dafa03d647a4.txt`` that
data can speak to: what the seed (or the news it summarises) published, what monpol computes
from the bundled datasets, and whether the statement holds, holds only in part, does not
hold or cannot be checked with the data bundled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from monpol.core.errors import InputError
from monpol.core.results import Result, Summary

__all__ = ["SeedClaims", "seed_claims"]

Verdict = Literal["holds", "partly", "does not hold", "not checkable"]

#: Federal Reserve H.4.1 release of 2025-03-20, table 1: U.S. Treasury securities held
#: outright, Wednesday 2025-03-19, USD million
H41_TREASURIES_2025_03_19 = 4_240_010.0
H41_URL = "https://www.federalreserve.gov/releases/h41/ (release of 2025-03-20)"
GLOBAL_CUSTODIAN_URL = ("https://www.globalcustodian.com/"
                        "japanese-ministry-of-finance-considers-issuance-of-40-year-jgb/")


def _ts(value: Any) -> pd.Timestamp:
    """A pandas label as a Timestamp (for the type checker)."""
    return pd.Timestamp(value)


def _as_published(published: float, computed: float, decimals: int) -> Verdict:
    """``"holds"`` if ``computed`` rounds to ``published`` at the precision it was published
    with (``decimals`` places: the seed's "2.5" and "1.6" have one), else ``"does not hold"``."""
    return "holds" if round(computed, decimals) == round(published, decimals) else "does not hold"


@dataclass(frozen=True)
class SeedClaims(Result):
    """Published vs computed for the seed's statements.

    ``frame`` columns: ``claim``, ``published``, ``computed``, ``unit``, ``verdict``
    (holds / partly / does not hold / not checkable), ``note``.
    """

    frame: pd.DataFrame

    def verdict(self, claim: str) -> str:
        return str(self.frame.set_index("claim").loc[claim, "verdict"])

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def to_dict(self) -> dict[str, Any]:
        return {"claims": self.frame.to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary("The seed's statements against the bundled data")
        s.add_table(self.frame.set_index("claim")[["published", "computed", "unit", "verdict"]], digits=3)
        for row in self.frame.itertuples():
            s.add_note(f"{row.claim}: {row.note}")
        return s


def seed_claims(window: tuple[str, str] = ("2025-05-19", "2025-05-30")) -> SeedClaims:
    """Check the seed's statements; ``window`` is its "late May 2025".

    Examples
    --------
    >>> c = seed_claims()
    >>> c.verdict("JGB 40Y at a record since first issued"), c.verdict("US 10Y inside its 2023 range")
    ('holds', 'holds')
    """
    if not (isinstance(window, (tuple, list)) and len(window) == 2):
        raise InputError(f"window must be a (start, end) pair of dates; got {window!r}")
    from monpol.bonds.data import (
        boj_holdings_by_issue,
        jgb_auctions,
        jgb_yield_curve,
        seed_auction_facts,
        us_10y_yield,
    )
    from monpol.bonds.ownership import boj_share
    from monpol.bonds.yields import highest_since, range_position
    from monpol.core.validation import date_like

    start, end = date_like("window start", window[0]), date_like("window end", window[1])
    rows: list[dict[str, Any]] = []

    def add(claim: str, published: Any, computed: Any, unit: str, verdict: Verdict, note: str) -> None:
        rows.append({"claim": claim, "published": published, "computed": computed, "unit": unit,
                     "verdict": verdict, "note": note})

    facts = seed_auction_facts()
    auctions = jgb_auctions().to_frame()
    a20 = auctions[(auctions["tenor"] == "20Y") & (auctions["date"] == pd.Timestamp("2025-05-20"))].iloc[0]
    btc = float(a20["bid_to_cover"])
    add("JGB 20Y bid-to-cover, 2025-05-20", 2.5, round(btc, 4), "ratio", _as_published(2.5, btc, 1),
        "seed: 投標倍數跌至 2.5 倍; computed from the bundled MOF auction history (holds if it "
        "rounds to 2.5)")
    add("JGB 20Y bid-to-cover context", "lowest since 2012 (August 2012 per the news)",
        str(a20["bid_to_cover_context"]), "", "not checkable",
        "no 20-year auction in the bundled history (from 2023-05) was as low; the history "
        "before 2023 is not bundled, so 'since 2012' cannot be checked")
    add("JGB 20Y tail, 2025-05-20", facts.number("tail"), None, "yen per 100 yen face", "not checkable",
        f"published (news of MOF results), 'largest since 1987'; the bundled history has no prices, "
        f"so neither the tail nor its context is recomputed; previous auction "
        f"{facts.number('tail_prev_auction'):g} yen")
    pub_y = facts.number("yield_at_lowest_accepted_price")
    add("JGB 20Y yield at the lowest accepted price", pub_y, float(a20["yield"]), "percent",
        _as_published(pub_y, float(a20["yield"]), 3), "facts file vs the bundled auction history")

    curve = jgb_yield_curve()
    y20 = curve["20Y"]
    for day, field in (("2025-05-19", "mof_20y_par_yield_2025-05-19"),
                       ("2025-05-20", "mof_20y_par_yield_2025-05-20")):
        pub, comp = facts.number(field), float(y20.loc[day])
        same = abs(pub - comp) < 5e-4
        near = y20.loc[pd.Timestamp(day) - pd.Timedelta(days=14): pd.Timestamp(day)]
        equal = [d.date().isoformat() for d in near.index[(near - pub).abs().to_numpy() < 5e-4]]
        add(f"MOF 20Y par yield, {day}", pub, comp, "percent", "holds" if same else "does not hold",
            "a check of the bundled facts file (not a statement of the seed) against the "
            "bundled MOF curve" + ("" if same or not equal else
                                   f"; the curve has {pub:.3f} on {', '.join(equal)} (a date slip "
                                   f"in the facts file?)"))

    y10 = curve["10Y"].dropna()
    late = y10.loc[start:end]
    peak_day = _ts(late.idxmax())
    peak = float(late.max())
    hs = highest_since(y10.loc[:peak_day])
    since = _ts(hs["since"].iloc[-1])
    march = y10.loc["2025-03-01":"2025-03-31"]
    m_day = _ts(march.idxmax())
    m_since = _ts(highest_since(y10.loc[:m_day])["since"].iloc[-1])
    # the level before the 2025 episode: the latest day before 2025 at or above the peak
    before = y10.loc[: pd.Timestamp("2024-12-31")]
    level_day = _ts(before[before >= peak].index[-1]) if (before >= peak).any() else None
    add("JGB 10Y near 1.6%", 1.6, peak, "percent", _as_published(1.6, peak, 1),
        f"highest MOF 10-year par yield in {start.date()}..{end.date()}: {peak:.3f} on "
        f"{peak_day.date()} (holds if it rounds to 1.6)")
    add("JGB 10Y back to its 2008 level", "2008",
        "no earlier day as high" if level_day is None else str(level_day.year), "",
        "holds" if level_day is not None and level_day.year == 2008 else "does not hold",
        f"seed: 回到了 2008 年金融危機時的水平; before 2025 the 10-year par yield was last at or "
        f"above {peak:.3f} (the {peak_day.date()} peak) on "
        f"{'no day' if level_day is None else level_day.date()}")
    verdict10: Verdict = ("holds" if since.year <= 2008 else
                          "partly" if m_since.year <= 2008 else "does not hold")
    add("JGB 10Y highest since 2008", "2008",
        f"{m_since.year} (March 2025 peak); {since.date()} (late May)", "", verdict10,
        f"{peak:.3f} on {peak_day.date()} was the highest since {since.date()}; the "
        f"March 2025 peak {float(march.max()):.3f} ({m_day.date()}) was the highest since "
        f"{m_since.date()}: the level was last seen in 2008, but late May 2025 "
        f"was not a new high")

    y40 = curve["40Y"].dropna()
    late40 = y40.loc[start:end]
    p40_day = _ts(late40.idxmax())
    rec = highest_since(y40.loc[:p40_day])
    records = rec.loc[start:end]
    record_days = [d.date().isoformat() for d in records.index[records["record"].to_numpy()]]
    add("JGB 40Y at a record since first issued", "record high",
        "record high" if record_days else "no record", "",
        "holds" if record_days else "does not hold",
        f"MOF 40-year par yield set records on {', '.join(record_days)} (peak "
        f"{float(late40.max()):.3f} on {p40_day.date()}), highest since the series began "
        f"{y40.index[0].date()}; Reuters quoted 3.55% after the auction (market yield, not "
        f"the MOF par curve); the record was broken again later (peak of the bundled data "
        f"{float(y40.max()):.3f} on {_ts(y40.idxmax()).date()})")
    holdings = boj_holdings_by_issue()
    forty = holdings[holdings["series"] == "40Y"]
    first_month = _ts(forty["date"].min())
    first_issue = str(forty.loc[forty["date"] == first_month, "issue"].iloc[0])
    add("JGB 40Y first issued", "May 2007", first_month.strftime("%Y-%m"), "",
        "holds" if (first_month.year, first_month.month) == (2007, 5) else "does not hold",
        f"first month with a 40-year JGB outstanding in the BOJ/MOF issue-level data: "
        f"{first_month.date()} ({first_issue}); the MOF curve's 40-year series starts "
        f"{y40.index[0].date()}; MOF planned the first 40-year issue for the second half of "
        f"fiscal 2007 (Global Custodian, 'Japanese Ministry of Finance considers issuance of 40 "
        f"year JGB', {GLOBAL_CUSTODIAN_URL})")

    own = boj_share(holdings)
    at = own.at(end)
    runs = own.runs_above(50.0)
    spells = ", ".join(f"{a.date()} to {b.date()}" for a, b in zip(runs["start"], runs["end"], strict=True))
    last = own.share().iloc[-1]
    add("BOJ holds over 50% of JGBs", 50.0, round(float(at["all"]), 2), "percent",
        "holds" if float(at["all"]) > 50 else "does not hold",
        f"published 'over 50%'; BOJ holdings / amount outstanding at face value of coupon-bearing "
        f"JGBs (2- to 40-year, inflation-indexed, floating, climate; no T-bills, no FILP bonds) "
        f"on {_ts(at.name).date()}; "
        f"above 50% {spells}; {float(last):.2f}% on {own.share().index[-1].date()}")
    add("Fed holds about 16% of marketable Treasuries", 16.0, None, "percent", "not checkable",
        f"the bundled data have no marketable-Treasury outstanding (and Fed holdings only to 2020); "
        f"with H.4.1 Treasury holdings of ${H41_TREASURIES_2025_03_19 / 1e6:.2f} tn on 2025-03-19 "
        f"({H41_URL}) a 16% share means about "
        f"${H41_TREASURIES_2025_03_19 / 0.16 / 1e6:.1f} tn of marketable Treasuries: compare with the "
        f"Treasury's Monthly Statement of the Public Debt")

    rp = range_position(us_10y_yield(), date=end, start="2023-01-01", end="2023-12-31")
    us = us_10y_yield().loc[start:end]
    inside = rp.low <= float(us.min()) and float(us.max()) <= rp.high
    add("US 10Y inside its 2023 range", "inside", "inside" if inside else "outside", "",
        "holds" if inside else "does not hold",
        f"DGS10 {float(us.min()):.2f} to {float(us.max()):.2f} (peak on {_ts(us.idxmax()).date()}) in "
        f"{start.date()}..{end.date()}; "
        f"2023 range {rp.low:.2f}-{rp.high:.2f}")
    return SeedClaims(pd.DataFrame(rows))
