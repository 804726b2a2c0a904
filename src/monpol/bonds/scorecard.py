"""A sovereign bond-market stress scorecard over the seed's five dimensions.

The seed compares JGBs and US Treasuries along five dimensions (its table): primary-market
(auction) demand, price sensitivity, secondary-market behaviour, central-bank holding share
and market risk. Here each dimension is scored from **indicators**; every indicator maps a
value to a score from 0 (no stress) to 100 (extreme stress) on a documented **scale**:

``percentile``
    Where the value falls in a reference history: ``stress="high"`` scores the percent of
    the history at or below the value (a tail as large as any before scores 100);
    ``stress="low"`` the percent at or above it (a bid-to-cover as low as any before
    scores 100).
``linear``
    ``100 × (value − zero) / (full − zero)``, clipped to [0, 100]: ``zero`` scores 0 and
    ``full`` scores 100 (``full < zero`` when low values mean stress).
``since``
    Rarity from a published "largest since YEAR" statement: ``100 × years / horizon``,
    clipped, with ``years`` since the last comparable value (``horizon`` 20 by default: a
    value not seen for 20 years or more scores 100).
``score``
    A score given directly (a judgement), with its source.

A dimension's score is the mean of its indicators' scores; the **composite** is the weighted
mean of the dimension scores (equal weights 0.2 by default) over the dimensions that have
indicators, with ``coverage`` = the weight covered. Bands: below 100/3 "contained", below
200/3 "elevated", otherwise "severe". Markets are compared on the dimensions they share.

:func:`seed_case_indicators` builds the seed's case (late May 2025) from the bundled data
— JGB auctions, the 2025-05-20 facts, the MOF curve, the BOJ's holdings, the US 10-year
yield — plus the seed's figure for the Fed's share; the US auction dimensions need 2025 US
auction results, which are not bundled (pass them as inputs).

References
----------
Seed ``001_e060dafa03d647a4.txt``, the table 美債與日債風險比較 (JGB vs UST).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from monpol.bonds.auctions import AuctionResults, canonical_tenor
from monpol.bonds.yields import YieldStress, range_position, yield_stress
from monpol.core.errors import DataError, InputError
from monpol.core.io import read_text
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary
from monpol.core.validation import (
    date_like,
    finite_array,
    finite_float,
    in_range,
    instance_of,
    one_of,
    positive_int,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DIMENSIONS",
    "SCALES",
    "SEED_TABLE",
    "Indicator",
    "Scale",
    "Scorecard",
    "ScorecardInputs",
    "apply_inputs",
    "band",
    "linear_score",
    "load_inputs",
    "market_indicators",
    "percentile_score",
    "seed_case_indicators",
    "since_score",
    "sovereign_scorecard",
]

Dimension = Literal[
    "primary_demand", "price_sensitivity", "secondary_market", "central_bank_share", "market_risk"
]

#: the five dimensions: key → (English label, the seed's label)
DIMENSIONS: dict[str, tuple[str, str]] = {
    "primary_demand": ("Primary-market (auction) demand", "一級市場標售需求"),
    "price_sensitivity": ("Price sensitivity", "價格敏感度"),
    "secondary_market": ("Secondary-market behaviour", "二級市場表現"),
    "central_bank_share": ("Central-bank holding share", "央行持有比例"),
    "market_risk": ("Market risk", "市場風險"),
}

#: the seed's table: dimension → (JGB, UST) cells, in English (our translation)
SEED_TABLE: dict[str, tuple[str, str]] = {
    "primary_demand": (
        "Demand extremely weak: bid-to-cover at a 13-year low, tail the worst since 1987, "
        "investor interest down sharply",
        "Demand down: bid-to-cover below its historical mean but not extreme; international "
        "bidders' participation still healthy",
    ),
    "price_sensitivity": (
        "Extremely high: a small rise in yields and demand collapses",
        "Rising but not extreme: bidders conservative in a high-rate environment",
    ),
    "secondary_market": (
        "Selling intensifies, prices fall, yields soar; long yields keep setting records",
        "More volatile, Moody's downgrade brings short-term selling; 10-year yield has not "
        "broken its range",
    ),
    "central_bank_share": (
        "The Bank of Japan holds over 50% of JGBs",
        "The Fed holds about 16% of marketable Treasuries",
    ),
    "market_risk": (
        "Risk of failed auctions up, confidence shaken, fiscal-sustainability worries grow",
        "Pressure in the primary market up, but the secondary market is under control",
    ),
}

#: default weights of the dimensions (equal)
DEFAULT_WEIGHTS: dict[str, float] = {d: 0.2 for d in DIMENSIONS}
BANDS: tuple[tuple[float, str], ...] = ((100 / 3, "contained"), (200 / 3, "elevated"),
                                        (math.inf, "severe"))


def band(score: float) -> str | None:
    """``"contained"`` (< 33.3), ``"elevated"`` (< 66.7) or ``"severe"``; None for NaN."""
    if score is None or math.isnan(score):
        return None
    return next(label for upper, label in BANDS if score < upper)


def percentile_score(value: float, history: Any, *, stress: Literal["high", "low"]) -> float:
    """Percent of ``history`` at or below (``stress="high"``) or at or above (``"low"``) value.

    Examples
    --------
    >>> percentile_score(2.5, [3.0, 2.9, 3.6, 2.6], stress="low")
    100.0
    >>> percentile_score(1.0, [0.5, 1.0, 1.5, 2.0], stress="high")
    50.0
    """
    v = finite_float("value", value)
    h = finite_array("history", history, ndim=1)
    if h.size == 0:
        raise InputError("history must contain at least one value")
    one_of("stress", stress, ["high", "low"])
    hit = h <= v if stress == "high" else h >= v
    return float(np.mean(hit) * 100.0)


def linear_score(value: float, *, zero: float, full: float) -> float:
    """``100 × (value − zero)/(full − zero)`` clipped to [0, 100].

    Examples
    --------
    >>> linear_score(52.7, zero=0.0, full=100.0)
    52.7
    >>> linear_score(2.4, zero=3.0, full=2.0)  # low values are stress
    60.0
    """
    v = finite_float("value", value)
    z, f = finite_float("zero", zero), finite_float("full", full)
    if z == f:
        raise InputError(f"zero and full must differ; got {z!r} for both")
    return float(np.clip((v - z) / (f - z), 0.0, 1.0) * 100.0)


def since_score(years: float, *, horizon: float = 20.0) -> float:
    """``100 × years / horizon`` clipped to [0, 100] (rarity of a "since YEAR" statement).

    Examples
    --------
    >>> since_score(12.8), since_score(38.0)
    (64.0, 100.0)
    """
    y = in_range("years", years, 0.0, None)
    h = in_range("horizon", horizon, 0.0, None, low_inclusive=False)
    return float(min(y / h, 1.0) * 100.0)


@dataclass(frozen=True)
class Indicator:
    """One scored indicator.

    Attributes
    ----------
    dimension : str
        One of :data:`DIMENSIONS`.
    name : str
        What it is (``"20Y bid-to-cover, 2025-05-20"``).
    value : float
        The indicator's value, in ``unit``.
    unit : str
    score : float
        0 (no stress) to 100 (extreme).
    scale : str
        How the value became the score.
    source : str
        ``"data: <dataset>"``, ``"published: <where>"`` or ``"input: <who>"``.
    note : str
        Context for people (``"lowest since August 2012"``).
    """

    dimension: str
    name: str
    value: float
    unit: str
    score: float
    scale: str
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        one_of("dimension", self.dimension, list(DIMENSIONS))
        in_range(f"score of {self.name!r}", self.score, 0.0, 100.0)

    @classmethod
    def percentile(cls, dimension: str, name: str, value: float, history: Any, *,
                   stress: Literal["high", "low"], unit: str, source: str, note: str = "",
                   history_label: str = "") -> Indicator:
        """Scored by :func:`percentile_score` against ``history``."""
        h = finite_array("history", history, ndim=1)
        score = percentile_score(value, h, stress=stress)
        what = "at or below" if stress == "high" else "at or above"
        label = f" ({history_label})" if history_label else ""
        return cls(dimension, name, float(value), unit, score,
                   f"percent of {h.size} earlier values{label} {what} it", source, note)

    @classmethod
    def linear(cls, dimension: str, name: str, value: float, *, zero: float, full: float,
               unit: str, source: str, note: str = "") -> Indicator:
        """Scored by :func:`linear_score`."""
        return cls(dimension, name, float(value), unit, linear_score(value, zero=zero, full=full),
                   f"linear: {zero:g} {unit} → 0, {full:g} {unit} → 100", source, note)

    @classmethod
    def since(cls, dimension: str, name: str, value: float, *, years: float, unit: str,
              source: str, horizon: float = 20.0, note: str = "") -> Indicator:
        """Scored by :func:`since_score` from the years since a comparable value."""
        return cls(dimension, name, float(value), unit, since_score(years, horizon=horizon),
                   f"since: {years:.1f} years since as extreme / {horizon:g}-year horizon",
                   source, note)

    @classmethod
    def judgement(cls, dimension: str, name: str, score: float, *, source: str,
                  value: float = math.nan, unit: str = "", note: str = "") -> Indicator:
        """A score given directly; ``source`` says whose judgement it is."""
        if not source:
            raise InputError("source must say whose judgement the score is")
        return cls(dimension, name, float(value), unit, float(score), "score given", source, note)


@dataclass(frozen=True)
class Scorecard(Result):
    """Scores by market and dimension, composite, bands and the seed's table.

    Attributes
    ----------
    indicators : DataFrame
        ``market``, ``dimension``, ``name``, ``value``, ``unit``, ``score``, ``scale``,
        ``source``, ``note``.
    weights : dict
        Weight of each dimension.
    as_of : str
        Date or label of the assessment.
    """

    indicators: pd.DataFrame
    weights: dict[str, float]
    as_of: str = ""
    markets: tuple[str, ...] = field(default=())

    def dimension_scores(self) -> pd.DataFrame:
        """Dimension × market table of scores (mean of indicators; NaN if none)."""
        table = self.indicators.pivot_table(index="dimension", columns="market", values="score",
                                            aggfunc="mean")
        table = table.reindex(index=list(DIMENSIONS), columns=list(self.markets))
        return table

    def composite(self) -> pd.DataFrame:
        """Per market: ``composite`` (all its dimensions), ``coverage`` (weight covered),
        ``composite_common`` (dimensions every market has), ``band``."""
        scores = self.dimension_scores()
        w = pd.Series(self.weights).reindex(scores.index)
        common = scores.notna().all(axis=1)
        rows = {}
        for m in scores.columns:
            s = scores[m]
            have = s.notna()
            cover = _f(w[have].sum())
            comp = _f((s[have] * w[have]).sum() / cover) if cover > 0 else math.nan
            wc = w[common & have]
            comp_c = _f((s[common] * wc).sum() / wc.sum()) if wc.sum() > 0 else math.nan
            rows[m] = {"composite": comp, "coverage": cover, "composite_common": comp_c,
                       "band": band(comp)}
        return pd.DataFrame(rows).T

    def verdict(self) -> str:
        """Which market is under more stress, on the dimensions both have."""
        comp = self.composite()
        if len(comp) < 2:
            return ""
        ranked = comp["composite_common"].astype(float).sort_values(ascending=False)
        top, second = ranked.index[0], ranked.index[1]
        gap = _f(ranked.iloc[0] - ranked.iloc[1])
        common = [str(d) for d, ok in self.dimension_scores().notna().all(axis=1).items() if ok]
        return (f"{top} more stressed than {second} by {gap:.1f} points on the {len(common)} "
                f"dimensions both have ({', '.join(common)})")

    def table(self) -> pd.DataFrame:
        """The seed's table rendered from the scores: one row per dimension.

        Columns, for each market ``M``: ``M score``, ``M band``, ``M evidence``; then the
        seed's cells ``seed JGB`` and ``seed UST`` (English translation).
        """
        scores = self.dimension_scores()
        out = pd.DataFrame(index=pd.Index(list(DIMENSIONS), name="dimension"))
        for m in self.markets:
            out[f"{m} score"] = scores[m]
            out[f"{m} band"] = [band(v) for v in scores[m]]
            ev = []
            for d in DIMENSIONS:
                part = self.indicators[(self.indicators["market"] == m)
                                       & (self.indicators["dimension"] == d)]
                ev.append("; ".join(_evidence(r) for r in part.itertuples()) or
                          "n/a: no indicator (give one as input)")
            out[f"{m} evidence"] = ev
        out["seed JGB"] = [SEED_TABLE[d][0] for d in DIMENSIONS]
        out["seed UST"] = [SEED_TABLE[d][1] for d in DIMENSIONS]
        return out

    def to_frame(self) -> pd.DataFrame:
        """Long: ``market``, ``dimension`` (five + ``composite``), ``score``, ``band``,
        ``weight``, ``n_indicators``."""
        scores = self.dimension_scores()
        counts = self.indicators.groupby(["dimension", "market"]).size()
        rows = []
        for m in self.markets:
            for d in DIMENSIONS:
                v = _f(scores.loc[d, m])
                rows.append({"market": m, "dimension": d, "score": v, "band": band(v),
                             "weight": self.weights[d], "n_indicators": int(counts.get((d, m), 0))})
            c = self.composite().loc[m]
            rows.append({"market": m, "dimension": "composite", "score": _f(c["composite"]),
                         "band": c["band"], "weight": _f(c["coverage"]),
                         "n_indicators": int((self.indicators["market"] == m).sum())})
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``as_of``, ``weights``, ``bands``, ``verdict`` and ``markets``
        (per market: ``composite``, ``composite_common``, ``coverage``, ``band`` and
        ``dimensions`` → ``score``, ``band``, ``indicators``)."""
        scores = self.dimension_scores()
        comp = self.composite()
        markets: dict[str, Any] = {}
        for m in self.markets:
            dims = {}
            for d in DIMENSIONS:
                part = self.indicators[(self.indicators["market"] == m)
                                       & (self.indicators["dimension"] == d)]
                v = _f(scores.loc[d, m])
                dims[d] = {"label": DIMENSIONS[d][0], "score": v, "band": band(v),
                           "indicators": part.drop(columns=["market", "dimension"]).to_dict(
                               orient="records")}
            c = comp.loc[m]
            markets[m] = {"composite": _f(c["composite"]), "band": c["band"],
                          "coverage": _f(c["coverage"]),
                          "composite_common": _f(c["composite_common"]), "dimensions": dims}
        return {"as_of": self.as_of, "weights": self.weights,
                "bands": {"contained": [0, 100 / 3], "elevated": [100 / 3, 200 / 3],
                          "severe": [200 / 3, 100]},
                "verdict": self.verdict(), "markets": markets}

    def summary(self) -> Summary:
        s = Summary(f"Sovereign bond-stress scorecard{' as of ' + self.as_of if self.as_of else ''}")
        table = self.dimension_scores()
        table.index = [DIMENSIONS[d][0] for d in table.index]
        comp = self.composite()
        table.loc["Composite"] = comp["composite"].astype(float)
        table.loc["Coverage (weight)"] = comp["coverage"].astype(float)
        s.add_table(table, "Scores (0 = no stress, 100 = extreme)", digits=1)
        s.add_table(self.indicators[["market", "dimension", "name", "value", "unit", "score",
                                     "source"]].set_index("market"), "Indicators", digits=3)
        if self.verdict():
            s.add_note(self.verdict() + ".")
        s.add_note("Bands: contained < 33.3 <= elevated < 66.7 <= severe; weights "
                   + ", ".join(f"{k} {v:g}" for k, v in self.weights.items()) + ".")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Grouped bars: dimension scores by market."""
        from monpol.core.plotting import figure_axes

        fig, ax_ = figure_axes(ax)
        scores = self.dimension_scores()
        n = len(self.markets)
        x = np.arange(len(scores))
        width = 0.8 / max(n, 1)
        for i, m in enumerate(self.markets):
            pos = x + (i - (n - 1) / 2) * width
            vals = scores[m].to_numpy(dtype=float)
            have = ~np.isnan(vals)
            ax_.bar(pos[have], vals[have], width, label=m, color=f"C{i}")
            for p in pos[~have]:  # a missing dimension is not a zero score
                ax_.text(p, 2, "n/a", ha="center", va="bottom", fontsize="small", color=f"C{i}")
        ax_.set_xticks(x, [DIMENSIONS[d][0].replace(" (auction)", "") for d in scores.index],
                       rotation=15, fontsize="small")
        for y in (100 / 3, 200 / 3):
            ax_.axhline(y, color="grey", lw=0.8, ls=":")
        ax_.set_ylim(0, 100)
        ax_.set_ylabel("stress score")
        ax_.legend()
        return fig


def _f(value: Any) -> float:
    """A pandas cell as a float (for the type checker)."""
    return float(value)


def _ts(value: Any) -> pd.Timestamp:
    """A pandas label as a Timestamp (for the type checker)."""
    return pd.Timestamp(value)


def _evidence(row: Any) -> str:
    value = "" if (isinstance(row.value, float) and math.isnan(row.value)) else f" {row.value:.4g}"
    unit = f" {row.unit}" if row.unit and value else ""
    note = f", {row.note}" if row.note else ""
    return f"{row.name}{value}{unit}{note} [score {row.score:.0f}]"


def sovereign_scorecard(
    indicators: Mapping[str, Sequence[Indicator]],
    *,
    weights: Mapping[str, float] | None = None,
    as_of: str = "",
) -> Scorecard:
    """Score markets over the five dimensions.

    Parameters
    ----------
    indicators : mapping
        Market name → its indicators.
    weights : mapping, optional
        Dimension → weight (>= 0, not all zero); missing dimensions keep the default 0.2.
        Weights are used as given (normalised over the dimensions a market has).
    as_of : str
        Label of the assessment date.

    Returns
    -------
    Scorecard

    Examples
    --------
    >>> ind = {"A": [Indicator.linear("central_bank_share", "share", 52.7, zero=0, full=100,
    ...                               unit="percent", source="data")],
    ...        "B": [Indicator.linear("central_bank_share", "share", 16.0, zero=0, full=100,
    ...                               unit="percent", source="seed")]}
    >>> sc = sovereign_scorecard(ind)
    >>> sc.composite()["composite"].round(1).tolist()
    [52.7, 16.0]
    >>> sc.verdict()
    'A more stressed than B by 36.7 points on the 1 dimensions both have (central_bank_share)'
    """
    instance_of("indicators", indicators, Mapping, "a mapping of market name to a list of Indicator")
    if not indicators:
        raise InputError("indicators must name at least one market")
    w = dict(DEFAULT_WEIGHTS)
    for k, v in (weights or {}).items():
        one_of("weights key", k, list(DIMENSIONS))
        w[k] = in_range(f"weight of {k}", v, 0.0, None)
    if sum(w.values()) <= 0:
        raise InputError("weights must not all be zero")
    rows = []
    for market, items in indicators.items():
        for it in items:
            if not isinstance(it, Indicator):
                raise InputError(f"indicators of {market!r} must be Indicator objects; got {it!r}")
            rows.append({"market": market, "dimension": it.dimension, "name": it.name,
                         "value": it.value, "unit": it.unit, "score": it.score, "scale": it.scale,
                         "source": it.source, "note": it.note})
    if not rows:
        raise InputError("indicators must contain at least one indicator")
    frame = pd.DataFrame(rows)
    return Scorecard(frame, w, as_of, tuple(indicators))


# --------------------------------------------------------------------------- builders


def _auction_indicators(auctions: AuctionResults, date: pd.Timestamp, tenors: Sequence[str],
                        source: str, max_age_days: int) -> list[Indicator]:
    out = []
    frame = auctions.to_frame()
    for t in tenors:
        canon = canonical_tenor(t)
        part = frame[(frame["tenor"] == canon) & (frame["date"] <= date)].dropna(subset=["bid_to_cover"])
        if len(part) < 2:
            continue
        last = part.iloc[-1]
        if (date - last["date"]).days > max_age_days:
            continue
        hist = part["bid_to_cover"].iloc[:-1].to_numpy()
        out.append(Indicator.percentile(
            "primary_demand", f"{canon} bid-to-cover, {last['date'].date()}", last["bid_to_cover"],
            hist, stress="low", unit="ratio", source=source,
            note=str(last["bid_to_cover_context"] or ""),
            history_label=f"{canon} auctions from {part['date'].iloc[0].date()}"))
        pairs: tuple[tuple[str, Literal["high", "low"]], ...] = (("indirect_share", "low"),
                                                                  ("primary_dealer_share", "high"))
        for share, stress in pairs:
            vals = part[share].to_numpy(dtype=float)
            if not np.isnan(vals[-1]) and (~np.isnan(vals[:-1])).sum() >= 1:
                out.append(Indicator.percentile(
                    "primary_demand", f"{canon} {share.replace('_', ' ')}, {last['date'].date()}",
                    vals[-1], vals[:-1][~np.isnan(vals[:-1])], stress=stress, unit="percent",
                    source=source))
        tails = part["tail"].to_numpy(dtype=float)
        if not np.isnan(tails[-1]) and (~np.isnan(tails[:-1])).sum() >= 1:
            out.append(Indicator.percentile(
                "price_sensitivity", f"{canon} tail, {last['date'].date()}", tails[-1],
                tails[:-1][~np.isnan(tails[:-1])], stress="high", unit=auctions.tail_unit,
                source=source, note=str(last["tail_context"] or "")))
    return out


def market_indicators(
    *,
    date: Any,
    yields: Mapping[str, pd.Series],
    auctions: AuctionResults | None = None,
    auction_tenors: Sequence[str] = (),
    auction_source: str = "",
    auction_max_age_days: int = 31,
    cb_share: float | None = None,
    cb_share_source: str = "",
    cb_share_note: str = "",
    history_years: float = 10.0,
    change_days: int = 20,
    yields_source: str = "",
) -> list[Indicator]:
    """The standard indicators of one market from its data.

    * primary demand: for each of ``auction_tenors``, the latest auction's bid-to-cover on or
      before ``date`` (and at most ``auction_max_age_days`` before it) against the earlier
      auctions of that tenor (low = stress), and, where given, the indirect (low = stress)
      and primary-dealer (high = stress) shares;
    * price sensitivity: the latest tail against earlier tails (high = stress), where given;
    * secondary market: each yield's level percentile and ``change_days`` rise percentile in
      the last ``history_years`` (:func:`~monpol.bonds.yields.yield_stress`);
    * central-bank share: ``cb_share`` percent, linear 0 → 0, 100 → 100;
    * market risk: each yield's realised-volatility percentile (``change_days`` days).
    """
    when = date_like("date", date)
    out: list[Indicator] = []
    if auctions is not None:
        out += _auction_indicators(auctions, when, auction_tenors, auction_source,
                                   positive_int("auction_max_age_days", auction_max_age_days))
    for label, series in yields.items():
        st: YieldStress = yield_stress(series, date=when, history_years=history_years,
                                       change_days=change_days, name=label)
        window = f"{st.history_start.date()}..{st.history_end.date()}"
        out.append(Indicator("secondary_market", f"{label} level, {st.date.date()}", st.level,
                             "percent", st.percentile,
                             f"percentile of the level in {window}", yields_source, st.context))
        out.append(Indicator("secondary_market", f"{label} rise over {change_days} days",
                             st.change_bp, "bp", st.change_percentile,
                             f"percentile of {change_days}-day changes in {window}", yields_source))
        out.append(Indicator("market_risk", f"{label} volatility, {change_days} days",
                             st.volatility_bp, "bp/day", st.volatility_percentile,
                             f"percentile of rolling {change_days}-day volatility in {window}",
                             yields_source))
    if cb_share is not None:
        out.append(Indicator.linear("central_bank_share", "central bank's share of government bonds",
                                    cb_share, zero=0.0, full=100.0, unit="percent",
                                    source=cb_share_source, note=cb_share_note))
    return out


def seed_case_indicators(
    date: Any = "2025-05-22",
    *,
    history_years: float = 10.0,
    change_days: int = 20,
    fed_share: float = 16.0,
    tail_since_year: float = 1987.5,
    since_horizon: float = 20.0,
) -> dict[str, list[Indicator]]:
    """The seed's case from the bundled data: JGB and UST indicators as of ``date``.

    JGB: the 20-, 30- and 40-year auctions' bid-to-cover in the month to ``date`` against
    the bundled history of the tenor (from May 2023); the 2025-05-20 20-year tail (1.14 yen,
    published "largest since 1987", scored on the ``since`` scale with ``tail_since_year`` =
    mid-1987); the rise of the MOF 20-year yield on that auction day against daily changes;
    the 10- and 40-year MOF yields; the BOJ's share of coupon-bearing JGBs at the last
    month-end on or before ``date``.

    UST: the 10-year yield (DGS10) and ``fed_share`` (the seed's "about 16%", May 2025). The
    US auction dimensions (primary demand, price sensitivity) have no bundled 2025 data.

    Facts of the 2025-05-20 auction count only in the month after it (like the auctions);
    yield series with no observation ``change_days + 2`` days before ``date`` are left out
    (the 40-year starts in November 2007, DGS10 in 2003).

    Examples
    --------
    >>> ind = seed_case_indicators()
    >>> sorted({i.dimension for i in ind["UST"]})
    ['central_bank_share', 'market_risk', 'secondary_market']
    """
    tail_since_year = finite_float("tail_since_year", tail_since_year)
    since_horizon = finite_float("since_horizon", since_horizon)
    fed_share = in_range("fed_share", fed_share, 0.0, 100.0, unit="percent")
    change_days = positive_int("change_days", change_days, maximum=5_000)
    history_years = in_range("history_years", history_years, 0.0, 200.0, low_inclusive=False,
                             unit="years")
    from monpol.bonds.data import (
        boj_holdings_by_issue,
        jgb_auctions,
        jgb_yield_curve,
        seed_auction_facts,
        us_10y_yield,
    )
    from monpol.bonds.ownership import boj_share

    when = date_like("date", date)
    holdings = boj_holdings_by_issue()
    first = holdings["date"].min()
    if when < first:
        raise InputError(f"date must be on or after {first.date()} (the start of the BOJ holdings "
                         f"data); got {date!r}")
    curve = jgb_yield_curve()
    own = boj_share(holdings, end=when)
    boj = own.at(when)

    def usable(series: pd.Series) -> bool:
        return int(series.loc[:when].notna().sum()) >= change_days + 2

    jgb_yields = {f"JGB {t}": curve[t] for t in ("10Y", "40Y") if usable(curve[t])}
    jgb = market_indicators(
        date=when, yields=jgb_yields,
        auctions=jgb_auctions(), auction_tenors=("20Y", "30Y", "40Y"),
        auction_source="data: jgb-auctions-2023-2026",
        cb_share=float(boj["all"]), cb_share_source="data: boj-jgb-holdings-by-issue",
        cb_share_note=f"BOJ, coupon-bearing JGBs, face value, {_ts(boj.name).date()}",
        history_years=history_years, change_days=change_days,
        yields_source="data: mof-jgb-yield-curve",
    )
    facts = seed_auction_facts()
    auction_day = pd.Timestamp(facts.value("auction_date"))
    if auction_day <= when <= auction_day + pd.Timedelta(days=31):
        tail = facts.number("tail")
        years = (auction_day.year + (auction_day.day_of_year - 1) / 365.25) - tail_since_year
        jgb.append(Indicator.since(
            "price_sensitivity", f"20Y tail, {auction_day.date()}", tail, years=years,
            unit="yen per 100 yen face", horizon=since_horizon,
            source="published: jgb-20y-auction-2025-05-20 (news report of MOF results)",
            note=f"largest since 1987 (published); previous auction {facts.number('tail_prev_auction'):g}"))
        y20 = curve["20Y"].dropna()
        daily = y20.diff().mul(100.0)
        start = auction_day - pd.DateOffset(days=round(365.25 * history_years))
        ref = daily.loc[start:auction_day].dropna()
        jump = float(daily.loc[auction_day])
        jgb.append(Indicator.percentile(
            "price_sensitivity", f"20Y yield change on the auction day, {auction_day.date()}", jump,
            ref.iloc[:-1].to_numpy(), stress="high", unit="bp",
            source="data: mof-jgb-yield-curve",
            note=f"MOF 20Y par yield {y20.shift(1).loc[auction_day]:.3f} → {y20.loc[auction_day]:.3f}",
            history_label=f"daily changes from {ref.index[0].date()}"))
    ust10 = us_10y_yield()
    ust = market_indicators(
        date=when, yields={"UST 10Y": ust10} if usable(ust10) else {},
        cb_share=in_range("fed_share", fed_share, 0, 100),
        cb_share_source="input: the seed (聯準會持有約 16% 的流通中美債)",
        cb_share_note="Fed, marketable Treasuries (seed's figure; not recomputable from bundled data)",
        history_years=history_years, change_days=change_days,
        yields_source="data: us-markets-daily (DGS10)",
    )
    if when < pd.Timestamp("2024-01-01"):
        return {"JGB": jgb, "UST": ust}
    rp = range_position(ust10, date=when, start="2023-01-01", end="2023-12-31")
    for i, it in enumerate(ust):
        if it.name.startswith("UST 10Y level"):
            ust[i] = Indicator(it.dimension, it.name, it.value, it.unit, it.score, it.scale,
                               it.source, f"{it.note}; {'inside' if rp.inside else 'outside'} its "
                               f"2023 range {rp.low:g}-{rp.high:g}")
    return {"JGB": jgb, "UST": ust}


# --------------------------------------------------------------------------- inputs file


@dataclass(frozen=True)
class Scale:
    """How an inputs-file indicator becomes a score: the fields it needs and its builder."""

    needs: tuple[str, ...]
    build: Callable[[IndicatorInput], Indicator]


def _linear(i: IndicatorInput) -> Indicator:
    assert i.value is not None and i.zero is not None and i.full is not None
    return Indicator.linear(i.dimension, i.name, i.value, zero=i.zero, full=i.full, unit=i.unit,
                            source=i.source, note=i.note)


def _since(i: IndicatorInput) -> Indicator:
    assert i.value is not None and i.years is not None
    return Indicator.since(i.dimension, i.name, i.value, years=i.years, unit=i.unit,
                           source=i.source, horizon=i.horizon, note=i.note)


def _percentile(i: IndicatorInput) -> Indicator:
    assert i.value is not None and i.history is not None and i.stress is not None
    return Indicator.percentile(i.dimension, i.name, i.value, i.history, stress=i.stress,
                                unit=i.unit, source=i.source, note=i.note)


def _given(i: IndicatorInput) -> Indicator:
    assert i.score is not None
    return Indicator.judgement(i.dimension, i.name, i.score, source=i.source,
                               value=math.nan if i.value is None else i.value, unit=i.unit,
                               note=i.note)


#: the scales of an inputs file's ``[[indicator]]`` (``scale = "linear"`` ...); a new one is
#: ``SCALES.add(name, Scale(needs, build))``
SCALES: Registry[Scale] = Registry("scale")
SCALES.add("linear", Scale(("value", "zero", "full"), _linear))
SCALES.add("since", Scale(("value", "years"), _since))
SCALES.add("score", Scale(("score",), _given))
SCALES.add("percentile", Scale(("value", "history", "stress"), _percentile))


class IndicatorInput(BaseModel):
    """One indicator in an inputs file (TOML ``[[indicator]]`` table)."""

    model_config = ConfigDict(extra="forbid")

    market: str
    dimension: Dimension
    name: str
    scale: str
    source: str
    value: float | None = None
    unit: str = ""
    note: str = ""
    zero: float | None = None
    full: float | None = None
    years: float | None = None
    horizon: float = 20.0
    score: float | None = None
    history: list[float] | None = None
    stress: Literal["high", "low"] | None = None

    @model_validator(mode="after")
    def _fields_for_scale(self) -> IndicatorInput:
        if self.scale not in SCALES:
            raise ValueError(f"scale must be one of {', '.join(map(repr, SCALES.names()))}; "
                             f"got {self.scale!r}")
        missing = [f for f in SCALES.get(self.scale).needs if getattr(self, f) is None]
        if missing:
            raise ValueError(f"scale {self.scale!r} needs {', '.join(missing)}")
        return self

    def build(self) -> Indicator:
        return SCALES.get(self.scale).build(self)


class ScorecardInputs(BaseModel):
    """An inputs file: extra indicators (added to the data's), weights, the Fed's share.

    Example (TOML)::

        fed_share = 16.0
        replace = ["UST:central_bank_share"]   # drop these market:dimension from the data

        [weights]
        primary_demand = 0.3

        [[indicator]]
        market = "UST"
        dimension = "primary_demand"
        name = "20Y bid-to-cover vs its 12-auction average"
        value = 2.46
        unit = "ratio"
        scale = "linear"
        zero = 2.8
        full = 2.2
        source = "input: TreasuryDirect results"
    """

    model_config = ConfigDict(extra="forbid")

    fed_share: float | None = None
    weights: dict[str, float] = {}
    replace: list[str] = []
    indicator: list[IndicatorInput] = []


def load_inputs(path: str | Path) -> ScorecardInputs:
    """Read and validate a scorecard inputs file (TOML)."""
    import tomllib

    p = Path(path)
    if not p.is_file():
        raise InputError(f"inputs must be an existing TOML file; got {str(p)!r}")
    try:
        raw = tomllib.loads(read_text(p, what="scorecard inputs"))
        return ScorecardInputs.model_validate(raw)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{p}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        errs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DataError(f"{p}: invalid scorecard inputs: {errs}") from None


def apply_inputs(base: Mapping[str, list[Indicator]], inputs: ScorecardInputs) -> dict[str, list[Indicator]]:
    """Add the inputs' indicators to ``base`` after dropping the ``replace`` entries."""
    out = {m: list(v) for m, v in base.items()}
    for key in inputs.replace:
        market, _, dim = key.partition(":")
        if market not in out or dim not in DIMENSIONS:
            raise InputError(f"replace entries must be MARKET:DIMENSION with MARKET in "
                             f"{', '.join(out)} and DIMENSION in {', '.join(DIMENSIONS)}; got {key!r}")
        out[market] = [i for i in out[market] if i.dimension != dim]
    for item in inputs.indicator:
        out.setdefault(item.market, []).append(item.build())
    return out
