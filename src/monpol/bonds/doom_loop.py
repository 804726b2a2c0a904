"""A fiscal doom-loop simulator: when does a rise in market rates feed on itself?

The seed's loop: higher rates raise the interest bill on a large debt; markets doubt that
rolling the debt over is sustainable; auctions weaken and holders sell; rates rise further.
Its two paths: rates stop rising (the alarm is lifted) or keep rising (a liquidity crisis
forces the central bank to reverse course and buy). This module simulates the loop for many
scenarios at once (numpy arrays of shape ``(scenarios, years)``) and finds the threshold
between the two paths in any parameter.

Model (annual, ``t = 1 … T``; rates and ratios as fractions inside, percent outside)::

    b_{t-1} = i_{t-1} d_{t-2} / (1 + g)                         interest burden, share of GDP
              (b_0 = i_0 d_0 / (1 + g))
    ρ_t     = ρ_0 + κ max(0, b_{t-1} − b̄) − φ (s_{t-1} − s_0)   risk premium              (1)
    m_t     = min(r + ρ_t, ceiling)                              market rate on new debt   (2)
    i_t     = i_{t-1} + (m_t − i_{t-1}) / M                      effective rate            (3)
    d_t     = d_{t-1} (1 + i_t) / (1 + g) − pb                   debt / GDP                (4)
    h_t     = min(max(h_{t-1} / (1 + g) + q, 0), d_t)             central-bank holdings     (5)
    s_t     = h_t / d_t                                          central-bank share

(1) the premium rises with the interest burden above a threshold ``b̄`` (markets' fiscal
worry) and falls as the central bank's share of the debt ``s`` rises above its starting
level (purchases; run-off raises it); (3) each year ``1/M`` of the debt rolls over at the
market rate, so the effective rate converges to market rates with the average maturity
``M``; (4) is the debt identity with nominal growth ``g`` and primary balance ``pb``; (5)
the central bank buys ``q`` (percent of GDP a year; negative = run-off) of the debt. Like
``d``, the holdings ``h`` are a ratio to GDP, so with ``q = 0`` (no net purchases) they are
constant in yen and shrink by ``1/(1 + g)`` a year relative to GDP; the central bank's share
then falls as long as the debt grows in nominal terms.

Outcome of a scenario: **keeps rising** if the market rate rose by more than ``tolerance``
percentage points over the last ``window`` years, or hit ``ceiling``; otherwise
**stabilises** (rates flat or falling). :func:`find_threshold` brackets the value of one
parameter at which the outcome switches, refining vectorised grids.

Assumptions (checked): ``M >= 1``; debt > 0; nominal growth > −50%; central-bank share in
[0, 100]; κ, φ, b̄ >= 0. Not modelled: the central bank's remittances (the consolidated
government's saving from central-bank holdings), inflation, the policy rate's path, and
the repricing of net new borrowing (only the rollover of ``1/M`` of the debt moves the
effective rate toward market rates; deficits financed at market rates would move it a little
faster). The default parameters are round illustrative numbers of the order of Japan's in
2025 (debt about 230% of GDP, effective rate under 1%, average maturity about 9 years, the
BOJ's share 52.7% from the bundled holdings): they are not estimates; set your own.

References
----------
Seed ``001_e060dafa03d647a4.txt`` (the doom loop and the BOJ's two paths). The debt
identity is standard (e.g. IMF, *Staff Guidance Note on the Sovereign Risk and Debt
Sustainability Framework*, 2022, debt dynamics equation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import numpy as np
import pandas as pd

from monpol.core.backends import Backend, Chunk, ProgressCallback, check_chunk_size, plan_chunks, run_chunks
from monpol.core.errors import ConvergenceError, InputError
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct, pct_to_frac
from monpol.core.validation import (
    finite_array,
    in_range,
    instance_of,
    one_of,
    positive_int,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_CHUNK",
    "KEEP_PATHS_UP_TO",
    "PARAMETERS",
    "DoomLoopResult",
    "DoomLoopSpec",
    "ThresholdResult",
    "find_threshold",
    "simulate",
]

Outcome = Literal["stabilises", "keeps rising"]

#: parameter → (unit, lower bound, upper bound, lower inclusive, description)
PARAMETERS: dict[str, tuple[str, float | None, float | None, bool, str]] = {
    # at most 1000% of GDP: ten times the highest ratios on record (Japan, post-war UK ~260-270%)
    "debt": ("percent of GDP", 0.0, 1000.0, False, "government debt d_0"),
    "effective_rate": ("percent", -5.0, 50.0, True, "average interest rate on the debt i_0"),
    "market_rate": ("percent", -5.0, 50.0, True, "market yield on new debt before the premium r"),
    "growth": ("percent", -50.0, 100.0, False, "nominal GDP growth g"),
    "primary_balance": ("percent of GDP", -50.0, 50.0, True, "primary balance pb (surplus > 0)"),
    "average_maturity": ("years", 1.0, 100.0, True, "average maturity of the debt M"),
    "risk_premium": ("percent", -10.0, 50.0, True, "starting risk premium ρ_0"),
    "premium_sensitivity": ("pp per pp of GDP", 0.0, None, True,
                            "κ: premium rise per point of interest burden above b̄"),
    "burden_threshold": ("percent of GDP", 0.0, None, True,
                         "b̄: interest burden above which the premium rises"),
    "cb_share": ("percent of debt", 0.0, 100.0, True, "central bank's share of the debt s_0"),
    "cb_purchases": ("percent of GDP per year", -100.0, 100.0, True,
                     "central-bank net purchases q (negative = run-off)"),
    "cb_effect": ("pp per pp of share", 0.0, None, True,
                  "φ: premium fall per point of central-bank share above s_0"),
}


@dataclass(frozen=True)
class DoomLoopSpec:
    """Parameters of the doom loop; each may be a number or an array of scenarios.

    All rates in percent per year, ratios in percent (of GDP or of the debt). Arrays
    broadcast against each other to the number of scenarios. See :data:`PARAMETERS` and the
    module docstring for the equations.

    Examples
    --------
    >>> spec = DoomLoopSpec(market_rate=[1.5, 3.0, 4.5])
    >>> spec.n_scenarios
    3
    """

    debt: Any = 230.0
    effective_rate: Any = 0.8
    market_rate: Any = 2.5
    growth: Any = 2.0
    primary_balance: Any = -2.0
    average_maturity: Any = 9.0
    risk_premium: Any = 0.0
    premium_sensitivity: Any = 0.3
    burden_threshold: Any = 3.0
    cb_share: Any = 52.7
    cb_purchases: Any = 0.0
    cb_effect: Any = 0.02
    horizon: int = 30

    def __post_init__(self) -> None:
        positive_int("horizon", self.horizon, minimum=2)
        if self.horizon > 500:
            raise InputError(f"horizon must be at most 500 years; got {self.horizon!r}")
        # validates every parameter once; kept (read-only, scalars not broadcast) for arrays()
        object.__setattr__(self, "_validated", self._validate())

    def _validate(self) -> tuple[dict[str, np.ndarray], int]:
        raw = {}
        for name, (unit, lo, hi, lo_inc, _) in PARAMETERS.items():
            value = getattr(self, name)
            if not (isinstance(value, np.ndarray) and value.dtype.kind in "fiu"):
                value = np.asarray(value, dtype=object)
            arr = finite_array(name, np.atleast_1d(value))
            if arr.ndim > 1:
                raise InputError(f"{name} must be a number or a 1-d array; got shape {arr.shape}")
            bad = np.zeros(arr.shape, dtype=bool)
            if lo is not None:
                bad |= (arr < lo) if lo_inc else (arr <= lo)
            if hi is not None:
                bad |= arr > hi
            if bad.any():
                v = float(arr[bad].flat[0])
                lo_s = "(-inf" if lo is None else ("[" if lo_inc else "(") + f"{lo:g}"
                hi_s = "inf)" if hi is None else f"{hi:g}]"
                raise InputError(f"{name} must be in {lo_s}, {hi_s} {unit}; got {v!r}")
            arr = np.array(arr, dtype=float)  # a copy: the spec does not follow later changes
            arr.flags.writeable = False
            raw[name] = arr
        sizes = {v.shape[0] for v in raw.values() if v.shape[0] > 1}
        if len(sizes) > 1:
            shapes = {k: v.shape[0] for k, v in raw.items() if v.shape[0] > 1}
            raise InputError(f"parameter arrays must have the same length; got {shapes}")
        return raw, (sizes.pop() if sizes else 1)

    def arrays(self, *, broadcast: bool = True) -> dict[str, np.ndarray]:
        """Every parameter as a 1-d float array of length :attr:`n_scenarios` (validated).

        With ``broadcast=False`` a parameter given as one number stays an array of length 1
        (read-only; nothing of the size of the scenarios is allocated for it).
        """
        raw, n = self._validated  # type: ignore[attr-defined]
        if not broadcast:
            return dict(raw)
        return {k: np.array(np.broadcast_to(v, (n,))) for k, v in raw.items()}

    @property
    def n_scenarios(self) -> int:
        return int(self._validated[1])  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DoomLoopResult(Result):
    """Simulated scenarios: outcomes, end values and (when kept) the paths.

    Attributes
    ----------
    spec : DoomLoopSpec
    params : DataFrame
        One row per scenario: the parameters (percent).
    market_rate, effective_rate, risk_premium, debt, interest_burden, cb_share : ndarray or None
        Paths, shape ``(scenarios, horizon + 1)``, percent (year 0 = start); ``None`` when
        the paths were not kept (``simulate(..., keep_paths=False)``).
    outcome : ndarray of str
        ``"stabilises"`` or ``"keeps rising"`` per scenario.
    ceiling_year : ndarray of float
        First year the market rate hit the ceiling (NaN if never).
    window, tolerance, ceiling : classification settings.
    ends : mapping name -> ndarray
        Per scenario: ``market_rate_end``, ``market_rate_peak``, ``effective_rate_end``,
        ``debt_end`` (percent), computed whether or not the paths are kept.
    horizon : int
        Years simulated.
    chunk_size : int
        Scenarios simulated at once (the results do not depend on it, nor on the backend).
    """

    spec: DoomLoopSpec
    params: pd.DataFrame
    market_rate: np.ndarray | None
    effective_rate: np.ndarray | None
    risk_premium: np.ndarray | None
    debt: np.ndarray | None
    interest_burden: np.ndarray | None
    cb_share: np.ndarray | None
    outcome: np.ndarray
    ceiling_year: np.ndarray
    window: int
    tolerance: float
    ceiling: float
    ends: Mapping[str, np.ndarray] = field(default_factory=dict, repr=False)
    horizon: int = 0
    chunk_size: int = 0

    _PATHS: ClassVar[tuple[str, ...]] = ("market_rate", "effective_rate", "risk_premium", "debt",
                                         "interest_burden", "cb_share")
    _ENDS: ClassVar[tuple[str, ...]] = ("market_rate_end", "market_rate_peak", "effective_rate_end",
                                        "debt_end")

    def __post_init__(self) -> None:
        if self.market_rate is not None:
            if not self.horizon:
                object.__setattr__(self, "horizon", int(self.market_rate.shape[1] - 1))
            if not self.ends:
                assert self.effective_rate is not None and self.debt is not None
                object.__setattr__(self, "ends", {
                    "market_rate_end": self.market_rate[:, -1],
                    "market_rate_peak": self.market_rate.max(axis=1),
                    "effective_rate_end": self.effective_rate[:, -1],
                    "debt_end": self.debt[:, -1]})

    @property
    def has_paths(self) -> bool:
        """Whether the paths were kept."""
        return self.market_rate is not None

    def path(self, name: str) -> np.ndarray:
        """The path of ``name`` by year, shape ``(scenarios, horizon + 1)`` (raises if not kept)."""
        one_of("name", name, list(self._PATHS))
        arr = getattr(self, name)
        if arr is None:
            raise InputError(f"the paths were not kept ({self.n_scenarios:,} scenarios); run "
                             f"simulate(..., keep_paths=True) to have {name!r} by year")
        return np.asarray(arr)

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.horizon + 1)

    @property
    def n_scenarios(self) -> int:
        return int(self.outcome.shape[0])

    @property
    def keeps_rising(self) -> np.ndarray:
        """Boolean per scenario."""
        return np.asarray(self.outcome == "keeps rising", dtype=bool)

    def scenarios(self) -> pd.DataFrame:
        """One row per scenario: parameters, ``outcome``, end values and peaks."""
        out = self.params.copy()
        out["outcome"] = self.outcome
        for name in self._ENDS:
            out[name] = self.ends[name]
        out["ceiling_year"] = self.ceiling_year
        return out

    def to_frame(self) -> pd.DataFrame:
        """Long paths: ``scenario``, ``year``, ``market_rate``, ``effective_rate``,
        ``risk_premium``, ``debt``, ``interest_burden``, ``cb_share`` (percent).

        Without kept paths: :meth:`scenarios` (one row per scenario)."""
        if not self.has_paths:
            return self.scenarios()
        s, t = self.n_scenarios, self.horizon + 1
        data: dict[str, Any] = {"scenario": np.repeat(np.arange(s), t), "year": np.tile(np.arange(t), s)}
        for name in self._PATHS:
            data[name] = self.path(name).ravel()
        return pd.DataFrame(data)

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``settings``, ``units`` and ``scenarios`` (parameters, ``outcome``
        and, when kept, the paths as lists by year)."""
        rows = self.scenarios().to_dict(orient="records")
        if self.has_paths:
            for k, row in enumerate(rows):
                row["paths"] = {name: self.path(name)[k] for name in self._PATHS}
        return {
            "settings": {"horizon": self.horizon, "window": self.window,
                         "tolerance": self.tolerance, "ceiling": self.ceiling},
            "units": {"rates": "percent", "debt": "percent of GDP",
                      "interest_burden": "percent of GDP", "cb_share": "percent of debt"},
            "scenarios": rows,
        }

    def summary(self) -> Summary:
        s = Summary(f"Doom loop: {self.n_scenarios} scenario(s), {self.horizon} years")
        table = self.scenarios()
        varying = [c for c in PARAMETERS if (table[c] != table[c].iloc[0]).any()]
        cols = [*varying, "outcome", "market_rate_end", "market_rate_peak", "effective_rate_end",
                "debt_end"]
        rows = np.linspace(0, len(table) - 1, min(len(table), 20)).astype(int)
        shown = table[cols].iloc[np.unique(rows)]
        s.add_table(shown, digits=2)
        counts = pd.Series(self.outcome).value_counts()
        s.add_note("; ".join(f"{k}: {v}" for k, v in counts.items()) + f" (keeps rising = market rate up "
                   f"more than {self.tolerance:g} pp over the last {self.window} years or at the "
                   f"{self.ceiling:g}% ceiling).")
        return s

    def plot(self, ax: Axes | None = None, *, scenarios: Sequence[int] | None = None,
             variable: str = "market_rate") -> Figure:
        """Paths of ``variable`` for some scenarios (default: up to 10 spread evenly)."""
        from monpol.core.plotting import figure_axes

        one_of("variable", variable, list(self._PATHS))
        fig, ax_ = figure_axes(ax)
        chosen = (list(scenarios) if scenarios is not None else
                  sorted(set(np.linspace(0, self.n_scenarios - 1, min(10, self.n_scenarios)).astype(int))))
        paths = self.path(variable)
        for k in chosen:
            color = "C3" if self.outcome[k] == "keeps rising" else "C0"
            ax_.plot(self.years, paths[k], color=color, lw=1.2)
        ax_.set_xlabel("years")
        unit = " (% of GDP)" if variable in ("debt", "interest_burden") else " (%)"
        ax_.set_ylabel(variable.replace("_", " ") + unit)
        from matplotlib.lines import Line2D

        ax_.legend([Line2D([], [], color="C0"), Line2D([], [], color="C3")],
                   ["stabilises", "keeps rising"], fontsize="small")
        return fig


