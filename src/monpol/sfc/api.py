"""Application layer of the SFC engine: request objects in, results out.

``monpol sfc list|show|run`` (and any other front end) call only these. A request validates
its fields when built (:class:`~monpol.core.requests.Request`: unknown fields refused, a bad
value raises :class:`~monpol.core.errors.InputError` naming the field and the value).

Examples
--------
>>> from monpol.sfc import api
>>> run = api.run_simulate(api.SimulateRequest(model="gl-sim", periods=2))
>>> [round(float(v), 1) for v in run.series["Y"]]
[38.5, 47.9]
>>> shocked = api.run_simulate(api.SimulateRequest(model="gl-sim", shocks={"Gd": {5: 25.0}}))
>>> float(shocked.series["Gd"][3]), float(shocked.series["Gd"][4])
(20.0, 25.0)
>>> api.SimulateRequest(model="gl-sim", periods=0)
Traceback (most recent call last):
...
monpol.core.errors.InputError: periods must be at least 1 (number of periods, at most 100000); got 0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pydantic import Field, field_validator

from monpol.core.requests import Request
from monpol.core.requests import field_choices as _field_choices
from monpol.core.results import Result, Summary
from monpol.core.validation import finite_float, instance_of, positive_int
from monpol.sfc.results import SfcRun, SfcSteadyState
from monpol.sfc.simulate import MAX_PERIODS, simulate, steady_state
from monpol.sfc.spec import Model

__all__ = [
    "REQUESTS",
    "ListRequest",
    "ModelDescription",
    "ModelList",
    "ShowRequest",
    "SimulateRequest",
    "SteadyStateRequest",
    "field_choices",
    "run_list",
    "run_show",
    "run_simulate",
    "run_steady_state",
]


def _load(model: str) -> Model:
    from monpol.sfc import load_model

    return load_model(model)


@dataclass(frozen=True)
class ModelList(Result):
    """The bundled models. Columns of ``to_frame()``: model, title, source, equations."""

    rows: tuple[Mapping[str, Any], ...]

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([dict(r) for r in self.rows],
                            columns=["model", "title", "source", "equations"])

    def to_dict(self) -> dict[str, Any]:  # the CLI's JSON: a list under "models"
        return {"models": [dict(r) for r in self.rows]}

    def summary(self) -> Summary:
        s = Summary("Bundled SFC models")
        s.add_table(self.to_frame(), index=False)
        return s


@dataclass(frozen=True)
class ModelDescription(Result):
    """A model's declaration and its dependency blocks in solution order.

    Columns of ``to_frame()``: block, method, variables, equations (one row per block).
    """

    model: Model
    blocks: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"block": b["block"], "method": b["method"],
                              "variables": " ".join(b["variables"]),
                              "equations": " ".join(b["equations"])} for b in self.blocks],
                            columns=["block", "method", "variables", "equations"])

    def to_dict(self) -> dict[str, Any]:
        m = self.model
        return {
            "model": m.name, "title": m.title, "source": m.source,
            "equations": [{"label": e.label, "eq": e.text} for e in m.equations],
            "parameters": dict(m.parameters), "exogenous": dict(m.exogenous),
            "endogenous": dict(m.endogenous),
            "balance_sheet": {r: dict(c) for r, c in m.balance_sheet.items()},
            "transactions": {r: dict(c) for r, c in m.transactions.items()},
            "regimes": dict(m.regimes), "blocks": [dict(b) for b in self.blocks],
        }

    def summary(self) -> Summary:
        s = Summary(f"SFC model {self.model.name}")
        s.add_note(self.describe())
        return s

    def describe(self) -> str:
        """The declaration and the blocks, as ``monpol sfc show`` prints them."""
        return self.model.describe() + "\nblocks (solution order):\n" + "\n".join(
            f"  {b['block']}. {b['method']}: {', '.join(b['variables'])} "
            f"(equations {', '.join(b['equations'])})" for b in self.blocks)

    def __str__(self) -> str:
        return self.describe()


class ListRequest(Request):
    """The bundled models (no inputs)."""


class ShowRequest(Request):
    """One model's equations, matrices and dependency blocks."""

    model: str = Field(description="a bundled model name (monpol sfc list) or a model file "
                                   "path (TOML)", min_length=1)


class _Changes(ShowRequest):
    set: dict[str, float] = Field(
        default_factory=dict,
        description="changes to parameters, exogenous variables or opening values, NAME -> value")

    @field_validator("set", mode="after")
    @classmethod
    def _finite_sets(cls, value: dict[str, float]) -> dict[str, float]:
        return {k: finite_float(f"set {k}", v) for k, v in value.items()}


class SteadyStateRequest(_Changes):
    """The model's stationary state (every ``x[-1] = x``), Newton from a simulated guess."""

    guess_periods: int = Field(default=200, ge=1, le=MAX_PERIODS,
                               description="periods simulated for Newton's starting point")


class SimulateRequest(_Changes):
    """Simulate a model from its opening values; every period's matrices are checked."""

    periods: int = Field(default=100, ge=1, le=MAX_PERIODS,
                         description=f"number of periods, at most {MAX_PERIODS}")
    shocks: dict[str, dict[int, float]] = Field(
        default_factory=dict,
        description="steps NAME -> {period: value}: the value holds from that period on")

    @field_validator("shocks", mode="after")
    @classmethod
    def _shock_periods(cls, value: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
        return {name: {positive_int(f"shocks {name} period", t, maximum=MAX_PERIODS):
                       finite_float(f"shocks {name}", v) for t, v in steps.items()}
                for name, steps in value.items()}


def run_list(request: ListRequest | None = None) -> ModelList:
    """The bundled models with their titles, sources and equation counts."""
    if request is not None:
        instance_of("request", request, ListRequest, "a ListRequest")
    from monpol.sfc import bundled, list_models

    rows = []
    for name in list_models():
        m = bundled(name)
        rows.append({"model": name, "title": m.title, "source": m.source,
                     "equations": len(m.equations)})
    return ModelList(tuple(rows))


def run_show(request: ShowRequest) -> ModelDescription:
    """Parse and compile the model; its declaration and blocks in solution order."""
    instance_of("request", request, ShowRequest, "a ShowRequest")
    from monpol.sfc import compile_model

    m = _load(request.model)
    return ModelDescription(m, tuple(compile_model(m).block_table()))


def run_simulate(request: SimulateRequest) -> SfcRun:
    """Simulate ``request.periods`` periods (:func:`monpol.sfc.simulate`)."""
    instance_of("request", request, SimulateRequest, "a SimulateRequest")
    return simulate(_load(request.model), request.periods, set=request.set,
                    shocks=request.shocks)


def run_steady_state(request: SteadyStateRequest) -> SfcSteadyState:
    """The stationary state (:func:`monpol.sfc.steady_state`)."""
    instance_of("request", request, SteadyStateRequest, "a SteadyStateRequest")
    return steady_state(_load(request.model), set=request.set,
                        guess_periods=request.guess_periods)


_CHOICES: dict[str, Callable[[], list[str]]] = {}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices`; the model is free text: a name or a path)."""
    return _field_choices(request, field, _CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[..., Any]]] = {
    "list": (ListRequest, run_list),
    "show": (ShowRequest, run_show),
    "simulate": (SimulateRequest, run_simulate),
    "steady_state": (SteadyStateRequest, run_steady_state),
}
"""Short name → (request class, run function), for the CLI and the dashboard."""
