"""IS-LM page (spec 04): the flow-of-funds IS-LM model: the equilibrium with its regime and
balance-sheet matrix, the IS and LM curves, and propositions P1–P5 (the paper's signs beside
the computed ones). Calls ``monpol.islm.api`` only."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from monpol.dashboard.page import Page, Section
from monpol.dashboard.render import Published

__all__ = ["PAGE"]

API = "monpol.islm.api"
POLICY = ("fx_regime", "i_R", "CBL", "i_CBL", "B_c", "G", "e_0")


def _equilibrium_tables(result: Any, request: Any) -> list[tuple[str, Any]]:
    return [(f"Balance-sheet matrix ({result.regime} regime; the paper's Table 1 layout: "
             f"assets +, liabilities −)", result.balance_sheet),
            ("Sector balances", result.sector_balances)]


def _curves_figures(result: Any, request: Any) -> list[Any]:
    f = result.to_frame()
    fig = go.Figure()
    for (curve, segment), part in f.groupby(["curve", "segment"], sort=False, dropna=False):
        name = curve if segment != segment or segment in (None, "") else f"{curve} ({segment})"
        width = 5 if segment == "floor" else 2
        fig.add_scatter(x=list(part["y"]), y=list(part["i_C"]), mode="lines", name=str(name),
                        line={"width": width})
    fig.update_layout(title="IS and LM curves (the paper's Fig. 1)", xaxis_title="output y",
                      yaxis_title="call rate i_C, percent per year", template="plotly_white",
                      height=420)
    return [fig]


def _proposition_rows(result: Any, request: Any) -> list[Published]:
    f = result.to_frame()
    rows = []
    for _, r in f.iterrows():
        if r.get("source") == "derived":
            continue
        rows.append(Published(f"{r['proposition']}: {r['quantity']} ({r['case']})",
                              r["expected"], float(r["computed"]),
                              "sign" + ("" if bool(r["holds"]) else " — does NOT hold"),
                              "Domae (seed 003), spec 04 §6"))
    return rows


PAGE = Page(
    key="islm", title="Flow-of-funds IS-LM", order=30,
    intro="Domae's open-economy IS-LM model with banks, firms, households and the rest of the "
          "world (spec 04, seed 003), on the spec's illustrative calibration (trillion yen; a "
          "demonstration, not an estimate). Rates in percent per year. The paper publishes "
          "signs, not numbers: P1–P5 show its signs beside the computed changes.",
    sections=(
        Section(key="solve", title="Equilibrium, regime and balance sheets",
                intro="The policy instruments first (reserve rate ī_R, central-bank lending "
                      "CBL, its rate, bond holdings B_c), then every parameter of spec 04 "
                      "under More inputs. The curves and propositions below take the "
                      "instruments only (the other parameters at the calibration).",
                api=API, request="solve", tables=_equilibrium_tables, exclude=("params_file",),
                primary=POLICY),
        Section(key="curves", title="IS and LM curves",
                intro="The LM curve is horizontal at ī_R while excess reserves absorb money "
                      "demand (the floor segment, thick).",
                api=API, request="curves", figures=_curves_figures,
                primary=(*POLICY, "points"), more=False),
        Section(key="propositions", title="Propositions P1–P5",
                intro="Each proposition's shock on the base calibration; the paper's signs "
                      "beside the computed changes.",
                api=API, request="experiment", published=_proposition_rows,
                primary=("name", "size", *POLICY),
                more=False),
    ),
)
