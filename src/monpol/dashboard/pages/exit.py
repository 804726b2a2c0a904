"""Exit page (spec 03): central-bank income at the exit from easing. Calls
``monpol.exit.api`` only."""

from __future__ import annotations

from monpol.dashboard.page import Page, Section

__all__ = ["PAGE"]

API = "monpol.exit.api"

PAGE = Page(
    key="exit", title="Exit finances", order=20,
    intro="Interest income, interest paid and capital of the Bank of Japan as rates rise "
          "(spec 03, seed 002). Amounts in trillion yen, rates in percent per year.",
    sections=(
        Section(key="scenario", title="One scenario", api=API, request="scenario"),
        Section(key="simulate", title="Monte Carlo over rate paths", api=API, request="simulate"),
    ),
)
