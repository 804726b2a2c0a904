"""Application layer of the easing area: request in, result out.

The CLI (``monpol easing``, ``monpol catalog``), the casebook and the dashboard call these
functions only. Requests are frozen :class:`~monpol.core.requests.Request` objects; a bad
value raises :class:`~monpol.errors.InputError` naming the field, echoing the value and
saying what is allowed. Thresholds are in percent (size, shares) and percentage points.

* ``classify``: :class:`ClassifyRequest` → :func:`run_classify` → EasingClassification
* ``windows``: :class:`WindowsRequest` → :func:`run_windows` → WindowClassification
* ``revaluation``: :class:`RevaluationRequest` → :func:`run_revaluation` → RevaluationResult
* ``lost_decade``: :class:`LostDecadeRequest` → :func:`run_lost_decade` → LostDecade
* ``catalogue``: :class:`CatalogueRequest` → :func:`run_catalogue` → CatalogueTable
* ``purchase_path``: :class:`ProgrammeRequest` → :func:`run_purchase_path` → PurchasePath
* ``threshold_robustness``: :class:`RobustnessRequest` → :func:`run_threshold_robustness` →
  ThresholdRobustness
* ``snapshot``: :class:`SnapshotRequest` → :func:`run_snapshot` → BalanceSheet
* ``h41_levels``: :class:`H41Request` → :func:`run_h41_levels` → H41Levels

:func:`programme` (one catalogue entry) and :func:`taxonomy` (the categories with the
requested attribute changes) read reference data.

Examples
--------
>>> run_classify(ClassifyRequest(dataset="fed-2007-2008")).verdict
'credit easing'
>>> run_revaluation(RevaluationRequest(foreign_assets=18.4, depreciation=5)).gain  # seed: 0.92
0.92
>>> ClassifyRequest(dataset="fed-2007-2008", risk_threshold=-1)
Traceback (most recent call last):
...
monpol.core.errors.InputError: risk_shift_pp must be in (0, inf); got -1
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from monpol.core.errors import InputError
from monpol.core.requests import Request, path_text
from monpol.core.requests import field_choices as _field_choices
from monpol.core.validation import date_like, in_range, instance_of, one_of
from monpol.easing.catalogue import CATEGORIES, CatalogueTable, Programme, PurchasePath, catalogue
from monpol.easing.classify import DISTANCES, classify
from monpol.easing.data import BALANCE_SHEET_DATASETS, load_h41, load_snapshots, read_balance_sheet
from monpol.easing.lost_decade import LostDecade, load_lost_decade
from monpol.easing.model import BalanceSheet, parse_money_unit
from monpol.easing.results import (
    EasingClassification,
    H41Levels,
    ThresholdRobustness,
    WindowClassification,
)
from monpol.easing.revaluation import CONVENTIONS, RevaluationResult, revaluation, revalue
from monpol.easing.series import classify_h41
from monpol.easing.taxonomy import Taxonomy, default_taxonomy
from monpol.easing.thresholds import Thresholds

__all__ = [
    "REQUESTS",
    "CatalogueRequest",
    "ClassifyRequest",
    "H41Request",
    "LostDecadeRequest",
    "ProgrammeRequest",
    "RevaluationRequest",
    "RobustnessRequest",
    "SnapshotRequest",
    "WindowsRequest",
    "field_choices",
    "programme",
    "run_catalogue",
    "run_classify",
    "run_h41_levels",
    "run_lost_decade",
    "run_purchase_path",
    "run_revaluation",
    "run_snapshot",
    "run_threshold_robustness",
    "run_windows",
    "taxonomy",
]

_DEFAULT = Thresholds()
ATTRIBUTES = ("liquid", "risky", "monetary")
"""Category attributes a request may change (``monetary`` is a liability attribute)."""
MONEY_HIGH = 1e12


def taxonomy(attributes: dict[str, bool | None] | None = None) -> Taxonomy:
    """The default taxonomy with attribute changes ``{"CATEGORY.ATTRIBUTE": value}`` applied
    in order (value True, False or None for unknown)."""
    if attributes is not None and not isinstance(attributes, Mapping):
        raise InputError(f"attributes must be a mapping 'CATEGORY.ATTRIBUTE' -> True/False/None; "
                         f"got {type(attributes).__name__} {attributes!r}")
    tax = default_taxonomy()
    for target, value in (attributes or {}).items():
        category, _, attr = target.rpartition(".")
        side = "liability" if attr == "monetary" else "asset"
        tax = tax.with_attributes(category, side=side, **{attr: value})  # type: ignore[arg-type]
    return tax


def _threshold(field: str, default: float, description: str, *, high: float | None = None,
               unit: str = "percent") -> Any:
    return Field(default=default, gt=0.0, le=high if high is not None else 1e6,
                 description=f"{description}, {unit} (Thresholds.{field})")


class _ThresholdFields(Request):
    size_threshold: float = _threshold("size_change_pct", _DEFAULT.size_change_pct,
                                       "|size change| for an expansion/contraction")
    risk_threshold: float = _threshold("risk_shift_pp", _DEFAULT.risk_shift_pp,
                                       "rise of the risky share for a shift toward risk",
                                       unit="percentage points")
    liquidity_threshold: float = _threshold("liquidity_shift_pp", _DEFAULT.liquidity_shift_pp,
                                            "fall of the liquid share for a shift toward "
                                            "illiquidity", unit="percentage points")
    composition_threshold: float = _threshold("composition_pp", _DEFAULT.composition_pp,
                                              "composition distance below which the "
                                              "composition is constant (reported only)")
    driver_threshold: float = _threshold("driver_share_pct", _DEFAULT.driver_share_pct,
                                         "share of the expansion that makes a side the driver",
                                         high=100.0)
    distance: str = Field(default="total_variation", description="composition distance (DISTANCES)")

    @field_validator("size_threshold", "risk_threshold", "liquidity_threshold",
                     "composition_threshold", "driver_threshold", mode="before")
    @classmethod
    def _positive(cls, value: Any, info: Any) -> Any:
        # the Thresholds names and messages (the CLI has always shown these)
        name = {"size_threshold": "size_change_pct", "risk_threshold": "risk_shift_pp",
                "liquidity_threshold": "liquidity_shift_pp",
                "composition_threshold": "composition_pp",
                "driver_threshold": "driver_share_pct"}[info.field_name]
        high = 100.0 if name == "driver_share_pct" else None
        return in_range(name, value, 0.0, high, low_inclusive=False)

    @field_validator("distance", mode="before")
    @classmethod
    def _distance(cls, value: Any) -> Any:
        DISTANCES.get(value)
        return value

    def thresholds(self) -> Thresholds:
        """The :class:`Thresholds` object."""
        return Thresholds(self.size_threshold, self.risk_threshold, self.liquidity_threshold,
                          self.composition_threshold, self.driver_threshold)


# ---------------------------------------------------------------------------- classify
class ClassifyRequest(_ThresholdFields):
    """Classify the change between two balance sheets (``monpol easing classify``): a
    bundled pair or two CSV files."""

    dataset: str | None = Field(default="fed-2007-2008", description="a bundled pair of balance "
                                                             "sheets (BALANCE_SHEET_DATASETS)")
    before: str | None = Field(default=None, min_length=1, max_length=4096,
                               description="CSV file with the earlier balance sheet")
    after: str | None = Field(default=None, min_length=1, max_length=4096,
                              description="CSV file with the later balance sheet")
    before_date: str | None = Field(default=None, max_length=32,
                                    description="date to pick when before holds several")
    after_date: str | None = Field(default=None, max_length=32,
                                   description="date to pick when after holds several")
    unit: str | None = Field(default=None, max_length=40,
                             description="unit label when the files have no unit column")
    institution: str | None = Field(default=None, max_length=200, description="institution when the "
                                                                     "files have none")
    stated_target: Literal["auto", "none"] = Field(
        default="auto", description="auto: look up a reserve target in the catalogue")
    attributes: dict[str, bool | None] = Field(
        default_factory=dict, max_length=100,
        description="category attribute changes 'CATEGORY.ATTRIBUTE' → true, false or "
                    "None (unknown); attributes liquid, risky, monetary")

    _files = field_validator("before", "after", mode="before")(path_text)

    @field_validator("dataset", mode="before")
    @classmethod
    def _dataset(cls, value: Any) -> Any:
        return value if value is None else one_of("dataset", value, BALANCE_SHEET_DATASETS)

    @field_validator("attributes", mode="before")
    @classmethod
    def _attributes(cls, value: Any) -> Any:
        for target in value if isinstance(value, dict) else ():
            category, dot, attr = str(target).rpartition(".")
            if not dot or not category or attr not in ATTRIBUTES:
                raise InputError(f"attributes keys must look like CATEGORY.ATTRIBUTE with "
                                 f"ATTRIBUTE one of {', '.join(ATTRIBUTES)}; got {target!r}")
        return value

    @model_validator(mode="after")
    def _one_source(self) -> ClassifyRequest:
        files = self.before is not None or self.after is not None
        if (self.dataset is None) == (not files):
            raise InputError("give either --dataset or both --before and --after (fields "
                             f"dataset, before, after); got dataset={self.dataset!r}, "
                             f"before={self.before!r}, after={self.after!r}")
        if files and (self.before is None or self.after is None):
            raise InputError("--before and --after go together (fields before, after)")
        return self


def run_classify(request: ClassifyRequest) -> EasingClassification:
    """Quantitative / qualitative / credit easing, driver and intent of the change."""
    instance_of("request", request, ClassifyRequest, "a ClassifyRequest")
    tax = taxonomy(request.attributes)
    if request.dataset is not None:
        pair = load_snapshots(request.dataset, taxonomy=tax)
        before, after = pair.before, pair.after
    else:
        assert request.before is not None and request.after is not None
        before = read_balance_sheet(request.before, date=request.before_date, unit=request.unit,
                                    institution=request.institution, taxonomy=tax)
        after = read_balance_sheet(request.after, date=request.after_date, unit=request.unit,
                                   institution=request.institution, taxonomy=tax)
    return classify(before, after, thresholds=request.thresholds(), distance=request.distance,
                    stated_target=request.stated_target, taxonomy=tax)


# ---------------------------------------------------------------------------- windows
class WindowsRequest(_ThresholdFields):
    """Classify windows of the weekly H.4.1 series (``monpol easing windows``)."""

    breaks: tuple[str, ...] | None = Field(
        default=None, min_length=1, max_length=10_000,
        description="window boundaries (dates); default the seed's 2007-12-19, 2008-08-27, "
                    "2008-12-17")
    freq: Literal["M", "Q", "Y"] | None = Field(
        default=None, description="consecutive calendar windows instead of breaks")
    rolling: int | None = Field(default=None, ge=1, le=10_000,
                                description="every pair this many weeks apart instead of breaks")
    start: str | None = Field(default=None, max_length=32, description="first date of the series used")
    end: str | None = Field(default=None, max_length=32, description="last date of the series used")


def run_windows(request: WindowsRequest) -> WindowClassification:
    """The easing verdict of each window of the H.4.1 series."""
    instance_of("request", request, WindowsRequest, "a WindowsRequest")
    breaks = list(request.breaks) if request.breaks is not None else None
    return classify_h41(breaks=breaks, freq=request.freq, rolling=request.rolling,
                        start=request.start, end=request.end, thresholds=request.thresholds(),
                        distance=request.distance)


# ---------------------------------------------------------------------------- revaluation
class RevaluationRequest(Request):
    """Valuation gain on an external position after a depreciation of the home currency
    (``monpol easing revaluation``): two currencies, or a CSV of positions."""

    foreign_assets: float | None = Field(default=None, ge=-MONEY_HIGH, le=MONEY_HIGH,
                                         description="assets in foreign currency "
                                                     "(home-currency value, in unit)")
    foreign_liabilities: float = Field(default=0.0, ge=-MONEY_HIGH, le=MONEY_HIGH,
                                       description="liabilities in foreign currency, in unit")
    home_assets: float = Field(default=0.0, ge=-MONEY_HIGH, le=MONEY_HIGH,
                               description="assets in home currency (not revalued), in unit")
    home_liabilities: float = Field(default=0.0, ge=-MONEY_HIGH, le=MONEY_HIGH,
                                    description="liabilities in home currency (not revalued; "
                                                "seed: 21.1), in unit")
    positions: str | None = Field(default=None, min_length=1, max_length=4096,
                                  description="CSV: currency,assets,liabilities"
                                              "[,depreciation_pct]")
    depreciation: float | None = Field(default=None, gt=-100.0, le=1000.0,
                                       description="depreciation of the home currency, percent "
                                                   "(below 100 with foreign_per_home)")
    convention: str = Field(default="home_per_foreign", description="home_per_foreign: gain = assets·d "
                                                            "(seed); foreign_per_home: "
                                                            "assets·d/(100 − d) (CONVENTIONS)")
    home_currency: str = Field(default="USD", min_length=3, max_length=3,
                               description="ISO code of the home currency")
    unit: str = Field(default="USD tn", min_length=1, max_length=40,
                      description="unit of the amounts, e.g. 'USD tn'")

    _positions = field_validator("positions", mode="before")(path_text)

    @field_validator("convention", mode="before")
    @classmethod
    def _convention(cls, value: Any) -> Any:
        CONVENTIONS.get(value)
        return value

    @model_validator(mode="after")
    def _one_source(self) -> RevaluationRequest:
        if self.positions is not None and self.foreign_assets is not None:
            raise InputError("give either --positions or --foreign-assets, not both (fields "
                             "positions, foreign_assets)")
        if self.positions is None and (self.foreign_assets is None or self.depreciation is None):
            raise InputError("give --foreign-assets and --depreciation (or --positions): fields "
                             f"foreign_assets, depreciation; got {self.foreign_assets!r}, "
                             f"{self.depreciation!r}")
        return self


def run_revaluation(request: RevaluationRequest) -> RevaluationResult:
    """The valuation gain (the library checks the unit is in the home currency)."""
    instance_of("request", request, RevaluationRequest, "a RevaluationRequest")
    unit = parse_money_unit(request.unit)
    if request.positions is not None:
        try:
            frame = pd.read_csv(request.positions)
        except FileNotFoundError:
            raise InputError(f"positions file {request.positions!r} does not exist") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise InputError(f"--positions {request.positions!r} is not a readable CSV file: "
                             f"{exc}") from None
        if request.depreciation is None and "depreciation_pct" not in frame.columns:
            raise InputError("give --depreciation or a depreciation_pct column (field "
                             "depreciation)")
        return revalue(frame, request.depreciation, home_currency=request.home_currency,
                       unit=unit, convention=request.convention)
    assert request.foreign_assets is not None and request.depreciation is not None
    return revaluation(foreign_assets=request.foreign_assets, depreciation=request.depreciation,
                       foreign_liabilities=request.foreign_liabilities,
                       home_assets=request.home_assets, home_liabilities=request.home_liabilities,
                       home_currency=request.home_currency, unit=unit,
                       convention=request.convention)


# ---------------------------------------------------------------------------- reading
class LostDecadeRequest(Request):
    """Japan's lost-decade figures (``monpol easing lost-decade``); no inputs."""


