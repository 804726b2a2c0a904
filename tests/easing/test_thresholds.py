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
