"""The map of one view as one HTML file that opens from disk with no network (*Download map*).

The base map and the view's layer in one page, with the shapes, the frame's script and
Leaflet written inside it (`offline.standalone_html`).
"""

from __future__ import annotations

from datetime import date

import folium

from kuril_map.map.base_map import base_map
from kuril_map.map.layers import view_layer
from kuril_map.map.offline import standalone_html


def full_map(day: date, selected: str | None = None, naming: str = "both") -> folium.Map:
    """Base map plus the view's layer, with the shapes and the time bundle inside."""
    m = base_map(inline=True)
    view_layer(day, selected, naming).add_to(m)
    return m


def export_html(day: date, selected: str | None = None, naming: str = "both") -> str:
    """The view as one self-contained HTML page."""
    return standalone_html(full_map(day, selected, naming))
