"""Results of SFC simulations: :class:`SfcRun` (a path) and :class:`SfcSteadyState`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.plotting import figure_axes
from monpol.core.results import Result, Summary

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["SfcBatch", "SfcRun", "SfcSteadyState"]



def _freeze(obj: object, *names: str) -> None:
    """Replace array attributes of a frozen dataclass by read-only float copies."""
    for name in names:
        arr = np.array(getattr(obj, name), dtype=float)
        arr.setflags(write=False)
        object.__setattr__(obj, name, arr)

@dataclass(frozen=True)
class SfcRun(Result):
    """A simulated path: ``values[t, j]`` is variable ``variables[j]`` in period ``t + 1``.

    ``variables`` lists the endogenous variables, then the exogenous variables and the
    parameters (their paths, shocks included). ``accounting_residuals[t]`` is the largest
    row or column sum of the declared matrices in period ``t + 1``; ``regimes[t]`` the
    declared regimes holding in that period ('' when none; empty tuple if none declared).
    """

    model: str
    variables: tuple[str, ...]
    values: np.ndarray
    accounting_residuals: np.ndarray
    regimes: tuple[str, ...]
    endogenous: tuple[str, ...]

    def __post_init__(self) -> None:
        _freeze(self, "values", "accounting_residuals")

    @property
    def periods(self) -> int:
        return int(self.values.shape[0])

    @property
    def max_accounting_residual(self) -> float:
        return float(np.max(self.accounting_residuals)) if self.periods else 0.0

    def __getitem__(self, name: str) -> np.ndarray:
        """The path of one variable (read-only array)."""
        try:
            return self.values[:, self.variables.index(name)]
        except ValueError:
            raise InputError(f"{name!r} is not a variable of {self.model!r}; allowed: "
                             f"{', '.join(self.variables)}") from None

    @property
    def series(self) -> Mapping[str, np.ndarray]:
        return MappingProxyType({v: self.values[:, j] for j, v in enumerate(self.variables)})

    def to_frame(self) -> pd.DataFrame:
        """Wide frame: index ``period`` (1..N), one column per variable."""
        frame = pd.DataFrame(self.values, columns=list(self.variables),
                             index=pd.Index(np.arange(1, self.periods + 1), name="period"))
        return frame

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "periods": self.periods,
            "series": {v: self.values[:, j].tolist() for j, v in enumerate(self.variables)},
            "max_accounting_residual": self.max_accounting_residual,
            "regimes": list(self.regimes),
        }

    def summary(self) -> Summary:
        s = Summary(f"SFC simulation: {self.model}, {self.periods} periods")
        shown = [t for t in (1, 2, self.periods) if t <= self.periods]
        shown = sorted(set(shown))
        frame = self.to_frame().loc[shown, list(self.endogenous)].T
        frame.columns = [f"period {t}" for t in shown]
        s.add_table(frame, "Endogenous variables")
        s.add_items({"max accounting residual": self.max_accounting_residual}, digits=12)
        if self.regimes:
            s.add_items({"regimes": ", ".join(sorted(set(self.regimes)))})
        s.add_note("Accounting residual: largest row/column sum of the declared matrices over all periods.")
        return s

    def plot(self, ax: Axes | None = None, variables: Sequence[str] | None = None) -> Figure:
        """Line plot of ``variables`` (default: every endogenous variable) against period."""
        fig, axes = figure_axes(ax)
        names = list(variables) if variables is not None else list(self.endogenous)
        periods = np.arange(1, self.periods + 1)
        for n in names:
            axes.plot(periods, self[n], label=n)
        axes.set_xlabel("period")
        axes.set_title(self.model)
        axes.legend()
        return fig


@dataclass(frozen=True)
class SfcSteadyState(Result):
    """A stationary state: every ``x[-1]`` equal to ``x`` at base exogenous values."""

    model: str
    values: Mapping[str, float]
    max_accounting_residual: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, name: str) -> float:
        try:
            return self.values[name]
        except KeyError:
            raise InputError(f"{name!r} is not a variable of {self.model!r}; allowed: "
                             f"{', '.join(self.values)}") from None

    def to_frame(self) -> pd.DataFrame:
        """Columns ``variable``, ``value``."""
        return pd.DataFrame({"variable": list(self.values), "value": list(self.values.values())})

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "values": dict(self.values),
                "max_accounting_residual": self.max_accounting_residual}

    def summary(self) -> Summary:
        s = Summary(f"SFC steady state: {self.model}")
        s.add_items(dict(self.values), "Values")
        s.add_items({"max accounting residual": self.max_accounting_residual}, digits=12)
        return s


@dataclass(frozen=True)
class SfcBatch(Result):
    """Many scenarios of one model: ``values[s, t, j]`` is ``variables[j]`` in period ``t + 1``
    of scenario ``s + 1``; ``accounting_residuals[s, t]`` as in :class:`SfcRun`."""

    model: str
    variables: tuple[str, ...]
    values: np.ndarray
    accounting_residuals: np.ndarray
    endogenous: tuple[str, ...]

    def __post_init__(self) -> None:
        _freeze(self, "values", "accounting_residuals")

    @property
    def scenarios(self) -> int:
        return int(self.values.shape[0])

    @property
    def periods(self) -> int:
        return int(self.values.shape[1])

    @property
    def max_accounting_residual(self) -> float:
        return float(np.max(self.accounting_residuals)) if self.values.size else 0.0

    def __getitem__(self, name: str) -> np.ndarray:
        """Scenarios x periods array of one variable (read-only)."""
        try:
            return self.values[:, :, self.variables.index(name)]
        except ValueError:
            raise InputError(f"{name!r} is not a variable of {self.model!r}; allowed: "
                             f"{', '.join(self.variables)}") from None

    def scenario(self, i: int) -> SfcRun:
        """Scenario ``i`` (1-based) as an :class:`SfcRun`."""
        if not isinstance(i, int) or not 1 <= i <= self.scenarios:
            raise InputError(f"scenario must be an integer in 1..{self.scenarios}; got {i!r}")
        return SfcRun(self.model, self.variables, self.values[i - 1],
                      self.accounting_residuals[i - 1], (), self.endogenous)

    def to_frame(self) -> pd.DataFrame:
        """Index (``scenario``, ``period``), both 1-based; one column per variable."""
        s, n, v = self.values.shape
        index = pd.MultiIndex.from_product([np.arange(1, s + 1), np.arange(1, n + 1)],
                                           names=["scenario", "period"])
        return pd.DataFrame(self.values.reshape(s * n, v), index=index, columns=list(self.variables))

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "periods": self.periods,
            "scenarios": self.scenarios,
            "series": {v: self.values[:, :, j].tolist() for j, v in enumerate(self.variables)},
            "max_accounting_residual": self.max_accounting_residual,
        }

    def summary(self) -> Summary:
        s = Summary(f"SFC scenarios: {self.model}, {self.scenarios} scenarios x {self.periods} periods")
        last = self.values[:, -1, :]
        frame = pd.DataFrame({"min": last.min(axis=0), "mean": last.mean(axis=0), "max": last.max(axis=0)},
                             index=list(self.variables)).loc[list(self.endogenous)]
        s.add_table(frame, f"Last period (period {self.periods}) across scenarios")
        s.add_items({"max accounting residual": self.max_accounting_residual}, digits=12)
        return s

    def plot(self, ax: Axes | None = None, variable: str | None = None) -> Figure:
        """Median and 5-95 % band of ``variable`` (default: the first endogenous) by period."""
        fig, axes = figure_axes(ax)
        name = variable or self.endogenous[0]
        data = self[name]
        periods = np.arange(1, self.periods + 1)
        lo, med, hi = np.percentile(data, [5, 50, 95], axis=0)
        axes.fill_between(periods, lo, hi, alpha=0.3, label="5-95 %")
        axes.plot(periods, med, label=f"{name} (median)")
        axes.set_xlabel("period")
        axes.set_title(f"{self.model}: {self.scenarios} scenarios")
        axes.legend()
        return fig
