"""Sovereign bond-market stress (spec 05, seed 001): auctions, yields, ownership, scorecard,
doom loop.

=====================  ===================================================================
module                 what it does
=====================  ===================================================================
``auctions``           JGB and US auction records (two CSV formats), bid-to-cover, tail,
                       bidder shares, "lowest/largest since" context on any loaded history
``yields``             yield stress: level percentile and z-score, highest since, speed of
                       rise, volatility; position in a reference range
``ownership``          the BOJ's share of JGBs overall and by remaining maturity (monthly,
                       issue-level data); central-bank and Fed shares from two amounts
``scorecard``          the seed's five-dimension JGB-vs-UST table as scored indicators
``doom_loop``          vectorised fiscal doom-loop simulator and the threshold between the
                       seed's two paths
``claims``             the seed's statements checked against the bundled data
``data``               loaders of the bundled datasets
=====================  ===================================================================
"""

from monpol.bonds.auctions import AuctionResults, history_context, read_auctions
from monpol.bonds.claims import SeedClaims, seed_claims
from monpol.bonds.doom_loop import (
    DoomLoopResult,
    DoomLoopSpec,
    ThresholdResult,
    find_threshold,
    simulate,
)
from monpol.bonds.ownership import (
    OwnershipResult,
    boj_share,
    central_bank_share,
    fed_treasury_share,
)
from monpol.bonds.scorecard import (
    Indicator,
    Scorecard,
    seed_case_indicators,
    sovereign_scorecard,
)
from monpol.bonds.yields import (
    RangePosition,
    YieldStress,
    YieldStressPanel,
    range_position,
    yield_stress,
    yield_stress_panel,
)

__all__ = [
    "AuctionResults",
    "DoomLoopResult",
    "DoomLoopSpec",
    "Indicator",
    "OwnershipResult",
    "RangePosition",
    "Scorecard",
    "SeedClaims",
    "ThresholdResult",
    "YieldStress",
    "YieldStressPanel",
    "boj_share",
    "central_bank_share",
    "fed_treasury_share",
    "find_threshold",
    "history_context",
    "range_position",
    "read_auctions",
    "seed_case_indicators",
    "seed_claims",
    "simulate",
    "sovereign_scorecard",
    "yield_stress",
    "yield_stress_panel",
]
