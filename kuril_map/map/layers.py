"""One year's layer: the colours, tooltips, lines and labels that change with the year.

The shapes are not here (the frame has them, see `kuril_map.map.shapes`): a year's layer only
names the features it styles, which keeps each change of year a small message.
streamlit-folium swaps this layer (`feature_group_to_add`) without rebuilding the map, so
scrubbing through the eras keeps the user's pan and zoom.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from kuril_map import geodata, timeline
from kuril_map.i18n import _
from kuril_map.map import shapes
from kuril_map.map.legend import legend_html
from kuril_map.map.markup import escape, script_json
from kuril_map.map.measure import measure_labels
from kuril_map.map.style import CLAIM_DASH, line_style, state_colour
from kuril_map.names import island_name
from kuril_map.summaries import status_text


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
    for feature in shapes.bundle()["islands"]["features"]:
        island_id = feature["id"]
        props = dict(feature["properties"])
        props["status"] = status_text(island_id, year)
        props["style"] = _island_style(island_id, year, selected)
        props["tooltip"] = (
            f"<b>{escape(props['label'])}</b><br>{escape(props['name_ja'])} · "
            f"{escape(props['name_ru'])}<br>{year}: {escape(props['status'])}"
        )
        features.append({**feature, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def context_for_year(year: int) -> dict[str, Any]:
    """Context islands whose control changed over time (Urup), coloured for `year`."""
    features = []
    for feature in shapes.bundle()["context"]["features"]:
        if feature["id"] not in timeline.CONTEXT_ISLAND_IDS:
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
        props["tooltip"] = f"<b>{escape(props['name'])}</b><br>{year}: {escape(props['status'])}"
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
                        f"<b>{escape(row.name)}</b><br>{escape(_(ls.label))}, "
                        f"{row.year_from}{until}<br>{escape(row.description)}"
                    ),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


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

    The shapes themselves are not here: the map frame has them already (kuril_map.map.shapes),
    which keeps each year's message small.
    """
    return {
        "year": year,
        # Everything in the UI language travels with the layer, so the base map is the same
        # in every language and a language switch keeps the user's map.
        "legend": legend_html(),
        "measure": measure_labels(),
        "text": frame_text(),
        "layers": [
            _layer_items(context_for_year(year)),
            _layer_items(islands_for_year(year, selected)),
            _layer_items(lines_for_year(year)),
        ],
        "labels": [
            [round(lat, 5), round(lng, 5), island_name(island_id, naming)]
            for island_id, lat, lng in label_points()
        ],
    }


def frame_text() -> dict[str, str]:
    """Messages the map frame may show, in the UI language."""
    return {
        "shapesFailed": _(
            "The map shapes could not be loaded ({error}). Reload the page; if this "
            "stays, the app was started without its static files."
        )
    }


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
        self.spec_json = script_json(spec)


def year_layer(year: int, selected: str | None = None, naming: str = "both") -> folium.FeatureGroup:
    """Everything that changes with the year (island colours, Urup, the lines in force) and
    with the naming (the labels): the layer streamlit-folium swaps without rebuilding the map."""
    group = folium.FeatureGroup(name=f"Year {year}", control=False)
    YearScript(year_spec(year, selected, naming)).add_to(group)
    return group
