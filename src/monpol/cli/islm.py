"""``monpol islm``: the flow-of-funds IS-LM model (spec 04) from the command line.

Thin layer over :mod:`monpol.islm`; rates are in percent at this boundary. JSON keys are
part of the contract: ``solve`` prints every variable under its symbol (``y``, ``i_C``,
``i_D``, ``i_L``, ``i_B``, ``e``, ``eps``, ``D``, ``M``, ``B_b``, ``FB_b`` ...) and
``regime``; ``experiment`` prints ``differences`` and ``holds``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from monpol.cli.backend_options import backend_options, progress_bar
from monpol.cli.options import OutputOptions, emit, emit_result, output_options
from monpol.core.errors import InputError
from monpol.core.io import atomic_write_bytes, check_output_path
from monpol.core.params import parse_assignments
from monpol.core.results import Summary
from monpol.core.validation import MAX_PERIODS

__all__ = ["COMMANDS"]

_SPEC_HELP = "Parameters file (TOML or YAML). Unset values: illustrative calibration."


def _parse_sets(values: tuple[str, ...], option: str = "--set") -> dict[str, Any]:
    from monpol.islm.api import parameter_changes

    return parameter_changes(parse_assignments(
        values, option=option, split_commas=True,
        hint="takes NAME=VALUE with the spec's symbols (e.g. B_c=60, c_L=2.5, "
             "theta=0.5; rates in percent)"))


def _request(cls: Any, spec: dict[str, Any], **options: Any) -> Any:
    """The request ``cls`` from the shared model options (``spec``) and ``options``."""
    params, sets = spec["params"], spec["sets"]
    fields: dict[str, Any] = _parse_sets(sets)
    fx = spec["fx_regime"]
    if spec["regime"] is not None:
        click.echo("warning: --regime is deprecated; use --fx-regime", err=True)
        fx = fx or spec["regime"]
    if "regime" in fields and "fx_regime" not in fields:  # --set regime=... (deprecated)
        click.echo("warning: 'regime' is deprecated; use fx_regime", err=True)
        fields["fx_regime"] = fields.pop("regime")
    if params is not None:
        fields["params_file"] = str(params)
    if fx is not None:
        fields["fx_regime"] = fx
    if spec["convention"] is not None:
        fields["convention"] = spec["convention"]
    return cls(**fields, **options)


def spec_options(func: Any) -> Any:
    """--params, --fx-regime (--regime, deprecated), --convention and --set, passed as ``spec``."""

    @functools.wraps(func)
    def wrapper(*args: Any, params: Path | None, fx_regime: str | None, regime: str | None,
                convention: str | None, sets: tuple[str, ...], **kw: Any) -> Any:
        spec = {"params": params, "fx_regime": fx_regime, "regime": regime,
                "convention": convention, "sets": sets}
        return func(*args, spec=spec, **kw)

    out: Any = wrapper
    out = click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
                       help="Change a parameter (repeatable; or comma-separated), e.g. "
                            "--set B_c=60 --set CBL=30. Names as in 'monpol islm params'; "
                            "rates in percent.")(out)
    out = click.option("--convention", type=click.Choice(["opening", "paper"]), default=None,
                       help="Dating of primary income (default: opening, stock-flow "
                            "consistent).")(out)
    out = click.option("--regime", type=click.Choice(["floating", "fixed"]), default=None,
                       help="Deprecated name of --fx-regime.")(out)
    out = click.option("--fx-regime", type=click.Choice(["floating", "fixed"]), default=None,
                       help="Exchange-rate regime (default: the file's, else floating).")(out)
    out = click.option("--params", "params", type=click.Path(dir_okay=False, path_type=Path),
                       default=None, help=_SPEC_HELP)(out)
    return out


@click.group("islm")
def islm_group() -> None:
    """Flow-of-funds IS-LM model (Domae; spec 04): solve, propositions, curves, dynamics.

    The default parameters are the spec's illustrative calibration (trillions of yen; a
    demonstration, not an estimate). Rates are in percent.
    """


@islm_group.command("solve")
@spec_options
@click.option("--flag-violations", is_flag=True,
              help="Return an equilibrium that violates a model assumption (flagged) instead "
                   "of failing.")
@output_options
def solve_cmd(spec: dict[str, Any], flag_violations: bool, out: OutputOptions) -> None:
    """Solve one period: rates, quantities, regime, balance sheets, Walras residual."""
    from monpol.islm import api

    emit_result(out, api.run_solve(_request(api.SolveRequest, spec,
                                            flag_violations=flag_violations)))


@islm_group.command("compare")
@spec_options
@click.option("--change", "changes", multiple=True, required=True, metavar="NAME=VALUE",
              help="Parameter of the alternative (repeatable), e.g. --change G=120.")
@output_options
def compare_cmd(spec: dict[str, Any], changes: tuple[str, ...], out: OutputOptions) -> None:
    """Comparative statics: levels and differences after changing parameters."""
    from monpol.islm import api

    request = _request(api.CompareRequest, spec, changes=_parse_sets(changes, "--change"))
    emit_result(out, api.run_compare(request))


@islm_group.command("experiment")
@click.argument("name", type=click.Choice(["P1", "P2", "P3", "P4", "P5"], case_sensitive=False))
@spec_options
@click.option("--size", type=float, default=None,
              help="Size of the shock: P1 Δe_0 (0.1), P2/P3 ΔG (10), P4 Δc_L in points (0.5), "
                   "P5 Δnx_0 (10).")
@output_options
def experiment_cmd(name: str, spec: dict[str, Any], size: float | None, out: OutputOptions) -> None:
    """Run proposition P1..P5: the differences, the expected signs and whether they hold.

    The base (--params/--set) is the floor-regime calibration; the corridor case is the
    base with B_c = 60 and CBL = 30 (spec 04 §7).
    """
    from monpol.islm import api

    emit_result(out, api.run_experiment(_request(api.ExperimentRequest, spec, name=name,
                                                 size=size)))


@islm_group.command("curves")
@spec_options
@click.option("--output", "png", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Write the chart here (PNG).")
@click.option("--overwrite", is_flag=True, help="Allow replacing an existing file.")
@click.option("--points", type=click.IntRange(min=5), default=121, show_default=True,
              help="Points on each curve.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="How to print the curves' data on stdout.")
def curves_cmd(spec: dict[str, Any], png: Path, overwrite: bool, points: int, fmt: str) -> None:
    """Draw the IS and LM curves (with the floor segment) to a PNG; print their data."""
    import io

    from monpol.islm import api

    if png.suffix.lower() != ".png":
        raise InputError(f"--output must be a .png file; got {str(png)!r}")
    check_output_path(png, overwrite=overwrite)
    result = api.run_curves(_request(api.CurvesRequest, spec, points=points))
    fig = result.plot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    atomic_write_bytes(png, buf.getvalue(), overwrite=overwrite)
    click.echo(f"wrote {png}", err=True)
    emit_result(OutputOptions(fmt), result)  # type: ignore[arg-type]


@islm_group.command("simulate")
@spec_options
@click.option("--periods", type=click.IntRange(min=1, max=MAX_PERIODS), required=True,
              help="Number of periods.")
@click.option("--shock", "shocks", multiple=True, metavar="NAME=VALUE@PERIOD",
              help="Set a parameter from PERIOD on (repeatable); NAME=VALUE@START-END for a "
                   "range, @P-P for one period. E.g. --shock G=120@5.")
@click.option("--flag-violations", is_flag=True,
              help="Continue past periods that violate a model assumption (flagged).")
@click.option("--engine", type=click.Choice(["numpy", "numba"]), default="numpy", show_default=True,
              help="numpy, or the compiled engine numba (pip install 'monpol[numba]'; "
                   "compiles for a few seconds on first use, kept in the cache directory; "
                   "then several times faster). Same results to rounding.")
@output_options
def simulate_cmd(spec: dict[str, Any], periods: int, shocks: tuple[str, ...],
                 flag_violations: bool, engine: str, out: OutputOptions) -> None:
    """Simulate N periods with shocks; every period's accounts are checked.

    A period that violates a model assumption stops the simulation (exit status 1) unless
    --flag-violations is given. The illustrative calibration is not a steady state: without
    shocks, banks' bond holdings B_b turn negative (assumption 26) in period 7.
    """
    from monpol.islm import api

    request = _request(api.SimulateRequest, spec, periods=periods, shocks=shocks,
                       flag_violations=flag_violations)
    emit_result(out, api.run_simulate(request, engine=engine))


@islm_group.command("params")
@output_options
def params_cmd(out: OutputOptions) -> None:
    """List the parameters: symbol, meaning, unit, default, allowed range."""
    from monpol.islm.spec import parameter_table

    table = parameter_table()
    s = Summary("Flow-of-funds IS-LM parameters (illustrative calibration)")
    for group in ("policy", "exogenous", "state", "behaviour"):
        part = table[table.group == group].drop(columns=["group", "description"])
        s.add_table(part, group)
    s.add_note("Use the names with --set NAME=VALUE; rates in percent, slopes per point.")
    s.add_note("NFA_b_1 has no default: unless given, it is derived as the balancing item "
               "that makes the opening balance sheets consistent (Σ NFA = 0).")
    rows = table.reset_index().to_dict(orient="records")
    emit(out, data=rows, frame=table, text=s.as_text())


def _grid_axis(item: str) -> tuple[str, tuple[float, float, int]]:
    from monpol.core.params import parse_assignment
    from monpol.core.validation import finite_float, positive_int

    hint = "takes NAME=START:STOP:COUNT (e.g. B_c=20:120:11; rates in percent)"
    name, text = parse_assignment(item, option="--grid", hint=hint)
    parts = text.split(":")
    if len(parts) != 3:
        raise InputError(f"--grid {hint}; got {item!r}")
    start, stop = (finite_float(f"--grid {name} start/stop", p) for p in parts[:2])
    count = positive_int(f"--grid {name} count", parts[2], maximum=10**6)
    return name, (start, stop, count)


@islm_group.command("sweep")
@spec_options
@click.option("--grid", "grid", multiple=True, metavar="NAME=START:STOP:COUNT",
              help="A grid axis (repeatable: every combination is solved), e.g. "
                   "--grid B_c=20:120:101 --grid CBL=10:80:8.")
@click.option("--draws", "draws_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="CSV file of parameter draws, one column per parameter.")
@click.option("--keep", "keep", multiple=True, metavar="VARIABLE",
              help="Variables to output (repeatable; default y, i_C, eps, e, M, B_b).")
@click.option("--flag-violations", is_flag=True,
              help="Flag draws that violate an assumption or do not converge instead of "
                   "stopping at the first (exit status 1).")
@backend_options(default_chunk=8192)
@click.option("--engine", type=click.Choice(["numpy", "numba"]), default="numpy", show_default=True,
              help="numpy, or the compiled engine numba (pip install 'monpol[numba]'; "
                   "compiles for a few seconds on first use, kept in the cache directory; "
                   "then several times faster). Same results to rounding.")
@output_options
def sweep_cmd(spec: dict[str, Any], grid: tuple[str, ...], draws_csv: Path | None,
              keep: tuple[str, ...], flag_violations: bool, chunk_size: int, backend: Any,
              engine: str, out: OutputOptions) -> None:
    """Solve many parameter draws or a grid at once, in chunks (numpy or Dask).

    Give --grid axes or a --draws CSV (not both). The chunks run in this process or, with
    --backend dask, on a Dask cluster; the results are the same.
    """
    from monpol.islm import api

    if bool(grid) == (draws_csv is not None):
        raise click.UsageError("give --grid axes or --draws FILE (one of them)")
    request = _request(api.SweepRequest, spec, grid=dict(_grid_axis(g) for g in grid),
                       draws_file=None if draws_csv is None else str(draws_csv),
                       keep=keep or api.SWEEP_KEEP, flag_violations=flag_violations)
    with progress_bar("chunks") as progress:
        res = api.run_sweep(request, chunk_size=chunk_size, backend=backend, progress=progress,
                            engine=engine)
    emit_result(out, res)


COMMANDS = [islm_group]