#: scenarios simulated at once by default (the state of a chunk stays in the CPU's cache)
DEFAULT_CHUNK = 4096
#: paths are kept by default up to this many scenarios (``keep_paths=None``)
KEEP_PATHS_UP_TO = 10_000
#: at most this many scenarios in one call
MAX_SCENARIOS = 10**9
#: work bytes per scenario of a chunk: about 30 float64 state vectors, plus 6 paths of
#: ``horizon + 1`` years when kept
_STATE_BYTES = 30 * 8
_FRACTION_FREE = ("average_maturity", "premium_sensitivity", "cb_effect")


@dataclass(frozen=True)
class _Settings:
    horizon: int
    window: int
    tolerance: float
    ceiling: float
    keep_paths: bool


def _simulate_chunk(p: Mapping[str, np.ndarray], st: _Settings) -> dict[str, np.ndarray]:
    """The recursion (1)-(5) for one chunk of scenarios, year by year on state vectors.

    ``p`` holds the parameters in fractions (arrays of the chunk's length or of length 1).
    Only the state of the current year is held, plus the market rate ``window`` years before
    the end; the six paths (percent, shape (n, horizon + 1)) only with ``keep_paths``.
    Returns the outcome mask, the first ceiling year and the end values (percent).
    """
    n = max(v.shape[0] for v in p.values())
    T, w = st.horizon, st.window
    cap = pct_to_frac(st.ceiling)
    hit_level = st.ceiling - 1e-9  # in percent, as the classification has always been
    g1 = 1.0 + p["growth"]
    roll = 1.0 / p["average_maturity"]
    r, rho0, kappa = p["market_rate"], p["risk_premium"], p["premium_sensitivity"]
    bbar, phi, s0 = p["burden_threshold"], p["cb_effect"], p["cb_share"]
    q, pb = p["cb_purchases"], p["primary_balance"]
    one = np.ones(n)
    d = p["debt"] * one
    i = p["effective_rate"] * one
    rho = rho0 * one
    m = np.minimum(r + rho, cap)
    b = i * d / g1
    sh = s0 * one
    h = s0 * p["debt"] * one
    paths: dict[str, np.ndarray] = {}
    if st.keep_paths:
        paths = {k: np.empty((T + 1, n)) for k in DoomLoopResult._PATHS}

    def record(t: int) -> None:
        for k, v in (("debt", d), ("effective_rate", i), ("market_rate", m),
                     ("risk_premium", rho), ("interest_burden", b), ("cb_share", sh)):
            paths[k][t] = v

    m_pct = frac_to_pct(m)
    peak = m_pct.copy()
    first = np.where(m_pct >= hit_level, 0.0, np.nan)
    back = m_pct if T - w == 0 else None
    if st.keep_paths:
        record(0)
    for t in range(1, T + 1):
        rho = rho0 + kappa * np.maximum(0.0, b - bbar) - phi * (sh - s0)
        m = np.minimum(r + rho, cap)
        i = i + (m - i) * roll
        b = i * d / g1
        d = d * (1.0 + i) / g1 - pb
        # holdings are a ratio to GDP like d: deflate by nominal growth, then add purchases (5)
        h = np.minimum(np.maximum(h / g1 + q, 0.0), np.maximum(d, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            sh = np.where(d > 0, h / d, 0.0)
        m_pct = frac_to_pct(m)
        np.maximum(peak, m_pct, out=peak)
        new = np.isnan(first) & (m_pct >= hit_level)
        if new.any():
            first[new] = t
        if t == T - w:
            back = m_pct
        if st.keep_paths:
            record(t)
    assert back is not None
    rising = (m_pct - back > st.tolerance) | ~np.isnan(first)
    out = {"rising": rising, "ceiling_year": first, "market_rate_end": m_pct,
           "market_rate_peak": peak, "effective_rate_end": frac_to_pct(i), "debt_end": frac_to_pct(d)}
    if st.keep_paths:
        for k, v in paths.items():
            out[k] = frac_to_pct(v).T
    return out


def _chunk_task(item: tuple[Chunk, dict[str, np.ndarray]], st: _Settings) -> dict[str, np.ndarray]:
    return _simulate_chunk(item[1], st)


def simulate(
    spec: DoomLoopSpec | None = None,
    *,
    window: int = 5,
    tolerance: float = 0.05,
    ceiling: float = 25.0,
    keep_paths: bool | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    backend: str | Backend = "numpy",
    scheduler: str | None = None,
    progress: ProgressCallback | None = None,
    **overrides: Any,
) -> DoomLoopResult:
    """Simulate every scenario of ``spec`` (vectorised, in chunks of scenarios).

    Parameters
    ----------
    spec : DoomLoopSpec, optional
        Default :class:`DoomLoopSpec()`; keyword ``overrides`` replace its fields
        (``simulate(market_rate=np.linspace(1, 5, 41))``).
    window : int
        Years at the end over which the outcome is judged.
    tolerance : float
        Percentage points: a market-rate rise over ``window`` above this is "keeps rising".
    ceiling : float
        Percent: market rates are capped here and a scenario that reaches it "keeps rising"
        (a crisis in which the model stops being informative).
    keep_paths : bool, optional
        Keep the six paths by year (48 bytes × scenarios × (horizon + 1)); by default kept
        up to :data:`KEEP_PATHS_UP_TO` scenarios. Outcomes and end values are always kept.
    chunk_size : int
        Scenarios simulated at once (default 4,096): work memory about
        240 bytes × ``chunk_size`` (plus the paths of the chunk when kept), whatever the
        number of scenarios.
    backend : {"numpy", "dask"} or Backend
        Where the chunks run (:mod:`monpol.core.backends`); the results are identical.
    scheduler : str, optional
        Dask scheduler address (with ``backend="dask"``).
    progress : callable, optional
        ``progress(chunks_done, chunks_total)``.

    Returns
    -------
    DoomLoopResult

    Raises
    ------
    InputError
        A parameter out of its range (:data:`PARAMETERS`), arrays of different lengths,
        ``window`` longer than the horizon.

    Examples
    --------
    >>> res = simulate(market_rate=[1.0, 4.0], cb_effect=0.0)  # the fiscal channel alone
    >>> res.outcome.tolist()
    ['stabilises', 'keeps rising']
    >>> simulate(market_rate=1.6, cb_purchases=[0.0, 5.0]).outcome.tolist()  # the lever
    ['keeps rising', 'stabilises']
    """
    if spec is not None:
        instance_of("spec", spec, DoomLoopSpec, "a monpol.bonds.DoomLoopSpec")
    base = spec or DoomLoopSpec()
    if overrides:
        unknown = [k for k in overrides if k not in PARAMETERS and k != "horizon"]
        if unknown:
            raise InputError(f"parameter must be one of {', '.join(PARAMETERS)}, horizon; got "
                             f"{unknown[0]!r}")
        base = replace(base, **overrides)
    w = positive_int("window", window)
    if w > base.horizon:
        raise InputError(f"window must be at most the horizon ({base.horizon}); got {w}")
    tol = in_range("tolerance", tolerance, 0.0, None)
    cap = in_range("ceiling", ceiling, 0.0, 100.0, low_inclusive=False)
    n = base.n_scenarios
    if n > MAX_SCENARIOS:
        raise InputError(f"at most {MAX_SCENARIOS:,} scenarios; got {n:,}")
    keep = n <= KEEP_PATHS_UP_TO if keep_paths is None else bool(
        instance_of("keep_paths", keep_paths, bool, "True, False or None"))
    per = _STATE_BYTES + (6 * 8 * 2 * (base.horizon + 1) if keep else 0)
    size = check_chunk_size(chunk_size, bytes_per_item=per)
    raw = base.arrays(broadcast=False)
    frac = {k: (v if k in _FRACTION_FREE else pct_to_frac(v)) for k, v in raw.items()}
    chunks = plan_chunks(n, size, random=False)
    items = [(ch, {k: (v if v.shape[0] == 1 else v[ch.start:ch.stop]) for k, v in frac.items()})
             for ch in chunks]
    st = _Settings(base.horizon, w, tol, cap, keep)
    rising = np.empty(n, dtype=bool)
    ends = {k: np.empty(n) for k in ("ceiling_year", *DoomLoopResult._ENDS)}
    paths = {k: np.empty((n, base.horizon + 1)) for k in DoomLoopResult._PATHS} if keep else {}
    for ch, part in zip(chunks, run_chunks(_chunk_task, items, backend=backend, scheduler=scheduler,
                                           common=(st,), progress=progress), strict=True):
        sl = slice(ch.start, ch.stop)
        rising[sl] = part["rising"]
        for k in ends:
            ends[k][sl] = part[k]
        for k in paths:
            paths[k][sl] = part[k]
    outcome = np.where(rising, "keeps rising", "stabilises")
    params = pd.DataFrame(base.arrays(), copy=False)  # arrays() made fresh copies already
    first = ends.pop("ceiling_year")
    return DoomLoopResult(
        base, params, market_rate=paths.get("market_rate"),
        effective_rate=paths.get("effective_rate"), risk_premium=paths.get("risk_premium"),
        debt=paths.get("debt"), interest_burden=paths.get("interest_burden"),
        cb_share=paths.get("cb_share"), outcome=outcome, ceiling_year=first, window=w,
        tolerance=tol, ceiling=cap, ends=ends, horizon=base.horizon, chunk_size=size)


@dataclass(frozen=True)
class ThresholdResult(Result):
    """The value of one parameter separating the seed's two paths.

    Attributes
    ----------
    parameter : str
    threshold : float
        Midpoint of the final bracket.
    low, high : float
        Final bracket (width below ``tol``).
    outcome_below, outcome_above : str
        Outcome just below and just above.
    paths : DoomLoopResult
        Two contrasting scenarios for charts: the parameter at ``threshold − contrast`` and
        ``threshold + contrast``.
    contrast : float
        Distance of the two charted scenarios from the threshold.
    evaluations : int
        Scenarios simulated to find it.
    """

    parameter: str
    threshold: float
    low: float
    high: float
    outcome_below: str
    outcome_above: str
    paths: DoomLoopResult
    contrast: float
    evaluations: int

    @property
    def unit(self) -> str:
        return PARAMETERS[self.parameter][0]

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``parameter``, ``unit``, ``threshold``, ``bracket``,
        ``outcome_below``, ``outcome_above``, ``evaluations``, ``contrast`` and ``paths`` (the
        two charted scenarios at threshold ∓ contrast)."""
        return {"parameter": self.parameter, "unit": self.unit, "threshold": self.threshold,
                "bracket": [self.low, self.high], "outcome_below": self.outcome_below,
                "outcome_above": self.outcome_above, "evaluations": self.evaluations,
                "contrast": self.contrast, "paths": self.paths.to_dict()}

    def to_frame(self) -> pd.DataFrame:
        """The two charted scenarios' paths, long, with a ``side`` column (below/above)."""
        frame = self.paths.to_frame()
        frame.insert(0, "side", np.where(frame["scenario"] == 0, "below", "above"))
        return frame

    def summary(self) -> Summary:
        s = Summary(f"Doom-loop threshold in {self.parameter}")
        s.add_items({"threshold": self.threshold, "unit": self.unit,
                     "bracket": f"[{self.low:.6g}, {self.high:.6g}]",
                     "below": self.outcome_below, "above": self.outcome_above,
                     "scenarios simulated": self.evaluations}, digits=4)
        table = self.paths.scenarios()[[self.parameter, "outcome", "market_rate_end",
                                        "market_rate_peak", "effective_rate_end", "debt_end"]]
        s.add_table(table.set_axis([f"threshold - {self.contrast:g}", f"threshold + {self.contrast:g}"]),
                    "Two paths", digits=2)
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Market and effective rates of the two paths (left axis) and debt (right axis)."""
        from monpol.core.plotting import figure_axes

        fig, ax_ = figure_axes(ax)
        years = self.paths.years
        values = self.paths.params[self.parameter].to_numpy()
        # colour by outcome as in DoomLoopResult.plot (red = keeps rising), whichever side it is
        colors = ["C3" if o == "keeps rising" else "C0" for o in self.paths.outcome]
        for k, side in enumerate(("below", "above")):
            color = colors[k]
            lbl = f"{self.parameter} = {values[k]:.4g} ({self.paths.outcome[k]})"
            ax_.plot(years, self.paths.path("market_rate")[k], color=color, lw=1.8,
                     label=f"market rate, {lbl}")
            ax_.plot(years, self.paths.path("effective_rate")[k], color=color, lw=1, ls="--",
                     label=f"effective rate, {side}")
        ax_.set_xlabel("years")
        ax_.set_ylabel("percent")
        twin = ax_.twinx()
        for k, color in enumerate(colors):
            twin.plot(years, self.paths.path("debt")[k], color=color, lw=0.8, ls=":")
        twin.set_ylabel("debt, % of GDP (dotted)")
        ax_.legend(fontsize="x-small", loc="upper left")
        return fig


def find_threshold(
    parameter: str,
    low: float,
    high: float,
    *,
    spec: DoomLoopSpec | None = None,
    tol: float = 1e-4,
    grid: int = 33,
    max_rounds: int = 30,
    window: int = 5,
    tolerance: float = 0.05,
    ceiling: float = 25.0,
    contrast: float | None = None,
) -> ThresholdResult:
    """The value of ``parameter`` in [low, high] where the outcome switches.

    Each round simulates ``grid`` values across the current bracket in one vectorised call,
    keeps the pair of neighbours where the outcome changes, and repeats until the bracket is
    narrower than ``tol``. The result also carries two contrasting scenarios for charts, at
    ``threshold ∓ contrast`` (default: 5% of ``high − low``).

    Raises
    ------
    InputError
        Unknown parameter, ``spec`` with array parameters, ``low >= high``, the same outcome
        over the whole range (widen it), or more than one switch on the first grid (the
        outcome is not monotone there: narrow the range).
    ConvergenceError
        The bracket is still wider than ``tol`` after ``max_rounds`` rounds.

    Examples
    --------
    >>> th = find_threshold("market_rate", 0.0, 6.0)
    >>> th.outcome_below, th.outcome_above
    ('stabilises', 'keeps rising')
    """
    one_of("parameter", parameter, list(PARAMETERS))
    base = spec or DoomLoopSpec()
    if base.n_scenarios != 1:
        raise InputError("spec must have a single scenario (numbers, not arrays) to find a threshold")
    lo = in_range("low", low)
    hi = in_range("high", high)
    if not lo < hi:
        raise InputError(f"low must be below high; got low={lo!r}, high={hi!r}")
    n = positive_int("grid", grid, minimum=3)
    step_tol = in_range("tol", tol, 0.0, None, low_inclusive=False)
    delta = 0.05 * (hi - lo) if contrast is None else in_range("contrast", contrast, 0.0, None,
                                                                  low_inclusive=False)
    evaluations = 0
    below = above = ""
    rounds = positive_int("max_rounds", max_rounds)
    for round_ in range(rounds):
        values = np.linspace(lo, hi, n)
        vary: dict[str, Any] = {parameter: values}
        res = simulate(base, window=window, tolerance=tolerance, ceiling=ceiling, **vary)
        evaluations += n
        rising = res.keeps_rising
        switches = np.flatnonzero(rising[1:] != rising[:-1])
        if switches.size == 0:
            raise InputError(
                f"the outcome is {str(res.outcome[0])!r} for every {parameter} in [{lo:g}, {hi:g}]; "
                f"widen the range"
            )
        if switches.size > 1 and round_ == 0:
            where = ", ".join(f"{values[k]:.4g}-{values[k + 1]:.4g}" for k in switches[:5])
            raise InputError(
                f"the outcome switches {switches.size} times for {parameter} in [{lo:g}, {hi:g}] "
                f"(between {where}); narrow the range to one switch"
            )
        k = int(switches[0])
        lo, hi = float(values[k]), float(values[k + 1])
        below, above = str(res.outcome[k]), str(res.outcome[k + 1])
        if hi - lo < step_tol:
            break
    else:
        raise ConvergenceError(
            f"the {parameter} bracket [{lo:.17g}, {hi:.17g}] is still {hi - lo:.3g} wide after "
            f"max_rounds={rounds} rounds (tol={step_tol:g}); raise max_rounds or tol"
        )
    mid = (lo + hi) / 2.0
    _, p_lo, p_hi, lo_inc, _ = PARAMETERS[parameter]
    side = np.array([mid - delta, mid + delta])
    if p_lo is not None:  # keep the charted scenarios inside the parameter's range
        side = np.maximum(side, p_lo if lo_inc else p_lo + 1e-9)
    if p_hi is not None:
        side = np.minimum(side, p_hi)
    ends: dict[str, Any] = {parameter: side}
    pair = simulate(base, window=window, tolerance=tolerance, ceiling=ceiling, **ends)
    evaluations += 2
    return ThresholdResult(parameter, mid, lo, hi, below, above, pair, delta, evaluations)
