"""The days a passage speaks of: the dates, years and events written in it, and its document's
own date where that dates it; and how close they lie to a chosen day.

A stretch is a day (a treaty's date), a month, a year or a decade. Named events are dated to
their day in the history (`EVENT_IDS`), so "the Joint Declaration" is 19 October 1956.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kuril_map import history
from kuril_map.documents.cleaning import full_date_spans
from kuril_map.documents.loading import Document, Passage
from kuril_map.documents.tagging import SOURCE_DOCUMENT, Match, dated

PRIMARY_SOURCE = "primary source"  # the front matter `kind` of treaties, decrees, reports
DAYS_HALF = 365.0  # days: a passage a year from the chosen day is half as close as one on it
SPREAD_WEIGHT = 0.1  # how much the passage's other, further dates pull it away

# Tagger event labels -> history event ids, so a named event dates a passage to its day.
EVENT_IDS = {
    "Treaty of Shimoda": "shimoda_treaty_1855",
    "Treaty of Saint Petersburg": "st_petersburg_treaty_1875",
    "Treaty of Portsmouth": "portsmouth_treaty_1905",
    "Cairo Declaration": "cairo_declaration_1943",
    "Yalta Conference": "yalta_agreement_1945",
    "Potsdam Declaration": "potsdam_declaration_1945",
    "San Francisco Peace Treaty": "san_francisco_signed_1951",
    "Joint Declaration": "joint_declaration_signed_1956",
    "Tokyo Declaration": "tokyo_declaration_1993",
    "Irkutsk Statement": "irkutsk_statement_2001",
}


@dataclass(frozen=True)
class Stretch:
    """Days a passage speaks of: one day (a treaty's date), a month, a year, a decade."""

    first: date
    last: date

    def distance(self, day: date) -> float:
        """Average days between `day` and a day of the stretch: 0 for the day itself, about 91
        for a year the day falls in, a year and a half for the year before the day's."""
        lo, hi, d = self.first.toordinal(), self.last.toordinal(), day.toordinal()
        width = hi - lo
        if width == 0:
            return float(abs(d - lo))
        if d < lo:
            return lo - d + width / 2
        if d > hi:
            return d - hi + width / 2
        return ((d - lo) ** 2 + (hi - d) ** 2) / (2 * width)


def years_stretch(first: int, last: int | None = None) -> Stretch:
    return Stretch(date(first, 1, 1), date(last or first, 12, 31))


def date_stretch(value: str | None) -> Stretch | None:
    """A front matter date ("1855-02-07", "1787-04", "1713") as the days it covers."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return Stretch(day, day)
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return Stretch(first, following - timedelta(days=1))
    return years_stretch(parts[0])


@functools.cache
def _event_stretches() -> dict[str, Stretch]:
    """The day of each named event the history knows; the others are dated by their year."""
    h = history.load()
    known = {e.id: e for e in h.events}
    return {
        label: Stretch(known[i].start, known[i].end or known[i].start)
        for label, i in EVENT_IDS.items()
        if i in known
    }


def _match_stretch(m: Match) -> Stretch:
    if m.kind == "event" and m.label in _event_stretches():
        return _event_stretches()[m.label]
    return years_stretch(m.years[0], m.years[-1])


def is_primary(document: Document | None) -> bool:
    return document is not None and document.kind == PRIMARY_SOURCE


def has_source(document: Document) -> bool:
    """A title and a URL or publisher: a source a reader can look up."""
    return bool(document.title and (document.url or document.publisher))


def passage_stretches(passage: Passage, document: Document | None = None) -> list[Stretch]:
    """The days a passage speaks of: the full dates, years and events written in it (a year
    inside a full date counts as that day), and the document's own date where it dates the
    passage: always for a primary text (a treaty speaks on the day it was signed), for other
    documents only when the text names no year of its own (a publication date)."""
    days = full_date_spans(passage.text)
    inside = [(start, end) for start, end, _ in days]
    stretches = [Stretch(date.fromisoformat(iso), date.fromisoformat(iso)) for _, _, iso in days]
    for m in dated(passage.matches):
        if m.source == SOURCE_DOCUMENT and not is_primary(document):
            continue  # a month and day dated only by the publication year: the date below
        if not any(start <= m.start and m.end <= end for start, end in inside):
            stretches.append(_match_stretch(m))
    own = date_stretch(document.date) if document is not None else None
    if own is not None and (is_primary(document) or not stretches):
        stretches.append(own)
    if not stretches and passage.years:  # the document's year only
        stretches.append(years_stretch(min(passage.years), max(passage.years)))
    return stretches


def closeness(stretches: Sequence[Stretch], day: date) -> float:
    """1 for a passage on the day, ½ for one a year away, falling further; a passage whose other
    dates lie far away (1956 and 2022) is a little less close than one about the day alone."""
    if not stretches:
        return 0.0
    distances = [s.distance(day) for s in set(stretches)]  # a year named twice counts once
    nearest = min(distances)
    mean = sum(distances) / len(distances)
    return 1 / (1 + (nearest + SPREAD_WEIGHT * (mean - nearest)) / DAYS_HALF)
