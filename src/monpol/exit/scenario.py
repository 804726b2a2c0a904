"""Scenario pieces: policy-rate paths, pre-exit three-tier remuneration, sales, timing.

Everything here is a small immutable object validated when built; the projection engine
(:class:`~monpol.exit.model.ExitModel`) reads them.

Examples
--------
>>> RatePath.constant(0.5, start_year=2023, years=3).rates.tolist()
[0.5, 0.5, 0.5]
>>> path = RatePath.from_changes({"2024-03-19": 0.1, "2024-07-31": 0.25, "2025-01-24": 0.5},
...                              initial=-0.1, start_year=2024, years=2)
>>> [round(float(r), 4) for r in path.rates]   # day-weighted calendar-year averages
[0.1205, 0.4842]
>>> Timing().describe()["reserves"]
'a bond maturing in year t drains reserves for all of year t: reserves(t) = reserves(t-1) - R(t)'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.core.units import pct_to_frac
from monpol.core.validation import (
    MAX_YEARS,
    date_like,
    finite_array,
    in_range,
    one_of,
    percent,
    positive_int,
    warn_if_fractions,
)
from monpol.exit.ladder import Ladder, _plain

__all__ = [
    "ACCOUNTING",
    "REDEMPTION_TIMINGS",
    "REINVESTED_REDEMPTIONS",
    "REINVESTMENT_TIMINGS",
    "SALE_ORDERS",
    "Accounting",
    "RatePath",
    "Sales",
    "ThreeTier",
    "Timing",
]


# ---------------------------------------------------------------------------- timing
@dataclass(frozen=True)
class _TimingRule:
    fraction: Callable[[Ladder], np.ndarray]
    holdings: str
    reserves: str
    new_year: float = 0.0   # φ for a bond maturing on 1 January (reinvested bonds)


def _const(value: float) -> Callable[[Ladder], np.ndarray]:
    def frac(ladder: Ladder) -> np.ndarray:
        return np.full(len(ladder), value)

    return frac


REDEMPTION_TIMINGS: Registry[_TimingRule] = Registry("timing")
"""When, within its maturity year, a redemption is deemed to happen.

The fraction φ ∈ [0, 1] of the maturity year elapsed at the redemption: the bond earns
interest for φ of that year (holdings timing) and its cash leaves reserves for 1 − φ of
that year (reserves timing).
"""
REDEMPTION_TIMINGS.add("year_end", _TimingRule(
    _const(1.0),
    "a bond maturing in year t is held all of year t: holdings(t) = H0 - redemptions of the "
    "years before t (seed 002: 前年までの償還額)",
    "a bond maturing in year t drains reserves from year t+1: reserves(t) = reserves(t-1) - R(t-1)",
    1.0,
))
REDEMPTION_TIMINGS.add("year_start", _TimingRule(
    _const(0.0),
    "a bond maturing in year t earns nothing in year t: holdings(t) = H0 - redemptions "
    "through year t",
    "a bond maturing in year t drains reserves for all of year t: reserves(t) = reserves(t-1) - R(t)",
))
REDEMPTION_TIMINGS.add("mid_year", _TimingRule(
    _const(0.5),
    "a bond maturing in year t is held half of year t",
    "a bond maturing in year t drains reserves for half of year t",
    0.5,
))
REDEMPTION_TIMINGS.add("maturity_date", _TimingRule(
    lambda ladder: ladder.year_fraction(),
    "a bond earns interest until its maturity date (day-weighted; issue-level ladders only)",
    "a bond's cash leaves reserves on its maturity date (day-weighted; issue-level ladders only)",
))

REINVESTED_REDEMPTIONS: Registry[str] = Registry("reinvested_redemption")
"""When a reinvested bond bought on 1 January of year b with tenor T is redeemed.

