"""Declared stock-flow-consistent (SFC) models: declare, compile, simulate, check accounts.

A model is declared with symbols by role and equations as text (:class:`Model`, or a TOML
model file), compiled once to numpy residuals with analytic Jacobians, split into solution
blocks (strongly connected components) and simulated period by period; every period's
declared balance-sheet and transactions-flow matrices are checked.

>>> from monpol.sfc import bundled, simulate, steady_state
>>> run = simulate(bundled("gl-sim"), 60)
>>> round(float(run["Y"][0]), 2), round(steady_state(bundled("gl-sim"))["Y"], 6)
(38.46, 100.0)

Bundled models: :func:`list_models`; a bundled name or a path: :func:`load_model`.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from monpol.core.errors import InputError
from monpol.sfc.compile import Block, CompiledModel, compile_model
from monpol.sfc.results import SfcBatch, SfcRun, SfcSteadyState
from monpol.sfc.simulate import MAX_PERIODS, simulate, simulate_many, steady_state
from monpol.sfc.spec import Equation, Model

__all__ = [
    "MAX_PERIODS",
    "Block",
    "CompiledModel",
    "Equation",
    "Model",
    "SfcBatch",
    "SfcRun",
    "SfcSteadyState",
    "bundled",
    "compile_model",
    "list_models",
    "load_model",
    "simulate",
    "simulate_many",
    "steady_state",
]


def list_models() -> list[str]:
    """Names of the bundled models (``gl-sim``, ``gl-pc``, ...)."""
    root = resources.files("monpol.sfc") / "models"
    return sorted(p.name[: -len(".toml")] for p in root.iterdir() if p.name.endswith(".toml"))


def bundled(name: str) -> Model:
    """A bundled model by name."""
    names = list_models()
    if not isinstance(name, str) or name not in names:
        raise InputError(f"model must be one of {', '.join(map(repr, names))} or a model file "
                         f"path; got {name!r}")
    text = (resources.files("monpol.sfc") / "models" / f"{name}.toml").read_text(encoding="utf-8")
    return Model.from_toml_text(text, default_name=name)


def load_model(name_or_path: str | Path) -> Model:
    """A bundled model name or the path of a model file (``.toml``)."""
    if not isinstance(name_or_path, str | Path) or not str(name_or_path).strip():
        raise InputError(f"model must be a bundled model name ({', '.join(list_models())}) or a "
                         f"model file path; got {name_or_path!r}")
    s = str(name_or_path)
    if s in list_models():
        return bundled(s)
    p = Path(s)
    if p.suffix.lower() == ".toml" or p.exists():
        return Model.from_toml(p)
    return bundled(s)  # raises, listing the names
