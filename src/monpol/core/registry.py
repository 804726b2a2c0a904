"""Name registries: options that pick a strategy are names resolved here.

An unknown name raises :class:`~monpol.core.errors.InputError` listing the valid ones
(cf. statsmodels ``tools/validation/validation.py: string_like``), never a bare KeyError.

Examples
--------
>>> rules = Registry("rule")
>>> @rules.register("taylor1993")
... def taylor(): ...
>>> rules.names()
['taylor1993']
>>> rules.get("taylor")
Traceback (most recent call last):
...
monpol.core.errors.InputError: rule must be one of 'taylor1993'; got 'taylor'
>>> rules.remove("taylor1993") is taylor, rules.names()
(True, [])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from monpol.core.errors import InputError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """A mapping of names to objects that explains unknown names."""

    def __init__(self, argument: str) -> None:
        self.argument = argument
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator registering an object under ``name`` (names are unique)."""

        def deco(obj: T) -> T:
            self.add(name, obj)
            return obj

        return deco

    def add(self, name: str, obj: T) -> None:
        if name in self._items and self._items[name] is not obj:
            raise InputError(f"{self.argument} {name!r} is already registered")
        self._items[name] = obj

    def remove(self, name: str) -> T:
        """Unregister ``name`` and return its object (an unknown name raises InputError)."""
        obj = self.get(name)
        del self._items[name]
        return obj

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except (KeyError, TypeError):
            listed = ", ".join(repr(n) for n in self.names())
            raise InputError(
                f"{self.argument} must be one of {listed}; got {name!r}"
            ) from None

    def names(self) -> list[str]:
        return list(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
