"""The family of policy rules (spec 01 §1): definitions and their registry.

Every rule is a :class:`PolicyRule`, a small frozen specification with named, documented
coefficients. In the notation of spec 01 (π: four-quarter inflation, π*: target, gap:
output gap in percent of potential, R_−1: last period's rate, r*: equilibrium real rate;
all in percent):

==========================  =========================================================
rule                        prescription
==========================  =========================================================
``taylor1993``              R = r* + π + 0.5(π − π*) + 0.5·gap
``taylor1999``              R = r* + π + 0.5(π − π*) + 1.0·gap  (balanced approach)
``balanced-shortfalls``     R = r* + π + 0.5(π − π*) + 1.0·min(gap, 0)
``inertial``                R = 0.85·R_−1 + 0.15·[r* + π + 0.5(π − π*) + 1.0·gap]
``first-difference``        R = R_−1 + 0.5(π − π*) + 0.5(gap − gap_−4)
``elb-adjusted``            R = max(R^BA − Z, ELB), Z = cumulative past shortfall
``general``                 R = ρ·R_−1 + (1 − ρ)[r* + π + a(π − π*) + b·gap]
==========================  =========================================================

With the Fed's Okun conversion gap = 2·(u* − u) the shortfalls rule is the Fed's
``r* + π + 0.5(π − π*) + 2·min(u* − u, 0)``.

References
----------
Taylor, J.B. (1993), "Discretion versus policy rules in practice", Carnegie-Rochester
Conference Series on Public Policy 39, 195–214.
Taylor, J.B. (1999), "A historical analysis of monetary policy rules", in Monetary Policy
Rules, University of Chicago Press.
Board of Governors of the Federal Reserve System, "Policy Rules and How Policymakers Use
Them" (federalreserve.gov/monetarypolicy/policy-rules-and-how-policymakers-use-them.htm),
and the Monetary Policy Report (February 2021, pp. 45–48) for the balanced-approach
(shortfalls) and the ELB-adjusted rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from monpol.core.errors import InputError
from monpol.core.registry import Registry
from monpol.core.validation import finite_float, in_range, one_of

__all__ = ["RULES", "RULE_FORMS", "PolicyRule", "RuleForm", "get_rule", "rule_names"]

Form = str
"""A name registered in :data:`RULE_FORMS` (built in: ``level``, ``first_difference``)."""


@dataclass(frozen=True)
class RuleForm:
    """How a rule turns its inputs into a prescription: one entry of :data:`RULE_FORMS`.

    Subclass it and override :meth:`components` (and, as needed, :meth:`check`,
    :meth:`formula`, :meth:`needs_lagged_rate`); register an instance with
    ``RULE_FORMS.add(name, form)`` and build rules with ``PolicyRule(..., form=name)``.

    Parameters
    ----------
    description : str
        The form in words.
    needs_gap_lag4 : bool
        The form reads the output gap four quarters earlier.
    """

    description: str
    needs_gap_lag4: bool = False

    def check(self, rule: PolicyRule) -> None:
        """Refuse coefficient combinations the form has no meaning for."""

    def needs_lagged_rate(self, rule: PolicyRule) -> bool:
        """Whether the prescription needs last period's rate R_−1."""
        return rule.smoothing > 0

    def formula(self, rule: PolicyRule) -> str:
        """The rule written out with its coefficients."""
        raise NotImplementedError

    def components(self, rule: PolicyRule, *, inflation: np.ndarray, gap: np.ndarray,
                   r_star: np.ndarray, inflation_target: np.ndarray,
                   lagged_rate: np.ndarray, gap_lag4: np.ndarray) -> dict[str, np.ndarray]:
        """The additive components of the unconstrained prescription (percent, numpy
        arrays broadcast against ``inflation``); they sum to the prescription."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Level(RuleForm):
    def formula(self, rule: PolicyRule) -> str:
        a, b = rule.inflation_response, rule.gap_response
        gap = "min(gap, 0)" if rule.shortfalls_only else "gap"
        core = f"r* + π + {a:g}(π − π*) + {b:g}·{gap}"
        if rule.smoothing:
            rho = rule.smoothing
            core = f"{rho:g}·R_-1 + {1 - rho:g}·[{core}]"
        if rule.makeup:
            return f"R = max({core} − Z, ELB)"
        return f"R = {core}"

    def components(self, rule: PolicyRule, *, inflation: np.ndarray, gap: np.ndarray,
                   r_star: np.ndarray, inflation_target: np.ndarray,
                   lagged_rate: np.ndarray, gap_lag4: np.ndarray) -> dict[str, np.ndarray]:
        a, b, rho = rule.inflation_response, rule.gap_response, rule.smoothing
        pi = inflation
        g_used = np.minimum(gap, 0.0) if rule.shortfalls_only else gap
        w = 1.0 - rho
        comps = {
            "r_star": w * r_star + 0 * pi,
            "inflation": w * pi,
            "inflation_gap_term": w * a * (pi - inflation_target),
            "output_gap_term": w * b * g_used,
        }
        if rho:
            comps = {"lagged_rate_term": rho * lagged_rate + 0 * pi, **comps}
        return comps


@dataclass(frozen=True)
class _FirstDifference(RuleForm):
    needs_gap_lag4: bool = True

    def check(self, rule: PolicyRule) -> None:
        if rule.smoothing or rule.makeup:
            raise InputError("a first-difference rule takes no smoothing and no make-up term")

    def needs_lagged_rate(self, rule: PolicyRule) -> bool:
        return True

    def formula(self, rule: PolicyRule) -> str:
        a, b = rule.inflation_response, rule.gap_response
        return f"R = R_-1 + {a:g}(π − π*) + {b:g}(gap − gap_-4)"

    def components(self, rule: PolicyRule, *, inflation: np.ndarray, gap: np.ndarray,
                   r_star: np.ndarray, inflation_target: np.ndarray,
                   lagged_rate: np.ndarray, gap_lag4: np.ndarray) -> dict[str, np.ndarray]:
        a, b = rule.inflation_response, rule.gap_response
        return {
            "lagged_rate": lagged_rate + 0 * inflation,
            "inflation_gap_term": a * (inflation - inflation_target),
            "output_gap_change_term": b * (gap - gap_lag4),
        }


RULE_FORMS: Registry[RuleForm] = Registry("form")
"""How rules turn inputs into a prescription: name → :class:`RuleForm`."""
RULE_FORMS.add("level", _Level(
    "R = ρ·R_−1 + (1 − ρ)[r* + π + a(π − π*) + b·g], g = gap or min(gap, 0) (shortfalls)"))
RULE_FORMS.add("first_difference", _FirstDifference(
    "R = R_−1 + a(π − π*) + b(gap − gap_−4): the rule prescribes the change in the rate"))


@dataclass(frozen=True)
class PolicyRule:
    """A policy rule with named coefficients.

    Parameters
    ----------
    name : str
        Registry name.
    label : str
        Name for tables and charts.
    inflation_response : float
        ``a``: response to the inflation gap π − π* (on top of the one-for-one response
        to π in level rules).
    gap_response : float
        ``b``: response to the output gap (to its four-quarter change in first-difference
        rules).
    smoothing : float
        ``ρ`` in [0, 1): weight on last period's rate (level rules).
    form : str
        A name in :data:`RULE_FORMS`: ``"level"`` rules prescribe the rate,
        ``"first_difference"`` rules its change; register a :class:`RuleForm` for others.
    shortfalls_only : bool
        Respond only to negative gaps (shortfalls of employment/output).
    makeup : bool
        ELB-adjusted: subtract the cumulative past shortfall ``Z`` and floor at the ELB.
    reference : str
        Where the rule comes from.
    """

    name: str
    label: str
    inflation_response: float
    gap_response: float
    smoothing: float = 0.0
    form: Form = "level"
    shortfalls_only: bool = False
    makeup: bool = False
    reference: str = ""

    def __post_init__(self) -> None:
        one_of("form", self.form, RULE_FORMS.names())
        finite_float("inflation_response", self.inflation_response)
        finite_float("gap_response", self.gap_response)
        in_range("smoothing", self.smoothing, 0.0, 1.0, high_inclusive=False)
        self.rule_form.check(self)

    @property
    def rule_form(self) -> RuleForm:
        """The :class:`RuleForm` object of ``form``."""
        return RULE_FORMS.get(self.form)

    @property
    def needs_lagged_rate(self) -> bool:
        """Whether the prescription needs last period's rate R_−1."""
        return self.rule_form.needs_lagged_rate(self)

    @property
    def needs_gap_lag4(self) -> bool:
        """Whether the prescription needs the output gap four quarters earlier."""
        return self.rule_form.needs_gap_lag4

    @property
    def formula(self) -> str:
        """The rule written out with its coefficients."""
        return self.rule_form.formula(self)

    def with_coefficients(
        self,
        *,
        inflation_response: float | None = None,
        gap_response: float | None = None,
        smoothing: float | None = None,
    ) -> PolicyRule:
        """A copy with some coefficients changed (same name; ``formula`` shows the values)."""
        if inflation_response is None and gap_response is None and smoothing is None:
            return self
        return replace(
            self,
            inflation_response=self.inflation_response if inflation_response is None
            else finite_float("a", inflation_response),
            gap_response=self.gap_response if gap_response is None
            else finite_float("b", gap_response),
            smoothing=self.smoothing if smoothing is None
            else in_range("rho", smoothing, 0.0, 1.0, high_inclusive=False),
        )


