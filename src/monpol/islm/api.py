"""Application layer of the flow-of-funds IS-LM model: a request in, a result out.

The CLI (``monpol islm``), the casebook and the dashboard call these functions only. Each
request is a frozen :class:`~monpol.core.requests.Request`; the model requests carry one
field per parameter of :data:`monpol.islm.spec.PARAMETERS` (its range, unit and meaning;
rates in **percent per year**), plus ``params_file``, ``fx_regime`` and ``convention``.
Only the fields that are set change the starting spec (the file's, else the illustrative
calibration), so a field's default is the calibration's value. A request is validated when
built, cross-parameter assumptions included: bad input raises
:class:`~monpol.core.errors.InputError` naming the parameter, echoing the value and saying
what is allowed.

============  ==========================  ==========================================
name          request                     result
============  ==========================  ==========================================
solve         :class:`SolveRequest`       :class:`~monpol.islm.results.Equilibrium`
compare       :class:`CompareRequest`     :class:`~monpol.islm.results.ComparativeStatics`
experiment    :class:`ExperimentRequest`  :class:`~monpol.islm.experiments.PropositionResult`
curves        :class:`CurvesRequest`      :class:`~monpol.islm.curves.IsLmCurves`
simulate      :class:`SimulateRequest`    :class:`~monpol.islm.dynamics.Simulation`
sweep         :class:`SweepRequest`       :class:`~monpol.islm.vectorised.EquilibriumArray`
============  ==========================  ==========================================

Examples
--------
>>> eq = run_solve(SolveRequest(B_c=60, CBL=30))
>>> eq.regime, round(eq.i_C, 4)
('corridor', 0.582)
>>> c = run_curves(CurvesRequest(points=11))
>>> c.equilibrium.regime, len(c.to_frame())
('floor', 22)
>>> run_experiment(ExperimentRequest(name="P2")).holds
True
>>> SolveRequest(beta_0=1.5)
Traceback (most recent call last):
...
monpol.core.errors.InputError: beta_0 (β_0, required reserve ratio) must be in [0, 1); got 1.5
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, PrivateAttr, create_model, field_validator, model_validator

from monpol.core.backends import Backend, ProgressCallback
from monpol.core.errors import InputError
from monpol.core.requests import ChoiceSource, Request
from monpol.core.requests import field_choices as _field_choices
from monpol.core.results import Result
from monpol.core.validation import MAX_PERIODS, instance_of
from monpol.islm.curves import IsLmCurves, curves
from monpol.islm.dynamics import Simulation, simulate
from monpol.islm.experiments import EXPERIMENTS, PropositionResult
from monpol.islm.experiments import run as run_proposition
from monpol.islm.results import ComparativeStatics, Equilibrium
from monpol.islm.solver import compare, solve
from monpol.islm.spec import (
    PARAMETERS,
    STATE_ALIASES,
    IslmSpec,
    canonical_name,
    deprecated_regime,
    load_spec,
)
from monpol.islm.vectorised import DEFAULT_CHUNK, EquilibriumArray, grid_draws, solve_many

__all__ = [
    "REQUESTS",
    "CompareRequest",
    "CurvesRequest",
    "ExperimentRequest",
    "ModelRequest",
    "SimulateRequest",
    "SolveRequest",
    "SweepRequest",
    "field_choices",
    "parameter_changes",
    "run_compare",
    "run_curves",
    "run_experiment",
    "run_simulate",
    "run_solve",
    "run_sweep",
]

#: shock size option of each proposition, with its default and meaning
EXPERIMENT_SIZES: dict[str, tuple[str, float, str]] = {
    "P1": ("de_0", 0.1, "rise in the equilibrium exchange rate e_0"),
    "P2": ("dG", 10.0, "rise in government spending G (bond-financed), money unit"),
    "P3": ("dG", 10.0, "rise in government spending G, money unit"),
    "P4": ("dc_L", 0.5, "rise in banks' marginal cost of loans c_L, percentage points"),
    "P5": ("dnx_0", 10.0, "one-off rise in the net-export intercept nx_0, money unit"),
}


def parameter_changes(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Parameter changes by field name from ``(name, value)`` pairs (e.g. ``--set`` items).

    The spec §7 names of the opening state (``W_h``, ``e``, ``B_g`` ...) resolve to their
    fields (``W_h_1`` ...); ``regime`` is the deprecated name of ``fx_regime``. An unknown
    name raises :class:`InputError` listing the valid ones.
    """
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        raise InputError(f"pairs must be (name, value) pairs; got {type(pairs).__name__} "
                         f"{pairs!r}"[:200])
    out: dict[str, Any] = {}
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise InputError(f"pairs must be (name, value) pairs; got the item {pair!r}"[:200])
        name, value = pair
        key = canonical_name(name)
        if key not in PARAMETERS and key not in ("fx_regime", "regime", "convention"):
            IslmSpec()[key]  # raises the spec's "unknown parameter ... valid names" message
        out[key] = value
    return out


