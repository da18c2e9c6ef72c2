"""Loading documents: reading files safely, inferring what the front matter leaves out, and
the folder of documents as a whole.

A document is a UTF-8 .txt or .md file: an optional front matter block, then the text. Whatever
the front matter leaves out is inferred from the text where it says so itself (headline,
dateline, "Last news in X"), never invented. A bad file never stops the others: it becomes a
one-line problem naming the file (and line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kuril_map import paths
from kuril_map.documents.cleaning import Cleaned, clean_text, full_dates, norm_line
from kuril_map.documents.front_matter import DocumentError, split_front_matter
from kuril_map.documents.passages import Passage, build_passages, ends_sentence, split_sentences

MAX_BYTES = 1_000_000  # a document larger than this is refused (1 MB)
SUFFIXES = (".txt", ".md")
HEADLINE_MAX_CHARS = 200  # an unpunctuated first line at most this long is the title


@dataclass(frozen=True)
class Document:
    """One source document: its metadata and its passages, in order."""

    id: str
    path: Path
    title: str | None
    publisher: str | None
    date: str | None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    year: int | None
    url: str | None
    language: str | None
    perspective: str | None
    kind: str | None
    passages: list[Passage]
    author: str | None = None
    note: str | None = None
    inferred: tuple[str, ...] = ()  # metadata fields taken from the text, not front matter
    clause_id: str | None = None  # a primary text's id (data/sources/primary-texts/<id>.json)
    lines: tuple[str, ...] = ()  # boundary line ids the clause drew (data/geo/boundaries.geojson)
    # "public domain" or "quoted excerpt" (docs/DOCUMENTS.md); None when the file does not say,
    # which the atlas treats like a quoted excerpt: only short cited passages leave the app.
    licence: str | None = None


@dataclass(frozen=True)
class LoadResult:
    """Documents that loaded, and one message for each file that did not."""

    documents: list[Document]
    problems: list[str] = field(default_factory=list)


def _shorten(text: str, limit: int = 90) -> str:
    """The first sentence of `text`, cut at a word boundary to `limit` characters."""
    first = split_sentences(text)[0] if text else text
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] if " " in first[:limit] else first[:limit]
    return cut.rstrip(",;:—- ") + "…"


def infer_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """(title, remaining lines): a headline first line is the title and leaves the body;
    otherwise the title is the first sentence, shortened, and the body keeps it."""
    if not lines:
        return None, lines
    first = lines[0].lstrip("#").strip()
    if len(first) <= HEADLINE_MAX_CHARS and not ends_sentence(first):
        return first, lines[1:]
    return _shorten(first), lines


def infer_language(text: str) -> str | None:
    """'ja', 'ru' or 'en' by which script has the most letters (kanji and kana count triple)."""
    counts = {
        "ja": 3 * len(re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]", text)),
        "ru": len(re.findall(r"[\u0400-\u04ff]", text)),
        "en": len(re.findall(r"[A-Za-z]", text)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def publisher_from_author(author: str) -> str | None:
    """'Editorial board, The Sankei Shimbun' -> 'The Sankei Shimbun': the organisation after
    the last comma. A bare name says nothing about the publisher."""
    parts = [p.strip() for p in author.split(",") if p.strip()]
    return parts[-1] if len(parts) > 1 else None


def _inferred_metadata(meta: dict[str, str], cleaned: Cleaned) -> tuple[dict[str, str], list[str]]:
    """Fill the fields the front matter left out from what the text itself says."""
    facts = cleaned.facts
    dateline = full_dates(facts["date"]) if "date" in facts else []
    publisher = facts.get("publisher") or publisher_from_author(facts.get("author", ""))
    found = {
        "author": facts.get("author"),
        "publisher": publisher,
        "date": dateline[0]
        if dateline
        else max(full_dates("\n".join(cleaned.lines)), default=None),
        "language": infer_language("\n".join(cleaned.lines)),
    }
    inferred = {k: v for k, v in found.items() if v and k not in meta}
    return {**meta, **inferred}, list(inferred)


def read_text(path: Path) -> str:
    """The file's text, or a DocumentError saying why it is not a readable UTF-8 document."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(name, f"{size:,} bytes is over the {MAX_BYTES:,}-byte limit")
        raw = path.read_bytes()
    except OSError as error:
        raise DocumentError(name, f"cannot be read ({error.strerror or error})") from None
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """Bytes of a file (on disk or uploaded) as document text; the same checks for both, so an
    upload is refused for exactly the reasons a file in the folder would be."""
    if len(raw) > MAX_BYTES:
        raise DocumentError(name, f"{len(raw):,} bytes is over the {MAX_BYTES:,}-byte limit")
    if b"\x00" in raw:
        raise DocumentError(name, "binary file (contains NUL bytes); save it as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DocumentError(
            name, f"not UTF-8 (undecodable byte at offset {error.start})", line
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(name, "empty file")
    return text


def parse_document(text: str, path: Path, doc_id: str | None = None) -> Document:
    """Turn a document's text into a Document; raise DocumentError for broken front matter."""
    name = path.name
    meta, body = split_front_matter(text, name)
    cleaned = clean_text(body)
    lines = cleaned.lines
    if meta.get("title") and lines and norm_line(lines[0].lstrip("#")) == norm_line(meta["title"]):
        lines = lines[1:]
    inferred_fields: list[str] = []
    if not meta.get("title"):
        title, lines = infer_title(lines)
        if title:
            meta, inferred_fields = {**meta, "title": title}, ["title"]
    meta, more = _inferred_metadata(meta, Cleaned(lines, cleaned.facts))
    date = meta.get("date")
    year = int(date[:4]) if date else None
    doc_id = doc_id or path.stem
    passages = build_passages(doc_id, lines, year)
    if not passages:
        raise DocumentError(name, "no text left after the front matter and cleaning")
    return Document(
        id=doc_id,
        path=path,
        title=meta.get("title"),
        publisher=meta.get("publisher"),
        date=date,
        year=year,
        url=meta.get("url"),
        language=meta.get("language"),
        perspective=meta.get("perspective"),
        kind=meta.get("kind"),
        passages=passages,
        author=meta.get("author"),
        note=meta.get("note"),
        inferred=tuple(inferred_fields + more),
        clause_id=meta.get("clause_id"),
        lines=tuple(x.strip() for x in meta.get("lines", "").split(",") if x.strip()),
        licence=meta.get("licence"),
    )


def load_document(path: str | Path) -> Document:
    """Read and parse one file; DocumentError names the file (and line) when it is unusable."""
    path = Path(path)
    return parse_document(read_text(path), path)


def _is_document_file(path: Path, folder: Path) -> bool:
    """A .txt/.md file, not hidden (nor in a hidden folder), not a README."""
    hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
    return (
        path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not hidden
        and path.stem.upper() != "README"
    )


def document_files(folder: Path) -> list[Path]:
    """The .txt and .md files of a folder and its subfolders (seeds/primary/...), files of the
    folder itself first, then each subfolder's, each by name: the same order everywhere."""
    found = [p for p in folder.rglob("*") if _is_document_file(p, folder)]
    return sorted(
        found, key=lambda p: (len(p.relative_to(folder).parts), p.relative_to(folder).as_posix())
    )


def load_documents(folder: str | Path | None = None) -> LoadResult:
    """Load every document in `folder` (default: paths.seeds_dir()); bad files become problems."""
    folder = Path(folder) if folder is not None else paths.seeds_dir()
    if not folder.is_dir():
        return LoadResult([], [f"{folder}: documents folder not found"])
    documents: list[Document] = []
    problems: list[str] = []
    for path in document_files(folder):
        if any(d.id == path.stem for d in documents):
            problems.append(f"{path.name}: another file already has the id {path.stem!r}; skipped")
            continue
        try:
            documents.append(load_document(path))
        except DocumentError as error:
            problems.append(str(error))
    return LoadResult(documents, problems)


_LANGUAGE_SUFFIX = re.compile(r"_(en|ja|ru)(_[a-z]+)?$")


def clause_family(document: Document) -> str | None:
    """The clause a primary text is a version of, whatever its language: `shimoda_art2` for
    shimoda_art2_en, _ja and _ru, `jd1956_art9` for jd1956_art9_en_unts. None for a document
    that is no clause. Versions of one clause are shown once, in the reader's language."""
    if document.kind != "primary source" or not document.clause_id:
        return None
    return _LANGUAGE_SUFFIX.sub("", document.clause_id)


def clause_versions(clauses: Iterable[Document]) -> list[list[Document]]:
    """The clauses grouped by instrument (`clause_family`), in the order first seen: Shimoda
    Art. 2 in English, Japanese and Russian is one group, shown once in the reader's language
    with the others folded under it (the sources panel and the atlas alike)."""
    groups: dict[str, list[Document]] = {}
    for doc in clauses:
        groups.setdefault(clause_family(doc) or doc.id, []).append(doc)
    return list(groups.values())


def clauses_for_lines(documents: Iterable[Document], line_ids: Iterable[str]) -> list[Document]:
    """The primary-source documents whose clause drew any of `line_ids`, in the order of the
    lines asked for, each once: the panel shows these first for the lines of the moment."""
    wanted = list(dict.fromkeys(line_ids))
    primary = [d for d in documents if d.kind == "primary source" and d.lines]
    found: dict[str, Document] = {}
    for line_id in wanted:
        for doc in primary:
            if line_id in doc.lines:
                found.setdefault(doc.id, doc)
    return list(found.values())
