"""Malformed command-line calls generated from the CLI's own click definitions.

Every leaf command of ``monpol`` is walked from the click tree (new commands are covered
without editing this file). Each command has a *base* call that succeeds (``BASES``; a
command without one is called with its bad option alone), and every option of the command
is replaced in turn by values from the bad-input classes of its type: non-numbers, NaN,
±inf, huge and negative numbers, empty strings, dates outside pandas' range, malformed and
odd-encoded CSV files, directories where a file is expected.

An outcome is a defect when the call

* ends in an internal error (exit status 1 with "internal error", or a traceback),
* takes longer than ``TIME_LIMIT`` seconds (a size not bounded before allocation),
* or exits 0 on a value that no option of its kind may accept (``must_fail``: NaN, ±inf,
  text where a number is expected, an impossible date), i.e. silent acceptance.

``MONPOL_FUZZ=large`` runs every value class against every option; the default profile
runs a deterministic rotation of them (each class still reaches every option type).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from click.testing import CliRunner

from monpol.cli.main import cli
from tests.fuzz.limits import CallTimeout, time_limit

TIME_LIMIT = 20  # seconds per call; the slowest valid base call here takes about 2 s

SKIP_COMMANDS = {
    ("reproduce",),  # writes the whole casebook (tested in tests/report); its options are plain
}
SKIP_OPTIONS = {"format", "output", "overwrite", "help", "debug"}

# a call that succeeds for each command (so that the fuzzed option is the one that fails)
BASES: dict[tuple[str, ...], list[str]] = {
    ("bonds", "auction"): ["--bundled", "jgb"],
    ("bonds", "doom-loop"): [],
    ("bonds", "ownership"): ["--date", "2025-05-31"],
    ("bonds", "scorecard"): [],
    ("bonds", "yields"): ["--tenor", "10Y"],
    ("catalog", "list"): [],
    ("catalog", "path"): ["QE2"],
    ("catalog", "show"): ["CPFF"],
    ("data", "list"): [],
    ("dashboard",): ["--check"],     # builds every page and exits (serving would not return)
    ("data", "show"): ["china-lending-rate"],
    ("easing", "classify"): ["--dataset", "fed-2007-2008"],
    ("easing", "lost-decade"): [],
    ("easing", "revaluation"): ["--foreign-assets", "18.4", "--depreciation", "5"],
    ("easing", "taxonomy"): [],
    ("easing", "windows"): [],
    ("events", "calendars"): [],
    ("events", "change"): ["--dataset", "us-qe2-2010-window", "--column", "DGS10", "--from",
                           "2010-11-03", "--to", "2010-11-04"],
    ("events", "reaction"): ["--dataset", "us-qe2-2010-window", "--column", "DGS10", "--event",
                             "2010-11-03"],
    ("events", "study"): ["--dataset", "us-markets-daily", "--column", "DGS10", "--events",
                          "qe2-2010-signals"],
    ("exit", "project"): ["--holdings", "boj-jgb-holdings-2022-12", "--curve",
                          "mof-par-curve-2022-06", "--excess-reserves", "477", "--start-year",
                          "2023", "--years", "5", "--policy-rate", "0.5"],
    ("exit", "reproduce"): ["--years", "3"],
    ("exit", "simulate"): ["--holdings", "boj-jgb-holdings-2022-12", "--curve",
                           "mof-par-curve-2022-06", "--excess-reserves", "477", "--start-year",
                           "2023", "--years", "5", "--capital", "11", "--paths", "50",
                           "--seed", "1"],
    ("islm", "compare"): ["--change", "G=1"],
    ("islm", "curves"): [],          # --output added per call (required)
    ("islm", "experiment"): ["P1"],
    ("islm", "params"): [],
    ("islm", "simulate"): ["--periods", "5"],
    ("islm", "solve"): [],
    ("rules", "compare"): ["--start", "2000Q1"],
    ("rules", "estimate"): ["--dataset", "china-lending-rate"],
    ("rules", "forecast"): ["--dataset", "china-lending-rate", "--inflation", "2", "--growth", "9",
                           "--lagged-rate", "5.31"],
    ("rules", "list"): [],
    ("rules", "prescribe"): ["--rule", "taylor1993", "--inflation", "2", "--output-gap", "0"],
    ("data", "fred"): ["FEDFUNDS"],   # fails offline without a key (a DataError): still checked
}


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]
    option: str
    value: str
    must_fail: bool
    args: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{' '.join(self.command)} {self.option}={self.value!r}"


@dataclass(frozen=True)
class Outcome:
    case: Case
    exit_code: int
    output: str
    kind: str   # "ok", "clean-error", "internal-error", "timeout", "silent-acceptance"


def leaf_commands() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every leaf command of the CLI with its path, from click's own definitions."""
    def walk(cmd: click.Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], click.Command]]:
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd)
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    yield from walk(sub, (*path, name))
        else:
            yield path, cmd

    yield from walk(cli, ())


