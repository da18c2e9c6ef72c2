"""The panels beside the map: the era and its events, the status table, the map in words.

Each takes everything it shows as parameters (the page decides the view); the words come from
`kuril_map.summaries`, escaped before they reach Markdown.
"""

from __future__ import annotations

import streamlit as st

from kuril_map import summaries
from kuril_map.i18n import _
from kuril_map.names import island_name
from kuril_map.safe_markdown import escape_markdown


def era_panel(card: summaries.EraCard, year: int) -> None:
    """The era and its events in one block of text (one element, not one per event)."""
    era = card.era
    st.subheader(_("{name} ({start}–{end})").format(name=era.name, start=era.start, end=era.end))
    parts = [escape_markdown(era.summary)]
    for event in card.events:
        marker = "▶ " if event.year == year else ""
        parts.append(
            f"{marker}**{event.date}** — {escape_markdown(event.title)}"
            f"  \n{escape_markdown(event.description)}"
        )
    st.markdown("\n\n".join(parts))


def status_panel(year: int, naming: str) -> None:
    """Who administered and who claimed each island, as a plain table a screen reader reads."""
    st.subheader(_("Status in {year}").format(year=year))
    rows = summaries.status_rows(year)
    st.table(
        [
            {
                _("Island"): island_name(r["id"], naming),
                _("Administered by"): r["administered_by_label"],
                _("Claimed by (other states)"): r["claimed_by_label"],
            }
            for r in rows
        ],
        hide_index=True,
    )
    changes = [
        f"{escape_markdown(island_name(row['id'], naming))}: {escape_markdown(change)}"
        for row in rows
        for change in row["changes"]
    ]
    if changes:
        st.caption("  \n".join(changes))


def map_in_words(year: int, naming: str) -> None:
    """The map's state as plain text, for screen readers and as a check on the colours."""
    with st.container(key="map_text"):
        st.markdown("**" + _("The map in words") + "**")
        st.markdown("\n".join(f"- {line}" for line in summaries.map_summary(year, naming)))
