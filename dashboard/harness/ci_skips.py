"""A pytest plugin (tests/conftest.py loads it): under CI=true, a test that needs PostgreSQL,
Redis or Chromium and skipped fails the run, with the list of them. CI provides all three
(.ci/run), so such a skip means a service did not start or a test skips where it should fail;
a green run must not hide it. REQUIRE_BROWSER and REQUIRE_REDIS make the fixtures fail at once
instead of skipping; this catches whatever else skipped.

A skip counts when its reason names one of the services, or when the test is a PostgreSQL
variant (`[postgresql]`) or marked `browser`.
"""

from __future__ import annotations

import re

import pytest

from dashboard import settings

SERVICE_WORDS = re.compile(r"TEST_DATABASE_URL|postgres|redis|chromium|browser|playwright", re.I)


def needs_a_service(report: pytest.TestReport) -> bool:
    reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return bool(
        SERVICE_WORDS.search(reason)
        or "[postgresql" in report.nodeid
        or "browser" in report.keywords
    )


class UnexpectedSkips:
    def __init__(self) -> None:
        self.skipped: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.skipped and needs_a_service(report):
            self.skipped.append(report.nodeid)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if settings.raw("CI").strip().lower() != "true" or not self.skipped:
            return
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"CI=true: {len(self.skipped)} test(s) that need PostgreSQL, Redis or "
                "Chromium skipped:",
                red=True,
            )
            for nodeid in self.skipped:
                reporter.write_line(f"  {nodeid}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(UnexpectedSkips(), "unexpected-skips")
