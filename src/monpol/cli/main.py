"""The ``monpol`` command.

Command groups live one per module in :mod:`monpol.cli` and are discovered at start-up:
a module exposing ``COMMANDS`` (a list of click commands or groups) is added to the root
group. No computation happens here.

Exit status: 0 success; 2 usage errors (bad options, values that are not allowed); 1 any
other failure (data, convergence, accounting, I/O). Errors print one line to stderr; a
traceback only with ``--debug``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Sequence
from typing import Any

import click

import monpol
from monpol.core.errors import InputError, MonpolError

__all__ = ["cli", "main"]

_NOT_GROUPS = {"main", "options"}


class MonpolGroup(click.Group):
    """Root group: one-line errors, exit status 2 for usage and 1 for other failures."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        code: int
        message: str | None = None
        try:
            rv = super().main(
                argv, prog_name or "monpol", complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else 0
        except click.exceptions.NoArgsIsHelpError as exc:
            assert exc.ctx is not None
            click.echo(exc.ctx.get_help())
            code = 0
        except click.exceptions.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            code, message = 2, exc.format_message() + hint
        except click.exceptions.Abort:
            code, message = 1, "aborted"
        except click.ClickException as exc:
            code, message = exc.exit_code, exc.format_message()
        except InputError as exc:
            if debug:
                raise
            code, message = 2, str(exc)
        except MonpolError as exc:
            if debug:
                raise
            code, message = 1, str(exc)
        except OSError as exc:
            if debug:
                raise
            code, message = 1, f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
        except Exception as exc:
            if debug:
                raise
            code = 1
            message = (
                f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for the "
                f"traceback and please report it"
            )
        if message is not None:
            click.echo(f"monpol: error: {' '.join(message.split())}", err=True)
        if standalone_mode:
            sys.exit(code)
        return code


@click.group("monpol", cls=MonpolGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(monpol.__version__, prog_name="monpol")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
def cli(debug: bool) -> None:
    """monpol: monetary-policy analyses from the literature, on real data.

    Start with 'monpol reproduce' (every seed analysis on bundled data, written as a
    report) or 'monpol data list'.
    """


def _discover() -> None:
    import monpol.cli as pkg

    for mod in pkgutil.iter_modules(pkg.__path__):
        if mod.name.startswith("_") or mod.name in _NOT_GROUPS:
            continue
        module = importlib.import_module(f"monpol.cli.{mod.name}")
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_discover()


def main(args: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    return int(cli.main(args, standalone_mode=False))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
