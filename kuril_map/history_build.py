"""Read the history written in data/history/ (TOML), check it, and consolidate it as JSON.

The format is docs/HISTORY.md. Everything a reader sees must carry a source, exist in three
languages, use known territories and states on days they existed, and keep loaded words inside
an attribution to their holder (docs/GLOSSARY.md). This module collects *every* problem it
finds, each naming the file, the entry and the key, so a historian fixes them in one pass; then
it resolves each territory's periods (control periods cut by claims) so that the runtime
(`kuril_map.history`) only looks days up. Used by scripts/build_history.py and the tests.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kuril_map.history import FORMAT, LANGS, today
from kuril_map.islands import GROUPS as TERRITORY_GROUPS
from kuril_map.islands import TERRITORY_IDS

START = date(1644, 1, 1)
QUOTE_MAX = 400
# Territories and groups are data/territories.toml's (one list for the map, names and history).
GROUPS: dict[str, tuple[str, ...]] = {g.id: g.members for g in TERRITORY_GROUPS.values()}
SOURCE_KINDS = ("official", "primary", "scholarly", "encyclopedia", "news", "other")
EVENT_KINDS = ("treaty", "declaration", "military", "administration", "people", "talks", "other")
LINE_KINDS = ("agreed border", "line of control", "claim", "hypothetical")
ADMIN_SPECIAL = ("none", "undivided")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WHAT_RE = re.compile(r"^[a-z][a-z0-9_]*$")

LEGEND = {
    "dates": (
        "Days are ISO YYYY-MM-DD (Gregorian). A *_precision of 'month' or 'year' means the "
        "sources give only that much: show the date no more precisely. A start on a partial "
        "date is its first day; an end ('end', 'to') on a partial date is its last day."
    ),
    "territories": (
        "Per territory, `periods`: consecutive intervals [start, end] (end null = still) on "
        "which administered_by, undivided_between and claimed_by are constant. "
        "administered_by is a state id, 'none' (no state governed it) or 'undivided' (shared "
        "by undivided_between, with no border). claimed_by: other states claiming it then. "
        "note and sources are those of the control period; claims indexes `claims`."
    ),
    "status": "The status on a day is the status at the end of that day.",
    "text": "Every text is {en, ja, ru}. Quotes stay in their own language, in sources only.",
    "sources": "Each statement's sources: [{ref, where, quote?}]; ref is a key of `sources`.",
    "events": "Sorted by start day; `era` is the era in force on the start day.",
    "lines": "`geometry` is the line id in data/geo/boundaries.geojson to draw.",
}


class HistoryError(ValueError):
    """The history has problems; the message lists each, naming file, entry and key."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s) in the history:\n" + "\n".join(errors))


@dataclass(frozen=True)
class When:
    """A date as written, resolved to its first and last day."""

    raw: str
    first: date
    last: date
    precision: str


@dataclass
class Report:
    """Problems found so far: errors refuse the build, warnings are only printed."""

    root: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def name(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, loc: str, key: str, problem: str) -> None:
        self.errors.append(f"{loc}: {key}: {problem}" if key else f"{loc}: {problem}")

    def warn(self, loc: str, key: str, problem: str) -> None:
        self.warnings.append(f"{loc}: {key}: {problem}" if key else f"{loc}: {problem}")


# --- Glossary lint ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintRules:
    """One language's rules: loaded words need an attribution marker in the same sentence."""

    loaded: tuple[str, ...]
    caution: tuple[str, ...]
    neutral: tuple[str, ...]  # phrases that contain a loaded word but are not loaded
    markers: tuple[str, ...]


_EN_ABBREVIATIONS = {
    "st", "art", "arts", "no", "nos", "vol", "p", "pp", "cf", "e.g", "i.e", "mr", "dr",
    "gen", "adm", "lt", "capt", "ca", "approx", "jan", "feb", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "u.s.s.r",
}  # fmt: skip
_RU_ABBREVIATIONS = {"г", "гг", "ст", "см", "им", "св", "с", "п", "т.е", "т.д", "др", "т", "д"}


@functools.lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str, lang: str) -> re.Pattern[str]:
    """A glossary phrase as a regex: case-insensitive, `*` = any letters, whole words (en/ru)."""
    body = r"\w*".join(re.escape(part) for part in phrase.split("*"))
    body = body.replace(r"\ ", r"\s+")
    if lang == "ja":
        return re.compile(body)
    tail = "" if phrase.endswith("*") else r"(?!\w)"
    return re.compile(rf"(?<!\w){body}{tail}", re.IGNORECASE)


