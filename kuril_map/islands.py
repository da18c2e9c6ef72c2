"""Every territory on the map: ids, groups, names in every tradition, and name lookup.

The names live in data/territories.toml, where a historian can review them without reading
Python; this module reads that file once and serves the data build, the tagger, the map labels
and the command line, so that a name form accepted in one place is accepted everywhere.

The four disputed islands keep their own small API (ISLAND_IDS, ISLANDS, resolve_island ...),
because most of the app is about them; every territory (the Kurils north of Etorofu, the two
halves of Sakhalin, Hokkaido, Kamchatka) has the same through TERRITORY_IDS, resolve_territory,
get_territory and territories_in.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kuril_map import paths

TERRITORIES_FILE = paths.DATA_DIR / "territories.toml"
LAYERS = ("islands", "context")  # data/geo/islands.geojson or data/geo/context.geojson
KINDS = ("island", "island group", "part of an island", "peninsula")
SOURCE_KINDS = ("official", "primary", "scholarly", "encyclopedia", "other")
LANGUAGES = ("en", "ja", "ru")
GROUP_PREFIX = "group:"  # how data/history/ names a group among territory ids
FOUR_ISLANDS = "four_islands"


class TerritoriesError(ValueError):
    """data/territories.toml is missing or malformed; the message names the file and the key."""


class UnknownTerritoryError(ValueError):
    """A name, id or group that matches no territory; the message says what is accepted."""


class UnknownIslandError(ValueError):
    """Raised for a name that matches none of the four islands; says what is accepted."""


@dataclass(frozen=True)
class NameSource:
    """Where a name form that is not standard (an Ainu name, an old spelling) comes from."""

    names: tuple[str, ...]
    url: str
    where: str
    kind: str
    clause: str | None = None  # a text in data/sources/primary-texts/
    note: str | None = None


@dataclass(frozen=True)
class Territory:
    """One territory drawn with a status, with its names in the Japanese and Russian traditions."""

    id: str
    group: str | None
    layer: str  # "islands" or "context"
    kind: str  # "island", "island group", "part of an island", "peninsula"
    name_en: str
    name_ja: str  # Japanese script, e.g. "択捉島"
    name_ru: str  # Russian Cyrillic, e.g. "Итуруп"
    name_ja_latn: str  # Japanese romanisation, e.g. "Etorofu"
    name_ru_latn: str  # Russian romanisation, e.g. "Iturup"
    name_ainu: str | None
    aliases: tuple[str, ...] = field(default_factory=tuple)  # other accepted forms
    sources: tuple[NameSource, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """The English name. For the four islands it gives both traditions side by side,
        neither first by politics: Japanese / Russian ("Etorofu / Iturup")."""
        return self.name_en

    def name(self, language: str) -> str:
        """The name a reader sees in 'en', 'ja' or 'ru'."""
        return {"en": self.name_en, "ja": self.name_ja, "ru": self.name_ru}[language]

    def all_names(self) -> tuple[str, ...]:
        """Every accepted name form, in every script (the four islands' English label is
        left out: it is their two names joined, each of which is already here)."""
        base = (self.id, self.name_ja_latn, self.name_ja, self.name_ru, self.name_ru_latn)
        english = () if self.name_en == _both(self) else (self.name_en,)
        ainu = (self.name_ainu,) if self.name_ainu else ()
        return tuple(dict.fromkeys((*base, *english, *ainu, *self.aliases)))


# The four islands are territories like any other; the old name stays for their callers.
Island = Territory


@dataclass(frozen=True)
class Group:
    """A set of territories that data/history/ can name at once as "group:<id>"."""

    id: str
    name_en: str
    name_ja: str
    name_ru: str
    members: tuple[str, ...]


def _both(t: Territory) -> str:
    if t.name_ja_latn == t.name_ru_latn:
        return t.name_ja_latn
    return f"{t.name_ja_latn} / {t.name_ru_latn}"


# --------------------------------------------------------------------------- reading the file


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    where = _display(path)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise TerritoriesError(f"{where}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise TerritoriesError(f"{where}: not valid TOML ({exc})") from None


def _text(where: str, table: dict[str, Any], key: str, optional: bool = False) -> str | None:
    """A non-empty string under `key`, or None when optional and absent."""
    if key not in table:
        if optional:
            return None
        raise TerritoriesError(f"{where}: '{key}' is missing")
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise TerritoriesError(f"{where}: '{key}' should be non-empty text, got {value!r}")
    return value


def _one_of(where: str, table: dict[str, Any], key: str, options: Iterable[str]) -> str:
    value = _text(where, table, key)
    if value not in options:
        choices = ", ".join(repr(o) for o in options)
        raise TerritoriesError(f"{where}: '{key}' should be one of {choices}, got {value!r}")
    return value


def _names(where: str, table: dict[str, Any]) -> dict[str, str]:
    """The `name = { en, ja, ru }` table, every language present and non-empty."""
    names = table.get("name")
    if not isinstance(names, dict):
        raise TerritoriesError(f"{where}: 'name' should be a table {{ en, ja, ru }}")
    return {lang: str(_text(f"{where}.name", names, lang)) for lang in LANGUAGES}


def _text_list(where: str, table: dict[str, Any], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TerritoriesError(f"{where}: '{key}' should be a list of non-empty texts")
    return tuple(value)


def _source(where: str, raw: Any) -> NameSource:
    if not isinstance(raw, dict):
        raise TerritoriesError(f"{where}: should be a table")
    names = _text_list(where, raw, "name")
    if not names:
        raise TerritoriesError(f"{where}: 'name' is missing (the name form this source supports)")
    return NameSource(
        names=names,
        url=str(_text(where, raw, "url")),
        where=str(_text(where, raw, "where")),
        kind=_one_of(where, raw, "kind", SOURCE_KINDS),
        clause=_text(where, raw, "clause", optional=True),
        note=_text(where, raw, "note", optional=True),
    )


def _territory(where: str, tid: str, raw: Any, groups: dict[str, Any]) -> Territory:
    if not isinstance(raw, dict):
        raise TerritoriesError(f"{where}: should be a table")
    group = _text(where, raw, "group", optional=True)
    if group is not None and group not in groups:
        raise TerritoriesError(f"{where}: group {group!r} is not defined; known: {sorted(groups)}")
    names = _names(where, raw)
    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        raise TerritoriesError(f"{where}: 'sources' should be a list of tables")
    territory = Territory(
        id=tid,
        group=group,
        layer=_one_of(where, raw, "layer", LAYERS),
        kind=_one_of(where, raw, "kind", KINDS),
        name_en=names["en"],
        name_ja=names["ja"],
        name_ru=names["ru"],
        name_ja_latn=str(_text(where, raw, "ja_latn")),
        name_ru_latn=str(_text(where, raw, "ru_latn")),
        name_ainu=_text(where, raw, "ainu", optional=True),
        aliases=_text_list(where, raw, "aliases"),
        sources=tuple(_source(f"{where}.sources[{i}]", s) for i, s in enumerate(raw_sources)),
    )
    _check_sources(where, territory)
    return territory


def _check_sources(where: str, t: Territory) -> None:
    """Every Ainu name has a source, and every source supports one of the territory's names."""
    sourced = {n for s in t.sources for n in s.names}
    if t.name_ainu and t.name_ainu not in sourced:
        raise TerritoriesError(f"{where}: the Ainu name {t.name_ainu!r} has no source entry")
    known = set(t.all_names())
    for i, s in enumerate(t.sources):
        for n in s.names:
            if n not in known:
                raise TerritoriesError(
                    f"{where}.sources[{i}]: {n!r} is none of this territory's names or aliases"
                )


