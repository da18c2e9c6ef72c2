"""Leaflet from the app itself, never a CDN: maps made to work with no internet, and export.

folium points every map at CDN copies of Leaflet, jQuery, Bootstrap and Font Awesome, and
streamlit-folium's frame stops at the first script that fails to load: offline, one
unreachable URL means no map at all. This module points a map (and any layer passed to
``st_folium(feature_group_to_add=...)``) at the app's own copy of Leaflet
(`kuril_map.map.static_files`), names anything that would still need the internet, and renders
a map as one self-contained HTML file for export.

Only Leaflet is kept: the map uses GeoJSON, tooltips, circle markers and div labels, none of
which needs jQuery, Bootstrap or the awesome-markers plugin. ``offline_problems`` names the
elements that would (popups, ``folium.Icon``, plugins with their own CDN files).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import folium
from branca.colormap import ColorMap
from branca.element import Element
from folium.elements import JSCSSMixin

from kuril_map.map.static_files import (
    LEAFLET_CSS_URL,
    LEAFLET_JS_URL,
    LEAFLET_SOURCE_DIR,
    data_uri,
    generated_file,
)

# The entries of folium.Map's default_js/default_css that we keep (made local) or drop.
_LOCAL_LINKS = {"leaflet": LEAFLET_JS_URL, "leaflet_css": LEAFLET_CSS_URL}
_DROPPED_MAP_LINKS = frozenset(
    {
        "jquery",
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)


class OfflineAssetError(RuntimeError):
    """A map element needs a file from the internet that this app does not serve."""


# --------------------------------------------------------------------------- map elements


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def _is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url, re.IGNORECASE))


def _localize_element(element: JSCSSMixin, *, drop: frozenset[str]) -> None:
    """Give one element its own (instance) link lists: Leaflet local, `drop` names removed.

    Instance attributes only: folium's class-level lists are shared by every session of the
    Streamlit server process and must stay untouched.
    """
    for attr in ("default_js", "default_css"):
        links = [
            (name, _LOCAL_LINKS.get(name, url))
            for name, url in getattr(element, attr)
            if name not in drop
        ]
        setattr(element, attr, links)


def localize_map(m: folium.Map) -> folium.Map:
    """Make `m` load only the app's own Leaflet; returns `m`.

    Sets ``m.default_js`` / ``m.default_css`` on the instance to Leaflet's local JS and CSS
    (dropping jQuery, Bootstrap, Font Awesome and awesome-markers), and localizes the Leaflet
    links of any element already added. Safe to call before or after adding children and
    more than once; elements added later can be handled with `localize_layers`.
    """
    _localize_element(m, drop=_DROPPED_MAP_LINKS)
    for element in _walk(m):
        if element is not m and isinstance(element, JSCSSMixin):
            _localize_element(element, drop=frozenset())
    return m


def localize_layers(
    groups: Element | Iterable[Element] | None,
) -> Element | Iterable[Element] | None:
    """The same as `localize_map` for layers passed as ``st_folium(feature_group_to_add=...)``.

    st_folium adds those groups to the map and collects the asset links of everything inside
    them, so an element there that carries ``default_js`` (a plugin, say) would bring its CDN
    links back. Leaflet links are made local; anything else remote is reported by
    `offline_problems`. Accepts one group, a list, or None, and returns what it was given.
    """
    if groups is None:
        return None
    for group in [groups] if isinstance(groups, Element) else groups:
        for element in _walk(group):
            if isinstance(element, JSCSSMixin):
                _localize_element(element, drop=frozenset())
    return groups


def asset_links(element: Element) -> tuple[list[str], list[str]]:
    """The CSS and the JS files that `element` and its children declare, in order, once each:
    what streamlit-folium's frame loads before it runs the map's script."""
    css: list[str] = []
    js: list[str] = []
    for el in _walk(element):
        css += [href for _name, href in getattr(el, "default_css", [])]
        js += [src for _name, src in getattr(el, "default_js", [])]
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def remote_links(element: Element) -> list[str]:
    """Every remote JS/CSS URL that rendering `element` (and its children) would load.

    This is what streamlit-folium's frame fetches: the ``default_js`` / ``default_css`` of each
    element, plus d3 from two CDNs that it adds for any branca colormap.
    """
    urls: list[str] = []
    for el in _walk(element):
        if isinstance(el, ColorMap):
            urls += ["https://d3js.org/d3.v4.min.js"]
        for attr in ("default_js", "default_css"):
            urls += [url for _name, url in getattr(el, attr, []) if _is_remote(url)]
    return list(dict.fromkeys(urls))


def offline_problems(*elements: Element | None) -> list[str]:
    """Plain messages for everything under `elements` that will not work without internet.

    Remote asset links, plus elements whose code needs a library `localize_map` dropped:
    popups (jQuery), ``folium.Icon`` (awesome-markers) and ``objects_to_stay_in_front``
    (jQuery). An empty list means the map draws offline.
    """
    problems = [
        f"loads {url} from the internet"
        for element in elements
        if element is not None
        for url in remote_links(element)
    ]
    for element in elements:
        if element is None:
            continue
        for el in _walk(element):
            if isinstance(el, folium.Popup):
                problems.append("folium.Popup needs jQuery, which is not served; use a tooltip")
            elif isinstance(el, folium.Icon):
                problems.append("folium.Icon needs Leaflet.awesome-markers; use folium.DivIcon")
            elif getattr(el, "objects_to_stay_in_front", None):
                problems.append("Map(objects_to_stay_in_front=...) needs jQuery")
    return list(dict.fromkeys(problems))


# --------------------------------------------------------------------------- export


def leaflet_css_inline() -> str:
    """Leaflet's stylesheet with its images inside it: the export and the atlas need no files."""
    css = (LEAFLET_SOURCE_DIR / "leaflet.css").read_text(encoding="utf-8")
    return re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        lambda mt: f"url({data_uri((LEAFLET_SOURCE_DIR / mt.group(1)).read_bytes(), 'image/png')})",
        css,
    )


