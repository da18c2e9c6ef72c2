"""What a click on the map selected, read from the map component's value.

Pure functions of the value streamlit-folium returns, so they are tested without a browser.
"""

from __future__ import annotations

from typing import Any

from kuril_map import history
from kuril_map.islands import ISLAND_IDS


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
    known = {line.id for line in history.load().lines}
    return line_id if line_id in known else None
