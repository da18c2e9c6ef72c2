"""The one-file atlas: small enough, fetches nothing, carries every island × era with cited
passages within each document's licence, and no document text can break out of its data."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kuril_map import history
from kuril_map.atlas import build, contents, excerpt_table
from kuril_map.atlas.excerpt_table import (
    CELL_ISLANDS,
    MAX_PASSAGE_CHARS,
    MAX_PASSAGES_PER_CELL,
    ExcerptTable,
    era_excerpts,
    highlights,
    is_public_domain,
    shorten,
)
from kuril_map.cli import main
from kuril_map.documents import Document, load_documents, parse_document
from kuril_map.islands import ISLAND_IDS
from kuril_map.map.offline import leaflet_css_inline, leaflet_js_inline

MB = 1024 * 1024


class Blocks(HTMLParser):
    """The page's elements: every tag with its attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse_page(page: str) -> Blocks:
    parser = Blocks()
    parser.feed(page)
    parser.close()
    return parser


def data_block(page: Blocks, block_id: str) -> object:
    found = [text for attrs, text in page.scripts if attrs.get("id") == block_id]
    assert len(found) == 1, block_id
    return json.loads(found[0])


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return load_documents().documents


@pytest.fixture(scope="module")
def page_text(documents: list[Document]) -> str:
    return build.build_atlas(documents)


@pytest.fixture(scope="module")
def page(page_text: str) -> Blocks:
    return parse_page(page_text)


@pytest.fixture(scope="module")
def atlas(page: Blocks) -> dict:
    value = data_block(page, "km-atlas-data")
    assert isinstance(value, dict)
    return value


# --------------------------------------------------------------------------- the file


def test_size_within_the_goal(page_text: str) -> None:
    size = len(page_text.encode("utf-8"))
    assert size <= 6 * MB  # the limit
    assert size <= 3 * MB, f"{size / MB:.2f} MB: over the 3 MB goal"


def test_every_slot_is_filled_and_every_data_block_parses(page_text: str, page: Blocks) -> None:
    assert "<!--km:" not in page_text
    for block in ("km-geo-data", "km-time-data", "km-atlas-data", "km-map-data"):
        assert data_block(page, block)
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(code) == 2 and "kmShowView" in code[1] and "KmFragment" in code[1]


def test_the_markup_loads_nothing(page: Blocks, page_text: str) -> None:
    """No element fetches a file: no src, no stylesheet link, no CSS url() but data: ones."""
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)
        assert tag != "link", attrs
        assert tag not in ("img", "iframe", "object", "embed", "base"), tag
    styles = re.findall(r"<style>(.*?)</style>", page_text, re.S)
    assert len(styles) == 1
    assert "@import" not in styles[0]
    for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", styles[0]):
        assert url.startswith(("data:", "#")), url  # "#default#VML": old IE, loads nothing


def test_every_web_address_is_a_cited_source_or_part_of_the_code(
    page_text: str, page: Blocks
) -> None:
    """The addresses in the file are the sources a reader may open, and a few constants of the
    code itself (the SVG namespace, a comment in Leaflet's CSS): nothing else."""
    code = leaflet_js_inline() + leaflet_css_inline()
    code += "".join(p.read_text(encoding="utf-8") for p in (*build.SCRIPTS, *build.STYLES))
    pattern = re.compile(r"https?://[^\s\"'<>\\]+")
    allowed = set(pattern.findall(code))
    atlas = data_block(page, "km-atlas-data")
    bundle = data_block(page, "km-time-data")
    assert isinstance(atlas, dict) and isinstance(bundle, dict)
    allowed |= {d["url"] for d in atlas["documents"] if d["url"]}
    allowed |= {r["url"] for card in atlas["cards"].values() for r in card["rows"] if r["url"]}
    allowed |= {s["url"] for s in bundle["sources"].values()}
    allowed |= {atlas["reportUrl"]} - {""}  # where to report an error, when configured
    stray = {u for u in pattern.findall(page_text) if u not in allowed}
    assert stray == set()


