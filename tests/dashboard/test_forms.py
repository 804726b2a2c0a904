"""Forms generated from request fields: widget kinds, parsing, the request's own messages."""

from __future__ import annotations

import enum
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from monpol.core.errors import InputError
from monpol.core.requests import Request
from monpol.dashboard.forms import Form, request_fields
from tests.dashboard.fake_api import PowerRequest


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Timing(BaseModel):
    holdings: Literal["year_end", "mid_year"] = Field("year_end", description="holdings timing")
    lag: int = Field(1, ge=0, le=3, description="lag in years")


class Everything(Request):
    rate: float | None = Field(None, ge=-10, lt=50, description="rate, percent per year")
    r_star: float | str = Field(2.0, description="a number or a column name")
    colour: Colour = Field(Colour.RED, description="an enum")
    rules: tuple[Literal["a", "b", "c"], ...] = Field(("a",), description="several choices")
    path: list[float] | None = Field(None, max_length=5, description="a rate path")
    names: list[str] = Field(default_factory=list, description="free names")
    timing: Timing = Field(default_factory=Timing, description="nested")
    maybe: Literal["x", "y"] | None = Field(None, description="optional choice")


def test_kinds_and_bounds_come_from_the_fields() -> None:
    specs = {s.name: s for s in request_fields(Everything)}
    assert {n: s.kind for n, s in specs.items()} == {
        "rate": "number", "r_star": "number", "colour": "choice", "rules": "choices",
        "path": "list", "names": "list", "timing.holdings": "choice", "timing.lag": "integer",
        "maybe": "choice"}
    assert specs["rate"].bounds == {"ge": -10.0, "lt": 50.0}
    assert specs["rate"].bounds_text == "-10 ≤ x < 50"
    assert specs["rate"].optional and not specs["r_star"].optional
    assert specs["colour"].choices == ("red", "blue")
    assert specs["timing.holdings"].default == "year_end"
    assert specs["path"].item_numeric and not specs["names"].item_numeric


def test_values_are_parsed_into_the_nested_request() -> None:
    form = Form("e", Everything)
    ids = form.widget_ids
    assert ids[-3:] == ["e--timing__holdings", "e--timing__lag", "e--maybe"]
    req = form.build(["", "r_star_hlw", "blue", ["a", "c"], "0.1, 0.5,1", "x, y",
                      "mid_year", "2", "__none__"])
    assert req == Everything(rate=None, r_star="r_star_hlw", colour=Colour.BLUE,
                             rules=("a", "c"), path=[0.1, 0.5, 1.0], names=["x", "y"],
                             timing=Timing(holdings="mid_year", lag=2), maybe=None)
    # a number typed for a number-or-name field is a number
    assert form.build(["", "1.5", "red", [], "", "", "year_end", "1", "x"]).r_star == 1.5


def test_initial_values_show_the_defaults_as_text() -> None:
    form = Form("e", Everything, defaults={"rate": 2.5})
    shown = {s.name: form.initial(s) for s in form.fields}
    assert shown == {"rate": "2.5", "r_star": "2.0", "colour": "red", "rules": ["a"],
                     "path": "", "names": "", "timing.holdings": "year_end", "timing.lag": "1",
                     "maybe": "__none__"}


def test_errors_are_the_requests_own() -> None:
    form = Form("p", PowerRequest)
    with pytest.raises(InputError) as direct:
        PowerRequest(x=500.0)
    with pytest.raises(InputError) as shown:
        form.build(["500", "2", "plain", "", "", []])
    assert str(shown.value) == str(direct.value) == \
        "x must be at most 100.0 (the number, percent per year); got 500.0"
    with pytest.raises(InputError, match=r"power input should be a valid integer.*got 1\.5"):
        form.build(["1", "1.5", "plain", "", "", []])
    with pytest.raises(InputError, match="offsets must look like NAME=VALUE; got 'a'"):
        form.build(["1", "2", "plain", "a", "", []])


def test_dashboard_limits_fixed_and_excluded_fields() -> None:
    form = Form("p", PowerRequest, exclude=("label",), fixed={"rounded": True},
                limits={"power": 3})
    assert [s.name for s in form.fields] == ["x", "power", "sign", "offsets"]
    assert form.build(["1.234", "1", "plain", ""]).rounded is True
    with pytest.raises(InputError, match="power must be at most 3 in the dashboard"):
        form.build(["1", "4", "plain", ""])
    with pytest.raises(InputError, match="nope is not a field of PowerRequest"):
        Form("p", PowerRequest, exclude=("nope",))


def test_choices_from_the_api_turn_text_into_a_choice() -> None:
    form = Form("p", PowerRequest, choices={"label": ["one", "two"]})
    spec = next(s for s in form.fields if s.name == "label")
    assert (spec.kind, spec.choices) == ("choice", ("one", "two"))
    with pytest.raises(InputError, match="choices apply to text and list fields"):
        Form("p", PowerRequest, choices={"x": [1, 2]})


def test_fields_left_at_their_default_are_not_passed() -> None:
    # so a request that tells a given value from its default sees what the CLI gives it
    form = Form("p", PowerRequest)
    assert form.values([form.initial(s) for s in form.fields]) == {}
    assert form.values(["3", "2", "plain", "", "", []]) == {"x": 3.0}
    assert form.build(["3", "2", "plain", "", "", []]).model_fields_set == {"x"}
