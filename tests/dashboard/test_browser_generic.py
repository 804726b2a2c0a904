"""The generic machinery in a real browser: forms from request fields, errors in the page,
the time limit, an internal error that leaves the server serving (tests' own fake api)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from monpol.core.results import format_number
from tests.dashboard.conftest import set_text, table_cells, text_of, wait_for
from tests.dashboard.fake_api import PowerRequest, SleepRequest, run_power

API = "tests.dashboard.fake_api"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    from monpol.dashboard import Page, Section, create_app, running

    page = Page(key="fake", title="Fake", intro="tests", sections=(
        Section(key="power", title="Power", api=API, request="power"),
        Section(key="sleep", title="Sleep", api=API, request="sleep"),
        Section(key="boom", title="Boom", api=API, request="boom"),
        Section(key="gone", title="Gone", api=API, request="no-such-request"),
    ))
    # one worker process; 3 s limit: the sleep section asks for 20 s
    app = create_app([page], workers=1, time_limit=3.0)
    with running(app) as url:
        yield url


def _value_shown(driver: Any) -> str:
    rows = table_cells(driver, "fake-power--summary-0")
    return dict((r[0], r[1]) for r in rows[1:])["value"]


def test_inputs_change_the_numbers_as_the_api_computes_them(browser: Any, served: str) -> None:
    browser.get(served + "fake")
    expected = format_number(run_power(PowerRequest()).value)
    wait_for(lambda: _value_shown(browser) == expected, what="default result")
    set_text(browser, "fake-power--x", "3.5")
    set_text(browser, "fake-power--offsets", "a=1, b=0.25")
    want = run_power(PowerRequest(x=3.5, offsets={"a": 1, "b": 0.25}))
    wait_for(lambda: _value_shown(browser) == format_number(want.value), what="changed result")
    assert format_number(want.value) == "13.5000"   # 3.5² + 1 + 0.25, by hand


def test_a_bad_value_shows_the_request_message_and_recovers(browser: Any, served: str) -> None:
    browser.get(served + "fake")
    wait_for(lambda: text_of(browser, "fake-power--summary-0"), what="first result")
    set_text(browser, "fake-power--power", "9")
    with pytest.raises(Exception, match="power") as info:
        PowerRequest(power=9)
    wait_for(lambda: text_of(browser, "fake-power--error") == str(info.value), what="error")
    assert str(info.value) == "power must be at most 5 (the exponent); got 9"
    set_text(browser, "fake-power--power", "3")
    expected = format_number(run_power(PowerRequest(power=3)).value)
    wait_for(lambda: _value_shown(browser) == expected, what="result after the error")


def test_time_limit_and_internal_error_leave_the_server_serving(browser: Any, served: str) -> None:
    browser.get(served + "fake")
    wait_for(lambda: text_of(browser, "fake-boom--error").startswith(
        "internal error (RuntimeError: boom 1)"), what="internal error shown")
    assert "no-such-request" in text_of(browser, "fake-gone--missing")
    set_text(browser, "fake-sleep--seconds", "20")
    SleepRequest(seconds=20)   # a valid request: only the time limit stops it
    wait_for(lambda: "longer than the dashboard's limit of 3 s" in
             text_of(browser, "fake-sleep--error"), timeout=15, what="time limit")
    # the worker was replaced: the next computation runs
    set_text(browser, "fake-sleep--seconds", "0.1")
    wait_for(lambda: "slept" in text_of(browser, "fake-sleep--summary-0"), what="after the limit")
    set_text(browser, "fake-power--x", "-2")
    expected = format_number(run_power(PowerRequest(x=-2)).value)
    wait_for(lambda: _value_shown(browser) == expected, what="other section still served")
