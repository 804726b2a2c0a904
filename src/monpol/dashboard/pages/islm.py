"""IS-LM page (spec 04): the flow-of-funds IS-LM model. Calls ``monpol.islm.api`` only."""

from __future__ import annotations

from monpol.dashboard.page import Page, Section

__all__ = ["PAGE"]

API = "monpol.islm.api"

PAGE = Page(
    key="islm", title="Flow-of-funds IS-LM", order=30,
    intro="Domae's open-economy IS-LM model with banks, firms, households and the rest of the "
          "world (spec 04), on the spec's illustrative calibration (trillion yen; a "
          "demonstration, not an estimate). Rates in percent per year.",
    sections=(
        Section(key="solve", title="Equilibrium", api=API, request="solve"),
    ),
)
