"""Colours and line styles shared by the map, its legend and the app.

Colours come from the Okabe-Ito palette, chosen because its members stay distinct under the
common forms of colour blindness; line kinds also differ by dash pattern, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

# By state id (data/history/states.toml). The Soviet and the Russian states share one blue, as
# one state continuing; the legend names each. "undivided": Sakhalin 1855-1875, shared by treaty.
STATE_COLOURS: dict[str | None, str] = {
    "japan": "#E69F00",
    "russian_empire": "#56B4E9",
    "soviet_russia": "#0072B2",
    "ussr": "#0072B2",
    "russia": "#0072B2",
    "undivided": "#882255",  # Tol's wine: apart from every other fill under each vision
    None: "#BBBBBB",
}


@dataclass(frozen=True)
class LineStyle:
    """How one kind of boundary line is drawn."""

    colour: str
    dash: str | None  # SVG dash array; None is solid
    weight: int
    label: str


LINE_STYLES: dict[str, LineStyle] = {
    "agreed border": LineStyle("#000000", None, 3, "Agreed border (treaty)"),
    "line of control": LineStyle("#D55E00", "10 6", 3, "Line of control (de facto)"),
    "claim": LineStyle("#CC79A7", "2 7", 4, "Claimed border"),
    # No instrument drew it: where a border would run if Shikotan and the Habomai were handed
    # over under the 1956 Declaration. We drew it, and the legend says so.
    "hypothetical": LineStyle("#009E73", "14 5 3 5", 3, "Hypothetical line (drawn for this map)"),
}

CLAIM_DASH = "6 5"
LAND_FILL = "#F2EFE6"
LAND_STROKE = "#9A968C"
SEA_COLOUR = "#DCE9F2"


def state_colour(state: str | None) -> str:
    """Fill colour for an administering state; unknown states fall back to grey."""
    return STATE_COLOURS.get(state, STATE_COLOURS[None])


def line_style(kind: str) -> LineStyle:
    """Style for a boundary kind; an unknown kind is drawn like a hypothetical line (dashed)."""
    return LINE_STYLES.get(kind, LINE_STYLES["hypothetical"])
