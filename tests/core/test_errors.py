from __future__ import annotations

import pytest

from monpol import errors
from monpol.core import errors as core_errors


def test_hierarchy_matches_builtins() -> None:
    assert issubclass(errors.InputError, errors.MonpolError)
    assert issubclass(errors.InputError, ValueError)
    assert issubclass(errors.DataError, ValueError)
    assert issubclass(errors.ConvergenceError, RuntimeError)
    assert issubclass(errors.AccountingError, ArithmeticError)
    assert issubclass(errors.OutputExistsError, FileExistsError)
    assert issubclass(errors.MonpolWarning, UserWarning)


def test_public_module_reexports_core() -> None:
    assert errors.InputError is core_errors.InputError


def test_input_error_caught_as_value_error() -> None:
    with pytest.raises(ValueError, match="bad"):
        raise errors.InputError("bad")
