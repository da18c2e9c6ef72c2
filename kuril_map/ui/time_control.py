"""The time control on the page: a component that moves the map and the panels while the user
drags it, and tells the page the day the user settled on (`on_time`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from kuril_map.i18n import _
from kuril_map.map import time_bundle
from kuril_map.ui.components import loader_data, time_component
from kuril_map.view_state import ViewState

KEY = "time_control"


def control_text() -> dict[str, str]:
    """The control's words in the UI language (buttons are also named for screen readers)."""
    return {
        "slider": _("Date"),
        "previous": _("Previous event"),
        "next": _("Next event"),
        "play": _("Play through the events"),
        "pause": _("Pause"),
        "pace": _("Seconds per event"),
        "seconds": _("{n} s per event"),
        "failed": _("The time control could not load its data ({error}). Reload the page."),
    }


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
            "url": time_bundle.FILE.page_url,
            "date": day,
            "lang": view.lang,
            "text": control_text(),
        },
        default={"date": day},
        on_date_change=on_time,
    )
