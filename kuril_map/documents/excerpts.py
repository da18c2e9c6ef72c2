"""Choose the passages that speak of an island in a span of years, and mark what matched.

Segments are plain (text, highlighted) pieces that join back into the passage text exactly:
rendering (and escaping) is the caller's job, so no HTML is ever produced here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from kuril_map import history
from kuril_map.documents.loading import Document, Passage
from kuril_map.documents.tagging import ALL_FOUR, SOURCE_TEXT, Match
from kuril_map.islands import resolve_island
from kuril_map.safe_markdown import escape_markdown, safe_url

SPECIFIC_WEIGHT = 2.0  # a match naming the island itself
COLLECTIVE_WEIGHT = 1.0  # "Northern Territories", "the four islands"...
ISLAND_SCORE_CAP = 6.0  # a passage listing a name ten times is not ten times as relevant
TEXT_YEAR_WEIGHT = 3.0  # years written in the passage
DOCUMENT_YEAR_WEIGHT = 1.5  # only the document's date puts the passage in the span
CLOSENESS_SCALE = 10.0  # years: a mention this far outside the span halves the closeness


@dataclass(frozen=True)
class Excerpt:
    """A chosen passage, its document, why it ranks where it does, and what to highlight."""

    passage: Passage
    document: Document
    score: float
    segments: list[tuple[str, bool]]
    # Every document quoting this passage's text, best-ranked first (see dedupe()).
    sources: list[Document] = field(default_factory=list)

    @property
    def citation(self) -> str:
        return citation(self.document)

    @property
    def all_sources(self) -> list[Document]:
        """The documents to cite: `sources`, or the excerpt's own document if none is set."""
        return self.sources or [self.document]


def _island_filter(island_id: str | None) -> str | None:
    """None (or "all") means any of the four; any accepted name form resolves to its id."""
    if island_id is None or island_id.strip().lower() == ALL_FOUR:
        return None
    return resolve_island(island_id)


def island_matches(passage: Passage, island_id: str | None) -> list[Match]:
    return [
        m
        for m in passage.matches
        if m.kind == "island" and (island_id is None or island_id in m.islands)
    ]


def _distance(years: range, year_from: int, year_to: int) -> int:
    """Years between a match's years and the span; 0 when they overlap."""
    if not years:
        return 0
    return max(0, year_from - years[-1], years[0] - year_to)


def year_matches(passage: Passage, year_from: int, year_to: int) -> list[Match]:
    """Year and event matches whose years fall in the span."""
    return [
        m
        for m in passage.matches
        if m.kind != "island" and _distance(m.years, year_from, year_to) == 0
    ]


def is_relevant(passage: Passage, island_id: str | None, year_from: int, year_to: int) -> bool:
    """The passage names the island (or any of the four) and one of its years is in the span."""
    names_island = bool(passage.islands) if island_id is None else island_id in passage.islands
    return names_island and any(year_from <= y <= year_to for y in passage.years)


def score_passage(passage: Passage, island_id: str | None, year_from: int, year_to: int) -> float:
    """Island strength (specific names count double) plus how close the passage's years are.

    Closeness is 1 when every year the passage mentions is in the span and falls as its other
    years lie further away, so a passage about 1956 outranks one about 1956 and 2022 for 1956.
    """
    strength = sum(
        COLLECTIVE_WEIGHT if m.value == ALL_FOUR else SPECIFIC_WEIGHT
        for m in island_matches(passage, island_id)
    )
    dated = [m for m in passage.matches if m.kind != "island"]
    if dated:
        mean = sum(_distance(m.years, year_from, year_to) for m in dated) / len(dated)
        closeness = 1 / (1 + mean / CLOSENESS_SCALE)
    else:
        closeness = 1.0  # the document's year alone, already known to be in the span
    weight = TEXT_YEAR_WEIGHT if passage.year_source == SOURCE_TEXT else DOCUMENT_YEAR_WEIGHT
    return round(min(strength, ISLAND_SCORE_CAP) + weight * closeness, 3)


def segments(text: str, matches: Iterable[Match]) -> list[tuple[str, bool]]:
    """Split `text` into plain and highlighted pieces that join back into `text`."""
    return segments_for_spans(text, [(m.start, m.end) for m in matches])


def segments_for_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Plain and highlighted pieces joining back into `text`; overlapping or touching spans
    (a search word inside an island name, Japanese bigrams) merge into one highlight."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in merged:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def highlight(
    passage: Passage, island_id: str | None, year_from: int, year_to: int
) -> list[tuple[str, bool]]:
    """Segments marking the island names and the in-span years and events of a passage."""
    marked = [*island_matches(passage, island_id), *year_matches(passage, year_from, year_to)]
    return segments(passage.text, marked)


