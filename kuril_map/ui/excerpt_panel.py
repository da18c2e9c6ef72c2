"""The excerpt panel: passages on the chosen island and era, highlighted and cited."""

from __future__ import annotations

import streamlit as st

from kuril_map import panels, timeline
from kuril_map import render as markdown_safe
from kuril_map.documents import Document, load_documents
from kuril_map.islands import get_island
from kuril_map.paths import seeds_dir
from kuril_map.state import ViewState


@st.cache_resource(show_spinner=False)
def _load(folder: str) -> tuple[list[Document], list[str]]:
    """Documents are parsed once per folder and shared read-only by every session."""
    result = load_documents(folder)
    return result.documents, result.problems


def documents() -> tuple[list[Document], list[str]]:
    """The documents of the configured folder, and a message for each file that was skipped."""
    return _load(str(seeds_dir()))


def render_panel_header(view: ViewState, era: timeline.Era) -> None:
    name = "All four islands" if view.island is None else get_island(view.island).label
    st.header(f"Sources: {name}, {era.start}–{era.end}")


def show(view: ViewState, era: timeline.Era, docs: list[Document], problems: list[str]) -> None:
    """Excerpts for the view's island and era, or a plain note when there are none."""
    render_panel_header(view, era)
    for problem in problems:
        st.warning(problem)
    excerpts = panels.excerpts_for(docs, view.island, view.year)
    if not excerpts:
        st.info("No passage in the documents speaks of this island in this era.")
    for excerpt in excerpts:
        with st.container(border=True):
            st.markdown(markdown_safe.highlighted_markdown(excerpt.segments))
            doc = excerpt.document
            st.caption(markdown_safe.citation_markdown(doc.title, doc.publisher, doc.date, doc.url))
