"""The tagger finds islands, years and events in English, Japanese and Russian alike."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kuril_map.documents import load_document
from kuril_map.documents.tagging import (
    ALL_FOUR,
    SOURCE_CONTEXT,
    SOURCE_DOCUMENT,
    SOURCE_NONE,
    SOURCE_TEXT,
    find_matches,
    japanese_era_year,
    kanji_number,
    tag_text,
)
from kuril_map.islands import ISLAND_IDS

ALL = frozenset(ISLAND_IDS)


def islands(text: str) -> frozenset[str]:
    return tag_text(text).islands


def years(text: str, document_year: int | None = None) -> frozenset[int]:
    return tag_text(text, document_year).years


@pytest.mark.parametrize(
    ("text", "island"),
    [
        ("Ships anchored off Etorofu.", "etorofu"),
        ("Ships anchored off Iturup.", "etorofu"),
        ("the old spelling Yetorofu", "etorofu"),
        ("Etorofu-tō in winter", "etorofu"),
        ("択捉島の漁港", "etorofu"),
        ("エトロフの海", "etorofu"),
        ("на Итурупе построили аэропорт", "etorofu"),
        ("с Итурупа и Итурупом", "etorofu"),
        ("Kunashir's coast", "kunashiri"),
        ("国後島", "kunashiri"),
        ("жители Кунашира", "kunashiri"),
        ("на Кунашире", "kunashiri"),
        ("the Shikotanese fishermen", "shikotan"),
        ("色丹島", "shikotan"),
        ("школа на Шикотане", "shikotan"),
        ("у Шикотана", "shikotan"),
        ("остров Шпанберга", "shikotan"),
        ("у Плоских островов", "habomai"),
        ("the Habomai group", "habomai"),
        ("歯舞群島", "habomai"),
        ("ハボマイ", "habomai"),
        ("острова Хабомаи", "habomai"),
    ],
)
def test_island_names_in_every_script_and_case(text: str, island: str) -> None:
    assert islands(text) == {island}


@pytest.mark.parametrize(
    "text",
    [
        "the four islands",
        "Japan's four northern islands",
        "the Northern Territories",
        "the Southern Kurils",
        "the southern Kuril Islands",
        "the Southern Kuril Islands",
        "the South Kuriles",
        "the southern part of the Kuril Islands",
        "the disputed Kuril Islands",
        "the contested Kurils",
        "北方領土の日",
        "北方四島",
        "Южные Курилы",
        "судьба южных Курильских островов",
        "спор о четырёх островах",
        "Северные территории",
    ],
)
def test_collective_terms_mean_all_four(text: str) -> None:
    assert islands(text) == ALL
    match = next(m for m in find_matches(text) if m.kind == "island")
    assert match.value == ALL_FOUR


@pytest.mark.parametrize(
    "text",
    [
        "The Kuril Islands stretch from Hokkaido to Kamchatka.",
        "The Kurils and the Kurile chain",
        "Курильские острова",
        "千島列島",
        "帰国後に記者会見した。入国後、開国後",
        "Australia's Northern Territory",
        "Japan's four main islands",
        "Мартин Шпанберг прошёл вдоль гряды",
        "низкие плоские острова",
        "Habomaiville and Preshikotan",
    ],
)
def test_no_island_for_the_whole_chain_or_lookalikes(text: str) -> None:
    assert islands(text) == frozenset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1956 the talks ended.", {1956}),
        ("1956年に", {1956}),
        ("в 1855 г. и в 1855 года", {1855}),
        ("В 1956 году", {1956}),
        ("The border of 1875.", {1875}),
        ("on 2025-02-07", {2025}),
        ("дата 07.02.2026", {2026}),
        ("Yeltsin (1991-99)", set(range(1991, 2000))),
        ("from 1945–1947", {1945, 1946, 1947}),
    ],
)
def test_explicit_years(text: str, expected: set[int]) -> None:
    assert years(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "tensions 5,000 miles to the east",
        "some 10,000 troops",
        "a flight of 2000 km",
        "order number 19561 and 11956",
        "1,956 people",
        "it cost $1950",
        "only 1500 years ago",  # before 1600: not a year of this product
        "2000人が参加",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert years(text) == frozenset()


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("in the 1950s", 1950, 1959),
        ("by the mid-1950s", 1950, 1959),
        ("1950年代に", 1950, 1959),
        ("в 1950-х годах", 1950, 1959),
        ("в 1990-е годы", 1990, 1999),
    ],
)
def test_decades(text: str, first: int, last: int) -> None:
    assert years(text) == set(range(first, last + 1))


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("昭和20年8月", 1945),
        ("昭和31年", 1956),
        ("昭和二十年", 1945),
        ("平成元年", 1989),
        ("平成5年", 1993),
        ("令和2年", 2020),
        ("明治8年", 1875),
        ("大正十四年", 1925),
        ("安政元年", 1854),
    ],
)
def test_japanese_era_years(text: str, year: int) -> None:
    assert years(text) == {year}


def test_impossible_era_year_is_ignored() -> None:
    assert years("昭和99年") == frozenset()
    assert japanese_era_year("平成", 32) is None
    assert kanji_number("三十一") == 31
    assert kanji_number("十") == 10
    assert kanji_number("元") == 1


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("the Treaty of Shimoda", 1855),
        ("Симодский трактат", 1855),
        ("the Treaty of Saint Petersburg", 1875),
        ("樺太・千島交換条約", 1875),
        ("at Portsmouth", 1905),
        ("the Japan-Soviet Neutrality Pact", 1941),
        ("пакт о нейтралитете", 1941),
        ("the Yalta Conference", 1945),
        ("на Ялтинской конференции", 1945),
        ("at the end of World War II", 1945),
        ("since the end of the war", 1945),
        ("終戦", 1945),
        ("после окончания Второй мировой войны", 1945),
        ("the San Francisco Peace Treaty", 1951),
        ("the Treaty of San Francisco", 1951),
        ("サンフランシスコ平和条約", 1951),
        ("the Soviet-Japanese Joint Declaration", 1956),
        ("日ソ共同宣言", 1956),
        ("Советско-японская декларация", 1956),
        ("the Tokyo Declaration", 1993),
        ("Putin invaded Ukraine", 2022),
        ("the invasion of Ukraine", 2022),
        ("the war in Ukraine", 2022),
        ("ウクライナ侵攻", 2022),
        ("вторжение в Украину", 2022),
        ("специальной военной операции", 2022),
        ("the G7 Hiroshima Summit", 2023),
    ],
)
def test_named_events_give_years(text: str, year: int) -> None:
    result = tag_text(text)
    assert result.years == {year}
    assert [m.kind for m in result.matches] == ["event"]


def test_end_of_the_war_in_ukraine_is_not_1945() -> None:
    assert 1945 not in years("hopes for the end of the war in Ukraine")


def test_northern_territories_day_keeps_the_document_year() -> None:
    result = tag_text("Northern Territories Day is marked every year.", 2025)
    assert result.years == {2025}
    assert result.year_source == SOURCE_DOCUMENT
    assert result.islands == ALL


def test_month_and_day_take_the_document_year() -> None:
    result = tag_text("February 7 is marked in Japan.", 2026)
    day = result.matches[0]
    assert (day.text, day.value, day.source) == ("February 7", 2026, SOURCE_DOCUMENT)
    assert result.year_source == SOURCE_DOCUMENT


def test_month_and_day_take_a_year_from_the_same_sentence() -> None:
    result = tag_text("In 2024 talks stalled, and on May 3 the envoy left.", 2026)
    assert result.years == {2024}
    assert result.year_source == SOURCE_TEXT


@pytest.mark.parametrize(
    ("text", "day"), [("2月7日は", "2月7日"), ("7 февраля отмечают", "7 февраля")]
)
def test_month_and_day_in_japanese_and_russian(text: str, day: str) -> None:
    matches = find_matches(text, 2025)
    assert [(m.text, m.value) for m in matches] == [(day, 2025)]


def test_full_date_is_one_year_not_a_day_and_a_year() -> None:
    matches = find_matches("On February 7, 2026 the day was marked.", 1990)
    assert [(m.kind, m.text, m.value) for m in matches] == [("year", "2026", 2026)]


def test_without_years_the_document_year_is_used() -> None:
    result = tag_text("The islands lie off Hokkaido.", 2025)
    assert result.years == {2025}
    assert result.year_source == SOURCE_DOCUMENT


def test_without_any_year_the_source_is_none() -> None:
    result = tag_text("The islands lie off Hokkaido.")
    assert result.years == frozenset()
    assert result.year_source == SOURCE_NONE


def test_matches_record_exact_offsets_and_never_overlap() -> None:
    text = (
        "In the 1950s the Joint Declaration (日ソ共同宣言, 昭和31年) promised Shikotan and "
        "Habomai; Итуруп и Кунашир остались спорными, as did the Southern Kurils as a whole."
    )
    matches = find_matches(text)
    assert {m.kind for m in matches} == {"island", "year", "event"}
    for m in matches:
        assert text[m.start : m.end] == m.text
    for a, b in itertools.pairwise(matches):
        assert a.end <= b.start
    assert tag_text(text).islands == ALL


def test_match_helpers() -> None:
    match = next(m for m in find_matches("the 1950s") if m.kind == "year")
    assert list(match.years) == list(range(1950, 1960))
    assert match.islands == frozenset()
    island = find_matches("Etorofu")[0]
    assert island.islands == {"etorofu"}
    assert island.years == range(0)


# ---------------------------------------------------------------- documents written for the tests

SEARCH_FIXTURES = Path(__file__).parent / "fixtures" / "search"


def _doc_matches(name: str) -> list[tuple[str, str | int]]:
    doc = load_document(SEARCH_FIXTURES / name)
    return [(m.text, m.value) for p in doc.passages for m in p.matches]


def test_english_document_old_and_variant_spellings() -> None:
    found = _doc_matches("en_notes.md")
    for pair in [("Yetorofu", "etorofu"), ("Shikoton", "shikotan"), ("Habomai islands", "habomai")]:
        assert pair in found
    assert ("Treaty of Shimoda", 1855) in found and ("1875", 1875) in found
    assert not any(text.startswith("Kurile") for text, _ in found)  # the whole chain: no island


def test_japanese_document_kanji_kana_and_era_years() -> None:
    found = _doc_matches("ja_notes.md")
    for pair in [
        ("色丹島", "shikotan"),
        ("歯舞群島", "habomai"),
        ("択捉島", "etorofu"),
        ("エトロフ", "etorofu"),
        ("国後島", "kunashiri"),
        ("北方領土", "all"),
        ("1956", 1956),
        ("安政元年", 1854),
    ]:
        assert pair in found, pair


def test_russian_document_inflections_and_dates() -> None:
    found = _doc_matches("ru_notes.md")
    for pair in [
        ("Шикотан", "shikotan"),
        ("острова Хабомаи", "habomai"),
        ("Итурупом", "etorofu"),
        ("остров Итуруп", "etorofu"),
        ("Кунашира", "kunashiri"),
        ("1956", 1956),
        ("1855", 1855),
    ]:
        assert pair in found, pair
    assert not any(text.startswith("Курильск") for text, _ in found)


@pytest.mark.parametrize(
    ("text", "island"),
    [
        ("えとろふとう", "etorofu"),
        ("くなしり", "kunashiri"),
        ("しこたん", "shikotan"),
        ("はぼまいぐんとう", "habomai"),
        ("Хабомайских островов", "habomai"),
        ("Шикотане", "shikotan"),
        ("国後", "kunashiri"),
    ],
)
def test_more_name_forms(text: str, island: str) -> None:
    (match,) = [m for m in find_matches(text) if m.kind == "island"]
    assert (match.start, match.end, match.value) == (0, len(match.text), island)
    assert text.startswith(match.text)


def test_hiragana_inside_a_longer_word_is_not_a_name() -> None:
    assert find_matches("みしこたん") == []


# ---------------------------------------------------------------- gaps found in the corpus


@pytest.mark.parametrize(
    "text",
    [
        "日露通好条約が結ばれた",
        "日魯通好条約",
        "日露和親條約第二條",
        "日本國魯西亞國通好條約",
        "下田條約",
    ],
)
def test_other_names_of_the_shimoda_treaty(text: str) -> None:
    (event,) = [m for m in find_matches(text) if m.kind == "event"]
    assert (event.label, event.value) == ("Treaty of Shimoda", 1855)


def test_old_form_of_the_1875_treaty() -> None:
    (event,) = [m for m in find_matches("千島樺太交換條約附錄") if m.kind == "event"]
    assert event.value == 1875


@pytest.mark.parametrize(
    ("text", "year"), [("一八五四年に", 1854), ("一九四五年八月", 1945), ("二〇二二年", 2022)]
)
def test_years_in_kanji_digits(text: str, year: int) -> None:
    assert years(text) == {year}


@pytest.mark.parametrize("text", ["一八五四", "十一八五四年", "三千一八五四年"])
def test_kanji_digits_without_year_or_inside_a_number_are_not_years(text: str) -> None:
    assert years(text) == set()


@pytest.mark.parametrize(
    ("text", "island"),
    [
        ("花咲郡歯舞村", "habomai"),
        ("根室国色丹郡", "shikotan"),
        ("斜古丹には千島アイヌの人々が住んでいました", "shikotan"),
        ("ездил я к Фигурному острову", "shikotan"),
        ("Фигурный остров", "shikotan"),
        ("у Фигурного острова", "shikotan"),
    ],
)
def test_village_district_and_old_names(text: str, island: str) -> None:
    assert islands(text) == {island}


def test_a_bare_name_after_a_kanji_still_needs_a_place_word() -> None:
    assert islands("帰国後は国後の話をした") == {"kunashiri"}
    assert islands("入国後に") == set()


def test_southern_kurils_in_one_word_but_not_the_town() -> None:
    assert islands("южнокурильские острова") == ALL
    assert islands("южнокурильских островов") == ALL
    assert islands("в Южно-Курильске") == set()


def test_an_event_named_as_background_to_later_years_does_not_date_the_passage() -> None:
    text = "On August 9, 1945, the USSR, in violation of the Neutrality Pact, opened the war."
    tags = tag_text(text)
    assert tags.years == {1945}
    (pact,) = [m for m in tags.matches if m.kind == "event"]
    assert pact.source == SOURCE_CONTEXT
    # Without a later year, or with the event's own year written, it still dates the passage.
    assert years("The Neutrality Pact was signed in Moscow.") == {1941}
    assert years("In 1941 the Neutrality Pact was signed; in 1945 it was broken.") == {1941, 1945}


def test_the_end_of_the_war_dates_what_the_sentence_tells() -> None:
    assert years("終戦時は12歳でした。昭和23年9月まで島で暮らしました。") == {1945, 1948}
