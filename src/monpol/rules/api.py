"""Application layer of the rules area: request in, result out.

The CLI (``monpol rules``), the casebook and the dashboard call these functions only. Each
request is a frozen :class:`~monpol.core.requests.Request` whose fields carry a description,
bounds and (for rates) the unit, percent per year; a bad value raises
:class:`~monpol.errors.InputError` naming the field, echoing the value and saying what is
allowed.

* ``prescribe``: :class:`PrescribeRequest` → :func:`run_prescribe` → Prescription
* ``compare``: :class:`CompareRequest` → :func:`run_compare` → RulePaths
* ``estimate``: :class:`EstimateRequest` → :func:`run_estimate` → ReactionFunctionResults
* ``forecast``: :class:`ForecastRequest` → :func:`run_forecast` → RateForecast
* ``rolling``: :class:`RollingRequest` → :func:`run_rolling` → RollingEstimates
* ``forward_looking``: :class:`ForwardLookingRequest` → :func:`run_forward_looking` → GMM results

``compare`` is the Taylor-rule-utility view (every rule beside the actual rate, with the
inflation measure, r*, the gap and the ELB as inputs); ``forecast`` estimates a reaction
function and forecasts from it in one call (the estimate rides on the forecast as
``RateForecast.estimate``).

Examples
--------
>>> run_prescribe(PrescribeRequest(rule="taylor1993", inflation=3, output_gap=1)).rate
6.0
>>> fc = run_forecast(ForecastRequest(dataset="china-lending-rate", inflation=6.2, growth=9.2))
>>> round(fc.forecast, 4), fc.estimate.nobs
(6.3528, 24)
>>> PrescribeRequest(rule="taylor1993", inflation=3, rho=1.0)
Traceback (most recent call last):
...
monpol.core.errors.InputError: rho must be less than 1.0 (general rule: smoothing weight ρ ...); got 1.0
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from monpol.core.errors import InputError
from monpol.core.requests import Request, path_text
from monpol.core.requests import field_choices as _field_choices
from monpol.core.validation import finite_float, instance_of
from monpol.rules.cases import CASES, reaction_function
from monpol.rules.data import read_timeseries_csv, select_periods, us_rule_inputs
from monpol.rules.prescribe import R_STAR_RANGE, compare_rules, prescribe
from monpol.rules.reaction import ForwardLookingReactionFunction, ReactionFunction
from monpol.rules.reaction_results import (
    GMMReactionFunctionResults,
    RateForecast,
    ReactionFunctionResults,
    RollingEstimates,
)
from monpol.rules.results import Prescription, RulePaths
from monpol.rules.seed import PUBLISHED_CHINA
from monpol.rules.spec import RULES

__all__ = [
    "DEFAULT_COMPARE_RULES",
    "PUBLISHED_CHINA",
    "REQUESTS",
    "CompareRequest",
    "EstimateRequest",
    "ForecastRequest",
    "ForwardLookingRequest",
    "PrescribeRequest",
    "RollingRequest",
    "estimation_model",
    "field_choices",
    "list_rules",
    "run_compare",
    "run_estimate",
    "run_forecast",
    "run_forward_looking",
    "run_prescribe",
    "run_rolling",
]

# Bounds of the fields (percent per year for rates and inflation, percent of potential for
# gaps): the ranges of monpol.core.validation.percent; r* within R_STAR_RANGE.
RATE_LOW, RATE_HIGH = -100.0, 1000.0
GAP_LOW, GAP_HIGH = -100.0, 100.0
DEFAULT_COMPARE_RULES = ("taylor1993", "taylor1999", "balanced-shortfalls", "inertial",
                         "first-difference", "elb-adjusted")
"""The Federal Reserve's family of rules, compared when a request names none."""

InflationMeasure = Literal["pce", "core-pce", "cpi"]


def _rate(default: Any, description: str, **kw: Any) -> Any:
    return Field(default=default, ge=RATE_LOW, le=RATE_HIGH,
                 description=f"{description}, percent per year", **kw)


def _gap(default: float | None, description: str) -> Any:
    return Field(default=default, ge=GAP_LOW, le=GAP_HIGH, description=f"{description}, percent")


def _rule_name(value: Any) -> Any:
    """The rule's registry name (an unknown one is refused with the list of names)."""
    RULES.get(value)
    return value


def list_rules() -> list[dict[str, str]]:
    """The registered rules: name, label, formula and reference (``monpol rules list``)."""
    return [{"rule": n, "label": RULES.get(n).label, "formula": RULES.get(n).formula,
             "reference": RULES.get(n).reference} for n in RULES.names()]


