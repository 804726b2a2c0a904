"""The islm casebook section builds with every claimed sign reproduced."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from monpol.report import run_casebook


def test_casebook_section_builds(tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb", only=["islm"])
    assert run.ok, run.outcomes[0].traceback
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
    # the section says where the illustrative calibration stops being admissible
    from monpol.islm import simulate

    codes = simulate(periods=40, on_violation="flag").violation_codes
    first = next(t for t, c in enumerate(codes, start=1) if c)
    assert f"the first assumption to fail is B_b>=0 in period {first} " in md
