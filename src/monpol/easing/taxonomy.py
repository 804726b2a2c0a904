"""The balance-sheet categories and their liquidity, risk and monetary attributes.

The default taxonomy lives in ``taxonomy.toml`` beside this module, one entry per category
with its side, attributes and source. Pass a modified :class:`Taxonomy` to the classifier
to change one attribute at a time (:meth:`Taxonomy.with_attributes`).

Examples
--------
>>> tax = default_taxonomy()
>>> tax.get("asset", "agency_debt").risky
True
>>> tax.get("asset", "other").risky is None
True
>>> tax.with_attributes("other", risky=True).get("asset", "other").risky
True
>>> tax.get("asset", "gold")
Traceback (most recent call last):
...
monpol.core.errors.InputError: asset category must be one of 'cash', ...; got 'gold'
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError

from monpol.core.errors import DataError, InputError

__all__ = ["Category", "Side", "Taxonomy", "default_taxonomy"]

Side = Literal["asset", "liability"]
SIDES: tuple[Side, ...] = ("asset", "liability")


class _CategoryModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    side: Side
    description: str
    source: str
    liquid: bool | None = None
    risky: bool | None = None
    monetary: bool | None = None


@dataclass(frozen=True)
class Category:
    """One category: its side, attributes and the source of the attributes.

    ``liquid`` and ``risky`` apply to assets (``None``: unknown, counted in neither share);
    ``monetary`` to liabilities (part of the monetary base).
    """

    name: str
    side: Side
    description: str
    source: str
    liquid: bool | None = None
    risky: bool | None = None
    monetary: bool | None = None


@dataclass(frozen=True)
class Taxonomy:
    """The categories allowed on each side, with their attributes."""

    categories: tuple[Category, ...]

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        if isinstance(self.categories, (str, bytes)) or not isinstance(self.categories, (tuple, list)) \
                or not all(isinstance(c, Category) for c in self.categories):
            raise InputError(f"categories must be a sequence of Category; got {self.categories!r:.60}")
        for c in self.categories:
            key = (c.side, c.name)
            if key in seen:
                raise InputError(f"taxonomy lists {c.side} category {c.name!r} twice")
            seen.add(key)

    def names(self, side: Side) -> list[str]:
        """Category names allowed on ``side``, in taxonomy order."""
        return [c.name for c in self.categories if c.side == side]

    def get(self, side: Side, name: str) -> Category:
        """The category ``name`` on ``side``; unknown names list the allowed ones."""
        for c in self.categories:
            if c.side == side and c.name == name:
                return c
        listed = ", ".join(repr(n) for n in self.names(side))
        raise InputError(f"{side} category must be one of {listed}; got {name!r}")

    def with_attributes(
        self,
        name: str,
        *,
        side: Side = "asset",
        liquid: bool | Literal["keep"] | None = "keep",
        risky: bool | Literal["keep"] | None = "keep",
        monetary: bool | Literal["keep"] | None = "keep",
    ) -> Taxonomy:
        """A copy with one category's attributes changed (for sensitivity analysis)."""
        target = self.get(side, name)
        changed = replace(
            target,
            liquid=target.liquid if liquid == "keep" else liquid,
            risky=target.risky if risky == "keep" else risky,
            monetary=target.monetary if monetary == "keep" else monetary,
        )
        return Taxonomy(tuple(changed if c is target else c for c in self.categories))

    def to_frame(self) -> pd.DataFrame:
        """Columns: side, category, liquid, risky, monetary, description, source."""
        return pd.DataFrame(
            {
                "side": [c.side for c in self.categories],
                "category": [c.name for c in self.categories],
                "liquid": pd.Series([c.liquid for c in self.categories], dtype=object),
                "risky": pd.Series([c.risky for c in self.categories], dtype=object),
                "monetary": pd.Series([c.monetary for c in self.categories], dtype=object),
                "description": [c.description for c in self.categories],
                "source": [c.source for c in self.categories],
            }
        )


@functools.cache
def default_taxonomy() -> Taxonomy:
    """The taxonomy of ``taxonomy.toml`` (cached; immutable)."""
    text = (resources.files("monpol.easing") / "taxonomy.toml").read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
        models = [_CategoryModel.model_validate(entry) for entry in raw["category"]]
    except (tomllib.TOMLDecodeError, ValidationError, KeyError) as exc:  # pragma: no cover
        raise DataError(f"monpol.easing taxonomy.toml is invalid: {exc}") from exc
    return Taxonomy(tuple(Category(**m.model_dump()) for m in models))