def _group(where: str, gid: str, raw: Any, members: tuple[str, ...]) -> Group:
    if not isinstance(raw, dict):
        raise TerritoriesError(f"{where}: should be a table")
    if not members:
        raise TerritoriesError(f"{where}: no territory belongs to this group")
    names = _names(where, raw)
    return Group(gid, names["en"], names["ja"], names["ru"], members)


def _tables(where: str, data: dict[str, Any], key: str) -> dict[str, Any]:
    tables = data.get(key)
    if not isinstance(tables, dict) or not tables:
        raise TerritoriesError(f"{where}: no [{key}.<id>] tables")
    for tid in tables:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", tid):
            raise TerritoriesError(f"{where}: [{key}.{tid}]: ids are lower-case a-z, 0-9 and _")
    return tables


def load_territories(
    path: Path = TERRITORIES_FILE,
) -> tuple[dict[str, Territory], dict[str, Group]]:
    """Territories (file order) and groups from a territories file, checked.

    Raises TerritoriesError naming the file and the table or key that is wrong.
    """
    where = _display(path)
    data = _read_toml(path)
    raw_groups = _tables(where, data, "group")
    raw_territories = _tables(where, data, "territory")
    territories = {
        tid: _territory(f"{where}: [territory.{tid}]", tid, raw, raw_groups)
        for tid, raw in raw_territories.items()
    }
    groups = {
        gid: _group(
            f"{where}: [group.{gid}]",
            gid,
            raw,
            tuple(t.id for t in territories.values() if t.group == gid),
        )
        for gid, raw in raw_groups.items()
    }
    _check_four_islands(where, territories)
    _name_index(where, territories.values())  # fails on a name shared by two territories
    return territories, groups


