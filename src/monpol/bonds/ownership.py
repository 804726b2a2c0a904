"""Central-bank ownership of government bonds: the BOJ's share of JGBs, the Fed's of Treasuries.

Definition (spec 05): central-bank share = central-bank holdings ÷ amount outstanding, in
percent, both at face value and over the same set of securities.

For Japan, :func:`boj_share` computes it from issue-level data (the BOJ's holdings and the
amount outstanding of every JGB issue, monthly 2001–2026, compiled by Nakajima 2024): overall
and by **remaining maturity** (years from the observation date to the issue's maturity,
buckets closed on the right: ``(0, 1]``, ``(1, 5]`` ... with the default edges). The
securities covered are the coupon-bearing JGBs in the data: fixed-coupon 2- to 40-year
bonds, inflation-indexed, floating-rate and climate transition bonds. Treasury discount
bills and FILP bonds are **not** covered, so the share is that of coupon-bearing JGBs, which
is the definition under which the BOJ held "over 50%" (the seed) from June 2022 (and
briefly in November 2020 to May 2021) until February 2026.

For the United States, :func:`fed_treasury_share` takes the two amounts as arguments:
``holdings`` = Treasury securities held outright by the Federal Reserve (H.4.1, SOMA, face
value) and ``outstanding`` = marketable Treasury securities outstanding (Monthly Statement of
the Public Debt). The bundled data do not include the outstanding amount, so the seed's
"about 16%" cannot be recomputed from them.

References
----------
Nakajima, J. (2024), Hitotsubashi IER Discussion Paper A.758 (issue-level BOJ holdings).
Seed ``001_e060dafa03d647a4.txt``: the BOJ holds over 50% of JGBs, the Fed about 16% of
marketable Treasuries.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from monpol.core.errors import AccountingError, DataError, InputError
from monpol.core.results import Result, Summary
from monpol.core.units import frac_to_pct
from monpol.core.validation import (
    date_like,
    finite_array,
    instance_of,
    require_columns,
    str_sequence,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_BUCKETS",
    "OwnershipResult",
    "boj_share",
    "central_bank_share",
    "fed_treasury_share",
    "maturity_bucket_labels",
]

#: default remaining-maturity bucket edges, years
DEFAULT_BUCKETS: tuple[float, ...] = (1.0, 5.0, 10.0, 20.0)
_DAYS_PER_YEAR = 365.25


def central_bank_share(holdings: Any, outstanding: Any) -> np.ndarray | float:
    """Holdings ÷ outstanding × 100 (percent), element-wise.

    Parameters
    ----------
    holdings, outstanding : float or array-like
        Same unit and the same set of securities; face values.

    Returns
    -------
    float or numpy.ndarray
        Percent.

    Raises
    ------
    InputError
        Non-finite or negative amounts, or outstanding <= 0.
    AccountingError
        Holdings above the amount outstanding (a share above 100% means the two amounts
        do not cover the same securities or are on different valuation bases).

    Examples
    --------
    >>> round(central_bank_share(545.19, 1040.71), 2)
    52.39
    """
    scalar = np.ndim(holdings) == 0 and np.ndim(outstanding) == 0
    h = finite_array("holdings", np.atleast_1d(np.asarray(holdings, dtype=object)))
    o = finite_array("outstanding", np.atleast_1d(np.asarray(outstanding, dtype=object)))
    try:
        h, o = np.broadcast_arrays(h, o)
    except ValueError:
        raise InputError(f"holdings and outstanding must have the same shape; got {h.shape} "
                         f"and {o.shape}") from None
    if (h < 0).any():
        raise InputError(f"holdings must be >= 0; got {float(h[h < 0].flat[0])!r}")
    if (o <= 0).any():
        raise InputError(f"outstanding must be > 0; got {float(o[o <= 0].flat[0])!r}")
    over = h > o * (1 + 1e-12)
    if over.any():
        i = np.argwhere(over)[0]
        raise AccountingError(
            f"holdings ({float(h[tuple(i)]):g}) exceed outstanding ({float(o[tuple(i)]):g})"
            + ("" if scalar else f" at position {i.tolist()}")
            + "; both must cover the same securities at face value"
        )
    share = frac_to_pct(h / o)
    return float(share[0]) if scalar else share


def fed_treasury_share(holdings: Any, outstanding: Any) -> np.ndarray | float:
    """The Federal Reserve's share of marketable Treasury securities, percent.

    Parameters
    ----------
    holdings : float or array-like
        U.S. Treasury securities held outright by the Federal Reserve (H.4.1, line "U.S.
        Treasury securities"; SOMA, face value, including inflation compensation if the
        denominator includes it).
    outstanding : float or array-like
        Marketable Treasury securities outstanding (bills, notes, bonds, TIPS, FRNs; Monthly
        Statement of the Public Debt, "Total Marketable"), same unit.

    Notes
    -----
    The seed's "about 16%" is this ratio; the bundled data cannot recompute it (the Fed's
    holdings are bundled to 2020 only, as H.4.1 series TREAST, and no outstanding amount is
    bundled). Dividing by debt held by the public instead, or leaving bills out of both
    amounts, gives a different number: say which one you use.

    Examples
    --------
    >>> round(fed_treasury_share(4_240_010, 26_500_000), 1)
    16.0
    """
    return central_bank_share(holdings, outstanding)


def maturity_bucket_labels(edges: Sequence[float]) -> list[str]:
    """``(1, 5, 10)`` → ``['0-1y', '1-5y', '5-10y', '10y+']``."""
    out, lo = [], 0.0
    for e in edges:
        out.append(f"{lo:g}-{e:g}y")
        lo = e
    out.append(f"{lo:g}y+")
    return out


def _check_edges(buckets: Sequence[float]) -> tuple[float, ...]:
    try:
        edges = tuple(float(b) for b in buckets)
    except (TypeError, ValueError):
        raise InputError(f"buckets must be increasing positive numbers of years; got {buckets!r}") from None
    if not edges or any(not np.isfinite(e) or e <= 0 for e in edges) or any(
        b <= a for a, b in itertools.pairwise(edges)
    ):
        raise InputError(f"buckets must be increasing positive numbers of years; got {buckets!r}")
    return edges


@dataclass(frozen=True)
class OwnershipResult(Result):
    """The BOJ's share of JGBs by month, overall and by remaining-maturity bucket.

    Attributes
    ----------
    frame : DataFrame
        Long: ``date``, ``bucket`` (``"all"`` or a label such as ``"5-10y"``),
        ``boj_holdings``, ``outstanding`` (100 million yen), ``share`` (percent).
    buckets : tuple of float
        Bucket edges in years.
    series : tuple of str
        Issue series included (``2Y`` ... ``C10Y``).
    over_outstanding : DataFrame
        Issue-months where the BOJ's holdings exceed the recorded amount outstanding (kept;
        see the dataset's description).
    """

    frame: pd.DataFrame
    buckets: tuple[float, ...]
    series: tuple[str, ...]
    over_outstanding: pd.DataFrame

    unit: str = "100 million yen"

    def share(self, bucket: str = "all") -> pd.Series:
        """Monthly share (percent) of one bucket, indexed by date."""
        valid = self.frame["bucket"].unique().tolist()
        if bucket not in valid:
            raise InputError(f"bucket must be one of {', '.join(map(repr, valid))}; got {bucket!r}")
        part = self.frame[self.frame["bucket"] == bucket]
        return pd.Series(part["share"].to_numpy(), index=pd.DatetimeIndex(part["date"]), name=bucket)

    def wide(self) -> pd.DataFrame:
        """Shares as a date × bucket table (percent)."""
        order = ["all", *maturity_bucket_labels(self.buckets)]
        table = self.frame.pivot_table(index="date", columns="bucket", values="share", aggfunc="first",
                                       dropna=False)
        return table[[c for c in order if c in table.columns]]

    def at(self, date: Any) -> pd.Series:
        """Shares by bucket on the last observation on or before ``date``."""
        wide = self.wide()
        upto = wide.loc[: date_like("date", date)]
        if upto.empty:
            raise InputError(f"date must be on or after {wide.index[0].date()}; got {date!r}")
        return upto.iloc[-1]

    def month(self, date: Any) -> OwnershipResult:
        """The result restricted to the last observation on or before ``date``."""
        when = pd.Timestamp(str(self.at(date).name))
        frame = self.frame[self.frame["date"] == when].reset_index(drop=True)
        over = self.over_outstanding[self.over_outstanding["date"] == when].reset_index(drop=True)
        return replace(self, frame=frame, over_outstanding=over)

    def first_above(self, threshold: float, bucket: str = "all") -> pd.Timestamp | None:
        """First month the share exceeds ``threshold`` percent (None if never)."""
        s = self.share(bucket)
        above = s[s > threshold]
        return None if above.empty else pd.Timestamp(above.index[0])

    def runs_above(self, threshold: float, bucket: str = "all") -> pd.DataFrame:
        """Spells with the share above ``threshold`` percent: ``start``, ``end`` (dates of
        the first and last month above) and ``months``."""
        s = self.share(bucket)
        above = (s > threshold).to_numpy()
        edges = np.diff(np.concatenate([[0], above.astype(int), [0]]))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
        return pd.DataFrame({"start": s.index[starts], "end": s.index[ends],
                             "months": ends - starts + 1})

    def to_frame(self) -> pd.DataFrame:
        """The long frame (columns: date, bucket, boj_holdings, outstanding, share)."""
        return self.frame.copy()

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``definition``, ``unit``, ``buckets``, ``series`` and ``shares``
        (one object per month: ``date`` and one key per bucket, percent)."""
        wide = self.wide()
        return {
            "definition": "BOJ holdings / amount outstanding, face value, coupon-bearing JGBs "
                          "(no T-bills, no FILP bonds); remaining-maturity buckets (lo, hi] years",
            "unit": "percent",
            "amount_unit": self.unit,
            "buckets": maturity_bucket_labels(self.buckets),
            "series": list(self.series),
            "issue_months_over_outstanding": len(self.over_outstanding),
            "shares": wide.reset_index().to_dict(orient="records"),
        }

    def summary(self) -> Summary:
        wide = self.wide()
        s = Summary(f"BOJ share of JGBs, {wide.index[0].date()} to {wide.index[-1].date()}")
        rows = wide.iloc[sorted({0, *range(len(wide) - 1, 0, -60)})]
        table = rows.copy()
        table.index = pd.DatetimeIndex(table.index).strftime("%Y-%m-%d")
        table.index.name = "date"
        s.add_table(table, "Share (percent) by remaining maturity", digits=1)
        s.add_note("Share = BOJ holdings / amount outstanding, face value, coupon-bearing JGBs "
                   "(T-bills and FILP bonds not covered).")
        runs = self.runs_above(50.0)
        if len(runs):
            spells = ", ".join(f"{a.date()} to {b.date()}" for a, b in zip(runs["start"], runs["end"],
                                                                          strict=True))
            s.add_note(f"Overall share above 50%: {spells}.")
        if len(self.over_outstanding):
            s.add_note(f"{len(self.over_outstanding)} issue-months with BOJ holdings above the "
                       f"recorded amount outstanding are kept as published.")
        return s

    def plot(self, ax: Axes | None = None) -> Figure:
        """Overall share (thick) and the share of each remaining-maturity bucket."""
        from monpol.core.plotting import figure_axes

        fig, ax_ = figure_axes(ax)
        wide = self.wide()
        for i, col in enumerate(wide.columns):
            ax_.plot(wide.index, wide[col], lw=2.5 if col == "all" else 1,
                     color="k" if col == "all" else f"C{i}", label=col)
        ax_.axhline(50, color="grey", ls=":", lw=1)
        ax_.set_ylabel("percent of amount outstanding")
        ax_.legend(ncols=3, fontsize="small")
        return fig


