"""Rank the passages that speak of an island in a span of years, and mark what matched.

A passage ranks by what it is (a primary text of the time naming the island, then any passage
naming it, then passages on the four islands as a group) and then by how close the days it
speaks of (`passage_dates`) lie to the chosen day. Which span a day gets is `periods`' choice.
Versions of one clause in several languages, and one text quoted by several documents, are
shown once (`one_language`, `dedupe`). See docs/DOCUMENTS.md, "Excerpts".

Segments are plain (text, highlighted) pieces that join back into the passage text exactly.
The excerpts are written out in two forms, each escaping every string from a document: the
Markdown download (`excerpts_markdown`) and the sources panel's boxes (`boxes_html`, the only
HTML made here, from fixed tags around escaped text).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kuril_map.documents.loading import Document, Passage, clause_family
from kuril_map.documents.passage_dates import (
    closeness,
    date_stretch,
    has_source,
    is_primary,
    passage_stretches,
)
from kuril_map.documents.tagging import ALL_FOUR, Match, dated
from kuril_map.islands import resolve_island
from kuril_map.safe_markdown import escape_markdown, safe_url

# What a passage is comes first: these classes never mix (see rank_class).
PRIMARY_POINTS = 20.0  # a primary text of the time that names the island
PRIMARY_REACH = 2  # years: a primary text this near the day's year is "of the time"
NAMED_POINTS = 10.0  # a passage that names the island
GROUP_POINTS = 0.0  # a passage that names only the four islands as a group
# Within a class: closeness to the day, then how strongly the passage speaks of the island.
CLOSENESS_POINTS = 6.0
STRENGTH_POINTS = 1.0
STRENGTH_CAP = 3  # a passage listing a name ten times is not ten times as relevant
DOCUMENT_DATE_FACTOR = 0.5  # only the date a page was published dates the passage
UNSOURCED_FACTOR = 0.5  # a pasted text with no URL and no publisher


@dataclass(frozen=True)
class Excerpt:
    """A chosen passage, its document, why it ranks where it does, and what to highlight."""

    passage: Passage
    document: Document
    score: float
    segments: list[tuple[str, bool]]
    # Every document quoting this passage's text, best-ranked first (see dedupe()).
    sources: list[Document] = field(default_factory=list)
    # True when the passage names the chosen island only through a collective term.
    group: bool = False
    # The same clause in other languages, shown folded under this one (see one_language()).
    translations: list[Excerpt] = field(default_factory=list)

    @property
    def citation(self) -> str:
        return citation(self.document)

    @property
    def all_sources(self) -> list[Document]:
        """The documents to cite: `sources`, or the excerpt's own document if none is set."""
        return self.sources or [self.document]


GROUP_LABEL = "speaks of the four islands as a group"  # the label of a group passage (CLI, JSON)


def island_filter(island_id: str | None) -> str | None:
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


def names_island(passage: Passage, island_id: str | None) -> bool:
    """The passage names the island itself (for None: any of the four, or the four together)."""
    if island_id is None:
        return bool(passage.islands)
    return any(m.value == island_id for m in island_matches(passage, island_id))


def _distance(years: range, year_from: int, year_to: int) -> int:
    """Years between a match's years and the span; 0 when they overlap."""
    if not years:
        return 0
    return max(0, year_from - years[-1], years[0] - year_to)


def year_matches(passage: Passage, year_from: int, year_to: int) -> list[Match]:
    """Year and event matches that date the passage and fall in the span."""
    return [m for m in dated(passage.matches) if _distance(m.years, year_from, year_to) == 0]


def is_relevant(passage: Passage, island_id: str | None, year_from: int, year_to: int) -> bool:
    """The passage names the island (or the four together) and one of its years is in the span."""
    names = bool(passage.islands) if island_id is None else island_id in passage.islands
    return names and any(year_from <= y <= year_to for y in passage.years)


# ---------------------------------------------------------------- ranking


