"""``monpol dashboard``: the extra's message, --check, a bad host, a real start and stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

import monpol.cli.dashboard as cmd
from monpol.cli.main import cli

REPO = Path(__file__).resolve().parents[2]


def test_without_dash_the_message_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cmd.importlib.util.find_spec
    monkeypatch.setattr(cmd.importlib.util, "find_spec",
                        lambda name, *a: None if name == "dash" else real(name, *a))
    res = CliRunner().invoke(cli, ["dashboard"])
    assert res.exit_code == 1
    assert "pip install 'monpol[dashboard]'" in res.output
    assert "dash is not installed" in res.output


def test_check_lists_every_section_without_serving() -> None:
    res = CliRunner().invoke(cli, ["dashboard", "--check"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert {ln.split()[0] for ln in lines} == {"/rules", "/exit", "/islm", "/bonds", "/events"}
    assert any("monpol.rules.api.REQUESTS['compare']" in ln for ln in lines)


@pytest.mark.parametrize("host", ["", "a b", "x\x00", "host;rm"])
def test_a_bad_host_is_a_usage_error(host: str) -> None:
    res = CliRunner().invoke(cli, ["dashboard", "--check", "--host", host])
    assert res.exit_code == 2
    assert "--host must be a host name or an IP address" in res.output


def test_the_command_serves_on_localhost_and_stops_on_ctrl_c() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "monpol.cli.main", "dashboard", "--port", "0",
                             "--workers", "1"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("monpol dashboard: http://127.0.0.1:"), line
        url = line.split()[2]
        with urllib.request.urlopen(url, timeout=20) as resp:
            assert resp.status == 200
            assert "<title>monpol dashboard</title>" in resp.read().decode()
        with urllib.request.urlopen(url + "_dash-layout", timeout=20) as resp:
            assert json.loads(resp.read())["props"]["children"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0
