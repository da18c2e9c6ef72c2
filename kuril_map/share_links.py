"""Share links and their QR code, built without Streamlit so they can be tested as plain code.

The QR code is drawn here (segno, pure Python) and never fetched from a web service: the class
may have no internet, and the link should not leave the room.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

from kuril_map.view_state import ViewState, to_query

DEFAULT_BASE = "http://localhost:8501/"


def base_url(url: str | None, host: str | None = None) -> str:
    """The app's address without query or fragment, from the page URL or the Host header.

    Behind a proxy the page URL is the one students can open; the Host header is the fallback,
    and localhost the last resort (a link that works on the teacher's own machine).
    """
    if url:
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))
    if host:
        return f"http://{host}/"
    return DEFAULT_BASE


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})


def only_this_machine(url: str) -> bool:
    """True when the link names this computer itself, which a student's phone cannot open."""
    return (urlsplit(url).hostname or "") in LOCAL_HOSTS


def share_url(base: str, view: ViewState) -> str:
    """The full link that reopens `view` exactly."""
    return view_url(base, to_query(view))


def view_url(base: str, params: Mapping[str, str]) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(params), ""))


def qr_svg(text: str, scale: int = 6) -> str:
    """An SVG QR code for `text`, with a quiet zone, black on white for any projector."""
    qr = segno.make(text, error="m", micro=False)
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        scale=scale,
        border=4,
        dark="#000000",
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        title="QR code for this view",
    )
    return out.getvalue().decode("utf-8")


def svg_data_uri(svg: str) -> str:
    """A data: URI for an SVG, for an <img> that needs no server round trip."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def export_filename(view: ViewState) -> str:
    """'kuril-map-1946-02-02-etorofu.html': says what it is when found in Downloads later."""
    return f"kuril-map-{view.date.isoformat()}-{view.island or 'all'}.html"
