from __future__ import annotations

import io
import json

import pandas as pd
from click.testing import CliRunner

from monpol import data
from monpol.cli.main import cli


def test_data_list_json_has_every_dataset() -> None:
    res = CliRunner().invoke(cli, ["data", "list", "--format", "json"])
    assert res.exit_code == 0
    rows = json.loads(res.stdout)
    assert [r["name"] for r in rows] == data.names()
    assert {"name", "title", "frequency", "rows", "first", "last", "publisher"} <= set(rows[0])


def test_data_show_json_carries_source_and_data() -> None:
    res = CliRunner().invoke(cli, ["data", "show", "china-lending-rate", "--format", "json"])
    out = json.loads(res.stdout)
    assert out["source"]["publisher"].startswith("National Bureau of Statistics")
    assert out["columns"]["lending_rate_1y_end_of_quarter"]["unit"] == "percent per year"
    assert out["data"][0]["quarter"] == "2005Q1"
    assert len(out["data"]) == len(data.load("china-lending-rate"))


def test_data_show_csv_round_trips() -> None:
    res = CliRunner().invoke(cli, ["data", "show", "china-lending-rate", "--format", "csv"])
    back = pd.read_csv(io.StringIO(res.stdout), index_col=0)
    orig = data.load("china-lending-rate")
    assert back.shape == orig.shape
    assert back.iloc[:, 0].tolist() == orig.iloc[:, 0].tolist()


def test_data_show_table_mentions_citation() -> None:
    res = CliRunner().invoke(cli, ["data", "show", "us-hlw-rstar"])
    assert res.exit_code == 0
    assert "Holston" in res.stdout and "percent per year" in res.stdout