def run_lost_decade(request: LostDecadeRequest) -> LostDecade:
    """Asset prices, bad loans, fiscal packages and the timeline (bundled)."""
    instance_of("request", request, LostDecadeRequest, "a LostDecadeRequest")
    return load_lost_decade()


class CatalogueRequest(Request):
    """A selection of the programme catalogue (``monpol catalog list``)."""

    category: str | None = Field(default=None, description=f"only this category: "
                                                   f"{', '.join(CATEGORIES)}")
    central_bank: str | None = Field(default=None, min_length=1, max_length=200,
                                     description="only this central bank, e.g. 'Bank of Japan'")

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        if value is not None and value not in CATEGORIES:
            listed = ", ".join(repr(c) for c in CATEGORIES)
            raise InputError(f"category must be one of {listed}; got {value!r}")
        return value


def run_catalogue(request: CatalogueRequest) -> CatalogueTable:
    """The selected programmes and facilities."""
    instance_of("request", request, CatalogueRequest, "a CatalogueRequest")
    return catalogue().list(category=request.category, central_bank=request.central_bank)


class ProgrammeRequest(Request):
    """One catalogue entry by acronym or name (``monpol catalog show|path``)."""

    name: str = Field(default="QE1", min_length=1, max_length=200,
                      description="acronym or name, e.g. QE1, CPFF, 'BOJ QE'")


