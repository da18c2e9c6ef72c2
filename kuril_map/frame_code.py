"""The map frame's own JavaScript (no third-party code) as one static file, fetched once.

It used to travel inline in the base map's script, and so in every map message (about 15 kB
of the 26 kB the map sent for each new year). As a file under ``static/km/`` it is loaded by
the frame once, like Leaflet, and an export puts it inline (``assets.standalone_html``).

The file holds the measuring tool (kuril_map.measure) and the map's drawing code
(kuril_map/js/map.js); the elements that use it declare it in their ``default_js``, so
streamlit-folium loads it before running the map's script.
"""

from __future__ import annotations

from pathlib import Path

from kuril_map import assets

JS_DIR = Path(__file__).resolve().parent / "js"


def _code() -> bytes:
    from kuril_map.measure import MEASURE_JS  # measure imports this module

    parts = [MEASURE_JS, (JS_DIR / "map.js").read_text(encoding="utf-8")]
    return "\n".join(parts).encode("utf-8")


FILE = assets.GeneratedFile("km", "kuril-map", ".js", _code)
LINK = ("kuril_map_frame", FILE.url)  # a (name, url) entry for an element's default_js
