"""Helpers for the tests that drive Streamlit pages headless with AppTest.

Shared by tests/test_app.py (the whole page), tests/test_sources_panel.py (the panel alone) and
tests/test_map_component.py (what the map component is sent), so all read the page the same way.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest


def run_checked(at: AppTest) -> AppTest:
    """Run the script and fail on any exception it raised.

    AppTest records a script's exceptions instead of raising them, so without this a test of a
    page that crashed could still pass on what was drawn before the crash.
    """
    at.run()
    assert not at.exception, at.exception
    return at


def query_param(at: AppTest, key: str) -> str:
    """The page's query parameter `key` as one string. AppTest gives a list per key before
    Streamlit 1.65 (`{"year": ["1946"]}`) and the value itself from 1.65 on; the tests run
    on both (CI's lowest-versions job)."""
    value = at.query_params[key]
    if isinstance(value, list):
        assert len(value) == 1, f"{key} is repeated in the link: {value}"
        return value[0]
    return value


def layer_spec_in(feature_group: str) -> dict:
    """The view a map layer asks the map frame to draw (kuril_map.map.layers.view_spec), read
    back from the layer's code as the component receives it."""
    found = re.search(r"kmShowView\(\w+, (\{.*\})\);", feature_group)
    assert found, "the map layer does not call kmShowView"
    return json.loads(found.group(1))


def page_components(at: AppTest, name: str) -> list[dict]:
    """The data each of the page's own components (kuril_map.ui.components) was sent."""
    return [
        json.loads(c.proto.json) for c in at.get("bidi_component") if c.proto.component_name == name
    ]


class _Boxes(HTMLParser):
    """The sources panel's boxes (kuril_map.documents.excerpts.boxes_html) read back from
    the page's HTML as a reader sees them: per box its kind, heading or label, the passage's
    paragraphs as [text, marked] pieces, its citations as text (a link as "label <address>")
    and the languages folded under it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.boxes: list[dict] = []
        self.item: dict | None = None  # the box, or the folded language being read
        self.field: str | None = None  # where text goes: heading, label, summary, text, cite
        self.marked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "article":
            kind = "clause" if "km-src-clause" in cls else "excerpt"
            self.item = {"kind": kind, "heading": None, "label": None, "more": None}
            self.item |= {"lang": None, "paragraphs": [], "sources": []}
            self.boxes.append(self.item)
        elif tag == "details":
            self.boxes[-1]["more"] = {"label": "", "items": []}
            self._fold()
        elif tag == "hr":
            self._fold()
        elif tag == "summary":
            self.field = "summary"
        elif tag == "p" and self.item is not None:
            self.field = {
                "km-src-heading": "heading",
                "km-src-label": "label",
                "km-src-text": "text",
                "km-src-cite": "cite",
            }[cls[0]]
            if self.field == "text":
                self.item["lang"] = a.get("lang")
                self.item["paragraphs"].append([])
            elif self.field == "cite":
                self.item["sources"].append("")
            else:
                self.boxes[-1][self.field] = ""
        elif tag == "mark":
            self.marked = True
        elif tag == "a" and self.field == "cite":
            self.href = a.get("href")

    def _fold(self) -> None:
        self.item = {"lang": None, "paragraphs": [], "sources": []}
        self.boxes[-1]["more"]["items"].append(self.item)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.marked = False
        elif tag == "a" and self.field == "cite":
            self.item["sources"][-1] += f" <{self.href}>"
        elif tag in ("p", "summary"):
            self.field = None

    def handle_data(self, data: str) -> None:
        if self.field == "text":
            self.item["paragraphs"][-1].append([data, self.marked])
        elif self.field == "cite":
            self.item["sources"][-1] += data
        elif self.field == "summary":
            self.boxes[-1]["more"]["label"] += data
        elif self.field in ("heading", "label"):
            self.boxes[-1][self.field] += data


def read_boxes(markup: str) -> list[dict]:
    parser = _Boxes()
    parser.feed(markup)
    return parser.boxes


def source_blocks(at: AppTest) -> list[dict]:
    """The sources panel's bordered boxes, clauses first, then excerpts, as the page was sent
    them (one HTML element, read back with `read_boxes`)."""
    bodies = [h.proto.body for h in at.get("html") if 'class="km-src"' in h.proto.body]
    return [box for body in bodies for box in read_boxes(body)]


def excerpt_blocks(at: AppTest) -> list[dict]:
    return [b for b in source_blocks(at) if b["kind"] == "excerpt"]


def box_text(box: dict) -> str:
    """A box as the reader sees it: heading or label, the passage, the citations, then the
    languages folded under it."""

    def body(item: dict) -> list[str]:
        return ["".join(t for t, _ in para) for para in item["paragraphs"]] + item["sources"]

    lines = [x for x in (box["heading"], box["label"]) if x] + body(box)
    if box["more"]:
        lines.append(box["more"]["label"])
        for item in box["more"]["items"]:
            lines += body(item)
    return "\n\n".join(lines)


def excerpt_texts(at: AppTest) -> list[str]:
    """Each excerpt box as the reader sees it: its label, passage and citations as text."""
    return [box_text(b) for b in excerpt_blocks(at)]


def highlighted(block: dict) -> list[str]:
    """The words marked in a box's passage (island names, years, search words)."""
    return [text for para in block["paragraphs"] for text, hit in para if hit]


def source_lines(at: AppTest) -> list[str]:
    """Every citation line on the page: captions, and each citation in the panel's boxes
    ("Title — Publisher, date · source <address> · Perspective: …")."""
    lines = [c.value for c in at.caption]
    for box in source_blocks(at):
        more = box["more"]["items"] if box["more"] else []
        lines += [c for item in [box, *more] for c in item["sources"]]
    return lines
