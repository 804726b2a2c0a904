"""Input forms generated from a request class's pydantic fields.

A :class:`Form` reads the fields of a :class:`~monpol.core.requests.Request` subclass (type,
default, bounds, description) and builds one widget per field:

=====================================  ===============================================
field type                              widget (what the server receives)
=====================================  ===============================================
``float``, ``int`` (and ``| None``)    text box (the text; parsed here, so ``abc`` or an
                                        out-of-range value reaches the request and gives
                                        its :class:`~monpol.core.errors.InputError`)
``bool``                                check box
``Literal[...]``, ``Enum``              radio buttons (up to 6 choices) or a drop-down
``list[Literal[...]]``                  multi-select drop-down
``list[float | str]``                   text box, comma-separated
``dict[str, float]``                    text box, ``NAME=VALUE, NAME=VALUE``
                                        (:func:`monpol.core.params.parse_assignments`)
``dict[str, list[float]]``              text box, ``NAME=1;2;3, NAME=4``
a nested pydantic model                 its fields, indented, named ``outer.inner``
anything else (``str``, dates, ...)     text box, passed as text
=====================================  ===============================================

The bounds (``ge``/``gt``/``le``/``lt``) and the description are shown beside the widget but
not enforced in the browser: validation is the request's, so the page shows exactly the
message the CLI prints. Dashboard-only caps (``limits``) are checked before the request is
built, for heavy inputs such as path counts.

Examples
--------
>>> from typing import Literal
>>> from pydantic import Field
>>> from monpol.core.requests import Request
>>> class Demo(Request):
...     rate: float = Field(2.0, ge=-5, le=25, description="policy rate, percent per year")
...     years: int = Field(10, ge=1, le=60, description="horizon in years")
...     rule: Literal["taylor1993", "balanced"] = Field("taylor1993", description="rule")
>>> form = Form("demo", Demo)
>>> [f.kind for f in form.fields]
['number', 'integer', 'choice']
>>> form.fields[0].bounds_text
'-5 ≤ x ≤ 25'
>>> form.build(["3.5", "12", "balanced"])
Demo(rate=3.5, years=12, rule='balanced')
>>> form.build(["3.5", "0", "balanced"])
Traceback (most recent call last):
...
monpol.core.errors.InputError: years must be at least 1 (horizon in years); got 0
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from monpol.core.errors import InputError
from monpol.core.params import parse_assignments

__all__ = ["FieldSpec", "Form", "request_fields"]

Kind = Literal["number", "integer", "bool", "choice", "choices", "list", "mapping", "text"]

_NONE = "__none__"           # the radio/drop-down value standing for None
_MAX_RADIO = 6               # more choices than this: a drop-down


def _strip_annotated(tp: Any) -> Any:
    while get_origin(tp) is typing.Annotated:
        tp = get_args(tp)[0]
    return tp


def _union_members(tp: Any) -> tuple[Any, ...]:
    tp = _strip_annotated(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return tuple(_strip_annotated(a) for a in get_args(tp))
    return (tp,)


def _literal_values(tp: Any) -> tuple[Any, ...] | None:
    tp = _strip_annotated(tp)
    if get_origin(tp) is Literal:
        return tuple(get_args(tp))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tuple(m.value for m in tp)
    return None


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _numeric(members: Sequence[Any]) -> tuple[bool, bool]:
    """(admits a float, admits an int) among union members (bool excluded)."""
    return float in members, int in members


@dataclass(frozen=True)
class FieldSpec:
    """One input of a form: a (possibly nested) field of the request class."""

    path: tuple[str, ...]
    info: FieldInfo
    kind: Kind
    optional: bool
    choices: tuple[Any, ...] = ()
    item_numeric: bool = False          # list / mapping items parsed as numbers
    default: Any = None
    item_sequence: bool = False         # mapping values are lists, written 1;2;3

    @property
    def name(self) -> str:
        """Dotted name, as in the request (``timing.holdings``)."""
        return ".".join(self.path)

    @property
    def description(self) -> str:
        return self.info.description or ""

    @property
    def bounds(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for m in self.info.metadata:
            if isinstance(m, at.Ge | at.Gt | at.Le | at.Lt):
                key = type(m).__name__.lower()
                out[key] = float(getattr(m, key))
        return out

    @property
    def bounds_text(self) -> str:
        b = self.bounds
        lo = f"{b['ge']:g} ≤ " if "ge" in b else (f"{b['gt']:g} < " if "gt" in b else "")
        hi = f" ≤ {b['le']:g}" if "le" in b else (f" < {b['lt']:g}" if "lt" in b else "")
        return f"{lo}x{hi}" if lo or hi else ""

    def display(self, value: Any) -> Any:
        """The widget value showing ``value`` (text for text boxes)."""
        if self.kind == "bool":
            return ["on"] if value else []
        if self.kind == "choice":
            if value is None:
                return _NONE
            return value.value if isinstance(value, enum.Enum) else value
        if self.kind == "choices":
            return [v.value if isinstance(v, enum.Enum) else v for v in (value or [])]
        if value is None:
            return ""
        if self.kind == "list":
            return ", ".join(str(v) for v in value)
        if self.kind == "mapping":
            if self.item_sequence:
                return ", ".join(f"{k}={';'.join(str(x) for x in v)}" for k, v in dict(value).items())
            return ", ".join(f"{k}={v}" for k, v in dict(value).items())
        return str(value)

    def parse(self, raw: Any) -> Any:
        """The value to hand the request for a widget value ``raw``."""
        if self.kind == "bool":
            return bool(raw)
        if self.kind == "choice":
            return None if raw in (None, _NONE) else raw
        if self.kind == "choices":
            return list(raw or [])
        text = "" if raw is None else str(raw).strip()
        if self.kind in ("number", "integer"):
            return None if text == "" else _number(text, integer=self.kind == "integer")
        if self.kind == "list":
            items = [p.strip() for p in text.split(",") if p.strip()]
            if not items and self.optional:
                return None
            return [_number(p, integer=False) if self.item_numeric else p for p in items]
        if self.kind == "mapping":
            if not text:
                return None if self.optional else {}
            pairs = parse_assignments([text], option=self.name, split_commas=True)
            if self.item_sequence:
                return {k: [_number(x.strip(), integer=False) if self.item_numeric else x.strip()
                            for x in v.split(";") if x.strip()] for k, v in pairs}
            return {k: (_number(v, integer=False) if self.item_numeric else v) for k, v in pairs}
        if text == "" and self.optional:
            return None
        return text


def _number(text: str, *, integer: bool) -> Any:
    """``text`` as an int/float when it reads as one; else the text (the request refuses it)."""
    try:
        if integer:
            return int(text)
        return float(text)
    except ValueError:
        if integer:
            try:
                return float(text)       # '1.5': the request says it is not an integer
            except ValueError:
                pass
        return text


def _default(info: FieldInfo) -> Any:
    if info.default is not PydanticUndefined:
        return info.default
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    return None


def request_fields(model: type[BaseModel], *, prefix: tuple[str, ...] = (),
                   default: BaseModel | None = None) -> list[FieldSpec]:
    """The form fields of ``model`` in declaration order (nested models flattened)."""
    out: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        members = _union_members(info.annotation)
        optional = type(None) in members
        members = tuple(m for m in members if m is not type(None))
        value = getattr(default, name) if default is not None else _default(info)
        path = (*prefix, name)
        models = [m for m in members if _is_model(m)]
        if models:
            out.extend(request_fields(models[0], prefix=path,
                                      default=value if isinstance(value, BaseModel) else None))
            continue
        out.append(_field_spec(path, info, members, optional, value))
    return out


def _field_spec(path: tuple[str, ...], info: FieldInfo, members: tuple[Any, ...],
                optional: bool, value: Any) -> FieldSpec:
    lits = [v for m in members if (v := _literal_values(m)) is not None]
    if lits and len(lits) == len(members):
        choices = tuple(c for group in lits for c in group)
        return FieldSpec(path, info, "choice", optional, choices, default=value)
    if members == (bool,):
        return FieldSpec(path, info, "bool", optional, default=value)
    has_float, has_int = _numeric(members)
    if has_float and set(members) <= {float, int}:
        return FieldSpec(path, info, "number", optional, default=value)
    if members == (int,):
        return FieldSpec(path, info, "integer", optional, default=value)
    if len(members) == 1:
        tp = members[0]
        origin = get_origin(tp)
        if origin in (list, tuple, set, frozenset, Sequence, typing.Sequence):
            args = [a for a in get_args(tp) if a is not Ellipsis]
            item = _union_members(args[0]) if args else (str,)
            item_lits = [v for m in item if (v := _literal_values(m)) is not None]
            if item_lits and len(item_lits) == len(item):
                return FieldSpec(path, info, "choices", optional,
                                 tuple(c for g in item_lits for c in g), default=value)
            return FieldSpec(path, info, "list", optional,
                             item_numeric=bool(set(item) & {float, int}), default=value)
        if origin in (dict, Mapping, typing.Mapping):
            kv = get_args(tp)
            vals = _union_members(kv[1]) if len(kv) == 2 else (str,)
            seq = len(vals) == 1 and get_origin(vals[0]) in (list, tuple, Sequence, typing.Sequence)
            if seq:
                vals = next(_union_members(a) for a in get_args(vals[0]) if a is not Ellipsis)
            return FieldSpec(path, info, "mapping", optional,
                             item_numeric=bool(set(vals) & {float, int}), default=value,
                             item_sequence=seq)
    if has_float or has_int:
        # e.g. float | str (a number or a column name): text, read as a number when it is one
        return FieldSpec(path, info, "number", optional, default=value)
    return FieldSpec(path, info, "text", optional, default=value)


@dataclass
class Form:
    """Widgets for one request class, and the request built from their values.

    Parameters
    ----------
    form_id
        Prefix of the widgets' ids (letters, digits, ``-``; unique in the app).
    request
        The request class (a :class:`~monpol.core.requests.Request` subclass).
    exclude
        Field names (dotted for nested ones) not shown; the request's defaults apply.
    defaults
        Initial values shown instead of the request's defaults.
    fixed
        Values passed to the request and not shown (e.g. a dataset the page is about).
    limits
        Dashboard caps ``{name: at most}`` checked before the request is built (heavy
        inputs: path counts, horizons), stricter than the request's own bounds.
    choices
        ``{name: [allowed values]}`` for text or list fields whose values come from a
        registry (e.g. rule names from the area's api): shown as a choice instead of text.
    """

    form_id: str
    request: type[BaseModel]
    exclude: Sequence[str] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)
    fixed: Mapping[str, Any] = field(default_factory=dict)
    limits: Mapping[str, float] = field(default_factory=dict)
    choices: Mapping[str, Sequence[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        hidden = set(self.exclude) | set(self.fixed)
        every = request_fields(self.request)
        self.fields: list[FieldSpec] = [_with_choices(f, self.choices.get(f.name))
                                        for f in every if f.name not in hidden]
        known = {f.name for f in every}
        unknown = (set(self.exclude) | set(self.defaults) | set(self.fixed) | set(self.limits)
                   | set(self.choices)) - known
        if unknown:
            raise InputError(f"form {self.form_id}: {', '.join(sorted(unknown))} is not a field of "
                             f"{self.request.__name__}; fields: {', '.join(sorted(known))}")

    def widget_id(self, spec: FieldSpec) -> str:
        """The DOM/Dash id of a field's widget (dots become ``__``)."""
        return f"{self.form_id}--{'__'.join(spec.path)}"

    @property
    def widget_ids(self) -> list[str]:
        return [self.widget_id(f) for f in self.fields]

    def initial(self, spec: FieldSpec) -> Any:
        """The widget value shown when the page opens."""
        return spec.display(self.defaults.get(spec.name, spec.default))

    def values(self, raw: Sequence[Any]) -> dict[str, Any]:
        """Nested keyword arguments of the request from the widgets' values (in order).

        A field left at the request's default is not passed (so a request that tells a
        given value from its default, e.g. "cb_purchases given both as a value and in
        sweep", sees what the CLI would give it).
        """
        if len(raw) != len(self.fields):
            raise InputError(f"form {self.form_id} expects {len(self.fields)} values; got {len(raw)}")
        data: dict[str, Any] = {}
        for path, value in self.fixed.items():
            _put(data, tuple(path.split(".")), value)
        for spec, r in zip(self.fields, raw, strict=True):
            value = spec.parse(r)
            cap = self.limits.get(spec.name)
            if cap is not None and isinstance(value, int | float) and value > cap:
                raise InputError(f"{spec.name} must be at most {cap:g} in the dashboard "
                                 f"(heavier runs: the CLI or the API); got {value!r}")
            if not spec.info.is_required() and _same(value, spec.default):
                continue   # left at its default: not given, as on the command line
            _put(data, spec.path, value)
        return _drop_empty_models(self.request, data)

    def build(self, raw: Sequence[Any]) -> BaseModel:
        """The validated request (an :class:`InputError` as the CLI would raise)."""
        return self.request(**self.values(raw))


def _with_choices(spec: FieldSpec, choices: Sequence[Any] | None) -> FieldSpec:
    if choices is None:
        return spec
    if spec.kind == "list" or spec.kind == "choices":
        return replace(spec, kind="choices", choices=tuple(choices))
    if spec.kind in ("text", "choice"):
        return replace(spec, kind="choice", choices=tuple(choices))
    raise InputError(f"choices apply to text and list fields; {spec.name} is a {spec.kind} field")


def _same(value: Any, default: Any) -> bool:
    """``value`` equals the field's default (lists and tuples alike, enums by value)."""
    def norm(v: Any) -> Any:
        if isinstance(v, enum.Enum):
            return v.value
        if isinstance(v, list | tuple):
            return tuple(norm(x) for x in v)
        if isinstance(v, Mapping):
            return tuple(sorted((str(k), norm(x)) for k, x in v.items()))
        return v
    try:
        return bool(norm(value) == norm(default))
    except Exception:
        return False


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _drop_empty_models(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """An optional nested model whose shown fields are all empty becomes None."""
    for name, info in model.model_fields.items():
        sub = data.get(name)
        if not isinstance(sub, dict):
            continue
        members = _union_members(info.annotation)
        models = [m for m in members if _is_model(m)]
        if not models:
            continue
        data[name] = _drop_empty_models(models[0], sub)
        if type(None) in members and all(v in (None, "", [], {}) for v in sub.values()):
            data[name] = None
    return data
