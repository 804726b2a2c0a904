from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from monpol.core.errors import InputError, OutputExistsError
from monpol.core.io import atomic_directory, atomic_write_text, dumps_json, to_jsonable


def test_atomic_write_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first")
    with pytest.raises(OutputExistsError, match="already exists; pass overwrite=True"):
        atomic_write_text(target, "second")
    assert target.read_text() == "first"
    atomic_write_text(target, "second", overwrite=True)
    assert target.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temp files left


def test_atomic_write_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        atomic_write_text(tmp_path / "nope" / "out.txt", "x")


def test_atomic_directory_keeps_old_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "report"
    with atomic_directory(target) as tmp:
        (tmp / "a.txt").write_text("a")
    assert (target / "a.txt").read_text() == "a"
    with pytest.raises(OutputExistsError):
        with atomic_directory(target):
            pass
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_directory(target, overwrite=True) as tmp:
            (tmp / "b.txt").write_text("b")
            raise RuntimeError("boom")
    assert sorted(p.name for p in target.iterdir()) == ["a.txt"]
    with atomic_directory(target, overwrite=True) as tmp:
        (tmp / "b.txt").write_text("b")
    assert sorted(p.name for p in target.iterdir()) == ["b.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_to_jsonable_handles_pandas_numpy_and_nan() -> None:
    frame = pd.DataFrame({"x": [1.0, math.nan]}, index=pd.period_range("2011Q1", periods=2, freq="Q"))
    frame.index.name = "quarter"
    out = to_jsonable({"f": frame, "n": np.int64(3), "b": np.bool_(True), "inf": math.inf,
                       "d": pd.Timestamp("2010-11-03"), "a": np.array([1.5])})
    assert out == {
        "f": [{"quarter": "2011Q1", "x": 1.0}, {"quarter": "2011Q2", "x": None}],
        "n": 3, "b": True, "inf": None, "d": "2010-11-03", "a": [1.5],
    }
    json.loads(dumps_json(out))  # strict JSON: no NaN tokens


def test_atomic_directory_never_replaces_a_directory_it_did_not_write(tmp_path: Path) -> None:
    # --overwrite replaces the whole directory: a user's unrelated files must not be deleted
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "chapter1.tex").write_text("years of work")
    with pytest.raises(OutputExistsError, match=r"has no 'casebook.md'.*refusing to replace it"):
        with atomic_directory(target, overwrite=True, marker="casebook.md") as tmp:
            (tmp / "casebook.md").write_text("x")
    assert (target / "chapter1.tex").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no temporary left
    ours = tmp_path / "cb"
    with atomic_directory(ours, marker="casebook.md") as tmp:
        (tmp / "casebook.md").write_text("old")
    with atomic_directory(ours, overwrite=True, marker="casebook.md") as tmp:
        (tmp / "casebook.md").write_text("new")
    assert (ours / "casebook.md").read_text() == "new"
    empty = tmp_path / "empty"
    empty.mkdir()
    with atomic_directory(empty, marker="casebook.md") as tmp:
        (tmp / "casebook.md").write_text("x")
    assert (empty / "casebook.md").is_file()


def test_read_csv_text_keeps_text_and_names_the_file(tmp_path: Path) -> None:
    from monpol.core.errors import DataError
    from monpol.core.io import read_csv_text

    f = tmp_path / "a.csv"
    f.write_bytes("\ufeffdate, value\n2010-11-03, 2.62\n2010-11-04,\n".encode())
    frame = read_csv_text(f, what="series file")
    assert list(frame.columns) == ["date", "value"]  # BOM and leading spaces dropped
    assert frame["value"].tolist() == ["2.62", ""]  # text, empty cells not guessed as NaN
    with pytest.raises(InputError, match=r"series file '.*nope.csv' does not exist"):
        read_csv_text(tmp_path / "nope.csv", what="series file")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataError, match=r"series file '.*empty.csv' is not a readable CSV file"):
        read_csv_text(empty, what="series file")


def test_read_csv_numbers_names_the_bad_cell(tmp_path: Path) -> None:
    from monpol.core.errors import DataError
    from monpol.core.io import read_csv_numbers

    good = tmp_path / "good.csv"
    good.write_text("\ufeffkappa, beta\n1,2.5\n3,-4e-3\n", encoding="utf-8")
    frame = read_csv_numbers(good, what="draws file")
    assert list(frame.columns) == ["kappa", "beta"]
    assert frame["beta"].tolist() == [2.5, -0.004]
    bad = tmp_path / "bad.csv"
    bad.write_text("kappa,beta\n1,2\n3,nan\n")
    with pytest.raises(DataError, match=r"row 1 of column 'beta' must be a finite number; "
                                        r"got 'nan'"):
        read_csv_numbers(bad, what="draws file")
    (tmp_path / "sjis.csv").write_bytes("金利\n1\n".encode("shift_jis"))
    with pytest.raises(DataError, match="not a readable CSV"):
        read_csv_numbers(tmp_path / "sjis.csv")
    (tmp_path / "empty.csv").write_text("kappa\n")
    with pytest.raises(DataError, match="has no rows"):
        read_csv_numbers(tmp_path / "empty.csv")
