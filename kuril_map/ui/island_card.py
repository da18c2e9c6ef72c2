"""The island card: names in every script and the numbers a class asks about, each sourced.

Computed and official figures sit side by side so students can see both and how closely they
agree; nothing is rounded into a single 'true' number.
"""

from __future__ import annotations

import streamlit as st

from kuril_map import facts, render
from kuril_map.i18n import _

NAME_ROWS = (
    ("ja", "Japanese"),
    ("ja_latn", "Japanese romanisation"),
    ("ru", "Russian"),
    ("ru_latn", "Russian romanisation"),
    ("ainu", "Ainu"),
)


def _table(rows: list[tuple[str, str]]) -> str:
    """A two-column Markdown table (reads well on a projector and to a screen reader)."""
    body = "\n".join(
        f"| {render.escape_markdown(a)} | {render.escape_markdown(b)} |" for a, b in rows
    )
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


def _figure_rows(figures: list[facts.Figure]) -> list[tuple[str, str]]:
    return [(_(f.label), f.formatted()) for f in figures]


def _sources(figures: list[facts.Figure]) -> str:
    seen: dict[str, str | None] = {}
    for f in figures:
        seen.setdefault(f.source, f.url)
    parts = []
    for source, url in seen.items():
        text = render.escape_markdown(source)
        parts.append(f"[{text}]({url})" if url else text)
    return " · ".join(parts)


def show(island_id: str | None, title: str) -> None:
    """The card of the selected island, or the small-two share when all four are shown."""
    with st.container(border=True, key="island_card"):
        st.subheader(_("Island card") + f": {title}")
        if island_id is None:
            figures = list(facts.small_two_share_figures())
            st.markdown(_table(_figure_rows(figures)))
            st.caption(_sources(figures))
            return
        card = facts.island_card(island_id)
        st.markdown(_table(_names_table(card.names)))
        figures = card.figures()
        st.markdown(_table(_figure_rows(figures)))
        for note in card.notes:
            st.caption(render.escape_markdown(note))
        st.caption(_sources(figures))