def programme(request: ProgrammeRequest) -> Programme:
    """The catalogue entry (counterparties, collateral, dates, amounts, sources)."""
    instance_of("request", request, ProgrammeRequest, "a ProgrammeRequest")
    return catalogue().get(request.name)


def run_purchase_path(request: ProgrammeRequest) -> PurchasePath:
    """Monthly and cumulative purchases of a programme with a schedule (QE1, QE2)."""
    return programme(request).purchase_path()


# ---------------------------------------------------------------------------- robustness
ROBUSTNESS_PAIRS = ("fed-2007-2008", "boj-2000-2005")
"""The seed's two snapshot pairs (Fed 2007-2008, BOJ 2000-2005) the robustness grid reads."""


class RobustnessRequest(_ThresholdFields):
    """The seed's four verdicts (the Fed and BOJ snapshot pairs, the two H.4.1 windows) with
    each threshold scaled by each factor, the others at the request's thresholds."""

    factors: tuple[float, ...] = Field(
        default=(0.5, 2.0), min_length=1, max_length=20,
        description="multipliers applied to one threshold at a time (each in (0, 100])")

    @field_validator("factors", mode="before")
    @classmethod
    def _factors(cls, value: Any) -> Any:
        for f in value if isinstance(value, (list, tuple)) else ():
            in_range("factors", f, 0.0, 100.0, low_inclusive=False)
        return value


