"""The dashboard calls the application layer only: it imports ``monpol.core``, itself and
``monpol.<area>.api`` (named in its pages), never an area's domain modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "src" / "monpol" / "dashboard"
ALLOWED = ("monpol.core", "monpol.dashboard")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return {m for m in found if m.startswith("monpol")}


@pytest.mark.parametrize("path", sorted(DASHBOARD.rglob("*.py")), ids=lambda p: p.name)
def test_only_core_and_itself(path: Path) -> None:
    bad = sorted(m for m in _imports(path) if not m.startswith(ALLOWED))
    assert bad == []


def test_pages_name_api_modules_only() -> None:
    from monpol.dashboard import discover_pages

    apis = {s.api for p in discover_pages() for s in p.sections}
    assert apis == {f"monpol.{a}.api" for a in ("rules", "exit", "islm", "bonds", "events")}
