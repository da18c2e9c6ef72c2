"""Everything the map needs for every date, as one file the browser fetches once.

Per territory, the periods over which its status did not change (not one entry per year), the
lines with their dates, the eras and the stops of the time control, the names in each naming
tradition and script, and the interface's words in the three languages. With it the map frame,
the time control and the panels recolour and rewrite themselves while the user drags the time
control, with no message to the server (``js/time.js`` reads it); the one-file atlas carries
the same bundle inline.

The file is written under ``static/geo/`` with a hash of its content in its name, like the
shapes (`kuril_map.map.shapes`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from kuril_map import history
from kuril_map.i18n import LANGUAGES, _, in_languages
from kuril_map.islands import ISLAND_IDS
from kuril_map.map.static_files import GeneratedFile
from kuril_map.map.style import LINE_STYLES, STATE_COLOURS, line_style
from kuril_map.names import NAMING_MODES, territory_label
from kuril_map.summaries import interface_text

LANGS = tuple(LANGUAGES)
# Territories labelled on the map besides the four islands: the large ones, and the islands
# whose treaties a class discusses (the labels of the smallest Kurils would hide each other).
LABELLED = ("urup", "shumshu", "paramushir", "sakhalin_south", "sakhalin_north", "hokkaido")


def _text(value: history.Text) -> dict[str, str]:
    return {lang: value.get(lang) for lang in LANGS}


def _refs(refs: tuple[history.SourceRef, ...]) -> list[list[str]]:
    """[source id, where in it] for each source of a statement (the sources are listed once)."""
    return [[r.ref, r.where] for r in refs]


def _period(p: history.Period, notes: dict[str, int]) -> list[Any]:
    """[first day, last day or None, administered by, undivided between, claimants, note,
    precision of the first day]: a compact row (about 150 rows in all). Notes, with their
    sources, are listed once and shared by the territories of a group."""
    note = json.dumps(
        {"text": _text(p.note), "sources": _refs(p.sources)}, ensure_ascii=False, sort_keys=True
    )
    index = notes.setdefault(note, len(notes))
    return [
        p.start.isoformat(),
        p.end.isoformat() if p.end else None,
        p.administered_by or "none",
        list(p.undivided_between),
        list(p.claimed_by),
        index,
        p.start_precision,
    ]


def _territories(h: history.History) -> tuple[dict[str, Any], list[dict[str, str]]]:
    notes: dict[str, int] = {}
    territories = {
        t: {
            "four": t in ISLAND_IDS,
            "label": t in ISLAND_IDS or t in LABELLED,
            "periods": [_period(p, notes) for p in h.periods(t)],
        }
        for t in h.territories
    }
    return territories, [json.loads(n) for n in notes]


def _names(h: history.History) -> dict[str, dict[str, dict[str, str]]]:
    """Each territory's label per naming mode and screen language (`names.territory_label`)."""
    return {
        t: {mode: {lang: territory_label(t, mode, lang) for lang in LANGS} for mode in NAMING_MODES}
        for t in h.territories
    }


def _states(h: history.History) -> dict[str, Any]:
    """The states the map colours (those with a colour: a state that only held a position,
    like the United States in 1956, is named in the panels but has no fill), plus "none"
    and "undivided"."""
    states = {
        sid: {"colour": STATE_COLOURS.get(sid), "label": _text(s.label)}
        for sid, s in h.states.items()
    }
    for key, colour_key in (("none", None), ("undivided", "undivided")):
        states[key] = {"colour": STATE_COLOURS[colour_key], "label": _state_words(key)}
    return states


def _state_words(key: str) -> dict[str, str]:
    return in_languages(lambda: _("no state administration") if key == "none" else _("undivided"))


def _lines(h: history.History) -> list[dict[str, Any]]:
    return [
        {
            "id": line.id,
            "geometry": line.geometry,
            "kind": line.kind,
            "start": line.start.isoformat(),
            "end": line.end.isoformat() if line.end else None,
            "name": _text(line.name),
            "description": _text(line.description),
            "sources": _refs(line.sources),
        }
        for line in h.lines
    ]


def _kinds() -> dict[str, Any]:
    out = {}
    for kind in LINE_STYLES:
        ls = line_style(kind)
        labels = in_languages(lambda label=ls.label: _(label))
        out[kind] = {"colour": ls.colour, "dash": ls.dash, "weight": ls.weight, "label": labels}
    return out


def _eras(h: history.History) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "start": e.start.isoformat(),
            "end": e.end.isoformat() if e.end else None,
            "name": _text(e.name),
            "summary": _text(e.summary),
            "sources": _refs(e.sources),
        }
        for e in h.eras
    ]


def _positions(h: history.History) -> list[dict[str, Any]]:
    return [
        {
            "holder": p.holder,
            "territories": list(p.territories),
            "start": p.start.isoformat(),
            "end": p.end.isoformat() if p.end else None,
            "text": _text(p.text),
            "sources": _refs(p.sources),
        }
        for p in h.positions
    ]


def _sources(h: history.History) -> dict[str, Any]:
    return {
        sid: {"title": s.title, "publisher": s.publisher, "url": s.url, "kind": s.kind}
        for sid, s in h.sources.items()
    }


def _stops(h: history.History) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "start": e.start.isoformat(),
            "end": e.end.isoformat(),
            "precision": e.precision,
            "title": _text(e.title),
            "text": _text(e.text),
            "kind": e.kind,
            "territories": list(e.territories),
            "lines": list(e.lines),
            "sources": _refs(e.sources),
        }
        for e in h.stops()
    ]


@lru_cache(maxsize=1)
def bundle() -> dict[str, Any]:
    """The whole bundle (a few hundred kB of JSON before compression)."""
    h = history.load()
    territories, notes = _territories(h)
    return {
        "start": h.start.isoformat(),
        "today": h.end.isoformat(),
        "asOf": h.data_as_of.isoformat(),
        "langs": list(LANGS),
        "states": _states(h),
        # The legend's order: the states in the order of data/history/states.toml.
        "stateOrder": [*h.states, "undivided", "none"],
        "territories": territories,
        "notes": notes,
        "names": _names(h),
        "lines": _lines(h),
        "kinds": _kinds(),
        "eras": _eras(h),
        "stops": _stops(h),
        "positions": _positions(h),
        "sources": _sources(h),
        "text": {lang: interface_text(lang) for lang in LANGS},
    }


@lru_cache(maxsize=1)
def bundle_json() -> str:
    """The bundle as compact JSON text, the same bytes on every call."""
    return json.dumps(bundle(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


FILE = GeneratedFile("geo", "kuril-time", ".json", lambda: bundle_json().encode("utf-8"))
