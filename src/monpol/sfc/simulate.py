"""Simulation and steady state of a declared model.

Shocks are steps: ``shocks={"G": {5: 25.0}}`` sets ``G`` to 25 from period 5 on (write
``{5: 25.0, 6: 20.0}`` for a one-period pulse). Periods are numbered 1..N; period 0 holds
the opening values (``x[-1]`` in period 1).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from monpol.core.errors import AccountingError, ConvergenceError, InputError
from monpol.core.validation import finite_array, finite_float, positive_int
from monpol.sfc.compile import CompiledModel, compile_model
from monpol.sfc.results import SfcBatch, SfcRun, SfcSteadyState
from monpol.sfc.spec import Model

__all__ = ["MAX_CELLS", "MAX_PERIODS", "simulate", "simulate_many", "steady_state"]

MAX_PERIODS = 100_000
#: simulate_many stores scenarios x periods x variables values: at most this many
MAX_CELLS = 50_000_000
#: matrices must balance to this, relative to the largest value in the period (round-off)
ACCOUNTING_TOL = 1e-8

_CACHE: dict[int, tuple[Model, CompiledModel]] = {}


def _compiled(model: Model, steady: bool = False) -> CompiledModel:
    key = id(model) * 2 + int(steady)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    comp = compile_model(model, steady=steady)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[key] = (model, comp)
    return comp


def _apply_set(model: Model, values: Mapping[str, Any] | None) -> Model:
    if not isinstance(model, Model):
        raise InputError(f"model must be a monpol.sfc.Model (see monpol.sfc.bundled, load_model); "
                         f"got {type(model).__name__}")
    if values is None:
        return model
    if not isinstance(values, Mapping):
        raise InputError(f"set must be a mapping name -> value; got {type(values).__name__}")
    if not values:
        return model
    return model.replace(**{str(k): v for k, v in values.items()})


def _paths(comp: CompiledModel, periods: int, shocks: Mapping[str, Mapping[int, Any]] | None,
           base: np.ndarray) -> np.ndarray:
    paths = np.tile(base, (periods, 1))
    if not shocks:
        return paths
    if not isinstance(shocks, Mapping):
        raise InputError(f"shocks must be a mapping name -> {{period: value}}; got {shocks!r}")
    for name, steps in shocks.items():
        if name not in comp.given_names:
            raise InputError(
                f"shock to {name!r}: only exogenous variables and parameters can be shocked; "
                f"allowed: {', '.join(comp.given_names)}"
            )
        if not isinstance(steps, Mapping):
            raise InputError(f"shocks[{name!r}] must be a mapping period -> value; got {steps!r}")
        j = comp.given_names.index(name)
        for period, value in sorted(steps.items()):
            t = positive_int(f"shocks[{name!r}] period", period)
            if t > periods:
                raise InputError(f"shocks[{name!r}] period must be in 1..{periods}; got {t}")
            paths[t - 1:, j] = finite_float(f"shocks[{name!r}][{t}]", value)
    return paths


def simulate(model: Model, periods: int, *, set: Mapping[str, Any] | None = None,
             shocks: Mapping[str, Mapping[int, Any]] | None = None,
             check: str = "raise") -> SfcRun:
    """Simulate ``periods`` periods (at most 100000) from the opening values.

    ``set`` changes base values (parameters, exogenous, opening endogenous values);
    ``shocks`` are steps ``{name: {period: value}}``. Each period's declared matrices are
    checked; with ``check="raise"`` (default) a row or column that does not sum to zero
    (beyond round-off) raises :class:`AccountingError`, with ``"report"`` it is only
    reported in ``max_accounting_residual``.

    >>> from monpol.sfc import bundled
    >>> run = simulate(bundled("gl-sim"), 2)
    >>> [round(float(y), 1) for y in run["Y"]]
    [38.5, 47.9]
    """
    n = positive_int("periods", periods)
    if n > MAX_PERIODS:
        raise InputError(f"periods must be at most {MAX_PERIODS}; got {n}")
    if check not in ("raise", "report"):
        raise InputError(f"check must be 'raise' or 'report'; got {check!r}")
    model = _apply_set(model, set)
    comp = _compiled(model)
    nb = comp.n_base
    vals = np.zeros(len(comp.names))
    vals[comp.endo_idx] = list(model.endogenous.values())
    base = np.array([model.values()[k] for k in comp.given_names], dtype=float)
    vals[comp.given_idx] = base
    paths = _paths(comp, n, shocks, base)
    opening = vals[:nb].copy()
    kern = comp.kernel()
    fast = kern.run(opening, paths) if kern is not None else None
    if fast is not None:
        out = fast
    else:  # the reference path (also: the period and block of any error)
        out = np.empty((n, nb))
        cur, lag = comp.lag_pairs()
        where = f"model {model.name!r}, period "
        with np.errstate(all="ignore"):  # non-finite values are reported by solve_period
            for t in range(n):
                vals[lag] = vals[cur]
                vals[comp.given_idx] = paths[t]
                comp.solve_period(vals, where + str(t + 1))
                out[t] = vals[:nb]
    # the matrices and regimes of every period at once (periods x names, lags included)
    full = np.empty((n, 2 * nb))
    full[:, :nb] = out
    full[0, nb:] = opening
    full[1:, nb:] = out[:-1]
    resid = comp.accounting_residuals(full, first_period=1)
    scale = np.maximum(1.0, np.abs(out).max(axis=1))
    bad = ~(resid <= ACCOUNTING_TOL * scale)
    if check == "raise" and bad.any():
        t = int(np.argmax(bad))
        raise AccountingError(
            f"model {model.name!r}, period {t + 1}: a row or column of the declared matrices "
            f"sums to {resid[t]:.3g}, not zero; check the equations against the matrices"
        )
    regimes = comp.regimes_of(full) if comp.has_regimes else []
    return SfcRun(model.name, tuple(comp.names[:nb]), out, resid, tuple(regimes),
                  tuple(model.endogenous))


def simulate_many(model: Model, periods: int, scenarios: Mapping[str, Any], *,
                  set: Mapping[str, Any] | None = None,
                  check: str = "raise") -> SfcBatch:
    """Simulate many scenarios of one model at once (vectorised across scenarios).

    ``scenarios`` maps exogenous variables or parameters to arrays: shape ``(S,)`` (one
    value per scenario for every period) or ``(S, periods)`` (a path per scenario). At most
    :data:`MAX_CELLS` stored values (scenarios x periods x variables); checked before any
    allocation.

    >>> import numpy as np
    >>> from monpol.sfc import bundled
    >>> batch = simulate_many(bundled("gl-sim"), 2, {"Gd": np.array([20.0, 40.0])})
    >>> np.round(batch["Y"], 1).tolist()
    [[38.5, 47.9], [76.9, 95.9]]
    """
    n = positive_int("periods", periods)
    if n > MAX_PERIODS:
        raise InputError(f"periods must be at most {MAX_PERIODS}; got {n}")
    if check not in ("raise", "report"):
        raise InputError(f"check must be 'raise' or 'report'; got {check!r}")
    if not isinstance(scenarios, Mapping) or not scenarios:
        raise InputError("scenarios must be a non-empty mapping name -> array of values per scenario")
    model = _apply_set(model, set)
    comp = _compiled(model)
    nb = comp.n_base
    arrays: dict[int, np.ndarray] = {}
    size: int | None = None
    for name, value in scenarios.items():
        if name not in comp.given_names:
            raise InputError(f"scenarios[{name!r}]: only exogenous variables and parameters vary "
                             f"across scenarios; allowed: {', '.join(comp.given_names)}")
        arr = finite_array(f"scenarios[{name!r}]", value)
        if arr.ndim == 1:
            arr = np.repeat(arr[:, None], n, axis=1)
        if arr.ndim != 2 or arr.shape[1] != n:
            raise InputError(f"scenarios[{name!r}] must have shape (S,) or (S, {n}); got {arr.shape}")
        if size is None:
            size = arr.shape[0]
        elif arr.shape[0] != size:
            raise InputError(f"scenarios[{name!r}] has {arr.shape[0]} scenarios, the others {size}")
        arrays[comp.given_names.index(name)] = arr
    assert size is not None
    if size < 1 or size * n * nb > MAX_CELLS:
        raise InputError(f"scenarios x periods x variables must be in 1..{MAX_CELLS}; got "
                         f"{size} x {n} x {nb}")
    vals = np.zeros((len(comp.names), size))  # names x scenarios: each variable contiguous
    vals[comp.endo_idx] = np.array(list(model.endogenous.values()))[:, None]
    base = np.array([model.values()[k] for k in comp.given_names], dtype=float)
    vals[comp.given_idx] = base[:, None]
    opening = vals[:nb].copy()  # names x scenarios (all equal: scenarios vary given values)
    kern = comp.kernel()
    fast = None
    if kern is not None:
        columns = [np.ascontiguousarray(arrays[j].T) if j in arrays else float(base[j])
                   for j in range(len(base))]
        fast = kern.run_many(opening[:, 0], columns, n, size)
    if fast is not None:
        out = fast  # periods x names x scenarios
    else:  # the reference path (also: the scenario, period and block of any error)
        out = np.empty((n, nb, size))
        cur, lag = comp.lag_pairs()
        given = np.repeat(base[:, None], size, axis=1)
        where = f"model {model.name!r}, period "
        with np.errstate(all="ignore"):
            for t in range(n):
                vals[lag] = vals[cur]
                for j, arr in arrays.items():
                    given[j] = arr[:, t]
                vals[comp.given_idx] = given
                comp.solve_period_many(vals, where + str(t + 1))
                out[t] = vals[:nb]
    # matrices checked a few periods at a time (every scenario at once): small temporaries
    resid = np.empty((n, size))
    scale = np.empty((n, size))
    step = max(1, 2**15 // size)
    for t0 in range(0, n, step):
        t1 = min(n, t0 + step)
        now = out[t0:t1]
        before = out[t0 - 1:t1 - 1] if t0 else np.concatenate([opening[None], out[: t1 - 1]])
        cols = [now[:, j] for j in range(nb)] + [before[:, j] for j in range(nb)]
        resid[t0:t1] = comp.accounting_residuals_of(cols, (t1 - t0, size), first_period=t0 + 1)
        scale[t0:t1] = np.abs(now).max(axis=1)
    resid = resid.T
    scale = np.maximum(1.0, scale.T)
    out = out.transpose(2, 0, 1)  # scenarios x periods x names (SfcBatch stores one copy)
    bad = ~(resid <= ACCOUNTING_TOL * scale)
    if check == "raise" and bad.any():
        s_i, t_i = (int(v[0]) for v in np.nonzero(bad))
        raise AccountingError(
            f"model {model.name!r}, scenario {s_i + 1}, period {t_i + 1}: a row or column of the "
            f"declared matrices sums to {resid[s_i, t_i]:.3g}, not zero"
        )
    return SfcBatch(model.name, tuple(comp.names[:nb]), out, resid, tuple(model.endogenous))


def steady_state(model: Model, *, set: Mapping[str, Any] | None = None,
                 guess_periods: int = 200) -> SfcSteadyState:
    """Solve for the stationary state (``x[-1] = x`` for every variable).

    The starting point of Newton's method is the end of a ``guess_periods`` simulation
    (if that fails or diverges, the opening values). A model whose stationary state is
    not unique (e.g. the stocks of a model with no feedback) raises an error.

    >>> from monpol.sfc import bundled
    >>> round(steady_state(bundled("gl-sim"))["Y"], 6)
    100.0
    """
    model = _apply_set(model, set)
    comp = _compiled(model, steady=True)
    nb = comp.n_base
    vals = np.zeros(len(comp.names))
    vals[comp.endo_idx] = list(model.endogenous.values())
    vals[comp.given_idx] = [model.values()[k] for k in comp.given_names]
    g = positive_int("guess_periods", guess_periods, minimum=0)
    if g:
        try:
            with np.errstate(all="ignore"):
                run = simulate(model, min(g, 10_000), check="report")
            last = run.values[-1, : len(model.endogenous)]
            if np.all(np.isfinite(last)):
                vals[comp.endo_idx] = last
        except (ConvergenceError, AccountingError):
            pass
    cur, lag = comp.lag_pairs()
    vals[lag] = vals[cur]
    comp.solve_steady(vals, f"model {model.name!r}, steady state")
    r = comp.accounting_residual(vals)
    return SfcSteadyState(model.name, {k: float(vals[i]) for i, k in enumerate(comp.names[:nb])}, r)
