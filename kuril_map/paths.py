"""Where the project's data lives, resolved from this file: the working directory never matters."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
SOURCES_DIR = DATA_DIR / "sources"
DEFAULT_SEEDS_DIR = ROOT / "seeds"


def seeds_dir() -> Path:
    """The documents folder: $KURIL_MAP_SEEDS when set, else the repo's seeds/."""
    override = os.environ.get("KURIL_MAP_SEEDS", "").strip()
    return Path(override).expanduser() if override else DEFAULT_SEEDS_DIR
