"""Application layer of the bond-market stress analysis: a request in, a result out.

The CLI (``monpol bonds``), the casebook and the dashboard call these functions only.
Every request is a frozen :class:`~monpol.core.requests.Request`, validated when built;
rates and yields are in **percent per year**, shares in percent. Bad input raises
:class:`~monpol.core.errors.InputError` naming the field, echoing the value and saying
what is allowed.

==========  ==========================  ==============================================
name        request                     result
==========  ==========================  ==============================================
auctions    :class:`AuctionRequest`     :class:`~monpol.bonds.auctions.AuctionResults`
yields      :class:`YieldsRequest`      :class:`~monpol.bonds.yields.YieldStressPanel`
boj_share   :class:`OwnershipRequest`   :class:`~monpol.bonds.ownership.OwnershipResult`
scorecard   :class:`ScorecardRequest`   :class:`~monpol.bonds.scorecard.Scorecard`
doom_loop   :class:`DoomLoopRequest`    :class:`~monpol.bonds.doom_loop.DoomLoopResult`
threshold   :class:`ThresholdRequest`   :class:`~monpol.bonds.doom_loop.ThresholdResult`
claims      :class:`ClaimsRequest`      :class:`~monpol.bonds.claims.SeedClaims`
==========  ==========================  ==============================================

The seed's published figures sit beside the computed ones in :func:`run_claims` (e.g.
"the BOJ holds over 50% of JGBs" against the share computed from the issue-level data).

Examples
--------
>>> r = run_doom_loop(DoomLoopRequest(market_rate=1.6, cb_purchases=5.0))
>>> str(r.outcome[0])
'stabilises'
>>> run_ownership(OwnershipRequest(date="2025-05-31")).at("2025-05-31")["all"].round(2)
np.float64(52.73)
>>> DoomLoopRequest(average_maturity=0.5)
Traceback (most recent call last):
...
monpol.core.errors.InputError: average_maturity must be in [1, 100] years; got 0.5
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import Field, create_model, field_validator, model_validator

from monpol.bonds import data
from monpol.bonds.auctions import AUCTION_MARKETS, AuctionResults, read_auctions
from monpol.bonds.claims import SeedClaims, seed_claims
from monpol.bonds.doom_loop import (
    DEFAULT_CHUNK,
    DoomLoopResult,
    DoomLoopSpec,
    ThresholdResult,
    find_threshold,
    simulate,
)
from monpol.bonds.doom_loop import (
    PARAMETERS as DOOM_PARAMETERS,
)
from monpol.bonds.ownership import DEFAULT_BUCKETS, OwnershipResult, boj_share
from monpol.bonds.scorecard import (
    DIMENSIONS,
    Scorecard,
    ScorecardInputs,
    apply_inputs,
    load_inputs,
    seed_case_indicators,
    sovereign_scorecard,
)
from monpol.bonds.yields import YieldStressPanel, read_curve, yield_stress_panel
from monpol.core.backends import Backend, ProgressCallback
from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.requests import ChoiceSource, Request
from monpol.core.requests import field_choices as _field_choices
from monpol.core.results import Result
from monpol.core.validation import date_like

__all__ = [
    "REQUESTS",
    "AuctionRequest",
    "ClaimsRequest",
    "DoomLoopRequest",
    "OwnershipRequest",
    "ScorecardRequest",
    "ThresholdRequest",
    "YieldsRequest",
    "field_choices",
    "run_auctions",
    "run_claims",
    "run_doom_loop",
    "run_ownership",
    "run_scorecard",
    "run_threshold",
    "run_yields",
]

#: the seed's Fed share of marketable Treasuries, percent (an input, not recomputed)
SEED_FED_SHARE = 16.0
#: most values a swept doom-loop parameter may take (as the CLI's START:STOP:STEP lists)
MAX_SWEEP = 1_000_000

_DATE = "date (ISO 8601, e.g. 2025-05-22)"


@dataclass(frozen=True)
class BundledCurve:
    """A bundled yield curve: its loader and the tenors assessed by default (and allowed)."""

    load: Callable[[], pd.DataFrame]
    tenors: tuple[str, ...]
    only: bool = False  # only these tenors exist
    note: str = ""


#: bundled auction histories by name (``AuctionRequest.bundled``); add one with ``.add``
BUNDLED_AUCTIONS: Registry[Callable[[], AuctionResults]] = Registry("bundled")
BUNDLED_AUCTIONS.add("jgb", data.jgb_auctions)
BUNDLED_AUCTIONS.add("us", data.us_auctions)

#: bundled yield curves by market (``YieldsRequest.market``); add one with ``.add``
YIELD_CURVES: Registry[BundledCurve] = Registry("market")
YIELD_CURVES.add("jgb", BundledCurve(data.jgb_yield_curve, ("10Y", "40Y"),
                                     note="MOF par curve (1974-2026)"))
YIELD_CURVES.add("us", BundledCurve(lambda: data.us_10y_yield().rename("10Y").to_frame(),
                                    ("10Y",), only=True,
                                    note="the bundled DGS10"))


def _date_or_none(name: str, value: Any) -> Any:
    """A date checked by :func:`~monpol.core.validation.date_like`, kept as given."""
    if value is None:
        return None
    date_like(name, value)
    return value.strip() if isinstance(value, str) else str(value)


# --------------------------------------------------------------------------- auctions


class AuctionRequest(Request):
    """Auction demand metrics with their history context: a file or a bundled history."""

    file: str | None = Field(default=None, description="auction results CSV in the JGB or US format")
    bundled: str | None = Field(
        default=None, description="a bundled history instead: jgb (2023-2026) or us (2008-2011), "
                                  "or one added to BUNDLED_AUCTIONS")
    market: str = Field(
        default="auto", description="format of the file: auto (told apart by the bid column: 'bids' = "
                            "JGB, 'tendered' = US) or a market of "
                            "monpol.bonds.auctions.AUCTION_MARKETS (jgb, us, or one you add)")

    @field_validator("market", mode="before")
    @classmethod
    def _known_market(cls, value: Any) -> Any:
        if value != "auto":
            AUCTION_MARKETS.get(value)
        return value

    @field_validator("bundled", mode="before")
    @classmethod
    def _known_bundled(cls, value: Any) -> Any:
        if value is not None:
            BUNDLED_AUCTIONS.get(value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> AuctionRequest:
        if (self.file is None) == (self.bundled is None):
            raise InputError("give exactly one of file (a CSV) or bundled ('jgb' or 'us'); "
                             f"got file={self.file!r}, bundled={self.bundled!r}")
        return self


def run_auctions(request: AuctionRequest) -> AuctionResults:
    """Read a file (:func:`~monpol.bonds.auctions.read_auctions`) or a bundled history."""
    if request.bundled is not None:
        return BUNDLED_AUCTIONS.get(request.bundled)()
    assert request.file is not None
    return read_auctions(request.file, market=request.market)


# --------------------------------------------------------------------------- yields


class YieldsRequest(Request):
    """Yield stress on a date: level percentile and z-score, highest since, speed of rise."""

    tenors: tuple[str, ...] = Field(
        default=(), description="maturity columns, e.g. 10Y, 30Y, 40Y (default: 10Y and 40Y; "
                        "market us: 10Y only)")
    market: str = Field(
        default="jgb", description="bundled curve: jgb (MOF par curve, 1974-2026), us (10-year "
                                   "Treasury, DGS10), or one added to YIELD_CURVES")
    curve_file: str | None = Field(
        default=None, description="own curve: CSV with a date column and one column per maturity, "
                          "percent per year")
    date: str | None = Field(default=None, description=f"{_DATE} to assess (default: last available)")
    history_start: str | None = Field(default=None, description=f"start of the percentile window, {_DATE}")
    history_years: float | None = Field(
        default=None, gt=0, le=200, description="window length in years ending at date (default: "
                                        "whole series)")
    change_days: int = Field(default=20, ge=1, le=10_000,
                             description="span of the speed-of-rise and volatility measures, "
                                         "observations")

    @field_validator("date", "history_start", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: Any) -> Any:
        return _date_or_none(info.field_name, value)

    @field_validator("market", mode="before")
    @classmethod
    def _known_curve(cls, value: Any) -> Any:
        YIELD_CURVES.get(value)
        return value

    @model_validator(mode="after")
    def _curve_tenors(self) -> YieldsRequest:
        curve = YIELD_CURVES.get(self.market)
        bad = [t for t in self.tenors if t not in curve.tenors]
        if self.curve_file is None and curve.only and bad:
            allowed = " or ".join(curve.tenors)
            raise InputError(f"tenor must be {allowed} with --market {self.market} ({curve.note}); "
                             f"got {', '.join(self.tenors)}")
        return self


def run_yields(request: YieldsRequest) -> YieldStressPanel:
    """:func:`~monpol.bonds.yields.yield_stress_panel` on the chosen curve."""
    bundled = YIELD_CURVES.get(request.market)
    if request.curve_file is not None:
        curve, tenors = read_curve(request.curve_file), request.tenors or ("10Y", "40Y")
    else:
        curve, tenors = bundled.load(), request.tenors or bundled.tenors
    return yield_stress_panel(curve, tenors, date=request.date,
                              history_start=request.history_start,
                              history_years=request.history_years,
                              change_days=request.change_days)


# --------------------------------------------------------------------------- ownership


class OwnershipRequest(Request):
    """The BOJ's share of JGBs, overall and by remaining maturity, monthly 2001-2026."""

    buckets: tuple[float, ...] = Field(default=DEFAULT_BUCKETS, min_length=1, max_length=100,
                                       description="remaining-maturity bucket edges, years")
    series: tuple[str, ...] | None = Field(
        default=None, description="issue series to include: 2Y 5Y 10Y 20Y 30Y 40Y I10Y F15Y ... "
                          "(default: all coupon-bearing)")
    start: str | None = Field(default=None, description=f"first {_DATE} kept")
    end: str | None = Field(default=None, description=f"last {_DATE} kept")
    date: str | None = Field(default=None, description=f"only the month on or before this {_DATE}")

    @field_validator("start", "end", "date", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: Any) -> Any:
        return _date_or_none(info.field_name, value)


