"""Specification of the flow-of-funds IS-LM model: parameters grouped by role.

The model of Domae ("資金循環と IS-LM 分析", seed ``003_29cf37b2c29b786e.txt``; spec 04) is
declared as four groups of named parameters, each validated when it is built:

* :class:`Policy` — the central bank's and the government's instruments and the exchange-rate
  regime ``fx_regime`` (ī_R, ī_CBL, β_0, CBL, B_c, G, T, FB_g);
* :class:`Exogenous` — what the home economy takes as given (C_0, y_F, e_0, θ, ī_FB) and the
  banks' constant marginal costs (c_D, c_L, c_B, c_FB);
* :class:`State` — the stocks and prices carried in from the previous period (W_h,−1,
  K_fs,−1, K_fl,−1, FB_F,−1, e_−1, ī_FB,−1, B_g,−1, NFA_b,−1);
* :class:`Behaviour` — the coefficients of the linear behavioural forms of spec §3.

:class:`IslmSpec` bundles them with the primary-income ``convention`` and the money unit.
Its default is the spec's **illustrative calibration** (round, Japan-like magnitudes in
trillions of yen; a demonstration, not an estimate), and it is so labelled.

Names are the paper's symbols written with underscores (``beta_0`` for β_0, ``theta`` for
θ, ``i_FB_1`` for ī_FB,−1); :data:`PARAMETERS` maps each to its symbol, a readable name,
its unit and its allowed range (also tabulated in ``docs/islm.md``).

Units at this boundary (STYLE.md): rates and banks' marginal costs in **percent per year**;
the rate sensitivities (cc_1, b_s, b_l, b_h, I_s1, I_l1) per **percentage point**; θ, β_0,
e, e_0 and the propensities dimensionless; stocks and flows in the spec's money unit
(trillion yen by default). FB_g is in foreign-currency units (its home-currency value is
e·FB_g), so it revalues with the exchange rate.

Examples
--------
>>> spec = IslmSpec()
>>> spec.policy.B_c, spec.exogenous.theta, spec.label
(560.0, 0.5, 'illustrative calibration (spec 04 §7; a demonstration, not an estimate)')
>>> spec.replace(B_c=60, CBL=30).policy.B_c
60.0
>>> spec.replace(beta_0=1.2)
Traceback (most recent call last):
...
monpol.core.errors.InputError: beta_0 (β_0, required reserve ratio) must be in [0, 1); got 1.2
"""

from __future__ import annotations

import difflib
import os
import tomllib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from monpol.core.errors import InputError
from monpol.core.units import TRILLION_JPY, MoneyUnit, pct_to_frac
from monpol.core.validation import in_range, path_arg

__all__ = [
    "ILLUSTRATIVE_LABEL",
    "PARAMETERS",
    "STATE_ALIASES",
    "Behaviour",
    "Convention",
    "Exogenous",
    "FxRegime",
    "IslmSpec",
    "ParamInfo",
    "Policy",
    "PolicyRegime",
    "State",
    "canonical_name",
    "load_spec",
    "parameter_table",
]

FxRegime = Literal["floating", "fixed"]
#: former name of :data:`FxRegime` (the exchange-rate regime; ``regime`` now means only the
#: floor/corridor policy regime an equilibrium is in)
PolicyRegime = FxRegime
Convention = Literal["opening", "paper"]

ILLUSTRATIVE_LABEL = "illustrative calibration (spec 04 §7; a demonstration, not an estimate)"

Group = Literal["policy", "exogenous", "state", "behaviour"]


@dataclass(frozen=True)
class ParamInfo:
    """What a parameter is: its group, the paper's symbol, a readable name, unit and range.

    ``low``/``high`` bound the value (``None``: unbounded); ``low_open``/``high_open`` make
    the bound strict.
    """

    name: str
    group: Group
    symbol: str
    readable: str
    unit: str
    default: float | None
    description: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def range_text(self) -> str:
        """The allowed range in interval notation, e.g. ``[0, 1)``."""
        if self.low is None and self.high is None:
            return "any finite number"
        lo = "(-inf" if self.low is None else ("(" if self.low_open else "[") + f"{self.low:g}"
        hi = "inf)" if self.high is None else f"{self.high:g}" + (")" if self.high_open else "]")
        return f"{lo}, {hi}"

    def check(self, value: Any) -> float:
        """Return ``value`` as a float within range or raise :class:`InputError`."""
        return in_range(f"{self.name} ({self.symbol}, {self.readable})", value, self.low,
                        self.high, low_inclusive=not self.low_open,
                        high_inclusive=not self.high_open)


