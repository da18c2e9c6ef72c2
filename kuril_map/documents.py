"""Load source documents: front matter, page-furniture cleaning, metadata inference, passages.

A document is a UTF-8 .txt or .md file: an optional front matter block (`---` ... `---` of
`key: value` lines), then the text. Whatever the front matter leaves out is inferred from the
text where it says so itself (headline, dateline, "Last news in X"), never invented. Cleaning
rules are a short list of named, generic patterns; see docs/DOCUMENTS.md.

A bad file never stops the others: it becomes a one-line problem naming the file (and line).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kuril_map import paths
from kuril_map.tagging import Match, tag_text

MAX_BYTES = 1_000_000  # a document larger than this is refused (1 MB)
SUFFIXES = (".txt", ".md")
FRONT_MATTER_KEYS = (
    "title",
    "publisher",
    "author",
    "date",
    "url",
    "language",
    "perspective",
    "kind",
    "note",
    "clause_id",
    "lines",
    "licence",
)
LANGUAGES = ("en", "ja", "ru")
KINDS = ("article", "analysis", "editorial", "primary source")
MAX_PASSAGE_SENTENCES = 4
MAX_PASSAGE_CHARS = 600
HEADING_MAX_CHARS = 100  # an unpunctuated line at most this long is a heading
HEADLINE_MAX_CHARS = 200  # an unpunctuated first line at most this long is the title
FRAGMENT_MAX_CHARS = 25  # a punctuated line shorter than this joins the next paragraph


class DocumentError(ValueError):
    """A file that cannot be read as a document; the message names the file and the line."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {problem}")
        self.file, self.line, self.problem = file, line, problem


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


@dataclass(frozen=True)
class LoadResult:
    """Documents that loaded, and one message for each file that did not."""

    documents: list[Document]
    problems: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- front matter


def _unquote(value: str, file: str, line: int) -> str:
    """Strip one pair of matching quotes; a quote left open is an error, not part of the value."""
    if value and value[0] in "\"'":
        if len(value) < 2 or value[-1] != value[0]:
            raise DocumentError(file, f"quote opened but not closed: {value}", line)
        return value[1:-1].strip()
    return value


def _check_date(value: str, file: str, line: int) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    padded = value + "-01" * (2 - value.count("-"))
    try:
        ok = bool(re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value)) and bool(
            dt.date.fromisoformat(padded)
        )
    except ValueError:
        ok = False
    if not ok:
        raise DocumentError(file, f"date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY", line)
    return value


def _check_value(key: str, value: str, file: str, line: int) -> str:
    """Validate the keys whose values have a fixed form."""
    if key == "date":
        return _check_date(value, file, line)
    if key == "language" and value not in LANGUAGES:
        raise DocumentError(file, f"language {value!r} is not one of {', '.join(LANGUAGES)}", line)
    if key == "kind" and value not in KINDS:
        raise DocumentError(file, f"kind {value!r} is not one of {', '.join(KINDS)}", line)
    if key == "url" and not re.match(r"https?://\S+$", value):
        raise DocumentError(file, f"url {value!r} must start with http:// or https://", line)
    if key in ("clause_id", "lines") and not re.fullmatch(
        r"[a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*", value
    ):
        raise DocumentError(
            file, f"{key} {value!r} must be ids of lowercase letters, digits and _", line
        )
    if key == "clause_id" and "," in value:
        raise DocumentError(file, f"clause_id {value!r} must be a single id", line)
    return value


def _parse_meta_line(text: str, file: str, line: int) -> tuple[str, str]:
    """One `key: value` line of front matter."""
    m = re.fullmatch(r"\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*", text)
    if not m:
        raise DocumentError(
            file, f"expected 'key: value' in front matter, got {text.strip()!r}", line
        )
    key = m.group(1).lower()
    if key not in FRONT_MATTER_KEYS:
        allowed = ", ".join(FRONT_MATTER_KEYS)
        raise DocumentError(file, f"unknown front matter key {key!r} (allowed: {allowed})", line)
    return key, _unquote(m.group(2), file, line)


