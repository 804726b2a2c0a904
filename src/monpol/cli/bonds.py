"""``monpol bonds``: sovereign bond-market stress (auctions, yields, ownership, scorecard,
doom loop). No computation here: the commands call :mod:`monpol.bonds`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import numpy as np

from monpol.cli.backend_options import backend_options, progress_bar
from monpol.cli.options import DATE, FINITE, FiniteRange, OutputOptions, emit, emit_result, output_options

__all__ = ["COMMANDS"]


class NumberList(click.ParamType):  # type: ignore[type-arg]
    """``2.5``, ``1,2,3`` or ``START:STOP:STEP`` (STOP included) → a float or an array."""

    name = "numbers"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        try:
            if ":" in text:
                parts = [float(p) for p in text.split(":")]
                if len(parts) != 3 or parts[2] <= 0 or parts[1] < parts[0]:
                    raise ValueError
                start, stop, step = parts
                n = int(np.floor((stop - start) / step + 1e-9)) + 1
                if n > 1_000_000:
                    raise ValueError
                return start + step * np.arange(n)
            values = [float(p) for p in text.split(",")]
        except ValueError:
            self.fail(f"{value!r} is not a number, a comma list or START:STOP:STEP "
                      f"(STOP >= START, STEP > 0)", param, ctx)
        if not all(np.isfinite(values)):
            self.fail(f"{value!r} contains a non-finite number", param, ctx)
        return values[0] if len(values) == 1 else np.asarray(values)


NUMBERS = NumberList()


@click.group("bonds")
def bonds_group() -> None:
    """Sovereign bond-market stress: auctions, yields, ownership, scorecard, doom loop.

    Seed 001 (JGB and US Treasury sell-off, May 2025); spec 05.
    """


@bonds_group.command("auction")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Auction results CSV in the JGB or US format (see below).")
@click.option("--bundled", type=click.Choice(["jgb", "us"]), default=None,
              help="Use a bundled history instead: jgb (2023-2026) or us (2008-2011).")
@click.option("--market", type=click.Choice(["auto", "jgb", "us"]), default="auto",
              show_default=True, help="Format of --file (auto: 'bids' column = JGB, "
                                      "'tendered' = US).")
@output_options
def auction_cmd(file: Path | None, bundled: Any, market: Any, out: OutputOptions) -> None:
    """Auction demand metrics with their history context.

    \b
    JGB CSV columns (amounts in one unit of your choice):
      date,security,tenor,offered,bids,accepted,average_price,lowest_price
      required: date, tenor, bids, accepted; prices in yen per 100 yen face.
    US CSV columns:
      date,security,tenor,tendered,accepted,high_yield,wi_yield,
      primary_dealer_accepted,direct_accepted,indirect_accepted
      required: date, tenor, tendered, accepted (both without SOMA add-ons);
      yields in percent; optional extra column allotted_at_high (percent).
    Optional columns may be blank or left out. JSON: a list with one object per auction:
    bid_to_cover, tail and tail_unit (JGB: yen; US: bp), for US primary_dealer_share,
    direct_share, indirect_share (percent), and the "lowest/largest since" context.
    """
    from monpol.bonds import api

    if (file is None) == (bundled is None):
        raise click.UsageError("give exactly one of --file FILE.csv or --bundled jgb|us")
    result = api.run_auctions(api.AuctionRequest(file=None if file is None else str(file),
                                                 bundled=bundled, market=market))
    emit(out, data=result.to_dict()["auctions"], frame=result.to_frame(), text=str(result))


@bonds_group.command("yields")
@click.option("--tenor", "tenors", multiple=True,
              help="Maturity column (repeatable), e.g. 10Y, 30Y, 40Y [default: 10Y and 40Y; "
                   "--market us: 10Y only].")
@click.option("--market", type=click.Choice(["jgb", "us"]), default="jgb", show_default=True,
              help="jgb: MOF par curve (1974-2026); us: 10-year Treasury (DGS10, 2003-2026).")
@click.option("--curve", "curve_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Your own curve: CSV with a date column and one column per "
                                 "maturity, percent.")
@click.option("--date", "date", type=DATE, default=None, help="Date to assess (default: last available).")
@click.option("--history-start", type=DATE, default=None, help="Start of the percentile window.")
@click.option("--history-years", type=FiniteRange(min=0, max=200, min_open=True), default=None,
              help="Window length in years ending at --date (default: whole series).")
@click.option("--change-days", type=click.IntRange(min=1), default=20, show_default=True,
              help="Span of the speed-of-rise and volatility measures, observations.")
@output_options
def yields_cmd(tenors: tuple[str, ...], market: Any, curve_file: Path | None, date: str | None,
               history_start: str | None, history_years: float | None, change_days: int,
               out: OutputOptions) -> None:
    """Yield stress: level percentile and z-score, highest since, speed of rise."""
    from monpol.bonds import api

    request = api.YieldsRequest(tenors=tenors, market=market, date=date,
                                curve_file=None if curve_file is None else str(curve_file),
                                history_start=history_start, history_years=history_years,
                                change_days=change_days)
    emit_result(out, api.run_yields(request))


@bonds_group.command("ownership")
@click.option("--buckets", type=NUMBERS, default="1,5,10,20", show_default=True,
              help="Remaining-maturity bucket edges in years.")
@click.option("--series", "series", multiple=True,
              help="Issue series to include (repeatable): 2Y 5Y 10Y 20Y 30Y 40Y I10Y F15Y ...")
@click.option("--start", type=DATE, default=None, help="First date kept.")
@click.option("--end", type=DATE, default=None, help="Last date kept.")
@click.option("--date", "date", type=DATE, default=None, help="Only the month on or before this date.")
@output_options
def ownership_cmd(buckets: Any, series: tuple[str, ...], start: str | None, end: str | None,
                  date: str | None, out: OutputOptions) -> None:
    """The BOJ's share of JGBs, overall and by remaining maturity, monthly 2001-2026."""
    from monpol.bonds import api

    request = api.OwnershipRequest(buckets=tuple(float(b) for b in np.atleast_1d(buckets)),
                                   series=series or None, start=start, end=end, date=date)
    emit_result(out, api.run_ownership(request))


