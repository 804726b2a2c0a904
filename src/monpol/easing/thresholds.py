"""The thresholds of the easing classifier, each a named parameter with its rationale.

The defaults were set from the Federal Reserve's balance sheet under conventional policy,
2007-01-03 to 2007-08-08 (32 weekly H.4.1 observations, before the first crisis measures
and outside every window the seed classifies): total assets (WALCL) moved within a range of
4.6% of their lowest value, and the share of Treasury securities in total assets within
88.4-91.9% (a 3.6-point range). A threshold is about twice (size) or three times (shares)
that range, rounded to 10, so that a verdict needs a change clearly larger than what
routine operations produce. The driver threshold is a simple majority (50%). None of them
was chosen by looking at the windows being classified; ``monpol reproduce --only easing``
prints how far each computed number is from its threshold (the margins) and the seed's
verdicts with every threshold halved and doubled (unchanged; only the Fed's intent turns
undetermined at ``driver_share_pct=100``).

``composition_pp`` does not enter the verdict: it only sets the reported flag
``composition_constant``. The verdict reads Buiter's "composition held constant" through
the liquidity and riskiness of the assets (his equivalent formulation); see
:mod:`monpol.easing.classify`.

Examples
--------
>>> Thresholds().to_dict()  # doctest: +NORMALIZE_WHITESPACE
{'size_change_pct': 10.0, 'risk_shift_pp': 10.0, 'liquidity_shift_pp': 10.0,
 'composition_pp': 10.0, 'driver_share_pct': 50.0}
>>> Thresholds(size_change_pct=-1)
Traceback (most recent call last):
...
monpol.core.errors.InputError: size_change_pct must be in (0, inf); got -1
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from monpol.core.validation import in_range

__all__ = ["CALIBRATION", "RATIONALE", "Thresholds"]

#: What the defaults were derived from (computed in ``tests/easing/test_thresholds.py``).
CALIBRATION = {
    "sample": "WALCL and TREAST, 2007-01-03 to 2007-08-08 (32 weeks, conventional policy)",
    "size_range_pct": 4.59,
    "treasury_share_range_pp": 3.55,
}

RATIONALE = {
    "size_change_pct": "total assets must change by at least this (percent) to count as an "
    "expansion or contraction; about twice the 4.6% range of the Fed's total assets under "
    "conventional policy (2007-01 to 2007-08), rounded to 10",
    "risk_shift_pp": "the risky share must rise by at least this (percentage points) for a "
    "shift toward risk; about three times the 3.6-point range of the Treasury share under "
    "conventional policy, rounded to 10",
    "liquidity_shift_pp": "the liquid share must fall by at least this (percentage points) for "
    "a shift toward illiquidity; same rationale as risk_shift_pp",
    "composition_pp": "composition distance below this (percent) sets the reported flag "
    "composition_constant (instrument shares unchanged beyond routine); same rationale. Not "
    "part of the verdict, which reads Buiter's constant composition as constant liquidity "
    "and riskiness",
    "driver_share_pct": "the expansion is asset-driven if risky assets account for at least "
    "this share of the increase in total assets, liability-driven if monetary liabilities do "
    "(a simple majority); an asset-driven expansion is consequential QE only if monetary "
    "liabilities also account for this share (they are its counterpart)",
}


@dataclass(frozen=True)
class Thresholds:
    """Thresholds of the easing classifier (see :data:`RATIONALE`).

    Parameters
    ----------
    size_change_pct : float
        |change in total assets| in percent at or above which the size changed.
    risk_shift_pp : float
        Rise in the risky share (percentage points) for a shift toward risk.
    liquidity_shift_pp : float
        Fall in the liquid share (percentage points) for a shift toward illiquidity.
    composition_pp : float
        Composition distance (percent) below which ``composition_constant`` is True
        (reported; not part of the verdict).
    driver_share_pct : float
        Share of the increase in total assets (percent) that risky assets (asset side) or
        monetary liabilities (liability side) must account for to be the driver; also the
        share monetary liabilities must finance for consequential QE.
    """

    size_change_pct: float = 10.0
    risk_shift_pp: float = 10.0
    liquidity_shift_pp: float = 10.0
    composition_pp: float = 10.0
    driver_share_pct: float = 50.0

    def __post_init__(self) -> None:
        for name in ("size_change_pct", "risk_shift_pp", "liquidity_shift_pp", "composition_pp"):
            object.__setattr__(self, name, in_range(name, getattr(self, name), 0.0, None,
                                                    low_inclusive=False))
        object.__setattr__(self, "driver_share_pct",
                           in_range("driver_share_pct", self.driver_share_pct, 0.0, 100.0,
                                    low_inclusive=False))

    def to_dict(self) -> dict[str, float]:
        return asdict(self)
