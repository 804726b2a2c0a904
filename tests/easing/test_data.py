from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from monpol import data
from monpol.core.errors import AccountingError, DataError, InputError
from monpol.easing import load_h41, load_snapshots, read_balance_sheet, read_balance_sheets

# Seed Table 1 (Fed, USD mn) and Table 2 (BOJ, 100 million yen): published totals.
SEED_TOTALS = {"fed-2007-2008": (891276, 2311893), "boj-2000-2005": (1067958, 1556064)}


@pytest.mark.parametrize("name", sorted(SEED_TOTALS))
def test_bundled_snapshots_match_seed_totals(name: str) -> None:
    pair = load_snapshots(name)
    assert (pair.before.total_assets, pair.after.total_assets) == SEED_TOTALS[name]
    assert (pair.before.total_liabilities, pair.after.total_liabilities) == SEED_TOTALS[name]


def test_snapshot_units_and_institutions(fed, boj) -> None:  # type: ignore[no-untyped-def]
    assert fed.after.unit.label == "USD mn" and fed.after.institution == "Federal Reserve"
    assert boj.after.unit.currency == "JPY" and boj.after.unit.scale == 1e8
    assert (boj.before.date, boj.after.date) == ("2000-12", "2005-12")


def test_seed_reserves_figures(fed, boj) -> None:  # type: ignore[no-untyped-def]
    # seed: deposits of depository institutions 17,661 -> 801,742; BOJ current deposits
    # 68,270 -> 328,677
    assert (fed.before.reserves, fed.after.reserves) == (17661, 801742)
    assert (boj.before.reserves, boj.after.reserves) == (68270, 328677)


def test_unknown_dataset() -> None:
    with pytest.raises(InputError, match="dataset must be one of 'fed-2007-2008', 'boj-2000-2005'"):
        load_snapshots("us-h41-weekly")


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bs.csv"
    p.write_text(text)
    return p


GOOD = """date,institution,side,item,category,amount,unit
2008-12-31,Toy CB,asset,Bonds,government_long,80,USD bn
2008-12-31,Toy CB,asset,Loans,lending_institutions,20,USD bn
2008-12-31,Toy CB,liability,Reserves,reserves,100,USD bn
2009-12-31,Toy CB,asset,Bonds,government_long,90,USD bn
2009-12-31,Toy CB,liability,Reserves,reserves,90,USD bn
"""


def test_read_csv_round_trip(tmp_path: Path) -> None:
    sheets = read_balance_sheets(_write(tmp_path, GOOD))
    assert list(sheets) == ["2008-12-31", "2009-12-31"]
    assert sheets["2008-12-31"].unit.label == "USD bn"
    with pytest.raises(InputError, match=r"holds balance sheets for \['2008-12-31', '2009-12-31'\]"):
        read_balance_sheet(_write(tmp_path, GOOD))
    assert read_balance_sheet(_write(tmp_path, GOOD), date="2009-12-31").total_assets == 90
    with pytest.raises(InputError, match="date must be one of"):
        read_balance_sheet(_write(tmp_path, GOOD), date="2010-12-31")


def test_read_csv_accepts_amounts_as_printed_in_the_seed(tmp_path: Path) -> None:
    # the seed's tables print thousands separators and '-' for nothing, as from_records accepts
    text = GOOD.replace(",80,", ',"1,080",').replace(",100,USD bn", ',"1,100",USD bn').replace(
        ",Loans,lending_institutions,20,", ",Loans,lending_institutions,-,").replace(
        "2008-12-31,Toy CB,liability,Reserves,reserves,\"1,100\"",
        "2008-12-31,Toy CB,liability,Reserves,reserves,\"1,080\"")
    sheet = read_balance_sheets(_write(tmp_path, text))["2008-12-31"]
    assert sheet.total_assets == sheet.total_liabilities == 1080.0
    assert sheet.by_category("asset")["lending_institutions"] == 0.0


def test_bundled_dataset_reads_as_csv_file() -> None:
    path = data.info("fed-2007-2008").path / "data.csv"
    assert read_balance_sheets(path)["2008-12-17"].total_assets == 2311893


def test_read_csv_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_balance_sheets(tmp_path / "missing.csv")
    with pytest.raises(DataError, match=r"missing required column\(s\) 'category'"):
        read_balance_sheets(_write(tmp_path, "date,side,item,amount\n2008-12-31,asset,B,1\n"))
    no_unit = GOOD.replace(",unit", "").replace(",USD bn", "")
    with pytest.raises(DataError, match="has no 'unit' column; add it or pass unit="):
        read_balance_sheets(_write(tmp_path, no_unit))
    assert read_balance_sheets(_write(tmp_path, no_unit), unit="USD bn")["2009-12-31"].total_assets == 90
    mixed = GOOD.replace("2008-12-31,Toy CB,asset,Loans,lending_institutions,20,USD bn",
                         "2008-12-31,Toy CB,asset,Loans,lending_institutions,20,USD mn")
    with pytest.raises(DataError, match=r"column 'unit' must hold one value per date; got "
                                        r"\['USD bn', 'USD mn'\]; items \['Loans'\] differ"):
        read_balance_sheets(_write(tmp_path, mixed))
    blank = GOOD.replace(",80,", ",,")
    with pytest.raises(DataError, match=r"item 'Bonds' has no amount \(blank cell\)"):
        read_balance_sheets(_write(tmp_path, blank))
    bad_amount = GOOD.replace(",80,", ",eighty,")
    with pytest.raises(DataError, match="item 'Bonds' has amount 'eighty'"):
        read_balance_sheets(_write(tmp_path, bad_amount))
    unbalanced = GOOD.replace(",90,USD bn\n", ",95,USD bn\n", 1)
    with pytest.raises(AccountingError, match="Toy CB on 2009-12-31 does not balance"):
        read_balance_sheets(_write(tmp_path, unbalanced))
    unknown = GOOD.replace("lending_institutions", "helicopter_money")
    with pytest.raises(InputError, match=r"item 'Loans': asset category must be one of"):
        read_balance_sheets(_write(tmp_path, unknown))


def test_h41_grid_units_and_seed_cross_check() -> None:
    h41 = load_h41()
    assert list(h41.columns) == ["WALCL", "TREAST", "WRESBAL"]
    assert (h41.index.day_of_week == 2).all()  # Wednesdays
    assert h41.index.to_series().diff().dropna().eq(pd.Timedelta(days=7)).all()
    info = data.info("us-h41-weekly")
    assert info.units == {"WALCL": "USD mn", "TREAST": "USD mn", "WRESBAL": "USD bn"}
    # seed Table 1: bills + notes/bonds held outright = 769,756 and 476,137 (USD mn)
    assert h41.loc["2007-12-19", "TREAST"] == pytest.approx(257019 + 512737, abs=1)  # rounding
    assert h41.loc["2008-12-17", "TREAST"] == pytest.approx(18423 + 457714, abs=1)  # rounding
    assert pd.isna(h41.loc["2008-12-17", "WRESBAL"])  # reserves copy starts 2009-01-07
    assert h41["WRESBAL"].first_valid_index() == pd.Timestamp("2009-01-07")
