"""Files the app serves itself under ``static/``: Leaflet, and what the map frame fetches once.

- Leaflet is copied from the installed ``xstatic-leaflet`` package into ``static/vendor/`` at
  start time (that folder is gitignored: third-party files are installed, never committed),
  where Streamlit's static file serving (``[server] enableStaticServing``) publishes it at
  ``<base>/app/static/...``.
- Generated files (the frame's own script, the shapes) are written under a name that carries a
  hash of their content, so a browser never keeps a stale copy.

URLs are *relative to the component frame*, so they work locally and under a deployment's URL
prefix alike.

Some hosts do not let the app write there (a read-only checkout or container, a system-wide
install). `place_files` says why, and `choose_placement` (called once by kuril_map/ui/assets.py)
then puts the same files in another folder, served under another address (`rebase`), or, with
no writable folder at all, has them sent inline as ``data:`` URIs (`GeneratedFile.data_uri`,
`kuril_map.map.offline.inline_url`): the map draws either way. Files already in place with the
right content are used as they are, writable or not.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from xstatic.pkg import leaflet as _xstatic_leaflet

from kuril_map.paths import STATIC_DIR

LEAFLET_VERSION: str = _xstatic_leaflet.VERSION
LEAFLET_SOURCE_DIR = Path(_xstatic_leaflet.BASE_DIR)
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
# Where Streamlit serves static/, relative to <base>/.
STATIC_BASE = "app/static/"
LEAFLET_URL_PREFIX = f"{COMPONENT_TO_BASE}{STATIC_BASE}{VENDOR_SUBPATH}"
LEAFLET_JS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.js"
LEAFLET_CSS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.css"

_copy_lock = threading.Lock()
_ensured: set[Path] = set()

# Writes `data` to a path (`write_if_different`); a parameter so that tests can stand for a
# folder the app may not write, whoever runs them (root ignores file modes).
Writer = Callable[[Path, bytes], None]


def data_uri(data: bytes, mime: str) -> str:
    """`data` as a ``data:`` URI: the file itself, for a browser that cannot fetch it here."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# --------------------------------------------------------------------------- static files


def ensure_static_assets(static_root: Path = STATIC_DIR, write: Writer | None = None) -> Path:
    """Copy Leaflet into ``static_root/vendor/leaflet-<version>/`` if missing or stale.

    Returns that folder. The first call per folder and process compares the files byte for
    byte and replaces any that differ (atomically, so a concurrent reader never sees half a
    file); later calls return at once. Raises OSError when a file is missing from
    xstatic-leaflet or the folder cannot be written; `place_files` decides what follows.
    """
    write = write or write_if_different
    target = Path(static_root) / VENDOR_SUBPATH
    key = target.resolve()
    if key in _ensured and (target / "leaflet.js").is_file():
        return target
    with _copy_lock:
        if key in _ensured and (target / "leaflet.js").is_file():
            return target
        for name in LEAFLET_FILES:
            write(target / name, (LEAFLET_SOURCE_DIR / name).read_bytes())
        _ensured.add(key)
    return target


