"""Passages: a document's text cut into a few sentences each, tagged with the islands and
years they speak of. A passage is what the excerpt panel shows and cites.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kuril_map.documents.tagging import Match, tag_text

MAX_PASSAGE_SENTENCES = 4
MAX_PASSAGE_CHARS = 600
HEADING_MAX_CHARS = 100  # an unpunctuated line at most this long is a heading
FRAGMENT_MAX_CHARS = 25  # a punctuated line shorter than this joins the next paragraph


@dataclass(frozen=True)
class Passage:
    """A few sentences of one document, with what the tagger found in them."""

    doc_id: str
    index: int
    text: str
    islands: frozenset[str]
    years: frozenset[int]
    year_source: str  # "text" | "document date" | "none"
    matches: list[Match]
    heading: str | None = None  # the section heading above the passage, if any


_TERMINAL = ".!?。！？…:;"
_CLOSERS = "\"'”’»)）」』]"


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a sentence (closing quotes and brackets aside)."""
    return line.rstrip().rstrip(_CLOSERS)[-1:] in tuple(_TERMINAL)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a headline or section heading."""
    text = line.strip().lstrip("#").strip()
    return bool(text) and len(text) <= HEADING_MAX_CHARS and not ends_sentence(text)


# Words after which a full stop does not end a sentence ("Feb. 12", "1855 г.", "о. Итуруп").
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "gen", "lt", "col", "gov", "sen"),
        *("rep", "jr", "sr", "inc", "co", "corp", "approx", "fig", "e.g", "i.e", "u.s", "u.k"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("г", "гг", "т.е", "др", "им", "см", "ст", "о", "обл", "р", "англ", "яп", "u.n"),
    }
)
_SENTENCE_BREAK = re.compile(
    r"[.!?][\"'”’»)]*\s+(?=[\"“„‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9\u3040-\u30ff\u3400-\u9fff])|[。！？][」』）]*"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not breaking after abbreviations ("Feb. 12", "1855 г.")."""
    sentences, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        # Only the word before the stop matters; a short window keeps long texts linear.
        before = re.search(r"(\S+)$", text[max(start, m.start() - 12) : m.start()])
        word = before.group(1).lower().strip("(\"'“‘") if before else ""
        if text[m.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        sentences.append(text[start : m.end()].strip())
        start = m.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def cut_long(sentence: str) -> list[str]:
    """Cut text with no sentence end for too long (a list, unpunctuated text) at a space or
    comma, so no passage grows without bound."""
    pieces, start, limit = [], 0, MAX_PASSAGE_CHARS
    while len(sentence) - start > limit:
        window = sentence[start : start + limit]
        cut = max(window.rfind(c) for c in " 、，,")
        end = start + (cut + 1 if cut > limit // 2 else limit)
        pieces.append(sentence[start:end].strip())
        start = end
    pieces.append(sentence[start:].strip())
    return [p for p in pieces if p]


def cap_paragraph(text: str) -> list[str]:
    """Split a long paragraph at sentence boundaries into nearly equal chunks of a few sentences."""
    sentences = [piece for s in split_sentences(text) for piece in cut_long(s)]
    if len(text) <= MAX_PASSAGE_CHARS and len(sentences) <= MAX_PASSAGE_SENTENCES:
        return [text]
    chunks = max(
        math.ceil(len(sentences) / MAX_PASSAGE_SENTENCES), math.ceil(len(text) / MAX_PASSAGE_CHARS)
    )
    chunks = min(chunks, len(sentences))
    size = math.ceil(len(sentences) / chunks)
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence (lowercase start, or a comma
    or hyphen at its end). An unpunctuated line before a capital is a heading, not a wrap."""
    return not ends_sentence(previous) and (line[:1].islower() or previous[-1:] in ",-–—")


def _unwrap(lines: Iterable[str]) -> list[str]:
    """Join hard-wrapped lines back into one paragraph line."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def paragraphs(lines: list[str]) -> list[tuple[str | None, str]]:
    """(heading, paragraph) pairs: headings leave the text and label the paragraph after them;
    a very short line joins the paragraph after it; each paragraph is capped in length."""
    result: list[tuple[str | None, str]] = []
    heading: str | None = None
    prefix = ""
    for line in _unwrap(lines):
        if is_heading(line):
            heading = line.lstrip("#").strip()
        elif len(line) < FRAGMENT_MAX_CHARS:
            prefix += line + " "
        else:
            result.extend((heading, chunk) for chunk in cap_paragraph(prefix + line))
            heading, prefix = None, ""
    if prefix:  # short lines at the very end are still text
        result.append((heading, prefix.strip()))
    return result


def build_passages(doc_id: str, lines: list[str], year: int | None) -> list[Passage]:
    """Tag each paragraph; a passage without a year of its own takes the document's year."""
    passages = []
    for index, (heading, text) in enumerate(paragraphs(lines)):
        tags = tag_text(text, year)
        passages.append(
            Passage(
                doc_id,
                index,
                text,
                tags.islands,
                tags.years,
                tags.year_source,
                tags.matches,
                heading,
            )
        )
    return passages
