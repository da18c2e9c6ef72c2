"""The document corpus in seeds/: every period and island has cited passages, every file says
on what terms it is kept, and no text carries markup that could render as more than text."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from kuril_map import history, paths
from kuril_map.documents import load_documents
from kuril_map.documents.excerpts import select_excerpts
from kuril_map.documents.front_matter import split_front_matter
from kuril_map.documents.loading import document_files, read_text
from kuril_map.islands import ISLAND_IDS

SEEDS = paths.DEFAULT_SEEDS_DIR
LICENCES = {"public domain", "quoted excerpt"}
CURATED_KEYS = ("title", "publisher", "url", "language", "perspective", "kind", "licence")
MARKUP = re.compile(
    r"<\s*/?\s*[a-zA-Z!]|\]\(|!\[|javascript:|^\s{0,3}#", re.IGNORECASE | re.MULTILINE
)


def front_matter(path: Path) -> tuple[dict[str, str], str]:
    return split_front_matter(read_text(path), path.name)


@pytest.fixture(scope="module")
def documents():
    result = load_documents(SEEDS)
    assert result.problems == []
    return result.documents


def test_every_seed_file_says_its_licence() -> None:
    for path in document_files(SEEDS):
        meta, _ = front_matter(path)
        assert meta.get("licence") in LICENCES, path


def test_curated_documents_have_full_front_matter() -> None:
    """Documents outside the five original news seeds and the generated clauses are written by
    hand from a page seen in a search: each names its source and how it may be used."""
    curated = [p for p in document_files(SEEDS) if p.parent != SEEDS and p.parent.name != "primary"]
    assert len(curated) > 40
    for path in curated:
        meta, _ = front_matter(path)
        missing = [key for key in CURATED_KEYS if not meta.get(key)]
        assert not missing, f"{path}: {missing}"
        assert meta["url"].startswith(("http://", "https://")), path


def test_no_markup_in_corpus_texts() -> None:
    """Quoted texts are plain text: no HTML, Markdown links or images, headings or script URLs
    (the original seed 000 keeps its page furniture, which cleaning removes)."""
    for path in document_files(SEEDS):
        if path.parent == SEEDS:
            continue
        _, body = front_matter(path)
        assert not MARKUP.search(body), path


@pytest.mark.parametrize("island_id", ISLAND_IDS)
def test_every_era_has_two_passages_on_every_island(documents, island_id: str) -> None:
    h = history.load()
    for era in h.eras:
        found = select_excerpts(documents, island_id, era.start.year, (era.end or h.end).year)
        assert len(found) >= 2, (island_id, era.id, len(found))


def _build_script():
    path = paths.ROOT / "scripts" / "build_primary_docs.py"
    spec = importlib.util.spec_from_file_location("build_primary_docs", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clause_file_with_several_articles_date_and_defaults() -> None:
    build = _build_script()
    clause = {
        "id": "treaty_art1_ru",
        "document": "Treaty, articles 1-2",
        "url": "https://example.org/treaty",
        "date": "1875-08-22",
        "language": "ru",
        "text": ["Статья 1. Первая.", "Статья 2. Вторая."],
    }
    text = build.render(clause, [])
    meta, body = split_front_matter(text, "treaty_art1_ru.md")
    assert meta["date"] == "1875-08-22"  # no line drew it, so the file's own date
    assert meta["licence"] == "public domain" and meta["perspective"] == "primary source"
    assert meta["publisher"] == "example.org" and "lines" not in meta
    assert body.strip() == "Статья 1. Первая.\n\nСтатья 2. Вторая."
    own = build.render({**clause, "publisher": "A ministry", "licence": "quoted excerpt"}, [])
    meta, _ = split_front_matter(own, "x.md")
    assert (meta["publisher"], meta["licence"]) == ("A ministry", "quoted excerpt")
