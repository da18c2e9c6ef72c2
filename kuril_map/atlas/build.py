"""The atlas as one HTML file that opens from disk with no network: `kuril-map atlas`, and
*Download the atlas* in the app.

The page is ``template.html`` with its slots filled, in one pass, by files read as they are:
Leaflet from the installed ``xstatic-leaflet`` (images inlined, as the map export does), the
app's own scripts and styles (the same date helpers, map drawing, time control and panels the
app runs), the atlas's own ``atlas.js`` / ``fragment.js`` / ``atlas.css``, and the data. The
data goes into ``<script type="application/json">`` blocks with every "<" written as
``\\u003c``, so no text in it can close its tag or be read as markup; the page parses it with
``JSON.parse`` and sets every text with ``textContent``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from kuril_map.atlas.contents import atlas_contents
from kuril_map.documents import Document, load_documents
from kuril_map.documents.loading import document_files
from kuril_map.map import shapes, time_bundle
from kuril_map.map.base_map import LAND_STYLE, MAP_CENTRE, MAP_ZOOM
from kuril_map.map.offline import leaflet_css_inline, leaflet_js_inline, script_safe
from kuril_map.map.style import SEA_COLOUR

ATLAS_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = ATLAS_DIR.parent
TEMPLATE = ATLAS_DIR / "template.html"
# The page's code, helpers first: the app's files as they are, then the atlas's own.
SCRIPTS = (
    PACKAGE_DIR / "map" / "js" / "time.js",
    PACKAGE_DIR / "map" / "js" / "measure.js",
    PACKAGE_DIR / "map" / "js" / "map.js",
    PACKAGE_DIR / "ui" / "js" / "time_control.js",
    PACKAGE_DIR / "ui" / "js" / "panels.js",
    ATLAS_DIR / "fragment.js",
    ATLAS_DIR / "atlas.js",
)
STYLES = (
    PACKAGE_DIR / "map" / "css" / "map.css",
    PACKAGE_DIR / "map" / "css" / "measure.css",
    PACKAGE_DIR / "ui" / "css" / "focus.css",
    PACKAGE_DIR / "ui" / "css" / "time_control.css",
    PACKAGE_DIR / "ui" / "css" / "panels.css",
    ATLAS_DIR / "atlas.css",
)
SLOT = re.compile(r"<!--km:([a-z]+)-->")


class AtlasError(RuntimeError):
    """The template and the parts given for it do not match (a slot missing or unknown)."""


def script_data(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: "<" as \\u003c (still the same
    JSON), so "</script>" or "<!--" in a document can neither end the block nor open a
    comment in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c")


def read_scripts() -> str:
    """The page's own scripts in order, each made safe to sit between <script> tags."""
    return "\n".join(script_safe(p.read_text(encoding="utf-8")) for p in SCRIPTS)


def read_styles() -> str:
    """Leaflet's stylesheet (images as data: URIs), then the app's and the atlas's styles.
    "</" becomes "<\\/", the same in CSS, so no stylesheet can end its <style> early."""
    css = [leaflet_css_inline(), *(p.read_text(encoding="utf-8") for p in STYLES)]
    return "\n".join(css).replace("</", "<\\/")


def map_settings() -> dict[str, Any]:
    """Where the map opens and how its land and sea are painted: the app's own values."""
    return {
        "centre": list(MAP_CENTRE),
        "zoom": MAP_ZOOM,
        "minZoom": 4,
        "maxZoom": 12,
        "sea": SEA_COLOUR,
        "land": LAND_STYLE,
    }


def fill(template: str, parts: dict[str, str]) -> str:
    """Each ``<!--km:name-->`` slot replaced by ``parts[name]`` in one pass, so a slot-like
    text inside a part is never replaced in turn; every slot and every part must be used."""
    found = SLOT.findall(template)
    if sorted(found) != sorted(parts):
        raise AtlasError(f"template slots {sorted(found)} do not match parts {sorted(parts)}")
    return SLOT.sub(lambda m: parts[m.group(1)], template)


def build_atlas(documents: list[Document] | None = None, built: date | None = None) -> str:
    """The whole atlas as one HTML page (the documents of the seeds folder by default)."""
    if documents is None:
        documents = load_documents().documents
    parts = {
        "styles": read_styles(),
        "geo": shapes.bundle_json().replace("<", "\\u003c"),
        "time": time_bundle.bundle_json().replace("<", "\\u003c"),
        "atlas": script_data(atlas_contents(documents, built)),
        "map": script_data(map_settings()),
        "leaflet": leaflet_js_inline(),
        "scripts": read_scripts(),
    }
    return fill(TEMPLATE.read_text(encoding="utf-8"), parts)


def write_atlas(path: Path, documents: list[Document] | None = None) -> int:
    """Write the atlas to `path` (its folder is made if needed); returns its size in bytes."""
    data = build_atlas(documents).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, modification time) of every document in `folder`: a cache of the built
    atlas stays valid while this does not change (a document added to the folder, say)."""
    files = document_files(folder) if folder.is_dir() else []
    return tuple(
        (p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files
    )
