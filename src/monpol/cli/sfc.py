"""``monpol sfc``: declared stock-flow-consistent models from the command line.

Thin layer over :mod:`monpol.sfc.api`. MODEL is a bundled name (``monpol sfc list``) or the path
of a model file (TOML). JSON contract of ``run``: ``{"model", "periods", "series": {VAR:
[N values]}, "max_accounting_residual", "regimes"}``.
"""

from __future__ import annotations

import click

from monpol.cli.options import OutputOptions, emit, emit_result, output_options
from monpol.core.errors import InputError
from monpol.core.params import parse_assignments
from monpol.core.validation import finite_float, positive_int

__all__ = ["COMMANDS"]


def _pairs(values: tuple[str, ...], option: str, example: str) -> list[tuple[str, str]]:
    return parse_assignments(values, option=option, hint=f"takes {example}", split_commas=True)


@click.group("sfc")
def sfc_group() -> None:
    """Declared stock-flow-consistent models: list, show, run (Godley-Lavoie and others)."""


@sfc_group.command("list")
@output_options
def list_cmd(out: OutputOptions) -> None:
    """List the bundled models."""
    from monpol.sfc import api

    res = api.run_list()
    emit(out, data=res.to_dict()["models"], frame=res.to_frame(), text=str(res))


@sfc_group.command("show")
@click.argument("model")
@output_options
def show_cmd(model: str, out: OutputOptions) -> None:
    """Show MODEL: equations, symbols, matrices and the dependency blocks."""
    from monpol.sfc import api

    res = api.run_show(api.ShowRequest(model=model))
    emit(out, data=res.to_dict(), frame=res.to_frame(), text=res.describe())


@sfc_group.command("run")
@click.argument("model")
@click.option("--periods", default="100", show_default=True, help="Number of periods (at most 100000).")
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="Change a parameter, exogenous variable or opening value (repeatable).")
@click.option("--shock", "shocks", multiple=True, metavar="NAME=VALUE@PERIOD",
              help="Set an exogenous variable or parameter to VALUE from PERIOD on (repeatable).")
@output_options
def run_cmd(model: str, periods: str, sets: tuple[str, ...], shocks: tuple[str, ...],
            out: OutputOptions) -> None:
    """Simulate MODEL; every period's matrices are checked."""
    from monpol.sfc import api

    changes = {k: finite_float(f"--set {k}", v)
               for k, v in _pairs(sets, "--set", "NAME=VALUE (e.g. --set theta=0.25)")}
    steps: dict[str, dict[int, float]] = {}
    for name, rest in _pairs(shocks, "--shock", "NAME=VALUE@PERIOD (e.g. --shock G=25@5)"):
        value, sep, period = rest.partition("@")
        if not sep:
            raise InputError(f"--shock takes NAME=VALUE@PERIOD (e.g. --shock G=25@5); got "
                             f"{name}={rest!r}")
        steps.setdefault(name, {})[positive_int(f"--shock {name} period", period)] = finite_float(
            f"--shock {name}", value)
    request = api.SimulateRequest(model=model, periods=positive_int("--periods", periods),
                                  set=changes, shocks=steps)
    emit_result(out, api.run_simulate(request))


COMMANDS = [sfc_group]
