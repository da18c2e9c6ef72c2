"""List the UI messages that a catalog lacks or no longer needs; add or remove them.

Run from the repo root:
    .venv/bin/python scripts/extract_messages.py            # report, per language
    .venv/bin/python scripts/extract_messages.py --write    # append missing msgids, msgstr ""
    .venv/bin/python scripts/extract_messages.py --prune    # remove obsolete entries

An entry is obsolete when no code asks for its msgid any more (a message reworded or removed):
it would only mislead a translator, so --prune deletes it with its comments.

Messages are found with the same ast scan the tests use (kuril_map.i18n.messages_in_source),
plus the texts that reach `_()` as data (line kinds, naming modes, the island card's captions,
notes and sources, the documents' perspectives).
Appended entries carry a "#:" reference so a translator sees where each one is used; an empty
msgstr falls back to English at run time and makes tests/test_i18n.py name it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kuril_map import i18n  # noqa: E402


def data_messages() -> dict[str, list[str]]:
    """Labels translated as data (`_(label)`), which a scan of literal calls cannot see."""
    from kuril_map import island_facts, names
    from kuril_map.map import style

    found: dict[str, list[str]] = {}
    for ls in style.LINE_STYLES.values():
        found.setdefault(ls.label, []).append("kuril_map/map/style.py (LINE_STYLES)")
    for label in names.NAMING_MODES.values():
        found.setdefault(label, []).append("kuril_map/names.py (NAMING_MODES)")
    card_texts = "kuril_map/island_facts.py (card notes, figure sources and notes)"
    for card in island_facts.all_cards():
        for note in card.notes:
            found.setdefault(note, []).append(card_texts)
        for fig in card.figures():
            found.setdefault(fig.label, []).append("kuril_map/island_facts.py (Figure.label)")
            if fig.as_of is None:  # the history's figures bring their own three languages
                for text in (fig.source, fig.note):
                    if text:
                        found.setdefault(text, []).append(card_texts)
    for fig in island_facts.small_two_share_figures():
        found.setdefault(fig.label, []).append("kuril_map/island_facts.py (Figure.label)")
        found.setdefault(fig.source, []).append(card_texts)
    for name in seed_perspectives():
        found.setdefault(name, []).append("seeds/ (front matter: perspective)")
    return found


def seed_perspectives() -> list[str]:
    """The documents' perspectives (front matter), shown in the reader's language beside each
    citation and in the perspective filter (ui/sources_panel.py, the atlas); "not stated" too."""
    from kuril_map.documents import load_documents
    from kuril_map.documents.excerpts import UNSTATED, perspectives
    from kuril_map.paths import seeds_dir

    return [*perspectives(load_documents(seeds_dir()).documents), UNSTATED]


def all_messages() -> dict[str, list[str]]:
    found = i18n.messages_in_source(i18n.source_files())
    for msgid, where in data_messages().items():
        found.setdefault(msgid, []).extend(where)
    return found


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def missing(lang: str, messages: dict[str, list[str]]) -> dict[str, list[str]]:
    catalog = {e.msgid: e for e in i18n.load_catalog(lang)}
    return {
        m: where
        for m, where in messages.items()
        if m not in catalog or not catalog[m].translated or catalog[m].fuzzy
    }


def append_stubs(lang: str, todo: dict[str, list[str]]) -> int:
    path = i18n.po_path(lang)
    have = {e.msgid for e in i18n.load_catalog(lang)}
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    added = 0
    for msgid, where in sorted(todo.items()):
        if msgid in have:
            continue  # present but untranslated or fuzzy: leave it for the translator
        refs = " ".join(sorted({w.replace(str(ROOT) + "/", "") for w in where}))
        text += f'\n#: {refs}\nmsgid {_quote(msgid)}\nmsgstr ""\n'
        added += 1
    path.write_text(text, encoding="utf-8")
    return added


def obsolete(lang: str, messages: dict[str, list[str]]) -> list[str]:
    """Msgids of `lang`'s catalog that no code asks for (plural forms count as used)."""
    used = set(messages)
    return [
        e.msgid
        for e in i18n.load_catalog(lang)
        if e.msgid and e.msgid not in used and (e.msgid_plural or "") not in used
    ]


def prune(lang: str, drop: list[str]) -> int:
    """Remove the entries with these msgids (and their comments) from the catalog file.

    Entries are the file's blank-line separated blocks; each is parsed on its own, so a block
    is kept unless its one msgid is to go. Returns the number removed.
    """
    path = i18n.po_path(lang)
    blocks = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    kept = [b for b in blocks if not _block_msgids(b) & set(drop)]
    path.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return len(blocks) - len(kept)


def _block_msgids(block: str) -> set[str]:
    return {e.msgid for e in i18n.parse_po(block) if e.msgid}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="append missing msgids")
    parser.add_argument("--prune", action="store_true", help="remove obsolete msgids")
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    args = parser.parse_args(argv)
    messages = all_messages()
    langs = args.lang or [code for code in i18n.LANGUAGES if code != i18n.DEFAULT_LANGUAGE]
    total = 0
    for lang in langs:
        todo = missing(lang, messages)
        unused = obsolete(lang, messages)
        print(
            f"{lang}: {len(messages) - len(todo)}/{len(messages)} translated, "
            f"{len(unused)} obsolete"
        )
        for msgid, where in sorted(todo.items()):
            print(f"  {msgid!r}  ({where[0].replace(str(ROOT) + '/', '')})")
        for msgid in unused:
            print(f"  obsolete: {msgid!r}")
        if args.write and todo:
            print(f"  appended {append_stubs(lang, todo)} empty entries to {i18n.po_path(lang)}")
        if args.prune and unused:
            print(f"  removed {prune(lang, unused)} obsolete entries from {i18n.po_path(lang)}")
        total += (0 if args.write else len(todo)) + (0 if args.prune else len(unused))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
