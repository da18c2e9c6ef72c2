"""kuril-map: the Streamlit page. Layout and widget wiring only; the logic is in kuril_map/."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from kuril_map import assets, mapping, panels, render, timeline
from kuril_map.islands import ISLAND_IDS, get_island
from kuril_map.state import ALL_ISLANDS as ALL
from kuril_map.state import ViewState, from_query, to_query
from kuril_map.ui import excerpt_panel

st.set_page_config(page_title="Kuril Islands / Northern Territories", page_icon="🗺️", layout="wide")
assets.ensure_static_assets()
TL = timeline.load_timeline()
LABELS = panels.year_labels()


def init_state() -> None:
    """On a new session, take year and island from the link, noting anything ignored."""
    if "year" in st.session_state:
        return
    view, notices = from_query(st.query_params.to_dict())
    st.session_state.year = view.year
    st.session_state.island = view.island
    st.session_state.notices = notices


def set_year(year: int) -> None:
    st.session_state.year = timeline.check_year(year)


def on_event_slider() -> None:
    set_year(st.session_state.event_year)


def on_any_year() -> None:
    set_year(st.session_state.any_year)


def on_island_choice() -> None:
    choice = st.session_state.island_choice
    st.session_state.island = None if choice == ALL else choice


def on_map_change() -> None:
    """A click on an island in the map selects it (and keeps it across eras)."""
    clicked = mapping.selected_island(st.session_state.get("map"))
    if clicked:
        st.session_state.island = clicked


def step_event(step: int) -> None:
    set_year(panels.neighbour_event(st.session_state.year, step))


def island_name(island_id: str | None) -> str:
    return "All four islands" if island_id in (None, ALL) else get_island(island_id).label


init_state()
for notice in st.session_state.pop("notices", []):
    st.toast(notice, icon="ℹ️")
year: int = st.session_state.year
st.session_state.event_year = panels.snap_to_event(year)
st.session_state.any_year = year
st.session_state.island_choice = st.session_state.island or ALL

# --- Sidebar: the time control and the island choice -------------------------------------
with st.sidebar:
    st.header("Time")
    st.select_slider(
        "Event",
        options=list(LABELS),
        format_func=lambda y: LABELS[y],
        key="event_year",
        on_change=on_event_slider,
        help="Snaps to the dated events of the timeline.",
    )
    back, fwd = st.columns(2)
    back.button("◀ Previous", on_click=step_event, args=(-1,), width="stretch")
    fwd.button("Next ▶", on_click=step_event, args=(1,), width="stretch")
    st.slider(
        "Any year",
        min_value=TL.start_year,
        max_value=TL.end_year,
        key="any_year",
        on_change=on_any_year,
    )
    st.header("Island")
    st.selectbox(
        "Island",
        options=[ALL, *ISLAND_IDS],
        format_func=island_name,
        key="island_choice",
        on_change=on_island_choice,
        label_visibility="collapsed",
        help="Or click an island on the map.",
    )
    st.caption(
        "Colours show who administered each island in the chosen year; a dashed outline "
        "shows that another state claimed it. Names are given in both traditions: "
        "Japanese / Russian."
    )

view = ViewState(year=year, island=st.session_state.island)
if st.query_params.to_dict() != to_query(view):
    st.query_params.from_dict(to_query(view))

# --- Main: map, era card, status -----------------------------------------------------------
card = panels.era_card(year)
docs, problems = excerpt_panel.documents()
st.title(f"{year} · {card.era.name}")
map_col, side_col = st.columns([5, 3], gap="medium")

with map_col:
    st_folium(
        mapping.base_map(),
        key="map",
        feature_group_to_add=mapping.year_layer(year, view.island),
        returned_objects=["last_active_drawing"],
        on_change=on_map_change,
        height=600,
        use_container_width=True,
    )

with side_col:
    st.subheader(f"{card.era.name} ({card.era.start}–{card.era.end})")
    st.write(card.era.summary)
    for event in card.events:
        marker = "▶ " if event.year == year else ""
        line = f"{marker}**{event.date}** — {render.escape_markdown(event.title)}"
        st.markdown(line + f"  \n{render.escape_markdown(event.description)}")
    st.subheader(f"Status in {year}")
    st.dataframe(
        [
            {
                "Island": r["island"],
                "Administered by": r["administered_by_label"],
                "Claimed by (other states)": r["claimed_by_label"],
            }
            for r in panels.status_rows(year)
        ],
        hide_index=True,
        width="stretch",
    )
    for row in panels.status_rows(year):
        for change in row["changes"]:
            st.caption(f"{row['island']}: {change}")

# --- Excerpts ------------------------------------------------------------------------------
excerpt_panel.show(view, card.era, docs, problems)
