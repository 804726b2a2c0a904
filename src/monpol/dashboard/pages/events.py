"""Events page (spec 06): market reactions around policy events. Calls
``monpol.events.api`` only."""

from __future__ import annotations

from monpol.dashboard.page import Page, Section

__all__ = ["PAGE"]

API = "monpol.events.api"

PAGE = Page(
    key="events", title="Event studies", order=50,
    intro="Market reactions in a window around policy announcements (spec 06): choose the "
          "series and the window.",
    sections=(
        Section(key="study", title="Event study", api=API, request="study"),
    ),
)
