"""data/territories.toml: complete, looked up in every name form, and drawn on the map (Sakhalin
in two halves along the 50th parallel)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from shapely.geometry import LineString

from kuril_map import geodata, islands, paths
from kuril_map.islands import (
    GROUPS,
    ISLAND_IDS,
    ISLANDS,
    TERRITORIES,
    TERRITORY_IDS,
    TerritoriesError,
    UnknownTerritoryError,
    expand_territories,
    get_territory,
    load_territories,
    resolve_territory,
    territories_in,
)

HISTORY = paths.ROOT / "docs" / "HISTORY.md"
# Karafuto Prefecture's area in December 1941 (https://en.wikipedia.org/wiki/Karafuto_Prefecture,
# infobox); Natural Earth 10m at the map's simplification measures about 6 % less.
KARAFUTO_KM2 = 36_090.3
# Published areas of the whole island differ: 72,492 km2 (English Wikipedia) to 76,400 km2
# (Britannica); see scripts/geobuild/context.py.
SAKHALIN_KM2 = (72_492, 76_400)


def history_territories_section() -> str:
    text = HISTORY.read_text(encoding="utf-8")
    return text.split("## Territories", 1)[1].split("\n## ", 1)[0]


def context_rows() -> dict[str, dict]:
    frame = geodata.load_context()
    return {r["id"]: r for r in frame.to_dict("records")}


# --------------------------------------------------------------------------- completeness


def test_every_id_of_docs_history_is_a_territory_and_nothing_else() -> None:
    words = re.findall(r"`([^`]+)`", history_territories_section())
    ids = {w for w in words if re.fullmatch(r"[a-z_]+", w)}
    groups = {w.removeprefix("group:") for w in words if w.startswith("group:")}
    assert ids == set(TERRITORY_IDS)
    assert groups == set(GROUPS)


def test_groups() -> None:
    assert (
        territories_in("four_islands")
        == ISLAND_IDS
        == ("etorofu", "kunashiri", "shikotan", "habomai")
    )
    chain = territories_in("group:urup_to_shumshu")
    assert len(chain) == 14
    assert (chain[0], chain[-1]) == ("urup", "shumshu")
    assert territories_in("sakhalin") == ("sakhalin_south", "sakhalin_north")
    assert {t.group for t in TERRITORIES.values()} == {*GROUPS, None}


def test_expand_territories_keeps_order_and_drops_repeats() -> None:
    got = expand_territories(["hokkaido", "group:sakhalin", "sakhalin_south", "etorofu"])
    assert got == ("hokkaido", "sakhalin_south", "sakhalin_north", "etorofu")


@pytest.mark.parametrize("bad", ["group:kurils", "north_kurils"])
def test_unknown_group_or_id_is_named(bad: str) -> None:
    with pytest.raises(UnknownTerritoryError, match=bad):
        expand_territories([bad])


def test_every_territory_has_three_languages_and_latin_names() -> None:
    for t in TERRITORIES.values():
        for language in ("en", "ja", "ru"):
            assert t.name(language).strip(), (t.id, language)
        assert t.name_ja_latn and t.name_ru_latn, t.id
        assert re.search("[\u3040-\u30ff\u4e00-\u9fff]", t.name_ja), t.id
        assert re.search("[\u0400-\u04ff]", t.name_ru), t.id


def test_four_islands_keep_their_labels() -> None:
    """The registry moved to the TOML file; the four islands read exactly as before."""
    assert [ISLANDS[i].label for i in ISLAND_IDS] == [
        "Etorofu / Iturup",
        "Kunashiri / Kunashir",
        "Shikotan",
        "Habomai / Khabomai",
    ]
    assert islands.Island is islands.Territory
    assert all(ISLANDS[i].layer == "islands" for i in ISLAND_IDS)


def test_name_sources() -> None:
    """Every Ainu name has a source; a source naming a treaty clause points to a text that
    contains the name."""
    folder = paths.SOURCES_DIR / "primary-texts"
    for t in TERRITORIES.values():
        sourced = {n for s in t.sources for n in s.names}
        if t.name_ainu:
            assert t.name_ainu in sourced, t.id
        for s in t.sources:
            assert s.url.startswith("http"), (t.id, s.names)
            if s.clause:
                text = json.loads((folder / f"{s.clause}.json").read_text(encoding="utf-8"))
                for name in s.names:
                    assert name in text["text"], (t.id, name, s.clause)


# --------------------------------------------------------------------------- name lookup


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Shumshu", "shumshu"),
        ("占守島", "shumshu"),
        ("Шумшу", "shumshu"),
        ("shimushu", "shumshu"),
        ("Paramushir", "paramushir"),
        ("Paramushiro", "paramushir"),
        ("幌筵島", "paramushir"),
        ("PARAMUSHIRU-TO", "paramushir"),
        ("Urup", "urup"),
        ("Urutsufu", "urup"),
        ("得撫島", "urup"),
        ("Yetorofu", "etorofu"),
        ("Etorofu / Iturup", "etorofu"),
        ("Итуруп", "etorofu"),
        ("Shikoton", "shikotan"),
        ("Karafuto", "sakhalin_south"),
        ("樺太", "sakhalin_south"),
        ("南樺太", "sakhalin_south"),
        ("southern Sakhalin", "sakhalin_south"),
        ("Южный Сахалин", "sakhalin_south"),
        ("южный сахалин", "sakhalin_south"),
        ("Северный Сахалин", "sakhalin_north"),
        ("North Sakhalin", "sakhalin_north"),
        ("Hokkaidō", "hokkaido"),
        ("Yezo", "hokkaido"),
        ("Kamchatka", "kamchatka"),
        ("полуостров Камчатка", "kamchatka"),
        ("Brat Cherupoefu", "brat_chirpoyev"),
    ],
)
def test_resolve_territory(name: str, expected: str) -> None:
    assert resolve_territory(name) == expected


def test_every_name_of_every_territory_resolves_to_it() -> None:
    for t in TERRITORIES.values():
        for name in (*t.all_names(), t.label, t.label.upper()):
            assert resolve_territory(name) == t.id, name


def test_unknown_name_lists_accepted_names() -> None:
    with pytest.raises(UnknownTerritoryError) as err:
        resolve_territory("Atlantis")
    message = str(err.value)
    assert "'Atlantis'" in message
    for name in ("Etorofu / Iturup", "Shumshu", "South Sakhalin", "Hokkaido"):
        assert name in message


def test_get_territory() -> None:
    assert get_territory("sakhalin_south").name_ja == "南樺太"
    with pytest.raises(UnknownTerritoryError, match="known ids: etorofu"):
        get_territory("Karafuto")


def test_island_lookup_stays_within_the_four_islands() -> None:
    assert islands.resolve_island("Iturup") == "etorofu"
    with pytest.raises(islands.UnknownIslandError):
        islands.resolve_island("Urup")


# --------------------------------------------------------------------------- bad files


GOOD = """
[group.four_islands]
name = { en = "Four", ja = "四", ru = "Четыре" }

