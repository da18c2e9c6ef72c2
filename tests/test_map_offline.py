"""Leaflet is served by the app and exports are self-contained (no browser needed here)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin

import folium
import pytest
from folium.elements import JSCSSMixin

from kuril_map.map import offline, static_files
from kuril_map.paths import ROOT

CDN_HOSTS = (
    "cdn.jsdelivr.net",
    "cdnjs.cloudflare.com",
    "code.jquery.com",
    "netdna.bootstrapcdn.com",
    "d3js.org",
    "unpkg.com",
)
SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Square", "style": {"fillColor": "#c0392b"}},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[146, 44], [147, 44], [147, 45], [146, 45], [146, 44]]],
            },
        }
    ],
}


def _what_the_app_draws() -> tuple[folium.Map, folium.FeatureGroup]:
    """The kinds of element kuril-map uses: GeoJSON with styles and tooltips, labels, a legend."""
    m = folium.Map(location=(44.3, 146.6), zoom_start=7, tiles=None, control_scale=True)
    offline.localize_map(m)
    folium.GeoJson(
        SQUARE,
        style_function=lambda f: f["properties"]["style"],
        highlight_function=lambda _f: {"weight": 5},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False, sticky=True),
        zoom_on_click=False,
    ).add_to(m)
    folium.CircleMarker(
        location=(44.5, 146.5),
        radius=0,
        tooltip=folium.Tooltip("Label", permanent=True, direction="center", class_name="x"),
    ).add_to(m)
    folium.Marker((44.6, 146.6), icon=folium.DivIcon(html="<div>label</div>")).add_to(m)
    m.get_root().header.add_child(folium.Element("<style>.x { color: red; }</style>"))
    m.get_root().html.add_child(folium.Element("<div class='legend'>legend</div>"))
    group = folium.FeatureGroup(name="Year 1855")
    folium.GeoJson(SQUARE, tooltip=folium.GeoJsonTooltip(fields=["name"])).add_to(group)
    offline.localize_layers(group)
    group.add_to(m)
    return m, group


def _asset_urls(page: str) -> list[str]:
    return re.findall(r'<script[^>]*\bsrc="([^"]*)"', page) + re.findall(
        r'<link[^>]*\bhref="([^"]*)"', page
    )


# --------------------------------------------------------------------------- static files


def test_ensure_static_assets_copies_leaflet(tmp_path: Path) -> None:
    target = static_files.ensure_static_assets(tmp_path / "static")
    assert target == tmp_path / "static" / "vendor" / f"leaflet-{static_files.LEAFLET_VERSION}"
    for name in static_files.LEAFLET_FILES:
        assert (target / name).read_bytes() == (static_files.LEAFLET_SOURCE_DIR / name).read_bytes()
    assert "Leaflet 1.9.3" in (target / "leaflet.js").read_text(encoding="utf-8")[:200]
    assert (
        static_files.ensure_static_assets(tmp_path / "static") == target
    )  # cached: returns at once


def test_ensure_static_assets_replaces_stale_files(tmp_path: Path) -> None:
    target = static_files.ensure_static_assets(tmp_path)
    (target / "leaflet.js").write_text("stale", encoding="utf-8")
    (target / "images" / "layers.png").unlink()
    static_files._ensured.discard(target.resolve())  # as in a new server process
    static_files.ensure_static_assets(tmp_path)
    assert (target / "leaflet.js").read_bytes() == (
        static_files.LEAFLET_SOURCE_DIR / "leaflet.js"
    ).read_bytes()
    assert (target / "images" / "layers.png").is_file()
    assert not [p for p in target.rglob(".*") if p.is_file()], "temporary files left behind"


def test_static_folder_sits_beside_the_app_and_is_ignored() -> None:
    assert static_files.STATIC_DIR == ROOT / "static"
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "static/vendor/" in ignored


def test_streamlit_serves_js_and_css_with_their_types() -> None:
    # Streamlit < 1.55 sent .js/.css as text/plain + nosniff, and the browser refused them.
    component_file_utils = pytest.importorskip("streamlit.web.server.component_file_utils")
    assert "javascript" in component_file_utils.guess_content_type("x/leaflet.js")
    assert component_file_utils.guess_content_type("x/leaflet.css").startswith("text/css")


def test_config_serves_static_files_and_sends_no_usage_stats() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert config["browser"]["gatherUsageStats"] is False


# --------------------------------------------------------------------------- relative URLs


@pytest.mark.parametrize(
    "base", ["http://localhost:8501/", "https://x.streamlit.app/~/+/", "http://h/some/prefix/"]
)
def test_leaflet_urls_resolve_from_the_component_frame_to_app_static(base: str) -> None:
    frame = base + "component/streamlit_folium.st_folium/index.html?streamlitUrl=x"
    vendor = f"app/static/vendor/leaflet-{static_files.LEAFLET_VERSION}/"
    assert urljoin(frame, static_files.LEAFLET_JS_URL) == base + vendor + "leaflet.js"
    assert urljoin(frame, static_files.LEAFLET_CSS_URL) == base + vendor + "leaflet.css"


# --------------------------------------------------------------------------- localize_map


def test_localized_map_loads_only_local_leaflet() -> None:
    m, _group = _what_the_app_draws()
    page = m.get_root().render()
    urls = _asset_urls(page)
    assert urls == [static_files.LEAFLET_JS_URL, static_files.LEAFLET_CSS_URL]
    assert not [u for u in urls if re.match(r"(https?:)?//", u)]
    assert offline.offline_problems(m) == []


def test_what_the_app_draws_needs_no_jquery() -> None:
    m, _group = _what_the_app_draws()
    page = m.get_root().render()
    scripts = "".join(re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL))
    assert "$(" not in scripts
    assert "jQuery" not in scripts
    assert "AwesomeMarkers" not in scripts


def test_localize_map_leaves_folium_class_lists_alone() -> None:
    js_before, css_before = list(folium.Map.default_js), list(folium.Map.default_css)
    m = offline.localize_map(folium.Map(tiles=None))
    offline.localize_map(m)  # twice is fine
    assert folium.Map.default_js == js_before
    assert folium.Map.default_css == css_before
    assert JSCSSMixin.default_js == []
    assert m.default_js == [("leaflet", static_files.LEAFLET_JS_URL)]
    assert m.default_css == [("leaflet_css", static_files.LEAFLET_CSS_URL)]
    assert folium.Map(tiles=None).default_js[0][1].startswith("https://")  # others unaffected


def test_localize_layers_makes_leaflet_links_of_group_children_local() -> None:
    class NeedsLeaflet(JSCSSMixin):
        default_js: ClassVar = [
            ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
        ]

    group = folium.FeatureGroup(name="g")
    child = NeedsLeaflet()
    group.add_child(child)
    assert offline.offline_problems(group)
    assert offline.localize_layers(group) is group
    assert child.default_js == [("leaflet", static_files.LEAFLET_JS_URL)]
    assert NeedsLeaflet.default_js[0][1].startswith("https://")
    assert offline.offline_problems(group) == []
    assert offline.localize_layers(None) is None
    assert offline.localize_layers([group]) == [group]


def test_offline_problems_names_what_needs_the_internet() -> None:
    from folium.plugins import Fullscreen

    m = offline.localize_map(folium.Map(tiles=None))
    folium.Marker((44, 146), popup="text", icon=folium.Icon(color="red")).add_to(m)
    Fullscreen().add_to(m)
    problems = " | ".join(offline.offline_problems(m))
    assert "Popup" in problems
    assert "Icon" in problems
    assert "leaflet.fullscreen" in problems.lower()


# --------------------------------------------------------------------------- export


def test_standalone_html_inlines_leaflet_and_loads_nothing() -> None:
    m, _group = _what_the_app_draws()
    page = offline.standalone_html(m)
    assert "Leaflet 1.9.3" in page
    assert ".leaflet-container" in page
    assert "data:image/png;base64," in page  # the CSS's images and the default marker icons
    assert _asset_urls(page) == []
    loads = r"""<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//"""
    assert not re.search(loads, page, flags=re.IGNORECASE)
    assert not [host for host in CDN_HOSTS if host in page]
    assert "sourceMappingURL" not in page
    assert page.count("<script>") >= 2  # Leaflet, then the map


def test_standalone_html_refuses_a_map_that_would_need_the_internet() -> None:
    m = folium.Map(tiles=None)
    folium.Marker((44, 146), popup="needs jQuery").add_to(m)
    with pytest.raises(offline.OfflineAssetError, match="Popup"):
        offline.standalone_html(m)