# ---------------------------------------------------------------------------- prescribe
class PrescribeRequest(Request):
    """One rule's prescription at one point (``monpol rules prescribe``)."""

    rule: str = Field(default="taylor1993", description="rule name (monpol.rules.RULES)")
    inflation: float = _rate(..., "four-quarter inflation π")
    output_gap: float | None = _gap(None, "output gap (positive = overheating); or give "
                                          "unemployment and u_star")
    unemployment: float | None = Field(default=None, ge=0.0, le=100.0,
                                       description="unemployment rate (with u_star), percent")
    u_star: float | None = Field(default=None, ge=0.0, le=100.0,
                                 description="natural rate of unemployment, percent")
    okun: float = Field(default=2.0, ge=0.0, le=10.0,
                        description="Okun coefficient: gap = okun·(u_star − unemployment)")
    r_star: float = Field(default=2.0, ge=R_STAR_RANGE[0], le=R_STAR_RANGE[1],
                          description="equilibrium real rate r*, percent per year")
    inflation_target: float = _rate(2.0, "inflation target π*")
    lagged_rate: float | None = _rate(None, "last period's policy rate R_-1 (inertial, "
                                            "first-difference and smoothed rules)")
    output_gap_lag4: float | None = _gap(None, "output gap four quarters earlier "
                                               "(first-difference rule)")
    elb: float | None = _rate(None, "effective lower bound (floor); the ELB-adjusted rule "
                                    "defaults to 0.125")
    makeup: float = Field(default=0.0, ge=0.0, le=RATE_HIGH,
                          description="cumulative shortfall Z of the ELB-adjusted rule, "
                                      "percentage points")
    a: float | None = Field(default=None, ge=-10.0, le=10.0,
                            description="general rule: response a to π − π*")
    b: float | None = Field(default=None, ge=-10.0, le=10.0,
                            description="general rule: response b to the gap")
    rho: float | None = Field(default=None, ge=0.0, lt=1.0,
                              description="general rule: smoothing weight ρ on last period's "
                                          "rate, in [0, 1)")

    _rule = field_validator("rule", mode="before")(_rule_name)


def run_prescribe(request: PrescribeRequest) -> Prescription:
    """The rate the request's rule prescribes (:func:`monpol.rules.prescribe`)."""
    instance_of("request", request, PrescribeRequest, "a PrescribeRequest")
    kw = request.model_dump()
    return prescribe(kw.pop("rule"), **kw)


