"""Results of the easing classifier: one pair of snapshots, or windows of a series."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.plotting import figure_axes
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.easing.thresholds import Thresholds

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from monpol.easing.catalogue import StatedTarget
    from monpol.easing.model import BalanceSheet

__all__ = [
    "H41_LEVEL_COLUMNS",
    "ROBUSTNESS_COLUMNS",
    "EasingClassification",
    "H41Levels",
    "ThresholdRobustness",
    "WindowClassification",
    "margins",
]


def date_x(ts: pd.Timestamp | str) -> float:
    """A date as a matplotlib x coordinate (days since the epoch of matplotlib.dates)."""
    from matplotlib.dates import date2num

    return float(date2num(pd.Timestamp(ts).to_pydatetime()))  # type: ignore[no-untyped-call]

VERDICT_COLOURS = {
    "credit easing": "#d62728",
    "quantitative easing": "#1f77b4",
    "qualitative easing": "#ff7f0e",
    "no balance-sheet easing": "#dddddd",
    "contraction": "#2ca02c",
    "contraction with qualitative easing": "#9467bd",
}


def margins(values: dict[str, Any], th: Thresholds) -> dict[str, float | None]:
    """How far each number is from its threshold (positive: the criterion is met).

    ``size``: |size_change_pct| - size_change_pct threshold (met: the size changed);
    ``risk``: risky_share_change - risk_shift_pp (met: shift toward risk);
    ``liquidity``: -liquid_share_change - liquidity_shift_pp (met: shift toward illiquidity);
    ``composition``: composition_distance - composition_pp (met: composition changed;
    reported only, the verdict does not use it);
    ``credit_driver`` / ``monetary_driver``: contribution - driver_share_pct.
    """

    def f(x: Any) -> float | None:
        v = float(x)
        return None if np.isnan(v) else v

    return {
        "size": f(abs(values["size_change_pct"]) - th.size_change_pct),
        "risk": f(values["risky_share_change"] - th.risk_shift_pp),
        "liquidity": f(-values["liquid_share_change"] - th.liquidity_shift_pp),
        "composition": f(values["composition_distance"] - th.composition_pp),
        "credit_driver": f(values["credit_contribution_pct"] - th.driver_share_pct),
        "monetary_driver": f(values["monetary_contribution_pct"] - th.driver_share_pct),
    }


def _intent_basis(intent: str, driver: str, credit: float, money: float,
                  target: StatedTarget | None) -> str:
    if intent == "not applicable":
        return "no expansion"
    if target is not None:
        return f"stated reserve target in force: {target.describe()}"
    if intent == "consequential":
        return (f"no stated reserve target; asset-side expansion ({credit:.1f}% of the increase "
                f"in assets is risky assets) with monetary liabilities as its counterpart "
                f"({money:.1f}% of the increase)")
    if driver == "assets" and np.isnan(money):
        return ("no stated reserve target; the expansion is asset-driven, but monetary "
                "liabilities are not in the data, so whether reserves ballooned as its "
                "counterpart (consequential QE) cannot be told")
    if driver == "assets":
        return (f"no stated reserve target; the expansion is asset-driven, but monetary "
                f"liabilities financed only {money:.1f}% of it: not consequential QE")
    return ("no stated reserve target, and the expansion is not led by risky assets: the data "
            "alone do not tell intent")


@dataclass(frozen=True)
class EasingClassification(Result):
    """The classification of one change in a balance sheet (see :mod:`monpol.easing.classify`).

    All shares are percent of total assets; share changes are percentage points; amounts are
    in ``unit``. ``margins`` says how far each number is from its threshold (positive: the
    criterion is met).
    """

    institution: str
    before: str
    after: str
    unit: str
    currency: str
    verdict: str
    size_component: str
    risk_component: str
    driver: str
    intent: str
    intent_basis: str
    total_before: float
    total_after: float
    size_change_pct: float
    monetary_before: float
    monetary_after: float
    monetary_contribution_pct: float
    credit_contribution_pct: float
    liquid_share_before: float
    liquid_share_after: float
    liquid_share_change: float
    risky_share_before: float
    risky_share_after: float
    risky_share_change: float
    composition_distance: float
    composition_constant: bool
    distance: str
    thresholds: Thresholds
    composition: pd.DataFrame = field(repr=False)
    stated_target: str | None = None
    reserves_in_target_band: bool | None = None

    @classmethod
    def from_arrays(
        cls, out: dict[str, np.ndarray], *, before: BalanceSheet, after: BalanceSheet,
        categories: list[str], liquid: np.ndarray, risky: np.ndarray, a0: np.ndarray,
        a1: np.ndarray, monetary_before: float, monetary_after: float, thresholds: Thresholds,
        distance: str, stated_target: StatedTarget | None, reserves_in_band: bool | None,
        attributes: dict[str, tuple[bool | None, bool | None]],
    ) -> EasingClassification:
        v = {k: (x[0].item() if isinstance(x, np.ndarray) else x) for k, x in out.items()}
        comp = pd.DataFrame({
            "category": categories,
            "liquid": pd.Series([attributes[c][0] for c in categories], dtype=object),
            "risky": pd.Series([attributes[c][1] for c in categories], dtype=object),
            "amount_before": a0, "amount_after": a1,
        })
        comp["share_before"] = frac_to_pct(comp["amount_before"] / a0.sum())
        comp["share_after"] = frac_to_pct(comp["amount_after"] / a1.sum())
        comp["share_change"] = comp["share_after"] - comp["share_before"]
        comp = comp[(comp["amount_before"] != 0) | (comp["amount_after"] != 0)].reset_index(drop=True)
        return cls(
            institution=after.institution, before=before.date, after=after.date,
            unit=after.unit.label, currency=after.unit.currency, verdict=str(v["verdict"]),
            size_component=str(v["size_component"]), risk_component=str(v["risk_component"]),
            driver=str(v["driver"]), intent=str(v["intent"]),
            intent_basis=_intent_basis(str(v["intent"]), str(v["driver"]),
                                       float(v["credit_contribution_pct"]),
                                       float(v["monetary_contribution_pct"]), stated_target),
            total_before=float(v["total_before"]), total_after=float(v["total_after"]),
            size_change_pct=float(v["size_change_pct"]),
            monetary_before=monetary_before, monetary_after=monetary_after,
            monetary_contribution_pct=float(v["monetary_contribution_pct"]),
            credit_contribution_pct=float(v["credit_contribution_pct"]),
            liquid_share_before=float(v["liquid_share_before"]),
            liquid_share_after=float(v["liquid_share_after"]),
            liquid_share_change=float(v["liquid_share_change"]),
            risky_share_before=float(v["risky_share_before"]),
            risky_share_after=float(v["risky_share_after"]),
            risky_share_change=float(v["risky_share_change"]),
            composition_distance=float(v["composition_distance"]),
            composition_constant=bool(v["composition_constant"]), distance=distance,
            thresholds=thresholds, composition=comp,
            stated_target=None if stated_target is None else stated_target.describe(),
            reserves_in_target_band=reserves_in_band,
        )

    @property
    def size_change(self) -> float:
        """Change in total assets, in ``unit``."""
        return self.total_after - self.total_before

    @property
    def monetary_change_pct(self) -> float:
        """Percent change in monetary liabilities (NaN when there were none before)."""
        if self.monetary_before <= 0:
            return float("nan")
        return frac_to_pct(self.monetary_after / self.monetary_before - 1.0)

    @property
    def margins(self) -> dict[str, float | None]:
        return margins(self.__dict__, self.thresholds)

    # -- results interface --------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Asset composition by category: category, liquid, risky, amount_before,
        amount_after, share_before, share_after, share_change (percent / points)."""
        return self.composition.copy()

    def numbers(self) -> dict[str, float]:
        """The numbers behind the verdict."""
        return {
            "total_before": self.total_before, "total_after": self.total_after,
            "size_change": self.size_change, "size_change_pct": self.size_change_pct,
            "monetary_change_pct": self.monetary_change_pct,
            "monetary_contribution_pct": self.monetary_contribution_pct,
            "credit_contribution_pct": self.credit_contribution_pct,
            "liquid_share_before": self.liquid_share_before,
            "liquid_share_after": self.liquid_share_after,
            "liquid_share_change": self.liquid_share_change,
            "risky_share_before": self.risky_share_before,
            "risky_share_after": self.risky_share_after,
            "risky_share_change": self.risky_share_change,
            "composition_distance": self.composition_distance,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "institution": self.institution, "before": self.before, "after": self.after,
            "unit": self.unit, "currency": self.currency,
            "verdict": self.verdict, "size_component": self.size_component,
            "risk_component": self.risk_component, "driver": self.driver,
            "intent": self.intent, "intent_basis": self.intent_basis,
            **self.numbers(),
            "composition_constant": self.composition_constant, "distance": self.distance,
            "stated_target": self.stated_target,
            "reserves_in_target_band": self.reserves_in_target_band,
            "thresholds": self.thresholds.to_dict(), "margins": self.margins,
            "composition": self.composition.to_dict(orient="records"),
        }

    def summary(self) -> Summary:
        s = Summary(f"{self.institution}, {self.before} -> {self.after}: {self.verdict}")
        s.add_items({"verdict": self.verdict, "size": self.size_component,
                     "composition": self.risk_component, "driver": self.driver,
                     "intent": self.intent}, title="Classification")
        th = self.thresholds
        m = self.margins
        rows = [
            ("size change (%)", self.size_change_pct, f"|x| >= {th.size_change_pct:g}", m["size"]),
            ("risky share change (pp)", self.risky_share_change, f">= {th.risk_shift_pp:g}",
             m["risk"]),
            ("liquid share change (pp)", self.liquid_share_change,
             f"<= -{th.liquidity_shift_pp:g}", m["liquidity"]),
            (f"composition distance (%, {self.distance})", self.composition_distance,
             f">= {th.composition_pp:g} (reported only)", m["composition"]),
            ("risky assets / expansion (%)", self.credit_contribution_pct,
             f">= {th.driver_share_pct:g}", m["credit_driver"]),
            ("monetary liabilities / expansion (%)", self.monetary_contribution_pct,
             f">= {th.driver_share_pct:g}", m["monetary_driver"]),
        ]
        frame = pd.DataFrame(rows, columns=["measure", "value", "criterion", "margin"])
        s.add_table(frame.set_index("measure"), "Numbers behind the verdict", digits=2)
        comp = self.composition.set_index("category")[["share_before", "share_after",
                                                       "share_change"]]
        s.add_table(comp, f"Asset composition (percent of total assets, {self.unit})", digits=1)
        s.add_note(f"Total assets {self.total_before:,.0f} -> {self.total_after:,.0f} {self.unit} "
                   f"({self.size_change:+,.0f}).")
        s.add_note(f"Intent: {self.intent_basis}.")
        if self.size_component == "expansion" and not self.composition_constant \
                and self.risk_component != "toward risk":
            s.add_note(f"Composition distance {self.composition_distance:.1f}% >= "
                       f"{th.composition_pp:g}%: instrument shares changed, but not toward less "
                       f"liquid and riskier assets, so the verdict is {self.verdict} (the verdict "
                       f"reads constant composition as constant liquidity and riskiness).")
        if self.reserves_in_target_band is not None:
            s.add_note(f"Reserves at {self.after} within the stated band: "
                       f"{self.reserves_in_target_band}.")
        s.add_note("Margin: how far the value is beyond (+) or short of (-) its criterion.")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Stacked bars of the asset shares before and after (like the seed's figures)."""
        fig, ax = figure_axes(ax, figsize=(6.0, 4.5))
        comp = self.composition
        bottoms = np.zeros(2)
        cmap = _category_colours(list(comp["category"]))
        for _, row in comp.iterrows():
            vals = np.array([row["share_before"], row["share_after"]])
            ax.bar([0, 1], vals, bottom=bottoms, color=cmap[row["category"]],
                   label=row["category"], width=0.6, edgecolor="white")
            bottoms += vals
        ax.set_xticks([0, 1], [self.before, self.after])
        ax.set_ylabel("percent of total assets")
        ax.set_ylim(0, 100)
        ax.set_title(f"{self.institution}: {self.verdict}", fontsize=10)
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8)
        return fig


