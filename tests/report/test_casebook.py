"""The casebook framework, driven with throw-away areas (registry patched per test)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from monpol.core.errors import InputError, OutputExistsError
from monpol.core.plotting import figure_axes
from monpol.report import Comparison, Section, run_casebook
from monpol.report import casebook as cb


def _good(section: Section) -> None:
    section.text("A paragraph with `code`.\n\n- item one\n- item two")
    section.comparison(
        [Comparison("coefficient", 0.10, 0.109, "pp"), Comparison("verdict", "QE", "QE"),
         Comparison("year", "2027", "2028")],
        name="compare",
    )
    section.table(pd.DataFrame({"x": [1.0, 2.0]}), name="data", title="Data")
    fig, ax = figure_axes()
    ax.plot([0, 1], [0, 1])
    section.figure(fig, name="line", caption="A line")
    section.choices({"sample": "2005Q3-2011Q2"})


def _bad(section: Section) -> None:
    section.text("before the failure")
    raise RuntimeError("this area is broken")


@pytest.fixture()
def toy_areas(monkeypatch: pytest.MonkeyPatch) -> None:
    items = {"good": cb.Area("good", "Good area", _good, order=1),
             "bad": cb.Area("bad", "Bad area", _bad, order=2)}
    monkeypatch.setattr(cb._AREAS, "_items", items)
    monkeypatch.setattr(cb, "discover", lambda: None)


def test_comparison_difference() -> None:
    assert Comparison("a", 0.10, 0.109).difference == pytest.approx(0.009)
    assert Comparison("a", "QE", "QE").difference == "same"
    assert Comparison("a", "QE", "CE").difference == "differs"
    assert Comparison("a", None, 1.0).difference is None
    assert Comparison("last loss year", 2026, 2031).difference == 5
    assert isinstance(Comparison("last loss year", 2026, 2031).difference, int)


def test_run_writes_html_markdown_csv_and_png(toy_areas: None, tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb", only=["good"])
    assert run.ok and run.failed == []
    root = tmp_path / "cb"
    html = (root / "index.html").read_text()
    assert "data:image/png;base64," in html and "<code>code</code>" in html and "<li>item one" in html
    assert "(figures/good/line.png)" in (root / "casebook.md").read_text()
    assert (root / "figures/good/line.png").read_bytes()[:4] == b"\x89PNG"
    table = pd.read_csv(root / "tables/good/compare.csv")
    assert list(table.columns) == ["item", "published", "computed", "difference", "unit", "note"]
    assert table["difference"].tolist()[1:] == ["same", "differs"]


def test_failing_area_is_reported_and_others_still_run(toy_areas: None, tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb")
    assert not run.ok and run.failed == ["bad"]
    html = (tmp_path / "cb" / "index.html").read_text()
    assert "This section failed" in html and "this area is broken" in html
    assert "A line" in html


def test_only_unknown_area_and_overwrite(toy_areas: None, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"only must name registered areas \('good', 'bad'\); got 'x'"):
        run_casebook(tmp_path / "cb", only=["x"])
    run_casebook(tmp_path / "cb", only=["good"])
    with pytest.raises(OutputExistsError):
        run_casebook(tmp_path / "cb", only=["good"])
    assert run_casebook(tmp_path / "cb", only=["good"], overwrite=True).ok


def test_duplicate_names_in_a_section_are_rejected(toy_areas: None) -> None:
    s = Section(cb._AREAS.get("good"))
    s.table(pd.DataFrame({"x": [1]}), name="t")
    with pytest.raises(InputError, match="used twice"):
        s.table(pd.DataFrame({"x": [1]}), name="t")


def test_cli_reproduce_exit_status_names_failures(toy_areas: None, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["reproduce", "--output", str(tmp_path / "a"), "--only", "good",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["ok"] is True
    res = runner.invoke(cli, ["reproduce", "--output", str(tmp_path / "b")])
    assert res.exit_code == 1
    assert "area(s) failed: bad" in res.stderr
    res = runner.invoke(cli, ["reproduce", "--output", str(tmp_path / "a"), "--only", "good"])
    assert res.exit_code == 2 and "--overwrite" in res.stderr
    res = runner.invoke(cli, ["reproduce", "--list"])
    assert "good" in res.stdout and "bad" in res.stdout


def test_overwrite_refuses_a_directory_that_is_not_a_casebook(toy_areas: None, tmp_path: Path) -> None:
    precious = tmp_path / "work"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    res = CliRunner().invoke(cli, ["reproduce", "--output", str(precious), "--only", "good",
                                   "--overwrite"])
    assert res.exit_code == 2 and "refusing to replace it" in res.stderr
    assert (precious / "notes.txt").read_text() == "keep me"


def test_an_area_that_fails_to_import_is_reported_by_name(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    import importlib

    cb.discover()  # register the real areas first: the patched registry below is temporary
    monkeypatch.setattr(cb._AREAS, "_items", {})
    real = importlib.import_module

    def flaky(name: str, package: str | None = None) -> object:
        if name == "monpol.report.cases.exit":
            raise ImportError("no module named 'somedependency'")
        return real(name, package)

    monkeypatch.setattr(cb.importlib, "import_module", flaky)
    run = run_casebook(tmp_path / "cb", only=["exit"])
    assert run.failed == ["exit"]
    assert "ImportError: no module named 'somedependency'" in run.outcomes[0].error


def _same_files(a: Path, b: Path) -> None:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        if rel.name in {"index.html", "casebook.md"}:  # both stamp the generation time
            continue
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_areas_built_in_worker_processes_give_the_same_casebook(toy_areas: None,
                                                               tmp_path: Path) -> None:
    one = run_casebook(tmp_path / "one", jobs=1)
    two = run_casebook(tmp_path / "two", jobs=2)
    assert [o.area.name for o in two.outcomes] == ["good", "bad"]
    assert two.failed == one.failed == ["bad"]
    assert "this area is broken" in two.outcomes[1].error
    def kinds(run: object) -> list[list[tuple[str, str]]]:
        return [[(b.kind, b.name) for b in o.blocks] for o in run.outcomes]  # type: ignore[attr-defined]

    assert kinds(two) == kinds(one)
    _same_files(tmp_path / "one", tmp_path / "two")


def test_jobs_is_checked(toy_areas: None, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="jobs must be an integer >= 1 and at most 64; got 0"):
        run_casebook(tmp_path / "cb", jobs=0)
    res = CliRunner().invoke(cli, ["reproduce", "--output", str(tmp_path / "c"), "--jobs", "0"])
    assert res.exit_code == 2 and "--jobs" in res.stderr


def test_an_area_with_a_closure_build_fails_cleanly_in_a_worker(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # an area whose module failed to import has a closure as build function (not picklable):
    # the worker returns plain fields, so it is reported like any failing area
    items = {"good": cb.Area("good", "Good area", _good, order=1),
             "broken": cb.Area("broken", "Broken", cb._failed_import("x", ImportError("boom")),
                               order=2)}
    monkeypatch.setattr(cb._AREAS, "_items", items)
    monkeypatch.setattr(cb, "discover", lambda: None)
    run = run_casebook(tmp_path / "cb", jobs=2)
    assert run.failed == ["broken"] and run.outcomes[1].error == "ImportError: boom"
