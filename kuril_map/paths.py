"""Where the project's data lives: one answer for a checkout and for an installed wheel.

The repository keeps the data at its top (`data/`, `seeds/`, `app.py`, `.streamlit/`), where the
project's layout wants them and where Streamlit Community Cloud runs the app without installing
it. A wheel cannot put files there, so the build (setup.py) copies the same files, in the same
layout, into the package as `kuril_map/_data/`. ROOT is whichever of the two holds them:

- an installed wheel: `<site-packages>/kuril_map/_data/` (found with importlib.resources);
- a checkout, editable install included: the folder above `kuril_map/`.

Everything else is ROOT / the path it has in the repository, so code never asks which it is,
and the working directory never matters.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

# The package's own folder (its JS, CSS and catalogs), as importlib.resources sees it. A
# wheel installed as files is all this app supports, so the Traversable is a real folder.
PACKAGE_DIR = Path(str(resources.files("kuril_map")))
PACKAGED_ROOT = PACKAGE_DIR / "_data"  # only in a built wheel: see setup.py
CHECKOUT_ROOT = PACKAGE_DIR.parent


def data_root(packaged: Path = PACKAGED_ROOT, checkout: Path = CHECKOUT_ROOT) -> Path:
    """The folder holding data/, seeds/ and app.py: the wheel's copy when this is an installed
    package, else the checkout (the repository's own files, never a stale copy of them)."""
    return packaged if (packaged / "data").is_dir() else checkout


ROOT = data_root()
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
SOURCES_DIR = DATA_DIR / "sources"
HISTORY_FILE = DATA_DIR / "history.json"
DEFAULT_SEEDS_DIR = ROOT / "seeds"
PAGE_FILE = ROOT / "app.py"  # the Streamlit page: `streamlit run` it (kuril-map serve does)
LOCALE_DIR = PACKAGE_DIR / "locales"
# Streamlit serves the folder `static/` beside the page it runs (`[server] enableStaticServing`),
# and the app writes the files the browser fetches once into it at start. Beside a checkout's
# app.py or inside site-packages (kuril-map serve), it may not be writable: a read-only
# container, a checkout owned by another user, a system-wide install. The app then sends those
# files inline instead (kuril_map.map.static_files.place_files), so this is only where it tries.
STATIC_DIR = ROOT / "static"


def seeds_dir() -> Path:
    """The documents folder: $KURIL_MAP_SEEDS when set, else the repo's seeds/."""
    override = os.environ.get("KURIL_MAP_SEEDS", "").strip()
    return Path(override).expanduser() if override else DEFAULT_SEEDS_DIR