def middle_day(year_from: int, year_to: int) -> date:
    """The middle day of a span of years: what a span asked for without a day is about."""
    first, last = date(year_from, 1, 1).toordinal(), date(year_to, 12, 31).toordinal()
    return date.fromordinal((first + last) // 2)


def is_text_of_the_time(document: Document, passage: Passage, first: int, last: int) -> bool:
    """The document's own date (undated: a year the passage names) lies in [first, last]."""
    own = date_stretch(document.date)
    if own is not None:
        return own.first.year <= last and own.last.year >= first
    return any(first <= y <= last for y in passage.years)


def rank_class(
    passage: Passage,
    document: Document | None,
    island_id: str | None,
    year_from: int,
    year_to: int,
    day: date | None = None,
) -> float:
    """The points of what a passage is: a primary text of the time naming the island (its own
    date in the span and within PRIMARY_REACH years of the day), a passage naming the island,
    or one naming only the four islands as a group."""
    if not names_island(passage, island_id):
        return GROUP_POINTS
    day = day or middle_day(year_from, year_to)
    first, last = max(year_from, day.year - PRIMARY_REACH), min(year_to, day.year + PRIMARY_REACH)
    if is_primary(document) and is_text_of_the_time(document, passage, first, last):
        return PRIMARY_POINTS
    return NAMED_POINTS


_READING_BETWEEN = re.compile(r"\s*[(（]\s*")  # 国後島(くなしりとう): a name and its reading


def mentions(passage: Passage, matches: Sequence[Match]) -> int:
    """How many times the matches name something, a name and its reading in brackets
    right after it counting once."""
    count, previous = 0, None
    for m in matches:
        between = passage.text[previous.end : m.start] if previous is not None else ""
        same = previous is not None and previous.value == m.value
        if not (same and _READING_BETWEEN.fullmatch(between)):
            count += 1
        previous = m
    return count


def strength(passage: Passage, island_id: str | None) -> float:
    """0 to 1: how often the passage names the island (its group, for a group passage)."""
    found = island_matches(passage, island_id)
    own = [m for m in found if island_id is None or m.value == island_id]
    return min(mentions(passage, own or found), STRENGTH_CAP) / STRENGTH_CAP


def within_class(
    passage: Passage, island_id: str | None, day: date, document: Document | None
) -> float:
    """Up to 6 points for the closeness of the passage's days to `day` (halved when only a
    publication date dates it) and up to 1 for island strength: the order within a class.
    Halved again for a text whose source a reader cannot look up (no URL, no publisher)."""
    near = closeness(passage_stretches(passage, document), day)
    if passage.year_source != "text" and not is_primary(document):
        near *= DOCUMENT_DATE_FACTOR
    points = CLOSENESS_POINTS * near + STRENGTH_POINTS * strength(passage, island_id)
    return points if document is None or has_source(document) else points * UNSOURCED_FACTOR


def score_passage(
    passage: Passage,
    island_id: str | None,
    year_from: int,
    year_to: int,
    day: date | None = None,
    document: Document | None = None,
) -> float:
    """Class points (the span's primary text naming the island 20, a passage naming it 10, a
    group passage 0), plus up to 6 for closeness of its days to `day` (default: the middle of
    the span) and up to 1 for island strength (`within_class`). The classes never mix:
    closeness and strength only order passages within one class."""
    day = day or middle_day(year_from, year_to)
    points = rank_class(passage, document, island_id, year_from, year_to, day)
    return round(points + within_class(passage, island_id, day, document), 3)


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
    day: date | None = None,
) -> list[Excerpt]:
    """Passages on `island_id` (None: any of the four) whose years meet [year_from, year_to],
    best first for `day` (default: the middle of the span); ties keep document and passage
    order, so results are deterministic."""
    if year_from > year_to:
        raise ValueError(f"year_from {year_from} is after year_to {year_to}")
    island = island_filter(island_id)
    ranked = ranked_excerpts(
        documents, island, year_from, year_to, day or middle_day(year_from, year_to)
    )
    return ranked if limit is None else ranked[: max(limit, 0)]


def ranked_excerpts(
    documents: Iterable[Document],
    island: str | None,
    year_from: int,
    year_to: int,
    day: date,
    known: dict[int, float] | None = None,
) -> list[Excerpt]:
    """select_excerpts for a resolved island; `known` keeps each passage's within-class points
    (which depend on the day, not the span) while several spans are tried for one day."""
    known = {} if known is None else known
    found = []
    for doc in documents:
        for p in doc.passages:
            if not is_relevant(p, island, year_from, year_to):
                continue
            if id(p) not in known:
                known[id(p)] = within_class(p, island, day, doc)
            points = rank_class(p, doc, island, year_from, year_to, day)
            found.append(
                Excerpt(
                    passage=p,
                    document=doc,
                    score=round(points + known[id(p)], 3),
                    segments=highlight(p, island, year_from, year_to),
                    sources=[doc],
                    group=island is not None and not names_island(p, island),
                )
            )
    # sorted() is stable: equal scores stay in document and passage order.
    return sorted(found, key=lambda e: -e.score)


# ---------------------------------------------------------------- one clause, several languages


