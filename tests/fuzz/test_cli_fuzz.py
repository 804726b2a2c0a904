"""The CLI under malformed input: every command and option from click's own definitions.

Counts (2026-12-06, before the fixes of this change; ``MONPOL_FUZZ=large``, 2,567 calls):
35 internal errors (timeouts included) and 19 silent acceptances; after: 0 and 0. See
``cli_cases`` for the input classes and what counts as a defect.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from click.testing import CliRunner

from monpol.cli.main import cli
from tests.fuzz.cli_cases import BASES, cases, leaf_commands, run_all

DEFECTS = ("internal-error", "timeout", "silent-acceptance")


def test_every_command_has_a_working_base_call() -> None:
    # a base call that fails would hide the fuzzed option behind its own error
    runner = CliRunner()
    for path, _ in leaf_commands():
        if path not in BASES or path == ("data", "fred"):   # fred needs the network
            continue
        args = list(BASES[path])
        if path == ("islm", "curves"):
            continue   # needs --output; run by the harness with one
        res = runner.invoke(cli, [*path, *args])
        assert res.exit_code == 0, (path, res.output[-300:])


def test_harness_covers_every_leaf_command(tmp_path: Path) -> None:
    # data cache clear has only a flag (--yes), so no fuzz case; tested in tests/data
    walked = {p for p, _ in leaf_commands()} - {("reproduce",), ("data", "cache", "clear")}
    covered = {c.command for c in cases(tmp_path, large=False)}
    assert walked == covered
    assert len(walked) >= 30


def test_no_internal_error_timeout_or_silent_acceptance(tmp_path: Path) -> None:
    outcomes = run_all(tmp_path)
    kinds = collections.Counter(o.kind for o in outcomes)
    bad = [f"{o.kind}: {o.case.name}: {o.output.strip()[-200:]}" for o in outcomes
           if o.kind in DEFECTS]
    assert len(outcomes) > 1000 and kinds["clean-error"] > 0
    assert not bad, "\n".join(bad[:40])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["easing", "windows", "--start", ""], "--start"),
        (["easing", "windows", "--start", "0001-01-01"], "between 1700-01-01 and 2200-12-31"),
        (["bonds", "yields", "--tenor", "10Y", "--date", "9999-12-31"], "--date"),
        (["events", "change", "--dataset", "us-qe2-2010-window", "--column", "DGS10", "--from",
          "0001-01-01", "--to", "2010-11-04"], "--from"),
        (["events", "reaction", "--dataset", "us-qe2-2010-window", "--column", "DGS10",
          "--event", "9999-12-31"], "--event"),
        (["events", "change", "--dataset", "us-qe2-2010-window", "--column", "DGS10", "--from",
          "2010-11-03", "--to", "2010-11-04", "--max-gap-days", "0"], "must be > 0"),
        (["events", "change", "--dataset", "us-qe2-2010-window", "--column", "DGS10", "--from",
          "2010-11-03", "--to", "2010-11-04", "--max-gap-days", "inf"], "not a finite number"),
        (["exit", "reproduce", "--years", str(10**9)], "1000"),
        (["islm", "simulate", "--periods", str(10**12)], "1000000"),
        (["bonds", "scorecard", "--history-years", "1e12"], "<= 200"),
        (["exit", "simulate", "--holdings", "boj-jgb-holdings-2022-12", "--curve",
          "mof-par-curve-2022-06", "--excess-reserves", "477", "--start-year", "2023",
          "--years", "5", "--paths", str(10**12)], "10000000"),
        (["exit", "simulate", "--holdings", "boj-jgb-holdings-2022-12", "--curve",
          "mof-par-curve-2022-06", "--excess-reserves", "477", "--start-year", "2023",
          "--years", "5", "--paths", "5", "--seed", "-5"], "--seed"),
        (["events", "reaction", "--dataset", "us-qe2-2010-window", "--column", "DGS10",
          "--event", "2010-11-03", "--close", ""], "close must be a time HH:MM"),
    ],
)
def test_issue_examples_are_clean_usage_errors(args: list[str], message: str) -> None:
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2, res.output
    assert message in res.output and "internal error" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_non_utf8_scorecard_inputs_is_a_data_error(tmp_path: Path) -> None:
    p = tmp_path / "inputs.toml"
    p.write_bytes("名前 = 1\n".encode("shift_jis"))
    res = CliRunner().invoke(cli, ["bonds", "scorecard", "--inputs", str(p)])
    assert res.exit_code == 1 and "is not UTF-8 text" in res.output
