"""The cached map arguments are what st_folium itself would send, and small enough per year."""

from __future__ import annotations

import base64
import json
import re
from datetime import date
from pathlib import Path
from unittest import mock
from urllib.parse import unquote

import pytest
import streamlit_folium

from kuril_map import geodata
from kuril_map.i18n import set_language
from kuril_map.map import base_map, component, export, frame_script, layers, shapes, time_bundle
from tests.apptest_helpers import layer_spec_in


def st_folium_args(day: date, selected: str | None, naming: str, **kwargs) -> dict:
    """The arguments st_folium passes to its component for the same map and layer."""
    captured: dict = {}
    with mock.patch.object(streamlit_folium, "_component_func", side_effect=captured.update):
        streamlit_folium.st_folium(
            base_map.base_map(),
            feature_group_to_add=layers.view_layer(day, selected, naming),
            use_container_width=True,
            **kwargs,
        )
    captured.pop("on_change")
    return captured


@pytest.mark.parametrize(
    ("day", "selected", "naming", "returned"),
    [
        (date(1855, 2, 7), None, "both", component.RETURNED_ON_CLICK),
        (date(1946, 2, 2), "shikotan", "ru", component.RETURNED_ON_CLICK),
        (date(2022, 3, 21), "habomai", "ja", ()),
    ],
)
def test_same_arguments_as_st_folium(day, selected, naming, returned) -> None:
    """The guard on streamlit-folium's private helpers (the pin in pyproject.toml names it):
    our cached arguments are what st_folium sends, but for the viewport tag we make zoomable."""
    ours = component.component_args(
        day, selected, naming, key="map_main", height=600, returned_objects=returned
    )
    theirs = st_folium_args(
        day, selected, naming, key="map_main", height=600, returned_objects=list(returned)
    )
    assert ours["header"] == component.zoomable(theirs["header"])
    assert "user-scalable=no" in theirs["header"] and "user-scalable" not in ours["header"]
    # The frame loads our inline watchdog first (js/watchdog.js) and the prefetch of its files
    # (js/prefetch.js), then what st_folium loads.
    assert ours["js_links"][:2] == [component.watchdog_link("en"), component.prefetch_link()]
    ours["js_links"] = ours["js_links"][2:]
    assert {k: v for k, v in ours.items() if k != "header"} == {
        k: v for k, v in theirs.items() if k != "header"
    }


def test_the_prefetch_lists_every_file_the_frame_loads_and_only_those() -> None:
    """js/prefetch.js asks for what streamlit-folium loads and what map.js fetches, no more
    (the files are fetched once: the browser test checks that), and carries no comments."""
    args = component.component_args(date(1956, 10, 19), None, "both", key="k", height=600)
    uri, _, fragment = args["js_links"][1].partition("#")
    listed = json.loads(unquote(fragment))
    assert listed == component.prefetch_files()
    assert listed["scripts"] == args["js_links"][2:] and listed["styles"] == args["css_links"]
    shapes_url, time_url = listed["data"]
    assert shapes_url.endswith(shapes.FILE.name) and time_url.endswith(time_bundle.FILE.name)
    # The frame's script fetches exactly these two (kmLoadGeo, kmLoadTime in the map's code).
    assert f'"{shapes_url}"' in args["script"] and f'"{time_url}"' in args["script"]
    code = base64.b64decode(uri.split(",", 1)[1])
    assert code == component.inline_code(component.PREFETCH_JS) and b"\n//" not in code
    assert b"kmPrefetched" in code


def test_day_naming_and_language_all_keep_the_map() -> None:
    def args(day: date, naming: str, lang: str) -> dict:
        return component.component_args(day, None, naming, key="k", height=600, lang=lang)

    a, b = args(date(1875, 8, 22), "both", "en"), args(date(1946, 2, 2), "ru", "en")
    assert a["key"] == b["key"] and a["script"] == b["script"]
    assert a["feature_group"] != b["feature_group"]
    set_language("ja")
    try:
        japanese = args(date(1875, 8, 22), "both", "ja")
    finally:
        set_language("en")
    assert {k: japanese[k] for k in ("key", "script", "html", "header")} == {
        k: a[k] for k in ("key", "script", "html", "header")
    }
    # The view says which language; the frame's own words come with it.
    assert layer_spec_in(japanese["feature_group"])["lang"] == "ja"
    assert layer_spec_in(japanese["feature_group"])["measure"]["measure"] != "Measure"


