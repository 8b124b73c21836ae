"""Every setting is declared once (dashboard/settings.py) and documented in docs/settings.md, and no
code reads the environment behind the settings module's back."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import settings

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("dashboard", "components", "pages")


def _code_files():
    yield ROOT / "app.py"
    for folder in CODE_DIRS:
        yield from (ROOT / folder).rglob("*.py")


SETTINGS_DOC = ROOT / "docs" / "settings.md"


def test_every_declared_setting_is_in_the_settings_table():
    table = SETTINGS_DOC.read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if f"| `{s.name}` |" not in table]
    assert missing == []


def test_every_setting_in_the_table_is_declared():
    table = SETTINGS_DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert documented == {s.name for s in settings.SETTINGS}


def test_every_setting_has_help_text():
    assert all(len(s.help) > 20 for s in settings.SETTINGS)


def test_only_the_settings_module_reads_the_environment():
    offenders = []
    for path in _code_files():
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|os\.getenv|getenv\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_settings_used_in_code_are_declared():
    declared = {s.name for s in settings.SETTINGS}
    used = set()
    for path in _code_files():
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"settings\.(?:value|raw)\(\s*[\"']([A-Z_]+)[\"']", text))
    assert used and used <= declared
    # ci and tests set these; they are declared so docs/settings.md documents them.
    assert {"TEST_DATABASE_URL", "REQUIRE_BROWSER"} <= declared


# --- typed values, refused at start ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "bad", "reason"),
    [
        ("HOURS_PER_FTE", "abc", "not a number"),
        ("HOURS_PER_FTE", "0", "above 0"),
        ("COST_PER_HOUR_NOK", "6,50", "not a number"),
        ("PORT", "80a", "whole number"),
        ("PORT", "70000", "1 to 65535"),
        ("WEB_CONCURRENCY", "²", "whole number"),
        ("REQUIRE_LOGIN", "kanskje", "yes/no"),
        ("SESSION_COOKIE_SECURE", "2", "yes/no"),
        ("DEFAULT_LANGUAGE", "sv", "nb, da, en"),
        ("REDIS_URL", "localhost:6379", "redis://"),
        ("TRUSTED_PROXY_ADDRESSES", "10.0.0.0/8, proxy.local", "'proxy.local'"),
        ("DATABASE_URL", "not a url", "database URL"),
    ],
)
def test_a_bad_value_is_named_with_its_reason(monkeypatch, name, bad, reason):
    monkeypatch.setenv(name, bad)
    with pytest.raises(settings.SettingError) as refused:
        settings.value(name)
    assert str(refused.value).startswith(f"{name}=") and reason in str(refused.value)
    assert [line for line in settings.problems() if line.startswith(f"{name}=")]


@pytest.mark.parametrize("text", ["1", "true", "Yes", "on", "ja"])
def test_one_boolean_parser_for_every_yes(monkeypatch, text):
    for name in ("REQUIRE_LOGIN", "SESSION_COOKIE_SECURE", "REQUIRE_BROWSER"):
        monkeypatch.setenv(name, text)
        assert settings.value(name) is True


@pytest.mark.parametrize("text", ["0", "false", "No", "off", "nei", "nej"])
def test_one_boolean_parser_for_every_no(monkeypatch, text):
    for name in ("REQUIRE_LOGIN", "SESSION_COOKIE_SECURE", "REQUIRE_BROWSER"):
        monkeypatch.setenv(name, text)
        assert settings.value(name) is False


def test_the_defaults_are_all_valid(monkeypatch):
    for setting in settings.SETTINGS:
        monkeypatch.delenv(setting.name, raising=False)
    assert settings.problems() == []


def test_the_app_factory_refuses_a_bad_setting(monkeypatch):
    from app import create_app

    monkeypatch.setenv("HOURS_PER_FTE", "mange")
    with pytest.raises(settings.SettingError, match="HOURS_PER_FTE='mange'"):
        create_app(database_url="sqlite://")


def test_the_cli_exits_naming_the_bad_setting(tmp_path):
    """What `make run` does first (`dashboard migrate`): a bad value stops it with its name."""
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "migrate"],
        env={
            "PATH": "/usr/bin:/bin",
            "HOURS_PER_FTE": "1 695",
            "PORT": "http",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "HOURS_PER_FTE='1 695'" in result.stderr and "PORT='http'" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()  # stopped before touching the database
