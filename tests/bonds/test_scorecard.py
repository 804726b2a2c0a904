from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from matplotlib.figure import Figure

from monpol.bonds.scorecard import (
    DIMENSIONS,
    SEED_TABLE,
    Indicator,
    ScorecardInputs,
    apply_inputs,
    band,
    linear_score,
    load_inputs,
    market_indicators,
    percentile_score,
    seed_case_indicators,
    since_score,
    sovereign_scorecard,
)
from monpol.core.errors import DataError, InputError


def test_scales() -> None:
    assert percentile_score(2.5, [3.0, 2.9, 2.5, 2.4], stress="low") == 75.0
    assert percentile_score(1.2, [0.3, 0.5, 1.2, 2.0], stress="high") == 75.0
    assert linear_score(120, zero=0, full=100) == 100.0 and linear_score(-3, zero=0, full=100) == 0.0
    assert linear_score(2.5, zero=3.0, full=2.0) == 50.0
    assert since_score(10.0) == 50.0 and since_score(50.0, horizon=40) == 100.0
    assert [band(x) for x in (10, 40, 90, math.nan)] == ["contained", "elevated", "severe", None]
    with pytest.raises(InputError, match="zero and full must differ"):
        linear_score(1, zero=2, full=2)
    with pytest.raises(InputError, match="history must contain at least one value"):
        percentile_score(1, [], stress="high")
    with pytest.raises(InputError, match="stress must be one of 'high', 'low'"):
        percentile_score(1, [1.0], stress="up")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"years must be in \[0, inf\)"):
        since_score(-1)
    with pytest.raises(InputError, match=r"horizon must be in \(0, inf\)"):
        since_score(1, horizon=0)


def test_indicator_validation() -> None:
    with pytest.raises(InputError, match="dimension must be one of 'primary_demand'"):
        Indicator("liquidity", "x", 1.0, "", 10.0, "", "")
    with pytest.raises(InputError, match=r"score of 'x' must be in \[0, 100\]"):
        Indicator("market_risk", "x", 1.0, "", 120.0, "", "")
    with pytest.raises(InputError, match="source must say whose judgement"):
        Indicator.judgement("market_risk", "x", 50, source="")


def test_composite_weights_coverage_and_verdict() -> None:
    ind = {
        "A": [Indicator.judgement("primary_demand", "p", 80, source="test"),
              Indicator.judgement("market_risk", "m", 60, source="test"),
              Indicator.judgement("market_risk", "m2", 40, source="test")],
        "B": [Indicator.judgement("market_risk", "m", 20, source="test")],
    }
    sc = sovereign_scorecard(ind, weights={"primary_demand": 0.6, "market_risk": 0.2})
    dims = sc.dimension_scores()
    assert dims.loc["market_risk", "A"] == 50.0 and math.isnan(dims.loc["primary_demand", "B"])
    comp = sc.composite()
    # A: (0.6*80 + 0.2*50) / 0.8; B: market risk only; common dimension: market risk
    assert comp.loc["A", "composite"] == pytest.approx((0.6 * 80 + 0.2 * 50) / 0.8)
    assert comp.loc["A", "coverage"] == pytest.approx(0.8) and comp.loc["B", "coverage"] == pytest.approx(0.2)
    assert comp.loc["A", "composite_common"] == 50.0 and comp.loc["B", "composite"] == 20.0
    assert sc.verdict() == "A more stressed than B by 30.0 points on the 1 dimensions both have (market_risk)"
    frame = sc.to_frame()
    assert frame.query("market == 'A' and dimension == 'composite'")["score"].iloc[0] == pytest.approx(72.5)
    table = sc.table()
    assert list(table.index) == list(DIMENSIONS)
    assert table.loc["primary_demand", "B evidence"].startswith("n/a")
    assert table.loc["central_bank_share", "seed UST"] == SEED_TABLE["central_bank_share"][1]
    d = sc.to_dict()
    assert d["markets"]["A"]["dimensions"]["market_risk"]["score"] == 50.0
    assert len(d["markets"]["A"]["dimensions"]["market_risk"]["indicators"]) == 2
    assert isinstance(sc.plot(), Figure) and "Composite" in str(sc)
    with pytest.raises(InputError, match="weights key must be one of"):
        sovereign_scorecard(ind, weights={"liquidity": 1.0})
    with pytest.raises(InputError, match="weights must not all be zero"):
        sovereign_scorecard(ind, weights=dict.fromkeys(DIMENSIONS, 0.0))
    with pytest.raises(InputError, match="indicators must name at least one market"):
        sovereign_scorecard({})
    with pytest.raises(InputError, match="must be Indicator objects"):
        sovereign_scorecard({"A": ["x"]})  # type: ignore[list-item]


