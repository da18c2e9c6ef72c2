"""Island cards for the classroom: names, areas, shares, distance from Hokkaido, 1945 population.

Every figure carries where it comes from, because students will quote them: figures computed
here from the map's own geometry sit beside the official ones (MOFA, GSI 2020 survey), so a
class can see both and how closely they agree. Computed areas use an equal-area projection
(geodata.area_km2); distances are geodesic on the WGS 84 ellipsoid (pyproj.Geod).

Distances from a point are measured in an azimuthal equidistant projection centred on that
point, where the distance from the centre to any point *is* the geodesic distance, so the
nearest point of a coastline is found exactly, then re-measured with Geod.inv.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points, unary_union

from kuril_map import geodata, history, paths
from kuril_map.i18n import _, current_language
from kuril_map.islands import ISLAND_IDS, get_island, resolve_island

if TYPE_CHECKING:  # imported where used: not needed before the first map is drawn
    import pyproj

FACTS_FILE = paths.SOURCES_DIR / "facts.json"

COMPUTED_AREA_SOURCE = (
    "Computed from the map geometry (MLIT N03 2021 coastlines, equal-area projection)"
)
COMPUTED_DISTANCE_SOURCE = "Computed from the map geometry (geodesic, WGS 84)"
HOKKAIDO_COAST_SOURCE = (
    "Computed from the map geometry (geodesic, WGS 84; Hokkaido coast from Natural Earth 10m "
    "and Cape Nosappu)"
)


@dataclass(frozen=True)
class Figure:
    """One number on a card, with its unit and where it comes from.

    `label` is the English caption, also a msgid in the catalogs (translate with `_()`);
    `kind` is "computed" (from this map's geometry), "official" (as published) or "derived"
    (arithmetic on official figures).
    """

    label: str
    value: float
    unit: str
    kind: str
    source: str
    url: str | None = None
    note: str | None = None
    as_of: str | None = None  # the day the figure describes, as the card writes it

    def formatted(self, digits: int | None = None) -> str:
        """'3,167.6 km²', '3,168 km²', '3,608': thousands separated, official whole numbers kept
        whole (writing 3,168.0 would claim a precision the source does not have). Numbers and
        units follow the UI language (Russian: '3 167,6 км²')."""
        if digits is None:
            digits = 0 if float(self.value).is_integer() and self.kind != "computed" else 1
        if self.unit == "people":
            digits = 0
        text = f"{self.value:,.{digits}f}"
        if current_language() == "ru":  # 3 167,6: thin space groups, decimal comma
            text = text.replace(",", "\u202f").replace(".", ",")
        units = {"km": _("km"), "km²": _("km²")}
        return text if self.unit in ("", "people") else f"{text} {units.get(self.unit, self.unit)}"


@dataclass(frozen=True)
class IslandCard:
    """Everything the card of one island shows."""

    id: str
    label: str
    kind: str
    names: dict[str, str | None]
    area_computed: Figure
    area_official: Figure
    share_computed: Figure
    share_official: Figure
    distance_nosappu: Figure
    distance_hokkaido: Figure
    distance_official: Figure | None
    population_1945: Figure | None
    population_now: Figure | None = None
    district_now: Figure | None = None
    notes: list[str] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        """The card's figures in display order (absent ones left out)."""
        items = [
            self.area_computed,
            self.area_official,
            self.share_computed,
            self.share_official,
            self.distance_nosappu,
            self.distance_hokkaido,
            self.distance_official,
            self.population_1945,
            self.population_now,
            self.district_now,
        ]
        return [f for f in items if f is not None]


# --------------------------------------------------------------------------- sources


@lru_cache(maxsize=1)
def load_facts() -> dict[str, Any]:
    with FACTS_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


def _official_rows() -> dict[str, dict[str, Any]]:
    """facts.json area rows by island id (keys there are 'Etorofu/Iturup', 'Habomai group')."""
    rows = load_facts()["areas"]["islands"]
    return {resolve_island(key.split("/")[0]): row for key, row in rows.items()}


def _area_source() -> str:
    src = load_facts()["areas"]["source"]
    return f"{src['publisher']} (GSI 2020 survey)"


def _loc_points() -> list[dict[str, Any]]:
    for b in load_facts()["boundaries"]:
        if b.get("id") == "line_of_control_today":
            return b["approx_coordinates"]
    raise KeyError("facts.json has no line_of_control_today boundary")


def _loc_distances() -> list[dict[str, Any]]:
    for b in load_facts()["boundaries"]:
        if b.get("id") == "line_of_control_today":
            return b["distances"]
    raise KeyError("facts.json has no line_of_control_today boundary")


def cape_nosappu() -> tuple[float, float, str]:
    """(lon, lat, url) of Cape Nosappu, Hokkaido's easternmost point, from facts.json."""
    for p in _loc_points():
        if p["point"].startswith("Cape Nosappu"):
            return p["lon"], p["lat"], p["url"]
    raise KeyError("facts.json has no Cape Nosappu coordinates")


# Published distances from Hokkaido, by island: (facts.json "what", caption).
OFFICIAL_DISTANCES: dict[str, tuple[str, str]] = {
    "habomai": ("Cape Nosappu - Kaigara island", "Distance from Cape Nosappu (published)"),
    "kunashiri": ("Hokkaido - Kunashiri (hoppou.go.jp)", "Distance from Hokkaido (published)"),
}


def _official_distance(island_id: str) -> Figure | None:
    if island_id not in OFFICIAL_DISTANCES:
        return None
    what, label = OFFICIAL_DISTANCES[island_id]
    row = next(d for d in _loc_distances() if d["what"] == what)
    return Figure(
        label=label,
        value=float(row["value_km"]),
        unit="km",
        kind="official",
        source="Northern Territories Issue Association (hoppou.go.jp)",
        url=row.get("url"),
    )


# --------------------------------------------------------------------------- geometry


@lru_cache(maxsize=1)
def _geod() -> pyproj.Geod:
    """The WGS 84 ellipsoid's geodesics (pyproj, imported on the first distance asked for)."""
    import pyproj

    return pyproj.Geod(ellps="WGS84")


def _aeqd(lon: float, lat: float) -> pyproj.Transformer:
    import pyproj

    crs = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    return pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def _project(geom: BaseGeometry, transformer: pyproj.Transformer) -> BaseGeometry:
    def fwd(xy: Any) -> Any:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, fwd)


