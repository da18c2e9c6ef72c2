"""Files the app serves itself under ``static/``: Leaflet, and what the map frame fetches once.

- Leaflet is copied from the installed ``xstatic-leaflet`` package into ``static/vendor/`` at
  start time (that folder is gitignored: third-party files are installed, never committed),
  where Streamlit's static file serving (``[server] enableStaticServing``) publishes it at
  ``<base>/app/static/...``.
- Generated files (the frame's own script, the shapes) are written under a name that carries a
  hash of their content, so a browser never keeps a stale copy.

URLs are *relative to the component frame*, so they work locally and under a deployment's URL
prefix alike.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from xstatic.pkg import leaflet as _xstatic_leaflet

from kuril_map.paths import ROOT

log = logging.getLogger(__name__)

LEAFLET_VERSION: str = _xstatic_leaflet.VERSION
LEAFLET_SOURCE_DIR = Path(_xstatic_leaflet.BASE_DIR)
STATIC_DIR = ROOT / "static"  # beside app.py: Streamlit serves it at <base>/app/static/
VENDOR_SUBPATH = f"vendor/leaflet-{LEAFLET_VERSION}"

# The files copied, relative to the xstatic data folder and to static/vendor/leaflet-<v>/.
# The source map is only fetched by open developer tools; copied so that does not 404.
LEAFLET_FILES: tuple[str, ...] = (
    "leaflet.js",
    "leaflet.js.map",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)

# streamlit-folium's frame is served at <base>/component/streamlit_folium.st_folium/index.html,
# so "../../" is <base>/ whatever <base> is ("/" locally, "/~/+/" on Community Cloud).
# Checked in Chromium, at the root and under --server.baseUrlPath (docs/OFFLINE.md).
COMPONENT_TO_BASE = "../../"
LEAFLET_URL_PREFIX = f"{COMPONENT_TO_BASE}app/static/{VENDOR_SUBPATH}"
LEAFLET_JS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.js"
LEAFLET_CSS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.css"

_copy_lock = threading.Lock()
_ensured: set[Path] = set()


# --------------------------------------------------------------------------- static files


def ensure_static_assets(static_root: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into ``static_root/vendor/leaflet-<version>/`` if missing or stale.

    Returns that folder. The first call per folder and process compares the files byte for
    byte and replaces any that differ (atomically, so a concurrent reader never sees half a
    file); later calls return at once, so the app can call this on every script run.
    A folder that cannot be written is logged, not raised: the rest of the app still works.
    """
    target = Path(static_root) / VENDOR_SUBPATH
    key = target.resolve()
    if key in _ensured:
        return target
    with _copy_lock:
        if key in _ensured:
            return target
        try:
            for name in LEAFLET_FILES:
                _copy_if_different(LEAFLET_SOURCE_DIR / name, target / name)
        except OSError as exc:
            log.warning(
                "Could not install Leaflet into %s (%s); the map may not draw.", target, exc
            )
            return target
        _ensured.add(key)
    return target


def _copy_if_different(source: Path, dest: Path) -> None:
    write_if_different(dest, source.read_bytes())


def write_if_different(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` unless it already holds exactly that, atomically (a concurrent
    reader, the static file server say, never sees half a file)."""
    try:
        if dest.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- generated files


class GeneratedFile:
    """A file the app writes under ``static/`` at start time, named by a hash of its content.

    Used for what the map frame fetches once instead of receiving it with every map message
    (its own script, the shapes). The hash in the name means a browser never keeps a stale
    copy after an upgrade; older versions in the folder are removed when a new one is written.
    """

    def __init__(self, folder: str, stem: str, suffix: str, content: Callable[[], bytes]) -> None:
        self.folder, self.stem, self.suffix = folder, stem, suffix
        self._content = content
        self._lock = threading.Lock()
        self._written: set[Path] = set()
        _GENERATED.append(self)

    @functools.cached_property
    def data(self) -> bytes:
        return self._content()

    @functools.cached_property
    def name(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"{self.stem}-{digest}{self.suffix}"

    @property
    def url(self) -> str:
        """Relative to the map frame, like Leaflet's: works under any URL prefix."""
        return f"{COMPONENT_TO_BASE}{self.page_url}"

    @property
    def page_url(self) -> str:
        """Relative to the page itself (served at <base>/), for the page's own components."""
        return f"app/static/{self.folder}/{self.name}"

    def ensure(self, static_root: Path = STATIC_DIR) -> Path:
        """Write the file if it is missing; returns its path. A folder that cannot be written
        is logged, not raised: the page still works and the map says what is missing."""
        folder = Path(static_root) / self.folder
        target = folder / self.name
        key = target.resolve()
        if key in self._written and target.exists():
            return target
        with self._lock:
            try:
                write_if_different(target, self.data)
                for old in folder.glob(f"{self.stem}-*{self.suffix}"):
                    if old.name != target.name:
                        old.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("Could not write %s (%s); the map may not draw.", target, exc)
                return target
            self._written.add(key)
        return target


# Every generated file, so that an export can put the content of any of them inline.
_GENERATED: list[GeneratedFile] = []


def generated_file(url: str) -> GeneratedFile | None:
    """The generated file served at `url` (as the map frame writes it), if any."""
    return next((g for g in _GENERATED if g.url == url), None)
