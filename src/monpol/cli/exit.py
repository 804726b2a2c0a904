"""``monpol exit``: central-bank finances at the exit from easing (spec 03).

Commands: ``project`` (one policy-rate scenario), ``reproduce`` (seed 002's six scenarios
beside the published table), ``simulate`` (Monte Carlo over rate paths).

Holdings CSV: ``maturity_year,amount[,yield]`` (by redemption year) or
``maturity,amount[,yield][,issue]`` (issue level, ISO dates); amounts in ``--unit``
(default trillion yen), yields in percent. ``--holdings boj-jgb-holdings-2022-12`` uses the
bundled BoJ template. Without a yield column give ``--curve`` (the bundled
``mof-par-curve-2022-06`` or a CSV ``maturity,yield``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from monpol.cli.backend_options import backend_options, progress_bar
from monpol.cli.options import FINITE, OutputOptions, emit, emit_result, output_options
from monpol.core.errors import InputError
from monpol.core.params import parse_assignment
from monpol.core.validation import MAX_PATHS, MAX_YEARS
from monpol.exit import (
    ACCOUNTING,
    REDEMPTION_TIMINGS,
    REINVESTED_REDEMPTIONS,
    REINVESTMENT_TIMINGS,
    SALE_ORDERS,
    api,
)
from monpol.exit.api import CURVE_DATASET, UNITS
from monpol.exit.curve import INTERPOLATIONS
from monpol.exit.data import BOJ_HOLDINGS_DATASET
from monpol.exit.engine import YIELD_ASSIGNMENTS
from monpol.exit.montecarlo import PROCESSES
from monpol.exit.seed import SEED_YEARS

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])


@click.group("exit")
def exit_group() -> None:
    """Central-bank income at the exit from easing: project, reproduce, simulate."""


def _timing_options(func: F) -> F:
    names = REDEMPTION_TIMINGS.names()
    for opt in reversed([
        click.option("--holdings-timing", type=click.Choice(names), default="year_end",
                     show_default=True,
                     help="How long a bond earns interest in its maturity year."),
        click.option("--reserves-timing", type=click.Choice(names), default="year_start",
                     show_default=True,
                     help="How long redemption cash stays in reserves in the maturity year."),
        click.option("--reinvest-timing", type=click.Choice(REINVESTMENT_TIMINGS.names()),
                     default="next_year", show_default=True,
                     help="When the reinvested share is bought."),
        click.option("--reinvested-redemption", type=click.Choice(REINVESTED_REDEMPTIONS.names()),
                     default="after_tenor", show_default=True,
                     help="When a reinvested T-year bond bought on 1 January of year t is "
                          "redeemed: after_tenor = end of t+T-1 (t+9 for 10 years); "
                          "maturity_year = in t+T, like a starting bond maturing then."),
    ]):
        func = opt(func)
    return func


def _model_options(func: F) -> F:
    """Options describing the ladder, reserves and conventions (project and simulate)."""
    opts = [
        click.option("--holdings", "holdings", required=True, metavar="FILE|DATASET",
                     help=f"Holdings CSV, or '{BOJ_HOLDINGS_DATASET}' (bundled BoJ template)."),
        click.option("--unit", type=click.Choice(sorted(UNITS)), default="trillion-jpy",
                     show_default=True, help="Unit of the amounts in the holdings CSV."),
        click.option("--excess-reserves", type=FINITE, required=True,
                     help="Excess reserves at the start, in the holdings' unit."),
        click.option("--start-year", type=click.IntRange(min=1), required=True),
        click.option("--years", type=click.IntRange(min=1, max=MAX_YEARS), required=True,
                     help="Number of years projected."),
        click.option("--capital", type=FINITE, default=None,
                     help="Capital incl. reserves and provisions, in the holdings' unit."),
        click.option("--reinvest-share", type=FINITE, default=0.0, show_default=True,
                     help="Share of redemptions reinvested, in [0, 1]."),
        click.option("--reinvest-spread", type=FINITE, default=1.0, show_default=True,
                     help="Reinvested yield = short rate + this spread (percentage points)."),
        click.option("--reinvest-tenor", type=click.IntRange(min=1), default=10, show_default=True,
                     help="Maturity of reinvested bonds (years)."),
        click.option("--curve", "curve", default=None, metavar="FILE|DATASET",
                     help=f"Yield curve: '{CURVE_DATASET}' or a CSV 'maturity,yield' (percent)."),
        click.option("--curve-date", default="mean", show_default=True,
                     help="For the bundled curve: 'mean' (month average), 'first', 'last' or a date."),
        click.option("--interpolation", type=click.Choice(INTERPOLATIONS.names()), default="linear",
                     show_default=True, help="Interpolation of the curve in maturity."),
        click.option("--yield-assignment", type=click.Choice(YIELD_ASSIGNMENTS.names()),
                     default=None,
                     help="Ladder yields, or curve yields fixed at the start / re-read each year "
                          "(default: 'given' without a curve, 'at_start' with one)."),
        click.option("--accounting", type=click.Choice(ACCOUNTING.names()), default="cumulative",
                     show_default=True, help="How results meet capital."),
        click.option("--on-negative-reserves", type=click.Choice(["raise", "floor"]),
                     default="raise", show_default=True,
                     help="If redemptions exceed reserves: stop, or floor reserves at zero."),
        click.option("--exit-year", type=click.IntRange(min=1), default=None,
                     help="First year of single-rate remuneration (needs --basic-balance)."),
        click.option("--basic-balance", type=FINITE, default=None,
                     help="Three-tier basic balance before the exit (earns --basic-rate)."),
        click.option("--policy-rate-balance", type=FINITE, default=0.0, show_default=True,
                     help="Three-tier policy-rate balance before the exit."),
        click.option("--basic-rate", type=FINITE, default=0.1, show_default=True,
                     help="Rate on the basic balance before the exit (percent)."),
        click.option("--sell", "sell", multiple=True, metavar="YEAR=AMOUNT",
                     help="Sell face AMOUNT of the starting holdings on 1 January of YEAR (repeatable)."),
        click.option("--sale-order", type=click.Choice(SALE_ORDERS.names()), default="pro_rata",
                     show_default=True),
        click.option("--sale-reference-rate", type=FINITE, default=None,
                     help="Policy rate at which the curve was observed (sales are priced at the curve "
                          "shifted by policy rate minus this); required with --sell."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return _timing_options(func)


def _sales(items: tuple[str, ...]) -> dict[int, float]:
    """``--sell YEAR=AMOUNT`` items (repeatable; amounts of one year add up)."""
    amounts: dict[int, float] = {}
    hint = "must look like YEAR=AMOUNT (e.g. 2025=20)"
    for item in items:
        year, amount = parse_assignment(item, option="--sell", hint=hint)
        try:
            amounts[int(year)] = amounts.get(int(year), 0.0) + float(amount)
        except ValueError:
            raise InputError(f"--sell {hint}; got {item!r}") from None
    return amounts


def _model_fields(kw: dict[str, Any]) -> dict[str, Any]:
    """The exit-model request fields from the shared options."""
    kw["sales"] = _sales(kw.pop("sell"))
    return kw


@exit_group.command("project")
@_model_options
@click.option("--policy-rate", type=FINITE, default=None,
              help="Constant policy rate after the exit (percent).")
@click.option("--pre-exit-rate", type=FINITE, default=-0.1, show_default=True,
              help="With --policy-rate and --exit-year: the policy rate before the exit.")
@click.option("--rate-path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV 'year,rate' (percent) covering the horizon, instead of --policy-rate.")
@output_options
def project_cmd(out: OutputOptions, policy_rate: float | None, pre_exit_rate: float,
                rate_path: Path | None, **kw: Any) -> None:
    """Project interest income, interest paid and capital year by year.

    JSON: {"rows": [one object per year], "summary": {...}, "settings": {...}}.
    """
    if (policy_rate is None) == (rate_path is None):
        raise click.UsageError("give exactly one of --policy-rate and --rate-path")
    fields: dict[str, Any] = {"scenario": None, "policy_rate": policy_rate,
                              "pre_exit_rate": pre_exit_rate, "rate_path": rate_path}
    request = api.ProjectRequest(**_model_fields(kw), **fields)
    emit_result(out, api.run_project(request))


@exit_group.command("reproduce")
@_timing_options
@click.option("--yield-assignment", type=click.Choice(api.curve_yield_assignments()),
              default=None,
              help="at_start (default): each bond keeps the curve yield of its remaining maturity "
                   "at the start; each_year: re-read the curve each year as bonds age. Why the "
                   "default: docs/exit.md, 'Which reading is the default'.")
@click.option("--readings", is_flag=True, default=False,
              help="Show the six scenarios under every reading (yield rule x reinvested-bond "
                   "redemption) beside the published table, instead of one reading.")
@click.option("--curve-date", default="mean", show_default=True,
              help="June 2022 curve: 'mean', 'first', 'last' or a date such as 2022-06-30.")
@click.option("--interpolation", type=click.Choice(INTERPOLATIONS.names()), default="linear",
              show_default=True)
@click.option("--years", type=click.IntRange(min=1, max=MAX_YEARS), default=SEED_YEARS, show_default=True,
              help="Horizon from 2023.")
@output_options
def reproduce_cmd(out: OutputOptions, holdings_timing: str, reserves_timing: str,
                  reinvest_timing: str, reinvested_redemption: str, yield_assignment: str | None,
                  readings: bool, curve_date: str, interpolation: str, years: int) -> None:
    """Seed 002's six scenarios on the BoJ end-2022 template beside the published table.

    JSON: a list, one object per scenario, with scenario (A, B, C), reinvest_share,
    policy_rate, cumulative_loss, published_cumulative_loss, last_loss_year,
    published_last_loss_year and more. With --readings: an object {"default", "reasons",
    "rows"}, one row per reading and scenario.
    """
    timings = {"holdings_timing": holdings_timing, "reserves_timing": reserves_timing,
               "reinvest_timing": reinvest_timing}
    if readings:
        if yield_assignment is not None or reinvested_redemption != "after_tenor":
            raise click.UsageError(
                "--readings shows every yield assignment and reinvested-bond redemption; drop "
                "--yield-assignment and --reinvested-redemption (got "
                f"{yield_assignment or 'default'}, {reinvested_redemption})")
        matrix = api.run_readings(api.ReadingsRequest(**timings, curve_date=curve_date,
                                                      interpolation=interpolation, years=years))
        emit(out, data=matrix.to_dict(), frame=matrix.to_frame(), text=str(matrix))
        return
    fields: dict[str, Any] = {**timings, "reinvested_redemption": reinvested_redemption,
                              "yield_assignment": yield_assignment or "at_start",
                              "curve_date": curve_date, "interpolation": interpolation,
                              "years": years}
    rep = api.run_reproduce(api.ReproduceRequest(**fields))
    emit(out, data=rep.to_dict()["scenarios"], frame=rep.to_frame(), text=str(rep))


@exit_group.command("simulate")
@_model_options
@click.option("--paths", type=click.IntRange(min=1, max=MAX_PATHS), default=None,
              help="Number of rate paths to draw (with --process).")
@click.option("--process", type=click.Choice(PROCESSES.names()), default="vasicek", show_default=True)
@click.option("--r0", type=FINITE, default=0.5, show_default=True, help="Rate of the first year (percent).")
@click.option("--mean", type=FINITE, default=0.5, show_default=True, help="Long-run mean (percent).")
@click.option("--speed", type=FINITE, default=0.3, show_default=True, help="Mean reversion per year.")
@click.option("--vol", type=FINITE, default=0.3, show_default=True,
              help="Volatility (vasicek: pp/sqrt(yr); cir: sqrt(pp)/sqrt(yr)).")
@click.option("--floor", type=FINITE, default=None, help="Vasicek: floor on the rates used (percent).")
@click.option("--rate-paths", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV of paths (percent) instead of a process: a header row naming the years "
                   "of the horizon, then one row per path.")
@click.option("--seed", type=click.IntRange(min=0), default=None, help="Seed of the random generator.")
@backend_options(default_chunk=50_000)
@output_options
def simulate_cmd(out: OutputOptions, paths: int | None, process: str, r0: float, mean: float,
                 speed: float, vol: float, floor: float | None, rate_paths: Path | None,
                 seed: int | None, chunk_size: int, backend: Any, **kw: Any) -> None:
    """Monte Carlo over policy-rate paths: P(capital exhausted), losses, fan.

    JSON: {"summary": {...}, "fan": [one object per year], "settings": {...}}.
    """
    fields: dict[str, Any] = {"paths": paths, "process": process, "r0": r0, "mean": mean,
                              "speed": speed, "vol": vol, "floor": floor,
                              "rate_paths": rate_paths, "seed": seed, "chunk_size": chunk_size}
    request = api.SimulateRequest(**_model_fields(kw), **fields)
    with progress_bar("paths") as progress:
        res = api.run_simulate(request, backend=backend, progress=progress)
    emit_result(out, res)


COMMANDS = [exit_group]
