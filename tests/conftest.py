"""Shared test configuration: headless plotting, deterministic hypothesis profile."""

from __future__ import annotations

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

settings.register_profile("monpol", deadline=None, derandomize=True, max_examples=100)
settings.load_profile("monpol")
