"""The time control on the page: a component that moves the map and the panels while the user
drags it, and tells the page the day the user settled on (`on_time`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kuril_map.map import time_bundle
from kuril_map.summaries import time_control_words
from kuril_map.ui.assets import page_href
from kuril_map.ui.components import loader_data, time_component
from kuril_map.view_state import ViewState

KEY = "time_control"


def on_time() -> None:
    """The user settled on a day: it becomes the page's day (the panels and link follow)."""
    value: Any = st.session_state.get(KEY)
    chosen = value.get("date") if hasattr(value, "get") else None
    if chosen:
        st.session_state.date = chosen


def show(view: ViewState) -> None:
    """Draw the control for the view's day, in the view's language."""
    day = view.date.isoformat()
    time_component()(
        key=KEY,
        data={
            **loader_data("kmTimeComponent"),
            "url": page_href(time_bundle.FILE),
            "date": day,
            "lang": view.lang,
            "text": time_control_words(),
        },
        default={"date": day},
        on_date_change=on_time,
    )
