"""Front matter: the `---` block of `key: value` lines that opens a document.

Values are checked as they are read (dates, languages, kinds), so a typo becomes a message
naming the file and the line, never a silently wrong citation.
"""

from __future__ import annotations

import datetime as dt
import re

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


class DocumentError(ValueError):
    """A file that cannot be read as a document; the message names the file and the line."""

    def __init__(self, file: str, problem: str, line: int | None = None) -> None:
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {problem}")
        self.file, self.line, self.problem = file, line, problem


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
