"""The five pages in a real browser: change inputs, and the numbers shown are the api's.

Each expected value is computed here by the same ``monpol.<area>.api`` call the page makes
and formatted with ``format_number`` at the digits of the result's own summary table, so a
difference means the page shows something other than the application layer's number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from monpol.cli import main
from monpol.core.results import Result, format_number
from tests.dashboard.conftest import set_text, table_cells, text_of, wait_for


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    from monpol.dashboard import create_app, running

    # computations in the server's threads: the worker processes and the time limit are
    # tested in test_browser_generic.py; here they would only add their start-up
    app = create_app(workers=0)
    with running(app) as url:
        yield url


def _summary(driver: Any, sid: str, i: int) -> dict[str, list[str]]:
    """Summary table ``i`` of a section as {first cell: the other cells}."""
    return {r[0]: r[1:] for r in table_cells(driver, f"{sid}--summary-{i}")[1:]}


def _expected(result: Result, i: int, row: Any, column: str = "value") -> str:
    table = result.summary().tables[i]
    return format_number(table.data.loc[row, column], table.digits)


def _shown(driver: Any, sid: str, i: int, row: str, col: int = 0) -> str:
    return _summary(driver, sid, i).get(row, [""] * (col + 1))[col]


def test_rules_page(browser: Any, served: str) -> None:
    from monpol.rules.api import CompareRequest, ForecastRequest, run_compare, run_forecast

    browser.get(served + "rules")
    sid = "rules-compare"
    base = run_compare(CompareRequest(start="1990Q1"))
    col = list(base.summary().tables[0].data.columns).index("last_prescribed")
    wait_for(lambda: _shown(browser, sid, 0, "taylor1993", col) ==
             _expected(base, 0, "taylor1993", "last_prescribed"), what="compare default")
    # a value out of range: the CLI's message, word for word, then the page recovers
    cli = CliRunner().invoke(main.cli, ["rules", "compare", "--r-star", "50"])
    assert cli.exit_code == 2
    message = cli.output.strip().removeprefix("monpol: error: ")
    assert message == "r_star must be in [-10, 10]; got 50.0"
    set_text(browser, f"{sid}--r_star", "50")
    wait_for(lambda: text_of(browser, f"{sid}--error") == message, what="r* error")
    set_text(browser, f"{sid}--r_star", "0.5")
    low = run_compare(CompareRequest(start="1990Q1", r_star=0.5))
    want = _expected(low, 0, "taylor1993", "last_prescribed")
    assert want != _expected(base, 0, "taylor1993", "last_prescribed")
    wait_for(lambda: _shown(browser, sid, 0, "taylor1993", col) == want, what="r* = 0.5")
    # the China reaction function: the seed's 2011Q3 case beside its published 6.39
    sid = "rules-china"
    fc = run_forecast(ForecastRequest(dataset="china-lending-rate", start="2005Q3",
                                      end="2011Q2", inflation=6.2, growth=9.2))
    wait_for(lambda: _shown(browser, sid, 0, "forecast (percent)") ==
             _expected(fc, 0, "forecast (percent)"), what="china forecast")
    rows = {r[0]: r for r in table_cells(browser, f"{sid}--published")}
    seed = rows["2011Q3 theoretical rate (inflation 6.2, growth 9.2)"]
    assert seed[1:4] == ["6.3900", format_number(fc.forecast), format_number(fc.forecast - 6.39)]
    set_text(browser, f"{sid}--inflation", "3")
    fc3 = run_forecast(ForecastRequest(dataset="china-lending-rate", start="2005Q3",
                                       end="2011Q2", inflation=3.0, growth=9.2))
    wait_for(lambda: _shown(browser, sid, 0, "forecast (percent)") ==
             _expected(fc3, 0, "forecast (percent)"), what="china forecast, inflation 3")


def test_exit_page(browser: Any, served: str) -> None:
    from monpol.exit.api import ProjectRequest, ReproduceRequest, run_project, run_reproduce

    browser.get(served + "exit")
    sid = "exit-scenario"
    row = "cumulative loss (trough)"
    wait_for(lambda: _shown(browser, sid, 1, row) ==
             _expected(run_project(ProjectRequest(scenario="B")), 1, row), what="scenario B")
    set_text(browser, f"{sid}--reinvest_share", "0.5")
    half = run_project(ProjectRequest(scenario="B", reinvest_share=0.5))
    wait_for(lambda: _shown(browser, sid, 1, row) == _expected(half, 1, row),
             what="reinvest half")
    # the seed's six scenarios beside the published table
    seed = run_reproduce(ReproduceRequest())
    frame = seed.to_frame().set_index("label")
    first = frame.index[0]
    rows = wait_for(lambda: {r[0]: r for r in table_cells(browser, "exit-seed--published")},
                    what="published table")
    shown = rows[f"{first}: cumulative loss"]
    assert shown[1:3] == [format_number(frame.loc[first, "published_cumulative_loss"]),
                          format_number(frame.loc[first, "cumulative_loss"])]
    # a heavy Monte Carlo is refused by the page's cap before anything runs
    set_text(browser, "exit-simulate--paths", "5000000")
    wait_for(lambda: text_of(browser, "exit-simulate--error").startswith(
        "paths must be at most 200000 in the dashboard"), what="path cap")


def test_islm_page(browser: Any, served: str) -> None:
    from selenium.webdriver.common.by import By

    from monpol.islm.api import ExperimentRequest, SolveRequest, run_experiment, run_solve

    browser.get(served + "islm")
    sid = "islm-solve"
    wait_for(lambda: _shown(browser, sid, 3, "y") == _expected(run_solve(SolveRequest()), 3, "y"),
             what="equilibrium y")
    set_text(browser, f"{sid}--G", "120")
    more = run_solve(SolveRequest(G=120.0))
    wait_for(lambda: _shown(browser, sid, 3, "y") == _expected(more, 3, "y"), what="G = 120")
    assert text_of(browser, f"{sid}--table-0")   # the balance-sheet matrix is shown
    # P3 by its radio button: the paper's signs beside the computed ones
    sid = "islm-propositions"
    radio = wait_for(lambda: browser.find_element(
        By.CSS_SELECTOR, f"[id='{sid}--name'] input[value='P3']"), what="P3 button")
    radio.click()
    p3 = run_experiment(ExperimentRequest(name="P3"))
    want = [r for r in p3.to_frame().itertuples() if r.source != "derived"]
    def shown_p3() -> list[list[str]]:
        return [r for r in table_cells(browser, f"{sid}--published")[1:] if r[0].startswith("P3")]
    rows = wait_for(lambda: len(shown_p3()) == len(want) and shown_p3(), what="P3 rows")
    assert [r[1:3] for r in rows] == [[str(w.expected), format_number(float(w.computed))]
                                      for w in want]


def test_bonds_and_events_pages(browser: Any, served: str) -> None:
    from monpol.bonds.api import DoomLoopRequest, run_doom_loop
    from monpol.events.api import StudyRequest, run_study

    browser.get(served + "bonds")
    sid = "bonds-doom-loop"
    set_text(browser, f"{sid}--sweep", "cb_purchases=0;8")
    res = run_doom_loop(DoomLoopRequest(sweep={"cb_purchases": (0.0, 8.0)}))
    col = list(res.summary().tables[0].data.columns).index("market_rate_end")
    want = [_expected(res, 0, k, "market_rate_end") for k in range(2)]
    wait_for(lambda: [_shown(browser, sid, 0, str(k), col) for k in range(2)] == want,
             what="sweep of the purchases")
    browser.get(served + "events")
    sid = "events-study"
    base = dict(dataset="us-markets-daily", column="DGS10", calendar="fed-qe1-grrs2011")
    row = "cumulative change (basis points)"
    wait_for(lambda: _shown(browser, sid, 2, row) ==
             _expected(run_study(StudyRequest(**base, window="1d")), 2, row), what="1d study")
    assert "-91" in table_cells(browser, f"{sid}--published")[1][1]   # Gagnon et al. (2011)
    set_text(browser, f"{sid}--window", "2d")
    two = run_study(StudyRequest(**base, window="2d"))
    wait_for(lambda: _shown(browser, sid, 2, row) == _expected(two, 2, row), what="2d study")
