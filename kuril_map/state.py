"""The view's state (year, selected island) and its round trip through URL query parameters.

Links are shared by teachers and typed by hand, so anything odd in them falls back to a
default with a short notice instead of an error page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kuril_map import timeline
from kuril_map.islands import UnknownIslandError, resolve_island

ALL_ISLANDS = "all"
DEFAULT_YEAR = 1855


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at: a year and an island id (or None for all four)."""

    year: int
    island: str | None = None


def _first(value: str | list[str] | None) -> str | None:
    """Streamlit gives a repeated parameter as a list; the first value wins."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def parse_year(raw: str | None) -> tuple[int, str | None]:
    """A year from a URL value, or the default and a notice saying why it was not used."""
    if raw is None or raw.strip() == "":
        return DEFAULT_YEAR, None
    try:
        return timeline.check_year(int(raw.strip())), None
    except ValueError as err:
        detail = str(err) if raw.strip().lstrip("-").isdigit() else f"{raw!r} is not a year"
        return DEFAULT_YEAR, f"Ignored year in the link: {detail}. Showing {DEFAULT_YEAR}."


def parse_island(raw: str | None) -> tuple[str | None, str | None]:
    """An island id from a URL value in any name form, or None (all four) and a notice."""
    if raw is None or raw.strip() == "" or raw.strip().casefold() == ALL_ISLANDS:
        return None, None
    try:
        return resolve_island(raw), None
    except UnknownIslandError:
        return None, f"Ignored island {raw!r} in the link: not one of the four. Showing all four."


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """The view a link asks for, with a notice for each value that had to be ignored."""
    year, year_notice = parse_year(_first(params.get("year")))
    island, island_notice = parse_island(_first(params.get("island")))
    notices = [n for n in (year_notice, island_notice) if n]
    return ViewState(year=year, island=island), notices


def to_query(view: ViewState) -> dict[str, str]:
    """Query parameters that reproduce `view`."""
    return {"year": str(view.year), "island": view.island or ALL_ISLANDS}
