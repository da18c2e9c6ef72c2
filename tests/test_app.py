"""The Streamlit page, driven headless with AppTest: time control, links, map layer, excerpts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kuril_map.map.style import STATE_COLOURS
from tests.apptest_helpers import (
    excerpt_texts,
    layer_spec_in,
    query_param,
    run_checked,
    source_lines,
)

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return run_checked(at)


def map_args(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def status_table(at: AppTest) -> list[dict]:
    return at.table[0].value.to_dict("records")


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return start()


def test_loads_with_defaults(default_app: AppTest) -> None:
    at = default_app
    assert at.session_state.year == 1855
    assert "1855" in at.title[0].value
    assert at.select_slider(key="event_year").value == 1855
    assert at.slider(key="any_year").value == 1855


def test_map_component_gets_year_layer(default_app: AppTest) -> None:
    args = map_args(default_app)
    layer = args["feature_group"]
    assert "Treaty of Shimoda" in layer or "Shimoda" in layer
    assert island_fills(args) == {STATE_COLOURS["Japan"]}
    # The base map carries no CDN links: everything is served by the app itself.
    assert not any(link.startswith("http") for link in args["js_links"] + args["css_links"])


def test_moving_time_control_changes_map_status_and_excerpts() -> None:
    at = start()
    before = map_args(at)["feature_group"]
    excerpts_before = excerpt_texts(at)
    at.slider(key="any_year").set_value(1946).run()
    assert not at.exception
    assert at.session_state.year == 1946
    after = map_args(at)["feature_group"]
    assert after != before
    assert island_fills(map_args(at)) == {STATE_COLOURS["USSR"]}
    assert "line_of_control_1945" in after or "Line of control" in after
    rows = status_table(at)
    assert {r["Administered by"] for r in rows} == {"Soviet Union (USSR)"}
    assert {r["Claimed by (other states)"] for r in rows} == {"Japan"}
    assert excerpt_texts(at) != excerpts_before
    assert query_param(at, "year") == "1946"


def test_event_slider_snaps_to_event_years() -> None:
    at = start()
    at.select_slider(key="event_year").set_value(1875).run()
    assert at.session_state.year == 1875
    assert at.slider(key="any_year").value == 1875
    at.button(key="next_event").click().run()
    assert at.session_state.year > 1875


def test_any_year_keeps_event_slider_on_previous_event() -> None:
    at = start()
    at.slider(key="any_year").set_value(1930).run()
    assert at.session_state.year == 1930
    assert at.select_slider(key="event_year").value <= 1930


def test_link_restores_year_and_island() -> None:
    at = start(year="2022", island="Iturup")
    assert at.session_state.year == 2022
    assert at.session_state.island == "etorofu"
    assert at.selectbox(key="island_choice").value == "etorofu"
    texts = excerpt_texts(at)
    assert texts, "the seeds speak of Etorofu after 2022"
    assert any("Etorofu" in t or "Iturup" in t or "Northern Territories" in t for t in texts)


@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "1200"}, {"island": "Atlantis"}, {"year": ""}]
)
def test_odd_links_fall_back_without_error(query: dict[str, str]) -> None:
    at = start(**query)
    assert at.session_state.year >= 1644
    assert not at.exception


def test_choosing_island_filters_excerpts() -> None:
    at = start(year="2022")
    all_count = len(excerpt_texts(at))
    at.selectbox(key="island_choice").set_value("habomai").run()
    assert at.session_state.island == "habomai"
    assert len(excerpt_texts(at)) <= all_count
    assert query_param(at, "island") == "habomai"


def test_excerpts_are_cited(default_app: AppTest) -> None:
    at = start(year="2025")
    assert any("[source](https://" in c for c in source_lines(at))


# --------------------------------------------------------------------------- classroom mode


def component_args(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.json_args) for c in at.get("component_instance")]


def test_full_link_restores_every_setting() -> None:
    at = start(
        year="1946",
        island="shikotan",
        naming="ru",
        lang="ja",
        layout="presentation",
        compare="1875",
    )
    ss = at.session_state
    assert (ss.year, ss.island, ss.naming, ss.lang, ss.layout, ss.compare) == (
        1946,
        "shikotan",
        "ru",
        "ja",
        "presentation",
        1875,
    )
    assert at.radio(key="naming_choice").value == "ru"
    assert at.radio(key="lang_choice").value == "ja"
    assert at.radio(key="layout_choice").value == "presentation"
    assert at.toggle(key="compare_on").value is True
    assert at.number_input(key="compare_year").value == 1875
    assert query_param(at, "compare") == "1875"
    assert query_param(at, "naming") == "ru"


def test_odd_settings_fall_back_with_a_toast() -> None:
    at = start(naming="klingon", lang="xx", layout="huge", compare="soon")
    ss = at.session_state
    assert (ss.naming, ss.lang, ss.layout, ss.compare) == ("both", "en", "standard", None)
    toasts = [t.value for t in at.toast]
    assert len(toasts) == 4 and any("klingon" in t for t in toasts)
    assert query_param(at, "naming") == "both"
    assert "compare" not in at.query_params


def test_changing_settings_updates_the_link() -> None:
    at = start(year="1905")
    at.radio(key="naming_choice").set_value("ja").run()
    at.radio(key="layout_choice").set_value("presentation").run()
    assert query_param(at, "naming") == "ja"
    assert query_param(at, "layout") == "presentation"
    assert query_param(at, "year") == "1905"


def spec_of(args: dict) -> dict:
    return layer_spec_in(args["feature_group"])


def layer_spec(at: AppTest) -> dict:
    return spec_of(map_args(at))


def island_fills(args: dict) -> set[str]:
    """The fill colours the layer gives the four islands."""
    (islands,) = [
        layer for layer in spec_of(args)["layers"] if any(i[0] == "etorofu" for i in layer)
    ]
    return {style["fillColor"] for _id, style, *_rest in islands}


def map_labels(at: AppTest) -> list[str]:
    """The permanent island labels, which travel with the year's layer."""
    return [label[2] for label in layer_spec(at)["labels"]]


