"""The view's state and its round trip through URL query parameters.

A link is how a teacher hands the exact view to a class (on the projector as a QR code, or
in a message), so everything that shapes the view travels in it: the day (and its year),
island, naming, language, layout, scope and a second year to compare. Links are typed by hand
too, so anything odd falls back to a default with a short notice instead of an error page.

A link may give `date=YYYY-MM-DD`, or only `year=YYYY`, which means that year as it ended
(31 December, or today for the current year); the link the app writes carries both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kuril_map import history
from kuril_map.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language
from kuril_map.islands import UnknownIslandError, resolve_island
from kuril_map.names import DEFAULT_NAMING_MODE, NAMING_MODES

ALL_ISLANDS = "all"
DEFAULT_DATE = date(1855, 2, 7)  # the Treaty of Shimoda: the first border
DEFAULT_YEAR = DEFAULT_DATE.year
# Map labels and names: Japanese names, Russian names, or both side by side (the default,
# so that no tradition is the starting point).
LAYOUTS: tuple[str, ...] = ("standard", "presentation")
DEFAULT_LAYOUT = "standard"
# What the status and the map in words cover: the four islands, or every territory drawn.
SCOPES: tuple[str, ...] = ("islands", "region")
DEFAULT_SCOPE = "islands"


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at. `island` None means all four; `compare` a second year."""

    date: date
    island: str | None = None
    naming: str = DEFAULT_NAMING_MODE
    lang: str = DEFAULT_LANGUAGE
    layout: str = DEFAULT_LAYOUT
    compare: int | None = None
    scope: str = DEFAULT_SCOPE

    @property
    def year(self) -> int:
        return self.date.year


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


def _span() -> tuple[int, int]:
    """The first and the last year of the history (the last is this year)."""
    h = history.load()
    return h.start.year, h.end.year


def year_end(year: int) -> date:
    """The day a year view shows: 31 December, or today for the current year."""
    return min(date(year, 12, 31), history.load().end)


def _year_problem(raw: str) -> tuple[int | None, str | None]:
    """The year in `raw`, or None and which problem it has: "range" or "not a year"."""
    text = raw.strip()
    start, end = _span()
    if not text.lstrip("-").isdigit():
        return None, "not a year"
    year = int(text)
    return (year, None) if start <= year <= end else (None, "range")


def parse_year(raw: str | None) -> tuple[int, str | None]:
    """A year from a URL value, or the default and a notice saying why it was not used.

    Notices are translated into the current language (see `from_query`).
    """
    if raw is None or _blank(raw):
        return DEFAULT_YEAR, None
    year, problem = _year_problem(raw)
    if year is None:
        start, end = _span()
        if problem == "range":
            notice = _(
                "Ignored year {value} in the link: outside the timeline ({start}–{end}). "
                "Showing {default}."
            )
        else:
            notice = _('Ignored year "{value}" in the link: not a year. Showing {default}.')
        return DEFAULT_YEAR, notice.format(
            value=_shown(raw), start=start, end=end, default=DEFAULT_YEAR
        )
    return year, None


def parse_date(raw_date: str | None, raw_year: str | None) -> tuple[date, list[str]]:
    """The day a link asks for: its `date`, else its `year` as it ended, else the default.

    A `date` that is not a day of the history is ignored with a notice, and the year decides.
    """
    notices: list[str] = []
    if raw_date is not None and not _blank(raw_date):
        h = history.load()
        try:
            day = date.fromisoformat(raw_date.strip())
        except ValueError:
            day = None
            notices.append(
                _('Ignored date "{value}" in the link: not a date (use YYYY-MM-DD).').format(
                    value=_shown(raw_date)
                )
            )
        if day is not None:
            if h.start <= day <= h.end:
                return day, notices
            notices.append(
                _(
                    "Ignored date {value} in the link: outside the timeline ({start} to {end})."
                ).format(value=_shown(raw_date), start=h.start.isoformat(), end=h.end.isoformat())
            )
    if raw_year is None or _blank(raw_year):
        return DEFAULT_DATE, notices
    year, notice = parse_year(raw_year)
    if notice:
        return DEFAULT_DATE, [*notices, notice]
    return year_end(year), notices


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
        start, end = _span()
        return None, notice.format(value=_shown(raw), start=start, end=end)
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
    raw: str | None, choices: tuple[str, ...] | list[str], default: str, notice: str
) -> tuple[str, str | None]:
    """One of a fixed set of words (case-insensitive), or the default and the notice (which
    names the ignored text as {value} and the words allowed as {allowed})."""
    if raw is None or _blank(raw):
        return default, None
    value = raw.strip().casefold()
    if value in choices:
        return value, None
    return default, notice.format(value=_shown(raw), allowed=", ".join(choices))


def parse_naming(raw: str | None) -> tuple[str, str | None]:
    notice = _(
        'Ignored naming "{value}" in the link (use {allowed}). Showing names in both languages.'
    )
    return _parse_choice(raw, tuple(NAMING_MODES), DEFAULT_NAMING_MODE, notice)


def parse_lang(raw: str | None) -> tuple[str, str | None]:
    notice = _('Ignored language "{value}" in the link (use {allowed}). Showing English.')
    return _parse_choice(raw, list(LANGUAGES), DEFAULT_LANGUAGE, notice)


def parse_scope(raw: str | None) -> tuple[str, str | None]:
    notice = _('Ignored scope "{value}" in the link (use {allowed}). Showing the four islands.')
    return _parse_choice(raw, SCOPES, DEFAULT_SCOPE, notice)


def parse_layout(raw: str | None) -> tuple[str, str | None]:
    notice = _('Ignored layout "{value}" in the link (use {allowed}). Showing the standard layout.')
    return _parse_choice(raw, LAYOUTS, DEFAULT_LAYOUT, notice)


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """The view a link asks for, with a notice for each value that had to be ignored.

    The notices are in the language the link asks for (English when it asks for none or for
    one we do not have), since that is the language the page will be shown in. The current
    language is left as it was.
    """
    raw_lang = _first(params.get("lang"))
    with language(parse_lang(raw_lang)[0]):
        lang, n_lang = parse_lang(raw_lang)
        day, n_date = parse_date(_first(params.get("date")), _first(params.get("year")))
        island, n_island = parse_island(_first(params.get("island")))
        naming, n_naming = parse_naming(_first(params.get("naming")))
        layout, n_layout = parse_layout(_first(params.get("layout")))
        compare, n_compare = parse_compare(_first(params.get("compare")))
        scope, n_scope = parse_scope(_first(params.get("scope")))
    notices = [*n_date] + [
        n for n in (n_island, n_naming, n_lang, n_layout, n_compare, n_scope) if n
    ]
    view = ViewState(
        day, island, naming=naming, lang=lang, layout=layout, compare=compare, scope=scope
    )
    return view, notices


def to_query(view: ViewState) -> dict[str, str]:
    """Query parameters that reproduce `view` (a comparison only when there is one)."""
    params = {
        "date": view.date.isoformat(),
        "year": str(view.year),
        "island": view.island or ALL_ISLANDS,
        "naming": view.naming,
        "lang": view.lang,
        "layout": view.layout,
        "scope": view.scope,
    }
    if view.compare is not None:
        params["compare"] = str(view.compare)
    return params
