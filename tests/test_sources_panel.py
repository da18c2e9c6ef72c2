"""The excerpt panel on its own, driven headless with AppTest against test documents.

The file uploader cannot be driven by AppTest, so the upload path is tested through what it
leaves behind: documents in session state, and the message it shows (the checking itself is
in tests/test_uploads.py).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kuril_map.documents import parse_document, uploads
from kuril_map.paths import DEFAULT_SEEDS_DIR
from kuril_map.ui import sources_panel
from tests.apptest_helpers import (
    box_text,
    excerpt_blocks,
    excerpt_texts,
    highlighted,
    run_checked,
    source_blocks,
    source_lines,
)

FIXTURES = Path(__file__).parent / "fixtures" / "search"

SCRIPT = """
import streamlit as st
from datetime import date
from kuril_map.view_state import ViewState
from kuril_map.ui import sources_panel

from kuril_map import i18n

i18n.set_language(st.session_state.get("test_lang", "en"))
day = date.fromisoformat(st.session_state.get("test_date", "1956-12-31"))
lang = st.session_state.get("test_lang", "en")
view = ViewState(day, island=st.session_state.get("test_island"), lang=lang)
docs, problems = sources_panel.documents()
sources_panel.show(view, docs, problems, line_ids=st.session_state.get("test_lines", ()))
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test documents, plus the 1956 clause, as the configured documents folder."""
    for path in FIXTURES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "primary").mkdir()
    shutil.copy(DEFAULT_SEEDS_DIR / "primary" / "jd1956_art9_en_unts.md", tmp_path / "primary")
    monkeypatch.setenv("KURIL_MAP_SEEDS", str(tmp_path))
    monkeypatch.setenv("KURIL_MAP_UPLOADS", "session")
    sources_panel._load.clear()
    return tmp_path


def run(**state: object) -> AppTest:
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for key, value in state.items():
        at.session_state[key] = value
    return run_checked(at)


CLAUSE_HEADING = "Primary source: the clause behind this line"


def captions(at: AppTest) -> list[str]:
    return source_lines(at)


def test_panel_shows_excerpts_with_perspective_and_citation(folder: Path) -> None:
    at = run()
    assert at.header[0].value == "Sources: All four islands, 1955–1957"
    assert any("1955–1957\\: the years around this day" in c.value for c in at.caption)
    assert len(excerpt_texts(at)) >= 3
    assert any("Perspective: 日本政府" in c for c in captions(at))
    assert any("Perspective: primary source" in c for c in captions(at))


def test_same_sentence_is_shown_once_with_every_source(folder: Path) -> None:
    at = run(test_island="shikotan")
    texts = excerpt_texts(at)
    transfer = [t for t in texts if "agreed to transfer" in t]
    assert len(transfer) == 1
    cites = captions(at)
    assert any("Class notes on the islands" in c for c in cites)
    assert any("A second outlet" in c for c in cites)


def test_search_box_finds_any_form_and_highlights_it(folder: Path) -> None:
    at = run()
    at.text_input(key=sources_panel.QUERY_KEY).input("Итуруп").run()
    texts = excerpt_texts(at)
    assert texts == [], "Iturup is named for 1855, outside 1955–1957"
    at.checkbox(key=sources_panel.EVERYWHERE_KEY).check().run()
    texts = excerpt_texts(at)
    assert texts and all("Итуруп" in t for t in texts)
    assert any("Итурупом" in highlighted(b) for b in excerpt_blocks(at))


def test_perspective_filter(folder: Path) -> None:
    at = run()
    options = at.multiselect(key=sources_panel.PERSPECTIVES_KEY).options
    assert "日本政府" in options and "primary source" in options
    at.multiselect(key=sources_panel.PERSPECTIVES_KEY).set_value(["日本政府"]).run()
    cites = [c for c in captions(at) if "Perspective:" in c]
    assert cites and all("Perspective: 日本政府" in c for c in cites)


def test_perspectives_and_the_citations_words_in_the_readers_language(folder: Path) -> None:
    """On a Russian screen the seeds' perspectives and the link's label are Russian, in the
    citations and the filter; a perspective the catalogs do not know shows as written."""
    at = run(test_lang="ru")
    lines = [c for c in source_lines(at) if "Позиция:" in c]
    assert any("Позиция: первоисточник" in c for c in lines), lines
    assert any(" · источник <https://" in c for c in lines), lines
    assert any("Позиция: 日本政府" in c for c in lines), "not in the catalogs: as written"
    assert not any("primary source" in c or " · source <" in c for c in lines), lines
    options = at.multiselect(key=sources_panel.PERSPECTIVES_KEY).options
    assert "первоисточник" in options and "日本政府" in options
    at.multiselect(key=sources_panel.PERSPECTIVES_KEY).set_value(["primary source"]).run()
    cites = [c for c in source_lines(at) if "Позиция:" in c]
    assert cites and all("Позиция: первоисточник" in c for c in cites)


def test_the_header_names_the_island_as_the_map_does(folder: Path) -> None:
    """In the view's naming and the reader's script, not the Latin label on every screen."""
    assert run(test_island="shikotan").header[0].value.startswith("Sources: Shikotan, ")
    ru = run(test_lang="ru", test_island="shikotan").header[0].value
    assert ru.startswith("Источники: 色丹島 / Шикотан, "), ru
    ja = run(test_lang="ja", test_island="etorofu").header[0].value
    assert ja.startswith("資料：択捉島 / Итуруп、"), ja


def test_clause_of_the_line_comes_first_labelled_primary_source(folder: Path) -> None:
    at = run(test_lines=["jd1956_two_island_line"])
    blocks = source_blocks(at)
    (label,) = [i for i, b in enumerate(blocks) if b["heading"] == CLAUSE_HEADING]
    assert blocks[label]["kind"] == "clause"
    assert "Shikoton" in box_text(blocks[label]), "the clause's text is in its block"
    assert "Perspective: primary source" in box_text(blocks[label]), "and so is its source"
    assert label < min(i for i, b in enumerate(blocks) if b["kind"] == "excerpt")
    # The clause is not repeated among the excerpts.
    assert not any("connexion" in t for t in excerpt_texts(at))


def test_download_button_and_upload_controls_are_there(folder: Path) -> None:
    at = run()
    assert [b.proto.label for b in at.get("download_button")] == ["Download excerpts (Markdown)"]
    assert any("this browser session only" in c for c in captions(at))


def test_session_uploads_are_shown_with_the_rest(folder: Path) -> None:
    mine = parse_document(
        "---\ntitle: My own handout\nperspective: teacher notes\n---\n"
        "Habomai and Shikotan were promised in 1956, our class read.",
        Path("mine.md"),
    )
    at = run(**{uploads.SESSION_KEY: [mine]})
    assert any("class read" in t for t in excerpt_texts(at))
    assert any("My own handout" in c for c in captions(at))


def test_upload_message_is_shown_escaped(folder: Path) -> None:
    problem = "x.md, line 2: expected 'key: value' in front matter, got '<img src=x>'"
    at = run(**{sources_panel.UPLOAD_MESSAGE_KEY: ("error", problem)})
    assert at.error[0].value == "x\\.md\\, line 2\\: expected \\'key\\: value\\' in front " + (
        "matter\\, got \\'\\<img src\\=x\\>\\'"
    )


def test_problems_are_escaped(folder: Path) -> None:
    (folder / "broken.md").write_text("---\n<script>alert(1)</script>\n---\nText.")
    sources_panel._load.clear()
    at = run()
    (warning,) = at.warning
    assert "\\<script\\>" in warning.value


def test_lines_in_question_clicked_first_then_the_years_events() -> None:
    assert sources_panel.lines_in_question(date(1855, 2, 7)) == ["shimoda_1855"]
    assert sources_panel.lines_in_question(date(2001, 3, 25)) == [
        "jd1956_two_island_line",
        "japan_claim_line",
    ]
    assert sources_panel.lines_in_question(date(2001, 3, 25), "japan_claim_line") == [
        "japan_claim_line",
        "jd1956_two_island_line",
    ]
    assert sources_panel.lines_in_question(date(1930, 12, 31)) == []


def test_perspective_filter_applies_to_the_clause_too(folder: Path) -> None:
    at = run(test_lines=["jd1956_two_island_line"], **{sources_panel.PERSPECTIVES_KEY: ["news"]})
    assert not any(b["heading"] == CLAUSE_HEADING for b in source_blocks(at))
    at = run(
        test_lines=["jd1956_two_island_line"],
        **{sources_panel.PERSPECTIVES_KEY: ["primary source"]},
    )
    assert any(b["heading"] == CLAUSE_HEADING for b in source_blocks(at))


def test_an_empty_panel_says_why_and_moves_to_the_nearest_day(folder: Path) -> None:
    at = run(test_date="1740-07-01", test_island="shikotan")
    assert excerpt_texts(at) == []
    assert at.header[0].value == "Sources: Shikotan, 1644–1798"
    (info,) = at.info
    assert "No document in the collection speaks of Shikotan in 1644–1798" in info.value
    (button,) = [b for b in at.button if b.key == "doc_nearest"]
    assert button.label == "Go to 1 Jan 1875, the nearest day with passages"
    button.click().run()
    assert at.session_state.date == "1875-01-01"


def test_group_passages_are_labelled_in_the_panel(folder: Path) -> None:
    mine = parse_document(
        "---\ntitle: My own handout\npublisher: Room 12\n---\n"
        "In 1956 the Northern Territories were discussed in class.",
        Path("mine.md"),
    )
    at = run(test_island="shikotan", **{uploads.SESSION_KEY: [mine]})
    labelled = [b for b in excerpt_blocks(at) if b["label"]]
    assert any("discussed in class" in box_text(b) for b in labelled)
    assert all(b["label"] == "Speaks of the four islands as a group" for b in labelled)
    assert all(box_text(b).startswith(b["label"]) for b in labelled)
    assert not any(
        name in box_text(b) for b in labelled for name in ("Shikotan", "色丹", "Шикотан")
    )


def test_a_clause_in_several_languages_is_one_block(folder: Path) -> None:
    for name in ("jd1956_art9_ja.md", "jd1956_art9_ru.md"):
        shutil.copy(DEFAULT_SEEDS_DIR / "primary" / name, folder / "primary")
    sources_panel._load.clear()
    at = run(test_island="shikotan", test_date="1956-10-19")
    blocks = excerpt_blocks(at)
    (block,) = [b for b in blocks if "connexion" in box_text(b)]
    assert block["more"]["label"] == "The same text in: 日本語, Русский"
    inside = box_text({**block, "heading": None, "label": None, "paragraphs": [], "sources": []})
    assert "фактическая передача" in inside and "引渡すことに同意" in inside
    assert [item["lang"] for item in block["more"]["items"]] == ["ja", "ru"]
    assert sum("фактическая передача" in box_text(b) for b in blocks) == 1  # only there