def test_naming_switches_map_labels_and_island_names() -> None:
    at = start(year="1946")
    assert "Etorofu / Iturup" in map_labels(at)
    base = {k: map_args(at)[k] for k in ("key", "script", "html", "header")}
    at.radio(key="naming_choice").set_value("ru").run()
    assert "Iturup" in map_labels(at) and "Etorofu / Iturup" not in map_labels(at)
    assert "Iturup" in {r["Island"] for r in status_table(at)}
    at.radio(key="naming_choice").set_value("ja").run()
    assert "Etorofu" in map_labels(at)
    # Only the layer changed: the same base map (and component key), so no new Leaflet map.
    assert {k: map_args(at)[k] for k in base} == base


def test_language_switch_translates_the_ui() -> None:
    at = start()
    at.radio(key="lang_choice").set_value("ja").run()
    assert not at.exception
    assert "時間" in [h.value for h in at.sidebar.header]
    assert query_param(at, "lang") == "ja"
    at.radio(key="lang_choice").set_value("en").run()
    assert "Time" in [h.value for h in at.sidebar.header]


def test_compare_shows_two_maps_with_their_own_years() -> None:
    at = start(year="1946")
    assert len(component_args(at)) == 1
    at.toggle(key="compare_on").set_value(True).run()
    at.number_input(key="compare_year").set_value(1875).run()
    assert at.session_state.compare == 1875
    first, second = component_args(at)
    assert island_fills(first) == {STATE_COLOURS["USSR"]}
    assert island_fills(second) == {STATE_COLOURS["Japan"]}
    assert query_param(at, "compare") == "1875"
    at.toggle(key="compare_on").set_value(False).run()
    assert len(component_args(at)) == 1
    assert "compare" not in at.query_params


def test_play_pause_and_steps() -> None:
    at = start(year="1855")
    at.button(key="play").click().run()
    assert at.session_state.playing is True
    assert "Pause" in at.button(key="play").label
    at.session_state["play_due"] = 0.0  # the timer is due: the next run moves on one event
    at.run()
    assert at.session_state.year > 1855
    moved = at.session_state.year
    at.button(key="play").click().run()
    assert at.session_state.playing is False
    at.button(key="prev_event").click().run()
    assert at.session_state.year == 1855 < moved
    at.segmented_control(key="pace_choice").set_value(8).run()
    assert at.session_state.pace == 8


def test_presentation_puts_time_controls_in_the_main_area() -> None:
    at = start(layout="presentation")
    assert at.main.select_slider(key="event_year").value == 1855
    assert not at.sidebar.get("select_slider")
    assert len(at.expander) >= 2


def test_share_link_and_map_in_words() -> None:
    at = start(year="1946", island="etorofu")
    assert not at.code, "the link is built only when Share is pressed"
    at.button(key="share_open").click().run()
    codes = [c.value for c in at.code]
    assert any("year=1946" in c and "island=etorofu" in c for c in codes), codes
    words = "\n".join(m.value for m in at.markdown)
    assert "Map for 1946" in words and "administered by Soviet Union (USSR)" in words
    at.select_slider(key="event_year").set_value(1956).run()
    assert not at.code, "the dialog does not come back on the next change"


def shown_text(at: AppTest) -> str:
    """All Markdown on the page with its escaping removed, as a reader sees it."""
    return re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))


def test_island_card_for_the_selected_island() -> None:
    at = start(year="1946", island="etorofu")
    text = shown_text(at)
    assert "択捉島" in text and "Итуруп" in text and "Etuworop" in text
    assert "| Area (computed from the map) | 3,167.6 km² |" in text
    assert "| Area (official) | 3,168 km² |" in text
    assert "Population in 1945" in text
    assert any("Island card" in s.value for s in at.subheader)


def test_all_four_islands_card_gives_the_small_two_share(default_app: AppTest) -> None:
    text = shown_text(default_app)
    assert "Shikotan + Habomai share of the total area" in text


def test_present_button_switches_layout_both_ways() -> None:
    at = start(year="1905")
    at.button(key="layout_switch").click().run()
    assert at.session_state.layout == "presentation"
    assert query_param(at, "layout") == "presentation"
    assert at.main.select_slider(key="event_year").value == 1905
    at.button(key="layout_switch").click().run()
    assert at.session_state.layout == "standard"
    assert at.sidebar.select_slider(key="event_year")


def test_session_from_an_older_page_gets_the_new_settings() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["year"] = 1946  # as an older page version left it: no naming, layout...
    at.session_state["island"] = None
    at.run()
    assert not at.exception
    assert at.session_state.year == 1946
    assert at.session_state.layout == "standard"
