"""Every setting is declared once (dashboard/settings.py) and documented in the README, and no
code reads the environment behind the settings module's back."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import settings

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("dashboard", "components", "pages")


def _code_files():
    yield ROOT / "app.py"
    for folder in CODE_DIRS:
        yield from (ROOT / folder).rglob("*.py")


def test_every_declared_setting_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if f"| `{s.name}` |" not in readme]
    assert missing == []


def test_every_setting_in_the_readme_is_declared():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", section, flags=re.MULTILINE))
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
        used |= set(re.findall(r"settings\.get(?:_float)?\(\s*\"([A-Z_]+)\"", text))
        used |= set(re.findall(r"settings\.get(?:_float)?\(\s*'([A-Z_]+)'", text))
    assert used and used <= declared
    # ci and tests set these; they are declared so the README documents them.
    assert {"TEST_DATABASE_URL", "REQUIRE_BROWSER"} <= declared
