"""Classify a change in a central bank's balance sheet: QE, qualitative or credit easing.

Definitions (Buiter 2008; Bernanke 2009; Stone 2009 — as summarised in the seed):

* **quantitative easing**: the balance sheet grows (more monetary liabilities) while the
  asset composition — its liquidity and riskiness — stays put;
* **qualitative easing**: the asset composition shifts toward less liquid *and* riskier
  assets while the size stays put;
* **credit easing**: both at once (the Fed's mix, 2008);
* **intentional** QE has a stated target for the quantity of reserves (BOJ 2001-2006);
  **consequential** QE is reserves ballooning as the counterpart of asset-side credit
  programmes (the Fed from September 2008).

The classifier computes, from two snapshots (or two dates of a series):

========================  ==================================================================
``size_change_pct``       100 (A1/A0 - 1), A = total assets
``liquid_share_change``   change in the share of liquid assets, percentage points
``risky_share_change``    change in the share of risky assets, percentage points
``composition_distance``  distance between the two asset compositions by category, percent
                          (total variation ½Σ|s1-s0| by default: the share of the balance
                          sheet that would have to move)
``credit_contribution``   100 Δ(risky assets) / ΔA: how much of the expansion is risky assets
                          (expansions only; NaN otherwise)
``monetary_contribution`` 100 Δ(currency + reserves) / ΔA (expansions only)
========================  ==================================================================

and compares them with :class:`~monpol.easing.thresholds.Thresholds`:

* size: ``expansion`` if size_change_pct >= size_change_pct threshold, ``contraction`` if
  <= -threshold, else ``constant``;
* composition: ``toward risk`` if the risky share rises by >= risk_shift_pp *and* the
  liquid share falls by >= liquidity_shift_pp (Buiter: "less liquid and riskier");
  ``toward safety`` for the mirror case; else ``no clear shift``;
* verdict: expansion + toward risk = credit easing; expansion otherwise = quantitative
  easing; constant + toward risk = qualitative easing; constant otherwise = no
  balance-sheet easing; contraction (+ toward risk: "contraction with qualitative easing");
* driver (expansions only): ``assets`` if credit_contribution >= driver_share_pct, else
  ``liabilities`` if monetary_contribution >= driver_share_pct, else ``undetermined``;
* intent (expansions only): ``intentional`` if a reserve-quantity target was in force
  (stated; looked up in the catalogue with ``stated_target="auto"``), else
  ``consequential`` if the driver is the asset side *and* monetary liabilities are its
  counterpart (monetary_contribution >= driver_share_pct: reserves and currency, not
  government deposits or reverse repos, financed the expansion), else ``undetermined``
  (also when monetary liabilities are not in the data).

Two judgements rest on choices the data cannot settle, and the result says so:

* the verdict reads Buiter's "composition held constant" through his equivalent, the
  liquidity and riskiness of the assets: ``composition_distance`` and
  ``composition_constant`` (against ``composition_pp``) are reported beside the verdict but
  do not decide it, because swapping one safe, liquid asset for another (bills for bonds,
  as the BOJ did in 2001-2005) is not qualitative easing;
* the driver looks at the asset side first. In any expansion paid for with new reserves
  both contributions can exceed the majority (the Fed in 2008: 69% risky assets, 59%
  monetary liabilities); the asset side is then taken as the driver because the central
  bank chose the risky assets, and reserves are their counterpart. Intent is never read
  from the balance sheets alone: "intentional" needs a stated target (the catalogue).

Examples
--------
>>> from monpol.easing.data import load_snapshots
>>> pair = load_snapshots("fed-2007-2008")
>>> res = classify(pair.before, pair.after)
>>> res.verdict, res.driver, res.intent
('credit easing', 'assets', 'consequential')
>>> round(res.size_change_pct, 1)
159.4
>>> boj = load_snapshots("boj-2000-2005")
>>> r = classify(boj.before, boj.after)
>>> r.verdict, r.intent
('quantitative easing', 'intentional')
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from monpol.core.errors import DataError, InputError
from monpol.core.registry import Registry
from monpol.core.units import frac_to_pct
from monpol.core.validation import instance_of
from monpol.easing.catalogue import StatedTarget, catalogue
from monpol.easing.model import BalanceSheet, parse_money_unit
from monpol.easing.results import EasingClassification
from monpol.easing.taxonomy import Taxonomy
from monpol.easing.thresholds import Thresholds

__all__ = ["DISTANCES", "classify", "classify_arrays", "resolve_stated_target"]

DistanceFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]

#: Composition distances (shares in, fraction in [0, 1] out), chosen by name.
DISTANCES: Registry[DistanceFunction] = Registry("distance")


@DISTANCES.register("total_variation")
def total_variation(s0: np.ndarray, s1: np.ndarray) -> np.ndarray:
    """½ Σ_k |s1_k - s0_k|: the share of the balance sheet that would have to move."""
    return np.asarray(0.5 * np.abs(s1 - s0).sum(axis=-1))


@DISTANCES.register("hellinger")
def hellinger(s0: np.ndarray, s1: np.ndarray) -> np.ndarray:
    """sqrt(½ Σ_k (sqrt s1_k - sqrt s0_k)^2), in [0, 1]; weighs new categories more."""
    return np.asarray(np.sqrt(0.5 * ((np.sqrt(s1) - np.sqrt(s0)) ** 2).sum(axis=-1)))


SIZE = ("expansion", "constant", "contraction")
RISK = ("toward risk", "no clear shift", "toward safety")


def classify_arrays(
    a0: np.ndarray,
    a1: np.ndarray,
    liquid: np.ndarray,
    risky: np.ndarray,
    *,
    m0: np.ndarray | None = None,
    m1: np.ndarray | None = None,
    stated: np.ndarray | None = None,
    thresholds: Thresholds,
    distance: str = "total_variation",
) -> dict[str, np.ndarray]:
    """The classifier on arrays: ``n`` pairs of asset vectors over ``k`` categories.

    Parameters
    ----------
    a0, a1 : array (n, k)
        Assets by category before and after (same unit), non-negative.
    liquid, risky : bool array (k,)
        Category attributes (unknown categories are False in both).
    m0, m1 : array (n,), optional
        Monetary liabilities before and after (unknown: omitted).
    stated : bool array (n,), optional
        Whether a reserve-quantity target was in force at the end of each pair.

    Returns
    -------
    dict of arrays (n,)
        The numbers and labels described in the module docstring.
    """
    dist = DISTANCES.get(distance)
    a0 = np.atleast_2d(np.asarray(a0, dtype=float))
    a1 = np.atleast_2d(np.asarray(a1, dtype=float))
    t0, t1 = a0.sum(axis=1), a1.sum(axis=1)
    if np.any(t0 <= 0) or np.any(t1 <= 0):
        raise DataError("total assets must be positive on both dates")
    s0, s1 = a0 / t0[:, None], a1 / t1[:, None]
    size = frac_to_pct(t1 / t0 - 1.0)
    liq0, liq1 = frac_to_pct(s0[:, liquid].sum(axis=1)), frac_to_pct(s1[:, liquid].sum(axis=1))
    rsk0, rsk1 = frac_to_pct(s0[:, risky].sum(axis=1)), frac_to_pct(s1[:, risky].sum(axis=1))
    d_liq, d_rsk = liq1 - liq0, rsk1 - rsk0
    comp = frac_to_pct(dist(s0, s1))
    grow = t1 - t0
    with np.errstate(divide="ignore", invalid="ignore"):
        credit = np.where(grow > 0, frac_to_pct(
            (a1[:, risky].sum(axis=1) - a0[:, risky].sum(axis=1)) / grow), np.nan)
        if m0 is not None and m1 is not None:
            money = np.where(grow > 0, frac_to_pct(
                (np.asarray(m1, float) - np.asarray(m0, float)) / grow), np.nan)
        else:
            money = np.full_like(size, np.nan)
    th = thresholds
    size_c = np.select([size >= th.size_change_pct, size <= -th.size_change_pct],
                       ["expansion", "contraction"], "constant")
    # contributions to an expansion are reported for expansions only (a small change in
    # size would make the ratios explode without meaning)
    credit = np.where(size_c == "expansion", credit, np.nan)
    money = np.where(size_c == "expansion", money, np.nan)
    risk_c = np.select(
        [(d_rsk >= th.risk_shift_pp) & (d_liq <= -th.liquidity_shift_pp),
         (d_rsk <= -th.risk_shift_pp) & (d_liq >= th.liquidity_shift_pp)],
        ["toward risk", "toward safety"], "no clear shift")
    toward = risk_c == "toward risk"
    verdict = np.select(
        [(size_c == "expansion") & toward, size_c == "expansion",
         (size_c == "constant") & toward, size_c == "constant", toward],
        ["credit easing", "quantitative easing", "qualitative easing",
         "no balance-sheet easing", "contraction with qualitative easing"],
        "contraction")
    expansion = size_c == "expansion"
    driver = np.select(
        [~expansion, credit >= th.driver_share_pct, money >= th.driver_share_pct],
        ["not applicable", "assets", "liabilities"], "undetermined")
    st = np.zeros(size.shape, dtype=bool) if stated is None else np.asarray(stated, dtype=bool)
    # consequential QE: the asset side drives and the monetary base is its counterpart
    # (a missing monetary series gives NaN, which fails the comparison: undetermined)
    counterpart = money >= th.driver_share_pct
    intent = np.select([~expansion, st, (driver == "assets") & counterpart],
                       ["not applicable", "intentional", "consequential"], "undetermined")
    return {
        "total_before": t0, "total_after": t1, "size_change_pct": size,
        "liquid_share_before": liq0, "liquid_share_after": liq1, "liquid_share_change": d_liq,
        "risky_share_before": rsk0, "risky_share_after": rsk1, "risky_share_change": d_rsk,
        "composition_distance": comp, "credit_contribution_pct": credit,
        "monetary_contribution_pct": money, "size_component": size_c, "risk_component": risk_c,
        "verdict": verdict, "driver": driver, "intent": intent,
        "composition_constant": comp < th.composition_pp,
    }


def resolve_stated_target(
    stated_target: str | StatedTarget | None, institution: str, date: str
) -> StatedTarget | None:
    """``"auto"``: look the target up in the catalogue; ``None``/``"none"``: no target."""
    if stated_target is None or stated_target == "none":
        return None
    if isinstance(stated_target, StatedTarget):
        return stated_target
    if stated_target == "auto":
        from monpol.easing.model import date_timestamp

        return catalogue().reserve_target_at(institution, date_timestamp(date))
    raise InputError(f"stated_target must be 'auto', 'none' or a StatedTarget; got {stated_target!r}")


def _check_pair(before: BalanceSheet, after: BalanceSheet, tax: Taxonomy) -> None:
    if before.unit.currency != after.unit.currency:
        raise InputError(
            f"the balance sheets are in different currencies: before ({before.date}) in "
            f"{before.unit.currency}, after ({after.date}) in {after.unit.currency}; convert "
            f"one of them first"
        )
    if before.unit.scale != after.unit.scale:
        raise InputError(
            f"the balance sheets are in different units: before ({before.date}) in "
            f"{before.unit.label!r}, after ({after.date}) in {after.unit.label!r}; give both in "
            f"the same unit"
        )
    if before.institution != after.institution:
        raise InputError(f"the balance sheets belong to different institutions: "
                         f"{before.institution!r} and {after.institution!r}")
    if after.timestamp <= before.timestamp:
        raise InputError(f"after ({after.date}) must be later than before ({before.date})")
    for bs in (before, after):
        for it in bs.items:
            try:
                tax.get(it.side, it.category)
            except InputError as exc:
                raise InputError(f"balance sheet of {bs.date}: item {it.item!r}: {exc}") from None


def classify(
    before: BalanceSheet,
    after: BalanceSheet,
    *,
    thresholds: Thresholds | None = None,
    distance: str = "total_variation",
    stated_target: str | StatedTarget | None = "auto",
    taxonomy: Taxonomy | None = None,
) -> EasingClassification:
    """Classify the change from ``before`` to ``after``.

    Parameters
    ----------
    before, after : BalanceSheet
        Snapshots of one institution in the same currency and unit.
    thresholds : Thresholds, optional
        Default :class:`Thresholds` (rationale in :mod:`monpol.easing.thresholds`).
    distance : {"total_variation", "hellinger"}
        Composition distance.
    stated_target : "auto", "none", None or StatedTarget
        Reserve-quantity target in force at ``after``: looked up in the catalogue
        (``"auto"``), none, or given.
    taxonomy : Taxonomy, optional
        Category attributes (default: the snapshots' taxonomy).

    Returns
    -------
    EasingClassification

    Raises
    ------
    InputError
        Different currencies, units or institutions; ``after`` not later; unknown
        distance or category.
    """
    instance_of("before", before, BalanceSheet, "a monpol.easing.BalanceSheet")
    instance_of("after", after, BalanceSheet, "a monpol.easing.BalanceSheet")
    th = thresholds or Thresholds()
    tax = taxonomy or before.taxonomy
    _check_pair(before, after, tax)
    names = tax.names("asset")
    a0 = np.array([before.by_category("asset").reindex(names, fill_value=0.0).to_numpy()])
    a1 = np.array([after.by_category("asset").reindex(names, fill_value=0.0).to_numpy()])
    cats = [tax.get("asset", n) for n in names]
    liquid = np.array([c.liquid is True for c in cats])
    risky = np.array([c.risky is True for c in cats])

    def monetary(bs: BalanceSheet) -> float:
        return float(sum(it.amount for it in bs.items if it.side == "liability"
                         and tax.get("liability", it.category).monetary))

    target = resolve_stated_target(stated_target, after.institution, after.date)
    out = classify_arrays(a0, a1, liquid, risky, m0=np.array([monetary(before)]),
                          m1=np.array([monetary(after)]), stated=np.array([target is not None]),
                          thresholds=th, distance=distance)
    in_band: bool | None = None
    if target is not None:
        try:
            tunit = parse_money_unit(target.step.unit)
            res_t = after.unit.convert(after.reserves, tunit) if tunit.currency == \
                after.unit.currency else None
        except InputError:
            res_t = None
        if res_t is not None:
            in_band = bool(target.step.lower <= res_t <= target.step.upper)
    return EasingClassification.from_arrays(
        out, before=before, after=after, categories=names, liquid=liquid, risky=risky,
        a0=a0[0], a1=a1[0], monetary_before=monetary(before), monetary_after=monetary(after),
        thresholds=th, distance=distance, stated_target=target, reserves_in_band=in_band,
        attributes={c.name: (c.liquid, c.risky) for c in cats},
    )
