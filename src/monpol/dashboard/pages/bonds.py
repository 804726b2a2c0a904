"""Bonds page (spec 05): the sovereign doom loop with the central bank's purchases as the
lever, and the BOJ's share of JGBs. Calls ``monpol.bonds.api`` only."""

from __future__ import annotations

from typing import Any

from monpol.dashboard.figures import line_figure
from monpol.dashboard.page import Page, Section
from monpol.dashboard.render import Published

__all__ = ["PAGE"]

API = "monpol.bonds.api"


def _doom_figures(result: Any, request: Any) -> list[Any]:
    years = list(result.years)
    out = []
    for name, title, unit in (("market_rate", "Market yield", "percent per year"),
                              ("debt", "Debt", "percent of GDP"),
                              ("cb_share", "Central bank's share of the debt", "percent")):
        paths = getattr(result, name)
        series = {f"scenario {k} ({result.outcome[k]})": paths[k]
                  for k in range(min(result.n_scenarios, 12))}
        out.append(line_figure(years, series, title=title, yaxis=unit, xaxis="year"))
    return out


def _share_figures(result: Any, request: Any) -> list[Any]:
    wide = result.wide() if hasattr(result, "wide") else None
    if wide is None:
        return []
    return [line_figure(list(wide.index), {str(c): wide[c] for c in wide.columns},
                        title="BOJ share of JGBs by maturity bucket", yaxis="percent")]


def _claim_rows(result: Any, request: Any) -> list[Published]:
    return [Published(str(r["claim"]), r["published"], r["computed"], str(r["unit"]),
                      f"seed 001; {r['verdict']}")
            for _, r in result.to_frame().iterrows()]


PAGE = Page(
    key="bonds", title="Bond-market stress", order=40,
    intro="The sovereign doom loop (a higher yield raises the deficit, debt and the risk "
          "premium) with the central bank's purchases as the lever, and the BOJ's share of "
          "JGBs (spec 05, seed 001). Yields in percent per year, debt in percent of GDP.",
    sections=(
        Section(key="doom-loop", title="Doom loop and the purchases lever",
                intro="cb_purchases is the lever: the central bank's purchases each year, in "
                      "percent of GDP. Sweep any parameter over several values (e.g. "
                      "cb_purchases=0;3;6) to compare scenarios.",
                api=API, request="doom_loop", figures=_doom_figures,
                defaults={"sweep": {"cb_purchases": (0.0, 3.0, 6.0)}},
                primary=("cb_purchases", "sweep", "debt", "market_rate", "growth",
                         "primary_balance", "risk_premium", "premium_sensitivity", "cb_share",
                         "cb_effect", "horizon")),
        Section(key="boj-share", title="BOJ share of JGBs",
                intro="The BOJ's holdings over the amount outstanding, by maturity bucket.",
                api=API, request="boj_share", figures=_share_figures),
        Section(key="claims", title="The seed's statements: published vs computed",
                intro="Seed 001's figures on the May 2025 sell-off (auctions, yields, "
                      "ownership) beside the values computed from the bundled data.",
                api=API, request="claims", published=_claim_rows),
    ),
)
