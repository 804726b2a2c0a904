"""The programme and facility catalogue: sourced entries, queries, purchase paths.

Entries live in TOML files in ``catalogue_data/`` (one ``[[programme]]`` table each,
validated by pydantic): name, acronym, central bank, category, counterparties, collateral,
dates, amounts, purchase schedule, reserve-target steps, exit conditions and sources (each
source says whether a stored copy of it was read, ``checked``).

Categories follow Bernanke (2009) — lending to financial institutions, liquidity to key
credit markets, purchases of longer-term securities — plus Stone's (2009) firm-specific
support, and ``reserve_target`` for a quantity target for reserves (the BOJ, 2001-2006).

Examples
--------
>>> cat = catalogue()
>>> [p.acronym for p in cat.select(category="firm_specific")]
['Maiden Lane', 'AIG']
>>> qe2 = cat.get("qe2")
>>> path = qe2.purchase_path()
>>> float(path.total.iloc[-1])          # 8 months x (75 + 35) USD bn
880.0
>>> cat.reserve_target_at("Bank of Japan", "2005-12-31").band
'30-35 trillion yen'
>>> cat.get("QE3")
Traceback (most recent call last):
...
monpol.core.errors.InputError: programme must be one of ...; got 'QE3'
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from monpol.core.errors import DataError, InputError
from monpol.core.results import Result, Summary
from monpol.core.validation import one_of
from monpol.easing.taxonomy import default_taxonomy

__all__ = [
    "CATEGORIES",
    "Amount",
    "Catalogue",
    "CatalogueTable",
    "Programme",
    "PurchasePath",
    "ScheduleLeg",
    "Source",
    "TargetStep",
    "catalogue",
]

CategoryName = Literal[
    "lending_to_institutions", "credit_market_liquidity", "securities_purchases",
    "firm_specific", "reserve_target",
]

#: Catalogue categories and what they mean.
CATEGORIES: dict[str, str] = {
    "lending_to_institutions": "Bernanke (2009) 1: short-term liquidity to sound financial "
    "institutions (the lender-of-last-resort role)",
    "credit_market_liquidity": "Bernanke (2009) 2: liquidity directly to borrowers and "
    "investors in key credit markets",
    "securities_purchases": "Bernanke (2009) 3: purchases of longer-term securities",
    "firm_specific": "Stone (2009) 4: firm-specific support against systemic risk",
    "reserve_target": "a quantity target for reserves (intentional quantitative easing)",
}

_MODEL = ConfigDict(extra="forbid", frozen=True)


def _iso(value: str) -> str:
    """An ISO date (YYYY-MM-DD) or month (YYYY-MM)."""
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        raise ValueError(f"not an ISO date: {value!r}")
    try:
        pd.Timestamp(value + "-01" if len(value) == 7 else value)
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None
    return value


class Source(BaseModel):
    """A source, what it supports, and whether a stored copy was read (``checked``)."""

    model_config = _MODEL
    citation: str
    url: str = ""
    checked: bool


class Amount(BaseModel):
    """An amount (``value``, or a range ``low``-``high``) with unit, date and source."""

    model_config = _MODEL
    label: str
    unit: str
    as_of: str
    source: str
    value: float | None = None
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _value_or_range(self) -> Amount:
        if (self.value is None) == (self.low is None or self.high is None):
            raise ValueError(f"amount {self.label!r}: give value, or low and high")
        return self

    @property
    def text(self) -> str:
        if self.value is not None:
            return f"{self.value:g} {self.unit}"
        return f"{self.low:g}-{self.high:g} {self.unit}"


class ScheduleLeg(BaseModel):
    """One leg of a purchase schedule: an amount spread evenly, or a monthly pace."""

    model_config = _MODEL
    asset: str
    unit: str
    start: str
    end: str
    pace_basis: str
    amount: float | None = None
    monthly_pace: float | None = None

    _check_dates = field_validator("start", "end")(_iso)

    @model_validator(mode="after")
    def _amount_or_pace(self) -> ScheduleLeg:
        if (self.amount is None) == (self.monthly_pace is None):
            raise ValueError(f"schedule leg {self.asset!r}: give amount or monthly_pace")
        if pd.Period(self.end, "M") < pd.Period(self.start, "M"):
            raise ValueError(f"schedule leg {self.asset!r}: end before start")
        return self

    def months(self) -> pd.PeriodIndex:
        return pd.period_range(self.start, self.end, freq="M")

    @property
    def pace(self) -> float:
        """Purchases per month."""
        if self.monthly_pace is not None:
            return self.monthly_pace
        assert self.amount is not None
        return self.amount / len(self.months())


class TargetStep(BaseModel):
    """A reserve-quantity target in force from ``date`` (a band ``lower``-``upper``)."""

    model_config = _MODEL
    date: str
    lower: float
    upper: float
    unit: str
    checked: bool
    source: str

    _check_date = field_validator("date")(_iso)

    @property
    def band(self) -> str:
        if self.lower == self.upper:
            return f"about {self.lower:g} {self.unit}"
        return f"{self.lower:g}-{self.upper:g} {self.unit}"


class Programme(BaseModel):
    """One programme or facility (see the module docstring for the fields)."""

    model_config = _MODEL
    name: str
    acronym: str
    central_bank: str
    category: CategoryName
    asset_category: str
    counterparties: str
    collateral: str
    announced: str
    description: str
    sources: tuple[Source, ...] = Field(min_length=1)
    started: str = ""
    ended: str = ""
    components: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    schedule: tuple[ScheduleLeg, ...] = ()
    target_steps: tuple[TargetStep, ...] = ()
    exit_conditions: tuple[str, ...] = ()

    _check_dates = field_validator("announced", "started", "ended")(
        lambda v: v if v == "" else _iso(v)
    )

    @field_validator("asset_category")
    @classmethod
    def _known_asset_category(cls, v: str) -> str:
        default_taxonomy().get("asset", v)
        return v

    # -- derived ------------------------------------------------------------------------
    def purchase_path(self) -> PurchasePath:
        """Monthly purchases and their cumulative sum, by leg and in total.

        Raises
        ------
        InputError
            If the programme has no purchase schedule.
        """
        if not self.schedule:
            with_schedule = [p.acronym for p in catalogue().entries if p.schedule]
            raise InputError(f"programme {self.acronym!r} has no purchase schedule; "
                             f"programmes with one: {with_schedule}")
        months = pd.period_range(min(pd.Period(s.start, "M") for s in self.schedule),
                                 max(pd.Period(s.end, "M") for s in self.schedule), freq="M")
        legs = pd.DataFrame(0.0, index=pd.PeriodIndex(months, name="month"),
                            columns=[s.asset for s in self.schedule])
        for s in self.schedule:
            legs.loc[s.months(), s.asset] = s.pace
        units = {s.unit for s in self.schedule}
        return PurchasePath(self.acronym, legs, units.pop() if len(units) == 1 else "mixed",
                            tuple(s.pace_basis for s in self.schedule))

    def target_path(self) -> pd.DataFrame:
        """Reserve-target steps: date, lower, upper, unit, checked, source."""
        return pd.DataFrame([t.model_dump() for t in self.target_steps],
                            columns=["date", "lower", "upper", "unit", "checked", "source"])

    def in_force(self, date: str | pd.Timestamp) -> bool:
        """Whether ``date`` lies between the start (or announcement) and the end."""
        ts = pd.Timestamp(date)
        start = pd.Timestamp(self.started or self.announced)
        end = pd.Timestamp(self.ended) if self.ended else pd.Timestamp.max
        return bool(start <= ts <= end)

    # -- results interface --------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The amounts: label, value, low, high, unit, as_of, source."""
        return pd.DataFrame([a.model_dump() for a in self.amounts],
                            columns=["label", "value", "low", "high", "unit", "as_of", "source"])

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def summary(self) -> Summary:
        s = Summary(f"{self.name} ({self.acronym})")
        s.add_items({
            "central bank": self.central_bank,
            "category": self.category,
            "balance-sheet category": self.asset_category,
            "counterparties": self.counterparties,
            "collateral / instruments": self.collateral,
            "announced": self.announced,
            "started": self.started or "",
            "ended": self.ended or "",
        })
        if self.amounts:
            s.add_table(self.to_frame().set_index("label")[["value", "low", "high", "unit",
                                                            "as_of"]], "Amounts", digits=2)
        if self.schedule:
            s.add_table(pd.DataFrame([{"asset": x.asset, "start": x.start, "end": x.end,
                                       "pace_per_month": x.pace, "unit": x.unit} for x in
                                      self.schedule]).set_index("asset"), "Purchase schedule",
                        digits=2)
        if self.target_steps:
            s.add_table(self.target_path().set_index("date")[["lower", "upper", "unit",
                                                               "checked"]],
                        "Reserve target (current-account balance)", digits=0)
        s.add_note(self.description)
        for c in self.exit_conditions:
            s.add_note(f"Exit condition: {c}")
        for src in self.sources:
            s.add_note(f"Source: {src.citation}" + (f" <{src.url}>" if src.url else "")
                       + ("" if src.checked else " [not re-checked]"))
        return s

    def __str__(self) -> str:
        return self.summary().as_text()

    def _repr_html_(self) -> str:
        return self.summary().as_html()


