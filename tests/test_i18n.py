"""Translations: catalogs parse, every message in the code has a Japanese and a Russian
translation, and {placeholders} survive translation (a lost {year} would raise KeyError in
.format)."""

from __future__ import annotations

import gettext
import io
import string
from pathlib import Path

import pytest

from kuril_map import i18n, names

CATALOG_LANGS = ("ja", "ru")
ROOT = Path(__file__).resolve().parents[1]


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


@pytest.fixture(autouse=True)
def english_after() -> None:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_catalog_parses_and_has_header(lang: str) -> None:
    entries = i18n.load_catalog(lang)
    assert entries and entries[0].msgid == ""
    assert f"Language: {lang}" in entries[0].msgstr
    ids = [(e.msgctxt, e.msgid) for e in entries]
    assert len(ids) == len(set(ids)), "duplicate msgid"


def untranslated(lang: str, used: dict[str, list[str]]) -> dict[str, list[str]]:
    """The messages of `used` with no usable translation in `lang` (absent, empty or fuzzy)."""
    done: set[str] = set()
    for e in i18n.load_catalog(lang):
        if e.msgid and e.translated and not e.fuzzy:
            done.add(e.msgid)
            if e.msgid_plural is not None:
                done.add(e.msgid_plural)
    return {m: where for m, where in used.items() if m not in done}


def test_the_scan_finds_the_apps_messages() -> None:
    """Guards the test below against passing vacuously (no files, or a scan that finds nothing)."""
    used = i18n.messages_in_source(i18n.source_files())
    assert len(used) > 50
    assert "Share" in used  # kuril_map/ui/share.py
    app = str(ROOT / "app.py")
    assert any(where.startswith(app + ":") for places in used.values() for where in places)


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_every_message_in_the_code_is_translated(lang: str) -> None:
    used = i18n.messages_in_source(i18n.source_files())
    missing = untranslated(lang, used)
    report = "\n".join(f"  {m!r}  ({', '.join(w)})" for m, w in sorted(missing.items()))
    assert not missing, (
        f"{len(missing)} message(s) without a {lang} translation in {i18n.po_path(lang)} "
        f"(scripts/extract_messages.py --write adds them):\n{report}"
    )


def test_untranslated_names_a_missing_or_empty_entry() -> None:
    used = {"Share": ["x.py:1"], "A message nobody translated": ["x.py:2"]}
    assert untranslated("ja", used) == {"A message nobody translated": ["x.py:2"]}


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_placeholders_survive(lang: str) -> None:
    for e in i18n.load_catalog(lang):
        if not e.msgid or not e.translated:
            continue
        for text in [e.msgstr] if e.msgid_plural is None else e.msgstr_plural:
            assert fields(text) == fields(e.msgid), (lang, e.msgid, text)
            text.format(**dict.fromkeys(fields(text), "x"))  # still a valid format string


def test_runtime_translation_and_fallback() -> None:
    assert i18n.set_language("ja") == "ja"
    assert i18n._("Date") == "日付"
    assert i18n._("Population in {year}").format(year=1945) == "1945年の人口"
    assert i18n._("A message nobody translated") == "A message nobody translated"
    assert i18n.set_language("ru") == "ru"
    assert i18n._("Date") == "Дата"
    assert i18n.set_language("xx") == "en"
    assert i18n._("Date") == "Date"


def test_compiled_catalog_reads_like_msgfmt_output() -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : '
        'n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "one line"\nmsgstr ""\n"split "\n"line \\"quoted\\""\n\n'
        "#, fuzzy\n"
        'msgid "fuzzy one"\nmsgstr "not used"\n\n'
        'msgctxt "line kind"\nmsgid "claim"\nmsgstr "притязание"\n\n'
        'msgid "{n} island"\nmsgid_plural "{n} islands"\n'
        'msgstr[0] "{n} остров"\nmsgstr[1] "{n} острова"\nmsgstr[2] "{n} островов"\n'
    )
    t = gettext.GNUTranslations(io.BytesIO(i18n.compile_mo(i18n.parse_po(po))))
    assert t.gettext("one line") == 'split line "quoted"'
    assert t.gettext("fuzzy one") == "fuzzy one"
    assert t.pgettext("line kind", "claim") == "притязание"
    assert t.gettext("claim") == "claim"
    assert [t.ngettext("{n} island", "{n} islands", n) for n in (1, 3, 5, 21)] == [
        "{n} остров",
        "{n} острова",
        "{n} островов",
        "{n} остров",
    ]


