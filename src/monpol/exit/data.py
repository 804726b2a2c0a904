"""The bundled BoJ end-2022 template and an illustrative ladder.

* :func:`boj_ladder` — the BoJ's holdings of every JGB issue on 2022-12-30 (face value,
  trillion yen), from ``boj-jgb-holdings-2022-12`` (BOJ lists compiled by J. Nakajima).
* :func:`~monpol.exit.curve.mof_curve` — the MOF par curve of June 2022.
* :func:`illustrative_fed_ladder` — a made-up Treasury ladder for the Federal Reserve's
  deferred-asset rule. **Illustrative, not Fed data.**

Examples
--------
>>> lad = boj_ladder()
>>> len(lad), round(lad.total, 2)            # 309 issues, 545.19 trillion yen face value
(309, 545.19)
>>> round(boj_ladder(kinds=["10Y"]).total, 4)
256.0022
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from monpol.core.errors import InputError
from monpol.core.units import BILLION_USD, OKU_JPY, TRILLION_JPY
from monpol.core.validation import str_sequence
from monpol.exit.ladder import Ladder

__all__ = ["BOJ_HOLDINGS_DATASET", "boj_ladder", "illustrative_fed_ladder"]

BOJ_HOLDINGS_DATASET = "boj-jgb-holdings-2022-12"


def boj_ladder(kinds: Sequence[str] | None = None) -> Ladder:
    """The BoJ's JGB holdings on 2022-12-30 by issue, in trillion yen (face value).

    Parameters
    ----------
    kinds : sequence of str, optional
        Keep only these kinds (``"2Y"``, ``"5Y"``, ``"10Y"``, ``"20Y"``, ``"30Y"``,
        ``"40Y"``, ``"I10Y"`` inflation-indexed, ``"F15Y"`` floating); default all.

    Notes
    -----
    Amounts are converted from 100 million yen to trillion yen (÷ 10,000); no other
    change. The total, 545.19 trillion, is face value; the seed's 564 is the balance-sheet
    (book) value of all JGS held, including T-bills and the premium paid above par.
    """
    if kinds is not None:
        kinds = str_sequence("kinds", kinds)
    from monpol import data

    frame = data.load(BOJ_HOLDINGS_DATASET)
    if kinds is not None:
        valid = sorted(set(frame["kind"]))
        unknown = [k for k in kinds if k not in valid]
        if unknown:
            raise InputError(f"kinds must be among {', '.join(map(repr, valid))}; got {unknown!r}")
        frame = frame[frame["kind"].isin(list(kinds))]
    amounts = OKU_JPY.convert(frame["amount"].to_numpy(dtype=float), TRILLION_JPY)
    return Ladder(amounts, maturity_dates=frame["maturity"].tolist(),
                  labels=frame["issue"].tolist(), unit=TRILLION_JPY, as_of="2022-12-30",
                  source=f"BoJ holdings by issue, 2022-12-30 ({BOJ_HOLDINGS_DATASET})")


def illustrative_fed_ladder() -> Ladder:
    """An **illustrative** Treasury ladder (USD bn) with 2022-like yields.

    Not Federal Reserve data: round amounts by redemption year 2023-2052, shaped like a
    large QE portfolio (more short and medium maturities, a long tail), with book yields
    of about 1-2% bought in years of low rates. Used to show the deferred-asset rule.
    """
    years = np.arange(2023, 2053)
    amounts = np.concatenate([np.full(5, 400.0), np.full(5, 250.0), np.full(10, 80.0),
                              np.full(10, 60.0)])
    yields = np.concatenate([np.linspace(1.2, 1.6, 5), np.linspace(1.6, 1.9, 5),
                             np.linspace(2.0, 2.3, 10), np.linspace(2.3, 2.5, 10)])
    return Ladder(amounts, maturity_years=years, yields=yields, unit=BILLION_USD,
                  source="illustrative ladder (not Federal Reserve data)")
