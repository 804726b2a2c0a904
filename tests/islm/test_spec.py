"""The specification: defaults, validation, replacement, TOML files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pydantic
import pytest

from monpol.core.errors import InputError
from monpol.core.units import TRILLION_JPY
from monpol.islm import PARAMETERS, IslmSpec, load_spec, parameter_table

# spec 04 §7, copied from the spec text (public units: rates and costs in percent)
SPEC_7 = {
    "G": 110, "T": 100, "C_0": 20, "y_F": 100, "e_0": 1.0, "theta": 0.5, "i_FB": 3.0,
    "i_FB_1": 3.0, "i_R": 0.1, "i_CBL": 0.0, "beta_0": 0.01, "c_D": 0.2, "c_L": 1.5,
    "c_B": 0.4, "c_FB": 2.9, "CBL": 60, "B_c": 560, "B_g_1": 1400, "FB_g": 150,
    "W_h_1": 1500, "K_fs_1": 300, "K_fl_1": 200, "FB_F_1": 400, "e_1": 1.0,
    "cc_0": 0.12, "cc_1": 0.02, "a_s": 50, "b_s": 20, "k_s": 0.2, "a_l": 40, "b_l": 20,
    "k_l": 0.15, "a_h": 100, "b_h": 50, "k_h": 0.3, "w_h": 0.2, "c": 0.6, "omega": 0.02,
    "I_s0": 60, "I_s1": 15, "I_l0": 50, "I_l1": 15, "nx_0": -10, "nx_e": 30, "nx_F": 0.05,
    "nx_y": 0.02,
}


def test_default_is_the_spec_calibration_and_labelled() -> None:
    spec = IslmSpec()
    flat = spec.flat()
    for name, value in SPEC_7.items():
        assert flat[name] == value, name
    assert flat["NFA_b_1"] is None  # derived: the balancing item
    assert set(flat) == {"fx_regime", *PARAMETERS}
    assert "illustrative" in spec.label and "not an estimate" in spec.label
    assert spec.policy.fx_regime == "floating" and spec.convention == "opening"
    assert spec.money_unit == TRILLION_JPY


def test_groups_hold_their_roles() -> None:
    spec = IslmSpec()
    assert set(spec.policy.values()) == {"fx_regime", "i_R", "i_CBL", "beta_0", "CBL", "B_c", "G",
                                         "T", "FB_g"}
    assert "W_h_1" in spec.state.values() and "theta" in spec.exogenous.values()
    assert "omega" in spec.behaviour.values()
    table = parameter_table()
    assert list(table.index) == list(PARAMETERS)
    assert table.loc["theta", "symbol"] == "θ"
    assert table.loc["beta_0", "range"] == "[0, 1)"
    # the default column is spec §7's calibration (it was once blanked by index alignment)
    for name, value in SPEC_7.items():
        assert table.loc[name, "default"] == value, name
    assert table.loc["NFA_b_1", "default"] is None  # derived: the balancing item


def test_spec_is_immutable_and_replace_returns_a_new_one() -> None:
    spec = IslmSpec()
    with pytest.raises(pydantic.ValidationError):
        spec.policy.B_c = 1.0  # type: ignore[misc]
    other = spec.replace(B_c=60, CBL=30, fx_regime="fixed", convention="paper")
    assert (other.policy.B_c, other.policy.CBL, other.policy.fx_regime, other.convention) == (
        60.0, 30.0, "fixed", "paper")
    assert spec.policy.B_c == 560.0
    assert spec.replace() is spec
    assert other["B_c"] == 60.0 and other["fx_regime"] == "fixed" and other["convention"] == "paper"
    assert IslmSpec.illustrative_corridor().flat()["B_c"] == 60.0
    assert IslmSpec.illustrative(G=120).policy.G == 120.0


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"beta_0": 1.0}, r"beta_0 \(β_0, required reserve ratio\) must be in \[0, 1\); got 1.0"),
        ({"beta_0": -0.1}, r"beta_0 .* must be in \[0, 1\)"),
        ({"c": 0.0}, r"c \(c, marginal propensity to consume\) must be in \(0, 1\)"),
        ({"c": 1.0}, r"must be in \(0, 1\); got 1.0"),
        ({"theta": -1}, r"theta \(θ, speed of expected return\) must be in \[0, inf\)"),
        ({"e_0": 0}, r"e_0 .* must be in \(0, inf\)"),
        ({"B_c": "abc"}, r"B_c .* must be a finite number; got 'abc'"),
        ({"G": float("nan")}, r"G .* must be a finite number; got nan"),
        ({"G": float("inf")}, r"G .* must be a finite number"),
        ({"CBL": True}, r"CBL .* must be a finite number; got True"),
        ({"fx_regime": "float"}, r"fx_regime must be one of 'floating', 'fixed'; got 'float'"),
        ({"convention": "flow"}, r"convention must be one of 'opening', 'paper'; got 'flow'"),
        ({"xyz": 1}, r"unknown parameter 'xyz'; valid names: i_R, "),
        ({"W_h": 0}, r"W_h_1 \(W_h,−1, household net worth \(opening\)\) must be in \(0, inf\)"),
        ({"thet": 1}, r"did you mean 'theta'\?"),
        ({"c_B": 1.6}, r"c_B must be below c_L \(assumption 26"),
        ({"c_B": 3.0, "c_L": 3.5}, r"c_B must be below c_FB \(assumption 29\)"),
        ({"theta": 0.0}, r"theta \(θ\) must be > 0 under a floating exchange rate"),
        ({"i_FB": 60.0}, r"the exchange rate is undefined: θ \+ \(i_C \+ c_FB − ī_FB\)/100 must "
                         r"be > 0 .* = -0.07"),
        ({"fx_regime": "fixed", "c_FB": 2.95}, r"fixed exchange rate needs .* i_FB − c_FB = 0.05"),
    ],
)
def test_bad_parameters_name_the_parameter_and_range(changes: dict, match: str) -> None:
    with pytest.raises(InputError, match=match):
        IslmSpec().replace(**changes)


def test_bad_group_values_raise_input_error_directly() -> None:
    from monpol.islm.spec import Policy

    with pytest.raises(InputError, match=r"beta_0 .* \[0, 1\); got 2"):
        Policy(beta_0=2)
    with pytest.raises(InputError, match="unknown parameter 'G_x' in group 'policy'"):
        Policy(G_x=2)
    with pytest.raises(InputError, match="money_unit must have currency"):
        IslmSpec(money_unit={"currency": "JPY"})


def test_state_symbols_of_spec_7_are_aliases_for_the_opening_state(tmp_path: Path) -> None:
    # spec §7 lists "state (previous period): W_h 1500, K_fs 300, K_fl 200, FB_F 400, e 1.0"
    spec = IslmSpec().replace(W_h=1600, K_fs=310, K_fl=210, FB_F=420, e=0.95, B_g=1300)
    assert (spec.state.W_h_1, spec.state.K_fs_1, spec.state.K_fl_1, spec.state.FB_F_1,
            spec.state.e_1, spec.state.B_g_1) == (1600, 310, 210, 420, 0.95, 1300)
    assert spec["W_h"] == spec["W_h_1"] == 1600
    path = tmp_path / "state.toml"
    path.write_text("[state]\nW_h = 1550\ne = 1.02\n", encoding="utf-8")
    assert (load_spec(path).state.W_h_1, load_spec(path).state.e_1) == (1550, 1.02)


def test_theta_zero_is_allowed_under_a_peg() -> None:
    spec = IslmSpec().replace(fx_regime="fixed", theta=0.0)
    assert spec.exogenous.theta == 0.0


def test_toml_round_trip(tmp_path: Path) -> None:
    spec = IslmSpec.illustrative_corridor(convention="paper", NFA_b_1=640.0, fx_regime="fixed")
    path = tmp_path / "spec.toml"
    path.write_text(spec.to_toml(), encoding="utf-8")
    back = load_spec(path)
    assert back.flat() == spec.flat()
    assert back.convention == "paper" and back.label == spec.label
    assert back.money_unit == spec.money_unit


def test_partial_toml_keeps_the_calibration_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "corridor.toml"
    path.write_text("[policy]\nB_c = 60\nCBL = 30\n\n[exogenous]\nc_L = 2.5\n", encoding="utf-8")
    spec = load_spec(path)
    assert (spec.policy.B_c, spec.policy.CBL, spec.exogenous.c_L) == (60.0, 30.0, 2.5)
    assert spec.behaviour.c == 0.6
    assert spec.label.startswith("corridor.toml")


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("B_c = 60\n", r"parameter 'B_c' must sit in its group table \[policy\]"),
        ("[monetary]\nB_c = 60\n", r"unknown top-level key\(s\) 'monetary'"),
        ("policy = 3\n", r"\[policy\] must be a table of parameters"),
        ("[policy]\nbeta_0 = 1.5\n", r"beta_0 .* must be in \[0, 1\); got 1.5"),
        ("[policy\nB_c = 60\n", r"is not valid TOML"),
        ("[state]\nW_h = 1500\nW_h_1 = 1500\n", r"state: give W_h_1 or its alias W_h, not both"),
        ("[policy]\nW_h = 1\n", r"unknown parameter 'W_h' in group 'policy' \(W_h is an outcome "
                                 r"of the period; the opening state is W_h_1"),
    ],
)
def test_bad_toml_files(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        load_spec(path)


def test_load_spec_rejects_missing_files_and_other_formats(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_spec(tmp_path / "nope.toml")
    other = tmp_path / "spec.json"
    other.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=r"params file must be TOML \(.toml\) or YAML"):
        load_spec(other)
    with pytest.raises(InputError, match="parameters must be a mapping"):
        IslmSpec.from_mapping([1, 2])  # type: ignore[arg-type]


def test_param_info_is_a_frozen_record() -> None:
    info = PARAMETERS["c"]
    assert dataclasses.is_dataclass(info)
    assert info.range_text() == "(0, 1)"
    assert PARAMETERS["T"].range_text() == "any finite number"
    assert info.check("0.5") == 0.5


def test_docs_parameter_table_matches_the_code() -> None:
    # docs/islm.md tabulates every parameter with its default and range; keep it in step
    # with PARAMETERS (it once showed "nan" for every default)
    docs = Path(__file__).resolve().parents[2] / "docs" / "islm.md"
    rows = {}
    for line in docs.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`") and cells[0].strip("`") in PARAMETERS:
            rows[cells[0].strip("`")] = cells
    assert list(rows) == list(PARAMETERS)
    for name, (_, symbol, readable, unit, default, rng) in rows.items():
        info = PARAMETERS[name]
        assert (symbol, readable, unit, rng) == (info.symbol, info.readable, info.unit,
                                                 info.range_text()), name
        if info.default is None:
            assert default.startswith("derived"), name
        else:
            assert float(default) == info.default, name


def test_yaml_file_gives_the_same_spec_as_toml(tmp_path: Path) -> None:
    toml = tmp_path / "corridor.toml"
    toml.write_text("[policy]\nB_c = 60\nCBL = 30\n[behaviour]\nc = 0.55\n", encoding="utf-8")
    yml = tmp_path / "corridor.yaml"
    yml.write_text("policy:\n  B_c: 60\n  CBL: 30\nbehaviour:\n  c: 0.55\n", encoding="utf-8")
    a, b = load_spec(toml), load_spec(yml)
    assert a.to_dict() | {"label": ""} == b.to_dict() | {"label": ""}
    assert b.policy.B_c == 60.0 and b.behaviour.c == 0.55


def test_bad_yaml_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("policy: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid YAML"):
        load_spec(bad)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("behaviour:\n  c: 1.5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"must be in \(0, 1\); got 1.5"):
        load_spec(wrong)
