"""Build step: a wheel carries the app's data inside the package, copied from the repo's top.

The project keeps `data/`, `seeds/`, `app.py` and `.streamlit/config.toml` at the top of the
repository (its layout wants them there, and Community Cloud runs `app.py` from a plain
checkout). A wheel can only install packages, so `build_py` copies the same files, in the same
layout, into `kuril_map/_data/`, where `kuril_map.paths` finds them once installed. Nothing
is kept twice in git: the copy exists only in the build folder and the wheel.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKAGED = "kuril_map/_data"

# What the installed app and command line read, as globs relative to the repo's top. Each must
# match at least one file, so a build from an incomplete tree fails instead of shipping a wheel
# without its data. (MANIFEST.in lists the same files for the sdist.)
DATA_GLOBS = (
    "app.py",  # the page: `kuril-map serve` runs this copy
    ".streamlit/config.toml",  # beside the page, so Streamlit reads it whatever the cwd
    "data/*.json",  # timeline.json, history.json
    "data/*.toml",  # territories.toml (names of the territories)
    "data/geo/*.geojson",
    "data/sources/facts.json",  # the island card's official figures
    "seeds/**/*.md",
    "seeds/**/*.txt",
)
OPTIONAL = {"data/*.toml"}  # not every checkout has one yet


def data_files(root: Path) -> list[Path]:
    """The files to copy, relative to `root`; raises if a required glob matches nothing."""
    found: list[Path] = []
    for pattern in DATA_GLOBS:
        matches = sorted(p for p in root.glob(pattern) if p.is_file())
        if not matches and pattern not in OPTIONAL:
            raise FileNotFoundError(f"{root}: nothing matches {pattern!r}; the wheel needs it")
        found += [p.relative_to(root) for p in matches]
    return found


class BuildPyWithData(build_py):
    """build_py, then the data copied into the built package (not for editable installs,
    which read the checkout itself)."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / PACKAGED
        shutil.rmtree(target, ignore_errors=True)
        for relative in data_files(HERE):
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(HERE / relative, dest)


if __name__ == "__main__":  # how pip and setuptools run it; tests import DATA_GLOBS only
    setup(cmdclass={"build_py": BuildPyWithData})
