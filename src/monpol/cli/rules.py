"""``monpol rules``: policy-rule prescriptions and estimated reaction functions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from monpol.cli.options import FINITE, OutputOptions, emit, emit_result, output_options
from monpol.core.errors import InputError
from monpol.core.params import parse_assignment
from monpol.core.results import Summary
from monpol.core.validation import finite_float
from monpol.rules import api
from monpol.rules.cases import CASES
from monpol.rules.data import US_INFLATION_MEASURES
from monpol.rules.spec import rule_names

__all__ = ["COMMANDS"]


@click.group("rules")
def rules_group() -> None:
    """Policy rules: prescriptions, rules vs actual, estimated reaction functions."""


@rules_group.command("list")
@output_options
def list_cmd(out: OutputOptions) -> None:
    """List the rules with their formulas."""
    rows = api.list_rules()
    frame = pd.DataFrame(rows)
    s = Summary("Policy rules")
    s.add_table(frame.set_index("rule")[["formula"]])
    emit(out, data=rows, frame=frame, text=s.as_text())


@rules_group.command("prescribe")
@click.option("--rule", "rule", required=True, metavar="NAME",
              help=f"One of: {', '.join(rule_names())}.")
@click.option("--inflation", type=FINITE, required=True, help="Inflation, percent.")
@click.option("--output-gap", type=FINITE, help="Output gap, percent of potential.")
@click.option("--unemployment", type=FINITE, help="Unemployment rate, percent (with --u-star).")
@click.option("--u-star", type=FINITE, help="Natural rate of unemployment, percent.")
@click.option("--okun", type=FINITE, default=2.0, show_default=True,
              help="Okun coefficient: gap = okun·(u* − u).")
@click.option("--r-star", type=FINITE, default=2.0, show_default=True,
              help="Equilibrium real rate, percent.")
@click.option("--inflation-target", type=FINITE, default=2.0, show_default=True,
              help="Inflation target, percent.")
@click.option("--lagged-rate", type=FINITE, help="Last period's policy rate, percent.")
@click.option("--output-gap-lag4", type=FINITE, help="Output gap four quarters earlier.")
@click.option("--elb", type=FINITE, help="Effective lower bound (floor), percent.")
@click.option("--makeup", type=FINITE, default=0.0, show_default=True,
              help="Cumulative shortfall Z (elb-adjusted rule), percentage points.")
@click.option("--a", "a", type=FINITE, help="general rule: response to π − π*.")
@click.option("--b", "b", type=FINITE, help="general rule: response to the gap.")
@click.option("--rho", type=FINITE, help="general rule: smoothing weight on R_-1.")
@output_options
def prescribe_cmd(out: OutputOptions, **kw: Any) -> None:
    """The rate a rule prescribes (percent).

    \b
    Example:
      monpol rules prescribe --rule taylor1993 --inflation 3 --output-gap 1 --format json
    """
    emit_result(out, api.run_prescribe(api.PrescribeRequest(**kw)))


@rules_group.command("compare")
@click.option("--rule", "rules", multiple=True, metavar="NAME",
              help="Rule to include (repeatable; default: the Fed's family).")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of quarterly inputs (period, inflation, output_gap or unemployment and "
                   "u_star, policy_rate); default: bundled U.S. data.")
@click.option("--inflation-measure", type=click.Choice(list(US_INFLATION_MEASURES)),
              default="core-pce", show_default=True, help="U.S. inflation measure.")
@click.option("--r-star", default="2", show_default=True,
              help="A number (percent) or a column name, e.g. r_star_hlw for U.S. HLW r*.")
@click.option("--inflation-target", type=FINITE, default=2.0, show_default=True)
@click.option("--gap", type=click.Choice(["output", "unemployment"]), default="output",
              show_default=True, help="Output gap, or unemployment gap via Okun.")
@click.option("--okun", type=FINITE, default=2.0, show_default=True)
@click.option("--elb", type=FINITE, help="Floor for every rule, percent.")
@click.option("--start", help="First quarter, e.g. 1990Q1.")
@click.option("--end", help="Last quarter.")
@output_options
def compare_cmd(out: OutputOptions, rules: tuple[str, ...], file: Path | None,
                inflation_measure: str, r_star: str, inflation_target: float, gap: str,
                okun: float, elb: float | None, start: str | None, end: str | None) -> None:
    """Rules vs the actual policy rate over history, with deviations."""
    fields: dict[str, Any] = {
        "file": file, "inflation_measure": inflation_measure, "r_star": r_star,
        "inflation_target": inflation_target, "gap": gap, "okun": okun, "elb": elb,
        "start": start, "end": end}
    if rules:
        fields["rules"] = rules
    request = api.CompareRequest(**fields)
    emit_result(out, api.run_compare(request))


def _estimation_options(func: Any) -> Any:
    opts = [
        click.option("--dataset", "dataset", metavar="NAME",
                     help=f"Estimation case: {', '.join(CASES.names())}."),
        click.option("--file", "file", type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path),
                     help="Your own CSV instead of --dataset (first column: periods)."),
        click.option("--rate", "rate_column", default="rate", show_default=True,
                     help="With --file: the policy-rate column."),
        click.option("--regressor", "regressor_columns", multiple=True,
                     help="With --file: a regressor column (repeatable)."),
        click.option("--start", help="First period of the sample, e.g. 2005Q3."),
        click.option("--end", help="Last period of the sample, e.g. 2011Q2."),
        click.option("--rate-definition", type=click.Choice(["end_of_quarter", "quarter_average"]),
                     help="china-lending-rate: quarterly rate definition."),
        click.option("--cpi-definition", type=click.Choice(["quarter_average", "last_month"]),
                     help="china-lending-rate: quarterly CPI definition."),
        click.option("--inflation-measure", type=click.Choice(list(US_INFLATION_MEASURES)),
                     help="us-fred-2024: inflation measure."),
        click.option("--cov-type", type=click.Choice(["nonrobust", "hac"]), default="nonrobust",
                     show_default=True, help="Standard errors: conventional or Newey–West."),
        click.option("--maxlags", type=click.IntRange(min=0), help="HAC lags (default: rule of thumb)."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


@rules_group.command("estimate")
@_estimation_options
@output_options
def estimate_cmd(out: OutputOptions, **kw: Any) -> None:
    """Estimate a reaction function by OLS (long-run responses, Taylor-principle test).

    \b
    Example (the seed's case):
      monpol rules estimate --dataset china-lending-rate --start 2005Q3 --end 2011Q2
    """
    emit_result(out, api.run_estimate(api.EstimateRequest(**kw)))


@rules_group.command("forecast")
@_estimation_options
@click.option("--inflation", "f_inflation", type=FINITE, help="Inflation, percent.")
@click.option("--growth", "f_growth", type=FINITE, help="Real GDP growth, percent.")
@click.option("--output-gap", "f_output_gap", type=FINITE, help="Output gap, percent.")
@click.option("--value", "values", multiple=True, metavar="NAME=VALUE",
              help="Any other regressor value (repeatable).")
@click.option("--lagged-rate", type=FINITE,
              help="Last period's rate (default: the last rate of the sample).")
@click.option("--alpha", type=FINITE, default=0.05, show_default=True,
              help="1 − level of the prediction interval.")
@output_options
def forecast_cmd(out: OutputOptions, **kw: Any) -> None:
    """The rate the estimated reaction function implies (the seed's "theoretical rate").

    \b
    Example (the seed's 2011Q3 case):
      monpol rules forecast --dataset china-lending-rate --inflation 6.2 --growth 9.2
    """
    values: dict[str, float] = {}
    for item in kw.pop("values"):
        name, value = parse_assignment(item, option="--value")
        if name in values or kw.get(f"f_{name}") is not None:
            raise InputError(f"--value {item!r}: {name} is given twice")
        values[name] = finite_float(f"--value {name}", value, unit="percent")
    named = {key: kw.pop(f"f_{key}") for key in ("inflation", "growth", "output_gap")}
    emit_result(out, api.run_forecast(api.ForecastRequest(**kw, **named, values=values)))


COMMANDS = [rules_group]
