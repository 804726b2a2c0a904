"""Refreshing bundled datasets from their live sources (local server, recorded responses)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from monpol import data
from monpol.cli.main import cli
from monpol.core.errors import DataError, InputError
from monpol.data import refresh, sources
from monpol.data.fred import FredClient
from monpol.data.sources import cache
from monpol.data.sources.providers import FredSource, MofSource

FAST = {"timeout": 0.5, "retries": 1, "backoff": 0.01}


@pytest.fixture
def local_sources(http_server: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("FRED_API_KEY", raising=False)  # the keyless graph CSV
    sources.register(MofSource({"jgbcm_all": f"{http_server}/mof/jgbcm_all.csv",
                                "jgbcm": f"{http_server}/mof/jgbcm.csv"}, **FAST))
    sources.register(FredSource(FredClient(graph_url=f"{http_server}/fred/fredgraph.csv",
                                           **FAST)))
    yield http_server
    sources.register(MofSource())
    sources.register(FredSource())


def test_every_fetch_table_names_a_source_and_the_bundled_columns() -> None:
    names = refresh.refreshable()
    assert "mof-jgb-yield-curve" in names and "us-qe2-2010-window" in names
    for n in names:
        spec = data.info(n).metadata.fetch
        assert spec is not None and spec.source in sources.names()


def test_refresh_writes_the_cache_not_the_package(local_sources: str,
                                                  _isolated_cache: Path) -> None:
    bundled = data.load("us-qe2-2010-window")
    r = refresh.refresh("us-qe2-2010-window")
    assert r.path == _isolated_cache / "datasets" / "us-qe2-2010-window" / "latest"
    assert (r.rows, r.first, r.last) == (3, "2010-06-01", "2010-11-30")  # the [fetch] window
    fresh = data.load("us-qe2-2010-window@latest", offline=True)
    assert list(fresh.columns) == list(bundled.columns)
    # the recorded FRED values are the bundled ones (FRED, same dates)
    pd.testing.assert_frame_equal(fresh, bundled.loc[fresh.index], check_freq=False)
    assert fresh.attrs["units"] == bundled.attrs["units"]
    assert data.info("us-qe2-2010-window@latest").metadata.source.retrieved.startswith(
        "refreshed from fred:DEXUSEU")
    assert len(data.load("us-qe2-2010-window")) == len(bundled)  # package copy unchanged


def test_load_refresh_true_and_rows_transform(local_sources: str) -> None:
    f = data.load("mof-jgb-yield-curve", refresh=True)
    # jgbcm_all (3 rows) then the current-month jgbcm (2 rows: 2026-06-29/30)
    assert len(f) == 5 and f.index[-1] == pd.Timestamp("2026-06-30")
    assert f.loc["2026-06-30", "10Y"] == 2.69 and f.loc["2019-11-29", "10Y"] == -0.075
    assert f.attrs["monpol_dataset"] == "mof-jgb-yield-curve"


def test_offline_refresh_uses_cached_series_only(local_sources: str) -> None:
    with pytest.raises(DataError, match="offline mode forbids downloading"):
        refresh.refresh("mof-par-curve-2022-06", offline=True)
    sources.fetch("mof", "jgbcm_all")
    with pytest.raises(DataError, match=r"gave no rows between 2022-06-01 and 2022-06-30"):
        refresh.refresh("mof-par-curve-2022-06", offline=True)  # the recorded file has no June 2022


def test_refresh_errors() -> None:
    with pytest.raises(InputError, match="dataset 'china-cpi-monthly' has no \\[fetch\\] table"):
        data.load("china-cpi-monthly", refresh=True)
    with pytest.raises(InputError, match="dataset must be one of"):
        data.load("no-such@latest")
    with pytest.raises(DataError, match="is not in the download cache"):
        data.info("us-qe2-2010-window@latest")


def test_changed_source_columns(local_sources: str) -> None:
    sources.register(MofSource({"jgbcm_all": f"{local_sources}/mof/jgbcm_changed.csv",
                                "jgbcm": f"{local_sources}/mof/jgbcm.csv"}, **FAST))
    with pytest.raises(DataError, match="lacks columns"):
        refresh.refresh("mof-jgb-yield-curve")
    assert cache.read("datasets", "mof-jgb-yield-curve", None) is None  # nothing half-written


def test_cli_refresh(local_sources: str) -> None:
    run = CliRunner()
    res = run.invoke(cli, ["data", "refresh", "us-qe2-2010-window", "--format", "json"])
    assert res.exit_code == 0, res.output
    [row] = json.loads(res.output)
    assert (row["name"], row["rows"], row["from"]) == (
        "us-qe2-2010-window", 3, "fred:DEXUSEU fred:DGS10 fred:DTWEXBGS")
    res = run.invoke(cli, ["data", "cache", "list", "--format", "json"])
    assert ("datasets", "us-qe2-2010-window") in {(r["source"], r["series"])
                                                  for r in json.loads(res.output)}
    res = run.invoke(cli, ["data", "refresh"])
    assert res.exit_code != 0 and "give dataset NAMES or --all" in res.output
    res = run.invoke(cli, ["data", "refresh", "us-qe2-2010-window", "--offline"])
    assert res.exit_code == 0, res.output  # rebuilt from the cached FRED series


def test_analyses_taking_a_dataset_name_accept_the_refreshed_copy(local_sources: str) -> None:
    from monpol.bonds.data import us_10y_yield
    from monpol.events.series import load_series
    from monpol.exit.curve import mof_curve

    data.load("us-qe2-2010-window", refresh=True)
    s = load_series("us-qe2-2010-window@latest", "DGS10")
    assert s.kind == "yield" and len(s.levels) == 3  # unit 'percent per year' read from the copy
    assert us_10y_yield("us-qe2-2010-window@latest").iloc[-1] == 2.81
    data.load("mof-jgb-yield-curve", refresh=True)
    curve = mof_curve("last", dataset="mof-jgb-yield-curve@latest")
    assert curve.label.endswith("2026-06-30")
    assert float(curve(10)[0]) == pytest.approx(2.69)  # the recorded 10Y of R8.6.30
    fetched = load_series("fred:DGS10", "value")
    assert len(fetched.levels) == 5  # a raw fetched series works the same way


def test_period_index_kept(local_sources: str) -> None:
    fresh = data.load("us-fred-2024-quarterly", refresh=True)
    bundled = data.load("us-fred-2024-quarterly")
    assert isinstance(fresh.index, pd.PeriodIndex) and list(fresh.index.astype(str)) == [
        "2023Q3", "2023Q4"]
    # the recorded FRED values are the bundled vintage's
    pd.testing.assert_frame_equal(fresh, bundled.loc[fresh.index], check_freq=False)
    again = data.load("us-fred-2024-quarterly@latest", offline=True)  # back from the cache
    pd.testing.assert_frame_equal(again, fresh, check_freq=False)


def test_cli_show_a_refreshed_copy(local_sources: str) -> None:
    data.load("us-qe2-2010-window", refresh=True)
    res = CliRunner().invoke(cli, ["data", "show", "us-qe2-2010-window@latest", "--format",
                                   "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["source"]["retrieved"].startswith("refreshed from fred:DEXUSEU")
    assert len(doc["data"]) == 3
