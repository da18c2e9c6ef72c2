"""islands.geojson: the four islands from MLIT N03, with names and MOFA's official areas."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geobuild.common import (
    FACTS,
    N03_FILE,
    N03_NOTE,
    BuildError,
    Local,
    area_km2,
    fact_point,
    feature,
    polygons,
    read_features,
    read_json,
    snap,
)
from kuril_map.islands import ISLAND_IDS, get_island, resolve_island

HABOMAI_WEST_LIMIT = 145.83  # Nemuro-city polygons east of this are the Habomai islets
AREA_TOLERANCE = {"etorofu": 0.02, "kunashiri": 0.02, "shikotan": 0.02, "habomai": 0.05}
# N03_007 municipality codes of each island (see data/sources/README.md).
VILLAGES = {
    "etorofu": ("01698", "01699", "01700"),  # Rubetsu, Shana, Shibetoro
    "kunashiri": ("01696", "01697"),  # Tomari, Ruyobetsu
    "shikotan": ("01695",),  # Shikotan village
}
NEMURO_CITY = "01223"
# Keys of facts.json "areas"/"islands" are "Etorofu/Iturup", "Habomai group", ...
AREA_SOURCE = "Ministry of Foreign Affairs of Japan, GSI 2020 survey"

# Kaigara-jima (Signalny), the Habomai islet nearest Hokkaido, is missing from the simplified N03
# extract; without it the gap from Cape Nosappu measures 8 km instead of the published 3.7 km.
# It is drawn as a small 12-sided shape around its facts.json coordinates: APPROXIMATE, its size
# and outline come from no source (about 0.02 km2, far below the Habomai area tolerance).
KAIGARA_POINT = "Kaigara-jima / Signalny"
KAIGARA_RADIUS_M = 80.0
KAIGARA_NOTE = (
    "Kaigara-jima (Signalny) is not in the N03 extract: drawn as an approximate 12-sided shape "
    f"of {KAIGARA_RADIUS_M:.0f} m radius around its coordinates in facts.json"
)


def facts_for_islands(facts: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Official area, population and URL per island id, from facts.json."""
    rows: dict[str, dict[str, Any]] = {}
    for key, row in facts["areas"]["islands"].items():
        island_id = resolve_island(key.split("/")[0])
        rows[island_id] = row
    missing = [i for i in ISLAND_IDS if i not in rows]
    if missing:
        raise BuildError(f"facts.json has no area for {missing}")
    return rows


def build_island_shapes(src: Path) -> tuple[dict[str, BaseGeometry], BaseGeometry]:
    """The four islands from N03, plus N03's Hokkaido part of Nemuro city (for checks)."""
    by_code = {f["properties"]["N03_007"]: f["shape"] for f in read_features(src / N03_FILE)}
    shapes: dict[str, BaseGeometry] = {}
    for island_id, codes in VILLAGES.items():
        shapes[island_id] = unary_union([by_code[c] for c in codes])
    nemuro = polygons(by_code[NEMURO_CITY])
    east = [p for p in nemuro if p.representative_point().x > HABOMAI_WEST_LIMIT]
    west = [p for p in nemuro if p.representative_point().x <= HABOMAI_WEST_LIMIT]
    east.append(kaigara_polygon(read_json(src / FACTS)))
    shapes["habomai"] = MultiPolygon(sorted(east, key=lambda p: -p.area))
    return {i: snap(shapes[i]) for i in ISLAND_IDS}, unary_union(west)


def kaigara_polygon(facts: dict[str, Any]) -> Polygon:
    """The approximate Kaigara islet: a 12-gon around the facts.json point (not from N03)."""
    pt = fact_point(facts, "line_of_control_today", KAIGARA_POINT)
    local = Local.equidistant(pt["lon"], pt["lat"])
    ring = [
        (
            KAIGARA_RADIUS_M * math.cos(2 * math.pi * k / 12),
            KAIGARA_RADIUS_M * math.sin(2 * math.pi * k / 12),
        )
        for k in range(12)
    ]
    return local.inv(Polygon(ring))


def island_features(
    shapes: dict[str, BaseGeometry], facts: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """One feature per island, names from data/territories.toml; stops on an area off by
    more than AREA_TOLERANCE from the official figure."""
    official = facts_for_islands(facts)
    out, measured = [], {}
    for island_id in ISLAND_IDS:
        island = get_island(island_id)
        geom = shapes[island_id]
        row = official[island_id]
        area = area_km2(geom)
        measured[island_id] = area
        off = float(row["area_km2"])
        if abs(area - off) / off > AREA_TOLERANCE[island_id]:
            raise BuildError(f"{island_id}: measured {area:.1f} km2 vs official {off} km2")
        props = {
            "id": island_id,
            "name_ja_latn": island.name_ja_latn,
            "name_ja": island.name_ja,
            "name_ru": island.name_ru,
            "name_ru_latn": island.name_ru_latn,
            "name_ainu": island.name_ainu,
            "label": island.label,
            "kind": island.kind,
            "official_area_km2": row["area_km2"],
            "area_source": AREA_SOURCE,
            "area_source_url": row["url"],
            "population_1945": row["population_1945"],
            "geometry_source": N03_NOTE
            if island_id != "habomai"
            else f"{N03_NOTE}. {KAIGARA_NOTE}",
        }
        out.append(feature(props, geom))
    return out, measured
