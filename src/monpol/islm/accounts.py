"""The model's accounts: balance-sheet matrix (paper's Table 1), sector balances, validator.

The balance-sheet matrix has one row per instrument and one column per sector, in the
layout of the paper's Table 1 (spec §1), with signed entries (assets +, liabilities −), a
``net financial assets`` row and a ``sum`` column. Structurally empty cells are NaN.

The sector balances are the transactions side: for each sector, opening net financial
assets, net lending (saving − investment), revaluation of foreign bonds, the ``gap`` (change
in NFA not explained by net lending and revaluation: interest the ``paper`` convention
counts as income but puts in no stock) and closing NFA.

:func:`validate_accounts` checks any number of such matrices (one per period) the way
sfcr's ``sfcr_validate`` checks a balance-sheet matrix (joaomacalos/sfcr,
``R/sfcr_validate.R``) but returns an :class:`AccountsReport` naming every row, column and
period that does not sum to zero, and raises only when asked (``raise_if_failed``).

Examples
--------
>>> from monpol.islm import IslmSpec, solve
>>> eq = solve(IslmSpec())
>>> bs = eq.accounts.balance_sheet
>>> list(bs.columns)
['government', 'central bank', 'banks', 'firms', 'households', 'foreign', 'sum']
>>> validate_accounts(bs).ok
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import AccountingError, InputError
from monpol.core.results import Result, Summary
from monpol.core.validation import instance_of

__all__ = [
    "FLOW_COLUMNS",
    "INSTRUMENTS",
    "INSTRUMENT_RATES",
    "NFA_ROW",
    "SECTORS",
    "Accounts",
    "AccountsReport",
    "balance_sheet_matrix",
    "sector_balances",
    "validate_accounts",
]

SECTORS: tuple[str, ...] = ("government", "central bank", "banks", "firms", "households", "foreign")
INSTRUMENTS: tuple[str, ...] = (
    "cash",
    "reserves",
    "deposits",
    "central-bank lending",
    "call loans",
    "loans",
    "bonds",
    "foreign bonds",
)
NFA_ROW = "net financial assets"
INSTRUMENT_RATES: dict[str, str] = {
    "cash": "0",
    "reserves": "ī_R",
    "deposits": "i_D",
    "central-bank lending": "ī_CBL",
    "call loans": "i_C",
    "loans": "i_L",
    "bonds": "i_B",
    "foreign bonds": "ī_FB, e",
    NFA_ROW: "y",
}
"""The rate column of Table 1: the price of each instrument."""

FLOW_COLUMNS: tuple[str, ...] = ("NFA_opening", "net_lending", "revaluation", "gap", "NFA_closing")

_NAN = math.nan


def balance_sheet_matrix(v: Mapping[str, Any]) -> pd.DataFrame:
    """Balance-sheet matrix of one period from the solved variables ``v``.

    Rows: :data:`INSTRUMENTS` and ``net financial assets``; columns: :data:`SECTORS` and
    ``sum`` (row sums). Entries are signed: assets +, liabilities −.

    Notes
    -----
    Cash −CC / +cc·D_f / +cc·D_h; reserves −R (supplied, H − CC) / +β·D (held); deposits
    −D / +D_f / +D_h; central-bank lending +CBL / −CBL; call loans CL − CM (banks'
    constraint, the Walras residual); loans +L / −L; bonds −B_g / +B_c / +B_b / −B_f / +B_h;
    foreign bonds +e·FB_g / +FB_b / −FB_F. Net financial assets: e·FB_g − B_g, 0, NFA_b,
    −(K_fs + K_fl), W_h, −FB_F. The reserves row is the money-market (LM) residual and the
    call row the Walras residual; every other row sums to zero by construction.
    """
    instance_of("v", v, Mapping, "a mapping of model variables (Equilibrium.values)")
    f = {k: float(v[k]) for k in (
        "cc", "D_fs", "D_fl", "D_h", "D", "CC", "R", "beta", "L", "B_g", "B_c", "B_b", "B_f",
        "B_h", "FB_g", "FB_b", "FB_F", "NFA_b", "K_fs", "K_fl", "W_h", "walras_residual", "CBL",
    )}
    cbl = f["CBL"]
    D_f = f["D_fs"] + f["D_fl"]
    n = _NAN
    rows = {
        # columns: government, central bank, banks, firms, households, foreign
        "cash": [n, -f["CC"], n, f["cc"] * D_f, f["cc"] * f["D_h"], n],
        "reserves": [n, -f["R"], f["beta"] * f["D"], n, n, n],
        "deposits": [n, n, -f["D"], D_f, f["D_h"], n],
        "central-bank lending": [n, cbl, -cbl, n, n, n],
        "call loans": [n, n, f["walras_residual"], n, n, n],
        "loans": [n, n, f["L"], -f["L"], n, n],
        "bonds": [-f["B_g"], f["B_c"], f["B_b"], -f["B_f"], f["B_h"], n],
        "foreign bonds": [f["FB_g"], n, f["FB_b"], n, n, -f["FB_F"]],
        NFA_ROW: [f["FB_g"] - f["B_g"], 0.0, f["NFA_b"], -(f["K_fs"] + f["K_fl"]), f["W_h"],
                  -f["FB_F"]],
    }
    body = np.array(list(rows.values()), dtype=float)
    body = np.column_stack([body, np.nansum(body, axis=1)])
    frame = pd.DataFrame(body, index=pd.Index(list(rows), name="instrument"),
                         columns=pd.Index([*SECTORS, "sum"], name="sector"))
    return frame


def sector_balances(v: Mapping[str, Any]) -> pd.DataFrame:
    """Transactions side of the accounts for one period.

    Rows: :data:`SECTORS` and ``sum``; columns :data:`FLOW_COLUMNS`.

    Notes
    -----
    Net lending: government T + y_1g − G; central bank and banks 0 (they do not save,
    assumptions 3–4; the banks' primary income y_1b is the households'); firms −(I_fs + I_fl);
    households S_h; foreign −(NX + y_1), minus the home current account. Revaluation of
    foreign bonds: government (e − e_−1)·FB_g,open; banks (e/e_−1 − 1)·FB_b,−1; foreign
    −(e/e_−1 − 1)·FB_F,−1. ``gap`` = closing − opening − net lending − revaluation: zero for
    every sector under the ``opening`` convention; under ``paper`` the foreign sector shows
    y_1 − (e/e_−1)·ī_FB,−1·FB_F,−1, interest counted as income but held in no stock.
    Σ net lending is the goods-market residual (2-1-a).
    """
    instance_of("v", v, Mapping, "a mapping of model variables (Equilibrium.values)")
    f = {k: float(x) for k, x in v.items() if isinstance(x, int | float | np.floating)}
    opening = [f["NFA_g_1"], 0.0, f["NFA_b_1"], f["NFA_f_1"], f["NFA_h_1"], f["NFA_F_1"]]
    closing = [f["FB_g"] - f["B_g"], 0.0, f["NFA_b"], -(f["K_fs"] + f["K_fl"]), f["W_h"], -f["FB_F"]]
    lending = [f["T"] + f["y_1g"] - f["G"], 0.0, 0.0, -(f["I_fs"] + f["I_fl"]), f["S_h"],
               -(f["NX"] + f["y_1"])]
    reval = [f["reval_g"], 0.0, f["reval_b"], 0.0, 0.0, f["reval_F"]]
    body = np.array([opening, lending, reval, [0.0] * 6, closing], dtype=float).T
    body[:, 3] = body[:, 4] - body[:, 0] - body[:, 1] - body[:, 2]  # gap
    body = np.vstack([body, body.sum(axis=0)])
    return pd.DataFrame(body, columns=list(FLOW_COLUMNS),
                        index=pd.Index([*SECTORS, "sum"], name="sector"))


# ---------------------------------------------------------------------------- validator


@dataclass(frozen=True)
class AccountsReport(Result):
    """Outcome of :func:`validate_accounts`: every check, and which failed.

    Attributes
    ----------
    checks : DataFrame
        One row per check with columns ``period``, ``kind`` (``row``, ``column``, ``total``,
        ``flow``), ``name`` (instrument, sector or flow column), ``sum`` (what should be 0),
        ``tolerance`` and ``ok``.
    rtol : float
        Tolerance relative to the scale (deposits D, or the largest entry).
    """

    checks: pd.DataFrame
    rtol: float

    @property
    def ok(self) -> bool:
        """True when every row, column and total sums to zero within tolerance."""
        return bool(self.checks["ok"].all()) if len(self.checks) else True

    @property
    def failures(self) -> pd.DataFrame:
        """The checks that failed."""
        return self.checks.loc[~self.checks["ok"]].reset_index(drop=True)

    @property
    def max_abs(self) -> float:
        """Largest absolute sum over all checks."""
        return float(self.checks["sum"].abs().max()) if len(self.checks) else 0.0

    def messages(self, limit: int = 10) -> list[str]:
        """One line per failed check, e.g. ``period 7: row 'call loans' sums to 1.2e-03``."""
        out = []
        for rec in self.failures.head(limit).to_dict(orient="records"):
            what = {"row": "row", "column": "column", "total": "total of row",
                    "flow": "flow column"}[str(rec["kind"])]
            period = f"period {rec['period']}: " if rec["period"] is not None else ""
            out.append(f"{period}{what} {str(rec['name'])!r} sums to {float(rec['sum']):.3e} "
                       f"(tolerance {float(rec['tolerance']):.1e})")
        extra = len(self.failures) - limit
        if extra > 0:
            out.append(f"... and {extra} more")
        return out

    def raise_if_failed(self) -> AccountsReport:
        """Raise :class:`AccountingError` naming what does not sum to zero; else return self."""
        if not self.ok:
            raise AccountingError("accounts do not balance: " + "; ".join(self.messages()))
        return self

    def summary(self) -> Summary:
        s = Summary("Accounts check")
        s.add_items({
            "checks": len(self.checks),
            "failed": int((~self.checks["ok"]).sum()) if len(self.checks) else 0,
            "largest |sum|": self.max_abs,
            "relative tolerance": self.rtol,
        })
        if not self.ok:
            s.add_table(self.failures.head(20), "Failures", index=False, digits=6)
        return s

    def to_frame(self) -> pd.DataFrame:
        """Columns: period, kind, name, sum, tolerance, ok."""
        return self.checks.copy()

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": len(self.checks),
            "max_abs": self.max_abs,
            "rtol": self.rtol,
            "failures": self.failures.to_dict(orient="records"),
        }


def _as_periods(obj: Any, what: str) -> list[tuple[Any, pd.DataFrame]]:
    if obj is None:
        return []
    if isinstance(obj, pd.DataFrame):
        return [(None, obj)]
    if isinstance(obj, Mapping):
        return list(obj.items())
    if isinstance(obj, Sequence) and not isinstance(obj, str):
        return [(i + 1, m) for i, m in enumerate(obj)]
    raise InputError(
        f"{what} must be a DataFrame, a mapping period -> DataFrame or a list of DataFrames; "
        f"got {type(obj).__name__}"
    )


def validate_accounts(
    balance_sheets: Any,
    *,
    flows: Any = None,
    rtol: float = 1e-9,
    scale: float | None = None,
) -> AccountsReport:
    """Check that balance-sheet matrices (and optionally sector balances) add up.

    Parameters
    ----------
    balance_sheets : DataFrame, mapping period -> DataFrame, or list of DataFrames
        Matrices in the layout of :func:`balance_sheet_matrix` (a ``sum`` column, if any,
        is ignored; NaN counts as 0). A list is numbered from period 1.
    flows : same forms, optional
        Sector-balance frames (:func:`sector_balances`); their ``net_lending`` and
        ``revaluation`` columns must sum to zero over the sectors, and each sector's ``gap``
        must be zero.
    rtol : float
        Tolerance relative to ``scale``.
    scale : float, optional
        Default: the period's deposits D (minus the banks' deposits entry), or the largest
        absolute entry when there is no deposit row.

    Returns
    -------
    AccountsReport
        Every check; ``report.ok``, ``report.failures``, ``report.raise_if_failed()``.

    Notes
    -----
    Checks per period: every instrument row sums to zero across sectors; every sector's
    instruments sum to its net-financial-assets entry (column check); Σ NFA = 0.
    """
    if not (isinstance(rtol, int | float) and rtol >= 0 and math.isfinite(rtol)):
        raise InputError(f"rtol must be a finite number >= 0; got {rtol!r}")
    rows: list[dict[str, Any]] = []
    for period, m in _as_periods(balance_sheets, "balance_sheets"):
        if not isinstance(m, pd.DataFrame):
            raise InputError(f"balance sheet for period {period} must be a DataFrame")
        if NFA_ROW not in m.index:
            raise InputError(
                f"balance sheet must have a {NFA_ROW!r} row; rows present: {list(m.index)}"
            )
        rows_names = [str(i) for i in m.index]
        keep = [j for j, c in enumerate(m.columns) if str(c) != "sum"]
        cols = [str(m.columns[j]) for j in keep]
        arr = np.nan_to_num(m.to_numpy(dtype=float)[:, keep], nan=0.0)
        k = rows_names.index(NFA_ROW)
        inst = np.delete(arr, k, axis=0)
        inst_names = [r for r in rows_names if r != NFA_ROW]
        nfa = arr[k]
        if scale is not None:
            sc = float(scale)
        elif "deposits" in inst_names and "banks" in cols and inst[
            inst_names.index("deposits"), cols.index("banks")
        ]:
            sc = abs(float(inst[inst_names.index("deposits"), cols.index("banks")]))
        else:
            sc = float(np.abs(arr).max()) if arr.size else 0.0
        tol = rtol * sc
        for name, total in zip(inst_names, inst.sum(axis=1), strict=True):
            rows.append({"period": period, "kind": "row", "name": name, "sum": float(total),
                         "tolerance": tol})
        for sector, total in zip(cols, inst.sum(axis=0) - nfa, strict=True):
            rows.append({"period": period, "kind": "column", "name": sector,
                         "sum": float(total), "tolerance": tol})
        rows.append({"period": period, "kind": "total", "name": NFA_ROW,
                     "sum": float(nfa.sum()), "tolerance": tol})
    bs_scales = {r["period"]: r["tolerance"] for r in rows}
    for period, fl in _as_periods(flows, "flows"):
        names = [str(i) for i in fl.index]
        keep_rows = [j for j, n in enumerate(names) if n != "sum"]
        cols = [str(c) for c in fl.columns]
        arr = fl.to_numpy(dtype=float)[keep_rows]
        tol = bs_scales.get(period, rtol * float(np.abs(arr).max()))
        for col in ("net_lending", "revaluation"):
            rows.append({"period": period, "kind": "flow", "name": col,
                         "sum": float(arr[:, cols.index(col)].sum()), "tolerance": tol})
        for j, g in zip(keep_rows, arr[:, cols.index("gap")], strict=True):
            rows.append({"period": period, "kind": "flow", "name": f"gap of {names[j]}",
                         "sum": float(g), "tolerance": tol})
    checks = pd.DataFrame(rows, columns=["period", "kind", "name", "sum", "tolerance"])
    checks["ok"] = checks["sum"].abs() <= checks["tolerance"]
    if len(checks) and checks["period"].isna().all():
        checks["period"] = pd.Series([None] * len(checks), dtype=object)
    return AccountsReport(checks, float(rtol))


@dataclass(frozen=True)
class Accounts(Result):
    """The accounts of one period: balance-sheet matrix, sector balances and their check."""

    balance_sheet: pd.DataFrame
    sector_balances: pd.DataFrame
    walras_residual: float
    accounting_gap: float
    convention: str

    @property
    def report(self) -> AccountsReport:
        """:func:`validate_accounts` on this period (balance sheet and flows)."""
        return validate_accounts(self.balance_sheet, flows=self.sector_balances)

    def summary(self) -> Summary:
        s = Summary("Flow-of-funds accounts")
        s.add_table(self.balance_sheet, "Balance sheets (assets +, liabilities −)", digits=3)
        s.add_table(self.sector_balances, "Sector balances", digits=3)
        s.add_note(f"Walras (call-market) residual CL − CM = {self.walras_residual:.3e}.")
        if self.convention == "paper":
            s.add_note(f"paper convention: accounting gap (interest counted as income, in no "
                       f"stock) = {self.accounting_gap:.6g}.")
        return s

    def to_frame(self) -> pd.DataFrame:
        """The balance-sheet matrix in long form: instrument, sector, amount."""
        long = self.balance_sheet.drop(columns="sum").reset_index().melt(
            id_vars="instrument", var_name="sector", value_name="amount"
        )
        return long.dropna(subset=["amount"]).reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        return {
            "balance_sheet": {str(i): {str(k): v for k, v in row.items()}
                              for i, row in self.balance_sheet.to_dict(orient="index").items()},
            "sector_balances": {str(i): dict(row) for i, row in
                                self.sector_balances.to_dict(orient="index").items()},
            "walras_residual": self.walras_residual,
            "accounting_gap": self.accounting_gap,
            "convention": self.convention,
        }
