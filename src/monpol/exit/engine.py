r"""The projection kernel: one pass over years, vectorised over policy-rate paths.

The deterministic projection and the Monte Carlo share this code. Everything that does not
depend on the policy rate is computed once (:func:`build_plan`): the starting ladder's
holdings, interest and redemptions year by year, the reinvested cohorts' amounts and
timing, the reserves implied by redemptions and purchases. What depends on the rate —
the yield of reinvested bonds, interest paid on reserves, prices of bonds sold — is then
evaluated for all paths at once (:func:`evaluate`).

Notation (seed 002, spec 03 §2; year index t = 0 .. N−1, piece i of the starting ladder):

* :math:`F_{it}` face of piece i held in year t after the sales of 1 January;
  :math:`k_i` its maturity year; :math:`\phi^h_i, \phi^r_i` the fractions of the
  maturity year for which it still earns interest and its cash still sits in reserves
  (the timing conventions, :class:`~monpol.exit.scenario.Timing`).
* held weight :math:`h_{it} = 1` for t < k_i, :math:`\phi^h_i` for t = k_i, 0 after;
  holdings :math:`H_t = \sum_i F_{it} h_{it} + \sum_c X_c w^h_{ct}`.
* interest income :math:`I_t = \sum_i F_{it} h_{it} y_{it} + \sum_c X_c w^h_{ct}(r_{b_c} + s)`
  with :math:`y_{it}` the yield of piece i (given, or from the curve at its remaining
  maturity), cohort c of amount :math:`X_c` bought in year :math:`b_c` at the short rate
  plus the spread s.
* reserves :math:`E_t = E_0 − \sum_i F_{i k_i} d_{it} − \sum_{u \le t} \text{proceeds}_u
  + \sum_c X_c w^r_{ct}` with drain weight :math:`d_{it} = 1 − \phi^r_i` in the maturity
  year and 1 after.
* interest paid :math:`C_t = E_t r_t` after the exit (three tiers before it); net income
  :math:`N_t = I_t + G_t − C_t` with :math:`G_t` realised gains on sales.

A cohort is the reinvested share of one year's redemptions; its amount never depends on
the rate (the share is fixed), only its yield does. Bought at fraction φ of year
:math:`t_c` it is held :math:`1−φ` of :math:`t_c`, all of the years in between and φ of
:math:`t_c + T` (tenor T), when it is redeemed and again partly reinvested. With
``Timing(reinvested_redemption="maturity_year")`` a cohort bought on 1 January of
:math:`t_c + 1` is redeemed in :math:`t_c + 1 + T`, the calendar year of its maturity date,
with the holdings and reserves fractions of a bond maturing on 1 January.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from monpol.core.errors import AccountingError, InputError
from monpol.core.registry import Registry
from monpol.core.units import pct_to_frac
from monpol.exit.curve import YieldCurve
from monpol.exit.ladder import Ladder
from monpol.exit.pricing import clean_price
from monpol.exit.scenario import ACCOUNTING, Sales, ThreeTier, Timing

__all__ = ["YIELD_ASSIGNMENTS", "Plan", "YieldRule", "build_plan", "evaluate"]

YieldAssignment = str
"""A name registered in :data:`YIELD_ASSIGNMENTS` (built in: given, at_start, each_year)."""


@dataclass(frozen=True)
class SaleBlock:
    """The pieces sold on 1 January of year index t (for pricing per path)."""

    t: int
    face: np.ndarray        # face sold per piece
    coupon: np.ndarray      # percent
    base_yield: np.ndarray  # market yield before the policy-rate shift, percent
    maturity: np.ndarray    # years left


@dataclass(frozen=True)
class Plan:
    """Everything independent of the policy rate, for N years."""

    years: np.ndarray
    base_holdings: np.ndarray
    base_income: np.ndarray
    base_redeemed: np.ndarray
    cohort_redeemed: np.ndarray
    reinvested: np.ndarray
    sold_face: np.ndarray
    holdings_end: np.ndarray
    reserves_base: np.ndarray
    reinv_holdings: np.ndarray
    reinv_rate_weights: np.ndarray   # (N, N): income_t += Σ_s pct_to_frac(r_s) W[s, t]
    reinv_spread: float
    sales: tuple[SaleBlock, ...]
    sale_reference_rate: float
    sale_frequency: int
    exit_index: int
    three_tier: ThreeTier | None
    accounting: str
    capital: float | None
    on_negative_reserves: str


@dataclass(frozen=True)
class YieldRule:
    """How the starting ladder's pieces get their yields: one entry of :data:`YIELD_ASSIGNMENTS`.

    Subclass it and override :meth:`yields` (and :meth:`describe`) to add a rule; register
    an instance with ``YIELD_ASSIGNMENTS.add(name, rule)`` and pass ``yield_assignment=name``.

    Parameters
    ----------
    description : str
        The rule in words; ``{curve}`` and ``{start_year}`` are filled in by :meth:`describe`.
    needs_curve : bool
        The rule reads a yield curve.
    needs_ladder_yields : bool
        The rule reads the ladder's own yields.
    """

    description: str
    needs_curve: bool = True
    needs_ladder_yields: bool = False

    def yields(self, ladder: Ladder, years: np.ndarray, curve: YieldCurve | None) -> np.ndarray:
        """Yield (percent per year) of each piece in each year: shape (pieces, years)."""
        raise NotImplementedError

    def describe(self, curve: str, start_year: int) -> str:
        """The rule in words for a model's settings."""
        return self.description.format(curve=curve, start_year=start_year)


