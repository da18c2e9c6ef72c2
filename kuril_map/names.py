"""Names on screen: territories in the Japanese tradition, the Russian one, both, or Ainu.

The names are themselves part of the dispute ("Northern Territories" and "Southern Kurils" name
the same four islands from the two sides), so the teacher chooses. "both" is the default and no
tradition is privileged by it: when both are shown, the order is always Japanese / Russian,
the fixed convention of the whole app (see kuril_map.islands.Island.label), never "ours first".
"""

from __future__ import annotations

from kuril_map.i18n import _, current_language
from kuril_map.islands import ISLAND_IDS, get_island, get_territory

DEFAULT_NAMING_MODE = "both"


# Mode -> English label (translate with `naming_mode_label`, or `_()` of the label).
NAMING_MODES: dict[str, str] = {
    "both": "Both traditions",
    "ja": "Japanese tradition",
    "ru": "Russian tradition",
    "ainu": "Ainu names (where sourced)",
}

# The Japanese names written in Cyrillic (Polivanov system) and the Russian names in katakana,
# for a Russian- or Japanese-language screen showing the other tradition's names.
JA_NAMES_IN_CYRILLIC: dict[str, str] = {
    "etorofu": "Эторофу",
    "kunashiri": "Кунасири",
    "shikotan": "Сикотан",
    "habomai": "острова Хабомаи",
}
RU_NAMES_IN_KATAKANA: dict[str, str] = {
    "etorofu": "イトゥルップ島",
    "kunashiri": "クナシル島",
    "shikotan": "シコタン島",
    "habomai": "ハボマイ諸島",
}


def check_mode(mode: str | None) -> str:
    """A valid naming mode: unknown or missing values fall back to "both" (links are hand-typed)."""
    return mode if mode in NAMING_MODES else DEFAULT_NAMING_MODE


def naming_mode_label(mode: str) -> str:
    """The mode's label in the current UI language, for a radio button or select box."""
    labels = {
        "both": _("Both traditions"),
        "ja": _("Japanese tradition"),
        "ru": _("Russian tradition"),
        "ainu": _("Ainu names (where sourced)"),
    }
    return labels[check_mode(mode)]


def island_label(island_id: str, mode: str = DEFAULT_NAMING_MODE) -> str:
    """The island's name in Latin script: "Etorofu", "Iturup" or "Etorofu / Iturup"."""
    island = get_island(island_id)
    mode = check_mode(mode)
    if mode == "ja":
        return island.name_ja_latn
    if mode == "ru":
        return island.name_ru_latn
    return island.label


def island_label_script(island_id: str, mode: str = DEFAULT_NAMING_MODE, lang: str = "en") -> str:
    """The island's name for a screen in `lang`, in that language's script where there is one.

    Japanese screens get 択捉島 (Japanese tradition) or イトゥルップ島 (Russian tradition);
    Russian screens get Итуруп or Эторофу; "both" gives each name in its own script,
    "択捉島 / Итуруп", on either. Other languages get the Latin-script `island_label`.
    """
    island = get_island(island_id)
    mode = check_mode(mode)
    if lang not in ("ja", "ru"):
        return island_label(island_id, mode)
    if mode == "both":
        # Each tradition in its own script, on either screen, Shikotan too: the Japanese
        # tradition's 色丹島 is Сикотан in Cyrillic, not the Russian Шикотан.
        return f"{island.name_ja} / {island.name_ru}"
    if lang == "ja":
        return island.name_ja if mode == "ja" else RU_NAMES_IN_KATAKANA[island_id]
    return JA_NAMES_IN_CYRILLIC[island_id] if mode == "ja" else island.name_ru


def collective_name(mode: str = DEFAULT_NAMING_MODE) -> str:
    """The four islands' collective name in the mode's tradition, in the current UI language."""
    mode = check_mode(mode)
    if mode == "ja":
        return _("Northern Territories")
    if mode == "ru":
        return _("Southern Kurils")
    return _("Northern Territories / Southern Kurils")


def island_name(island_id: str | None, naming: str = "both", lang: str | None = None) -> str:
    """An island's name in the chosen tradition and the screen's script.

    None (all four) gives the collective name, which the naming mode also decides: each side
    has its own name for the four islands together.
    """
    if island_id is None:
        return collective_name(naming)
    return territory_label(island_id, naming, lang or current_language())


def territory_label(territory_id: str, mode: str = DEFAULT_NAMING_MODE, lang: str = "en") -> str:
    """Any territory's name on a screen in `lang`, in the naming mode.

    The four islands follow `island_label_script`. The other territories have one current name
    in each language; the Japanese and Russian traditions write it as that tradition does on
    an English screen (Minami-Karafuto, Yuzhny Sakhalin). "ainu" gives the Ainu name where a
    source gives one, and otherwise the mode "both".
    """
    territory = get_territory(territory_id)
    mode = check_mode(mode)
    if mode == "ainu":
        return territory.name_ainu or territory_label(territory_id, "both", lang)
    if territory_id in ISLAND_IDS:
        return island_label_script(territory_id, mode, lang)
    if lang == "en" and mode == "ja":
        return territory.name_ja_latn
    if lang == "en" and mode == "ru":
        return territory.name_ru_latn
    return territory.name(lang if lang in ("en", "ja", "ru") else "en")
