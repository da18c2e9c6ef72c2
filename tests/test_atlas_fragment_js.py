"""The atlas's address (atlas/fragment.js), run in Node: the view a link opens, defaults for
anything mistyped, and the link written back (skipped where Node is not installed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.node_helpers import needs_node, run_script

FRAGMENT_JS = Path(__file__).resolve().parents[1] / "kuril_map" / "atlas" / "fragment.js"
pytestmark = needs_node

OPTIONS = {
    "start": "1644-01-01",
    "today": "2026-03-15",
    "islands": ["etorofu", "kunashiri", "shikotan", "habomai"],
    "langs": ["en", "ja", "ru"],
    "namings": ["both", "ja", "ru", "ainu"],
    "defaults": {"date": "1855-02-07", "island": None, "naming": "both", "lang": "en"},
}


def run_js(expression: str) -> object:
    return run_script(FRAGMENT_JS, f"const options = {json.dumps(OPTIONS)};", expression)


def parse(hash_: str) -> dict:
    result = run_js(f"KmFragment.parse({json.dumps(hash_)}, options)")
    assert isinstance(result, dict)
    return result


def test_a_year_is_that_year_as_it_ended() -> None:
    got = parse("#year=1956&island=shikotan")
    assert got["view"] == {
        "date": "1956-12-31",
        "island": "shikotan",
        "naming": "both",
        "lang": "en",
    }
    assert got["ignored"] == []


def test_this_year_ends_today() -> None:
    assert parse("#year=2026")["view"]["date"] == "2026-03-15"


def test_a_date_wins_over_a_year_and_keeps_the_language() -> None:
    got = parse("#year=1945&date=1956-10-19&island=Shikotan&lang=ja&naming=ru")
    assert got["view"] == {"date": "1956-10-19", "island": "shikotan", "naming": "ru", "lang": "ja"}


@pytest.mark.parametrize(
    "bad",
    [
        "date=1956-02-30",
        "date=1956-1-9",
        "date=2030-01-01",
        "date=1600-01-01",
        "year=abc",
        "year=3000",
        "island=hokkaido",
        "lang=fr",
        "naming=latin",
        "colour=red",
        "date=%E0%A4%A",
    ],
)
def test_anything_not_understood_is_left_at_its_default(bad: str) -> None:
    """The rest of the link still counts; the part not understood is named, as written."""
    other = "&lang=ru" if bad.startswith("island") else "&island=etorofu"
    got = parse("#" + bad + other)
    assert got["ignored"] == [bad]
    expected = {**OPTIONS["defaults"]}
    expected.update({"lang": "ru"} if bad.startswith("island") else {"island": "etorofu"})
    assert got["view"] == expected


def test_empty_and_all() -> None:
    assert parse("")["view"] == OPTIONS["defaults"]
    assert parse("#")["view"] == OPTIONS["defaults"]
    assert parse("#island=all&island=shikotan")["view"]["island"] is None  # first one wins


def test_the_written_link_opens_the_same_view() -> None:
    view = {"date": "1956-10-19", "island": "shikotan", "naming": "both", "lang": "ja"}
    written = run_js(f"KmFragment.format({json.dumps(view)}, options.defaults)")
    assert written == "#date=1956-10-19&island=shikotan&lang=ja"
    assert parse(str(written))["view"] == view
    other = {"date": "1875-05-07", "island": None, "naming": "ainu", "lang": "ru"}
    written = run_js(f"KmFragment.format({json.dumps(other)}, options.defaults)")
    assert written == "#date=1875-05-07&naming=ainu&lang=ru"
    assert parse(str(written))["view"] == other
