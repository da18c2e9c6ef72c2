"""The page's own components (Streamlit components v2, mounted in the page, not in a frame):
the time control and the history panels. Their code is ours, in ``ui/js/`` and ``ui/css/``,
with the date helpers the map frame uses too (``map/js/time.js``), so the page, the map and
the one-file atlas read the time bundle the same way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

UI_DIR = Path(__file__).resolve().parent
MAP_JS = UI_DIR.parent / "map" / "js"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def module_code(shared: tuple[str, ...], glue: str) -> str:
    """One ES module: the shared scripts (each defines its window globals once), then the
    component's own `export default function`."""
    parts = [_read(MAP_JS / "time.js"), _read(UI_DIR / "js" / "page.js")]
    parts += [_read(UI_DIR / "js" / name) for name in shared]
    parts.append(_read(UI_DIR / "js" / glue))
    return "\n".join(parts)


@cache
def time_component():
    """The time control, registered once per process."""
    return st.components.v2.component(
        "kuril_map_time",
        html="",
        css=_read(UI_DIR / "css" / "time_control.css"),
        js=module_code(("time_control.js",), "time_component.js"),
    )


@cache
def panels_component():
    """The history panels, registered once per process."""
    return st.components.v2.component(
        "kuril_map_panels",
        html="",
        css=_read(UI_DIR / "css" / "panels.css"),
        js=module_code(("panels.js",), "panels_component.js"),
    )
