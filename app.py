"""kuril-map: the Streamlit page. Layout and widget wiring only; the logic is in kuril_map/."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from kuril_map import gc_freeze, history, i18n
from kuril_map.i18n import _
from kuril_map.names import island_name
from kuril_map.safe_markdown import escape_markdown
from kuril_map.ui import (
    about_box,
    assets,
    controls,
    island_card,
    map_view,
    panels,
    presentation,
    share_bar,
    sources_panel,
    time_control,
)
from kuril_map.view_state import ViewState, to_query, year_end

# The layout is known before the page is configured, so a projector link opens with the
# sidebar folded away.
_presenting = st.query_params.get("layout") == "presentation"
st.set_page_config(
    page_title="Kuril Islands / Northern Territories",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if _presenting else "auto",
)
# The files the browser loads, put into static/ once per process (or elsewhere: ui/assets.py).
assets.static_placement()

controls.init_state(st.query_params.to_dict())
i18n.set_language(st.session_state.lang)
for notice in st.session_state.pop("notices", []):
    st.toast(escape_markdown(notice), icon="ℹ️")  # notices quote what the link said
controls.sync_widgets()
presentation.apply_styles(st.session_state.layout)

# --- Sidebar: island and settings (the time control is on the page, in reach on a phone) ---
with st.sidebar:
    st.header(_("Island"))
    controls.island_control(st.session_state.naming)
    st.markdown(
        _(
            "Colours show who administered each territory on the chosen day; a dashed outline "
            "shows that another state claimed it."
        )
    )
    st.header(_("Settings"))
    controls.settings_controls()
    about_box.show(st.session_state.lang)


def show_map(view: ViewState, key: str, main: bool = True) -> None:
    """One map; the main one takes clicks and follows the time control. A compared map keeps
    its own year, and the two follow each other's pan and zoom in the browser."""
    day = view.date if main else year_end(view.compare or view.year)
    map_view.show_map(
        day,
        view.island,
        view.naming,
        key=key,
        height=430 if view.layout == "presentation" else 600,
        on_click=map_view.on_map_click if main else None,
        role="main" if main else "compare",
        scope=view.scope,
        lang=view.lang,
    )


@dataclass
class DaySlots:
    """The places `page` leaves for what changes with the day, filled by `day_view`; the
    compared day's heading and "What changed" only in compare mode, the sources only when
    they are shown."""

    title: DeltaGenerator
    export: DeltaGenerator | None = None
    compare_day: DeltaGenerator | None = None
    changes: DeltaGenerator | None = None
    sources: sources_panel.Slots | None = None


@st.fragment
def day_view(slots: DaySlots) -> None:
    """What changes with the day: the time control, drawn here, and the parts the page laid
    out for it in `slots`: the title, the map's download, the compared days' differences, the
    sources' clauses and excerpts and their download. When the user settles on a day, only
    this reruns: the map and the panels have already followed the time control in the
    browser, and nothing else on the page depends on the day. Every full run draws it all for
    the current day."""
    if st.session_state.pop("rerun_page", False):
        st.rerun()  # the nearest day with passages was chosen: the map and panels follow too
    # A rerun of this part alone starts without the page's language: set it again.
    i18n.set_language(st.session_state.lang)
    view = controls.current_view()
    if st.query_params.to_dict() != to_query(view):
        st.query_params.from_dict(to_query(view))
    era = history.load().era_on(view.date)
    day = history.display_date(view.date, "day", view.lang)
    sources, problems = None, []
    if slots.sources is not None:
        # The clauses behind the day's events and a line clicked on the map come first.
        line_ids = sources_panel.lines_in_question(view.date, st.session_state.get("clicked_line"))
        docs, problems = sources_panel.documents()
        sources = sources_panel.day_panel(view, docs, line_ids)
    # What the reader waits for first, in one burst (found above): the browser draws it in one
    # go. Then the downloads and the time control, which already shows the day.
    slots.title.title(_("{date} · {era}").format(date=day, era=era.name.get(view.lang)))
    if sources is not None and slots.sources is not None:
        sources_panel.show_day(sources, problems, slots.sources)
    if slots.compare_day is not None and slots.changes is not None:
        slots.compare_day.subheader(day)
        slots.changes.markdown(panels.what_changed(view))
    if slots.export is not None:
        with slots.export:
            share_bar.export_view(view)
    if sources is not None and slots.sources is not None:
        sources_panel.show_download(sources, slots.sources)
    time_control.show(view)


def page() -> None:
    """The page for the current view; the parts that change with the day are left empty here
    and drawn by `day_view`, last, where they belong."""
    view = controls.current_view()
    slots = DaySlots(title=st.empty())
    with st.container(horizontal=True, key="share_bar"):
        share_bar.share_view(view)
        slots.export = st.empty()
        share_bar.atlas_download()
        controls.layout_switch()
    time_box = st.container()
    if view.compare is not None:
        left, right = st.columns(2, gap="medium")
        with left:
            slots.compare_day = st.empty()
            show_map(view, "map_main_compare")
        with right:
            st.subheader(history.display_date(year_end(view.compare), "day", view.lang))
            show_map(view, "map_compare", main=False)
        st.markdown("**" + _("What changed") + "**")
        slots.changes = st.empty()
        panels.map_in_words(view)
        a, b = st.columns([5, 3], gap="medium")
        with a:
            panels.history_panels(view)
        with b:
            island_card.show(view.island, island_name(view.island, view.naming))
    elif view.layout == "presentation":
        show_map(view, "map_main")
        panels.map_in_words(view)
        with st.expander(_("History of this day"), expanded=False):
            panels.history_panels(view)
        with st.expander(_("Island card"), expanded=False):
            island_card.show(view.island, island_name(view.island, view.naming))
    else:
        map_col, side_col = st.columns([5, 3], gap="medium")
        with map_col:
            show_map(view, "map_main")
            panels.map_in_words(view)
        with side_col:
            panels.history_panels(view)
            island_card.show(view.island, island_name(view.island, view.naming))
    # Presenting, the sources wait behind a switch (the panel has its own expanders inside).
    if view.layout != "presentation" or st.toggle(_("Show sources"), key="show_sources"):
        # Read here, after the map and the panels are sent: on a cold start the page starts
        # drawing the map while the documents load (parsed once per process).
        slots.sources = sources_panel.layout(sources_panel.documents()[0])
    with time_box:
        day_view(slots)


page()
# Once per process, after everything the first run loads is cached: stop the garbage collector
# from walking it all again on every change (kuril_map/gc_freeze.py).
gc_freeze.freeze_after_first_run()
