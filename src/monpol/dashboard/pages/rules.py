"""Rules page (spec 01): one rule's prescription, every rule vs the actual rate (in the
manner of the Atlanta Fed's Taylor Rule Utility), and the seed's China reaction function
with its forecast. Calls ``monpol.rules.api`` only."""

from __future__ import annotations

from typing import Any

from monpol.dashboard.figures import line_figure, period_axis
from monpol.dashboard.page import Page, Section
from monpol.dashboard.render import Published

__all__ = ["PAGE"]

API = "monpol.rules.api"


def _seed_china() -> Any:
    """The published figures of seed 004 (Kwan, RIETI, 30 Sep 2011), as the casebook shows
    them (``PUBLISHED_CHINA`` of the page's api module, imported when a page computes)."""
    import importlib

    return importlib.import_module(API).PUBLISHED_CHINA


def _compare_figures(result: Any, request: Any) -> list[Any]:
    wide = result.wide()
    labels = {r.name: r.label for r in result.rules}
    series = {labels.get(c, c): wide[c] for c in wide.columns if c != "actual"}
    fig = line_figure(period_axis(wide.index), series, highlight={"actual": wide["actual"]},
                      title="Prescribed rates vs the actual policy rate", yaxis="percent per year")
    dev = result.wide("deviation")
    dev_fig = line_figure(period_axis(dev.index),
                          {labels.get(c, c): dev[c] for c in dev.columns if c != "actual"},
                          title="Deviation: actual − prescribed (positive = tighter than the rule)",
                          yaxis="percentage points")
    return [fig, dev_fig]


def _forecast_figures(result: Any, request: Any) -> list[Any]:
    est = getattr(result, "estimate", None)
    if est is None:
        return []
    x = period_axis(est.y.index)
    fig = line_figure(x, {"fitted": est.fitted_values}, highlight={"actual": est.y},
                      title=f"{est.sample.rate}: actual vs fitted, {est.sample.start}–"
                            f"{est.sample.end}, and the forecast", yaxis="percent per year")
    fig.add_scatter(x=["forecast"], y=[result.forecast], mode="markers", name="forecast",
                    error_y={"type": "data", "symmetric": False,
                             "array": [result.upper - result.forecast],
                             "arrayminus": [result.forecast - result.lower]},
                    marker={"size": 10, "color": "crimson"})
    return [fig]


def _forecast_published(result: Any, request: Any) -> list[Published]:
    est = getattr(result, "estimate", None)
    if request.dataset != "china-lending-rate" or est is None:
        return []
    seed = _seed_china()
    src = "seed 004 (Kwan 2011)"
    rows = [Published("short-run response to inflation", seed["inflation"],
                      float(est.params["inflation"]), "pp per pp", src),
            Published("short-run response to growth", seed["growth"],
                      float(est.params["growth"]), "pp per pp", src)]
    if (request.inflation, request.growth) == (seed["forecast_inflation"],
                                               seed["forecast_growth"]):
        rows.append(Published("2011Q3 theoretical rate (inflation 6.2, growth 9.2)",
                              seed["theoretical_rate"], result.forecast, "percent", src))
    return rows


PAGE = Page(
    key="rules",
    title="Policy rules",
    order=10,
    intro="Policy-rule prescriptions and an estimated reaction function (spec 01). Rates, "
          "inflation and r* in percent per year; gaps in percent of potential output.",
    sections=(
        Section(
            key="compare", title="Every rule vs the actual rate",
            intro="The Fed's family of rules over the bundled U.S. quarterly data, choosing "
                  "the inflation measure, r*, the gap (output, or unemployment through "
                  "Okun's law) and an ELB, in the manner of the Atlanta Fed's Taylor Rule "
                  "Utility.",
            api=API, request="compare", exclude=("file",), defaults={"start": "1990Q1"},
            figures=_compare_figures),
        Section(
            key="prescribe", title="One rule at one point",
            intro="The rate one rule prescribes for the inputs you give.",
            api=API, request="prescribe", defaults={"inflation": 2.0, "output_gap": 0.0},
            primary=("rule", "inflation", "output_gap", "r_star", "inflation_target",
                     "lagged_rate", "elb")),
        Section(
            key="china", title="China's reaction function and its forecast",
            intro="The seed's case (Kwan 2011): the 1-year lending rate on CPI inflation, real "
                  "GDP growth and its own lag, 2005Q3–2011Q2, by OLS, and the rate it implies "
                  "for the inflation and growth you give (the seed's 2011Q3 \"theoretical "
                  "rate\": inflation 6.2, growth 9.2).",
            api=API, request="forecast",
            exclude=("file", "rate_column", "regressor_columns", "values"),
            defaults={"dataset": "china-lending-rate", "start": "2005Q3", "end": "2011Q2",
                      "inflation": 6.2, "growth": 9.2},
            figures=_forecast_figures, published=_forecast_published),
    ),
)