def leaflet_js_inline() -> str:
    """Leaflet's code, safe inside <script> tags, its marker icons given as data: URIs."""
    js = (LEAFLET_SOURCE_DIR / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
    # Default marker icons: Leaflet derives their folder from the CSS, which a data: URI
    # defeats, so give it the images directly.
    icons = {
        "iconUrl": "marker-icon.png",
        "iconRetinaUrl": "marker-icon-2x.png",
        "shadowUrl": "marker-shadow.png",
    }
    options = ", ".join(
        f'{key}: "{data_uri((LEAFLET_SOURCE_DIR / "images" / name).read_bytes(), "image/png")}"'
        for key, name in icons.items()
    )
    js += f'\nL.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({{{options}}});\n'
    return script_safe(js)


def script_safe(js: str) -> str:
    """Code to put between <script> tags: a "</script" inside must not end the tag."""
    return re.sub(r"</(script)", r"<\\/\\1", js, flags=re.IGNORECASE)


@cache
def _leaflet_uri(url: str) -> str:
    if url == LEAFLET_JS_URL:
        return data_uri(leaflet_js_inline().encode("utf-8"), "text/javascript")
    return data_uri(leaflet_css_inline().encode("utf-8"), "text/css")


def inline_url(url: str) -> str:
    """What the map frame would fetch from static/ at `url`, as a ``data:`` URI carrying it.

    For a host where static/ cannot be written: the frame loads a data: URI as it loads a
    URL, one after another, so the map draws the same (Leaflet as the export inlines it).
    Raises OfflineAssetError for a URL that is not one of the app's own files.
    """
    if url in (LEAFLET_JS_URL, LEAFLET_CSS_URL):
        return _leaflet_uri(url)
    generated = generated_file(url)
    if generated is None:
        raise OfflineAssetError(f"no inline copy of {url}")
    return generated.data_uri


_SCRIPT_TAG = re.compile(r'<script\b[^>]*\bsrc="([^"]*)"[^>]*>\s*</script>', re.IGNORECASE)
_LINK_TAG = re.compile(
    r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]*)"[^>]*/?>|'
    r'<link\b[^>]*\bhref="([^"]*)"[^>]*\brel="stylesheet"[^>]*/?>',
    re.IGNORECASE,
)


def standalone_html(m: folium.Map) -> str:
    """`m` as one HTML file that draws with no network: Leaflet's JS and CSS inlined.

    Raises OfflineAssetError naming what would still come from the internet (a plugin's
    CDN file, say) instead of writing a file that would open blank.
    """
    localize_map(m)
    problems = offline_problems(m)
    if problems:
        raise OfflineAssetError("The map cannot be exported offline: " + "; ".join(problems))
    page = m.get_root().render()

    def script(match: re.Match[str]) -> str:
        url = match.group(1)
        if url == LEAFLET_JS_URL:
            return f"<script>\n{leaflet_js_inline()}</script>"
        generated = generated_file(url)
        if generated is None:
            raise OfflineAssetError(f"unexpected script in the export: {url}")
        return f"<script>\n{script_safe(generated.data.decode('utf-8'))}</script>"

    def link(match: re.Match[str]) -> str:
        href = match.group(1) or match.group(2)
        if href != LEAFLET_CSS_URL:
            raise OfflineAssetError(f"unexpected stylesheet in the export: {href}")
        return f"<style>\n{leaflet_css_inline()}</style>"

    page = _SCRIPT_TAG.sub(script, page)
    return _LINK_TAG.sub(link, page)
