"""Who administered and who claimed each territory on any day from 1644 to today, and why.

Reads data/history.json, which scripts/build_history.py builds and checks from the TOML files
in data/history/ (see docs/HISTORY.md). Nothing here parses TOML or re-validates the history:
the build refused anything unsourced or inconsistent, so the app, the command line and the
offline atlas all answer from the same checked document. Loaded once and cached.

Days are `datetime.date`; a status "on" a day is the status at the end of that day.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from kuril_map import paths

HISTORY_FILE = paths.HISTORY_FILE
FORMAT = "kuril-map-history/1"
LANGS: tuple[str, ...] = ("en", "ja", "ru")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
TODAY_ENV = "KURIL_MAP_TODAY"
REPORT_URL_ENV = "KURIL_MAP_REPORT_URL"


class HistoryFileError(ValueError):
    """data/history.json is missing or not what the build writes; rebuild it."""


class UnknownTerritoryError(KeyError):
    """A territory id the history does not know; the message lists the known ids."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class DateOutOfRangeError(ValueError):
    """A day before the start of the history or after today; the message names the range."""


class UnknownIdError(KeyError):
    """An event, era or source id that is not in the history."""

    def __str__(self) -> str:
        return str(self.args[0])


def today() -> date:
    """Today, or $KURIL_MAP_TODAY (YYYY-MM-DD) so that tests and screenshots can fix the day."""
    override = os.environ.get(TODAY_ENV, "").strip()
    if not override:
        return date.today()
    try:
        return date.fromisoformat(override)
    except ValueError:
        raise ValueError(f"${TODAY_ENV} must be YYYY-MM-DD, got {override!r}") from None


# --- Values -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One text in English, Japanese and Russian. Ask for a language: there is no default."""

    en: str
    ja: str
    ru: str

    def get(self, lang: str) -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
        return getattr(self, lang)


@dataclass(frozen=True)
class SourceRef:
    """Where a statement comes from: a source id, the passage, and optionally its words."""

    ref: str
    where: str
    quote: str | None = None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    kind: str  # official | primary | scholarly | encyclopedia | news | other
    language: str
    date: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class State:
    id: str
    label: Text
    start: date | None  # None: existed before the history starts
    end: date | None  # None: still exists
    note: Text | None = None


@dataclass(frozen=True)
class Claim:
    """A state's official claim to territories, with its stated basis (attributed)."""

    state: str
    territories: tuple[str, ...]
    start: date
    start_precision: str
    end: date | None  # last day held; None while held
    end_precision: str | None
    basis: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Period:
    """A stretch of days over which a territory's status did not change."""

    territory: str
    start: date
    start_precision: str
    end: date | None  # last day; None while it lasts
    administered_by: str | None  # a state id, "undivided", or None (no state administered it)
    undivided_between: tuple[str, ...]
    claimed_by: tuple[str, ...]
    note: Text
    sources: tuple[SourceRef, ...]
    claims: tuple[Claim, ...]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Status:
    """A territory's status at the end of `day`, and since when it has held."""

    territory: str
    day: date
    administered_by: str | None  # a state id, "undivided", or None (no state administered it)
    undivided_between: tuple[str, ...]
    claimed_by: tuple[str, ...]
    note: Text
    sources: tuple[SourceRef, ...]
    since: date  # the history's first day when the status held before the history starts
    since_precision: str

    def same_status(self, other: Status) -> bool:
        """True when administration, shared rule and claims are the same (notes may differ)."""
        return (self.administered_by, self.undivided_between, self.claimed_by) == (
            other.administered_by,
            other.undivided_between,
            other.claimed_by,
        )