_PCT = "percent per year"
_PP = "per percentage point"
_MONEY = "money unit"

_TABLE: tuple[ParamInfo, ...] = (
    # --- policy -------------------------------------------------------------------------
    ParamInfo("i_R", "policy", "ī_R", "rate on reserves", _PCT, 0.1,
              "interest paid on central-bank current accounts", -100.0, 100.0),
    ParamInfo("i_CBL", "policy", "ī_CBL", "central-bank lending rate", _PCT, 0.0,
              "rate on rationed central-bank lending; assumption 19 needs ī_CBL ≤ i_C",
              -100.0, 100.0),
    ParamInfo("beta_0", "policy", "β_0", "required reserve ratio", "ratio", 0.01,
              "required reserves per unit of deposits", 0.0, 1.0, high_open=True),
    ParamInfo("CBL", "policy", "CBL", "central-bank lending", _MONEY, 60.0,
              "amount lent by the central bank to banks", 0.0, None),
    ParamInfo("B_c", "policy", "B_c", "central-bank bond holdings", _MONEY, 560.0,
              "bonds held by the central bank (endogenous under a fixed exchange rate)",
              0.0, None),
    ParamInfo("G", "policy", "G", "government spending", _MONEY, 110.0,
              "government purchases of goods", 0.0, None),
    ParamInfo("T", "policy", "T", "taxes", _MONEY, 100.0, "taxes paid by households"),
    ParamInfo("FB_g", "policy", "FB_g", "government foreign bonds", "foreign-currency units",
              150.0, "foreign bonds held by the government; home-currency value e·FB_g",
              0.0, None),
    # --- exogenous ----------------------------------------------------------------------
    ParamInfo("C_0", "exogenous", "C_0", "autonomous consumption", _MONEY, 20.0,
              "basic consumption (paper note 9)"),
    ParamInfo("y_F", "exogenous", "y_F", "foreign output", _MONEY, 100.0,
              "foreign real output in the net-export function", 0.0, None),
    ParamInfo("e_0", "exogenous", "e_0", "equilibrium exchange rate", "home currency per foreign unit",
              1.0, "rate towards which the exchange rate is expected to return (assumption 31)",
              0.0, None, low_open=True),
    ParamInfo("theta", "exogenous", "θ", "speed of expected return", "ratio", 0.5,
              "regressive expectations e^E = θ(e_0 − e) + e; 0 is the static limit", 0.0, None),
    ParamInfo("i_FB", "exogenous", "ī_FB", "foreign bond rate", _PCT, 3.0,
              "rate on foreign bonds (small open economy, assumption 30)", -100.0, 100.0),
    ParamInfo("c_D", "exogenous", "c_D", "marginal cost of deposits", _PCT, 0.2,
              "banks' constant marginal cost of taking deposits (assumption 18)", 0.0, 100.0),
    ParamInfo("c_L", "exogenous", "c_L", "marginal cost of loans", _PCT, 1.5,
              "banks' constant marginal cost of lending, incl. risk (assumption 21)", 0.0, 100.0),
    ParamInfo("c_B", "exogenous", "c_B", "marginal cost of bonds", _PCT, 0.4,
              "banks' constant marginal cost of holding bonds; c_B < c_L (assumption 26)",
              0.0, 100.0),
    ParamInfo("c_FB", "exogenous", "c_FB", "marginal cost of foreign bonds", _PCT, 2.9,
              "banks' constant marginal cost of foreign bonds; c_B < c_FB (assumption 29)",
              0.0, 100.0),
    # --- state (previous period) --------------------------------------------------------
    ParamInfo("W_h_1", "state", "W_h,−1", "household net worth (opening)", _MONEY, 1500.0,
              "households' net worth at the end of the previous period (assumption 8: > 0)",
              0.0, None, low_open=True),
    ParamInfo("K_fs_1", "state", "K_fs,−1", "capital of bank-borrowing firms (opening)", _MONEY,
              300.0, "real assets of bank-borrowing firms at the end of the previous period",
              0.0, None),
    ParamInfo("K_fl_1", "state", "K_fl,−1", "capital of bond-issuing firms (opening)", _MONEY,
              200.0, "real assets of bond-issuing firms at the end of the previous period",
              0.0, None),
    ParamInfo("FB_F_1", "state", "FB_F,−1", "foreign bonds supplied (opening)", _MONEY, 400.0,
              "home holdings of foreign bonds at the end of the previous period, valued at e_−1",
              0.0, None),
    ParamInfo("e_1", "state", "e_−1", "previous exchange rate", "home currency per foreign unit",
              1.0, "exchange rate of the previous period", 0.0, None, low_open=True),
    ParamInfo("i_FB_1", "state", "ī_FB,−1", "previous foreign bond rate", _PCT, 3.0,
              "foreign bond rate of the previous period (interest received this period)",
              -100.0, 100.0),
    ParamInfo("B_g_1", "state", "B_g,−1", "government bonds outstanding (opening)", _MONEY,
              1400.0, "government bonds at the start of the period; this period's deficit "
              "is added (spec §5)"),
    ParamInfo("NFA_b_1", "state", "NFA_b,−1", "banks' net financial assets (opening)", _MONEY,
              None, "banks' net worth carried in; omitted: derived so that the opening "
              "balance sheets are consistent (Σ NFA_−1 = 0)"),
    # --- behaviour ----------------------------------------------------------------------
    ParamInfo("cc_0", "behaviour", "cc_0", "cash/deposit ratio intercept", "ratio", 0.12,
              "cc(i_D) = cc_0 − cc_1·i_D (assumption 12)", 0.0, None),
    ParamInfo("cc_1", "behaviour", "cc_1", "cash/deposit ratio slope", _PP, 0.02,
              "fall in cc per point of i_D", 0.0, None),
    ParamInfo("a_s", "behaviour", "a_s", "deposit intercept, bank-borrowing firms", _MONEY, 50.0,
              "D_fs = a_s + b_s(i_D − i_L) + k_s·y (assumption 15)"),
    ParamInfo("b_s", "behaviour", "b_s", "deposit rate slope, bank-borrowing firms", _PP, 20.0,
              "∂D_fs/∂i_D = −∂D_fs/∂i_L", 0.0, None),
    ParamInfo("k_s", "behaviour", "k_s", "deposit output slope, bank-borrowing firms", "ratio",
              0.2, "∂D_fs/∂y", 0.0, None),
    ParamInfo("a_l", "behaviour", "a_l", "deposit intercept, bond-issuing firms", _MONEY, 40.0,
              "D_fl = a_l + b_l(i_D − i_B) + k_l·y (assumption 16)"),
    ParamInfo("b_l", "behaviour", "b_l", "deposit rate slope, bond-issuing firms", _PP, 20.0,
              "∂D_fl/∂i_D = −∂D_fl/∂i_B", 0.0, None),
    ParamInfo("k_l", "behaviour", "k_l", "deposit output slope, bond-issuing firms", "ratio",
              0.15, "∂D_fl/∂y", 0.0, None),
    ParamInfo("a_h", "behaviour", "a_h", "deposit intercept, households", _MONEY, 100.0,
              "D_h = a_h + b_h(i_D − i_B) + k_h·y + w_h·W_h (assumption 17)"),
    ParamInfo("b_h", "behaviour", "b_h", "deposit rate slope, households", _PP, 50.0,
              "∂D_h/∂i_D = −∂D_h/∂i_B", 0.0, None),
    ParamInfo("k_h", "behaviour", "k_h", "deposit output slope, households", "ratio", 0.3,
              "∂D_h/∂y", 0.0, None),
    ParamInfo("w_h", "behaviour", "w_h", "deposit wealth slope, households", "ratio", 0.2,
              "∂D_h/∂W_h", 0.0, None),
    ParamInfo("c", "behaviour", "c", "marginal propensity to consume", "ratio", 0.6,
              "C = c·DI_h + C_0 + ω·W_h (paper note 9)", 0.0, 1.0, low_open=True, high_open=True),
    ParamInfo("omega", "behaviour", "ω", "consumption out of wealth", "ratio", 0.02,
              "consumption per unit of household net worth (paper note 9)", 0.0, None),
    ParamInfo("I_s0", "behaviour", "I_s0", "investment intercept, bank-borrowing firms", _MONEY,
              60.0, "I_fs = I_s0 − I_s1·i_L"),
    ParamInfo("I_s1", "behaviour", "I_s1", "investment slope, bank-borrowing firms", _PP, 15.0,
              "fall in I_fs per point of i_L", 0.0, None),
    ParamInfo("I_l0", "behaviour", "I_l0", "investment intercept, bond-issuing firms", _MONEY,
              50.0, "I_fl = I_l0 − I_l1·i_B"),
    ParamInfo("I_l1", "behaviour", "I_l1", "investment slope, bond-issuing firms", _PP, 15.0,
              "fall in I_fl per point of i_B", 0.0, None),
    ParamInfo("nx_0", "behaviour", "nx_0", "net-export intercept", _MONEY, -10.0,
              "NX = nx_0 + nx_e·e + nx_F·y_F − nx_y·y (assumption 33)"),
    ParamInfo("nx_e", "behaviour", "nx_e", "net exports per unit of e", _MONEY, 30.0,
              "∂NX/∂e (a depreciation raises net exports)", 0.0, None),
    ParamInfo("nx_F", "behaviour", "nx_F", "net exports per unit of foreign output", "ratio", 0.05,
              "∂NX/∂y_F", 0.0, None),
    ParamInfo("nx_y", "behaviour", "nx_y", "imports per unit of output", "ratio", 0.02,
              "−∂NX/∂y", 0.0, None),
)

