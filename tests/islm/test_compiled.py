"""The compiled engine (numba) against the numpy engine: same kernels, same answers and errors."""

from __future__ import annotations

import json
import pickle
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from monpol.core.errors import AccountingError, InputError
from monpol.islm import IslmSpec, simulate, solve_many
from monpol.islm.assumptions import violated
from monpol.islm.kernels import complete, goods_market, kernel_params, lm_gap_slope

pytest.importorskip("numba")  # installed by the test extra (.ci/run); skipped only by hand

from monpol.islm import compiled

# Both engines stop their Newton iterations once the money-market gap is within
# LM_RTOL = 1e-11 of H, at different iterates (cubic Newton + kernel polish here, kernel or
# cubic Newton there); measured differences ≤ 1e-12 relative to max(1, |x|). Over a
# 100-period simulation the rounding of the carried stocks accumulates (measured 1.8e-12).
RTOL, ATOL = 1e-10, 1e-9

SPECS = {
    "floor": IslmSpec(),
    "corridor": IslmSpec.illustrative_corridor(),
    "paper": IslmSpec.illustrative_corridor(convention="paper"),
    "fixed": IslmSpec().replace(fx_regime="fixed", c_FB=2.5),
}


def _draws(n: int, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"B_c": rng.uniform(10.0, 110.0, n), "CBL": rng.uniform(10.0, 80.0, n),
            "G": rng.uniform(100.0, 125.0, n), "theta": rng.uniform(0.3, 0.9, n),
            "W_h_1": rng.uniform(1400.0, 1600.0, n), "FB_g": rng.uniform(80.0, 120.0, n)}


@pytest.mark.parametrize("case", ["floor", "corridor", "paper"])
def test_compiled_kernels_equal_the_python_kernels(case: str) -> None:
    p = kernel_params(SPECS[case])
    k = compiled._kernels()
    kp = k["make_params"](compiled.param_row(p), p.paper, p.fixed)
    for i_C in (p.i_R, p.i_R + 0.004, p.i_R + 0.03):
        g, gc = goods_market(p, i_C), k["goods_market"](kp, i_C)
        assert gc.D == pytest.approx(g.D, rel=1e-15)
        assert gc.y == pytest.approx(g.y, rel=1e-15)
        assert k["lm_gap_slope"](kp, i_C) == pytest.approx(lm_gap_slope(p, i_C), rel=1e-13)
        # complete(): the dict becomes a tuple in the dict's key order
        raw = complete(p, g, 0.01, p.B_c)
        tup = k["complete"](kp, gc, 0.01, p.B_c)
        assert compiled.COMPLETE_KEYS == tuple(raw)
        assert np.allclose(tup, list(raw.values()), rtol=1e-14, atol=1e-12)
        # violated(): v["name"] read as a position
        assert k["violated"](tup, kp, 0.0) == tuple(bool(x) for x in violated(raw, p, 0.0))
    # a violating state gives the same flags (B_c far above what the bond market holds)
    q = kernel_params(SPECS[case].replace(B_c=3000.0))
    gq = goods_market(q, q.i_R)
    raw = complete(q, gq, 0.5, q.B_c)
    kq = k["make_params"](compiled.param_row(q), q.paper, q.fixed)
    flags = k["violated"](k["complete"](kq, k["goods_market"](kq, q.i_R), 0.5, q.B_c), kq, 0.0)
    assert flags == tuple(bool(x) for x in violated(raw, q, 0.0))
    assert flags[0]  # B_b < 0 indeed


@pytest.fixture(params=["fused", "period solver"])
def sweep_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
               tmp_path: pytest.TempPathFactory) -> str:
    """Run a sweep through the fused driver, or through the period solver only (an empty
    cache and a threshold no test reaches), whatever the machine's cache holds."""
    if request.param == "fused":
        monkeypatch.setattr(compiled, "FUSED_MIN_DRAWS", 0)
    else:
        monkeypatch.setattr(compiled, "FUSED_MIN_DRAWS", 10**12)
        monkeypatch.setattr(compiled, "_FUSED", {})
        monkeypatch.setenv("MONPOL_CACHE_DIR", str(tmp_path))
    return str(request.param)


