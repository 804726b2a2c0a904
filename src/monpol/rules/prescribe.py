"""Rule prescriptions for scalars and for time series (spec 01 §1).

:func:`prescribe` evaluates one rule at one point; :func:`compare_rules` evaluates several
rules over a quarterly history beside the actual rate; :func:`prescribe_path` is the
single-rule case. All inputs and outputs are in percent.

Examples
--------
Spec 01's reference values (Taylor 1993, r* = π* = 2):

>>> prescribe("taylor1993", inflation=2, output_gap=0).rate
4.0
>>> prescribe("taylor1993", inflation=3, output_gap=1).rate
6.0

The unemployment gap through Okun's law (gap = 2·(u* − u)), as in pyeconomics' documented
example (π 2.94, u 4.00, u* 4.41):

>>> round(prescribe("taylor1993", inflation=2.94, unemployment=4.0, u_star=4.41).rate, 2)
5.82
>>> round(prescribe("general", inflation=2.94, unemployment=4.0, u_star=4.41,
...                 rho=0.9, lagged_rate=5.5).rate, 2)
5.53
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.validation import finite_float, in_range, one_of, require_columns
from monpol.rules.results import Prescription, RulePaths
from monpol.rules.spec import PolicyRule, get_rule

# A scalar r* outside this band (percent per year) is a typo, not an assumption: published
# estimates (Holston-Laubach-Williams, Laubach-Williams; FRBNY page) stay within about -2..6.
R_STAR_RANGE = (-10.0, 10.0)

__all__ = ["DEFAULT_ELB", "compare_rules", "prescribe", "prescribe_path", "rule_kernel"]

DEFAULT_ELB = 0.125
"""ELB used by the ELB-adjusted rule when none is given: the midpoint of the Fed's 0–¼
percent target range at the lower bound (percent)."""


def rule_kernel(
    rule: PolicyRule,
    *,
    inflation: np.ndarray | float,
    gap: np.ndarray | float,
    r_star: np.ndarray | float,
    inflation_target: np.ndarray | float,
    lagged_rate: np.ndarray | float = np.nan,
    gap_lag4: np.ndarray | float = np.nan,
) -> dict[str, np.ndarray]:
    """Unconstrained prescription and its additive components (numpy, vectorised).

    The rule's form (:data:`monpol.rules.spec.RULE_FORMS`) gives the components. Level
    rules: ``R = ρ·R_−1 + (1 − ρ)[r* + π + a(π − π*) + b·g]`` with ``g = gap`` or
    ``min(gap, 0)`` (shortfalls); first-difference rules:
    ``R = R_−1 + a(π − π*) + b(gap − gap_−4)``. The components sum to the prescription.
    """
    comps = rule.rule_form.components(
        rule, inflation=np.asarray(inflation, float), gap=np.asarray(gap, float),
        r_star=np.asarray(r_star, float), inflation_target=np.asarray(inflation_target, float),
        lagged_rate=np.asarray(lagged_rate, float), gap_lag4=np.asarray(gap_lag4, float))
    comps["unconstrained"] = np.asarray(sum(comps.values()))
    return comps


def _gap_from_inputs(
    output_gap: float | None, unemployment: float | None, u_star: float | None, okun: float
) -> tuple[float, dict[str, float | None]]:
    if output_gap is not None and (unemployment is not None or u_star is not None):
        raise InputError(
            "give either output_gap or unemployment and u_star (Okun conversion), not both"
        )
    if output_gap is not None:
        gap = finite_float("output_gap", output_gap, unit="percent")
        return gap, {"output_gap": gap}
    if unemployment is None or u_star is None:
        raise InputError(
            "the rule needs the output gap: give output_gap, or unemployment and u_star "
            "(gap = okun·(u_star − unemployment))"
        )
    u = finite_float("unemployment", unemployment, unit="percent")
    us = finite_float("u_star", u_star, unit="percent")
    k = finite_float("okun", okun)
    gap = k * (us - u)
    return gap, {"unemployment": u, "u_star": us, "okun": k, "output_gap": gap}


def prescribe(
    rule: str | PolicyRule,
    *,
    inflation: float,
    output_gap: float | None = None,
    unemployment: float | None = None,
    u_star: float | None = None,
    okun: float = 2.0,
    r_star: float = 2.0,
    inflation_target: float = 2.0,
    lagged_rate: float | None = None,
    output_gap_lag4: float | None = None,
    elb: float | None = None,
    makeup: float = 0.0,
    a: float | None = None,
    b: float | None = None,
    rho: float | None = None,
) -> Prescription:
    """The policy rate a rule prescribes, in percent.

    Parameters
    ----------
    rule : str or PolicyRule
        A registered name (:func:`monpol.rules.rule_names`) or a rule object.
    inflation : float
        Four-quarter inflation π, percent.
    output_gap : float, optional
        Output gap, percent of potential (positive = overheating). Alternatively give
        ``unemployment`` and ``u_star``: gap = ``okun``·(u* − u).
    okun : float
        Okun coefficient for the unemployment conversion (Fed convention 2).
    r_star, inflation_target : float
        Equilibrium real rate r* and target π*, percent (Taylor's 2 and 2 by default).
    lagged_rate : float, optional
        Last period's policy rate R_−1 (inertial, first-difference, general with ρ > 0).
    output_gap_lag4 : float, optional
        The output gap four quarters earlier (first-difference rule).
    elb : float, optional
        Effective lower bound: the prescription is floored at it. ``None`` applies no
        floor, except for the ELB-adjusted rule, whose floor defaults to
        :data:`DEFAULT_ELB`.
    makeup : float
        Cumulative past shortfall Z subtracted by the ELB-adjusted rule (percentage points).
    a, b, rho : float, optional
        Coefficients of the ``general`` rule: R = ρR_−1 + (1 − ρ)[r* + π + a(π − π*) + b·gap].

    Returns
    -------
    Prescription
        ``rate`` and the inputs, components and whether the ELB bound.

    Raises
    ------
    InputError
        Non-finite inputs, an unknown rule, a missing lagged rate or gap.
    """
    spec = get_rule(rule, a=a, b=b, rho=rho)
    pi = finite_float("inflation", inflation, unit="percent")
    gap, gap_inputs = _gap_from_inputs(output_gap, unemployment, u_star, okun)
    rs = in_range("r_star", r_star, *R_STAR_RANGE, unit="percent")
    pistar = finite_float("inflation_target", inflation_target, unit="percent")
    lag = np.nan
    if spec.needs_lagged_rate:
        if lagged_rate is None:
            raise InputError(f"rule {spec.name!r} needs lagged_rate (last period's rate, percent)")
        lag = finite_float("lagged_rate", lagged_rate, unit="percent")
    gap4 = np.nan
    if spec.needs_gap_lag4:
        if output_gap_lag4 is None:
            raise InputError(
                f"rule {spec.name!r} needs output_gap_lag4 (the output gap four quarters earlier)"
            )
        gap4 = finite_float("output_gap_lag4", output_gap_lag4, unit="percent")
    z = in_range("makeup", makeup, 0.0, None)
    if z and not spec.makeup:
        raise InputError(f"makeup applies to the ELB-adjusted rule only; rule is {spec.name!r}")
    floor = elb if elb is not None else (DEFAULT_ELB if spec.makeup else None)
    floor = None if floor is None else finite_float("elb", floor, unit="percent")

    comps = rule_kernel(spec, inflation=pi, gap=gap, r_star=rs, inflation_target=pistar,
                        lagged_rate=lag, gap_lag4=gap4)
    unconstrained = float(comps.pop("unconstrained"))
    adjusted = unconstrained - z
    rate = adjusted if floor is None else max(adjusted, floor)
    inputs: dict[str, float | None] = {"inflation": pi, **gap_inputs, "r_star": rs,
                                       "inflation_target": pistar}
    if spec.needs_lagged_rate:
        inputs["lagged_rate"] = lag
    if spec.needs_gap_lag4:
        inputs["output_gap_lag4"] = gap4
    return Prescription(
        rule=spec,
        rate=round(rate, 12),
        unconstrained_rate=round(unconstrained, 12),
        makeup=z,
        elb=floor,
        elb_binding=floor is not None and adjusted < floor,
        inputs=inputs,
        components={k: round(float(v), 12) for k, v in comps.items()},
    )


GapSource = Literal["output", "unemployment"]
LagSource = Literal["actual", "rule"]


def _series(frame: pd.DataFrame, value: float | str, name: str) -> np.ndarray:
    if isinstance(value, str):
        if value not in frame.columns:
            raise InputError(
                f"{name} must be a number (percent) or a column of inputs "
                f"({', '.join(map(repr, map(str, frame.columns)))}); got {value!r}"
            )
        return frame[value].to_numpy(float)
    if name == "r_star":
        return np.full(len(frame), in_range(name, value, *R_STAR_RANGE, unit="percent"))
    return np.full(len(frame), finite_float(name, value, unit="percent"))


def _check_quarterly(index: pd.Index) -> None:
    """Lags are positional (R_−1 one row back, gap_−4 four rows back): rows must be
    consecutive quarters."""
    if isinstance(index, pd.PeriodIndex):
        if not index.freqstr.startswith("Q"):
            raise InputError(f"inputs must be quarterly; got frequency {index.freqstr!r}")
        quarters = index
    elif isinstance(index, pd.DatetimeIndex):
        quarters = index.to_period("Q")
    else:
        return
    if len(quarters) > 1 and not (np.diff(quarters.asi8) == 1).all():
        raise InputError(
            "inputs must hold consecutive quarters, sorted, one row each (lagged terms are "
            "taken rows back); got gaps, duplicates or unsorted rows"
        )


def compare_rules(
    inputs: pd.DataFrame,
    rules: Sequence[str | PolicyRule] = ("taylor1993", "taylor1999", "balanced-shortfalls",
                                         "inertial", "first-difference", "elb-adjusted"),
    *,
    r_star: float | str = 2.0,
    inflation_target: float | str = 2.0,
    gap: GapSource = "output",
    okun: float = 2.0,
    elb: float | None = None,
    lagged: LagSource = "actual",
    initial_rate: float | None = None,
) -> RulePaths:
    """Prescriptions of several rules over a quarterly history, beside the actual rate.

    Parameters
    ----------
    inputs : DataFrame
        Consecutive quarterly rows (a PeriodIndex or DatetimeIndex) with ``inflation``; ``output_gap``
        (``gap="output"``) or ``unemployment`` and ``u_star`` (``gap="unemployment"``,
        converted with ``okun``); optionally ``policy_rate`` (the actual rate) and any
        column named by ``r_star`` or ``inflation_target``.
        :func:`monpol.rules.us_rule_inputs` builds such a frame from bundled U.S. data.
    rules : sequence
        Rule names or :class:`PolicyRule` objects.
    r_star, inflation_target : float or str
        A constant (percent) or the name of a column of ``inputs``.
    elb : float, optional
        Floor for every rule; the ELB-adjusted rule uses :data:`DEFAULT_ELB` if ``None``.
    lagged : {"actual", "rule"}
        R_−1 for inertial and first-difference rules: the actual rate of the previous
        quarter (the Fed's convention for historical comparisons) or the rule's own
        previous prescription (a simulation started from ``initial_rate``). The
        ELB-adjusted rule accumulates its shortfall Z from the same R_−1 source.

    Returns
    -------
    RulePaths
        Long frame (period, rule, prescribed, unconstrained, makeup, actual, deviation)
        with ``deviation = actual − prescribed``; summary statistics; ``plot()``.

    Notes
    -----
    Rows whose inputs are missing get no prescription (NaN). The first-difference rule
    uses the gap four rows earlier, so ``inputs`` must be quarterly. The ELB-adjusted rule
    follows the Federal Reserve Board's definition: R = max(R^BA − Z, ELB), where Z is the
    cumulative sum of past deviations of the rate from the balanced-approach prescription
    in the quarters when that prescription was below the ELB; Z does not decay afterwards.
    """
    if not isinstance(inputs, pd.DataFrame) or inputs.empty:
        raise InputError("inputs must be a non-empty DataFrame of quarterly observations")
    one_of("gap", gap, ["output", "unemployment"])
    one_of("lagged", lagged, ["actual", "rule"])
    specs = [get_rule(r) for r in rules]
    if not specs:
        raise InputError("rules must name at least one rule")
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise InputError(f"rules must have distinct names; got {names}")
    require_columns(inputs, ["inflation"], source="inputs")
    if gap == "output":
        require_columns(inputs, ["output_gap"], source="inputs")
        g = inputs["output_gap"].to_numpy(float)
    else:
        require_columns(inputs, ["unemployment", "u_star"], source="inputs")
        k = finite_float("okun", okun)
        g = k * (inputs["u_star"].to_numpy(float) - inputs["unemployment"].to_numpy(float))
    _check_quarterly(inputs.index)
    pi = inputs["inflation"].to_numpy(float)
    rs = _series(inputs, r_star, "r_star")
    pistar = _series(inputs, inflation_target, "inflation_target")
    actual = (inputs["policy_rate"].to_numpy(float) if "policy_rate" in inputs
              else np.full(len(inputs), np.nan))
    if lagged == "actual" and "policy_rate" not in inputs and any(
        s.needs_lagged_rate or s.makeup for s in specs
    ):
        raise InputError(
            "lagged='actual' needs a policy_rate column; pass lagged='rule' with initial_rate "
            "to simulate the rules from their own past prescriptions"
        )
    if lagged == "rule":
        if initial_rate is None:
            raise InputError("lagged='rule' needs initial_rate (the rate before the first row)")
        initial_rate = finite_float("initial_rate", initial_rate, unit="percent")
    floor_all = None if elb is None else finite_float("elb", elb, unit="percent")

    frames = []
    n = len(inputs)
    for spec in specs:
        floor = floor_all if floor_all is not None else (DEFAULT_ELB if spec.makeup else None)
        gap4 = np.concatenate([np.full(4, np.nan), g[:-4]]) if n > 4 else np.full(n, np.nan)
        prescribed = np.full(n, np.nan)
        unconstrained = np.full(n, np.nan)
        zs = np.full(n, np.nan) if not spec.makeup else np.zeros(n)
        if lagged == "actual":
            lag = np.concatenate([[np.nan], actual[:-1]])
            comps = rule_kernel(spec, inflation=pi, gap=g, r_star=rs, inflation_target=pistar,
                                lagged_rate=lag, gap_lag4=gap4)
            unconstrained = comps["unconstrained"]
            if spec.makeup:
                z = 0.0
                for t in range(n):
                    zs[t] = z
                    below = unconstrained[t] < floor
                    if below and np.isfinite(actual[t]):
                        z += actual[t] - unconstrained[t]
            prescribed = unconstrained - np.nan_to_num(zs, nan=0.0)
        else:
            prev, z = float(initial_rate), 0.0  # type: ignore[arg-type]
            for t in range(n):
                c = rule_kernel(spec, inflation=pi[t], gap=g[t], r_star=rs[t],
                                inflation_target=pistar[t], lagged_rate=prev, gap_lag4=gap4[t])
                unconstrained[t] = float(c["unconstrained"])
                if spec.makeup:
                    zs[t] = z
                r = unconstrained[t] - (z if spec.makeup else 0.0)
                if floor is not None:
                    r = max(r, floor)
                prescribed[t] = r
                if spec.makeup and unconstrained[t] < floor:
                    z += r - unconstrained[t]
                if np.isfinite(r):
                    prev = r
        if floor is not None:
            prescribed = np.where(np.isnan(prescribed), np.nan, np.maximum(prescribed, floor))
        frames.append(pd.DataFrame({
            "period": inputs.index, "rule": spec.name, "label": spec.label,
            "prescribed": prescribed, "unconstrained": unconstrained, "makeup": zs,
            "actual": actual, "deviation": actual - prescribed,
        }))
    long = pd.concat(frames, ignore_index=True)
    if long["prescribed"].notna().sum() == 0:
        raise DataError("no row of inputs has the data the rules need (all prescriptions missing)")
    options = {"r_star": r_star, "inflation_target": inflation_target, "gap": gap,
               "okun": okun if gap == "unemployment" else None, "elb": elb, "lagged": lagged,
               "initial_rate": initial_rate}
    return RulePaths(frame=long, rules=tuple(specs), options=options)


def prescribe_path(rule: str | PolicyRule, inputs: pd.DataFrame, **options: object) -> RulePaths:
    """One rule over a history: :func:`compare_rules` with a single rule."""
    return compare_rules(inputs, [rule], **options)  # type: ignore[arg-type]