def nearest_point_km(lon: float, lat: float, geom: BaseGeometry) -> tuple[float, float, float]:
    """Geodesic km from (lon, lat) to the nearest point of `geom`, and that point (lon, lat).

    In an azimuthal equidistant projection centred on the point, distance from the centre is
    the geodesic distance, so shapely's planar nearest point is the true nearest point.
    """
    fwd = _aeqd(lon, lat)
    projected = _project(geom, fwd)
    _origin, near = nearest_points(Point(0.0, 0.0), projected)
    near_lon, near_lat = fwd.transform(near.x, near.y, direction="INVERSE")
    _az1, _az2, metres = _geod().inv(lon, lat, near_lon, near_lat)
    return metres / 1000, float(near_lon), float(near_lat)


def gap_km(a: BaseGeometry, b: BaseGeometry) -> float:
    """Geodesic km between the nearest points of two lon/lat geometries."""
    c = b.centroid
    fwd = _aeqd(round(c.x, 2), round(c.y, 2))
    pa, _pb = nearest_points(_project(a, fwd), _project(b, fwd))
    lon1, lat1 = fwd.transform(pa.x, pa.y, direction="INVERSE")
    # Refine from the nearest point of a: exact geodesic from there to b.
    km, _lon, _lat = nearest_point_km(float(lon1), float(lat1), b)
    return km


@lru_cache(maxsize=1)
def _shapes() -> dict[str, BaseGeometry]:
    return {fid: geom for fid, _props, geom in geodata.features("islands")}


@lru_cache(maxsize=1)
def _hokkaido() -> BaseGeometry:
    """Hokkaido's coast (Natural Earth 10m, simplified) plus Cape Nosappu itself.

    The simplified coast stops a few hundred metres short of the cape, Hokkaido's point nearest
    the islands; adding the cape keeps "from Hokkaido" never longer than "from Cape Nosappu".
    """
    coast = [g for _id, p, g in geodata.features("context") if p["region"] == "hokkaido"]
    lon, lat, _url = cape_nosappu()
    return unary_union([*coast, Point(lon, lat)])


@lru_cache(maxsize=1)
def computed_areas() -> dict[str, float]:
    """km² of each island from the map geometry (equal-area projection)."""
    return {i: geodata.area_km2(g) for i, g in _shapes().items()}


def _share(values: dict[str, float], ids: tuple[str, ...]) -> float:
    return 100 * sum(values[i] for i in ids) / sum(values.values())


def small_two_share() -> float:
    """Shikotan + Habomai as % of the four islands' area, from the map geometry (about 7 %)."""
    return _share(computed_areas(), ("shikotan", "habomai"))


