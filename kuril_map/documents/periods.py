"""The span of years whose passages are shown for a day, and what the panel shows for it.

Candidate spans are the day's year ±1, ±2, ±5, ±10 and ±25 years and the day's era, tried
narrowest first; the first in which two cited documents name the island is shown (group
passages count only where none is enough). An empty choice names the nearest day that has
passages. See docs/DOCUMENTS.md, "Periods".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kuril_map import history
from kuril_map.documents.excerpts import (
    Excerpt,
    dedupe,
    is_relevant,
    island_filter,
    one_language,
    ranked_excerpts,
)
from kuril_map.documents.loading import Document, clause_family
from kuril_map.documents.passage_dates import date_stretch, has_source, passage_stretches

# The spans tried, narrowest first: the day's year ± these years, and the day's era.
WINDOWS = (1, 2, 5, 10, 25)
ENOUGH = 2  # cited documents with passages naming the island that make a span enough
WINDOW, ERA = "window", "era"
TRIED = "every span tried"  # the kind of the span reported when none has a passage

# The days the treaties and declarations in seeds/primary were signed (1875: also the day the
# treaty came into force with its supplementary article; 1945: Yalta and Potsdam). The corpus
# report and the ranking tests look at the panel on each of them.
TREATY_DAYS = (
    date(1855, 2, 7),
    date(1875, 5, 7),
    date(1875, 8, 22),
    date(1905, 9, 5),
    date(1945, 2, 11),
    date(1945, 7, 26),
    date(1951, 9, 8),
    date(1956, 10, 19),
    date(1993, 10, 13),
)


@dataclass(frozen=True)
class Span:
    """The years whose passages are shown for a day: a window around it, or its era."""

    start: int
    end: int
    kind: str  # WINDOW or ERA
    reach: int = 0  # a window's years either side of the day's year
    era_id: str | None = None

    @property
    def width(self) -> int:
        return self.end - self.start + 1

    @property
    def years(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def label(self) -> str:
        """'1955–1957', or '1956' for a single year."""
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


def era_span(day: date) -> Span:
    """The era of `day`, in years: one of the spans tried."""
    h = history.load()
    era = h.era_on(day)
    return Span(era.start.year, (era.end or h.end).year, ERA, era_id=era.id)


def candidate_spans(day: date) -> list[Span]:
    """The spans tried for `day`, narrowest first: the day's year ±1, ±2, ±5, ±10 and ±25 years
    (within the history, 1644 to today) and the day's era, wherever its width puts it."""
    h = history.load()
    windows = [
        Span(max(h.start.year, day.year - r), min(h.end.year, day.year + r), WINDOW, reach=r)
        for r in WINDOWS
    ]
    spans = [*windows, era_span(day)]
    return sorted(spans, key=lambda s: (s.width, s.kind != WINDOW))


def is_cited(excerpt: Excerpt) -> bool:
    """A source a reader can find: a title and the URL or the publisher (a pasted text with
    neither is still shown, but does not make a span enough)."""
    return any(has_source(d) for d in excerpt.all_sources)


def distinct_count(excerpts: Iterable[Excerpt]) -> int:
    """How many cited documents these passages come from (a clause in several languages, or a
    text quoted by several outlets, counts once): two passages of one text are not two voices."""
    shown = [e for e in one_language(dedupe(excerpts), "en") if is_cited(e)]
    return len({clause_family(e.document) or e.document.id for e in shown})


def choose_span(
    documents: Sequence[Document], island_id: str | None, day: date
) -> tuple[Span, list[Excerpt]]:
    """The narrowest candidate span in which at least ENOUGH cited passages name the island,
    with its excerpts ranked for `day`. If none has that many, the narrowest where passages on
    the four islands as a group make up the number; else the one with the most (maybe none)."""
    island = island_filter(island_id)
    spans = candidate_spans(day)
    lo, hi = min(s.start for s in spans), max(s.end for s in spans)
    pool = [
        replace(doc, passages=kept)
        for doc in documents
        if (kept := [p for p in doc.passages if is_relevant(p, island, lo, hi)])
    ]
    tried, known = [], {}
    for span in spans:
        found = ranked_excerpts(pool, island, span.start, span.end, day, known)
        named = distinct_count(e for e in found if not e.group)
        if named >= ENOUGH:
            return span, found
        tried.append((span, found, (named, distinct_count(found), len(found))))
    for span, found, (_, cited, _) in tried:
        if cited >= ENOUGH:
            return span, found
    span, found, _ = max(tried, key=lambda t: t[2])
    return span, found


