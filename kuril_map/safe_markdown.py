"""Text from documents and links as Markdown that shows exactly as written.

Document text is untrusted: a handout may contain `<script>`, `<img onerror=…>` or Markdown
link tricks. Every ASCII punctuation character is backslash-escaped (CommonMark allows this
for all of them), so Markdown and HTML in the text come out as literal characters; only the
markup the app adds around them is formatting.
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


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe to put in a Markdown link, or None for anything else."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&'*+,;=%~-._")


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
