"""Eras, dated events and who administered or claimed each island in a given year.

Everything is read from data/timeline.json, which scripts/build_timeline.py generates from the
sourced facts; this module only loads, checks and answers questions about it, so the app, the
map and the command line all tell the same story for the same year.
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kuril_map.islands import ISLAND_IDS, UnknownIslandError, resolve_island
from kuril_map.paths import TIMELINE_FILE

START_YEAR = 1644
END_YEAR = 2026
STATES: tuple[str, ...] = ("Japan", "Russian Empire", "USSR", "Russia")
CONTEXT_ISLAND_IDS: tuple[str, ...] = ("urup",)  # shown on the map for context, not disputed
STATUS_ISLAND_IDS: tuple[str, ...] = (*ISLAND_IDS, *CONTEXT_ISLAND_IDS)
SOURCE_STATUSES = ("confirmed", "confirmed_secondary")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{2,4}(-\d{2}(-\d{2})?)?)?$")


class TimelineError(ValueError):
    """The timeline file is missing or malformed; the message names the file and the problem."""


class YearOutOfRangeError(ValueError):
    """A year outside the product's range; the message is one line that names the range."""


@dataclass(frozen=True)
class Era:
    """A named span of years (inclusive) with a short neutral summary."""

    id: str
    name: str
    start: int
    end: int
    summary: str


@dataclass(frozen=True)
class Event:
    """One dated event, with the source it was checked against."""

    id: str
    date: str  # ISO 8601, ranges with '/': "1855-02-07", "1945-09", "1945-09-03/05"
    year: int  # the year the event starts in
    title: str
    description: str
    islands: list[str]  # ids of the four islands concerned; empty if none specifically
    era_id: str
    source_title: str
    source_url: str
    line_ids: list[str]  # boundary ids (kuril_map.geodata) the event concerns
    status: str = "confirmed"  # "confirmed" or "confirmed_secondary", from facts.json
    other_source_urls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IslandStatus:
    """Who administered an island at the end of a year, and which other states claimed it."""

    island_id: str
    year: int
    administered_by: str | None  # None: no state administered it
    claimed_by: list[str]  # states other than the administrator claiming sovereignty
    note: str
    source_url: str
    changes: list[str]  # in-year changes, e.g. "28 Aug 1945: Soviet forces land on Etorofu."


@dataclass(frozen=True)
class _Period:
    start: int
    end: int
    administered_by: str | None
    claimed_by: tuple[str, ...]
    note: str
    source_url: str


@dataclass(frozen=True)
class Timeline:
    """The loaded timeline; its methods answer per-year questions without re-reading the file."""

    eras: list[Era]
    events: list[Event]
    start_year: int
    end_year: int
    _periods: dict[str, tuple[_Period, ...]] = field(repr=False)
    _changes: dict[str, dict[int, tuple[str, ...]]] = field(repr=False)

    def check_year(self, year: int) -> int:
        """The year as an int, if this timeline covers it."""
        return _check_range(year, self.start_year, self.end_year)

    def status(self, island_id: str, year: int) -> IslandStatus:
        """Control of an island at the end of `year`, with that year's changes."""
        island = _island_key(island_id)
        year = self.check_year(year)
        period = next(p for p in self._periods[island] if p.start <= year <= p.end)
        return IslandStatus(
            island_id=island,
            year=year,
            administered_by=period.administered_by,
            claimed_by=list(period.claimed_by),
            note=period.note,
            source_url=period.source_url,
            changes=list(self._changes[island].get(year, ())),
        )

    def era_for_year(self, year: int) -> Era:
        """The era containing `year`."""
        year = self.check_year(year)
        return next(e for e in self.eras if e.start <= year <= e.end)

    def events_in_era(self, era_id: str) -> list[Event]:
        """Events of one era in date order; an unknown era id is an error, not an empty list."""
        if all(e.id != era_id for e in self.eras):
            known = ", ".join(e.id for e in self.eras)
            raise KeyError(f"unknown era {era_id!r}; known: {known}")
        return [e for e in self.events if e.era_id == era_id]

    def event_years(self) -> list[int]:
        """Sorted distinct years that have at least one event (the stops of the time control)."""
        return sorted({e.year for e in self.events})


def _check_range(year: int, start: int, end: int) -> int:
    try:
        value = operator.index(year)  # ints and numpy ints; not floats or strings
    except TypeError:
        raise YearOutOfRangeError(f"year must be a whole number, got {year!r}") from None
    if isinstance(year, bool) or not start <= value <= end:
        raise YearOutOfRangeError(f"year {year} is outside {start}–{end}")
    return value


