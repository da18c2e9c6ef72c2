"""Cleaning: the page furniture news pages carry (image lines, "read this in…" links, related
lists, plagiarism notices) removed by a short list of named, generic rules; see docs/DOCUMENTS.md.

The furniture sometimes says what the text does not (a dateline, an author line): those facts
are kept for the metadata, and every removed line is recorded with the rule that removed it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

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


def full_date_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every full date written in `text`, in order of appearance."""
    found = [
        (m.start(), m.end(), _iso_date(m)) for regex in _FULL_DATE_RES for m in regex.finditer(text)
    ]
    return [(start, end, iso) for start, end, iso in sorted(found) if iso]


def full_dates(text: str) -> list[str]:
    """Every full date written in `text`, as ISO strings, in order of appearance."""
    return [iso for _, _, iso in full_date_spans(text)]


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


def norm_line(line: str) -> str:
    """A line compared without case and runs of spaces (furniture repeats with small changes)."""
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
    if numbered and norm_line(numbered.group("value")) in seen:
        return "numbered headline copy"
    if len(line) <= 200 and norm_line(line) in seen:
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
            seen.add(norm_line(line))
        i += 1
    return out