[territory.etorofu]
group = "four_islands"
layer = "islands"
kind = "island"
name = { en = "Etorofu / Iturup", ja = "択捉島", ru = "Итуруп" }
ja_latn = "Etorofu"
ru_latn = "Iturup"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "territories.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minimal_file_loads(tmp_path: Path) -> None:
    territories, groups = load_territories(write(tmp_path, GOOD))
    assert list(territories) == ["etorofu"]
    assert groups["four_islands"].members == ("etorofu",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace('ru = "Итуруп" }', 'ru = "" }'),
            r"\[territory\.etorofu\]\.name: 'ru'",
        ),
        (lambda t: t.replace('kind = "island"', 'kind = "atoll"'), r"'kind' should be one of"),
        (lambda t: t.replace('group = "four_islands"', 'group = "kurils"'), "group 'kurils'"),
        (lambda t: t + 'ainu = "Etuworop-sir"\n', "Ainu name 'Etuworop-sir' has no source"),
        (lambda t: t.replace("ja_latn =", "ja_latn_ =", 1), r"'ja_latn' is missing"),
        (lambda t: t.replace("[territory.etorofu]", "[territory.etorofu\n"), "not valid TOML"),
        (
            lambda t: (
                t
                + '\n[territory.urup]\nlayer = "context"\nkind = "island"\n'
                + 'name = { en = "Urup", ja = "得撫島", ru = "Уруп" }\nja_latn = "Uruppu"\n'
                + 'ru_latn = "Urup"\naliases = ["Iturup"]\n'
            ),
            "'Iturup' is given to both 'etorofu' and 'urup'",
        ),
    ],
)
def test_bad_file_names_the_file_and_the_key(tmp_path: Path, change, message: str) -> None:
    with pytest.raises(TerritoriesError, match=message) as err:
        load_territories(write(tmp_path, change(GOOD)))
    assert "territories.toml" in str(err.value)


