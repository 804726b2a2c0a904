"""Casebook section: sovereign bond-market stress (seed 001, spec 05)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from monpol.report import Comparison, Section, register_area

__all__ = ["build"]


def _f(value: Any) -> float:
    return float(value)


def _num(value: object) -> float | str | None:
    if value is None:
        return None
    if isinstance(value, int | float | np.floating):
        return float(value)
    return str(value)


@register_area("bonds", title="Sovereign bond-market stress: JGB vs US Treasuries (May 2025)",
               spec="05-bond-market-stress.md", seed="001_e060dafa03d647a4.txt", order=50)
def build(section: Section) -> None:
    """JGB auction facts, yield stress, BOJ share, scorecard and doom loop."""
    from monpol.bonds import api, data
    from monpol.bonds.yields import highest_since
    from monpol.core.plotting import figure_axes

    section.text(
        "The seed (a Taiwanese market commentary, late May 2025) reads the simultaneous "
        "sell-off in JGBs and US Treasuries through auction demand, secondary-market yields, "
        "central-bank ownership and the fiscal doom loop, and concludes that US risk is "
        "contained while JGBs are more dangerous. Below: its statements checked against the "
        "bundled data (MOF auctions and yield curve, the BOJ's issue-level holdings, DGS10), "
        "its JGB-vs-UST table rendered as a scored scorecard, and a doom-loop simulation of "
        "its two paths."
    )

    # 1. the statements, published vs computed
    claims = api.run_claims(api.ClaimsRequest())
    rows = [Comparison(str(r.claim), _num(r.published), _num(r.computed), str(r.unit),
                       f"{r.verdict}: {r.note}") for r in claims.frame.itertuples()]
    section.comparison(rows, name="seed-claims", title="The seed's statements: published vs computed",
                       digits=4)

    # 2. the 20-year auction of 2025-05-20 in its (loaded) history
    facts = data.seed_auction_facts()
    jgb = api.run_auctions(api.AuctionRequest(bundled="jgb"))
    a20 = jgb.to_frame().query("tenor == '20Y'")
    fig, ax = figure_axes()
    ax.plot(a20["date"], a20["bid_to_cover"], marker=".", color="C0", label="20Y bid-to-cover")
    day = pd.Timestamp(facts.value("auction_date"))
    hit = a20[a20["date"] == day].iloc[0]
    ax.plot(pd.DatetimeIndex([day]), [hit["bid_to_cover"]], "o", color="C3",
            label=f"{day.date()}: {hit['bid_to_cover']:.2f}, {hit['bid_to_cover_context']}")
    ax.set_ylabel("bid-to-cover (bids / accepted)")
    ax.legend(fontsize="small")
    section.figure(fig, name="jgb-20y-bid-to-cover",
                   caption="JGB 20-year auctions, bid-to-cover, May 2023 to August 2026 (MOF). The "
                           "published 'lowest since August 2012' needs the history before 2023.")
    table = pd.DataFrame(
        {"fact": ["bid-to-cover", "previous auction", "tail", "previous tail", "yield at lowest price"],
         "value": [facts.number("bid_to_cover"), facts.number("bid_to_cover_prev_auction"),
                   facts.number("tail"), facts.number("tail_prev_auction"),
                   facts.number("yield_at_lowest_accepted_price")],
         "unit": ["ratio", "ratio", "yen per 100 yen face", "yen per 100 yen face", "percent"],
         "published context": [facts.note("bid_to_cover"), facts.note("bid_to_cover_prev_auction"),
                               facts.note("tail"), facts.note("tail_prev_auction"),
                               facts.note("yield_at_lowest_accepted_price")],
         "source": [facts.source(f) for f in ("bid_to_cover", "bid_to_cover_prev_auction", "tail",
                                              "tail_prev_auction", "yield_at_lowest_accepted_price")]})
    section.table(table, name="jgb-20y-facts", title="The 20-year JGB auction of 2025-05-20", digits=3)

    # 3. yield stress, 10Y and 40Y
    curve = data.jgb_yield_curve()
    panel = api.run_yields(api.YieldsRequest(tenors=("10Y", "20Y", "30Y", "40Y"),
                                             date="2025-05-22", history_years=10, change_days=20))
    section.result(panel, title="Yield stress on 2025-05-22 (MOF par curve; window 10 years)")
    fig, ax = figure_axes()
    for col, color in (("10Y", "C0"), ("40Y", "C3")):
        s = curve[col].loc["2007-01-01":"2025-06-30"].dropna()
        ax.plot(s.index, s.to_numpy(), color=color, lw=1, label=f"{col}")
        rec = highest_since(curve[col].dropna().loc[:"2025-06-30"]).loc["2007-01-01":]
        marks = rec[rec["record"]]
        if col == "40Y":
            ax.plot(marks.index, marks["yield"], "^", color="k", ms=4, label="40Y record high")
    st10 = panel["10Y"]
    ax.axhline(st10.level, color="C0", ls=":", lw=0.8)
    ax.plot(pd.DatetimeIndex([st10.date]), [st10.level], "o", color="k",
            label=f"10Y {st10.date.date()}: {st10.context}")
    ax.set_ylabel("percent")
    ax.legend(fontsize="small")
    section.figure(fig, name="jgb-10y-40y", caption="MOF 10- and 40-year JGB par yields, 2007 to June "
                   "2025 (the seed's chart): the 40-year at records in May 2025.")

    fig, ax = figure_axes()
    us = data.us_10y_yield().loc["2022-01-01":"2025-06-30"]
    ax.plot(us.index, us.to_numpy(), lw=1, color="C0", label="UST 10Y (DGS10)")
    y23 = us.loc["2023"]
    ax.axhspan(float(y23.min()), float(y23.max()), color="grey", alpha=0.15, label="2023 range")
    ax.set_ylabel("percent")
    ax.legend(fontsize="small")
    section.figure(fig, name="ust-10y-range", caption="US 10-year yield against its 2023 range.")

    # 4. BOJ share
    own = api.run_ownership(api.OwnershipRequest())
    section.figure(own.plot(), name="boj-share",
                   caption="BOJ share of coupon-bearing JGBs (face value), overall and by remaining "
                           "maturity, monthly 2001-06 to 2026-03.")
    at = own.at("2025-05-31")
    section.table(at.rename("share").rename_axis("bucket").reset_index(), name="boj-share-2025-05",
                  title=f"BOJ share by remaining maturity, {pd.Timestamp(str(at.name)).date()} (percent)",
                  digits=2)

    # 5. the scorecard
    sc = api.run_scorecard(api.ScorecardRequest(date="2025-05-22"))
    section.table(sc.table().reset_index(), name="scorecard",
                  title="The seed's JGB-vs-UST table, scored from data (0 = no stress, 100 = extreme)",
                  digits=1)
    comp = sc.composite()
    jgb_worse = _f(comp.loc["JGB", "composite_common"]) > _f(comp.loc["UST", "composite_common"])
    section.comparison(
        [Comparison("JGB more dangerous than UST", "yes", "yes" if jgb_worse else "no", "",
                    sc.verdict()),
         Comparison("JGB stress band", "(more dangerous)", str(comp.loc["JGB", "band"]), "",
                    f"composite {_f(comp.loc['JGB', 'composite']):.1f}, coverage "
                    f"{_f(comp.loc['JGB', 'coverage']):.1f}"),
         Comparison("UST stress band", "contained", str(comp.loc["UST", "band"]), "",
                    f"composite {_f(comp.loc['UST', 'composite']):.1f}, coverage "
                    f"{_f(comp.loc['UST', 'coverage']):.1f} (no 2025 US auction data bundled); the "
                    f"10-year level was high for its last decade though inside its 2023 range")],
        name="scorecard-verdict", title="The seed's verdict vs the scorecard's")
    section.figure(sc.plot(), name="scorecard-chart", caption="Stress scores by dimension, 2025-05-22.")
    section.table(sc.indicators.drop(columns=["scale"]), name="scorecard-indicators",
                  title="Scorecard indicators", digits=3)

    # 6. the doom loop
    spec = api.DoomLoopRequest()
    th = api.run_threshold(api.ThresholdRequest(parameter="market_rate", low=-2.0, high=6.0))
    lever = api.run_threshold(api.ThresholdRequest(parameter="cb_purchases", low=-10.0, high=30.0,
                                                   market_rate=1.6, contrast=2.0))
    below, above = (float(v) for v in lever.paths.params["cb_purchases"])
    share_end = lever.paths.path("cb_share")[:, -1]
    section.figure(lever.plot(), name="doom-loop-paths",
                   caption=f"The seed's two paths at a market yield of 1.6% on new debt: central-bank "
                           f"net purchases of {below:.2f}% of GDP a year ({lever.paths.outcome[0]}) vs "
                           f"{above:.2f}% ({lever.paths.outcome[1]}); threshold {lever.threshold:.2f}% "
                           f"of GDP a year with the illustrative defaults.")

    def threshold_table(cb_effect: float) -> pd.DataFrame:
        grid = []
        for g in (1.0, 2.0, 3.0, 4.0):
            for pb in (-3.0, -2.0, -1.0, 0.0):
                t = api.run_threshold(api.ThresholdRequest(
                    parameter="market_rate", low=-4.0, high=12.0, growth=g, primary_balance=pb,
                    cb_effect=cb_effect))
                grid.append({"growth": g, "primary_balance": pb, "threshold_market_rate": t.threshold})
        table = pd.DataFrame(grid).pivot_table(index="growth", columns="primary_balance",
                                               values="threshold_market_rate", aggfunc="first")
        table.columns = [f"pb {c:g}" for c in table.columns]
        return table.reset_index()

    section.table(threshold_table(spec.cb_effect), name="doom-loop-thresholds",
                  title="Threshold market rate (percent) by nominal growth (rows) and primary "
                        "balance (columns, percent of GDP); defaults, no central-bank purchases",
                  digits=2)
    section.table(threshold_table(0.0), name="doom-loop-thresholds-fiscal",
                  title="The same without the central-bank channel (φ = 0): the fiscal loop alone",
                  digits=2)
    section.text(
        f"With the defaults (debt 230% of GDP, effective rate 0.8%, nominal growth 2%, primary "
        f"balance −2% of GDP, average maturity 9 years, premium sensitivity 0.3, burden "
        f"threshold 3% of GDP, BOJ share 52.7%, no net purchases), rates stabilise only when the "
        f"market yield on new debt stays below {th.threshold:.2f}%. With no net purchases the "
        f"central bank's holdings stay constant in yen while the debt keeps growing, so its share "
        f"falls and the premium rises (by φ = {spec.cb_effect:g} pp per point of share), slowly "
        f"but for decades: this is the seed's 'not enough buyers after QT'. It also makes faster "
        f"nominal growth lower the threshold in the first table (a fixed primary deficit in "
        f"percent of GDP is a larger issuance in yen, diluting the central bank faster); without "
        f"the central-bank channel (second table) faster growth raises it. The lever: at a market "
        f"yield of 1.6%, net purchases of at least {lever.threshold:.2f}% of GDP a year stop the "
        f"rise (the central bank's share ends at {share_end[1]:.0f}% after "
        f"{lever.paths.horizon} years with {above:.2f}%, {share_end[0]:.0f}% with "
        f"{below:.2f}%); below that, including any run-off, rates keep rising. These parameters "
        f"are illustrative round numbers, not estimates."
    )

    section.choices({
        "bid-to-cover": "bids / accepted (competitive); US: tendered / accepted",
        "tail": "JGB: average − lowest accepted price (yen per 100 face); US: high − when-issued "
                "yield (bp)",
        "'lowest since'": "most recent earlier auction of the same tenor at least as extreme, "
                          "in the loaded history only",
        "yield data": "MOF par yields (not market yields of individual issues: Reuters' 3.55% for "
                      "the 40-year is a market yield)",
        "yield-stress window": "10 years to the date; speed and volatility over 20 trading days",
        "'highest since'": "over the whole series, not the window",
        "assessment date": "2025-05-22 (the 10- and 40-year peak of the seed's week)",
        "BOJ share": "BOJ holdings / amount outstanding, face value, coupon-bearing JGBs (no "
                     "T-bills, no FILP); remaining-maturity buckets (lo, hi] years",
        "Fed share": "not recomputed (no outstanding amount bundled); the seed's 16% is an input",
        "scorecard": "indicator scores 0-100 (percentile, linear, since, or given); dimension = "
                     "mean; composite = equal-weight mean; bands at 33.3 and 66.7",
        "US auction dimensions": "not scored: no 2025 US auction results bundled (pass them "
                                 "with --inputs)",
        "doom loop": "annual; premium rises with interest burden above a threshold, falls with "
                     "the central bank's share; outcome judged on the last 5 years (0.05 pp); "
                     "central-bank holdings in yen change only by net purchases",
    })