@dataclass(frozen=True)
class _Given(YieldRule):
    needs_curve: bool = False
    needs_ladder_yields: bool = True

    def yields(self, ladder: Ladder, years: np.ndarray, curve: YieldCurve | None) -> np.ndarray:
        assert ladder.yields is not None
        return np.repeat(ladder.yields[:, None], len(years), axis=1)


@dataclass(frozen=True)
class _AtStart(YieldRule):
    def yields(self, ladder: Ladder, years: np.ndarray, curve: YieldCurve | None) -> np.ndarray:
        assert curve is not None
        m = np.maximum(ladder.remaining_maturity(int(years[0])), 0.0)
        return np.repeat(curve(m)[:, None], len(years), axis=1)


@dataclass(frozen=True)
class _EachYear(YieldRule):
    def yields(self, ladder: Ladder, years: np.ndarray, curve: YieldCurve | None) -> np.ndarray:
        assert curve is not None
        out = np.empty((len(ladder), len(years)))
        for t, year in enumerate(years):
            out[:, t] = curve(np.maximum(ladder.remaining_maturity(int(year)), 0.0))
        return out


YIELD_ASSIGNMENTS: Registry[YieldRule] = Registry("yield_assignment")
"""How ladder pieces get their yields: name → :class:`YieldRule`."""
YIELD_ASSIGNMENTS.add("given", _Given("the ladder's own yields"))
YIELD_ASSIGNMENTS.add("at_start", _AtStart(
    "{curve}: yield at the remaining maturity on 1 January {start_year}, kept to maturity"))
YIELD_ASSIGNMENTS.add("each_year", _EachYear(
    "{curve}: holdings re-classified by remaining maturity on 1 January of each year"))


def piece_yields(
    ladder: Ladder, years: np.ndarray, curve: YieldCurve | None, assignment: YieldAssignment
) -> np.ndarray:
    """Yield (percent) of each piece in each year: shape (pieces, N)."""
    return YIELD_ASSIGNMENTS.get(assignment).yields(ladder, years, curve)


def market_base_yields(
    ladder: Ladder, year: int, curve: YieldCurve | None, own: np.ndarray
) -> np.ndarray:
    """Market yield of each piece on 1 January of ``year`` before the policy-rate shift."""
    if curve is None:
        return own
    return curve(np.maximum(ladder.remaining_maturity(year), 0.0))


def _allocate_sale(face_now: np.ndarray, alive: np.ndarray, amount: float, order: str,
                   maturity: np.ndarray, year: int) -> np.ndarray:
    available = float(face_now[alive].sum())
    if amount > available * (1 + 1e-12) + 1e-12:
        raise InputError(
            f"sales in {year} of {amount:g} exceed the starting holdings still held "
            f"({available:.6g}); sell at most what is left"
        )
    sold = np.zeros_like(face_now)
    if amount <= 0 or available <= 0:
        return sold
    if order == "pro_rata":
        sold[alive] = face_now[alive] * (amount / available)
        return sold
    idx = np.flatnonzero(alive)
    keys = maturity[idx]
    idx = idx[np.argsort(-keys if order == "longest_first" else keys, kind="stable")]
    left = amount
    for i in idx:
        take = min(face_now[i], left)
        sold[i] = take
        left -= take
        if left <= 1e-15:
            break
    return sold