def run_ownership(request: OwnershipRequest) -> OwnershipResult:
    """:func:`~monpol.bonds.ownership.boj_share`, optionally one month."""
    res = boj_share(buckets=list(request.buckets),
                    series=list(request.series) if request.series else None,
                    start=request.start, end=request.end)
    return res if request.date is None else res.month(request.date)


# --------------------------------------------------------------------------- scorecard


class ScorecardRequest(Request):
    """The seed's JGB-vs-UST stress scorecard over its five dimensions."""

    date: str = Field(default="2025-05-22", description=f"assessment {_DATE} (the seed's moment)")
    history_years: float = Field(default=10.0, gt=0, le=200,
                                 description="window for the yield percentiles, years")
    change_days: int = Field(default=20, ge=1, le=10_000, description="span of the speed measures, "
                                                             "observations")
    fed_share: float | None = Field(
        default=None, ge=0, le=100, description="the Fed's share of marketable Treasuries, percent "
                                        f"(default: the inputs file's, else the seed's {SEED_FED_SHARE:g})")
    inputs_file: str | None = Field(default=None, description="TOML file with extra indicators and "
                                                      "weights (see docs/bonds.md)")
    weights: dict[str, float] = Field(
        default={}, description="weight of a dimension: " + ", ".join(DIMENSIONS) + " (default 0.2 each)")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _date_or_none("date", value)


