"""Ranking that answers "this island, this date", and the span of years shown for a day.

The first part states the first passage for island × day cases against the real seeds/ (the
table in docs/DOCUMENTS.md); the rest checks each rule on small documents written here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kuril_map import history, paths
from kuril_map.documents import Document, clauses_for_lines, load_documents, parse_document
from kuril_map.documents.excerpts import one_language, select_excerpts
from kuril_map.documents.passage_dates import Stretch
from kuril_map.documents.periods import (
    ERA,
    TREATY_DAYS,
    WINDOW,
    candidate_spans,
    choose_span,
    clauses_on,
    is_cited,
    nearest_day,
    passages_for,
)
from kuril_map.islands import ISLAND_IDS


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    result = load_documents(paths.DEFAULT_SEEDS_DIR)
    assert result.problems == []
    return result.documents


def doc(text: str, name: str = "d.md") -> Document:
    """A document; without front matter, one with a title and publisher (a cited source)."""
    if not text.startswith("---"):
        title, _, body = text.partition("\n\n")
        text = f"---\ntitle: {title}\npublisher: Room 12\n---\n{body}"
    return parse_document(text, Path(name))


def primary(clause: str, day: str, lang: str, text: str) -> Document:
    front = (
        f"---\ntitle: {clause}\ndate: {day}\nlanguage: {lang}\nkind: primary source\n"
        f"clause_id: {clause}\n---\n"
    )
    return doc(front + text, f"{clause}.md")


# ---------------------------------------------------------------- the seeds: first passage

# (island, day, first document, its relevance, why): the table in docs/DOCUMENTS.md.
FIRST_PASSAGES = [
    ("etorofu", "1855-02-07", "shimoda_art2_en", "names", "the treaty's Art. 2, in English"),
    ("shikotan", "1956-10-19", "jd1956_art9_en_unts", "names", "the Declaration's Art. 9"),
    ("shikotan", "1956-12-31", "jd1956_art9_en_unts", "names", "the whole year 1956 too"),
    ("habomai", "1956-10-19", "jd1956_art9_en_unts", "names", "the Declaration's Art. 9"),
    ("habomai", "1945-09-05", "scapin677_para3_en", "names", "SCAPIN-677, not a 2025 editorial"),
    ("kunashiri", "1875-08-22", "hoppou_kids_treaty2_1875_ja", "names", "names Kunashiri"),
    ("shikotan", "1993-10-13", "tokyo1993_art2_ja", "names", "Tokyo Declaration, Art. 2"),
    ("etorofu", "1993-10-13", "tokyo1993_art2_ja", "names", "Tokyo Declaration, Art. 2"),
    ("etorofu", "1700-12-31", "jc1992_kozyrevsky_1713_en", "names", "nearest primary text"),
    ("shikotan", "1739-07-06", "drevlit_1739_petrov_shikotan_ru", "names", "Spanberg's voyage"),
    ("habomai", "1811-07-11", "golovnin_zapiski_1811_ru", "group", "only group passages"),
    ("shikotan", "1884-12-31", "torii_chishima_ainu_shikotan_ja", "names", "the Kuril Ainu moved"),
]


@pytest.mark.parametrize(("island", "day", "first", "relevance", "why"), FIRST_PASSAGES)
def test_first_passage_for_island_and_day(
    seeds: list[Document], island: str, day: str, first: str, relevance: str, why: str
) -> None:
    shown = passages_for(seeds, island, date.fromisoformat(day)).excerpts
    assert shown[0].document.id == first, why
    assert shown[0].group == (relevance == "group")


def test_the_clause_comes_in_the_readers_language_with_the_others_folded(
    seeds: list[Document],
) -> None:
    for lang, first, others in [
        ("en", "shimoda_art2_en", {"shimoda_art2_ja", "shimoda_art2_ru"}),
        ("ja", "shimoda_art2_ja", {"shimoda_art2_en", "shimoda_art2_ru"}),
        ("ru", "shimoda_art2_ru", {"shimoda_art2_en", "shimoda_art2_ja"}),
    ]:
        shown = passages_for(seeds, "etorofu", date(1855, 2, 7), lang).excerpts
        assert shown[0].document.id == first
        assert {t.document.id for t in shown[0].translations} == others
        ids = [e.document.id for e in shown]
        assert not others & set(ids), "the other languages do not crowd the list"


@pytest.mark.parametrize("day", TREATY_DAYS, ids=str)
@pytest.mark.parametrize("island", ISLAND_IDS)
def test_in_treaty_years_the_treatys_own_text_comes_first_where_it_names_the_island(
    seeds: list[Document], island: str, day: date
) -> None:
    """Wherever the text signed that day names the island, it comes first (on the day and at
    the year's end). The 1875, 1905, 1945 and 1951 texts name none of the four islands (the
    San Francisco treaty renounces "the Kurile Islands"), so there the rule does not arise."""
    own = {
        d.id
        for d in seeds
        if d.kind == "primary source"
        and d.date == day.isoformat()
        and any(m.value == island for p in d.passages for m in p.matches)
    }
    for when in (day, date(day.year, 12, 31)):
        first = passages_for(seeds, island, when).excerpts[0]
        if own:
            assert first.document.id in own | {t.document.id for t in first.translations}


def test_every_island_and_every_year_shows_two_cited_passages(seeds: list[Document]) -> None:
    """From 1644 to today, on the last day of every year, on the first day of every era and the
    day before it, and on the treaty days: at least two cited passages (blocks as the panel
    shows them)."""
    h = history.load()
    days = [min(date(y, 12, 31), h.end) for y in range(h.start.year, h.end.year + 1)]
    days += [e.start for e in h.eras] + [e.start - timedelta(days=1) for e in h.eras[1:]]
    for island in [*ISLAND_IDS, None]:
        for day in [*days, *TREATY_DAYS]:
            shown = passages_for(seeds, island, day).excerpts
            assert len(shown) >= 2, (island, day)
            assert sum(map(is_cited, shown)) >= 2, (island, day)


# ---------------------------------------------------------------- class, then closeness


def test_closeness_to_the_day_beats_a_year_of_the_span() -> None:
    d = doc(
        "Talks\n\nIn 1956 Shikotan was discussed at length.\n\n"
        "On 19 October 1956 the Shikotan question was settled in Moscow."
    )
    found = select_excerpts([d], "shikotan", 1955, 1957, day=date(1956, 10, 19))
    assert [e.passage.index for e in found] == [1, 0]
    # Early in January the year 1956 as a whole is nearer than October.
    found = select_excerpts([d], "shikotan", 1955, 1957, day=date(1956, 1, 2))
    assert [e.passage.index for e in found] == [0, 1]


def test_a_named_event_dates_the_passage_to_its_day() -> None:
    d = doc(
        "Talks\n\nIn 1956 Shikotan was discussed at length.\n\n"
        "The Joint Declaration promised Shikotan to Japan."
    )
    found = select_excerpts([d], "shikotan", 1955, 1957, day=date(1956, 10, 19))
    assert found[0].passage.index == 1


def test_the_spans_primary_text_comes_first_and_another_spans_ranks_as_any_passage() -> None:
    article = doc(
        "---\ntitle: Report\ndate: 2010\nkind: article\n---\n"
        "On 19 October 1956 Shikotan was promised to Japan.",
        "article.md",
    )
    treaty = primary("jd1956_art9_en", "1956-10-19", "en", "The USSR agrees to transfer Shikotan.")
    later = primary("memo1960_en", "1960-02-06", "en", "Under the 1956 declaration Shikotan…")
    found = select_excerpts([article, later, treaty], "shikotan", 1955, 1957, day=date(1956, 11, 1))
    assert [e.document.id for e in found] == ["jd1956_art9_en", "article", "memo1960_en"]


def test_a_primary_text_that_does_not_name_the_island_is_not_first() -> None:
    treaty = primary("treaty_en", "1875-05-07", "en", "In 1875 the Kurile Islands were ceded.")
    notes = doc("Notes\n\nIn 1875 Kunashiri was not among the islands ceded.", "notes.md")
    found = select_excerpts([treaty, notes], "kunashiri", 1874, 1876, day=date(1875, 5, 7))
    assert [e.document.id for e in found] == ["notes"]


def test_group_passages_come_after_and_are_labelled() -> None:
    d = doc(
        "Notes\n\nOn 7 February 1855 the Northern Territories were discussed.\n\n"
        "In 1850 Shikotan was visited."
    )
    found = select_excerpts([d], "shikotan", 1845, 1860, day=date(1855, 2, 7))
    assert [(e.passage.index, e.group) for e in found] == [(1, False), (0, True)]
    assert not any(e.group for e in select_excerpts([d], None, 1845, 1860))


def test_a_background_event_does_not_pull_a_passage_back() -> None:
    d = doc("Notes\n\nOn 9 August 1945 the USSR broke the Neutrality Pact and took Shikotan.")
    assert select_excerpts([d], "shikotan", 1940, 1942) == []
    assert select_excerpts([d], "shikotan", 1945, 1945)


def test_stretch_distance_is_the_average_days_to_it() -> None:
    day = date(1956, 10, 19)
    assert Stretch(day, day).distance(day) == 0
    year = Stretch(date(1956, 1, 1), date(1956, 12, 31))
    assert 100 < year.distance(day) < 140
    before = Stretch(date(1955, 1, 1), date(1955, 12, 31))
    assert before.distance(day) == pytest.approx(292 + 182, abs=1)


# ---------------------------------------------------------------- one clause, several languages


def test_versions_of_a_clause_fold_into_one_in_the_readers_language() -> None:
    versions = [
        primary("shimoda_art2_ja", "1855-02-07", "ja", "択捉島とウルップ島の間を境とする。"),
        primary("shimoda_art2_en", "1855-02-07", "en", "The boundary runs south of Urup: Etorofu."),
        primary("shimoda_art2_ru", "1855-02-07", "ru", "Граница между Итурупом и Урупом."),
    ]
    ranked = select_excerpts(versions, "etorofu", 1855, 1855)
    for lang, first in [("ru", "shimoda_art2_ru"), ("en", "shimoda_art2_en")]:
        (shown,) = one_language(ranked, lang)
        assert shown.document.id == first
        assert len(shown.translations) == 2
        assert shown.score == ranked[0].score  # at the rank of the best version
    (shown,) = one_language(ranked[:2], "ru")  # no Russian: English
    assert shown.document.language == "en"


# ---------------------------------------------------------------- the span around the day


def test_spans_are_tried_narrowest_first_with_the_era_among_them() -> None:
    spans = candidate_spans(date(1953, 6, 1))  # era 1951-09-08 to 1956-10-18
    assert [(s.start, s.end, s.kind) for s in spans] == [
        (1952, 1954, WINDOW),
        (1951, 1955, WINDOW),
        (1951, 1956, ERA),
        (1948, 1958, WINDOW),
        (1943, 1963, WINDOW),
        (1928, 1978, WINDOW),
    ]
    assert candidate_spans(date(1644, 3, 1))[0].years == (1644, 1645)  # the history starts


def test_the_window_widens_until_two_passages_name_the_island() -> None:
    d = doc("Notes\n\nIn 1956 Shikotan was promised.\n\nIn 1960 Shikotan was discussed again.")
    span, found = choose_span([d], "shikotan", date(1956, 6, 1))
    assert (span.start, span.end, span.kind, span.reach) == (1951, 1961, WINDOW, 5)
    assert [e.passage.index for e in found] == [0, 1]


def test_the_era_when_no_window_is_enough() -> None:
    d = doc("Notes\n\nIn 1650 Etorofu was drawn on a map.\n\nIn 1750 Etorofu was visited.")
    span, found = choose_span([d], "etorofu", date(1700, 12, 31))
    assert (span.start, span.end, span.kind) == (1644, 1798, ERA)
    assert len(found) == 2


def test_group_passages_count_where_nothing_near_names_the_island() -> None:
    d = doc(
        "Notes\n\nIn 1739 Shikotan was charted.\n\nIn 1811 the southern Kuril Islands were "
        "surveyed.\n\nIn 1812 the southern Kurils were visited again."
    )
    span, found = choose_span([d], "shikotan", date(1810, 6, 1))
    assert span.years == (1808, 1812)
    assert [e.group for e in found] == [True, True]


def test_an_empty_selection_says_where_the_nearest_passages_are() -> None:
    later = doc("Notes\n\nIn 1956 Shikotan was promised.", "later.md")
    selection = passages_for([later], "shikotan", date(1740, 7, 1))
    assert selection.excerpts == []
    assert selection.tried == (1644, 1798)
    assert selection.nearest == date(1956, 1, 1)
    assert passages_for([later], "shikotan", selection.nearest).excerpts
    # A dated text's own day is preferred to the edge of its year.
    treaty = primary("jd1956_art9_en", "1956-10-19", "en", "The USSR agrees to transfer Shikotan.")
    assert nearest_day([treaty], "shikotan", date(1740, 7, 1)) == date(1956, 10, 19)
    assert nearest_day([later], "habomai", date(1740, 7, 1)) is None


# --------------------------------------------------------------------------- the lines' clauses

CLAUSES_ON_DAY = [
    # day, the lines of its events, the first clause shown, clauses not yet signed that day
    (
        date(1956, 10, 19),
        ["japan_claim_line", "jd1956_two_island_line"],
        "jd1956_art9",
        {"communique1991_en", "tokyo1993_art2_ja", "statement2000_en", "memo1960_japan_reply_ja"},
    ),
    (
        date(1945, 9, 1),
        ["portsmouth_1905", "line_of_control_1945"],
        "potsdam1945_art8",
        {"scapin677_para3_en", "scapin677_para6_en", "sovdecree1946_ja"},
    ),
    (date(1993, 10, 13), ["japan_claim_line"], "tokyo1993_art2", {"statement2000_en"}),
    (
        date(1875, 5, 7),
        ["st_petersburg_1875"],
        "st_petersburg_1875_art2",
        {"st_petersburg_1875_suppl_ja"},
    ),
]


@pytest.mark.parametrize(("day", "lines", "first", "later"), CLAUSES_ON_DAY, ids=str)
def test_the_clauses_behind_a_line_are_those_signed_by_the_day_newest_first(
    seeds: list[Document], day: date, lines: list[str], first: str, later: set[str]
) -> None:
    every = clauses_for_lines(seeds, lines)
    assert later <= {d.id for d in every}, "the line has them, later"
    shown = clauses_on(every, day)
    assert shown[0].id.startswith(first), [d.id for d in shown]
    assert not later & {d.id for d in shown}
    signed = [d.date for d in shown]
    assert signed == sorted(signed, reverse=True)


def test_an_undated_clause_is_kept_last() -> None:
    dated = doc("---\ntitle: A\npublisher: P\ndate: 1855-02-07\n---\nShimoda.", "a.md")
    undated = doc("---\ntitle: B\npublisher: P\n---\nSomething.", "b.md")
    by_year = doc("---\ntitle: C\npublisher: P\ndate: 1956\n---\nDeclaration.", "c.md")
    assert clauses_on([undated, dated, by_year], date(1956, 1, 1)) == [by_year, dated, undated]
    assert clauses_on([undated, dated, by_year], date(1855, 2, 6)) == [undated]
