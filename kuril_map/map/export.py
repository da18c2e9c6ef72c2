"""The map of one view as one HTML file that opens from disk with no network (*Download map*).

The base map and the year's layer in one page, with the shapes, the frame's script and
Leaflet written inside it (`offline.standalone_html`).
"""

from __future__ import annotations

import folium

from kuril_map.map.base_map import base_map
from kuril_map.map.layers import year_layer
from kuril_map.map.offline import standalone_html


def full_map(year: int, selected: str | None = None, naming: str = "both") -> folium.Map:
    """Base map plus the year's layer in one map with the shapes inside: for export and tests."""
    m = base_map(inline_geometry=True)
    year_layer(year, selected, naming).add_to(m)
    return m


def export_html(year: int, selected: str | None = None, naming: str = "both") -> str:
    """The view as one self-contained HTML page."""
    return standalone_html(full_map(year, selected, naming))
