"""The map's shapes as one file the browser fetches once, instead of inside every map message.

Streamlit sends the map component's arguments again whenever any of them changes, so shapes
embedded in the map's code would travel with every new year (about 90 kB). Here the land,
the four islands and the boundary lines go into one JSON file under ``static/geo/``, which
Streamlit serves at ``<base>/app/static/geo/``; the map frame fetches it when it is created
and the per-year layer only names the features it styles.

The file name carries a hash of its content, so a browser never keeps a stale copy after the
data is rebuilt. Coordinates are written with at most 5 decimals (about 1 m, the grid
``scripts/build_geo.py`` snaps the data to), so a float's binary noise never adds digits.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from kuril_map import geodata
from kuril_map.map.static_files import GeneratedFile

COORD_DECIMALS = 5


def _round_coords(coords: Any) -> Any:
    """Nested coordinate lists with every number rounded (tuples from shapely become lists)."""
    if isinstance(coords, (int, float)):
        return round(float(coords), COORD_DECIMALS)
    return [_round_coords(c) for c in coords]


def _feature(fid: str, geometry: Any, properties: dict[str, Any]) -> dict[str, Any]:
    geo = geometry.__geo_interface__
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": geo["type"], "coordinates": _round_coords(geo["coordinates"])},
        "properties": {"id": fid, **properties},
    }


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _label_at(geometry: Any) -> list[float]:
    """[lat, lng] of a point inside the shape, where its label goes (a centroid can fall in
    the sea)."""
    point = geometry.representative_point()
    return [round(point.y, COORD_DECIMALS), round(point.x, COORD_DECIMALS)]


@lru_cache(maxsize=1)
def bundle() -> dict[str, Any]:
    """Context land, islands and lines, with where each label goes and what a click reports.

    Feature ids are unique across the three collections, because a view looks its features up
    by id alone. Read as checked features, not GeoDataFrames: the first map needs no geopandas.
    """
    islands = [
        _feature(fid, geom, {"labelAt": _label_at(geom)})
        for fid, _props, geom in geodata.features("islands")
    ]
    context = [
        _feature(fid, geom, {"region": props["region"], "labelAt": _label_at(geom)})
        for fid, props, geom in geodata.features("context")
    ]
    lines = [_feature(fid, geom, {}) for fid, _props, geom in geodata.features("boundaries")]
    ids = [f["id"] for f in islands + context + lines]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise geodata.GeoDataError(
            "feature ids must be unique across islands, context and boundaries: "
            + ", ".join(duplicated)
        )
    return {
        "islands": _collection(islands),
        "context": _collection(context),
        "lines": _collection(lines),
    }


@lru_cache(maxsize=1)
def bundle_json() -> str:
    """The bundle as compact JSON text, the same bytes on every call."""
    return json.dumps(bundle(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# The bundle as a file under static/geo/, named by its hash (see static_files.GeneratedFile).
FILE = GeneratedFile("geo", "kuril-map", ".json", lambda: bundle_json().encode("utf-8"))