def test_layer_is_cached_and_small() -> None:
    first = component.layer_script(date(1945, 8, 28), None, "both")
    assert component.layer_script(date(1945, 8, 28), None, "both") is first
    assert len(first.encode()) < 3_000
    base = component.base_render()
    message = len(base.script) + len(base.header) + len(base.html) + len(first)
    assert message < 10_000, "the map message carries neither the shapes nor the frame's code"
    assert '"coordinates"' not in base.script + first


def test_the_frame_fetches_the_shapes_and_the_time_bundle_once() -> None:
    script = component.base_render().script
    assert shapes.FILE.url in script and time_bundle.FILE.url in script


def test_geometry_bundle_is_rounded_and_versioned(tmp_path: Path) -> None:
    text = shapes.bundle_json()
    assert not re.search(r"\d\.\d{6,}", text), "coordinates keep at most 5 decimals"
    path = shapes.FILE.ensure(tmp_path)
    assert re.fullmatch(r"kuril-map-[0-9a-f]{12}\.json", path.name)
    assert path.read_text(encoding="utf-8") == text
    stale = tmp_path / "geo" / "kuril-map-000000000000.json"
    stale.write_text("{}")
    other = tmp_path / "elsewhere"
    shapes.FILE.ensure(other)  # a first write to a folder clears older versions
    assert (other / "geo" / path.name).exists()
    shapes.FILE._written.clear()
    shapes.FILE.ensure(tmp_path)
    assert not stale.exists(), "an older version is removed"
    assert shapes.FILE.url.endswith("app/static/geo/" + path.name)


def test_frame_script_is_a_static_file_the_map_loads(tmp_path: Path) -> None:
    path = frame_script.FILE.ensure(tmp_path)
    code = path.read_text(encoding="utf-8")
    assert "window.kmShowView" in code and "window.kmAddMeasure" in code and "KmTime" in code
    args = component.component_args(date(1946, 2, 2), None, "both", key="k", height=600)
    assert frame_script.FILE.url in args["js_links"]
    assert "window.kmShowView" not in args["script"], "the code is not resent with the map"


def test_geometry_bundle_matches_the_data() -> None:
    bundle = shapes.bundle()
    islands = geodata.load_islands()
    assert [f["id"] for f in bundle["islands"]["features"]] == list(islands["id"])
    etorofu = next(f for f in bundle["islands"]["features"] if f["id"] == "etorofu")
    lat, lng = etorofu["properties"]["labelAt"]
    assert 44 < lat < 46 and 146 < lng < 149
    # Rounding to ~1 m changes the area by far less than a thousandth.
    from shapely.geometry import shape

    exact = islands.set_index("id").geometry["etorofu"]
    assert abs(shape(etorofu["geometry"]).area - exact.area) / exact.area < 1e-3


def test_duplicate_ids_are_refused(monkeypatch) -> None:
    checked = geodata.features

    def clashing(layer: str) -> list:
        found = checked(layer)
        if layer == "boundaries":  # a line that takes an island's id
            _fid, props, geometry = found[0]
            found[0] = ("etorofu", props, geometry)
        return found

    monkeypatch.setattr(geodata, "features", clashing)
    shapes.bundle.cache_clear()
    try:
        with pytest.raises(geodata.GeoDataError, match="unique"):
            shapes.bundle()
    finally:
        shapes.bundle.cache_clear()


def test_export_carries_the_shapes_and_the_time_bundle_inline() -> None:
    html = export.full_map(date(1946, 2, 2), "etorofu", "ja").get_root().render()
    assert "window.KM_GEO_INLINE = {" in html and "window.KM_TIME_INLINE = {" in html
    assert "択捉島" in html
    assert "</script" not in html.split("window.KM_GEO_INLINE = ", 1)[1].split(";\n", 1)[0]