PARAMETERS: dict[str, ParamInfo] = {p.name: p for p in _TABLE}
"""Every parameter by name (the paper's symbol with underscores)."""

STATE_ALIASES: dict[str, str] = {
    "W_h": "W_h_1",
    "K_fs": "K_fs_1",
    "K_fl": "K_fl_1",
    "FB_F": "FB_F_1",
    "e": "e_1",
    "B_g": "B_g_1",
    "NFA_b": "NFA_b_1",
}
"""The spec §7 lists the opening state under the plain symbols (``W_h 1500``, ``e 1.0``,
``B_g 1400``); as *inputs* these names are accepted for the opening values."""


def canonical_name(name: str) -> str:
    """The parameter a name refers to (state aliases of spec §7 resolved)."""
    return STATE_ALIASES.get(name, name)


def parameter_table() -> Any:
    """The parameters as a DataFrame: group, symbol, readable name, unit, default, range.

    ``default`` is the illustrative calibration's value (``None`` for NFA_b_1, which is
    derived as the balancing item unless given).

    Examples
    --------
    >>> t = parameter_table()
    >>> t.loc["B_c", "default"], t.loc["theta", "range"], t.loc["NFA_b_1", "default"]
    (560.0, '[0, inf)', None)
    """
    import pandas as pd

    index = pd.Index([p.name for p in _TABLE], name="name")
    return pd.DataFrame(
        {
            "group": [p.group for p in _TABLE],
            "symbol": [p.symbol for p in _TABLE],
            "readable": [p.readable for p in _TABLE],
            "unit": [p.unit for p in _TABLE],
            # object dtype keeps None for the derived NFA_b_1; the Series must carry the
            # frame's index, or alignment on a RangeIndex blanks every value
            "default": pd.Series([p.default for p in _TABLE], index=index, dtype=object),
            "range": [p.range_text() for p in _TABLE],
            "description": [p.description for p in _TABLE],
        },
        index=index,
    )