def _island_key(island_id: str) -> str:
    """An id of the four or a context island; other names resolve through the registry."""
    if island_id in STATUS_ISLAND_IDS:
        return island_id
    if isinstance(island_id, str) and island_id.strip().casefold() in STATUS_ISLAND_IDS:
        return island_id.strip().casefold()
    try:
        return resolve_island(island_id)
    except (UnknownIslandError, AttributeError, TypeError):
        raise UnknownIslandError(
            f"unknown island {island_id!r}; expected one of "
            f"{', '.join(STATUS_ISLAND_IDS)} or another name form of the four islands"
        ) from None


# --- Loading and validation ---------------------------------------------------------------------


class _Reader:
    """Typed access to the parsed JSON that turns every surprise into a TimelineError."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> TimelineError:
        return TimelineError(f"{self.path}: {where}: {problem}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, "expected an object")
        if key not in obj:
            raise self.fail(where, f"missing {key!r}")
        value = obj[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(where, f"{key!r} has the wrong type (bool)")
        if not isinstance(value, kind):
            raise self.fail(where, f"{key!r} has the wrong type ({type(value).__name__})")
        return value

    def text(self, obj: Any, key: str, where: str) -> str:
        value = self.get(obj, key, str, where)
        if not value.strip():
            raise self.fail(where, f"{key!r} is empty")
        return value

    def strings(self, obj: Any, key: str, where: str) -> list[str]:
        values = self.get(obj, key, list, where)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(where, f"{key!r} must be a list of strings")
        return list(values)

    def state(self, value: Any, where: str) -> str:
        if value not in STATES:
            raise self.fail(where, f"unknown state {value!r}; expected one of {', '.join(STATES)}")
        return value

    def next_start(self, where: str, what: str, start: int, end: int, expected: int) -> int:
        """The year after a span (an era, an island's period) that must start at `expected`.

        Eras and each island's periods must tile the years with no gap or overlap, so that every
        year has exactly one of them.
        """
        if start != expected or end < start:
            raise self.fail(where, f"{what} must run on without gaps or overlaps from {expected}")
        return end + 1

    def unique(self, where: str, kind: str, ids: list[str]) -> None:
        """Ids are how eras and events are looked up and linked to, so each may occur once."""
        if len(set(ids)) != len(ids):
            raise self.fail(where, f"{kind} ids are not unique")


def _parse(doc: Any, path: Path) -> Timeline:
    r = _Reader(path)
    start = r.get(doc, "start_year", int, "top level")
    end = r.get(doc, "end_year", int, "top level")
    if start > end:
        raise r.fail("top level", f"start_year {start} is after end_year {end}")

    eras: list[Era] = []
    expected = start
    for i, raw in enumerate(r.get(doc, "eras", list, "top level")):
        where = f"eras[{i}]"
        era = Era(
            id=r.text(raw, "id", where),
            name=r.text(raw, "name", where),
            start=r.get(raw, "start", int, where),
            end=r.get(raw, "end", int, where),
            summary=r.text(raw, "summary", where),
        )
        expected = r.next_start(where, "eras", era.start, era.end, expected)
        eras.append(era)
    if expected != end + 1:
        raise r.fail("eras", f"eras end at {expected - 1}, not at end_year {end}")
    r.unique("eras", "era", [e.id for e in eras])

    events: list[Event] = []
    for i, raw in enumerate(r.get(doc, "events", list, "top level")):
        where = f"events[{i}]"
        event = Event(
            id=r.text(raw, "id", where),
            date=r.text(raw, "date", where),
            year=r.get(raw, "year", int, where),
            title=r.text(raw, "title", where),
            description=r.text(raw, "description", where),
            islands=r.strings(raw, "islands", where),
            era_id=r.text(raw, "era_id", where),
            source_title=r.text(raw, "source_title", where),
            source_url=r.text(raw, "source_url", where),
            line_ids=r.strings(raw, "line_ids", where),
            status=r.text(raw, "status", where),
            other_source_urls=r.strings(raw, "other_source_urls", where)
            if "other_source_urls" in raw
            else [],
        )
        where = f"event {event.id!r}"
        if not _DATE_RE.match(event.date) or int(event.date[:4]) != event.year:
            raise r.fail(where, f"date {event.date!r} is not an ISO date in year {event.year}")
        if not start <= event.year <= end:
            raise r.fail(where, f"year {event.year} is outside {start}–{end}")
        unknown = [i for i in event.islands if i not in ISLAND_IDS]
        if unknown:
            raise r.fail(where, f"unknown island ids {unknown}")
        era = next(e for e in eras if e.start <= event.year <= e.end)
        if event.era_id != era.id:
            raise r.fail(where, f"era_id {event.era_id!r} but {event.year} is in {era.id!r}")
        if event.status not in SOURCE_STATUSES:
            raise r.fail(where, f"status {event.status!r} is not one of {SOURCE_STATUSES}")
        if not event.source_url.startswith(("http://", "https://")):
            raise r.fail(where, "source_url is not a web address")
        events.append(event)
    r.unique("events", "event", [e.id for e in events])
    events.sort(key=lambda e: e.year)  # stable: keeps the file's order within a year

    control = r.get(doc, "control", dict, "top level")
    periods: dict[str, tuple[_Period, ...]] = {}
    changes: dict[str, dict[int, tuple[str, ...]]] = {}
    for island in STATUS_ISLAND_IDS:
        entry = r.get(control, island, dict, "control")
        island_periods = []
        expected = start
        for i, raw in enumerate(r.get(entry, "periods", list, f"control.{island}")):
            where = f"control.{island}.periods[{i}]"
            period_start = r.get(raw, "start", int, where)
            if "administered_by" not in raw:
                raise r.fail(where, "missing 'administered_by' (null if no state)")
            admin = raw["administered_by"]
            admin = None if admin is None else r.state(admin, where)
            claimed = tuple(r.state(c, where) for c in r.strings(raw, "claimed_by", where))
            if admin in claimed:
                raise r.fail(where, f"{admin} is both administrator and claimant")
            period = _Period(
                start=period_start,
                end=r.get(raw, "end", int, where),
                administered_by=admin,
                claimed_by=claimed,
                note=r.text(raw, "note", where),
                source_url=r.text(raw, "source_url", where),
            )
            expected = r.next_start(where, "periods", period.start, period.end, expected)
            island_periods.append(period)
        if expected != end + 1:
            raise r.fail(f"control.{island}", f"periods end at {expected - 1}, not {end}")
        by_year: dict[int, list[str]] = {}
        for i, raw in enumerate(r.get(entry, "changes", list, f"control.{island}")):
            where = f"control.{island}.changes[{i}]"
            year = r.get(raw, "year", int, where)
            if not start <= year <= end:
                raise r.fail(where, f"year {year} is outside {start}–{end}")
            by_year.setdefault(year, []).append(r.text(raw, "text", where))
        periods[island] = tuple(island_periods)
        changes[island] = {y: tuple(texts) for y, texts in by_year.items()}

    return Timeline(
        eras=eras,
        events=events,
        start_year=start,
        end_year=end,
        _periods=periods,
        _changes=changes,
    )


def _read(path: Path) -> Timeline:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TimelineError(
            f"{path}: not found; build it with `.venv/bin/python scripts/build_timeline.py`"
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise TimelineError(f"{path}: cannot be read: {err}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise TimelineError(f"{path}: not valid JSON: {err}") from None
    return _parse(doc, path)


@lru_cache(maxsize=1)
def _default() -> Timeline:
    return _read(TIMELINE_FILE)


def load_timeline(path: str | Path | None = None) -> Timeline:
    """The timeline from `path`, or the project's (read once and cached) when path is None.

    Raises TimelineError naming the file and the problem, so a broken data file fails loudly
    at start-up instead of as a wrong colour on the map.
    """
    return _default() if path is None else _read(Path(path))


# --- Module-level shortcuts on the project's timeline (what the app and CLI call) -------------


def check_year(year: int) -> int:
    """The year as an int if it lies in 1644–2026, else YearOutOfRangeError with one line."""
    return _check_range(year, START_YEAR, END_YEAR)


def status(island_id: str, year: int) -> IslandStatus:
    """Who administered `island_id` (one of the four, or 'urup') at the end of `year`."""
    return load_timeline().status(island_id, year)


def era_for_year(year: int) -> Era:
    """The era containing `year`."""
    return load_timeline().era_for_year(year)


def events_in_era(era_id: str) -> list[Event]:
    """The events of one era, in date order."""
    return load_timeline().events_in_era(era_id)


def event_years() -> list[int]:
    """Sorted distinct event years: the stops of the event slider."""
    return load_timeline().event_years()
