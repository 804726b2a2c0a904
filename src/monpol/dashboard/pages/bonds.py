"""Bonds page (spec 05): the doom loop and the BOJ's share. Calls ``monpol.bonds.api`` only."""

from __future__ import annotations

from monpol.dashboard.page import Page, Section

__all__ = ["PAGE"]

API = "monpol.bonds.api"

PAGE = Page(
    key="bonds", title="Bond-market stress", order=40,
    intro="The sovereign doom loop with the central bank's purchases as the lever, and the "
          "BOJ's share of JGBs (spec 05, seed 001). Yields in percent per year.",
    sections=(
        Section(key="doom-loop", title="Doom loop", api=API, request="doom_loop"),
    ),
)
