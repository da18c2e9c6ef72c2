"""The stops of the time control: the dated events, stepping between them, and Play.

The event slider, Previous/Next, Play and the command line all step through the same stops, so
they live here, apart from the page.
"""

from __future__ import annotations

from kuril_map import timeline

PLAY_PACES: tuple[int, ...] = (2, 4, 8)  # seconds per event: quick review, talk, discussion


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


def play_step(year: int) -> tuple[int, bool]:
    """The next stop when playing, and whether to keep playing (False at the last event)."""
    nxt = neighbour_event(year, 1)
    if nxt == year:
        return year, False
    return nxt, nxt != timeline.event_years()[-1]
