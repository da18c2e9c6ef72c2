"""Build data/geo/*.geojson from the extracts in data/sources/, deterministically.

Run from the repo root:  .venv/bin/python scripts/build_geo.py [--out DIR] [--sources DIR]

Every layer the map draws is derived here and nowhere else, so a reviewer can see how each line
and polygon was made and re-run it. The output is byte-for-byte reproducible: coordinates are
snapped to a 1e-5 degree grid (about 1 m), keys are sorted and features come in a fixed order.
The script checks its own results (areas against the official figures, lines lying in water
between the right coasts) and stops with a message instead of writing doubtful data.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import nearest_points, unary_union

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the script runs without the package being installed
    sys.path.insert(0, str(ROOT))

from kuril_map.islands import ISLAND_IDS, get_island, resolve_island  # noqa: E402

PRECISION = 1e-5  # degrees; about 1 m, far below the accuracy of any source used here
# One equal-area projection for checking island areas (same definition as kuril_map.geodata).
LAEA_ISLANDS = "+proj=laea +lat_0=44 +lon_0=146.5 +datum=WGS84 +units=m +no_defs"
HABOMAI_WEST_LIMIT = 145.83  # Nemuro-city polygons east of this are the Habomai islets
AREA_TOLERANCE = {"etorofu": 0.02, "kunashiri": 0.02, "shikotan": 0.02, "habomai": 0.05}
CONTEXT_SIMPLIFY_DEG = 0.002  # about 150-200 m: invisible at the map's zoom levels

N03_FILE = "mlit_n03_2021_nemuro_villages.geojson"
NE_LAND = "ne_10m_land_region.geojson"
NE_MINOR = "ne_10m_minor_islands_region.geojson"
NE_CLAIM = "ne_10m_claim_line_kuril.geojson"
NE_MARITIME = "ne_10m_maritime_indicator_region.geojson"
NE_PLACES = "ne_10m_places_region.geojson"
FACTS = "facts.json"

# N03_007 municipality codes of each island (see data/sources/README.md).
VILLAGES = {
    "etorofu": ("01698", "01699", "01700"),  # Rubetsu, Shana, Shibetoro
    "kunashiri": ("01696", "01697"),  # Tomari, Ruyobetsu
    "shikotan": ("01695",),  # Shikotan village
}
NEMURO_CITY = "01223"

# Keys of facts.json "areas"/"islands" are "Etorofu/Iturup", "Habomai group", ...
AREA_SOURCE = "Ministry of Foreign Affairs of Japan, GSI 2020 survey"

N03_NOTE = (
    "Processed from National Land Numerical Information (Administrative Areas), MLIT Japan "
    "(「国土数値情報（行政区域データ）」（国土交通省）を加工して作成)"
)
NE_NOTE = "Made with Natural Earth (public domain)"


class BuildError(RuntimeError):
    """A source changed or a derived shape failed a check: stop rather than write it."""


# --------------------------------------------------------------------------- reading


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def read_features(path: Path) -> list[dict[str, Any]]:
    """Features of a GeoJSON file, each with a shapely geometry under "shape"."""
    data = read_json(path)
    out = []
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        out.append({"properties": feature.get("properties") or {}, "shape": geom})
    return out


def polygons(geom: BaseGeometry) -> list[Polygon]:
    """The polygon parts of any geometry, in a stable order."""
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons(g)]
    return []


# --------------------------------------------------------------------------- projections


class Local:
    """A projection for measuring distances (azimuthal equidistant) or areas (LAEA)."""

    def __init__(self, proj: str) -> None:
        self._fwd = pyproj.Transformer.from_crs("EPSG:4326", proj, always_xy=True)
        self._inv = pyproj.Transformer.from_crs(proj, "EPSG:4326", always_xy=True)

    @classmethod
    def equidistant(cls, lon: float, lat: float) -> Local:
        return cls(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs")

    def fwd(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, self._fwd_xy)

    def inv(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, self._inv_xy)

    def _fwd_xy(self, xy: Any) -> Any:
        x, y = self._fwd.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    def _inv_xy(self, xy: Any) -> Any:
        x, y = self._inv.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])


AREA_PROJ = Local(LAEA_ISLANDS)


def area_km2(geom: BaseGeometry) -> float:
    return AREA_PROJ.fwd(geom).area / 1e6


# --------------------------------------------------------------------------- median lines


def _median_offset(
    a: BaseGeometry, b: BaseGeometry, p: tuple[float, float], n: tuple[float, float], w: float
) -> tuple[float, float]:
    """The point on p + t*n (|t| <= w) equally far from a and b, by bisection."""

    def gap(t: float) -> float:
        q = Point(p[0] + t * n[0], p[1] + t * n[1])
        return q.distance(a) - q.distance(b)

    lo, hi = -w, w
    g_lo, g_hi = gap(lo), gap(hi)
    if (g_lo > 0) == (g_hi > 0):
        raise BuildError(f"median search found no crossing within {w / 1000:.0f} km of {p}")
    for _ in range(50):
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if (g_mid > 0) == (g_lo > 0):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    t = (lo + hi) / 2
    return (p[0] + t * n[0], p[1] + t * n[1])


def median_line(
    a: BaseGeometry,
    b: BaseGeometry,
    start: tuple[float, float],
    heading: tuple[float, float],
    step: float,
    stop: Callable[[tuple[float, float]], bool],
    search: float = 6000.0,
    max_steps: int = 400,
) -> list[tuple[float, float]]:
    """Walk along the line of points equally far from a and b (projected metres).

    Each step goes `step` metres along the current heading, then slides sideways onto the
    median; the heading follows the line. Stops when `stop(point)` is true.
    """
    pts = [start]
    px, py = start
    hx, hy = heading
    norm = math.hypot(hx, hy)
    hx, hy = hx / norm, hy / norm
    for _ in range(max_steps):
        c = (px + step * hx, py + step * hy)
        q = _median_offset(a, b, c, (-hy, hx), search)
        dx, dy = q[0] - px, q[1] - py
        d = math.hypot(dx, dy)
        hx, hy = dx / d, dy / d
        px, py = q
        pts.append(q)
        if stop(q):
            return pts
    raise BuildError("median line did not reach its end point")


# --------------------------------------------------------------------------- output


def snap(geom: BaseGeometry) -> BaseGeometry:
    """Snap to the 1e-5 degree grid, keeping polygons valid, rings counter-clockwise."""
    snapped = shapely.set_precision(geom, PRECISION)
    if isinstance(snapped, Polygon):
        snapped = orient(snapped)
    elif isinstance(snapped, MultiPolygon):
        snapped = MultiPolygon([orient(p) for p in snapped.geoms])
    if snapped.is_empty or not snapped.is_valid:
        raise BuildError("geometry became empty or invalid when snapped to the grid")
    return snapped


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, list | tuple):
        if obj and isinstance(obj[0], float | int) and not isinstance(obj[0], bool):
            return [round(float(v), 5) for v in obj]
        return [_round_coords(v) for v in obj]
    return obj


def geometry_json(geom: BaseGeometry) -> dict[str, Any]:
    g = mapping(geom)
    return {"type": g["type"], "coordinates": _round_coords(g["coordinates"])}


def write_collection(path: Path, features: Sequence[dict[str, Any]]) -> int:
    """Write one feature per line, keys sorted, so diffs are readable and bytes stable."""
    lines = [
        json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for f in features
    ]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def feature(props: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry_json(geom)}


# --------------------------------------------------------------------------- islands


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


def kaigara_polygon(facts: dict[str, Any]) -> Polygon:
    """The approximate Kaigara islet: a 12-gon around the facts.json point (not from N03)."""
    loc = boundary_fact(facts, "line_of_control_today")
    pt = next(p for p in loc["approx_coordinates"] if p["point"].startswith(KAIGARA_POINT))
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


# --------------------------------------------------------------------------- context

# Named land in the box. Each entry: id, name, name_ja, name_ru, region, anchor points
# (lon, lat) that fall on (or within a few km of) the Natural Earth polygon(s) it names.
CONTEXT_NAMES: tuple[tuple[str, str, str, str, str, tuple[tuple[float, float], ...]], ...] = (
    ("hokkaido", "Hokkaido", "北海道", "Хоккайдо", "hokkaido", ((142.8, 43.5),)),
    ("sakhalin", "Sakhalin", "サハリン（樺太）", "Сахалин", "sakhalin", ((142.8, 50.0),)),
    ("urup", "Urup", "得撫島", "Уруп", "urup", ((150.0, 45.9),)),
    (
        "brat_chirpoyev",
        "Brat Chirpoyev",
        "ブラット・チルポエフ島",
        "Брат Чирпоев",
        "north_kurils",
        ((150.82, 46.47),),
    ),
    ("simushir", "Simushir", "新知島", "Симушир", "north_kurils", ((152.0, 46.97),)),
    ("ketoy", "Ketoy", "計吐夷島", "Кетой", "north_kurils", ((152.47, 47.34),)),
    ("rasshua", "Rasshua", "羅処和島", "Расшуа", "north_kurils", ((153.02, 47.75),)),
    ("matua", "Matua", "松輪島", "Матуа", "north_kurils", ((153.23, 48.08),)),
    ("shiashkotan", "Shiashkotan", "捨子古丹島", "Шиашкотан", "north_kurils", ((154.1, 48.83),)),
    ("ekarma", "Ekarma", "越渇磨島", "Экарма", "north_kurils", ((153.95, 48.96),)),
    ("kharimkotan", "Kharimkotan", "春牟古丹島", "Харимкотан", "north_kurils", ((154.52, 49.12),)),
    ("onekotan", "Onekotan", "温禰古丹島", "Онекотан", "north_kurils", ((154.75, 49.45),)),
    ("makanrushi", "Makanrushi", "磨勘留島", "Маканруши", "north_kurils", ((154.43, 49.77),)),
    ("paramushir", "Paramushir", "幌筵島", "Парамушир", "north_kurils", ((155.7, 50.4),)),
    ("atlasov", "Atlasov", "阿頼度島", "остров Атласова", "north_kurils", ((155.56, 50.86),)),
    ("shumshu", "Shumshu", "占守島", "Шумшу", "north_kurils", ((156.35, 50.75),)),
    (
        "kamchatka",
        "Kamchatka Peninsula",
        "カムチャツカ半島",
        "полуостров Камчатка",
        "kamchatka",
        ((158.5, 53.5),),
    ),
    (
        "honshu",
        "Honshu (northern tip)",
        "本州（北端）",
        "Хонсю (северная оконечность)",
        "other",
        ((141.2, 41.3), (140.45, 41.15)),
    ),
    (
        "asia_mainland",
        "Asian mainland",
        "アジア大陸",
        "Азиатский материк",
        "other",
        ((140.5, 50.0),),
    ),
)
# Small unnamed islets join the nearest of these within this distance; others go to "other".
SATELLITE_OF = ("hokkaido", "sakhalin", "honshu")
SATELLITE_KM = 60.0
OTHER_ISLANDS = ("other_islands", "Other islands", "その他の島", "прочие острова", "other")


def build_context(
    src: Path, islands: dict[str, BaseGeometry]
) -> tuple[list[dict[str, Any]], dict[str, BaseGeometry]]:
    """Natural Earth land around the four islands, named, minus the four islands themselves."""
    land = [f["shape"] for f in read_features(src / NE_LAND)]
    minor = [f["shape"] for f in read_features(src / NE_MINOR)]
    parts = [p for g in land for p in polygons(g)]
    # Minor islands not already inside the land layer.
    land_union = unary_union(parts)
    parts += [p for g in minor for p in polygons(g) if not p.intersects(land_union)]

    # Drop what duplicates the four islands: any polygon within ~3 km of an N03 island.
    proj = Local(LAEA_ISLANDS)
    four = proj.fwd(unary_union(list(islands.values())))
    keep, dropped = [], 0.0
    for p in parts:
        if proj.fwd(p.representative_point()).distance(four) < 3000:
            dropped += area_km2(p)
        else:
            keep.append(p)
    if not 4800 < dropped < 5300:  # the four islands total about 5,003 km2
        raise BuildError(f"removed {dropped:.0f} km2 as duplicates of the four islands")

    groups: dict[str, list[Polygon]] = {}
    unassigned: list[Polygon] = []
    for p in keep:
        owner = None
        for cid, *_rest, anchors in CONTEXT_NAMES:
            if any(p.distance(Point(a)) < 0.05 for a in anchors):
                owner = cid
                break
        if owner is None:
            unassigned.append(p)
        else:
            groups.setdefault(owner, []).append(p)
    named = {cid for cid, *_ in CONTEXT_NAMES}
    if missing := named - groups.keys():
        raise BuildError(f"no Natural Earth polygon found for {sorted(missing)}")
    for cid in named:
        if len(groups[cid]) != 1 and cid != "honshu":
            raise BuildError(f"{cid}: {len(groups[cid])} polygons match its anchor")
    big = {cid: unary_union(groups[cid]) for cid in SATELLITE_OF}
    for p in unassigned:
        lon, lat = p.representative_point().coords[0]
        local = Local.equidistant(round(lon, 2), round(lat, 2))
        dists = {cid: local.fwd(g).distance(local.fwd(p)) / 1000 for cid, g in big.items()}
        nearest = min(sorted(dists), key=lambda c: dists[c])
        target = nearest if dists[nearest] < SATELLITE_KM else OTHER_ISLANDS[0]
        groups.setdefault(target, []).append(p)

    entries = [(cid, name, ja, ru, region) for cid, name, ja, ru, region, _ in CONTEXT_NAMES]
    if OTHER_ISLANDS[0] in groups:
        entries.append(OTHER_ISLANDS)
    out: list[dict[str, Any]] = []
    shapes: dict[str, BaseGeometry] = {}
    for cid, name, ja, ru, region in entries:
        geom = unary_union(groups[cid])
        geom = shapely.simplify(geom, CONTEXT_SIMPLIFY_DEG, preserve_topology=True)
        geom = snap(geom)
        shapes[cid] = geom
        props = {
            "id": cid,
            "name": name,
            "name_ja": ja,
            "name_ru": ru,
            "region": region,
            "geometry_source": NE_NOTE,
        }
        out.append(feature(props, geom))
    return out, shapes


# --------------------------------------------------------------------------- boundaries


def boundary_fact(facts: dict[str, Any], fact_id: str) -> dict[str, Any]:
    for row in facts["boundaries"]:
        if row["id"] == fact_id:
            return row
    raise BuildError(f"facts.json has no boundary {fact_id!r}")


def first_confirmed_url(row: dict[str, Any]) -> str:
    for s in row.get("sources", []):
        if s.get("status") == "confirmed":
            return s["url"]
    raise BuildError(f"facts.json boundary {row['id']!r} has no confirmed source")


def check_in_water(
    line_id: str,
    line: BaseGeometry,
    land: BaseGeometry,
    between: Sequence[BaseGeometry],
    max_gap_km: float,
) -> None:
    """The line touches no land, and passes within max_gap_km of each coast it separates."""
    if line.intersects(land):
        raise BuildError(f"{line_id}: line crosses land")
    x, y = line.centroid.coords[0]
    local = Local.equidistant(round(x, 2), round(y, 2))
    pl = local.fwd(line)
    for g in between:
        gap = pl.distance(local.fwd(g)) / 1000
        if gap > max_gap_km:
            raise BuildError(f"{line_id}: {gap:.1f} km from a coast it should run beside")


def _maritime_line(src: Path, featurecla: str, inside: tuple[float, float, float, float]) -> Any:
    """The single Natural Earth maritime line of a class lying inside a lon/lat box."""
    found = []
    for f in read_features(src / NE_MARITIME):
        minx, miny, maxx, maxy = f["shape"].bounds
        in_box = inside[0] <= minx and maxx <= inside[2] and inside[1] <= miny and maxy <= inside[3]
        if f["properties"].get("featurecla") == featurecla and in_box:
            found.append(f)
    if len(found) != 1:
        raise BuildError(f"expected one {featurecla!r} line in {inside}, found {len(found)}")
    return found[0]


def build_boundaries(
    src: Path,
    facts: dict[str, Any],
    islands: dict[str, BaseGeometry],
    hokkaido_n03: BaseGeometry,
    context: dict[str, BaseGeometry],
) -> list[dict[str, Any]]:
    land_parts = [p for f in read_features(src / NE_LAND) for p in polygons(f["shape"])]
    all_land = unary_union([*land_parts, *islands.values()])

    def ne_polygon_at(lon: float, lat: float) -> Polygon:
        pt = Point(lon, lat)
        hits = [p for p in land_parts if p.contains(pt)]
        if len(hits) != 1:
            raise BuildError(f"expected one land polygon at {lon}, {lat}, found {len(hits)}")
        return hits[0]

    hokkaido = ne_polygon_at(142.8, 43.5)
    sakhalin = ne_polygon_at(142.8, 50.0)
    kamchatka = ne_polygon_at(158.5, 53.5)
    shumshu = ne_polygon_at(156.35, 50.75)
    urup = ne_polygon_at(150.0, 45.9)
    f_shimoda = boundary_fact(facts, "shimoda_1855")
    f_stp = boundary_fact(facts, "st_petersburg_1875")
    f_ports = boundary_fact(facts, "portsmouth_1905")
    f_loc = boundary_fact(facts, "line_of_control_today")
    f_scapin = boundary_fact(facts, "scapin_677_1946")
    f_jd = boundary_fact(facts, "joint_declaration_1956")

    # -- Vries Strait: Natural Earth's "Japanese claim" line (the 1855 line).
    claim = read_features(src / NE_CLAIM)
    if len(claim) != 1 or claim[0]["properties"].get("name") != "Japanese claim":
        raise BuildError("expected one 'Japanese claim' line in the claim-line extract")
    vries = claim[0]["shape"]
    check_in_water("vries", vries, all_land, [islands["etorofu"], urup], 30)
    vries_pt = f_shimoda["approx_coordinates"][0]
    local = Local.equidistant(vries_pt["lon"], vries_pt["lat"])
    off = local.fwd(vries).distance(local.fwd(Point(vries_pt["lon"], vries_pt["lat"]))) / 1000
    if off > 5:
        raise BuildError(f"claim line is {off:.1f} km from facts.json's Vries Strait point")

    # -- First Kuril Strait: median between Shumshu and Kamchatka through the facts point.
    fk = f_stp["approx_coordinates"][0]
    local = Local.equidistant(fk["lon"], fk["lat"])
    shum_p, kam_p = local.fwd(shumshu), local.fwd(kamchatka)
    a, b = nearest_points(shum_p, kam_p)
    ax, ay = b.x - a.x, b.y - a.y
    n = math.hypot(ax, ay)
    across = (ax / n, ay / n)
    p0 = _median_offset(shum_p, kam_p, (0.0, 0.0), across, 8000)
    along = (-across[1], across[0])
    half_len = 12000.0  # metres each way: the strait is about 12 km wide

    def far(start: tuple[float, float]) -> Callable[[tuple[float, float]], bool]:
        return lambda q: math.hypot(q[0] - start[0], q[1] - start[1]) >= half_len

    one = median_line(shum_p, kam_p, p0, along, 1000, far(p0))
    two = median_line(shum_p, kam_p, p0, (-along[0], -along[1]), 1000, far(p0))
    first_kuril = local.inv(LineString([*reversed(two), *one[1:]]))
    # Orient from the Sea of Okhotsk (west) to the Pacific (east).
    if first_kuril.coords[0][0] > first_kuril.coords[-1][0]:
        first_kuril = first_kuril.reverse()
    check_in_water("st_petersburg_1875", first_kuril, all_land, [shumshu, kamchatka], 8)

    # -- 50th parallel across Sakhalin, clipped to the island with a small overhang.
    cut = LineString([(140.0, 50.0), (146.0, 50.0)]).intersection(sakhalin)
    xs = [x for part in getattr(cut, "geoms", [cut]) for x, _ in part.coords]
    overhang = 0.08  # degrees of longitude, about 6 km
    parallel = LineString([(min(xs) - overhang, 50.0), (max(xs) + overhang, 50.0)])

    # -- La Perouse (Soya) Strait: Natural Earth median line between Sakhalin and Hokkaido.
    la_perouse = _maritime_line(src, "Marine Indicator Median", (140.0, 45.3, 143.0, 46.2))["shape"]
    check_in_water("la_perouse_1875", la_perouse, all_land, [sakhalin, hokkaido], 30)

    # -- Line of control: the disputed maritime indicator lying between Hokkaido and the
    #    islands (its note is 'disputed_8' in this extract, not 'disputed_7' as the shared
    #    README says; 'disputed_7' duplicates the claim line in the Vries Strait).
    loc_f = _maritime_line(src, "Marine Indicator Disputed", (145.0, 42.9, 146.2, 45.0))
    loc = loc_f["shape"]
    check_in_water(
        "line_of_control_1945",
        loc,
        all_land,
        [hokkaido, hokkaido_n03, islands["kunashiri"], islands["habomai"]],
        10,
    )
    nosappu = next(p for p in f_loc["approx_coordinates"] if p["point"].startswith("Midpoint"))
    local = Local.equidistant(nosappu["lon"], nosappu["lat"])
    off = local.fwd(loc).distance(local.fwd(Point(nosappu["lon"], nosappu["lat"]))) / 1000
    if off > 1.5:
        raise BuildError(f"line of control is {off:.1f} km from the Nosappu-Kaigara midpoint")

    # -- 1956 two-island line: median between Kunashiri and Shikotan+Habomai, from where it
    #    meets the line of control out to the Pacific east of Shikotan.
    ref = (146.2, 43.8)
    local = Local.equidistant(*ref)
    kun_p = local.fwd(islands["kunashiri"])
    pair_p = local.fwd(unary_union([islands["shikotan"], islands["habomai"]]))
    loc_p = local.fwd(loc)
    start = _junction(loc_p, kun_p, pair_p)
    east_x = local.fwd(Point(147.0, 44.0)).x
    jd_pts = median_line(kun_p, pair_p, start, (1.0, 0.3), 2000, lambda q: q[0] >= east_x)
    jd_line = local.inv(LineString(jd_pts))
    check_in_water(
        "jd1956_two_island_line",
        jd_line,
        all_land,
        [islands["kunashiri"], islands["shikotan"], islands["habomai"]],
        35,
    )

    # -- The documents each line points to.
    primary = {p.stem for p in (src / "primary-texts").glob("*.json")}

    def clause(cid: str | None) -> str | None:
        if cid is not None and cid not in primary:
            raise BuildError(f"clause_id {cid!r} has no file in data/sources/primary-texts")
        return cid

    stp_url = first_confirmed_url(f_stp)
    rows: list[tuple[dict[str, Any], BaseGeometry]] = [
        (
            {
                "id": "shimoda_1855",
                "name": "Treaty of Shimoda border (Vries Strait)",
                "year_from": 1855,
                "year_to": 1875,
                "date_from": "1855-02-07",
                "date_to": "1875-05-07",
                "instrument": "treaty",
                "kind": "agreed border",
                "description": (
                    "The first Japan–Russia border, set by the Treaty of Shimoda in the Vries "
                    "Strait, with Etorofu and the islands to its south on the Japanese side, "
                    "Urup and the islands to its north on the Russian side, and Sakhalin left "
                    "undivided."
                ),
                "positions": {},
                "source": "Treaty of Shimoda (7 Feb 1855), Article 2; MOFA, Japan",
                "source_url": first_confirmed_url(f_shimoda),
                "clause_id": clause("shimoda_art2_en"),
                "geometry_source": (
                    f"Natural Earth 'Japanese claim' line in the Vries Strait. {NE_NOTE}"
                ),
            },
            vries,
        ),
        (
            {
                "id": "st_petersburg_1875",
                "name": "Treaty of Saint Petersburg border (First Kuril Strait)",
                "year_from": 1875,
                "year_to": 1945,
                "date_from": "1875-05-07",
                "date_to": "1945-08-18",
                "instrument": "treaty",
                "kind": "agreed border",
                "description": (
                    "In exchange for Japan's rights on Sakhalin, Russia ceded the eighteen Kuril "
                    "islands from Shumshu to Urup to Japan by the 1875 Treaty of Saint "
                    "Petersburg, so the border ran through the First Kuril Strait between "
                    "Shumshu and Cape Lopatka on Kamchatka until Soviet forces landed on Shumshu "
                    "in August 1945."
                ),
                "positions": {},
                "source": (
                    "Treaty for the Exchange of Sakhalin for the Kurile Islands (7 May 1875), "
                    "Article 2; MOFA/Russian MFA Joint Compendium"
                ),
                "source_url": stp_url,
                "clause_id": clause("st_petersburg_1875_art2"),
                "geometry_source": (
                    "Approximate: median line between Natural Earth's Shumshu and Kamchatka "
                    "coasts, 24 km long, through the strait centre given in facts.json "
                    f"({fk['lat']}°N {fk['lon']}°E). {NE_NOTE}"
                ),
            },
            first_kuril,
        ),
        (
            {
                "id": "la_perouse_1875",
                "name": "La Pérouse (Sōya) Strait, 1875 Sakhalin–Hokkaido divide",
                "year_from": 1875,
                "year_to": 1905,
                "date_from": "1875-05-07",
                "date_to": "1905-09-05",
                "instrument": "treaty",
                "kind": "agreed border",
                "description": (
                    "Once the 1875 treaty made all of Sakhalin Russian, La Pérouse (Sōya) Strait "
                    "separated Russian Sakhalin from Japanese Hokkaido until the 1905 Treaty of "
                    "Portsmouth moved the border north to the 50th parallel."
                ),
                "positions": {},
                "source": (
                    "Treaty for the Exchange of Sakhalin for the Kurile Islands (7 May 1875), "
                    "Article 1; MOFA/Russian MFA Joint Compendium"
                ),
                "source_url": stp_url,
                "clause_id": None,
                "geometry_source": (
                    f"Natural Earth maritime median line in La Pérouse Strait. {NE_NOTE}"
                ),
            },
            la_perouse,
        ),
        (
            {
                "id": "portsmouth_1905",
                "name": "Treaty of Portsmouth border (50th parallel, Sakhalin)",
                "year_from": 1905,
                "year_to": 1945,
                "date_from": "1905-09-05",
                "date_to": "1945-08",
                "instrument": "treaty",
                "kind": "agreed border",
                "description": (
                    "After the Russo-Japanese War, Russia ceded Sakhalin south of the 50th "
                    "parallel to Japan by the Treaty of Portsmouth, and the parallel became a "
                    "land border across the island "
                    "until Soviet forces took southern Sakhalin in August 1945; the Kurils were "
                    "not affected."
                ),
                "positions": {},
                "source": "Treaty of Portsmouth (5 Sep 1905), Article IX",
                "source_url": first_confirmed_url(f_ports),
                "clause_id": clause("portsmouth_art9"),
                "geometry_source": (
                    "The 50th parallel clipped to Natural Earth's Sakhalin coast, extended "
                    f"about 6 km offshore on each side. {NE_NOTE}"
                ),
            },
            parallel,
        ),
        (
            {
                "id": "line_of_control_1945",
                "name": "Line of control between Hokkaido and Kunashiri / Habomai",
                "year_from": 1945,
                "year_to": None,
                "date_from": "1945-09-05",
                "date_to": None,
                "instrument": "occupation",
                "kind": "line of control",
                "description": (
                    "Since Soviet forces took the four islands in August–September 1945, "
                    "Japanese administration has ended at this line through the Nemuro Strait "
                    "and the channel off Cape Nosappu; the Allied occupation directive "
                    "SCAPIN-677 of 29 January 1946 told Japan's government to stop governing "
                    "the islands beyond it, while stating that this was no final decision on "
                    "their status."
                ),
                "positions": {
                    "Russia": (
                        "Russia holds that this line is its state border, the islands having "
                        "become part of the USSR as a result of the Second World War."
                    ),
                    "Japan": (
                        "Japan holds that there is no border here, because the four islands "
                        "are Japanese territory."
                    ),
                },
                "source": (
                    "SCAPIN-677 (29 Jan 1946), copy published by the Cabinet Secretariat of "
                    "Japan; line position: Natural Earth maritime indicator (approximate)"
                ),
                "source_url": first_confirmed_url(f_scapin),
                "clause_id": None,
                "geometry_source": (
                    "Natural Earth 'Marine Indicator Disputed' line between Hokkaido and the "
                    "islands (note 'disputed_8'); no official coordinate list has been "
                    f"published for this line. {NE_NOTE}"
                ),
            },
            loc,
        ),
        (
            {
                "id": "japan_claim_line",
                "name": "Japan's claimed border (Vries Strait)",
                "year_from": 1945,
                "year_to": None,
                "date_from": "1945",
                "date_to": None,
                "instrument": "declaration",
                "kind": "claim",
                "description": (
                    "The Vries Strait line, where the 1855 treaty had set the border, that "
                    "Japan has named as its border with Russia since Soviet forces took the four "
                    "islands in 1945."
                ),
                "positions": {
                    "Japan": (
                        "Japan holds that its border with Russia runs here, between Etorofu "
                        "and Urup."
                    ),
                    "Russia": (
                        "Russia holds that no border runs here, because it regards all the "
                        "Kuril Islands, including the four islands Japan claims, as Russian "
                        "territory."
                    ),
                },
                "source": "MOFA, Japan: Japan's position on the Northern Territories",
                "source_url": first_confirmed_url(f_shimoda),
                "clause_id": None,
                "geometry_source": (
                    f"Natural Earth 'Japanese claim' line in the Vries Strait. {NE_NOTE}"
                ),
            },
            vries,
        ),
        (
            {
                "id": "jd1956_two_island_line",
                "name": "1956 Joint Declaration two-island line (proposal, approximate)",
                "year_from": 1956,
                "year_to": None,
                "date_from": "1956-10-19",
                "date_to": None,
                "instrument": "declaration",
                "kind": "proposal",
                "description": (
                    "An approximate line, drawn for this map and never agreed or surveyed, that "
                    "would separate Shikotan and the Habomai islands, which the USSR agreed in "
                    "the 1956 Joint Declaration to transfer to Japan after a peace treaty, "
                    "from Kunashiri and Etorofu."
                ),
                "positions": {
                    "Russia": (
                        "Russia holds that any transfer of Shikotan and the Habomai islands "
                        "would come only after a peace treaty and would leave sovereignty over "
                        "Etorofu and Kunashiri unchanged."
                    ),
                    "Japan": (
                        "Japan holds that the Declaration settles only part of the question, "
                        "and that a peace treaty must also decide the status of Etorofu and "
                        "Kunashiri."
                    ),
                },
                "source": "Soviet-Japanese Joint Declaration (19 Oct 1956), Article 9",
                "source_url": f_jd["sources"][0]["url"],
                "clause_id": clause("jd1956_art9_en_unts"),
                "geometry_source": (
                    "Constructed: points equally far from Kunashiri and from Shikotan plus the "
                    "Habomai islets (MLIT N03 coastlines), from the line of control east to "
                    "147°E."
                ),
            },
            jd_line,
        ),
    ]
    return [feature(props, snap(shapely.simplify(g, 1e-4))) for props, g in rows]


def _junction(line: BaseGeometry, a: BaseGeometry, b: BaseGeometry) -> tuple[float, float]:
    """The point on `line` where the nearer of a and b changes (one change expected)."""
    n = 2000
    prev = None
    for i in range(n + 1):
        t = line.length * i / n
        q = line.interpolate(t)
        sign = q.distance(a) > q.distance(b)
        if prev is not None and sign != prev[0]:
            lo, hi = prev[1], t
            for _ in range(40):
                mid = (lo + hi) / 2
                if (line.interpolate(mid).distance(a) > line.interpolate(mid).distance(b)) == (
                    prev[0]
                ):
                    lo = mid
                else:
                    hi = mid
            p = line.interpolate((lo + hi) / 2)
            return (p.x, p.y)
        prev = (sign, t)
    raise BuildError("the line of control never passes equally near Kunashiri and Habomai")


# --------------------------------------------------------------------------- places


def build_places(src: Path, facts: dict[str, Any]) -> list[dict[str, Any]]:
    """A few labelled points: Cape Nosappu (facts.json) and towns from Natural Earth."""
    loc = boundary_fact(facts, "line_of_control_today")
    cape = next(p for p in loc["approx_coordinates"] if p["point"].startswith("Cape Nosappu"))
    out = [
        feature(
            {
                "id": "cape_nosappu",
                "name": "Cape Nosappu",
                "name_ja": "納沙布岬",
                "name_ru": "мыс Носаппу",
                "kind": "cape",
                "source_url": cape["url"],
            },
            Point(cape["lon"], cape["lat"]),
        )
    ]
    towns = {
        "Kushiro": ("kushiro", "釧路", "Кусиро"),
        "Yuzhno Sakhalinsk": ("yuzhno_sakhalinsk", "ユジノサハリンスク", "Южно-Сахалинск"),
        "Korsakov": ("korsakov", "コルサコフ", "Корсаков"),
        "Severo Kurilsk": ("severo_kurilsk", "セベロクリリスク", "Северо-Курильск"),
        "Petropavlovsk Kamchatskiy": (
            "petropavlovsk_kamchatsky",
            "ペトロパブロフスク・カムチャツキー",
            "Петропавловск-Камчатский",
        ),
    }
    names = {
        "Yuzhno Sakhalinsk": "Yuzhno-Sakhalinsk",
        "Severo Kurilsk": "Severo-Kurilsk",
        "Petropavlovsk Kamchatskiy": "Petropavlovsk-Kamchatsky",
    }
    found = {f["properties"]["NAME"]: f["shape"] for f in read_features(src / NE_PLACES)}
    for ne_name, (pid, ja, ru) in towns.items():
        if ne_name not in found:
            raise BuildError(f"Natural Earth places has no {ne_name!r}")
        props = {
            "id": pid,
            "name": names.get(ne_name, ne_name),
            "name_ja": ja,
            "name_ru": ru,
            "kind": "town",
            "source_url": "https://www.naturalearthdata.com/",
        }
        out.append(feature(props, found[ne_name]))
    return out


# --------------------------------------------------------------------------- main


def build(src: Path, out: Path) -> dict[str, Any]:
    """Build every layer from `src` into `out`; returns measured areas and file sizes."""
    facts = read_json(src / FACTS)
    out.mkdir(parents=True, exist_ok=True)
    island_shapes, hokkaido_n03 = build_island_shapes(src)
    islands, measured = island_features(island_shapes, facts)
    context, context_shapes = build_context(src, island_shapes)
    boundaries = build_boundaries(src, facts, island_shapes, hokkaido_n03, context_shapes)
    places = build_places(src, facts)
    sizes = {
        "islands.geojson": write_collection(out / "islands.geojson", islands),
        "boundaries.geojson": write_collection(out / "boundaries.geojson", boundaries),
        "context.geojson": write_collection(out / "context.geojson", context),
        "places.geojson": write_collection(out / "places.geojson", places),
    }
    return {"areas": measured, "sizes": sizes}


def _report(result: dict[str, Any], facts: dict[str, Any], out: Path) -> Iterable[str]:
    official = facts_for_islands(facts)
    yield f"wrote {out}"
    for name, size in result["sizes"].items():
        yield f"  {name:20s} {size / 1024:7.1f} KB"
    yield "areas (equal-area projection) vs official (MOFA/GSI 2020):"
    for island_id, area in result["areas"].items():
        off = official[island_id]["area_km2"]
        pct = 100 * (area - off) / off
        yield f"  {island_id:10s} {area:8.1f} km2  official {off:5d}  {pct:+.1f} %"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "geo")
    args = parser.parse_args(argv)
    try:
        result = build(args.sources, args.out)
    except BuildError as exc:
        print(f"build_geo: {exc}", file=sys.stderr)
        return 1
    for line in _report(result, read_json(args.sources / FACTS), args.out):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
