"""Declaration of a stock-flow-consistent model: symbols by role, equations, matrices.

A :class:`Model` holds

* ``endogenous``: the variables the equations determine, with their opening values
  (the values of period 0, read by ``x[-1]`` in period 1; default 0);
* ``exogenous`` and ``parameters``: names with values (both may be shocked; the split is
  documentation: exogenous are policy or outside variables, parameters behaviour);
* ``equations``: text ``Y = C + G`` with a label (G&L's equation number), lags ``x[-1]``;
* optional ``balance_sheet`` (instrument -> sector -> entry) and ``transactions``
  (flow row -> sector -> entry): every row of both, and every column of the transactions
  matrix, must sum to zero in every period (entries are expressions, lags allowed);
* optional ``regimes`` (name -> condition): reported per period in the results;
* ``transactions_from_period`` (default 1): the first period whose transactions matrix is
  checked. A model whose opening values declare only its state variables (Domae's: the
  other period-0 stocks are first guesses no equation reads) checks from period 2, since
  period 1's changes in stocks would be measured from an undetermined balance sheet.

A model file is TOML::

    name = "gl-sim"
    title = "Model SIM"
    [parameters]
    theta = 0.2
    [exogenous]
    G = 20
    [endogenous]          # opening values
    Y = 0
    [[equations]]
    label = "3.10"
    eq = "Y = C + G"
    [transactions.Consumption]
    Households = "-C"
    Production = "C"

>>> m = Model("tiny", endogenous={"Y": 0.0, "C": 0.0}, exogenous={"G": 10.0},
...           parameters={"c": 0.5}, equations=[("1", "Y = C + G"), ("2", "C = c*Y")])
>>> m.symbols_by_role()["endogenous"]
('Y', 'C')
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from monpol.core.errors import InputError
from monpol.core.validation import finite_float, positive_int

__all__ = ["Equation", "Model"]


@dataclass(frozen=True)
class Equation:
    """One equation as written: ``label``, ``text`` and the ``line`` it was declared on."""

    label: str
    text: str
    line: int


def _matrix(name: str, value: Any) -> Mapping[str, Mapping[str, str]]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        raise InputError(f"{name} must be a table row -> sector -> entry; got {value!r}")
    out: dict[str, Mapping[str, str]] = {}
    for row, cells in value.items():
        if not isinstance(cells, Mapping):
            raise InputError(f"{name} row {row!r} must be a table sector -> entry; got {cells!r}")
        clean: dict[str, str] = {}
        for sector, entry in cells.items():
            if isinstance(entry, int | float) and not isinstance(entry, bool):
                entry = repr(entry)
            if not isinstance(entry, str):
                raise InputError(f"{name}[{row!r}][{sector!r}] must be text; got {entry!r}")
            if entry.strip():
                clean[str(sector)] = entry
        out[str(row)] = MappingProxyType(clean)
    return MappingProxyType(out)


def _values(name: str, value: Any) -> Mapping[str, float]:
    if value is None:
        return MappingProxyType({})
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str):
        items = [(v, 0.0) for v in value]
    else:
        raise InputError(f"{name} must be a table name -> value; got {value!r}")
    return MappingProxyType({str(k): finite_float(f"{name}[{k!r}]", v) for k, v in items})


@dataclass(frozen=True)
class Model:
    """A declared SFC model (see the module docstring)."""

    name: str
    endogenous: Mapping[str, float]
    exogenous: Mapping[str, float]
    parameters: Mapping[str, float]
    equations: tuple[Equation, ...]
    balance_sheet: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    transactions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    regimes: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
    source: str = ""
    transactions_from_period: int = 1

    def __init__(
        self,
        name: str,
        *,
        endogenous: Mapping[str, float] | Iterable[str],
        exogenous: Mapping[str, float] | None = None,
        parameters: Mapping[str, float] | None = None,
        equations: Iterable[Equation | tuple[str, str] | Mapping[str, Any]],
        balance_sheet: Mapping[str, Mapping[str, str]] | None = None,
        transactions: Mapping[str, Mapping[str, str]] | None = None,
        regimes: Mapping[str, str] | None = None,
        title: str = "",
        source: str = "",
        transactions_from_period: int = 1,
    ) -> None:
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"model name must be non-empty text; got {name!r}")
        eqs: list[Equation] = []
        for i, item in enumerate(equations, start=1):
            if isinstance(item, Equation):
                eqs.append(item)
            elif isinstance(item, Mapping):
                if "eq" not in item:
                    raise InputError(f"equation {i} must have 'eq' (text) and 'label'; got {item!r}")
                eqs.append(Equation(str(item.get("label", i)), str(item["eq"]), int(item.get("line", i))))
            elif isinstance(item, tuple) and len(item) == 2:
                eqs.append(Equation(str(item[0]), str(item[1]), i))
            else:
                raise InputError(f"equation {i} must be (label, text), a table or an Equation; got {item!r}")
        if not eqs:
            raise InputError(f"model {name!r} has no equations; at least one is needed")
        labels = [e.label for e in eqs]
        dup = sorted({x for x in labels if labels.count(x) > 1})
        if dup:
            raise InputError(f"equation labels must be unique; repeated: {', '.join(map(repr, dup))}")
        endo = _values("endogenous", endogenous)
        exo = _values("exogenous", exogenous)
        par = _values("parameters", parameters)
        seen: dict[str, str] = {}
        for role, names in (("endogenous", endo), ("exogenous", exo), ("parameters", par)):
            for n in names:
                if n in seen:
                    raise InputError(f"symbol {n!r} is declared both {seen[n]} and {role}")
                seen[n] = role
        if len(endo) != len(eqs):
            raise InputError(
                f"model {name!r} has {len(eqs)} equations for {len(endo)} endogenous variables; "
                f"each endogenous variable needs one equation"
            )
        regs = dict(regimes or {})
        for k, v in regs.items():
            if not isinstance(v, str):
                raise InputError(f"regimes[{k!r}] must be a condition as text; got {v!r}")
        set_ = object.__setattr__
        set_(self, "name", name)
        set_(self, "endogenous", endo)
        set_(self, "exogenous", exo)
        set_(self, "parameters", par)
        set_(self, "equations", tuple(eqs))
        set_(self, "balance_sheet", _matrix("balance_sheet", balance_sheet))
        set_(self, "transactions", _matrix("transactions", transactions))
        set_(self, "regimes", MappingProxyType(regs))
        set_(self, "title", title)
        set_(self, "source", source)
        set_(self, "transactions_from_period",
             positive_int("transactions_from_period", transactions_from_period))

    # ------------------------------------------------------------------ files
    @classmethod
    def from_toml(cls, path: str | Path) -> Model:
        """Read a model file (TOML); equation lines are the lines of the file."""
        p = Path(path)
        if not p.is_file():
            raise InputError(f"model file {str(p)!r} does not exist or is not a file")
        text = p.read_text(encoding="utf-8")
        return cls.from_toml_text(text, default_name=p.stem)

    @classmethod
    def from_toml_text(cls, text: str, *, default_name: str = "model") -> Model:
        """Build a model from the text of a model file."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"model file is not valid TOML: {exc}") from None
        known = {"name", "title", "source", "endogenous", "exogenous", "parameters", "equations",
                 "balance_sheet", "transactions", "regimes", "transactions_from_period"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(f"model file has unknown key(s) {', '.join(map(repr, unknown))}; "
                             f"allowed: {', '.join(sorted(known))}")
        lines = text.splitlines()
        eqs = data.get("equations")
        if not isinstance(eqs, list):
            raise InputError("model file needs [[equations]] tables with 'label' and 'eq'")
        out = []
        start = 0
        for i, item in enumerate(eqs, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("eq"), str):
                raise InputError(f"equation {i} must be a table with 'eq' (text) and 'label'; got {item!r}")
            line = i
            for j in range(start, len(lines)):
                if item["eq"] in lines[j]:
                    line, start = j + 1, j + 1
                    break
            out.append(Equation(str(item.get("label", i)), item["eq"], line))
        return cls(
            str(data.get("name", default_name)),
            endogenous=data.get("endogenous", {}),
            exogenous=data.get("exogenous"),
            parameters=data.get("parameters"),
            equations=out,
            balance_sheet=data.get("balance_sheet"),
            transactions=data.get("transactions"),
            regimes=data.get("regimes"),
            title=str(data.get("title", "")),
            source=str(data.get("source", "")),
            transactions_from_period=data.get("transactions_from_period", 1),
        )

    # ------------------------------------------------------------------ helpers
    def symbols_by_role(self) -> dict[str, tuple[str, ...]]:
        """Names by role: ``endogenous``, ``exogenous``, ``parameters``."""
        return {
            "endogenous": tuple(self.endogenous),
            "exogenous": tuple(self.exogenous),
            "parameters": tuple(self.parameters),
        }

    def values(self) -> dict[str, float]:
        """Base values of exogenous variables and parameters."""
        return {**self.exogenous, **self.parameters}

    def replace(self, **values: float) -> Model:
        """A copy with new values for parameters, exogenous or opening endogenous values."""
        endo, exo, par = dict(self.endogenous), dict(self.exogenous), dict(self.parameters)
        for k, v in values.items():
            x = finite_float(k, v)
            if k in par:
                par[k] = x
            elif k in exo:
                exo[k] = x
            elif k in endo:
                endo[k] = x
            else:
                raise InputError(f"{k!r} is not a symbol of model {self.name!r}; allowed: "
                                 f"{', '.join(sorted([*par, *exo, *endo]))}")
        return Model(self.name, endogenous=endo, exogenous=exo, parameters=par,
                     equations=self.equations, balance_sheet=self.balance_sheet,
                     transactions=self.transactions, regimes=self.regimes, title=self.title,
                     source=self.source, transactions_from_period=self.transactions_from_period)

    def describe(self) -> str:
        """The model as text: symbols, equations, matrices."""
        out = [f"{self.name}: {self.title}".rstrip(": "), f"source: {self.source}" if self.source else ""]
        out.append("equations:")
        out += [f"  ({e.label}) {e.text}" for e in self.equations]
        for role, vals in (("parameters", self.parameters), ("exogenous", self.exogenous),
                           ("endogenous (opening values)", self.endogenous)):
            shown = ", ".join(f"{k}={v:g}" for k, v in vals.items() if not math.isnan(v))
            out.append(f"{role}: {shown}")
        for title, mat in (("balance sheet", self.balance_sheet), ("transactions", self.transactions)):
            if mat:
                out.append(f"{title}:")
                out += [f"  {row}: " + ", ".join(f"{s}: {e}" for s, e in cells.items())
                        for row, cells in mat.items()]
        return "\n".join(x for x in out if x)
