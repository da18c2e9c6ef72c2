"""Load and check the map's GeoJSON layers in data/geo/ (built by scripts/build_geo.py).

The files are checked strictly on load, so a broken rebuild or a hand edit fails at start-up
with a message naming the file and the problem, rather than as a blank map or a KeyError deep
inside the map code. Loaders are cached; they hand out copies because callers (the map, the
app) add columns and must not change what the next caller sees.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from kuril_map import paths
from kuril_map.islands import ISLAND_IDS, TERRITORIES

if TYPE_CHECKING:  # imported where used: the map's shapes need neither (a faster cold start)
    import geopandas as gpd
    import pandas as pd
    import pyproj

ISLANDS_FILE = paths.GEO_DIR / "islands.geojson"
BOUNDARIES_FILE = paths.GEO_DIR / "boundaries.geojson"
CONTEXT_FILE = paths.GEO_DIR / "context.geojson"
PLACES_FILE = paths.GEO_DIR / "places.geojson"

STATES = ("Japan", "Russian Empire", "USSR", "Russia")
INSTRUMENTS = ("treaty", "declaration", "occupation", "directive")
LINE_KINDS = ("agreed border", "line of control", "claim", "proposal")
# Context territories (data/territories.toml, layer "context") and the region each feature of
# context.geojson carries: the territory's group, or its own id when it has none; background
# land (Honshu's tip, the mainland, other islands) has no status and the region "other".
CONTEXT_TERRITORIES: dict[str, str] = {
    t.id: t.group or t.id for t in TERRITORIES.values() if t.layer == "context"
}
OTHER_REGION = "other"
REGIONS = (*dict.fromkeys(CONTEXT_TERRITORIES.values()), OTHER_REGION)

ISLAND_COLUMNS = (
    "id",
    "name_ja_latn",
    "name_ja",
    "name_ru",
    "name_ru_latn",
    "name_ainu",
    "label",
    "kind",
    "official_area_km2",
    "area_source",
    "area_source_url",
    "population_1945",
)
BOUNDARY_COLUMNS = (
    "id",
    "name",
    "year_from",
    "year_to",
    "date_from",
    "date_to",
    "instrument",
    "kind",
    "description",
    "positions",
    "source",
    "source_url",
    "clause_id",
)
CONTEXT_COLUMNS = (
    "id",
    "name",
    "name_ja",
    "name_ru",
    "name_ja_latn",
    "name_ru_latn",
    "name_ainu",
    "kind",
    "region",
)
PLACE_COLUMNS = ("id", "name", "name_ja", "name_ru", "kind")

POLYGONAL = ("Polygon", "MultiPolygon")
LINEAR = ("LineString", "MultiLineString")


class GeoDataError(ValueError):
    """A layer file is missing or malformed; the message names the file and the problem."""


# --------------------------------------------------------------------------- validation helpers


def _display(path: Path) -> str:
    """The path as people know it: relative to the repo when inside it."""
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def _read_collection(path: Path) -> list[dict[str, Any]]:
    where = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeoDataError(
            f"{where}: file not found (rebuild: python scripts/build_geo.py)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoDataError(f"{where}: cannot be read ({exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoDataError(
            f"{where}: not valid JSON (line {exc.lineno}, col {exc.colno})"
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoDataError(f"{where}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoDataError(f"{where}: 'features' must be a non-empty list")
    return features


def _is_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_opt_str(value: Any) -> bool:
    return value is None or _is_str(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_opt_int(value: Any) -> bool:
    return value is None or _is_int(value)


def _is_number(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


Check = Callable[[Any], bool]


def _check_properties(
    where: str, index: int, props: dict[str, Any], spec: dict[str, tuple[Check, str]]
) -> str:
    """Check each required property; returns the feature id for later messages."""
    if "id" not in props:
        raise GeoDataError(f"{where}: feature {index} has no 'id'")
    fid = props["id"]
    if not _is_str(fid):
        raise GeoDataError(f"{where}: feature {index} has an empty or non-text 'id'")
    for key, (ok, expected) in spec.items():
        if key not in props:
            raise GeoDataError(f"{where}: feature {index} ({fid}) has no '{key}'")
        if not ok(props[key]):
            raise GeoDataError(
                f"{where}: feature {index} ({fid}) '{key}' should be {expected}, got {props[key]!r}"
            )
    return fid


def _check_geometry(
    where: str, index: int, fid: str, raw: Any, allowed: tuple[str, ...]
) -> BaseGeometry:
    gtype = raw.get("type") if isinstance(raw, dict) else None
    if gtype not in allowed:
        raise GeoDataError(
            f"{where}: feature {index} ({fid}) geometry should be {' or '.join(allowed)}, "
            f"got {gtype or 'none'}"
        )
    try:
        geom = shape(raw)
    except (KeyError, TypeError, ValueError, IndexError, shapely.errors.ShapelyError) as exc:
        raise GeoDataError(
            f"{where}: feature {index} ({fid}) has broken coordinates ({exc})"
        ) from None
    if geom.is_empty:
        raise GeoDataError(f"{where}: feature {index} ({fid}) has an empty geometry")
    minx, miny, maxx, maxy = geom.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        raise GeoDataError(f"{where}: feature {index} ({fid}) is not in lon/lat degrees")
    if gtype in POLYGONAL and not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise GeoDataError(f"{where}: feature {index} ({fid}) is not a valid polygon ({reason})")
    return geom


def _load(
    path: Path,
    spec: dict[str, tuple[Check, str]],
    allowed: tuple[str, ...],
) -> tuple[str, list[dict[str, Any]], list[BaseGeometry]]:
    where = _display(path)
    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []
    seen: set[str] = set()
    for index, feat in enumerate(_read_collection(path)):
        if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
            raise GeoDataError(f"{where}: feature {index} has no properties object")
        props = feat["properties"]
        fid = _check_properties(where, index, props, spec)
        if fid in seen:
            raise GeoDataError(f"{where}: feature {index} repeats id '{fid}'")
        seen.add(fid)
        geoms.append(_check_geometry(where, index, fid, feat.get("geometry"), allowed))
        rows.append(props)
    return where, rows, geoms


def _frame(
    rows: list[dict[str, Any]], geoms: list[BaseGeometry], columns: tuple[str, ...]
) -> gpd.GeoDataFrame:
    """A GeoDataFrame with the contract's columns first (extra properties kept after them).

    Columns that may hold None are kept as object dtype so None stays None (not NaN).
    """
    import geopandas as gpd
    import pandas as pd

    extra = sorted({k for r in rows for k in r} - set(columns))
    data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in (*columns, *extra)}
    frame = gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))
    for col in frame.columns:
        values = frame[col]
        if col != "geometry" and values.map(_is_int).all():
            frame[col] = values.astype("int64")
    return frame


def _positions_ok(value: Any) -> bool:
    return isinstance(value, dict) and all(k in STATES and _is_str(v) for k, v in value.items())


def _in(options: tuple[str, ...]) -> tuple[Check, str]:
    return (lambda v: v in options, "one of " + ", ".join(repr(o) for o in options))


STR = (_is_str, "non-empty text")
OPT_STR = (_is_opt_str, "text or null")
INT = (_is_int, "a whole number")
OPT_INT = (_is_opt_int, "a whole number or null")
NUMBER = (_is_number, "a number")

ISLAND_SPEC: dict[str, tuple[Check, str]] = {
    "name_ja_latn": STR,
    "name_ja": STR,
    "name_ru": STR,
    "name_ru_latn": STR,
    "name_ainu": OPT_STR,
    "label": STR,
    "kind": _in(("island", "island group")),
    "official_area_km2": NUMBER,
    "area_source": STR,
    "area_source_url": STR,
    "population_1945": INT,
}
BOUNDARY_SPEC: dict[str, tuple[Check, str]] = {
    "name": STR,
    "year_from": INT,
    "year_to": OPT_INT,
    "date_from": STR,
    "date_to": OPT_STR,
    "instrument": _in(INSTRUMENTS),
    "kind": _in(LINE_KINDS),
    "description": STR,
    "positions": (_positions_ok, f"an object mapping a state ({', '.join(STATES)}) to text"),
    "source": STR,
    "source_url": STR,
    "clause_id": OPT_STR,
}
CONTEXT_SPEC: dict[str, tuple[Check, str]] = {
    "name": STR,
    "name_ja": STR,
    "name_ru": STR,
    "name_ja_latn": OPT_STR,
    "name_ru_latn": OPT_STR,
    "name_ainu": OPT_STR,
    "kind": STR,
    "region": _in(REGIONS),
}
PLACE_SPEC: dict[str, tuple[Check, str]] = {
    "name": STR,
    "name_ja": STR,
    "name_ru": STR,
    "kind": STR,
}


# --------------------------------------------------------------------------- loaders


Features = tuple[tuple[dict[str, Any], ...], tuple[BaseGeometry, ...]]


@lru_cache(maxsize=8)
def _island_features(path: Path) -> Features:
    where, rows, geoms = _load(path, ISLAND_SPEC, POLYGONAL)
    ids = [r["id"] for r in rows]
    for island_id in ISLAND_IDS:
        if island_id not in ids:
            raise GeoDataError(f"{where}: missing island '{island_id}'")
    unknown = sorted(set(ids) - set(ISLAND_IDS))
    if unknown:
        raise GeoDataError(f"{where}: unknown island id(s) {unknown}; expected {ISLAND_IDS}")
    order = [ids.index(i) for i in ISLAND_IDS]
    return tuple(rows[i] for i in order), tuple(geoms[i] for i in order)


@lru_cache(maxsize=8)
def _islands(path: Path) -> gpd.GeoDataFrame:
    rows, geoms = _island_features(path)
    return _frame(list(rows), list(geoms), ISLAND_COLUMNS)


@lru_cache(maxsize=8)
def _boundary_features(path: Path) -> Features:
    where, rows, geoms = _load(path, BOUNDARY_SPEC, LINEAR)
    for index, r in enumerate(rows):
        if r["year_to"] is not None and r["year_to"] <= r["year_from"]:
            raise GeoDataError(
                f"{where}: feature {index} ({r['id']}) year_to {r['year_to']} is not after "
                f"year_from {r['year_from']}"
            )
    return tuple(rows), tuple(geoms)


@lru_cache(maxsize=8)
def _boundaries(path: Path) -> gpd.GeoDataFrame:
    rows, geoms = _boundary_features(path)
    return _frame(list(rows), list(geoms), BOUNDARY_COLUMNS)


def _check_context_territories(where: str, rows: list[dict[str, Any]]) -> None:
    """Each context territory is drawn once, with its region; background land is no territory."""
    for index, r in enumerate(rows):
        fid, region = r["id"], r["region"]
        if region == OTHER_REGION:
            if fid in TERRITORIES:
                raise GeoDataError(
                    f"{where}: feature {index} ({fid}) is a territory but has region 'other'"
                )
            continue
        if fid not in CONTEXT_TERRITORIES:
            raise GeoDataError(
                f"{where}: feature {index} ({fid}) has region '{region}' but is no context "
                "territory of data/territories.toml"
            )
        if region != CONTEXT_TERRITORIES[fid]:
            raise GeoDataError(
                f"{where}: feature {index} ({fid}) region should be "
                f"'{CONTEXT_TERRITORIES[fid]}', got '{region}'"
            )
        if r["name_ja_latn"] is None or r["name_ru_latn"] is None:
            raise GeoDataError(f"{where}: feature {index} ({fid}) has no Latin names")
    missing = [tid for tid in CONTEXT_TERRITORIES if tid not in {r["id"] for r in rows}]
    if missing:
        raise GeoDataError(
            f"{where}: missing territory(ies) {missing} (rebuild: python scripts/build_geo.py)"
        )


@lru_cache(maxsize=8)
def _context_features(path: Path) -> Features:
    where, rows, geoms = _load(path, CONTEXT_SPEC, POLYGONAL)
    _check_context_territories(where, rows)
    return tuple(rows), tuple(geoms)


@lru_cache(maxsize=8)
def _context(path: Path) -> gpd.GeoDataFrame:
    rows, geoms = _context_features(path)
    return _frame(list(rows), list(geoms), CONTEXT_COLUMNS)


@lru_cache(maxsize=8)
def _places(path: Path) -> gpd.GeoDataFrame:
    _where, rows, geoms = _load(path, PLACE_SPEC, ("Point",))
    return _frame(rows, geoms, PLACE_COLUMNS)


def _resolve(path: str | Path | None, default: Path) -> Path:
    return Path(path).resolve() if path is not None else default


def _copy(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy deep enough that callers may edit rows, columns and the positions dicts."""
    import pandas as pd

    out = frame.copy(deep=True)
    if "positions" in out.columns:
        out["positions"] = pd.Series([dict(p) for p in out["positions"]], index=out.index)
        out["positions"] = out["positions"].astype(object)
    return out


