from __future__ import annotations

import pytest

from monpol.easing import load_h41
from monpol.easing.thresholds import CALIBRATION, RATIONALE, Thresholds


def test_calibration_numbers_recomputed_from_the_bundled_series() -> None:
    # The documented defaults rest on the conventional-policy sample 2007-01-03..2007-08-08.
    c = load_h41().loc["2007-01-03":"2007-08-08", ["WALCL", "TREAST"]].dropna()
    assert len(c) == 32
    size_range = (c["WALCL"].max() / c["WALCL"].min() - 1) * 100
    share = c["TREAST"] / c["WALCL"] * 100
    # abs=0.005: CALIBRATION records the ranges rounded to two decimals
    assert size_range == pytest.approx(CALIBRATION["size_range_pct"], abs=0.005)
    assert share.max() - share.min() == pytest.approx(CALIBRATION["treasury_share_range_pp"],
                                                      abs=0.005)
    th = Thresholds()
    # defaults: about 2x the size range and 3x the share range, rounded to 10
    assert th.size_change_pct == 10 and 2 * size_range < th.size_change_pct
    assert th.risk_shift_pp == th.liquidity_shift_pp == 10
    assert 2.5 * (share.max() - share.min()) < th.risk_shift_pp


def test_every_threshold_has_a_rationale() -> None:
    assert set(RATIONALE) == set(Thresholds().to_dict())


def test_seed_verdicts_hold_with_every_threshold_halved_or_doubled() -> None:
    # the defaults were not tuned to the seed: the verdicts sit far from every threshold
    from monpol.easing import api

    table = api.run_threshold_robustness(api.RobustnessRequest(factors=(0.5, 2.0))).to_frame()
    assert len(table) == 1 + 2 * len(Thresholds().to_dict())
    fed_rows = table.set_index(["threshold", "value"])["Fed"]
    # ... except the Fed's intent at driver_share_pct = 100: "all of the expansion" is more
    # than risky assets (69.4%) or currency + reserves (59.1%) account for
    assert fed_rows.pop(("driver_share_pct", 100.0)) == "credit easing (undetermined)"
    assert (fed_rows == "credit easing (consequential)").all()
    assert (table["BOJ"] == "quantitative easing (intentional)").all()
    assert (table["H.4.1 Dec 2007-Aug 2008"] == "qualitative easing").all()
    assert (table["H.4.1 Aug-Dec 2008"] == "credit easing").all()