def split_sentences(text: str, lang: str) -> list[str]:
    """Sentences of a text; errs on keeping sentences together (abbreviations, initials)."""
    if lang == "ja":
        return [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]
    abbreviations = _RU_ABBREVIATIONS if lang == "ru" else _EN_ABBREVIATIONS
    sentences, start = [], 0
    for m in re.finditer(r"[.!?…]+[»”\"')]*\s+(?=[«“\"'(]?[A-ZА-ЯЁ])", text):
        word = re.search(r"([\w.]+)[.!?…]+[»”\"')]*\s+$", text[start : m.end()])
        token = word.group(1).lower().rstrip(".") if word else ""
        if m.group().startswith(".") and (token in abbreviations or len(token) == 1):
            continue
        sentences.append(text[start : m.end()].strip())
        start = m.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def lint_text(text: Mapping[str, str], rules: Mapping[str, LintRules]) -> list[tuple[str, str]]:
    """(level, message) for each sentence with a loaded word and no attribution marker;
    level is 'error' for loaded words and 'warning' for words to use with caution."""
    found = []
    for lang, value in text.items():
        if lang not in rules or not isinstance(value, str):
            continue
        r = rules[lang]
        for sentence in split_sentences(value, lang):
            plain = sentence
            for phrase in r.neutral:
                plain = _phrase_pattern(phrase, lang).sub(" ", plain)
            if any(_phrase_pattern(m, lang).search(sentence) for m in r.markers):
                continue
            for level, words in (("error", r.loaded), ("warning", r.caution)):
                for word in words:
                    hit = _phrase_pattern(word, lang).search(plain)
                    if hit:
                        found.append(
                            (
                                level,
                                f"{lang}: {'loaded' if level == 'error' else 'caution'} word "
                                f"{hit.group()!r} outside an attribution (add who holds it, "
                                f"e.g. 'Japan holds that…'; see docs/GLOSSARY.md) in: {sentence}",
                            )
                        )
    return found


