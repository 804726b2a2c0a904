"""The classifier over time: windows of a balance-sheet series, classified.

The weekly H.4.1 series bundled in ``us-h41-weekly`` have total assets (WALCL) and
Treasury securities held outright (TREAST) but not the other asset lines, so
:func:`classify_h41` splits assets into two buckets: Treasuries (liquid, safe) and
everything else (``WALCL - TREAST``, counted as illiquid and risky). The second bucket
also holds repos, gold and other routine items (about 10% of assets before August 2007);
this coarse split is stated in the result's ``assumptions``.

Examples
--------
>>> res = classify_h41(breaks=["2007-12-19", "2008-08-27", "2008-12-17"])
>>> res.windows["verdict"].tolist()
['qualitative easing', 'credit easing']
>>> res.windows["size_change_pct"].round(1).tolist()
[2.5, 147.8]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError
from monpol.core.validation import date_like, instance_of, positive_int, str_sequence
from monpol.easing.catalogue import catalogue
from monpol.easing.classify import classify_arrays
from monpol.easing.data import load_h41
from monpol.easing.results import WindowClassification
from monpol.easing.thresholds import Thresholds

__all__ = ["classify_h41", "classify_series", "window_positions"]

Freq = Literal["M", "Q", "Y"]


def window_positions(
    index: pd.DatetimeIndex,
    *,
    breaks: Sequence[str] | None = None,
    freq: Freq | None = None,
    rolling: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Positions (start, end) of the windows in ``index``; exactly one way must be given.

    ``breaks``: consecutive dates (each snapped to the last observation on or before it);
    ``freq``: consecutive calendar periods (last observation of each); ``rolling``: every
    pair ``rolling`` observations apart.
    """
    given = [x is not None for x in (breaks, freq, rolling)]
    if sum(given) != 1:
        raise InputError("give exactly one of breaks, freq or rolling to define the windows")
    n = len(index)
    if breaks is not None:
        if len(breaks) < 2:
            raise InputError(f"breaks must hold at least two dates; got {list(breaks)!r}")
        pos = []
        for b in breaks:
            try:
                ts = pd.Timestamp(b)
            except ValueError:
                raise InputError(f"breaks must be dates; got {b!r}") from None
            p = int(index.searchsorted(ts, side="right")) - 1
            if p < 0:
                raise InputError(f"break {b!r} is before the first observation "
                                 f"({index[0].date()})")
            pos.append(p)
        arr = np.array(pos)
        if np.any(np.diff(arr) <= 0):
            raise InputError(f"breaks must be increasing and fall on different observations; "
                             f"got {list(breaks)!r}")
        return arr[:-1], arr[1:]
    if freq is not None:
        if freq not in ("M", "Q", "Y"):
            raise InputError(f"freq must be one of 'M', 'Q', 'Y'; got {freq!r}")
        periods = index.to_period(freq)
        last = np.flatnonzero(np.r_[periods[1:] != periods[:-1], True])
        if len(last) < 2:
            raise DataError(f"the series covers fewer than two periods of freq {freq!r}")
        return last[:-1], last[1:]
    k = positive_int("rolling", rolling)
    if k >= n:
        raise InputError(f"rolling must be smaller than the number of observations ({n}); got {k}")
    ends = np.arange(k, n)
    return ends - k, ends


