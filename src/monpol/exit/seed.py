"""Seed 002's six exit scenarios on the bundled BoJ end-2022 template, beside the published table.

The seed (a Japanese research note, early 2023) projects the Bank of Japan's income after an
exit in 2023 for short rates of 0.25% (A), 0.5% (B) and 1.0% (C), without reinvestment and
with half of the redemptions reinvested in 10-year JGBs at the short rate + 1% (A', B',
C'), from 564 trillion yen of JGBs (balance-sheet value), 477 trillion of excess reserves
and about 11 trillion of capital. :func:`reproduce_seed` runs the same scenarios on the
BoJ's holdings by issue at 2022-12-30 (545.19 trillion yen of face value) and the MOF par
curve of June 2022, with every timing convention an explicit option.

Examples
--------
>>> rep = reproduce_seed()
>>> rep.to_frame().loc[:, ["label", "cumulative_loss", "published_cumulative_loss"]].round(4)
  label  cumulative_loss  published_cumulative_loss
0     A           0.2519                     0.0997
1     B           2.8229                     2.4925
2     C          10.7051                    10.6219
3    A'           0.2416                     0.0997
4    B'           1.7332                     1.5623
5    C'           7.0262                     7.2195

Which reading of the seed's yield rule is the default, and why, is set out in
:data:`DEFAULT_READING_REASONS`; :func:`reproduce_readings` shows every reading beside the
published table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import InputError
from monpol.core.results import Result, Summary
from monpol.core.units import TRILLION_JPY
from monpol.exit.curve import YieldCurve, mof_curve
from monpol.exit.data import boj_ladder
from monpol.exit.engine import YieldAssignment
from monpol.exit.ladder import Ladder
from monpol.exit.model import ExitModel
from monpol.exit.results import ExitProjection
from monpol.exit.scenario import Timing

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_READING_REASONS",
    "PUBLISHED",
    "READINGS",
    "SEED_CAPITAL",
    "SEED_EXCESS_RESERVES",
    "SEED_JGB_HOLDINGS",
    "ReadingsMatrix",
    "SeedReproduction",
    "reproduce_readings",
    "reproduce_seed",
    "seed_model",
    "sensitivity",
]

SEED_EXCESS_RESERVES = 477.0   # trillion yen, December 2022 (seed §2(1))
SEED_JGB_HOLDINGS = 564.0      # trillion yen, balance-sheet value (seed §2(1))
SEED_CAPITAL = 11.0            # trillion yen incl. reserves and provisions (seed §3(1))
SEED_START_YEAR = 2023
SEED_TENOR = 10
SEED_SPREAD = 1.0              # historical 10-year minus short rate (seed §2(4))
SEED_YEARS = 12                # 2023-2034: every published and computed loss year and first
                               # profit year, under every convention of VARIANTS (losses run to
                               # 2033 under some); a 10-year horizon cut C's losses short. Without
                               # reinvestment the template's reserves run out in 2035.
YEAR_COLUMNS = ("last_loss_year", "published_last_loss_year", "first_profit_year",
                "published_first_profit_year")

PUBLISHED = pd.DataFrame(
    {
        "scenario": ["A", "B", "C", "A", "B", "C"],
        "label": ["A", "B", "C", "A'", "B'", "C'"],
        "reinvest_share": [0.0, 0.0, 0.0, 0.5, 0.5, 0.5],
        "policy_rate": [0.25, 0.5, 1.0, 0.25, 0.5, 1.0],
        # 997億円, 2兆4,925億円, 10兆6,219億円; 997億円, 1兆5,623億円, 7兆2,195億円 (trillion yen)
        "cumulative_loss": [0.0997, 2.4925, 10.6219, 0.0997, 1.5623, 7.2195],
        "last_loss_year": [2023, 2026, 2030, 2023, 2024, 2026],
        "first_profit_year": [2024, 2027, 2031, 2024, 2025, 2027],
        # the seed gives the 2023 result only for A and A' (a loss of 997億円 in both)
        "loss_2023": [0.0997, np.nan, np.nan, 0.0997, np.nan, np.nan],
    }
)
"""The seed's published results (§3; trillion yen, calendar years). ``cumulative_loss`` is
the sum of the loss years, which come first in every scenario."""


def seed_model(
    *,
    reinvest_share: float,
    timing: Timing | None = None,
    yield_assignment: YieldAssignment = "at_start",
    curve: YieldCurve | None = None,
    ladder: Ladder | None = None,
    years: int = SEED_YEARS,
) -> ExitModel:
    """The seed's model on the bundled template (ladder and curve can be swapped)."""
    return ExitModel(
        ladder if ladder is not None else boj_ladder(),
        curve=curve if curve is not None else mof_curve(),
        yield_assignment=yield_assignment,
        excess_reserves=SEED_EXCESS_RESERVES,
        start_year=SEED_START_YEAR,
        years=years,
        capital=SEED_CAPITAL,
        reinvest_share=reinvest_share,
        reinvest_tenor=SEED_TENOR,
        reinvest_spread=SEED_SPREAD,
        timing=timing,
    )