def _category_colours(names: list[str]) -> dict[str, Any]:
    import matplotlib

    cmap = matplotlib.colormaps["tab20"]
    return {n: cmap(i % 20) for i, n in enumerate(names)}


@dataclass(frozen=True)
class WindowClassification(Result):
    """Windows of a balance-sheet series, each classified (see :func:`classify_series`).

    ``windows`` columns: start, end, total_start, total_end, size_change_pct,
    liquid_share_start, liquid_share_end, liquid_share_change, risky_share_change,
    composition_distance, credit_contribution_pct, size_component, risk_component, verdict,
    driver, intent. ``series`` holds the classified series (dates by asset bucket).
    """

    institution: str
    unit: str
    windows: pd.DataFrame
    series: pd.DataFrame
    thresholds: Thresholds
    distance: str
    assumptions: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        return self.windows.copy()

    def to_dict(self) -> dict[str, Any]:
        return {"institution": self.institution, "unit": self.unit,
                "thresholds": self.thresholds.to_dict(), "distance": self.distance,
                "assumptions": list(self.assumptions),
                "windows": self.windows.to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"{self.institution}: classified windows ({len(self.windows)})")
        cols = ["start", "end", "size_change_pct", "liquid_share_start", "liquid_share_end",
                "risky_share_change", "verdict", "driver"]
        shown = self.windows[cols].copy()
        for c in ("start", "end"):
            shown[c] = pd.DatetimeIndex(shown[c]).strftime("%Y-%m-%d")
        s.add_table(shown, index=False, digits=1)
        for a in self.assumptions:
            s.add_note(a)
        return s

    def plot(self, ax: Axes | None = None, *, events: dict[str, str] | None = None) -> Figure:
        """Total assets and Treasury holdings with the windows shaded by verdict.

        ``events`` maps labels to dates (e.g. programme announcements), drawn as lines.
        """
        fig, ax = figure_axes(ax, figsize=(9.0, 4.8))
        ser = self.series
        total = ser.sum(axis=1) / 1e6
        first = ser.iloc[:, 0] / 1e6
        ax.plot(ser.index, total, color="black", lw=1.5, label="total assets")
        ax.plot(ser.index, first, color="#1f77b4", lw=1.2, label=str(ser.columns[0]))
        ax.fill_between(ser.index, first, total, color="#7f7f7f", alpha=0.2,
                        label=f"{ser.columns[1]}")
        seen: set[str] = set()
        for _, w in self.windows.iterrows():
            colour = VERDICT_COLOURS.get(str(w["verdict"]), "#eeeeee")
            lab = None if w["verdict"] in seen else str(w["verdict"])
            seen.add(str(w["verdict"]))
            ax.axvspan(date_x(w["start"]),
                       date_x(w["end"]), color=colour,
                       alpha=0.18, label=lab, lw=0)
        top = float(total.max())
        for i, (label, date) in enumerate((events or {}).items()):
            ts = pd.Timestamp(date)
            if ser.index.min() <= ts <= ser.index.max():
                x = date_x(ts)
                ax.axvline(x, color="grey", lw=0.7, ls="--")
                ax.text(x, top * (0.98 - 0.07 * (i % 6)), f" {label}", fontsize=7,
                        rotation=0, va="top", color="dimgrey")
        ax.set_ylabel("USD tn" if "USD mn" in self.unit else f"{self.unit} x 1e6")
        ax.set_title(f"{self.institution}: balance sheet and classified windows", fontsize=10)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), fontsize=7, ncol=4)
        return fig


