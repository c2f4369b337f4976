"""The lock files pin every dependency pyproject.toml declares, at a version it allows, with
hashes; the main and test locks agree. A dependency added without `make lock` fails here."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)", re.M)


def locked(name):
    text = (ROOT / "requirements" / f"{name}.txt").read_text()
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


def declared(extra=None):
    names = PYPROJECT["project"]["optional-dependencies"][extra] if extra else None
    return [Requirement(line) for line in names or PYPROJECT["project"]["dependencies"]]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("main", declared()), ("test", declared() + declared("test"))],
)
def test_every_declared_dependency_is_locked_at_a_version_it_allows(lock, requirements):
    pins = locked(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements/{lock}.txt: make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock}.txt pins {name}=={pins[name]}, outside {requirement}: make lock"
        )


def test_the_main_and_test_locks_pin_the_same_versions():
    main, test = locked("main"), locked("test")
    assert {name: test.get(name) for name in main} == main


@pytest.mark.parametrize("lock", ["main", "test"])
def test_every_locked_package_has_a_hash(lock):
    text = (ROOT / "requirements" / f"{lock}.txt").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert entries
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
