"""kuril-map: the Streamlit page. Layout and widget wiring only; the logic is in kuril_map/."""

from __future__ import annotations

import streamlit as st

from kuril_map import gc_freeze, i18n, stops, summaries, timeline
from kuril_map.i18n import _
from kuril_map.map import base_map, static_files
from kuril_map.names import island_name
from kuril_map.safe_markdown import escape_markdown
from kuril_map.ui import (
    controls,
    island_card,
    map_view,
    panels,
    presentation,
    share_bar,
    sources_panel,
)
from kuril_map.view_state import ViewState, to_query

# The layout is known before the page is configured, so a projector link opens with the
# sidebar folded away.
_presenting = st.query_params.get("layout") == "presentation"
st.set_page_config(
    page_title="Kuril Islands / Northern Territories",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if _presenting else "auto",
)
static_files.ensure_static_assets()
base_map.ensure_static_files()
LABELS = stops.year_labels()

controls.init_state(st.query_params.to_dict())
i18n.set_language(st.session_state.lang)
for notice in st.session_state.pop("notices", []):
    st.toast(escape_markdown(notice), icon="ℹ️")  # notices quote what the link said
controls.sync_widgets()
view: ViewState = controls.current_view()
year, naming, presenting = view.year, view.naming, view.layout == "presentation"
presentation.apply_styles(view.layout)

# --- Sidebar: time (in the main area when presenting), island, settings ------------------
with st.sidebar:
    st.header(_("Time"))
    if not presenting:
        controls.event_controls(LABELS)
    controls.any_year_control()
    st.header(_("Island"))
    controls.island_control(naming)
    st.caption(
        _(
            "Colours show who administered each island in the chosen year; a dashed outline "
            "shows that another state claimed it."
        )
    )
    st.header(_("Settings"))
    controls.settings_controls()

if st.query_params.to_dict() != to_query(view):
    st.query_params.from_dict(to_query(view))

# --- Main: title, share, map(s), era card, status ------------------------------------------
card = summaries.era_card(year)
docs, problems = sources_panel.documents()
st.title(_("{year} · {era}").format(year=year, era=card.era.name))
with st.container(horizontal=True, key="share_bar"):
    share_bar.share_view(view)
    share_bar.export_view(view)
    controls.layout_switch()
if presenting:
    with st.container(key="present_controls"):
        controls.event_controls(LABELS, compact=True)


def show_map(map_year: int, key: str, main: bool = True) -> None:
    """One map; the main one takes clicks. Compared maps follow each other in the browser."""
    map_view.show_map(
        map_year,
        view.island,
        naming,
        key=key,
        height=410 if presenting else 600,
        on_click=map_view.on_map_click if main else None,
    )


if view.compare is not None:
    left, right = st.columns(2, gap="medium")
    with left:
        st.subheader(str(year), help=card.era.name)
        show_map(year, "map_main_compare")
    with right:
        st.subheader(str(view.compare), help=timeline.era_for_year(view.compare).name)
        show_map(view.compare, "map_compare", main=False)
    diffs = summaries.differences(view.compare, year, naming)
    st.markdown("**" + _("What changed") + "**")
    st.markdown(
        "\n".join(f"- {d}" for d in diffs) if diffs else _("No change between these years.")
    )
    panels.map_in_words(year, naming)
    with st.container():
        a, b = st.columns([5, 3], gap="medium")
        with a:
            panels.era_panel(card, year)
        with b:
            panels.status_panel(year, naming)
            island_card.show(view.island, island_name(view.island, naming))
elif presenting:
    show_map(year, "map_main")
    panels.map_in_words(year, naming)
    with st.expander(_("Era") + f": {card.era.name}", expanded=False):
        panels.era_panel(card, year)
    with st.expander(_("Status in {year}").format(year=year), expanded=False):
        panels.status_panel(year, naming)
    with st.expander(_("Island card"), expanded=False):
        island_card.show(view.island, island_name(view.island, naming))
else:
    map_col, side_col = st.columns([5, 3], gap="medium")
    with map_col:
        show_map(year, "map_main")
        panels.map_in_words(year, naming)
    with side_col:
        panels.era_panel(card, year)
        panels.status_panel(year, naming)
        island_card.show(view.island, island_name(view.island, naming))

# --- Excerpts ------------------------------------------------------------------------------
# The clauses behind the lines of this year's events, and of a line clicked on the map.
line_ids = sources_panel.lines_in_question(year, st.session_state.get("clicked_line"))
# Presenting, the sources wait behind a switch (the panel has its own expanders inside).
if not presenting or st.toggle(_("Show sources"), key="show_sources"):
    sources_panel.show(view, card.era, docs, problems, line_ids=line_ids)

# Last on the page: the Play timer adds no element before the map, so the map never moves in
# the page tree (a moved element is remounted, which would rebuild the Leaflet map).
controls.play_timer()
# Once per process, after everything the first run loads is cached: stop the garbage collector
# from walking it all again on every change (kuril_map/gc_freeze.py).
gc_freeze.freeze_after_first_run()
