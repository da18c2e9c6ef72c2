"""Print pyproject.toml's dependencies pinned at their lower bounds, one `name==version` a line.

CI's second job installs these (with the test tools) and runs the tests, so every lower bound
the project declares is one it has run with. Only direct dependencies are pinned: what they
depend on resolves as it would for a user installing at those bounds today.

Usage: python scripts/lowest_requirements.py [--extra test] > lowest.txt
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)(;.*)?$")
_LOWER = re.compile(r"(?:>=|==|~=)\s*([^,\s]+)")


def lowest(requirement: str) -> str:
    """'shapely>=2.1' -> 'shapely==2.1'; an exact pin stays; a marker stays with it."""
    found = _REQUIREMENT.match(requirement)
    if not found:
        raise ValueError(f"pyproject.toml: cannot read the requirement {requirement!r}")
    name, _extras, spec, marker = found.groups()
    bound = _LOWER.search(spec)
    if not bound:
        raise ValueError(f"pyproject.toml: {requirement!r} has no lower bound (>=, == or ~=)")
    return f"{name}=={bound.group(1)}" + (f" {marker.strip()}" if marker else "")


def requirements(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    listed = list(project["dependencies"])
    for extra in extras:
        listed += project["optional-dependencies"][extra]
    return [lowest(r) for r in listed]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="also this extra")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args(argv)
    print("\n".join(requirements(args.pyproject, args.extra)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