def run_scorecard(request: ScorecardRequest) -> Scorecard:
    """Indicators from the bundled data (and the inputs file), scored and weighted."""
    inputs = load_inputs(request.inputs_file) if request.inputs_file else ScorecardInputs()
    share = request.fed_share if request.fed_share is not None else (
        inputs.fed_share if inputs.fed_share is not None else SEED_FED_SHARE)
    base = seed_case_indicators(request.date, history_years=request.history_years,
                                change_days=request.change_days, fed_share=share)
    weights = {**inputs.weights, **request.weights}
    return sovereign_scorecard(apply_inputs(base, inputs), weights=weights, as_of=request.date)


# --------------------------------------------------------------------------- doom loop


def _doom_fields() -> dict[str, Any]:
    defaults = DoomLoopSpec()
    fields: dict[str, Any] = {}
    for name, (unit, lo, hi, lo_inc, text) in DOOM_PARAMETERS.items():
        bounds: dict[str, float] = {}
        if lo is not None:
            bounds["ge" if lo_inc else "gt"] = lo
        if hi is not None:
            bounds["le"] = hi
        shown = f"{unit} per year" if unit == "percent" else unit
        fields[name] = (float, Field(default=float(getattr(defaults, name)), description=f"{text} ({shown})",
                                     **bounds))  # type: ignore[call-overload]
    return fields


