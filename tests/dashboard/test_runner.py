"""The runner: values and exceptions come back; a slow call is stopped at the limit."""

from __future__ import annotations

import pytest

from monpol.core.errors import InputError
from monpol.dashboard.runner import Runner, TimeLimitExceeded
from tests.dashboard.fake_api import (
    PowerRequest,
    SleepRequest,
    run_boom,
    run_power,
    run_sleep,
)


def test_a_worker_returns_the_result_and_reraises_errors() -> None:
    with Runner(workers=1, time_limit=1.0) as runner:
        assert runner.call(run_power, PowerRequest(x=3.0)).value == 9.0
        with pytest.raises(RuntimeError, match="boom 1"):
            from tests.dashboard.fake_api import BoomRequest

            runner.call(run_boom, BoomRequest())
        with pytest.raises(TimeLimitExceeded, match="longer than the dashboard's limit of 1 s"):
            runner.call(run_sleep, SleepRequest(seconds=30))
        # the killed worker was replaced
        assert runner.call(run_power, PowerRequest(x=2.0, power=3)).value == 8.0


def test_in_process_runner_and_bad_settings() -> None:
    with Runner(workers=0) as runner:
        assert runner.call(run_power, PowerRequest()).value == 4.0
    with pytest.raises(InputError, match="time_limit must be in"):
        Runner(time_limit=0.1)
    with pytest.raises(InputError, match="workers must be an integer >= 0 and at most 8"):
        Runner(workers=99)
