"""The files the browser loads from the app, and where it gets them on this host.

The page's own script (the time control, the panels), Leaflet, the map frame's script, the
shapes and the time bundle are files the browser fetches once. Normally they are written at
start into static/ beside the page, which Streamlit serves. Some hosts do not let the app
write there (a read-only checkout or container root, a system-wide install in site-packages),
and a map whose files are missing stays blank. So, decided once per server process and said
once in the server log:

1. static/, when it can be written or already holds the files;
2. else a private temporary folder, served at ``<base>/component/<name>/`` as the folder of a
   components-v1 component that is declared for that and never drawn (Streamlit serves any
   file of a declared component's folder): the browser still fetches each file once;
3. else, with nothing writable at all, the files travel inline, as ``data:`` URIs, in every
   message that needs them (as in an exported map): the map draws, the messages grow.

If a file cannot be made at all (a broken install), the map says so on the page
(`kuril_map.ui.map_view`) instead of showing an empty frame.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.components.v1 import declare_component
from streamlit.logger import get_logger

from kuril_map.map import base_map, offline, static_files, time_bundle
from kuril_map.map.static_files import LEAFLET_CSS_URL, LEAFLET_JS_URL, GeneratedFile, Placement

log = get_logger(__name__)

UI_DIR = Path(__file__).resolve().parent
MAP_JS = UI_DIR.parent / "map" / "js"
# The page script, in order: helpers first, then what uses them.
PAGE_JS = (
    MAP_JS / "time.js",
    UI_DIR / "js" / "page.js",
    UI_DIR / "js" / "time_control.js",
    UI_DIR / "js" / "panels.js",
    UI_DIR / "js" / "time_component.js",
    UI_DIR / "js" / "panels_component.js",
)
# The name of the never-drawn component whose folder serves the files on a read-only host.
FILES_COMPONENT = "kuril_map_files"


def page_script() -> bytes:
    """The page's own script: the time control, the panels and their glue, one file."""
    return "\n".join(p.read_text(encoding="utf-8") for p in PAGE_JS).encode("utf-8")


PAGE_SCRIPT = GeneratedFile("km", "kuril-page", ".js", page_script)
# Everything the browser fetches besides Leaflet: the map frame's files and the page's script.
STATIC_FILES = (*base_map.STATIC_FILES, PAGE_SCRIPT)

_lock = threading.Lock()


def static_placement() -> Placement:
    """Where the browser gets the files, decided (and the files put there) once per server
    process: every session sees the same host, so the log says it once. Files that have
    gone since (a temporary folder cleaned out under a server running for weeks) are put
    back; only if that fails is the choice made again."""
    with _lock:
        placement = _placement()
        folder = served_folder(placement)
        if folder is None or static_files.in_place(STATIC_FILES, folder):
            return placement
        if static_files.place_files(STATIC_FILES, folder).served:
            return placement
        _placement.cache_clear()
        return _placement()


def served_folder(placement: Placement) -> Path | None:
    """The folder the browser's files are served from, if they are served."""
    if not placement.served:
        return None
    return placement.folder or static_files.STATIC_DIR


@cache
def _placement() -> Placement:
    placement = static_files.choose_placement(
        STATIC_FILES,
        static_files.STATIC_DIR,
        serving=bool(st.get_option("server.enableStaticServing")),
        spare_folder=private_folder,
        serve=serve_folder,
    )
    message = placement_message(placement)
    if placement.missing:
        log.error(message)
    elif message:
        log.warning(message)
    return placement


def private_folder() -> Path:
    """A new folder only this process's user can read, removed when the server stops."""
    folder = Path(tempfile.mkdtemp(prefix="kuril-map-files-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def serve_folder(folder: Path) -> str:
    """Have Streamlit serve `folder`; returns its address relative to the page.

    Streamlit serves the folder of a declared components-v1 component at
    ``<base>/component/<its name>/``; this component exists only for that and is never drawn.
    """
    files = declare_component(FILES_COMPONENT, path=str(folder))
    return f"component/{files.name}/"


def placement_message(placement: Placement) -> str:
    """The server log's one line about where the files come from ("" when from static/):
    why, what it costs, and what would avoid it."""
    static_dir = static_files.STATIC_DIR
    if placement.missing:
        return f"kuril-map: the map cannot be drawn: {placement.problem}. Reinstall kuril-map."
    if placement.files_base == static_files.STATIC_BASE:
        return ""
    if placement.served:
        return (
            f"kuril-map warning: {placement.problem}. The browser's files (Leaflet, the map's "
            f"scripts, the shapes, the time bundle) are served from {placement.folder} "
            f"instead, a private temporary folder removed when the app stops; the map draws "
            f"as usual. To serve them from {static_dir}, let the app write it."
        )
    map_kb, page_kb = inline_kb()
    return (
        f"kuril-map warning: {placement.problem}. The browser's files (Leaflet, the map's "
        f"scripts, the shapes, the time bundle) are sent inline with the page instead: the "
        f"map draws, but every change of view sends them again, about {map_kb} kB with the "
        f"map and {page_kb} kB with each of the page's panels and its time control. To have "
        f"them fetched once, let the app write {static_dir} or a temporary folder."
    )


def inline_kb() -> tuple[int, int]:
    """What the files weigh inline: in the map's message (Leaflet and the map's files), and
    in each page component's (the page script and the time bundle)."""
    leaflet = sum(len(offline.inline_url(u)) for u in (LEAFLET_JS_URL, LEAFLET_CSS_URL))
    frame = sum(len(f.data_uri) for f in base_map.STATIC_FILES)
    page = len(PAGE_SCRIPT.data_uri) + len(time_bundle.FILE.data_uri)
    return (leaflet + frame) // 1000, page // 1000


def page_href(file: GeneratedFile) -> str:
    """Where the page gets `file`: its address where the files are served, or the file
    itself, inline. With a file missing (a broken install) it is an address that answers
    nothing: the component then says that part could not load, and the log has said why."""
    placement = static_placement()
    if placement.missing:
        return f"{static_files.STATIC_BASE}{file.label}"
    if placement.files_base is None:
        return file.data_uri
    return file.href(placement.files_base)
