"""`make run` and `make test` install exact versions from the lockfiles; every dependency that
pyproject.toml names is pinned there, at a version its range allows (`make lock` refreshes)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _pins(lockfile: str) -> dict[str, str]:
    text = (ROOT / lockfile).read_text(encoding="utf-8")
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)", text, flags=re.M)
    }


def _requirements(extra: str | None = None) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return [Requirement(text) for text in names]


@pytest.mark.parametrize(
    ("lockfile", "extra"), [("requirements.lock", None), ("requirements-test.lock", "test")]
)
def test_every_dependency_is_pinned_within_its_range(lockfile, extra):
    pins = _pins(lockfile)
    problems = []
    for requirement in _requirements(extra):
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement.name}: not in {lockfile} (run make lock)")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement.name}=={pins[name]} is outside {requirement.specifier}")
    assert problems == []


def test_extras_of_dependencies_are_locked_too():
    # dash[compress]: responses are compressed by flask-compress, which the extra pulls in.
    assert "flask-compress" in _pins("requirements.lock")


def test_every_pin_carries_hashes():
    for lockfile in ("requirements.lock", "requirements-test.lock"):
        text = (ROOT / lockfile).read_text(encoding="utf-8")
        blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text.split("\n", 2)[2])
        assert all("--hash=sha256:" in block for block in blocks if "==" in block), lockfile


def test_the_makefile_installs_from_the_lockfiles():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--require-hashes -r requirements-test.lock" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
