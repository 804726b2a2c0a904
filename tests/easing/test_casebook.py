from __future__ import annotations

from pathlib import Path

import pandas as pd

from monpol.report import run_casebook


def test_easing_section_builds_and_matches_the_seed(tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb", only=["easing"])
    assert run.ok, run.outcomes[0].traceback
    root = tmp_path / "cb"
    comp = pd.read_csv(root / "tables/easing/published-vs-computed.csv")
    verdicts = comp[comp["item"].str.contains("verdict|intent|H.4.1")]
    assert (verdicts["difference"] == "same").all()
    for fig in ("fed-composition", "boj-composition", "h41-windows", "lost-decade", "qe2-path"):
        assert (root / f"figures/easing/{fig}.png").is_file()
    for table in ("catalogue", "revaluation", "sensitivity", "h41-quarterly-windows",
                  "threshold-robustness"):
        assert (root / f"tables/easing/{table}.csv").is_file()
