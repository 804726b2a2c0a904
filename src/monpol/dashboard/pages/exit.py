"""Exit page (spec 03): central-bank income at the exit from easing: one scenario (or your
own rate path) with its income table and cumulative result against capital, seed 002's six
scenarios beside the published table, and a Monte Carlo fan. Calls ``monpol.exit.api``
only."""

from __future__ import annotations

from typing import Any

from monpol.dashboard.figures import bar_figure, fan_figure
from monpol.dashboard.page import Page, Section
from monpol.dashboard.render import Published

__all__ = ["PAGE"]

API = "monpol.exit.api"
# files on the server's disk are not read from the page (the bundled BoJ template and MOF
# curve are the request defaults); a CLI or API matter
FILES = ("holdings", "unit", "curve")
# Monte Carlo paths per computation in the page (the request allows MAX_PATHS, 10 million):
# measured here (2 shared CPUs, under load) 200,000 paths of 12 years take 0.6 s and a
# million 4 s; the time limit stops anything slower
MAX_DASHBOARD_PATHS = 200_000


def _projection_figures(result: Any, request: Any) -> list[Any]:
    f = result.to_frame()
    fig = bar_figure(f["year"], {"net income": f["net_income"]},
                     title="Net income and the cumulative result against capital",
                     yaxis=str(result.unit))
    fig.add_scatter(x=list(f["year"]), y=list(f["cumulative"]), mode="lines+markers",
                    name="cumulative result", line={"color": "#1f3b73"})
    capital = result.figures.get("capital")
    if capital is not None:
        fig.add_hline(y=-float(capital), line_dash="dash", annotation_text=f"− capital ({capital:g})")
    rates = bar_figure(f["year"], {"interest income": f["interest_income"],
                                   "interest paid": -f["interest_expense"]},
                       title="Interest income and interest paid", yaxis=str(result.unit),
                       barmode="relative")
    rates.add_scatter(x=list(f["year"]), y=list(f["policy_rate"]), mode="lines",
                      name="policy rate (percent, right axis)", yaxis="y2")
    rates.update_layout(yaxis2={"overlaying": "y", "side": "right", "title": "percent per year"})
    return [fig, rates]


def _fan_figures(result: Any, request: Any) -> list[Any]:
    f = result.to_frame()
    lines = {}
    if result.capital is not None:
        lines[f"− capital ({result.capital:g})"] = [-float(result.capital)] * len(f)
    fig = fan_figure(f["year"], [("5–95%", f["cumulative_p05"], f["cumulative_p95"]),
                                 ("25–75%", f["cumulative_p25"], f["cumulative_p75"])],
                     median=f["cumulative_p50"], lines=lines,
                     title=f"Cumulative result over {result.paths:,} rate paths",
                     yaxis=str(result.unit))
    rate = fan_figure(f["year"], [("5–95%", f["rate_p05"], f["rate_p95"])],
                      median=f["rate_p50"], title="Policy-rate paths", yaxis="percent per year")
    return [fig, rate]


def _seed_rows(result: Any, request: Any) -> list[Published]:
    f = result.to_frame()
    out = []
    for _, r in f.iterrows():
        out.append(Published(f"{r['label']}: cumulative loss", r["published_cumulative_loss"],
                             r["cumulative_loss"], "trillion yen", "seed 002 §3"))
        out.append(Published(f"{r['label']}: last year with a loss",
                             int(r["published_last_loss_year"]), int(r["last_loss_year"])
                             if r["last_loss_year"] == r["last_loss_year"] else None, "year",
                             "seed 002 §3"))
    return out


def _seed_figures(result: Any, request: Any) -> list[Any]:
    f = result.to_frame()
    return [bar_figure(f["label"], {"computed": f["cumulative_loss"],
                                    "published": f["published_cumulative_loss"]},
                       title="Cumulative loss by scenario: computed vs published (seed 002)",
                       yaxis="trillion yen")]


PAGE = Page(
    key="exit", title="Exit finances", order=20,
    intro="Interest income, interest paid and capital of a central bank as rates rise "
          "(spec 03, seed 002: the Bank of Japan's end-2022 holdings). Amounts in the "
          "holdings' unit (trillion yen for the bundled template), rates in percent per year.",
    sections=(
        Section(key="seed", title="Seed 002's six scenarios vs the published table",
                intro="Policy rate A/B/C with and without reinvestment on the BoJ's end-2022 "
                      "holdings and the June 2022 MOF curve; the published losses beside.",
                api=API, request="reproduce", figures=_seed_figures, published=_seed_rows,
                primary=("yield_assignment", "reinvested_redemption", "holdings_timing",
                         "reserves_timing", "reinvest_timing", "years")),
        Section(key="scenario", title="One scenario, or your own rate path",
                intro="Seed 002's scenario A/B/C, or (with scenario set to (none)) a constant "
                      "policy rate after the exit or your own rate path (one rate per year, "
                      "e.g. 0.1, 0.25, 0.5), the reinvested share of redemptions and the "
                      "timing conventions; the income table and the cumulative result "
                      "against capital.",
                api=API, request="project", figures=_projection_figures,
                exclude=(*FILES, "rate_path"), defaults={"scenario": "B"},
                primary=("scenario", "policy_rate", "rates", "exit_year", "pre_exit_rate",
                         "reinvest_share", "reinvest_spread", "years", "capital",
                         "holdings_timing", "reserves_timing", "reinvest_timing",
                         "accounting")),
        Section(key="simulate", title="Monte Carlo over rate paths",
                intro="Rate paths drawn from a mean-reverting process; the fan of the "
                      "cumulative result and the probability that capital is exhausted.",
                api=API, request="simulate", figures=_fan_figures,
                exclude=(*FILES, "rate_paths", "backend", "scheduler", "scheduler_timeout",
                         "chunk_size", "keep_paths"),
                defaults={"paths": 2_000, "seed": 1}, limits={"paths": MAX_DASHBOARD_PATHS},
                primary=("paths", "process", "r0", "mean", "speed", "vol", "floor", "seed",
                         "reinvest_share", "years", "capital")),
    ),
)
