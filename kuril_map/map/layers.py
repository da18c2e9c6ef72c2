"""The view's layer: which day, island, naming and language the map frame draws.

The frame has the shapes (`kuril_map.map.shapes`) and the time bundle
(`kuril_map.map.time_bundle`) already, so the layer streamlit-folium swaps on a rerun carries
only the view; the frame draws the territories, lines, labels and legend for it
(``js/map.js``), and recolours them in place while the user drags the time control.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from kuril_map.i18n import _, current_language
from kuril_map.map.markup import script_json
from kuril_map.map.measure import measure_labels


def frame_text() -> dict[str, str]:
    """Messages the map frame may show before its time bundle has loaded, in the UI language."""
    return {
        "shapesFailed": _(
            "The map shapes could not be loaded ({error}). Reload the page; if this "
            "stays, the app was started without its static files."
        )
    }


def view_spec(
    day: date,
    selected: str | None = None,
    naming: str = "both",
    role: str = "main",
    lang: str | None = None,
    scope: str = "islands",
) -> dict[str, Any]:
    """What the frame needs to draw a view. `role` tells the time control which map to drive
    while the user drags ("main"), and which to leave at its own day ("compare"); `scope`
    frames the map on the four islands or the whole region (when it changes)."""
    return {
        "date": day.isoformat(),
        "selected": selected,
        "naming": naming,
        "lang": lang or current_language(),
        "role": role,
        "scope": scope,
        # Words the frame shows before the bundle arrives, and the measuring tool's, in the
        # UI language: with the layer, so the base map is the same in every language.
        "measure": measure_labels(),
        "text": frame_text(),
    }


class ViewScript(MacroElement):
    """Draws the view into its parent feature group, with what the frame already has."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "kmShowView({{ this._parent.get_name() }}, {{ this.spec_json }});"
        "{% endmacro %}"
    )

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._name = "ViewScript"
        self.spec_json = script_json(spec)


def view_layer(
    day: date,
    selected: str | None = None,
    naming: str = "both",
    role: str = "main",
    scope: str = "islands",
) -> folium.FeatureGroup:
    """The layer streamlit-folium swaps without rebuilding the map."""
    group = folium.FeatureGroup(name=f"View {day.isoformat()}", control=False)
    ViewScript(view_spec(day, selected, naming, role, scope=scope)).add_to(group)
    return group
