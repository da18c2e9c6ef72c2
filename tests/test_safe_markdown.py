"""Document text must show exactly as written: never as HTML, links or formatting."""

from __future__ import annotations

from kuril_map.safe_markdown import (
    citation_markdown,
    escape_markdown,
    highlighted_markdown,
    safe_url,
)


def test_escape_markdown_neutralises_html_and_links() -> None:
    text = "<script>alert(1)</script> [click](javascript:alert(1)) **bold** $x$"
    out = escape_markdown(text)
    assert "<" not in out.replace("\\<", "")
    assert "\\<script\\>" in out
    assert "\\[click\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\*\\*bold\\*\\*" in out
    assert "\\$x\\$" in out


def test_escape_markdown_keeps_non_ascii_text() -> None:
    assert escape_markdown("択捉島 и Итуруп") == "択捉島 и Итуруп"


def test_highlighted_markdown_marks_only_matches() -> None:
    md = highlighted_markdown([("On ", False), ("Etorofu", True), (" in 1855.", False)])
    assert md == "On :orange-background[**Etorofu**] in 1855\\."


def test_highlight_of_hostile_match_is_still_escaped() -> None:
    md = highlighted_markdown([("<img src=x onerror=alert(1)>", True)])
    assert md.startswith(":orange-background[**\\<img")
    assert "<" not in md.replace("\\<", "")


def test_safe_url_accepts_http_only() -> None:
    assert safe_url("https://example.org/a b") == "https://example.org/a%20b"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("") is None
    assert safe_url(None) is None


def test_citation_escapes_title_and_links_source() -> None:
    md = citation_markdown("A *bold* <b>title</b>", "Fakti", "2026-02-07", "https://fakti.bg/x(1)")
    assert "\\*bold\\*" in md
    assert "\\<b\\>" in md
    assert "— Fakti, 2026\\-02\\-07" in md
    assert md.endswith("[source](https://fakti.bg/x%281%29)")


def test_citation_without_url_has_no_link() -> None:
    md = citation_markdown("Title", None, None, "javascript:alert(1)")
    assert "](" not in md