@pytest.mark.parametrize("case", list(SPECS))
def test_solve_many_engines_agree(case: str, sweep_path: str) -> None:
    d = _draws(3000)
    a = solve_many(SPECS[case], d, on_violation="flag", chunk_size=1024)
    b = solve_many(SPECS[case], d, on_violation="flag", chunk_size=1024, engine="numba")
    assert (a.regime == b.regime).all()
    assert (a.converged == b.converged).all() and a.converged.all()
    for code in a.violations:
        assert (a.violations[code] == b.violations[code]).all(), code
    for name in a.variables:
        np.testing.assert_allclose(b[name], a[name], rtol=RTOL, atol=ATOL, err_msg=name)
    if case != "fixed":
        assert (a.regime == "corridor").any() and (a.regime == "floor").any()


def test_solve_many_compiled_raises_the_numpy_error(sweep_path: str) -> None:
    d = {"B_c": np.array([60.0, 3000.0, 60.0])}
    with pytest.raises(AccountingError) as numpy_err:
        solve_many(IslmSpec(), d)
    with pytest.raises(AccountingError) as numba_err:
        solve_many(IslmSpec(), d, engine="numba")
    assert str(numba_err.value) == str(numpy_err.value)
    assert "element 1" in str(numba_err.value)


def test_solve_many_compiled_hands_unsettled_chunks_to_numpy() -> None:
    # one Newton step is not enough: the compiled engine does not settle the corridor
    # elements, the chunk is redone by numpy, whose masks and NaNs come back unchanged
    d = _draws(500)
    a = solve_many(SPECS["corridor"], d, on_violation="flag", maxiter=1)
    b = solve_many(SPECS["corridor"], d, on_violation="flag", maxiter=1, engine="numba")
    assert not a.converged.all()
    assert (a.converged == b.converged).all()
    np.testing.assert_array_equal(a["i_C"], b["i_C"])


@pytest.mark.parametrize("case", list(SPECS))
def test_simulate_engines_agree(case: str) -> None:
    shocks = (["G=115@10"] if case == "fixed"
              else ["G=115@10", "B_c=560@20-30", "e_0=1.05@40", "i_FB=3.5@50"])
    a = simulate(SPECS[case], periods=80, shocks=shocks, on_violation="flag")
    b = simulate(SPECS[case], periods=80, shocks=shocks, on_violation="flag", engine="numba")
    assert a.regimes == b.regimes
    assert a.violation_codes == b.violation_codes
    np.testing.assert_allclose(b.walras_expected, a.walras_expected, rtol=RTOL, atol=ATOL)
    fa, fb = a.to_frame(), b.to_frame()
    assert list(fa.columns) == list(fb.columns)
    num = fa.columns.drop("regime")
    np.testing.assert_allclose(fb[num].to_numpy(), fa[num].to_numpy(), rtol=RTOL, atol=ATOL)
    for t in (0, 39, 79):
        assert b.params[t].fixed == a.params[t].fixed and b.params[t].paper == a.params[t].paper
        assert b.params[t].G == pytest.approx(a.params[t].G)
        assert b.params[t].B_c == pytest.approx(a.params[t].B_c, rel=RTOL)
    assert b.accounts_report().ok == a.accounts_report().ok
    if case != "paper":
        assert b.accounts_report().ok


def test_simulate_compiled_flags_and_raises_like_numpy() -> None:
    # the illustrative calibration is not a steady state: B_b < 0 from period 7
    a = simulate(periods=10, on_violation="flag")
    b = simulate(periods=10, on_violation="flag", engine="numba")
    assert a.violation_codes == b.violation_codes and b.violation_codes[6]
    assert [str(v) for v in b.violations[6]] == [str(v) for v in a.violations[6]]
    with pytest.raises(AccountingError) as numpy_err:
        simulate(periods=10)
    with pytest.raises(AccountingError) as numba_err:
        simulate(periods=10, engine="numba")
    assert str(numba_err.value) == str(numpy_err.value)


def test_compiled_records_are_lazy_read_only_and_pickle() -> None:
    sim = simulate(periods=6, shocks=["G=120@3"], engine="numba")
    ref = simulate(periods=6, shocks=["G=120@3"])
    assert len(sim.records) == 6
    assert sim.records[-1]["y"] == pytest.approx(ref.records[-1]["y"], rel=1e-12)
    assert [r["i_C"] for r in sim.records[1:3]] == pytest.approx([r["i_C"] for r in ref.records[1:3]])
    with pytest.raises(IndexError):
        sim.records[6]
    with pytest.raises(TypeError):
        sim.records[0]["y"] = 1.0  # type: ignore[index]
    back = pickle.loads(pickle.dumps(sim))
    assert back.records == sim.records
    assert back.to_frame().equals(sim.to_frame())