ROBUSTNESS_COLUMNS = ("threshold", "value", "Fed", "BOJ", "H.4.1 Dec 2007-Aug 2008",
                      "H.4.1 Aug-Dec 2008")
"""Columns of :meth:`ThresholdRobustness.to_frame`: threshold (the :class:`Thresholds` field
changed, or 'all at default'), value (its value, NaN for the default row), Fed and BOJ
('verdict (intent)' of the seed's two snapshot pairs), and the verdicts of the seed's two
H.4.1 windows."""


@dataclass(frozen=True)
class ThresholdRobustness(Result):
    """The seed's four verdicts with each threshold scaled by some factors, others at their
    base values; ``frame`` has the columns :data:`ROBUSTNESS_COLUMNS`."""

    frame: pd.DataFrame
    base: Thresholds
    factors: tuple[float, ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per threshold setting (a copy), columns :data:`ROBUSTNESS_COLUMNS`."""
        return self.frame.loc[:, list(ROBUSTNESS_COLUMNS)].copy()

    def unchanged(self) -> bool:
        """Whether every setting gives the verdicts of the base thresholds."""
        verdicts = self.frame.loc[:, list(ROBUSTNESS_COLUMNS[2:])]
        return bool((verdicts == verdicts.iloc[0]).all().all())

    def to_dict(self) -> dict[str, Any]:
        rows = self.to_frame().astype(object)
        return {"base": self.base.to_dict(), "factors": list(self.factors),
                "rows": rows.where(rows.notna(), None).to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary("The seed's verdicts with each threshold scaled by "
                    + ", ".join(f"{f:g}" for f in self.factors))
        s.add_table(self.to_frame(), index=False, digits=1)
        s.add_note("verdicts unchanged in every setting" if self.unchanged()
                   else "some verdicts change")
        return s


H41_LEVEL_COLUMNS = ("date", "column", "value", "unit")
"""Columns of :meth:`H41Levels.to_frame`: date (the H.4.1 week), column (WALCL, TREAST or
WRESBAL), value, unit (USD mn for WALCL and TREAST, USD bn for WRESBAL)."""


@dataclass(frozen=True)
class H41Levels(Result):
    """Levels of the weekly H.4.1 series on given dates (``levels``: dates by columns)."""

    levels: pd.DataFrame

    def value(self, date: Any, column: str) -> float:
        """One level as a float (``date`` matched against the dates asked for)."""
        pos = int(self.levels.index.get_indexer(pd.DatetimeIndex([pd.Timestamp(date)]))[0])
        if pos < 0 or column not in self.levels.columns:
            raise InputError(f"date and column must be among those asked for ("
                             f"{', '.join(self.levels.columns)}); got {date!r}, {column!r}")
        return float(self.levels[column].to_numpy(dtype=float)[pos])

    def change(self, start: Any, end: Any, column: str) -> float:
        """``column`` at ``end`` minus at ``start``, in the column's unit."""
        return self.value(end, column) - self.value(start, column)

    def to_frame(self) -> pd.DataFrame:
        """Tidy levels, columns :data:`H41_LEVEL_COLUMNS`."""
        out = self.levels.rename_axis("date").reset_index().melt(
            id_vars="date", var_name="column", value_name="value")
        out["unit"] = np.where(out["column"] == "WRESBAL", "USD bn", "USD mn")
        return out.loc[:, list(H41_LEVEL_COLUMNS)]

    def to_dict(self) -> dict[str, Any]:
        rows = self.to_frame()
        rows["date"] = pd.DatetimeIndex(rows["date"]).strftime("%Y-%m-%d")
        return {"rows": rows.to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary("Weekly H.4.1 levels")
        s.add_table(self.levels, digits=0)
        return s
