"""``monpol dashboard``: the browser dashboard (needs the extra ``monpol[dashboard]``)."""

from __future__ import annotations

import importlib.util

import click

from monpol.cli.options import FiniteRange

__all__ = ["COMMANDS", "EXTRA_MESSAGE"]

EXTRA_MESSAGE = ("the dashboard needs the optional extra 'dashboard' (Dash and plotly): "
                 "pip install 'monpol[dashboard]'")


def _require_dash() -> None:
    for module in ("dash", "plotly"):
        if importlib.util.find_spec(module) is None:
            raise click.ClickException(f"{EXTRA_MESSAGE} ({module} is not installed)")


@click.command("dashboard")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost makes the "
                   "dashboard reachable from other machines (it has no login).")
@click.option("--port", type=click.IntRange(0, 65535), default=8050, show_default=True,
              help="Port (0: a free one).")
@click.option("--time-limit", type=FiniteRange(1, 3600), default=60.0, show_default=True,
              help="Seconds one computation may take before it is stopped.")
@click.option("--workers", type=click.IntRange(1, 8), default=2, show_default=True,
              help="Worker processes running the computations.")
@click.option("--check", is_flag=True,
              help="Build every page, list the sections and whether their api entry exists, "
                   "and exit without serving.")
def dashboard_cmd(host: str, port: int, time_limit: float, workers: int, check: bool) -> None:
    """Serve the interactive dashboard in your browser (local by default).

    \b
    Pages: rules, exit, IS-LM, bonds, events; every input is validated by the same
    application layer as the CLI. Stop with Ctrl+C.
    """
    from monpol.dashboard.server import LOCALHOST, check_host

    host = check_host(host)
    _require_dash()
    from monpol.dashboard import create_app, serve

    if check:
        app = create_app(workers=0)
        for page in app.monpol_pages:
            for section in page.sections:
                sid = page.section_id(section)
                state = app.monpol_missing.get(sid, "ok")
                click.echo(f"{page.path:<8} {section.key:<12} {section.api}."
                           f"REQUESTS[{section.request!r}]: {state}")
        return
    app = create_app(workers=workers, time_limit=time_limit)
    if host not in (LOCALHOST, "localhost", "::1"):
        click.echo(f"monpol dashboard: listening on {host}: reachable from other machines, "
                   f"without a login", err=True)

    def ready(url: str) -> None:
        click.echo(f"monpol dashboard: {url}  (Ctrl+C to stop)")

    serve(app, host=host, port=port, ready=ready)


COMMANDS = [dashboard_cmd]
