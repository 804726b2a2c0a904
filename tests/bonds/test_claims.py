from __future__ import annotations

import pytest

from monpol.bonds.claims import seed_claims


@pytest.fixture(scope="module")
def claims():  # type: ignore[no-untyped-def]
    return seed_claims()


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("JGB 20Y bid-to-cover, 2025-05-20", "holds"),
        ("JGB 20Y bid-to-cover context", "not checkable"),
        ("JGB 20Y tail, 2025-05-20", "not checkable"),
        ("JGB 10Y near 1.6%", "holds"),
        ("JGB 10Y back to its 2008 level", "holds"),
        ("JGB 10Y highest since 2008", "partly"),
        ("JGB 40Y at a record since first issued", "holds"),
        ("JGB 40Y first issued", "does not hold"),
        ("BOJ holds over 50% of JGBs", "holds"),
        ("Fed holds about 16% of marketable Treasuries", "not checkable"),
        ("US 10Y inside its 2023 range", "holds"),
        ("MOF 20Y par yield, 2025-05-19", "does not hold"),
        ("MOF 20Y par yield, 2025-05-20", "holds"),
    ],
)
def test_verdicts(claims, claim: str, verdict: str) -> None:  # type: ignore[no-untyped-def]
    assert claims.verdict(claim) == verdict


def test_computed_values(claims) -> None:  # type: ignore[no-untyped-def]
    f = claims.to_frame().set_index("claim")
    assert f.loc["JGB 10Y near 1.6%", "computed"] == 1.573
    assert f.loc["BOJ holds over 50% of JGBs", "computed"] == 52.73
    # first month with 40Y-1 outstanding in the issue-level data (independently: Nakajima's
    # jgbtot.csv column 40Y-1 is first non-zero in the row for 2007-11-30)
    assert f.loc["JGB 40Y first issued", "computed"] == "2007-11"
    # the late-May peak 1.573 was last reached before 2025 on 2008-10-21 (MOF 10Y par yield
    # 1.582 that day), during the 2008 crisis the seed refers to
    assert f.loc["JGB 10Y back to its 2008 level", "computed"] == "2008"
    assert "on 2008-10-21" in f.loc["JGB 10Y back to its 2008 level", "note"]
    assert "2008-07-25" in f.loc["JGB 10Y highest since 2008", "note"]
    assert "26.5 tn" in f.loc["Fed holds about 16% of marketable Treasuries", "note"]
    assert len(claims.to_dict()["claims"]) == len(f)
    assert "partly" in str(claims)