# --------------------------------------------------------------------------- on the map


def test_every_context_territory_is_drawn_once_with_its_names() -> None:
    rows = context_rows()
    drawn = [i for i, r in rows.items() if r["region"] != "other"]
    assert drawn == [t.id for t in TERRITORIES.values() if t.layer == "context"]
    for tid in drawn:
        t, r = TERRITORIES[tid], rows[tid]
        assert (r["name"], r["name_ja"], r["name_ru"]) == (t.name_en, t.name_ja, t.name_ru)
        assert (r["name_ja_latn"], r["name_ru_latn"], r["name_ainu"]) == (
            t.name_ja_latn,
            t.name_ru_latn,
            t.name_ainu,
        )
        assert r["region"] == (t.group or t.id)
    background = {i for i, r in rows.items() if r["region"] == "other"}
    assert background == {"honshu", "asia_mainland", "other_islands"}
    assert not background & set(TERRITORY_IDS)


def test_sakhalin_is_two_polygons_meeting_at_50n() -> None:
    rows = context_rows()
    south, north = rows["sakhalin_south"]["geometry"], rows["sakhalin_north"]["geometry"]
    assert south.bounds[3] == 50.0 == north.bounds[1]
    shared = south.intersection(north)
    assert shared.geom_type in ("LineString", "MultiLineString")
    assert {y for _x, y in shared.coords} == {50.0}
    assert shared.length > 1.5  # degrees of longitude: the island is about 130 km wide there
    assert geodata.area_km2(south.intersection(north)) == 0
    # The Portsmouth line runs along the same edge, a little beyond both coasts.
    line = geodata.load_boundaries().set_index("id").loc["portsmouth_1905"].geometry
    assert isinstance(line, LineString)
    assert line.covers(shared)


def test_sakhalin_areas_are_plausible() -> None:
    rows = context_rows()
    south = geodata.area_km2(rows["sakhalin_south"]["geometry"])
    north = geodata.area_km2(rows["sakhalin_north"]["geometry"])
    assert abs(south - KARAFUTO_KM2) / KARAFUTO_KM2 < 0.10, south
    assert SAKHALIN_KM2[0] <= south + north <= SAKHALIN_KM2[1]
    assert 0.40 < south / (south + north) < 0.50


def test_a_territory_with_region_other_is_refused(tmp_path: Path) -> None:
    data = json.loads(geodata.CONTEXT_FILE.read_text(encoding="utf-8"))
    urup = next(f for f in data["features"] if f["properties"]["id"] == "urup")
    urup["properties"]["region"] = "other"
    path = tmp_path / "context.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(geodata.GeoDataError, match=r"\(urup\) is a territory but has region"):
        geodata.load_context(path)


def test_a_missing_territory_is_refused(tmp_path: Path) -> None:
    data = json.loads(geodata.CONTEXT_FILE.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["id"] != "sakhalin_north"]
    path = tmp_path / "context.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(geodata.GeoDataError, match=r"missing territory.*sakhalin_north"):
        geodata.load_context(path)
