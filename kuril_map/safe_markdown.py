"""Turn excerpts and citations into Markdown that shows document text exactly as written.

Document text is untrusted: a handout may contain `<script>`, `<img onerror=…>` or Markdown
link tricks. Every ASCII punctuation character is backslash-escaped (CommonMark allows this
for all of them), so Markdown and HTML in the text come out as literal characters; only the
highlighting we add ourselves is formatting.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urlsplit

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")


def escape_markdown(text: str) -> str:
    """Make `text` render literally in Streamlit Markdown (no HTML, links, emphasis or math)."""
    escaped = _PUNCT.sub(r"\\\1", text)
    # Newlines would start new Markdown blocks (lists, headings); keep them as plain breaks.
    return escaped.replace("\r", "").replace("\n", "  \n")


def highlighted_markdown(segments: list[tuple[str, bool]]) -> str:
    """Plain segments escaped; matched names and years bold and marked with a background."""
    parts = []
    for text, highlighted in segments:
        safe = escape_markdown(text)
        if highlighted and text.strip():
            parts.append(f":orange-background[**{safe}**]")
        else:
            parts.append(safe)
    return "".join(parts)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe to put in a Markdown link, or None for anything else."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~-._")


def citation_markdown(
    title: str | None, publisher: str | None, date: str | None, url: str | None
) -> str:
    """'Title — Publisher, date · [source](url)', escaped, with the link only if it is http(s)."""
    bits = [escape_markdown(title or "Untitled document")]
    tail = ", ".join(escape_markdown(b) for b in (publisher, date) if b)
    text = "*" + bits[0] + "*" + (f" — {tail}" if tail else "")
    link = link_markdown("source", url)
    if link:
        text += f" · {link}"
    return text


def link_markdown(label: str, url: str | None) -> str | None:
    """'[label](url)' with the label escaped, or None unless `url` is http(s).

    Brackets and parentheses in the address are percent-encoded: none can end the link, or a
    :gray[...] span the link sits in, early.
    """
    link = safe_url(url)
    if not link:
        return None
    quoted = "".join({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D"}.get(c, c) for c in link)
    return f"[{escape_markdown(label)}]({quoted})"
