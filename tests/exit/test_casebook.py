"""The exit casebook section builds and carries the published-vs-computed table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from monpol.report import run_casebook


def test_exit_section_builds(tmp_path: Path) -> None:
    run = run_casebook(tmp_path / "cb", only=["exit"])
    assert run.ok, run.outcomes[0].error
    comp = pd.read_csv(tmp_path / "cb/tables/exit/published-vs-computed.csv")
    assert list(comp.columns) == ["item", "published", "computed", "difference", "unit", "note"]
    assert len(comp) == 20   # 6 scenarios x (loss, last loss year, profit year) + 2023 loss for A, A'
    assert comp.loc[comp["item"] == "B: cumulative loss", "published"].iloc[0] == 2.4925
    grid = pd.read_csv(tmp_path / "cb/tables/exit/grid-cumulative-loss.csv")
    assert "published" in set(grid["variant"])
    for name in ("cumulative", "montecarlo-fan", "deferred-asset", "gradual"):
        assert (tmp_path / f"cb/figures/exit/{name}.png").is_file()
    md = (tmp_path / "cb/casebook.md").read_text()
    assert "ILLUSTRATIVE" in md and "not Fed data" in md
