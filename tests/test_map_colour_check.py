"""The map's colours stay apart for colour-blind readers, and lines never rely on colour alone."""

from __future__ import annotations

import pytest

from kuril_map.map import colour_check
from kuril_map.map.style import LINE_STYLES

THRESHOLD = 10.0  # CIEDE2000; about 10 reads as clearly different for flat map areas


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu & Dalal (2005) test data, pairs 1, 7, 17 and 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_published_test_data(lab1, lab2, expected) -> None:
    assert colour_check.delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert colour_check.delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_lab_of_known_colours() -> None:
    assert colour_check.to_lab("#FFFFFF") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert colour_check.to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=0.01)
    assert colour_check.to_lab("#FF0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


@pytest.mark.parametrize("vision", list(colour_check.MACHADO_2009))
def test_simulation_keeps_greys_and_confuses_what_it_should(vision: str) -> None:
    for grey in ("#000000", "#777777", "#FFFFFF"):
        assert colour_check.distance(grey, colour_check.simulate(grey, vision)) < 1.0
    red, green = "#D62728", "#2CA02C"
    if vision in ("protanopia", "deuteranopia"):
        # the classic red/green confusion: far apart normally, much closer when simulated
        assert colour_check.distance(red, green, vision) < colour_check.distance(red, green) / 2


@pytest.mark.parametrize("kind", ["state fills", "state fills as drawn"])
@pytest.mark.parametrize("vision", colour_check.VISIONS)
def test_state_fills_stay_apart(kind: str, vision: str) -> None:
    # Japan, Russian Empire, the Soviet and Russian states (one colour), undivided, none
    assert len(colour_check.state_fills()) == 5
    assert colour_check.min_distance(kind, vision) >= THRESHOLD, colour_check.weakest_pairs(kind)[
        vision
    ]


@pytest.mark.parametrize("vision", colour_check.VISIONS)
def test_claim_outlines_stand_out_from_the_fill_under_them(vision: str) -> None:
    assert ("ussr", "japan") in colour_check.claim_pairs()
    assert colour_check.min_distance("claim outlines", vision) >= THRESHOLD


@pytest.mark.parametrize("vision", colour_check.VISIONS)
def test_lines_stand_out_from_the_sea(vision: str) -> None:
    assert colour_check.min_distance("lines on sea", vision) >= THRESHOLD


def test_line_kinds_differ_by_dash_not_only_colour() -> None:
    dashes = [ls.dash for ls in LINE_STYLES.values()]
    assert len(set(dashes)) == len(dashes)


def test_report_covers_every_pair_and_vision() -> None:
    rows = colour_check.palette_report(["state fills"])
    assert len(rows) == 10 * len(colour_check.VISIONS)  # five fills: ten pairs
    assert {r.vision for r in rows} == set(colour_check.VISIONS)
    assert "tritanopia" in colour_check.report_text()
    with pytest.raises(ValueError, match="unknown kind"):
        colour_check.min_distance("nonsense")
