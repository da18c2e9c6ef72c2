"""The map on the page: the map component with this view's cached arguments, and its clicks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from kuril_map.i18n import _
from kuril_map.map import clicks, component
from kuril_map.ui.assets import static_placement


def show_map(
    day: date,
    selected: str | None,
    naming: str,
    *,
    key: str,
    height: int,
    on_click: Callable[[dict[str, Any]], None] | None = None,
    role: str = "main",
    scope: str = "islands",
    lang: str | None = None,
) -> None:
    """Draw the map for `day`; `on_click` gets the component's value after a click on it.

    A map without `on_click` returns nothing, so panning or zooming it never reruns the
    script (two compared maps follow each other in the browser, see kuril_map/map/js/map.js).
    On a host whose static/ is read-only the map's files come inline; when they cannot be
    found at all, the page says so rather than showing an empty frame.
    """
    placement = static_placement()
    if placement.missing:
        st.error(cannot_draw_message(placement.missing))
        return
    returned = component.RETURNED_ON_CLICK if on_click else ()
    args = component.component_args(
        day,
        selected,
        naming,
        key=key,
        height=height,
        returned_objects=returned,
        role=role,
        scope=scope,
        lang=lang,
        files_base=placement.files_base,
    )

    def changed() -> None:
        # As st_folium does: the value is kept under the caller's key as well.
        value = st.session_state.get(args["key"], {}) or {}
        st.session_state[key] = value
        if on_click is not None:
            on_click(value)

    component.show(args, on_change=changed)


def cannot_draw_message(missing: tuple[str, ...]) -> str:
    """What the page says in place of a map that cannot draw: what is missing, and who can
    mend it (a visitor cannot; whoever installed the app can)."""
    return _(
        "The map cannot be drawn: files it needs are missing from this installation of "
        "kuril-map ({files}). Please tell whoever runs this site: reinstalling kuril-map "
        "fixes it."
    ).format(files="; ".join(missing))


def on_map_click(value: dict[str, Any]) -> None:
    """A click on an island selects it (kept across eras); a click on a line shows its clause.

    Only a new click counts (the component may report its value again after a rerun).
    """
    count = value.get("last_object_clicked_count")
    if count is not None and count == st.session_state.get("map_clicks"):
        return
    st.session_state.map_clicks = count
    clicked = clicks.selected_island(value)
    if clicked and clicked != st.session_state.get("island"):
        st.session_state.island = clicked
    st.session_state.clicked_line = clicks.selected_line(value)
