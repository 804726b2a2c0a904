"""monpol — a lab for monetary-policy analysis.

Areas (one subpackage each): :mod:`monpol.rules` (policy rules and reaction functions),
and the others as they land. Shared pieces live in :mod:`monpol.core`; bundled datasets in
:mod:`monpol.data`; the casebook (``monpol reproduce``) in :mod:`monpol.report`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("monpol")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