def one_language(excerpts: Sequence[Excerpt], lang: str) -> list[Excerpt]:
    """Each clause once: of the versions of one clause (Shimoda Art. 2 in English, Japanese and
    Russian), the reader's language (else English, else the best-ranked) is shown at the rank
    of the best version, the others folded under it as `translations`. Other passages of the
    shown version keep their own ranks; documents that are no clause are left as they are."""
    members: dict[str, list[Excerpt]] = {}
    for e in excerpts:
        family = clause_family(e.document)
        if family is not None:
            members.setdefault(family, []).append(e)
    shown_language = {
        family: next(
            (want for want in (lang, "en") if any(e.document.language == want for e in group)),
            group[0].document.language,
        )
        for family, group in members.items()
    }
    out: list[Excerpt] = []
    placed: set[str] = set()
    for e in excerpts:
        family = clause_family(e.document)
        if family is None:
            out.append(e)
            continue
        shown = [m for m in members[family] if m.document.language == shown_language[family]]
        if family not in placed:
            placed.add(family)
            others = [m for m in members[family] if all(m is not x for x in shown)]
            out.append(replace(shown[0], score=e.score, translations=others))
        elif any(e is x for x in shown[1:]):
            out.append(e)
    return out


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


def full_citation_markdown(document: Document, perspective_name: Callable[[str], str] = str) -> str:
    """'*Title* — Author, Publisher, date. <url> (perspective)', escaped; the URL only if
    it is http(s), written out so it survives printing. `perspective_name`: the perspective
    in the reader's language (the caller translates; as written by default)."""
    title = escape_markdown(document.title or f"Untitled document ({document.id})")
    details = ", ".join(
        escape_markdown(x) for x in (document.author, document.publisher, document.date) if x
    )
    text = f"*{title}*" + (f" — {details}" if details else "") + "."
    link = safe_url(document.url)
    if link:
        text += f" <{link.replace('<', '%3C').replace('>', '%3E')}>"
    return text + f" ({escape_markdown(perspective_name(perspective(document)))})"


def excerpts_markdown(
    excerpts: Iterable[Excerpt],
    heading: str,
    group_label: str = GROUP_LABEL,
    perspective_name: Callable[[str], str] = str,
    nothing: str = "No passage found.",
) -> str:
    """The excerpts as a Markdown handout: each quoted, then every source with its full
    citation. Document text is escaped (escape_markdown), so nothing in it becomes a
    link, HTML or formatting wherever the file is opened; the panel's download button and
    `kuril-map excerpts --format markdown` both use this."""
    out = [f"# {escape_markdown(heading)}", ""]
    items = list(excerpts)
    if not items:
        out.append(nothing)  # the app's own words (translated), not a document's
    for number, excerpt in enumerate(items, start=1):
        quoted = _bold_markdown(excerpt.segments).replace("  \n", "  \n> ")
        out += [f"## {number}.", ""]
        if excerpt.group:
            out += [f"*{escape_markdown(group_label)}*", ""]
        out += [f"> {quoted}", ""]
        out += [f"- {full_citation_markdown(d, perspective_name)}" for d in excerpt.all_sources]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------- the page's boxes
# The sources panel shows each clause and excerpt as a bordered box: the passage with its
# matches marked, each source's citation, an optional label above it, and the same text in
# other languages folded under it. `Block` is that box as plain data; `boxes_html` writes all
# of them as one piece of HTML for the page (one element to send and draw, not one or more per
# excerpt). Every string from a document is escaped (`html.escape`) into a text node or a
# quoted attribute, so none of it is read as markup; a link is made only from an http(s)
# address (`safe_url`). Styles: kuril_map/ui/css/sources.css.

Block = dict[str, Any]
Segments = list[list[Any]]  # [[text, highlighted], ...]; they join back into the text


@dataclass(frozen=True)
class BlockWords:
    """The panel's own words around the documents' text, already in the reader's language
    (this module does not translate)."""

    clause_heading: str  # "Primary source: the clause behind this line"
    group: str  # "Speaks of the four islands as a group"
    perspective: str  # "Perspective: {name}"
    same_text_in: str  # "The same text in: {languages}"
    languages: Callable[[Sequence[Document]], str]  # "日本語, Русский"
    untitled: str = "Untitled document"
    source: str = "source"  # the label of a source's link
    perspective_name: Callable[[str], str] = str  # a document's perspective, as the reader reads it


