"""Build the folium map: a base map that never changes, and one layer per chosen year.

The split matters for speed and for the user's view: streamlit-folium keeps the Leaflet map
alive as long as the base map's code is identical, and swaps only the year layer
(`feature_group_to_add`), so scrubbing through the eras keeps pan and zoom.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from kuril_map import assets, frame_code, geodata, map_geometry, timeline
from kuril_map.i18n import _
from kuril_map.islands import ISLAND_IDS
from kuril_map.panels import island_name, state_label
from kuril_map.style import (
    CLAIM_DASH,
    LAND_FILL,
    LAND_STROKE,
    LINE_STYLES,
    SEA_COLOUR,
    STATE_COLOURS,
    STATE_LABELS,
    line_style,
    state_colour,
)

# The first view: the four islands with Urup and the Vries Strait. A fixed centre and zoom,
# not fitBounds: the map frame has no size yet when Leaflet first lays it out.
MAP_CENTRE = (44.55, 147.4)
MAP_ZOOM = 7
CONTEXT_STATUS_IDS = ("urup",)  # context islands whose control we also colour by year


def status_text(island_id: str, year: int) -> str:
    """One plain sentence in the UI language: who administered the island, who else claimed it."""
    st = timeline.status(island_id, year)
    claimants = ", ".join(state_label(c) for c in st.claimed_by)
    if st.administered_by and claimants:
        return _("Administered by {state}; claimed by {claimants}.").format(
            state=state_label(st.administered_by), claimants=claimants
        )
    if st.administered_by:
        return _("Administered by {state}.").format(state=state_label(st.administered_by))
    if claimants:
        return _("No state administration; claimed by {claimants}.").format(claimants=claimants)
    return _("No state administration.")


def _escape(value: object) -> str:
    """Data reaches tooltips as HTML, so every value is escaped, even our own."""
    return html.escape("" if value is None else str(value))


def _island_style(island_id: str, year: int, selected: str | None) -> dict[str, Any]:
    st = timeline.status(island_id, year)
    style: dict[str, Any] = {
        "fillColor": state_colour(st.administered_by),
        "fillOpacity": 0.75,
        "color": "#333333",
        "weight": 1,
    }
    if st.claimed_by:
        # A second state's claim is shown as a thick dashed outline in that state's colour.
        style.update(color=state_colour(st.claimed_by[0]), weight=3, dashArray=CLAIM_DASH)
    if selected == island_id:
        style.update(weight=5, color="#000000", dashArray=None)
    return style


def islands_for_year(year: int, selected: str | None = None) -> dict[str, Any]:
    """A FeatureCollection of the four islands, each carrying its style and status for `year`."""
    features = []
    for feature in map_geometry.bundle()["islands"]["features"]:
        island_id = feature["id"]
        props = dict(feature["properties"])
        props["status"] = status_text(island_id, year)
        props["style"] = _island_style(island_id, year, selected)
        props["tooltip"] = (
            f"<b>{_escape(props['label'])}</b><br>{_escape(props['name_ja'])} · "
            f"{_escape(props['name_ru'])}<br>{year}: {_escape(props['status'])}"
        )
        features.append({**feature, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def context_for_year(year: int) -> dict[str, Any]:
    """Context islands whose control changed over time (Urup), coloured for `year`."""
    features = []
    for feature in map_geometry.bundle()["context"]["features"]:
        if feature["id"] not in CONTEXT_STATUS_IDS:
            continue
        st = timeline.status(feature["id"], year)
        props = dict(feature["properties"])
        props["status"] = status_text(feature["id"], year)
        props["style"] = {
            "fillColor": state_colour(st.administered_by),
            "fillOpacity": 0.45,
            "color": "#555555",
            "weight": 1,
        }
        props["tooltip"] = f"<b>{_escape(props['name'])}</b><br>{year}: {_escape(props['status'])}"
        features.append({**feature, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def lines_for_year(year: int) -> dict[str, Any]:
    """The boundary lines in force in `year`, each with its style and a plain tooltip."""
    gdf = geodata.lines_in_force(geodata.load_boundaries(), year)
    features = []
    for row in gdf.itertuples():
        ls = line_style(row.kind)
        until = f"–{row.year_to - 1}" if row.year_to else "–"  # "1945–": no words to translate
        features.append(
            {
                "type": "Feature",
                "id": row.id,
                "geometry": row.geometry.__geo_interface__,
                "properties": {
                    "id": row.id,
                    "kind": row.kind,
                    "style": {
                        "color": ls.colour,
                        "weight": ls.weight,
                        "dashArray": ls.dash,
                        "opacity": 0.95,
                    },
                    "tooltip": (
                        f"<b>{_escape(row.name)}</b><br>{_escape(_(ls.label))}, "
                        f"{row.year_from}{until}<br>{_escape(row.description)}"
                    ),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def label_text(island_id: str, naming: str = "both") -> str:
    """The map label of an island in the chosen naming mode (both traditions by default)."""
    return island_name(island_id, naming)


@lru_cache(maxsize=1)
def label_points() -> tuple[tuple[str, float, float], ...]:
    """Where each island's label goes: a point inside it (a centroid can fall in the sea)."""
    return tuple(
        (row.id, point.y, point.x)
        for row in geodata.load_islands().itertuples()
        for point in [row.geometry.representative_point()]
    )


