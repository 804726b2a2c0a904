"""Results of exit projections: one path (:class:`ExitProjection`) and many (:class:`MonteCarloResult`)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.results import Result, Summary
from monpol.core.units import MoneyUnit

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "GAP_FIELDS",
    "PROJECTION_COLUMNS",
    "SENSITIVITY_COLUMNS",
    "ExitProjection",
    "FirstYearGap",
    "MonteCarloResult",
    "RatePathResult",
    "SensitivityGrid",
    "path_summary",
]

PROJECTION_COLUMNS = (
    "year",
    "holdings",
    "excess_reserves",
    "avg_yield",
    "interest_income",
    "interest_expense",
    "net_income",
    "cumulative",
    "capital_remaining",
    "policy_rate",
    "holdings_end",
    "redemptions",
    "reinvested",
    "sold",
    "realised_gains",
    "deferred_asset",
    "remittances",
    "reserve_shortfall",
)
"""Columns of :meth:`ExitProjection.to_frame`, in order.

year; holdings (face earning interest in the year, year average under the holdings
timing); excess_reserves (year average under the reserves timing); avg_yield (percent,
interest_income / holdings); interest_income, interest_expense, net_income (money per
year; net includes realised_gains); cumulative (running sum of net_income);
capital_remaining (capital under the accounting rule; NaN without capital); policy_rate
(percent); holdings_end (face at 31 December); redemptions (face redeemed in the year);
reinvested (face bought in the year); sold (face sold on 1 January); realised_gains
(on sales); deferred_asset (Fed rule); remittances (paid to the government under
'remit_profits' or 'deferred_asset'); reserve_shortfall (redemptions not covered by
reserves when they are floored at zero).
"""


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def path_summary(years: np.ndarray, net: np.ndarray, cumulative: np.ndarray,
                 capital_remaining: np.ndarray, deferred: np.ndarray, capital: float | None,
                 accounting: str) -> dict[str, Any]:
    """The summary figures of one path (all money in the projection's unit).

    loss_years: years with net income < 0; last_loss_year; first_profit_year: the year
    after the last loss (profits from then to the horizon; the start year when there is
    no loss; None when the last year is a loss); cumulative_loss: the deepest point of the
    cumulative result below zero (equal to the sum of the loss years when, as in the
    seed, the losses come first); sum_of_losses; lowest_capital and its year;
    capital_exhausted (capital remaining below zero in some year) and the first such year;
    peak_deferred_asset.
    """
    loss = net < 0
    loss_years = [int(y) for y in years[loss]]
    last_loss = loss_years[-1] if loss_years else None
    if last_loss is None:
        first_profit: int | None = int(years[0])
    elif last_loss < int(years[-1]):
        first_profit = last_loss + 1
    else:
        first_profit = None
    trough = float(min(0.0, cumulative.min()))
    out: dict[str, Any] = {
        "start_year": int(years[0]),
        "end_year": int(years[-1]),
        "loss_years": loss_years,
        "n_loss_years": len(loss_years),
        "last_loss_year": last_loss,
        "first_profit_year": first_profit,
        "cumulative_loss": -trough if trough < 0 else 0.0,
        "sum_of_losses": float(-net[loss].sum()),
        "final_cumulative": float(cumulative[-1]),
        "capital": capital,
        "accounting": accounting,
    }
    if capital is None:
        out.update(lowest_capital=None, lowest_capital_year=None, capital_exhausted=None,
                   exhaustion_year=None)
    else:
        i = int(np.argmin(capital_remaining))
        exhausted = capital_remaining < 0
        out.update(
            lowest_capital=float(capital_remaining[i]),
            lowest_capital_year=int(years[i]),
            capital_exhausted=bool(exhausted.any()),
            exhaustion_year=int(years[np.argmax(exhausted)]) if exhausted.any() else None,
        )
    out["peak_deferred_asset"] = float(deferred.max()) if accounting == "deferred_asset" else None
    return out


@dataclass(frozen=True)
class ExitProjection(Result):
    """A year-by-year projection of a central bank's income at the exit.

    Attributes
    ----------
    frame : DataFrame
        One row per year, columns :data:`PROJECTION_COLUMNS`.
    figures : dict
        Summary figures (:func:`path_summary`).
    settings : dict
        The inputs and conventions behind the numbers (for the record).
    unit : MoneyUnit
        Unit of every money column.
    label : str
        A name for the scenario.
    """

    frame: pd.DataFrame
    figures: Mapping[str, Any]
    settings: Mapping[str, Any]
    unit: MoneyUnit
    label: str = ""

    @property
    def cumulative_loss(self) -> float:
        """Deepest point of the cumulative result below zero (≥ 0)."""
        return float(self.figures["cumulative_loss"])

    @property
    def loss_years(self) -> list[int]:
        return list(self.figures["loss_years"])

    @property
    def last_loss_year(self) -> int | None:
        return _opt_int(self.figures["last_loss_year"])

    @property
    def first_profit_year(self) -> int | None:
        return _opt_int(self.figures["first_profit_year"])

    @property
    def capital_exhausted(self) -> bool | None:
        v = self.figures["capital_exhausted"]
        return None if v is None else bool(v)

    @property
    def lowest_capital(self) -> float | None:
        v = self.figures["lowest_capital"]
        return None if v is None else float(v)

    def to_frame(self) -> pd.DataFrame:
        """The year-by-year table (a copy), columns :data:`PROJECTION_COLUMNS`."""
        return self.frame.copy()

    def to_dict(self) -> dict[str, Any]:
        """``{"rows": [...one object per year...], "summary": {...}, "settings": {...}}``."""
        return {
            "label": self.label,
            "unit": str(self.unit),
            "rows": self.frame.to_dict(orient="records"),
            "summary": dict(self.figures),
            "settings": dict(self.settings),
        }

    def summary(self) -> Summary:
        f = self.figures
        s = Summary(f"Exit projection{': ' + self.label if self.label else ''} ({self.unit})")
        shown = self.frame[["year", "policy_rate", "holdings", "excess_reserves", "avg_yield",
                            "interest_income", "interest_expense", "net_income", "cumulative",
                            "capital_remaining"]].set_index("year")
        if f["accounting"] == "deferred_asset":
            shown = shown.assign(deferred_asset=self.frame["deferred_asset"].to_numpy())
        s.add_table(shown, digits=4)
        items: dict[str, Any] = {
            "years with a loss": ", ".join(map(str, f["loss_years"])) or "none",
            "cumulative loss (trough)": f["cumulative_loss"],
            "first year of profit (to the horizon)": f["first_profit_year"] or "none",
            "capital": "not given" if f["capital"] is None else f["capital"],
        }
        if f["capital"] is not None:
            items["lowest capital (year)"] = f"{f['lowest_capital']:.4f} ({f['lowest_capital_year']})"
            items["capital exhausted"] = (f"yes, in {f['exhaustion_year']}" if f["capital_exhausted"]
                                          else "no")
        if f["peak_deferred_asset"] is not None:
            items["peak deferred asset"] = f["peak_deferred_asset"]
        s.add_items(items, title="Summary")
        for key in ("timing", "yields", "reinvestment", "accounting"):
            if key in self.settings:
                s.add_note(f"{key}: {self.settings[key]}")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Net income (bars) and the cumulative result against capital (lines)."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        yrs = self.frame["year"].to_numpy()
        net = self.frame["net_income"].to_numpy()
        ax.bar(yrs, net, color=np.where(net < 0, "#c62828", "#2e7d32"), alpha=0.45,
               label="net income")
        ax.plot(yrs, self.frame["cumulative"], marker="o", color="#1f3b73", label="cumulative result")
        cap = self.figures.get("capital")
        if cap is not None:
            ax.axhline(-cap, color="#333333", linestyle="--", label=f"− capital ({cap:g})")
        if self.figures.get("accounting") == "deferred_asset":
            ax.plot(yrs, -self.frame["deferred_asset"], color="#8e24aa", linestyle=":",
                    label="− deferred asset")
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("year")
        ax.set_ylabel(str(self.unit))
        ax.set_title(self.label or "Exit projection")
        ax.legend(loc="best", fontsize="small")
        return fig


QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class MonteCarloResult(Result):
    """Many policy-rate paths projected at once.

    Attributes
    ----------
    years : ndarray
        Calendar years of the horizon.
    cumulative_loss : ndarray
        Per path: deepest point of the cumulative result below zero (≥ 0).
    last_loss_year : ndarray
        Per path: last year with a loss (0 when none).
    lowest_capital : ndarray
        Per path: minimum of capital remaining (NaN without capital).
    exhausted : ndarray of bool
        Per path: capital remaining below zero in some year.
    exhaustion_year : ndarray
        Per path: first such year (0 when never).
    fan : DataFrame
        Per year: quantiles of the cumulative result and of the policy rate, and the
        share of paths whose capital was exhausted by then (see :meth:`to_frame`).
    cumulative_paths : ndarray or None
        The cumulative result of every path (float32, paths × years) if kept.
    settings : dict
        Process, parameters, seed, chunk size and the model's settings.
    """

    years: np.ndarray
    cumulative_loss: np.ndarray
    last_loss_year: np.ndarray
    lowest_capital: np.ndarray
    exhausted: np.ndarray
    exhaustion_year: np.ndarray
    fan: pd.DataFrame
    capital: float | None
    unit: MoneyUnit
    settings: Mapping[str, Any] = field(default_factory=dict)
    cumulative_paths: np.ndarray | None = None

    @property
    def paths(self) -> int:
        return len(self.cumulative_loss)

    @property
    def probability_exhausted(self) -> float | None:
        """Share of paths on which capital is exhausted within the horizon."""
        return None if self.capital is None else float(self.exhausted.mean())

    def loss_quantiles(self, q: tuple[float, ...] = QUANTILES) -> dict[str, float]:
        """Quantiles of the cumulative loss across paths."""
        vals = np.quantile(self.cumulative_loss, q)
        return {f"p{round(100 * x):02d}": float(v) for x, v in zip(q, vals, strict=True)}

    def to_frame(self) -> pd.DataFrame:
        """The fan table, one row per year.

        Columns: year; cumulative_mean, cumulative_p05, _p25, _p50, _p75, _p95 (the
        cumulative result); rate_p05, rate_p50, rate_p95 (policy rate, percent);
        prob_exhausted_by (share of paths whose capital was exhausted in or before the
        year; NaN without capital).
        """
        return self.fan.copy()

    def figures(self) -> dict[str, Any]:
        return {
            "paths": self.paths,
            "start_year": int(self.years[0]),
            "end_year": int(self.years[-1]),
            "capital": self.capital,
            "probability_exhausted": self.probability_exhausted,
            "mean_cumulative_loss": float(self.cumulative_loss.mean()),
            "cumulative_loss_quantiles": self.loss_quantiles(),
            "probability_any_loss": float((self.cumulative_loss > 0).mean()),
        }

    def to_dict(self) -> dict[str, Any]:
        """``{"summary": {...}, "fan": [...one object per year...], "settings": {...}}``."""
        return {"unit": str(self.unit), "summary": self.figures(),
                "fan": self.fan.to_dict(orient="records"), "settings": dict(self.settings)}

    def summary(self) -> Summary:
        f = self.figures()
        s = Summary(f"Exit Monte Carlo: {f['paths']:,} paths, {f['start_year']}-{f['end_year']} "
                    f"({self.unit})")
        items: dict[str, Any] = {
            "P(capital exhausted)": ("capital not given" if f["probability_exhausted"] is None
                                     else f["probability_exhausted"]),
            "P(any cumulative loss)": f["probability_any_loss"],
            "mean cumulative loss": f["mean_cumulative_loss"],
        }
        items.update({f"cumulative loss {k}": v for k, v in f["cumulative_loss_quantiles"].items()})
        s.add_items(items, title="Distribution across paths")
        s.add_table(self.fan.set_index("year"), title="Fan (cumulative result, policy rate)")
        proc = self.settings.get("process")
        if proc:
            s.add_note(f"process: {proc}")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Fan chart of the cumulative result (5-95 and 25-75 bands, median) against capital."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        f = self.fan
        yrs = f["year"].to_numpy()
        ax.fill_between(yrs, f["cumulative_p05"], f["cumulative_p95"], color="#1f3b73", alpha=0.15,
                        label="5-95%")
        ax.fill_between(yrs, f["cumulative_p25"], f["cumulative_p75"], color="#1f3b73", alpha=0.3,
                        label="25-75%")
        ax.plot(yrs, f["cumulative_p50"], color="#1f3b73", label="median")
        if self.capital is not None:
            ax.axhline(-self.capital, color="#333333", linestyle="--",
                       label=f"− capital ({self.capital:g})")
        ax.axhline(0, color="#999999", linewidth=0.8)
        p = self.probability_exhausted
        title = f"Cumulative result, {self.paths:,} paths"
        if p is not None and not math.isnan(p):
            title += f" (P(capital exhausted) = {p:.1%})"
        ax.set_title(title)
        ax.set_xlabel("year")
        ax.set_ylabel(str(self.unit))
        ax.legend(loc="best", fontsize="small")
        return fig


# ---------------------------------------------------------------------------- sensitivity
SENSITIVITY_COLUMNS = ("variant", "label", "cumulative_loss", "published_cumulative_loss",
                       "difference", "last_loss_year", "published_last_loss_year", "loss_2023")
"""Columns of :meth:`SensitivityGrid.to_frame`, in order: variant (name of the convention
changed), label (seed scenario A..C'), cumulative_loss and published_cumulative_loss
(trillion yen), difference (computed − published), last_loss_year and
published_last_loss_year (calendar years; NaN: no loss year), loss_2023 (trillion yen)."""


@dataclass(frozen=True)
class SensitivityGrid(Result):
    """Seed 002's six scenarios under one-change-at-a-time variants of its conventions.

    Attributes
    ----------
    frame : DataFrame
        One row per variant and scenario, columns :data:`SENSITIVITY_COLUMNS`.
    """

    frame: pd.DataFrame

    @property
    def variants(self) -> list[str]:
        """The variant names, in the order run."""
        return list(dict.fromkeys(self.frame["variant"]))

    @property
    def labels(self) -> list[str]:
        """The scenario labels, in the order run."""
        return list(dict.fromkeys(self.frame["label"]))

    def table(self, value: str, *, published: bool = False) -> pd.DataFrame:
        """Variants in rows, scenarios in columns, for one column of :meth:`to_frame`
        (with ``published``: a last row 'published' from ``published_<value>``)."""
        if value not in SENSITIVITY_COLUMNS[2:]:
            raise InputError(f"value must be one of {', '.join(SENSITIVITY_COLUMNS[2:])}; "
                             f"got {value!r}")
        wide = self.frame.pivot_table(index="variant", columns="label", values=value,
                                      aggfunc="first").loc[self.variants, self.labels]
        if published:
            if f"published_{value}" not in self.frame.columns:
                raise InputError(f"value {value!r} has no published column; allowed with "
                                 "published: cumulative_loss, last_loss_year")
            first = self.frame[self.frame["variant"] == self.variants[0]].set_index("label")
            wide = wide.astype(object) if value.endswith("year") else wide
            wide.loc["published"] = first.loc[self.labels, f"published_{value}"].to_numpy()
        return wide

    def mean_abs_difference(self) -> pd.Series:
        """Mean |computed − published| cumulative loss per variant (trillion yen)."""
        return (self.frame.assign(abs_diff=self.frame["difference"].abs())
                .groupby("variant", sort=False)["abs_diff"].mean())

    def to_frame(self) -> pd.DataFrame:
        """One row per variant and scenario (a copy), columns :data:`SENSITIVITY_COLUMNS`."""
        return self.frame.loc[:, list(SENSITIVITY_COLUMNS)].copy()

    def to_dict(self) -> dict[str, Any]:
        """``{"rows": [...one object per variant and scenario...]}`` (NaN as null)."""
        rows = self.to_frame().astype(object)
        return {"rows": rows.where(rows.notna(), None).to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary("Seed 002 under one-change-at-a-time conventions (trillion yen)")
        s.add_table(self.table("cumulative_loss", published=True), "Cumulative loss", digits=3)
        s.add_table(self.table("last_loss_year", published=True), "Last year of loss")
        return s


GAP_FIELDS = ("holdings", "interest_income", "avg_yield", "implied_interest_full",
              "implied_interest_literal", "interest_on_seed_holdings", "bucketed_avg_yield")
"""Rows of :meth:`FirstYearGap.to_frame` (column ``quantity``; ``value``, ``unit``):
holdings (face value of the template, trillion yen); interest_income and avg_yield (scenario
A in the first year: trillion yen, percent); implied_interest_full (the JGB interest the
published first-year loss implies with all excess reserves paid); implied_interest_literal
(the same with this projection's first-year reserves); interest_on_seed_holdings (our
average yield on the seed's holdings); bucketed_avg_yield (the average yield with remaining
maturities rounded up to whole years before the curve is read, percent)."""


@dataclass(frozen=True)
class FirstYearGap(Result):
    """Where the distance to seed 002's first-year loss comes from (scenario A, 2023).

    Attributes hold the quantities of :data:`GAP_FIELDS`; ``seed_holdings`` is the seed's
    JGB holdings (trillion yen) that ``interest_on_seed_holdings`` applies our yield to.
    """

    holdings: float
    interest_income: float
    avg_yield: float
    implied_interest_full: float
    implied_interest_literal: float
    interest_on_seed_holdings: float
    bucketed_avg_yield: float
    seed_holdings: float

    def to_frame(self) -> pd.DataFrame:
        """Columns quantity, value, unit; one row per :data:`GAP_FIELDS` entry."""
        units = {"avg_yield": "percent", "bucketed_avg_yield": "percent"}
        return pd.DataFrame({"quantity": list(GAP_FIELDS),
                             "value": [float(getattr(self, f)) for f in GAP_FIELDS],
                             "unit": [units.get(f, "trillion yen") for f in GAP_FIELDS]})

    def to_dict(self) -> dict[str, Any]:
        """``{quantity: value, ..., "seed_holdings": ...}``."""
        return {**{f: float(getattr(self, f)) for f in GAP_FIELDS},
                "seed_holdings": self.seed_holdings}

    def summary(self) -> Summary:
        s = Summary("First-year JGB interest against the seed's (scenario A, 2023)")
        s.add_table(self.to_frame().set_index("quantity"), digits=4)
        return s


@dataclass(frozen=True)
class RatePathResult(Result):
    """A yearly policy-rate path: one calendar-year average rate (percent per year) a year.

    ``to_frame()`` has columns year, policy_rate (percent per year).
    """

    years: tuple[int, ...]
    rates: tuple[float, ...]
    label: str = ""

    def to_frame(self) -> pd.DataFrame:
        """Columns year, policy_rate (percent per year)."""
        return pd.DataFrame({"year": list(self.years), "policy_rate": list(self.rates)})

    def to_dict(self) -> dict[str, Any]:
        """``{"label": ..., "rows": [{"year": ..., "policy_rate": ...}, ...]}``."""
        return {"label": self.label, "rows": self.to_frame().to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"Policy-rate path{': ' + self.label if self.label else ''} (percent)")
        s.add_table(self.to_frame().set_index("year"), digits=4)
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        ax.step(list(self.years), list(self.rates), where="mid", label=self.label or None)
        ax.set_xlabel("year")
        ax.set_ylabel("percent per year")
        return fig