def _row(pub: Mapping[str, Any], res: ExitProjection) -> dict[str, Any]:
    f = res.figures
    loss_2023 = -float(res.frame["net_income"].iloc[0])
    pub_2023 = pub["loss_2023"]
    return {
        "scenario": pub["scenario"],
        "label": pub["label"],
        "reinvest_share": pub["reinvest_share"],
        "policy_rate": pub["policy_rate"],
        "reinvest_yield": pub["policy_rate"] + SEED_SPREAD if pub["reinvest_share"] > 0 else None,
        "cumulative_loss": f["cumulative_loss"],
        "published_cumulative_loss": pub["cumulative_loss"],
        "difference": f["cumulative_loss"] - pub["cumulative_loss"],
        "last_loss_year": f["last_loss_year"],
        "published_last_loss_year": int(pub["last_loss_year"]),
        "first_profit_year": f["first_profit_year"],
        "published_first_profit_year": int(pub["first_profit_year"]),
        "loss_2023": loss_2023,
        "published_loss_2023": None if pd.isna(pub_2023) else float(pub_2023),
        "jgb_interest_2023": float(res.frame["interest_income"].iloc[0]),
        "lowest_capital": f["lowest_capital"],
    }


@dataclass(frozen=True)
class SeedReproduction(Result):
    """The six scenarios computed beside the published ones.

    Attributes
    ----------
    rows : tuple of dict
        One per scenario (see :meth:`to_frame` for the keys).
    projections : dict
        Label (``"A"``, ..., ``"C'"``) → :class:`ExitProjection`.
    settings : dict
        The conventions used.
    """

    rows: tuple[dict[str, Any], ...]
    projections: Mapping[str, ExitProjection]
    settings: Mapping[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario.

        Columns: scenario (A, B, C), label (A ... C'), reinvest_share, policy_rate
        (percent), reinvest_yield (percent), cumulative_loss, published_cumulative_loss,
        difference (computed − published), last_loss_year, published_last_loss_year,
        first_profit_year, published_first_profit_year, loss_2023, published_loss_2023,
        jgb_interest_2023, lowest_capital (trillion yen).
        """
        frame = pd.DataFrame(list(self.rows))
        for col in YEAR_COLUMNS:
            frame[col] = frame[col].astype("Int64")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """``{"scenarios": [...], "settings": {...}}``; the CLI prints the list."""
        return {"scenarios": [dict(r) for r in self.rows], "settings": dict(self.settings)}

    def paths(self) -> pd.DataFrame:
        """Long table of every scenario's path: label, year and the projection columns."""
        return pd.concat(
            [p.to_frame().assign(label=k) for k, p in self.projections.items()], ignore_index=True
        )[["label", "year", "holdings", "excess_reserves", "avg_yield", "interest_income",
           "interest_expense", "net_income", "cumulative", "capital_remaining"]]

    def summary(self) -> Summary:
        s = Summary(f"Seed 002 reproduced on the BoJ end-2022 template ({TRILLION_JPY})")
        f = self.to_frame().astype({c: object for c in YEAR_COLUMNS})
        f = f.where(f.notna(), None).set_index("label")[[
            "policy_rate", "reinvest_share", "cumulative_loss", "published_cumulative_loss",
            "difference", "last_loss_year", "published_last_loss_year", "first_profit_year",
            "published_first_profit_year"]]
        s.add_table(f, digits=4)
        for key in ("timing", "yields"):
            if key in self.settings:
                s.add_note(f"{key}: {self.settings[key]}")
        s.add_note("Ladder: 545.19 trillion yen of face value (BoJ holdings by issue) against the "
                   "seed's 564 (balance-sheet value incl. T-bills and premium); not rescaled.")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Cumulative result of the six scenarios against capital."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        colours = {"A": "#2e7d32", "B": "#1f3b73", "C": "#c62828"}
        for label, res in self.projections.items():
            fr = res.frame
            ax.plot(fr["year"], fr["cumulative"], color=colours[label[0]],
                    linestyle="--" if label.endswith("'") else "-", marker="o", markersize=3,
                    label=label)
        ax.axhline(-SEED_CAPITAL, color="#333333", linestyle=":", label=f"− capital ({SEED_CAPITAL:g})")
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("year")
        ax.set_ylabel("trillion yen")
        ax.set_title("Cumulative result (computed); dashed: half of redemptions reinvested")
        ax.legend(ncol=4, fontsize="small")
        return fig


def reproduce_seed(
    *,
    timing: Timing | None = None,
    yield_assignment: YieldAssignment = "at_start",
    curve_when: str = "mean",
    interpolation: str = "linear",
    years: int = SEED_YEARS,
    ladder: Ladder | None = None,
) -> SeedReproduction:
    """Run the seed's six scenarios and set them beside the published table.

    Parameters
    ----------
    timing : Timing, optional
        Timing conventions (default: the seed's wording read literally, see
        :class:`~monpol.exit.scenario.Timing`).
    yield_assignment : {"at_start", "each_year"}
        ``"at_start"`` (default: each bond keeps the June-2022 curve's yield at its remaining
        maturity on 1 January 2023, as the reinvested bonds keep their purchase yield; the
        reasons are in :data:`DEFAULT_READING_REASONS`) or ``"each_year"`` (holdings
        re-classified by remaining maturity every year and re-priced on the same curve).
    curve_when : str
        ``"mean"`` (June 2022 average, default) or a June 2022 date (see
        :func:`~monpol.exit.curve.mof_curve`).
    interpolation : {"linear", "pchip"}
        Interpolation of the curve in maturity.
    years : int
        Horizon from 2023 (default 12, to 2034).
    ladder : Ladder, optional
        Another ladder (default: the BoJ's holdings at 2022-12-30).

    Returns
    -------
    SeedReproduction
    """
    curve = mof_curve(curve_when, interpolation=interpolation)
    lad = ladder if ladder is not None else boj_ladder()
    timing = timing if timing is not None else Timing()
    models = {share: seed_model(reinvest_share=share, timing=timing, yield_assignment=yield_assignment,
                                curve=curve, ladder=lad, years=years) for share in (0.0, 0.5)}
    rows, projections = [], {}
    for record in PUBLISHED.to_dict(orient="records"):
        pub = {str(k): v for k, v in record.items()}
        res = models[pub["reinvest_share"]].project(pub["policy_rate"], label=pub["label"])
        projections[pub["label"]] = res
        rows.append(_row(pub, res))
    settings = dict(models[0.0].settings())
    settings.pop("reinvestment", None)
    settings["reinvestment"] = (f"A', B', C': 0.5 of redemptions into {SEED_TENOR}-year JGBs at the "
                                f"short rate + {SEED_SPREAD:g} pp")
    return SeedReproduction(tuple(rows), projections, settings)


VARIANTS: dict[str, dict[str, Any]] = {
    "seed literal (default)": {},
    "reserves drained from the next year (consistent)": {"timing": Timing(reserves="year_end")},
    "both mid-year": {"timing": Timing(holdings="mid_year", reserves="mid_year")},
    "both on the maturity date": {"timing": Timing(holdings="maturity_date", reserves="maturity_date")},
    "holdings and reserves at year start": {"timing": Timing(holdings="year_start",
                                                             reserves="year_start")},
    "both on the maturity date, reinvest at redemption": {
        "timing": Timing(holdings="maturity_date", reserves="maturity_date",
                         reinvestment="at_redemption")},
    "yields re-read every year": {"yield_assignment": "each_year"},
    "yields re-read every year, reserves next year": {"yield_assignment": "each_year",
                                                      "timing": Timing(reserves="year_end")},
    "reinvested bonds redeemed in t+10": {"timing": Timing(reinvested_redemption="maturity_year")},
    "curve of 2022-06-30": {"curve_when": "2022-06-30"},
    "curve of 2022-06-01": {"curve_when": "2022-06-01"},
    "pchip interpolation": {"interpolation": "pchip"},
}
"""Named one-change-at-a-time variants of the reproduction (the casebook's grid)."""


def sensitivity(variants: Mapping[str, Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """The reproduction under each variant: one row per variant and scenario.

    Columns: variant, label, cumulative_loss, published_cumulative_loss, difference,
    last_loss_year, published_last_loss_year, loss_2023.
    """
    frames = []
    for name, kwargs in (variants or VARIANTS).items():
        f = reproduce_seed(**kwargs).to_frame()
        f.insert(0, "variant", name)
        frames.append(f[["variant", "label", "cumulative_loss", "published_cumulative_loss",
                         "difference", "last_loss_year", "published_last_loss_year", "loss_2023"]])
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------- readings
DEFAULT_READING_REASONS: tuple[str, ...] = (
    "Seed §2(3): 運用利回りについては、各期に保有する国債を残存年限ごとに分類した上で、加重平均"
    "した利回りを算出した ('for the yield on holdings, the JGBs held in each period were "
    "classified by remaining maturity and the weighted-average yield computed'). Word by word, "
    "各期に…分類 and footnote 3's 'その時点での加重平均後の利回り' (200/300/500 at 1/2/3% → 2.3%, "
    "'at that point in time', on the June-2022 curve) lean toward a classification made anew "
    "each period, which both readings make (it says which bonds are held, with what weight); "
    "neither passage says that a bond's yield is looked up again at its shorter maturity.",
    "What is computed is 国債利息, interest: 各年の国債利息は、各年における「国債保有額」に、"
    "対応する「運用利回り」を掛けることで計算する ('each year's JGB interest = that year's "
    "holdings × the corresponding yield on holdings'). A bond held to maturity (the seed "
    "assumes no sales) earns the same yield every year of its life (the BoJ values its JGBs at "
    "amortised cost: notes on accounting policies in its annual financial statements); "
    "re-reading the same June-2022 curve at a shorter maturity every year ('each_year') lets an "
    "unchanged bond's interest roll down the curve, which no bond's interest does.",
    "The seed treats the bonds it adds exactly so: 再投資する国債の利回りは、…1.25%、1.5%、2%とした "
    "('the yield of the reinvested bonds was set at short rate + 1%', §3(2)), for their whole "
    "life, and 金利引上げ後には利回りが上昇していることにより、保有国債全体の加重平均利回りは…上方に"
    "位置する ('because yields have risen after the hike, the weighted average of all holdings "
    "lies above the no-reinvestment case', §2(3)). One portfolio, one rule: every bond keeps "
    "the yield it was given when it entered the average, hence 'at_start' for the starting "
    "holdings.",
    "The choice is made on the text, not on the distance to the published table; both "
    "readings are shown beside it (reproduce_readings). The literal grammar's lean makes it a "
    "judgment, so 'each_year' stays an option.",
)
"""Why ``yield_assignment="at_start"`` is the default reading of seed 002 (quotes: seed §2(3),
§3(2), footnote 3)."""

READINGS: dict[str, dict[str, Any]] = {
    "yields kept from the start (default)": {"yield_assignment": "at_start"},
    "yields re-read every year": {"yield_assignment": "each_year"},
    "yields kept, reinvested bonds redeemed in t+10": {
        "yield_assignment": "at_start", "timing": Timing(reinvested_redemption="maturity_year")},
    "yields re-read, reinvested bonds redeemed in t+10": {
        "yield_assignment": "each_year", "timing": Timing(reinvested_redemption="maturity_year")},
}
"""The readings of the seed's rules that :func:`reproduce_readings` sets side by side: the
yield rule (``at_start`` / ``each_year``) × when a reinvested 10-year bond bought on 1 January
of year t is redeemed (end of t+9, the default, or t+10); every other convention at the
seed's literal default."""

READING_COLUMNS = ("reading", "yield_assignment", "reinvested_redemption", "default", "label",
                   "cumulative_loss", "published_cumulative_loss", "difference",
                   "last_loss_year", "published_last_loss_year", "first_profit_year",
                   "published_first_profit_year")


@dataclass(frozen=True)
class ReadingsMatrix(Result):
    """The seed's six scenarios under each reading (conventions × scenarios).

    Attributes
    ----------
    reproductions : dict
        Reading name → :class:`SeedReproduction`.
    default : str
        The name of the default reading.
    """

    reproductions: Mapping[str, SeedReproduction]
    default: str

    def to_frame(self) -> pd.DataFrame:
        """One row per reading and scenario.

        Columns: reading, yield_assignment, reinvested_redemption, default (bool), label (A
        ... C'), cumulative_loss, published_cumulative_loss, difference (computed −
        published; trillion yen), last_loss_year, published_last_loss_year,
        first_profit_year, published_first_profit_year.
        """
        frames = []
        for name, rep in self.reproductions.items():
            f = rep.to_frame()
            f.insert(0, "reading", name)
            f.insert(1, "yield_assignment", rep.settings["yield_assignment"])
            f.insert(2, "reinvested_redemption", rep.settings["reinvested_redemption"])
            f.insert(3, "default", name == self.default)
            frames.append(f)
        return pd.concat(frames, ignore_index=True)[list(READING_COLUMNS)]

    def table(self, value: str = "cumulative_loss") -> pd.DataFrame:
        """Readings × scenarios of one column, with the published row first."""
        f = self.to_frame()
        wide = f.pivot(index="reading", columns="label", values=value)
        wide = wide.loc[list(self.reproductions), list(PUBLISHED["label"])]
        pub_col = {"cumulative_loss": "cumulative_loss", "last_loss_year": "last_loss_year",
                   "first_profit_year": "first_profit_year"}.get(value)
        if pub_col is not None:
            pub = PUBLISHED.set_index("label")[pub_col].rename("published")
            wide = pd.concat([pub.to_frame().T, wide])
        wide.columns.name = wide.index.name = None
        return wide

    def to_dict(self) -> dict[str, Any]:
        """``{"default": str, "reasons": [...], "rows": [...]}``."""
        f = self.to_frame().astype(object)
        rows = f.where(f.notna(), None).to_dict(orient="records")
        return {"default": self.default, "reasons": list(DEFAULT_READING_REASONS), "rows": rows}

    def summary(self) -> Summary:
        s = Summary(f"Seed 002 under each reading of its rules ({TRILLION_JPY})")
        s.add_table(self.table("cumulative_loss"), digits=4)
        s.add_table(self.table("difference"), digits=4)
        years = self.table("last_loss_year").astype(object)
        s.add_table(years.where(years.notna(), None))
        s.add_note(f"Default reading: {self.default}. First table: cumulative loss (first row: "
                   "the seed's published figures); second: distance, computed − published; "
                   "third: last loss year (first row: published).")
        s.add_note("Why: " + " ".join(DEFAULT_READING_REASONS[1:3]))
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Cumulative loss of each scenario under each reading, beside the published bar."""
        from monpol.core.plotting import figure_axes

        fig, ax = figure_axes(ax)
        wide = self.table("cumulative_loss")
        labels = list(wide.columns)
        width = 0.8 / len(wide.index)
        x = np.arange(len(labels))
        for j, name in enumerate(wide.index):
            ax.bar(x + (j - (len(wide.index) - 1) / 2) * width, wide.loc[name].to_numpy(float),
                   width, label=str(name), color="#333333" if name == "published" else None)
        ax.axhline(SEED_CAPITAL, color="#c62828", linestyle=":", label=f"capital ({SEED_CAPITAL:g})")
        ax.set_xticks(x, labels)
        ax.set_ylabel("cumulative loss, trillion yen")
        ax.set_title("Seed 002: each reading of the yield and redemption rules vs published")
        ax.legend(fontsize="small")
        return fig


def reproduce_readings(readings: Mapping[str, Mapping[str, Any]] | None = None,
                       **common: Any) -> ReadingsMatrix:
    """The six scenarios under each reading (:data:`READINGS`), beside the published table.

    Parameters
    ----------
    readings : dict, optional
        Name → keyword arguments of :func:`reproduce_seed` (default :data:`READINGS`; the
        first entry is reported as the default reading).
    **common
        Keyword arguments passed to every :func:`reproduce_seed` call (e.g. ``curve_when``);
        a reading's own arguments win.

    Returns
    -------
    ReadingsMatrix

    Examples
    --------
    >>> m = reproduce_readings()
    >>> m.table().round(2).loc[:, ["B", "C", "B'", "C'"]]
                                                          B      C    B'    C'
    published                                          2.49  10.62  1.56  7.22
    yields kept from the start (default)               2.82  10.71  1.73  7.03
    yields re-read every year                          5.13  14.31  2.08  8.12
    yields kept, reinvested bonds redeemed in t+10     2.82  10.71  1.73  7.03
    yields re-read, reinvested bonds redeemed in t+10  5.13  14.31  2.08  8.12
    """
    chosen = dict(readings) if readings is not None else dict(READINGS)
    if not chosen:
        raise InputError("readings must name at least one reading; got an empty mapping")
    reps = {}
    for name, kwargs in chosen.items():
        if not isinstance(kwargs, Mapping):
            raise InputError(f"reading {name!r} must map to keyword arguments of reproduce_seed; "
                             f"got {type(kwargs).__name__}")
        reps[str(name)] = reproduce_seed(**{**common, **dict(kwargs)})
    return ReadingsMatrix(reps, next(iter(reps)))