class _DoomBase(Request):
    """Settings of the doom-loop simulation and the scenarios."""

    horizon: int = Field(default=30, ge=2, le=500, description="years simulated")
    window: int = Field(default=5, ge=1, le=500, description="years at the end over which the outcome "
                                                     "is judged")
    tolerance: float = Field(default=0.05, ge=-100, le=100,
                             description="rise of the market rate (percentage points) over the "
                                         "window that counts as 'keeps rising'")
    ceiling: float = Field(default=25.0, ge=-100, le=1000, description="market-rate cap, percent per "
                                                               "year (reaching it = 'keeps rising')")
    sweep: dict[str, tuple[float, ...]] = Field(
        default={}, description="parameters given several values: one scenario per value, "
                        "simulated together (lists of one length)")

    @field_validator(*DOOM_PARAMETERS, mode="before", check_fields=False)
    @classmethod
    def _domain_range(cls, value: Any, info: Any) -> Any:
        DoomLoopSpec(**{info.field_name: value})  # the domain's message for a bad value
        return value

    @model_validator(mode="after")
    def _check_sweep(self) -> _DoomBase:
        for name, values in self.sweep.items():
            if name not in DOOM_PARAMETERS:
                raise InputError(f"sweep parameter must be one of {', '.join(DOOM_PARAMETERS)}; "
                                 f"got {name!r}")
            if name in self.model_fields_set:
                raise InputError(f"{name} is given both as a value and in sweep")
            if not 1 <= len(values) <= MAX_SWEEP:
                raise InputError(f"sweep[{name!r}] must hold 1 to {MAX_SWEEP} values; got "
                                 f"{len(values)}")
        self.doom_spec()  # validates the swept values and their lengths
        return self

    def doom_spec(self) -> DoomLoopSpec:
        """The :class:`~monpol.bonds.doom_loop.DoomLoopSpec` this request describes."""
        import numpy as np

        values: dict[str, Any] = {k: getattr(self, k) for k in DOOM_PARAMETERS}
        values.update({k: np.asarray(v, dtype=float) if len(v) > 1 else v[0]
                       for k, v in self.sweep.items()})
        return DoomLoopSpec(horizon=self.horizon, **values)


if TYPE_CHECKING:
    class DoomLoopRequest(_DoomBase):  # the fields for the type checker (built below)
        debt: float = 0.0
        effective_rate: float = 0.0
        market_rate: float = 0.0
        growth: float = 0.0
        primary_balance: float = 0.0
        average_maturity: float = 0.0
        risk_premium: float = 0.0
        premium_sensitivity: float = 0.0
        burden_threshold: float = 0.0
        cb_share: float = 0.0
        cb_purchases: float = 0.0
        cb_effect: float = 0.0
else:
    DoomLoopRequest = create_model("DoomLoopRequest", __base__=_DoomBase, __module__=__name__,
                                   **_doom_fields())
    DoomLoopRequest.__doc__ = (
        "Fiscal doom loop: debt, effective and market rates over the horizon. One field per "
        "parameter of monpol.bonds.doom_loop.PARAMETERS (rates in percent per year, ratios in "
        "percent of GDP or of the debt); the central-bank lever is cb_purchases.")


