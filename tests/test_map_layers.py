"""The view the map frame draws, what a click selected, and a base map that needs no internet.

The colours, tooltips and lines themselves are drawn in the frame from the time bundle
(tests/test_map_time_bundle.py checks what it carries; tests/test_map_time_js.py runs its date
code; the browser tests check what is drawn)."""

from __future__ import annotations

from datetime import date

from kuril_map.i18n import language
from kuril_map.map import clicks, export, layers


def test_view_spec_names_the_day_and_the_view() -> None:
    spec = layers.view_spec(date(1945, 8, 28), "etorofu", "ru", role="compare", lang="ja")
    assert (spec["date"], spec["selected"], spec["naming"], spec["role"], spec["lang"]) == (
        "1945-08-28",
        "etorofu",
        "ru",
        "compare",
        "ja",
    )


def test_view_spec_carries_the_frame_words_in_the_ui_language() -> None:
    with language("ja"):
        spec = layers.view_spec(date(1946, 1, 1))
    assert spec["lang"] == "ja"
    assert spec["measure"]["measure"] != "Measure"
    assert "{error}" in spec["text"]["shapesFailed"]


def test_view_layer_calls_the_frame() -> None:
    group = layers.view_layer(date(1875, 8, 22), "shikotan", "both")
    html = export.full_map(date(1875, 8, 22), "shikotan").get_root().render()
    assert group.layer_name == "View 1875-08-22"
    assert "kmShowView(feature_group_" in html and '"date":"1875-08-22"' in html


def test_selected_island_from_map_output() -> None:
    click = {"last_active_drawing": {"properties": {"id": "habomai"}}}
    assert clicks.selected_island(click) == "habomai"
    assert clicks.selected_island({"last_active_drawing": {"properties": {"id": "urup"}}}) is None
    assert clicks.selected_island({"last_active_drawing": None}) is None
    assert clicks.selected_island(None) is None


def test_base_map_loads_nothing_from_the_internet() -> None:
    html = export.full_map(date(1950, 1, 1)).get_root().render()
    assert 'src="http' not in html
    assert 'href="http' not in html
    assert "KM_TIME_INLINE" in html and "KM_GEO_INLINE" in html


def test_selected_line_from_map_output() -> None:
    click = {"last_active_drawing": {"properties": {"id": "shimoda_1855", "kind": "agreed border"}}}
    assert clicks.selected_line(click) == "shimoda_1855"
    # A line drawn with another line's geometry reports its own id.
    assert clicks.selected_line({"last_active_drawing": {"properties": {"id": "ukase_1821"}}}) == (
        "ukase_1821"
    )
    assert clicks.selected_line({"last_active_drawing": {"properties": {"id": "etorofu"}}}) is None
    assert clicks.selected_line(None) is None