def build_plan(
    ladder: Ladder,
    *,
    excess_reserves: float,
    start_year: int,
    years: int,
    capital: float | None,
    curve: YieldCurve | None,
    yield_assignment: YieldAssignment,
    reinvest_share: float,
    reinvest_tenor: int,
    reinvest_spread: float,
    timing: Timing,
    three_tier: ThreeTier | None,
    exit_year: int,
    sales: Sales | None,
    accounting: str,
    on_negative_reserves: str,
) -> Plan:
    """Precompute the rate-independent part of the projection (see the module notes)."""
    n = years
    yrs = np.arange(start_year, start_year + n)
    k = ladder.maturity_years - start_year          # maturity year index (>= 0, checked)
    phi_h, phi_r = timing.fractions(ladder)
    y = piece_yields(ladder, yrs, curve, yield_assignment)

    # faces held each year after 1 January sales
    face = np.empty((len(ladder), n))
    sold_face = np.zeros(n)
    blocks: list[SaleBlock] = []
    current = ladder.amounts.astype(float).copy()
    sale_map = dict(sales.items) if sales is not None else {}
    for t, year in enumerate(yrs):
        if int(year) in sale_map:
            assert sales is not None
            m = ladder.remaining_maturity(int(year))
            alive = (k >= t) & (m > 0) & (current > 0)
            sold = _allocate_sale(current, alive, sale_map[int(year)], sales.order, m, int(year))
            if sold.any():
                sel = sold > 0
                blocks.append(SaleBlock(
                    t=t, face=sold[sel], coupon=y[sel, t],
                    base_yield=market_base_yields(ladder, int(year), curve, y[:, t])[sel],
                    maturity=m[sel],
                ))
                current = current - sold
                sold_face[t] = float(sold.sum())
        face[:, t] = current
    late = [yr for yr in sale_map if yr < start_year or yr >= start_year + n]
    if late:
        raise InputError(
            f"sale years must lie in the horizon {start_year}-{start_year + n - 1}; got {sorted(late)}"
        )

    t_idx = np.arange(n)[None, :]
    kk = k[:, None]
    held = np.where(t_idx < kk, 1.0, np.where(t_idx == kk, phi_h[:, None], 0.0))
    base_holdings = (face * held).sum(axis=0)
    base_income = pct_to_frac((face * held * y).sum(axis=0))
    in_horizon = k < n
    f_red = np.zeros(len(ladder))
    f_red[in_horizon] = face[in_horizon, k[in_horizon]]
    drain_w = np.where(t_idx < kk, 0.0, np.where(t_idx == kk, 1.0 - phi_r[:, None], 1.0))
    base_drain = (f_red[:, None] * drain_w).sum(axis=0)
    base_redeemed = np.bincount(k[in_horizon], weights=f_red[in_horizon], minlength=n)[:n]
    end_alive = (t_idx < kk)
    base_end = (face * end_alive).sum(axis=0)

    # reinvested cohorts: amount, year index of the redemption it replaces, phi_h, phi_r of
    # the purchase, and the redemption index offset and phi_h, phi_r of its own redemption
    cohorts: list[tuple[float, int, float, float, int, float, float]] = []
    if reinvest_share > 0:
        if timing.reinvested_redemption == "maturity_year":
            # bought on 1 January of tc + 1, matures on 1 January of tc + 1 + T
            life, (end_h, end_r) = reinvest_tenor + 1, timing.new_year_fractions()
        else:
            life = reinvest_tenor
        for t in range(n):
            amount = base_redeemed[t]
            if amount <= 0:
                continue
            if timing.reinvestment == "at_redemption":
                sel = in_horizon & (k == t)
                wts = f_red[sel]
                ph = float(np.dot(wts, phi_h[sel]) / wts.sum())
                pr = float(np.dot(wts, phi_r[sel]) / wts.sum())
            else:
                ph = pr = 1.0
            eh, er = (end_h, end_r) if timing.reinvested_redemption == "maturity_year" else (ph, pr)
            x, tc = reinvest_share * amount, t
            while tc < n and x > 0:
                cohorts.append((x, tc, ph, pr, life, eh, er))
                tc, x = tc + life, x * reinvest_share
    reinv_holdings = np.zeros(n)
    reinv_reserves = np.zeros(n)
    weights = np.zeros((n + 1, n))
    reinvested = np.zeros(n + 1)
    cohort_redeemed = np.zeros(n)
    cohort_end = np.zeros(n)
    tt = np.arange(n)
    for x, tc, ph, pr, life, eh, er in cohorts:
        end = tc + life
        wh = np.where(tt == tc, 1.0 - ph, np.where((tt > tc) & (tt < end), 1.0,
                                                      np.where(tt == end, eh, 0.0)))
        wr = np.where(tt == tc, 1.0 - pr, np.where((tt > tc) & (tt < end), 1.0,
                                                      np.where(tt == end, er, 0.0)))
        buy = tc + 1 if ph >= 1.0 - 1e-12 else tc
        reinv_holdings += x * wh
        reinv_reserves += x * wr
        weights[buy] += x * wh
        reinvested[buy] += x
        if end < n:
            cohort_redeemed[end] += x
        # face outstanding at the end of year t: bought by the end of t, not yet redeemed
        cohort_end += x * ((tt >= tc) & (tt < end))
    # purchases dated 1 January of year N fall outside the horizon and carry no weight in it
    reserves_base = excess_reserves - base_drain - np.cumsum(sold_face) + reinv_reserves
    return Plan(
        years=yrs,
        base_holdings=base_holdings,
        base_income=base_income,
        base_redeemed=base_redeemed,
        cohort_redeemed=cohort_redeemed,
        reinvested=reinvested[:n],
        sold_face=sold_face,
        holdings_end=base_end + cohort_end,
        reserves_base=reserves_base,
        reinv_holdings=reinv_holdings,
        reinv_rate_weights=weights[:n],
        reinv_spread=reinvest_spread,
        sales=tuple(blocks),
        sale_reference_rate=sales.reference_rate if sales is not None else 0.0,
        sale_frequency=sales.frequency if sales is not None else 2,
        exit_index=max(0, exit_year - start_year),
        three_tier=three_tier,
        accounting=accounting,
        capital=capital,
        on_negative_reserves=on_negative_reserves,
    )


