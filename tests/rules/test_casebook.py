from __future__ import annotations

from pathlib import Path

import pandas as pd

from monpol.report import run_casebook


def test_rules_section_builds_with_published_figures(tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb", only=["rules"])
    assert run.ok, run.outcomes[0].traceback
    root = tmp_path / "cb"
    table = pd.read_csv(root / "tables/rules/china-published-vs-computed.csv")
    assert table["published"].tolist()[:4] == ["0.1", "0.09", "6.39", "6.56"]
    verdicts = table.loc[table["published"].isin(["yes", "negative correlation"]), "difference"]
    assert (verdicts == "same").all()  # the seed's conclusions come out
    refs = pd.read_csv(root / "tables/rules/reference-prescriptions.csv")
    assert (refs["difference"].astype(float).abs() < 1e-9).all()
    for fig in ("china-fitted", "china-real-rate", "us-rules", "us-rolling"):
        assert (root / f"figures/rules/{fig}.png").stat().st_size > 10_000
    html = (root / "index.html").read_text()
    assert "Policy rules and reaction functions" in html and "Choices made" in html
    md = (root / "casebook.md").read_text()
    # the published China figures are placed against the range the definition choices span
    assert md.count("inside)") == 3
    # the ELB-adjusted rule's flat line is explained, with the make-up term the code computes
    us = pd.read_csv(root / "tables/rules/us-recent.csv").dropna(subset=["elb-adjusted"])
    assert (us["elb-adjusted"] == 0.125).all()
    assert "The ELB-adjusted rule stays at its floor" in md and "from 2009Q1 to 2023Q3" in md
    assert "percentage points), 1985Q1–2023Q3" in md  # the last quarter with a prescription
