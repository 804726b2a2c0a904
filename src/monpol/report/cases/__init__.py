"""Casebook cases: one module per area (``monpol/report/cases/<area>.py``).

Each module decorates a build function with :func:`monpol.report.register_area`;
:func:`monpol.report.casebook.discover` imports every module of this package, so a new area
(e.g. ``sfc``) adds ``cases/sfc.py`` and nothing else changes.
"""
