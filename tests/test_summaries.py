"""What the panels say, in Python (for the command line) and as the words the browser fills
in: the same sentences in English, Japanese and Russian, dated to the day."""

from __future__ import annotations

from datetime import date

import pytest

from kuril_map import history, summaries


def test_status_sentence_in_three_languages() -> None:
    st = history.load().status("shikotan", date(1956, 12, 31))
    assert summaries.status_sentence(st, "en") == "Administered by USSR. Claimed by Japan."
    assert "ソ連" in summaries.status_sentence(st, "ja")
    assert "日本" in summaries.status_sentence(st, "ja")
    assert "СССР" in summaries.status_sentence(st, "ru")


def test_undivided_and_no_administration_are_said_as_such() -> None:
    h = history.load()
    sakhalin = summaries.status_sentence(h.status("sakhalin_south", date(1860, 1, 1)), "en")
    assert sakhalin.startswith("Undivided between Japan, Russian Empire")
    ainu_land = summaries.status_sentence(h.status("etorofu", date(1700, 1, 1)), "en")
    assert ainu_land == "No state administered it."


def test_a_day_in_1945_shows_the_islands_changing_one_by_one() -> None:
    rows = {r["id"]: r for r in summaries.status_rows(date(1945, 8, 30))}
    assert rows["etorofu"]["administered_by"] == "ussr"
    assert rows["kunashiri"]["administered_by"] == "japan"
    assert [c["date"] for c in rows["etorofu"]["changes"]] == ["1945-08-28"]
    assert rows["kunashiri"]["changes"] == []  # not yet: 1 Sep
    assert rows["etorofu"]["sources"], "every status carries its sources"


def test_the_whole_region_has_every_territory() -> None:
    rows = summaries.status_rows(date(1880, 12, 31), scope="region")
    ids = {r["id"] for r in rows}
    assert {"shumshu", "sakhalin_north", "sakhalin_south", "hokkaido", "kamchatka"} <= ids
    by_id = {r["id"]: r["administered_by"] for r in rows}
    assert by_id["shumshu"] == "japan"  # the 1875 exchange
    assert by_id["sakhalin_south"] == "russian_empire"


def test_differences_between_two_days() -> None:
    assert summaries.differences(date(1876, 1, 1), date(1880, 1, 1)) == []
    changes = summaries.differences(date(1875, 12, 31), date(1956, 12, 31))
    assert len(changes) == 4
    assert "Administered by Japan." in changes[0] and "Administered by USSR." in changes[0]


def test_lines_in_force_by_day() -> None:
    before = " ".join(summaries.lines_in_force(date(1855, 2, 6)))
    after = " ".join(summaries.lines_in_force(date(1855, 2, 7)))
    assert "Shimoda" not in before and "Shimoda" in after


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_interface_text_is_translated(lang: str) -> None:
    english = summaries.interface_text("en")
    other = summaries.interface_text(lang)
    assert other.keys() == english.keys()
    same = [
        k
        for k, v in other.items()
        if isinstance(v, str) and v == english[k] and any(c.isalpha() for c in v)
    ]
    assert same == [], f"left in English on a {lang} screen: {same}"


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize("precision", ["day", "month", "year"])
def test_date_patterns_write_what_display_date_writes(lang: str, precision: str) -> None:
    """The browser fills these patterns (map/js/time.js); Python writes display_date."""
    day = date(1945, 8, 28)
    f = summaries.date_formats(lang)
    filled = (
        f[precision]
        .replace("{year}", str(day.year))
        .replace("{day}", str(day.day))
        .replace("{month}", str(day.month))
        .replace("{mon}", f["months"][day.month - 1])
        .replace("{monthGen}", f.get("monthsGenitive", f["months"])[day.month - 1])
    )
    assert filled == history.display_date(day, precision, lang)
