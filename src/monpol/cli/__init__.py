"""The ``monpol`` command line: a thin layer over the Python API (no computation here)."""
