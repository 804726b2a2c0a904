"""Balance-sheet policy: the easing taxonomy, the programme catalogue, revaluation.

* :mod:`~monpol.easing.model` and :mod:`~monpol.easing.data` — balance-sheet snapshots
  (validated: categories, balance, units) and their loaders;
* :mod:`~monpol.easing.taxonomy` — categories with liquidity/risk/monetary attributes;
* :mod:`~monpol.easing.classify` — quantitative / qualitative / credit easing, driver and
  intent, with every threshold a named parameter (:mod:`~monpol.easing.thresholds`);
* :mod:`~monpol.easing.series` — the same over windows of the weekly H.4.1 series;
* :mod:`~monpol.easing.catalogue` — sourced programmes and facilities, purchase paths,
  reserve targets;
* :mod:`~monpol.easing.revaluation` — valuation gains on an external position;
* :mod:`~monpol.easing.lost_decade` — Japan's lost-decade figures.

Seed: ``000_4ffc1b7a4a263a56.txt`` (CBC briefing material 2008-2010); spec 02.

Examples
--------
>>> from monpol import easing
>>> pair = easing.load_snapshots("fed-2007-2008")
>>> easing.classify(pair.before, pair.after).verdict
'credit easing'
"""

from monpol.easing.catalogue import Catalogue, Programme, PurchasePath, catalogue
from monpol.easing.classify import DISTANCES, classify
from monpol.easing.data import (
    BALANCE_SHEET_DATASETS,
    load_h41,
    load_snapshots,
    read_balance_sheet,
    read_balance_sheets,
)
from monpol.easing.lost_decade import LostDecade, load_lost_decade
from monpol.easing.model import BalanceSheet, BalanceSheetItem, SnapshotPair, parse_money_unit
from monpol.easing.results import EasingClassification, WindowClassification
from monpol.easing.revaluation import (
    CONVENTIONS,
    CurrencyPosition,
    RevaluationResult,
    revaluation,
    revalue,
)
from monpol.easing.series import classify_h41, classify_series
from monpol.easing.taxonomy import Category, Taxonomy, default_taxonomy
from monpol.easing.thresholds import Thresholds

__all__ = [
    "BALANCE_SHEET_DATASETS",
    "CONVENTIONS",
    "DISTANCES",
    "BalanceSheet",
    "BalanceSheetItem",
    "Catalogue",
    "Category",
    "CurrencyPosition",
    "EasingClassification",
    "LostDecade",
    "Programme",
    "PurchasePath",
    "RevaluationResult",
    "SnapshotPair",
    "Taxonomy",
    "Thresholds",
    "WindowClassification",
    "catalogue",
    "classify",
    "classify_h41",
    "classify_series",
    "default_taxonomy",
    "load_h41",
    "load_lost_decade",
    "load_snapshots",
    "parse_money_unit",
    "read_balance_sheet",
    "read_balance_sheets",
    "revaluation",
    "revalue",
]
