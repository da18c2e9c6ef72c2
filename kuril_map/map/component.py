"""The map component: streamlit-folium fed with arguments rendered once per distinct view.

This is the only module that uses streamlit-folium's private helpers (``_get_html``,
``_get_header``, ``_get_map_string``, ``_get_feature_group_string``, ``_component_func``);
``tests/test_map_component.py`` checks that our arguments equal what ``st_folium`` itself sends,
so an upgrade that changes them fails there first (the pin in ``pyproject.toml`` names it).

``st_folium`` renders the folium map through Jinja and serialises it on every script run,
which was three quarters of the time of a change of year. The map's code is the same for
every run, and each view's layer is the same for every run that shows that view, so this
module renders both with streamlit-folium's own helpers and caches the text.
`component_args` returns exactly the arguments ``st_folium`` would send for the same map and
layer (a test compares the two, so an upgrade of streamlit-folium that changes them fails
loudly); `show` passes them to the component.

On a host where static/ cannot be written (`kuril_map.map.static_files.Placement`), the frame
fetches its files from the folder the app could write (``files_base``), or, with none, the
arguments carry the files themselves (``files_base=None``): Leaflet and the frame's script as
``data:`` URIs in the links the frame loads, the shapes and the time bundle inside the map's
script, as in an exported file.

Whatever the host, the frame's first script is a small inline watchdog (``js/watchdog.js``):
if a later script cannot load, the frame says so instead of staying empty. When the files are
fetched, the second is an inline prefetch (``js/prefetch.js``): streamlit-folium loads the
scripts one after another, then the stylesheet, and the frame's script fetches the shapes and
the time bundle only once it runs; the prefetch asks for all five at once.

Everything but `show` is a pure function of its arguments, testable without a Streamlit session.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import folium
import streamlit_folium as sf

from kuril_map.i18n import _, current_language, language
from kuril_map.map import offline, shapes, time_bundle
from kuril_map.map.base_map import base_map
from kuril_map.map.layers import view_layer
from kuril_map.map.static_files import STATIC_BASE, data_uri, rebase

# What a click on the map sends back: the clicked feature, and a counter, so that clicking
# the same island again still counts as a new click.
RETURNED_ON_CLICK = ("last_active_drawing", "last_object_clicked_count")
WATCHDOG_JS = Path(__file__).resolve().parent / "js" / "watchdog.js"
PREFETCH_JS = WATCHDOG_JS.with_name("prefetch.js")


@dataclass(frozen=True)
class BaseRender:
    """The base map as the component takes it; the same for every day, naming and language."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


# folium's viewport tag forbids zooming the frame (user-scalable=no, maximum-scale=1), which
# fails WCAG 1.4.4 (resize text); the frame keeps only the width and scale.
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.DOTALL)
ZOOMABLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def zoomable(header: str) -> str:
    """The frame's header with a viewport tag that lets a reader zoom."""
    return _VIEWPORT.sub(ZOOMABLE_VIEWPORT, header)


@lru_cache(maxsize=2)
def base_render(files_base: str | None = STATIC_BASE) -> BaseRender:
    """Render the base map once. It is the same in every language (rendered in English; the
    view's layer brings the words), so a language switch keeps the user's map.

    `files_base`: where the frame fetches its files (static/, or the folder used instead on
    a read-only host); None: they travel with the map, inline.
    """
    with language("en"):
        m = base_map(inline=files_base is None, files_base=files_base or STATIC_BASE)
        m.get_root().render()
        m.render()
        html, header = sf._get_html(m), zoomable(sf._get_header(m))
        script = sf._get_map_string(m)
    css, js = offline.asset_links(m)
    css, js = [_link(u, files_base) for u in css], [_link(u, files_base) for u in js]
    return BaseRender(
        script=script,
        header=header,
        html=html,
        map_id=sf.get_full_id(m),
        css_links=tuple(css),
        js_links=tuple(js),
    )


def _link(url: str, files_base: str | None) -> str:
    """An asset link of the frame as it loads it: from `files_base`, or inline."""
    return offline.inline_url(url) if files_base is None else rebase(url, files_base)


def layer_script(
    day: date,
    selected: str | None,
    naming: str,
    role: str = "main",
    lang: str | None = None,
    scope: str = "islands",
) -> str:
    """The code of one view's layer (its day, selection, naming and language), rendered once.

    The labels are written in the screen's script (Russian names in katakana on a Japanese
    screen), so the language is part of the cache key.
    """
    return _layer_script(day, selected, naming, role, lang or current_language(), scope)


