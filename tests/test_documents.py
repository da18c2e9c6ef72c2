"""Documents load from a folder: front matter, cleaning, inferred metadata, passages, problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuril_map import paths
from kuril_map.documents.cleaning import clean_text
from kuril_map.documents.front_matter import DocumentError, split_front_matter
from kuril_map.documents.loading import (
    MAX_BYTES,
    Document,
    clauses_for_lines,
    load_document,
    load_documents,
    parse_document,
)
from kuril_map.documents.passages import (
    MAX_PASSAGE_CHARS,
    MAX_PASSAGE_SENTENCES,
    paragraphs,
    split_sentences,
)

FIXTURES = Path(__file__).parent / "fixtures" / "docs"
SEEDS = paths.DEFAULT_SEEDS_DIR


def fixture(name: str) -> Document:
    return load_document(FIXTURES / name)


def all_text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.passages)


# ---------------------------------------------------------------- front matter


def test_front_matter_values_quotes_and_comments() -> None:
    meta, body = split_front_matter(
        "---\n# a comment\ntitle: \"A: quoted title\"\npublisher: 'Room 12'\n"
        "date: 2024-05\nurl: https://example.org/a\nnote:\n---\nBody line.",
        "a.md",
    )
    assert meta == {
        "title": "A: quoted title",
        "publisher": "Room 12",
        "date": "2024-05",
        "url": "https://example.org/a",
    }
    assert body == "Body line."


def test_text_without_front_matter_is_all_body() -> None:
    assert split_front_matter("Title\n\nText.", "a.txt") == ({}, "Title\n\nText.")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: A\nNo colon here\n---\nText.", 3, "key: value"),
        ("---\ntitle: A\nText that never closes.", 1, "never closed"),
        ("---\ndate: 2025-02-30\n---\nText.", 2, "date"),
        ("---\ndate: Feb 2025\n---\nText.", 2, "YYYY-MM-DD"),
        ("---\nlanguage: de\n---\nText.", 2, "language"),
        ("---\nkind: blog\n---\nText.", 2, "kind"),
        ("---\nurl: javascript:alert(1)\n---\nText.", 2, "http"),
        ("---\ntitel: A\n---\nText.", 2, "unknown front matter key 'titel'"),
        ("---\ntitle: A\ntitle: B\n---\nText.", 3, "twice"),
        ('---\ntitle: "A\n---\nText.', 2, "quote"),
    ],
)
def test_broken_front_matter_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(DocumentError) as caught:
        split_front_matter(text, "broken.md")
    message = str(caught.value)
    assert message.startswith(f"broken.md, line {line}: ")
    assert words in message


# ---------------------------------------------------------------- cleaning


def test_furniture_rules_each_remove_their_lines() -> None:
    cleaned = clean_text((FIXTURES / "en_furniture.txt").read_text(encoding="utf-8"))
    rules = {rule for rule, _ in cleaned.removed}
    assert rules == {
        "site header",
        "dateline",
        "numbered headline copy",
        "relative time",
        "image",
        "read in another language",
        "related links",
        "plagiarism source",
        "moderation notice",
        "reveal comment",
    }
    removed = [line for _, line in cleaned.removed]
    assert "Fishing boats in Nemuro harbour (Photo: Example Wire)" in removed  # image credit
    assert "- What the 1998 agreement says" in removed
    assert cleaned.facts == {"publisher": "Example Wire", "date": "Mar 3, 2024"}


def test_image_caption_that_is_text_stays() -> None:
    body = "![](https://x.org/a.jpg)\nThe treaty was signed in Shimoda in 1855, in a temple.\n"
    assert clean_text(body).lines == ["The treaty was signed in Shimoda in 1855, in a temple."]


def test_ordinary_lines_about_plagiarism_or_related_topics_stay() -> None:
    body = "Related talks about Habomai continued.\nScholars discuss plagiarism in old maps."
    assert clean_text(body).lines == body.split("\n")


def test_author_line_gives_author_and_publisher() -> None:
    doc = parse_document(
        "A headline\nAuthor: Editorial board, The Example Times\n\nText about Etorofu.",
        Path("x.txt"),
    )
    assert doc.author == "Editorial board, The Example Times"
    assert doc.publisher == "The Example Times"
    assert "Author" not in all_text(doc)


# ---------------------------------------------------------------- metadata and passages


def test_fixture_folder_loads_in_filename_order() -> None:
    result = load_documents(FIXTURES)
    assert result.problems == []
    assert [d.id for d in result.documents] == [
        "en_furniture",
        "en_handout",
        "ja_article",
        "ru_article",
    ]


def test_front_matter_document() -> None:
    doc = fixture("en_handout.md")
    assert doc.title == "The Four Islands: A Classroom Timeline"
    assert (doc.publisher, doc.date, doc.year, doc.language) == (
        "Room 12 History Club",
        "2024-05-01",
        2024,
        "en",
    )
    assert (doc.perspective, doc.kind) == ("independent analysis", "analysis")
    assert doc.url == "https://example.org/handouts/four-islands"
    assert doc.inferred == ()
    text = all_text(doc)
    assert "Classroom Timeline" not in text  # the repeated headline is not a passage
    for furniture in ("![", "©Example", "Read this article", "RELATED", "Five facts"):
        assert furniture not in text
    assert [p.heading for p in doc.passages][:3] == ["Early treaties", None, "After the war"]


def test_japanese_document_metadata_is_inferred() -> None:
    doc = fixture("ja_article.txt")
    assert doc.title == "北方領土をめぐる日ソ交渉の歩み"
    assert (doc.date, doc.year, doc.language) == ("2024-02-07", 2024, "ja")
    assert set(doc.inferred) == {"title", "date", "language"}
    first, second, third = doc.passages
    assert first.islands == {"habomai", "shikotan"}
    assert first.years == {1956}
    assert second.islands == {"etorofu", "kunashiri"}  # 帰国後 is not Kunashiri
    assert second.year_source == "document date"
    assert third.years == {1993}


def test_russian_document_metadata_is_inferred() -> None:
    doc = fixture("ru_article.txt")
    assert doc.title == "Как менялась граница на Южных Курилах"
    assert (doc.date, doc.language) == ("2026-02-07", "ru")
    assert (doc.author, doc.publisher) == ("Иван Петров, Газета «Пример»", "Газета «Пример»")
    first = doc.passages[0]
    assert first.text.startswith("В 1956 году СССР согласился передать Японии Шикотан")
    assert first.islands == {"etorofu", "kunashiri", "shikotan", "habomai"}
    assert first.years == {1956}
    assert doc.passages[1].years >= {1855}


def test_dateline_and_site_header_give_metadata() -> None:
    doc = fixture("en_furniture.txt")
    assert (doc.title, doc.publisher, doc.date) == (
        "Fishermen return to Nemuro as the season opens",
        "Example Wire",
        "2024-03-03",
    )
    text = all_text(doc)
    for furniture in ("Last news", "- 1", "months ago", "plagiarism", "Reveal", "appeals", "Photo"):
        assert furniture not in text


def test_latest_full_date_in_text_when_there_is_no_dateline() -> None:
    text = (
        "Talks on Shikotan\n\nOn March 3, 2019 talks began. They ended on April 9, 2021 in Tokyo."
    )
    assert parse_document(text, Path("t.txt")).date == "2021-04-09"


def test_title_from_a_first_sentence_is_shortened_and_kept_in_the_text() -> None:
    sentence = (
        "Soviet forces landed on Shikotan in early September 1945, "
        "after the surrender had been announced in Tokyo."
    )
    doc = parse_document(sentence, Path("s.txt"))
    assert doc.title is not None and doc.title.endswith("…") and len(doc.title) <= 91
    assert doc.passages[0].text == sentence


def test_long_paragraph_is_split_at_sentence_boundaries() -> None:
    sentences = [f"Sentence {n} mentions Kunashiri and the year {1950 + n}." for n in range(10)]
    doc = parse_document("Heading\n\n" + " ".join(sentences), Path("long.txt"))
    assert len(doc.passages) == 3
    assert all(p.text.count(". ") < MAX_PASSAGE_SENTENCES for p in doc.passages)
    assert " ".join(p.text for p in doc.passages) == " ".join(sentences)
    assert doc.passages[0].years == {1950, 1951, 1952, 1953}


def test_text_without_sentence_ends_is_still_cut_into_passages() -> None:
    words = " ".join(["Etorofu", "Kunashiri", "talks", "1956"] * 400)
    doc = parse_document("Heading\n\n" + words + "\n\n" + "択" * 2000, Path("list.txt"))
    assert all(len(p.text) <= MAX_PASSAGE_CHARS * 2 for p in doc.passages)
    assert " ".join(p.text for p in doc.passages[:-4]) == words


def test_sentences_do_not_break_after_abbreviations() -> None:
    text = (
        "On Feb. 12 the U.S. envoy spoke. В 1855 г. Россия подписала трактат. "
        "択捉島に着いた。次の日。"
    )
    assert split_sentences(text) == [
        "On Feb. 12 the U.S. envoy spoke.",
        "В 1855 г. Россия подписала трактат.",
        "択捉島に着いた。",
        "次の日。",
    ]


def test_headings_leave_the_text_and_short_lines_join_the_next_paragraph() -> None:
    lines = [
        "Missed opportunities",
        "Yes.",
        "The talks on Etorofu failed in 1956.",
        "Closing words",
    ]
    assert paragraphs(lines) == [
        ("Missed opportunities", "Yes. The talks on Etorofu failed in 1956.")
    ]


def test_hard_wrapped_lines_are_joined() -> None:
    lines = ["Soviet forces landed on Etorofu in", "late August 1945, and on Shikotan later."]
    assert paragraphs(lines) == [(None, " ".join(lines))]
    lines = ["Soviet forces occupied Etorofu, Kunashiri,", "Shikotan and the Habomai islets."]
    assert paragraphs(lines) == [(None, " ".join(lines))]


def test_short_last_line_is_kept() -> None:
    assert paragraphs(["Shikotan, 1956."]) == [(None, "Shikotan, 1956.")]


def test_passages_know_their_document_and_index() -> None:
    doc = fixture("en_handout.md")
    assert [p.index for p in doc.passages] == list(range(len(doc.passages)))
    assert {p.doc_id for p in doc.passages} == {"en_handout"}


# ---------------------------------------------------------------- files and folders


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


GOOD = "Talks on Shikotan\n\nIn 1956 the Soviet Union offered to hand over Shikotan.\n"


def test_bad_files_become_problems_and_others_still_load(tmp_path: Path) -> None:
    write(tmp_path, "a_good.txt", GOOD)
    write(tmp_path, "b_empty.txt", "")
    write(tmp_path, "c_blank.md", "  \n\n ")
    write(tmp_path, "d_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write(tmp_path, "e_latin1.txt", "Line one\nCaf\xe9 on Etorofu\n".encode("latin-1"))
    write(tmp_path, "f_huge.txt", "x" * (MAX_BYTES + 1))
    write(tmp_path, "g_unclosed.md", "---\ntitle: Half\n\nIn 1956 Shikotan.\n")
    write(tmp_path, "h_colon.md", "---\ntitle: A\nperspective news\n---\nIn 1956 Shikotan.\n")
    write(tmp_path, "i_date.md", "---\ndate: 1956-13-01\n---\nIn 1956 Shikotan.\n")
    write(tmp_path, "j_only_furniture.txt", "![](https://x.org/a.png)\n(©Reuters)\n")
    write(tmp_path, "z_good.md", GOOD)
    result = load_documents(tmp_path)
    assert [d.id for d in result.documents] == ["a_good", "z_good"]
    problems = dict(p.split(":", 1) for p in result.problems)
    assert list(problems) == [
        "b_empty.txt",
        "c_blank.md",
        "d_binary.txt",
        "e_latin1.txt, line 2",
        "f_huge.txt",
        "g_unclosed.md, line 1",
        "h_colon.md, line 3",
        "i_date.md, line 2",
        "j_only_furniture.txt",
    ]
    assert "empty" in problems["b_empty.txt"]
    assert "NUL" in problems["d_binary.txt"]
    assert "UTF-8" in problems["e_latin1.txt, line 2"]
    assert "limit" in problems["f_huge.txt"]
    assert "never closed" in problems["g_unclosed.md, line 1"]
    assert "no text" in problems["j_only_furniture.txt"]


def test_only_txt_and_md_files_are_documents(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", GOOD)
    write(tmp_path, "handout.MD", GOOD)
    write(tmp_path, "data.json", "{}")
    write(tmp_path, ".hidden.txt", GOOD)
    write(tmp_path, "README.md", "How to add documents.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "inner.txt", GOOD)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "secret.txt", GOOD)
    result = load_documents(tmp_path)
    # Subfolders load too (seeds/primary/), after the folder's own files; hidden ones do not.
    assert [d.id for d in result.documents] == ["handout", "notes", "inner"]
    assert result.problems == []


def test_same_name_twice_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "talks.md", GOOD)
    write(tmp_path, "talks.txt", GOOD)
    result = load_documents(tmp_path)
    assert [d.path.name for d in result.documents] == ["talks.md"]
    assert result.problems[0].startswith("talks.txt: ")


def test_missing_folder_is_a_problem(tmp_path: Path) -> None:
    result = load_documents(tmp_path / "nowhere")
    assert result.documents == []
    assert "not found" in result.problems[0]


def test_folder_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "only.txt", GOOD)
    monkeypatch.setenv("KURIL_MAP_SEEDS", str(tmp_path))
    assert [d.id for d in load_documents().documents] == ["only"]


def test_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    write(tmp_path, "win.txt", "\ufeff---\r\ntitle: Windows file\r\n---\r\nIn 1956 Shikotan.\r\n")
    doc = load_documents(tmp_path).documents[0]
    assert doc.title == "Windows file"
    assert doc.passages[0].text == "In 1956 Shikotan."


# ---------------------------------------------------------------- the seed documents


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    result = load_documents(SEEDS)
    assert result.problems == []
    return {d.id[:3]: d for d in result.documents}


def test_seeds_all_load(seeds: dict[str, Document]) -> None:
    assert list(seeds)[:5] == ["000", "001", "002", "003", "004"]
    # seeds/primary/ is generated from data/sources/primary-texts/, one document per file
    clauses = {d.clause_id for d in load_documents(SEEDS).documents if d.clause_id}
    texts = {p.stem for p in (paths.SOURCES_DIR / "primary-texts").glob("*.json")}
    assert clauses == texts


def test_seed_000_is_cleaned_and_attributed(seeds: dict[str, Document]) -> None:
    doc = seeds["000"]
    assert "Sankei" in (doc.publisher or "")
    assert doc.kind == "editorial"
    text = all_text(doc)
    for furniture in ("![", "©Reuters", "で読む", "RELATED", "Author:"):
        assert furniture not in text


def test_seed_001_passages_are_tagged_etorofu(seeds: dict[str, Document]) -> None:
    assert any("etorofu" in p.islands for p in seeds["001"].passages)
    assert any(1956 in p.years for p in seeds["001"].passages)


def test_seed_002_loses_the_plagiarism_notice(seeds: dict[str, Document]) -> None:
    text = all_text(seeds["002"])
    assert "lagiari" not in text
    assert "Reveal Comment" not in text
    assert "months ago" not in text
    assert seeds["002"].title == "Japan threatens Putin to give Kuril Islands"


def test_seed_003_and_004_dates(seeds: dict[str, Document]) -> None:
    assert (seeds["003"].publisher, seeds["003"].date) == ("Fakti", "2025-04-15")
    assert (seeds["004"].publisher, seeds["004"].date, seeds["004"].year) == (
        "Fakti",
        "2026-02-07",
        2026,
    )
    assert seeds["004"].url is not None and seeds["004"].url.startswith(
        "https://fakti.bg/en/world/1032999"
    )
    assert "- 1" not in all_text(seeds["004"])


# ---------------------------------------------------------------- primary sources


def test_primary_front_matter_gives_clause_and_lines(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Treaty, Article 2\ndate: 1855-02-07\nkind: primary source\n"
        "perspective: primary source\nclause_id: shimoda_art2_en\nlines: shimoda_1855, other_line\n"
        "---\nThe boundary shall be between Etorofu and Urup.\n"
    )
    doc = parse_document(text, tmp_path / "clause.md")
    assert doc.clause_id == "shimoda_art2_en"
    assert doc.lines == ("shimoda_1855", "other_line")
    assert doc.perspective == "primary source"


@pytest.mark.parametrize("bad", ["lines: Shimoda 1855", "clause_id: a, b", "lines: <script>"])
def test_broken_clause_keys_are_problems(bad: str) -> None:
    with pytest.raises(DocumentError, match="line 2"):
        split_front_matter(f"---\n{bad}\n---\nText.", "c.md")


def test_clauses_for_lines_in_the_order_asked_each_once() -> None:
    docs = {d.id: d for d in load_documents(SEEDS).documents}
    found = clauses_for_lines(
        docs.values(), ["jd1956_two_island_line", "line_of_control_1945", "shimoda_1855"]
    )
    ids = [d.id for d in found]
    assert ids[:4] == [
        "jd1956_art9_en_unts",
        "jd1956_art9_ja",
        "jd1956_art9_ru",
        "memo1960_japan_reply_ja",
    ]
    assert "yalta1945_art3_en" in ids and ids[-1].startswith("shimoda_art2")
    assert len(ids) == len(set(ids))
    assert clauses_for_lines(docs.values(), []) == []
    assert clauses_for_lines(docs.values(), ["unknown_line"]) == []


def test_every_line_clause_has_a_primary_document() -> None:
    from kuril_map import history

    docs = load_documents(SEEDS).documents
    for line in history.load().lines:
        found = clauses_for_lines(docs, [line.id])
        assert sorted(d.clause_id for d in found) == sorted(line.clauses)
        for doc in found:
            assert doc.kind == "primary source" and doc.url and doc.date


def test_primary_documents_are_up_to_date() -> None:
    import subprocess
    import sys

    script = paths.ROOT / "scripts" / "build_primary_docs.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
