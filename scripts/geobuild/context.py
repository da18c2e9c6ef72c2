"""context.geojson: every territory of data/territories.toml outside the four islands, plus
background land, from Natural Earth.

Each piece of land is found by an anchor point in ANCHORS; small unnamed islets join the
nearest big island; Sakhalin is cut along the 50th parallel into its two territories. Names
come from data/territories.toml (background land, which has no status, is named here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geobuild.common import (
    LAEA_ISLANDS,
    NE_LAND,
    NE_MINOR,
    NE_NOTE,
    BuildError,
    Local,
    area_km2,
    feature,
    polygons,
    read_features,
    snap,
)
from kuril_map.islands import TERRITORIES, Territory

CONTEXT_SIMPLIFY_DEG = 0.002  # about 150-200 m: invisible at the map's zoom levels
ANCHOR_DEG = 0.05  # a polygon belongs to an anchor within this distance (about 5 km)
DUPLICATE_M = 3000  # a Natural Earth polygon this close to an N03 island is that island
FOUR_ISLANDS_KM2 = (4800, 5300)  # what the duplicates must add up to (official: 5,003 km2)
SATELLITE_KM = 60.0  # unnamed islets join the nearest of SATELLITE_OF within this distance
OTHER = "other"  # the region of background land

# The Treaty of Portsmouth (1905), Article IX: "The fiftieth degree of north latitude is adopted
# as the northern boundary of the ceded territory" (data/sources/primary-texts/portsmouth_art9).
# The same parallel draws the Portsmouth line in lines.py.
PORTSMOUTH_LAT = 50.0

# Where each piece of land is in Natural Earth: a point on (or within ANCHOR_DEG of) each of its
# polygons. Keys are territory ids (layer "context"), shapes cut in two by SPLITS, or
# BACKGROUND ids. The first point also finds the raw coast the line checks use.
ANCHORS: dict[str, tuple[tuple[float, float], ...]] = {
    "hokkaido": ((142.8, 43.5),),
    "sakhalin": ((142.8, 50.0),),
    "urup": ((150.0, 45.9),),
    "brat_chirpoyev": ((150.82, 46.47),),
    "simushir": ((152.0, 46.97),),
    "ketoy": ((152.47, 47.34),),
    "rasshua": ((153.02, 47.75),),
    "matua": ((153.23, 48.08),),
    "shiashkotan": ((154.1, 48.83),),
    "ekarma": ((153.95, 48.96),),
    "kharimkotan": ((154.52, 49.12),),
    "onekotan": ((154.75, 49.45),),
    "makanrushi": ((154.43, 49.77),),
    "paramushir": ((155.7, 50.4),),
    "atlasov": ((155.56, 50.86),),
    "shumshu": ((156.35, 50.75),),
    "kamchatka": ((158.5, 53.5),),
    "honshu": ((141.2, 41.3), (140.45, 41.15)),
    "asia_mainland": ((140.5, 50.0),),
}
SATELLITE_OF = ("hokkaido", "sakhalin", "honshu")
# A shape cut in two along a parallel: its id -> (latitude, id south of it, id north of it).
SPLITS: dict[str, tuple[float, str, str]] = {
    "sakhalin": (PORTSMOUTH_LAT, "sakhalin_south", "sakhalin_north"),
}


@dataclass(frozen=True)
class Background:
    """Land drawn for orientation only: no status, region "other"."""

    id: str
    name: str
    name_ja: str
    name_ru: str
    kind: str


BACKGROUND = (
    Background(
        "honshu",
        "Honshu (northern tip)",
        "本州（北端）",
        "Хонсю (северная оконечность)",
        "part of an island",
    ),
    Background("asia_mainland", "Asian mainland", "アジア大陸", "Азиатский материк", "mainland"),
    Background("other_islands", "Other islands", "その他の島", "прочие острова", "islands"),
)
OTHER_ISLANDS = BACKGROUND[-1].id  # where islets far from any big island go


@dataclass(frozen=True)
class AreaCheck:
    """A published area a context shape is checked against, and how far it may differ."""

    id: str
    low_km2: float
    high_km2: float
    what: str  # the published figure(s), with where they come from


# Natural Earth 10m simplified to CONTEXT_SIMPLIFY_DEG is coarse, and published figures differ
# among themselves (lagoons, islets, survey methods), hence ranges rather than exact values.
AREA_CHECKS = (
    AreaCheck(
        "sakhalin_south",
        36_090.3 * 0.90,
        36_090.3 * 1.10,
        "36,090.3 km2 ± 10 %: Karafuto Prefecture, December 1941 "
        "(https://en.wikipedia.org/wiki/Karafuto_Prefecture, infobox)",
    ),
    AreaCheck(
        "sakhalin",
        72_492,
        76_400,
        "72,492 km2 (https://worddisk.com/wiki/Sakhalin_Island/, a copy of English Wikipedia) "
        "to 76,400 km2 (Britannica, quoted at "
        "https://quizzclub.com/trivia/what-is-russia-s-largest-island/answer/439712/)",
    ),
)


def context_territories() -> list[Territory]:
    """The territories this layer draws, in the order of data/territories.toml."""
    return [t for t in TERRITORIES.values() if t.layer == "context"]


def _check_recipes() -> None:
    """Every context territory has an anchor or comes from a split, and nothing else does."""
    made = set(ANCHORS) - set(SPLITS)
    made |= {i for _lat, south, north in SPLITS.values() for i in (south, north)}
    wanted = {t.id for t in context_territories()} | {b.id for b in BACKGROUND}
    wanted.discard(OTHER_ISLANDS)  # gathered from leftovers, it has no anchor
    if made != wanted:
        raise BuildError(
            "the context recipes (ANCHORS, SPLITS, BACKGROUND) and data/territories.toml "
            f"disagree: no recipe for {sorted(wanted - made)}, unknown {sorted(made - wanted)}"
        )


def land_polygons(src: Path) -> list[Polygon]:
    """Natural Earth land polygons, plus the minor islands not already inside them."""
    land = [p for f in read_features(src / NE_LAND) for p in polygons(f["shape"])]
    land_union = unary_union(land)
    minor = [p for f in read_features(src / NE_MINOR) for p in polygons(f["shape"])]
    return land + [p for p in minor if not p.intersects(land_union)]


def drop_four_islands(parts: list[Polygon], islands: dict[str, BaseGeometry]) -> list[Polygon]:
    """Natural Earth's copies of the four islands go (islands.geojson draws them from N03)."""
    proj = Local(LAEA_ISLANDS)
    four = proj.fwd(unary_union(list(islands.values())))
    keep, dropped = [], 0.0
    for p in parts:
        if proj.fwd(p.representative_point()).distance(four) < DUPLICATE_M:
            dropped += area_km2(p)
        else:
            keep.append(p)
    low, high = FOUR_ISLANDS_KM2
    if not low < dropped < high:
        raise BuildError(f"removed {dropped:.0f} km2 as duplicates of the four islands")
    return keep


