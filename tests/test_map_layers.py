"""The map: colours by administrator, claims as dashed outlines, the lines in force per year."""

from __future__ import annotations

import pytest

from kuril_map.map import clicks, export, layers
from kuril_map.map.style import CLAIM_DASH, STATE_COLOURS


def styles(year: int, selected: str | None = None) -> dict[str, dict]:
    fc = layers.islands_for_year(year, selected)
    return {f["id"]: f["properties"]["style"] for f in fc["features"]}


def line_ids(year: int) -> set[str]:
    return {f["id"] for f in layers.lines_for_year(year)["features"]}


def test_1860_islands_are_japanese_and_unclaimed() -> None:
    for style in styles(1860).values():
        assert style["fillColor"] == STATE_COLOURS["Japan"]
        assert "dashArray" not in style


def test_1946_islands_soviet_with_japanese_claim_outline() -> None:
    for style in styles(1946).values():
        assert style["fillColor"] == STATE_COLOURS["USSR"]
        assert style["dashArray"] == CLAIM_DASH
        assert style["color"] == STATE_COLOURS["Japan"]


def test_selected_island_is_outlined() -> None:
    s = styles(1946, "shikotan")
    assert s["shikotan"]["weight"] > s["etorofu"]["weight"]


@pytest.mark.parametrize(
    ("year", "present", "absent"),
    [
        (1860, {"shimoda_1855"}, {"st_petersburg_1875", "line_of_control_1945"}),
        (1880, {"st_petersburg_1875"}, {"shimoda_1855", "portsmouth_1905"}),
        (1910, {"st_petersburg_1875", "portsmouth_1905"}, {"line_of_control_1945"}),
        (1950, {"line_of_control_1945", "japan_claim_line"}, {"portsmouth_1905"}),
        (1960, {"line_of_control_1945", "jd1956_two_island_line"}, {"shimoda_1855"}),
    ],
)
def test_lines_in_force(year: int, present: set[str], absent: set[str]) -> None:
    ids = line_ids(year)
    assert present <= ids
    assert not (absent & ids)


def test_urup_changes_hands() -> None:
    def urup_fill(year: int) -> str:
        (feature,) = layers.context_for_year(year)["features"]
        return feature["properties"]["style"]["fillColor"]

    assert urup_fill(1860) == STATE_COLOURS["Russian Empire"]
    assert urup_fill(1880) == STATE_COLOURS["Japan"]


def test_tooltips_carry_both_names_and_status() -> None:
    fc = layers.islands_for_year(1946)
    tip = next(f for f in fc["features"] if f["id"] == "etorofu")["properties"]["tooltip"]
    assert "Etorofu / Iturup" in tip
    assert "択捉島" in tip
    assert "Итуруп" in tip
    assert "Soviet Union" in tip


def test_selected_island_from_map_output() -> None:
    click = {"last_active_drawing": {"properties": {"id": "habomai"}}}
    assert clicks.selected_island(click) == "habomai"
    assert clicks.selected_island({"last_active_drawing": {"properties": {"id": "urup"}}}) is None
    assert clicks.selected_island({"last_active_drawing": None}) is None
    assert clicks.selected_island(None) is None


def test_base_map_loads_nothing_from_the_internet() -> None:
    html = export.full_map(1950).get_root().render()
    assert 'src="http' not in html
    assert 'href="http' not in html
    assert "km-legend" in html


def test_selected_line_from_map_output() -> None:
    click = {"last_active_drawing": {"properties": {"id": "shimoda_1855", "kind": "agreed border"}}}
    assert clicks.selected_line(click) == "shimoda_1855"
    assert clicks.selected_line({"last_active_drawing": {"properties": {"id": "etorofu"}}}) is None
    assert clicks.selected_line(None) is None
