"""The history beside the map: the era and its events, the status of each territory, the
positions held on the day, and the map in words.

Drawn in the browser from the time bundle (``ui/js/panels.js``), the same code as the one-file
atlas, so they follow the time control while the user drags it; each statement links its
sources. The page only says which day, island, naming, language and scope to show.
"""

from __future__ import annotations

import streamlit as st

from kuril_map import summaries
from kuril_map.i18n import _
from kuril_map.map import time_bundle
from kuril_map.safe_markdown import escape_markdown
from kuril_map.ui.assets import page_href
from kuril_map.ui.components import loader_data, panels_component
from kuril_map.view_state import ViewState, year_end

HISTORY_PARTS = ("era", "status", "positions")
WORDS_PARTS = ("words",)


def show(view: ViewState, parts: tuple[str, ...], key: str) -> None:
    """The panels named in `parts` ("era", "status", "positions", "words") for the view."""
    panels_component()(
        key=key,
        data={
            **loader_data("kmPanelsComponent"),
            "url": page_href(time_bundle.FILE),
            "view": {
                "date": view.date.isoformat(),
                "lang": view.lang,
                "naming": view.naming,
                "selected": view.island,
                "scope": view.scope,
            },
            "parts": list(parts),
            "failed": _("The history could not be loaded ({error}). Reload the page."),
        },
    )


def history_panels(view: ViewState, key: str = "history_panels") -> None:
    show(view, HISTORY_PARTS, key)


def map_in_words(view: ViewState, key: str = "map_words") -> None:
    with st.container(key=f"{key}_box"):
        show(view, WORDS_PARTS, key)


def what_changed(view: ViewState) -> str:
    """Compare mode: what changed from the compared year's end to the view's day, as a
    Markdown list (each line escaped: it quotes the history's names), or a plain note."""
    if view.compare is None:
        return ""
    diffs = summaries.differences(year_end(view.compare), view.date, view.naming, scope=view.scope)
    if not diffs:
        return _("No change between these days.")
    return "\n".join(f"- {escape_markdown(d)}" for d in diffs)
