"""Data sources against a local server with recorded responses (conftest.py); no network."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from monpol import data
from monpol.core.errors import DataError, InputError
from monpol.data import http, sources
from monpol.data.fred import FredClient
from monpol.data.sources import cache
from monpol.data.sources.providers import (
    BojSource,
    FredSource,
    MofSource,
    TreasurySource,
    japanese_date,
)

FAST = {"timeout": 0.3, "retries": 2, "backoff": 0.01}


def mof(base: str, path: str = "mof/jgbcm_all.csv") -> MofSource:
    return MofSource({"jgbcm_all": f"{base}/{path}"}, **FAST)


def test_registry_lists_the_five_sources() -> None:
    assert sources.names() == ["boj", "fred", "mof", "mof-auction", "ust"]
    assert all(isinstance(sources.get(n), sources.Source) for n in sources.names())
    with pytest.raises(InputError,
                       match="source must be one of 'fred', 'mof', 'mof-auction', 'boj', 'ust'; got"):
        sources.get("ecb")


def test_japanese_era_dates() -> None:
    # Showa 1 = 1926, Heisei 1 = 1989, Reiwa 1 = 2019
    assert japanese_date("S49.9.24") == pd.Timestamp("1974-09-24")
    assert japanese_date("H31.4.30") == pd.Timestamp("2019-04-30")
    assert japanese_date("R7.5.20") == pd.Timestamp("2025-05-20")


def test_mof_shift_jis_curve(http_server: str) -> None:
    got = mof(http_server).fetch("jgbcm_all")
    f = got.frame
    assert list(f.columns[:3]) == ["1Y", "2Y", "3Y"] and f.columns[-1] == "40Y"
    # values of /work/shared/data/japan/mof_jgb_yield_curve_daily.csv on those dates
    assert f.loc["2025-05-20", "20Y"] == 2.539
    assert f.loc["2019-11-29", "10Y"] == -0.075
    assert math.isnan(f.loc["1974-09-24", "10Y"])  # '-' in the file
    assert got.metadata.columns["10Y"].unit == "percent"
    assert got.metadata.source.publisher == "Ministry of Finance Japan"


def test_mof_changed_columns_and_garbage(http_server: str) -> None:
    with pytest.raises(DataError, match=r"MOF: the answer from .*changed.csv lacks columns \['10年'\]"):
        mof(http_server, "mof/jgbcm_changed.csv").fetch("jgbcm_all")
    with pytest.raises(DataError, match="no header line starting with '基準日'"):
        mof(http_server, "garbage/mof/jgbcm_all.csv").fetch("jgbcm_all")
    with pytest.raises(InputError, match=r"series_id must be one of \['jgbcm_all'\]"):
        mof(http_server).fetch("jgbcm_xx")


def test_http_failures_are_data_errors_naming_source_and_url(http_server: str) -> None:
    with pytest.raises(DataError, match=r"MOF: no answer within 0.3 s from http://127.0.0.1:\d+/slow/"):
        MofSource({"jgbcm_all": f"{http_server}/slow/mof/jgbcm_all.csv"}, timeout=0.3,
                  retries=0).fetch("jgbcm_all")
    with pytest.raises(DataError, match=r"MOF returned HTTP 500 for .*always500.* \(after 3 attempts\)"):
        mof(http_server, "always500/mof/jgbcm_all.csv").fetch("jgbcm_all")
    with pytest.raises(DataError, match=r"MOF returned HTTP 404 for .*nothing.csv: not found"):
        mof(http_server, "mof/nothing.csv").fetch("jgbcm_all")
    with pytest.raises(DataError, match=r"MOF sent an empty answer for .*/empty/"):
        mof(http_server, "empty/mof/jgbcm_all.csv").fetch("jgbcm_all")
    with pytest.raises(DataError, match=r"cannot reach BOJ at http://127\.0\.0\.1:9/"):
        BojSource("http://127.0.0.1:9/x", retries=0).fetch("MD01/MABS1AN11")


def test_retries_after_500_and_429(http_server: str) -> None:
    assert len(mof(http_server, "flaky/a/mof/jgbcm_all.csv").fetch("jgbcm_all").frame) == 3
    assert len(mof(http_server, "ratelimit/a/mof/jgbcm_all.csv").fetch("jgbcm_all").frame) == 3


def test_long_retry_after_fails_at_once(monkeypatch: pytest.MonkeyPatch, http_server: str) -> None:
    monkeypatch.setattr(http, "MAX_RETRY_AFTER", -1.0)
    with pytest.raises(DataError, match=r"HTTP 429 .*Retry-After 0 s"):
        mof(http_server, "ratelimit/b/mof/jgbcm_all.csv").fetch("jgbcm_all")


def test_treasury_auctions_two_pages(http_server: str) -> None:
    got = TreasurySource(f"{http_server}/ust/auctions", **FAST).fetch("all")
    f = got.frame
    assert len(f) == 2 and f.index[0] == pd.Timestamp("2008-01-28")
    first = f.iloc[0]
    assert first["bid_to_cover_ratio"] == 2.33 and first["high_yield"] == 2.237
    assert math.isnan(first["primary_dealer_accepted"])  # "null" in the JSON
    assert f.iloc[1]["soma_accepted"] == 5e9 and f.iloc[1]["security_term"] == "13-Week"
    with pytest.raises(DataError, match="not the auctions_query JSON"):
        TreasurySource(f"{http_server}/garbage/ust/auctions", **FAST).fetch("Note")
    with pytest.raises(InputError, match="series_id must be one of"):
        TreasurySource(f"{http_server}/ust/auctions").fetch("Notes")


def boj(base: str) -> BojSource:
    return BojSource(f"{base}/boj/getDataCode", **FAST)


def test_boj_api_json(http_server: str) -> None:
    got = boj(http_server).fetch("MD01/MABS1AN11")
    assert got.frame["value"].iloc[0] == 5417460 and math.isnan(got.frame["value"].iloc[2])
    assert got.frame.index[1] == pd.Timestamp("2024-02-01")  # MONTHLY YYYYMM
    assert got.metadata.columns["value"].unit == "100 million yen"
    assert "format=json&lang=en&db=MD01&code=MABS1AN11" in got.metadata.source.url
    # QUARTERLY SURVEY_DATES are YYYYQQ: 202302 is 2023Q2 (April), not February
    q = boj(http_server).fetch("FF/QTR1").frame
    assert list(q.index.strftime("%Y-%m-%d")) == ["2023-01-01", "2023-04-01", "2023-07-01",
                                                   "2023-10-01"]
    # NEXTPOSITION is followed as startPosition
    d = boj(http_server).fetch("FM01/PAGED").frame
    assert list(d.index.strftime("%m-%d")) == ["01-04", "01-05", "01-09"]


def test_boj_errors_arrive_with_http_200(http_server: str) -> None:
    with pytest.raises(DataError, match=r"BOJ: error 400 M181013E for .*code=NOPE: 指定した系列コードは"):
        boj(http_server).fetch("MD01/NOPE")
    with pytest.raises(DataError, match=r"BOJ: no data for MD01/EMPTYSER .*M181030I"):
        boj(http_server).fetch("MD01/EMPTYSER")
    with pytest.raises(DataError, match=r"has no series 'CHANGED' with VALUES"):
        boj(http_server).fetch("MD01/CHANGED")
    with pytest.raises(DataError, match="is not the API's JSON"):
        BojSource(f"{http_server}/garbage/boj/getDataCode", **FAST).fetch("MD01/MABS1AN11")
    with pytest.raises(InputError, match="series_id must be 'DB/CODE'"):
        BojSource().fetch("MABS1AN11")
    with pytest.raises(InputError, match="without the search site's DB' prefix"):
        BojSource().fetch("IR01/IR01'MADR1Z@D")


def test_fred_source_vintage_through_alfred(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []

    def series(self: FredClient, sid: str, **kw: object) -> pd.Series:
        calls.append(kw)
        return pd.Series([1.0], index=pd.DatetimeIndex(["2024-01-01"], name="date"), name=sid)

    monkeypatch.setattr(FredClient, "series", series)
    got = FredSource(FredClient(api_key="a" * 32)).fetch("GDPC1", "2024-01-31")
    assert calls == [{"realtime_start": "2024-01-31", "realtime_end": "2024-01-31"}]
    assert got.name == "fred:GDPC1@2024-01-31" and "api_key=***" in got.metadata.description


def test_cache_round_trip_refresh_offline(http_server: str, _isolated_cache: Path) -> None:
    sources.register(mof(http_server))
    try:
        with pytest.raises(DataError, match=r"not in the cache .* offline mode"):
            sources.fetch("mof", "jgbcm_all", offline=True)
        first = sources.fetch("mof", "jgbcm_all")
        entry = cache.entry_path("mof", "jgbcm_all", None)
        assert entry.parent.parent.parent == _isolated_cache
        assert (entry / "data.csv").is_file() and (entry / "metadata.toml").is_file()
        again = sources.fetch("mof", "jgbcm_all", offline=True)
        pd.testing.assert_frame_equal(first.frame, again.frame, check_freq=False)
        assert again.metadata == first.metadata
        # a failed refresh leaves the old entry whole
        sources.register(mof(http_server, "always500/mof/jgbcm_all.csv"))
        with pytest.raises(DataError, match="HTTP 500"):
            sources.fetch("mof", "jgbcm_all", refresh=True)
        assert sources.fetch("mof", "jgbcm_all", offline=True).frame.shape == first.frame.shape
        assert not [p for p in entry.parent.iterdir() if p.name.startswith(".")]
        # data.load resolves source names through the cache
        f = data.load("mof:jgbcm_all", offline=True)
        assert f.attrs["units"]["20Y"] == "percent" and f.loc["2025-05-20", "20Y"] == 2.539
        [e] = cache.entries()
        assert (e.source, e.series_id, e.vintage, e.rows) == ("mof", "jgbcm_all", None, 3)
        assert cache.clear() == 1 and cache.entries() == []
    finally:
        sources.register(MofSource())


def test_fetch_arguments() -> None:
    with pytest.raises(InputError, match="refresh and offline cannot both be set"):
        sources.fetch("mof", "jgbcm_all", refresh=True, offline=True)
    with pytest.raises(InputError, match="name must be 'source:series"):
        sources.parse_name(":x")
    assert sources.parse_name("boj:MD01/MABS1AN11") == ("boj", "MD01/MABS1AN11", None)


def test_cache_dir_argument_beats_environment(tmp_path: Path) -> None:
    assert cache.cache_root(tmp_path / "x") == tmp_path / "x"
    assert cache.entry_path("fred", "GDPC1", "2024-01-31", tmp_path) == (
        tmp_path / "fred" / "GDPC1" / "2024-01-31")


def test_cli_sources_fetch_cache(http_server: str) -> None:
    import json

    from click.testing import CliRunner

    from monpol.cli.main import cli

    run = CliRunner()
    res = run.invoke(cli, ["data", "sources", "--format", "json"])
    assert res.exit_code == 0 and [r["name"] for r in json.loads(res.output)] == sources.names()
    sources.register(TreasurySource(f"{http_server}/ust/auctions", **FAST))
    try:
        res = run.invoke(cli, ["data", "fetch", "ust", "all", "--offline"])
        assert res.exit_code != 0 and "offline mode forbids" in res.output
        res = run.invoke(cli, ["data", "fetch", "ust", "all", "--format", "csv"])
        assert res.exit_code == 0, res.output
        assert res.output.splitlines()[0].startswith("date,cusip,security_type")
        assert "912828HP8" in res.output
        res = run.invoke(cli, ["data", "cache", "list", "--format", "json"])
        assert [(r["source"], r["series"], r["rows"]) for r in json.loads(res.output)] == [
            ("ust", "all", 2)]
        res = run.invoke(cli, ["data", "cache", "clear"], input="n\n")
        assert res.exit_code == 1 and cache.entries()  # answered no: nothing removed
        res = run.invoke(cli, ["data", "cache", "clear", "--yes"])
        assert res.exit_code == 0 and "removed 1 entries" in res.output and not cache.entries()
    finally:
        sources.register(TreasurySource())


def test_bundled_snapshot_needs_no_download() -> None:
    # refresh=True of a bundled name rebuilds it from its source: tests/data/test_refresh.py
    assert len(data.load("mof-jgb-yield-curve", offline=True)) > 0
