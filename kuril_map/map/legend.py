"""The map's legend: states by fill, line kinds by dash, in the UI language.

Drawn inside the map frame; labels are escaped (translations are text, not markup).
"""

from __future__ import annotations

from kuril_map.i18n import _
from kuril_map.map.markup import escape
from kuril_map.map.style import CLAIM_DASH, LINE_STYLES, STATE_COLOURS
from kuril_map.names import STATE_LABELS


def legend_html() -> str:
    """A static legend (states by fill, line kinds by dash) in the UI language, drawn inside
    the map frame. Labels are escaped: translations are text, not markup."""
    # <details>: one click folds it away where it would cover too much of a small map.
    rows = [
        f"<details class='km-legend' open><summary>{escape(_('Legend'))}</summary>"
        f"<b>{escape(_('Administered by'))}</b>"
    ]
    seen: set[str] = set()
    for state, colour in STATE_COLOURS.items():
        label = _(STATE_LABELS[state])
        if colour in seen and state is not None:
            label = _("Soviet Union / Russian Federation")
            rows[-1] = _legend_swatch(colour, label)
            continue
        seen.add(colour)
        rows.append(_legend_swatch(colour, label))
    rows.append(
        f"<div><svg width='26' height='12'><rect x='1' y='1' width='24' height='10' "
        f"fill='white' stroke='{STATE_COLOURS['Japan']}' stroke-width='2.5' "
        f"stroke-dasharray='{CLAIM_DASH}'/></svg> "
        f"{escape(_('dashed outline: claimed by another state'))}</div>"
    )
    rows.append(f"<b>{escape(_('Lines'))}</b>")
    for ls in LINE_STYLES.values():
        dash = f" stroke-dasharray='{ls.dash}'" if ls.dash else ""
        rows.append(
            f"<div><svg width='26' height='8'><line x1='0' y1='4' x2='26' y2='4' "
            f"stroke='{ls.colour}' stroke-width='{ls.weight}'{dash}/></svg> "
            f"{escape(_(ls.label))}</div>"
        )
    rows.append("</details>")
    return "".join(rows)


def _legend_swatch(colour: str, label: str) -> str:
    return (
        f"<div><svg width='26' height='12'><rect x='1' y='1' width='24' height='10' "
        f"fill='{colour}' stroke='#333'/></svg> {escape(label)}</div>"
    )
