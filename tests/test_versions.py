"""The declared versions agree everywhere: pyproject.toml and requirements.txt list the same
packages with the same bounds, every bound is one CI's lowest job can install, the lock
(constraints.txt) stays inside the bounds, and the README states the same Python."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(r) for r in PROJECT["dependencies"]]
TEST_TOOLS = [Requirement(r) for r in PROJECT["optional-dependencies"]["test"]]


def requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def by_name(requirements: list[Requirement]) -> dict[str, str]:
    return {canonicalize_name(r.name): str(r.specifier) for r in requirements}


def test_requirements_txt_is_pyproject_dependencies() -> None:
    """Community Cloud installs requirements.txt; pip install . reads pyproject.toml."""
    listed = [Requirement(line) for line in requirement_lines(ROOT / "requirements.txt")]
    assert by_name(listed) == by_name(RUNTIME)
    assert len(listed) == len(RUNTIME)


@pytest.mark.parametrize("requirement", RUNTIME, ids=str)
def test_every_dependency_has_a_lower_bound(requirement: Requirement) -> None:
    assert any(s.operator in (">=", "==", "~=") for s in requirement.specifier), requirement


@pytest.mark.parametrize("requirement", TEST_TOOLS, ids=str)
def test_tools_that_can_turn_ci_red_are_pinned(requirement: Requirement) -> None:
    (only,) = requirement.specifier
    assert only.operator == "==", requirement


def test_lowest_job_installs_each_lower_bound() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lowest_requirements.py"), "--extra", "test"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pinned = dict(line.split("==") for line in out)
    for requirement in RUNTIME + TEST_TOOLS:
        version = pinned[requirement.name]
        assert requirement.specifier.contains(Version(version)), (requirement, version)
        lower = re.search(r"(?:>=|==)\s*([^,]+)", str(requirement.specifier))
        assert lower and Version(lower.group(1)) == Version(version)


def test_constraints_pin_every_package_inside_its_bounds() -> None:
    pins: dict[str, list[Version]] = {}
    for line in requirement_lines(ROOT / "constraints.txt"):
        pin = Requirement(line)
        (only,) = pin.specifier
        assert only.operator == "==", line
        pins.setdefault(canonicalize_name(pin.name), []).append(Version(only.version))
    for requirement in RUNTIME + TEST_TOOLS:
        versions = pins.get(canonicalize_name(requirement.name))
        assert versions, f"constraints.txt lacks {requirement.name}: bash scripts/lock-deps.sh"
        for version in versions:
            assert requirement.specifier.contains(version), (
                f"constraints.txt has {requirement.name}=={version}, outside {requirement}: "
                "bash scripts/lock-deps.sh"
            )


def test_no_dependency_file_community_cloud_would_read_first() -> None:
    """Cloud uses the first of uv.lock, Pipfile, environment.yml, requirements.txt it finds
    (beside app.py, then at the repo's top): any of the first three would replace ours."""
    for name in ("uv.lock", "Pipfile", "environment.yml", "environment.yaml"):
        assert not (ROOT / name).exists(), name


def test_readme_and_scripts_state_the_python_pyproject_requires() -> None:
    minimum = re.fullmatch(r">=\s*3\.(\d+)", PROJECT["requires-python"])
    assert minimum, PROJECT["requires-python"]
    minor = minimum.group(1)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python 3.{minor} or newer" in readme
    assert not re.search(r"Python 3\.(?!" + minor + r"\b)\d+ or newer", readme)
    setup_env = (ROOT / "scripts" / "setup-env.sh").read_text(encoding="utf-8")
    assert f"(3, {minor})" in setup_env and f"Python 3.{minor} or newer" in setup_env
    ruff = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["ruff"]
    assert ruff["target-version"] == f"py3{minor}"
