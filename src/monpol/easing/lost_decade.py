"""Japan's lost decade (seed: "Lessons of Japan's lost decade", CBC 2010): data and chart.

Three bundled datasets: ``japan-lost-decade-facts`` (asset-price falls, wealth loss, bad
loans, public funds), ``japan-stimulus-1992-2001`` (eleven fiscal packages with breakdown;
dates uncertain) and ``japan-policy-timeline`` (discount rate, zero rate, QE).

Examples
--------
>>> ld = load_lost_decade()
>>> round(float(ld.stimulus["total"].sum()), 1)       # seed: 134 trillion yen
134.2
>>> ld.component_gaps()["gap"].round(1).tolist()       # package 5 does not add up
[1.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol import data as datasets
from monpol.core.errors import InputError
from monpol.core.results import Result, Summary
from monpol.easing.results import date_x

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["COMPONENTS", "LostDecade", "load_lost_decade"]

#: Components of the stimulus packages (trillion yen), in the table's order.
COMPONENTS = ("tax_cuts", "public_investment", "land_purchases", "housing_loans",
              "government_lending", "other")


@dataclass(frozen=True)
class LostDecade(Result):
    """The lost-decade figures: ``facts``, ``stimulus`` and ``timeline`` frames."""

    facts: pd.DataFrame = field(repr=False)
    stimulus: pd.DataFrame = field(repr=False)
    timeline: pd.DataFrame = field(repr=False)

    def component_gaps(self, *, tol: float = 0.05) -> pd.DataFrame:
        """Packages whose components do not sum to the printed total (beyond ``tol``).

        Columns: package, total, components_sum, gap (= components_sum - total).
        """
        comp = self.stimulus[list(COMPONENTS)].fillna(0.0).sum(axis=1)
        out = pd.DataFrame({"package": self.stimulus["package"], "total": self.stimulus["total"],
                            "components_sum": comp})
        out["gap"] = out["components_sum"] - out["total"]
        return out[out["gap"].abs() > tol].reset_index(drop=True)

    def to_frame(self) -> pd.DataFrame:
        """The facts table: group, item, value, unit, date, qualifier, note."""
        return self.facts.copy()

    def to_dict(self) -> dict[str, Any]:
        return {"facts": self.facts, "stimulus": self.stimulus, "timeline": self.timeline}

    def summary(self) -> Summary:
        s = Summary("Japan's lost decade (seed figures)")
        s.add_table(self.facts.set_index("item")[["group", "value", "unit", "date", "qualifier"]],
                    "Figures", digits=2)
        cols = ["package", "month_printed", "date_confirmed", "total", "total_pct_gdp",
                *COMPONENTS]
        s.add_table(self.stimulus[cols].set_index("package"),
                    "Fiscal packages 1992-2001, trillion yen (dates uncertain)", digits=1)
        s.add_table(self.timeline.set_index("date")[["event", "rate", "date_precision"]],
                    "Policy timeline", digits=2)
        s.add_note("Package months are those printed over each column of the seed's Table 1; "
                   "the years are garbled in extraction and left uncertain.")
        return s

    # -- charts -------------------------------------------------------------------------
    def plot_asset_prices(self, ax: Axes) -> None:
        f = self.facts[self.facts["group"] == "asset_price_change"]
        ax.barh(f["item"].str.replace("_", " "), f["value"], color="#8c564b")
        for y, v in enumerate(f["value"]):
            ax.text(v, y, f" {v:g}%", va="center", ha="left", color="white", fontsize=8)
        ax.set_xlabel("peak to trough, percent")
        ax.set_title("Asset prices (Koo 2006, via seed)", fontsize=9)

    def plot_npl(self, ax: Axes) -> None:
        f = self.facts[(self.facts["group"] == "npl") & (self.facts["unit"] == "percent of loans")]
        dates = [pd.Timestamp(d + "-01" if len(d) == 7 else d + "-03-01") for d in f["date"]]
        xs = [date_x(d) for d in dates]
        ax.plot(xs, f["value"].to_numpy(dtype=float), "o-", color="#d62728")
        ax.xaxis_date()
        for d, v, q in zip(xs, f["value"], f["qualifier"], strict=True):
            ax.annotate(("< " if q == "below" else "") + f"{v:g}%", (d, v), fontsize=8,
                        xytext=(4, 4), textcoords="offset points")
        ax.set_ylabel("NPL ratio, percent")
        ax.set_ylim(0, 10)
        ax.set_title("Major banks' bad-loan ratio", fontsize=9)

    def plot_stimulus(self, ax: Axes) -> None:
        st = self.stimulus
        x = np.arange(len(st))
        bottom = np.zeros(len(st))
        for c in COMPONENTS:
            vals = st[c].fillna(0.0).to_numpy()
            ax.bar(x, vals, bottom=bottom, label=c.replace("_", " "), width=0.7)
            bottom += vals
        ax.plot(x, st["total"], "k_", ms=14, label="printed total")
        ax.set_xticks(x, [f"#{p}\n(m{m})" for p, m in zip(st["package"], st["month_printed"],
                                                          strict=True)], fontsize=7)
        ax.set_ylabel("trillion yen")
        ax.set_ylim(0, 27)
        ax.set_title("Fiscal packages 1992-2001 (month printed; year uncertain)", fontsize=9)
        ax.legend(fontsize=6, ncol=2)

    def plot_timeline(self, ax: Axes) -> None:
        tl = self.timeline.copy()
        tl["x"] = [date_x(d + "-01" if len(d) == 7 else d) for d in tl["date"]]
        rates = tl.dropna(subset=["rate"])
        ax.plot(rates["x"].to_numpy(), rates["rate"].to_numpy(dtype=float), "o--", color="#1f77b4",
                label="discount rate (seed gives 6% and 0.5%; cuts between not shown)")
        ax.legend(fontsize=6.5, loc="lower left")
        for i, (x, event) in enumerate(zip(tl["x"].to_numpy(dtype=float),
                                           tl["event"].astype(str), strict=True)):
            ax.axvline(x, color="grey", lw=0.6, ls=":")
            ax.text(x, 6.3 - 0.55 * (i % 6), " " + event.replace("_", " "), fontsize=6.5)
        ax.xaxis_date()
        ax.set_ylim(-0.2, 7)
        ax.set_ylabel("percent per year")
        ax.set_title("BOJ policy timeline", fontsize=9)

    def plot(self, ax: Axes | None = None) -> Figure:
        """Four panels: asset prices, NPL ratio, fiscal packages, policy timeline."""
        if ax is not None:
            raise InputError("LostDecade.plot draws four panels and takes no ax; use "
                             "plot_asset_prices/plot_npl/plot_stimulus/plot_timeline(ax)")
        from matplotlib.figure import Figure

        fig = Figure(figsize=(11.0, 7.5), layout="constrained")
        axes = fig.subplots(2, 2)
        self.plot_asset_prices(axes[0, 0])
        self.plot_npl(axes[0, 1])
        self.plot_stimulus(axes[1, 0])
        self.plot_timeline(axes[1, 1])
        fig.suptitle("Japan's lost decade (seed 000, CBC 2010)")
        return fig


def load_lost_decade() -> LostDecade:
    """The three lost-decade datasets."""
    return LostDecade(datasets.load("japan-lost-decade-facts").fillna({"date": "",
                                                                         "qualifier": ""}),
                      datasets.load("japan-stimulus-1992-2001"),
                      datasets.load("japan-policy-timeline"))