@lru_cache(maxsize=1024)
def _layer_script(
    day: date, selected: str | None, naming: str, role: str, lang: str, scope: str
) -> str:
    holder = folium.Map(tiles=None)  # streamlit-folium attaches the layer to a map to name it
    with language(lang):
        layer = view_layer(day, selected, naming, role, scope)
    return sf._get_feature_group_string(layer, map=holder, idx=0)


def component_args(
    day: date,
    selected: str | None,
    naming: str,
    *,
    role: str = "main",
    key: str,
    height: int,
    returned_objects: tuple[str, ...] = RETURNED_ON_CLICK,
    lang: str | None = None,
    scope: str = "islands",
    files_base: str | None = STATIC_BASE,
) -> dict[str, Any]:
    """The component's arguments for this view, as ``st_folium(..., key=key)`` builds them.

    The frame keeps its Leaflet map while ``key`` stays the same, and ``key`` is derived
    from the base map's code, which is the same for every view: no change gives a new map.
    `files_base`: where the frame fetches its own files (`base_render`); None puts them in
    the arguments (a host with no folder the app can write).
    """
    base = base_render(files_base)
    return {
        "script": base.script,
        "header": base.header,
        "html": base.html,
        "id": base.map_id,
        "key": _frame_key(base.script, key),
        "height": height,
        "width": None,
        "returned_objects": list(returned_objects),
        "default": dict.fromkeys(returned_objects),  # None for each, until a click
        "zoom": None,
        "center": None,
        "feature_group": layer_script(day, selected, naming, role, lang, scope),
        "return_on_hover": False,
        "layer_control": None,
        "pixelated": False,
        "css_links": list(base.css_links),
        "js_links": [
            watchdog_link(lang or current_language()),
            *([prefetch_link(files_base)] if files_base is not None else []),
            *base.js_links,
        ],
        "wrap_longitude": False,
    }


@lru_cache(maxsize=8)
def watchdog_link(lang: str) -> str:
    """The frame's first script, inline, with the words it shows in `lang` after its '#'
    (a browser runs a data: URI without its fragment): if a later script cannot load, the
    frame says so instead of staying empty (js/watchdog.js)."""
    with language(lang):
        text = _(
            "The map could not load ({error}). Reload the page; if this stays, please tell "
            "whoever runs this site."
        )
    return data_uri(watchdog_code(), "text/javascript") + "#" + quote(text)


def prefetch_files(files_base: str = STATIC_BASE) -> dict[str, list[str]]:
    """What the frame loads from `files_base`, by kind: the scripts and stylesheet that
    streamlit-folium loads, and the shapes and time bundle that the frame's script fetches."""
    base = base_render(files_base)
    return {
        "scripts": list(base.js_links),
        "styles": list(base.css_links),
        "data": [rebase(f.url, files_base) for f in (shapes.FILE, time_bundle.FILE)],
    }


@lru_cache(maxsize=2)
def prefetch_link(files_base: str = STATIC_BASE) -> str:
    """The frame's second script, inline, with `prefetch_files` as JSON after its '#': it asks
    for all of them at once, not one after another (js/prefetch.js). A map whose files come
    inline has nothing to fetch and no such script."""
    files = json.dumps(prefetch_files(files_base), separators=(",", ":"))
    return data_uri(inline_code(PREFETCH_JS), "text/javascript") + "#" + quote(files)


def watchdog_code() -> bytes:
    """js/watchdog.js as the frame gets it (`inline_code`)."""
    return inline_code(WATCHDOG_JS)


def inline_code(path: Path) -> bytes:
    """A script of ours without its comment lines: it travels with every map message."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(x for x in lines if not x.lstrip().startswith("//")).encode("utf-8")


@lru_cache(maxsize=16)
def _frame_key(script: str, key: str) -> str:
    """streamlit-folium's key for the frame; cached, as an inline script is some 500 kB."""
    return sf.generate_js_hash(script, key, False)


def show(args: dict[str, Any], on_change: Callable[[], None] | None = None) -> Any:
    """Send `args` (from `component_args`) to streamlit-folium's component on the page."""
    return sf._component_func(**args, on_change=on_change)
