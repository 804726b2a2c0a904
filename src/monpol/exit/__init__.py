"""Central-bank finances at the exit from easing (spec 03, seed 002).

A holdings ladder, excess reserves, a policy-rate scenario and explicit timing conventions
in; a year-by-year projection of interest income, interest paid on reserves, net income and
capital out — deterministic (:meth:`ExitModel.project`) or over many random rate paths
(:meth:`ExitModel.simulate`). :func:`reproduce_seed` runs the seed's six scenarios on the
bundled BoJ end-2022 template beside the published table.

Examples
--------
>>> from monpol.exit import ExitModel, boj_ladder, mof_curve
>>> model = ExitModel(boj_ladder(), curve=mof_curve(), excess_reserves=477,
...                   start_year=2023, years=10, capital=11)
>>> res = model.project(0.5)
>>> res.last_loss_year, res.first_profit_year
(2026, 2027)
"""

from monpol.exit.curve import INTERPOLATIONS, YieldCurve, mof_curve
from monpol.exit.data import boj_ladder, illustrative_fed_ladder
from monpol.exit.engine import YIELD_ASSIGNMENTS, YieldRule
from monpol.exit.ladder import Ladder
from monpol.exit.model import ExitModel
from monpol.exit.pricing import clean_price, dirty_price
from monpol.exit.results import PROJECTION_COLUMNS, ExitProjection, MonteCarloResult
from monpol.exit.scenario import (
    ACCOUNTING,
    REDEMPTION_TIMINGS,
    REINVESTED_REDEMPTIONS,
    REINVESTMENT_TIMINGS,
    SALE_ORDERS,
    Accounting,
    RatePath,
    Sales,
    ThreeTier,
    Timing,
)

__all__ = [
    "ACCOUNTING",
    "INTERPOLATIONS",
    "PROJECTION_COLUMNS",
    "REDEMPTION_TIMINGS",
    "REINVESTED_REDEMPTIONS",
    "REINVESTMENT_TIMINGS",
    "SALE_ORDERS",
    "YIELD_ASSIGNMENTS",
    "Accounting",
    "ExitModel",
    "ExitProjection",
    "Ladder",
    "MonteCarloResult",
    "RatePath",
    "Sales",
    "ThreeTier",
    "Timing",
    "YieldCurve",
    "YieldRule",
    "boj_ladder",
    "clean_price",
    "dirty_price",
    "illustrative_fed_ladder",
    "mof_curve",
]
