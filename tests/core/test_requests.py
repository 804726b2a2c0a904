"""Request base: frozen pydantic models whose validation errors are InputErrors."""

from typing import Literal

import pytest
from pydantic import Field

from monpol.core.errors import InputError
from monpol.core.requests import Request


class Demo(Request):
    years: int = Field(10, ge=1, le=100, description="horizon in years")
    rate: float = Field(0.5, description="policy rate, percent per year")
    convention: Literal["start", "mid", "end"] = "mid"


def test_valid_request_is_frozen_and_replaceable():
    r = Demo(years=5)
    assert (r.years, r.rate, r.convention) == (5, 0.5, "mid")
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen-instance error
        r.years = 6  # type: ignore[misc]
    assert r.replace(rate=1.0).rate == 1.0
    assert Demo.build({"convention": "end"}).convention == "end"


def test_bound_error_names_field_value_and_bound():
    with pytest.raises(InputError, match=r"^years must be at most 100 \(horizon in years\); got 1000$"):
        Demo(years=1000)


def test_choice_error_lists_choices():
    with pytest.raises(InputError, match=r"convention must be one of 'start', 'mid' or 'end'.*got 'late'"):
        Demo(convention="late")


def test_non_finite_and_unknown_field():
    with pytest.raises(InputError, match=r"rate must be a finite number.*got nan"):
        Demo(rate=float("nan"))
    with pytest.raises(InputError, match=r"yeers is not an option; allowed: years, rate, convention"):
        Demo(yeers=5)


def test_replace_validates():
    with pytest.raises(InputError, match="years must be at least 1"):
        Demo().replace(years=0)


def test_a_shared_validator_in_a_field_validator_keeps_its_message():
    from pydantic import field_validator

    from monpol.core.validation import share

    class Shares(Request):
        reinvest: float = Field(0.0, ge=0, le=1, description="share reinvested")

        @field_validator("reinvest", mode="before")
        @classmethod
        def _share(cls, value):
            return share("reinvest", value)

    with pytest.raises(InputError, match=r"^reinvest must be in \[0, 1\]; got 1.5$"):
        Shares(reinvest=1.5)