def _error_text(err: ValidationError, group: str) -> str:
    """One readable line per pydantic error, preferring monpol's own messages."""
    lines = []
    for e in err.errors():
        ctx = e.get("ctx") or {}
        inner = ctx.get("error")
        loc = ".".join(str(x) for x in e.get("loc", ()))
        if isinstance(inner, InputError):
            lines.append(str(inner))
        elif e.get("type") == "extra_forbidden":
            lines.append(_unknown_message(loc, group))
        elif loc == "fx_regime":
            lines.append(f"fx_regime must be one of 'floating', 'fixed'; got {e.get('input')!r}")
        elif loc == "convention":
            lines.append(f"convention must be one of 'opening', 'paper'; got {e.get('input')!r}")
        else:
            lines.append(f"{loc or group}: {e.get('msg')}; got {e.get('input')!r}")
    return "; ".join(lines)


def deprecated_regime(data: dict[str, Any], *, stacklevel: int = 3) -> dict[str, Any]:
    """Rename the deprecated ``regime`` key of ``data`` to ``fx_regime`` (with a warning).

    ``regime`` used to name the exchange-rate regime; it now means only the policy regime
    (floor, corridor, fixed) an equilibrium is in.
    """
    if "regime" not in data:
        return data
    if "fx_regime" in data:
        raise InputError("give fx_regime or its deprecated name regime, not both")
    warnings.warn("the exchange-rate option 'regime' is deprecated; use 'fx_regime' "
                  "('regime' means the floor/corridor policy regime of an equilibrium)",
                  DeprecationWarning, stacklevel=stacklevel)
    out = dict(data)
    out["fx_regime"] = out.pop("regime")
    return out


