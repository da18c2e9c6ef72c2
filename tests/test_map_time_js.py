"""The browser's date code (map/js/time.js) answers as the Python history does, run in Node
on the real time bundle (skipped where Node is not installed; CI has it)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kuril_map import history, summaries
from kuril_map.map import time_bundle
from tests.node_helpers import needs_node, run_script

TIME_JS = Path(__file__).resolve().parents[1] / "kuril_map" / "map" / "js" / "time.js"
pytestmark = needs_node

DAYS = [
    "1700-06-01",
    "1855-02-07",
    "1860-12-31",
    "1875-08-22",
    "1945-08-28",
    "1945-08-31",
    "1945-09-05",
    "1956-12-12",
    "1991-12-25",
    "1991-12-26",
    "2022-03-21",
]


def run_js(expression: str, tmp_path: Path) -> object:
    bundle = tmp_path / "bundle.json"
    bundle.write_text(time_bundle.bundle_json(), encoding="utf-8")
    setup = f"const b = JSON.parse(require('fs').readFileSync({json.dumps(str(bundle))}, 'utf8'));"
    return run_script(TIME_JS, setup, expression)


def test_status_on_a_day_matches_python(tmp_path: Path) -> None:
    h = history.load()
    got = run_js(
        "Object.fromEntries(Object.keys(b.territories).map(t => [t, "
        f"{json.dumps(DAYS)}.map(d => {{ const s = KmTime.statusOn(b, t, d); "
        "return [s.admin, s.claims]; })]))",
        tmp_path,
    )
    for territory, answers in got.items():
        for day, (admin, claims) in zip(DAYS, answers, strict=True):
            st = h.status(territory, date.fromisoformat(day))
            assert admin == (st.administered_by or "none"), (territory, day)
            assert claims == list(st.claimed_by), (territory, day)


def test_sentences_and_dates_match_python(tmp_path: Path) -> None:
    h = history.load()
    got = run_js(
        "['en','ja','ru'].map(l => [KmTime.formatDate(b, '1945-08-28', 'day', l), "
        "KmTime.formatDate(b, '1945-08-01', 'month', l), "
        "KmTime.statusSentence(b, KmTime.statusOn(b, 'shikotan', '1956-12-31'), l)])",
        tmp_path,
    )
    st = h.status("shikotan", date(1956, 12, 31))
    for lang, (day, month, sentence) in zip(("en", "ja", "ru"), got, strict=True):
        assert day == history.display_date(date(1945, 8, 28), "day", lang)
        assert month == history.display_date(date(1945, 8, 1), "month", lang)
        assert sentence == summaries.status_sentence(st, lang)


def test_stepping_through_the_stops(tmp_path: Path) -> None:
    stops = [e.start.isoformat() for e in history.load().stops()]
    got = run_js(
        "[KmTime.nextStop(b, '1855-02-07').start, KmTime.previousStop(b, '1855-02-07').start, "
        "KmTime.nextStop(b, b.today), KmTime.eventsOn(b, '1855-02-07').length > 0, "
        "KmTime.isoOf(KmTime.dayNumber('1644-01-01')), KmTime.dayNumber('1970-01-02')]",
        tmp_path,
    )
    later = [s for s in stops if s > "1855-02-07"]
    earlier = [s for s in stops if s < "1855-02-07"]
    assert got == [later[0], earlier[-1], None, True, "1644-01-01", 1]
