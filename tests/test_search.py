"""Full-text search in three languages, with filters, ranking and highlighted query words."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuril_map.documents import Document, load_documents, parse_document
from kuril_map.documents.search import fold, query_words, search, stem, terms

FIXTURES = Path(__file__).parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    result = load_documents(FIXTURES)
    assert result.problems == []
    return result.documents


def highlighted(excerpt) -> list[str]:
    return [text for text, hit in excerpt.segments if hit]


def test_terms_keep_offsets_into_the_original_text() -> None:
    text = "Итурупом and 択捉島, Etorofu-tō!"
    for term in terms(text):
        assert text[term.start : term.end]
    assert [t.term for t in terms("択捉島")] == ["択捉", "捉島"]
    assert [t.term for t in terms("Etorofu-tō")] == ["etorofu", "to"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("итурупом", "итуруп"),
        ("итурупа", "итуруп"),
        ("японией", "япон"),
        ("японии", "япон"),
        ("курильские", "курильск"),
        ("islands", "island"),
        ("treaties", "treati"),
        ("treaty", "treati"),
        ("japan's", "japan"),
        ("across", "across"),
    ],
)
def test_snowball_stems(word: str, expected: str) -> None:
    assert stem(fold(word)) == expected


def test_case_and_accents_fold() -> None:
    assert fold("HOPPŌ Ryōdo") == "hoppo ryodo"
    assert fold("Ёлка") == "елка"


def test_fold_keeps_short_i() -> None:
    """й is a letter, not и with a mark: folding it away broke every й ending."""
    assert fold("Японией") == "японией"
    assert fold("КРАЙ Йошкар") == "край йошкар"


@pytest.mark.parametrize(
    ("query", "text", "shown"),
    [
        ("Японией", "В 1855 году Итуруп отошёл Японии.", "Японии"),
        ("мирный договор", "После заключения Мирного Договора СССР передаст Шикотан.", "Мирного"),
        ("мирный договор", "После заключения Мирного Договора СССР передаст Шикотан.", "Договора"),
        ("Курильскими островами", "Курильские острова протянулись до Камчатки.", "острова"),
        ("treaties", "The treaty of 1855 drew the border at Urup.", "treaty"),
        ("declared", "The 1956 Joint Declaration ended the state of war.", "Declaration"),
        ("Kuriles", "The Kurile Islands were ceded to Japan in 1875.", "Kurile"),
        ("引き渡す", "ソ連は色丹島と歯舞群島の引き渡しに同意した。", "引き渡"),
        ("同意した", "ソ連は二島の引き渡しに同意する用意があった。", "同意"),
        ("択捉", "択捉島とウルップ島の間に国境を定めた。", "択捉"),
        ("共同宣言", "1956年の日ソ共同宣言で戦争状態が終わった。", "共同宣言"),
    ],
)
def test_inflected_query_finds_other_forms(query: str, text: str, shown: str) -> None:
    doc = parse_document(text, Path("t.txt"), "t")
    other = parse_document("Nothing about the islands here at all.", Path("o.txt"), "o")
    found = search([other, doc], query)
    assert [e.document.id for e in found] == ["t"], query
    assert shown in "".join(highlighted(found[0]))


@pytest.mark.parametrize(
    ("query", "doc_id", "shown"),
    [
        ("Итуруп", "ru_notes", "Итурупом"),  # the query's form finds an inflected form
        ("итурупа", "ru_notes", "Итуруп"),
        ("Шикотана", "ru_notes", "Шикотан"),
        ("択捉島", "ja_notes", "択捉島"),
        ("色丹", "ja_notes", "色丹"),
        ("エトロフ", "ja_notes", "エトロフ"),
        ("yetorofu", "en_notes", "Yetorofu"),
        ("Shikoton", "en_notes", "Shikoton"),
        ("Kurile", "en_notes", "Kurile"),
        ("Курильских", "ru_notes", "Курильские"),
        ("領", "ja_notes", "領"),  # one kanji: found inside the pairs that hold it
    ],
)
def test_any_language_any_form(docs: list[Document], query: str, doc_id: str, shown: str) -> None:
    found = search(docs, query)
    assert found, query
    assert found[0].document.id == doc_id
    assert shown in "".join(highlighted(found[0]))


def test_every_query_word_must_occur(docs: list[Document]) -> None:
    both = search(docs, "Shikotan Habomai")
    assert both and all(
        "shikotan" in e.passage.text.lower() and "habomai" in e.passage.text.lower() for e in both
    )
    assert search(docs, "Shikotan zebra") == []
    assert search(docs, "   ") == [] and search(docs, "!!") == []


def test_query_words_highlighted_in_the_original_script(docs: list[Document]) -> None:
    (hit,) = search(docs, "日ソ共同宣言")
    assert "".join(t for t, _ in hit.segments) == hit.passage.text
    assert highlighted(hit) == ["日ソ共同宣言"]  # bigrams merge into one highlight


def test_rarer_and_denser_words_rank_higher() -> None:
    many = parse_document(
        "Shikotan, Shikotan and Shikotan again: Shikotan.", Path("many.txt"), "many"
    )
    once = parse_document(
        "Shikotan is named once in this much longer passage about many other things entirely.",
        Path("once.txt"),
        "once",
    )
    found = search([once, many], "Shikotan")
    assert [e.document.id for e in found] == ["many", "once"]
    assert found[0].score > found[1].score


def test_island_and_era_filters_combine_with_the_query(docs: list[Document]) -> None:
    everywhere = search(docs, "1956")
    habomai_1950s = search(docs, "1956", island_id="habomai", years=(1950, 1959))
    assert habomai_1950s and len(habomai_1950s) < len(everywhere) + 1
    assert all("habomai" in e.passage.islands for e in habomai_1950s)
    assert search(docs, "1956", island_id="Кунашир", years=(1950, 1959)) == []
    # With a filter the island's names are highlighted too, as in the panel.
    assert any("острова Хабомаи" in highlighted(e) for e in habomai_1950s)
    assert any("歯舞群島" in highlighted(e) for e in habomai_1950s)


def test_limit_and_deterministic_order(docs: list[Document]) -> None:
    first = search(docs, "1956")
    assert [e.passage.text for e in first] == [e.passage.text for e in search(docs, "1956")]
    assert len(search(docs, "1956", limit=1)) == 1


def test_search_never_adds_markup() -> None:
    doc = parse_document("<b>Shikotan</b> [x](javascript:alert(1)) in 1956.", Path("h.txt"), "h")
    (hit,) = search([doc], "shikotan")
    assert "".join(t for t, _ in hit.segments) == doc.passages[0].text


def test_query_words_group_cjk_bigrams() -> None:
    words = query_words("北方領土 Итуруп")
    assert [[t.term for t in w] for w in words] == [["北方", "方領", "領土"], ["итуруп"]]


def test_one_kanji_highlights_only_itself(docs: list[Document]) -> None:
    found = search(docs, "島")
    assert found and all("島" in e.passage.text for e in found)
    assert all(set(highlighted(e)) == {"島"} for e in found)
