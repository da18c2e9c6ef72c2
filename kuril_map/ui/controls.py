"""The settings: island, naming, language, layout, scope and a second year to compare.

Every control writes to one plain session-state value (date, island, naming, ...) through a
callback; the widgets are set from those values at the start of each run. That keeps the
link, the time control and the map clicks as equal sources of change. The time itself has its
own control (`kuril_map.ui.time_control`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import streamlit as st

from kuril_map import history
from kuril_map.i18n import LANGUAGES, _
from kuril_map.islands import ISLAND_IDS
from kuril_map.names import NAMING_MODES, island_name, naming_mode_label
from kuril_map.view_state import ALL_ISLANDS, LAYOUTS, SCOPES, ViewState, from_query


def init_state(params: Mapping[str, str | list[str]]) -> None:
    """On a new session, take the whole view from the link, noting anything ignored."""
    ss = st.session_state
    if "date" in ss and "layout" in ss:
        return
    view, notices = from_query(params)
    # setdefault: a session started by an older version of the page keeps what it has.
    for key, value in (
        ("date", view.date.isoformat()),
        ("island", view.island),
        ("naming", view.naming),
        ("lang", view.lang),
        ("layout", view.layout),
        ("compare", view.compare),
        ("scope", view.scope),
        ("notices", notices),
    ):
        ss.setdefault(key, value)


def current_view() -> ViewState:
    ss = st.session_state
    return ViewState(
        date=date.fromisoformat(ss.date),
        island=ss.island,
        naming=ss.naming,
        lang=ss.lang,
        layout=ss.layout,
        compare=ss.compare,
        scope=ss.scope,
    )


def sync_widgets() -> None:
    """Put the state into the widgets before they are drawn (a link or a click may have moved
    it)."""
    ss = st.session_state
    ss.island_choice = ss.island or ALL_ISLANDS
    ss.naming_choice = ss.naming
    ss.lang_choice = ss.lang
    ss.layout_choice = ss.layout
    ss.scope_choice = ss.scope
    ss.compare_on = ss.compare is not None
    ss.compare_year = ss.compare if ss.compare is not None else _default_compare(ss.date)


def _default_compare(day: str) -> int:
    """A useful first comparison: the year of the event before the current day (1875 for a
    day after 1905, say), or 1946."""
    h = history.load()
    earlier = [e.start.year for e in h.stops() if e.start.isoformat() < day]
    year = int(day[:4])
    before = [y for y in earlier if y < year]
    return before[-1] if before else 1946


# --------------------------------------------------------------------------- callbacks


def on_island_choice() -> None:
    choice = st.session_state.island_choice
    st.session_state.island = None if choice == ALL_ISLANDS else choice


def set_layout(layout: str) -> None:
    st.session_state.layout = layout


def layout_switch() -> None:
    """One click into presentation and back, without opening the sidebar."""
    if st.session_state.layout == "presentation":
        st.button(
            _("Standard"),
            icon=":material/close_fullscreen:",
            key="layout_switch",
            on_click=set_layout,
            args=("standard",),
        )
    else:
        st.button(
            _("Present"),
            icon=":material/fullscreen:",
            key="layout_switch",
            on_click=set_layout,
            args=("presentation",),
        )


def _copy(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def on_compare() -> None:
    ss = st.session_state
    ss.compare = int(ss.compare_year) if ss.compare_on else None


# --------------------------------------------------------------------------- widgets


def island_control(naming: str) -> None:
    # Names are fixed now: the format function may be called later, outside this run's language.
    names = {ALL_ISLANDS: _("All four islands")}
    names.update({i: island_name(i, naming) for i in ISLAND_IDS})
    st.selectbox(
        _("Island"),
        options=list(names),
        format_func=names.__getitem__,
        key="island_choice",
        on_change=on_island_choice,
        label_visibility="collapsed",
        help=_("Or click an island on the map."),
    )


def settings_controls() -> None:
    """Naming, language, scope, layout and the comparison year (radios: one key press each)."""
    st.radio(
        _("Place names"),
        options=list(NAMING_MODES),
        format_func={m: naming_mode_label(m) for m in NAMING_MODES}.__getitem__,
        key="naming_choice",
        on_change=_copy,
        args=("naming_choice", "naming"),
    )
    st.radio(
        _("Language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key="lang_choice",
        on_change=_copy,
        args=("lang_choice", "lang"),
        horizontal=True,
    )
    st.radio(
        _("Status and the map in words for"),
        options=list(SCOPES),
        format_func={"islands": _("The four islands"), "region": _("The whole region")}.get,
        key="scope_choice",
        on_change=_copy,
        args=("scope_choice", "scope"),
    )
    st.radio(
        _("Layout"),
        options=list(LAYOUTS),
        format_func={"standard": _("Standard"), "presentation": _("Presentation")}.__getitem__,
        key="layout_choice",
        on_change=_copy,
        args=("layout_choice", "layout"),
    )
    h = history.load()
    st.toggle(_("Compare with another year"), key="compare_on", on_change=on_compare)
    st.number_input(
        _("Year"),
        min_value=h.start.year,
        max_value=h.end.year,
        step=1,
        key="compare_year",
        on_change=on_compare,
        disabled=not st.session_state.compare_on,
    )
