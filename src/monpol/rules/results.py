"""Results of rule prescriptions: :class:`Prescription` (one point) and :class:`RulePaths`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.plotting import figure_axes
from monpol.core.results import Result, Summary
from monpol.rules.spec import PolicyRule

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Prescription", "RulePaths"]


@dataclass(frozen=True)
class Prescription(Result):
    """A rule's prescription at one point (percent).

    Attributes
    ----------
    rule : PolicyRule
        The rule evaluated.
    rate : float
        The prescribed rate: the unconstrained rate less the make-up term, floored at the
        ELB if one is set.
    unconstrained_rate : float
        The rule's value before the make-up term and the ELB floor.
    makeup : float
        Cumulative shortfall Z subtracted (ELB-adjusted rule), percentage points.
    elb : float or None
        The floor applied, if any.
    elb_binding : bool
        Whether the floor bound.
    inputs : dict
        The inputs used (percent), including the output gap derived by Okun's law.
    components : dict
        Additive terms that sum to ``unconstrained_rate``.
    """

    rule: PolicyRule
    rate: float
    unconstrained_rate: float
    makeup: float
    elb: float | None
    elb_binding: bool
    inputs: dict[str, float | None]
    components: dict[str, float]

    def summary(self) -> Summary:
        s = Summary(f"{self.rule.label} prescription")
        s.add_items({"rate (percent)": self.rate,
                     "unconstrained rate": self.unconstrained_rate,
                     "make-up term Z": self.makeup,
                     "ELB": "none" if self.elb is None else self.elb,
                     "ELB binding": self.elb_binding})
        s.add_items(dict(self.inputs), title="Inputs (percent)")
        s.add_items(dict(self.components), title="Components (sum = unconstrained rate)")
        s.add_note(self.rule.formula)
        return s

    def to_frame(self) -> pd.DataFrame:
        """One row per component: columns ``term``, ``value`` (percent)."""
        return pd.DataFrame({"term": list(self.components), "value": list(self.components.values())})

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.name,
            "rate": self.rate,
            **self.inputs,
            "unconstrained_rate": self.unconstrained_rate,
            "makeup": self.makeup,
            "elb": self.elb,
            "elb_binding": self.elb_binding,
            "components": dict(self.components),
            "formula": self.rule.formula,
        }


@dataclass(frozen=True)
class RulePaths(Result):
    """Prescriptions of one or more rules over a history, beside the actual rate.

    ``to_frame()`` columns: ``period``, ``rule``, ``label``, ``prescribed``,
    ``unconstrained`` (before make-up and floor), ``makeup`` (Z, ELB-adjusted rule only),
    ``actual``, ``deviation`` (= actual − prescribed: positive when policy was tighter than
    the rule). Percent throughout.
    """

    frame: pd.DataFrame = field(repr=False)
    rules: tuple[PolicyRule, ...]
    options: dict[str, Any]

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def wide(self, column: str = "prescribed") -> pd.DataFrame:
        """One column per rule (plus ``actual``), indexed by period."""
        wide = self.frame.pivot(index="period", columns="rule", values=column)
        wide = wide[[r.name for r in self.rules]]
        first = self.frame[self.frame["rule"] == self.rules[0].name].set_index("period")
        wide.insert(0, "actual", first["actual"])
        wide.columns.name = None
        return wide

    def deviation_stats(self) -> pd.DataFrame:
        """Per rule: n, mean and mean absolute deviation, RMSE, last prescription."""
        rows = []
        for r in self.rules:
            sub = self.frame[self.frame["rule"] == r.name]
            d = sub["deviation"].dropna()
            last = sub.dropna(subset=["prescribed"]).tail(1)
            rows.append({
                "rule": r.name,
                "n": int(d.size),
                "mean_deviation": float(d.mean()) if d.size else np.nan,
                "mean_abs_deviation": float(d.abs().mean()) if d.size else np.nan,
                "rmse": float(np.sqrt((d**2).mean())) if d.size else np.nan,
                "last_period": str(last["period"].iloc[0]) if len(last) else None,
                "last_prescribed": float(last["prescribed"].iloc[0]) if len(last) else np.nan,
                "last_actual": float(last["actual"].iloc[0]) if len(last) else np.nan,
            })
        return pd.DataFrame(rows)

    def summary(self) -> Summary:
        s = Summary("Policy rules vs the actual rate")
        s.add_table(self.deviation_stats().set_index("rule"), digits=2)
        s.add_items({k: v for k, v in self.options.items() if v is not None}, title="Options")
        s.add_note("deviation = actual − prescribed (percentage points); positive = policy "
                   "tighter than the rule.")
        for r in self.rules:
            s.add_note(f"{r.name}: {r.formula}")
        return s

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": [r.name for r in self.rules],
            "options": self.options,
            "stats": self.deviation_stats(),
            "rows": self.frame.drop(columns=["label"]),
        }

    def plot(self, ax: Axes | None = None) -> Figure:
        """The rules' prescriptions and the actual rate over time."""
        fig, ax = figure_axes(ax, figsize=(9.0, 4.8))
        wide = self.wide()
        x = wide.index.to_timestamp() if isinstance(wide.index, pd.PeriodIndex) else wide.index
        labels = {r.name: r.label for r in self.rules}
        for col in wide.columns[1:]:
            ax.plot(x, wide[col], lw=1.2, label=labels[col])
        ax.plot(x, wide["actual"], color="black", lw=2.0, label="actual")
        ax.axhline(0.0, color="grey", lw=0.6)
        ax.set_ylabel("percent")
        ax.legend(fontsize=8, ncols=2)
        ax.set_title("Policy-rule prescriptions and the actual policy rate")
        return fig
