"""The shared KEY=VALUE / NAME=VALUE@PERIOD parser (monpol.core.params)."""

import pytest

from monpol.core.errors import InputError
from monpol.core.params import PeriodAssignment, parse_assignment, parse_assignments, parse_period_assignment


def test_assignment_strips_and_keeps_order():
    assert parse_assignment(" B_c = 60 ", option="--set") == ("B_c", "60")
    got = parse_assignments(["a=1, b=2", "c=3,"], option="--set", split_commas=True)
    assert got == [("a", "1"), ("b", "2"), ("c", "3")]


def test_assignment_without_commas_keeps_value_commas():
    assert parse_assignments(["x=1,2"], option="--value") == [("x", "1,2")]


@pytest.mark.parametrize("item", ["2025", "=5", "x=", " = "])
def test_bad_assignment_names_option_and_value(item):
    with pytest.raises(InputError, match=r"--sell must look like YEAR=AMOUNT .*; got '"):
        parse_assignment(item, option="--sell", hint="must look like YEAR=AMOUNT (e.g. 2025=20)")


def test_period_assignment_permanent_and_span():
    assert parse_period_assignment("G=120@5") == PeriodAssignment("G", "120", 5, None)
    assert parse_period_assignment(" c_L = 2.5 @ 3 - 4 ") == PeriodAssignment("c_L", "2.5", 3, 4)


@pytest.mark.parametrize("text", ["G=120", "G@5", "1G=2@3", "G=1@-2", 5])
def test_bad_period_assignment(text):
    with pytest.raises(InputError, match=r"shock must look like NAME=VALUE@PERIOD"):
        parse_period_assignment(text)  # type: ignore[arg-type]