# ---------------------------------------------------------------------------- compare
class CompareRequest(Request):
    """Several rules over a quarterly history beside the actual rate (``monpol rules
    compare``; the Taylor-rule-utility page)."""

    rules: tuple[str, ...] = Field(default=DEFAULT_COMPARE_RULES, min_length=1, max_length=50,
                                   description="rule names (default: the Fed's family)")
    file: str | None = Field(default=None, min_length=1, max_length=4096,
                             description="CSV of quarterly inputs (period, inflation, "
                                         "output_gap or unemployment and u_star, "
                                         "policy_rate); default: bundled U.S. data")
    inflation_measure: InflationMeasure = Field(
        default="core-pce", description="U.S. inflation measure of the bundled data")
    r_star: float | str = Field(default=2.0, description="r*, percent per year (in [-10, 10]), or a "
                                                 "column of the inputs, e.g. r_star_hlw")
    inflation_target: float = _rate(2.0, "inflation target π*")
    gap: Literal["output", "unemployment"] = Field(
        default="output", description="output gap, or the unemployment gap through Okun's law")
    okun: float = Field(default=2.0, ge=0.0, le=10.0, description="Okun coefficient")
    elb: float | None = _rate(None, "floor for every rule")
    start: str | None = Field(default=None, max_length=32, description="first quarter, e.g. 1990Q1")
    end: str | None = Field(default=None, max_length=32, description="last quarter, e.g. 2023Q4")
    lagged: Literal["actual", "rule"] = Field(
        default="actual", description="R_-1 of inertial and first-difference rules: last quarter's "
                              "actual rate, or the rule's own previous prescription")
    initial_rate: float | None = _rate(None, "the rate before the first quarter (lagged='rule')")

    _file = field_validator("file", mode="before")(path_text)

    @field_validator("rules", mode="before")
    @classmethod
    def _rules(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise InputError(f"rules must be a list of rule names; got {value!r}")
        for name in value if isinstance(value, (list, tuple)) else ():
            RULES.get(name)
        return value

    @field_validator("r_star", mode="before")
    @classmethod
    def _r_star(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:   # "2" on a command line is a number, "r_star_hlw" a column
                value = float(value)
            except ValueError:
                return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            lo, hi = R_STAR_RANGE
            from monpol.core.validation import in_range

            return in_range("r_star", value, lo, hi, unit="percent")
        return value


def run_compare(request: CompareRequest) -> RulePaths:
    """Every requested rule over the history, with deviations (:func:`compare_rules`)."""
    instance_of("request", request, CompareRequest, "a CompareRequest")
    if request.file is not None:
        inputs = select_periods(read_timeseries_csv(request.file), request.start, request.end)
    else:
        inputs = us_rule_inputs(inflation=request.inflation_measure, start=request.start,
                                end=request.end)
    return compare_rules(inputs, list(request.rules), r_star=request.r_star,
                         inflation_target=request.inflation_target, gap=request.gap,
                         okun=request.okun, elb=request.elb, lagged=request.lagged,
                         initial_rate=request.initial_rate)


# ---------------------------------------------------------------------------- estimate
class EstimateRequest(Request):
    """An OLS reaction function on a named case or a user's CSV (``monpol rules estimate``)."""

    dataset: str | None = Field(default=None, description="estimation case (monpol.rules.cases.CASES), "
                                                  "e.g. china-lending-rate")
    file: str | None = Field(default=None, min_length=1, max_length=4096,
                             description="a user's CSV instead of dataset (first column: periods)")
    rate_column: str = Field(default="rate", min_length=1, max_length=200,
                             description="with file: the policy-rate column")
    regressor_columns: tuple[str, ...] = Field(default=(), max_length=50,
                                               description="with file: the regressor columns")
    start: str | None = Field(default=None, max_length=32, description="first period, e.g. 2005Q3")
    end: str | None = Field(default=None, max_length=32, description="last period, e.g. 2011Q2")
    rate_definition: Literal["end_of_quarter", "quarter_average"] | None = Field(
        default=None, description="china-lending-rate: quarterly rate definition")
    cpi_definition: Literal["quarter_average", "last_month"] | None = Field(
        default=None, description="china-lending-rate: quarterly CPI definition")
    inflation_measure: InflationMeasure | None = Field(
        default=None, description="us-fred-2024: inflation measure")
    cov_type: Literal["nonrobust", "hac"] = Field(
        default="nonrobust", description="standard errors: conventional or Newey–West")
    maxlags: int | None = Field(default=None, ge=0, le=100, description="HAC lags (default: Newey–West "
                                                                "rule of thumb)")

    _file = field_validator("file", mode="before")(path_text)

    @model_validator(mode="after")
    def _one_source(self) -> EstimateRequest:
        if (self.dataset is None) == (self.file is None):
            raise InputError("give exactly one of --dataset NAME or --file FILE.csv "
                             f"(fields dataset, file); got dataset={self.dataset!r}, "
                             f"file={self.file!r}")
        if self.dataset is not None:
            CASES.get(self.dataset)  # an unknown name is the first thing to report
        # options that apply to one source only are refused elsewhere rather than ignored
        only_for = {
            "rate_definition": (self.rate_definition, "china-lending-rate"),
            "cpi_definition": (self.cpi_definition, "china-lending-rate"),
            "inflation_measure": (self.inflation_measure, "us-fred-2024"),
            "regressor_columns": (", ".join(self.regressor_columns) or None, "--file"),
            "rate_column": (None if self.rate_column == "rate" else self.rate_column, "--file"),
        }
        flags = {"regressor_columns": "--regressor", "rate_column": "--rate"}
        source = "--file" if self.file is not None else self.dataset
        given = "--file" if self.file is not None else f"--dataset {self.dataset}"
        for name, (value, applies_to) in only_for.items():
            if value is not None and source != applies_to:
                flag = flags.get(name, "--" + name.replace("_", "-"))
                raise InputError(f"{flag} applies to {applies_to} only; got {flag} {value!r} "
                                 f"with {given} (field {name})")
        if self.file is not None and not self.regressor_columns:
            raise InputError("--file needs at least one --regressor COLUMN (field "
                             "regressor_columns)")
        return self


def estimation_model(request: EstimateRequest) -> ReactionFunction:
    """The reaction function (specification and data) an estimate request describes."""
    instance_of("request", request, EstimateRequest, "an EstimateRequest")
    if request.file is not None:
        regs = list(request.regressor_columns)
        return ReactionFunction(read_timeseries_csv(request.file), rate=request.rate_column,
                                regressors=regs,
                                inflation="inflation" if "inflation" in regs else None,
                                start=request.start, end=request.end)
    assert request.dataset is not None
    choices = {"rate": request.rate_definition, "cpi": request.cpi_definition,
               "inflation": request.inflation_measure}
    return reaction_function(request.dataset, start=request.start, end=request.end, **choices)


def run_estimate(request: EstimateRequest) -> ReactionFunctionResults:
    """Estimate the reaction function by OLS (long-run responses, Taylor-principle test)."""
    return estimation_model(request).fit(cov_type=request.cov_type, maxlags=request.maxlags)


# ---------------------------------------------------------------------------- forecast
class ForecastRequest(EstimateRequest):
    """The rate an estimated reaction function implies (``monpol rules forecast``; the
    seed's "theoretical rate")."""

    inflation: float | None = _rate(None, "inflation")
    growth: float | None = _rate(None, "real GDP growth")
    output_gap: float | None = _gap(None, "output gap")
    values: dict[str, float] = Field(default_factory=dict, max_length=50,
                                     description="any other regressor: name → value (percent)")
    lagged_rate: float | None = _rate(None, "last period's rate (default: the last rate of "
                                            "the sample)")
    alpha: float = Field(default=0.05, gt=0.0, lt=1.0,
                         description="1 − level of the prediction interval")

    @model_validator(mode="after")
    def _values_once(self) -> ForecastRequest:
        for name, value in self.values.items():
            finite_float(f"values {name}", value, unit="percent")
            if name in ("inflation", "growth", "output_gap") and getattr(self, name) is not None:
                raise InputError(f"values {name}={value!r}: {name} is given twice (as field "
                                 f"{name} and in values)")
        return self

    def regressor_values(self) -> dict[str, float]:
        """The forecast's regressor values by name."""
        named = {k: getattr(self, k) for k in ("inflation", "growth", "output_gap")}
        return {**{k: v for k, v in named.items() if v is not None}, **self.values}


def run_forecast(request: ForecastRequest) -> RateForecast:
    """Estimate the reaction function and forecast the rate from the given regressors.

    The estimate is kept on the result (``RateForecast.estimate``): actual vs fitted, the
    coefficients and their tests come with the forecast in one call.
    """
    instance_of("request", request, ForecastRequest, "a ForecastRequest")
    res = run_estimate(request)
    fc = res.forecast(lagged_rate=request.lagged_rate, alpha=request.alpha,
                      **request.regressor_values())
    return replace(fc, estimate=res)


# ---------------------------------------------------------------------------- beyond the seed
class RollingRequest(EstimateRequest):
    """Rolling (or recursive) OLS estimates of a reaction function over its sample."""

    window: int = Field(default=40, ge=2, le=10_000, description="window length in periods (the "
                                                          "minimum sample when expanding)")
    expanding: bool = Field(default=False, description="recursive estimates on growing samples")


def run_rolling(request: RollingRequest) -> RollingEstimates:
    """Coefficients window by window (``ReactionFunction.rolling``)."""
    instance_of("request", request, RollingRequest, "a RollingRequest")
    return estimation_model(request).rolling(request.window, expanding=request.expanding)


class ForwardLookingRequest(Request):
    """The Clarida–Galí–Gertler forward-looking reaction function by GMM on the bundled U.S.
    data (or a user's CSV with policy_rate, inflation and output_gap)."""

    file: str | None = Field(default=None, min_length=1, max_length=4096,
                             description="a user's CSV (first column: periods) instead of the "
                                         "bundled U.S. data")
    inflation_measure: InflationMeasure = Field(
        default="core-pce", description="U.S. inflation measure of the bundled data")
    start: str | None = Field(default="1987Q3", max_length=32, description="first period of the rate")
    end: str | None = Field(default="2007Q4", max_length=32, description="last period of the rate")
    lead_inflation: int = Field(default=4, ge=0, le=40, description="periods ahead of inflation")
    lead_gap: int = Field(default=0, ge=0, le=40, description="periods ahead of the gap")
    instrument_lags: int = Field(default=4, ge=1, le=40,
                                 description="lags of the rate, inflation and gap as instruments")

    _file = field_validator("file", mode="before")(path_text)


def run_forward_looking(request: ForwardLookingRequest) -> GMMReactionFunctionResults:
    """Two-step GMM estimates (:class:`~monpol.rules.ForwardLookingReactionFunction`)."""
    instance_of("request", request, ForwardLookingRequest, "a ForwardLookingRequest")
    data = (read_timeseries_csv(request.file) if request.file is not None
            else us_rule_inputs(inflation=request.inflation_measure))
    return ForwardLookingReactionFunction(
        data, lead_inflation=request.lead_inflation, lead_gap=request.lead_gap,
        instrument_lags=request.instrument_lags, start=request.start, end=request.end).fit()


_CHOICES: dict[str, Callable[[], list[str]]] = {"rule": RULES.names, "rules": RULES.names,
                                                "dataset": CASES.names}
_SPECIAL_CHOICES: dict[tuple[str, str], Callable[[], list[str]]] = {}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries)."""
    return _field_choices(request, field, _CHOICES, _SPECIAL_CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[[Any], Any]]] = {
    "prescribe": (PrescribeRequest, run_prescribe),
    "compare": (CompareRequest, run_compare),
    "estimate": (EstimateRequest, run_estimate),
    "forecast": (ForecastRequest, run_forecast),
    "rolling": (RollingRequest, run_rolling),
    "forward_looking": (ForwardLookingRequest, run_forward_looking),
}
"""Short name → (request class, run function), for the CLI and the dashboard."""