@dataclass(frozen=True)
class Change:
    """A day within a year on which a territory's status changed."""

    day: date
    precision: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Era:
    id: str
    start: date
    start_precision: str
    end: date | None  # the day before the next era; None for the current one
    name: Text
    summary: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Event:
    id: str
    date: str  # as written: "1855-02-07", "1945-09", "1945-09-03/1945-09-05"
    start: date
    end: date  # the last day (== start for a one-day event)
    precision: str
    era: str
    kind: str
    title: Text
    text: Text
    territories: tuple[str, ...]
    lines: tuple[str, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class LinePosition:
    """What a state held about a line, shown only between its own dates."""

    holder: str
    start: date
    start_precision: str
    end: date | None
    end_precision: str | None
    text: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Position(LinePosition):
    """What a state held about territories: the same, for the territories it names."""

    territories: tuple[str, ...]


@dataclass(frozen=True)
class Line:
    id: str
    kind: str  # agreed border | line of control | claim | hypothetical
    start: date
    start_precision: str
    end: date | None  # last day in force; None while in force
    end_precision: str | None
    name: Text
    description: Text
    geometry: str  # the id of the drawn line in data/geo/boundaries.geojson
    clauses: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    positions: tuple[LinePosition, ...]

    def in_force(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def positions_on(self, day: date) -> list[LinePosition]:
        return [p for p in self.positions if _within(day, p.start, p.end)]


@dataclass(frozen=True)
class Figure:
    island: str
    what: str  # e.g. "population"
    date: str  # as written
    day: date  # first day of `date`
    precision: str
    value: int | float
    sources: tuple[SourceRef, ...]
    note: Text | None = None


# --- The history --------------------------------------------------------------------------------


class History:
    """The consolidated history: status by day, eras, events, lines, positions, figures."""

    def __init__(self, doc: Mapping[str, Any], path: Path | None = None) -> None:
        _check_format(doc, path)
        about = doc["about"]
        self.path = path
        self.start: date = date.fromisoformat(about["start"])
        self.data_as_of: date = date.fromisoformat(about["data_as_of"])
        self._report_url: str = about.get("report_url", "")
        self.territories: tuple[str, ...] = tuple(doc["territory_order"])
        self.groups: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in doc["groups"].items()}
        self.states: dict[str, State] = {k: _state(k, v) for k, v in doc["states"].items()}
        self.sources: dict[str, Source] = {k: _source(k, v) for k, v in doc["sources"].items()}
        self.claims: tuple[Claim, ...] = tuple(_claim(c) for c in doc["claims"])
        self._periods: dict[str, tuple[Period, ...]] = {
            t: tuple(_period(t, p, self.claims) for p in doc["territories"][t]["periods"])
            for t in self.territories
        }
        self._starts = {t: [p.start for p in ps] for t, ps in self._periods.items()}
        self.eras: tuple[Era, ...] = tuple(_era(e) for e in doc["eras"])
        self.events: tuple[Event, ...] = tuple(_event(e) for e in doc["events"])
        self._events_by_id = {e.id: e for e in self.events}
        self.lines: tuple[Line, ...] = tuple(_line(x) for x in doc["lines"])
        self.positions: tuple[Position, ...] = tuple(_position(p) for p in doc["positions"])
        self._figures: tuple[Figure, ...] = tuple(_figure(f) for f in doc["figures"])

    # --- range ---

    @property
    def end(self) -> date:
        """The last day the history covers: today (see `today()`)."""
        return today()

    @property
    def report_url(self) -> str:
        """Where readers report an error; "" means no link. $KURIL_MAP_REPORT_URL overrides."""
        override = os.environ.get(REPORT_URL_ENV)
        return override.strip() if override is not None else self._report_url

    def check_day(self, day: date) -> date:
        """`day` if the history covers it, else DateOutOfRangeError naming the range."""
        if not isinstance(day, date):
            raise TypeError(f"expected a datetime.date, got {type(day).__name__}")
        end = self.end
        if not self.start <= day <= end:
            raise DateOutOfRangeError(
                f"{day.isoformat()} is outside the history: "
                f"{self.start.isoformat()} to {end.isoformat()} (today)"
            )
        return day

    def check_territory(self, territory: str) -> str:
        if territory not in self._periods:
            raise UnknownTerritoryError(
                f"unknown territory {territory!r}; known: {', '.join(self.territories)}"
            )
        return territory

    # --- status ---

    def periods(self, territory: str) -> list[Period]:
        """The resolved periods of a territory, oldest first (may run past today's end)."""
        return list(self._periods[self.check_territory(territory)])

    def period_on(self, territory: str, day: date) -> Period:
        territory = self.check_territory(territory)
        day = self.check_day(day)
        starts = self._starts[territory]
        i = bisect.bisect_right(starts, day) - 1
        if i < 0:
            raise DateOutOfRangeError(
                f"{territory} has no status on {day.isoformat()}: no control period in "
                "data/history/control/ covers it"
            )
        return self._periods[territory][i]

    def status(self, territory: str, day: date) -> Status:
        """Who administered and who claimed `territory` at the end of `day`."""
        return self._status(self.period_on(territory, day), day)

    def status_in_year(self, territory: str, year: int) -> Status:
        """The status on 31 December of `year` (or today, for the current year)."""
        return self.status(territory, self._year_view_day(year))

    def changes(self, territory: str, year: int) -> list[Change]:
        """The days in `year` (up to today) on which the territory's status changed."""
        self._year_view_day(year)
        periods = self._periods[self.check_territory(territory)]
        out = []
        for before, after in itertools.pairwise(periods):
            day = after.start
            if day.year != year or day > self.end:
                continue
            old = self._status(before, day - timedelta(days=1))
            new = self._status(after, day)
            if not old.same_status(new):
                out.append(Change(day, after.start_precision, old, new))
        return out

    def _year_view_day(self, year: int) -> date:
        end = self.end
        if isinstance(year, bool) or not isinstance(year, int):
            raise TypeError(f"year must be an int, got {year!r}")
        if not self.start.year <= year <= end.year:
            raise DateOutOfRangeError(
                f"year {year} is outside the history: {self.start.year} to {end.year} (today)"
            )
        return end if year == end.year else date(year, 12, 31)

    def _status(self, period: Period, day: date) -> Status:
        return Status(
            territory=period.territory,
            day=day,
            administered_by=period.administered_by,
            undivided_between=period.undivided_between,
            claimed_by=period.claimed_by,
            note=period.note,
            sources=period.sources,
            since=max(period.start, self.start),
            since_precision=period.start_precision if period.start >= self.start else "day",
        )

    # --- eras and events ---

    def era_on(self, day: date) -> Era:
        day = self.check_day(day)
        return next(e for e in reversed(self.eras) if e.start <= day)

    def event(self, event_id: str) -> Event:
        try:
            return self._events_by_id[event_id]
        except KeyError:
            raise UnknownIdError(f"unknown event {event_id!r}") from None

    def events_in(self, start: date, end: date) -> list[Event]:
        """Events that touch any day from `start` to `end` (both included), in date order."""
        return [e for e in self.events if e.start <= end and e.end >= start]

    def stops(self) -> list[Event]:
        """The time control's stops: every event up to today, in date order."""
        end = self.end
        return [e for e in self.events if self.start <= e.start <= end]

    # --- lines, positions, figures, sources ---

    def lines_in_force(self, day: date) -> list[Line]:
        day = self.check_day(day)
        return [x for x in self.lines if x.in_force(day)]

    def positions_on(self, day: date, territory: str | None = None) -> list[Position]:
        """Positions held on `day` (about `territory` if given); none is projected back."""
        day = self.check_day(day)
        if territory is not None:
            self.check_territory(territory)
        return [
            p
            for p in self.positions
            if _within(day, p.start, p.end) and (territory is None or territory in p.territories)
        ]

    def figures(self, island: str) -> list[Figure]:
        """Dated figures (population, …) for one territory, oldest first."""
        island = self.check_territory(island)
        return [f for f in self._figures if f.island == island]

    def source(self, source_id: str) -> Source:
        try:
            return self.sources[source_id]
        except KeyError:
            raise UnknownIdError(f"unknown source {source_id!r}") from None


def load(path: Path | str | None = None) -> History:
    """The history in `path` (default data/history.json), read once per path."""
    return _load(Path(path).resolve() if path is not None else HISTORY_FILE)


@lru_cache(maxsize=4)
def _load(path: Path) -> History:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HistoryFileError(
            f"{path} is missing; build it with: .venv/bin/python scripts/build_history.py"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise HistoryFileError(f"{path}: not valid JSON ({exc}); rebuild it") from None
    return History(doc, path)


# --- Display ------------------------------------------------------------------------------------

EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
RU_MONTHS = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


def display_date(day: date, precision: str, lang: str) -> str:
    """A day no more precisely than it is known, in the reader's language.

    day: '28 Aug 1945' / '1945年8月28日' / '28 августа 1945 г.'; month: 'Aug 1945' / '1945年8月' /
    'август 1945 г.'; year: '1945' / '1945年' / '1945 г.'
    """
    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; expected one of {PRECISIONS}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    y, m, d = day.year, day.month, day.day
    if lang == "ja":
        return {"day": f"{y}年{m}月{d}日", "month": f"{y}年{m}月", "year": f"{y}年"}[precision]
    if lang == "ru":
        return {
            "day": f"{d} {RU_MONTHS_GENITIVE[m - 1]} {y} г.",
            "month": f"{RU_MONTHS[m - 1]} {y} г.",
            "year": f"{y} г.",
        }[precision]
    return {"day": f"{d} {EN_MONTHS[m - 1]} {y}", "month": f"{EN_MONTHS[m - 1]} {y}"}.get(
        precision, str(y)
    )


def display_range(start: date, end: date, precision: str, lang: str) -> str:
    """An event's dates: one date, or 'start – end' when it spans several days or months."""
    first, last = display_date(start, precision, lang), display_date(end, precision, lang)
    return first if first == last else f"{first} – {last}"


# --- Reading the document -----------------------------------------------------------------------


def _check_format(doc: Mapping[str, Any], path: Path | None) -> None:
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, Mapping) else type(doc).__name__
        raise HistoryFileError(
            f"{path or 'history document'}: expected format {FORMAT!r}, found {found!r}; "
            "rebuild it with scripts/build_history.py"
        )


def _within(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _text(value: Mapping[str, str] | None) -> Text | None:
    return Text(value["en"], value["ja"], value["ru"]) if value else None


def _refs(values: Iterable[Mapping[str, str]]) -> tuple[SourceRef, ...]:
    return tuple(SourceRef(v["ref"], v["where"], v.get("quote")) for v in values)


def _state(key: str, v: Mapping[str, Any]) -> State:
    return State(
        key, _text(v["label"]), _day(v.get("from")), _day(v.get("to")), _text(v.get("note"))
    )


def _source(key: str, v: Mapping[str, Any]) -> Source:
    return Source(
        key,
        v["title"],
        v["publisher"],
        v["url"],
        v["kind"],
        v["language"],
        v.get("date"),
        v.get("note"),
    )


def _claim(v: Mapping[str, Any]) -> Claim:
    return Claim(
        v["state"],
        tuple(v["territories"]),
        date.fromisoformat(v["start"]),
        v["start_precision"],
        _day(v["end"]),
        v["end_precision"],
        _text(v["basis"]),
        _refs(v["sources"]),
    )


def _period(territory: str, v: Mapping[str, Any], claims: tuple[Claim, ...]) -> Period:
    admin = v["administered_by"]
    return Period(
        territory=territory,
        start=date.fromisoformat(v["start"]),
        start_precision=v["start_precision"],
        end=_day(v["end"]),
        administered_by=None if admin == "none" else admin,
        undivided_between=tuple(v["undivided_between"]),
        claimed_by=tuple(v["claimed_by"]),
        note=_text(v["note"]),
        sources=_refs(v["sources"]),
        claims=tuple(claims[i] for i in v["claims"]),
    )


def _era(v: Mapping[str, Any]) -> Era:
    return Era(
        v["id"],
        date.fromisoformat(v["start"]),
        v["start_precision"],
        _day(v["end"]),
        _text(v["name"]),
        _text(v["summary"]),
        _refs(v["sources"]),
    )


def _event(v: Mapping[str, Any]) -> Event:
    return Event(
        id=v["id"],
        date=v["date"],
        start=date.fromisoformat(v["start"]),
        end=date.fromisoformat(v["end"]),
        precision=v["precision"],
        era=v["era"],
        kind=v["kind"],
        title=_text(v["title"]),
        text=_text(v["text"]),
        territories=tuple(v["territories"]),
        lines=tuple(v["lines"]),
        sources=_refs(v["sources"]),
    )


def _held(v: Mapping[str, Any]) -> dict[str, Any]:
    """What a position on a line and a position on territories share: who, when, what, why."""
    return {
        "holder": v["holder"],
        "start": date.fromisoformat(v["start"]),
        "start_precision": v["start_precision"],
        "end": _day(v["end"]),
        "end_precision": v["end_precision"],
        "text": _text(v["text"]),
        "sources": _refs(v["sources"]),
    }


def _line_position(v: Mapping[str, Any]) -> LinePosition:
    return LinePosition(**_held(v))


def _line(v: Mapping[str, Any]) -> Line:
    return Line(
        id=v["id"],
        kind=v["kind"],
        start=date.fromisoformat(v["start"]),
        start_precision=v["start_precision"],
        end=_day(v["end"]),
        end_precision=v["end_precision"],
        name=_text(v["name"]),
        description=_text(v["description"]),
        geometry=v["geometry"],
        clauses=tuple(v["clauses"]),
        sources=_refs(v["sources"]),
        positions=tuple(_line_position(p) for p in v["positions"]),
    )


def _position(v: Mapping[str, Any]) -> Position:
    return Position(territories=tuple(v["territories"]), **_held(v))


def _figure(v: Mapping[str, Any]) -> Figure:
    return Figure(
        island=v["island"],
        what=v["what"],
        date=v["date"],
        day=date.fromisoformat(v["start"]),
        precision=v["precision"],
        value=v["value"],
        sources=_refs(v["sources"]),
        note=_text(v.get("note")),
    )
