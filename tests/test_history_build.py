"""The history build: every validation rule refuses bad input with a message naming the file,
the entry and the key; the output is reproducible; the real data/history/ passes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kuril_map.history_build import Paths, build, render, split_sentences
from kuril_map.paths import ROOT
from tests.history_helpers import (
    append,
    build_fixture,
    copy_fixture,
    edit,
    errors_of,
    one_error,
)

EVENTS = "history/events/events.toml"
CONTROL = "history/control/periods.toml"
CLAIMS = "history/claims/claims.toml"
SOURCES = "sources/history/fixture.toml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


def test_fixture_builds_with_one_warning(root: Path) -> None:
    built = build_fixture(root)
    assert built.warnings == ["source 'fx-unused': not cited by any statement"]
    assert "fx-unused" not in built.document["sources"]


# --- Sources of statements ----------------------------------------------------------------------


def test_statement_without_source(root: Path) -> None:
    edit(root, EVENTS, 'sources = [{ ref = "fx-official", where = "p. 14" }]\n', "")
    one_error(root, "data/history/events/events.toml", "event[0] 'landing'", "sources", "no source")


@pytest.mark.parametrize(
    ("rel", "old", "entry"),
    [
        ("history/eras.toml", '{ ref = "fx-official", where = "section 1" }', "era[0] 'early'"),
        (CONTROL, '{ ref = "fx-official", where = "p. 8" }', "period[6]"),
        (CLAIMS, '{ ref = "fx-official", where = "p. 12" }', "claim[1]"),
        ("history/positions/positions.toml", '{ ref = "fx-official", where = "p. 13" }', "pos"),
        ("history/lines.toml", '{ ref = "fx-treaty", where = "Art. 2" }', "line[0]"),
        ("history/island_facts.toml", '{ ref = "fx-official", where = "table 1" }', "figure[0]"),
    ],
)
def test_every_kind_of_statement_needs_a_source(root: Path, rel: str, old: str, entry: str) -> None:
    edit(root, rel, old, "")
    one_error(root, f"data/{rel}", entry, "sources", "no source")


def test_unknown_source(root: Path) -> None:
    edit(
        root, EVENTS, 'ref = "fx-official", where = "p. 14"', 'ref = "fx-nowhere", where = "p. 14"'
    )
    one_error(root, "events.toml", "'landing'", "sources[0].ref", "unknown source 'fx-nowhere'")


def test_ref_without_where(root: Path) -> None:
    edit(root, EVENTS, '{ ref = "fx-official", where = "p. 14" }', '{ ref = "fx-official" }')
    one_error(root, "events.toml", "'landing'", "sources[0].where", "missing")


def test_quote_over_400_characters(root: Path) -> None:
    long = "x" * 401
    edit(root, "history/eras.toml", 'quote = "The boundary lies here."', f'quote = "{long}"')
    one_error(root, "data/history/eras.toml", "era[1] 'modern'", "sources[0].quote", "401")


# --- Text in three languages --------------------------------------------------------------------


def test_text_missing_a_language(root: Path) -> None:
    edit(root, EVENTS, ', ru = "Высадки"', "")
    one_error(root, "events.toml", "'landing'", "title.ru", "missing or empty")


def test_text_with_an_empty_value(root: Path) -> None:
    edit(root, EVENTS, 'ja = "上陸"', 'ja = "  "')
    one_error(root, "events.toml", "'landing'", "title.ja", "missing or empty")


# --- Territories, states, dates -----------------------------------------------------------------


def test_unknown_territory(root: Path) -> None:
    edit(root, EVENTS, '["etorofu", "urup"]', '["etorofu", "iturup"]')
    one_error(root, "events.toml", "'treaty'", "territories", "unknown territory 'iturup'")


def test_unknown_group(root: Path) -> None:
    edit(root, EVENTS, '["group:four_islands"]', '["group:north_kurils"]')
    one_error(root, "events.toml", "'landing'", "territories", "unknown group 'group:north_kurils'")


def test_unknown_state(root: Path) -> None:
    edit(root, CONTROL, 'administered_by = "russia"', 'administered_by = "prussia"')
    one_error(root, CONTROL, "period[6]", "administered_by", "unknown state 'prussia'")


def test_state_used_before_it_existed(root: Path) -> None:
    edit(root, CLAIMS, 'state = "japan"', 'state = "russia"')
    edit(root, CLAIMS, 'from = "1956-02-11"', 'from = "1950-01-01"')
    one_error(root, CLAIMS, "claim[1]", "state", "'russia'", "outside its dates")


def test_state_used_after_it_ended(root: Path) -> None:
    # Without the 1991 period, the USSR would administer Etorofu after 25 Dec 1991.
    text = (root / "data" / CONTROL).read_text(encoding="utf-8")
    (root / "data" / CONTROL).write_text(
        text.split('[[period]]\nterritories = ["etorofu"]\nfrom = "1991-12-26"')[0],
        encoding="utf-8",
    )
    one_error(root, CONTROL, "period[5]", "administered_by (etorofu)", "'ussr'", "1991-12-25")


@pytest.mark.parametrize("bad", ["1945-13-01", "45-08-28", "1945/08/28", "1945-02-30", "soon"])
def test_bad_date(root: Path, bad: str) -> None:
    edit(root, CONTROL, 'from = "1945-08-28"', f'from = "{bad}"')
    one_error(root, CONTROL, "period[5]", "from", "bad date")


def test_interval_only_where_allowed(root: Path) -> None:
    edit(root, CONTROL, 'from = "1945-08-28"', 'from = "1945-08-28/1945-09-05"')
    one_error(root, CONTROL, "period[5]", "from", "bad date")


def test_interval_mixing_full_and_partial(root: Path) -> None:
    edit(root, EVENTS, '"1945-08-28/1945-09-05"', '"1945-08-28/1945-09"')
    one_error(root, "events.toml", "'landing'", "date", "both ends full days or both partial")


def test_date_after_today(root: Path) -> None:
    edit(root, EVENTS, 'date = "1855-02-07"', 'date = "2030-01-01"')
    one_error(root, "events.toml", "'treaty'", "date", "after today (2026-12-01)")


def test_duplicate_from_for_one_territory(root: Path) -> None:
    edit(root, CONTROL, 'from = "1991-12-26"', 'from = "1945-08-28"')
    one_error(root, CONTROL, "from", "etorofu: duplicate `from` 1945-08-28")


def test_overlapping_partial_from(root: Path) -> None:
    edit(root, CONTROL, 'from = "1991-12-26"', 'from = "1945"')
    one_error(root, CONTROL, "from", "etorofu: 1945-08-28 falls within 1945")


def test_periods_must_start_by_1644(root: Path) -> None:
    edit(root, CONTROL, 'from = "1644-01-01"', 'from = "1700-01-01"')
    one_error(root, CONTROL, "period[0]", "from", "etorofu: the first period starts 1700-01-01")


def test_every_territory_needs_a_period(root: Path) -> None:
    edit(root, CONTROL, '"hokkaido", "kamchatka"', '"hokkaido"')
    one_error(root, "data/history/control", "kamchatka", "no control period")


def test_undivided_needs_two_states(root: Path) -> None:
    edit(root, CONTROL, '["japan", "russian_empire"]', '["japan"]')
    one_error(root, CONTROL, "period[3]", "undivided_between", "at least two states")


def test_claim_ending_before_it_starts(root: Path) -> None:
    edit(root, CLAIMS, 'to = "1855-02-06"', 'to = "1700-01-01"')
    one_error(root, CLAIMS, "claim[0]", "to", "before `from`")


def test_unknown_key_is_named(root: Path) -> None:
    edit(root, CLAIMS, 'to = ""', 'too = ""')
    one_error(root, CLAIMS, "claim[1]", "too", "unknown key")


def test_event_before_the_start_and_unknown_line(root: Path) -> None:
    edit(root, EVENTS, 'date = "1786"', 'date = "1643"')
    edit(root, EVENTS, 'lines = ["shimoda_1855"]', 'lines = ["portsmouth_1905"]')
    one_error(root, "events.toml", "'claim_1786'", "date", "before the start")
    one_error(root, "events.toml", "'treaty'", "lines", "unknown line 'portsmouth_1905'")


def test_all_problems_are_reported_at_once(root: Path) -> None:
    edit(root, EVENTS, ', ru = "Высадки"', "")
    edit(root, CLAIMS, 'to = "1855-02-06"', 'to = "1700-01-01"')
    assert len(errors_of(root)) >= 2


# --- Loaded words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "lang"),
    [
        ("Soviet forces landed on the islands.", "The Northern Territories were taken.", "en"),
        ("ソ連軍が島々に上陸した。", "北方領土に上陸した。", "ja"),
        ("Советские войска высадились на островах.", "Началось освобождение Южных Курил.", "ru"),
    ],
)
def test_loaded_word_outside_attribution(root: Path, old: str, new: str, lang: str) -> None:
    edit(root, EVENTS, old, new)
    one_error(root, "events.toml", "'landing'", "text", f"{lang}: loaded word")


def test_loaded_word_inside_attribution_passes(root: Path) -> None:
    edit(
        root,
        EVENTS,
        "Soviet forces landed on the islands.",
        "Soviet forces landed on what Japan calls the Northern Territories.",
    )
    build_fixture(root)


def test_caution_word_is_a_warning(root: Path) -> None:
    edit(
        root, EVENTS, "Soviet forces landed on the islands.", "Soviet forces occupied the islands."
    )
    warnings = build_fixture(root).warnings
    assert any("'landing'" in w and "caution word 'occupied'" in w for w in warnings)


def test_sentence_split_keeps_abbreviations() -> None:
    assert split_sentences(
        "Japan holds, under Art. 9 of St. Petersburg, this. Next one.", "en"
    ) == [
        "Japan holds, under Art. 9 of St. Petersburg, this.",
        "Next one.",
    ]
    assert split_sentences("一文。二文。", "ja") == ["一文。", "二文。"]
    assert len(split_sentences("В 1945 г. СССР считал так. Второе.", "ru")) == 2


# --- Sources files ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["title", "publisher", "url", "kind", "language"])
def test_source_missing_a_field(root: Path, key: str) -> None:
    path = root / "data" / SOURCES
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("[source.fx-official]")
    drop = next(i for i in range(start, len(lines)) if lines[i].startswith(f"{key} ="))
    path.write_text("\n".join(lines[:drop] + lines[drop + 1 :]) + "\n", encoding="utf-8")
    one_error(root, "data/sources/history/fixture.toml", "[source.fx-official]", key, "missing")


def test_source_with_unknown_kind(root: Path) -> None:
    edit(root, SOURCES, 'kind = "official"', 'kind = "blog"')
    one_error(root, "fixture.toml", "[source.fx-official]", "kind", "unknown kind 'blog'")


def test_unreadable_toml_names_the_file(root: Path) -> None:
    append(root, CLAIMS, "[[claim]\n")
    one_error(root, CLAIMS, "not valid TOML")


# --- Output -------------------------------------------------------------------------------------


def test_output_is_reproducible(root: Path) -> None:
    first = render(build_fixture(root).document)
    second = render(build_fixture(root).document)
    assert first == second
    doc = json.loads(first)
    assert doc["format"] == "kuril-map-history/1"
    assert list(doc) == sorted(doc)
    assert "2026-12-01" not in json.dumps(doc["territories"])  # no "today" baked in


def test_output_does_not_depend_on_today(root: Path) -> None:
    now = render(build_fixture(root, date(2026, 12, 1)).document)
    later = render(build_fixture(root, date(2030, 1, 1)).document)
    assert now == later


def run_script(*args: str, today: str | None = "2026-12-01") -> subprocess.CompletedProcess[str]:
    """The build script in a subprocess; `today` None checks against the real date."""
    env = {"PATH": "/usr/bin:/bin"} | ({"KURIL_MAP_TODAY": today} if today else {})
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_history.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_script_out_and_check(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "history.json"
    first = run_script("--root", str(root), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "fx-unused" in first.stderr  # the warning is printed
    written = out.read_bytes()
    assert run_script("--root", str(root), "--out", str(out)).returncode == 0
    assert out.read_bytes() == written
    assert run_script("--root", str(root), "--out", str(out), "--check").returncode == 0
    edit(root, EVENTS, "Landings", "Landing")
    stale = run_script("--root", str(root), "--out", str(out), "--check")
    assert stale.returncode == 1
    assert "out of date" in stale.stderr
    assert out.read_bytes() == written  # --check never writes


def test_script_lists_problems_and_writes_nothing(root: Path, tmp_path: Path) -> None:
    edit(root, EVENTS, ', ru = "Высадки"', "")
    out = tmp_path / "history.json"
    result = run_script("--root", str(root), "--out", str(out))
    assert result.returncode == 1
    assert "events.toml" in result.stderr and "title.ru" in result.stderr
    assert not out.exists()


# --- The real data ------------------------------------------------------------------------------


def test_real_history_passes_validation() -> None:
    built = build(Paths.of_repo(ROOT))
    assert built.document["eras"], "data/history/eras.toml has no eras"


def test_committed_history_json_is_current() -> None:
    result = run_script("--check", today=None)
    assert result.returncode == 0, result.stderr


def test_same_source_in_two_files(root: Path) -> None:
    """One entry per source id, even with the same url: two versions would drift apart."""
    copy = (root / "data" / SOURCES).read_text(encoding="utf-8").split("[source.fx-unused]")[0]
    (root / "data" / "sources/history/other.toml").write_text(copy, encoding="utf-8")
    one_error(root, "other.toml", "[source.fx-treaty]", "source id already defined in")
