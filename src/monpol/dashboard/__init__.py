"""The browser dashboard (``monpol dashboard``; the optional extra ``monpol[dashboard]``).

A Dash app on top of the application layer: every section of a page is a form generated
from a request class of ``monpol.<area>.api`` and the result of its ``run_<what>``
function. :func:`create_app` builds the app, :func:`serve` serves it (blocking) and
:func:`running` serves it in a background thread.
"""

from __future__ import annotations

from monpol.dashboard.app import Dashboard, create_app
from monpol.dashboard.page import Page, Section, discover_pages
from monpol.dashboard.runner import Runner, TimeLimitExceeded
from monpol.dashboard.server import running, serve

__all__ = ["Dashboard", "Page", "Runner", "Section", "TimeLimitExceeded", "create_app",
           "discover_pages", "running", "serve"]