def _unknown_message(name: str, group: str | None = None) -> str:
    where = f" in group {group!r}" if group and group != "spec" else ""
    valid = list(PARAMETERS) if group in (None, "spec") else [
        p.name for p in _TABLE if p.group == group
    ] + (["fx_regime"] if group == "policy" else [])
    hint = ""
    close = difflib.get_close_matches(name, [*PARAMETERS, "fx_regime", "convention"], n=1)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    if name in STATE_ALIASES:
        hint = (f" ({name} is an outcome of the period; the opening state is "
                f"{STATE_ALIASES[name]}, i.e. {name},−1)")
    return (f"unknown parameter {name!r}{where}{hint}; valid names: "
            f"{', '.join(valid)}")


class _Group(BaseModel):
    """Base of the parameter groups: frozen, no unknown names, monpol errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)
    _group: ClassVar[Group]

    def __init__(self, **data: Any) -> None:
        if self._group == "policy":
            data = deprecated_regime(data, stacklevel=4)
        if self._group == "state":
            for alias, name in STATE_ALIASES.items():
                if alias in data:
                    if name in data:
                        raise InputError(f"state: give {name} or its alias {alias}, not both")
                    data[name] = data.pop(alias)
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise InputError(_error_text(exc, self._group)) from None

    @field_validator("*", mode="before")
    @classmethod
    def _check_range(cls, value: Any, info: Any) -> Any:
        meta = PARAMETERS.get(info.field_name)
        if meta is None or (value is None and meta.default is None):
            return value
        return meta.check(value)

    def values(self) -> dict[str, Any]:
        """The group's values by name."""
        return dict(self.model_dump())


def _default(name: str) -> float:
    d = PARAMETERS[name].default
    assert d is not None
    return d


class Policy(_Group):
    """Policy instruments and the exchange-rate regime.

    ``fx_regime``: ``"floating"`` (the call rate is market-determined; e from (2-6-a)) or
    ``"fixed"`` (i_C = ī_FB − c_FB so that e = e_0; B_c becomes endogenous, paper note 17).
    """

    _group: ClassVar[Group] = "policy"

    fx_regime: FxRegime = "floating"
    i_R: float = _default("i_R")
    i_CBL: float = _default("i_CBL")
    beta_0: float = _default("beta_0")
    CBL: float = _default("CBL")
    B_c: float = _default("B_c")
    G: float = _default("G")
    T: float = _default("T")
    FB_g: float = _default("FB_g")

    @property
    def regime(self) -> FxRegime:
        """Deprecated name of :attr:`fx_regime`."""
        deprecated_regime({"regime": None})
        return self.fx_regime


class Exogenous(_Group):
    """Variables the home economy takes as given and the banks' marginal costs."""

    _group: ClassVar[Group] = "exogenous"

    C_0: float = _default("C_0")
    y_F: float = _default("y_F")
    e_0: float = _default("e_0")
    theta: float = _default("theta")
    i_FB: float = _default("i_FB")
    c_D: float = _default("c_D")
    c_L: float = _default("c_L")
    c_B: float = _default("c_B")
    c_FB: float = _default("c_FB")


class State(_Group):
    """Stocks and prices carried in from the previous period (suffix ``_1`` = ``,−1``)."""

    _group: ClassVar[Group] = "state"

    W_h_1: float = _default("W_h_1")
    K_fs_1: float = _default("K_fs_1")
    K_fl_1: float = _default("K_fl_1")
    FB_F_1: float = _default("FB_F_1")
    e_1: float = _default("e_1")
    i_FB_1: float = _default("i_FB_1")
    B_g_1: float = _default("B_g_1")
    NFA_b_1: float | None = None


