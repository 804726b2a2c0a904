"""The islm casebook section builds, quickly, with every claimed sign reproduced."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from monpol.report import run_casebook


def test_casebook_section_builds(tmp_path: Path) -> None:
    start = time.perf_counter()
    run = run_casebook(tmp_path / "cb", only=["islm"])
    elapsed = time.perf_counter() - start
    assert run.ok, run.outcomes[0].traceback
    assert elapsed > 0  # built (speed is reported by the casebook itself, not asserted)
    tables = tmp_path / "cb" / "tables" / "islm"
    comp = pd.read_csv(tables / "propositions.csv")
    assert len(comp) > 40
    assert set(comp["difference"]) == {"same"}  # every published sign reproduced
    bs = pd.read_csv(tables / "balance-sheet-floor.csv")
    assert bs["instrument"].tolist()[-1] == "net financial assets"
    assert abs(bs["sum"]).max() < 1e-9
    assert (tmp_path / "cb" / "figures" / "islm" / "is-lm.png").is_file()
    md = (tmp_path / "cb" / "casebook.md").read_text(encoding="utf-8")
    assert "Flow-of-funds IS-LM (Domae)" in md and "Choices made" in md
