from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from monpol.report import run_casebook


@pytest.fixture(scope="module")
def casebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cb") / "cb"
    run = run_casebook(out, only=["events"])
    assert run.ok, run.outcomes[0].traceback
    return out


def test_section_writes_tables_and_figures(casebook: Path) -> None:
    tables = {p.stem for p in (casebook / "tables" / "events").glob("*.csv")}
    assert {"worked-case", "published-vs-public", "note-price-vs-yield", "qe2-signals-study",
            "qe1-rerun", "hot-money"} <= tables
    figures = {p.stem for p in (casebook / "figures" / "events").glob("*.png")}
    assert {"figure10-style", "dgs10-signals"} <= figures
    md = (casebook / "casebook.md").read_text()
    assert "Choices made" in md and "previous available close" in md


def test_published_vs_computed_rows(casebook: Path) -> None:
    cmp = pd.read_csv(casebook / "tables" / "events" / "published-vs-public.csv")
    euro = cmp[cmp["item"].str.startswith("EUR/USD, 2010-06-07")].iloc[0]
    # abs=1e-4: the reference value is written to four decimals
    assert float(euro["published"]) == 19.16 and float(euro["computed"]) == pytest.approx(18.9397, abs=1e-4)
    rerun = pd.read_csv(casebook / "tables" / "events" / "qe1-rerun.csv")
    assert rerun["difference"].astype(float).tolist() == [-3.0, 0.0]
    note = pd.read_csv(casebook / "tables" / "events" / "note-price-vs-yield.csv")
    assert note.loc[1, "computed"] == "101-135"


def test_signals_study_uses_each_series_fixing_time(casebook: Path) -> None:
    # DGS10 is read as a 4 pm close: the 2:15 pm statement of 11-03 is in day 0 = 11-03;
    # the noon rates (DEXUSEU, DTWEXBGS) first reflect it on 11-04, so their window moves a day
    tab = pd.read_csv(casebook / "tables" / "events" / "qe2-signals-study.csv")
    qe2 = tab[tab["event"] == "2010-11-03"].set_index("series")["window"]
    assert qe2.to_dict() == {"DGS10": "2010-11-02 -> 2010-11-04", "DTWEXBGS": "2010-11-03 -> 2010-11-05",
                             "DEXUSEU": "2010-11-03 -> 2010-11-05"}


def test_note_check_states_both_readings(casebook: Path) -> None:
    md = (casebook / "casebook.md").read_text()
    assert "Two readings fit" in md and "most likely" not in md


def test_figure10_chart_has_a_panel_per_series() -> None:
    from monpol.events import event_chart, load_calendar, load_series

    cal = load_calendar("qe2-2010-signals")
    series = [load_series("us-qe2-2010-window", c) for c in ("DGS10", "DEXUSEU")]
    fig = event_chart(series, cal, start="2010-07-01", end="2010-11-30")
    assert len(fig.axes) == 2
    assert len(fig.axes[0].lines) == 1 + len(cal)
    assert [t.get_text() for t in fig.axes[0].texts] == ["8/10", "8/27", "9/21", "10/15", "11/3"]


def test_event_chart_bad_arguments() -> None:
    from monpol.core.errors import InputError
    from monpol.events import event_chart, load_calendar, load_series

    cal = load_calendar("qe2-2010-signals")
    with pytest.raises(InputError, match="at least one MarketSeries"):
        event_chart([], cal)
    with pytest.raises(InputError, match="titles must have one entry per series; got 2 for 1"):
        event_chart([load_series("us-qe2-2010-window", "DGS10")], cal, titles=["a", "b"])
