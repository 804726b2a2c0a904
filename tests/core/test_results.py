from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest

from monpol.core.errors import InputError
from monpol.core.hypotheses import InvalidTestStatistic, TestStatistic
from monpol.core.registry import Registry
from monpol.core.results import Result, Summary, format_number, frame_to_markdown


@dataclass(frozen=True)
class _Toy(Result):
    value: float

    def summary(self) -> Summary:
        s = Summary("Toy")
        s.add_items({"value": self.value})
        return s

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"value": [self.value]})

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value}


def test_result_str_and_html_come_from_summary() -> None:
    r = _Toy(1.25)
    assert "value    1.2500" in str(r)
    assert "<h3>Toy</h3>" in r._repr_html_()
    with pytest.raises(AttributeError):
        r.value = 2.0  # type: ignore[misc]


def test_format_number() -> None:
    assert format_number(1234567.891, 2) == "1,234,567.89"
    assert format_number(float("nan")) == ""
    assert format_number(12) == "12"


def test_markdown_table_shape() -> None:
    md = frame_to_markdown(pd.DataFrame({"a": [1.0], "b": ["x"]}), index=False)
    assert md.splitlines() == ["| a | b |", "|---:|---|", "| 1.0000 | x |"]


def test_test_statistic_reject_and_dict() -> None:
    t = TestStatistic("t", 2.5, 0.01, "h0", "h1", "N(0,1)")
    assert t.reject(0.05) and not t.reject(0.001)
    assert t.to_dict()["valid"] is True
    bad = InvalidTestStatistic("t", reason="too short")
    assert not bad.valid and not bad.reject()
    assert bad.to_dict()["reason"] == "too short"


def test_registry_rejects_duplicates_and_unknown_names() -> None:
    reg: Registry[int] = Registry("rule")
    reg.add("a", 1)
    with pytest.raises(InputError, match="already registered"):
        reg.add("a", 2)
    with pytest.raises(InputError, match=r"rule must be one of 'a'; got 'b'"):
        reg.get("b")