def test_bad_po_names_the_line() -> None:
    with pytest.raises(ValueError, match=r"<po>:2"):
        i18n.parse_po('msgid "a"\nmsgstr unquoted\n')


def test_scanner_finds_literal_calls(tmp_path) -> None:
    src = tmp_path / "x.py"
    src.write_text(
        "from kuril_map.i18n import _, ngettext\n"
        '_("Hello {name}")\n'
        'ngettext("{n} island", "{n} islands", 2)\n'
        "_(variable)\n"
        '_("multi" " part")\n',
        encoding="utf-8",
    )
    found = i18n.messages_in_source([src])
    assert set(found) == {"Hello {name}", "{n} island", "{n} islands", "multi part"}


def test_labels_translated_as_data_have_japanese() -> None:
    """Labels that reach `_()` as data (legend, naming modes), which the source scan cannot see."""
    from kuril_map.map import style

    labels = [ls.label for ls in style.LINE_STYLES.values()]
    labels += list(names.NAMING_MODES.values())
    ja = {e.msgid for e in i18n.load_catalog("ja") if e.translated and not e.fuzzy}
    assert [label for label in labels if label not in ja] == []


@pytest.mark.parametrize("lang", CATALOG_LANGS)
def test_no_obsolete_entries(lang: str) -> None:
    """Every msgid in the catalog is still asked for by the code: a reworded message leaves
    its old entry behind, which only misleads a translator."""
    extract = _extract_module()
    unused = extract.obsolete(lang, extract.all_messages())
    assert unused == [], (
        f"{len(unused)} obsolete entries in {i18n.po_path(lang)} "
        f"(scripts/extract_messages.py --prune removes them): {unused}"
    )


def test_prune_removes_only_the_obsolete_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extract = _extract_module()
    po = tmp_path / "kuril_map.po"
    po.write_text(
        '# header comment\nmsgid ""\nmsgstr "Language: ja\\n"\n\n'
        '#: kuril_map/a.py:1\nmsgid "kept"\nmsgstr "残す"\n\n'
        '#: kuril_map/b.py:2\nmsgid ""\n"gone, on "\n"two lines"\nmsgstr "消す"\n\n'
        'msgid "{n} island"\nmsgid_plural "{n} islands"\nmsgstr[0] "{n}島"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "po_path", lambda lang: po)
    used = {"kept": ["a.py:1"], "{n} island": ["c.py:3"]}
    assert extract.obsolete("ja", used) == ["gone, on two lines"]
    assert extract.prune("ja", ["gone, on two lines"]) == 1
    text = po.read_text(encoding="utf-8")
    assert "gone" not in text and "b.py" not in text
    assert [e.msgid for e in i18n.parse_po(text)] == ["", "kept", "{n} island"]
    assert text.startswith("# header comment\n")


def _extract_module():
    """scripts/extract_messages.py as a module (scripts/ is not a package)."""
    import importlib.util

    path = ROOT / "scripts" / "extract_messages.py"
    spec = importlib.util.spec_from_file_location("extract_messages", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extract_script_reports_full_coverage() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "extract_messages.py"
    out = subprocess.run(
        [sys.executable, str(script), "--lang", "ja"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith("ja: ")


def test_language_block_restores_the_current_language() -> None:
    i18n.set_language("ru")
    try:
        with i18n.language("ja"):
            assert i18n.current_language() == "ja"
        assert i18n.current_language() == "ru"
    finally:
        i18n.set_language("en")
