"""Seed 002's six scenarios on the BoJ template: the published table, independent checks of
the first year, and the properties the published table has."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol.exit import Timing
from monpol.exit.seed import PUBLISHED, VARIANTS, reproduce_seed, sensitivity

DATA = Path(__file__).resolve().parents[2] / "src/monpol/data/datasets"


def test_published_table_is_the_seeds() -> None:
    # Seed 002 §3: A 997億円 (2023 only); B 2兆4,925億円 through 2026; C 10兆6,219億円 through 2030;
    # A' 997億円 (2023); B' 1兆5,623億円 through 2024; C' 7兆2,195億円 through 2026; profits follow.
    p = PUBLISHED.set_index("label")
    assert p["cumulative_loss"].to_dict() == {"A": 0.0997, "B": 2.4925, "C": 10.6219,
                                              "A'": 0.0997, "B'": 1.5623, "C'": 7.2195}
    assert p["last_loss_year"].tolist() == [2023, 2026, 2030, 2023, 2024, 2026]
    assert (p["first_profit_year"] == p["last_loss_year"] + 1).all()
    assert p["policy_rate"].tolist() == [0.25, 0.5, 1.0] * 2


@pytest.fixture(scope="module")
def rep():  # type: ignore[no-untyped-def]
    return reproduce_seed()


def test_reproduction_rows_carry_published_and_computed(rep) -> None:  # type: ignore[no-untyped-def]
    f = rep.to_frame()
    assert f["label"].tolist() == ["A", "B", "C", "A'", "B'", "C'"]
    assert f["published_cumulative_loss"].tolist() == PUBLISHED["cumulative_loss"].tolist()
    assert np.allclose(f["difference"], f["cumulative_loss"] - f["published_cumulative_loss"])
    rows = rep.to_dict()["scenarios"]
    assert {"scenario", "reinvest_share", "policy_rate", "cumulative_loss",
            "published_cumulative_loss", "last_loss_year", "published_last_loss_year"} <= set(rows[0])
    assert rows[3]["scenario"] == "A" and rows[3]["reinvest_share"] == 0.5


def _first_year_interest_by_hand() -> float:
    """2023 JGB interest computed from the raw CSVs without monpol: each issue (trillion yen =
    100 million yen / 1e4) times the June 2022 average par yield at its remaining maturity on
    1 January 2023 (ACT/365.25), linear between maturities, flat beyond."""
    h = pd.read_csv(DATA / "boj-jgb-holdings-2022-12/data.csv", parse_dates=["maturity"])
    c = pd.read_csv(DATA / "mof-par-curve-2022-06/data.csv").drop(columns="date").mean()
    knots = np.array([float(k[:-1]) for k in c.index])
    m = (h["maturity"] - pd.Timestamp("2023-01-01")).dt.days / 365.25
    return float((h["amount"] / 1e4 * np.interp(m, knots, c.to_numpy()) / 100).sum())


def test_first_year_by_an_independent_computation(rep) -> None:  # type: ignore[no-untyped-def]
    a = rep.projections["A"].frame.iloc[0]
    assert a["interest_income"] == pytest.approx(_first_year_interest_by_hand(), rel=1e-12)
    h = pd.read_csv(DATA / "boj-jgb-holdings-2022-12/data.csv")
    redeemed_2023 = h.loc[h["maturity"].str.startswith("2023"), "amount"].sum() / 1e4
    # literal reading: 2023 reserves = 477 - 2023 redemptions, paid 0.25%
    assert a["excess_reserves"] == pytest.approx(477 - redeemed_2023)
    assert a["interest_expense"] == pytest.approx(0.0025 * (477 - redeemed_2023))
    # consistent reading: the full 477 in 2023 (spec 03's note)
    b = reproduce_seed(timing=Timing(reserves="year_end")).projections["A"].frame.iloc[0]
    assert b["interest_expense"] == pytest.approx(0.0025 * 477)


def _seed_paths_by_hand(rate: float, share: float, *, reserves_lag: int, fixed_yields: bool,
                        life: int = 10) -> np.ndarray:
    """Net income 2023-2034 of one scenario computed from the raw CSVs without monpol.

    Each issue (trillion yen) earns the June 2022 average par yield at its remaining maturity on
    1 January of the year (ACT/365.25; ``fixed_yields``: on 1 January 2023), linear between
    maturities and flat beyond, in every year up to and including its maturity year. Half
    (``share``) of year t's redemptions (issues and reinvested bonds) is bought on 1 January
    t+1 as a 10-year bond at rate + 1%, held in t+1 .. t+10 (``life`` 11: it also earns interest
    in t+11, the calendar year of its maturity date, and is redeemed then; its cash stays in
    reserves in t+11 only when reserves_lag is 1). Reserves of year t = 477 - redemptions of the
    issues in 2023 .. t - reserves_lag + the reinvested bonds held in t.
    Interest paid = reserves x rate.
    """
    h = pd.read_csv(DATA / "boj-jgb-holdings-2022-12/data.csv", parse_dates=["maturity"])
    c = pd.read_csv(DATA / "mof-par-curve-2022-06/data.csv").drop(columns="date").mean()
    knots, curve = np.array([float(k[:-1]) for k in c.index]), c.to_numpy()
    amount, year = h["amount"].to_numpy() / 1e4, h["maturity"].dt.year.to_numpy()
    redeemed = {t: float(amount[year == t].sum()) for t in range(2023, 2035)}
    bought: list[tuple[int, float]] = []   # (year bought, face) of reinvested bonds
    net = []
    for t in range(2023, 2035):
        if t > 2023:
            # reinvested bonds redeemed in t-1
            rolled = sum(x for b, x in bought if b + life - 1 == t - 1)
            bought.append((t, share * (redeemed[t - 1] + rolled)))
        held_reinvested = sum(x for b, x in bought if b <= t <= b + life - 1)
        in_reserves = held_reinvested if life == 10 or reserves_lag == 1 else sum(
            x for b, x in bought if b <= t <= b + 9)
        ref = 2023 if fixed_yields else t
        m = (h["maturity"] - pd.Timestamp(f"{ref}-01-01")).dt.days.to_numpy() / 365.25
        held = year >= t
        income = float((amount[held] * np.interp(np.maximum(m[held], 0), knots, curve)).sum()) / 100
        income += held_reinvested * (rate + 1.0) / 100
        reserves = 477 - sum(redeemed[s] for s in range(2023, t + 1 - reserves_lag)) + in_reserves
        net.append(income - reserves * rate / 100)
    return np.array(net)


T10 = "maturity_year"


@pytest.mark.parametrize(
    ("kwargs", "lag", "fixed", "life"),
    [({}, 0, True, 10),
     ({"timing": Timing(reserves="year_end")}, 1, True, 10),
     ({"yield_assignment": "each_year"}, 0, False, 10),
     ({"yield_assignment": "each_year", "timing": Timing(reserves="year_end")}, 1, False, 10),
     ({"timing": Timing(reinvested_redemption=T10)}, 0, True, 11),
     ({"timing": Timing(reserves="year_end", reinvested_redemption=T10)}, 1, True, 11)],
    ids=["default", "reserves-next-year", "each-year", "each-year-reserves-next-year",
         "redeemed-t+10", "redeemed-t+10-reserves-next-year"],
)
def test_six_scenarios_by_an_independent_computation(kwargs, lag, fixed, life) -> None:  # type: ignore[no-untyped-def]
    rep = reproduce_seed(**kwargs)
    for label, res in rep.projections.items():
        pub = PUBLISHED.set_index("label").loc[label]
        hand = _seed_paths_by_hand(pub["policy_rate"], pub["reinvest_share"], reserves_lag=lag,
                                   fixed_yields=fixed, life=life)
        assert np.allclose(res.frame["net_income"], hand, rtol=1e-12, atol=1e-12), label
        assert res.cumulative_loss == pytest.approx(max(0.0, -np.cumsum(hand).min()), abs=1e-12)


def test_published_patterns_hold(rep) -> None:  # type: ignore[no-untyped-def]
    f = rep.to_frame().set_index("label")
    loss = f["cumulative_loss"]
    # the seed: reinvestment only matters from 2024, so A and A' lose the same in 2023
    assert f.loc["A", "loss_2023"] == pytest.approx(f.loc["A'", "loss_2023"])
    # losses rise with the rate and fall with reinvestment
    assert loss["A"] < loss["B"] < loss["C"] and loss["A'"] < loss["B'"] < loss["C'"]
    for s in "ABC":
        assert loss[s + "'"] < loss[s]


def test_sensitivity_grid_changes_one_thing_at_a_time() -> None:
    grid = sensitivity({k: VARIANTS[k] for k in ("seed literal (default)", "curve of 2022-06-30")})
    assert len(grid) == 12
    base = grid[grid["variant"] == "seed literal (default)"]["cumulative_loss"].to_numpy()
    other = grid[grid["variant"] == "curve of 2022-06-30"]["cumulative_loss"].to_numpy()
    assert not np.allclose(base, other)
    assert set(VARIANTS) >= {"seed literal (default)", "yields re-read every year",
                             "reserves drained from the next year (consistent)"}


def test_summary_and_plot(rep) -> None:  # type: ignore[no-untyped-def]
    text = str(rep)
    assert "published_cumulative_loss" in text and "not rescaled" in text
    assert len(rep.paths()) == 72   # 6 scenarios x 12 years (2023-2034)
    fig = rep.plot()
    assert len(fig.axes[0].lines) >= 6


# ---------------------------------------------------------------------------- readings
@pytest.fixture(scope="module")
def readings():  # type: ignore[no-untyped-def]
    from monpol.exit.seed import reproduce_readings

    return reproduce_readings()


def test_readings_matrix_rows_are_each_readings_reproduction(readings) -> None:  # type: ignore[no-untyped-def]
    from monpol.exit.seed import READINGS

    f = readings.to_frame()
    assert list(f.columns)[:4] == ["reading", "yield_assignment", "reinvested_redemption", "default"]
    assert len(f) == 6 * len(READINGS)
    assert readings.default == "yields kept from the start (default)"
    assert f.loc[f["default"], "yield_assignment"].unique().tolist() == ["at_start"]
    # each reading's rows are exactly reproduce_seed under that reading (computed independently
    # of the matrix code above by test_six_scenarios_by_an_independent_computation)
    each = reproduce_seed(yield_assignment="each_year").to_frame()
    got = f[f["reading"] == "yields re-read every year"].reset_index(drop=True)
    assert np.array_equal(got["cumulative_loss"], each["cumulative_loss"])
    assert got["published_cumulative_loss"].tolist() == PUBLISHED["cumulative_loss"].tolist()


def test_readings_table_puts_published_first(readings) -> None:  # type: ignore[no-untyped-def]
    t = readings.table("cumulative_loss")
    assert t.index[0] == "published" and list(t.columns) == list(PUBLISHED["label"])
    assert t.loc["published", "C"] == 10.6219
    years = readings.table("last_loss_year")
    assert years.loc["published"].tolist() == [2023, 2026, 2030, 2023, 2024, 2026]
    # the distance table is computed - published, without a published row
    dist = readings.table("difference")
    assert "published" not in dist.index
    assert np.allclose(dist.to_numpy(float), t.iloc[1:].to_numpy(float) - t.loc["published"].to_numpy(float))


def test_reinvested_redemption_moves_only_the_years_after_2033(readings) -> None:  # type: ignore[no-untyped-def]
    # the first reinvested bonds are bought on 1 January 2024 and redeemed at the end of 2033
    # (t+9) or in 2034 (t+10): the paths agree to 2033 and differ afterwards
    t9 = readings.reproductions["yields kept from the start (default)"].projections["B'"].frame
    t10 = readings.reproductions["yields kept, reinvested bonds redeemed in t+10"].projections["B'"].frame
    early = t9["year"] <= 2033
    assert np.allclose(t9.loc[early, "net_income"], t10.loc[early, "net_income"], rtol=0, atol=1e-13)
    assert not np.allclose(t9.loc[~early, "net_income"], t10.loc[~early, "net_income"])
    # under the seed's literal holdings timing the t+10 bonds still earn 2034's interest
    assert t10.loc[t9["year"] == 2034, "holdings"].iloc[0] > t9.loc[t9["year"] == 2034, "holdings"].iloc[0]


def test_readings_outputs(readings) -> None:  # type: ignore[no-untyped-def]
    d = readings.to_dict()
    assert d["default"] == readings.default and len(d["reasons"]) >= 3
    assert "運用利回り" in " ".join(d["reasons"])
    text = str(readings)
    assert "published" in text and "Default reading" in text and "computed − published" in text
    fig = readings.plot()
    assert fig.axes[0].get_ylabel().startswith("cumulative loss")


def test_readings_bad_input() -> None:
    from monpol.core.errors import InputError
    from monpol.exit.seed import reproduce_readings

    with pytest.raises(InputError, match="at least one reading"):
        reproduce_readings({})
    with pytest.raises(InputError, match="must map to keyword arguments"):
        reproduce_readings({"x": 3})  # type: ignore[dict-item]


def test_maturity_year_needs_next_year_purchases() -> None:
    from monpol.core.errors import InputError

    with pytest.raises(InputError, match="reinvested_redemption 'maturity_year' needs reinvest_timing"):
        Timing(reinvestment="at_redemption", reinvested_redemption="maturity_year")
    with pytest.raises(InputError, match="reinvested_redemption"):
        Timing(reinvested_redemption="t+11")
