"""kuril-map: the Streamlit page. Layout and widget wiring only; the logic is in kuril_map/."""

from __future__ import annotations

import streamlit as st

from kuril_map import assets, heap, i18n, mapping, panels, render, timeline
from kuril_map.i18n import _
from kuril_map.state import ViewState, to_query
from kuril_map.ui import controls, excerpt_panel, island_card, layout, map_view
from kuril_map.ui import share as share_ui

# The layout is known before the page is configured, so a projector link opens with the
# sidebar folded away.
_presenting = st.query_params.get("layout") == "presentation"
st.set_page_config(
    page_title="Kuril Islands / Northern Territories",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if _presenting else "auto",
)
assets.ensure_static_assets()
mapping.ensure_static_files()
LABELS = panels.year_labels()


def on_map_click(value: dict) -> None:
    """A click on an island selects it (kept across eras); a click on a line shows its clause.

    Only a new click counts (the component may report its value again after a rerun).
    """
    count = value.get("last_object_clicked_count")
    if count is not None and count == st.session_state.get("map_clicks"):
        return
    st.session_state.map_clicks = count
    clicked = mapping.selected_island(value)
    if clicked:
        st.session_state.island = clicked
    st.session_state.clicked_line = mapping.selected_line(value)


controls.init_state(st.query_params.to_dict())
i18n.set_language(st.session_state.lang)
for notice in st.session_state.pop("notices", []):
    st.toast(render.escape_markdown(notice), icon="ℹ️")  # notices quote what the link said
controls.sync_widgets()
view: ViewState = controls.current_view()
year, naming, presenting = view.year, view.naming, view.layout == "presentation"
layout.apply_styles(view.layout)

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
card = panels.era_card(year)
docs, problems = excerpt_panel.documents()
st.title(_("{year} · {era}").format(year=year, era=card.era.name))
with st.container(horizontal=True, key="share_bar"):
    share_ui.share_view(view)
    share_ui.export_view(view)
    controls.layout_switch()
if presenting:
    with st.container(key="present_controls"):
        controls.event_controls(LABELS, compact=True)


def era_panel() -> None:
    """The era and its events in one block of text (one element, not one per event)."""
    st.subheader(
        _("{name} ({start}–{end})").format(
            name=card.era.name, start=card.era.start, end=card.era.end
        )
    )
    parts = [render.escape_markdown(card.era.summary)]
    for event in card.events:
        marker = "▶ " if event.year == year else ""
        parts.append(
            f"{marker}**{event.date}** — {render.escape_markdown(event.title)}"
            f"  \n{render.escape_markdown(event.description)}"
        )
    st.markdown("\n\n".join(parts))


def status_panel() -> None:
    """Who administered and who claimed each island, as a plain table a screen reader reads."""
    st.subheader(_("Status in {year}").format(year=year))
    rows = panels.status_rows(year)
    st.table(
        [
            {
                _("Island"): panels.island_name(r["id"], naming),
                _("Administered by"): r["administered_by_label"],
                _("Claimed by (other states)"): r["claimed_by_label"],
            }
            for r in rows
        ],
        hide_index=True,
    )
    changes = [
        f"{render.escape_markdown(panels.island_name(row['id'], naming))}: "
        f"{render.escape_markdown(change)}"
        for row in rows
        for change in row["changes"]
    ]
    if changes:
        st.caption("  \n".join(changes))


def show_map(map_year: int, key: str, main: bool = True) -> None:
    """One map; the main one takes clicks. Compared maps follow each other in the browser."""
    map_view.show_map(
        map_year,
        view.island,
        naming,
        key=key,
        height=410 if presenting else 600,
        on_click=on_map_click if main else None,
    )


if view.compare is not None:
    left, right = st.columns(2, gap="medium")
    with left:
        st.subheader(str(year), help=card.era.name)
        show_map(year, "map_main_compare")
    with right:
        st.subheader(str(view.compare), help=timeline.era_for_year(view.compare).name)
        show_map(view.compare, "map_compare", main=False)
    diffs = panels.differences(view.compare, year, naming)
    st.markdown("**" + _("What changed") + "**")
    st.markdown(
        "\n".join(f"- {d}" for d in diffs) if diffs else _("No change between these years.")
    )
    layout.map_in_words(year, naming)
    with st.container():
        a, b = st.columns([5, 3], gap="medium")
        with a:
            era_panel()
        with b:
            status_panel()
            island_card.show(view.island, panels.island_name(view.island, naming))
elif presenting:
    show_map(year, "map_main")
    layout.map_in_words(year, naming)
    with st.expander(_("Era") + f": {card.era.name}", expanded=False):
        era_panel()
    with st.expander(_("Status in {year}").format(year=year), expanded=False):
        status_panel()
    with st.expander(_("Island card"), expanded=False):
        island_card.show(view.island, panels.island_name(view.island, naming))
else:
    map_col, side_col = st.columns([5, 3], gap="medium")
    with map_col:
        show_map(year, "map_main")
        layout.map_in_words(year, naming)
    with side_col:
        era_panel()
        status_panel()
        island_card.show(view.island, panels.island_name(view.island, naming))

# --- Excerpts ------------------------------------------------------------------------------
# The clauses behind the lines of this year's events, and of a line clicked on the map.
line_ids = [lid for event in card.current for lid in event.line_ids]
if st.session_state.get("clicked_line"):
    line_ids.insert(0, st.session_state.clicked_line)
# Presenting, the sources wait behind a switch (the panel has its own expanders inside).
if not presenting or st.toggle(_("Show sources"), key="show_sources"):
    excerpt_panel.show(view, card.era, docs, problems, line_ids=list(dict.fromkeys(line_ids)))

# Last on the page: the Play timer adds no element before the map, so the map never moves in
# the page tree (a moved element is remounted, which would rebuild the Leaflet map).
controls.play_timer()
# Once per process, after everything the first run loads is cached: stop the garbage collector
# from walking it all again on every change (kuril_map/heap.py).
heap.freeze_after_first_run()
