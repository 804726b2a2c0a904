"""Application layer of the exit area: request in, result out.

The CLI (``monpol exit``), the casebook and the dashboard call these functions only. Every
request is a frozen :class:`~monpol.core.requests.Request`; rates are in percent per year,
money amounts in the holdings' unit (trillion yen for the bundled BoJ template). A bad
value raises :class:`~monpol.errors.InputError` naming the field, echoing the value and
saying what is allowed.

* ``project``: :class:`ProjectRequest` → :func:`run_project` → ExitProjection
* ``simulate``: :class:`SimulateRequest` → :func:`run_simulate` → MonteCarloResult
* ``reproduce``: :class:`ReproduceRequest` → :func:`run_reproduce` → SeedReproduction
* ``readings``: :class:`ReadingsRequest` → :func:`run_readings` → ReadingsMatrix
* ``sensitivity``: :class:`SensitivityRequest` → :func:`run_sensitivity` → SensitivityGrid
* ``first_year_gap``: :class:`FirstYearGapRequest` → :func:`run_first_year_gap` → FirstYearGap
* ``rate_path``: :class:`RatePathRequest` → :func:`run_rate_path` → RatePathResult

``project`` takes a seed scenario (A, B, C: a constant 0.25, 0.5 or 1.0%), a constant rate
(with an optional pre-exit rate before ``exit_year``), the user's own year-by-year path or
a CSV; its result holds the income table and the cumulative result against capital.
``simulate`` is the Monte Carlo (fan chart, probability that capital runs out). The
defaults of the model fields are the seed's: the BoJ end-2022 template on the MOF June 2022
curve, 477 trillion yen of excess reserves and 11 of capital from 2023.

Bundled holdings are the entries of :data:`LADDERS` (a registry: add your own ladder there).

Examples
--------
>>> res = run_project(ProjectRequest(scenario="B", years=10))
>>> res.last_loss_year, res.first_profit_year
(2026, 2027)
>>> ProjectRequest(reinvest_share=1.5)
Traceback (most recent call last):
...
monpol.core.errors.InputError: reinvest_share must be in [0, 1]; got 1.5
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import Field, field_validator, model_validator

from monpol.core.backends import CONNECT_TIMEOUT, Backend, ProgressCallback
from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.requests import Request, path_text
from monpol.core.requests import field_choices as _field_choices
from monpol.core.units import (
    BILLION_USD,
    MILLION_USD,
    OKU_JPY,
    TRILLION_JPY,
    TRILLION_USD,
    MoneyUnit,
    pct_to_frac,
)
from monpol.core.validation import MAX_PATHS, MAX_YEARS, date_like, instance_of, share
from monpol.exit.curve import INTERPOLATIONS, YieldCurve, mof_curve
from monpol.exit.data import BOJ_HOLDINGS_DATASET, boj_ladder, illustrative_fed_ladder
from monpol.exit.engine import YIELD_ASSIGNMENTS
from monpol.exit.ladder import Ladder
from monpol.exit.model import ExitModel
from monpol.exit.montecarlo import PROCESSES, read_rate_paths, simulate
from monpol.exit.results import (
    ExitProjection,
    FirstYearGap,
    MonteCarloResult,
    RatePathResult,
    SensitivityGrid,
)
from monpol.exit.scenario import (
    ACCOUNTING,
    REDEMPTION_TIMINGS,
    REINVESTED_REDEMPTIONS,
    REINVESTMENT_TIMINGS,
    SALE_ORDERS,
    RatePath,
    Sales,
    ThreeTier,
    Timing,
)
from monpol.exit.seed import (
    PUBLISHED,
    READINGS,
    SEED_CAPITAL,
    SEED_EXCESS_RESERVES,
    SEED_JGB_HOLDINGS,
    SEED_START_YEAR,
    SEED_YEARS,
    VARIANTS,
    ReadingsMatrix,
    SeedReproduction,
    reproduce_readings,
    reproduce_seed,
    sensitivity,
)

__all__ = [
    "CURVE_DATASET",
    "LADDERS",
    "REQUESTS",
    "UNITS",
    "ExitModelRequest",
    "FirstYearGapRequest",
    "ProjectRequest",
    "RatePathRequest",
    "ReadingsRequest",
    "ReproduceRequest",
    "SensitivityRequest",
    "SimulateRequest",
    "TimingRequest",
    "build_model",
    "curve_yield_assignments",
    "field_choices",
    "run_first_year_gap",
    "run_project",
    "run_rate_path",
    "run_readings",
    "run_reproduce",
    "run_sensitivity",
    "run_simulate",
    "scenario_rates",
]

UNITS: dict[str, MoneyUnit] = {
    "trillion-jpy": TRILLION_JPY,
    "oku-jpy": OKU_JPY,
    "billion-usd": BILLION_USD,
    "million-usd": MILLION_USD,
    "trillion-usd": TRILLION_USD,
}
"""Names of the money units a holdings CSV can be in."""
CURVE_DATASET = "mof-par-curve-2022-06"
"""The bundled yield curve (MOF par yields, June 2022)."""

LADDERS: Registry[Callable[[], Ladder]] = Registry("holdings")
"""Bundled holdings by name; anything else given as ``holdings`` is read as a CSV file."""
LADDERS.add(BOJ_HOLDINGS_DATASET, boj_ladder)
LADDERS.add("illustrative-fed-ladder", illustrative_fed_ladder)

SEED_SCENARIOS: dict[str, float] = dict(
    zip(PUBLISHED["scenario"], PUBLISHED["policy_rate"], strict=False))
"""Seed 002's scenarios: A, B, C → constant policy rate after the exit (percent)."""