@bonds_group.command("scorecard")
@click.option("--date", "date", type=DATE, default="2025-05-22", show_default=True,
              help="Assessment date (the seed's moment by default).")
@click.option("--history-years", type=FiniteRange(min=0, max=200, min_open=True), default=10.0,
              show_default=True,
              help="Window for the yield percentiles, years.")
@click.option("--change-days", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--fed-share", type=FINITE, default=None,
              help="The Fed's share of marketable Treasuries, percent (default 16, the seed's).")
@click.option("--inputs", "inputs_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="TOML file with extra indicators and weights (see docs/bonds.md).")
@click.option("--weight", "weights", multiple=True, metavar="DIMENSION=W",
              help="Weight of a dimension (repeatable), e.g. primary_demand=0.3.")
@output_options
def scorecard_cmd(date: str, history_years: float, change_days: int, fed_share: float | None,
                  inputs_file: Path | None, weights: tuple[str, ...], out: OutputOptions) -> None:
    """JGB vs UST stress scorecard over the seed's five dimensions."""
    from monpol.bonds import api

    w: dict[str, float] = {}
    for item in weights:
        key, sep, val = item.partition("=")
        try:
            w[key.strip()] = float(val)
        except ValueError:
            sep = ""
        if not sep:
            raise click.BadParameter(f"{item!r} is not DIMENSION=W", param_hint="--weight")
    request = api.ScorecardRequest(date=date, history_years=history_years, change_days=change_days,
                                   fed_share=fed_share, weights=w,
                                   inputs_file=None if inputs_file is None else str(inputs_file))
    emit_result(out, api.run_scorecard(request))


_DOOM_HELP = {
    "debt": "Debt, percent of GDP.",
    "effective_rate": "Average interest rate on the debt, percent.",
    "market_rate": "Market yield on new debt before the fiscal premium, percent.",
    "growth": "Nominal GDP growth, percent.",
    "primary_balance": "Primary balance, percent of GDP (surplus > 0).",
    "average_maturity": "Average maturity of the debt, years.",
    "risk_premium": "Starting risk premium, percent.",
    "premium_sensitivity": "Premium rise (pp) per pp of GDP of interest burden above the threshold.",
    "burden_threshold": "Interest burden (percent of GDP) above which the premium rises.",
    "cb_share": "Central bank's share of the debt, percent.",
    "cb_purchases": "Central-bank net purchases, percent of GDP a year (negative = run-off).",
    "cb_effect": "Premium fall (pp) per pp of central-bank share above its start.",
}


def _doom_options(func: Any) -> Any:
    from monpol.bonds.doom_loop import DoomLoopSpec

    defaults = DoomLoopSpec()
    for name in reversed(list(_DOOM_HELP)):
        func = click.option(f"--{name.replace('_', '-')}", name, type=NUMBERS, default=None,
                            help=f"{_DOOM_HELP[name]} [default: {getattr(defaults, name)}] "
                                 f"A number, a comma list or START:STOP:STEP.")(func)
    return func


@bonds_group.command("doom-loop")
@_doom_options
@click.option("--horizon", type=click.IntRange(min=2, max=500), default=30, show_default=True,
              help="Years simulated.")
@click.option("--window", type=click.IntRange(min=1), default=5, show_default=True,
              help="Years at the end over which the outcome is judged.")
@click.option("--tolerance", type=FINITE, default=0.05, show_default=True,
              help="Rise of the market rate (pp) over --window that counts as 'keeps rising'.")
@click.option("--ceiling", type=FINITE, default=25.0, show_default=True,
              help="Market-rate cap, percent (reaching it = 'keeps rising').")
@click.option("--threshold", "threshold", default=None, metavar="PARAMETER",
              help="Find the value of PARAMETER separating the two paths (with --low, --high).")
@click.option("--low", type=FINITE, default=None, help="Lower end of the threshold search.")
@click.option("--high", type=FINITE, default=None, help="Upper end of the threshold search.")
@backend_options(default_chunk=4096)
@output_options
def doom_loop_cmd(horizon: int, window: int, tolerance: float, ceiling: float,
                  threshold: str | None, low: float | None, high: float | None,
                  chunk_size: int, backend: Any, out: OutputOptions, **params: Any) -> None:
    """Fiscal doom loop: debt, effective and market rates; the two paths and the threshold.

    Every parameter takes a number, a comma list (1,2,3) or START:STOP:STEP; lists run as
    scenarios in one vectorised simulation. With --threshold PARAMETER --low L --high H the
    other parameters must be single numbers. Scenarios run in chunks (--backend dask: on a
    Dask cluster, same results); paths by year are output up to 10,000 scenarios.
    """
    from monpol.bonds import api

    values = {k: float(v) for k, v in params.items() if v is not None and np.ndim(v) == 0}
    sweep = {k: tuple(float(x) for x in v) for k, v in params.items()
             if v is not None and np.ndim(v) > 0}
    common: dict[str, Any] = {"horizon": horizon, "window": window, "tolerance": tolerance,
                              "ceiling": ceiling, "sweep": sweep, **values}
    if threshold is None:
        if low is not None or high is not None:
            raise click.UsageError("--low and --high go with --threshold PARAMETER")
        with progress_bar("scenarios") as progress:
            res = api.run_doom_loop(api.DoomLoopRequest(**common), chunk_size=chunk_size,
                                    backend=backend, progress=progress)
        emit_result(out, res)
        return
    if low is None or high is None:
        raise click.UsageError("--threshold needs --low and --high")
    emit_result(out, api.run_threshold(api.ThresholdRequest(parameter=threshold, low=low, high=high,
                                                            **common)))


COMMANDS = [bonds_group]
