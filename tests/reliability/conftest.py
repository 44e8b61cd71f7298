"""Write what the reliability tests recorded when NETLYTICS_RELIABILITY_JSON is set."""

from __future__ import annotations

import os

from tests.reliability import RESULTS_ENV, dump


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get(RESULTS_ENV)
    if path:
        dump(path)
