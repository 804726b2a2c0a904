"""Public functions and classes of every area under bad argument values (``api_cases``).

Counts (2026-12-06). Functions only, bad values of the right kind (2,088 calls): before the
fixes of this change 491 exceptions outside MonpolError and 3 NaN/inf results without a
warning; after: 0 and 0. The default profile now also constructs the public classes other
than results and pydantic records (2,006 calls with monpol.sfc; a rotating window of four value
classes per keyword parameter, all nine for required ones): 0 and 0. The large profile
(``MONPOL_FUZZ=large``: wrong types too — None, containers, frames, objects — and every
class; 7,120 calls) still has 346, 224 of them pydantic ValidationErrors of the record
models ``Programme`` and ``DatasetMetadata`` (not yet wrapped as InputError).
"""

from __future__ import annotations

import collections
import os

import pytest

from monpol.core.errors import InputError
from tests.fuzz.api_cases import AREAS, public_callables, run_all

LARGE = os.environ.get("MONPOL_FUZZ", "") == "large"


def test_walks_every_area() -> None:
    modules = {m for m, _, _ in public_callables()}
    assert modules == set(AREAS)
    assert sum(1 for _ in public_callables()) > 80


def test_no_exception_outside_monpol_error_and_no_silent_nan() -> None:
    outcomes = run_all(large=LARGE)
    kinds = collections.Counter(o.kind for o in outcomes)
    bad = [f"{o.kind}: {o.name}({o.param}={o.value}): {o.detail}" for o in outcomes
           if o.kind in ("non-monpol-exception", "nan-result", "timeout")]
    assert kinds["monpol-error"] > 1000
    assert not bad, "\n".join(bad[:40])


def test_issue_examples() -> None:
    from monpol.events import parse_32nds, reaction
    from monpol.exit import clean_price
    from monpol.rules import newey_west_lags, rebuild_china_quarterly

    for bad in (float("nan"), float("inf"), complex(1, 1)):
        with pytest.raises(InputError, match="nobs"):
            newey_west_lags(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"series must be a monpol\.events\.MarketSeries"):
        reaction("DGS10", "2010-11-03")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="quarters such as '2005Q1'"):
        rebuild_china_quarterly("soon")
    with pytest.raises(InputError, match="finite"):
        parse_32nds(float("nan"))
    with pytest.raises(InputError, match="coupon must be numeric"):
        clean_price("", 1.0, 5.0)


def test_note_price_and_doom_loop_debt_bounds() -> None:
    from monpol.bonds import simulate
    from monpol.events import note_price

    with pytest.raises(InputError, match="settlement must be a date"):
        note_price(2.0, 2.0, "0001-01-01", "2020-11-15")
    with pytest.raises(InputError, match="debt"):
        simulate(debt=1e308)