def _files(root: Path) -> dict[str, Path]:
    """Malformed files, written once per run under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    out = {
        "directory": root / "a-directory",
        "missing": root / "no-such-file.csv",
        "empty": root / "empty.csv",
        "latin1": root / "latin1.csv",
        "shift_jis": root / "sjis.csv",
        "binary": root / "binary.csv",
        "wrong-header": root / "wrong-header.csv",
        "dup-unsorted": root / "dup-unsorted.csv",
        "nan-inf": root / "nan-inf.csv",
        "ragged": root / "ragged.csv",
    }
    out["directory"].mkdir(exist_ok=True)
    out["empty"].write_text("")
    out["latin1"].write_bytes("date,valeur\n2020-01-01,1\nd\xe9but,2\n".encode("latin-1"))
    out["shift_jis"].write_bytes("日付,金額\n2020-01-01,1\n".encode("shift_jis"))
    out["binary"].write_bytes(bytes(range(256)) * 4)
    out["wrong-header"].write_text("foo,bar\n1,2\n3,4\n")
    out["dup-unsorted"].write_text(
        "date,value,year,rate,maturity,amount\n2020-01-03,1,2024,0.5,2030-01-01,10\n"
        "2020-01-01,2,2023,0.5,2029-01-01,10\n2020-01-01,3,2023,0.5,2029-01-01,10\n")
    out["nan-inf"].write_text(
        "date,value,year,rate,maturity,amount,quarter,lending_rate,cpi,growth\n"
        "2020-01-01,nan,2023,inf,2030-01-01,-inf,2020Q1,nan,inf,1\n"
        "2020-04-01,inf,2024,nan,2031-01-01,nan,2020Q2,inf,nan,2\n")
    out["ragged"].write_text("date,value\n2020-01-01\n2020-01-02,1,2,3\n\"unterminated\n")
    return out


NUMBER_MUST_FAIL = ["nan", "inf", "-inf", "abc", "", "1e400"]
NUMBER_OTHER = ["-1e12", "1e12", "-0", "0"]
INT_MUST_FAIL = ["abc", "", "1.5", "nan"]
INT_OTHER = ["0", "-5", "1000000000", "1000000000000"]
DATE_MUST_FAIL = ["notadate", "2020-02-30", ""]
DATE_OTHER = ["0001-01-01", "9999-12-31", "1677-09-21", "2262-04-12", "1900-01-01"]
TEXT_VALUES = ["", "=", "x=1", "nan", "inf", "1e400", "@", "a=b@c", "G=nan", "G=inf", "G=1e400",
               "0:0:0", "1:0:1", ",", "10**9", "\x00", "é", "../../etc/passwd"]
FILE_KINDS = ["directory", "missing", "empty", "latin1", "shift_jis", "binary", "wrong-header",
              "dup-unsorted", "nan-inf", "ragged"]

DATE_WORDS = ("date", "start", "end", "from", "to", "event", "before-date", "after-date",
              "realtime-start", "realtime-end", "history-start")


def _is_date(opt: str) -> bool:
    name = opt.lstrip("-")
    return name in DATE_WORDS


def _values(param: click.Parameter, files: dict[str, Path]) -> list[tuple[str, bool]]:
    """(value, must_fail) pairs for one parameter, chosen by its type and name."""
    t = param.type
    opt = param.opts[0] if param.opts else param.name or ""
    if isinstance(t, click.Choice):
        return [("not-a-choice", True), ("", True)]
    if isinstance(t, (click.Path, click.File)):
        return [(str(files[k]), False) for k in FILE_KINDS]
    if isinstance(t, (click.types.IntParamType, click.IntRange)):
        return [(v, True) for v in INT_MUST_FAIL] + [(v, False) for v in INT_OTHER]
    if isinstance(t, (click.types.FloatParamType, click.FloatRange)) or t.name == "number":
        return [(v, True) for v in NUMBER_MUST_FAIL] + [(v, False) for v in NUMBER_OTHER]
    if t.name == "numbers":   # comma / range lists
        return [(v, True) for v in ("nan", "inf", "abc", "1e400")] + [
            (v, False) for v in ("", "0:0:0", "5:1:1", "1:2:0", "-1e12", ",,", "1e12")]
    if _is_date(opt):
        return [(v, True) for v in DATE_MUST_FAIL] + [(v, False) for v in DATE_OTHER]
    return [(v, False) for v in TEXT_VALUES]


def _with(base: list[str], opt: str, value: str, param: click.Parameter) -> list[str]:
    """``base`` with option ``opt`` set to ``value`` (replacing a value already there)."""
    args = list(base)
    if not param.opts or not opt.startswith("-"):   # a positional argument: replace the first
        positional = [i for i, a in enumerate(args) if not a.startswith("-")
                      and (i == 0 or not args[i - 1].startswith("-"))]
        if positional:
            args[positional[0]] = value
            return args
        return [value, *args]
    if opt in args:
        i = args.index(opt)
        args[i + 1] = value
        return args
    return [*args, opt, value]


def cases(tmp: Path, *, large: bool | None = None) -> list[Case]:
    """Every case of the profile (``large``: all value classes on all options)."""
    if large is None:
        large = os.environ.get("MONPOL_FUZZ", "") == "large"
    files = _files(tmp / "fuzz-files")
    out: list[Case] = []
    rotation = 0
    for path, cmd in leaf_commands():
        if path in SKIP_COMMANDS:
            continue
        base = BASES.get(path, [])
        if path == ("islm", "curves"):
            base = [*base, "--output", str(tmp / "curves-out.csv"), "--overwrite"]
        for param in cmd.params:
            if param.name in SKIP_OPTIONS or (isinstance(param, click.Option) and param.is_flag):
                continue
            opt = param.opts[0] if param.opts else (param.name or "")
            values = _values(param, files)
            if not large:
                # default profile: the must-fail values all stay (they are the contract) and a
                # rotating window of three of the others
                fails = [v for v in values if v[1]]
                others = [v for v in values if not v[1]]
                if others:
                    k = rotation % len(others)
                    others = (others[k:] + others[:k])[:3]
                rotation += 1
                values = fails[:4] + others
            for value, must_fail in values:
                args = _with(base, opt, value, param)
                out.append(Case(path, opt, value, must_fail, tuple([*path, *args])))
    return out


def run_case(runner: CliRunner, case: Case) -> Outcome:
    """Run one case with a time limit and classify what happened."""
    try:
        with time_limit(TIME_LIMIT):
            res = runner.invoke(cli, list(case.args))
    except CallTimeout:
        return Outcome(case, -1, "", "timeout")
    text = res.output + (res.stderr if res.stderr_bytes is not None else "")
    if isinstance(res.exception, CallTimeout):
        return Outcome(case, -1, text, "timeout")
    if "internal error" in text or "Traceback" in text or res.exit_code not in (0, 1, 2) or (
            res.exception is not None and not isinstance(res.exception, SystemExit)):
        return Outcome(case, res.exit_code, text, "internal-error")
    if res.exit_code == 0:
        return Outcome(case, 0, text, "silent-acceptance" if case.must_fail else "ok")
    return Outcome(case, res.exit_code, text, "clean-error")


def run_all(tmp: Path, *, large: bool | None = None) -> list[Outcome]:
    runner = CliRunner()
    return [run_case(runner, c) for c in cases(tmp, large=large)]
