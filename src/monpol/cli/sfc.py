"""``monpol sfc``: declared stock-flow-consistent models from the command line.

Thin layer over :mod:`monpol.sfc`. MODEL is a bundled name (``monpol sfc list``) or the path
of a model file (TOML). JSON contract of ``run``: ``{"model", "periods", "series": {VAR:
[N values]}, "max_accounting_residual", "regimes"}``.
"""

from __future__ import annotations

import click
import pandas as pd

from monpol.cli.options import OutputOptions, emit, emit_result, output_options
from monpol.core.errors import InputError
from monpol.core.results import Summary
from monpol.core.validation import finite_float, positive_int

__all__ = ["COMMANDS"]


def _pairs(values: tuple[str, ...], option: str, example: str) -> list[tuple[str, str]]:
    out = []
    for chunk in values:
        for item in chunk.split(","):
            item = item.strip()
            if not item:
                continue
            name, sep, value = item.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise InputError(f"{option} takes {example}; got {item!r}")
            out.append((name.strip(), value.strip()))
    return out


@click.group("sfc")
def sfc_group() -> None:
    """Declared stock-flow-consistent models: list, show, run (Godley-Lavoie and others)."""


@sfc_group.command("list")
@output_options
def list_cmd(out: OutputOptions) -> None:
    """List the bundled models."""
    from monpol.sfc import bundled, list_models

    rows = []
    for name in list_models():
        m = bundled(name)
        rows.append({"model": name, "title": m.title, "source": m.source,
                     "equations": len(m.equations)})
    frame = pd.DataFrame(rows, columns=["model", "title", "source", "equations"])
    s = Summary("Bundled SFC models")
    s.add_table(frame, index=False)
    emit(out, data=rows, frame=frame, text=str(s))


@sfc_group.command("show")
@click.argument("model")
@output_options
def show_cmd(model: str, out: OutputOptions) -> None:
    """Show MODEL: equations, symbols, matrices and the dependency blocks."""
    from monpol.sfc import compile_model, load_model

    m = load_model(model)
    blocks = compile_model(m).block_table()
    data = {
        "model": m.name, "title": m.title, "source": m.source,
        "equations": [{"label": e.label, "eq": e.text} for e in m.equations],
        "parameters": dict(m.parameters), "exogenous": dict(m.exogenous),
        "endogenous": dict(m.endogenous),
        "balance_sheet": {r: dict(c) for r, c in m.balance_sheet.items()},
        "transactions": {r: dict(c) for r, c in m.transactions.items()},
        "regimes": dict(m.regimes), "blocks": blocks,
    }
    frame = pd.DataFrame([{"block": b["block"], "method": b["method"],
                           "variables": " ".join(b["variables"]),
                           "equations": " ".join(b["equations"])} for b in blocks])
    text = m.describe() + "\nblocks (solution order):\n" + "\n".join(
        f"  {b['block']}. {b['method']}: {', '.join(b['variables'])} "
        f"(equations {', '.join(b['equations'])})" for b in blocks)
    emit(out, data=data, frame=frame, text=text)


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
    from monpol.sfc import load_model, simulate

    n = positive_int("--periods", periods)
    m = load_model(model)
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
    emit_result(out, simulate(m, n, set=changes, shocks=steps))


COMMANDS = [sfc_group]
