"""What the panels beside the map say, as plain data shared by the app and the command line:
the status of each island, the era and its events, the lines in force, the map in words, and
the differences between two years."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kuril_map import geodata, timeline
from kuril_map.i18n import _
from kuril_map.islands import ISLAND_IDS, get_island
from kuril_map.map.style import line_style
from kuril_map.names import island_name, state_label


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
                "administered_by_label": state_label(st.administered_by),
                "claimed_by_label": ", ".join(state_label(c) for c in st.claimed_by) or "—",
                "note": st.note,
                "changes": list(st.changes),
                "source_url": st.source_url,
            }
        )
    return rows


@dataclass(frozen=True)
class EraCard:
    """The era a year falls in, and its events."""

    era: timeline.Era
    events: list[timeline.Event]


def era_card(year: int) -> EraCard:
    """The era of `year` with its events."""
    era = timeline.era_for_year(year)
    return EraCard(era=era, events=timeline.events_in_era(era.id))


@lru_cache(maxsize=512)
def _lines_in_force_rows(year: int) -> tuple[tuple[str, str, int, int | None], ...]:
    """(name, kind, first year, year it ended) of the lines in force; cached, since filtering
    the GeoDataFrame costs more than the rest of the page's text."""
    gdf = geodata.lines_in_force(geodata.load_boundaries(), year)
    return tuple((r.name, r.kind, r.year_from, r.year_to) for r in gdf.itertuples())


def lines_in_force(year: int) -> list[str]:
    """'Name: kind, 1945 onwards' for each boundary line in force in `year`."""
    out = []
    for name, kind_id, start, ended in _lines_in_force_rows(year):
        kind = _(line_style(kind_id).label)
        if ended:
            text = _("{name}: {kind}, {start}–{end}").format(
                name=name, kind=kind, start=start, end=ended - 1
            )
        else:
            text = _("{name}: {kind}, {start} onwards").format(name=name, kind=kind, start=start)
        out.append(text)
    return out


def map_summary(year: int, naming: str = "both") -> list[str]:
    """The map in words, one line each, for screen readers and for a class without a projector.

    Says what the colours and lines say: the year and era, who administered each island and who
    else claimed it, and which lines were in force.
    """
    era = timeline.era_for_year(year)
    lines = [
        _("Map for {year}, era: {era} ({start}–{end}).").format(
            year=year, era=era.name, start=era.start, end=era.end
        )
    ]
    for row in status_rows(year):
        name, state = island_name(row["id"], naming), state_label(row["administered_by"])
        if row["claimed_by"]:
            claimants = ", ".join(state_label(c) for c in row["claimed_by"])
            lines.append(
                _("{island}: administered by {state}; also claimed by {claimants}.").format(
                    island=name, state=state, claimants=claimants
                )
            )
        else:
            lines.append(_("{island}: administered by {state}.").format(island=name, state=state))
    force = lines_in_force(year)
    if force:
        lines.append(_("Lines in force: {lines}.").format(lines="; ".join(force)))
    else:
        lines.append(_("Lines in force: none."))
    return lines


def differences(year_a: int, year_b: int, naming: str = "both") -> list[str]:
    """What changed between two years, island by island, for the comparison view."""
    out = []
    rows_b = {r["id"]: r for r in status_rows(year_b)}
    for a in status_rows(year_a):
        b = rows_b[a["id"]]
        if (a["administered_by"], a["claimed_by"]) == (b["administered_by"], b["claimed_by"]):
            continue
        values = {
            "island": island_name(a["id"], naming),
            "before": state_label(a["administered_by"]),
            "after": state_label(b["administered_by"]),
            "year_a": year_a,
            "year_b": year_b,
        }
        if b["claimed_by"]:
            claimants = ", ".join(state_label(c) for c in b["claimed_by"])
            out.append(
                _(
                    "{island}: {before} in {year_a}, {after} in {year_b} "
                    "(also claimed by {claimants})."
                ).format(claimants=claimants, **values)
            )
        else:
            out.append(_("{island}: {before} in {year_a}, {after} in {year_b}.").format(**values))
    return out


def status_text(island_id: str, year: int) -> str:
    """One plain sentence in the UI language: who administered the island, who else claimed it."""
    st = timeline.status(island_id, year)
    claimants = ", ".join(state_label(c) for c in st.claimed_by)
    if st.administered_by and claimants:
        return _("Administered by {state}; claimed by {claimants}.").format(
            state=state_label(st.administered_by), claimants=claimants
        )
    if st.administered_by:
        return _("Administered by {state}.").format(state=state_label(st.administered_by))
    if claimants:
        return _("No state administration; claimed by {claimants}.").format(claimants=claimants)
    return _("No state administration.")