def classify_series(
    assets: pd.DataFrame,
    *,
    liquid: Sequence[str],
    risky: Sequence[str],
    monetary: pd.Series | None = None,
    breaks: Sequence[str] | None = None,
    freq: Freq | None = None,
    rolling: int | None = None,
    thresholds: Thresholds | None = None,
    distance: str = "total_variation",
    stated_target: Literal["auto", "none"] | None = "auto",
    institution: str = "",
    unit: str = "",
    assumptions: Sequence[str] = (),
) -> WindowClassification:
    """Classify windows of a series of asset buckets (columns), vectorised over windows.

    Parameters
    ----------
    assets : DataFrame
        Date-indexed amounts by asset bucket (one unit); rows with gaps are dropped.
    liquid, risky : sequences of column names
        Buckets counted as liquid and as risky.
    monetary : Series, optional
        Monetary liabilities on the same dates (for the liability-side driver).
    breaks, freq, rolling
        How to cut windows (see :func:`window_positions`).
    stated_target : "auto" or "none"
        Look up a reserve-quantity target of ``institution`` in the catalogue.

    Returns
    -------
    WindowClassification
    """
    if thresholds is not None:
        instance_of("thresholds", thresholds, Thresholds, "a monpol.easing.Thresholds")
    instance_of("assets", assets, pd.DataFrame, "a pandas DataFrame of assets by date")
    liquid, risky = str_sequence("liquid", liquid), str_sequence("risky", risky)
    if not isinstance(assets.index, pd.DatetimeIndex):
        raise InputError("assets must have a DatetimeIndex")
    for name in [*liquid, *risky]:
        if name not in assets.columns:
            raise InputError(f"column {name!r} is not in assets (columns: {list(assets.columns)})")
    frame = assets.dropna()
    if len(frame) < 2:
        raise DataError("the series has fewer than two complete observations")
    if (frame.to_numpy() < 0).any():
        raise DataError("asset amounts must be >= 0")
    idx = pd.DatetimeIndex(frame.index)
    i0, i1 = window_positions(idx, breaks=breaks, freq=freq, rolling=rolling)
    values = frame.to_numpy(dtype=float)
    liq = np.array([c in set(liquid) for c in frame.columns])
    rsk = np.array([c in set(risky) for c in frame.columns])
    m0 = m1 = None
    if monetary is not None:
        mon = monetary.reindex(idx).to_numpy(dtype=float)
        m0, m1 = mon[i0], mon[i1]
    stated = np.zeros(len(i0), dtype=bool)
    if stated_target == "auto":
        ends = idx[i1]
        for p in catalogue().entries:
            if p.central_bank == institution and p.target_steps:
                start = pd.Timestamp(p.target_steps[0].date)
                stop = pd.Timestamp(p.ended) if p.ended else pd.Timestamp.max
                stated |= np.asarray((ends >= start) & (ends <= stop))
    elif stated_target not in ("none", None):
        raise InputError(f"stated_target must be 'auto' or 'none'; got {stated_target!r}")
    th = thresholds or Thresholds()
    out = classify_arrays(values[i0], values[i1], liq, rsk, m0=m0, m1=m1, stated=stated,
                          thresholds=th, distance=distance)
    windows = pd.DataFrame({
        "start": idx[i0], "end": idx[i1],
        "total_start": out["total_before"], "total_end": out["total_after"],
        "size_change_pct": out["size_change_pct"],
        "liquid_share_start": out["liquid_share_before"],
        "liquid_share_end": out["liquid_share_after"],
        "liquid_share_change": out["liquid_share_change"],
        "risky_share_change": out["risky_share_change"],
        "composition_distance": out["composition_distance"],
        "credit_contribution_pct": out["credit_contribution_pct"],
        "size_component": out["size_component"], "risk_component": out["risk_component"],
        "verdict": out["verdict"], "driver": out["driver"], "intent": out["intent"],
    })
    return WindowClassification(institution, unit, windows, frame, th, distance,
                                tuple(assumptions))


H41_ASSUMPTIONS = (
    "Assets split into Treasury securities held outright (TREAST: liquid, safe) and all other "
    "assets (WALCL - TREAST: counted as illiquid and risky); the second bucket also holds repos, "
    "gold and routine items (about 10% of assets before August 2007).",
    "Monetary liabilities are not on the weekly grid before 2009 (WRESBAL starts 2009-01-07, and "
    "is reserves only, as a week average), so the driver is judged from the asset side only and "
    "the intent of an asset-driven expansion is 'undetermined': whether reserves, rather than "
    "Treasury deposits, were its counterpart cannot be seen in these series.",
    "WALCL is total assets less eliminations from consolidation; it differs from the seed's "
    "Table 1 totals by 0.4% (2007-12-19) and 2.5% (2008-12-17).",
)


def classify_h41(
    frame: pd.DataFrame | None = None,
    *,
    breaks: Sequence[str] | None = None,
    freq: Freq | None = None,
    rolling: int | None = None,
    start: str | None = None,
    end: str | None = None,
    thresholds: Thresholds | None = None,
    distance: str = "total_variation",
) -> WindowClassification:
    """Classify windows of the weekly H.4.1 series (default: bundled ``us-h41-weekly``).

    ``frame`` needs columns WALCL and TREAST in USD millions. Without a window argument,
    the seed's two windows are used: 2007-12-19 -> 2008-08-27 -> 2008-12-17.
    """
    if thresholds is not None:
        instance_of("thresholds", thresholds, Thresholds, "a monpol.easing.Thresholds")
    if frame is not None:
        instance_of("frame", frame, pd.DataFrame, "a pandas DataFrame like load_h41()'s")
    if breaks is not None:
        breaks = str_sequence("breaks", breaks, allow_empty=True)
    start = None if start is None else str(date_like("start", start).date())
    end = None if end is None else str(date_like("end", end).date())
    data = load_h41() if frame is None else frame
    for col in ("WALCL", "TREAST"):
        if col not in data.columns:
            raise DataError(f"the H.4.1 frame needs column {col!r}; columns: {list(data.columns)}")
    data = data.loc[start:end, ["WALCL", "TREAST"]].dropna()
    if ((data["WALCL"] - data["TREAST"]) < 0).any():
        bad = data.index[(data["WALCL"] - data["TREAST"]) < 0][0]
        raise DataError(f"TREAST exceeds WALCL on {bad.date()}; check the units (both USD mn)")
    assets = pd.DataFrame({"Treasuries (TREAST)": data["TREAST"],
                           "other assets (WALCL - TREAST)": data["WALCL"] - data["TREAST"]})
    if breaks is None and freq is None and rolling is None:
        breaks = ["2007-12-19", "2008-08-27", "2008-12-17"]
    return classify_series(assets, liquid=["Treasuries (TREAST)"],
                           risky=["other assets (WALCL - TREAST)"], breaks=breaks, freq=freq,
                           rolling=rolling, thresholds=thresholds, distance=distance,
                           stated_target="auto", institution="Federal Reserve", unit="USD mn",
                           assumptions=H41_ASSUMPTIONS)
