"""The map frame's own JavaScript (no third-party code) as one static file, fetched once.

It used to travel inline in the base map's script, and so in every map message (about 15 kB
of the 26 kB the map sent for each new year). As a file under ``static/km/`` it is loaded by
the frame once, like Leaflet, and an export puts it inline (``offline.standalone_html``).

The file joins the date helpers (``js/time.js``), the measuring tool (``js/measure.js``) and
the map's drawing code (``js/map.js``); the elements that use it declare it in their
``default_js``, so streamlit-folium loads it before running the map's script.
"""

from __future__ import annotations

from pathlib import Path

from kuril_map.map.static_files import GeneratedFile

JS_DIR = Path(__file__).resolve().parent / "js"
JS_FILES = ("time.js", "measure.js", "map.js")


def _code() -> bytes:
    parts = [(JS_DIR / name).read_text(encoding="utf-8") for name in JS_FILES]
    return "\n".join(parts).encode("utf-8")


FILE = GeneratedFile("km", "kuril-map", ".js", _code)


def link() -> tuple[str, str]:
    """A (name, url) entry for an element's default_js. A function, not a constant, so that
    a missing .js file is reported where the map is drawn (the page says the map cannot be
    drawn) rather than failing every import of the package."""
    return ("kuril_map_frame", FILE.url)
