"""Excerpts: passages on an island in a span of years, ranked, with plain highlight segments."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kuril_map.documents import Document, load_documents, parse_document, periods
from kuril_map.documents.excerpts import (
    UNSTATED,
    BlockWords,
    box_html,
    boxes_html,
    citation,
    clause_block,
    dedupe,
    excerpt_block,
    excerpts_markdown,
    normalised_text,
    perspectives,
    score_passage,
    segments,
    select_excerpts,
    with_perspectives,
)
from kuril_map.documents.tagging import find_matches
from kuril_map.islands import UnknownIslandError

FIXTURES = Path(__file__).parent / "fixtures" / "docs"


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return load_documents(FIXTURES).documents


def doc(text: str, name: str = "d.txt") -> Document:
    return parse_document(text, Path(name))


def highlighted(excerpt_segments: list[tuple[str, bool]]) -> list[str]:
    return [text for text, hit in excerpt_segments if hit]


def test_shikotan_in_1956_comes_from_all_three_languages(docs: list[Document]) -> None:
    found = select_excerpts(docs, "shikotan", 1956, 1956)
    ids = {e.document.id for e in found}
    assert ids == {"en_handout", "ja_article", "ru_article"}
    for e in found:
        assert "shikotan" in e.passage.islands
        assert 1956 in e.passage.years


def test_segments_join_back_into_the_passage_and_mark_names_and_years(
    docs: list[Document],
) -> None:
    for e in select_excerpts(docs, None, 1600, 2099):
        assert "".join(text for text, _ in e.segments) == e.passage.text
        assert all(isinstance(hit, bool) for _, hit in e.segments)
    ru = next(
        e for e in select_excerpts(docs, "shikotan", 1956, 1956) if e.document.id == "ru_article"
    )
    assert highlighted(ru.segments) == ["1956", "Шикотан"]


def test_highlights_follow_the_selection(docs: list[Document]) -> None:
    ja = [e for e in select_excerpts(docs, "etorofu", 1993, 1993) if e.document.id == "ja_article"]
    assert [highlighted(e.segments) for e in ja] == [["平成5年", "東京宣言", "択捉"]]


def test_year_filter_excludes_other_spans(docs: list[Document]) -> None:
    assert select_excerpts(docs, "shikotan", 1700, 1800) == []
    assert all(
        any(1850 <= y <= 1880 for y in e.passage.years)
        for e in select_excerpts(docs, None, 1850, 1880)
    )


def test_none_and_all_mean_any_of_the_four(docs: list[Document]) -> None:
    any_island = select_excerpts(docs, None, 1945, 1960)
    assert any_island == select_excerpts(docs, "all", 1945, 1960)
    assert {i for e in any_island for i in e.passage.islands} == {
        "etorofu",
        "kunashiri",
        "shikotan",
        "habomai",
    }


@pytest.mark.parametrize("name", ["Шикотан", "色丹島", "SHIKOTAN", "Shikotan Island"])
def test_any_name_form_selects_the_island(docs: list[Document], name: str) -> None:
    assert select_excerpts(docs, name, 1956, 1956) == select_excerpts(docs, "shikotan", 1956, 1956)


def test_unknown_island_and_reversed_years_are_refused(docs: list[Document]) -> None:
    with pytest.raises(UnknownIslandError):
        select_excerpts(docs, "Atlantis", 1956, 1956)
    with pytest.raises(ValueError, match="after"):
        select_excerpts(docs, None, 1960, 1950)


def test_specific_names_outrank_collective_terms() -> None:
    d = doc(
        "Talks\n\nIn 1956 the Northern Territories were discussed.\n\n"
        "In 1956 Shikotan was discussed."
    )
    found = select_excerpts([d], "shikotan", 1956, 1956)
    assert [e.passage.index for e in found] == [1, 0]
    assert found[0].score > found[1].score


def test_passages_about_the_span_outrank_passages_that_also_reach_far_away() -> None:
    d = doc(
        "Talks\n\nIn 1956 and in 2022 Shikotan was discussed.\n\nIn 1956 Shikotan was discussed."
    )
    found = select_excerpts([d], "shikotan", 1956, 1956)
    assert [e.passage.index for e in found] == [1, 0]


def test_text_years_outrank_the_document_date() -> None:
    d = doc(
        "---\ndate: 2024-05-01\n---\nTalks\n\nShikotan was discussed again.\n\n"
        "In 2024 Shikotan was discussed again."
    )
    found = select_excerpts([d], "shikotan", 2024, 2024)
    assert [e.passage.year_source for e in found] == ["text", "document date"]


def test_island_strength_is_capped() -> None:
    text = "In 1956 " + ", ".join(["Shikotan"] * 10) + "."
    many = doc(text).passages[0]
    few = doc("In 1956 Shikotan, Shikotan and Shikotan.").passages[0]
    assert score_passage(many, "shikotan", 1956, 1956) == score_passage(few, "shikotan", 1956, 1956)


def test_ranking_is_deterministic_and_limited(docs: list[Document]) -> None:
    first = select_excerpts(docs, None, 1600, 2099)
    assert first == select_excerpts(list(docs), None, 1600, 2099)
    assert select_excerpts(docs, None, 1600, 2099, limit=2) == first[:2]
    assert select_excerpts(docs, None, 1600, 2099, limit=0) == []
    scores = [e.score for e in first]
    assert scores == sorted(scores, reverse=True)


def test_segments_never_add_markup() -> None:
    text = "<b>Etorofu</b> in 1855 & <script>"
    pieces = segments(text, find_matches(text))
    assert pieces == [
        ("<b>", False),
        ("Etorofu", True),
        ("</b> in ", False),
        ("1855", True),
        (" & <script>", False),
    ]


def test_citation_formats() -> None:
    full = doc(
        "---\ntitle: Handout\npublisher: Room 12\ndate: 2025-02-07\n"
        "url: https://example.org/h\n---\nIn 1956 Shikotan."
    )
    assert citation(full) == "Handout — Room 12, 2025-02-07, https://example.org/h"
    partial = doc("---\ntitle: Handout\ndate: 2025\n---\nIn 1956 Shikotan.")
    assert citation(partial) == "Handout — 2025"
    bare = doc("---\ntitle: Handout\n---\nIn 1956 Shikotan.")
    assert citation(bare) == "Handout"
    found = select_excerpts([full], "shikotan", 1956, 1956)
    assert found[0].citation == citation(full)


def test_seeds_give_etorofu_excerpts_for_the_present() -> None:
    seeds = load_documents(Path(__file__).parents[1] / "seeds").documents
    found = select_excerpts(seeds, "etorofu", 1991, 2026)
    assert found
    assert all("etorofu" in e.passage.islands for e in found)
    assert all(any(1991 <= y <= 2026 for y in e.passage.years) for e in found)


# ---------------------------------------------------------------- dedupe, perspectives, export

SEARCH_FIXTURES = Path(__file__).parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def notes() -> list[Document]:
    return load_documents(SEARCH_FIXTURES).documents


def test_same_sentence_in_two_documents_is_shown_once_with_both_sources(
    notes: list[Document],
) -> None:
    found = select_excerpts(notes, "shikotan", 1956, 1956)
    merged = dedupe(found)
    assert len(merged) == len(found) - 1
    twice = next(e for e in merged if len(e.all_sources) == 2)
    assert [d.id for d in twice.all_sources] == [twice.document.id, "quoted_twice"]
    assert twice.document.id == "en_notes"  # the better-ranked copy stays (first in order)
    assert normalised_text("“Shikotan”,  and") == normalised_text("shikotan and")


def test_dedupe_keeps_rank_order_and_never_mutates_the_input(notes: list[Document]) -> None:
    found = select_excerpts(notes, None, 1950, 1960)
    before = [list(e.sources) for e in found]
    merged = dedupe(found)
    assert [list(e.sources) for e in found] == before
    scores = [e.score for e in merged]
    assert scores == sorted(scores, reverse=True)


def test_perspectives_come_from_front_matter(notes: list[Document], docs: list[Document]) -> None:
    assert perspectives(notes) == ["news", "teacher notes", "Правительство России", "日本政府"]
    unstated = [*notes, doc("Etorofu in 1956.")]
    assert perspectives(unstated)[-1] == UNSTATED
    chosen = with_perspectives(notes, ["News", "日本政府"])
    assert sorted(d.id for d in chosen) == ["ja_notes", "quoted_twice"]
    assert with_perspectives(notes, []) == notes and with_perspectives(notes, None) == notes


def test_markdown_export_quotes_cites_and_escapes(notes: list[Document]) -> None:
    hostile = parse_document(
        "---\ntitle: <script>alert(1)</script> [x](javascript:alert(2))\nperspective: news\n"
        "url: https://example.org/a\n---\n"
        "In 1956 <img src=x onerror=alert(3)> Shikotan [click](javascript:alert(4)) **bold**.",
        Path("h.md"),
    )
    merged = dedupe(select_excerpts([*notes, hostile], "shikotan", 1956, 1956))
    text = excerpts_markdown(merged, "Sources: Shikotan, 1956–1990")
    assert text.startswith("# Sources\\: Shikotan\\, 1956–1990\n")
    # Every < and every link bracket is backslash-escaped: nothing renders as HTML or a link.
    assert not re.search(r"(?<!\\)<(?:script|img)|(?<!\\)\]\(javascript", text)
    assert "\\<img src\\=x onerror\\=alert\\(3\\)\\>" in text
    assert "**Shikotan**" in text  # matches in bold
    assert "<https://example.org/a>" in text
    assert text.count("\n- *") == sum(len(e.all_sources) for e in merged)
    assert "(teacher notes)" in text and "(news)" in text
    assert excerpts_markdown([], "Nothing").endswith("No passage found.\n")
    assert excerpts_markdown([], "Rien", nothing="Aucun passage.").endswith("Aucun passage.\n")


# ---------------------------------------------------------------- the command line


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    from kuril_map.cli import main

    assert main(["excerpts", "--seeds", str(SEARCH_FIXTURES), *args]) == 0
    return capsys.readouterr().out


def test_cli_query_and_perspective(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(capsys, "--island", "all", "--year", "1855", "--query", "Итуруп")
    assert out.startswith("1 excerpts on all four islands") and "[Итурупом]" in out
    out = run_cli(capsys, "--island", "shikotan", "--year", "1956", "--perspective", "日本政府")
    assert "授業メモ" in out and "Class notes" not in out
    out = run_cli(capsys, "--island", "shikotan", "--year", "1956", "--perspective", "nobody")
    assert out.startswith("0 excerpts")


def test_cli_markdown_is_the_panels_download(
    capsys: pytest.CaptureFixture[str], notes: list[Document]
) -> None:
    out = run_cli(capsys, "--island", "shikotan", "--year", "1956", "--format", "markdown")

    selection = periods.passages_for(notes, "shikotan", date(1956, 12, 31))
    expected = excerpts_markdown(selection.excerpts, f"Sources: Shikotan, {selection.span.label}")
    assert out == expected
    assert "- *A second outlet* — Other Paper, 2024\\-06\\-01. (news)" in out


def test_cli_json_lists_every_source(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    out = run_cli(capsys, "--island", "shikotan", "--year", "1956", "--format", "json")
    records = json.loads(out)["excerpts"]
    assert max(len(r["sources"]) for r in records) == 2


HOSTILE = """---
title: <script>alert('title')</script>
publisher: <b onmouseover=alert(1)>Evil Press</b>
perspective: x"><img src=x onerror=alert(2)>
---
In 1855 Etorofu was named <script>alert(5)</script> & [link](javascript:alert(6)) in the treaty.
"""

WORDS = BlockWords(
    clause_heading="Primary source",
    group="As a group",
    perspective="Perspective: {name}",
    same_text_in="Also in: {languages}",
    languages=lambda docs: ", ".join(d.language or "?" for d in docs),
)


def test_the_boxes_show_document_text_as_text_never_markup() -> None:
    # What the loader would refuse (a javascript: address, an odd language), set afterwards:
    # the boxes must not rely on the loader.
    hostile = replace(doc(HOSTILE), url="javascript:alert(3)", language='en" onmouseover="x')
    (found,) = select_excerpts([hostile], "etorofu", 1850, 1860)
    html = boxes_html([excerpt_block(found, WORDS), clause_block(hostile, [], WORDS)])
    # Only the boxes' own tags; everything from the document is escaped text.
    tags = set(re.findall(r"<(/?[a-z]+)", html))
    assert tags <= {"div", "/div", "article", "/article", "p", "/p", "mark", "/mark"} | {
        "cite",
        "/cite",
    }, tags
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert "&lt;script&gt;alert(5)&lt;/script&gt; &amp; [link](javascript:alert(6))" in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html
    assert 'lang="en&quot; onmouseover=&quot;x"' in html  # a quoted value, not a handler
    assert "href" not in html, "no link to a javascript: address"
    assert '<mark class="km-src-hit">Etorofu</mark>' in html


def test_the_boxes_link_http_sources_and_fold_other_languages() -> None:
    en = doc(
        "---\ntitle: T\nurl: https://example.org/a?b=1&c=<2>\nlanguage: en\n---\n1956: Shikotan."
    )
    ja = doc("---\ntitle: J\nlanguage: ja\n---\n1956年、色丹島。", "j.txt")
    box = clause_block(en, [ja], WORDS)
    html = box_html(box)
    assert html.startswith('<article class="km-src-block km-src-clause"><p class="km-src-heading">')
    assert (
        '<a class="km-src-link" href="https://example.org/a?b=1&amp;c=%3C2%3E" target="_blank"'
        ' rel="noopener noreferrer">source</a>'
    ) in html
    assert '<details class="km-src-more"><summary>Also in: ja</summary>' in html
    assert '<p class="km-src-text" lang="ja">1956年、色丹島。</p>' in html
    # A match that is only white space is not marked.
    (found,) = select_excerpts([en], "shikotan", 1950, 1960)
    marked = excerpt_block(found, WORDS)["paragraphs"][0]
    assert all(text.strip() for text, hit in marked if hit)


def test_the_handout_gives_perspectives_as_the_caller_names_them() -> None:
    (found,) = select_excerpts([doc(HOSTILE)], "etorofu", 1850, 1860)
    default = excerpts_markdown([found], "Etorofu")
    assert '(x\\"\\>\\<img src\\=x onerror\\=alert\\(2\\)\\>)' in default
    named = excerpts_markdown([found], "Etorofu", perspective_name=lambda p: "ПЕРСПЕКТИВА")
    assert named.rstrip().endswith("(ПЕРСПЕКТИВА)")
