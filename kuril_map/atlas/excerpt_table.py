"""The cited excerpts the atlas carries for every island × era, within the documents' licences.

The atlas is a file anyone may publish, so it carries passages, never whole documents. A text
in the public domain (a treaty, an official statement) may be quoted in full; any other text
(`licence: quoted excerpt`, or no licence given) keeps to short cited passages:

- at most `MAX_PASSAGES_PER_CELL` of its passages in one island × era cell,
- each cut at about `MAX_PASSAGE_CHARS` characters (at a sentence or word end),
- and, over the whole atlas, no more of its text than `max(SHORT_TEXT_CHARS, DOCUMENT_SHARE ×
  its length)`: a long article is never rebuilt from the cells it appears in.

The excerpts themselves are the app's ranking (`documents.excerpts.select_excerpts` over the
era's years, then `dedupe`), so the atlas shows what the sources panel ranks first. Each
passage and each document is stored once; a cell lists [passage, highlights, sources] by
index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kuril_map import history
from kuril_map.documents import Document, Excerpt, dedupe
from kuril_map.documents.excerpts import perspective, select_excerpts
from kuril_map.i18n import data_text, in_languages
from kuril_map.islands import ISLAND_IDS

PUBLIC_DOMAIN = "public domain"
MAX_PASSAGES_PER_CELL = 3
MAX_PASSAGE_CHARS = 600
DOCUMENT_SHARE = 0.5
SHORT_TEXT_CHARS = 1000  # a short quotation kept as a whole seed file is carried whole
ALL = "all"  # the cell of "all four islands"
CELL_ISLANDS: tuple[str, ...] = (ALL, *ISLAND_IDS)
ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"[.!?。！？](?:[\"'”’»)）」』]*)(?=\s|$)|[。！？]")


def is_public_domain(doc: Document) -> bool:
    """Only a document whose front matter says "public domain" may be quoted in full."""
    return (doc.licence or "").strip().casefold() == PUBLIC_DOMAIN


def shorten(text: str, limit: int = MAX_PASSAGE_CHARS) -> str:
    """`text` cut to at most `limit` characters plus "…": at the last sentence end that keeps
    at least half of it, else at the last space, else mid-word (Japanese has no spaces)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].rstrip() + ELLIPSIS
    space = head.rfind(" ")
    cut = head[:space] if space >= limit // 2 else head
    return cut.rstrip(" ,;:—-") + ELLIPSIS


def highlights(segments: list[tuple[str, bool]], length: int) -> list[list[int]]:
    """[start, end] of each highlighted segment, clipped to the first `length` characters."""
    spans = []
    position = 0
    for text, hit in segments:
        end = position + len(text)
        if hit and text.strip() and position < length:
            spans.append([position, min(end, length)])
        position = end
    return spans


@dataclass
class ExcerptTable:
    """Documents and passages stored once, and the excerpts of each island × era by index."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    passages: list[dict[str, Any]] = field(default_factory=list)
    cells: dict[str, dict[str, list[list[Any]]]] = field(default_factory=dict)
    _doc_index: dict[str, int] = field(default_factory=dict)
    _passage_index: dict[tuple[str, int], int] = field(default_factory=dict)
    _carried: dict[str, int] = field(default_factory=dict)  # characters per limited document
    _budget: dict[str, int] = field(default_factory=dict)

    def document(self, doc: Document) -> int:
        """The document's index in `documents`, adding its citation the first time."""
        if doc.id not in self._doc_index:
            self._doc_index[doc.id] = len(self.documents)
            self.documents.append(citation_record(doc))
            length = sum(len(p.text) for p in doc.passages)
            self._budget[doc.id] = max(SHORT_TEXT_CHARS, int(DOCUMENT_SHARE * length))
        return self._doc_index[doc.id]

    def passage(self, excerpt: Excerpt, limited: bool) -> int | None:
        """The excerpt's passage index, stored (cut if `limited`) the first time; None when a
        limited document has already given the atlas all the text it may."""
        doc, passage = excerpt.document, excerpt.passage
        key = (doc.id, passage.index)
        if key in self._passage_index:
            return self._passage_index[key]
        text = shorten(passage.text) if limited else passage.text
        if limited:
            self.document(doc)
            if self._carried.get(doc.id, 0) + len(text) > self._budget[doc.id]:
                return None
            self._carried[doc.id] = self._carried.get(doc.id, 0) + len(text)
        self._passage_index[key] = len(self.passages)
        self.passages.append(
            {"doc": self.document(doc), "text": text, "shortened": text != passage.text}
        )
        return self._passage_index[key]

    def add_cell(self, island: str, era: str, excerpts: Iterable[Excerpt]) -> None:
        """The excerpts of one cell, best first, within the licence limits."""
        per_document: dict[str, int] = {}
        rows: list[list[Any]] = []
        for excerpt in excerpts:
            limited = not any(is_public_domain(d) for d in excerpt.all_sources)
            owner = excerpt.document.id
            if limited and per_document.get(owner, 0) >= MAX_PASSAGES_PER_CELL:
                continue
            index = self.passage(excerpt, limited)
            if index is None:
                continue
            if limited:
                per_document[owner] = per_document.get(owner, 0) + 1
            stored = self.passages[index]
            length = len(stored["text"]) - (len(ELLIPSIS) if stored["shortened"] else 0)
            sources = [self.document(d) for d in excerpt.all_sources]
            rows.append([index, highlights(excerpt.segments, length), sources])
        self.cells.setdefault(island, {})[era] = rows

    def as_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "passages": self.passages, "cells": self.cells}


def citation_record(doc: Document) -> dict[str, Any]:
    """What a reader needs to find the source: title, publisher, date, URL, perspective."""
    return {
        "id": doc.id,
        "title": doc.title or f"Untitled document ({doc.id})",
        "publisher": doc.publisher,
        "author": doc.author,
        "date": doc.date,
        "url": doc.url,
        "language": doc.language,
        "perspective": perspective(doc),
        "perspectiveName": perspective_names(perspective(doc)),
        "kind": doc.kind,
        "licence": doc.licence,
    }


def perspective_names(name: str) -> dict[str, str]:
    """A perspective as a reader of each language reads it (the seeds' are in the catalogs;
    any other stays as written), as the app's sources panel shows it."""
    return in_languages(lambda: data_text(name))


def era_excerpts(documents: list[Document], island: str | None, era: history.Era) -> list:
    """The passages on the island that speak of the era's years, ranked as the app ranks
    them (for the era's first day), one per text."""
    end = (era.end or history.load().end).year
    return dedupe(select_excerpts(documents, island, era.start.year, end, day=era.start))


def excerpt_table(documents: list[Document]) -> ExcerptTable:
    """The excerpts of every island (and of all four together) in every era."""
    table = ExcerptTable()
    for era in history.load().eras:
        for island in CELL_ISLANDS:
            found = era_excerpts(documents, None if island == ALL else island, era)
            table.add_cell(island, era.id, found)
    return table
