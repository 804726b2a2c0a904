from __future__ import annotations

from pathlib import Path

import pandas as pd

from monpol.report import areas, run_casebook


def test_bonds_section_builds(tmp_path: Path) -> None:
    assert "bonds" in [a.name for a in areas()]
    run = run_casebook(tmp_path / "cb", only=["bonds"])
    assert run.ok, run.outcomes[0].traceback
    root = tmp_path / "cb"
    for fig in ("jgb-20y-bid-to-cover", "jgb-10y-40y", "ust-10y-range", "boj-share", "scorecard-chart",
                "doom-loop-paths"):
        assert (root / "figures" / "bonds" / f"{fig}.png").read_bytes()[:4] == b"\x89PNG"
    claims = pd.read_csv(root / "tables" / "bonds" / "seed-claims.csv")
    assert list(claims.columns) == ["item", "published", "computed", "difference", "unit", "note"]
    assert claims["note"].str.startswith(("holds", "partly", "does not hold", "not checkable")).all()
    card = pd.read_csv(root / "tables" / "bonds" / "scorecard.csv")
    assert card["dimension"].tolist() == ["primary_demand", "price_sensitivity", "secondary_market",
                                          "central_bank_share", "market_risk"]
    thresholds = pd.read_csv(root / "tables" / "bonds" / "doom-loop-thresholds.csv")
    # the threshold market rate rises with the primary balance in every growth row
    assert (thresholds.drop(columns="growth").diff(axis=1).iloc[:, 1:] > 0).all().all()
    fiscal = pd.read_csv(root / "tables" / "bonds" / "doom-loop-thresholds-fiscal.csv")
    # without the central-bank channel it also rises with nominal growth in every column
    assert (fiscal.drop(columns="growth").diff().dropna() > 0).all().all()
    html = (root / "index.html").read_text(encoding="utf-8")
    assert "Sovereign bond-market stress" in html
    assert "The seed&#x27;s statements: published vs computed" in html