def boj_share(
    holdings: pd.DataFrame | None = None,
    *,
    buckets: Sequence[float] = DEFAULT_BUCKETS,
    series: Sequence[str] | None = None,
    start: Any = None,
    end: Any = None,
) -> OwnershipResult:
    """The BOJ's share of JGBs by month, overall and by remaining maturity.

    Parameters
    ----------
    holdings : DataFrame, optional
        Issue-level data with ``date``, ``issue``, ``maturity_date``, ``boj_holdings``,
        ``outstanding`` (default: the bundled ``boj-jgb-holdings-by-issue``). A ``series``
        column is derived from ``issue`` (``10Y-368`` → ``10Y``) if absent.
    buckets : sequence of float
        Remaining-maturity edges in years; buckets are ``(0, e1]``, ``(e1, e2]`` ...,
        ``(e_last, inf)``.
    series : sequence of str, optional
        Issue series to include (default all), e.g. ``["2Y", "5Y", "10Y", "20Y", "30Y",
        "40Y"]`` for fixed-coupon nominal bonds only.
    start, end : date-like, optional
        Period to keep.

    Returns
    -------
    OwnershipResult

    Raises
    ------
    InputError
        Bad bucket edges, unknown series.
    DataError
        Missing columns, negative amounts, maturities before the observation date with a
        non-zero amount outstanding.

    Examples
    --------
    >>> res = boj_share()
    >>> print(round(res.at("2025-05-31")["all"], 2))
    52.73
    >>> res.first_above(50.0).date().isoformat()
    '2020-11-30'
    """
    if holdings is not None:
        instance_of("holdings", holdings, pd.DataFrame, "a pandas DataFrame like boj_holdings_by_issue()'s")
    if series is not None:
        series = str_sequence("series", series)
    edges = _check_edges(buckets)
    if holdings is None:
        from monpol.bonds.data import boj_holdings_by_issue

        holdings = boj_holdings_by_issue()
    require_columns(holdings, ["date", "issue", "maturity_date", "boj_holdings", "outstanding"],
                    source="holdings")
    frame = holdings.copy()
    if "series" not in frame.columns:
        frame["series"] = frame["issue"].astype(str).str.split("-").str[0]
    frame["date"] = pd.to_datetime(frame["date"])
    frame["maturity_date"] = pd.to_datetime(frame["maturity_date"])
    for col in ("boj_holdings", "outstanding"):
        vals = pd.to_numeric(frame[col], errors="coerce")
        bad = vals.isna() | (vals < 0)
        if bad.any():
            r = frame.loc[bad].iloc[0]
            raise DataError(f"holdings: {col} of issue {r['issue']} on {pd.Timestamp(r['date']).date()} "
                            f"must be a number >= 0; got {r[col]!r}")
        frame[col] = vals.astype(float)
    available = sorted(frame["series"].unique().tolist())
    if series is not None:
        unknown = [s for s in series if s not in available]
        if unknown or not series:
            raise InputError(f"series must be some of {', '.join(available)}; got {list(series)!r}")
        frame = frame[frame["series"].isin(list(series))]
    if start is not None:
        frame = frame[frame["date"] >= date_like("start", start)]
    if end is not None:
        frame = frame[frame["date"] <= date_like("end", end)]
    if frame.empty:
        raise InputError(f"no observations between start={start or 'the first'} and "
                         f"end={end or 'the last'}")
    remaining = (frame["maturity_date"] - frame["date"]).dt.days.to_numpy() / _DAYS_PER_YEAR
    matured = (remaining <= 0) & (frame["outstanding"].to_numpy() > 0)
    if matured.any():
        r = frame.iloc[int(np.flatnonzero(matured)[0])]
        raise DataError(f"holdings: issue {r['issue']} matured on {r['maturity_date'].date()} but has "
                        f"an amount outstanding on {r['date'].date()}")
    labels = maturity_bucket_labels(edges)
    idx = np.searchsorted(np.asarray(edges), remaining, side="left")  # (lo, hi]
    frame["bucket"] = np.asarray(labels, dtype=object)[idx]
    over = frame[frame["boj_holdings"] > frame["outstanding"]][
        ["date", "issue", "boj_holdings", "outstanding"]].reset_index(drop=True)

    by_bucket = frame.groupby(["date", "bucket"], sort=True)[["boj_holdings", "outstanding"]].sum()
    total = frame.groupby("date", sort=True)[["boj_holdings", "outstanding"]].sum()
    total["bucket"] = "all"
    long = pd.concat([total.reset_index(), by_bucket.reset_index()], ignore_index=True)
    positive = long["outstanding"].where(long["outstanding"] > 0)
    long["share"] = frac_to_pct(long["boj_holdings"] / positive)
    order = {b: i for i, b in enumerate(["all", *labels])}
    long["_o"] = long["bucket"].map(order)
    long = long.sort_values(["date", "_o"]).drop(columns="_o").reset_index(drop=True)
    long = long[["date", "bucket", "boj_holdings", "outstanding", "share"]]
    kept = tuple(sorted(frame["series"].unique().tolist()))
    return OwnershipResult(long, edges, kept, over)
