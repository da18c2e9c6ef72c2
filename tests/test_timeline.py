"""The timeline: eras, sourced events, and who administered or claimed each island when."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kuril_map import timeline
from kuril_map.islands import ISLAND_IDS, UnknownIslandError
from kuril_map.paths import ROOT, TIMELINE_FILE

ALL_IDS = (*ISLAND_IDS, "urup")
YEARS = range(timeline.START_YEAR, timeline.END_YEAR + 1)


@pytest.fixture(scope="module")
def tl() -> timeline.Timeline:
    return timeline.load_timeline()


@pytest.fixture(scope="module")
def raw_doc() -> dict[str, Any]:
    return json.loads(TIMELINE_FILE.read_text(encoding="utf-8"))


# --- Events ------------------------------------------------------------------------------------


def test_at_least_30_sourced_events_in_range(tl: timeline.Timeline) -> None:
    assert len(tl.events) >= 30
    for e in tl.events:
        assert 1644 <= e.year <= 2026, e.id
        assert e.source_url.startswith(("http://", "https://")), e.id
        assert e.source_title and e.title and e.description, e.id
        assert e.status in ("confirmed", "confirmed_secondary"), e.id
        assert set(e.islands) <= set(ISLAND_IDS), e.id
        assert e.date[:4] == str(e.year), e.id


def test_events_nothing_before_1644(tl: timeline.Timeline) -> None:
    assert min(e.year for e in tl.events) == 1644  # the 1635 and 1643 facts are left out


def test_event_ids_unique_and_in_date_order(tl: timeline.Timeline) -> None:
    assert len({e.id for e in tl.events}) == len(tl.events)
    assert [e.year for e in tl.events] == sorted(e.year for e in tl.events)


def test_event_islands_and_lines(tl: timeline.Timeline) -> None:
    by_id = {e.id: e for e in tl.events}
    assert by_id["shimoda_treaty_1855"].islands == list(ISLAND_IDS)
    assert by_id["shimoda_treaty_1855"].line_ids == ["shimoda_1855"]
    assert by_id["portsmouth_treaty_1905"].islands == []  # about Sakhalin, not the four
    assert by_id["etorofu_landing_1945"].islands == ["etorofu"]
    assert by_id["joint_declaration_1956"].islands == ["shikotan", "habomai"]
    assert "jd1956_two_island_line" in by_id["joint_declaration_1956"].line_ids
    known_lines = {
        "shimoda_1855",
        "st_petersburg_1875",
        "portsmouth_1905",
        "line_of_control_1945",
        "japan_claim_line",
        "jd1956_two_island_line",
    }
    assert all(set(e.line_ids) <= known_lines for e in tl.events)


def test_descriptions_attribute_positions(tl: timeline.Timeline) -> None:
    """Wherever a description speaks of a position, it names the state that holds it."""
    for e in tl.events:
        for sentence in e.description.split(". "):
            if " holds that " in sentence:
                assert any(f"{s} holds that" in sentence for s in ("Japan", "Russia")), e.id


def test_event_years_are_the_slider_stops(tl: timeline.Timeline) -> None:
    years = timeline.event_years()
    assert years == sorted(set(years))
    assert {1855, 1875, 1945, 1956, 1991, 2022} <= set(years)


# --- Eras --------------------------------------------------------------------------------------


def test_eras_cover_1644_to_2026_without_gaps(tl: timeline.Timeline) -> None:
    assert (tl.start_year, tl.end_year) == (1644, 2026)
    assert tl.eras[0].start == 1644
    assert tl.eras[-1].end == 2026
    for before, after in zip(tl.eras, tl.eras[1:], strict=False):
        assert after.start == before.end + 1
    assert all(e.summary.strip() for e in tl.eras)


@pytest.mark.parametrize(
    ("year", "era_id"),
    [
        (1644, "ainu_lands"),
        (1799, "shogunate_rule"),
        (1855, "shimoda_border"),
        (1875, "all_kurils_japanese"),
        (1905, "portsmouth_to_war"),
        (1945, "soviet_occupation"),
        (1956, "joint_declaration_cold_war"),
        (1991, "russian_federation_talks"),
        (2026, "talks_suspended"),
    ],
)
def test_era_for_year(year: int, era_id: str) -> None:
    assert timeline.era_for_year(year).id == era_id


def test_events_in_era(tl: timeline.Timeline) -> None:
    for era in tl.eras:
        for e in timeline.events_in_era(era.id):
            assert era.start <= e.year <= era.end
            assert e.era_id == era.id
    assert sum(len(timeline.events_in_era(e.id)) for e in tl.eras) == len(tl.events)
    with pytest.raises(KeyError):
        timeline.events_in_era("no_such_era")


# --- Control -----------------------------------------------------------------------------------


def test_1860_japan_administers_the_four_unclaimed_and_russia_holds_urup() -> None:
    for island in ISLAND_IDS:
        st = timeline.status(island, 1860)
        assert (st.administered_by, st.claimed_by) == ("Japan", [])
    assert timeline.status("urup", 1860).administered_by == "Russian Empire"


def test_1880_all_japanese() -> None:
    for island in ALL_IDS:
        st = timeline.status(island, 1880)
        assert (st.administered_by, st.claimed_by) == ("Japan", [])


@pytest.mark.parametrize(("year", "admin"), [(1946, "USSR"), (1992, "Russia"), (2026, "Russia")])
def test_after_1945_administered_by_ussr_or_russia_claimed_by_japan(year: int, admin: str) -> None:
    for island in ISLAND_IDS:
        st = timeline.status(island, year)
        assert st.administered_by == admin
        assert st.claimed_by == ["Japan"]
        assert "Japan holds that" in st.note and "Russia holds that" in st.note


def test_urup_after_1945_is_not_claimed_by_japan() -> None:
    assert timeline.status("urup", 1950).administered_by == "USSR"
    assert timeline.status("urup", 2000).administered_by == "Russia"
    assert timeline.status("urup", 2000).claimed_by == []


def test_before_1799_no_state_administered() -> None:
    for island in ALL_IDS:
        for year in (1644, 1754, 1786, 1798):
            assert timeline.status(island, year).administered_by is None
    assert "Russian Empire" in timeline.status("etorofu", 1786).claimed_by
    assert timeline.status("etorofu", 1700).claimed_by == []
    assert timeline.status("kunashiri", 1799).administered_by == "Japan"


def test_every_island_has_a_status_for_every_year() -> None:
    for island in ALL_IDS:
        for year in YEARS:
            st = timeline.status(island, year)
            assert st.island_id == island and st.year == year
            assert st.administered_by in (None, *timeline.STATES)
            assert set(st.claimed_by) <= set(timeline.STATES)
            assert st.administered_by not in st.claimed_by
            assert st.note and st.source_url.startswith("http")


def test_1945_describes_end_of_year_and_lists_landings() -> None:
    expected = {
        "etorofu": "28 Aug 1945",
        "kunashiri": "1 Sep 1945",
        "shikotan": "1 Sep 1945",
        "habomai": "3–5 Sep 1945",
    }
    for island, date in expected.items():
        st = timeline.status(island, 1945)
        assert st.administered_by == "USSR"
        assert any(c.startswith(date) for c in st.changes), st.changes
    assert timeline.status("etorofu", 1944).administered_by == "Japan"
    assert timeline.status("etorofu", 1944).changes == []


def test_ussr_becomes_russia_in_december_1991() -> None:
    assert timeline.status("etorofu", 1990).administered_by == "USSR"
    st = timeline.status("etorofu", 1991)
    assert st.administered_by == "Russia"
    assert any(c.startswith("26 Dec 1991") for c in st.changes)


def test_status_accepts_name_forms_and_rejects_unknown_islands() -> None:
    assert timeline.status("Iturup", 1900).island_id == "etorofu"
    assert timeline.status("URUP", 1900).island_id == "urup"
    with pytest.raises(UnknownIslandError, match="etorofu"):
        timeline.status("atlantis", 1900)


def test_status_returns_fresh_lists() -> None:
    timeline.status("habomai", 1950).claimed_by.append("Russia")
    assert timeline.status("habomai", 1950).claimed_by == ["Japan"]


# --- Years -------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [1644, 1855, 2026])
def test_check_year_accepts_range(year: int) -> None:
    assert timeline.check_year(year) == year


@pytest.mark.parametrize("year", [1500, 1643, 2027])
def test_check_year_rejects_with_one_line(year: int) -> None:
    with pytest.raises(timeline.YearOutOfRangeError) as err:
        timeline.check_year(year)
    assert str(err.value) == f"year {year} is outside 1644–2026"
    assert isinstance(err.value, ValueError)


def test_status_and_era_reject_years_out_of_range() -> None:
    with pytest.raises(timeline.YearOutOfRangeError):
        timeline.status("etorofu", 1600)
    with pytest.raises(timeline.YearOutOfRangeError):
        timeline.era_for_year(2100)
    with pytest.raises(timeline.YearOutOfRangeError, match="whole number"):
        timeline.check_year("1900")  # type: ignore[arg-type]


# --- Malformed files ---------------------------------------------------------------------------


def _break(doc: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    broken = copy.deepcopy(doc)
    change(broken)
    return broken


BREAKAGES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "no eras": (lambda d: d.pop("eras"), "missing 'eras'"),
    "era gap": (lambda d: d["eras"][1].update(start=d["eras"][1]["start"] + 1), "gaps"),
    "bad state": (
        lambda d: d["control"]["etorofu"]["periods"][-1].update(administered_by="Soviet"),
        "unknown state 'Soviet'",
    ),
    "island missing": (lambda d: d["control"].pop("habomai"), "missing 'habomai'"),
    "unknown island": (lambda d: d["events"][0].update(islands=["atlantis"]), "atlantis"),
    "year as text": (lambda d: d["events"][0].update(year="1644"), "'year' has the wrong type"),
    "no source": (lambda d: d["events"][0].pop("source_url"), "missing 'source_url'"),
    "period gap": (
        lambda d: d["control"]["urup"]["periods"].pop(2),
        "control.urup.periods",
    ),
    "period overlap": (
        lambda d: d["control"]["etorofu"]["periods"][1].update(start=1700),
        r"control\.etorofu\.periods\[1\]: periods must run on without gaps or overlaps",
    ),
    "era ends before it starts": (
        lambda d: d["eras"][1].update(end=d["eras"][1]["start"] - 1),
        r"eras\[1\]: eras must run on",
    ),
    "era id twice": (
        lambda d: d["eras"][1].update(id=d["eras"][0]["id"]),
        "era ids are not unique",
    ),
    "event id twice": (
        lambda d: d["events"][1].update(id=d["events"][0]["id"]),
        "event ids are not unique",
    ),
}


@pytest.mark.parametrize("case", BREAKAGES)
def test_malformed_timeline_raises_clear_error(
    case: str, tmp_path: Path, raw_doc: dict[str, Any]
) -> None:
    change, expected = BREAKAGES[case]
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(_break(raw_doc, change)), encoding="utf-8")
    with pytest.raises(timeline.TimelineError, match=expected) as err:
        timeline.load_timeline(path)
    assert str(path) in str(err.value)
    assert isinstance(err.value, ValueError)


def test_invalid_json_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(timeline.TimelineError, match="not valid JSON"):
        timeline.load_timeline(bad)
    with pytest.raises(timeline.TimelineError, match=r"build_timeline\.py"):
        timeline.load_timeline(tmp_path / "absent.json")


def test_load_from_path_matches_default(tl: timeline.Timeline) -> None:
    again = timeline.load_timeline(TIMELINE_FILE)
    assert again.eras == tl.eras and again.events == tl.events
    assert timeline.load_timeline() is tl  # cached


# --- Build -------------------------------------------------------------------------------------


def test_build_script_reproduces_timeline_json(tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_timeline.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == TIMELINE_FILE.read_bytes()


def test_build_script_reads_urls_from_facts(raw_doc: dict[str, Any]) -> None:
    facts = json.loads((ROOT / "data" / "sources" / "facts.json").read_text(encoding="utf-8"))
    fact_urls = {e["url"] for e in facts["events"]}
    assert {e["source_url"] for e in raw_doc["events"]} <= fact_urls
    for entry in raw_doc["control"].values():
        assert {p["source_url"] for p in entry["periods"]} <= fact_urls