def group_by_anchor(parts: list[Polygon]) -> dict[str, list[Polygon]]:
    """Polygons by the id whose anchor they lie at; the others by nearest big island."""
    groups: dict[str, list[Polygon]] = {}
    unassigned: list[Polygon] = []
    for p in parts:
        owner = next(
            (
                cid
                for cid, anchors in ANCHORS.items()
                if any(p.distance(Point(a)) < ANCHOR_DEG for a in anchors)
            ),
            None,
        )
        if owner is None:
            unassigned.append(p)
        else:
            groups.setdefault(owner, []).append(p)
    for cid, anchors in ANCHORS.items():
        found = len(groups.get(cid, []))
        if found != len(anchors):
            raise BuildError(
                f"{cid}: {found} Natural Earth polygons at its {len(anchors)} anchor(s)"
            )
    big = {cid: unary_union(groups[cid]) for cid in SATELLITE_OF}
    for p in unassigned:
        groups.setdefault(nearest_island(p, big), []).append(p)
    return groups


def nearest_island(p: Polygon, big: dict[str, BaseGeometry]) -> str:
    """The big island (SATELLITE_OF) an islet belongs to, or OTHER_ISLANDS when none is near."""
    lon, lat = p.representative_point().coords[0]
    local = Local.equidistant(round(lon, 2), round(lat, 2))
    dists = {cid: local.fwd(g).distance(local.fwd(p)) / 1000 for cid, g in big.items()}
    nearest = min(sorted(dists), key=lambda c: dists[c])
    return nearest if dists[nearest] < SATELLITE_KM else OTHER_ISLANDS


