"""Holdings ladders: construction, CSV files, bad input, the bundled BoJ template."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError, MonpolWarning
from monpol.core.units import BILLION_USD
from monpol.exit import Ladder, boj_ladder

DATASETS = Path(__file__).resolve().parents[2] / "src/monpol/data/datasets"
RAW_HOLDINGS = DATASETS / "boj-jgb-holdings-2022-12/data.csv"


def test_seed_worked_example_weighted_yield_is_2_3_percent() -> None:
    # Seed 002, note 3: 200 at 1%, 300 at 2%, 500 at 3% -> (200/1000)1 + (300/1000)2 + (500/1000)3 = 2.3%
    lad = Ladder([200.0, 300.0, 500.0], maturity_years=[2023, 2024, 2025], yields=[1.0, 2.0, 3.0])
    assert lad.average_yield() == pytest.approx(2.3, abs=1e-12)
    assert lad.total == 1000.0
    assert lad.level == "year"


def test_from_frame_issue_level_with_dates(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("issue,maturity,amount,yield\nX-1,2024-03-20,10,0.5\nX-2,2031-12-20,5,1.0\n")
    lad = Ladder.read_csv(path)
    assert lad.level == "issue"
    assert lad.labels == ("X-1", "X-2")
    assert lad.maturity_years.tolist() == [2024, 2031]
    # 2024-03-20 is day 79 of 366 (leap year): fraction of the year elapsed at maturity
    assert lad.year_fraction()[0] == pytest.approx(79 / 366)
    # remaining maturity on 1 January 2024, ACT/365.25
    assert lad.remaining_maturity(2024)[0] == pytest.approx(79 / 365.25)
    assert lad.source == str(path)


def test_year_level_remaining_maturity_assumes_mid_year() -> None:
    lad = Ladder([1.0, 1.0], maturity_years=[2023, 2030], yields=[1.0, 1.0])
    assert lad.remaining_maturity(2023).tolist() == [0.5, 7.5]
    with pytest.raises(InputError, match="maturity-date timing needs an issue-level ladder"):
        lad.year_fraction()


def test_to_frame_and_redemptions_by_year() -> None:
    lad = Ladder([1.0, 2.0, 3.0], maturity_years=[2023, 2023, 2025], yields=[1, 2, 3], unit=BILLION_USD)
    assert lad.redemptions_by_year().to_dict() == {2023: 3.0, 2025: 3.0}
    frame = lad.to_frame()
    assert list(frame.columns) == ["label", "maturity_year", "maturity", "amount", "yield"]
    assert "USD bn" in repr(lad) or "3 pieces" in repr(lad)


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({"maturity_year": [2024], "amount": [-1.0]}),
         r"amount of row 0 must be non-negative; got -1.0"),
        (pd.DataFrame({"maturity_year": [2024, 2025], "amount": [1.0, None]}),
         r"amount of row 1 is missing or not a number"),
        (pd.DataFrame({"maturity_year": [2024], "amount": ["abc"]}),
         r"amount of row 0 is missing or not a number; got 'abc'"),
        (pd.DataFrame({"maturity_year": [2024], "amount": [1.0], "yield": [None]}),
         r"yield of row 0 is missing"),
        (pd.DataFrame({"year": [2024], "amount": [1.0]}), r"holdings need columns 'maturity_year,amount"),
        (pd.DataFrame({"maturity_year": [2024], "maturity": ["2024-01-01"], "amount": [1.0]}),
         r"both 'maturity_year' and 'maturity'"),
        (pd.DataFrame({"maturity": ["not a date"], "amount": [1.0]}),
         r"maturity of row 0 is not a date; got 'not a date'"),
        (pd.DataFrame({"maturity_year": [2024.5], "amount": [1.0]}),
         r"maturity_year of row 0 must be a whole calendar year"),
    ],
)
def test_bad_holdings_frames_raise_data_errors(frame: pd.DataFrame, match: str) -> None:
    with pytest.raises(DataError, match=match):
        Ladder.from_frame(frame)


def test_empty_ladders_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="the holdings ladder is empty"):
        Ladder([], maturity_years=[])
    path = tmp_path / "empty.csv"
    path.write_text("maturity_year,amount,yield\n")
    with pytest.raises(DataError, match="has no rows; the ladder is empty"):
        Ladder.read_csv(path)


def test_missing_file_and_non_finite_yield() -> None:
    with pytest.raises(InputError, match=r"holdings file '/no/such\.csv' does not exist"):
        Ladder.read_csv("/no/such.csv")
    with pytest.raises(DataError, match=r"yield of row 1 must be a finite number in percent; got inf"):
        Ladder([1.0, 1.0], maturity_years=[2024, 2025], yields=[1.0, np.inf])
    with pytest.raises(InputError, match="give exactly one of maturity_years and maturity_dates"):
        Ladder([1.0], maturity_years=[2024], maturity_dates=["2024-01-01"])


def test_maturity_before_the_ladder_date_is_refused() -> None:
    with pytest.raises(DataError,
                       match=r"maturity of row 0 \(2022-06-01\) is before the ladder's date 2022-12-30"):
        Ladder([1.0], maturity_dates=["2022-06-01"], yields=[1.0], as_of="2022-12-30")


def test_yields_that_look_like_fractions_warn() -> None:
    with pytest.warns(MonpolWarning,
                      match=r"yields look like fractions \(0.01, 0.02\); monpol expects percent"):
        Ladder([1.0, 1.0], maturity_years=[2024, 2025], yields=[0.01, 0.02])


def test_bundled_boj_template_matches_the_raw_file() -> None:
    lad = boj_ladder()
    raw = pd.read_csv(RAW_HOLDINGS)
    # 100 million yen -> trillion yen: / 10,000 (MANIFEST: BOJ total at 2022-12-30 is 545.19 trillion)
    assert lad.total == pytest.approx(raw["amount"].sum() / 1e4)
    assert lad.total == pytest.approx(545.1892)
    assert len(lad) == 309
    assert lad.as_of == pd.Timestamp("2022-12-30")
    assert lad.maturity_years.min() == 2023
    assert boj_ladder(kinds=["10Y"]).total == pytest.approx(256.0022)
    with pytest.raises(InputError, match=r"kinds must be among .*'10Y'.*got \['11Y'\]"):
        boj_ladder(kinds=["11Y"])
