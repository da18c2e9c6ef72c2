"""Document text must show exactly as written: never as HTML, links or formatting."""

from __future__ import annotations

from kuril_map.safe_markdown import escape_markdown, link_markdown, safe_url


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


def test_safe_url_accepts_http_only() -> None:
    assert safe_url("https://example.org/a b") == "https://example.org/a%20b"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("") is None
    assert safe_url(None) is None


def test_link_escapes_its_label_and_keeps_its_address_whole() -> None:
    md = link_markdown("A *bold* [label]", "https://fakti.bg/x(1)")
    assert md == "[A \\*bold\\* \\[label\\]](https://fakti.bg/x%281%29)"


def test_link_only_to_http() -> None:
    assert link_markdown("source", "javascript:alert(1)") is None
