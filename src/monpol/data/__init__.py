"""Bundled datasets with their provenance: ``names()``, ``info(name)``, ``load(name)``.

See :mod:`monpol.data.registry` for the folder layout and the metadata fields, and
``docs/data.md`` for the list of datasets.
"""

from monpol.data.registry import DatasetInfo, DatasetMetadata, info, load, names

__all__ = ["DatasetInfo", "DatasetMetadata", "info", "load", "names"]
