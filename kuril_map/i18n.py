"""User-interface translation with gettext: `_("Sources")` returns the text in the chosen language.

Catalogs are ordinary gettext `.po` files under kuril_map/locales/<lang>/LC_MESSAGES/, edited by
translators with any PO tool. gettext itself reads only compiled `.mo` files; rather than commit
binaries that drift from their sources, the `.po` is compiled in memory on first use (a small
msgfmt equivalent below, no extra dependency). A missing catalog or message falls back to
English, so untranslated text is never lost; fuzzy entries are skipped as msgfmt does.
"""

from __future__ import annotations

import ast
import gettext
import io
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from kuril_map import paths

DOMAIN = "kuril_map"
LOCALE_DIR = paths.LOCALE_DIR  # kuril_map/locales, checkout or wheel alike
LANGUAGES: dict[str, str] = {"en": "English", "ja": "日本語", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"

T = TypeVar("T")
_current: ContextVar[str] = ContextVar("kuril_map_language", default=DEFAULT_LANGUAGE)
_cache: dict[str, gettext.NullTranslations] = {}


# --------------------------------------------------------------------------- .po reading


@dataclass
class PoEntry:
    """One message of a .po file (plural forms keep their index order in `msgstr_plural`)."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def _unquote(text: str, where: str) -> str:
    """A PO string literal ("..." with C escapes) as text; Python's literal rules suffice."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)


def parse_po(text: str, where: str = "<po>") -> list[PoEntry]:
    """Entries of a .po file, the header (msgid "") included. Obsolete (#~) entries are dropped.

    Raises ValueError naming the line for anything it does not understand, so a broken catalog
    fails in the tests rather than silently showing English.
    """
    entries: list[PoEntry] = []
    cur: dict[str, object] = {}
    flags: set[str] = set()
    key: str | None = None

    def flush() -> None:
        nonlocal cur, flags, key
        if "msgid" in cur:
            plural = cur.get("msgstr_plural", {})
            assert isinstance(plural, dict)
            entries.append(
                PoEntry(
                    msgid=str(cur["msgid"]),
                    msgstr=str(cur.get("msgstr", "")),
                    msgctxt=cur.get("msgctxt"),  # type: ignore[arg-type]
                    msgid_plural=cur.get("msgid_plural"),  # type: ignore[arg-type]
                    msgstr_plural=[plural[i] for i in sorted(plural)],
                    flags=flags,
                )
            )
        cur, flags, key = {}, set(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        here = f"{where}:{number}"
        if not line:
            flush()
            continue
        if line.startswith("#,"):
            if "msgid" in cur:
                flush()
            flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is None:
                raise ValueError(f"{here}: continuation line outside an entry")
            value = _unquote(line, here)
            if key.startswith("msgstr["):
                plural = cur["msgstr_plural"]
                assert isinstance(plural, dict)
                index = int(key[7:-1])
                plural[index] += value
            else:
                cur[key] = str(cur[key]) + value
            continue
        word, _sep, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and "msgid" in cur:
            flush()
        if word in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            cur[word] = _unquote(rest, here)
            key = word
        elif word.startswith("msgstr[") and word.endswith("]"):
            plural = cur.setdefault("msgstr_plural", {})
            assert isinstance(plural, dict)
            plural[int(word[7:-1])] = _unquote(rest, here)
            key = word
        else:
            raise ValueError(f"{here}: unknown keyword {word!r}")
    flush()
    return entries


def compile_mo(entries: list[PoEntry]) -> bytes:
    """GNU .mo bytes for the translated, non-fuzzy entries (the header is always kept)."""
    pairs: dict[bytes, bytes] = {}
    for e in entries:
        if e.msgid and (e.fuzzy or not e.translated):
            continue
        key = e.msgid if e.msgid_plural is None else f"{e.msgid}\0{e.msgid_plural}"
        if e.msgctxt is not None:
            key = f"{e.msgctxt}\x04{key}"
        value = e.msgstr if e.msgid_plural is None else "\0".join(e.msgstr_plural)
        pairs[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(pairs)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    n = len(keys)
    header_size = 7 * 4
    id_table = header_size
    str_table = id_table + n * 8
    data_start = str_table + n * 8
    offsets_ids: list[int] = []
    offsets_strs: list[int] = []
    pos = data_start
    for k in keys:
        offsets_ids += [len(k), pos]
        pos += len(k) + 1
    for k in keys:
        offsets_strs += [len(pairs[k]), pos]
        pos += len(pairs[k]) + 1
    header = struct.pack("<7I", 0x950412DE, 0, n, id_table, str_table, 0, 0)
    tables = struct.pack(f"<{2 * n}I", *offsets_ids) + struct.pack(f"<{2 * n}I", *offsets_strs)
    return header + tables + ids + strs


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_catalog(lang: str) -> list[PoEntry]:
    """The parsed .po entries of `lang` ([] when there is no catalog)."""
    path = po_path(lang)
    if not path.is_file():
        return []
    return parse_po(path.read_text(encoding="utf-8"), where=str(path))


# --------------------------------------------------------------------------- runtime API


def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`, compiled from its .po (English, the source language, needs none)."""
    if lang not in _cache:
        entries = load_catalog(lang) if lang != DEFAULT_LANGUAGE else []
        if entries:
            _cache[lang] = gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))
        else:
            _cache[lang] = gettext.NullTranslations()
    return _cache[lang]


def set_language(lang: str) -> str:
    """Choose the language for this thread of work (each Streamlit session runs in its own)."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current.set(chosen)
    return chosen


def current_language() -> str:
    return _current.get()


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Translate in `lang` inside the block, then go back to the language that was current."""
    before = current_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def data_text(text: str) -> str:
    """A label that comes as data (a document's perspective) in the current language when the
    catalogs have it, else as written; "" stays "" (gettext would give the catalog's header)."""
    return _(text) if text else text


def in_languages(make: Callable[[], T]) -> dict[str, T]:
    """`make()` called once per interface language, with `_()` translating into it: the
    words of a page that switches language by itself (the atlas)."""
    out = {}
    for lang in LANGUAGES:
        with language(lang):
            out[lang] = make()
    return out


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a count-dependent message (`{n}` stays a placeholder for .format)."""
    return translations(_current.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate `message` in a context, for English words with two meanings (e.g. a "claim")."""
    return translations(_current.get()).pgettext(context, message)


# --------------------------------------------------------------------------- source scanning

# Calls whose string arguments are messages: name -> indices of the msgid arguments.
MESSAGE_CALLS: dict[str, tuple[int, ...]] = {"_": (0,), "ngettext": (0, 1), "pgettext": (1,)}


def messages_in_source(files: list[Path]) -> dict[str, list[str]]:
    """Every literal message passed to `_`, `ngettext` or `pgettext`, with where it is used.

    Parsed with `ast`, not a regex, so quotes, line breaks and implicit string concatenation in
    the call are handled as Python sees them. Used by the tests and scripts/extract_messages.py.
    """
    found: dict[str, list[str]] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in MESSAGE_CALLS:
                continue
            for index in MESSAGE_CALLS[name]:
                if index < len(node.args):
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                        found.setdefault(arg.value, []).append(f"{path}:{node.lineno}")
    return found


def source_files() -> list[Path]:
    """The Python files whose messages the catalogs must cover: the package and the app."""
    root = LOCALE_DIR.parents[1]
    files = sorted((root / "kuril_map").rglob("*.py"))
    files += [p for p in (root / "app.py",) if p.is_file()]
    files += sorted((root / "pages").glob("*.py")) if (root / "pages").is_dir() else []
    return files