@dataclass(frozen=True)
class PurchasePath(Result):
    """Monthly purchases by leg, their total and cumulative sums.

    Attributes
    ----------
    programme : str
    legs : DataFrame
        Purchases per month (rows: months, columns: legs).
    unit : str
    pace_basis : tuple of str
        How each leg's pace was set (stated or assumed even pace).
    """

    programme: str
    legs: pd.DataFrame
    unit: str
    pace_basis: tuple[str, ...]

    @property
    def monthly(self) -> pd.Series:
        """Total purchases per month."""
        return self.legs.sum(axis=1).rename("monthly")

    @property
    def total(self) -> pd.Series:
        """Cumulative purchases at each month's end."""
        return self.monthly.cumsum().rename("cumulative")

    def to_frame(self) -> pd.DataFrame:
        """Long: month, leg, purchases, cumulative (legs and 'total')."""
        parts = []
        for col in [*self.legs.columns, "total"]:
            flow = self.monthly if col == "total" else self.legs[col]
            parts.append(pd.DataFrame({"month": flow.index.astype(str), "leg": col,
                                       "purchases": flow.to_numpy(),
                                       "cumulative": flow.cumsum().to_numpy()}))
        return pd.concat(parts, ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        return {"programme": self.programme, "unit": self.unit,
                "monthly_total": float(self.monthly.iloc[0]) if (self.monthly == self.monthly.iloc[0]).all()
                else None,
                "cumulative_total": float(self.total.iloc[-1]),
                "months": len(self.legs), "pace_basis": list(self.pace_basis),
                "path": self.to_frame().to_dict(orient="records")}

    def summary(self) -> Summary:
        s = Summary(f"{self.programme}: purchase path ({self.unit})")
        table = self.legs.copy()
        table["monthly"] = self.monthly
        table["cumulative"] = self.total
        table.index = table.index.astype(str)
        s.add_table(table, digits=1)
        for b in self.pace_basis:
            s.add_note(b)
        return s

    def plot(self, ax: Any = None) -> Any:
        """Cumulative purchases by leg (stacked areas)."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        x = pd.PeriodIndex(self.legs.index).to_timestamp(how="end")
        ax.stackplot(x, *[self.legs[c].cumsum().to_numpy() for c in self.legs.columns],
                     labels=list(self.legs.columns), alpha=0.8)
        ax.set_ylabel(f"cumulative purchases ({self.unit})")
        ax.set_title(f"{self.programme}: cumulative purchases")
        ax.legend(loc="upper left", fontsize=8)
        return fig


@dataclass(frozen=True)
class CatalogueTable(Result):
    """A selection of catalogue entries."""

    entries: tuple[Programme, ...]
    query: dict[str, str]

    def to_frame(self) -> pd.DataFrame:
        """Columns: acronym, name, central_bank, category, announced, started, ended,
        counterparties, collateral, amounts (text)."""
        return pd.DataFrame(
            [{"acronym": p.acronym, "name": p.name, "central_bank": p.central_bank,
              "category": p.category, "announced": p.announced, "started": p.started,
              "ended": p.ended, "counterparties": p.counterparties, "collateral": p.collateral,
              "amounts": "; ".join(f"{a.label}: {a.text} ({a.as_of})" for a in p.amounts)}
             for p in self.entries],
            columns=["acronym", "name", "central_bank", "category", "announced", "started",
                     "ended", "counterparties", "collateral", "amounts"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "count": len(self.entries),
                "entries": [p.to_dict() for p in self.entries]}

    def summary(self) -> Summary:
        what = ", ".join(f"{k}={v}" for k, v in self.query.items()) or "all"
        s = Summary(f"Programme and facility catalogue ({what}): {len(self.entries)} entries")
        s.add_table(self.to_frame().set_index("acronym")[["category", "central_bank",
                                                          "announced", "ended", "name"]])
        s.add_note("monpol catalog show NAME for counterparties, collateral, amounts and sources.")
        return s


@dataclass(frozen=True)
class Catalogue:
    """All entries, with queries."""

    entries: tuple[Programme, ...]

    def names(self) -> list[str]:
        return [p.acronym for p in self.entries]

    def get(self, name: str) -> Programme:
        """Entry by acronym or name (case-insensitive)."""
        key = str(name).strip().lower()
        for p in self.entries:
            if key in (p.acronym.lower(), p.name.lower()):
                return p
        listed = ", ".join(repr(n) for n in self.names())
        raise InputError(f"programme must be one of {listed} (or a full name); got {name!r}")

    def select(self, *, category: str | None = None,
               central_bank: str | None = None) -> tuple[Programme, ...]:
        """Entries of a category and/or central bank (validated names)."""
        if category is not None:
            one_of("category", category, CATEGORIES)
        if central_bank is not None:
            one_of("central_bank", central_bank, sorted({p.central_bank for p in self.entries}))
        return tuple(p for p in self.entries
                     if (category is None or p.category == category)
                     and (central_bank is None or p.central_bank == central_bank))

    def list(self, *, category: str | None = None,
             central_bank: str | None = None) -> CatalogueTable:
        """A :class:`CatalogueTable` of the selected entries."""
        query = {k: v for k, v in {"category": category, "central_bank": central_bank}.items()
                 if v is not None}
        return CatalogueTable(self.select(category=category, central_bank=central_bank), query)

    def reserve_target_at(self, institution: str,
                          date: str | pd.Timestamp) -> StatedTarget | None:
        """The reserve-quantity target of ``institution`` in force on ``date``, if any."""
        ts = pd.Timestamp(date)
        for p in self.entries:
            if p.central_bank != institution or not p.target_steps or not p.in_force(ts):
                continue
            steps = [t for t in p.target_steps if pd.Timestamp(t.date) <= ts]
            if steps:
                return StatedTarget(p.acronym, steps[-1])
        return None


@dataclass(frozen=True)
class StatedTarget:
    """A stated reserve-quantity target: the programme and the step in force."""

    programme: str
    step: TargetStep

    @property
    def band(self) -> str:
        return self.step.band

    def describe(self) -> str:
        return f"{self.programme}: current-account target {self.band} (from {self.step.date})"


def _load(files: Sequence[str]) -> Catalogue:
    entries: list[Programme] = []
    root = resources.files("monpol.easing") / "catalogue_data"
    for fname in files:
        text = (root / fname).read_text(encoding="utf-8")
        try:
            raw = tomllib.loads(text)
            entries += [Programme.model_validate(e) for e in raw["programme"]]
        except (tomllib.TOMLDecodeError, ValidationError, KeyError) as exc:
            raise DataError(f"catalogue file {fname!r} is invalid: {exc}") from exc
    seen: set[str] = set()
    for p in entries:
        if p.acronym.lower() in seen:
            raise DataError(f"catalogue lists {p.acronym!r} twice")
        seen.add(p.acronym.lower())
    return Catalogue(tuple(entries))


@functools.cache
def catalogue() -> Catalogue:
    """The bundled catalogue (cached)."""
    return _load(("fed_facilities.toml", "asset_purchases.toml"))