def _layer_items(collection: dict[str, Any]) -> list[list[Any]]:
    """[id, style, tooltip, year properties] per feature; the year's status, where there is
    one, joins the feature's properties, so a click reports it too."""
    items = []
    for f in collection["features"]:
        props = f["properties"]
        extra = {"status": props["status"]} if "status" in props else {}
        items.append([f["id"], props["style"], props["tooltip"], extra])
    return items


def year_spec(year: int, selected: str | None = None, naming: str = "both") -> dict[str, Any]:
    """What the browser needs to draw `year`: per feature id a style and tooltip, and labels.

    The shapes themselves are not here: the map frame has them already (kuril_map.map_geometry),
    which keeps each year's message small.
    """
    return {
        "year": year,
        # Everything in the UI language travels with the layer, so the base map is the same
        # in every language and a language switch keeps the user's map.
        "legend": legend_html(),
        "measure": _measure_labels(),
        "text": _frame_text(),
        "layers": [
            _layer_items(context_for_year(year)),
            _layer_items(islands_for_year(year, selected)),
            _layer_items(lines_for_year(year)),
        ],
        "labels": [
            [round(lat, 5), round(lng, 5), label_text(island_id, naming)]
            for island_id, lat, lng in label_points()
        ],
    }


def _measure_labels() -> dict[str, str]:
    from kuril_map.measure import measure_labels

    return measure_labels()


def _frame_text() -> dict[str, str]:
    """Messages the map frame may show, in the UI language."""
    return {
        "shapesFailed": _(
            "The map shapes could not be loaded ({error}). Reload the page; if this "
            "stays, the app was started without its static files."
        )
    }


def _script_json(value: Any) -> str:
    """JSON to place inside a <script>: a "</" in the data must not end the script early."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class YearScript(MacroElement):
    """Draws one year into its parent feature group, with the shapes the frame already has."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "kmDrawYear({{ this._parent.get_name() }}, {{ this.spec_json }});"
        "{% endmacro %}"
    )

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._name = "YearScript"
        self.spec_json = _script_json(spec)


def year_layer(year: int, selected: str | None = None, naming: str = "both") -> folium.FeatureGroup:
    """Everything that changes with the year (island colours, Urup, the lines in force) and
    with the naming (the labels): the layer streamlit-folium swaps without rebuilding the map."""
    group = folium.FeatureGroup(name=f"Year {year}", control=False)
    YearScript(year_spec(year, selected, naming)).add_to(group)
    return group


LAND_STYLE = {"fillColor": LAND_FILL, "color": LAND_STROKE, "weight": 1, "fillOpacity": 1}