class _ModelBase(Request):
    """Where the spec comes from: a file, the exchange-rate regime and the convention."""

    params_file: str | None = Field(
        default=None, description="parameters file (TOML or YAML; unset values: the illustrative "
                          "calibration); the parameter fields set here override it")
    fx_regime: Literal["floating", "fixed"] = Field(
        default="floating", description="exchange-rate regime: floating (e from eq. 2-6-a) or fixed "
                                "(i_C = ī_FB − c_FB, B_c endogenous); default: the file's, "
                                "else floating")
    convention: Literal["opening", "paper"] = Field(
        default="opening", description="dating of primary income: opening (stock-flow consistent) "
                               "or paper (eq. 2-1-a as printed)")

    _spec: IslmSpec = PrivateAttr()

    def __init__(self, **data: Any) -> None:
        data = deprecated_regime(data, stacklevel=3)
        for alias, name in STATE_ALIASES.items():
            if alias in data:
                if name in data:
                    raise InputError(f"give {name} or its alias {alias}, not both")
                data[name] = data.pop(alias)
        super().__init__(**data)
        self._spec = self._build_spec()

    @field_validator(*PARAMETERS, mode="before", check_fields=False)
    @classmethod
    def _parameter_range(cls, value: Any, info: Any) -> Any:
        meta = PARAMETERS[info.field_name]
        if value is None and meta.default is None:
            return None
        return meta.check(value)

    def _build_spec(self) -> IslmSpec:
        base = load_spec(self.params_file) if self.params_file is not None else IslmSpec()
        changes = {k: getattr(self, k) for k in self.model_fields_set
                   if k in PARAMETERS or k in ("fx_regime", "convention")}
        return base.replace(**changes) if changes else base

    def spec(self) -> IslmSpec:
        """The validated model specification this request describes."""
        return self._spec

    def replace(self, **changes: Any) -> Request:
        """A validated copy with some fields changed (fields not set stay not set)."""
        return type(self)(**{**self.model_dump(exclude_unset=True), **changes})


def _parameter_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, p in PARAMETERS.items():
        bounds: dict[str, float] = {}
        if p.low is not None:
            bounds["gt" if p.low_open else "ge"] = p.low
        if p.high is not None:
            bounds["lt" if p.high_open else "le"] = p.high
        text = f"{p.symbol}, {p.readable} ({p.unit}): {p.description}"
        kind: Any = float if p.default is not None else (float | None)
        fields[name] = (kind, Field(default=p.default, description=text, **bounds))  # type: ignore[call-overload]
    return fields


if TYPE_CHECKING:
    ModelRequest = _ModelBase
else:
    ModelRequest = create_model("ModelRequest", __base__=_ModelBase, __module__=__name__,
                                **_parameter_fields())
    ModelRequest.__doc__ = (
        "The model's inputs: one field per parameter of monpol.islm.spec.PARAMETERS "
        "(bounds, unit and meaning from it; rates in percent per year), params_file, "
        "fx_regime and convention. Base of the IS-LM requests.")