class Behaviour(_Group):
    """Coefficients of the linear behavioural forms (spec §3)."""

    _group: ClassVar[Group] = "behaviour"

    cc_0: float = _default("cc_0")
    cc_1: float = _default("cc_1")
    a_s: float = _default("a_s")
    b_s: float = _default("b_s")
    k_s: float = _default("k_s")
    a_l: float = _default("a_l")
    b_l: float = _default("b_l")
    k_l: float = _default("k_l")
    a_h: float = _default("a_h")
    b_h: float = _default("b_h")
    k_h: float = _default("k_h")
    w_h: float = _default("w_h")
    c: float = _default("c")
    omega: float = _default("omega")
    I_s0: float = _default("I_s0")
    I_s1: float = _default("I_s1")
    I_l0: float = _default("I_l0")
    I_l1: float = _default("I_l1")
    nx_0: float = _default("nx_0")
    nx_e: float = _default("nx_e")
    nx_F: float = _default("nx_F")
    nx_y: float = _default("nx_y")


_GROUPS: dict[str, type[_Group]] = {
    "policy": Policy,
    "exogenous": Exogenous,
    "state": State,
    "behaviour": Behaviour,
}


class IslmSpec(BaseModel):
    """The full specification: four parameter groups, the convention and the money unit.

    Parameters
    ----------
    policy, exogenous, state, behaviour : group models or mappings
        Missing groups or values take the illustrative calibration's values.
    convention : {"opening", "paper"}
        How primary income is dated (spec §3). ``"opening"`` (default, stock-flow
        consistent): y_1 = (e/e_−1)·ī_FB,−1·FB_F,−1, the interest received this period on
        last period's holdings. ``"paper"``: eq. (2-1-a) as printed, y_1 = ī_FB·FB_F; its
        accounting gap (interest accrued but in no stock) is reported by every result.
    label : str
        Where the numbers come from.
    money_unit : MoneyUnit
        Unit of stocks and flows (trillion yen by default).

    Raises
    ------
    InputError
        A value outside its range (naming the parameter and the range), an unknown name, or
        a violated cross-parameter assumption (c_B < c_L, c_B < c_FB, an exchange rate
        that (2-6-a) cannot define, an unattainable peg).

    Notes
    -----
    Cross-parameter checks made here, for every equilibrium the model can have:

    * c_B < c_L (assumption 26) and c_B < c_FB (assumption 29);
    * floating rate: θ > 0 and θ + (ī_R + c_FB − ī_FB)/100 > 0. Since i_C ≥ ī_R in any
      equilibrium and the expression rises with i_C, e = θ·e_0/(θ + (i_C + c_FB − ī_FB)/100)
      (2-6-a) is then defined at every admissible call rate. θ = 0 (static expectations)
      leaves e undetermined by (2-6-a) and is accepted only under a fixed rate;
    * fixed rate: ī_FB − c_FB ≥ ī_R (the call rate that holds e at e_0 cannot be below the
      rate on reserves).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    policy: Policy = Policy()
    exogenous: Exogenous = Exogenous()
    state: State = State()
    behaviour: Behaviour = Behaviour()
    convention: Convention = "opening"
    label: str = ILLUSTRATIVE_LABEL
    money_unit: MoneyUnit = TRILLION_JPY

    def __init__(self, **data: Any) -> None:
        for key, cls in _GROUPS.items():
            value = data.get(key)
            if isinstance(value, Mapping):
                data[key] = cls(**dict(value))
        unit = data.get("money_unit")
        if isinstance(unit, Mapping):
            try:
                data["money_unit"] = MoneyUnit(**dict(unit))
            except TypeError as exc:
                raise InputError(f"money_unit must have currency, scale and label; {exc}") from None
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise InputError(_error_text(exc, "spec")) from None

    @model_validator(mode="after")
    def _cross_checks(self) -> IslmSpec:
        x, p = self.exogenous, self.policy
        if not x.c_B < x.c_L:
            raise InputError(
                f"c_B must be below c_L (assumption 26: bonds cost banks less than loans); "
                f"got c_B = {x.c_B!r}, c_L = {x.c_L!r} (percent)"
            )
        if not x.c_B < x.c_FB:
            raise InputError(
                f"c_B must be below c_FB (assumption 29); got c_B = {x.c_B!r}, "
                f"c_FB = {x.c_FB!r} (percent)"
            )
        if p.fx_regime == "floating":
            if x.theta <= 0:
                raise InputError(
                    f"theta (θ) must be > 0 under a floating exchange rate: with static "
                    f"expectations (θ = 0) eq. (2-6-a) does not determine e; got {x.theta!r} "
                    f"(use fx_regime='fixed' for θ = 0)"
                )
            z = x.theta + pct_to_frac(p.i_R + x.c_FB - x.i_FB)
            if z <= 0:
                raise InputError(
                    f"the exchange rate is undefined: θ + (i_C + c_FB − ī_FB)/100 must be > 0 "
                    f"for every call rate i_C ≥ ī_R, i.e. theta + (i_R + c_FB − i_FB)/100 > 0; "
                    f"got {x.theta!r} + ({p.i_R!r} + {x.c_FB!r} − {x.i_FB!r})/100 = {z:.6g}"
                )
        elif x.i_FB - x.c_FB < p.i_R - 1e-12:
            raise InputError(
                f"a fixed exchange rate needs the call rate i_C = ī_FB − c_FB to be at least "
                f"ī_R (banks would hold unlimited reserves below it); got i_FB − c_FB = "
                f"{x.i_FB - x.c_FB:.6g} < i_R = {p.i_R!r} (percent)"
            )
        return self

    # ------------------------------------------------------------------ constructors

    @classmethod
    def illustrative(cls, **changes: Any) -> IslmSpec:
        """The spec's illustrative calibration (floor regime), optionally changed."""
        return cls().replace(**changes) if changes else cls()

    @classmethod
    def illustrative_corridor(cls, **changes: Any) -> IslmSpec:
        """The illustrative calibration with B_c = 60 and CBL = 30 (corridor regime, spec §7)."""
        return cls().replace(B_c=60.0, CBL=30.0, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, label: str | None = None) -> IslmSpec:
        """Build from a nested mapping (groups as tables) such as a parsed TOML file.

        Top-level keys: ``policy``, ``exogenous``, ``state``, ``behaviour`` (tables of
        values), ``convention``, ``label``, ``money_unit`` (``currency``, ``scale``,
        ``label``). Parameters not given keep the illustrative calibration's values.
        """
        if not isinstance(data, Mapping):
            raise InputError(f"parameters must be a mapping of groups; got {type(data).__name__}")
        allowed = {*_GROUPS, "convention", "label", "money_unit"}
        unknown = [k for k in data if k not in allowed]
        if unknown:
            flat = [k for k in unknown
                    if canonical_name(k) in PARAMETERS or k in ("fx_regime", "regime")]
            if flat:
                group = ("policy" if flat[0] in ("fx_regime", "regime")
                         else PARAMETERS[canonical_name(flat[0])].group)
                raise InputError(
                    f"parameter {flat[0]!r} must sit in its group table [{group}]; "
                    f"top-level keys allowed: {', '.join(sorted(allowed))}"
                )
            raise InputError(
                f"unknown top-level key(s) {', '.join(map(repr, unknown))}; allowed: "
                f"{', '.join(sorted(allowed))}"
            )
        kwargs: dict[str, Any] = dict(data)
        if label is not None and "label" not in kwargs:
            kwargs["label"] = label
        for g in _GROUPS:
            if g in kwargs and not isinstance(kwargs[g], Mapping):
                raise InputError(f"[{g}] must be a table of parameters; got {kwargs[g]!r}")
        return cls(**kwargs)

    # ------------------------------------------------------------------ access

    def flat(self) -> dict[str, Any]:
        """Every parameter by name (plus ``fx_regime``), in the order of :data:`PARAMETERS`."""
        return {"fx_regime": self.policy.fx_regime,
                **{k: getattr(getattr(self, p.group), k) for k, p in PARAMETERS.items()}}

    def __getitem__(self, name: str) -> Any:
        if name in ("fx_regime", "regime"):
            if name == "regime":
                deprecated_regime({"regime": None})
            return self.policy.fx_regime
        if name == "convention":
            return self.convention
        meta = PARAMETERS.get(canonical_name(name))
        if meta is None:
            raise InputError(_unknown_message(name))
        return getattr(getattr(self, meta.group), meta.name)

    def replace(self, **changes: Any) -> IslmSpec:
        """A new, validated spec with some values changed (flat names, e.g. ``B_c=60``).

        ``fx_regime`` (the exchange-rate regime; formerly ``regime``, still accepted with a
        :class:`DeprecationWarning`), ``convention`` and ``label`` may be changed too. The opening state may
        be named as in spec §7 (``W_h``, ``K_fs``, ``K_fl``, ``FB_F``, ``e``, ``B_g``) or
        with its lag suffix (``W_h_1`` ...).
        """
        if not changes:
            return self
        changes = deprecated_regime(changes)
        groups: dict[str, dict[str, Any]] = {g: getattr(self, g).values() for g in _GROUPS}
        top: dict[str, Any] = {
            "convention": self.convention, "label": self.label, "money_unit": self.money_unit
        }
        for alias, value in changes.items():
            name = canonical_name(alias)
            if name == "fx_regime":
                groups["policy"]["fx_regime"] = value
            elif name in ("convention", "label", "money_unit"):
                top[name] = value
            elif name in PARAMETERS:
                groups[PARAMETERS[name].group][name] = value
            else:
                raise InputError(_unknown_message(name))
        return IslmSpec(**{g: _GROUPS[g](**v) for g, v in groups.items()}, **top)

    def to_dict(self) -> dict[str, Any]:
        """Nested mapping (the TOML layout) with the money unit spelled out."""
        out: dict[str, Any] = {g: getattr(self, g).values() for g in _GROUPS}
        if out["state"]["NFA_b_1"] is None:
            del out["state"]["NFA_b_1"]
        out["convention"] = self.convention
        out["label"] = self.label
        out["money_unit"] = {
            "currency": self.money_unit.currency,
            "scale": self.money_unit.scale,
            "label": self.money_unit.label,
        }
        return out

    def to_toml(self) -> str:
        """The spec as TOML text that :func:`load_spec` reads back."""
        d = self.to_dict()
        lines = [f"label = {_toml_value(d['label'])}", f"convention = {_toml_value(d['convention'])}"]
        for g in _GROUPS:
            lines += ["", f"[{g}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in d[g].items()]
        lines += ["", "[money_unit]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in d["money_unit"].items()]
        return "\n".join(lines) + "\n"


def _toml_value(v: Any) -> str:
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, float):
        return repr(v)
    return str(v)


def load_spec(path: str | os.PathLike[str]) -> IslmSpec:
    r"""Read a specification from a TOML (``.toml``) or YAML (``.yaml``, ``.yml``) file.

    The file holds tables ``[policy]``, ``[exogenous]``, ``[state]``, ``[behaviour]`` and
    optionally ``convention``, ``label`` and ``[money_unit]`` (in YAML: mappings of the
    same names); values not given keep the illustrative calibration's. Rates are in
    percent. :meth:`IslmSpec.to_toml` writes such a file.

    Raises
    ------
    InputError
        The file is missing, is neither TOML nor YAML, cannot be parsed, or holds a value
        that is not allowed.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "corridor.toml"
    >>> _ = f.write_text("[policy]\nB_c = 60\nCBL = 30\n")
    >>> load_spec(f).policy.B_c
    60.0
    """
    path = path_arg("path", path)
    p = Path(path)
    if not p.is_file():
        raise InputError(f"params file {str(p)!r} does not exist")
    suffix = p.suffix.lower()
    if suffix not in (".toml", ".yaml", ".yml"):
        raise InputError(
            f"params file must be TOML (.toml) or YAML (.yaml, .yml) with tables policy, "
            f"exogenous, state, behaviour; got {str(p)!r}"
        )
    data: Any
    if suffix == ".toml":
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"params file {str(p)!r} is not valid TOML: {exc}") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            first = " ".join(str(exc).split())
            raise InputError(f"params file {str(p)!r} is not valid YAML: {first}") from None
        if data is None:
            data = {}
    return IslmSpec.from_mapping(data, label=f"{p.name} (unset values: illustrative calibration)")
