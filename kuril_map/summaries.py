"""What the panels say, as plain data: the same sentences for the page (through the time
bundle), the one-file atlas and the command line.

`interface_text` gives the words the browser fills in (`map/js/time.js`, `ui/js/panels.js`);
the functions below say the same things in Python for the command line and the tests, from the
same templates, so the page and the terminal cannot drift apart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kuril_map import history
from kuril_map.i18n import _, current_language, language
from kuril_map.islands import ISLAND_IDS
from kuril_map.names import territory_label


def date_formats(lang: str) -> dict[str, Any]:
    """How `history.display_date` writes a date, as patterns the browser fills in."""
    if lang == "ja":
        patterns = {
            "day": "{year}年{month}月{day}日",
            "month": "{year}年{month}月",
            "year": "{year}年",
        }
        return {**patterns, "months": [str(m) for m in range(1, 13)]}
    if lang == "ru":
        return {
            "day": "{day} {monthGen} {year} г.",
            "month": "{mon} {year} г.",
            "year": "{year} г.",
            "months": list(history.RU_MONTHS),
            "monthsGenitive": list(history.RU_MONTHS_GENITIVE),
        }
    return {
        "day": "{day} {mon} {year}",
        "month": "{mon} {year}",
        "year": "{year}",
        "months": list(history.EN_MONTHS),
    }


def interface_text(lang: str) -> dict[str, Any]:
    """The words the map, the time control and the panels use in `lang` (from the catalogs)."""
    with language(lang):
        return {
            "dateFormats": date_formats(lang),
            "listSeparator": _(", "),
            "administered": _("Administered by {state}."),
            "claimed": _("Claimed by {claimants}."),
            "noAdministration": _("No state administered it."),
            "undivided": _("Undivided between {states}."),
            "undividedShort": _("undivided ({states})"),
            "noneShort": _("no state"),
            "legend": _("Legend"),
            "administeredBy": _("Administered by"),
            "claimedBy": _("Claimed by (other states)"),
            "territory": _("Territory"),
            "claimOutline": _("dashed outline: claimed by another state"),
            "lines": _("Lines"),
            "today": _("today"),
            "statusOn": _("Status on {date}"),
            "changesIn": _("Changes in {year}"),
            "positionsOn": _("Positions held on {date}"),
            "noPositions": _("No position of a state is recorded for this day."),
            "mapInWords": _("The map in words"),
            "mapOn": _("Map on {date}, era: {era}."),
            "linesInForce": _("Lines in force: {lines}."),
            "noLines": _("Lines in force: none."),
            "sourceTitle": _("Source: {title} ({where})"),
            "shapesFailed": _(
                "The map shapes could not be loaded ({error}). Reload the page; if this "
                "stays, the app was started without its static files."
            ),
        }


def _lang(lang: str | None) -> str:
    return lang or current_language()


def state_label(state: str | None, lang: str | None = None) -> str:
    """A state's name in `lang`; None is no state, "undivided" a territory shared by treaty."""
    lang = _lang(lang)
    if state is None or state == "none":
        with language(lang):
            return _("no state")
    if state == "undivided":
        with language(lang):
            return _("undivided")
    return history.load().states[state].label.get(lang)


def _states(ids: tuple[str, ...], lang: str) -> str:
    return interface_text(lang)["listSeparator"].join(state_label(s, lang) for s in ids)


def status_sentence(status: history.Status, lang: str | None = None) -> str:
    """One plain sentence: who administered the territory and who else claimed it (the same
    sentence the map's tooltip and the map in words give)."""
    lang = _lang(lang)
    t = interface_text(lang)
    if status.administered_by == "undivided":
        sentence = t["undivided"].format(states=_states(status.undivided_between, lang))
    elif status.administered_by is None:
        sentence = t["noAdministration"]
    else:
        sentence = t["administered"].format(state=state_label(status.administered_by, lang))
    if status.claimed_by:
        sentence += " " + t["claimed"].format(claimants=_states(status.claimed_by, lang))
    return sentence


def territories_in(scope: str) -> tuple[str, ...]:
    """The territories a status covers: the four islands, or every territory drawn."""
    return tuple(history.load().territories) if scope == "region" else ISLAND_IDS


def status_row(
    territory: str, day: date, naming: str = "both", lang: str | None = None
) -> dict[str, Any]:
    """A territory on a day: who administered it, who else claimed it, since when, that
    year's changes up to the day, the note and its sources."""
    lang = _lang(lang)
    h = history.load()
    st = h.status(territory, day)
    changes = [
        {
            "date": c.day.isoformat(),
            "text": f"{history.display_date(c.day, c.precision, lang)}: "
            f"{status_sentence(c.after, lang)}",
        }
        for c in h.changes(territory, day.year)
        if c.day <= day
    ]
    return {
        "id": territory,
        "name": territory_label(territory, naming, lang),
        "administered_by": st.administered_by,
        "undivided_between": list(st.undivided_between),
        "claimed_by": list(st.claimed_by),
        "administered_by_label": state_label(st.administered_by, lang)
        if st.administered_by != "undivided"
        else interface_text(lang)["undividedShort"].format(
            states=_states(st.undivided_between, lang)
        ),
        "claimed_by_label": _states(st.claimed_by, lang) or "—",
        "status": status_sentence(st, lang),
        "since": st.since.isoformat(),
        "note": st.note.get(lang),
        "changes": changes,
        "sources": [_source(h, r) for r in st.sources],
    }


def _source(h: history.History, ref: history.SourceRef) -> dict[str, str]:
    s = h.source(ref.ref)
    return {"title": s.title, "publisher": s.publisher, "url": s.url, "where": ref.where}


def status_rows(
    day: date, scope: str = "islands", naming: str = "both", lang: str | None = None
) -> list[dict[str, Any]]:
    """One row per territory in the scope, for `day`."""
    return [status_row(t, day, naming, lang) for t in territories_in(scope)]


def lines_in_force(day: date, lang: str | None = None) -> list[str]:
    """'Name (kind)' of each line in force on `day`, in `lang`."""
    from kuril_map.map.style import line_style

    lang = _lang(lang)
    out = []
    for line in history.load().lines_in_force(day):
        with language(lang):
            kind = _(line_style(line.kind).label)
        out.append(f"{line.name.get(lang)} ({kind})")
    return out


def differences(
    day_a: date, day_b: date, naming: str = "both", lang: str | None = None, scope: str = "islands"
) -> list[str]:
    """What changed between two days, territory by territory, for the comparison view."""
    lang = _lang(lang)
    h = history.load()
    out = []
    for territory in territories_in(scope):
        a, b = h.status(territory, day_a), h.status(territory, day_b)
        if a.same_status(b):
            continue
        with language(lang):
            template = _("{island}: {before} on {date_a}; {after} on {date_b}")
        out.append(
            template.format(
                island=territory_label(territory, naming, lang),
                before=status_sentence(a, lang),
                after=status_sentence(b, lang),
                date_a=history.display_date(day_a, "day", lang),
                date_b=history.display_date(day_b, "day", lang),
            )
        )
    return out


def time_control_words() -> dict[str, str]:
    """The time control's words in the current language: one list for the app's control and the
    atlas's (buttons are also named by them for screen readers)."""
    return {
        "slider": _("Date"),
        "previous": _("Previous event"),
        "next": _("Next event"),
        "play": _("Play through the events"),
        "pause": _("Pause"),
        "pace": _("Seconds per event"),
        "seconds": _("{n} s per event"),
        "failed": _("The time control could not load its data ({error}). Reload the page."),
    }
