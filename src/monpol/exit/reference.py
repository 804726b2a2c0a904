"""A plain per-path loop over years and bonds: the benchmark's baseline and a test oracle.

:func:`project_path_loop` projects one policy-rate path the straightforward way: a list of
bonds, a running level of reserves, a loop over years and over bonds, each reinvested bond
kept as its own entry (one per redeemed issue). It shares no code with the vectorised
kernel (:mod:`monpol.exit.engine`) beyond the inputs, the bond-price formula and the
timing fractions, so agreement between the two checks the kernel's algebra. It is slow on
purpose; use :meth:`ExitModel.project` or :meth:`ExitModel.simulate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from monpol.core.errors import AccountingError
from monpol.core.units import pct_to_frac
from monpol.exit.pricing import clean_price

if TYPE_CHECKING:  # pragma: no cover
    from monpol.exit.model import ExitModel

__all__ = ["loop_arrays", "piece_yield_table", "project_path_loop"]


@dataclass
class _Bond:
    face: float
    maturity_index: int      # year index of redemption
    phi_h: float             # share of the maturity year earning interest
    phi_r: float             # share of the maturity year the cash stays in reserves
    fixed_yield: float | None  # percent (reinvested bonds, given yields, at_start)
    piece: int               # index in the starting ladder, -1 for reinvested bonds
    bought_index: int = -1   # year index of purchase (reinvested bonds)
    bought_phi: float = 0.0


def _piece_yield(model: ExitModel, piece: int, year: int) -> float:
    lad = model.ladder
    if model.yield_assignment == "given":
        assert lad.yields is not None
        return float(lad.yields[piece])
    assert model.curve is not None
    ref = model.start_year if model.yield_assignment == "at_start" else year
    m = max(float(lad.remaining_maturity(ref)[piece]), 0.0)
    return float(model.curve(m)[0])


def piece_yield_table(model: ExitModel) -> list[list[float]]:
    """Yield (percent) of each starting piece in each year; independent of the rate path."""
    start = model.start_year
    return [[_piece_yield(model, i, start + t) for t in range(model.years)]
            for i in range(len(model.ladder))]


def project_path_loop(model: ExitModel, rates: Any,
                      table: list[list[float]] | None = None) -> dict[str, list[float]]:
    """Project one path of policy rates (percent, one per year) with explicit loops.

    ``table`` (from :func:`piece_yield_table`) can be computed once and passed for many
    paths; otherwise it is computed here.

    Returns lists keyed ``holdings``, ``excess_reserves``, ``interest_income``,
    ``interest_expense``, ``realised_gains``, ``net_income``, ``cumulative``,
    ``capital_remaining``, ``deferred_asset``.
    """
    rates = [float(r) for r in rates]
    lad = model.ladder
    n, start = model.years, model.start_year
    phi_h, phi_r = model.timing.fractions(lad)
    bonds = [
        _Bond(float(lad.amounts[i]), int(lad.maturity_years[i]) - start, float(phi_h[i]),
              float(phi_r[i]), None, i)
        for i in range(len(lad))
    ]
    if table is None:
        table = piece_yield_table(model)
    sales = dict(model.sales.items) if model.sales is not None else {}
    share, tenor, spread = model.reinvest_share, model.reinvest_tenor, model.reinvest_spread
    level = model.excess_reserves         # reserves on 1 January, before the year's flows
    pending = 0.0                          # next_year purchases due on 1 January
    out: dict[str, list[float]] = {k: [] for k in (
        "holdings", "excess_reserves", "interest_income", "interest_expense", "realised_gains",
        "net_income", "cumulative", "capital_remaining", "deferred_asset")}
    cum, capital, owed = 0.0, model.capital, 0.0
    for t in range(n):
        year = start + t
        gains = 0.0
        if year in sales:
            assert model.sales is not None
            remaining = lad.remaining_maturity(year)
            live = [b for b in bonds if b.piece >= 0 and b.face > 0 and b.maturity_index >= t
                    and remaining[b.piece] > 0]
            total = sum(b.face for b in live)
            amount = sales[year]
            if model.sales.order == "pro_rata":
                cuts = [(b, b.face * amount / total) for b in live]
            else:
                order = sorted(live, key=lambda b: remaining[b.piece],
                               reverse=model.sales.order == "longest_first")
                cuts, left = [], amount
                for b in order:
                    take = min(b.face, left)
                    cuts.append((b, take))
                    left -= take
            shift = rates[t] - model.sales.reference_rate
            for b, f in cuts:
                if f <= 0:
                    continue
                coupon = table[b.piece][t]
                market = (float(model.curve(max(float(remaining[b.piece]), 0.0))[0])
                          if model.curve is not None else coupon) + shift
                price = float(clean_price(coupon, market, float(remaining[b.piece]),
                                          frequency=model.sales.frequency)[0])
                gains += f * (pct_to_frac(price) - 1.0)
                level -= pct_to_frac(f * price)
                b.face -= f
        if pending > 0:
            rate = rates[t]
            if model.timing.reinvested_redemption == "maturity_year":
                # bought on 1 January of year t, matures on 1 January of year t + tenor
                eh, er = model.timing.new_year_fractions()
                bonds.append(_Bond(pending, t + tenor, eh, er, rate + spread, -1, t, 0.0))
            else:   # held ten full years: redeemed at the end of year t + tenor - 1
                bonds.append(_Bond(pending, t - 1 + tenor, 1.0, 1.0, rate + spread, -1, t, 0.0))
            level += pending
            pending = 0.0
        holdings = income = 0.0
        average = level
        redeemed = 0.0
        new: list[_Bond] = []
        for b in bonds:
            if b.face <= 0 or b.maturity_index < t:
                continue
            y = b.fixed_yield if b.fixed_yield is not None else table[b.piece][t]
            frac = 1.0 if b.maturity_index > t else b.phi_h
            holdings += b.face * frac
            income += pct_to_frac(b.face * frac * y)
            if b.maturity_index == t:
                redeemed += b.face
                average -= b.face * (1.0 - b.phi_r)
                if share > 0 and model.timing.reinvestment == "at_redemption":
                    # bought when this bond is redeemed: same point of the year
                    x = share * b.face
                    buy_rate = rates[t] if b.phi_h < 1.0 else (rates[t + 1] if t + 1 < n else 0.0)
                    nb = _Bond(x, t + tenor, b.phi_h, b.phi_r, buy_rate + spread, -1, t, b.phi_h)
                    new.append(nb)
                    holdings += x * (1.0 - b.phi_h)
                    income += pct_to_frac(x * (1.0 - b.phi_h) * (buy_rate + spread))
                    average += x * (1.0 - b.phi_r)
        level -= redeemed
        for b in new:
            level += b.face
        bonds.extend(new)
        if share > 0 and model.timing.reinvestment == "next_year":
            pending = share * redeemed
        if average < -1e-9:
            if model.on_negative_reserves == "raise":
                raise AccountingError(f"excess reserves turn negative in {year}")
            average = 0.0
        r = rates[t]
        if model.three_tier is not None and year < model.exit_year:
            tt = model.three_tier
            b_ = min(tt.basic, average)
            p_ = min(tt.policy_rate_balance, average - b_)
            m_ = average - b_ - p_
            expense = pct_to_frac(b_ * tt.basic_rate + m_ * tt.macro_rate + p_ * r)
        else:
            expense = pct_to_frac(average * r)
        net = income + gains - expense
        cum += net
        if model.accounting == "cumulative":
            cap = (capital + cum) if capital is not None else float("nan")
        elif model.accounting == "remit_profits":
            assert capital is not None
            prev = out["capital_remaining"][-1] if out["capital_remaining"] else capital
            cap = min(prev + net, capital)
        else:
            assert capital is not None
            owed = max(owed - net, 0.0)
            cap = capital
        for key, val in (("holdings", holdings), ("excess_reserves", average),
                         ("interest_income", income), ("interest_expense", expense),
                         ("realised_gains", gains), ("net_income", net), ("cumulative", cum),
                         ("capital_remaining", cap), ("deferred_asset", owed)):
            out[key].append(float(val))
    return out


def loop_arrays(model: ExitModel, rates: Any) -> dict[str, np.ndarray]:
    """:func:`project_path_loop` with numpy arrays as values."""
    return {k: np.asarray(v) for k, v in project_path_loop(model, rates).items()}