def write_if_different(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` unless it already holds exactly that, atomically (a concurrent
    reader, the static file server say, never sees half a file). A file already in place is
    never written again, so a read-only folder that holds the right files is fine."""
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

# The types a generated file is sent with when it travels inline (as a data: URI).
_MIME_TYPES = {".js": "text/javascript", ".json": "application/json"}


class GeneratedFile:
    """A file the app writes under ``static/`` at start time, named by a hash of its content.

    Used for what the map frame fetches once instead of receiving it with every map message
    (its own script, the shapes). The hash in the name means a browser never keeps a stale
    copy after an upgrade; older versions in the folder are removed when a new one is written.
    """

    def __init__(self, folder: str, stem: str, suffix: str, content: Callable[[], bytes]) -> None:
        self.folder, self.stem, self.suffix = folder, stem, suffix
        self.mime = _MIME_TYPES[suffix]
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
    def label(self) -> str:
        """The file's name without its hash, for messages (known even when it cannot be made)."""
        return f"{self.folder}/{self.stem}{self.suffix}"

    @functools.cached_property
    def data_uri(self) -> str:
        """The file itself as a ``data:`` URI, for when static/ cannot hold it."""
        return data_uri(self.data, self.mime)

    @property
    def url(self) -> str:
        """Relative to the map frame, like Leaflet's: works under any URL prefix."""
        return f"{COMPONENT_TO_BASE}{self.page_url}"

    @property
    def page_url(self) -> str:
        """Relative to the page itself (served at <base>/), for the page's own components."""
        return self.href(STATIC_BASE)

    def href(self, files_base: str) -> str:
        """The file's address relative to the page when its folder is served at `files_base`."""
        return f"{files_base}{self.folder}/{self.name}"

    def ensure(self, static_root: Path = STATIC_DIR, write: Writer | None = None) -> Path:
        """Write the file if it is missing; returns its path. Raises OSError when the folder
        cannot be written (`choose_placement` then looks elsewhere). Older versions are
        removed when possible; one left behind in a read-only folder does no harm."""
        folder = Path(static_root) / self.folder
        target = folder / self.name
        key = target.resolve()
        if key in self._written and target.exists():
            return target
        with self._lock:
            (write or write_if_different)(target, self.data)
            for old in folder.glob(f"{self.stem}-*{self.suffix}"):
                if old.name != target.name:
                    with contextlib.suppress(OSError):
                        old.unlink(missing_ok=True)
            self._written.add(key)
        return target


# Every generated file, so that an export can put the content of any of them inline.
_GENERATED: list[GeneratedFile] = []


def rebase(url: str, files_base: str) -> str:
    """One of our frame-relative URLs under static/ as served from `files_base` instead (a
    folder the app could write when static/ was read-only); any other URL as it is."""
    static = COMPONENT_TO_BASE + STATIC_BASE
    if not url.startswith(static):
        return url
    return COMPONENT_TO_BASE + files_base + url[len(static) :]


def generated_file(url: str) -> GeneratedFile | None:
    """The generated file served at `url` (as the map frame writes it), if any."""
    return next((g for g in _GENERATED if g.url == url), None)


# --------------------------------------------------------------------------- placement


@dataclass(frozen=True)
class Placement:
    """Where the browser gets the app's own files from, decided once per server process.

    `files_base`: the address, relative to the page, of the folder that holds them all, so
    the browser fetches each once: static/ (`STATIC_BASE`) normally. None: no folder could
    hold them, and they travel inline with the page. `problem` says why static/ was not used
    (for the server log). `missing`: files that cannot be found at all, so the map cannot
    draw either way (a broken install); the page says so instead of an empty frame.
    """

    files_base: str | None = STATIC_BASE
    problem: str = ""
    missing: tuple[str, ...] = ()
    folder: Path | None = None  # where the files were put, when not in static/

    @property
    def served(self) -> bool:
        """True when the browser fetches the files (once) rather than receiving them inline."""
        return self.files_base is not None


def missing_files(files: Iterable[GeneratedFile]) -> dict[str, str]:
    """What the browser needs that this installation cannot provide, each name with why:
    Leaflet's files (from xstatic-leaflet), and each generated file whose sources (the frame's
    .js files, the data) cannot be read. Names are short, for the page; reasons for the log."""
    missing = {
        f"leaflet/{name}": f"{LEAFLET_SOURCE_DIR / name} not found"
        for name in LEAFLET_FILES
        if not (LEAFLET_SOURCE_DIR / name).is_file()
    }
    for generated in files:
        try:
            generated.data  # noqa: B018 - computed and cached here, so a failure shows now
        except (OSError, ValueError) as exc:
            missing[generated.label] = str(exc)
    return missing


def place_files(
    files: Iterable[GeneratedFile],
    static_root: Path = STATIC_DIR,
    *,
    serving: bool = True,
    write: Writer | None = None,
) -> Placement:
    """Put Leaflet and `files` into `static_root` for Streamlit to serve; say whether it worked.

    Never raises for a folder it cannot write: that is a host's normal state (read-only
    checkout, container or site-packages), and `choose_placement` then looks elsewhere.
    `serving` is Streamlit's ``server.enableStaticServing``: with it off, files in static/
    are not served (the URLs answer with the app's HTML page), so static/ is no use either.
    """
    files = list(files)
    missing = missing_files(files)
    if missing:
        why = "; ".join(f"{name}: {reason}" for name, reason in missing.items())
        return Placement(None, f"missing from this installation: {why}", tuple(missing))
    if not serving:
        return Placement(
            None, "Streamlit's static file serving is off (server.enableStaticServing)"
        )
    try:
        ensure_static_assets(static_root, write)
        for generated in files:
            generated.ensure(static_root, write)
    except OSError as exc:
        return Placement(None, f"{static_root} cannot be written ({exc})")
    return Placement(STATIC_BASE)


def in_place(files: Iterable[GeneratedFile], folder: Path) -> bool:
    """Whether `folder` still holds Leaflet and `files` (a few stat calls): a temporary
    folder can be cleaned out under a long-running server, and static/ deleted by hand."""
    wanted = [folder / VENDOR_SUBPATH / name for name in LEAFLET_FILES]
    wanted += [folder / f.folder / f.name for f in files]
    return all(path.is_file() for path in wanted)


def choose_placement(
    files: Iterable[GeneratedFile],
    static_root: Path,
    *,
    serving: bool,
    spare_folder: Callable[[], Path],
    serve: Callable[[Path], str],
    write: Writer | None = None,
) -> Placement:
    """static/ if possible; else a spare folder the app can write, served at the address
    `serve(folder)` returns; else inline (``files_base=None``). The first choice's problem
    is kept, so the log can say why static/ was not used.

    `spare_folder` makes the folder (a private temporary one in the app) and may raise
    OSError, as on a host where nothing at all can be written.
    """
    files = list(files)
    first = place_files(files, static_root, serving=serving, write=write)
    if first.served or first.missing:
        return first
    try:
        folder = spare_folder()
    except OSError as exc:
        return replace(
            first, problem=f"{first.problem}; and no temporary folder could be made ({exc})"
        )
    second = place_files(files, folder, write=write)
    if not second.served:
        return replace(first, problem=f"{first.problem}; and {second.problem}")
    return Placement(serve(folder), first.problem, folder=folder)