def test_bad_engine_and_missing_numba_are_input_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="engine must be one of 'numpy', 'numba'; got 'cuda'"):
        solve_many(draws={"B_c": [60.0]}, engine="cuda")
    with pytest.raises(InputError, match="engine must be one of"):
        simulate(periods=2, engine=3)  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "numba", None)  # as if not installed
    assert not compiled.available()
    with pytest.raises(InputError, match=r'pip install "monpol\[numba\]"'):
        solve_many(draws={"B_c": [60.0]}, engine="numba")
    with pytest.raises(InputError, match=r"monpol\[numba\]"):
        simulate(periods=2, engine="numba")


def test_cli_engine_option() -> None:
    from monpol.cli.main import cli

    runner = CliRunner()
    args = ["islm", "simulate", "--periods", "5", "--shock", "G=118@3", "--format", "json"]
    a = runner.invoke(cli, args)
    b = runner.invoke(cli, [*args, "--engine", "numba"])
    assert a.exit_code == 0 and b.exit_code == 0, b.output
    pa, pb = json.loads(a.output)["path"], json.loads(b.output)["path"]
    assert [r["regime"] for r in pa] == [r["regime"] for r in pb]
    assert [r["y"] for r in pb] == pytest.approx([r["y"] for r in pa], rel=1e-12)
    sweep = ["islm", "sweep", "--grid", "B_c=20:120:11", "--format", "json"]
    sa, sb = runner.invoke(cli, sweep), runner.invoke(cli, [*sweep, "--engine", "numba"])
    assert sa.exit_code == 0 and sb.exit_code == 0, sb.output
    va, vb = json.loads(sa.output)["variables"], json.loads(sb.output)["variables"]
    assert vb["i_C"] == pytest.approx(va["i_C"], rel=1e-12)
    bad = runner.invoke(cli, [*args, "--engine", "gpu"])
    assert bad.exit_code == 2 and "'gpu' is not one of 'numpy', 'numba'" in bad.output


def test_generated_module_holds_the_kernels_own_code() -> None:
    import inspect

    from monpol.islm import kernels

    src = compiled.generated_source()
    # lines of the kernels appear verbatim: the engine compiles them, not a copy
    for line in ("i_D = i_C + p.beta_0 * (p.i_R - i_C) - p.c_D",
                 "dgap = p.cc_1 * (1.0 - p.beta_0) * D - (cc + p.beta_0) * dD",
                 "B_b = B_g + B_f - B_c - B_h"):
        assert line in inspect.getsource(kernels) and line in src
    assert "v['B_b']" not in src and "v[" in src  # violated() reads positions
    # the file name carries a hash of the text: a changed kernel is a new file
    a = compiled._module_file(src, "0.68")[1]
    assert a != compiled._module_file(src.replace("p.c_D", "p.c_L"), "0.68")[1]
    assert a != compiled._module_file(src, "0.69")[1]


