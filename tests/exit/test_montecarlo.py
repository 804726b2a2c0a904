"""Monte Carlo: agreement with the deterministic engine, chunking, seeding, the processes."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from monpol.core.errors import InputError, MonpolWarning
from monpol.exit import ExitModel, Ladder, Timing
from monpol.exit.montecarlo import CIR, Vasicek, simulate


@pytest.fixture(scope="module")
def model() -> ExitModel:
    lad = Ladder([80.0, 60.0, 40.0, 30.0], maturity_years=[2023, 2026, 2029, 2040],
                 yields=[0.1, 0.3, 0.6, 1.0])
    return ExitModel(lad, excess_reserves=200.0, start_year=2023, years=10, capital=1.0,
                     reinvest_share=0.25, timing=Timing())


def test_single_path_equals_the_deterministic_projection(model: ExitModel) -> None:
    path = np.array([0.5, 0.8, 1.2, 1.5, 1.5, 1.2, 1.0, 0.9, 0.8, 0.8])
    det = model.project(path)
    mc = model.simulate(rates=path[None, :], keep_paths=True)
    assert mc.paths == 1
    assert mc.cumulative_paths is not None
    assert np.allclose(mc.cumulative_paths[0], det.frame["cumulative"], rtol=1e-6)  # float32 storage
    assert mc.cumulative_loss[0] == pytest.approx(det.cumulative_loss)
    assert det.last_loss_year is not None and mc.last_loss_year[0] == det.last_loss_year
    assert bool(mc.exhausted[0]) == det.capital_exhausted
    assert mc.lowest_capital[0] == pytest.approx(det.lowest_capital)


def test_many_given_paths_equal_path_by_path_projections(model: ExitModel) -> None:
    rng = np.random.default_rng(7)
    rates = np.clip(0.5 + np.cumsum(rng.normal(0, 0.6, (40, 10)), axis=1), -0.5, 6)
    mc = model.simulate(rates=rates, chunk_size=9)
    for i in range(40):
        det = model.project(rates[i])
        assert mc.cumulative_loss[i] == pytest.approx(det.cumulative_loss)
        assert bool(mc.exhausted[i]) == det.capital_exhausted
        year = det.figures["exhaustion_year"]
        assert mc.exhaustion_year[i] == (year or 0)
        assert mc.last_loss_year[i] == (det.last_loss_year or 0)
    assert 0 < mc.probability_exhausted < 1
    assert mc.probability_exhausted == pytest.approx(mc.exhausted.mean())
    fan = mc.to_frame()
    assert fan["prob_exhausted_by"].iloc[-1] == pytest.approx(mc.probability_exhausted)
    assert (np.diff(fan["prob_exhausted_by"]) >= 0).all()


def test_results_are_seeded_per_chunk(model: ExitModel) -> None:
    # chunk k draws from child k of SeedSequence(seed): same seed and chunk size, same paths;
    # another chunk size gives other (equally distributed) paths, and the settings say which
    proc = Vasicek(r0=0.5, mean=1.0, speed=0.3, vol=0.4)
    a = simulate(model, paths=1001, process=proc, rng=3, chunk_size=7)
    b = simulate(model, paths=1001, process=proc, rng=3, chunk_size=7)
    c = simulate(model, paths=1001, process=proc, rng=4, chunk_size=7)
    d = simulate(model, paths=1001, process=proc, rng=3, chunk_size=100_000)
    assert np.array_equal(a.cumulative_loss, b.cumulative_loss)
    assert not np.array_equal(a.cumulative_loss, c.cumulative_loss)
    # one chunk: its paths are those of child 0 of SeedSequence(3)
    child = np.random.default_rng(np.random.SeedSequence(3).spawn(1)[0])
    e = simulate(model, rates=proc.paths(1001, model.years, child))
    assert np.array_equal(d.cumulative_loss, e.cumulative_loss)
    assert a.settings["rng"] == 3 and a.settings["chunk_size"] == 7


def test_vasicek_moments_match_the_closed_form() -> None:
    # exact discretisation: E r_t = θ + (r0 − θ) e^{−κt}, Var r_t = σ²(1 − e^{−2κt})/(2κ)
    proc = Vasicek(r0=0.5, mean=1.5, speed=0.4, vol=0.5)
    r = proc.paths(200_000, 6, np.random.default_rng(11))
    t = np.arange(6)
    mean = 1.5 + (0.5 - 1.5) * np.exp(-0.4 * t)
    var = 0.25 * (1 - np.exp(-0.8 * t)) / 0.8
    se = np.sqrt(var / 200_000)
    # 5 standard errors: a fixed seed, so the test is deterministic; the bound leaves room for the
    # sampling noise of 200,000 draws
    assert (np.abs(r.mean(axis=0) - mean) <= 5 * se + 1e-12).all()
    assert np.allclose(r.var(axis=0), var, rtol=0.02, atol=1e-12)  # sampling error of a variance ~0.3%
    floored = Vasicek(r0=0.5, mean=0.0, speed=0.1, vol=1.0, floor=0.0).paths(
        1000, 5, np.random.default_rng(1))
    assert floored.min() == 0.0


def test_cir_stays_non_negative_with_the_right_mean() -> None:
    proc = CIR(r0=0.25, mean=1.0, speed=0.5, vol=0.4)
    r = proc.paths(100_000, 5, np.random.default_rng(2))
    assert r.min() >= 0
    t = np.arange(5)
    mean = 1.0 + (0.25 - 1.0) * np.exp(-0.5 * t)
    # 5 standard errors of the sample mean (sample sd used)
    assert (np.abs(r.mean(axis=0) - mean) <= 5 * r.std(axis=0) / np.sqrt(100_000) + 1e-12).all()


def test_result_interface(model: ExitModel) -> None:
    mc = model.simulate(paths=500, process=Vasicek(0.5, 1.0, 0.3, 0.4), rng=0)
    d = mc.to_dict()
    assert set(d) == {"unit", "summary", "fan", "settings"}
    assert set(d["summary"]["cumulative_loss_quantiles"]) == {"p05", "p25", "p50", "p75", "p95"}
    assert list(mc.to_frame().columns) == [
        "year", "cumulative_mean", "cumulative_p05", "cumulative_p25", "cumulative_p50",
        "cumulative_p75", "cumulative_p95", "rate_p05", "rate_p50", "rate_p95", "prob_exhausted_by"]
    assert "P(capital exhausted)" in str(mc)
    assert mc.plot().axes[0].get_title().startswith("Cumulative result, 500 paths")
    assert mc.cumulative_paths is None
    with pytest.raises(ValueError, match="read-only"):
        mc.cumulative_loss[0] = 0.0


def test_bad_monte_carlo_input(model: ExitModel) -> None:
    proc = Vasicek(0.5, 1.0, 0.3, 0.4)
    with pytest.raises(InputError, match="give exactly one of process"):
        model.simulate(paths=10)
    with pytest.raises(InputError, match="give exactly one of process"):
        model.simulate(paths=10, process=proc, rates=np.zeros((10, 10)))
    with pytest.raises(InputError, match=r"one column per year of the horizon \(10\); got shape \(3, 4\)"):
        model.simulate(rates=np.zeros((3, 4)))
    with pytest.raises(InputError, match="rates must contain only finite numbers"):
        model.simulate(rates=np.full((2, 10), np.nan))
    with pytest.warns(MonpolWarning, match="rates look like fractions"):
        model.simulate(rates=np.full((2, 10), 0.005))
    with pytest.raises(InputError, match="paths = 5 but rates has 3 rows"):
        model.simulate(rates=np.zeros((3, 10)), paths=5)
    with pytest.raises(InputError, match="paths must be given with a process"):
        model.simulate(process=proc)
    with pytest.raises(InputError, match="paths must be an integer >= 1 and at most 10000000; got 0"):
        model.simulate(paths=0, process=proc)
    with pytest.raises(InputError, match=r"speed must be in \[0, inf\); got -1"):
        Vasicek(0.5, 1.0, -1, 0.4)
    with pytest.raises(InputError, match=r"vol must be in \(0, inf\); got 0"):
        CIR(0.5, 1.0, 0.3, 0)


def test_dask_backend_gives_the_numpy_result(model: ExitModel, dask_backend: Any) -> None:
    proc = Vasicek(r0=0.5, mean=1.0, speed=0.3, vol=0.4)
    a = simulate(model, paths=2000, process=proc, rng=7, chunk_size=300, keep_paths=True)
    b = simulate(model, paths=2000, process=proc, rng=7, chunk_size=300, keep_paths=True,
                 backend=dask_backend)
    assert a.cumulative_paths is not None and b.cumulative_paths is not None
    assert np.array_equal(a.cumulative_paths, b.cumulative_paths)
    assert np.array_equal(a.exhaustion_year, b.exhaustion_year)
    assert a.to_dict() == b.to_dict()