def load_islands(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """The four islands (EPSG:4326), one row per id in ISLAND_IDS order, with names and areas."""
    return _copy(_islands(_resolve(path, ISLANDS_FILE)))


def load_boundaries(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Boundary lines with their years, kind, neutral description and attributed positions.

    year_to is the first year a line no longer applies, or None while it still does.
    """
    return _copy(_boundaries(_resolve(path, BOUNDARIES_FILE)))


def load_context(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Every territory outside the four islands (Urup to Shumshu, the two halves of Sakhalin,
    Hokkaido, Kamchatka: id and names as in data/territories.toml), then background land
    (region "other")."""
    return _copy(_context(_resolve(path, CONTEXT_FILE)))


def load_places(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """A few labelled points (Cape Nosappu, towns) for orientation."""
    return _copy(_places(_resolve(path, PLACES_FILE)))


def features(layer: str) -> list[tuple[str, dict[str, Any], BaseGeometry]]:
    """The checked features of a layer ("islands", "context" or "boundaries") of the default
    files as (id, properties, geometry), in the order `load_islands` & co. give them.

    The same checks as the loaders, without building a GeoDataFrame: what the map's shapes
    need, so that drawing the first map does not wait for geopandas and pandas to import.
    The properties are shallow copies; the geometries are shared (shapely's are immutable).
    """
    loaders = {
        "islands": lambda: _island_features(ISLANDS_FILE),
        "context": lambda: _context_features(CONTEXT_FILE),
        "boundaries": lambda: _boundary_features(BOUNDARIES_FILE),
    }
    rows, geoms = loaders[layer]()
    return [(r["id"], dict(r), g) for r, g in zip(rows, geoms, strict=True)]


def clear_cache() -> None:
    """Forget loaded files (after a rebuild in the same process)."""
    for fn in (
        _island_features,
        _islands,
        _boundary_features,
        _boundaries,
        _context_features,
        _context,
        _places,
    ):
        fn.cache_clear()


# --------------------------------------------------------------------------- queries


def lines_in_force(boundaries: gpd.GeoDataFrame, year: int) -> gpd.GeoDataFrame:
    """The lines that apply in `year`: year_from <= year and (year_to is None or year < year_to).

    A line ending in 1875 is not shown for 1875, the year its successor starts.
    """

    def applies(row: pd.Series) -> bool:
        end = row["year_to"]
        open_ended = end is None or (isinstance(end, float) and math.isnan(end))
        return row["year_from"] <= year and (open_ended or year < end)

    if boundaries.empty:
        return boundaries.copy()
    mask = boundaries.apply(applies, axis=1).astype(bool)
    return boundaries[mask].copy()


@lru_cache(maxsize=64)
def _equal_area(lon: float, lat: float) -> pyproj.Transformer:
    import pyproj

    crs = f"+proj=laea +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    return pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km² of a lon/lat geometry, measured in an equal-area projection.

    Degrees are not a unit of area; a Lambert azimuthal equal-area projection centred on the
    shape keeps areas exact (any centre would, the local one keeps the numbers well scaled).
    """
    if geometry.is_empty:
        return 0.0
    c = geometry.centroid
    transformer = _equal_area(round(c.x, 1), round(c.y, 1))

    def project(xy: Any) -> Any:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return float(shapely.transform(geometry, project).area / 1e6)
