"""Runtime queries over the built history (kuril_map.history), on the test fixture."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kuril_map import history
from kuril_map.history_build import render
from tests.history_helpers import build_fixture, copy_fixture


@pytest.fixture(scope="module")
def json_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("history")
    path = tmp / "history.json"
    path.write_text(render(build_fixture(copy_fixture(tmp)).document), encoding="utf-8")
    return path


@pytest.fixture
def h(json_path: Path, monkeypatch: pytest.MonkeyPatch) -> history.History:
    monkeypatch.setenv("KURIL_MAP_TODAY", "2026-12-01")
    monkeypatch.delenv("KURIL_MAP_REPORT_URL", raising=False)
    return history.load(json_path)


# --- Resolved periods ---------------------------------------------------------------------------


def test_claims_cut_periods(h: history.History) -> None:
    spans = [(p.start.isoformat(), p.administered_by, p.claimed_by) for p in h.periods("etorofu")]
    assert spans == [
        ("1644-01-01", None, ()),
        ("1786-01-01", None, ("russian_empire",)),  # the 1786 claim opens a period …
        ("1855-02-07", "japan", ()),  # … and its end on 1855-02-06 closes it
        ("1945-08-28", "ussr", ()),
        ("1956-02-11", "ussr", ("japan",)),  # Japan's claim cuts the Soviet period
        ("1991-12-26", "russia", ("japan",)),
    ]
    periods = h.periods("etorofu")
    assert periods[1].start_precision == "year"
    assert periods[1].end == date(1855, 2, 6)
    assert periods[-1].end is None
    assert [c.state for c in periods[4].claims] == ["japan"]
    assert periods[4].note.get("en") == periods[3].note.get("en")  # same control period


def test_undivided(h: history.History) -> None:
    s = h.status("sakhalin_south", date(1860, 6, 1))
    assert s.administered_by == "undivided"
    assert s.undivided_between == ("japan", "russian_empire")
    assert s.claimed_by == ()  # the states sharing it are not "other" claimants
    assert s.since == date(1855, 2, 7)


def test_status_on_a_day(h: history.History) -> None:
    s = h.status("etorofu", date(1945, 8, 27))
    assert s.administered_by == "japan"
    s = h.status("etorofu", date(1945, 8, 28))  # the status at the end of the day
    assert s.administered_by == "ussr"
    assert s.since == date(1945, 8, 28) and s.since_precision == "day"
    assert s.note.get("ru") == "Высадились советские войска."
    assert s.sources[0].ref == "fx-official" and s.sources[0].where == "p. 7"
    assert h.status("etorofu", date(1700, 1, 1)).administered_by is None


def test_year_view_and_changes_within_a_year(h: history.History) -> None:
    assert h.status_in_year("etorofu", 1945).administered_by == "ussr"  # on 31 Dec
    [change] = h.changes("etorofu", 1945)
    assert change.day == date(1945, 8, 28) and change.precision == "day"
    assert change.before.administered_by == "japan" and change.before.day == date(1945, 8, 27)
    assert change.after.administered_by == "ussr"
    assert h.changes("etorofu", 1946) == []
    [claim] = h.changes("etorofu", 1956)
    assert claim.after.claimed_by == ("japan",) and claim.before.claimed_by == ()
    [end] = h.changes("etorofu", 1991)
    assert (end.before.administered_by, end.after.administered_by) == ("ussr", "russia")


def test_year_view_of_the_current_year_is_today(h: history.History) -> None:
    assert h.status_in_year("etorofu", 2026).day == date(2026, 12, 1)


def test_partial_date_start(h: history.History) -> None:
    s = h.status("sakhalin_north", date(1875, 1, 1))
    assert s.administered_by is None and s.since_precision == "year"
    # a status that held before the history starts shows the history's first day
    first = h.status("hokkaido", date(1644, 1, 1))
    assert first.since == date(1644, 1, 1)


# --- Errors -------------------------------------------------------------------------------------


def test_unknown_territory(h: history.History) -> None:
    with pytest.raises(history.UnknownTerritoryError, match=r"'iturup'.*etorofu, kunashiri"):
        h.status("iturup", date(1900, 1, 1))


@pytest.mark.parametrize("day", [date(1643, 12, 31), date(2026, 12, 2)])
def test_day_out_of_range(h: history.History, day: date) -> None:
    with pytest.raises(history.DateOutOfRangeError, match="1644-01-01 to 2026-12-01"):
        h.status("etorofu", day)


def test_year_out_of_range(h: history.History) -> None:
    with pytest.raises(history.DateOutOfRangeError, match="1644 to 2026"):
        h.status_in_year("etorofu", 2027)


def test_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(history.HistoryFileError, match=r"build_history\.py"):
        history.load(tmp_path / "none.json")
    other = tmp_path / "other.json"
    other.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(history.HistoryFileError, match="expected format"):
        history.load(other)


# --- Today --------------------------------------------------------------------------------------


def test_end_moves_with_today(json_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KURIL_MAP_TODAY", "1950-06-30")
    h = history.load(json_path)
    assert history.today() == date(1950, 6, 30)
    assert h.end == date(1950, 6, 30)
    assert h.status_in_year("etorofu", 1950).day == date(1950, 6, 30)
    with pytest.raises(history.DateOutOfRangeError, match="1644-01-01 to 1950-06-30"):
        h.status("etorofu", date(1956, 2, 11))
    assert all(e.start <= date(1950, 6, 30) for e in h.stops())
    assert h.changes("etorofu", 1950) == []
    monkeypatch.setenv("KURIL_MAP_TODAY", "2026-12-01")
    assert h.end == date(2026, 12, 1)  # the same loaded history, a later today


def test_today_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KURIL_MAP_TODAY", raising=False)
    assert history.today() == date.today()
    monkeypatch.setenv("KURIL_MAP_TODAY", "yesterday")
    with pytest.raises(ValueError, match="KURIL_MAP_TODAY"):
        history.today()


# --- Eras, events, lines, positions, figures, sources -------------------------------------------


def test_eras(h: history.History) -> None:
    assert [e.id for e in h.eras] == ["early", "modern"]
    assert h.eras[0].end == date(1855, 2, 6) and h.eras[1].end is None
    assert h.era_on(date(1855, 2, 6)).id == "early"
    assert h.era_on(date(1855, 2, 7)).id == "modern"


def test_events(h: history.History) -> None:
    assert [e.id for e in h.events] == ["claim_1786", "treaty", "landing"]  # by date
    landing = h.event("landing")
    assert (landing.start, landing.end) == (date(1945, 8, 28), date(1945, 9, 5))
    assert landing.era == "modern" and landing.precision == "day"
    assert landing.territories == ("etorofu", "kunashiri", "shikotan", "habomai")
    assert h.event("claim_1786").precision == "year"
    assert [e.id for e in h.events_in(date(1945, 9, 1), date(1945, 12, 31))] == ["landing"]
    assert [e.id for e in h.stops()] == ["claim_1786", "treaty", "landing"]
    with pytest.raises(history.UnknownIdError, match="'nope'"):
        h.event("nope")


def test_lines_in_force(h: history.History) -> None:
    assert [x.id for x in h.lines_in_force(date(1860, 1, 1))] == ["shimoda_1855"]
    assert h.lines_in_force(date(1900, 1, 1)) == []
    [claim] = h.lines_in_force(date(1960, 1, 1))
    assert claim.kind == "claim" and claim.geometry == "shimoda_1855"
    assert [p.holder for p in claim.positions_on(date(1960, 1, 1))] == ["ussr"]
    assert claim.positions_on(date(2000, 1, 1)) == []  # the USSR's position ended with it


def test_positions_are_not_projected_back(h: history.History) -> None:
    assert h.positions_on(date(1956, 2, 10)) == []
    [p] = h.positions_on(date(1956, 2, 11), "shikotan")
    assert p.holder == "japan" and p.end is None
    assert h.positions_on(date(2000, 1, 1), "urup") == []


def test_figures_sources_states(h: history.History) -> None:
    [f] = h.figures("shikotan")
    assert (f.what, f.value, f.precision) == ("population", 2917, "year")
    assert h.figures("urup") == []
    assert h.source("fx-treaty").kind == "primary"
    with pytest.raises(history.UnknownIdError):
        h.source("fx-unused")  # unused sources are left out of the JSON
    assert h.states["ussr"].end == date(1991, 12, 25)
    assert h.states["ussr"].label.get("ja") == "ソ連"
    assert h.territories[:4] == ("etorofu", "kunashiri", "shikotan", "habomai")


def test_about_and_report_url(h: history.History, monkeypatch: pytest.MonkeyPatch) -> None:
    assert h.start == date(1644, 1, 1)
    assert h.data_as_of == date(2026, 12, 1)
    assert h.report_url == ""  # empty: no link
    monkeypatch.setenv("KURIL_MAP_REPORT_URL", "https://example.org/report")
    assert h.report_url == "https://example.org/report"


def test_text_needs_a_language(h: history.History) -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        h.eras[0].name.get("fr")


# --- Display ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "en", "ja", "ru"),
    [
        ("day", "28 Aug 1945", "1945年8月28日", "28 августа 1945 г."),
        ("month", "Aug 1945", "1945年8月", "август 1945 г."),
        ("year", "1945", "1945年", "1945 г."),
    ],
)
def test_display_date(precision: str, en: str, ja: str, ru: str) -> None:
    day = date(1945, 8, 28)
    assert history.display_date(day, precision, "en") == en
    assert history.display_date(day, precision, "ja") == ja
    assert history.display_date(day, precision, "ru") == ru


def test_display_range() -> None:
    start, end = date(1945, 9, 3), date(1945, 9, 5)
    assert history.display_range(start, end, "day", "en") == "3 Sep 1945 – 5 Sep 1945"
    assert history.display_range(start, end, "month", "ja") == "1945年9月"
    with pytest.raises(ValueError, match="precision"):
        history.display_date(start, "week", "en")