RATE_LOW, RATE_HIGH = -100.0, 1000.0   # percent per year (monpol.core.validation.percent)
MONEY_HIGH = 1e12                      # in the holdings' unit


def _rate(default: Any, description: str) -> Any:
    return Field(default=default, ge=RATE_LOW, le=RATE_HIGH,
                 description=f"{description}, percent per year")


def _money(default: Any, description: str) -> Any:
    return Field(default=default, ge=0.0, le=MONEY_HIGH,
                 description=f"{description}, in the holdings' unit")


def _registered(registry: Registry[Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        registry.get(value)
        return value

    return check


def _optional(registry: Registry[Any]) -> Callable[[Any], Any]:
    check = _registered(registry)
    return lambda value: value if value is None else check(value)


def curve_yield_assignments() -> list[str]:
    """The yield assignments that read the curve and not the ladder's own yields."""
    return [n for n in YIELD_ASSIGNMENTS.names()
            if YIELD_ASSIGNMENTS.get(n).needs_curve
            and not YIELD_ASSIGNMENTS.get(n).needs_ladder_yields]


class _YearTimings(Request):
    """How a redemption is timed within its year and when the reinvested share is bought."""

    holdings_timing: str = Field(default="year_end", description="how long a bond earns interest in "
                                                         "its maturity year (REDEMPTION_TIMINGS)")
    reserves_timing: str = Field(default="year_start", description="how long redemption cash stays in "
                                                           "reserves in the maturity year")
    reinvest_timing: str = Field(default="next_year", description="when the reinvested share is bought "
                                                          "(REINVESTMENT_TIMINGS)")

    _holdings = field_validator("holdings_timing", mode="before")(_registered(REDEMPTION_TIMINGS))
    _reserves = field_validator("reserves_timing", mode="before")(_registered(REDEMPTION_TIMINGS))
    _reinvest = field_validator("reinvest_timing", mode="before")(
        _registered(REINVESTMENT_TIMINGS))


class TimingRequest(_YearTimings):
    """The timing conventions of seed 002 (:class:`~monpol.exit.scenario.Timing`)."""

    reinvested_redemption: str = Field(
        default="after_tenor", description="when a reinvested bond is redeemed: after_tenor (end of "
                                   "t+T-1) or maturity_year (t+T)")

    _redeemed = field_validator("reinvested_redemption", mode="before")(
        _registered(REINVESTED_REDEMPTIONS))

    @model_validator(mode="after")
    def _consistent(self) -> TimingRequest:
        self.timing()   # combinations Timing refuses are refused here
        return self

    def timing(self) -> Timing:
        """The :class:`Timing` object."""
        return Timing(self.holdings_timing, self.reserves_timing, self.reinvest_timing,
                      self.reinvested_redemption)


class ExitModelRequest(TimingRequest):
    """The ladder, reserves and conventions of an exit model (shared by project and
    simulate); the defaults are seed 002's."""

    holdings: str = Field(default=BOJ_HOLDINGS_DATASET, min_length=1, max_length=4096,
                          description="a bundled ladder (LADDERS) or a holdings CSV "
                                      "'maturity_year,amount[,yield]' or "
                                      "'maturity,amount[,yield][,issue]'")
    unit: Literal["trillion-jpy", "oku-jpy", "billion-usd", "million-usd", "trillion-usd"] = \
        Field(default="trillion-jpy", description="unit of the amounts in the holdings")
    excess_reserves: float = _money(SEED_EXCESS_RESERVES, "excess reserves at the start")
    start_year: int = Field(default=SEED_START_YEAR, ge=1900, le=2200,
                            description="first calendar year projected")
    years: int = Field(default=SEED_YEARS, ge=1, le=MAX_YEARS, description="number of years projected")
    capital: float | None = _money(SEED_CAPITAL, "capital incl. reserves and provisions")
    reinvest_share: float = Field(default=0.0, ge=0.0, le=1.0,
                                  description="share of redemptions reinvested, in [0, 1]")
    reinvest_spread: float = Field(default=1.0, ge=RATE_LOW, le=RATE_HIGH,
                                   description="reinvested yield = short rate + this spread, "
                                               "percentage points (percent per year)")
    reinvest_tenor: int = Field(default=10, ge=1, le=100,
                                description="maturity of reinvested bonds, years")
    curve: str | None = Field(default=CURVE_DATASET, min_length=1, max_length=4096,
                              description=f"yield curve: '{CURVE_DATASET}' or a CSV "
                                          "'maturity,yield' (percent per year); none: the "
                                          "ladder's own yields")
    curve_date: str = Field(default="mean", min_length=1, max_length=32,
                            description="bundled curve: 'mean', 'first', 'last' or a date")
    interpolation: str = Field(default="linear", description="interpolation of the curve in maturity "
                                                     "(INTERPOLATIONS)")
    yield_assignment: str | None = Field(
        default=None, description="ladder yields (given), or curve yields fixed at the start "
                          "(at_start) / re-read each year (each_year); YIELD_ASSIGNMENTS "
                          "(default: given without a curve, at_start with one)")
    accounting: str = Field(default="cumulative", description="how results meet capital (ACCOUNTING)")
    on_negative_reserves: Literal["raise", "floor"] = Field(
        default="raise", description="if redemptions exceed reserves: stop, or floor reserves at zero")
    exit_year: int | None = Field(default=None, ge=1900, le=2200,
                                  description="first year of single-rate remuneration "
                                              "(needs basic_balance)")
    basic_balance: float | None = _money(None, "three-tier basic balance before the exit")
    policy_rate_balance: float = _money(0.0, "three-tier policy-rate balance before the exit")
    basic_rate: float = _rate(0.1, "rate on the basic balance before the exit")
    sales: dict[int, float] = Field(default_factory=dict, max_length=MAX_YEARS,
                                    description="face amount of the starting holdings sold on "
                                                "1 January of each year: year → amount")
    sale_order: str = Field(default="pro_rata", description="which holdings are sold (SALE_ORDERS)")
    sale_reference_rate: float | None = _rate(
        None, "policy rate at which the curve was observed (sales are priced at the curve "
              "shifted by the policy rate minus this); required with sales")

    _holdings_path = field_validator("holdings", "curve", mode="before")(path_text)
    _interp = field_validator("interpolation", mode="before")(_registered(INTERPOLATIONS))
    _accounting = field_validator("accounting", mode="before")(_registered(ACCOUNTING))
    _yields = field_validator("yield_assignment", mode="before")(_optional(YIELD_ASSIGNMENTS))
    _order = field_validator("sale_order", mode="before")(_registered(SALE_ORDERS))

    @field_validator("reinvest_share", mode="before")
    @classmethod
    def _share(cls, value: Any) -> Any:
        return share("reinvest_share", value)

    @model_validator(mode="after")
    def _sales_priced(self) -> ExitModelRequest:
        if self.sales and self.sale_reference_rate is None:
            raise InputError("--sell needs --sale-reference-rate (field sale_reference_rate: "
                             "the policy rate when the curve was observed)")
        return self


def _ladder(request: ExitModelRequest) -> Ladder:
    unit = UNITS[request.unit]
    if request.holdings in LADDERS:
        ladder = LADDERS.get(request.holdings)()
        if ladder.unit != unit:
            raise InputError(f"the bundled {request.holdings!r} is in {ladder.unit}; drop --unit "
                             f"(field unit: got {request.unit!r})")
        return ladder
    return Ladder.read_csv(request.holdings, unit=unit)


def _curve(request: ExitModelRequest) -> YieldCurve | None:
    spec = request.curve
    if spec is None:
        return None
    if spec == CURVE_DATASET:
        return mof_curve(request.curve_date, interpolation=request.interpolation)
    if not Path(spec).is_file():
        raise InputError(f"--curve {spec!r} is neither {CURVE_DATASET!r} nor an existing CSV file")
    return YieldCurve.read_csv(spec, interpolation=request.interpolation)


def build_model(request: ExitModelRequest) -> ExitModel:
    """The :class:`ExitModel` a request describes (ladder, curve, tiers, sales, timing)."""
    instance_of("request", request, ExitModelRequest, "an exit model request")
    three_tier = None
    if request.basic_balance is not None:
        three_tier = ThreeTier(request.basic_balance, request.policy_rate_balance,
                               basic_rate=request.basic_rate)
    sales = None
    if request.sales:
        assert request.sale_reference_rate is not None
        sales = Sales(dict(request.sales), reference_rate=request.sale_reference_rate,
                      order=request.sale_order)
    ladder = _ladder(request)
    return ExitModel(
        ladder,
        excess_reserves=request.excess_reserves,
        start_year=request.start_year,
        years=request.years,
        capital=request.capital,
        curve=_curve(request),
        yield_assignment=request.yield_assignment,
        reinvest_share=request.reinvest_share,
        reinvest_tenor=request.reinvest_tenor,
        reinvest_spread=request.reinvest_spread,
        timing=request.timing(),
        three_tier=three_tier,
        exit_year=request.exit_year,
        sales=sales,
        accounting=request.accounting,
        on_negative_reserves=request.on_negative_reserves,
    )


# ---------------------------------------------------------------------------- project
class ProjectRequest(ExitModelRequest):
    """One policy-rate scenario projected year by year (``monpol exit project``).

    Give exactly one of ``scenario``, ``policy_rate``, ``rates`` and ``rate_path``.
    """

    scenario: Literal["A", "B", "C"] | None = Field(
        default="B", description="seed 002's scenario: a constant 0.25 (A), 0.5 (B) or 1.0 (C) percent "
                         "per year after the exit")
    policy_rate: float | None = _rate(None, "constant policy rate after the exit")
    pre_exit_rate: float = _rate(-0.1, "with a constant rate and a later exit_year: the policy "
                                       "rate before the exit")
    rates: tuple[float, ...] | None = Field(
        default=None, min_length=1, max_length=MAX_YEARS,
        description="your own path: one policy rate per year of the horizon, percent per year")
    rate_path: str | None = Field(default=None, min_length=1, max_length=4096,
                                  description="CSV 'year,rate' (percent per year) covering the "
                                              "horizon")
    label: str = Field(default="", max_length=200, description="a name for the scenario")

    _rate_path = field_validator("rate_path", mode="before")(path_text)

    @model_validator(mode="after")
    def _one_scenario(self) -> ProjectRequest:
        given = [n for n in ("scenario", "policy_rate", "rates", "rate_path")
                 if getattr(self, n) is not None]
        if len(given) != 1:
            raise InputError("give exactly one of scenario, policy_rate, rates and rate_path; "
                             f"got {', '.join(given) or 'none'}")
        if self.rates is not None:
            bad = [r for r in self.rates if not RATE_LOW <= r <= RATE_HIGH]
            if bad:
                raise InputError(f"rates must be in [{RATE_LOW:g}, {RATE_HIGH:g}] percent per "
                                 f"year; got {bad[0]!r}")
        return self


def scenario_rates(request: ProjectRequest, model: ExitModel) -> float | RatePath | np.ndarray:
    """The policy-rate scenario of a project request: a constant, a path or yearly rates.

    A constant rate with ``exit_year`` after ``start_year`` is ``pre_exit_rate`` up to the
    exit (an exit beyond the horizon makes every year pre-exit) and the constant after it.
    """
    instance_of("request", request, ProjectRequest, "a ProjectRequest")
    if request.rate_path is not None:
        return RatePath.read_csv(request.rate_path)
    if request.rates is not None:
        return np.asarray(request.rates, dtype=float)
    rate = (SEED_SCENARIOS[request.scenario] if request.scenario is not None
            else request.policy_rate)
    assert rate is not None
    if model.exit_year > model.start_year:
        pre = min(model.exit_year - model.start_year, model.years)
        return np.concatenate([np.full(pre, request.pre_exit_rate),
                               np.full(model.years - pre, rate)])[: model.years]
    return rate


def run_project(request: ProjectRequest) -> ExitProjection:
    """Interest income, interest paid, net income and capital year by year."""
    instance_of("request", request, ProjectRequest, "a ProjectRequest")
    model = build_model(request)
    return model.project(scenario_rates(request, model), label=request.label)


# ---------------------------------------------------------------------------- simulate
class SimulateRequest(ExitModelRequest):
    """Monte Carlo over policy-rate paths (``monpol exit simulate``): a process (Vasicek,
    CIR) or a CSV of paths."""

    paths: int | None = Field(default=10_000, ge=1, le=MAX_PATHS,
                              description="number of rate paths drawn from the process")
    process: str = Field(default="vasicek", description="rate process (PROCESSES)")
    r0: float = _rate(0.5, "rate of the first year")
    mean: float = _rate(0.5, "long-run mean")
    speed: float = Field(default=0.3, ge=0.0, le=100.0, description="mean reversion per year")
    vol: float = Field(default=0.3, ge=0.0, le=100.0,
                       description="volatility (vasicek: pp/sqrt(yr); cir: sqrt(pp)/sqrt(yr))")
    floor: float | None = _rate(None, "vasicek: floor on the rates used")
    rate_paths: str | None = Field(default=None, min_length=1, max_length=4096,
                                   description="CSV of paths (percent per year) instead of a "
                                               "process: a header row of the years, one row "
                                               "per path")
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1, description="seed of the random generator")
    chunk_size: int = Field(default=50_000, ge=1, le=MAX_PATHS, description="paths per chunk (memory)")
    backend: Literal["numpy", "dask"] = Field(default="numpy", description="where the chunks run")
    scheduler: str | None = Field(default=None, min_length=1, max_length=400,
                                  description="Dask scheduler address (backend dask); none: a "
                                              "LocalCluster on 127.0.0.1 for the run")
    scheduler_timeout: float = Field(default=CONNECT_TIMEOUT, gt=0.0, le=3600.0,
                                     description="seconds allowed to reach the scheduler")
    keep_paths: bool = Field(default=False, description="keep every path's cumulative result")

    _rate_paths = field_validator("rate_paths", mode="before")(path_text)
    _process = field_validator("process", mode="before")(_registered(PROCESSES))

    @model_validator(mode="after")
    def _source(self) -> SimulateRequest:
        if self.floor is not None and self.process != "vasicek" and self.rate_paths is None:
            raise InputError(f"--floor applies to --process vasicek only (field floor); got "
                             f"process {self.process!r}")
        if self.scheduler is not None and self.backend != "dask":
            raise InputError("--scheduler goes with --backend dask (field scheduler); got "
                             f"backend {self.backend!r}")
        if self.rate_paths is None and self.paths is None:
            raise InputError("give --paths N (or --rate-paths FILE): field paths or rate_paths")
        return self


def run_simulate(request: SimulateRequest, *, backend: Backend | None = None,
                 progress: ProgressCallback | None = None) -> MonteCarloResult:
    """Project many rate paths: P(capital exhausted), losses, the fan.

    ``backend`` is an already connected backend to use instead of the request's (the CLI
    opens one for the command); ``progress(done, total)`` is called after each chunk.
    """
    instance_of("request", request, SimulateRequest, "a SimulateRequest")
    model = build_model(request)
    engine: Backend | str = backend if backend is not None else request.backend
    opened = None
    if backend is None and request.backend != "numpy":
        from monpol.core.backends import get_backend

        opened = engine = get_backend(request.backend, scheduler=request.scheduler,
                                      timeout=request.scheduler_timeout)
    try:
        if request.rate_paths is not None:
            matrix = read_rate_paths(request.rate_paths, model.horizon)
            # with a matrix, paths is only a check of its rows, and only when given
            paths = request.paths if "paths" in request.model_fields_set else None
            return simulate(model, rates=matrix, paths=paths, chunk_size=request.chunk_size,
                            keep_paths=request.keep_paths, backend=engine, progress=progress)
        params: dict[str, Any] = {"r0": request.r0, "mean": request.mean,
                                  "speed": request.speed, "vol": request.vol}
        if request.floor is not None:
            params["floor"] = request.floor
        proc = PROCESSES.get(request.process)(**params)
        return simulate(model, paths=request.paths, process=proc, rng=request.seed,
                        chunk_size=request.chunk_size, keep_paths=request.keep_paths,
                        backend=engine, progress=progress)
    finally:
        if opened is not None:
            opened.close()


# ---------------------------------------------------------------------------- reproduce
class ReproduceRequest(TimingRequest):
    """Seed 002's six scenarios on the BoJ end-2022 template beside the published table
    (``monpol exit reproduce``)."""

    yield_assignment: str = Field(
        default="at_start", description="at_start: each bond keeps the curve yield of its remaining "
                                "maturity at the start; each_year: re-read every year (any "
                                "YIELD_ASSIGNMENTS entry that reads the curve)")
    curve_date: str = Field(default="mean", min_length=1, max_length=32,
                            description="June 2022 curve: 'mean', 'first', 'last' or a date")
    interpolation: str = Field(default="linear", description="interpolation of the curve (INTERPOLATIONS)")
    years: int = Field(default=SEED_YEARS, ge=1, le=MAX_YEARS, description="horizon from 2023, years")

    _interp = field_validator("interpolation", mode="before")(_registered(INTERPOLATIONS))

    @field_validator("yield_assignment", mode="before")
    @classmethod
    def _curve_yields(cls, value: Any) -> Any:
        names = curve_yield_assignments()
        if value not in names:
            listed = ", ".join(repr(n) for n in names)
            raise InputError(f"yield_assignment must be one of {listed} (the seed's template has "
                             f"no yields of its own; they come from the curve); got {value!r}")
        return value


def run_reproduce(request: ReproduceRequest) -> SeedReproduction:
    """The six scenarios under one reading of the seed's rules."""
    instance_of("request", request, ReproduceRequest, "a ReproduceRequest")
    return reproduce_seed(timing=request.timing(),
                          yield_assignment=request.yield_assignment,
                          curve_when=request.curve_date, interpolation=request.interpolation,
                          years=request.years)


class ReadingsRequest(_YearTimings):
    """The six scenarios under every reading of the seed's yield rule and reinvested-bond
    redemption (``monpol exit reproduce --readings``)."""

    curve_date: str = Field(default="mean", min_length=1, max_length=32,
                            description="June 2022 curve: 'mean', 'first', 'last' or a date")
    interpolation: str = Field(default="linear", description="interpolation of the curve (INTERPOLATIONS)")
    years: int = Field(default=SEED_YEARS, ge=1, le=MAX_YEARS, description="horizon from 2023, years")

    _interp = field_validator("interpolation", mode="before")(_registered(INTERPOLATIONS))


def run_readings(request: ReadingsRequest) -> ReadingsMatrix:
    """Every reading (:data:`monpol.exit.seed.READINGS`) beside the published table."""
    instance_of("request", request, ReadingsRequest, "a ReadingsRequest")
    base = Timing(request.holdings_timing, request.reserves_timing, request.reinvest_timing)
    chosen = {name: {**kw, "timing": replace(base, reinvested_redemption=(
                  kw["timing"].reinvested_redemption if "timing" in kw else "after_tenor"))}
              for name, kw in READINGS.items()}
    return reproduce_readings(chosen, curve_when=request.curve_date,
                              interpolation=request.interpolation, years=request.years)


# ---------------------------------------------------------------------------- sensitivity
def variant_names() -> list[str]:
    """The named one-change-at-a-time variants (:data:`monpol.exit.seed.VARIANTS`)."""
    return list(VARIANTS)


class SensitivityRequest(Request):
    """Seed 002's six scenarios under one-change-at-a-time variants of its conventions (the
    casebook's grid)."""

    variants: tuple[str, ...] | None = Field(
        default=None, min_length=1, max_length=100,
        description="names of the variants to run (VARIANTS), in order; default all")

    @field_validator("variants", mode="before")
    @classmethod
    def _known(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            for name in value:
                if name not in VARIANTS:
                    raise InputError(f"variants must be names of VARIANTS "
                                     f"({', '.join(map(repr, VARIANTS))}); got {name!r}")
        return value


def run_sensitivity(request: SensitivityRequest) -> SensitivityGrid:
    """The reproduction under each variant, beside the published table."""
    instance_of("request", request, SensitivityRequest, "a SensitivityRequest")
    names = request.variants if request.variants is not None else tuple(VARIANTS)
    return SensitivityGrid(sensitivity({n: VARIANTS[n] for n in names}))


class FirstYearGapRequest(ReproduceRequest):
    """Where the distance to the seed's first-year loss comes from: the template's JGB
    interest in 2023 (scenario A) against the interest the published loss implies."""


def run_first_year_gap(request: FirstYearGapRequest) -> FirstYearGap:
    """Scenario A's first-year interest beside the seed's implied interest.

    The published first-year loss of A is paid interest minus JGB interest, so JGB interest
    = rate × reserves − loss: with all the seed's excess reserves (``implied_interest_full``)
    or with this projection's first-year reserves (``implied_interest_literal``).
    """
    instance_of("request", request, FirstYearGapRequest, "a FirstYearGapRequest")
    rep = run_reproduce(ReproduceRequest(**request.model_dump()))
    a = rep.projections["A"].frame.iloc[0]
    pub = PUBLISHED[PUBLISHED["label"] == "A"]
    lad = boj_ladder()
    curve = mof_curve(request.curve_date, interpolation=request.interpolation)
    start = int(a["year"])
    # a coarser classification by remaining maturity (残存年限): rounded up to whole years
    bucketed = float(np.dot(lad.amounts, curve(np.ceil(lad.remaining_maturity(start))))) / lad.total
    loss = float(pub["loss_2023"].iloc[0])
    return FirstYearGap(
        holdings=float(lad.total), interest_income=float(a["interest_income"]),
        avg_yield=float(a["avg_yield"]),
        implied_interest_full=SEED_EXCESS_RESERVES * pct_to_frac(float(pub["policy_rate"].iloc[0])) - loss,
        implied_interest_literal=float(a["interest_expense"]) - loss,
        interest_on_seed_holdings=float(a["interest_income"]) * SEED_JGB_HOLDINGS / lad.total,
        bucketed_avg_yield=bucketed, seed_holdings=SEED_JGB_HOLDINGS)


# ---------------------------------------------------------------------------- rate path
class RatePathRequest(Request):
    """A yearly policy-rate path (calendar-year averages) from dated decisions
    (``changes``) or regular steps to a target (``target``), not both; with neither, the
    rate stays at ``initial``."""

    initial: float = _rate(0.0, "rate before the first change")
    start_year: int = Field(default=SEED_START_YEAR, ge=1900, le=2200, description="first year")
    years: int = Field(default=SEED_YEARS, ge=1, le=MAX_YEARS, description="number of years")
    changes: dict[str, float] | None = Field(
        default=None, min_length=1, max_length=10_000,
        description="date → new rate from that date on, percent per year")
    target: float | None = _rate(None, "gradual path: the rate the steps stop at")
    step: float = Field(default=0.25, gt=0.0, le=RATE_HIGH,
                        description="gradual path: size of each move, percentage points")
    every_months: int = Field(default=6, ge=1, le=12 * MAX_YEARS,
                              description="gradual path: months between moves")
    first: str | None = Field(default=None, min_length=1, max_length=32,
                              description="gradual path: date of the first move (default 1 "
                                          "January of start_year)")
    label: str = Field(default="", max_length=200, description="a name for the path")

    @field_validator("changes", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        for key in value if isinstance(value, dict) else ():
            date_like("changes (a date)", key)
        return value

    @field_validator("first", mode="before")
    @classmethod
    def _first(cls, value: Any) -> Any:
        return value if value is None else (date_like("first", value), value)[1]

    @model_validator(mode="after")
    def _one_kind(self) -> RatePathRequest:
        if self.changes is not None and self.target is not None:
            raise InputError("give changes or target, not both (fields changes, target); "
                             f"got changes={self.changes!r}, target={self.target!r}")
        return self


def run_rate_path(request: RatePathRequest) -> RatePathResult:
    """The yearly rates of the path (use ``rates`` as :class:`ProjectRequest` ``rates``)."""
    instance_of("request", request, RatePathRequest, "a RatePathRequest")
    if request.target is None:
        path = RatePath.from_changes(request.changes or {}, initial=request.initial,
                                     start_year=request.start_year, years=request.years,
                                     label=request.label)
    else:
        path = RatePath.gradual(initial=request.initial, target=request.target,
                                start_year=request.start_year, years=request.years,
                                first=request.first, step=request.step,
                                every_months=request.every_months)
    return RatePathResult(years=tuple(int(y) for y in path.years),
                          rates=tuple(float(r) for r in path.rates), label=request.label)


_CHOICES: dict[str, Callable[[], list[str]]] = {
    "holdings": LADDERS.names, "holdings_timing": REDEMPTION_TIMINGS.names,
    "reserves_timing": REDEMPTION_TIMINGS.names, "reinvest_timing": REINVESTMENT_TIMINGS.names,
    "reinvested_redemption": REINVESTED_REDEMPTIONS.names,
    "interpolation": INTERPOLATIONS.names, "accounting": ACCOUNTING.names,
    "yield_assignment": YIELD_ASSIGNMENTS.names, "sale_order": SALE_ORDERS.names,
    "process": PROCESSES.names, "unit": lambda: list(UNITS), "variants": variant_names,
}
_SPECIAL_CHOICES: dict[tuple[str, str], Callable[[], list[str]]] = {
    ("ReproduceRequest", "yield_assignment"): curve_yield_assignments,
}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries)."""
    return _field_choices(request, field, _CHOICES, _SPECIAL_CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[..., Any]]] = {
    "project": (ProjectRequest, run_project),
    "simulate": (SimulateRequest, run_simulate),
    "reproduce": (ReproduceRequest, run_reproduce),
    "readings": (ReadingsRequest, run_readings),
    "sensitivity": (SensitivityRequest, run_sensitivity),
    "first_year_gap": (FirstYearGapRequest, run_first_year_gap),
    "rate_path": (RatePathRequest, run_rate_path),
}
"""Short name → (request class, run function), for the CLI and the dashboard."""