class SolveRequest(ModelRequest):
    """One period's equilibrium."""

    flag_violations: bool = Field(
        default=False, description="return an equilibrium that violates a model assumption (flagged) "
                           "instead of raising")


class CompareRequest(ModelRequest):
    """Comparative statics: the base and an alternative with ``changes`` applied."""

    changes: dict[str, float | str] = Field(
        default={"G": 120.0}, min_length=1,
        description="parameters of the alternative by name, e.g. {'G': 120} (rates in percent "
                    "per year; ranges as the parameter fields)")

    def _build_spec(self) -> IslmSpec:
        spec = super()._build_spec()
        spec.replace(**parameter_changes(self.changes.items()))  # validates the alternative
        return spec


class ExperimentRequest(ModelRequest):
    """Proposition P1 ... P5 on the floor base (the corridor base: B_c = 60, CBL = 30)."""

    name: str = Field(default="P1", description="proposition: " + ", ".join(
        f"{k} ({v[2]})" for k, v in EXPERIMENT_SIZES.items()))
    size: float | None = Field(
        default=None, ge=-1e6, le=1e6,
        description="size of the shock (default P1 0.1, P2/P3 10, P4 0.5 percentage points, "
                    "P5 10)")

    @field_validator("name", mode="before")
    @classmethod
    def _known(cls, value: Any) -> Any:
        key = value.upper() if isinstance(value, str) else value
        EXPERIMENTS.get(key)
        return key


class CurvesRequest(ModelRequest):
    """The IS and LM curves through the equilibrium."""

    points: int = Field(default=121, ge=5, le=100_000, description="points on each curve")


class SimulateRequest(ModelRequest):
    """N periods with shocks; every period's accounts are checked."""

    periods: int = Field(default=10, ge=1, le=MAX_PERIODS, description="number of periods")
    shocks: tuple[str, ...] = Field(
        default=(), description="NAME=VALUE@PERIOD (from PERIOD on) or NAME=VALUE@START-END, e.g. "
                        "'G=120@5' (rates in percent per year)")
    flag_violations: bool = Field(
        default=False, description="continue past periods that violate a model assumption (flagged)")

    @model_validator(mode="after")
    def _check_shocks(self) -> SimulateRequest:
        from monpol.core.params import parse_period_assignment

        for s in self.shocks:
            parse_period_assignment(s, option="shock")
        return self


#: variables a sweep keeps unless told otherwise
SWEEP_KEEP: tuple[str, ...] = ("y", "i_C", "eps", "e", "M", "B_b")


class SweepRequest(ModelRequest):
    """Many equilibria at once: a grid of parameter values or a CSV file of draws."""

    grid: dict[str, tuple[float, float, int]] = Field(
        default={}, description="grid axes: parameter -> (start, stop, count), every combination "
                        "solved (rates in percent per year)")
    draws_file: str | None = Field(default=None, description="CSV file of parameter draws, one column "
                                                     "per parameter (instead of grid)")
    keep: tuple[str, ...] = Field(default=SWEEP_KEEP, min_length=1, description="variables to output")
    flag_violations: bool = Field(
        default=False, description="flag draws that violate an assumption or do not converge instead "
                           "of raising at the first")

    @model_validator(mode="after")
    def _one_source(self) -> SweepRequest:
        if bool(self.grid) == (self.draws_file is not None):
            raise InputError("give grid axes or a draws_file (one of them); got "
                             f"grid={self.grid!r}, draws_file={self.draws_file!r}")
        for name, (_, _, count) in self.grid.items():
            if not 1 <= count <= 10**6:
                raise InputError(f"grid[{name!r}] count must be in [1, 1000000]; got {count}")
        return self

    def draws(self) -> Any:
        """The draws: the grid's combinations, or the CSV file's columns."""
        if self.draws_file is None:
            import numpy as np

            return grid_draws({k: np.linspace(a, b, n) for k, (a, b, n) in self.grid.items()})
        from monpol.core.io import read_csv_numbers

        return read_csv_numbers(self.draws_file, what="draws file")