@dataclass(frozen=True)
class Evaluation:
    """Arrays of shape (paths, N) for one batch of rate paths."""

    rates: np.ndarray
    reserves: np.ndarray
    shortfall: np.ndarray
    income: np.ndarray
    gains: np.ndarray
    expense: np.ndarray
    net: np.ndarray
    cumulative: np.ndarray
    capital_remaining: np.ndarray
    deferred: np.ndarray
    remittances: np.ndarray


def evaluate(plan: Plan, rates: np.ndarray) -> Evaluation:
    """Project every path in ``rates`` (paths × N, percent) through the plan."""
    p, n = rates.shape
    income = plan.base_income[None, :] + pct_to_frac(
        rates @ plan.reinv_rate_weights + plan.reinv_spread * plan.reinv_holdings[None, :])
    gains = np.zeros((p, n))
    for block in plan.sales:
        shift = rates[:, block.t] - plan.sale_reference_rate
        market = block.base_yield[None, :] + shift[:, None]
        price = clean_price(block.coupon[None, :], market, block.maturity[None, :],
                            frequency=plan.sale_frequency)
        gains[:, block.t] = ((pct_to_frac(price) - 1.0) * block.face[None, :]).sum(axis=1)
    reserves = plan.reserves_base[None, :] - np.cumsum(gains, axis=1)
    shortfall = np.zeros((p, n))
    negative = reserves < -1e-9
    if negative.any():
        rows, cols = np.nonzero(negative)
        first = int(cols.min())
        if plan.on_negative_reserves == "raise":
            worst = float(reserves[:, first].min())
            where = f" on {len(np.unique(rows))} of {p} paths" if p > 1 else ""
            raise AccountingError(
                f"excess reserves turn negative in {int(plan.years[first])} ({worst:.4g}){where}: "
                f"redemptions exceed the reserves they drain. Shorten the horizon, reinvest more, "
                f"or pass on_negative_reserves='floor' (CLI: --on-negative-reserves floor) to "
                f"floor reserves at zero (the rest is assumed financed at no cost)"
            )
        shortfall = np.maximum(-reserves, 0.0)
        reserves = np.maximum(reserves, 0.0)
    expense = pct_to_frac(reserves * rates)
    if plan.three_tier is not None and plan.exit_index > 0:
        e = plan.exit_index
        expense[:, :e] = plan.three_tier.expense(reserves[:, :e], rates[:, :e])
    net = income + gains - expense
    cumulative = np.cumsum(net, axis=1)
    capital_remaining, deferred, remittances = ACCOUNTING.get(plan.accounting).apply(
        net, plan.capital)
    return Evaluation(rates, reserves, shortfall, income, gains, expense, net, cumulative,
                      capital_remaining, deferred, remittances)
