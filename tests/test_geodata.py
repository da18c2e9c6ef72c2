"""The geo layers: areas match the official figures, lines carry the right years, bad files fail
clearly, and the committed files are what scripts/build_geo.py makes from data/sources."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import LineString, box, shape

from kuril_map import geodata, paths
from kuril_map.geodata import GeoDataError
from kuril_map.islands import ISLAND_IDS, ISLANDS

NAME_COLUMNS = ("name_ja_latn", "name_ja", "name_ru", "name_ru_latn", "name_ainu", "label", "kind")
OFFICIAL = {"etorofu": 3168, "kunashiri": 1490, "shikotan": 251, "habomai": 95}
TOLERANCE = {"etorofu": 0.02, "kunashiri": 0.02, "shikotan": 0.02, "habomai": 0.05}
AGREED = "agreed border"


@pytest.fixture(scope="module")
def islands():
    return geodata.load_islands()


@pytest.fixture(scope="module")
def boundaries():
    return geodata.load_boundaries()


def in_force(boundaries, year: int, kind: str | None = None) -> set[str]:
    rows = geodata.lines_in_force(boundaries, year)
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    return set(rows["id"])


# --------------------------------------------------------------------------- islands


def test_one_row_per_island_in_registry_order(islands) -> None:
    assert list(islands["id"]) == list(ISLAND_IDS)
    assert islands.crs.to_epsg() == 4326
    assert set(islands.geom_type) <= {"Polygon", "MultiPolygon"}
    assert islands.set_index("id").loc["habomai"].geometry.geom_type == "MultiPolygon"


@pytest.mark.parametrize("island_id", ISLAND_IDS)
def test_area_close_to_official(islands, island_id: str) -> None:
    row = islands.set_index("id").loc[island_id]
    assert row["official_area_km2"] == OFFICIAL[island_id]
    measured = geodata.area_km2(row.geometry)
    assert abs(measured - OFFICIAL[island_id]) / OFFICIAL[island_id] <= TOLERANCE[island_id]


def test_area_sources_attributed(islands) -> None:
    assert set(islands["area_source"]) == {"Ministry of Foreign Affairs of Japan, GSI 2020 survey"}
    assert all(url.startswith("https://www.mofa.go.jp/") for url in islands["area_source_url"])
    assert islands["population_1945"].sum() == 17291


@pytest.mark.parametrize("island_id", ISLAND_IDS)
def test_island_has_all_names_from_registry(islands, island_id: str) -> None:
    row = islands.set_index("id").loc[island_id]
    island = ISLANDS[island_id]
    for column in NAME_COLUMNS:
        assert row[column], column
        assert row[column] == getattr(island, column)


def test_area_km2_of_a_known_square() -> None:
    # One degree of latitude by one of longitude at 44°N: about 111.1 km x 80.0 km.
    assert geodata.area_km2(box(146.0, 43.5, 147.0, 44.5)) == pytest.approx(8890, rel=0.01)


# --------------------------------------------------------------------------- boundaries

EXPECTED_LINES = {
    "shimoda_1855": (1855, 1875, AGREED, "treaty"),
    "st_petersburg_1875": (1875, 1945, AGREED, "treaty"),
    "portsmouth_1905": (1905, 1945, AGREED, "treaty"),
    "line_of_control_1945": (1945, None, "line of control", "occupation"),
    "japan_claim_line": (1945, None, "claim", "declaration"),
    "jd1956_two_island_line": (1956, None, "proposal", "declaration"),
}


@pytest.mark.parametrize("line_id", sorted(EXPECTED_LINES))
def test_required_line(boundaries, line_id: str) -> None:
    row = boundaries.set_index("id").loc[line_id]
    year_from, year_to, kind, instrument = EXPECTED_LINES[line_id]
    assert (row["year_from"], row["year_to"], row["kind"], row["instrument"]) == (
        year_from,
        year_to,
        kind,
        instrument,
    )
    assert row.geometry.geom_type == "LineString"
    assert row["description"] and row["source"] and row["source_url"].startswith("http")


def test_year_to_stays_none_not_nan(boundaries) -> None:
    open_lines = boundaries[boundaries["year_to"].isna()]
    assert all(v is None for v in open_lines["year_to"])
    assert all(isinstance(v, int) for v in boundaries["year_from"])


def test_clause_ids_point_to_primary_texts(boundaries) -> None:
    folder = paths.SOURCES_DIR / "primary-texts"
    for clause_id in boundaries["clause_id"].dropna():
        text = json.loads((folder / f"{clause_id}.json").read_text(encoding="utf-8"))
        assert text["id"] == clause_id


def test_disputed_lines_state_both_positions(boundaries) -> None:
    rows = boundaries.set_index("id")
    for line_id in ("line_of_control_1945", "japan_claim_line", "jd1956_two_island_line"):
        positions = rows.loc[line_id, "positions"]
        assert set(positions) == {"Japan", "Russia"}
        assert positions["Japan"].startswith("Japan holds that")
        assert positions["Russia"].startswith("Russia holds that")
    assert "SCAPIN-677" in rows.loc["line_of_control_1945", "description"]
    assert "approximate" in rows.loc["jd1956_two_island_line", "description"].lower()


def test_line_of_control_lies_between_hokkaido_and_the_islands(boundaries, islands) -> None:
    line = boundaries.set_index("id").loc["line_of_control_1945"].geometry
    lon_min, lat_min, lon_max, lat_max = line.bounds
    assert 145.0 < lon_min < lon_max < 146.0
    assert 43.0 < lat_min < lat_max < 45.0
    assert not line.intersects(islands.union_all())
    context = geodata.load_context().set_index("id")
    assert not line.intersects(context.loc["hokkaido"].geometry)


def test_two_island_line_separates_kunashiri_from_shikotan_and_habomai(boundaries, islands) -> None:
    line = boundaries.set_index("id").loc["jd1956_two_island_line"].geometry
    assert not line.intersects(islands.union_all())
    isl = islands.set_index("id").geometry
    # A segment from each island's centre to Kunashiri's crosses the line.
    kun = isl["kunashiri"].representative_point()
    for other in ("shikotan", "habomai"):
        link = LineString([kun, isl[other].representative_point()])
        assert link.intersects(line), other


@pytest.mark.parametrize(
    ("year", "kind", "expected"),
    [
        (1860, AGREED, {"shimoda_1855"}),
        (1880, AGREED, {"st_petersburg_1875", "la_perouse_1875"}),
        (1910, AGREED, {"st_petersburg_1875", "portsmouth_1905"}),
        (1950, None, {"line_of_control_1945", "japan_claim_line"}),
        (1960, None, {"line_of_control_1945", "japan_claim_line", "jd1956_two_island_line"}),
        (2026, None, {"line_of_control_1945", "japan_claim_line", "jd1956_two_island_line"}),
        (1700, None, set()),
    ],
)
def test_lines_in_force(boundaries, year: int, kind: str | None, expected: set[str]) -> None:
    assert in_force(boundaries, year, kind) == expected


def test_line_ending_in_a_year_is_not_in_force_that_year(boundaries) -> None:
    assert "shimoda_1855" not in in_force(boundaries, 1875)
    assert "st_petersburg_1875" in in_force(boundaries, 1875)


# --------------------------------------------------------------------------- context


def test_context_regions_and_no_duplicate_islands(islands) -> None:
    context = geodata.load_context()
    assert set(context["region"]) == set(geodata.REGIONS)
    assert {"urup", "shumshu", "sakhalin_south", "sakhalin_north"} <= set(context["id"])
    four = islands.union_all()
    for row in context.itertuples():
        overlap = geodata.area_km2(row.geometry.intersection(four))
        assert overlap < 1.0, row.id


def test_loaders_return_copies() -> None:
    first = geodata.load_boundaries()
    first.loc[first.index[0], "name"] = "changed"
    first.iloc[4]["positions"]["Japan"] = "changed"
    again = geodata.load_boundaries()
    assert again.loc[again.index[0], "name"] != "changed"
    assert again.iloc[4]["positions"]["Japan"] != "changed"


@pytest.mark.parametrize(
    ("layer", "loader"),
    [
        ("islands", geodata.load_islands),
        ("context", geodata.load_context),
        ("boundaries", geodata.load_boundaries),
    ],
)
def test_checked_features_are_the_loaders_rows(layer: str, loader) -> None:
    frame = loader()
    found = geodata.features(layer)
    assert [fid for fid, _props, _geom in found] == list(frame["id"])
    assert all(g.equals(f) for (_i, _p, g), f in zip(found, frame.geometry, strict=True))
    _fid, props, _geom = found[0]
    props["id"] = "changed"  # a copy: the next caller sees the file as it is
    assert geodata.features(layer)[0][0] == frame["id"].iloc[0]


def test_the_map_and_the_island_card_need_no_geopandas() -> None:
    """The first page draws its map and island card without importing geopandas or pandas
    through our code (a faster cold start; folium may still bring pandas)."""
    code = (
        "import sys\n"
        "from kuril_map import island_facts\n"
        "from kuril_map.map import shapes\n"
        "shapes.bundle_json()\n"
        "island_facts.small_two_share_figures()\n"
        "island_facts.island_card('etorofu').figures()\n"
        "print(sorted(m for m in ('geopandas', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=paths.ROOT
    )
    assert done.stdout.strip() == "[]"


def test_places_are_points() -> None:
    places = geodata.load_places()
    assert "cape_nosappu" in set(places["id"])
    assert set(places.geom_type) == {"Point"}


# --------------------------------------------------------------------------- malformed files


def write(tmp_path: Path, data: Any, name: str = "layer.geojson") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def islands_json() -> dict[str, Any]:
    return json.loads(geodata.ISLANDS_FILE.read_text(encoding="utf-8"))


def test_bad_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"type": "FeatureCollection",\n "features": [\n    oops]}')
    with pytest.raises(GeoDataError) as err:
        geodata.load_islands(path)
    message = str(err.value)
    assert "layer.geojson: not valid JSON (line 3, col 5)" in message


def test_repo_file_named_relative_to_repo() -> None:
    assert geodata._display(geodata.ISLANDS_FILE) == "data/geo/islands.geojson"


def test_missing_id(tmp_path: Path) -> None:
    data = islands_json()
    del data["features"][2]["properties"]["id"]
    with pytest.raises(GeoDataError, match=r"layer\.geojson: feature 2 has no 'id'"):
        geodata.load_islands(write(tmp_path, data))


def test_missing_property(tmp_path: Path) -> None:
    data = islands_json()
    del data["features"][1]["properties"]["name_ru"]
    with pytest.raises(GeoDataError, match=r"feature 1 \(kunashiri\) has no 'name_ru'"):
        geodata.load_islands(write(tmp_path, data))


def test_missing_island(tmp_path: Path) -> None:
    data = islands_json()
    data["features"] = [f for f in data["features"] if f["properties"]["id"] != "shikotan"]
    with pytest.raises(GeoDataError, match="missing island 'shikotan'"):
        geodata.load_islands(write(tmp_path, data))


def test_wrong_geometry_type(tmp_path: Path) -> None:
    data = islands_json()
    data["features"][0]["geometry"] = {"type": "Point", "coordinates": [147.6, 45.0]}
    with pytest.raises(GeoDataError, match=r"feature 0 \(etorofu\) geometry should be Polygon"):
        geodata.load_islands(write(tmp_path, data))


def test_bad_boundary_values(tmp_path: Path) -> None:
    data = json.loads(geodata.BOUNDARIES_FILE.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["kind"] = "frontier"
    with pytest.raises(GeoDataError, match=r"'kind' should be one of 'agreed border'"):
        geodata.load_boundaries(write(tmp_path, data))
    data["features"][0]["properties"]["kind"] = "agreed border"
    data["features"][0]["properties"]["year_to"] = "1875"
    with pytest.raises(GeoDataError, match=r"'year_to' should be a whole number or null"):
        geodata.load_boundaries(write(tmp_path, data, "b2.geojson"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GeoDataError, match="file not found"):
        geodata.load_context(tmp_path / "nope.geojson")


def test_not_a_feature_collection(tmp_path: Path) -> None:
    with pytest.raises(GeoDataError, match="not a GeoJSON FeatureCollection"):
        geodata.load_context(write(tmp_path, [1, 2]))


# --------------------------------------------------------------------------- reproducibility

# How far (degrees) a rebuilt vertex may lie from the committed one: three steps of build_geo's
# 1e-5 grid, about 3 m. A newer shapely, GEOS or PROJ may round a point to a neighbouring grid
# point or start a ring at another vertex; a real change of a coast or a line moves it further.
GEOMETRY_TOLERANCE = 3e-5
COORDINATES = re.compile(r'"coordinates":\[[-0-9.eE,\[\]]*\]')


def without_coordinates(text: str) -> list[str]:
    """The lines of a written layer with every coordinate array blanked out: all the rest
    (properties, ids, feature order and count, geometry types, layout) must match exactly."""
    return COORDINATES.sub('"coordinates":[...]', text).splitlines()


def geometry_difference(built: dict[str, Any], committed: dict[str, Any]) -> str | None:
    """Why a rebuilt GeoJSON geometry is not the committed one, or None when they are the same
    shape to within GEOMETRY_TOLERANCE.

    Vertex by vertex first; when the vertices differ (a ring that starts elsewhere, a point
    more or less on a straight edge), by the largest distance between the outlines, so that a
    hole, an islet or a stretch of coast that is missing or moved still counts.
    """
    new, old = shape(built), shape(committed)
    if new.geom_type != old.geom_type:
        return f"{new.geom_type} instead of {old.geom_type}"
    if new.equals_exact(old, GEOMETRY_TOLERANCE):
        return None
    polygonal = new.geom_type in ("Polygon", "MultiPolygon")
    new_outline, old_outline = (new.boundary, old.boundary) if polygonal else (new, old)
    moved = shapely.hausdorff_distance(new_outline, old_outline, densify=0.25)
    if moved > GEOMETRY_TOLERANCE:
        return f"moved by up to {moved:.6f} degrees"
    return None


def assert_same_layer(built_path: Path, committed_path: Path) -> None:
    """A rebuilt layer matches the committed one: exactly but for coordinates, which may differ
    in their last digit (see GEOMETRY_TOLERANCE)."""
    name = committed_path.name
    built_text = built_path.read_text(encoding="utf-8")
    committed_text = committed_path.read_text(encoding="utf-8")
    assert without_coordinates(built_text) == without_coordinates(committed_text), name
    built = json.loads(built_text)["features"]
    committed = json.loads(committed_text)["features"]
    changed = {
        old["properties"].get("id"): problem
        for new, old in zip(built, committed, strict=True)
        if (problem := geometry_difference(new["geometry"], old["geometry"]))
    }
    assert not changed, f"{name}: geometries changed: {changed}"


def test_build_reproduces_committed_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(paths.ROOT / "scripts" / "build_geo.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    built = sorted(p.name for p in tmp_path.glob("*.geojson"))
    committed = sorted(p.name for p in paths.GEO_DIR.glob("*.geojson"))
    assert built == committed
    for name in built:
        assert_same_layer(tmp_path / name, paths.GEO_DIR / name)


def test_files_stay_small() -> None:
    assert (paths.GEO_DIR / "islands.geojson").stat().st_size < 300_000
    assert (paths.GEO_DIR / "context.geojson").stat().st_size < 250_000