class ThresholdRequest(DoomLoopRequest):
    """The value of one parameter where the two paths separate (other parameters single)."""

    parameter: str = Field(default="market_rate", description="parameter searched: "
                                                      + ", ".join(DOOM_PARAMETERS))
    low: float = Field(default=-2.0, ge=-1e6, le=1e6, description="lower end of the search")
    high: float = Field(default=6.0, ge=-1e6, le=1e6, description="upper end of the search")
    contrast: float | None = Field(
        default=None, gt=0, le=1e6, description="distance of the two contrasting scenarios from the "
                                        "threshold (default: 5% of high − low)")

    @field_validator("parameter", mode="before")
    @classmethod
    def _name(cls, value: Any) -> Any:
        name = value.replace("-", "_") if isinstance(value, str) else value
        if name not in DOOM_PARAMETERS:
            raise InputError(f"parameter must be one of {', '.join(DOOM_PARAMETERS)}; got {value!r}")
        return name


def run_doom_loop(request: DoomLoopRequest, *, backend: str | Backend = "numpy",
                  chunk_size: int = DEFAULT_CHUNK,
                  progress: ProgressCallback | None = None) -> DoomLoopResult:
    """Simulate every scenario (:func:`monpol.bonds.doom_loop.simulate`).

    ``backend``, ``chunk_size`` and ``progress`` say where and how the scenarios run (see
    :mod:`monpol.core.backends`); they do not change the result.
    """
    return simulate(request.doom_spec(), window=request.window, tolerance=request.tolerance,
                    ceiling=request.ceiling, backend=backend, chunk_size=chunk_size,
                    progress=progress)


def run_threshold(request: ThresholdRequest) -> ThresholdResult:
    """:func:`monpol.bonds.doom_loop.find_threshold` for ``request.parameter``."""
    return find_threshold(request.parameter, request.low, request.high, spec=request.doom_spec(),
                          window=request.window, tolerance=request.tolerance,
                          ceiling=request.ceiling, contrast=request.contrast)


# --------------------------------------------------------------------------- claims


class ClaimsRequest(Request):
    """The seed's statements, published vs computed from the bundled data."""

    start: str = Field(default="2025-05-19", description=f"first {_DATE} of the seed's 'late May 2025'")
    end: str = Field(default="2025-05-30", description=f"last {_DATE} of that window")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: Any) -> Any:
        return _date_or_none(info.field_name, value)


def run_claims(request: ClaimsRequest) -> SeedClaims:
    """:func:`monpol.bonds.claims.seed_claims` over the request's window."""
    return seed_claims((request.start, request.end))


_CHOICES: dict[str, ChoiceSource] = {"bundled": BUNDLED_AUCTIONS.names,
                                     "parameter": lambda: list(DOOM_PARAMETERS)}
_SPECIAL: dict[tuple[str, str], ChoiceSource] = {
    ("AuctionRequest", "market"): lambda: ["auto", *AUCTION_MARKETS.names()],
    ("YieldsRequest", "market"): YIELD_CURVES.names,
}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries).

    >>> field_choices(AuctionRequest, "market"), field_choices(YieldsRequest, "market")
    (['auto', 'jgb', 'us'], ['jgb', 'us'])
    """
    return _field_choices(request, field, _CHOICES, _SPECIAL)


REQUESTS: dict[str, tuple[type[Request], Callable[..., Result]]] = {
    "auctions": (AuctionRequest, run_auctions),
    "yields": (YieldsRequest, run_yields),
    "boj_share": (OwnershipRequest, run_ownership),
    "scorecard": (ScorecardRequest, run_scorecard),
    "doom_loop": (DoomLoopRequest, run_doom_loop),
    "threshold": (ThresholdRequest, run_threshold),
    "claims": (ClaimsRequest, run_claims),
}
"""Short name → (request class, run function)."""