def split_at(geom: BaseGeometry, lat: float) -> tuple[BaseGeometry, BaseGeometry]:
    """The parts of a shape south and north of a parallel (both must exist)."""
    minx, miny, maxx, maxy = geom.bounds
    south = unary_union(polygons(geom.intersection(box(minx - 1, miny - 1, maxx + 1, lat))))
    north = unary_union(polygons(geom.intersection(box(minx - 1, lat, maxx + 1, maxy + 1))))
    if south.is_empty or north.is_empty:
        raise BuildError(f"the parallel {lat}° does not cross the shape it should split")
    return south, north


def check_halves_meet(south: BaseGeometry, north: BaseGeometry, lat: float) -> None:
    """The two halves share an edge along the parallel and nothing else."""
    shared = south.intersection(north)
    if shared.is_empty or shared.length == 0 or area_km2(shared) > 0:
        raise BuildError(f"the halves cut at {lat}° do not meet along an edge")
    _minx, miny, _maxx, maxy = shared.bounds
    if not miny == maxy == lat:
        raise BuildError(f"the halves cut at {lat}° meet off the parallel ({miny}..{maxy})")


def context_shapes(groups: dict[str, list[Polygon]]) -> dict[str, BaseGeometry]:
    """One simplified, snapped shape per id; split shapes replaced by their halves."""
    shapes: dict[str, BaseGeometry] = {}
    for cid, parts in groups.items():
        geom = unary_union(parts)
        geom = shapely.simplify(geom, CONTEXT_SIMPLIFY_DEG, preserve_topology=True)
        if cid in SPLITS:
            lat, south_id, north_id = SPLITS[cid]
            south, north = (snap(g) for g in split_at(geom, lat))
            check_halves_meet(south, north, lat)
            shapes[south_id], shapes[north_id] = south, north
            shapes[cid] = unary_union([south, north])  # kept for AREA_CHECKS, not written
        else:
            shapes[cid] = snap(geom)
    return shapes


def check_areas(shapes: dict[str, BaseGeometry]) -> dict[str, float]:
    """Measured areas of AREA_CHECKS, each within its published range."""
    measured = {}
    for check in AREA_CHECKS:
        area = area_km2(shapes[check.id])
        if not check.low_km2 <= area <= check.high_km2:
            raise BuildError(f"{check.id}: measured {area:.0f} km2, published {check.what}")
        measured[check.id] = area
    return measured


def territory_props(t: Territory) -> dict[str, Any]:
    """A territory feature's properties: its id and names as in data/territories.toml."""
    return {
        "id": t.id,
        "name": t.name_en,
        "name_ja": t.name_ja,
        "name_ru": t.name_ru,
        "name_ja_latn": t.name_ja_latn,
        "name_ru_latn": t.name_ru_latn,
        "name_ainu": t.name_ainu,
        "kind": t.kind,
        "region": t.group or t.id,
        "geometry_source": NE_NOTE,
    }


def background_props(b: Background) -> dict[str, Any]:
    """Background land: names from this module, no Latin or Ainu forms, region "other"."""
    return {
        "id": b.id,
        "name": b.name,
        "name_ja": b.name_ja,
        "name_ru": b.name_ru,
        "name_ja_latn": None,
        "name_ru_latn": None,
        "name_ainu": None,
        "kind": b.kind,
        "region": OTHER,
        "geometry_source": NE_NOTE,
    }


def build_context(
    src: Path, islands: dict[str, BaseGeometry]
) -> tuple[list[dict[str, Any]], dict[str, BaseGeometry], dict[str, float]]:
    """Features (territories in file order, then background), shapes by id, checked areas."""
    _check_recipes()
    groups = group_by_anchor(drop_four_islands(land_polygons(src), islands))
    shapes = context_shapes(groups)
    measured = check_areas(shapes)
    out = [feature(territory_props(t), shapes[t.id]) for t in context_territories()]
    out += [feature(background_props(b), shapes[b.id]) for b in BACKGROUND if b.id in shapes]
    return out, shapes, measured