def test_no_page_code_writes_html() -> None:
    for path in build.SCRIPTS:
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, (path.name, sink)


# --------------------------------------------------------------------------- what it holds


def test_every_island_and_era_has_cited_excerpts(atlas: dict) -> None:
    eras = [e.id for e in history.load().eras]
    for island in CELL_ISLANDS:
        for era in eras:
            rows = atlas["cells"][island][era]
            assert rows, (island, era)
            for passage, spans, sources in rows:
                text = atlas["passages"][passage]["text"]
                assert all(0 <= a < b <= len(text) for a, b in spans)
                assert sources
                for i in sources:
                    doc = atlas["documents"][i]
                    assert doc["title"] and doc["perspective"]
                    assert set(doc["perspectiveName"]) == {"en", "ja", "ru"}


def test_perspectives_read_in_each_language(atlas: dict) -> None:
    """Each citation's perspective in the atlas's three languages, as the app shows it; the
    seeds' perspectives are all translated (tests/test_i18n.py)."""
    names = {d["perspective"]: d["perspectiveName"] for d in atlas["documents"]}
    primary = {"en": "primary source", "ja": "一次資料", "ru": "первоисточник"}
    assert names["primary source"] == primary
    assert all(n["en"] == p for p, n in names.items())
    assert all(n["ja"] != p and n["ru"] != p for p, n in names.items())


def test_the_cells_are_the_apps_excerpts(atlas: dict, documents: list[Document]) -> None:
    """The atlas shows what the sources panel shows, in the same order (less what a licence
    keeps out)."""
    era = history.load().eras[8]
    expected = [e.passage.text[:40] for e in era_excerpts(documents, "shikotan", era)]
    shown = [atlas["passages"][r[0]]["text"][:40] for r in atlas["cells"]["shikotan"][era.id]]
    assert shown == [t for t in expected if t in shown]
    assert len(shown) >= min(3, len(expected))


def test_quoted_documents_stay_within_their_licence(atlas: dict, documents: list[Document]) -> None:
    by_id = {d.id: d for d in documents}
    carried: dict[str, int] = {}
    for passage in atlas["passages"]:
        doc = by_id[atlas["documents"][passage["doc"]]["id"]]
        if not is_public_domain(doc):
            assert len(passage["text"]) <= MAX_PASSAGE_CHARS + 1
            carried[doc.id] = carried.get(doc.id, 0) + len(passage["text"])
    assert carried, "the corpus has quoted documents: some passages of them should be shown"
    for doc_id, chars in carried.items():
        whole = sum(len(p.text) for p in by_id[doc_id].passages)
        assert chars <= max(excerpt_table.SHORT_TEXT_CHARS, excerpt_table.DOCUMENT_SHARE * whole)
    for cells in atlas["cells"].values():
        for rows in cells.values():
            per_doc: dict[int, int] = {}
            for passage, _spans, _sources in rows:
                doc = atlas["passages"][passage]["doc"]
                if atlas["documents"][doc]["licence"] != "public domain":
                    per_doc[doc] = per_doc.get(doc, 0) + 1
            assert max(per_doc.values(), default=0) <= MAX_PASSAGES_PER_CELL


def test_island_cards_have_names_areas_and_populations_with_sources(atlas: dict) -> None:
    for island in ISLAND_IDS:
        card = atlas["cards"][island]
        assert {"ja", "ru", "ja_latn"} <= set(card["names"])
        labels = [r["label"]["en"] for r in card["rows"]]
        assert "Area (computed from the map)" in labels
        assert "Area (official)" in labels
        assert "Population in 1945" in labels
        assert any(re.fullmatch(r"Population in 20\d\d", label) for label in labels), labels
        for row in card["rows"]:
            assert all(row["source"][lang] for lang in ("en", "ja", "ru"))
            assert set(row["label"]) == set(row["value"]) == {"en", "ja", "ru"}
        assert card["rows"][0]["label"]["ja"] != card["rows"][0]["label"]["en"]
    assert atlas["cards"]["all"]["rows"]
    # The card's own notes and sources in the reader's language, as on the app's card.
    habomai = atlas["cards"]["habomai"]
    assert habomai["notes"][0]["ja"].startswith("貝殻島") and habomai["notes"][0]["en"]
    sources_1945 = [
        r["source"] for r in habomai["rows"] if r["label"]["en"] == "Population in 1945"
    ]
    assert sources_1945 == [
        {
            "en": "Ministry of Foreign Affairs of Japan (as of 15 August 1945)",
            "ja": "外務省（1945年8月15日現在）",
            "ru": "МИД Японии (на 15 августа 1945 г.)",
        }
    ]


