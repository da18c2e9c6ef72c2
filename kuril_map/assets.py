"""Leaflet served by the app itself, so the map draws with no internet.

folium points every map at CDN copies of Leaflet, jQuery, Bootstrap and Font Awesome, and
streamlit-folium's frame stops at the first script that fails to load: offline, one
unreachable URL means no map at all. This module

- copies Leaflet from the installed ``xstatic-leaflet`` package into ``static/vendor/`` at start
  time (that folder is gitignored: third-party files are installed, never committed), where
  Streamlit's static file serving (``[server] enableStaticServing``) publishes it at
  ``<base>/app/static/...``;
- points a map (and any layer passed to ``st_folium(feature_group_to_add=...)``) at those copies
  with URLs *relative to the component frame*, so they work locally and under a deployment's
  URL prefix alike;
- renders a map as one self-contained HTML file for export.

Only Leaflet is kept: the map uses GeoJSON, tooltips, circle markers and div labels, none of
which needs jQuery, Bootstrap or the awesome-markers plugin. ``offline_problems`` names the
elements that would (popups, ``folium.Icon``, plugins with their own CDN files).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import folium
from branca.colormap import ColorMap
from branca.element import Element
from folium.elements import JSCSSMixin
from xstatic.pkg import leaflet as _xstatic_leaflet

from kuril_map.paths import ROOT

log = logging.getLogger(__name__)

LEAFLET_VERSION: str = _xstatic_leaflet.VERSION
LEAFLET_SOURCE_DIR = Path(_xstatic_leaflet.BASE_DIR)
STATIC_DIR = ROOT / "static"  # beside app.py: Streamlit serves it at <base>/app/static/
VENDOR_SUBPATH = f"vendor/leaflet-{LEAFLET_VERSION}"

# The files copied, relative to the xstatic data folder and to static/vendor/leaflet-<v>/.
# The source map is only fetched by open developer tools; copied so that does not 404.
LEAFLET_FILES: tuple[str, ...] = (
    "leaflet.js",
    "leaflet.js.map",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)

# streamlit-folium's frame is served at <base>/component/streamlit_folium.st_folium/index.html,
# so "../../" is <base>/ whatever <base> is ("/" locally, "/~/+/" on Community Cloud).
# Checked in Chromium, at the root and under --server.baseUrlPath (docs/OFFLINE.md).
COMPONENT_TO_BASE = "../../"
LEAFLET_URL_PREFIX = f"{COMPONENT_TO_BASE}app/static/{VENDOR_SUBPATH}"
LEAFLET_JS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.js"
LEAFLET_CSS_URL = f"{LEAFLET_URL_PREFIX}/leaflet.css"

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

_copy_lock = threading.Lock()
_ensured: set[Path] = set()


class OfflineAssetError(RuntimeError):
    """A map element needs a file from the internet that this app does not serve."""


# --------------------------------------------------------------------------- static files


def ensure_static_assets(static_root: Path = STATIC_DIR) -> Path:
    """Copy Leaflet into ``static_root/vendor/leaflet-<version>/`` if missing or stale.

    Returns that folder. The first call per folder and process compares the files byte for
    byte and replaces any that differ (atomically, so a concurrent reader never sees half a
    file); later calls return at once, so the app can call this on every script run.
    A folder that cannot be written is logged, not raised: the rest of the app still works.
    """
    target = Path(static_root) / VENDOR_SUBPATH
    key = target.resolve()
    if key in _ensured:
        return target
    with _copy_lock:
        if key in _ensured:
            return target
        try:
            for name in LEAFLET_FILES:
                _copy_if_different(LEAFLET_SOURCE_DIR / name, target / name)
        except OSError as exc:
            log.warning(
                "Could not install Leaflet into %s (%s); the map may not draw.", target, exc
            )
            return target
        _ensured.add(key)
    return target


def _copy_if_different(source: Path, dest: Path) -> None:
    write_if_different(dest, source.read_bytes())


def write_if_different(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` unless it already holds exactly that, atomically (a concurrent
    reader, the static file server say, never sees half a file)."""
    try:
        if dest.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- generated files


class GeneratedFile:
    """A file the app writes under ``static/`` at start time, named by a hash of its content.

    Used for what the map frame fetches once instead of receiving it with every map message
    (its own script, the shapes). The hash in the name means a browser never keeps a stale
    copy after an upgrade; older versions in the folder are removed when a new one is written.
    """

    def __init__(self, folder: str, stem: str, suffix: str, content: Callable[[], bytes]) -> None:
        self.folder, self.stem, self.suffix = folder, stem, suffix
        self._content = content
        self._lock = threading.Lock()
        self._written: set[Path] = set()
        _GENERATED.append(self)

    @functools.cached_property
    def data(self) -> bytes:
        return self._content()

    @functools.cached_property
    def name(self) -> str:
        digest = hashlib.sha256(self.data).hexdigest()[:12]
        return f"{self.stem}-{digest}{self.suffix}"

    @property
    def url(self) -> str:
        """Relative to the map frame, like Leaflet's: works under any URL prefix."""
        return f"{COMPONENT_TO_BASE}app/static/{self.folder}/{self.name}"

    def ensure(self, static_root: Path = STATIC_DIR) -> Path:
        """Write the file if it is missing; returns its path. A folder that cannot be written
        is logged, not raised: the page still works and the map says what is missing."""
        folder = Path(static_root) / self.folder
        target = folder / self.name
        key = target.resolve()
        if key in self._written and target.exists():
            return target
        with self._lock:
            try:
                write_if_different(target, self.data)
                for old in folder.glob(f"{self.stem}-*{self.suffix}"):
                    if old.name != target.name:
                        old.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("Could not write %s (%s); the map may not draw.", target, exc)
                return target
            self._written.add(key)
        return target


# Every generated file, so that an export can put the content of any of them inline.
_GENERATED: list[GeneratedFile] = []


def generated_file(url: str) -> GeneratedFile | None:
    """The generated file served at `url` (as the map frame writes it), if any."""
    return next((g for g in _GENERATED if g.url == url), None)


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


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inline_css() -> str:
    css = (LEAFLET_SOURCE_DIR / "leaflet.css").read_text(encoding="utf-8")
    return re.sub(
        r"url\((images/[\w.-]+\.png)\)",
        lambda mt: f"url({_data_uri(LEAFLET_SOURCE_DIR / mt.group(1), 'image/png')})",
        css,
    )


def _inline_js() -> str:
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
        f'{key}: "{_data_uri(LEAFLET_SOURCE_DIR / "images" / name, "image/png")}"'
        for key, name in icons.items()
    )
    js += f'\nL.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({{{options}}});\n'
    return _script_safe(js)


def _script_safe(js: str) -> str:
    """Code to put between <script> tags: a "</script" inside must not end the tag."""
    return re.sub(r"</(script)", r"<\\/\\1", js, flags=re.IGNORECASE)


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
            return f"<script>\n{_inline_js()}</script>"
        generated = generated_file(url)
        if generated is None:
            raise OfflineAssetError(f"unexpected script in the export: {url}")
        return f"<script>\n{_script_safe(generated.data.decode('utf-8'))}</script>"

    def link(match: re.Match[str]) -> str:
        href = match.group(1) or match.group(2)
        if href != LEAFLET_CSS_URL:
            raise OfflineAssetError(f"unexpected stylesheet in the export: {href}")
        return f"<style>\n{_inline_css()}</style>"

    page = _SCRIPT_TAG.sub(script, page)
    return _LINK_TAG.sub(link, page)
