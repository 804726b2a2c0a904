"""Flow-of-funds IS-LM model (Domae, "資金循環と IS-LM 分析"; spec 04).

An open-economy IS-LM model whose private sector is split into banks, bank-borrowing and
bond-issuing firms, households and the rest of the world, with central-bank lending,
reserves, call loans, loans, bonds, foreign bonds, cash and deposits.

* :class:`IslmSpec` — parameters grouped by role (policy, exogenous, state, behaviour),
  validated, loadable from TOML (:func:`load_spec`); default: the spec's illustrative
  calibration.
* :func:`solve` — one period's equilibrium (:class:`Equilibrium`), with the regime that
  held (floor, corridor, fixed), the balance-sheet matrix and the Walras residual;
  :func:`compare` — comparative statics.
* :func:`curves` — IS and LM curves on the (y, i_C) plane.
* :func:`simulate` — multi-period dynamics with :class:`Shock` s; accounts checked.
* :func:`run` — the propositions P1–P5; :func:`solve_many` — many equilibria at once.
* :func:`validate_accounts` — checks balance-sheet matrices like sfcr's validator.

Rates are in percent per year at every public boundary; see ``docs/islm.md`` for the
mapping between the paper's symbols and readable names.

Examples
--------
>>> from monpol.islm import IslmSpec, solve
>>> solve().regime, solve(IslmSpec.illustrative_corridor()).regime
('floor', 'corridor')
"""

from monpol.islm.accounts import (
    Accounts,
    AccountsReport,
    balance_sheet_matrix,
    sector_balances,
    validate_accounts,
)
from monpol.islm.assumptions import ASSUMPTIONS, Violation
from monpol.islm.curves import IsLmCurves, curves
from monpol.islm.dynamics import Scenario, Shock, Simulation, simulate
from monpol.islm.experiments import EXPERIMENTS, PropositionResult, run
from monpol.islm.results import VARIABLES, ComparativeStatics, Equilibrium
from monpol.islm.solver import compare, solve
from monpol.islm.spec import PARAMETERS, IslmSpec, load_spec, parameter_table
from monpol.islm.vectorised import EquilibriumArray, solve_many

__all__ = [
    "ASSUMPTIONS",
    "EXPERIMENTS",
    "PARAMETERS",
    "VARIABLES",
    "Accounts",
    "AccountsReport",
    "ComparativeStatics",
    "Equilibrium",
    "EquilibriumArray",
    "IsLmCurves",
    "IslmSpec",
    "PropositionResult",
    "Scenario",
    "Shock",
    "Simulation",
    "Violation",
    "balance_sheet_matrix",
    "compare",
    "curves",
    "load_spec",
    "parameter_table",
    "run",
    "sector_balances",
    "simulate",
    "solve",
    "solve_many",
    "validate_accounts",
]
