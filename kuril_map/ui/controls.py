"""The controls: time (with Play), island, naming, language, layout and a second year.

Every control writes to one plain session-state value (year, island, naming, ...) through a
callback; the widgets are set from those values at the start of each run. That keeps the
link, the Play timer and the map clicks as equal sources of change.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import streamlit as st

from kuril_map import stops, timeline
from kuril_map.i18n import LANGUAGES, _
from kuril_map.islands import ISLAND_IDS
from kuril_map.names import NAMING_MODES, island_name, naming_mode_label
from kuril_map.view_state import ALL_ISLANDS, LAYOUTS, ViewState, from_query


def init_state(params: Mapping[str, str | list[str]]) -> None:
    """On a new session, take the whole view from the link, noting anything ignored."""
    ss = st.session_state
    if "year" in ss and "layout" in ss:
        return
    view, notices = from_query(params)
    # setdefault: a session started by an older version of the page keeps what it has.
    for key, value in (
        ("year", view.year),
        ("island", view.island),
        ("naming", view.naming),
        ("lang", view.lang),
        ("layout", view.layout),
        ("compare", view.compare),
        ("playing", False),
        ("pace", stops.PLAY_PACES[1]),
        ("play_due", 0.0),
        ("notices", notices),
    ):
        ss.setdefault(key, value)


def current_view() -> ViewState:
    ss = st.session_state
    return ViewState(
        year=ss.year,
        island=ss.island,
        naming=ss.naming,
        lang=ss.lang,
        layout=ss.layout,
        compare=ss.compare,
    )


def sync_widgets() -> None:
    """Put the state into the widgets before they are drawn (a link or Play may have moved it)."""
    ss = st.session_state
    ss.event_year = stops.snap_to_event(ss.year)
    ss.any_year = ss.year
    ss.island_choice = ss.island or ALL_ISLANDS
    ss.naming_choice = ss.naming
    ss.lang_choice = ss.lang
    ss.layout_choice = ss.layout
    ss.compare_on = ss.compare is not None
    ss.compare_year = ss.compare if ss.compare is not None else _default_compare(ss.year)
    ss.pace_choice = ss.pace


def _default_compare(year: int) -> int:
    """A useful first comparison: the year before the previous event."""
    return stops.neighbour_event(year, -1) if year != stops.neighbour_event(year, -1) else 1946


# --------------------------------------------------------------------------- callbacks


def set_year(year: int) -> None:
    st.session_state.year = timeline.check_year(year)


def on_event_slider() -> None:
    set_year(st.session_state.event_year)


def on_any_year() -> None:
    set_year(st.session_state.any_year)


def on_island_choice() -> None:
    choice = st.session_state.island_choice
    st.session_state.island = None if choice == ALL_ISLANDS else choice


def step_event(step: int) -> None:
    set_year(stops.neighbour_event(st.session_state.year, step))


def toggle_play() -> None:
    ss = st.session_state
    ss.playing = not ss.playing
    if ss.playing:
        if ss.year == timeline.event_years()[-1]:  # at the end: start again from the start
            ss.year = timeline.event_years()[0]
        ss.play_due = time.monotonic() + ss.pace


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


def on_pace() -> None:
    ss = st.session_state
    ss.pace = ss.pace_choice or ss.pace
    ss.play_due = time.monotonic() + ss.pace


# --------------------------------------------------------------------------- widgets


def event_controls(labels: dict[int, str], compact: bool = False) -> None:
    """Event slider, step buttons, Play and its pace: one row when presenting, stacked otherwise.

    Presenting, the row leaves the rest of a 1280x720 projector screen to the map.
    """
    if compact:
        slider_box, back, play, fwd, pace_box = st.columns(
            [5, 1.4, 1.4, 1.4, 2], vertical_alignment="bottom"
        )
    else:
        slider_box = st.container()
    with slider_box:
        st.select_slider(
            _("Event"),
            options=list(labels),
            # The thumb shows the year only: a long event title would run off a phone's screen.
            format_func=str,
            key="event_year",
            on_change=on_event_slider,
            help=_("Snaps to the dated events of the timeline."),
        )
    if not compact:  # a narrow sidebar: Previous and Next side by side, Play below
        st.caption(labels[st.session_state.event_year])
        back, fwd = st.columns(2)
        play = pace_box = st.container()
    back.button(_("◀ Previous"), key="prev_event", on_click=step_event, args=(-1,), width="stretch")
    playing = st.session_state.playing
    play.button(
        _("Pause") if playing else _("Play"),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        key="play",
        on_click=toggle_play,
        width="stretch",
        type="primary" if playing else "secondary",
    )
    fwd.button(_("Next ▶"), key="next_event", on_click=step_event, args=(1,), width="stretch")
    with pace_box:
        st.segmented_control(
            _("Speed"),
            options=list(stops.PLAY_PACES),
            format_func=lambda s: f"{s} s",
            key="pace_choice",
            on_change=on_pace,
        )
    if compact:
        st.caption(labels[st.session_state.event_year])


def any_year_control() -> None:
    tl = timeline.load_timeline()
    st.slider(
        _("Any year"),
        min_value=tl.start_year,
        max_value=tl.end_year,
        key="any_year",
        on_change=on_any_year,
    )


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
    """Naming, language, layout and the comparison year (radios, so one key press each)."""
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
        _("Layout"),
        options=list(LAYOUTS),
        format_func={"standard": _("Standard"), "presentation": _("Presentation")}.__getitem__,
        key="layout_choice",
        on_change=_copy,
        args=("layout_choice", "layout"),
    )
    tl = timeline.load_timeline()
    st.toggle(_("Compare with another year"), key="compare_on", on_change=on_compare)
    st.number_input(
        _("Year"),
        min_value=tl.start_year,
        max_value=tl.end_year,
        step=1,
        key="compare_year",
        on_change=on_compare,
        disabled=not st.session_state.compare_on,
    )


def play_timer() -> None:
    """While playing, a small fragment reruns on a timer and moves to the next event when due.

    Only the fragment ticks; a full rerun happens once per event, and since the base map's
    code does not change, the browser keeps its Leaflet map and swaps only the year layer.
    """
    ss = st.session_state
    if not ss.playing:
        return
    tick = min(1.0, ss.pace / 4)

    @st.fragment(run_every=tick)
    def _tick() -> None:
        if not ss.playing or time.monotonic() < ss.play_due:
            return
        ss.year, ss.playing = stops.play_step(ss.year)
        ss.play_due = time.monotonic() + ss.pace
        st.rerun()

    _tick()
