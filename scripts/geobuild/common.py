"""What every layer needs: the extract files, projections for measuring, snapping, writing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

PRECISION = 1e-5  # degrees; about 1 m, far below the accuracy of any source used here
# One equal-area projection for checking areas (same definition as kuril_map.geodata).
LAEA_ISLANDS = "+proj=laea +lat_0=44 +lon_0=146.5 +datum=WGS84 +units=m +no_defs"

N03_FILE = "mlit_n03_2021_nemuro_villages.geojson"
NE_LAND = "ne_10m_land_region.geojson"
NE_MINOR = "ne_10m_minor_islands_region.geojson"
NE_CLAIM = "ne_10m_claim_line_kuril.geojson"
NE_MARITIME = "ne_10m_maritime_indicator_region.geojson"
NE_PLACES = "ne_10m_places_region.geojson"
FACTS = "facts.json"

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


def boundary_fact(facts: dict[str, Any], fact_id: str) -> dict[str, Any]:
    """One entry of facts.json "boundaries" (definitions, approximate coordinates, sources)."""
    for row in facts["boundaries"]:
        if row["id"] == fact_id:
            return row
    raise BuildError(f"facts.json has no boundary {fact_id!r}")


def fact_point(facts: dict[str, Any], fact_id: str, point: str | None) -> dict[str, Any]:
    """A point of a boundary fact: the first one whose name starts with `point`, else the first."""
    row = boundary_fact(facts, fact_id)
    for p in row.get("approx_coordinates", []):
        if point is None or p["point"].startswith(point):
            return p
    raise BuildError(f"facts.json boundary {fact_id!r} has no point {point!r}")


def source_url(facts: dict[str, Any], fact_id: str, status: str = "confirmed") -> str:
    """The first source of a boundary fact with the given status (facts.json marks each)."""
    row = boundary_fact(facts, fact_id)
    for s in row.get("sources", []):
        if s.get("status") == status:
            return s["url"]
    raise BuildError(f"facts.json boundary {fact_id!r} has no {status} source")


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


def distance_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Shortest distance between two lon/lat shapes, measured around a's centre."""
    x, y = a.centroid.coords[0]
    local = Local.equidistant(round(x, 2), round(y, 2))
    return local.fwd(a).distance(local.fwd(b)) / 1000


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