class BaseScript(JSCSSMixin, MacroElement):
    """Starts the map's own code (kuril_map.frame_code, loaded as a static file) on this map:
    fetch the shapes from `geometry_url`, draw the land, follow a compared map.

    With `inline_geometry` the shapes are written into the page instead, for an exported file
    that must open with no server at all.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.KM_LAND_STYLE = {{ this.land_style_json }};\n"
        "window.KM_TEXT = {{ this.text_json }};\n"
        "{% if this.geometry_json %}window.KM_GEO_INLINE = {{ this.geometry_json }};\n{% endif %}"
        "kmLoadGeo({{ this._parent.get_name() }}, {{ this.url_json }});\n"
        "kmDrawBase({{ this._parent.get_name() }});\n"
        "kmSyncViews({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, geometry_url: str, inline_geometry: bool = False) -> None:
        super().__init__()
        self._name = "BaseScript"
        self.default_js = [frame_code.LINK]
        self.default_css = []
        self.land_style_json = _script_json(LAND_STYLE)
        self.text_json = _script_json(_frame_text())
        self.url_json = _script_json(geometry_url)
        self.geometry_json = (
            map_geometry.bundle_json().replace("</", "<\\/") if inline_geometry else ""
        )


def ensure_static_files() -> None:
    """Write the files the map frame fetches (its script, the shapes) under static/."""
    frame_code.FILE.ensure()
    map_geometry.FILE.ensure()


def legend_html() -> str:
    """A static legend (states by fill, line kinds by dash) in the UI language, drawn inside
    the map frame. Labels are escaped: translations are text, not markup."""
    # <details>: one click folds it away where it would cover too much of a small map.
    rows = [
        f"<details class='km-legend' open><summary>{_escape(_('Legend'))}</summary>"
        f"<b>{_escape(_('Administered by'))}</b>"
    ]
    seen: set[str] = set()
    for state, colour in STATE_COLOURS.items():
        label = _(STATE_LABELS[state])
        if colour in seen and state is not None:
            label = _("Soviet Union / Russian Federation")
            rows[-1] = _legend_swatch(colour, label)
            continue
        seen.add(colour)
        rows.append(_legend_swatch(colour, label))
    rows.append(
        f"<div><svg width='26' height='12'><rect x='1' y='1' width='24' height='10' "
        f"fill='white' stroke='{STATE_COLOURS['Japan']}' stroke-width='2.5' "
        f"stroke-dasharray='{CLAIM_DASH}'/></svg> "
        f"{_escape(_('dashed outline: claimed by another state'))}</div>"
    )
    rows.append(f"<b>{_escape(_('Lines'))}</b>")
    for ls in LINE_STYLES.values():
        dash = f" stroke-dasharray='{ls.dash}'" if ls.dash else ""
        rows.append(
            f"<div><svg width='26' height='8'><line x1='0' y1='4' x2='26' y2='4' "
            f"stroke='{ls.colour}' stroke-width='{ls.weight}'{dash}/></svg> "
            f"{_escape(_(ls.label))}</div>"
        )
    rows.append("</details>")
    return "".join(rows)


def _legend_swatch(colour: str, label: str) -> str:
    return (
        f"<div><svg width='26' height='12'><rect x='1' y='1' width='24' height='10' "
        f"fill='{colour}' stroke='#333'/></svg> {_escape(label)}</div>"
    )


MAP_CSS = f"""
<style>
/* Doubled class: wins over Leaflet's own grey whichever stylesheet comes last (export). */
.leaflet-container.leaflet-container {{ background: {SEA_COLOUR}; }}
.km-label {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  background: rgba(255,255,255,0.82); border-radius: 3px; pointer-events: none;
  font: 600 13px/1.2 sans-serif; padding: 1px 5px; color: #1f2328; }}
.km-legend {{ position: absolute; bottom: 28px; right: 10px; z-index: 600;
  background: rgba(255,255,255,0.92); padding: 5px 8px; border-radius: 4px;
  font: 11px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }}
.km-legend svg {{ vertical-align: middle; }}
.km-legend summary {{ cursor: pointer; font-weight: 600; }}
.km-legend:not([open]) {{ padding: 3px 8px; }}
.km-problem {{ position: absolute; top: 10px; left: 60px; right: 60px; z-index: 1000;
  background: #fff3cd; color: #1f2328; padding: 6px 10px; border-radius: 4px;
  font: 13px/1.4 sans-serif; }}
</style>
"""


GEOMETRY_URL = map_geometry.FILE.url


def base_map(inline_geometry: bool = False) -> folium.Map:
    """The map that stays the same across years, namings and languages: land, local Leaflet.

    Built fresh on every call (streamlit-folium mutates the map it is given), always with the
    same code, so the browser keeps the same Leaflet map object (and the user's pan and
    zoom) while the year, the naming or the language changes. Words in the UI language (legend,
    measuring tool, notices) come with the year's layer, see `year_spec`.
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
    assets.localize_map(m)
    BaseScript(GEOMETRY_URL, inline_geometry).add_to(m)
    _add_measure(m)
    m.get_root().header.add_child(folium.Element(MAP_CSS))
    return m


def _add_measure(m: folium.Map) -> None:
    """The offline measuring tool, once kuril_map.measure is available."""
    try:
        from kuril_map.measure import add_measure_control
    except ImportError:
        return
    add_measure_control(m)


def full_map(year: int, selected: str | None = None, naming: str = "both") -> folium.Map:
    """Base map plus the year's layer in one map with the shapes inside: for export and tests."""
    m = base_map(inline_geometry=True)
    year_layer(year, selected, naming).add_to(m)
    return m


def selected_island(map_output: dict[str, Any] | None) -> str | None:
    """The island the user clicked on the map, from st_folium's return value, if any.

    Clicking a GeoJSON feature makes streamlit-folium return it as `last_active_drawing`;
    only the four disputed islands count as a selection.
    """
    if not map_output:
        return None
    drawing = map_output.get("last_active_drawing") or {}
    props = drawing.get("properties") or {}
    island_id = props.get("id")
    return island_id if island_id in ISLAND_IDS else None


def selected_line(map_output: dict[str, Any] | None) -> str | None:
    """The boundary line the user clicked on the map (its id), if the click was on a line."""
    if not map_output:
        return None
    drawing = map_output.get("last_active_drawing") or {}
    props = drawing.get("properties") or {}
    line_id = props.get("id")
    known = set(geodata.load_boundaries()["id"])
    return line_id if line_id in known else None
