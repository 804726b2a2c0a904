"""Sections resolved against an api module: entries, choices, what is missing."""

from __future__ import annotations

import pytest

from monpol.core.errors import InputError
from monpol.dashboard.page import Page, Section, resolve
from tests.dashboard.fake_api import PowerRequest, run_power

API = "tests.dashboard.fake_api"


def test_a_section_resolves_its_request_and_the_apis_choices() -> None:
    entry = resolve(Section(key="p", title="P", api=API, request="power"))
    assert (entry.request, entry.run, entry.missing) == (PowerRequest, run_power, "")
    assert entry.choices == {"label": ["alpha", "beta"]}      # from api.field_choices


def test_missing_entries_are_named() -> None:
    assert resolve(Section(key="x", title="X", api=API, request="nope")).missing == (
        "tests.dashboard.fake_api.REQUESTS has no 'nope' (it has: boom, power, sleep)")
    assert resolve(Section(key="x", title="X", api="monpol.nowhere.api",
                           request="a")).missing == "monpol.nowhere.api does not exist yet"


def test_keys_are_checked() -> None:
    with pytest.raises(InputError, match="section key must match"):
        Section(key="Bad Key", title="X", api=API, request="power")
    s = Section(key="a", title="A", api=API, request="power")
    with pytest.raises(InputError, match="section keys repeat"):
        Page(key="p", title="P", intro="", sections=(s, s))
