"""Events page (spec 06): market reactions in a window around policy events. Calls
``monpol.events.api`` only."""

from __future__ import annotations

from typing import Any

from monpol.dashboard.figures import bar_figure, line_figure
from monpol.dashboard.page import Page, Section
from monpol.dashboard.render import Published

__all__ = ["PAGE"]

API = "monpol.events.api"


def _study_figures(result: Any, request: Any) -> list[Any]:
    t = result.to_frame()
    labels = [f"{d.date()} {lab}" for d, lab in zip(t["event_date"], t["label"], strict=True)]
    bars = bar_figure(labels, {"change": t["change"], "abnormal": t["abnormal"]},
                      title=f"{result.series}: change over the window {result.window}",
                      yaxis=result.unit)
    out = [bars]
    if len(result.levels):
        lv = result.levels
        fig = line_figure(list(lv.index), {result.series: lv}, title=f"{result.series} and the events")
        for d in t["event_date"]:
            fig.add_vline(x=d, line_dash="dot", line_color="crimson")
        out.append(fig)
    return out


def _study_published(result: Any, request: Any) -> list[Published]:
    if getattr(result, "published", None) is None:
        return []
    return [Published(f"cumulative change of {result.series} over the {result.nobs} events",
                      result.published, result.cumulative_change, result.unit,
                      result.published_source)]


PAGE = Page(
    key="events", title="Event studies", order=50,
    intro="Market reactions around policy announcements (spec 06): choose the "
          "series, the event calendar and the window (1d, 2d, event-day, next-day or any a:b in "
          "trading days around day 0).",
    sections=(
        Section(key="study", title="Event study", api=API, request="study",
                intro="Default: the 10-year Treasury yield over the eight QE1 events of "
                      "Gagnon et al. (2011), one-day windows; their published cumulative "
                      "change beside.",
                figures=_study_figures, published=_study_published, exclude=("file",),
                free_text=("window",),
                defaults={"dataset": "us-markets-daily", "column": "DGS10",
                          "calendar": "fed-qe1-grrs2011", "window": "1d"},
                primary=("dataset", "column", "calendar", "window", "baseline", "estimation",
                         "gap")),
    ),
)
