"""Page layout helpers: presentation styling and the map described in words."""

from __future__ import annotations

import streamlit as st

from kuril_map import panels
from kuril_map.i18n import _

# Large type for a projector at the back of a classroom; widths stay fluid so a 1280x720
# projector and a 390x844 phone both work (Streamlit stacks columns on narrow screens).
PRESENTATION_CSS = """
<style>
[data-testid="stMain"] { font-size: 1.3rem; }
[data-testid="stMain"] h1 { font-size: clamp(1.8rem, 4vw, 2.6rem); }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.25rem; line-height: 1.5; }
[data-testid="stMainBlockContainer"] { padding-top: 3.4rem; max-width: 100%; }
[data-testid="stMain"] h1 { padding-top: 0.2rem; padding-bottom: 0.4rem; }
[data-testid="stExpander"] summary p { font-size: 1.3rem; font-weight: 600; }
</style>
"""

# Keyboard users must see where they are on a projector too.
FOCUS_CSS = """
<style>
button:focus-visible, [role="slider"]:focus-visible, input:focus-visible,
[role="radio"]:focus-visible, summary:focus-visible { outline: 3px solid #1a73e8 !important;
  outline-offset: 2px; }
</style>
"""


def apply_styles(layout: str) -> None:
    st.html(FOCUS_CSS + (PRESENTATION_CSS if layout == "presentation" else ""))


def map_in_words(year: int, naming: str) -> None:
    """The map's state as plain text, for screen readers and as a check on the colours."""
    with st.container(key="map_text"):
        st.markdown("**" + _("The map in words") + "**")
        st.markdown("\n".join(f"- {line}" for line in panels.map_summary(year, naming)))