def small_two_share_official() -> float:
    """The same share from MOFA's official areas: (251 + 95) / 5,003 = 6.92 %."""
    official = {i: float(r["area_km2"]) for i, r in _official_rows().items()}
    total = float(load_facts()["areas"]["total"]["area_km2"])
    return 100 * (official["shikotan"] + official["habomai"]) / total


def small_two_share_figures() -> tuple[Figure, Figure]:
    """Both versions of the Shikotan + Habomai share, as captioned figures."""
    url = load_facts()["areas"]["source"]["url"]
    return (
        Figure(
            "Shikotan + Habomai share of the total area",
            round(small_two_share(), 1),
            "%",
            "computed",
            COMPUTED_AREA_SOURCE,
        ),
        Figure(
            "Shikotan + Habomai share of the total area (official)",
            round(small_two_share_official(), 1),
            "%",
            "derived",
            _area_source(),
            url,
            "(251 + 95) / 5,003 km²",
        ),
    )


# --------------------------------------------------------------------------- cards


def _latest(island_id: str, what: str) -> Figure | None:
    """The newest dated figure of a kind (data/history/island_facts.toml), with its source and
    note in the UI language: who lives on the island now, as far as a source says."""
    found = [f for f in history.load().figures(island_id) if f.what == what]
    if not found:
        return None
    latest = max(found, key=lambda f: f.day)
    source = history.load().source(latest.sources[0].ref)
    lang = current_language()
    labels = {
        "population": "Residents (latest count)",
        "district_population": "Residents of its district (latest count)",
    }
    return Figure(
        labels[what],
        float(latest.value),
        "people",
        "official" if source.kind in ("official", "primary") else "derived",
        f"{source.publisher}: {source.title}",
        source.url,
        note=latest.note.get(lang) if latest.note else None,
        as_of=history.display_date(latest.day, latest.precision, lang),
    )


def island_card(island_id: str) -> IslandCard:
    """The card of one island (any accepted name form works, as everywhere in the app), with
    its dated figures in the UI language."""
    return _card(resolve_island(island_id), current_language())


@lru_cache(maxsize=16)
def _card(island_id: str, lang: str) -> IslandCard:
    island = get_island(island_id)
    row = _official_rows()[island_id]
    areas = computed_areas()
    lon, lat, cape_url = cape_nosappu()
    km, _near_lon, _near_lat = nearest_point_km(lon, lat, _shapes()[island_id])
    notes: list[str] = []
    if island_id == "habomai":
        notes.append(
            "The Kaigara islet is drawn as a small approximate shape from its published "
            "coordinates; it is missing from the simplified coastline data."
        )
    population = row.get("population_1945")
    return IslandCard(
        id=island_id,
        label=island.label,
        kind=island.kind,
        names={
            "ja_latn": island.name_ja_latn,
            "ja": island.name_ja,
            "ru": island.name_ru,
            "ru_latn": island.name_ru_latn,
            "ainu": island.name_ainu,
        },
        area_computed=Figure(
            "Area (computed from the map)",
            round(areas[island_id], 1),
            "km²",
            "computed",
            COMPUTED_AREA_SOURCE,
        ),
        area_official=Figure(
            "Area (official)", float(row["area_km2"]), "km²", "official", _area_source(), row["url"]
        ),
        share_computed=Figure(
            "Share of the four islands",
            round(_share(areas, (island_id,)), 1),
            "%",
            "computed",
            COMPUTED_AREA_SOURCE,
        ),
        share_official=Figure(
            "Share of the four islands (official)",
            float(row["share_pct"]),
            "%",
            "official",
            _area_source(),
            row["url"],
        ),
        distance_nosappu=Figure(
            "Distance from Cape Nosappu",
            round(km, 1),
            "km",
            "computed",
            COMPUTED_DISTANCE_SOURCE,
            cape_url,
            "to the nearest point of the island, from Cape Nosappu's published coordinates",
        ),
        distance_hokkaido=Figure(
            "Distance from Hokkaido",
            round(gap_km(_hokkaido(), _shapes()[island_id]), 1),
            "km",
            "computed",
            HOKKAIDO_COAST_SOURCE,
            note="nearest coast to nearest coast",
        ),
        distance_official=_official_distance(island_id),
        population_1945=None
        if population is None
        else Figure(
            "Population in 1945",
            float(population),
            "people",
            "official",
            "Ministry of Foreign Affairs of Japan (as of 15 August 1945)",
            row["url"],
        ),
        population_now=_latest(island_id, "population"),
        district_now=_latest(island_id, "district_population"),
        notes=notes,
    )


def all_cards() -> list[IslandCard]:
    return [island_card(i) for i in ISLAND_IDS]