def run_threshold_robustness(request: RobustnessRequest) -> ThresholdRobustness:
    """One row per threshold setting: the base thresholds, then each threshold × each factor.

    A factor that would push driver_share_pct above 100 raises :class:`InputError`.
    """
    instance_of("request", request, RobustnessRequest, "a RobustnessRequest")
    base = request.thresholds()
    cases: list[tuple[str, float, Thresholds]] = [("all at default", float("nan"), base)]
    for name, value in base.to_dict().items():
        cases += [(name, value * f, replace(base, **{name: value * f})) for f in request.factors]
    fed_pair, boj_pair = (load_snapshots(n) for n in ROBUSTNESS_PAIRS)
    rows = []
    for label, value, th in cases:
        fed = classify(fed_pair.before, fed_pair.after, thresholds=th, distance=request.distance)
        boj = classify(boj_pair.before, boj_pair.after, thresholds=th, distance=request.distance)
        win = classify_h41(thresholds=th, distance=request.distance).windows["verdict"].tolist()
        rows.append({"threshold": label, "value": value,
                     "Fed": f"{fed.verdict} ({fed.intent})",
                     "BOJ": f"{boj.verdict} ({boj.intent})",
                     "H.4.1 Dec 2007-Aug 2008": win[0], "H.4.1 Aug-Dec 2008": win[1]})
    return ThresholdRobustness(pd.DataFrame(rows), base, tuple(request.factors))