def test_each_line_carries_its_clauses_in_their_languages(atlas: dict) -> None:
    lines = atlas["clauses"]["lines"]
    shimoda = [i for group in lines["shimoda_1855"] for i in group]
    assert {atlas["documents"][i]["language"] for i in shimoda} == {"en", "ja", "ru"}
    for groups in lines.values():
        for group in groups:
            for i in group:
                assert atlas["clauses"]["texts"][str(i)].strip()
                assert atlas["documents"][i]["kind"] == "primary source"


def test_words_in_three_languages(atlas: dict) -> None:
    titles = {lang: atlas["words"][lang]["title"] for lang in ("en", "ja", "ru")}
    assert len(set(titles.values())) == 3
    assert set(atlas["control"]) == {"en", "ja", "ru"}
    assert atlas["defaultDate"] == "1855-02-07"


# --------------------------------------------------------------------------- safety


HOSTILE = "</script><script>alert(1)</script><!-- <script> --> & <b>bold</b>"


def hostile_document(tmp_path: Path) -> Document:
    text = (
        f"---\ntitle: {HOSTILE}\npublisher: Evil Press\ndate: 1956-10-19\nlanguage: en\n"
        "url: https://example.org/a?b=<c>\nlicence: quoted excerpt\n---\n"
        f"In 1956 Shikotan was discussed. {HOSTILE} The talks on Shikotan went on.\n"
    )
    return parse_document(text, tmp_path / "hostile.md")


def test_document_text_cannot_leave_its_data_block(tmp_path: Path) -> None:
    doc = hostile_document(tmp_path)
    text = build.build_atlas([doc])
    template = build.TEMPLATE.read_text(encoding="utf-8")
    assert text.count("<script") == template.count("<script")
    parsed = parse_page(text)
    atlas = data_block(parsed, "km-atlas-data")
    assert isinstance(atlas, dict)
    assert atlas["documents"][0]["title"] == HOSTILE
    assert any(HOSTILE in p["text"] for p in atlas["passages"])
    start = text.index('id="km-atlas-data">')
    block = text[start : text.index("</script>", start)]
    assert "<" not in block[len('id="km-atlas-data">') :]


def test_script_data_is_the_same_json() -> None:
    value = {"a": "</script><!--", "b": ["<", ">", "&", "\u2028"]}
    text = build.script_data(value)
    assert "<" not in text
    assert json.loads(text) == value


def test_fill_uses_each_slot_once_and_never_refills() -> None:
    assert build.fill("a<!--km:x-->b", {"x": "<!--km:x-->"}) == "a<!--km:x-->b"
    with pytest.raises(build.AtlasError):
        build.fill("<!--km:x-->", {"x": "1", "y": "2"})
    with pytest.raises(build.AtlasError):
        build.fill("<!--km:x--><!--km:z-->", {"x": "1"})


# --------------------------------------------------------------------------- the licence rules


def test_shorten_cuts_at_a_sentence_or_word() -> None:
    sentence = "The talks went on. " * 50
    short = shorten(sentence, 100)
    assert len(short) <= 101 and short.endswith("….") is False and short.endswith("…")
    assert short.removesuffix("…").endswith(".")
    words = "word " * 200
    assert shorten(words, 100).removesuffix("…").endswith("word")
    japanese = "色丹島" * 300
    assert len(shorten(japanese, 100)) == 101
    assert shorten("short", 100) == "short"


