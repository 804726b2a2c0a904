"""File output: atomic writes that never clobber what a user had, and JSON conversion.

Every file monpol writes goes through :func:`atomic_write_bytes` (or a wrapper): the data
are written to a temporary file in the target's directory, flushed to disk and renamed over
the target in one step, so a crash leaves either the old file or the new one, never half a
file. An existing target is replaced only with ``overwrite=True``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monpol.core.errors import DataError, InputError, OutputExistsError

__all__ = [
    "atomic_directory",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output_path",
    "dumps_json",
    "read_csv_numbers",
    "read_csv_text",
    "read_text",
    "to_jsonable",
]


def check_output_path(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Return ``path`` as a Path after checking it may be written.

    Raises
    ------
    OutputExistsError
        If the path exists and ``overwrite`` is false.
    InputError
        If the parent directory does not exist.
    """
    p = Path(path)
    if p.exists() and not overwrite:
        raise OutputExistsError(
            f"output {str(p)!r} already exists; pass overwrite=True (CLI: --overwrite) "
            f"to replace it"
        )
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"output {str(p)!r}: directory {str(parent)!r} does not exist")
    return p


def atomic_write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file + rename)."""
    p = check_output_path(path, overwrite=overwrite)
    if p.is_dir():
        raise OutputExistsError(f"output {str(p)!r} is a directory, not a file")
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return p


def atomic_write_text(
    path: str | os.PathLike[str], text: str, *, overwrite: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write ``text`` to ``path`` atomically."""
    return atomic_write_bytes(path, text.encode(encoding), overwrite=overwrite)


@contextlib.contextmanager
def atomic_directory(
    path: str | os.PathLike[str], *, overwrite: bool = False, marker: str | None = None
) -> Iterator[Path]:
    """Build a directory in a temporary sibling and move it into place on success.

    Yields the temporary directory to write into. If the block raises, the temporary
    directory is removed and an existing ``path`` is left untouched.

    Replacing a directory deletes everything in it, so ``marker`` names a file that
    identifies a directory this function wrote before (e.g. ``"casebook.md"``): an existing
    non-empty directory without it is never replaced, even with ``overwrite=True``.
    """
    target = Path(os.path.abspath(path))
    shown = str(path)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"output {shown!r} exists and is not a directory")
    nonempty = target.exists() and any(target.iterdir())
    if nonempty and not overwrite:
        raise OutputExistsError(
            f"output directory {shown!r} already exists and is not empty; pass "
            f"overwrite=True (CLI: --overwrite) to replace it"
        )
    if nonempty and marker is not None and not (target / marker).is_file():
        raise OutputExistsError(
            f"output directory {shown!r} is not empty and has no {marker!r}, so it was not "
            f"written by monpol; refusing to replace it (and delete its contents) even with "
            f"overwrite=True: choose a new or empty directory"
        )
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.tmp-"))
    try:
        yield tmp
        os.chmod(tmp, 0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.old-"))
            os.rmdir(old)
            os.replace(target, old)
            try:
                os.replace(tmp, target)
            except BaseException:
                os.replace(old, target)  # put the previous directory back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def to_jsonable(obj: Any) -> Any:
    """Convert results, numpy/pandas values and containers to plain JSON types.

    Non-finite floats become ``None`` (JSON has no NaN); dates become ISO strings;
    periods become their string form (``"2011Q3"``); DataFrames become lists of records.
    """
    if obj is None or obj is pd.NaT or isinstance(obj, bool | str):
        return None if obj is pd.NaT else obj
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        v = float(obj)
        return v if math.isfinite(v) else None
    if hasattr(obj, "to_dict") and callable(obj.to_dict) and not isinstance(
        obj, pd.DataFrame | pd.Series
    ):
        return to_jsonable(obj.to_dict())
    if isinstance(obj, pd.DataFrame):
        frame = obj.reset_index() if not isinstance(obj.index, pd.RangeIndex) else obj
        return [to_jsonable(r) for r in frame.to_dict(orient="records")]
    if isinstance(obj, pd.Series):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, pd.Period):
        return str(obj)
    if isinstance(obj, pd.Timestamp | dt.datetime):
        ts = pd.Timestamp(obj)
        return ts.date().isoformat() if ts == ts.normalize() and ts.tz is None else ts.isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, np.ndarray):
        return [to_jsonable(v) for v in obj.tolist()]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    try:
        if pd.isna(obj):
            return None
    except (TypeError, ValueError):
        pass
    return str(obj)


def dumps_json(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise ``obj`` (after :func:`to_jsonable`) as strict JSON."""
    return json.dumps(to_jsonable(obj), indent=indent, allow_nan=False, ensure_ascii=False)


def read_text(path: str | os.PathLike[str], *, what: str = "file") -> str:
    """Read a user's UTF-8 text file (config, TOML); a byte-order mark is tolerated.

    Raises
    ------
    InputError
        ``path`` is not an existing file.
    DataError
        The file is not UTF-8 text (e.g. Shift-JIS or binary); the message says so.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} {str(p)!r} does not exist or is not a file")
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{what} {str(p)!r} is not UTF-8 text (byte {exc.start}: "
                        f"{exc.object[exc.start:exc.start + 1]!r}); save it as UTF-8") from None


def read_csv_text(path: str | os.PathLike[str], *, what: str = "file") -> pd.DataFrame:
    """Read a user's CSV file with every cell as text, for the caller to validate.

    No missing-value guessing (an empty cell is ``""``), leading spaces after delimiters
    dropped, a byte-order mark tolerated (spreadsheet exports often start with one).

    Raises
    ------
    InputError
        ``path`` is not an existing file.
    DataError
        The file cannot be parsed as CSV (the message names ``what`` and the path).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} {str(p)!r} does not exist or is not a file")
    try:
        return pd.read_csv(p, dtype=str, keep_default_na=False, skipinitialspace=True,
                           encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise DataError(f"{what} {str(p)!r} is not a readable CSV file ({detail})") from None


def read_csv_numbers(path: str | os.PathLike[str], *, what: str = "file",
                     unit: str = "") -> pd.DataFrame:
    """Read a user's CSV file of numbers: one named column per variable, every cell finite.

    Raises
    ------
    InputError
        ``path`` is not an existing file.
    DataError
        Not a readable CSV, no rows, or a cell that is not a finite number (the message
        names the column, the row and the value).
    """
    frame = read_csv_text(path, what=what)
    if frame.empty:
        raise DataError(f"{what} {str(path)!r} has no rows")
    values = frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        in_unit = f" in {unit}" if unit else ""
        raise DataError(f"{what} {str(path)!r}: row {row} of column {frame.columns[col]!r} "
                        f"must be a finite number{in_unit}; got {frame.iloc[row, col]!r}")
    return pd.DataFrame(values, columns=[str(c).strip() for c in frame.columns])

