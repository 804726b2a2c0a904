"""A small application layer for the dashboard's own tests (request in, Result out).

It has the shape of ``monpol.<area>.api`` (``REQUESTS``: name → (request class, run)) so the
generic machinery (forms, errors, time limit, rendering) is tested apart from the areas.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
from pydantic import Field

from monpol.core.requests import Request
from monpol.core.results import Result, Summary


class PowerRequest(Request):
    """x to a power, scaled."""

    x: float = Field(2.0, ge=-100, le=100, description="the number, percent per year")
    power: int = Field(2, ge=1, le=5, description="the exponent")
    sign: Literal["plain", "negated"] = Field("plain", description="sign of the result")
    offsets: dict[str, float] = Field(default_factory=dict, description="named offsets added")
    label: str | None = Field(None, max_length=20, description="a label")
    rounded: bool = Field(False, description="round to 2 decimals")


@dataclass(frozen=True)
class PowerResult(Result):
    value: float
    terms: dict[str, float]

    def summary(self) -> Summary:
        s = Summary("Power")
        s.add_items({"value": self.value, **self.terms}, title="Result")
        return s

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"term": list(self.terms), "value": list(self.terms.values())})

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "terms": self.terms}


def run_power(request: PowerRequest) -> PowerResult:
    base = request.x ** request.power * (-1 if request.sign == "negated" else 1)
    value = base + sum(request.offsets.values())
    if request.rounded:
        value = round(value, 2)
    return PowerResult(value, {"base": base, **request.offsets})


class SleepRequest(Request):
    """Sleep, then answer (a computation slower than a time limit)."""

    seconds: float = Field(0.0, ge=0, le=60, description="seconds to sleep")


def run_sleep(request: SleepRequest) -> PowerResult:
    time.sleep(request.seconds)
    return PowerResult(request.seconds, {"slept": request.seconds})


class BoomRequest(Request):
    """Fails with an exception that is not a MonpolError (an internal error)."""

    n: int = Field(1, ge=0, le=10, description="a count")


def run_boom(request: BoomRequest) -> PowerResult:
    raise RuntimeError(f"boom {request.n}")


REQUESTS = {"power": (PowerRequest, run_power), "sleep": (SleepRequest, run_sleep),
            "boom": (BoomRequest, run_boom)}


def field_choices(request: type[Request], field: str) -> list[str] | None:
    """Allowed names of registry-backed text fields (the application layer's contract)."""
    return ["alpha", "beta"] if (request, field) == (PowerRequest, "label") else None
