"""The map on the page: streamlit-folium's component fed with pre-rendered, cached arguments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
import streamlit_folium

from kuril_map import map_component


def show_map(
    year: int,
    selected: str | None,
    naming: str,
    *,
    key: str,
    height: int,
    on_click: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """Draw the map for `year`; `on_click` gets the component's value after a click on it.

    A map without `on_click` returns nothing, so panning or zooming it never reruns the
    script (two compared maps follow each other in the browser, see kuril_map/js/map.js).
    """
    returned = map_component.RETURNED_ON_CLICK if on_click else ()
    args = map_component.component_args(
        year, selected, naming, key=key, height=height, returned_objects=returned
    )

    def changed() -> None:
        # As st_folium does: the value is kept under the caller's key as well.
        value = st.session_state.get(args["key"], {}) or {}
        st.session_state[key] = value
        if on_click is not None:
            on_click(value)

    streamlit_folium._component_func(**args, on_change=changed)
