"""Naming modes: each tradition's names, both side by side by default, every script."""

from __future__ import annotations

import pytest

from kuril_map import i18n, names
from kuril_map.islands import ISLAND_IDS, get_island


@pytest.fixture(autouse=True)
def english_after() -> None:
    yield
    i18n.set_language("en")


def test_both_is_the_default_and_first() -> None:
    assert names.DEFAULT_NAMING_MODE == "both"
    assert next(iter(names.NAMING_MODES)) == "both"
    assert set(names.NAMING_MODES) == {"both", "ja", "ru", "ainu"}
    assert names.island_label("etorofu") == "Etorofu / Iturup"
    assert names.check_mode("nonsense") == "both"
    assert names.check_mode(None) == "both"


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("ja", ["Etorofu", "Kunashiri", "Shikotan", "Habomai"]),
        ("ru", ["Iturup", "Kunashir", "Shikotan", "Khabomai"]),
        ("both", ["Etorofu / Iturup", "Kunashiri / Kunashir", "Shikotan", "Habomai / Khabomai"]),
    ],
)
def test_island_labels(mode: str, expected: list[str]) -> None:
    assert [names.island_label(i, mode) for i in ISLAND_IDS] == expected


def test_collective_names() -> None:
    assert names.collective_name("ja") == "Northern Territories"
    assert names.collective_name("ru") == "Southern Kurils"
    assert names.collective_name("both") == "Northern Territories / Southern Kurils"
    i18n.set_language("ja")
    assert names.collective_name("ja") == "北方領土"
    i18n.set_language("ru")
    assert names.collective_name("ru") == "Южные Курилы"


@pytest.mark.parametrize(
    ("mode", "lang", "expected"),
    [
        ("ja", "ja", "択捉島"),
        ("ru", "ru", "Итуруп"),
        ("both", "ja", "択捉島 / Итуруп"),
        ("both", "ru", "択捉島 / Итуруп"),
        ("ru", "ja", "イトゥルップ島"),
        ("ja", "ru", "Эторофу"),
        ("both", "en", "Etorofu / Iturup"),
        ("ja", "en", "Etorofu"),
    ],
)
def test_script_labels(mode: str, lang: str, expected: str) -> None:
    assert names.island_label_script("etorofu", mode, lang) == expected


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_both_traditions_show_both_scripts_on_either_screen_shikotan_too(lang: str) -> None:
    # Shikotan's Latin names are one word, but its names in the two traditions' scripts are not.
    for island_id in ISLAND_IDS:
        label = names.island_label_script(island_id, "both", lang)
        ja, ru = label.split(" / ")
        assert ja == get_island(island_id).name_ja and ru == get_island(island_id).name_ru
    assert names.island_label_script("shikotan", "both", "ru") == "色丹島 / Шикотан"


@pytest.mark.parametrize("lang", ["en", "ja", "ru"])
@pytest.mark.parametrize("mode", ["both", "ja", "ru"])
def test_every_island_has_a_label_in_every_combination(mode: str, lang: str) -> None:
    labels = [names.island_label_script(i, mode, lang) for i in ISLAND_IDS]
    assert all(labels) and len(set(labels)) == 4


def test_mode_labels_translate() -> None:
    i18n.set_language("ja")
    assert names.naming_mode_label("both") == "両方の呼び方"
    assert names.naming_mode_label("bogus") == "両方の呼び方"
