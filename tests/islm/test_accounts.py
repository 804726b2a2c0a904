"""Balance-sheet matrix (Table 1 layout), sector balances and the validator."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import AccountingError, InputError
from monpol.islm import IslmSpec, solve, validate_accounts
from monpol.islm.accounts import FLOW_COLUMNS, INSTRUMENTS, NFA_ROW, SECTORS

SPECS = [IslmSpec(), IslmSpec.illustrative_corridor(),
         IslmSpec().replace(fx_regime="fixed", c_FB=2.5),
         IslmSpec().replace(e_1=0.9, FB_g=100)]  # revaluation of foreign bonds this period


def test_layout_follows_table_1() -> None:
    eq = solve()
    bs = eq.balance_sheet
    assert list(bs.index) == [*INSTRUMENTS, NFA_ROW]
    assert list(bs.columns) == [*SECTORS, "sum"]
    v = eq.variables
    # signed entries: assets +, liabilities −; blanks are NaN as in the paper's table
    assert bs.loc["cash", "central bank"] == pytest.approx(-v["CC"])
    assert bs.loc["deposits", "banks"] == pytest.approx(-v["D"])
    assert bs.loc["reserves", "banks"] == pytest.approx((v["eps"] + 0.01) * v["D"])
    assert bs.loc["bonds", "government"] == pytest.approx(-v["B_g"])
    assert bs.loc["bonds", "banks"] == pytest.approx(v["B_b"])
    assert bs.loc["loans", "firms"] == pytest.approx(-v["L"])
    assert bs.loc["foreign bonds", "foreign"] == pytest.approx(-v["FB_F"])
    assert bs.loc[NFA_ROW, "households"] == pytest.approx(v["W_h"])
    assert bs.loc[NFA_ROW, "central bank"] == 0.0
    assert math.isnan(bs.loc["cash", "government"])
    assert bs["sum"].tolist() == pytest.approx(bs[list(SECTORS)].sum(axis=1).tolist())


@pytest.mark.parametrize("spec", SPECS)
def test_equilibrium_accounts_balance(spec: IslmSpec) -> None:
    eq = solve(spec)
    report = eq.accounts.report
    assert report.ok, report.messages()
    assert report.raise_if_failed() is report
    sb = eq.sector_balances
    assert list(sb.columns) == list(FLOW_COLUMNS)
    assert sb.loc["sum", "net_lending"] == pytest.approx(0.0, abs=1e-10)
    assert sb.loc["sum", "revaluation"] == pytest.approx(0.0, abs=1e-10)
    assert np.allclose(sb["gap"], 0.0, atol=1e-10)
    # households' net lending is their saving, firms' minus their investment
    assert sb.loc["households", "net_lending"] == pytest.approx(eq.variables["S_h"])
    assert sb.loc["firms", "net_lending"] == pytest.approx(-(eq.variables["I_fs"]
                                                             + eq.variables["I_fl"]))


def test_revaluation_moves_bank_net_worth() -> None:
    eq = solve(IslmSpec().replace(e_1=0.9, FB_g=100))
    sb = eq.sector_balances
    # e/e_−1 − 1 applied to the banks' opening foreign bonds FB_F,−1 − e_−1·FB_g
    assert sb.loc["banks", "revaluation"] == pytest.approx((eq.e / 0.9 - 1) * (400 - 0.9 * 100))
    assert sb.loc["foreign", "revaluation"] == pytest.approx(-(eq.e / 0.9 - 1) * 400)


def test_paper_convention_gap_is_reported_in_the_accounts() -> None:
    eq = solve(IslmSpec(convention="paper"))
    gap = eq.variables["accounting_gap"]
    assert gap > 0
    assert eq.sector_balances.loc["foreign", "gap"] == pytest.approx(gap)
    rep = eq.accounts.report
    assert not rep.ok
    names = set(rep.failures["name"])
    assert {"call loans", NFA_ROW, "gap of foreign"} <= names
    with pytest.raises(AccountingError, match=r"row 'call loans' sums to 8.090e-01"):
        rep.raise_if_failed()
    assert "accounting gap" in str(eq.accounts)


def test_validator_names_rows_columns_and_periods() -> None:
    good = solve().balance_sheet
    bad = good.copy()
    bad.loc["bonds", "households"] += 1.0
    report = validate_accounts([good, bad, good])
    assert not report.ok
    failed = report.failures
    assert set(failed["period"]) == {2}
    assert ("row", "bonds") in set(zip(failed["kind"], failed["name"], strict=True))
    assert ("column", "households") in set(zip(failed["kind"], failed["name"], strict=True))
    with pytest.raises(AccountingError, match=r"period 2: row 'bonds' sums to 1.000e\+00"):
        report.raise_if_failed()
    # a mapping keeps its period labels; the NFA row's total is checked too
    worse = good.copy()
    worse.loc[NFA_ROW, "foreign"] -= 2.0
    rep = validate_accounts({"2024Q1": good, "2024Q2": worse})
    kinds = set(zip(rep.failures["period"], rep.failures["kind"], rep.failures["name"],
                    strict=True))
    assert ("2024Q2", "total", NFA_ROW) in kinds and ("2024Q2", "column", "foreign") in kinds


def test_validator_report_interface_and_bad_input() -> None:
    report = validate_accounts(solve().balance_sheet, flows=solve().sector_balances)
    frame = report.to_frame()
    assert list(frame.columns) == ["period", "kind", "name", "sum", "tolerance", "ok"]
    assert report.to_dict()["ok"] is True and report.to_dict()["failures"] == []
    assert "Accounts check" in str(report)
    with pytest.raises(InputError, match="balance_sheets must be a DataFrame"):
        validate_accounts(3)
    with pytest.raises(InputError, match="must have a 'net financial assets' row"):
        validate_accounts(pd.DataFrame({"a": [1.0]}, index=["cash"]))
    with pytest.raises(InputError, match="rtol must be a finite number >= 0"):
        validate_accounts(solve().balance_sheet, rtol=-1)


def test_accounts_result_forms() -> None:
    acc = solve().accounts
    long = acc.to_frame()
    assert list(long.columns) == ["instrument", "sector", "amount"]
    assert len(long) == int(acc.balance_sheet.drop(columns="sum").notna().sum().sum())
    d = acc.to_dict()
    assert d["convention"] == "opening" and "cash" in d["balance_sheet"]
    assert "Balance sheets" in str(acc)