# ---------------------------------------------------------------------------- data read
class SnapshotRequest(Request):
    """One balance sheet of a bundled pair (its items, shares and totals)."""

    dataset: str = Field(default="fed-2007-2008", description="a bundled pair of balance sheets "
                                                              "(BALANCE_SHEET_DATASETS)")
    which: Literal["before", "after"] = Field(default="after",
                                              description="the earlier or the later sheet")

    @field_validator("dataset", mode="before")
    @classmethod
    def _dataset(cls, value: Any) -> Any:
        return one_of("dataset", value, BALANCE_SHEET_DATASETS)


def run_snapshot(request: SnapshotRequest) -> BalanceSheet:
    """The balance sheet (``to_frame()``: items with amount and share of total assets)."""
    instance_of("request", request, SnapshotRequest, "a SnapshotRequest")
    pair = load_snapshots(request.dataset)
    return pair.before if request.which == "before" else pair.after


H41Column = Literal["WALCL", "TREAST", "WRESBAL"]
H41_COLUMNS: tuple[H41Column, ...] = ("WALCL", "TREAST", "WRESBAL")


class H41Request(Request):
    """Levels of the weekly H.4.1 series (us-h41-weekly) on given weeks."""

    dates: tuple[str, ...] = Field(default=("2007-12-19", "2008-12-17"), min_length=1,
                                   max_length=10_000,
                                   description="H.4.1 weeks (Wednesdays, YYYY-MM-DD)")
    columns: tuple[H41Column, ...] = Field(
        default=H41_COLUMNS, min_length=1, max_length=3,
        description="series: WALCL, TREAST (USD mn), WRESBAL (USD bn)")

    @field_validator("dates", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        for d in value if isinstance(value, (list, tuple)) else ():
            date_like("dates", d)
        return value


def run_h41_levels(request: H41Request) -> H41Levels:
    """The levels on exactly the dates asked for (a date with no H.4.1 week is an error)."""
    instance_of("request", request, H41Request, "an H41Request")
    h41 = load_h41()
    wanted = pd.DatetimeIndex([date_like("dates", d) for d in request.dates])
    pos = h41.index.get_indexer(wanted)
    if (pos < 0).any():
        bad = request.dates[int((pos < 0).argmax())]
        raise InputError(f"dates must be H.4.1 weeks of us-h41-weekly ({h41.index[0].date()} to "
                         f"{h41.index[-1].date()}, Wednesdays); got {bad!r}")
    levels = h41.iloc[pos][list(request.columns)]
    return H41Levels(levels.set_axis(wanted, axis=0))


_CHOICES: dict[str, Callable[[], list[str]]] = {
    "dataset": lambda: list(BALANCE_SHEET_DATASETS), "distance": DISTANCES.names,
    "convention": CONVENTIONS.names, "category": lambda: list(CATEGORIES),
}
_SPECIAL_CHOICES: dict[tuple[str, str], Callable[[], list[str]]] = {}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """The allowed names of a request field of this area, read now, or None
    (:func:`monpol.core.requests.field_choices` with this area's registries)."""
    return _field_choices(request, field, _CHOICES, _SPECIAL_CHOICES)


REQUESTS: dict[str, tuple[type[Request], Callable[[Any], Any]]] = {
    "classify": (ClassifyRequest, run_classify),
    "windows": (WindowsRequest, run_windows),
    "revaluation": (RevaluationRequest, run_revaluation),
    "lost_decade": (LostDecadeRequest, run_lost_decade),
    "catalogue": (CatalogueRequest, run_catalogue),
    "purchase_path": (ProgrammeRequest, run_purchase_path),
    "threshold_robustness": (RobustnessRequest, run_threshold_robustness),
    "snapshot": (SnapshotRequest, run_snapshot),
    "h41_levels": (H41Request, run_h41_levels),
}
"""Short name → (request class, run function), for the CLI and the dashboard."""
