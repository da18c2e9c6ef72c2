"""The Streamlit page, driven headless with AppTest: the day, links, the map's view, panels,
excerpts. (What the browser draws from this is tested in tests/browser/.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import (
    excerpt_texts,
    layer_spec_in,
    page_components,
    run_checked,
    source_lines,
)

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return run_checked(at)


def map_args(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.json_args) for c in at.get("component_instance")]


def map_view(at: AppTest, index: int = 0) -> dict:
    return layer_spec_in(map_args(at)[index]["feature_group"])


def time_control(at: AppTest) -> dict:
    (data,) = page_components(at, "kuril_map_time")
    return data


def panel_views(at: AppTest) -> list[dict]:
    return [d["view"] for d in page_components(at, "kuril_map_panels")]


def set_day(at: AppTest, day: str) -> AppTest:
    """What the time control does when the user settles on a day (see test_time_control)."""
    at.session_state["date"] = day
    return run_checked(at)


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return start()


def test_loads_with_defaults(default_app: AppTest) -> None:
    at = default_app
    assert at.session_state.date == "1855-02-07"
    assert "7 Feb 1855" in at.title[0].value
    assert time_control(at)["date"] == "1855-02-07"
    assert {v["date"] for v in panel_views(at)} == {"1855-02-07"}


def test_map_gets_the_view_and_local_files_only(default_app: AppTest) -> None:
    (args,) = map_args(default_app)
    view = layer_spec_in(args["feature_group"])
    assert (view["date"], view["selected"], view["naming"], view["lang"], view["role"]) == (
        "1855-02-07",
        None,
        "both",
        "en",
        "main",
    )
    # The base map carries no CDN links: everything is served by the app itself.
    assert not any(link.startswith("http") for link in args["js_links"] + args["css_links"])
    # The time control and the panels fetch the same time bundle as the map frame.
    url = time_control(default_app)["url"]
    assert url.startswith("app/static/geo/kuril-time-") and url.endswith(".json")
    assert all(d["url"] == url for d in page_components(default_app, "kuril_map_panels"))


def test_a_new_day_moves_the_map_panels_link_and_excerpts() -> None:
    at = start()
    excerpts_before = excerpt_texts(at)
    base = {k: map_args(at)[0][k] for k in ("key", "script", "html", "header")}
    set_day(at, "1946-03-01")
    assert map_view(at)["date"] == "1946-03-01"
    assert {v["date"] for v in panel_views(at)} == {"1946-03-01"}
    assert time_control(at)["date"] == "1946-03-01"
    assert at.query_params["date"] == "1946-03-01" and at.query_params["year"] == "1946"
    assert "1 Mar 1946" in at.title[0].value
    assert excerpt_texts(at) != excerpts_before
    # Only the layer changed: the same base map (and component key), so no new Leaflet map.
    assert {k: map_args(at)[0][k] for k in base} == base


def test_time_control_tells_the_page_the_day() -> None:
    def page() -> None:
        import streamlit as st

        from kuril_map.ui import time_control

        st.session_state.setdefault("date", "1855-02-07")
        st.session_state[time_control.KEY] = {"date": "1945-08-28"}
        time_control.on_time()
        st.write(st.session_state.date)

    at = AppTest.from_function(page, default_timeout=30)
    run_checked(at)
    assert at.session_state.date == "1945-08-28"


def test_link_restores_day_and_island() -> None:
    at = start(date="2022-03-21", island="Iturup")
    assert at.session_state.date == "2022-03-21"
    assert at.session_state.island == "etorofu"
    assert at.selectbox(key="island_choice").value == "etorofu"
    assert map_view(at)["selected"] == "etorofu"
    texts = excerpt_texts(at)
    assert texts, "the seeds speak of Etorofu after 2022"


def test_a_year_link_means_the_year_as_it_ended() -> None:
    at = start(year="1945")
    assert at.session_state.date == "1945-12-31"
    assert at.query_params["date"] == "1945-12-31"


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1200"},
        {"date": "1200-01-01"},
        {"date": "tomorrow"},
        {"date": "2999-01-01"},
        {"island": "Atlantis"},
        {"year": ""},
    ],
)
def test_odd_links_fall_back_without_error(query: dict[str, str]) -> None:
    at = start(**query)
    assert at.session_state.date >= "1644-01-01"
    assert not at.exception


def test_a_bad_date_gets_a_notice() -> None:
    at = start(date="1200-01-01")
    toasts = [t.value for t in at.toast]
    assert any("1200" in t for t in toasts)
    assert at.session_state.date == "1855-02-07"


def test_choosing_island_filters_excerpts() -> None:
    at = start(year="2022")
    assert excerpt_texts(at)
    at.selectbox(key="island_choice").set_value("habomai").run()
    assert at.session_state.island == "habomai"
    # Each passage names the Habomai, or is labelled as speaking of the four islands together
    # (the span of years may widen for one island: see docs/DOCUMENTS.md).
    texts = excerpt_texts(at)
    assert texts and all(
        "Speaks of the four islands as a group" in t
        or "Habomai" in t
        or "歯舞" in t
        or "Хабомаи" in t
        for t in texts
    )
    assert at.query_params["island"] == "habomai"
    assert map_view(at)["selected"] == "habomai"
    assert {v["selected"] for v in panel_views(at)} == {"habomai"}


def test_excerpts_are_cited() -> None:
    at = start(year="2025")
    assert any(" · source <https://" in c for c in source_lines(at))


def test_full_link_restores_every_setting() -> None:
    at = start(
        date="1946-02-02",
        island="shikotan",
        naming="ru",
        lang="ja",
        layout="presentation",
        compare="1875",
        scope="region",
    )
    ss = at.session_state
    assert (ss.date, ss.island, ss.naming, ss.lang, ss.layout, ss.compare, ss.scope) == (
        "1946-02-02",
        "shikotan",
        "ru",
        "ja",
        "presentation",
        1875,
        "region",
    )
    assert at.radio(key="naming_choice").value == "ru"
    assert at.radio(key="lang_choice").value == "ja"
    assert at.radio(key="layout_choice").value == "presentation"
    assert at.radio(key="scope_choice").value == "region"
    assert at.toggle(key="compare_on").value is True
    assert at.number_input(key="compare_year").value == 1875
    assert at.query_params["compare"] == "1875"
    assert at.query_params["naming"] == "ru"
    assert {v["scope"] for v in panel_views(at)} == {"region"}


def test_odd_settings_fall_back_with_a_toast() -> None:
    at = start(naming="klingon", lang="xx", layout="huge", compare="soon", scope="galaxy")
    ss = at.session_state
    assert (ss.naming, ss.lang, ss.layout, ss.compare, ss.scope) == (
        "both",
        "en",
        "standard",
        None,
        "islands",
    )
    toasts = [t.value for t in at.toast]
    assert len(toasts) == 5 and any("klingon" in t for t in toasts)
    assert at.query_params["naming"] == "both"
    assert "compare" not in at.query_params


def test_changing_settings_updates_the_link() -> None:
    at = start(year="1905")
    at.radio(key="naming_choice").set_value("ja").run()
    at.radio(key="layout_choice").set_value("presentation").run()
    at.radio(key="scope_choice").set_value("region").run()
    assert at.query_params["naming"] == "ja"
    assert at.query_params["layout"] == "presentation"
    assert at.query_params["scope"] == "region"
    assert at.query_params["year"] == "1905"


def test_naming_switch_reaches_the_map_and_the_panels() -> None:
    at = start(year="1946")
    base = {k: map_args(at)[0][k] for k in ("key", "script", "html", "header")}
    at.radio(key="naming_choice").set_value("ainu").run()
    assert map_view(at)["naming"] == "ainu"
    assert {v["naming"] for v in panel_views(at)} == {"ainu"}
    assert {k: map_args(at)[0][k] for k in base} == base


def test_language_switch_translates_the_ui_and_the_history() -> None:
    at = start(date="1945-08-28")
    at.radio(key="lang_choice").set_value("ja").run()
    assert not at.exception
    assert "島" in [h.value for h in at.sidebar.header]
    assert "1945年8月28日" in at.title[0].value
    assert map_view(at)["lang"] == "ja"
    assert time_control(at)["lang"] == "ja" and time_control(at)["text"]["slider"] != "Date"
    assert at.query_params["lang"] == "ja"
    at.radio(key="lang_choice").set_value("ru").run()
    assert "28 августа 1945 г." in at.title[0].value


def test_compare_shows_two_maps_with_their_own_days() -> None:
    at = start(date="1946-03-01")
    assert len(map_args(at)) == 1
    at.toggle(key="compare_on").set_value(True).run()
    at.number_input(key="compare_year").set_value(1875).run()
    assert at.session_state.compare == 1875
    main, compared = map_view(at, 0), map_view(at, 1)
    assert (main["date"], main["role"]) == ("1946-03-01", "main")
    assert (compared["date"], compared["role"]) == ("1875-12-31", "compare")
    changes = "\n".join(m.value for m in at.markdown)
    assert "What changed" in changes and "USSR" in changes
    assert at.query_params["compare"] == "1875"
    at.toggle(key="compare_on").set_value(False).run()
    assert len(map_args(at)) == 1
    assert "compare" not in at.query_params


def test_presentation_keeps_the_time_control_on_the_page() -> None:
    at = start(layout="presentation")
    assert time_control(at)["date"] == "1855-02-07"
    assert len(at.expander) >= 2


def test_share_link_carries_the_day() -> None:
    at = start(date="1946-02-02", island="etorofu")
    assert not at.code, "the link is built only when Share is pressed"
    at.button(key="share_open").click().run()
    codes = [c.value for c in at.code]
    assert any("date=1946-02-02" in c and "island=etorofu" in c for c in codes), codes
    set_day(at, "1956-12-12")
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


def test_island_card_notes_and_sources_in_the_ui_language() -> None:
    at = start(year="1946", island="habomai", lang="ja")
    captions = "\n".join(c.value for c in at.caption)
    assert "貝殻島は簡略化された海岸線データに含まれていない" in captions  # the card's note
    assert "外務省（1945年8月15日現在）" in captions  # the 1945 figure's source
    assert "Ministry of Foreign Affairs of Japan (as of" not in captions


def test_all_four_islands_card_gives_the_small_two_share(default_app: AppTest) -> None:
    text = shown_text(default_app)
    assert "Shikotan + Habomai share of the total area" in text


def test_present_button_switches_layout_both_ways() -> None:
    at = start(year="1905")
    at.button(key="layout_switch").click().run()
    assert at.session_state.layout == "presentation"
    assert at.query_params["layout"] == "presentation"
    at.button(key="layout_switch").click().run()
    assert at.session_state.layout == "standard"


def test_session_from_an_older_page_gets_the_new_settings() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["year"] = 1946  # as an older page version left it: no date, layout...
    at.session_state["island"] = None
    at.run()
    assert not at.exception
    assert at.session_state.layout == "standard"
    assert at.session_state.date == "1855-02-07"
