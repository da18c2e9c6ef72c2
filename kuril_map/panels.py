"""What the panels beside the map say, as plain data shared by the app and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kuril_map import timeline
from kuril_map.documents import Document
from kuril_map.excerpts import Excerpt, select_excerpts
from kuril_map.islands import ISLAND_IDS, get_island
from kuril_map.style import STATE_LABELS


def state_name(state: str | None) -> str:
    """A state's display name; None means no state administered the island."""
    return STATE_LABELS.get(state, state or "—")


def status_rows(year: int) -> list[dict[str, Any]]:
    """One row per island: its names, who administered it and who else claimed it in `year`."""
    rows = []
    for island_id in ISLAND_IDS:
        island = get_island(island_id)
        st = timeline.status(island_id, year)
        rows.append(
            {
                "id": island_id,
                "island": island.label,
                "names": f"{island.name_ja} · {island.name_ru}",
                "administered_by": st.administered_by,
                "claimed_by": list(st.claimed_by),
                "administered_by_label": state_name(st.administered_by)
                if st.administered_by
                else "no state",
                "claimed_by_label": ", ".join(state_name(c) for c in st.claimed_by) or "—",
                "note": st.note,
                "changes": list(st.changes),
                "source_url": st.source_url,
            }
        )
    return rows


def event_label(event: timeline.Event) -> str:
    """'1855 · Treaty of Shimoda' — the label of a stop on the time control."""
    return f"{event.year} · {event.title}"


def year_labels() -> dict[int, str]:
    """Label for each event year (several events in one year are joined)."""
    labels: dict[int, list[str]] = {}
    for event in timeline.load_timeline().events:
        labels.setdefault(event.year, []).append(event.title)
    return {y: f"{y} · " + "; ".join(titles) for y, titles in sorted(labels.items())}


def snap_to_event(year: int) -> int:
    """The latest event year at or before `year` (or the first event year)."""
    years = timeline.event_years()
    earlier = [y for y in years if y <= year]
    return earlier[-1] if earlier else years[0]


def neighbour_event(year: int, step: int) -> int:
    """The next (step=1) or previous (step=-1) event year from `year`, staying in range."""
    years = timeline.event_years()
    if step > 0:
        later = [y for y in years if y > year]
        return later[0] if later else year
    earlier = [y for y in years if y < year]
    return earlier[-1] if earlier else year


@dataclass(frozen=True)
class EraCard:
    """The era a year falls in, and its events, marking those of the year itself."""

    era: timeline.Era
    events: list[timeline.Event]
    current: list[timeline.Event]


def era_card(year: int) -> EraCard:
    """The era of `year` with its events; `current` are the events dated in `year`."""
    era = timeline.era_for_year(year)
    events = timeline.events_in_era(era.id)
    return EraCard(era=era, events=events, current=[e for e in events if e.year == year])


def excerpts_for(
    documents: list[Document], island_id: str | None, year: int, limit: int | None = None
) -> list[Excerpt]:
    """Excerpts about the island (or any of the four) that speak of the era `year` falls in."""
    era = timeline.era_for_year(year)
    return select_excerpts(documents, island_id, era.start, era.end, limit=limit)