def _check_four_islands(where: str, territories: dict[str, Territory]) -> None:
    """The islands layer holds exactly the four_islands group: both name the same four."""
    in_layer = [t.id for t in territories.values() if t.layer == "islands"]
    in_group = [t.id for t in territories.values() if t.group == FOUR_ISLANDS]
    if in_layer != in_group or not in_layer:
        raise TerritoriesError(
            f"{where}: the 'islands' layer ({in_layer}) must hold exactly the "
            f"'{FOUR_ISLANDS}' group ({in_group})"
        )
    for tid in in_layer:
        if territories[tid].kind not in ("island", "island group"):
            raise TerritoriesError(
                f"{where}: [territory.{tid}]: an island's kind is 'island' or 'island group'"
            )


# --------------------------------------------------------------------------- name lookup


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Etorofu-tō' and 'etorofu-to' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Keep letters of every script; fold separators so "Etorofu Island" == "etorofu-island".
    return re.sub(r"[\s\-_'’]+", " ", stripped).strip()


def _name_index(where: str, territories: Iterable[Territory]) -> dict[str, str]:
    """Folded name -> territory id, for every name form (the label too)."""
    index: dict[str, str] = {}
    for t in territories:
        for name in (*t.all_names(), t.label):
            key = _fold(name)
            if index.get(key, t.id) != t.id:
                raise TerritoriesError(
                    f"{where}: the name {name!r} is given to both '{index[key]}' and '{t.id}'"
                )
            index[key] = t.id
    return index


TERRITORIES, GROUPS = load_territories()
TERRITORY_IDS: tuple[str, ...] = tuple(TERRITORIES)
GROUP_IDS: tuple[str, ...] = tuple(GROUPS)
ISLAND_IDS: tuple[str, ...] = GROUPS[FOUR_ISLANDS].members
ISLANDS: dict[str, Island] = {i: TERRITORIES[i] for i in ISLAND_IDS}

_TERRITORY_INDEX = _name_index(_display(TERRITORIES_FILE), TERRITORIES.values())
_INDEX = {_fold(name): island.id for island in ISLANDS.values() for name in island.all_names()}


def accepted_names() -> str:
    """A one-line summary of accepted island names, for error messages."""
    parts = [f"{i.name_ja_latn}/{i.name_ru_latn}/{i.name_ja}/{i.name_ru}" for i in ISLANDS.values()]
    return "; ".join(parts) + " (any case; also 'all')"


def accepted_territory_names() -> str:
    """Every territory's English name on one line, for error messages."""
    return ", ".join(t.name_en for t in TERRITORIES.values()) + (
        " (any case; Japanese, Russian and older forms too)"
    )


def resolve_island(name: str) -> str:
    """Return the island id for any accepted name form, case-insensitively.

    Raises UnknownIslandError naming the accepted forms, so a CLI or URL can say what to type.
    """
    key = _fold(name)
    if key in _INDEX:
        return _INDEX[key]
    raise UnknownIslandError(f"unknown island {name!r}; accepted: {accepted_names()}")


def get_island(island_id: str) -> Island:
    """The registry entry for an id (use resolve_island for user input)."""
    return ISLANDS[island_id]


def resolve_territory(name: str) -> str:
    """The territory id for any name form of any territory, in any case and script
    ("Shumshu", "占守島", "Karafuto", "Южный Сахалин" ...).

    Raises UnknownTerritoryError listing the territories, so a caller can say what to type.
    """
    key = _fold(name)
    if key in _TERRITORY_INDEX:
        return _TERRITORY_INDEX[key]
    raise UnknownTerritoryError(
        f"unknown territory {name!r}; accepted: {accepted_territory_names()}"
    )


def get_territory(territory_id: str) -> Territory:
    """The entry for an id (use resolve_territory for names typed by people)."""
    if territory_id in TERRITORIES:
        return TERRITORIES[territory_id]
    raise UnknownTerritoryError(
        f"unknown territory id {territory_id!r}; known ids: {', '.join(TERRITORY_IDS)}"
    )


def territories_in(group: str) -> tuple[str, ...]:
    """The ids of a group, in map order; the group may be written "sakhalin" or
    "group:sakhalin", as in data/history/."""
    gid = group.removeprefix(GROUP_PREFIX)
    if gid in GROUPS:
        return GROUPS[gid].members
    raise UnknownTerritoryError(f"unknown group {group!r}; known groups: {', '.join(GROUP_IDS)}")


def expand_territories(items: Iterable[str]) -> tuple[str, ...]:
    """Territory ids and "group:<id>" entries, as listed in data/history/, to territory ids:
    groups expanded, order kept, each id once."""
    out: list[str] = []
    for item in items:
        if item.startswith(GROUP_PREFIX):
            out.extend(territories_in(item))
        else:
            out.append(get_territory(item).id)
    return tuple(dict.fromkeys(out))