def test_highlights_are_clipped_to_the_text_kept() -> None:
    segments = [("In ", False), ("1956", True), (" on ", False), ("Shikotan", True)]
    assert highlights(segments, 100) == [[3, 7], [11, 19]]
    assert highlights(segments, 14) == [[3, 7], [11, 14]]
    assert highlights(segments, 5) == [[3, 5]]


def synthetic(tmp_path: Path, name: str, licence: str) -> Document:
    """Four long paragraphs about 1956, one per island, so that each island's cell picks a
    different passage of the same document."""
    names = ("Etorofu", "Kunashiri", "Shikotan", "Habomai")
    paragraphs = [
        f"In 1956 the {name} said the talks turned to {island} again"
        + ", and the delegates spoke at length about fishing and the weather" * 8
        + "."
        for island in names
    ]
    text = (
        f"---\ntitle: {name}\npublisher: A paper\ndate: 1957-01-01\nlanguage: en\n"
        f"licence: {licence}\n---\n" + "\n\n".join(paragraphs)
    )
    return parse_document(text, tmp_path / f"{name}.md")


def carried_chars(table: ExcerptTable, doc_id: str) -> int:
    return sum(len(p["text"]) for p in table.passages if table.documents[p["doc"]]["id"] == doc_id)


def test_a_quoted_text_is_never_carried_whole(tmp_path: Path) -> None:
    quoted = synthetic(tmp_path, "quoted", "quoted excerpt")
    free = synthetic(tmp_path, "free", "public domain")
    table = excerpt_table.excerpt_table([quoted, free])
    whole = sum(len(p.text) for p in quoted.passages)
    assert whole > 2 * excerpt_table.SHORT_TEXT_CHARS
    assert carried_chars(table, "quoted") <= whole / 2
    assert carried_chars(table, "free") == sum(len(p.text) for p in free.passages)
    assert set(table.cells["shikotan"]) == {e.id for e in history.load().eras}


def test_no_licence_counts_as_quoted(tmp_path: Path) -> None:
    doc = synthetic(tmp_path, "unsaid", "")
    assert doc.licence in (None, "")
    assert not is_public_domain(doc)


def test_at_most_three_passages_of_a_quoted_text_per_cell(tmp_path: Path) -> None:
    paragraphs = [
        f"Point {i}: in 1956 the delegates discussed Shikotan and its harbour at length."
        for i in range(8)
    ]
    text = (
        "---\ntitle: Notes\ndate: 1957-01-01\nlanguage: en\nlicence: quoted excerpt\n---\n"
        + "\n\n".join(paragraphs)
    )
    doc = parse_document(text, tmp_path / "notes.md")
    era = history.load().era_on(date(1956, 12, 31))
    found = era_excerpts([doc], "shikotan", era)
    assert len(found) > MAX_PASSAGES_PER_CELL
    table = ExcerptTable()
    table.add_cell("shikotan", era.id, found)
    assert len(table.cells["shikotan"][era.id]) == MAX_PASSAGES_PER_CELL
    free = parse_document(text.replace("quoted excerpt", "public domain"), tmp_path / "f.md")
    table = ExcerptTable()
    table.add_cell("shikotan", era.id, era_excerpts([free], "shikotan", era))
    assert len(table.cells["shikotan"][era.id]) == len(found)


# --------------------------------------------------------------------------- the command line


def test_cli_writes_the_atlas(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "atlas.html"
    assert main(["atlas", "-o", str(target)]) == 0
    out, _err = capsys.readouterr()
    assert "wrote" in out and target.stat().st_size > 100_000
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["atlas.png", "folder.html"])
def test_cli_refuses_a_bad_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    (tmp_path / "folder.html").mkdir()
    assert main(["atlas", "-o", str(tmp_path / name)]) == 2
    _out, err = capsys.readouterr()
    assert err.startswith("kuril-map: error: ") and err.count("\n") == 1


def test_cli_refuses_a_file_as_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["atlas", "-o", str(tmp_path / "file" / "atlas.html")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_contents_module_lists_the_card_captions() -> None:
    rows = contents.present_population_rows("habomai")
    assert rows and rows[0]["label"]["ja"].startswith("20")
