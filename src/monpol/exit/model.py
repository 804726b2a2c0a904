"""The exit model: a holdings ladder, reserves and conventions in; projections out.

:class:`ExitModel` holds the specification (validated when built); :meth:`ExitModel.project`
projects one policy-rate scenario and :meth:`ExitModel.simulate` many random ones (see
:mod:`monpol.exit.montecarlo`). Both use the kernel in :mod:`monpol.exit.engine`.

Examples
--------
The seed's worked example of the average yield, as a three-year ladder (trillion yen):

>>> import pandas as pd
>>> from monpol.exit import ExitModel, Ladder
>>> lad = Ladder.from_frame(pd.DataFrame({"maturity_year": [2023, 2024, 2025],
...                                       "amount": [200.0, 300.0, 500.0],
...                                       "yield": [1.0, 2.0, 3.0]}))
>>> res = ExitModel(lad, excess_reserves=1000, start_year=2023, years=3).project(0.5)
>>> cols = ["year", "holdings", "avg_yield", "interest_income", "excess_reserves",
...         "interest_expense", "net_income"]
>>> print(res.to_frame()[cols].to_string(index=False))
 year  holdings  avg_yield  interest_income  excess_reserves  interest_expense  net_income
 2023    1000.0      2.300             23.0            800.0               4.0        19.0
 2024     800.0      2.625             21.0            500.0               2.5        18.5
 2025     500.0      3.000             15.0              0.0               0.0        15.0

Holdings of year t subtract the redemptions of the years before t; by the default timing
(the seed read literally) reserves of year t subtract year t's own redemptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from monpol.core.errors import InputError
from monpol.core.units import frac_to_pct
from monpol.core.validation import (
    MAX_CELLS,
    MAX_PATHS,
    MAX_YEARS,
    in_range,
    one_of,
    percent,
    positive_int,
    share,
    warn_if_fractions,
)
from monpol.exit.curve import YieldCurve
from monpol.exit.engine import YIELD_ASSIGNMENTS, Evaluation, Plan, YieldAssignment, build_plan, evaluate
from monpol.exit.ladder import Ladder
from monpol.exit.results import PROJECTION_COLUMNS, ExitProjection, MonteCarloResult, path_summary
from monpol.exit.scenario import ACCOUNTING, RatePath, Sales, ThreeTier, Timing

if TYPE_CHECKING:  # pragma: no cover
    from monpol.exit.montecarlo import RateProcess

__all__ = ["ExitModel"]

OnNegative = Literal["raise", "floor"]


class ExitModel:
    """A central bank's income at the exit from easing (spec 03, seed 002).

    Parameters
    ----------
    ladder : Ladder
        The starting bond holdings (issue level or by redemption year).
    excess_reserves : float
        Excess reserves at the start, in the ladder's unit (477 trillion yen in the seed).
    start_year : int
        First calendar year projected; every piece must mature in it or later.
    years : int
        Number of years projected.
    capital : float, optional
        Capital including reserves and provisions (about 11 trillion yen in the seed).
        Needed by the ``"remit_profits"`` and ``"deferred_asset"`` accounting.
    curve : YieldCurve, optional
        Yields by maturity, used when the ladder has no yields (or with
        ``yield_assignment`` set explicitly).
    yield_assignment : {"given", "at_start", "each_year"}, optional
        ``"given"``: the ladder's own yields; ``"at_start"``: each piece gets the curve's
        yield at its remaining maturity on 1 January of ``start_year`` and keeps it;
        ``"each_year"``: holdings are re-classified by remaining maturity every year
        (1 January) and given the curve's yield there (a bond's income rolls down the
        curve). Default: ``"given"`` when the ladder has yields and no curve is given,
        ``"at_start"`` when a curve is given to a ladder without yields: a bond held to
        maturity earns one yield over its life, as the reinvested bonds keep their purchase
        yield (the reasons: :data:`monpol.exit.seed.DEFAULT_READING_REASONS`).
    reinvest_share : float
        Share of redemptions reinvested, in [0, 1] (the seed's 0 and 0.5).
    reinvest_tenor : int
        Maturity of reinvested bonds in years (10 in the seed).
    reinvest_spread : float
        Their yield is the short rate of the purchase year plus this spread
        (percentage points; 1.0 in the seed).
    timing : Timing
        The timing conventions (see :class:`~monpol.exit.scenario.Timing`).
    three_tier : ThreeTier, optional
        Pre-exit remuneration, used in the years before ``exit_year``.
    exit_year : int, optional
        First year of single-rate remuneration (default: ``start_year``, an exit at once).
        A later exit year needs ``three_tier``.
    sales : Sales, optional
        Sales of the starting holdings before maturity.
    accounting : {"cumulative", "remit_profits", "deferred_asset"}
        How results meet capital (:data:`~monpol.exit.scenario.ACCOUNTING`).
    on_negative_reserves : {"raise", "floor"}
        Redemptions can exceed the excess reserves they drain (holdings larger than
        reserves, no reinvestment, long horizon). ``"raise"`` (default) stops with an
        :class:`~monpol.errors.AccountingError`; ``"floor"`` floors reserves at zero and
        reports the rest in ``reserve_shortfall`` (assumed financed at no cost).
    label : str
        A name shown in summaries.

    Raises
    ------
    InputError
        For any argument out of range; a piece maturing before ``start_year``.

    Notes
    -----
    The model is read-only once built: everything that does not depend on the policy rate
    is computed at construction (:attr:`plan`), so changing an attribute afterwards raises
    ``AttributeError`` instead of leaving projections computed from the old values.
    """

    def __init__(
        self,
        ladder: Ladder,
        *,
        excess_reserves: float,
        start_year: int,
        years: int,
        capital: float | None = None,
        curve: YieldCurve | None = None,
        yield_assignment: YieldAssignment | None = None,
        reinvest_share: float = 0.0,
        reinvest_tenor: int = 10,
        reinvest_spread: float = 1.0,
        timing: Timing | None = None,
        three_tier: ThreeTier | None = None,
        exit_year: int | None = None,
        sales: Sales | None = None,
        accounting: str = "cumulative",
        on_negative_reserves: OnNegative = "raise",
        label: str = "",
    ) -> None:
        if not isinstance(ladder, Ladder):
            raise InputError(f"ladder must be a monpol.exit.Ladder; got {type(ladder).__name__}")
        self.ladder = ladder
        self.excess_reserves = in_range("excess_reserves", excess_reserves, 0.0, None)
        self.start_year = positive_int("start_year", start_year)
        self.years = positive_int("years", years, maximum=MAX_YEARS)
        self.capital = None if capital is None else in_range("capital", capital, 0.0, None)
        self.reinvest_share = share("reinvest_share", reinvest_share)
        self.reinvest_tenor = positive_int("reinvest_tenor", reinvest_tenor)
        self.reinvest_spread = percent("reinvest_spread", reinvest_spread)
        self.timing = timing if timing is not None else Timing()
        if not isinstance(self.timing, Timing):
            raise InputError(f"timing must be a monpol.exit.Timing; got {type(timing).__name__}")
        self.accounting = one_of("accounting", accounting, ACCOUNTING.names())
        if ACCOUNTING.get(self.accounting).needs_capital and self.capital is None:
            raise InputError(f"accounting {accounting!r} needs capital; got capital=None")
        self.on_negative_reserves: OnNegative = one_of(  # type: ignore[assignment]
            "on_negative_reserves", on_negative_reserves, ["raise", "floor"])
        self.curve = curve
        self.yield_assignment: YieldAssignment = self._resolve_yields(yield_assignment)
        self.exit_year = self.start_year if exit_year is None else positive_int("exit_year", exit_year)
        if self.exit_year < self.start_year:
            raise InputError(f"exit_year must be >= start_year ({self.start_year}); got {exit_year!r}")
        if self.exit_year > self.start_year and three_tier is None:
            raise InputError(
                f"exit_year {self.exit_year} is after start_year {self.start_year}: give three_tier, "
                f"the remuneration of the pre-exit years"
            )
        if three_tier is not None and self.exit_year == self.start_year:
            raise InputError(
                "three_tier is given but there is no pre-exit year; set exit_year after start_year "
                "or drop three_tier"
            )
        self.three_tier = three_tier
        self.sales = sales
        self.label = label
        early = ladder.maturity_years < self.start_year
        if early.any():
            row = int(np.flatnonzero(early)[0])
            raise InputError(
                f"maturity of piece {row} ({ladder.labels[row]}, year {ladder.maturity_years[row]}) "
                f"is before start_year {self.start_year}; drop redeemed pieces or start earlier"
            )
        self._plan: Plan = build_plan(
            ladder, excess_reserves=self.excess_reserves, start_year=self.start_year,
            years=self.years, capital=self.capital, curve=curve,
            yield_assignment=self.yield_assignment, reinvest_share=self.reinvest_share,
            reinvest_tenor=self.reinvest_tenor, reinvest_spread=self.reinvest_spread,
            timing=self.timing, three_tier=three_tier, exit_year=self.exit_year, sales=sales,
            accounting=self.accounting, on_negative_reserves=self.on_negative_reserves,
        )
        self._frozen = True

    def __setattr__(self, name: str, value: Any) -> None:
        # the plan is built once from the arguments: changing one afterwards would leave the
        # projections computed from the old values (a silent wrong answer)
        if getattr(self, "_frozen", False):
            raise AttributeError(
                f"ExitModel is read-only once built; cannot set {name!r}. Build a new ExitModel "
                f"with the changed argument"
            )
        object.__setattr__(self, name, value)

    def _resolve_yields(self, assignment: str | None) -> YieldAssignment:
        has = self.ladder.yields is not None
        if assignment is None:
            if self.curve is None:
                if not has:
                    raise InputError(
                        "the ladder has no yields: give a curve (e.g. monpol.exit.mof_curve()) or "
                        "a 'yield' column in percent"
                    )
                return "given"
            if has:
                raise InputError(
                    "the ladder has yields and a curve is given: set yield_assignment to 'given', "
                    "'at_start' or 'each_year' to say which to use"
                )
            return "at_start"
        value = one_of("yield_assignment", assignment, YIELD_ASSIGNMENTS.names())
        rule = YIELD_ASSIGNMENTS.get(value)
        if rule.needs_ladder_yields and not has:
            raise InputError(f"yield_assignment {value!r} needs a ladder with yields; this one "
                             f"has none")
        if rule.needs_curve and self.curve is None:
            raise InputError(f"yield_assignment {value!r} needs a curve; got curve=None")
        return value

    # ------------------------------------------------------------------ scenarios
    @property
    def plan(self) -> Plan:
        """The rate-independent part of the projection (read-only)."""
        return self._plan

    @property
    def horizon(self) -> np.ndarray:
        """Calendar years projected."""
        return self._plan.years.copy()

    def rates_for(self, policy_rate: float | RatePath | Sequence[float] | np.ndarray) -> np.ndarray:
        """The policy rate of every year of the horizon (percent) from a scenario."""
        if isinstance(policy_rate, RatePath):
            return policy_rate.over(self.start_year, self.years)
        if np.ndim(policy_rate) == 0:
            r = percent("policy_rate", policy_rate, warn_if_fraction=True)
            return np.full(self.years, r)
        arr = np.asarray(policy_rate, dtype=float)
        if arr.ndim != 1 or len(arr) != self.years:
            raise InputError(
                f"policy_rate as a sequence needs one rate per year ({self.years}); got shape {arr.shape}"
            )
        path = RatePath(self._plan.years, arr)
        warn_if_fractions("policy rates", path.rates, stacklevel=4)
        return path.rates.copy()

    def settings(self) -> dict[str, Any]:
        """The inputs and conventions, in words and numbers."""
        t = self.timing.describe()
        rule = YIELD_ASSIGNMENTS.get(self.yield_assignment)
        yields = rule.describe(self.curve.label if self.curve else "", self.start_year)
        if self.curve is not None and rule.needs_curve:
            yields += f" ({self.curve.interpolation} interpolation in maturity, flat beyond the ends)"
        out: dict[str, Any] = {
            "ladder": f"{len(self.ladder)} pieces, {self.ladder.total:.6g} {self.ladder.unit}"
                      + (f" ({self.ladder.source})" if self.ladder.source else ""),
            "excess_reserves": self.excess_reserves,
            "start_year": self.start_year,
            "years": self.years,
            "capital": self.capital,
            "yields": yields,
            "reinvestment": (f"{self.reinvest_share:g} of redemptions into {self.reinvest_tenor}-year "
                             f"bonds at short rate + {self.reinvest_spread:g} pp"
                             if self.reinvest_share > 0 else "none"),
            "timing": f"holdings: {t['holdings']}; reserves: {t['reserves']}; "
                      f"reinvestment: {t['reinvestment']}"
                      + (f"; reinvested bonds: {t['reinvested_redemption']}"
                         if self.reinvest_share > 0 else ""),
            "holdings_timing": self.timing.holdings,
            "reserves_timing": self.timing.reserves,
            "reinvest_timing": self.timing.reinvestment,
            "reinvested_redemption": self.timing.reinvested_redemption,
            "yield_assignment": self.yield_assignment,
            "accounting": ACCOUNTING.get(self.accounting).description,
            "exit_year": self.exit_year,
        }
        if self.three_tier is not None:
            tt = self.three_tier
            out["pre_exit"] = (f"three tiers before {self.exit_year}: basic {tt.basic:g} at "
                               f"{tt.basic_rate:g}%, policy-rate balance {tt.policy_rate_balance:g} "
                               f"at the policy rate, the rest at {tt.macro_rate:g}%")
        if self.sales is not None:
            out["sales"] = self.sales.describe()
        if self.on_negative_reserves == "floor":
            out["negative_reserves"] = "floored at zero"
        return out

    def _evaluate(self, rates: np.ndarray) -> Evaluation:
        return evaluate(self._plan, rates)

    def project(self, policy_rate: float | RatePath | Sequence[float] | np.ndarray, *,
                label: str = "") -> ExitProjection:
        """Project one policy-rate scenario year by year.

        Parameters
        ----------
        policy_rate : float, RatePath or sequence
            A constant rate (percent), a :class:`RatePath` covering the horizon, or one
            rate per year. Rates before ``exit_year`` remunerate the policy-rate balance.
        label : str
            Name of the scenario.

        Returns
        -------
        ExitProjection
        """
        rates = self.rates_for(policy_rate)
        ev = self._evaluate(rates[None, :])
        p = self._plan
        holdings = p.base_holdings + p.reinv_holdings
        income = ev.income[0]
        with np.errstate(divide="ignore", invalid="ignore"):
            avg_yield = np.where(holdings > 0, frac_to_pct(income) / np.where(holdings > 0, holdings, 1.0),
                                 np.nan)
        import pandas as pd

        frame = pd.DataFrame({
            "year": p.years,
            "holdings": holdings,
            "excess_reserves": ev.reserves[0],
            "avg_yield": avg_yield,
            "interest_income": income,
            "interest_expense": ev.expense[0],
            "net_income": ev.net[0],
            "cumulative": ev.cumulative[0],
            "capital_remaining": ev.capital_remaining[0],
            "policy_rate": rates,
            "holdings_end": p.holdings_end,
            "redemptions": p.base_redeemed + p.cohort_redeemed,
            "reinvested": p.reinvested,
            "sold": p.sold_face,
            "realised_gains": ev.gains[0],
            "deferred_asset": ev.deferred[0],
            "remittances": ev.remittances[0],
            "reserve_shortfall": ev.shortfall[0],
        }, columns=list(PROJECTION_COLUMNS))
        figures = path_summary(p.years, ev.net[0], ev.cumulative[0], ev.capital_remaining[0],
                               ev.deferred[0], self.capital, self.accounting)
        settings = self.settings()
        settings["policy_rate"] = (policy_rate.label if isinstance(policy_rate, RatePath)
                                   else (f"{float(rates[0]):g}%" if np.ndim(policy_rate) == 0
                                         else "year-by-year path"))
        return ExitProjection(frame, figures, settings, self.ladder.unit, label or self.label)

    def simulate(
        self,
        *,
        paths: int | None = None,
        process: RateProcess | None = None,
        rates: Any = None,
        rng: np.random.Generator | int | None = None,
        chunk_size: int = 50_000,
        keep_paths: bool = False,
    ) -> MonteCarloResult:
        """Monte Carlo over policy-rate paths; see :func:`monpol.exit.montecarlo.simulate`."""
        from monpol.exit.montecarlo import simulate

        if paths is not None:
            n = positive_int("paths", paths, maximum=MAX_PATHS)
            if keep_paths and n * self.years > MAX_CELLS:
                raise InputError(
                    f"keep_paths with paths={n} over {self.years} years keeps {n * self.years} "
                    f"values; at most {MAX_CELLS}: draw fewer paths or keep only the summary")
        return simulate(self, paths=paths, process=process, rates=rates, rng=rng,
                        chunk_size=chunk_size, keep_paths=keep_paths)

    def __repr__(self) -> str:
        return (f"ExitModel({self.ladder!r}, excess_reserves={self.excess_reserves:g}, "
                f"{self.start_year}-{self.start_year + self.years - 1}, "
                f"reinvest_share={self.reinvest_share:g}, timing={self.timing.label!r})")