def test_seed_case_from_bundled_data(seed001: dict[str, Any]) -> None:
    ind = seed_case_indicators("2025-05-22")
    sc = sovereign_scorecard(ind, as_of="2025-05-22")
    jgb = {i.name: i for i in ind["JGB"]}
    btc = jgb["20Y bid-to-cover, 2025-05-20"]
    # below every earlier 20-year auction in the bundled history (24 of them)
    assert btc.score == 100.0 and btc.value == pytest.approx(2.500732, abs=1e-6)
    assert "24 earlier values" in btc.scale
    tail = jgb["20Y tail, 2025-05-20"]
    assert tail.value == seed001["jgb_20y_auction_2025_05_20"]["tail"] and tail.score == 100.0
    share = jgb["central bank's share of government bonds"]
    # abs=0.01: the April 2025 reference share (52.79) is rounded to two decimals
    assert share.value == pytest.approx(52.79, abs=0.01) and share.note.endswith("2025-04-30")
    ust = {i.name: i for i in ind["UST"]}
    assert ust["central bank's share of government bonds"].value == seed001["ownership"]["fed_share"]
    assert "inside its 2023 range" in ust["UST 10Y level, 2025-05-22"].note
    assert {i.dimension for i in ind["UST"]} == {"secondary_market", "central_bank_share", "market_risk"}
    comp = sc.composite()
    # the seed's verdict: JGB more dangerous than UST
    assert comp.loc["JGB", "composite_common"] > comp.loc["UST", "composite_common"]
    assert comp.loc["JGB", "band"] == "severe" and comp.loc["JGB", "coverage"] == pytest.approx(1.0)
    assert comp.loc["UST", "coverage"] == pytest.approx(0.6)
    # a 40-year auction two months old is not counted in the late-May assessment
    assert not any(name.startswith("40Y bid-to-cover") for name in jgb)


def test_inputs_file(tmp_path: Path) -> None:
    path = tmp_path / "inputs.toml"
    path.write_text("""
fed_share = 15.0
replace = ["UST:central_bank_share"]
[weights]
primary_demand = 0.3
[[indicator]]
market = "UST"
dimension = "primary_demand"
name = "20Y bid-to-cover"
value = 2.46
unit = "ratio"
scale = "linear"
zero = 2.8
full = 2.2
source = "input: test"
[[indicator]]
market = "UST"
dimension = "central_bank_share"
name = "Fed share"
scale = "score"
score = 15
source = "input: test"
[[indicator]]
market = "UST"
dimension = "price_sensitivity"
name = "tail"
value = 1.2
scale = "percentile"
history = [-1.0, 0.5, 1.5]
stress = "high"
source = "input: test"
[[indicator]]
market = "UST"
dimension = "market_risk"
name = "since"
value = 1.0
scale = "since"
years = 5
source = "input: test"
""", encoding="utf-8")
    inputs = load_inputs(path)
    assert inputs.fed_share == 15.0 and inputs.weights == {"primary_demand": 0.3}
    base = {"UST": [Indicator.linear("central_bank_share", "seed", 16.0, zero=0, full=100, unit="percent",
                                     source="seed")]}
    out = apply_inputs(base, inputs)
    names = [i.name for i in out["UST"]]
    assert "seed" not in names and names[0] == "20Y bid-to-cover"
    assert out["UST"][0].score == pytest.approx(100 * (2.46 - 2.8) / (2.2 - 2.8))
    assert out["UST"][2].score == pytest.approx(200 / 3) and out["UST"][3].score == 25.0
    with pytest.raises(InputError, match="replace entries must be MARKET:DIMENSION"):
        apply_inputs(base, ScorecardInputs(replace=["UST:liquidity"]))


def test_inputs_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[indicator]]\nmarket="UST"\ndimension="primary_demand"\nname="x"\nscale="linear"\n'
                   'value=1\nsource="s"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"invalid scorecard inputs: indicator.0: Value error, scale "
                                        r"'linear' needs zero, full"):
        load_inputs(bad)
    bad.write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(DataError, match="colour: Extra inputs are not permitted"):
        load_inputs(bad)
    bad.write_text("[[indicator\n", encoding="utf-8")
    with pytest.raises(DataError, match="not valid TOML"):
        load_inputs(bad)
    with pytest.raises(InputError, match="inputs must be an existing TOML file"):
        load_inputs(tmp_path / "none.toml")


def test_table_renders_the_seed_row_labels() -> None:
    sc = sovereign_scorecard(seed_case_indicators("2025-05-22"))
    table = sc.table()
    assert list(table.columns) == ["JGB score", "JGB band", "JGB evidence", "UST score", "UST band",
                                   "UST evidence", "seed JGB", "seed UST"]
    assert "lowest in the loaded history" in table.loc["primary_demand", "JGB evidence"]
    assert isinstance(table, pd.DataFrame)
    assert DIMENSIONS["central_bank_share"][1] == "央行持有比例"


def test_seed_case_on_other_dates() -> None:
    # a year later the May 2025 facts no longer count, and the data still give JGB and UST scores
    later = seed_case_indicators("2026-06-30")
    assert not [i for i in later["JGB"] if i.dimension == "price_sensitivity"]
    # before the 40-year bond existed only the 10-year yield is used
    early = seed_case_indicators("2005-01-10")
    assert [i.name for i in early["JGB"] if i.dimension == "secondary_market"] == [
        "JGB 10Y level, 2005-01-07", "JGB 10Y rise over 20 days"]
    with pytest.raises(InputError, match=r"date must be on or after 2001-06-08 .*; got '1990-01-10'"):
        seed_case_indicators("1990-01-10")
    with pytest.raises(InputError, match="date must be a date"):
        seed_case_indicators("soon")
    with pytest.raises(InputError, match=r"date must be a date \(YYYY-MM-DD\) between .*; got 'soon'"):
        market_indicators(date="soon", yields={})
