"""The events application layer: requests in, the same results as the domain calls out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError
from monpol.core.io import dumps_json
from monpol.core.requests import Request
from monpol.events import api, change, event_study, load_calendar, load_series, reaction
from monpol.events.seed import PUBLISHED_STUDIES

RAW = "date,DGS10\n2010-11-02,2.63\n2010-11-03,2.67\n2010-11-04,2.53\n2010-11-05,2.58\n"


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli, ["events", *args, "--format", "json"])
    assert res.exit_code == 0, res.stderr
    return json.loads(res.stdout)


def test_change_and_reaction_equal_the_domain_and_the_cli(tmp_path: Path) -> None:
    f = tmp_path / "y.csv"
    f.write_text(RAW)
    req = api.ChangeRequest(file=str(f), column="DGS10", kind="yield", start="2010-11-02",
                            end="2010-11-04")
    got = api.run_change(req)
    s = load_series("us-qe2-2010-window", "DGS10")
    assert got.change == pytest.approx(-10.0)  # 100 x (2.53 - 2.63) bp, by hand
    assert json.loads(dumps_json(got.to_dict())) == _cli_json(
        "change", "--file", str(f), "--column", "DGS10", "--kind", "yield", "--from", "2010-11-02",
        "--to", "2010-11-04")
    r = api.run_reaction(api.ReactionRequest(dataset="us-qe2-2010-window", column="DGS10",
                                             event="2010-11-03 14:15"))
    assert r.to_dict() == reaction(s, "2010-11-03 14:15").to_dict()
    assert api.run_change(api.ChangeRequest(dataset="us-qe2-2010-window", column="DGS10",
                                            start="2010-08-27", end="2010-11-04")).to_dict() == \
        change(s, "2010-08-27", "2010-11-04").to_dict()


def test_study_carries_the_published_figure() -> None:
    ten = load_series("us-markets-daily", "DGS10")
    for pub in PUBLISHED_STUDIES:
        window = "1d" if pub.window == (-1, 0) else "2d"
        got = api.run_study(api.StudyRequest(dataset="us-markets-daily", column="DGS10",
                                             calendar=pub.calendar, window=window, baseline="none"))
        direct = event_study(ten, load_calendar(pub.calendar), window=window, baseline=None)
        assert got.cumulative_change == direct.cumulative_change
        assert got.published == pub.cumulative_change and got.to_dict()["published"] == {
            "cumulative_change": pub.cumulative_change, "source": pub.source}
    cli = _cli_json("study", "--dataset", "us-markets-daily", "--column", "DGS10", "--events",
                    "qe2-2010-signals", "--window", "2d", "--baseline", "constant_mean")
    got = api.run_study(api.StudyRequest(dataset="us-markets-daily", column="DGS10",
                                         calendar="qe2-2010-signals", window="2d",
                                         baseline="constant_mean"))
    assert cli == json.loads(dumps_json(got.to_dict())) and got.published is None


@pytest.mark.parametrize(
    ("cls", "kwargs", "match"),
    [
        (api.ChangeRequest, {"dataset": None, "column": "DGS10", "start": "2010-01-01",
                             "end": "2010-02-01"},
         r"give exactly one of --file and --dataset; got file=None, dataset=None"),
        (api.ChangeRequest, {"dataset": "x", "column": "c", "start": "2010-13-01", "end": "2010-02-01"},
         r"start"),
        (api.ChangeRequest, {"dataset": "x", "column": "c", "kind": "bond", "start": "2010-01-01",
                             "end": "2010-02-01"}, r"'bond'"),
        (api.ChangeRequest, {"dataset": "x", "column": "c", "date_column": "d", "start": "2010-01-01",
                             "end": "2010-02-01"}, r"--date-column applies to --file only"),
        (api.StudyRequest, {"dataset": "x", "column": "c", "calendar": "k", "window": "3w"},
         r"window must be one of"),
        (api.StudyRequest, {"dataset": "x", "column": "c", "calendar": "k", "baseline": "ols"},
         r"baseline must be one of .*; got 'ols'"),
        (api.StudyRequest, {"dataset": "x", "column": "c", "calendar": "k", "estimation": 0},
         r"estimation must be at least 1 \(estimation window, trading days\); got 0"),
        (api.ReactionRequest, {"dataset": "x", "column": "c", "event": "2010-11-03", "extreme": "max"},
         r"extreme must be one of 'auto', 'high' or 'low'"),
    ],
)
def test_bad_input_names_field_value_and_allowed(cls: type[Request], kwargs: dict[str, Any],
                                                 match: str) -> None:
    with pytest.raises(InputError, match=match):
        cls(**kwargs)


def test_requests_describe_their_fields() -> None:
    assert set(api.REQUESTS) == {"change", "reaction", "study", "calendar", "levels", "note",
                                 "worked_case"}
    # every request runs with its defaults (the dashboard's first view): the QE2 signals
    assert api.run_study(api.StudyRequest()).calendar == "qe2-2010-signals"
    assert api.field_choices(api.StudyRequest, "calendar") == api.field_choices(
        api.CalendarRequest, "name")
    assert "treasury_price" in (api.field_choices(api.ChangeRequest, "kind") or [])
    for cls, run in api.REQUESTS.values():
        assert issubclass(cls, Request) and callable(run)
        for name, info in cls.model_fields.items():
            assert info.description, (cls.__name__, name)
    assert api.run_calendar(api.CalendarRequest(name="qe2-2010-signals")).to_dict() == \
        load_calendar("qe2-2010-signals").to_dict()


def test_a_user_registered_convention_runs_through_the_api(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from monpol.events.conventions import CONVENTIONS, Convention

    # Bund futures style: levels quoted in hundredths written "131.45", changes in ticks of 0.01
    ticks = Convention("hundredths", "ticks", "change_ticks", "points", True,
                       lambda a, b: (b - a) * 100.0)
    monkeypatch.setitem(CONVENTIONS._items, "hundredths", ticks)
    f = tmp_path / "fut.csv"
    f.write_text("date,FGBL\n2010-11-02,131.45\n2010-11-04,131.02\n")
    got = api.run_change(api.ChangeRequest(file=str(f), column="FGBL", kind="hundredths",
                                           start="2010-11-02", end="2010-11-04"))
    assert got.change == -43.0 and got.to_dict()["change_ticks"] == -43.0   # 100 x (131.02 - 131.45)


def test_note_pricing_equals_the_treasury_functions() -> None:
    from monpol.events.conventions import format_32nds, parse_32nds
    from monpol.events.treasury import note_price, note_yield

    # the on-the-run 10-year note of November 2010: 2 5/8% of 2020-08-15, settling 11-04
    args = (2.625, "2010-11-04", "2020-08-15")
    res = api.run_note(api.NoteRequest(coupon=2.625, settlement="2010-11-04",
                                       maturity="2020-08-15", yields=(2.62, 2.46),
                                       prices=("100-13", 101.40625)))
    assert res.price_at(2.46) == note_price(2.46, *args)
    assert res.yield_at("100-13") == note_yield(parse_32nds("100-13"), *args)
    assert res.yield_at("101.40625") == note_yield(101.40625, *args)   # a decimal, kept exact
    frame = res.to_frame()
    assert frame.columns.tolist() == ["given", "quote", "price", "price_32nds", "yield_pct"]
    assert frame["price_32nds"].iloc[1] == format_32nds(note_price(2.46, *args))
    # seed slide: 2.62% -> 2.46% is quoted 100-00 -> 100-13; 100-13 is a yield above 2.5%
    assert res.yield_at("100-13") > 2.5
    with pytest.raises(InputError, match=r"prices: a Treasury price must be a quote .*; got 'abc'"):
        api.NoteRequest(prices=("abc",))
    with pytest.raises(InputError, match=r"yields must be in \[-50, 100\]; got 200"):
        api.NoteRequest(yields=(200,))
    with pytest.raises(InputError, match="maturity must be after settlement; got maturity "
                                         "'2009-01-01'"):
        api.NoteRequest(maturity="2009-01-01")


def test_levels_and_worked_case_equal_the_domain() -> None:
    from monpol.events.seed import worked_case

    lev = api.run_levels(api.LevelsRequest(dataset="us-qe2-2010-window", column="DGS10",
                                           start="2010-11-02", end="2010-11-04"))
    direct = load_series("us-qe2-2010-window", "DGS10").window("2010-11-02", "2010-11-04")
    assert lev.levels.equals(direct.levels)
    assert lev.to_frame()["level"].tolist() == [2.63, 2.67, 2.53]   # FRED DGS10, 11-02..11-04
    assert api.run_worked_case(api.WorkedCaseRequest()).to_frame().equals(worked_case())
    with pytest.raises(InputError, match="start must be a date"):
        api.LevelsRequest(start="soon")