def test_generated_module_goes_to_a_temporary_folder_when_the_cache_is_not_writable(
        tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"  # type: ignore[operator]
    blocker.write_text("not a folder")
    monkeypatch.setenv("MONPOL_CACHE_DIR", str(blocker))
    path = compiled.module_path("m.py", "x = 1\n")
    assert path.read_text() == "x = 1\n" and blocker not in path.parents
    monkeypatch.setenv("MONPOL_CACHE_DIR", str(tmp_path / "ok"))  # type: ignore[operator]
    path = compiled.module_path("m.py", "x = 1\n")
    assert path == tmp_path / "ok" / "compiled" / "m.py"  # type: ignore[operator]


def test_compiled_code_is_reused_by_the_next_process(tmp_path: pytest.TempPathFactory) -> None:
    import os
    import subprocess

    code = ("import numpy as np\n"
            "from monpol.islm import solve_many, compiled\n"
            "solve_many(draws={'B_c': np.array([30.0, 560.0])}, engine='numba')\n"
            "s = compiled._kernels()['many'].stats\n"
            "print(sum(s.cache_hits.values()), sum(s.cache_misses.values()))\n")
    env = {**os.environ, "MONPOL_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                           check=True, timeout=300)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True, timeout=300)
    hits1, misses1 = (int(x) for x in first.stdout.split())
    hits2, misses2 = (int(x) for x in second.stdout.split())
    assert (hits1, misses2) == (0, 0) and misses1 >= 1 and hits2 >= 1
    assert list((tmp_path / "compiled").glob("monpol_islm_*.py"))  # type: ignore[operator]


def test_compiled_division_by_zero_is_ieee_as_in_numpy() -> None:
    # numba's default error model raises ZeroDivisionError; the engine uses numpy's (inf/nan),
    # so a degenerate element becomes "not converged" as in the numpy engine, never a traceback
    import dataclasses

    p = dataclasses.replace(kernel_params(IslmSpec()), e_1=0.0)
    k = compiled._kernels()
    g = k["goods_market"](k["make_params"](compiled.param_row(p), p.paper, p.fixed), p.i_R)
    with np.errstate(divide="ignore", invalid="ignore"):
        ref = goods_market(dataclasses.replace(p, e_1=np.array([0.0])), p.i_R)
    assert not np.isfinite(g.y) and not np.isfinite(ref.y[0])


@pytest.mark.skipif(__import__("platform").machine() not in ("x86_64", "AMD64"),
                    reason="reads x86-64 machine code")
def test_fused_sweep_runs_elements_side_by_side() -> None:
    # the fused driver has no branch the compiler cannot turn into a selection, so it runs
    # several elements at once: packed divisions (divpd: SSE2 or AVX) in its machine code. A
    # change that breaks this (a loop, a branchy store) makes sweeps ~4x slower.
    from monpol.islm.results import RATE_VARIABLES

    # compiled here without the disk cache (code loaded from the cache has no machine code text)
    source = (compiled.generated_source(inline_all=True) + "\n\n"
              + compiled.fused_source(("B_c",), ("i_C", "y"), RATE_VARIABLES, False, True, False))
    namespace: dict[str, object] = {}
    exec(compile(source.replace("cache=True, ", ""), "<fused>", "exec"), namespace)
    fused = namespace["fused"]
    base = compiled.param_row(kernel_params(IslmSpec()))
    out, status = np.empty((2, 4)), np.empty(4, dtype=np.int32)
    floor, settled = np.empty(4, dtype=bool), np.empty(4, dtype=bool)
    b_c = np.array([20.0, 30.0, 40.0, 560.0])
    fused(base, b_c, out, floor, settled, status)  # type: ignore[operator]
    ref = solve_many(draws={"B_c": b_c}, variables=["i_C", "y"])
    assert settled.all() and floor.tolist() == (ref.regime == "floor").tolist()
    assert (ref.regime == "corridor").any()
    np.testing.assert_allclose(out[0], ref["i_C"], rtol=RTOL)
    asm = "\n".join(fused.inspect_asm().values())  # type: ignore[attr-defined]
    assert "divpd" in asm


def test_a_kernel_file_edited_since_import_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # the engine reads the kernels' source from disk: a file changed since this process
    # imported it would compile other code than the numpy engine runs
    monkeypatch.setitem(compiled._IMPORTED, "monpol.islm.kernels", -5)
    with pytest.raises(RuntimeError, match="edited since import"):
        compiled.generated_source()


def test_the_fused_driver_is_compiled_for_large_sweeps_then_reused(
        monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory) -> None:
    monkeypatch.setattr(compiled, "FUSED_MIN_DRAWS", 200)
    monkeypatch.setattr(compiled, "_FUSED", {})
    monkeypatch.setattr(compiled, "_FUSED_SEEN", {})
    monkeypatch.setenv("MONPOL_CACHE_DIR", str(tmp_path))
    small, large = _draws(50), _draws(200)
    solve_many(draws=small, engine="numba", on_violation="flag", variables=["i_C"])
    assert compiled._FUSED == {}  # a small sweep does not pay for compiling it
    solve_many(draws=large, engine="numba", on_violation="flag", variables=["i_C"])
    assert len(compiled._FUSED) == 1
    # small sweeps of another set: compiled once 200 draws of that set have been solved
    for _ in range(4):
        solve_many(draws=small, engine="numba", on_violation="flag", variables=["y"])
    assert len(compiled._FUSED) == 1
    solve_many(draws=small, engine="numba", on_violation="flag", variables=["y"])
    assert len(compiled._FUSED) == 2
    monkeypatch.setattr(compiled, "_FUSED", {})
    assert list((tmp_path / "compiled" / "__pycache__").glob("*.fused-*.nbi"))  # type: ignore[operator]
    monkeypatch.setattr(compiled, "_FUSED_SEEN", {})  # as in a new process: found in the cache
    solve_many(draws=small, engine="numba", on_violation="flag", variables=["i_C"])
    assert len(compiled._FUSED) == 1