def _on_violation(flag: bool) -> Literal["flag", "raise"]:
    return "flag" if flag else "raise"


def run_solve(request: SolveRequest) -> Equilibrium:
    """Solve one period (:func:`monpol.islm.solve`)."""
    instance_of("request", request, SolveRequest, "a SolveRequest")
    return solve(request.spec(), on_violation=_on_violation(request.flag_violations))


def run_compare(request: CompareRequest) -> ComparativeStatics:
    """Base vs alternative (:func:`monpol.islm.compare`)."""
    instance_of("request", request, CompareRequest, "a CompareRequest")
    return compare(request.spec(), **parameter_changes(request.changes.items()))


def run_experiment(request: ExperimentRequest) -> PropositionResult:
    """Run a proposition (:func:`monpol.islm.experiments.run`).

    A proposition registered by the user in :data:`monpol.islm.experiments.EXPERIMENTS`
    receives the spec and, if given, ``size=``.
    """
    instance_of("request", request, ExperimentRequest, "an ExperimentRequest")
    option = EXPERIMENT_SIZES[request.name][0] if request.name in EXPERIMENT_SIZES else "size"
    options = {} if request.size is None else {option: request.size}
    return run_proposition(request.name, request.spec(), **options)


def run_curves(request: CurvesRequest) -> IsLmCurves:
    """IS and LM curves with the equilibrium, its regime and balance sheets."""
    instance_of("request", request, CurvesRequest, "a CurvesRequest")
    return curves(request.spec(), points=request.points)


def run_simulate(request: SimulateRequest, *, engine: str = "numpy") -> Simulation:
    """Simulate ``periods`` periods (:func:`monpol.islm.dynamics.simulate`).

    ``engine`` ("numpy" or "numba", the compiled engine) says how the periods run; it does
    not change the result beyond rounding.
    """
    instance_of("request", request, SimulateRequest, "a SimulateRequest")
    return simulate(request.spec(), periods=request.periods, shocks=list(request.shocks),
                    on_violation=_on_violation(request.flag_violations), engine=engine)


def run_sweep(request: SweepRequest, *, backend: str | Backend = "numpy",
              chunk_size: int = DEFAULT_CHUNK,
              progress: ProgressCallback | None = None,
              engine: str = "numpy") -> EquilibriumArray:
    """Solve every draw (:func:`monpol.islm.vectorised.solve_many`), in chunks.

    ``backend``, ``chunk_size`` and ``progress`` say where and how the chunks run (see
    :mod:`monpol.core.backends`), ``engine`` how a chunk is solved (numpy or the compiled
    engine "numba"); they do not change the result beyond rounding.
    """
    instance_of("request", request, SweepRequest, "a SweepRequest")
    return solve_many(request.spec(), request.draws(),
                      on_violation=_on_violation(request.flag_violations),
                      variables=list(request.keep), chunk_size=chunk_size, backend=backend,
                      progress=progress, engine=engine)


_CHOICES: dict[str, ChoiceSource] = {"name": EXPERIMENTS.names}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries).

    >>> field_choices(ExperimentRequest, "name")
    ['P1', 'P2', 'P3', 'P4', 'P5']
    """
    return _field_choices(request, field, _CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[..., Result]]] = {
    "solve": (SolveRequest, run_solve),
    "compare": (CompareRequest, run_compare),
    "experiment": (ExperimentRequest, run_experiment),
    "curves": (CurvesRequest, run_curves),
    "simulate": (SimulateRequest, run_simulate),
    "sweep": (SweepRequest, run_sweep),
}
"""Short name → (request class, run function)."""
