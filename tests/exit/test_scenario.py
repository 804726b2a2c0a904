"""Rate paths, three-tier remuneration, sales and timing options."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import DataError, InputError, MonpolWarning
from monpol.exit import RatePath, Sales, ThreeTier, Timing


def test_constant_and_over() -> None:
    p = RatePath.constant(0.5, start_year=2023, years=4)
    assert p.over(2024, 2).tolist() == [0.5, 0.5]
    with pytest.raises(InputError, match=r"rate path covers 2023-2026 but the projection needs 2025-2028"):
        p.over(2025, 4)


def test_from_changes_day_weighted_by_hand() -> None:
    # 2023 (365 days): 0.0 until 2023-07-01 (181 days), then 1.0 (184 days) -> 184/365
    p = RatePath.from_changes({"2023-07-01": 1.0}, initial=0.0, start_year=2023, years=2)
    assert p.rates[0] == pytest.approx(184 / 365)
    assert p.rates[1] == 1.0
    # a change dated 1 January applies to the whole year
    q = RatePath.from_changes({"2024-01-01": 2.0}, initial=0.5, start_year=2023, years=2)
    assert q.rates.tolist() == [0.5, 2.0]


def test_gradual_hikes_stop_at_target_and_cut_downwards() -> None:
    up = RatePath.gradual(initial=-0.1, target=0.5, step=0.25, every_months=12, start_year=2023, years=4)
    # moves on 1 Jan 2023, 2024, 2025: -0.1 -> 0.15 -> 0.4 -> 0.5 (last step cut at the target)
    assert up.rates == pytest.approx([0.15, 0.4, 0.5, 0.5])
    down = RatePath.gradual(initial=1.0, target=0.5, step=0.25, every_months=12, start_year=2023, years=3)
    assert down.rates == pytest.approx([0.75, 0.5, 0.5])
    with pytest.raises(InputError, match=r"step must be in \(0, inf\); got 0"):
        RatePath.gradual(initial=0, target=1, step=0, start_year=2023, years=2)


def test_rate_path_files(tmp_path: Path) -> None:
    good = tmp_path / "r.csv"
    good.write_text("year,rate\n2023,0.5\n2024,1.0\n")
    assert RatePath.read_csv(good).rates.tolist() == [0.5, 1.0]
    gap = tmp_path / "gap.csv"
    gap.write_text("year,rate\n2023,0.5\n2025,1.0\n")
    with pytest.raises(DataError, match="years must be consecutive calendar years"):
        RatePath.read_csv(gap)
    bad = tmp_path / "bad.csv"
    bad.write_text("year,rate\n2023,abc\n")
    with pytest.raises(DataError, match="rate of row 0 must be a finite number in percent; got 'abc'"):
        RatePath.read_csv(bad)
    cols = tmp_path / "cols.csv"
    cols.write_text("yr,r\n2023,1\n")
    with pytest.raises(DataError, match="rate path needs columns 'year,rate'"):
        RatePath.read_csv(cols)
    with pytest.warns(MonpolWarning, match="rates look like fractions"):
        RatePath.from_frame(pd.DataFrame({"year": [2023, 2024], "rate": [0.005, 0.01]}))
    with pytest.raises(InputError, match="rates must contain only finite numbers"):
        RatePath([2023], [np.nan])


def test_three_tier_split_and_expense_by_hand() -> None:
    tt = ThreeTier(basic=210, policy_rate_balance=5)
    b, m, p = tt.tiers(np.array([477.0, 212.0, 100.0]))
    assert b.tolist() == [210.0, 210.0, 100.0]
    assert p.tolist() == [5.0, 2.0, 0.0]
    assert m.tolist() == [262.0, 0.0, 0.0]
    # 210 x 0.1% + 262 x 0% + 5 x (-0.1%) = 0.21 - 0.005
    assert tt.expense(np.array([477.0]), np.array([-0.1]))[0] == pytest.approx(0.205)
    with pytest.raises(InputError, match=r"basic must be in \[0, inf\); got -1"):
        ThreeTier(basic=-1, policy_rate_balance=0)


def test_sales_and_timing_validation() -> None:
    s = Sales({2025: 10, 2024: 5}, reference_rate=-0.1)
    assert s.items == ((2024, 5.0), (2025, 10.0))
    with pytest.raises(InputError, match=r"sale amount in 2024 must be in \[0, inf\); got -5"):
        Sales({2024: -5}, reference_rate=0.0)
    with pytest.raises(InputError,
                       match="sale_order must be one of 'pro_rata', 'longest_first', 'shortest_first'"):
        Sales({2024: 5}, reference_rate=0.0, order="random")
    with pytest.raises(InputError, match=r"holdings_timing must be one of 'year_end', .*; got 'june'"):
        Timing(holdings="june")
    with pytest.raises(InputError, match="reserves_timing must be one of"):
        Timing(reserves="later")
    with pytest.raises(InputError, match="reinvest_timing must be one of 'next_year', 'at_redemption'"):
        Timing(reinvestment="never")
    assert Timing().holdings == "year_end" and Timing().reserves == "year_start"
