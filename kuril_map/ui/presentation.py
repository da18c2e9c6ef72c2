"""The page's own styles: visible keyboard focus, a print handout and the sources panel's boxes
always, large type when presenting.

The CSS lives in ``ui/css/``; this module only chooses which files the layout needs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

CSS_DIR = Path(__file__).resolve().parent / "css"


@cache
def stylesheet(name: str) -> str:
    """One of the page's CSS files, read once."""
    return (CSS_DIR / f"{name}.css").read_text(encoding="utf-8")


def apply_styles(layout: str) -> None:
    """Focus outlines, a clean printed handout and the sources' boxes on every layout; the
    projector's large type on the presentation one."""
    names = ["focus", "print", "sources", *(["presentation"] if layout == "presentation" else [])]
    st.html("<style>\n" + "\n".join(stylesheet(n) for n in names) + "</style>")