Seed 002 does not say; its published figures cannot tell the two apart (the first
reinvested bonds, bought in 2024, are redeemed in 2033 or 2034, after every published loss
year). ``after_tenor`` is the default: a 10-year bond earns ten years of interest.
"""
REINVESTED_REDEMPTIONS.add(
    "after_tenor",
    "a T-year bond bought on 1 January of year b earns interest in years b .. b+T-1 and is "
    "redeemed at the end of year b+T-1 (for the seed's 10-year bond bought in year t: t+9)",
)
REINVESTED_REDEMPTIONS.add(
    "maturity_year",
    "a T-year bond bought on 1 January of year b matures on 1 January of year b+T and is "
    "treated like a starting bond maturing in year b+T: the holdings and reserves timings "
    "apply to it there (t+10; with the seed's literal holdings timing it earns an 11th year "
    "of interest). Only with reinvest_timing 'next_year'",
)

REINVESTMENT_TIMINGS: Registry[str] = Registry("reinvest_timing")
REINVESTMENT_TIMINGS.add(
    "next_year",
    "a share of year t's redemptions is bought on 1 January of year t+1 at year t+1's short "
    "rate plus the spread (seed 002: 前年の償還額の半分を足し直す)",
)
REINVESTMENT_TIMINGS.add(
    "at_redemption",
    "the reinvested share is bought when the bond is redeemed (same timing as the redemption), "
    "at that year's short rate plus the spread",
)


@dataclass(frozen=True)
class Timing:
    """The timing conventions of seed 002 as explicit options (spec 03, §2).

    The defaults read the seed's wording literally; change one at a time to see how the
    numbers move (the casebook shows the grid).

    Parameters
    ----------
    holdings : {"year_end", "year_start", "mid_year", "maturity_date"}
        How long a bond earns interest in its maturity year. ``"year_end"`` (default) is
        the seed's "holdings of year t = starting holdings − redemptions of the years
        *before* t" (前年までの償還額).
    reserves : {"year_start", "year_end", "mid_year", "maturity_date"}
        How long the redemption cash still counts in excess reserves in the maturity year.
        ``"year_start"`` (default) is the seed's "reserves of year t = the previous year's
        reserves − the redemptions" (前年の額から…償還額を差し引く) read literally, the
        redemptions being year t's own: the cash leaves reserves for all of year t while
        (by the holdings rule) the bond still earns interest all year. ``"year_end"``
        subtracts year t − 1's redemptions instead, the same timing as the holdings (2023
        reserves are then the full starting amount, as spec 03's note on the A-2023 figure
        assumes). ``"mid_year"`` and ``"maturity_date"`` (day-weighted, issue-level
        ladders) are in between.
    reinvestment : {"next_year", "at_redemption"}
        When the reinvested share is bought (default: the seed's next year,
        前年の償還額の半分の金額を足し直す).
    reinvested_redemption : {"after_tenor", "maturity_year"}
        When a reinvested bond is redeemed (:data:`REINVESTED_REDEMPTIONS`): a 10-year bond
        bought on 1 January of year t is redeemed at the end of t+9 (``"after_tenor"``,
        default: ten years of interest) or in t+10 (``"maturity_year"``: its maturity date,
        1 January of t+10, falls in year t+10, where the holdings and reserves timings apply
        to it as to a starting bond). Only ``"after_tenor"`` with ``reinvestment="at_redemption"``
        (bought on the redemption date of the bond it replaces, it matures on the same day
        of year t+T, where those timings already apply).

    Notes
    -----
    Each convention is a fraction φ of the maturity year: ``year_end`` φ = 1,
    ``year_start`` φ = 0, ``mid_year`` φ = 0.5, ``maturity_date`` φ = days elapsed at
    maturity / days in the year. A bond earns φ of its final year's interest; its cash
    leaves reserves for 1 − φ of that year. Holdings and reserves with the same φ are
    consistent accounting; the seed's literal pair (1 for holdings, 0 for reserves) is not:
    in the maturity year the bond both earns its interest and no longer sits in reserves.
    """

    holdings: str = "year_end"
    reserves: str = "year_start"
    reinvestment: str = "next_year"
    reinvested_redemption: str = "after_tenor"

    def __post_init__(self) -> None:
        one_of("holdings_timing", self.holdings, REDEMPTION_TIMINGS.names())
        one_of("reserves_timing", self.reserves, REDEMPTION_TIMINGS.names())
        one_of("reinvest_timing", self.reinvestment, REINVESTMENT_TIMINGS.names())
        one_of("reinvested_redemption", self.reinvested_redemption, REINVESTED_REDEMPTIONS.names())
        if self.reinvested_redemption == "maturity_year" and self.reinvestment != "next_year":
            raise InputError(
                f"reinvested_redemption 'maturity_year' needs reinvest_timing 'next_year'; got "
                f"{self.reinvestment!r} (bought at a redemption date, a reinvested bond matures on "
                f"that date of year t+T, where the holdings and reserves timings already apply)"
            )

    def new_year_fractions(self) -> tuple[float, float]:
        """φ for holdings and reserves of a bond maturing on 1 January (reinvested bonds)."""
        return (REDEMPTION_TIMINGS.get(self.holdings).new_year,
                REDEMPTION_TIMINGS.get(self.reserves).new_year)

    def fractions(self, ladder: Ladder) -> tuple[np.ndarray, np.ndarray]:
        """φ for holdings and for reserves, one per piece of ``ladder``."""
        return (REDEMPTION_TIMINGS.get(self.holdings).fraction(ladder),
                REDEMPTION_TIMINGS.get(self.reserves).fraction(ladder))

    def describe(self) -> dict[str, str]:
        """Each convention in words."""
        return {
            "holdings": REDEMPTION_TIMINGS.get(self.holdings).holdings,
            "reserves": REDEMPTION_TIMINGS.get(self.reserves).reserves,
            "reinvestment": REINVESTMENT_TIMINGS.get(self.reinvestment),
            "reinvested_redemption": REINVESTED_REDEMPTIONS.get(self.reinvested_redemption),
        }

    @property
    def label(self) -> str:
        out = f"holdings {self.holdings}, reserves {self.reserves}, reinvest {self.reinvestment}"
        if self.reinvested_redemption != "after_tenor":
            out += f", reinvested bonds redeemed {self.reinvested_redemption}"
        return out


# ---------------------------------------------------------------------------- accounting
@dataclass(frozen=True)
class Accounting:
    """How a year's result meets capital: one entry of :data:`ACCOUNTING`.

    Subclass it and override :meth:`apply` to add a rule; register an instance with
    ``ACCOUNTING.add(name, rule)`` and pass ``accounting=name`` to the model.

    Parameters
    ----------
    description : str
        The rule in words (shown in the model's settings).
    needs_capital : bool
        Whether the rule needs the starting capital.
    """

    description: str
    needs_capital: bool = True

    def apply(self, net: np.ndarray, capital: float | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Capital remaining, deferred asset and remittances (paths × years) from the net
        income of every path (paths × years, money unit)."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Cumulative(Accounting):
    needs_capital: bool = False

    def apply(self, net: np.ndarray, capital: float | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        cumulative = np.cumsum(net, axis=1)
        remaining = capital + cumulative if capital is not None else np.full(net.shape, np.nan)
        return remaining, np.zeros(net.shape), np.zeros(net.shape)


@dataclass(frozen=True)
class _RemitProfits(Accounting):
    def apply(self, net: np.ndarray, capital: float | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        assert capital is not None
        p, n = net.shape
        remaining, remittances = np.empty((p, n)), np.zeros((p, n))
        level = np.full(p, capital)
        for t in range(n):
            after = level + net[:, t]
            remittances[:, t] = np.maximum(after - capital, 0.0)
            level = np.minimum(after, capital)
            remaining[:, t] = level
        return remaining, np.zeros((p, n)), remittances


@dataclass(frozen=True)
class _DeferredAsset(Accounting):
    def apply(self, net: np.ndarray, capital: float | None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        assert capital is not None
        p, n = net.shape
        deferred, remittances = np.zeros((p, n)), np.zeros((p, n))
        owed = np.zeros(p)
        for t in range(n):
            remittances[:, t] = np.maximum(net[:, t] - owed, 0.0)
            owed = np.maximum(owed - net[:, t], 0.0)
            deferred[:, t] = owed
        return np.full((p, n), capital), deferred, remittances


ACCOUNTING: Registry[Accounting] = Registry("accounting")
"""How results meet capital: name → :class:`Accounting` rule."""
ACCOUNTING.add("cumulative", _Cumulative(
    "every year's result accumulates: capital remaining = capital + cumulative net income "
    "(seed 002 compares the cumulative loss with capital)",
))
ACCOUNTING.add("remit_profits", _RemitProfits(
    "losses reduce capital; profits first restore capital to its starting level, the rest is "
    "paid to the government",
))
ACCOUNTING.add("deferred_asset", _DeferredAsset(
    "Federal Reserve rule: capital stays fixed; a negative result accumulates as a deferred "
    "asset repaid from later profits before remittances resume",
))


# ---------------------------------------------------------------------------- rate paths
@dataclass(frozen=True, init=False, eq=False)
class RatePath:
    """A policy-rate path: one rate (percent, calendar-year average) per year.

    Build it with :meth:`constant`, :meth:`from_changes` (dated decisions, averaged over
    each year by days), :meth:`gradual` (regular steps to a target) or :meth:`read_csv`
    (columns ``year,rate``).
    """

    years: np.ndarray
    rates: np.ndarray
    label: str

    def __init__(self, years: Sequence[int] | np.ndarray, rates: Sequence[float] | np.ndarray,
                 *, label: str = "") -> None:
        y = finite_array("years", years, ndim=1)
        r = finite_array("rates", rates, ndim=1)
        if len(y) == 0:
            raise InputError("a rate path needs at least one year")
        if len(y) != len(r):
            raise InputError(f"years and rates must have the same length; got {len(y)} and {len(r)}")
        if (y != np.round(y)).any() or (np.diff(y) != 1).any():
            raise InputError(f"years must be consecutive calendar years; got {y.tolist()}")
        yi = y.astype(np.int64)
        yi.setflags(write=False)
        r.setflags(write=False)
        object.__setattr__(self, "years", yi)
        object.__setattr__(self, "rates", r)
        object.__setattr__(self, "label", label)

    @classmethod
    def constant(cls, rate: float, *, start_year: int, years: int) -> RatePath:
        """The same rate every year."""
        r = percent("policy_rate", rate)
        n = positive_int("years", years, maximum=MAX_YEARS)
        s = positive_int("start_year", start_year)
        return cls(np.arange(s, s + n), np.full(n, r), label=f"constant {r:g}%")

    @classmethod
    def from_changes(
        cls,
        changes: Mapping[Any, float],
        *,
        initial: float,
        start_year: int,
        years: int,
        label: str = "",
    ) -> RatePath:
        """Annual averages of a rate that moves on given dates.

        Parameters
        ----------
        changes : mapping of date -> rate
            The new rate (percent) from each date on.
        initial : float
            The rate before the first change (percent).
        start_year, years : int
            The calendar years to average over.

        Notes
        -----
        The average of year t is Σ rate × days in force / days in the year.
        """
        s = positive_int("start_year", start_year)
        n = positive_int("years", years, maximum=MAX_YEARS)
        level = percent("initial", initial)
        dated = sorted((pd.Timestamp(k), percent(f"rate on {k}", v)) for k, v in changes.items())
        out = []
        for year in range(s, s + n):
            begin, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)
            rate_at = level
            for when, value in dated:
                if when <= begin:
                    rate_at = value
            total, cursor, current = 0.0, begin, rate_at
            for when, value in dated:
                if begin < when < end:
                    total += current * (when - cursor).days
                    cursor, current = when, value
            total += current * (end - cursor).days
            out.append(total / (end - begin).days)
        return cls(np.arange(s, s + n), np.array(out), label=label or "dated changes")

    @classmethod
    def gradual(
        cls,
        *,
        initial: float,
        target: float,
        start_year: int,
        years: int,
        first: Any = None,
        step: float = 0.25,
        every_months: int = 6,
    ) -> RatePath:
        """Regular moves of ``step`` from ``initial`` to ``target``, then held.

        The first move is on ``first`` (default 1 January of ``start_year``), the next
        ones every ``every_months`` months; the last move stops at the target.

        Examples
        --------
        >>> path = RatePath.gradual(initial=0.0, target=1.0, start_year=2023, years=3)
        >>> [round(float(r), 4) for r in path.rates]   # 0.25 Jan 2023, 0.5 Jul 2023, ...
        [0.376, 0.8757, 1.0]
        """
        lo = percent("initial", initial)
        hi = percent("target", target)
        st = in_range("step", step, 0.0, None, low_inclusive=False, unit="percentage points")
        months = positive_int("every_months", every_months, maximum=12 * MAX_YEARS)
        s = positive_int("start_year", start_year)
        if abs(hi - lo) / st > 12 * MAX_YEARS:
            raise InputError(f"step {st:g} takes {abs(hi - lo) / st:.3g} moves from {lo:g}% to "
                             f"{hi:g}%; at most {12 * MAX_YEARS}: use a larger step")
        when = date_like("first", first) if first is not None else pd.Timestamp(s, 1, 1)
        changes: dict[pd.Timestamp, float] = {}
        level, sign = lo, (1.0 if hi >= lo else -1.0)
        while (hi - level) * sign > 1e-12:
            level = level + sign * min(st, abs(hi - level))
            changes[when] = level
            when = when + pd.DateOffset(months=months)
        path = cls.from_changes(changes, initial=lo, start_year=s, years=years)
        return cls(path.years, path.rates,
                   label=f"{lo:g}% to {hi:g}% in steps of {st:g} every {months} months")

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, label: str = "") -> RatePath:
        """From a frame with columns ``year`` and ``rate`` (percent)."""
        missing = [c for c in ("year", "rate") if c not in frame.columns]
        if missing:
            raise DataError(
                f"rate path needs columns 'year,rate'; missing {', '.join(map(repr, missing))}; "
                f"columns present: {', '.join(map(repr, map(str, frame.columns)))}"
            )
        rates = pd.to_numeric(frame["rate"], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(rates)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise DataError(f"rate of row {row} must be a finite number in percent; "
                            f"got {_plain(frame['rate'].iloc[row])!r}")
        warn_if_fractions("rates", rates, stacklevel=3)
        years = pd.to_numeric(frame["year"], errors="coerce").to_numpy(dtype=float)
        try:
            return cls(years, rates, label=label)
        except InputError as exc:
            raise DataError(f"rate path: {exc}") from None

    @classmethod
    def read_csv(cls, path: str | os.PathLike[str]) -> RatePath:
        """Read ``year,rate`` (percent) from a CSV file."""
        try:
            frame = pd.read_csv(path)
        except FileNotFoundError:
            raise InputError(f"rate path file {str(path)!r} does not exist") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise DataError(f"rate path file {str(path)!r} is not a readable CSV: {exc}") from exc
        return cls.from_frame(frame, label=str(path))

    def over(self, start_year: int, years: int) -> np.ndarray:
        """The rates of ``start_year .. start_year + years − 1``; raises if not covered."""
        end = start_year + years - 1
        if start_year < self.years[0] or end > self.years[-1]:
            raise InputError(
                f"rate path covers {self.years[0]}-{self.years[-1]} but the projection needs "
                f"{start_year}-{end}; give a rate for every year of the horizon"
            )
        i = start_year - int(self.years[0])
        return np.array(self.rates[i:i + years], dtype=float)

    def to_frame(self) -> pd.DataFrame:
        """Columns: year, rate (percent)."""
        return pd.DataFrame({"year": self.years, "rate": self.rates})


# ---------------------------------------------------------------------------- three tiers
@dataclass(frozen=True)
class ThreeTier:
    """The BoJ's three-tier remuneration of current accounts (since February 2016).

    Before the exit, excess reserves are split into a basic balance (earning
    ``basic_rate``, +0.1%), a macro add-on balance (``macro_rate``, 0%) and a
    policy-rate balance (the policy rate of the year, −0.1% before the exit). At the exit
    the tiers collapse into one rate on all excess reserves (seed 002, §2(2)).

    Parameters
    ----------
    basic : float
        Basic balance, in the ladder's money unit.
    policy_rate_balance : float
        Policy-rate balance (the Bank steers it with the macro add-on's benchmark ratio).
    basic_rate, macro_rate : float
        Percent per year.

    Notes
    -----
    With reserves E, tiers are filled basic first: ``B = min(basic, E)``,
    ``P = min(policy_rate_balance, E − B)``, macro add-on ``M = E − B − P``. Interest paid
    is ``B·basic_rate + M·macro_rate + P·policy_rate``.
    """

    basic: float
    policy_rate_balance: float
    basic_rate: float = 0.1
    macro_rate: float = 0.0

    def __post_init__(self) -> None:
        in_range("basic", self.basic, 0.0, None)
        in_range("policy_rate_balance", self.policy_rate_balance, 0.0, None)
        percent("basic_rate", self.basic_rate)
        percent("macro_rate", self.macro_rate)

    def tiers(self, reserves: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(basic, macro add-on, policy-rate) balances for the given excess reserves."""
        e = np.maximum(reserves, 0.0)
        b = np.minimum(self.basic, e)
        p = np.minimum(self.policy_rate_balance, e - b)
        return b, e - b - p, p

    def expense(self, reserves: np.ndarray, policy_rate: np.ndarray) -> np.ndarray:
        """Interest paid on excess reserves (money unit per year); rates in percent."""
        b, m, p = self.tiers(reserves)
        return np.asarray(pct_to_frac(b * self.basic_rate + m * self.macro_rate + p * policy_rate))


# ---------------------------------------------------------------------------- sales
SALE_ORDERS: Registry[str] = Registry("sale_order")
SALE_ORDERS.add("pro_rata", "the same share of every remaining holding")
SALE_ORDERS.add("longest_first", "the longest remaining maturities first")
SALE_ORDERS.add("shortest_first", "the shortest remaining maturities first")


@dataclass(frozen=True)
class Sales:
    """Sales of the starting holdings before maturity.

    Parameters
    ----------
    amounts : mapping year -> face amount
        Face value sold on 1 January of each year, in the ladder's money unit.
    reference_rate : float
        Policy rate (percent) at which the ladder's yields or curve were observed; the
        market yield at a sale is that yield plus ``policy_rate(t) − reference_rate`` (a
        parallel shift of the curve by the change in the policy rate).
    order : {"pro_rata", "longest_first", "shortest_first"}
        Which holdings are sold.
    frequency : {1, 2, 4, 12}
        Coupons per year used to price the bonds sold (2, semi-annual, for JGBs and
        Treasuries).

    Notes
    -----
    Holdings are carried at par (book yield = coupon), so a sale of face F of a bond with
    yield c and m years left at market yield y realises ``F (P(c, y, m)/100 − 1)`` with P
    the clean price (:func:`~monpol.exit.pricing.clean_price`, semi-annual coupons); the
    proceeds ``F P/100`` drain reserves from the day of the sale.
    """

    amounts: Mapping[int, float]
    reference_rate: float
    order: str = "pro_rata"
    frequency: int = 2
    _items: tuple[tuple[int, float], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        SALE_ORDERS.get(self.order)
        percent("reference_rate", self.reference_rate)
        if self.frequency not in (1, 2, 4, 12):
            raise InputError(f"frequency must be 1, 2, 4 or 12 coupons a year; got {self.frequency!r}")
        items = []
        if not isinstance(self.amounts, Mapping):
            raise InputError(f"amounts must map sale years to amounts, e.g. {{2025: 20.0}}; got "
                             f"{self.amounts!r:.60}")
        for year, amount in dict(self.amounts).items():
            y = positive_int("sale year", year)
            a = in_range(f"sale amount in {y}", amount, 0.0, None)
            items.append((y, a))
        object.__setattr__(self, "_items", tuple(sorted(items)))

    @property
    def items(self) -> tuple[tuple[int, float], ...]:
        """(year, face amount) pairs in year order."""
        return self._items

    def describe(self) -> str:
        parts = ", ".join(f"{y}: {a:g}" for y, a in self.items)
        return (f"sold on 1 January ({parts}), {self.order.replace('_', ' ')}, priced at the "
                f"curve shifted by policy rate - {self.reference_rate:g}%")
