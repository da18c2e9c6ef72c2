"""The island card: names in every script and the numbers a class asks about, each sourced.

Computed and official figures sit side by side so students can see both and how closely they
agree; nothing is rounded into a single 'true' number.
"""

from __future__ import annotations

import streamlit as st

from kuril_map import island_facts
from kuril_map.i18n import _
from kuril_map.safe_markdown import escape_markdown

NAME_ROWS = (
    ("ja", "Japanese"),
    ("ja_latn", "Japanese romanisation"),
    ("ru", "Russian"),
    ("ru_latn", "Russian romanisation"),
    ("ainu", "Ainu"),
)


def _table(rows: list[tuple[str, str]]) -> str:
    """A two-column Markdown table (reads well on a projector and to a screen reader)."""
    body = "\n".join(f"| {escape_markdown(a)} | {escape_markdown(b)} |" for a, b in rows)
    return "| | |\n|---|---|\n" + body


def _names_table(names: dict[str, str | None]) -> list[tuple[str, str]]:
    labels = {
        "ja": _("Japanese"),
        "ja_latn": _("Japanese romanisation"),
        "ru": _("Russian"),
        "ru_latn": _("Russian romanisation"),
        "ainu": _("Ainu"),
    }
    return [(labels[k], names[k] or "—") for k, _label in NAME_ROWS if names.get(k)]


def _figure_rows(figures: list[island_facts.Figure]) -> list[tuple[str, str]]:
    return [(_(f.label) + (f" ({f.as_of})" if f.as_of else ""), f.formatted()) for f in figures]


def _sources(figures: list[island_facts.Figure]) -> str:
    seen: dict[str, str | None] = {}
    for f in figures:
        seen.setdefault(f.source, f.url)
    parts = []
    for source, url in seen.items():
        text = escape_markdown(_(source))  # the card's own captions are catalogued
        parts.append(f"[{text}]({url})" if url else text)
    return " · ".join(parts)


def show(island_id: str | None, title: str) -> None:
    """The card of the selected island, or the small-two share when all four are shown."""
    with st.container(border=True, key="island_card"):
        st.subheader(_("Island card") + f": {title}")
        if island_id is None:
            figures = list(island_facts.small_two_share_figures())
            st.markdown(_table(_figure_rows(figures)))
            st.caption(_sources(figures))
            return
        card = island_facts.island_card(island_id)
        st.markdown(_table(_names_table(card.names)))
        figures = card.figures()
        st.markdown(_table(_figure_rows(figures)))
        # The card's notes are catalogued; a history figure's note is in the UI language already.
        for note in [*map(_, card.notes), *(f.note for f in figures if f.note and f.as_of)]:
            st.caption(escape_markdown(note))
        st.caption(_sources(figures))
