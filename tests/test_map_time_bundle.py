"""The time bundle: everything the map, the time control and the panels need for every day,
sent once. It must say exactly what the history says."""

from __future__ import annotations

import json
from datetime import date, timedelta

from kuril_map import history
from kuril_map.islands import ISLAND_IDS
from kuril_map.map import time_bundle
from kuril_map.map.style import STATE_COLOURS


def period_on(rows: list[list], day: str) -> list:
    return [r for r in rows if r[0] <= day][-1]


def test_every_territory_and_every_change_is_in_it() -> None:
    h = history.load()
    b = time_bundle.bundle()
    assert set(b["territories"]) == set(h.territories)
    for t in h.territories:
        rows = b["territories"][t]["periods"]
        for period in h.periods(t):
            for day in (period.start, (period.end or h.end)):
                row = period_on(rows, day.isoformat())
                st = h.status(t, day)
                assert row[2] == (st.administered_by or "none"), (t, day)
                assert row[4] == list(st.claimed_by), (t, day)


def test_the_day_before_a_landing_is_japanese() -> None:
    rows = time_bundle.bundle()["territories"]["etorofu"]["periods"]
    landing = date(1945, 8, 28)
    assert period_on(rows, (landing - timedelta(days=1)).isoformat())[2] == "japan"
    assert period_on(rows, landing.isoformat())[2] == "ussr"


def test_states_have_colours_and_names_in_three_languages() -> None:
    b = time_bundle.bundle()
    for sid in ("japan", "russian_empire", "ussr", "russia", "undivided", "none"):
        assert b["states"][sid]["colour"] == STATE_COLOURS.get(None if sid == "none" else sid)
        assert set(b["states"][sid]["label"]) == {"en", "ja", "ru"}
    assert b["states"]["united_states"]["colour"] is None  # named, never drawn
    assert b["stateOrder"][0] == "japan"


def test_names_for_every_mode_and_language() -> None:
    names = time_bundle.bundle()["names"]
    assert names["etorofu"]["both"] == {
        "en": "Etorofu / Iturup",
        "ja": "択捉島 / Итуруп",
        "ru": "択捉島 / Итуруп",
    }
    assert names["etorofu"]["ainu"]["en"] == "Etuworop-sir"
    assert names["sakhalin_south"]["ja"]["ja"] and names["shumshu"]["ru"]["ru"] == "Шумшу"
    assert all(set(modes) == {"both", "ja", "ru", "ainu"} for modes in names.values())


def test_stops_eras_lines_and_sources() -> None:
    b = time_bundle.bundle()
    starts = [s["start"] for s in b["stops"]]
    assert starts == sorted(starts) and len(starts) == len(history.load().stops())
    assert all(set(s["title"]) == {"en", "ja", "ru"} for s in b["stops"])
    assert {line["id"] for line in b["lines"]} >= {"shimoda_1855", "portsmouth_1905"}
    refs = [r[0] for s in b["stops"] for r in s["sources"]]
    assert refs and all(r in b["sources"] for r in refs)
    assert all(note["sources"] for note in b["notes"]), "every note is sourced"


def test_the_bundle_is_one_stable_file() -> None:
    text = time_bundle.bundle_json()
    assert json.loads(text) == time_bundle.bundle()
    assert time_bundle.FILE.name.startswith("kuril-time-")
    assert len(text.encode()) < 600_000
    assert set(time_bundle.bundle()["territories"]) >= set(ISLAND_IDS)
