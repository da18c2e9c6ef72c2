"""The foot of the sidebar: the day the history was last reviewed, and where to report an
error (kuril_map.about decides both; the atlas shows the same)."""

from __future__ import annotations

import streamlit as st

from kuril_map import about
from kuril_map.safe_markdown import escape_markdown, link_markdown

KEY = "about_data"


def about_markdown(lang: str) -> str:
    """'Data as of 1 Dec 2026. · [Report an error](url)': the link only when one is set."""
    info = about.about(lang=lang)
    text = escape_markdown(info.as_of)
    link = link_markdown(info.report_label, info.report_url)
    return f"{text} · {link}" if link else text


def show(lang: str) -> None:
    """Body text, not a grey caption: the caption's contrast fails WCAG AA in the sidebar."""
    with st.container(key=KEY):
        st.markdown(about_markdown(lang))
