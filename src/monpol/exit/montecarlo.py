r"""Monte Carlo: many policy-rate paths projected at once.

Rate paths come from a documented process (:class:`Vasicek`, :class:`CIR`; names in
:data:`PROCESSES`) or from a user-given matrix (paths × years, percent). The paths are cut
into chunks of ``chunk_size``; all paths of a chunk go through the projection kernel
together (:func:`monpol.exit.engine.evaluate`), in this process or on a Dask cluster
(``backend="dask"``, see :mod:`monpol.core.backends`), with identical results.

Random numbers: chunk k draws from the k-th child of the seed's
:class:`numpy.random.SeedSequence`, so a seed and a chunk size give the same paths on any
backend and any number of workers (another chunk size gives other, equally distributed,
paths; results record both).

Memory: a chunk of ``c`` paths over N years needs about ``WORK_BYTES_PER_PATH_YEAR × c × N``
bytes of work arrays (112: fourteen float64 arrays of paths × years) where it runs; the
result keeps the cumulative result and the rate of every path as float32 (``8 × paths × N``
bytes, for the exact quantiles of the fan; 240 MB for a million paths over 30 years) and
five per-path figures (40 bytes a path).

Examples
--------
>>> from monpol.exit import ExitModel, Ladder
>>> lad = Ladder([100.0, 100.0], maturity_years=[2025, 2030], yields=[1.0, 1.5])
>>> model = ExitModel(lad, excess_reserves=250, start_year=2023, years=8, capital=5)
>>> mc = model.simulate(paths=2000, process=Vasicek(r0=0.5, mean=1.0, speed=0.3, vol=0.5),
...                     rng=1)
>>> mc.paths, 0.0 <= mc.probability_exhausted <= 1.0
(2000, True)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from monpol.core.backends import Backend, Chunk, ProgressCallback, check_chunk_size, plan_chunks, run_chunks
from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.registry import Registry
from monpol.core.units import MoneyUnit
from monpol.core.validation import finite_array, in_range, percent, positive_int, warn_if_fractions
from monpol.exit.engine import Plan, evaluate
from monpol.exit.results import QUANTILES, MonteCarloResult

__all__ = [
    "CIR",
    "PROCESSES",
    "WORK_BYTES_PER_PATH_YEAR",
    "RateProcess",
    "SimulationModel",
    "Vasicek",
    "read_rate_paths",
    "simulate",
]

#: bytes of work arrays per path and year of a chunk (fourteen float64 arrays)
WORK_BYTES_PER_PATH_YEAR = 112


class RateProcess(Protocol):
    """Anything that draws rate paths (paths × years, percent) from a generator."""

    def paths(self, n_paths: int, years: int, rng: np.random.Generator) -> np.ndarray: ...

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Vasicek:
    r"""Ornstein-Uhlenbeck (Vasicek) short rate, sampled exactly once a year.

    .. math:: dr = \kappa(\theta - r)\,dt + \sigma\,dW

    so that :math:`r_{t+1} = \theta + (r_t - \theta)e^{-\kappa} + \sigma
    \sqrt{(1 - e^{-2\kappa})/(2\kappa)}\,\varepsilon_{t+1}` (a random walk when κ = 0).

    Parameters
    ----------
    r0 : float
        Rate of the first projected year (percent); not random.
    mean : float
        Long-run mean θ (percent).
    speed : float
        Mean reversion κ per year (≥ 0).
    vol : float
        σ, percent per square-root year.
    floor : float, optional
        Rates used are ``max(r, floor)`` (e.g. 0 after the exit from negative rates); the
        latent process itself is not floored.

    Notes
    -----
    Each year's value is used as that year's average rate. A chunk's normal draws have
    shape paths × years (taken path by path from the chunk's generator).
    """

    r0: float
    mean: float
    speed: float
    vol: float
    floor: float | None = None

    def __post_init__(self) -> None:
        percent("r0", self.r0)
        percent("mean", self.mean)
        in_range("speed", self.speed, 0.0, None)
        in_range("vol", self.vol, 0.0, None)
        if self.floor is not None:
            percent("floor", self.floor)

    def paths(self, n_paths: int, years: int, rng: np.random.Generator) -> np.ndarray:
        eps = rng.standard_normal((n_paths, years - 1)) if years > 1 else np.empty((n_paths, 0))
        k = self.speed
        decay = np.exp(-k)
        sd = self.vol * (np.sqrt((1.0 - np.exp(-2.0 * k)) / (2.0 * k)) if k > 0 else 1.0)
        out = np.empty((n_paths, years))
        out[:, 0] = self.r0
        for t in range(1, years):
            out[:, t] = self.mean + (out[:, t - 1] - self.mean) * decay + sd * eps[:, t - 1]
        if self.floor is not None:
            np.maximum(out, self.floor, out=out)
        return out

    def describe(self) -> str:
        fl = f", floored at {self.floor:g}%" if self.floor is not None else ""
        return (f"Vasicek: r0 {self.r0:g}%, mean {self.mean:g}%, speed {self.speed:g}/yr, "
                f"vol {self.vol:g} pp/sqrt(yr){fl}")


@dataclass(frozen=True)
class CIR:
    r"""Cox-Ingersoll-Ross short rate in percent, sampled exactly once a year.

    .. math:: dr = \kappa(\theta - r)\,dt + \sigma\sqrt{r}\,dW, \qquad r \ge 0

    :math:`r_{t+1} = c\,\chi'^2_d(\lambda)` with :math:`c = \sigma^2(1 - e^{-\kappa})/(4\kappa)`,
    :math:`d = 4\kappa\theta/\sigma^2`, :math:`\lambda = r_t e^{-\kappa}/c` (numpy's
    noncentral chi-square). r, θ in percent; σ in √percent per √year.

    Notes
    -----
    Draws are taken year by year for all paths of a chunk (from the chunk's generator).
    """

    r0: float
    mean: float
    speed: float
    vol: float

    def __post_init__(self) -> None:
        in_range("r0", self.r0, 0.0, None, unit="percent")
        in_range("mean", self.mean, 0.0, None, low_inclusive=False, unit="percent")
        in_range("speed", self.speed, 0.0, None, low_inclusive=False)
        in_range("vol", self.vol, 0.0, None, low_inclusive=False)

    def paths(self, n_paths: int, years: int, rng: np.random.Generator) -> np.ndarray:
        k, s2 = self.speed, self.vol**2
        c = s2 * (1.0 - np.exp(-k)) / (4.0 * k)
        d = 4.0 * k * self.mean / s2
        out = np.empty((n_paths, years))
        out[:, 0] = self.r0
        for t in range(1, years):
            out[:, t] = c * rng.noncentral_chisquare(d, out[:, t - 1] * np.exp(-k) / c)
        return out

    def describe(self) -> str:
        return (f"CIR: r0 {self.r0:g}%, mean {self.mean:g}%, speed {self.speed:g}/yr, "
                f"vol {self.vol:g} sqrt(pp)/sqrt(yr)")


PROCESSES: Registry[type] = Registry("process")
PROCESSES.add("vasicek", Vasicek)
PROCESSES.add("cir", CIR)


def read_rate_paths(path: str | os.PathLike[str], years: Sequence[int] | np.ndarray) -> np.ndarray:
    """Read a matrix of policy-rate paths (percent) from a CSV: one row per path.

    The first row must name the years of the horizon (``2023,2024,...``), one column per
    year in order; without it the first path would be taken for a header and lost.

    Raises
    ------
    InputError
        The file does not exist.
    DataError
        Not a readable CSV, a header that is not the horizon's years, a value that is not a
        finite number, no rows.
    """
    want = [int(y) for y in years]
    if not Path(path).is_file():
        raise InputError(f"rate paths file {str(path)!r} does not exist")
    frame = read_csv_text(path, what="rate paths file")
    header = [str(c).strip() for c in frame.columns]
    if header != [str(y) for y in want]:
        shown = ", ".join(map(repr, header[:4])) + (", ..." if len(header) > 4 else "")
        raise DataError(
            f"rate paths file {str(path)!r} needs a header row naming the years of the horizon "
            f"({want[0]}, ..., {want[-1]}: {len(want)} columns); got {shown}"
        )
    if frame.empty:
        raise DataError(f"rate paths file {str(path)!r} has no rows (paths)")
    values = frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise DataError(
            f"rate paths file {str(path)!r}: the rate of path {row} in {header[col]} must be a "
            f"finite number in percent; got {frame.iloc[row, col]!r}"
        )
    return np.asarray(values, dtype=float)


class SimulationModel(Protocol):
    """What :func:`simulate` needs of a model (:class:`~monpol.exit.ExitModel` has it).

    A protocol rather than the class itself keeps this module independent of
    :mod:`monpol.exit.model` (which calls :func:`simulate`).
    """

    @property
    def years(self) -> int: ...

    @property
    def capital(self) -> float | None: ...

    @property
    def plan(self) -> Plan: ...

    @property
    def horizon(self) -> np.ndarray: ...

    def settings(self) -> dict[str, Any]: ...


def _chunk(item: tuple[Chunk, np.ndarray | None], plan: Plan, process: RateProcess | None,
           has_capital: bool) -> dict[str, np.ndarray]:
    """One chunk: draw (or take) its paths, project them, keep per-path figures (float32 paths)."""
    chunk, given = item
    n = len(plan.years)
    if given is None:
        assert process is not None
        r = np.asarray(process.paths(chunk.size, n, chunk.rng()), dtype=float)
        if r.shape != (chunk.size, n):
            raise InputError(f"process.paths must return an array of shape ({chunk.size}, {n}); "
                             f"got {r.shape}")
    else:
        r = given
    ev = evaluate(plan, r)
    years = plan.years
    neg = ev.net < 0
    last_idx = n - 1 - np.argmax(neg[:, ::-1], axis=1)
    out = {
        "cumulative": ev.cumulative.astype(np.float32),
        "rates": r.astype(np.float32),
        "loss": np.maximum(-ev.cumulative.min(axis=1), 0.0),
        "last_loss": np.where(neg.any(axis=1), years[last_idx], 0).astype(np.int64),
        "lowest": np.full(chunk.size, np.nan),
        "exh_year": np.zeros(chunk.size, dtype=np.int64),
    }
    if has_capital:
        out["lowest"] = ev.capital_remaining.min(axis=1)
        ex = ev.capital_remaining < 0
        out["exh_year"] = np.where(ex.any(axis=1), years[np.argmax(ex, axis=1)], 0).astype(np.int64)
    return out


def _unit(model: Any) -> MoneyUnit:
    return model.ladder.unit  # type: ignore[no-any-return]


def simulate(
    model: SimulationModel,
    *,
    paths: int | None = None,
    process: RateProcess | None = None,
    rates: Any = None,
    rng: np.random.Generator | int | None = None,
    chunk_size: int = 50_000,
    keep_paths: bool = False,
    backend: str | Backend = "numpy",
    scheduler: str | None = None,
    progress: ProgressCallback | None = None,
) -> MonteCarloResult:
    """Project many policy-rate paths through ``model``.

    Parameters
    ----------
    model : ExitModel
        The ladder, reserves and conventions.
    paths : int
        Number of paths drawn from ``process`` (or, with ``rates``, optional and equal to
        its number of rows).
    process : Vasicek, CIR or any RateProcess
        Draws the paths; give either this or ``rates``.
    rates : array (paths × years), optional
        User-given paths in percent, one column per year of the horizon.
    rng : Generator or int, optional
        Random generator or seed; chunk k draws from the k-th child of its
        :class:`~numpy.random.SeedSequence` (see the module notes).
    chunk_size : int
        Paths per chunk (memory bound, see the module notes).
    keep_paths : bool
        Keep every path's cumulative result on the result (``cumulative_paths``).
    backend : {"numpy", "dask"} or Backend
        Where the chunks run (:mod:`monpol.core.backends`); the results are identical.
    scheduler : str, optional
        Dask scheduler address (``backend="dask"``); default: a LocalCluster for the call.
    progress : callable, optional
        ``progress(done, total)`` after each chunk.

    Returns
    -------
    MonteCarloResult
        Probability that capital is exhausted, distribution of cumulative losses, fan.
    """
    n = model.years
    chunk = check_chunk_size(chunk_size, bytes_per_item=WORK_BYTES_PER_PATH_YEAR * n)
    if (process is None) == (rates is None):
        raise InputError("give exactly one of process (a rate process) and rates (a matrix of paths)")
    if rates is not None:
        matrix = finite_array("rates", rates, ndim=2)
        if matrix.shape[1] != n:
            raise InputError(
                f"rates must have one column per year of the horizon ({n}); got shape {matrix.shape}"
            )
        if paths is not None and positive_int("paths", paths) != matrix.shape[0]:
            raise InputError(f"paths = {paths!r} but rates has {matrix.shape[0]} rows")
        total = matrix.shape[0]
        if total == 0:
            raise InputError("rates must have at least one row (path)")
        warn_if_fractions("rates", matrix.ravel(), stacklevel=4)
        description = f"user-given matrix of {total} paths"
    else:
        if paths is None:
            raise InputError("paths must be given with a process (the number of paths to draw)")
        total = positive_int("paths", paths)
        assert process is not None
        if not hasattr(process, "paths"):
            raise InputError(
                f"process must be a rate process such as Vasicek or CIR; got {type(process).__name__}"
            )
        description = process.describe() if hasattr(process, "describe") else repr(process)
    chunks = plan_chunks(total, chunk, seed=rng, random=rates is None)
    years = model.horizon
    cum_paths = np.empty((total, n), dtype=np.float32)
    rate_paths = np.empty((total, n), dtype=np.float32)
    loss = np.empty(total)
    last_loss = np.zeros(total, dtype=np.int64)
    lowest = np.full(total, np.nan)
    exh_year = np.zeros(total, dtype=np.int64)
    items = [(c, matrix[c.start:c.stop] if rates is not None else None) for c in chunks]
    has_capital = model.capital is not None
    results = run_chunks(_chunk, items, backend=backend, scheduler=scheduler,
                         common=(model.plan, process, has_capital), progress=progress)
    for c, part in zip(chunks, results, strict=True):
        lo, hi = c.start, c.stop
        cum_paths[lo:hi] = part["cumulative"]
        rate_paths[lo:hi] = part["rates"]
        loss[lo:hi] = part["loss"]
        last_loss[lo:hi] = part["last_loss"]
        lowest[lo:hi] = part["lowest"]
        exh_year[lo:hi] = part["exh_year"]
    exhausted = exh_year > 0
    qs = np.quantile(cum_paths, QUANTILES, axis=0)
    rq = np.quantile(rate_paths, (0.05, 0.5, 0.95), axis=0)
    fan = pd.DataFrame({
        "year": years,
        "cumulative_mean": cum_paths.mean(axis=0, dtype=np.float64),
        **{f"cumulative_p{round(100 * q):02d}": qs[i].astype(float) for i, q in enumerate(QUANTILES)},
        "rate_p05": rq[0].astype(float),
        "rate_p50": rq[1].astype(float),
        "rate_p95": rq[2].astype(float),
        "prob_exhausted_by": (
            [float(((exh_year > 0) & (exh_year <= y)).mean()) for y in years]
            if model.capital is not None else np.nan
        ),
    })
    settings = {
        "process": description,
        "paths": total,
        "rng": rng if isinstance(rng, int) else ("Generator" if rng is not None else None),
        "seed_entropy": (chunks[0].seed.entropy if rates is None and chunks[0].seed is not None
                         else None),
        "chunk_size": chunk,
        "random_streams": "numpy SeedSequence.spawn: chunk k draws from child k",
        **model.settings(),
    }
    for arr in (years, loss, last_loss, lowest, exhausted, exh_year, cum_paths):
        arr.setflags(write=False)   # results are immutable
    return MonteCarloResult(
        years=years, cumulative_loss=loss, last_loss_year=last_loss, lowest_capital=lowest,
        exhausted=exhausted, exhaustion_year=exh_year, fan=fan, capital=model.capital,
        unit=_unit(model), settings=settings,
        cumulative_paths=cum_paths if keep_paths else None,
    )
