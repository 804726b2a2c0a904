from __future__ import annotations

import pytest

from monpol.core.errors import InputError
from monpol.easing import Category, Taxonomy, default_taxonomy


def test_default_attributes_follow_the_documented_reading() -> None:
    tax = default_taxonomy()
    # seed Table 1 commentary: Treasuries are the liquid, safe part of the Fed's assets
    for name in ("government_short", "government_long", "repo", "cash"):
        c = tax.get("asset", name)
        assert (c.liquid, c.risky) == (True, False)
    # ... agency debt, MBS, term lending, CP facility raise the risky share
    for name in ("agency_debt", "agency_mbs", "lending_institutions", "credit_market_facility",
                 "firm_specific", "equity"):
        c = tax.get("asset", name)
        assert (c.liquid, c.risky) == (False, True)
    assert tax.get("asset", "other").liquid is None and tax.get("asset", "other").risky is None
    assert [c.name for c in tax.categories if c.side == "liability" and c.monetary] == [
        "currency", "reserves"]
    assert all(c.source for c in tax.categories)


def test_with_attributes_returns_a_changed_copy() -> None:
    tax = default_taxonomy()
    changed = tax.with_attributes("other", risky=True)
    assert changed.get("asset", "other").risky is True
    assert changed.get("asset", "other").liquid is None  # kept
    assert tax.get("asset", "other").risky is None  # original untouched
    assert changed.with_attributes("currency", side="liability", monetary=False).get(
        "liability", "currency").monetary is False


def test_unknown_category_lists_allowed() -> None:
    with pytest.raises(InputError, match=r"liability category must be one of 'currency'.*got 'gold'"):
        default_taxonomy().get("liability", "gold")


def test_duplicate_category_rejected() -> None:
    c = Category("cash", "asset", "d", "s", True, False)
    with pytest.raises(InputError, match="lists asset category 'cash' twice"):
        Taxonomy((c, c))


def test_to_frame_columns() -> None:
    frame = default_taxonomy().to_frame()
    assert list(frame.columns) == ["side", "category", "liquid", "risky", "monetary",
                                   "description", "source"]
