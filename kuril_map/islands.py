"""The four disputed islands: ids, names in every tradition, and name lookup.

One registry serves the data build, the tagger, the map labels and the command line, so
that a name form accepted in one place is accepted everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

ISLAND_IDS: tuple[str, ...] = ("etorofu", "kunashiri", "shikotan", "habomai")


@dataclass(frozen=True)
class Island:
    """Names of one island (or island group) in the Japanese and Russian traditions."""

    id: str
    name_ja_latn: str  # Japanese romanisation, e.g. "Etorofu"
    name_ja: str  # Japanese script, e.g. "択捉島"
    name_ru: str  # Russian Cyrillic, e.g. "Итуруп"
    name_ru_latn: str  # Russian romanisation, e.g. "Iturup"
    name_ainu: str | None
    kind: str  # "island" or "island group"
    aliases: tuple[str, ...] = field(default_factory=tuple)  # other accepted forms

    @property
    def label(self) -> str:
        """Both naming traditions side by side, neither first by politics: Japanese / Russian."""
        if self.name_ja_latn == self.name_ru_latn:
            return self.name_ja_latn
        return f"{self.name_ja_latn} / {self.name_ru_latn}"

    def all_names(self) -> tuple[str, ...]:
        """Every accepted name form, in every script."""
        base = (self.id, self.name_ja_latn, self.name_ja, self.name_ru, self.name_ru_latn)
        extra = (self.name_ainu,) if self.name_ainu else ()
        return tuple(dict.fromkeys((*base, *extra, *self.aliases)))


ISLANDS: dict[str, Island] = {
    "etorofu": Island(
        id="etorofu",
        name_ja_latn="Etorofu",
        name_ja="択捉島",
        name_ru="Итуруп",
        name_ru_latn="Iturup",
        name_ainu="Etuworop-sir",
        kind="island",
        aliases=(
            "Etorofu-tō",
            "Etorofu-to",
            "Etorofu Island",
            "Iturup Island",
            "Yetorofu",
            "Etorofu-jima",
            "択捉",
            "エトロフ",
            "остров Итуруп",
            "Ostrov Iturup",
            "Itorup",
            *("ヱトロプ", "ヱトロフ", "エトホロ", "えとろほ", "ゑとろほ", "擇捉島", "Etorpoo"),
        ),
    ),
    "kunashiri": Island(
        id="kunashiri",
        name_ja_latn="Kunashiri",
        name_ja="国後島",
        name_ru="Кунашир",
        name_ru_latn="Kunashir",
        name_ainu="Kuna-sir",
        kind="island",
        aliases=(
            "Kunashiri-tō",
            "Kunashiri-to",
            "Kunashiri Island",
            "Kunashir Island",
            "Kunasiri",
            "Kunashiri-jima",
            "国後",
            "クナシリ",
            "остров Кунашир",
            *("國後島", "國後", "Кунасири", "Kunashier"),
        ),
    ),
    "shikotan": Island(
        id="shikotan",
        name_ja_latn="Shikotan",
        name_ja="色丹島",
        name_ru="Шикотан",
        name_ru_latn="Shikotan",
        name_ainu="Sikotan",
        kind="island",
        aliases=(
            "Shikotan-tō",
            "Shikotan-to",
            "Shikotan Island",
            "Shikoton",
            "Sikotan",
            "色丹",
            "シコタン",
            "остров Шикотан",
            "Шпанберг",
            "Shpanberg",
            *("Сикотан", "Chikotan"),
        ),
    ),
    "habomai": Island(
        id="habomai",
        name_ja_latn="Habomai",
        name_ja="歯舞群島",
        name_ru="острова Хабомаи",
        name_ru_latn="Khabomai",
        name_ainu="Ap-o-mai",
        kind="island group",
        aliases=(
            "Habomai Islands",
            "Habomai islets",
            "Habomai group",
            "Habomai-guntō",
            "Habomai-shotō",
            "歯舞",
            "歯舞諸島",
            "ハボマイ",
            "Хабомаи",
            "Khabomai Islands",
            "Плоские острова",
            *("志発島", "多楽島", "水晶島", "勇留島", "秋勇留島", "貝殻島", "Shibotsu", "Taraku"),
        ),
    ),
}


class UnknownIslandError(ValueError):
    """Raised for a name that matches none of the four islands; says what is accepted."""


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Etorofu-tō' and 'etorofu-to' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Keep letters of every script; fold separators so "Etorofu Island" == "etorofu-island".
    return re.sub(r"[\s\-_'’]+", " ", stripped).strip()


def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for island in ISLANDS.values():
        for name in island.all_names():
            index[_fold(name)] = island.id
    return index


_INDEX = _name_index()


def accepted_names() -> str:
    """A one-line summary of accepted names, for error messages."""
    parts = [f"{i.name_ja_latn}/{i.name_ru_latn}/{i.name_ja}/{i.name_ru}" for i in ISLANDS.values()]
    return "; ".join(parts) + " (any case; also 'all')"


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