def citation_data(doc: Document, words: BlockWords) -> dict[str, Any]:
    """Title, then publisher and date, the http(s) address (or None) and the perspective."""
    return {
        "title": doc.title or words.untitled,
        "details": ", ".join(b for b in (doc.publisher, doc.date) if b),
        "url": safe_url(doc.url),
        "link": words.source,
        "perspective": words.perspective.format(name=words.perspective_name(perspective(doc))),
    }


def _marked(segments: Sequence[tuple[str, bool]]) -> Segments:
    """Marked only where there is something to see (as the Markdown panel did)."""
    return [[text, bool(hit and text.strip())] for text, hit in segments]


def _plain(doc: Document) -> list[Segments]:
    return [[[p.text, False]] for p in doc.passages]


def _more(items: list[Block], docs: Sequence[Document], words: BlockWords) -> Block | None:
    if not items:
        return None
    return {"label": words.same_text_in.format(languages=words.languages(docs)), "items": items}


def excerpt_block(excerpt: Excerpt, words: BlockWords) -> Block:
    """An excerpt: the passage with its matches marked, every source quoting it, and its
    other languages folded under it; labelled when it speaks of the four islands as a group."""
    others = [
        {
            "lang": t.document.language,
            "paragraphs": [_marked(t.segments)],
            "sources": [citation_data(t.document, words)],
        }
        for t in excerpt.translations
    ]
    return {
        "kind": "excerpt",
        "heading": None,
        "label": words.group if excerpt.group else None,
        "lang": excerpt.document.language,
        "paragraphs": [_marked(excerpt.segments)],
        "sources": [citation_data(d, words) for d in excerpt.all_sources],
        "more": _more(others, [t.document for t in excerpt.translations], words),
    }


def clause_block(doc: Document, translations: Sequence[Document], words: BlockWords) -> Block:
    """A treaty clause behind a line on the map, labelled as a primary source, its passages
    as they are; its other languages folded under it."""
    others = [
        {"lang": d.language, "paragraphs": _plain(d), "sources": [citation_data(d, words)]}
        for d in translations
    ]
    return {
        "kind": "clause",
        "heading": words.clause_heading,
        "label": None,
        "lang": doc.language,
        "paragraphs": _plain(doc),
        "sources": [citation_data(doc, words)],
        "more": _more(others, translations, words),
    }


def _text(text: str) -> str:
    """A string from anywhere (a document above all) as HTML text: shown, never read as markup."""
    return html.escape(text, quote=True)


def _tag(name: str, content: str = "", **attributes: str | None) -> str:
    """<name a="v" ...>content</name>: `content` is HTML built here (escaped text and tags);
    every attribute value is escaped, and an attribute that is None is left out."""
    attrs = "".join(
        f' {key.rstrip("_")}="{_text(value)}"' for key, value in attributes.items() if value
    )
    return f"<{name}{attrs}>{content}</{name}>"


def _paragraph(segments: Segments, lang: str | None) -> str:
    content = "".join(
        _tag("mark", _text(text), class_="km-src-hit") if hit else _text(text)
        for text, hit in segments
    )
    return _tag("p", content, class_="km-src-text", lang=lang)


def _citation(c: dict[str, Any]) -> str:
    """A citation: title — publisher, date · source · perspective; the link only to http(s)."""
    content = _tag("cite", _text(c["title"])) + _text(f" — {c['details']}" if c["details"] else "")
    url = safe_url(c["url"])
    if url:
        link = {"href": url, "target": "_blank", "rel": "noopener noreferrer"}
        content += _text(" · ") + _tag("a", _text(c["link"]), class_="km-src-link", **link)
    return _tag("p", content + _text(" · " + c["perspective"]), class_="km-src-cite")


def _body(item: Block) -> str:
    return "".join(_paragraph(p, item["lang"]) for p in item["paragraphs"]) + "".join(
        _citation(c) for c in item["sources"]
    )


def box_html(block: Block) -> str:
    """One box: its heading or label, the passage and citations, the other languages folded."""
    content = ""
    if block["heading"]:
        content += _tag("p", _text(block["heading"]), class_="km-src-heading")
    if block["label"]:
        content += _tag("p", _text(block["label"]), class_="km-src-label")
    content += _body(block)
    if block["more"]:
        items = "<hr>".join(_body(item) for item in block["more"]["items"])
        summary = _tag("summary", _text(block["more"]["label"]))
        content += _tag("details", summary + items, class_="km-src-more")
    return _tag("article", content, class_=f"km-src-block km-src-{block['kind']}")


def boxes_html(blocks: Iterable[Block]) -> str:
    """All the boxes, in order, as one piece of HTML."""
    return _tag("div", "".join(box_html(b) for b in blocks), class_="km-src")