def split_front_matter(text: str, file: str) -> tuple[dict[str, str], str]:
    """Split `text` into (metadata, body). No opening `---` line means no front matter."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise DocumentError(
            file, "front matter opened with '---' is never closed by a second '---' line", 1
        ) from None
    meta: dict[str, str] = {}
    for number, raw in enumerate(lines[1:close], start=2):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, value = _parse_meta_line(raw, file, number)
        if key in meta:
            raise DocumentError(file, f"front matter key {key!r} given twice", number)
        if value:
            meta[key] = _check_value(key, value, file, number)
    return meta, "\n".join(lines[close + 1 :])


# ---------------------------------------------------------------- dates in text

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "января", "январь"),
            ("feb", "february", "февраля", "февраль"),
            ("mar", "march", "марта", "март"),
            ("apr", "april", "апреля", "апрель"),
            ("may", "мая", "май"),
            ("jun", "june", "июня", "июнь"),
            ("jul", "july", "июля", "июль"),
            ("aug", "august", "августа", "август"),
            ("sep", "sept", "september", "сентября", "сентябрь"),
            ("oct", "october", "октября", "октябрь"),
            ("nov", "november", "ноября", "ноябрь"),
            ("dec", "december", "декабря", "декабрь"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORD = r"(?P<mon>[A-Za-zА-Яа-яЁё]{3,9})\.?"
# Full dates (day, month and year) in the forms news pages use, in three languages.
FULL_DATE_PATTERNS: tuple[str, ...] = (
    rf"{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})",
    rf"(?P<day>\d{{1,2}})\s+{_MONTH_WORD},?\s+(?P<year>\d{{4}})",
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})",
    r"(?P<year>\d{4})年\s*(?P<month>\d{1,2})月\s*(?P<day>\d{1,2})日",
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})",
)
_FULL_DATE_RES = tuple(re.compile(rf"(?<!\w)(?:{p})(?!\d)") for p in FULL_DATE_PATTERNS)


def _iso_date(m: re.Match[str]) -> str | None:
    """ISO form of a full-date match, or None when it is no real date."""
    groups = m.groupdict()
    month = _MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["month"])
    if month is None:
        return None
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def full_dates(text: str) -> list[str]:
    """Every full date written in `text`, as ISO strings, in order of appearance."""
    found = [(m.start(), _iso_date(m)) for regex in _FULL_DATE_RES for m in regex.finditer(text)]
    return [iso for _, iso in sorted(found) if iso]


# ---------------------------------------------------------------- cleaning


@dataclass(frozen=True)
class CleanRule:
    """A named kind of page furniture and what to drop when a line matches it.

    scope: "line" drops the line; "image" also drops a short credit caption right after it;
    "list" also drops the list items after it; "paragraph" drops the blank-line-separated
    block the line is in, when `also` matches somewhere in that block as well.
    fact: the metadata field the line's (?P<value>...) group gives ("publisher", "date"...).
    """

    name: str
    pattern: re.Pattern[str]
    scope: str = "line"
    fact: str | None = None
    also: re.Pattern[str] | None = None


def _rx(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# The same date forms without group names, to find a dateline inside a longer pattern.
_DATE_IN_LINE = re.sub(r"\(\?P<\w+>", "(?:", "|".join(f"(?:{p})" for p in FULL_DATE_PATTERNS))
CLEANING_RULES: tuple[CleanRule, ...] = (
    CleanRule(
        "moderation notice",
        _rx(r"plagiari|comment is in error"),
        "paragraph",
        also=_rx(r"blacklist|fraud|#appeals|discord"),
    ),
    CleanRule("image", _rx(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$"), "image"),
    CleanRule(
        "read in another language",
        _rx(
            r"^\s*(?:\S[^\n]{0,40}?で読む|read\s+(?:this\s+)?(?:article\s+|page\s+|story\s+)?in\s+\w+"
            r"|читать\s+(?:эту\s+статью\s+)?на\s+\w+(?:\s+языке)?)\s*[.!]?\s*$"
        ),
    ),
    CleanRule(
        "related links",
        _rx(
            r"^\s*(?:related(?:\s+(?:articles|stories|posts|reading|news))?|read\s+more|read\s+also"
            r"|see\s+also|関連記事|читайте\s+также)\s*[:：]?\s*$"
        ),
        "list",
    ),
    CleanRule("related link", _rx(r"^\s*(?:related|read\s+more|read\s+also)\s*:\s*\S.{0,200}$")),
    CleanRule("plagiarism source", _rx(r"^\s*source\s+of\s+potential\s+plagiarism\s*\d*\s*$")),
    CleanRule(
        "reveal comment", _rx(r"^[\s\u00a0·]*(?:\d+\s+\w+\s+ago)?[\s\u00a0·]*reveal\s+comment\s*$")
    ),
    CleanRule(
        "site header", _rx(r"^\s*last\s+news\s+in\s+(?P<value>\S.{0,60}?)\s*$"), fact="publisher"
    ),
    CleanRule(
        "author line",
        _rx(r"^\s*(?:author|written\s+by|by|автор|著者|筆者)\s*[:：]\s*(?P<value>\S.{1,120}?)\s*$"),
        fact="author",
    ),
    CleanRule(
        "relative time",
        _rx(
            r"^[\s\u00a0·]*(?:in\s+.{1,60}?)?\s*\d+\s*(?:(?:minute|hour|day|week|month|year)s?\s+ago"
            r"|(?:минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s+назад"
            r"|(?:分|時間|日|週間|か月|ヶ月|カ月|年)前)[\s\u00a0·]*$"
        ),
    ),
    CleanRule(
        "dateline",
        _rx(
            rf"^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?(?P<value>{_DATE_IN_LINE})"
            r"(?:\s*г(?:ода)?\.?)?(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d+)?\s*$"
        ),
        fact="date",
    ),
)
_CREDIT = _rx(r"©|\(c\)|\bphoto\b|\bcredit|\bcourtesy\b|\bsource:|写真|提供|фото")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+\S")
_NUMBERED_COPY = re.compile(r"^(?P<value>.+?)\s+[-–]\s+\d{1,2}$")


@dataclass
class Cleaned:
    """The text lines left after cleaning, facts the furniture gave, and what was removed."""

    lines: list[str]
    facts: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (rule name, line)


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _drop_paragraphs(lines: list[str], removed: list[tuple[str, str]]) -> list[str]:
    """Apply the paragraph rules to blank-line-separated blocks."""
    kept: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        text = "\n".join(block)
        rule = next((r for r in _PARAGRAPH_RULES if _paragraph_matches(r, text)), None)
        if rule:
            removed.extend((rule.name, b) for b in block)
        else:
            kept.extend(block)
        kept.append("")
        block = []
    return kept[:-1]


def _paragraph_matches(rule: CleanRule, text: str) -> bool:
    return bool(rule.pattern.search(text)) and (rule.also is None or bool(rule.also.search(text)))


_PARAGRAPH_RULES = tuple(r for r in CLEANING_RULES if r.scope == "paragraph")
_LINE_RULES = tuple(r for r in CLEANING_RULES if r.scope != "paragraph")


def _next_text_line(lines: list[str], i: int) -> int | None:
    """Index of the first non-blank line at or after i."""
    return next((j for j in range(i, len(lines)) if lines[j].strip()), None)


def _extent(rule: CleanRule, lines: list[str], i: int) -> int:
    """Index just past the lines `rule` removes when it matches line i."""
    end = i + 1
    if rule.scope == "image":
        j = _next_text_line(lines, end)
        if j is not None and j <= end + 1 and len(lines[j]) <= 160 and _CREDIT.search(lines[j]):
            end = j + 1
    elif rule.scope == "list":
        while (j := _next_text_line(lines, end)) is not None and _LIST_ITEM.match(lines[j]):
            end = j + 1
    return end


def _is_copy(line: str, seen: set[str]) -> str | None:
    """Name of the duplicate rule a line falls under: a repeated headline, plain or "- 1"."""
    numbered = _NUMBERED_COPY.match(line.strip())
    if numbered and _norm(numbered.group("value")) in seen:
        return "numbered headline copy"
    if len(line) <= 200 and _norm(line) in seen:
        return "repeated line"
    return None


def _line_rule(line: str) -> tuple[CleanRule, re.Match[str]] | None:
    """The first line rule matching `line`, with its match."""
    for rule in _LINE_RULES:
        m = rule.pattern.match(line)
        if m:
            return rule, m
    return None


def _apply(rule: CleanRule, m: re.Match[str], lines: list[str], i: int, out: Cleaned) -> int:
    """Record what `rule` removes from line i on (and any fact it gives); return the next index."""
    end = _extent(rule, lines, i)
    out.removed.extend((rule.name, x) for x in lines[i:end] if x.strip())
    value = m.groupdict().get("value")
    if rule.fact and value:
        out.facts.setdefault(rule.fact, value.strip())
    return end


def clean_text(body: str) -> Cleaned:
    """Remove page furniture from a document body; keep every other line, stripped of its
    surrounding whitespace only."""
    out = Cleaned(lines=[])
    lines = _drop_paragraphs(body.split("\n"), out.removed)
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        found = _line_rule(line)
        if found:
            i = _apply(*found, lines, i, out)
            continue
        copy = _is_copy(line, seen) if line.strip() else None
        if copy:
            out.removed.append((copy, line))
        elif line.strip():
            out.lines.append(line.strip())
            seen.add(_norm(line))
        i += 1
    return out


# ---------------------------------------------------------------- metadata from the text

_TERMINAL = ".!?。！？…:;"
_CLOSERS = "\"'”’»)）」』]"


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS)[-1:] in tuple(_TERMINAL)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a headline or section heading."""
    text = line.strip().lstrip("#").strip()
    return bool(text) and len(text) <= HEADING_MAX_CHARS and not _ends_sentence(text)


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
    if len(first) <= HEADLINE_MAX_CHARS and not _ends_sentence(first):
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


# ---------------------------------------------------------------- passages

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
    return not _ends_sentence(previous) and (line[:1].islower() or previous[-1:] in ",-–—")


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


# ---------------------------------------------------------------- reading files


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
    if meta.get("title") and lines and _norm(lines[0].lstrip("#")) == _norm(meta["title"]):
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
