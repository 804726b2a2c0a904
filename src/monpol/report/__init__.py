"""The casebook (``monpol reproduce``): each seed analysis reproduced on bundled data.

Areas register a build function with :func:`register_area` in ``monpol/report/cases/<area>.py``;
:func:`run_casebook` builds them all into one report. See :mod:`monpol.report.casebook`.
"""

from monpol.report.casebook import (
    Area,
    CasebookRun,
    Comparison,
    Section,
    areas,
    register_area,
    run_casebook,
)

__all__ = ["Area", "CasebookRun", "Comparison", "Section", "areas", "register_area", "run_casebook"]
