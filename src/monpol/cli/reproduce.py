"""``monpol reproduce``: the casebook, the project's main job."""

from __future__ import annotations

from pathlib import Path

import click

from monpol.core.io import dumps_json
from monpol.report import areas, run_casebook
from monpol.report.casebook import MAX_JOBS

__all__ = ["COMMANDS"]


@click.command("reproduce")
@click.option("--output", "output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("casebook"), show_default=True,
              help="Directory to write the casebook into.")
@click.option("--only", "only", multiple=True, metavar="AREA",
              help="Build only this area (repeatable). See --list.")
@click.option("--overwrite", is_flag=True,
              help="Replace an existing casebook in OUTPUT (a non-empty directory that is not "
                   "a casebook is never replaced).")
@click.option("--jobs", "jobs", type=click.IntRange(1, MAX_JOBS), default=None,
              help="Worker processes building areas side by side [default: one per CPU, at "
                   "most one per area; 1 = in this process]. The output does not depend on it.")
@click.option("--list", "list_areas", is_flag=True, help="List the areas and exit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="How to print the outcome on stdout.")
def reproduce(output: Path, only: tuple[str, ...], overwrite: bool, jobs: int | None,
              list_areas: bool, fmt: str) -> int:
    """Reproduce every seed analysis on bundled data and write the casebook.

    Writes OUTPUT/index.html (self-contained, charts embedded), OUTPUT/casebook.md with
    OUTPUT/figures/, and a CSV file for every table under OUTPUT/tables/. Exits with
    status 1 if any area fails, naming it.
    """
    if list_areas:
        rows = [{"area": a.name, "title": a.title, "spec": a.spec, "seed": a.seed}
                for a in areas()]
        if fmt == "json":
            click.echo(dumps_json(rows))
        else:
            for r in rows:
                click.echo(f"{r['area']:<10} {r['title']}")
        return 0
    run = run_casebook(output, only=list(only) or None, overwrite=overwrite, jobs=jobs)
    click.echo(dumps_json(run) if fmt == "json" else str(run))
    if not run.ok:
        click.echo(f"monpol: error: casebook area(s) failed: {', '.join(run.failed)} "
                   f"(details in {output / 'index.html'})", err=True)
        return 1
    return 0


COMMANDS = [reproduce]
