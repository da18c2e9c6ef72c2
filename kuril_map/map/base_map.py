"""The base map: the part of the map that never changes (land, Leaflet, the frame's script).

Built with the same code for every year, naming and language, so streamlit-folium keeps the
same Leaflet map object, and the user's pan and zoom, while only the year's layer changes.
"""

from __future__ import annotations

from pathlib import Path

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from kuril_map.map import frame_script, offline, shapes, time_bundle
from kuril_map.map.layers import frame_text
from kuril_map.map.markup import script_json
from kuril_map.map.measure import add_measure_control
from kuril_map.map.static_files import STATIC_BASE, rebase
from kuril_map.map.style import LAND_FILL, LAND_STROKE, SEA_COLOUR

# The first view: the four islands with Urup and the Vries Strait. A fixed centre and zoom,
# not fitBounds: the map frame has no size yet when Leaflet first lays it out.
MAP_CENTRE = (44.55, 147.4)
MAP_ZOOM = 7
MAP_CSS_FILE = Path(__file__).resolve().parent / "css" / "map.css"


LAND_STYLE = {"fillColor": LAND_FILL, "color": LAND_STROKE, "weight": 1, "fillOpacity": 1}


class BaseScript(JSCSSMixin, MacroElement):
    """Starts the map's own code (kuril_map.map.frame_script, a static file) on this map:
    fetch the shapes and the time bundle, draw the land, follow a compared map.

    With `inline` the shapes and the bundle are written into the page instead, for an
    exported file that must open with no server at all. `files_base`: where the app's files
    are served, when not from static/ (a read-only host, see static_files.Placement).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.KM_LAND_STYLE = {{ this.land_style_json }};\n"
        "window.KM_SEA = {{ this.sea_json }};\n"
        "window.KM_TEXT = {{ this.text_json }};\n"
        "{% if this.geometry_json %}window.KM_GEO_INLINE = {{ this.geometry_json }};\n{% endif %}"
        "{% if this.time_json %}window.KM_TIME_INLINE = {{ this.time_json }};\n{% endif %}"
        "kmLoadGeo({{ this._parent.get_name() }}, {{ this.url_json }});\n"
        "kmLoadTime({{ this._parent.get_name() }}, {{ this.time_url_json }});\n"
        "kmDrawBase({{ this._parent.get_name() }});\n"
        "kmSyncViews({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, inline: bool = False, files_base: str = STATIC_BASE) -> None:
        super().__init__()
        self._name = "BaseScript"
        self.default_js = [frame_script.link()]
        self.default_css = []
        self.land_style_json = script_json(LAND_STYLE)
        self.sea_json = script_json(SEA_COLOUR)
        self.text_json = script_json(frame_text())
        self.url_json = script_json(rebase(shapes.FILE.url, files_base))
        self.time_url_json = script_json(rebase(time_bundle.FILE.url, files_base))
        self.geometry_json = shapes.bundle_json().replace("</", "<\\/") if inline else ""
        self.time_json = time_bundle.bundle_json().replace("</", "<\\/") if inline else ""


# The files the map frame fetches once from static/ (or gets inline: static_files.Placement).
STATIC_FILES = (frame_script.FILE, shapes.FILE, time_bundle.FILE)


def map_css() -> str:
    """The frame's own stylesheet, as a <style> block for the map's header."""
    return "<style>\n" + MAP_CSS_FILE.read_text(encoding="utf-8") + "</style>\n"


def base_map(inline: bool = False, files_base: str = STATIC_BASE) -> folium.Map:
    """The map that stays the same across years, namings and languages: land, local Leaflet.

    Built fresh on every call (streamlit-folium mutates the map it is given), always with the
    same code, so the browser keeps the same Leaflet map object (and the user's pan and
    zoom) while the year, the naming or the language changes. Words in the UI language (legend,
    measuring tool, notices) come with the year's layer, see `kuril_map.map.layers.view_spec`.
    The map's links still name static/; `kuril_map.map.component` moves them to `files_base`.
    """
    m = folium.Map(
        location=MAP_CENTRE,
        zoom_start=MAP_ZOOM,
        tiles=None,
        min_zoom=4,
        max_zoom=12,
        control_scale=True,
        prefer_canvas=False,
    )
    offline.localize_map(m)
    BaseScript(inline, files_base).add_to(m)
    add_measure_control(m)
    m.get_root().header.add_child(folium.Element(map_css()))
    return m
