"""The page's own components (Streamlit components v2, mounted in the page, not in a frame):
the time control and the history panels.

Their code is ours, in ``ui/js/`` and ``ui/css/``, with the date helpers the map frame uses too
(``map/js/time.js``), so the page, the map and the one-file atlas read the time bundle the same
way. Streamlit sends a component's code with every run, so each component's own code is only a
small loader (``ui/js/loader.js``); the page script it loads is a static file, fetched once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from kuril_map.i18n import _
from kuril_map.map.static_files import GeneratedFile

UI_DIR = Path(__file__).resolve().parent
MAP_JS = UI_DIR.parent / "map" / "js"
# The page script, in order: helpers first, then what uses them.
PAGE_JS = (
    MAP_JS / "time.js",
    UI_DIR / "js" / "page.js",
    UI_DIR / "js" / "time_control.js",
    UI_DIR / "js" / "panels.js",
    UI_DIR / "js" / "time_component.js",
    UI_DIR / "js" / "panels_component.js",
)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def page_script() -> bytes:
    """The page's own script: the time control, the panels and their glue, one file."""
    return "\n".join(_read(p) for p in PAGE_JS).encode("utf-8")


PAGE_SCRIPT = GeneratedFile("km", "kuril-page", ".js", page_script)


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
        "script": PAGE_SCRIPT.page_url,
        "entry": entry,
        "failed": _("This part of the page could not load ({error}). Reload the page."),
    }
