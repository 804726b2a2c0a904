from __future__ import annotations

import pytest

from monpol.events.seed import PUBLISHED_LEVELS, PUBLISHED_MOVES, worked_case
from tests.events.reference import seed000 as ref


def test_worked_case_matches_independent_arithmetic() -> None:
    case = worked_case().set_index("window")
    pct = case.loc[case["unit"] == "percent", "change"].tolist()
    assert pct == pytest.approx([ref.EXPECTED_PCT[k] for k in (
        "dxy_close", "dxy_next_low", "eur_peak", "eur_close", "eur_next_high", "spx_close")], rel=1e-12)
    assert case.loc[case["unit"] == "basis points", "change"].item() == ref.EXPECTED_BP
    assert case.loc[case["unit"] == "32nds", "change"].item() == ref.EXPECTED_32NDS


def test_published_figures_are_the_seeds() -> None:
    levels = {(p.instrument, p.start, p.end) for p in PUBLISHED_LEVELS}
    assert ("US dollar index (DXY)", ref.DXY_PRE, ref.DXY_CLOSE) in levels
    assert ("EUR/USD", ref.EUR_PRE, ref.EUR_NEXT_HIGH) in levels
    assert ("S&P 500", ref.SPX_PRE, ref.SPX_CLOSE) in levels
    assert ("US 10-year Treasury note yield", ref.YIELD_PRE, ref.YIELD_POST) in levels
    moves = {("dollar" if "dollar" in m.instrument else "euro", m.start_date): m.change_pct
             for m in PUBLISHED_MOVES}
    assert moves == ref.MOVES
