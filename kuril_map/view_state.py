"""The view's state and its round trip through URL query parameters.

A link is how a teacher hands the exact view to a class (on the projector as a QR code, or
in a message), so everything that shapes the view travels in it: year, island, naming,
language, layout and a second year to compare. Links are typed by hand too, so anything odd
falls back to a default with a short notice instead of an error page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kuril_map import timeline
from kuril_map.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language
from kuril_map.islands import UnknownIslandError, resolve_island
from kuril_map.names import DEFAULT_NAMING_MODE, NAMING_MODES

ALL_ISLANDS = "all"
DEFAULT_YEAR = 1855
# Map labels and names: Japanese names, Russian names, or both side by side (the default,
# so that no tradition is the starting point).
LAYOUTS: tuple[str, ...] = ("standard", "presentation")
DEFAULT_LAYOUT = "standard"


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at. `island` None means all four; `compare` a second year."""

    year: int
    island: str | None = None
    naming: str = DEFAULT_NAMING_MODE
    lang: str = DEFAULT_LANGUAGE
    layout: str = DEFAULT_LAYOUT
    compare: int | None = None


def _first(value: str | list[str] | None) -> str | None:
    """Streamlit gives a repeated parameter as a list; the first value wins."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _blank(raw: str | None) -> bool:
    return raw is None or raw.strip() == ""


def _shown(raw: str) -> str:
    """The ignored value as the notice quotes it: trimmed, and cut short if very long."""
    text = raw.strip()
    return text if len(text) <= 40 else text[:39] + "…"


def _year_problem(raw: str) -> tuple[int | None, str | None]:
    """The year in `raw`, or None and which problem it has: "range" or "not a year"."""
    text = raw.strip()
    try:
        return timeline.check_year(int(text)), None
    except ValueError:
        return None, "range" if text.lstrip("-").isdigit() else "not a year"


def parse_year(raw: str | None) -> tuple[int, str | None]:
    """A year from a URL value, or the default and a notice saying why it was not used.

    Notices are translated into the current language (see `from_query`).
    """
    if raw is None or _blank(raw):
        return DEFAULT_YEAR, None
    year, problem = _year_problem(raw)
    if year is None:
        if problem == "range":
            notice = _(
                "Ignored year {value} in the link: outside the timeline ({start}–{end}). "
                "Showing {default}."
            )
        else:
            notice = _('Ignored year "{value}" in the link: not a year. Showing {default}.')
        return DEFAULT_YEAR, notice.format(
            value=_shown(raw),
            start=timeline.START_YEAR,
            end=timeline.END_YEAR,
            default=DEFAULT_YEAR,
        )
    return year, None


def parse_compare(raw: str | None) -> tuple[int | None, str | None]:
    """The second year to compare with, or None (no comparison) and a notice."""
    if raw is None or _blank(raw) or raw.strip().casefold() in ("none", "off"):
        return None, None
    year, problem = _year_problem(raw)
    if year is None:
        if problem == "range":
            notice = _(
                "Ignored compare year {value} in the link: outside the timeline "
                "({start}–{end}). No comparison shown."
            )
        else:
            notice = _(
                'Ignored compare year "{value}" in the link: not a year. No comparison shown.'
            )
        return None, notice.format(
            value=_shown(raw), start=timeline.START_YEAR, end=timeline.END_YEAR
        )
    return year, None


def parse_island(raw: str | None) -> tuple[str | None, str | None]:
    """An island id from a URL value in any name form, or None (all four) and a notice."""
    if raw is None or _blank(raw) or raw.strip().casefold() == ALL_ISLANDS:
        return None, None
    try:
        return resolve_island(raw), None
    except UnknownIslandError:
        notice = _('Ignored island "{value}" in the link: not one of the four. Showing all four.')
        return None, notice.format(value=_shown(raw))


def _parse_choice(
    raw: str | None, choices: tuple[str, ...] | list[str], default: str
) -> tuple[str, str | None]:
    """One of a fixed set of words (case-insensitive), or the default and the ignored text."""
    if raw is None or _blank(raw):
        return default, None
    value = raw.strip().casefold()
    if value in choices:
        return value, None
    return default, _shown(raw)


def parse_naming(raw: str | None) -> tuple[str, str | None]:
    value, ignored = _parse_choice(raw, tuple(NAMING_MODES), DEFAULT_NAMING_MODE)
    if ignored is None:
        return value, None
    notice = _(
        'Ignored naming "{value}" in the link (use {allowed}). Showing names in both languages.'
    )
    return value, notice.format(value=ignored, allowed=", ".join(NAMING_MODES))


def parse_lang(raw: str | None) -> tuple[str, str | None]:
    value, ignored = _parse_choice(raw, list(LANGUAGES), DEFAULT_LANGUAGE)
    if ignored is None:
        return value, None
    notice = _('Ignored language "{value}" in the link (use {allowed}). Showing English.')
    return value, notice.format(value=ignored, allowed=", ".join(LANGUAGES))


def parse_layout(raw: str | None) -> tuple[str, str | None]:
    value, ignored = _parse_choice(raw, LAYOUTS, DEFAULT_LAYOUT)
    if ignored is None:
        return value, None
    notice = _('Ignored layout "{value}" in the link (use {allowed}). Showing the standard layout.')
    return value, notice.format(value=ignored, allowed=", ".join(LAYOUTS))


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """The view a link asks for, with a notice for each value that had to be ignored.

    The notices are in the language the link asks for (English when it asks for none or for
    one we do not have), since that is the language the page will be shown in. The current
    language is left as it was.
    """
    raw_lang = _first(params.get("lang"))
    with language(_parse_choice(raw_lang, list(LANGUAGES), DEFAULT_LANGUAGE)[0]):
        lang, n_lang = parse_lang(raw_lang)
        year, n_year = parse_year(_first(params.get("year")))
        island, n_island = parse_island(_first(params.get("island")))
        naming, n_naming = parse_naming(_first(params.get("naming")))
        layout, n_layout = parse_layout(_first(params.get("layout")))
        compare, n_compare = parse_compare(_first(params.get("compare")))
    notices = [n for n in (n_year, n_island, n_naming, n_lang, n_layout, n_compare) if n]
    view = ViewState(year, island, naming=naming, lang=lang, layout=layout, compare=compare)
    return view, notices


def to_query(view: ViewState) -> dict[str, str]:
    """Query parameters that reproduce `view` (a comparison only when there is one)."""
    params = {
        "year": str(view.year),
        "island": view.island or ALL_ISLANDS,
        "naming": view.naming,
        "lang": view.lang,
        "layout": view.layout,
    }
    if view.compare is not None:
        params["compare"] = str(view.compare)
    return params
