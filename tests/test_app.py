"""The Streamlit page, driven headless with AppTest: time control, links, map layer, excerpts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kuril_map.style import STATE_COLOURS

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def start(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def map_args(at: AppTest) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def status_table(at: AppTest) -> list[dict]:
    return at.dataframe[0].value.to_dict("records")


def excerpt_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if ":orange-background[" in m.value]


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
    assert STATE_COLOURS["Japan"] in layer
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
    assert STATE_COLOURS["USSR"] in after
    assert "line_of_control_1945" in after or "Line of control" in after
    rows = status_table(at)
    assert {r["Administered by"] for r in rows} == {"Soviet Union (USSR)"}
    assert {r["Claimed by (other states)"] for r in rows} == {"Japan"}
    assert excerpt_texts(at) != excerpts_before
    assert at.query_params["year"] == "1946"


def test_event_slider_snaps_to_event_years() -> None:
    at = start()
    at.select_slider(key="event_year").set_value(1875).run()
    assert at.session_state.year == 1875
    assert at.slider(key="any_year").value == 1875
    at.button[1].click().run()  # Next event
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
    assert at.query_params["island"] == "habomai"


def test_excerpts_are_cited(default_app: AppTest) -> None:
    at = start(year="2025")
    captions = [c.value for c in at.caption]
    assert any("[source](https://" in c for c in captions)
