"""Flow-of-funds IS-LM model (Domae; spec 04)."""

from monpol.islm.solver import compare, solve
from monpol.islm.spec import IslmSpec, load_spec

__all__ = ["IslmSpec", "compare", "load_spec", "solve"]