def select_excerpts(
    documents: Iterable[Document],
    island_id: str | None,
    year_from: int,
    year_to: int,
    limit: int | None = None,
) -> list[Excerpt]:
    """Passages on `island_id` (None: any of the four) whose years meet [year_from, year_to],
    best first; ties keep document and passage order, so results are deterministic."""
    if year_from > year_to:
        raise ValueError(f"year_from {year_from} is after year_to {year_to}")
    island = _island_filter(island_id)
    found = [
        Excerpt(
            passage=p,
            document=doc,
            score=score_passage(p, island, year_from, year_to),
            segments=highlight(p, island, year_from, year_to),
            sources=[doc],
        )
        for doc in documents
        for p in doc.passages
        if is_relevant(p, island, year_from, year_to)
    ]
    # sorted() is stable: equal scores stay in document and passage order.
    ranked = sorted(found, key=lambda e: -e.score)
    return ranked if limit is None else ranked[: max(limit, 0)]


def span_for(day: date) -> tuple[int, int]:
    """The years whose passages count as speaking of `day`: its era's."""
    h = history.load()
    era = h.era_on(day)
    return era.start.year, (era.end or h.end).year


def excerpts_for(
    documents: list[Document], island_id: str | None, day: date, limit: int | None = None
) -> list[Excerpt]:
    """Excerpts about the island (or any of the four) that speak of the span of `day`."""
    start, end = span_for(day)
    return select_excerpts(documents, island_id, start, end, limit=limit)


def citation(document: Document) -> str:
    """'Title — Publisher, 2025-02-07, URL', leaving out what the document does not say."""
    title = document.title or f"Untitled document ({document.id})"
    details = ", ".join(x for x in (document.publisher, document.date, document.url) if x)
    return f"{title} — {details}" if details else title


# ---------------------------------------------------------------- the same text, several sources


def normalised_text(text: str) -> str:
    """The words of a passage, without case, accents, punctuation or spacing differences, so
    the same sentence quoted by two outlets (curly or straight quotes...) is seen as one."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def dedupe(excerpts: Iterable[Excerpt]) -> list[Excerpt]:
    """One excerpt per text, at the rank of its best copy, with every document quoting it in
    `sources` (best first): a quote repeated by several outlets is shown once, cited by all."""
    kept: dict[str, Excerpt] = {}
    for excerpt in excerpts:
        key = normalised_text(excerpt.passage.text)
        first = kept.get(key)
        if first is None:
            kept[key] = replace(excerpt, sources=list(excerpt.all_sources))
        else:
            known = {d.id for d in first.sources}
            first.sources.extend(d for d in excerpt.all_sources if d.id not in known)
    return list(kept.values())


# ---------------------------------------------------------------- perspectives

UNSTATED = "not stated"  # the perspective of a document whose front matter gives none


def perspective(document: Document) -> str:
    """The document's perspective as its front matter states it, or "not stated"."""
    return document.perspective or UNSTATED


def perspectives(documents: Iterable[Document]) -> list[str]:
    """Every perspective present, sorted, "not stated" last: the options of the filter."""
    found = {perspective(d) for d in documents}
    return sorted(found - {UNSTATED}, key=str.casefold) + ([UNSTATED] if UNSTATED in found else [])


def with_perspectives(
    documents: Iterable[Document], chosen: Iterable[str] | None
) -> list[Document]:
    """The documents whose perspective is among `chosen` (None or empty: all of them)."""
    wanted = {c.casefold() for c in chosen or ()}
    docs = list(documents)
    return [d for d in docs if perspective(d).casefold() in wanted] if wanted else docs


# ---------------------------------------------------------------- Markdown export


def _bold_markdown(pieces: list[tuple[str, bool]]) -> str:
    """Segments as plain Markdown: escaped text, matches in bold (no Streamlit-only syntax)."""
    return "".join(
        f"**{escape_markdown(t)}**" if hit and t.strip() else escape_markdown(t)
        for t, hit in pieces
    )


def full_citation_markdown(document: Document) -> str:
    """'*Title* — Author, Publisher, date. <url> (perspective)', escaped; the URL only if
    it is http(s), written out so it survives printing."""
    title = escape_markdown(document.title or f"Untitled document ({document.id})")
    details = ", ".join(
        escape_markdown(x) for x in (document.author, document.publisher, document.date) if x
    )
    text = f"*{title}*" + (f" — {details}" if details else "") + "."
    link = safe_url(document.url)
    if link:
        text += f" <{link.replace('<', '%3C').replace('>', '%3E')}>"
    return text + f" ({escape_markdown(perspective(document))})"


def excerpts_markdown(excerpts: Iterable[Excerpt], heading: str) -> str:
    """The excerpts as a Markdown handout: each quoted, then every source with its full
    citation. Document text is escaped (escape_markdown), so nothing in it becomes a
    link, HTML or formatting wherever the file is opened; the panel's download button and
    `kuril-map excerpts --format markdown` both use this."""
    out = [f"# {escape_markdown(heading)}", ""]
    items = list(excerpts)
    if not items:
        out.append("No passage found.")
    for number, excerpt in enumerate(items, start=1):
        quoted = _bold_markdown(excerpt.segments).replace("  \n", "  \n> ")
        out += [f"## {number}.", "", f"> {quoted}", ""]
        out += [f"- {full_citation_markdown(doc)}" for doc in excerpt.all_sources]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
