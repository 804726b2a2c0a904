r"""Monte Carlo: many policy-rate paths projected at once.

Rate paths come from a documented process (:class:`Vasicek`, :class:`CIR`; names in
:data:`PROCESSES`) or from a user-given matrix (paths × years, percent). All paths of a
chunk go through the projection kernel together (:func:`monpol.exit.engine.evaluate`);
chunks bound the memory: a chunk of ``c`` paths over N years needs about
``12 × 8 × c × N`` bytes of work arrays, and the result keeps the cumulative result and
the rate of every path as float32 (``8 × paths × N`` bytes; 240 MB for a million paths
over 30 years).

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
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.io import read_csv_text
from monpol.core.registry import Registry
from monpol.core.validation import finite_array, in_range, percent, positive_int, warn_if_fractions
from monpol.exit.engine import evaluate
from monpol.exit.results import QUANTILES, MonteCarloResult

if TYPE_CHECKING:  # pragma: no cover
    from monpol.exit.model import ExitModel

__all__ = ["CIR", "PROCESSES", "RateProcess", "Vasicek", "read_rate_paths", "simulate"]


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
    Each year's value is used as that year's average rate. Draws are taken path by path
    (a chunk's normal draws have shape paths × years), so results for a seed do not depend
    on the chunk size.
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
    Draws are taken year by year for all paths of a chunk, so results for a seed depend
    on the chunk size.
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


def simulate(
    model: ExitModel,
    *,
    paths: int | None = None,
    process: RateProcess | None = None,
    rates: Any = None,
    rng: np.random.Generator | int | None = None,
    chunk_size: int = 50_000,
    keep_paths: bool = False,
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
        Random generator or seed (``numpy.random.default_rng``).
    chunk_size : int
        Paths per chunk (memory bound, see the module notes).
    keep_paths : bool
        Keep every path's cumulative result on the result (``cumulative_paths``).

    Returns
    -------
    MonteCarloResult
        Probability that capital is exhausted, distribution of cumulative losses, fan.
    """
    n = model.years
    chunk = positive_int("chunk_size", chunk_size)
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
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    years = model.horizon
    cum_paths = np.empty((total, n), dtype=np.float32)
    rate_paths = np.empty((total, n), dtype=np.float32)
    loss = np.empty(total)
    last_loss = np.zeros(total, dtype=np.int64)
    lowest = np.full(total, np.nan)
    exh_year = np.zeros(total, dtype=np.int64)
    plan = model.plan
    for lo in range(0, total, chunk):
        hi = min(lo + chunk, total)
        r = matrix[lo:hi] if rates is not None else process.paths(hi - lo, n, gen)  # type: ignore[union-attr]
        ev = evaluate(plan, r)
        cum_paths[lo:hi] = ev.cumulative
        rate_paths[lo:hi] = r
        loss[lo:hi] = np.maximum(-ev.cumulative.min(axis=1), 0.0)
        neg = ev.net < 0
        any_neg = neg.any(axis=1)
        last_idx = n - 1 - np.argmax(neg[:, ::-1], axis=1)
        last_loss[lo:hi] = np.where(any_neg, years[last_idx], 0)
        if model.capital is not None:
            lowest[lo:hi] = ev.capital_remaining.min(axis=1)
            ex = ev.capital_remaining < 0
            exh_year[lo:hi] = np.where(ex.any(axis=1), years[np.argmax(ex, axis=1)], 0)
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
        "chunk_size": chunk,
        **model.settings(),
    }
    for arr in (years, loss, last_loss, lowest, exhausted, exh_year, cum_paths):
        arr.setflags(write=False)   # results are immutable
    return MonteCarloResult(
        years=years, cumulative_loss=loss, last_loss_year=last_loss, lowest_capital=lowest,
        exhausted=exhausted, exhaustion_year=exh_year, fan=fan, capital=model.capital,
        unit=model.ladder.unit, settings=settings,
        cumulative_paths=cum_paths if keep_paths else None,
    )
