"""The page's own components (Streamlit components v2, mounted in the page, not in a frame):
the time control and the history panels.

Their code is ours, in ``ui/js/`` and ``ui/css/``, with the date helpers the map frame uses too
(``map/js/time.js``), so the page, the map and the one-file atlas read the time bundle the same
way. Streamlit sends a component's code with every run, so each component's own code is only a
small loader (``ui/js/loader.js``); the page script it loads is a file fetched once
(``ui/assets.py``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from kuril_map.i18n import _
from kuril_map.ui.assets import PAGE_SCRIPT, page_href

UI_DIR = Path(__file__).resolve().parent


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _register(name: str, css: str):
    return st.components.v2.component(
        name, html="", css=_read(UI_DIR / "css" / css), js=_read(UI_DIR / "js" / "loader.js")
    )


@cache
def time_component():
    """The time control, registered once per process."""
    return _register("kuril_map_time", "time_control.css")


@cache
def panels_component():
    """The history panels, registered once per process."""
    return _register("kuril_map_panels", "panels.css")


def loader_data(entry: str) -> dict[str, Any]:
    """What the loader needs: the page script's address and the function to hand over to."""
    return {
        "script": page_href(PAGE_SCRIPT),
        "entry": entry,
        "failed": _("This part of the page could not load ({error}). Reload the page."),
    }