def excerpts_for(
    documents: Sequence[Document], island_id: str | None, day: date, limit: int | None = None
) -> list[Excerpt]:
    """Excerpts about the island (or any of the four) in the span chosen for `day`, best first."""
    found = choose_span(documents, island_id, day)[1]
    return found if limit is None else found[: max(limit, 0)]


def nearest_day(documents: Iterable[Document], island_id: str | None, day: date) -> date | None:
    """Where the panel has something to show: in the year nearest `day` (within the history)
    that a passage on the island (or its group) names, that passage's own day if it has one (a
    treaty's date), else the day of that year nearest `day`. None if no passage names it."""
    island = island_filter(island_id)
    h = history.load()
    years: set[int] = set()
    exact: dict[int, set[date]] = {}
    for doc in documents:
        for p in doc.passages:
            if not (p.islands if island is None else island in p.islands):
                continue
            named = {y for y in p.years if h.start.year <= y <= h.end.year}
            years |= named
            for s in passage_stretches(p, doc):
                if s.first == s.last and s.first.year in named and h.start <= s.first <= h.end:
                    exact.setdefault(s.first.year, set()).add(s.first)
    if not years:
        return None

    def gap(when: date) -> tuple[int, date]:
        return abs((when - day).days), when

    year = min(years, key=lambda y: gap(_nearest_in_year(y, day, h.start, h.end)))
    return min(exact.get(year) or {_nearest_in_year(year, day, h.start, h.end)}, key=gap)


def _nearest_in_year(year: int, day: date, first: date, last: date) -> date:
    """The day of `year` nearest `day`, within [first, last]."""
    target = day.replace(year=year) if day.year == year else None
    if target is None:
        target = date(year, 1, 1) if year > day.year else date(year, 12, 31)
    return min(max(target, first), last)


@dataclass(frozen=True)
class Selection:
    """What the panel and the command line show for an island and a day."""

    span: Span
    excerpts: list[Excerpt]  # best first, one per text, each clause once in the reader's language
    tried: tuple[int, int]  # the years looked at, all spans together
    nearest: date | None = None  # when nothing was found: the nearest day with passages


def passages_for(
    documents: Sequence[Document], island_id: str | None, day: date, lang: str = "en"
) -> Selection:
    """The span for `day`, its passages as shown (one per text, one language per clause), and,
    when there are none, the nearest day that has some."""
    span, found = choose_span(documents, island_id, day)
    shown = one_language(dedupe(found), lang)
    spans = candidate_spans(day)
    tried = (min(s.start for s in spans), max(s.end for s in spans))
    if shown:
        return Selection(span, shown, tried)
    nothing = Span(tried[0], tried[1], TRIED)  # every year looked at, as the panel says
    return Selection(nothing, [], tried, nearest_day(documents, island_id, day))


def clauses_on(clauses: Sequence[Document], day: date) -> list[Document]:
    """The clauses behind a line as they stood on `day`, newest first.

    A line's clauses span its history (the line of Japan's claim has Shimoda 1855, San
    Francisco 1951, the 1991 communiqué, the Tokyo Declaration of 1993, the 2000 statement):
    on 19 Oct 1956 only those signed by then are behind it, and the day's own instrument
    comes first, then the older ones. A clause dated by month or year counts from its first
    day; an undated one is kept, last. A clause's versions in several languages share its date
    and stay together, in the order given."""

    def signed(doc: Document) -> date | None:
        stretch = date_stretch(doc.date)
        return stretch.first if stretch else None

    kept = [d for d in clauses if (signed(d) or date.min) <= day]
    return sorted(kept, key=lambda d: -(signed(d) or date.min).toordinal())
