"""Under CI=true a skipped test that needs PostgreSQL, Redis or Chromium fails the run (the
plugin tests/conftest.py loads); other skips, and runs outside CI, stay as they are."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import pytest

def test_fine():
    pass

def test_needs_postgresql():
    pytest.skip("TEST_DATABASE_URL is not set")

@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_variant(db):
    if db == "postgresql":
        pytest.skip("no server")

def test_needs_redis():
    pytest.skip("no Redis on 127.0.0.1:6379")

@pytest.mark.browser
def test_in_chromium():
    pytest.skip("not here")

def test_other_reason():
    pytest.skip("only on Windows")
"""


def _run(pytester: pytest.Pytester, monkeypatch, ci: str | None, source: str = TESTS):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    pytester.makeini("[pytest]\nmarkers =\n    browser: needs Chromium\n")
    pytester.makepyfile(test_some=source)
    return pytester.runpytest_inprocess("-p", "dashboard.harness.ci_skips", "-p", "no:dash")


def test_service_skips_fail_the_run_under_ci(pytester, monkeypatch):
    result = _run(pytester, monkeypatch, "true")
    result.assert_outcomes(passed=2, skipped=5)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    listed = "\n".join(result.outlines)
    for name in ("test_needs_postgresql", "test_variant[postgresql]", "test_needs_redis",
                 "test_in_chromium"):  # fmt: skip
        assert name in listed
    assert "test_other_reason" not in listed.split("skipped:", 1)[1]


def test_outside_ci_skips_stay_skips(pytester, monkeypatch):
    assert _run(pytester, monkeypatch, None).ret == pytest.ExitCode.OK


def test_under_ci_other_skips_pass(pytester, monkeypatch):
    source = "import pytest\n\ndef test_x():\n    pytest.skip('only on Windows')\n"
    assert _run(pytester, monkeypatch, "true", source).ret == pytest.ExitCode.OK