_FED = "Federal Reserve Board, 'Policy Rules and How Policymakers Use Them'; MPR Feb 2021"

RULES: Registry[PolicyRule] = Registry("rule")
for _rule in (
    PolicyRule("taylor1993", "Taylor (1993)", 0.5, 0.5, reference="Taylor (1993)"),
    PolicyRule("taylor1999", "Taylor (1999) / balanced approach", 0.5, 1.0,
               reference=f"Taylor (1999); {_FED}"),
    PolicyRule("balanced-shortfalls", "Balanced approach (shortfalls)", 0.5, 1.0,
               shortfalls_only=True, reference=_FED),
    PolicyRule("inertial", "Inertial", 0.5, 1.0, smoothing=0.85, reference=_FED),
    PolicyRule("first-difference", "First difference", 0.5, 0.5, form="first_difference",
               reference="spec 01 (coefficients 0.5, 0.5); the Fed's page uses 0.1, 0.1"),
    PolicyRule("elb-adjusted", "ELB-adjusted (make-up)", 0.5, 1.0, makeup=True,
               reference=f"{_FED}: balanced-approach rule less the cumulative shortfall Z"),
    PolicyRule("general", "General (user coefficients)", 0.5, 0.5,
               reference="spec 01: R = ρR_-1 + (1 − ρ)[r* + π + a(π − π*) + b·gap]"),
):
    RULES.add(_rule.name, _rule)


def rule_names() -> list[str]:
    """Names of the registered rules."""
    return RULES.names()


def get_rule(
    rule: str | PolicyRule,
    *,
    a: float | None = None,
    b: float | None = None,
    rho: float | None = None,
) -> PolicyRule:
    """Resolve a rule by name (or pass one through), applying user coefficients.

    ``a``, ``b`` and ``rho`` set the inflation-gap response, the output-gap response and
    the smoothing weight. They are allowed for ``general`` (defaults 0.5, 0.5, 0) and for a
    :class:`PolicyRule` given directly; named published rules keep their coefficients, so
    that ``taylor1993`` always means Taylor (1993).
    """
    if isinstance(rule, PolicyRule):
        return rule.with_coefficients(inflation_response=a, gap_response=b, smoothing=rho)
    spec = RULES.get(rule)
    if spec.name != "general" and any(v is not None for v in (a, b, rho)):
        raise InputError(
            f"a, b and rho apply to rule 'general' only; rule {rule!r} has fixed "
            f"coefficients ({spec.formula})"
        )
    return spec.with_coefficients(inflation_response=a, gap_response=b, smoothing=rho)