def read_lint_rules(path: Path, report: Report) -> dict[str, LintRules]:
    """The [lint.<lang>] tables of glossary.toml; missing file: a warning and no lint."""
    loc = report.name(path)
    if not path.exists():
        report.warn(loc, "", "missing: loaded words are not checked")
        return {}
    doc = _read_toml(path, report)
    lint = doc.get("lint", {}) if doc else {}
    rules = {}
    for lang in LANGS:
        table = lint.get(lang)
        if not isinstance(table, dict):
            report.error(loc, f"lint.{lang}", "missing table")
            continue
        lists = {}
        for key in ("loaded", "caution", "neutral", "markers"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                report.error(loc, f"lint.{lang}.{key}", "must be a list of non-empty strings")
                value = []
            lists[key] = tuple(value)
        rules[lang] = LintRules(**lists)
    for i, term in enumerate(doc.get("term", []) if doc else []):
        for lang in LANGS:
            if not isinstance(term.get(lang), str) or not term[lang].strip():
                report.error(loc, f"term[{i}].{lang}", "missing or empty")
    return rules


# --- Reading ------------------------------------------------------------------------------------


def _read_toml(path: Path, report: Report) -> dict[str, Any] | None:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        report.error(report.name(path), "", f"not valid TOML: {exc}")
    except UnicodeDecodeError:
        report.error(report.name(path), "", "not UTF-8")
    return None


def _read_tables(path: Path, report: Report, table: str, holds: str) -> dict[str, Any] | None:
    """A data file's TOML, each top-level key but `table` reported (a mistyped header would
    otherwise drop its entries without a word); None when the file cannot be read."""
    doc = _read_toml(path, report)
    if doc is None:
        return None
    for key in doc:
        if key != table:
            report.error(report.name(path), key, f"unknown top-level key (this {holds})")
    return doc


def _folder_entries(folder: Path, table: str, report: Report) -> list[tuple[str, int, dict]]:
    """(file name, index, entry) for every [[table]] in every *.toml of a folder."""
    out: list[tuple[str, int, dict]] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        doc = _read_tables(path, report, table, f"folder holds [[{table}]]")
        if doc is None:
            continue
        loc = report.name(path)
        entries = doc.get(table, [])
        if not isinstance(entries, list):
            report.error(loc, table, f"must be an array of tables: [[{table}]]")
            continue
        out.extend((loc, i, e) for i, e in enumerate(entries) if isinstance(e, dict))
    return out


# --- Checking values ----------------------------------------------------------------------------


class Checker:
    """Checks values in one context and records what was used (sources, texts to lint)."""

    def __init__(self, report: Report, sources: Mapping[str, Any], today_: date) -> None:
        self.report = report
        self.sources = sources
        self.today = today_
        self.used_sources: set[str] = set()
        self.texts: list[tuple[str, str, dict]] = []  # (loc, key, text) for the lint
        self.states: dict[str, dict[str, Any]] = {}

    def err(self, loc: str, key: str, problem: str) -> None:
        self.report.error(loc, key, problem)

    def keys(self, loc: str, entry: Mapping, required: Iterable[str], optional: Iterable[str]):
        required = tuple(required)
        allowed = set(required) | set(optional)
        for key in entry:
            if key not in allowed:
                self.err(loc, key, f"unknown key (expected: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in entry:
                self.err(loc, key, "missing")

    def string(self, loc: str, key: str, value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.err(loc, key, "must be a non-empty string")
            return None
        return value

    def text(self, loc: str, key: str, value: Any) -> dict[str, str] | None:
        """A {en, ja, ru} table, none empty; kept for the lint."""
        if not isinstance(value, dict):
            self.err(loc, key, "must be a table { en = …, ja = …, ru = … }")
            return None
        ok = True
        for lang in LANGS:
            v = value.get(lang)
            if not isinstance(v, str) or not v.strip():
                self.err(loc, f"{key}.{lang}", "missing or empty")
                ok = False
        for lang in value:
            if lang not in LANGS:
                self.err(loc, f"{key}.{lang}", f"unknown language (expected {', '.join(LANGS)})")
                ok = False
        if not ok:
            return None
        text = {lang: value[lang].strip() for lang in LANGS}
        self.texts.append((loc, key, text))
        return text

    def refs(self, loc: str, key: str, value: Any) -> list[dict[str, str]]:
        """Source references: at least one; known ref, a `where`, a quote of ≤ 400 chars."""
        if not isinstance(value, list) or not value:
            self.err(loc, key, "no source: every statement needs at least one { ref, where }")
            return []
        out = []
        for i, ref in enumerate(value):
            k = f"{key}[{i}]"
            if not isinstance(ref, dict):
                self.err(loc, k, "must be a table { ref = …, where = … }")
                continue
            self.keys(loc, {f"{k}.{x}": 1 for x in ref}, (), (f"{k}.{x}" for x in _REF_KEYS))
            rid, where, quote = ref.get("ref"), ref.get("where"), ref.get("quote")
            if not isinstance(rid, str) or not rid:
                self.err(loc, f"{k}.ref", "missing")
                continue
            if rid not in self.sources:
                self.err(loc, f"{k}.ref", f"unknown source {rid!r} (not in data/sources/history/)")
            self.used_sources.add(rid)
            if not isinstance(where, str) or not where.strip():
                self.err(loc, f"{k}.where", "missing: name the passage, article, page or section")
                continue
            item = {"ref": rid, "where": where.strip()}
            if quote is not None:
                if not isinstance(quote, str) or not quote.strip():
                    self.err(loc, f"{k}.quote", "must be a non-empty string when given")
                elif len(quote) > QUOTE_MAX:
                    self.err(loc, f"{k}.quote", f"{len(quote)} characters; at most {QUOTE_MAX}")
                else:
                    item["quote"] = quote.strip()
            out.append(item)
        return out

    def when(self, loc: str, key: str, value: Any, *, interval: bool = False) -> When | None:
        """A date (YYYY, YYYY-MM, YYYY-MM-DD; with `interval`, also a/b) not after today."""
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            self.err(loc, key, 'missing date (write it in quotes: "YYYY-MM-DD")')
            return None
        raw = value.strip()
        parts = raw.split("/")
        if len(parts) > 2 or (len(parts) == 2 and not interval):
            self.err(loc, key, f"bad date {raw!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        ends = [_parse_date(p) for p in parts]
        if any(e is None for e in ends):
            expected = "YYYY, YYYY-MM, YYYY-MM-DD" + (" or an interval a/b" if interval else "")
            self.err(loc, key, f"bad date {raw!r}: expected {expected}")
            return None
        (first, _, p1), (_, last, p2) = ends[0], ends[-1]
        if (p1 == "day") != (p2 == "day"):
            self.err(loc, key, f"bad interval {raw!r}: both ends full days or both partial")
            return None
        if last < first:
            self.err(loc, key, f"bad interval {raw!r}: ends before it starts")
            return None
        if first > self.today or last > self.today:
            self.err(loc, key, f"{raw} is after today ({self.today.isoformat()})")
            return None
        precision = p1 if PRECISION_RANK[p1] >= PRECISION_RANK[p2] else p2
        return When(raw, first, last, precision)

    def until(self, loc: str, key: str, value: Any) -> When | None:
        """A `to` date: "" (still held) or a date, read as its last day."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.when(loc, key, value)

    def territories(self, loc: str, key: str, value: Any, allow_empty: bool = False):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.err(loc, key, "must be a list of territory ids")
            return []
        if not value and not allow_empty:
            self.err(loc, key, "empty: name at least one territory")
        out: list[str] = []
        for v in value:
            if v.startswith("group:"):
                group = GROUPS.get(v[6:])
                if group is None:
                    known = ", ".join(f"group:{g}" for g in GROUPS)
                    self.err(loc, key, f"unknown group {v!r} (known: {known})")
                    continue
                out.extend(t for t in group if t not in out)
            elif v not in TERRITORY_IDS:
                self.err(loc, key, f"unknown territory {v!r} (see docs/HISTORY.md, Territories)")
            elif v not in out:
                out.append(v)
        return out

    def state(self, loc: str, key: str, value: Any, first: date, last: date | None) -> bool:
        """A known state that existed on every day from `first` to `last` (None: today)."""
        if not isinstance(value, str) or value not in self.states:
            known = ", ".join(self.states)
            self.err(loc, key, f"unknown state {value!r} (known: {known})")
            return False
        s = self.states[value]
        shown = last.isoformat() if last else f"today ({self.today.isoformat()})"
        last = last or self.today
        s_first, s_last = s.get("first"), s.get("last")
        if (s_first and first < s_first) or (s_last and last > s_last):
            span = f"{s_first or '…'} to {s_last or 'today'}"
            self.err(
                loc,
                key,
                f"state {value!r} used from {first} to {shown}, outside its dates ({span})",
            )
            return False
        return True


_REF_KEYS = ("ref", "where", "quote")
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _parse_date(text: str) -> tuple[date, date, str] | None:
    """'1945' -> (1945-01-01, 1945-12-31, 'year'); None when it is not a real date."""
    m = _DATE_RE.match(text.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return day, day, "day"
        if mo:
            month = int(mo)
            return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1]), "month"
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:
        return None


# --- The files ----------------------------------------------------------------------------------


def read_sources(folder: Path, report: Report) -> dict[str, dict[str, Any]]:
    """Every [source.<id>] of data/sources/history/*.toml, checked."""
    sources: dict[str, dict[str, Any]] = {}
    where_defined: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        doc = _read_tables(path, report, "source", "folder holds [source.<id>]")
        if doc is None:
            continue
        loc = report.name(path)
        for sid, entry in (doc.get("source") or {}).items():
            eloc = f"{loc}: [source.{sid}]"
            if not isinstance(entry, dict):
                report.error(eloc, "", "must be a table")
                continue
            if sid in where_defined:
                # One entry per source, so a reviewer never weighs two versions of it.
                report.error(eloc, "", f"source id already defined in {where_defined[sid]}")
                continue
            where_defined[sid] = loc
            sources[sid] = _check_source(eloc, entry, report)
    return sources


def _check_source(loc: str, entry: dict, report: Report) -> dict[str, Any]:
    required = ("title", "publisher", "url", "kind", "language")
    for key in entry:
        if key not in (*required, "date", "note"):
            report.error(loc, key, "unknown key")
    for key in required:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            report.error(loc, key, "missing or empty")
    kind = entry.get("kind")
    if isinstance(kind, str) and kind and kind not in SOURCE_KINDS:
        report.error(loc, "kind", f"unknown kind {kind!r} (known: {', '.join(SOURCE_KINDS)})")
    url = entry.get("url")
    if isinstance(url, str) and url and not url.startswith(("http://", "https://")):
        report.error(loc, "url", "must start with http:// or https://")
    if "date" in entry:
        d = entry["date"].isoformat() if isinstance(entry["date"], date) else entry["date"]
        if not isinstance(d, str) or _parse_date(d) is None:
            report.error(loc, "date", f"bad date {entry['date']!r}")
        entry = {**entry, "date": d}
    return {k: v.strip() if isinstance(v, str) else v for k, v in entry.items()}


def read_states(path: Path, c: Checker) -> None:
    """data/history/states.toml into c.states (before anything that names a state)."""
    report = c.report
    loc = report.name(path)
    if not path.exists():
        report.error(loc, "", "missing: the states are needed to check everything else")
        return
    doc = _read_tables(path, report, "state", "file holds [state.<id>]") or {}
    for sid, entry in (doc.get("state") or {}).items():
        eloc = f"{loc}: [state.{sid}]"
        if not isinstance(entry, dict):
            report.error(eloc, "", "must be a table")
            continue
        c.keys(eloc, entry, ("label",), ("from", "to", "note", "sources"))
        out: dict[str, Any] = {"label": c.text(eloc, "label", entry.get("label"))}
        first = c.when(eloc, "from", entry["from"]) if "from" in entry else None
        last = c.until(eloc, "to", entry.get("to"))
        if first and last and last.last < first.first:
            report.error(eloc, "to", "before `from`")
        out["first"], out["last"] = (first.first if first else None), (last.last if last else None)
        if "note" in entry:
            out["note"] = c.text(eloc, "note", entry["note"])
        if first or last or "sources" in entry:
            out["sources"] = c.refs(eloc, "sources", entry.get("sources"))
        else:
            out["sources"] = []
        c.states[sid] = out


def read_about(path: Path, c: Checker) -> dict[str, str]:
    loc = c.report.name(path)
    if not path.exists():
        c.err(loc, "", "missing")
        return {"data_as_of": START.isoformat(), "report_url": ""}
    doc = _read_toml(path, c.report) or {}
    c.keys(loc, doc, ("data_as_of", "report_url"), ())
    as_of = c.when(loc, "data_as_of", doc.get("data_as_of"))
    if as_of and as_of.precision != "day":
        c.err(loc, "data_as_of", "must be a full day YYYY-MM-DD")
    url = doc.get("report_url", "")
    if not isinstance(url, str) or (url and not url.startswith(("http://", "https://"))):
        c.err(loc, "report_url", 'must be "" (no link) or an http(s):// address')
        url = ""
    return {"data_as_of": as_of.first.isoformat() if as_of else "", "report_url": url}


def read_eras(path: Path, c: Checker) -> list[dict[str, Any]]:
    loc = c.report.name(path)
    if not path.exists():
        c.err(loc, "", "missing: every day needs an era")
        return []
    doc = _read_tables(path, c.report, "era", "file holds [[era]]") or {}
    eras = []
    for i, e in enumerate(doc.get("era", [])):
        eloc = _entry_loc(loc, "era", i, e)
        c.keys(eloc, e, ("id", "from", "name", "summary", "sources"), ())
        start = c.when(eloc, "from", e.get("from"))
        eras.append(
            {
                "id": c.string(eloc, "id", e.get("id")),
                "when": start,
                "name": c.text(eloc, "name", e.get("name")),
                "summary": c.text(eloc, "summary", e.get("summary")),
                "sources": c.refs(eloc, "sources", e.get("sources")),
                "loc": eloc,
            }
        )
    eras = [e for e in eras if e["when"] and e["id"]]
    eras.sort(key=lambda e: e["when"].first)
    seen: dict[str, str] = {}
    for a, b in itertools.pairwise(eras):
        if a["when"].first == b["when"].first:
            c.err(b["loc"], "from", f"same `from` as era {a['id']!r}")
    for e in eras:
        if e["id"] in seen:
            c.err(e["loc"], "id", f"duplicate era id (also {seen[e['id']]})")
        seen[e["id"]] = e["loc"]
    if eras and eras[0]["when"].first > START:
        c.err(eras[0]["loc"], "from", f"the first era must start by {START.isoformat()}")
    if not eras:
        c.err(loc, "era", "no eras")
    out = []
    for i, e in enumerate(eras):
        nxt = eras[i + 1]["when"].first - timedelta(days=1) if i + 1 < len(eras) else None
        out.append(
            {
                "id": e["id"],
                "start": e["when"].first.isoformat(),
                "start_precision": e["when"].precision,
                "end": nxt.isoformat() if nxt else None,
                "name": e["name"],
                "summary": e["summary"],
                "sources": e["sources"],
            }
        )
    return out


def _entry_loc(loc: str, table: str, i: int, entry: Mapping) -> str:
    ident = entry.get("id")
    return f"{loc}: {table}[{i}]" + (f" {ident!r}" if isinstance(ident, str) else "")


def read_lines(path: Path, c: Checker, geometry_ids, clause_ids) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    loc = c.report.name(path)
    doc = _read_tables(path, c.report, "line", "file holds [[line]]") or {}
    out, seen = [], set()
    for i, x in enumerate(doc.get("line", [])):
        eloc = _entry_loc(loc, "line", i, x)
        c.keys(
            eloc,
            x,
            ("id", "from", "to", "kind", "name", "description", "clauses", "sources"),
            ("geometry", "positions"),
        )
        lid = c.string(eloc, "id", x.get("id"))
        if lid in seen:
            c.err(eloc, "id", "duplicate line id")
        seen.add(lid)
        start = c.when(eloc, "from", x.get("from"))
        end = c.until(eloc, "to", x.get("to"))
        if start and end and end.last < start.first:
            c.err(eloc, "to", "before `from`")
        kind = x.get("kind")
        if kind not in LINE_KINDS:
            c.err(eloc, "kind", f"unknown kind {kind!r} (known: {', '.join(LINE_KINDS)})")
        geometry = x.get("geometry", lid)
        if geometry_ids is not None and geometry not in geometry_ids:
            c.err(eloc, "geometry", f"no line {geometry!r} in data/geo/boundaries.geojson")
        clauses = x.get("clauses", [])
        if not isinstance(clauses, list) or not all(isinstance(v, str) for v in clauses):
            c.err(eloc, "clauses", "must be a list of document ids")
            clauses = []
        for cid in clauses:
            if clause_ids is not None and cid not in clause_ids:
                c.err(eloc, "clauses", f"no document {cid!r} in seeds/primary/")
        positions = []
        for j, p in enumerate(x.get("positions", [])):
            positions.append(_read_position(f"{eloc}: positions[{j}]", p, c, line=True))
        out.append(
            {
                "id": lid,
                "kind": kind,
                **_span(start, end),
                "name": c.text(eloc, "name", x.get("name")),
                "description": c.text(eloc, "description", x.get("description")),
                "geometry": geometry,
                "clauses": clauses,
                "sources": c.refs(eloc, "sources", x.get("sources")),
                "positions": [p for p in positions if p],
            }
        )
    out.sort(key=lambda x: (x["start"] or "", x["id"] or ""))
    return out


def _span(start: When | None, end: When | None) -> dict[str, Any]:
    return {
        "start": start.first.isoformat() if start else None,
        "start_precision": start.precision if start else None,
        "end": end.last.isoformat() if end else None,
        "end_precision": end.precision if end else None,
    }


def _read_position(loc: str, p: Any, c: Checker, line: bool = False) -> dict[str, Any] | None:
    if not isinstance(p, dict):
        c.err(loc, "", "must be a table")
        return None
    required = ("holder", "from", "to", "text", "sources")
    c.keys(loc, p, required if line else (*required, "territories"), ("id",))
    start = c.when(loc, "from", p.get("from"))
    end = c.until(loc, "to", p.get("to"))
    if start and end and end.last < start.first:
        c.err(loc, "to", "before `from`")
    if start:
        c.state(loc, "holder", p.get("holder"), start.first, end.last if end else None)
    out = {
        "holder": p.get("holder"),
        **_span(start, end),
        "text": c.text(loc, "text", p.get("text")),
        "sources": c.refs(loc, "sources", p.get("sources")),
    }
    if not line:
        out["territories"] = c.territories(loc, "territories", p.get("territories"))
    return out


def read_events(folder: Path, c: Checker, line_ids: set[str]) -> list[dict[str, Any]]:
    out, seen = [], {}
    for loc, i, e in _folder_entries(folder, "event", c.report):
        eloc = _entry_loc(loc, "event", i, e)
        c.keys(
            eloc, e, ("id", "date", "title", "text", "territories", "lines", "kind", "sources"), ()
        )
        eid = c.string(eloc, "id", e.get("id"))
        if eid in seen:
            c.err(eloc, "id", f"duplicate event id (also {seen[eid]})")
        seen[eid] = eloc
        when = c.when(eloc, "date", e.get("date"), interval=True)
        if when and when.first < START:
            c.err(eloc, "date", f"before the start of the history ({START.isoformat()})")
        kind = e.get("kind")
        if kind not in EVENT_KINDS:
            c.err(eloc, "kind", f"unknown kind {kind!r} (known: {', '.join(EVENT_KINDS)})")
        lines = e.get("lines", [])
        if not isinstance(lines, list):
            c.err(eloc, "lines", "must be a list of line ids")
            lines = []
        for lid in lines:
            if lid not in line_ids:
                c.err(eloc, "lines", f"unknown line {lid!r} (not in data/history/lines.toml)")
        out.append(
            {
                "id": eid,
                "date": when.raw if when else None,
                "start": when.first.isoformat() if when else None,
                "end": when.last.isoformat() if when else None,
                "precision": when.precision if when else None,
                "kind": kind,
                "title": c.text(eloc, "title", e.get("title")),
                "text": c.text(eloc, "text", e.get("text")),
                "territories": c.territories(
                    eloc, "territories", e.get("territories"), allow_empty=True
                ),
                "lines": lines,
                "sources": c.refs(eloc, "sources", e.get("sources")),
            }
        )
    out.sort(key=lambda e: (e["start"] or "", e["end"] or "", e["id"] or ""))
    return out


def read_claims(folder: Path, c: Checker) -> list[dict[str, Any]]:
    out = []
    for loc, i, x in _folder_entries(folder, "claim", c.report):
        eloc = _entry_loc(loc, "claim", i, x)
        c.keys(eloc, x, ("state", "territories", "from", "to", "basis", "sources"), ("id",))
        start = c.when(eloc, "from", x.get("from"))
        end = c.until(eloc, "to", x.get("to"))
        if start and end and end.last < start.first:
            c.err(eloc, "to", f"{end.raw} is before `from` {start.raw}")
            end = None
            start = None
        if start:
            c.state(eloc, "state", x.get("state"), start.first, end.last if end else None)
        out.append(
            {
                "state": x.get("state"),
                "territories": c.territories(eloc, "territories", x.get("territories")),
                **_span(start, end),
                "basis": c.text(eloc, "basis", x.get("basis")),
                "sources": c.refs(eloc, "sources", x.get("sources")),
                "loc": eloc,
            }
        )
    out.sort(key=lambda x: (x["start"] or "", str(x["state"]), x["loc"]))
    return out


def read_positions(folder: Path, c: Checker) -> list[dict[str, Any]]:
    out = []
    for loc, i, p in _folder_entries(folder, "position", c.report):
        pos = _read_position(_entry_loc(loc, "position", i, p), p, c)
        if pos:
            out.append(pos)
    out.sort(key=lambda p: (p["start"] or "", str(p["holder"]), p["territories"]))
    return out


def read_figures(path: Path, c: Checker) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    loc = c.report.name(path)
    doc = _read_tables(path, c.report, "figure", "file holds [[figure]]") or {}
    out = []
    for i, f in enumerate(doc.get("figure", [])):
        eloc = f"{loc}: figure[{i}]"
        c.keys(eloc, f, ("island", "what", "date", "value", "sources"), ("note", "id"))
        if f.get("island") not in TERRITORY_IDS:
            c.err(eloc, "island", f"unknown territory {f.get('island')!r}")
        what = f.get("what")
        if not isinstance(what, str) or not _WHAT_RE.match(what):
            c.err(eloc, "what", "must be a lower-case identifier such as 'population'")
        value = f.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            c.err(eloc, "value", "must be a number")
        when = c.when(eloc, "date", f.get("date"))
        item = {
            "island": f.get("island"),
            "what": what,
            "date": when.raw if when else None,
            "start": when.first.isoformat() if when else None,
            "precision": when.precision if when else None,
            "value": value,
            "sources": c.refs(eloc, "sources", f.get("sources")),
        }
        if "note" in f:
            item["note"] = c.text(eloc, "note", f["note"])
        out.append(item)
    out.sort(key=lambda f: (f["island"] or "", f["what"] or "", f["start"] or ""))
    return out


def read_gaps(folder: Path, c: Checker) -> int:
    """Checks data/history/unsourced/*.toml (never shown); returns how many gaps there are."""
    n = 0
    for loc, i, g in _folder_entries(folder, "gap", c.report):
        eloc = f"{loc}: gap[{i}]"
        c.keys(eloc, g, ("statement", "searched"), ("lang", "note", "id"))
        c.string(eloc, "statement", g.get("statement"))
        c.string(eloc, "searched", g.get("searched"))
        n += 1
    return n


# --- Control periods and their resolution -------------------------------------------------------


def read_control(folder: Path, c: Checker) -> dict[str, list[dict[str, Any]]]:
    """Control periods per territory, sorted by `from`, checked for duplicates and overlaps."""
    per_territory: dict[str, list[dict[str, Any]]] = {}
    for loc, i, p in _folder_entries(folder, "period", c.report):
        eloc = _entry_loc(loc, "period", i, p)
        c.keys(
            eloc,
            p,
            ("territories", "from", "administered_by", "note", "sources"),
            ("undivided_between", "id"),
        )
        start = c.when(eloc, "from", p.get("from"))
        admin = p.get("administered_by")
        between = p.get("undivided_between", [])
        if not isinstance(between, list):
            c.err(eloc, "undivided_between", "must be a list of state ids")
            between = []
        if admin == "undivided":
            if len(set(between)) < 2:
                c.err(eloc, "undivided_between", "'undivided' needs at least two states")
        elif between:
            c.err(eloc, "undivided_between", 'only with administered_by = "undivided"')
        if not isinstance(admin, str) or (admin not in ADMIN_SPECIAL and admin not in c.states):
            known = ", ".join((*c.states, *ADMIN_SPECIAL))
            c.err(eloc, "administered_by", f"unknown state {admin!r} (known: {known})")
        period = {
            "loc": eloc,
            "when": start,
            "administered_by": admin,
            "undivided_between": sorted(set(between)),
            "note": c.text(eloc, "note", p.get("note")),
            "sources": c.refs(eloc, "sources", p.get("sources")),
        }
        for t in c.territories(eloc, "territories", p.get("territories")):
            if start:
                per_territory.setdefault(t, []).append(period)
    for t, periods in per_territory.items():
        periods.sort(key=lambda p: p["when"].first)
        if periods[0]["when"].first > START:
            c.err(
                periods[0]["loc"],
                "from",
                f"{t}: the first period starts {periods[0]['when'].raw}; "
                f"each territory's periods must start by {START.isoformat()}",
            )
        for a, b in itertools.pairwise(periods):
            if a["when"].first == b["when"].first:
                c.err(b["loc"], "from", f"{t}: duplicate `from` {b['when'].raw} (also {a['loc']})")
            elif a["when"].last >= b["when"].first:
                c.err(
                    b["loc"],
                    "from",
                    f"{t}: {b['when'].raw} falls within {a['when'].raw} ({a['loc']}), "
                    "so the order of the two periods is unknown",
                )
    return per_territory


def resolve_periods(
    territory: str, control: list[dict[str, Any]], claims: list[dict[str, Any]], c: Checker
) -> list[dict[str, Any]]:
    """Intervals on which the territory's control period and the claims in force are constant."""
    mine = [
        (i, cl)
        for i, cl in enumerate(claims)
        if territory in cl["territories"] and cl["start"] is not None
    ]
    origin = control[0]["when"].first
    cuts: dict[date, str] = {}
    for p in reversed(control):  # a control `from` wins the precision of a shared cut
        cuts[p["when"].first] = p["when"].precision
    for _, cl in mine:
        start = date.fromisoformat(cl["start"])
        cuts.setdefault(start, cl["start_precision"])
        if cl["end"]:
            cuts.setdefault(date.fromisoformat(cl["end"]) + timedelta(days=1), cl["end_precision"])
    days = sorted(d for d in cuts if d >= origin)
    segments: list[dict[str, Any]] = []
    for n, day in enumerate(days):
        ci = max(i for i, p in enumerate(control) if p["when"].first <= day)
        in_force = tuple(
            i
            for i, cl in mine
            if date.fromisoformat(cl["start"]) <= day
            and (cl["end"] is None or date.fromisoformat(cl["end"]) >= day)
        )
        end = days[n + 1] - timedelta(days=1) if n + 1 < len(days) else None
        if segments and segments[-1]["key"] == (ci, in_force):
            segments[-1]["end"] = end
            continue
        segments.append({"key": (ci, in_force), "start": day, "precision": cuts[day], "end": end})
    return [_period_json(territory, s, control, claims, c) for s in segments]


def _period_json(territory, seg, control, claims, c: Checker) -> dict[str, Any]:
    ci, in_force = seg["key"]
    p = control[ci]
    admin = p["administered_by"]
    sharing = set(p["undivided_between"])
    for key, states in (("administered_by", [admin]), ("undivided_between", sorted(sharing))):
        for s in states:
            if s not in ADMIN_SPECIAL and s in c.states:
                c.state(p["loc"], f"{key} ({territory})", s, seg["start"], seg["end"])
    claimed = sorted({claims[i]["state"] for i in in_force} - {admin} - sharing)
    return {
        "start": seg["start"].isoformat(),
        "start_precision": seg["precision"],
        "end": seg["end"].isoformat() if seg["end"] else None,
        "administered_by": admin,
        "undivided_between": p["undivided_between"],
        "claimed_by": claimed,
        "note": p["note"],
        "sources": p["sources"],
        "claims": list(in_force),
    }


# --- The whole build ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Paths:
    """Where the build reads from; tests point these at fixtures."""

    history: Path
    sources: Path
    root: Path
    geometry: Path | None = None  # data/geo/boundaries.geojson: line geometries must exist
    clauses: Path | None = None  # seeds/primary/: line clauses must exist

    @classmethod
    def of_repo(cls, root: Path) -> Paths:
        return cls(
            history=root / "data" / "history",
            sources=root / "data" / "sources" / "history",
            root=root,
            geometry=root / "data" / "geo" / "boundaries.geojson",
            clauses=root / "seeds" / "primary",
        )


@dataclass
class Built:
    document: dict[str, Any]
    warnings: list[str]


def build(paths: Paths, today_: date | None = None) -> Built:
    """Read, check and consolidate; raises HistoryError listing every problem found."""
    report = Report(paths.root)
    today_ = today_ or today()
    h = paths.history
    sources = read_sources(paths.sources, report)
    c = Checker(report, sources, today_)
    rules = read_lint_rules(h / "glossary.toml", report)
    read_states(h / "states.toml", c)
    about = read_about(h / "about.toml", c)
    eras = read_eras(h / "eras.toml", c)
    lines = read_lines(h / "lines.toml", c, _geometry_ids(paths.geometry), _clause_ids(paths))
    events = read_events(h / "events", c, {x["id"] for x in lines})
    claims = read_claims(h / "claims", c)
    control = read_control(h / "control", c)
    positions = read_positions(h / "positions", c)
    figures = read_figures(h / "island_facts.toml", c)
    gaps = read_gaps(h / "unsourced", c)
    territories = _resolve_all(control, claims, c, report)
    _add_eras_to_events(events, eras)
    _lint_all(c, rules, report)
    for sid in sorted(set(sources) - c.used_sources):
        report.warn(f"source {sid!r}", "", "not cited by any statement")
    if report.errors:
        raise HistoryError(report.errors)
    document = {
        "format": FORMAT,
        "about": {**about, "start": START.isoformat(), "languages": list(LANGS), "gaps": gaps},
        "legend": LEGEND,
        "territory_order": list(TERRITORY_IDS),
        "groups": {k: list(v) for k, v in GROUPS.items()},
        "states": {k: _state_json(v) for k, v in c.states.items()},
        "territories": territories,
        "eras": eras,
        "events": events,
        "lines": lines,
        "claims": [{k: v for k, v in cl.items() if k != "loc"} for cl in claims],
        "positions": positions,
        "figures": figures,
        "sources": {k: v for k, v in sorted(sources.items()) if k in c.used_sources},
    }
    return Built(document, report.warnings)


def _resolve_all(control, claims, c: Checker, report: Report) -> dict[str, Any]:
    if not control:
        report.warn("data/history/control", "", "no control periods yet: the map shows no status")
    out = {}
    for t in TERRITORY_IDS:
        if t not in control:
            if control:
                c.err("data/history/control", t, "no control period for this territory")
            out[t] = {"periods": []}
            continue
        out[t] = {"periods": resolve_periods(t, control[t], claims, c)}
    return out


def _add_eras_to_events(events: list[dict[str, Any]], eras: list[dict[str, Any]]) -> None:
    for e in events:
        if e["start"] and eras:
            era = [x for x in eras if x["start"] <= e["start"]]
            e["era"] = era[-1]["id"] if era else eras[0]["id"]
        else:
            e["era"] = None


def _lint_all(c: Checker, rules: Mapping[str, LintRules], report: Report) -> None:
    for loc, key, text in c.texts:
        for level, message in lint_text(text, rules):
            (report.error if level == "error" else report.warn)(loc, key, message)


def _state_json(s: Mapping[str, Any]) -> dict[str, Any]:
    out = {
        "label": s["label"],
        "from": s["first"].isoformat() if s["first"] else None,
        "to": s["last"].isoformat() if s["last"] else None,
        "sources": s["sources"],
    }
    if s.get("note"):
        out["note"] = s["note"]
    return out


def _geometry_ids(path: Path | None) -> set[str] | None:
    if path is None or not path.exists():
        return None
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["id"] for f in features}


def _clause_ids(paths: Paths) -> set[str] | None:
    if paths.clauses is None or not paths.clauses.is_dir():
        return None
    return {p.stem for p in paths.clauses.glob("*.md")}


def render(document: Mapping[str, Any]) -> str:
    """The JSON text: sorted keys, one space indent, no timestamps; the same bytes each time."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
