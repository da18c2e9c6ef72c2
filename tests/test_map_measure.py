"""The measuring tool: on the map, offline (no URL anywhere), and its JS formulas right.

The distance and area formulas exist twice, in the control's JavaScript and in a Python mirror;
both are checked against pyproj (the reference geodesic library) and against each other, the
JavaScript by running the very code that the rendered map contains in Node, when installed.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
import subprocess

import pyproj
import pytest

from kuril_map import geodata, i18n
from kuril_map.map import base_map, frame_script, measure, offline

GEOD = pyproj.Geod(ellps="WGS84")
NODE = shutil.which("node")

PATHS = [
    [(43.38528, 145.81722), (43.395, 145.85944)],  # Cape Nosappu - Kaigara: about 3.6 km
    [(43.38528, 145.81722), (43.8, 146.75), (45.03, 147.6), (50.7, 156.3)],
    [(41.0, 140.0), (55.0, 162.0)],
]
POLYGONS = [
    [(43.0, 145.0), (43.0, 146.0), (44.0, 146.0), (44.0, 145.0)],  # 1° x 1° near the islands
    [(43.4, 145.9), (43.5, 146.3), (43.2, 146.1)],
    [(44.0, 145.0), (44.0, 146.0), (43.0, 146.0), (43.0, 145.0)],  # clockwise: same area
]


def pyproj_area_km2(latlngs) -> float:
    lats, lons = zip(*latlngs, strict=True)
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0]) / 1e6


def rendered(lang: str = "en") -> str:
    i18n.set_language(lang)
    try:
        m = base_map.base_map()
        measure.add_measure_control(m)
        return m.get_root().render()
    finally:
        i18n.set_language("en")


@pytest.fixture(scope="module")
def html() -> str:
    """The exported page: the frame's static script is inline there, with the control's code."""
    m = base_map.base_map()
    measure.add_measure_control(m)
    return offline.standalone_html(m)


def test_control_is_in_the_map(html: str) -> None:
    assert "KmControl" in html and "km-measure-math-begin" in html
    assert ".km-measuring" in html  # its CSS reached the page header
    assert '"measure": "Measure"' in html


SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # a name, not an address: nothing is fetched


def test_no_url_anywhere(html: str) -> None:
    code = frame_script.FILE.data.decode("utf-8").replace(SVG_NAMESPACE, "")
    assert re.findall(r"https?://", code) == []
    assert re.findall(r"https?://", rendered()) == []
    m = base_map.base_map()
    measure.add_measure_control(m)
    assert offline.offline_problems(m) == []


def test_streamlit_folium_sends_the_control_to_the_browser() -> None:
    from streamlit_folium import generate_leaflet_string

    m = base_map.base_map()
    measure.add_measure_control(m)
    m.render()
    script = generate_leaflet_string(m)
    assert "kmAddMeasure(" in script  # the code itself is in the frame's static script
    assert "{{" not in script  # every template expression was filled in
    control = next(c for c in m._children.values() if isinstance(c, measure.MeasureControl))
    assert frame_script.link() in control.default_js


def test_labels_follow_the_ui_language() -> None:
    ja = rendered("ja")
    assert '"measure": "計測"' in ja and '"locale": "ja-JP"' in ja
    ru = rendered("ru")
    assert '"km2": "км²"' in ru


def test_labels_cannot_end_the_script() -> None:
    control = measure.MeasureControl(labels={"measure": "</script><b>x"})
    assert "</script>" not in control.labels_json


@pytest.mark.parametrize("path", PATHS)
def test_python_distance_matches_pyproj(path) -> None:
    expected = sum(GEOD.inv(a[1], a[0], b[1], b[0])[2] for a, b in itertools.pairwise(path))
    assert measure.geodesic_distance_km(path) == pytest.approx(expected / 1000, abs=1e-6)


def test_cape_nosappu_to_kaigara() -> None:
    assert measure.geodesic_distance_km(PATHS[0]) == pytest.approx(3.59, abs=0.01)


@pytest.mark.parametrize("poly", POLYGONS)
def test_python_area_matches_pyproj(poly) -> None:
    assert measure.geodesic_area_km2(poly) == pytest.approx(pyproj_area_km2(poly), rel=1e-5)


def test_area_of_an_octant_is_exact() -> None:
    # The triangle equator (0°E) - equator (90°E) - North Pole is one eighth of the globe.
    octant = measure.geodesic_area_km2([(0, 0), (0, 90), (90, 0)])
    assert octant == pytest.approx(4 * math.pi * measure.AUTHALIC_RADIUS_M**2 / 8 / 1e6)


def test_area_of_an_island_matches_the_equal_area_projection() -> None:
    shape = geodata.load_islands().set_index("id").loc["shikotan"].geometry
    ring = max(getattr(shape, "geoms", [shape]), key=lambda p: p.area).exterior
    latlngs = [(y, x) for x, y in ring.coords[:-1]]
    assert measure.geodesic_area_km2(latlngs) == pytest.approx(geodata.area_km2(shape), rel=0.01)


def test_degenerate_shapes() -> None:
    assert measure.geodesic_area_km2([(43.0, 145.0), (44.0, 146.0)]) == 0.0
    assert measure.geodesic_distance_km([(43.0, 145.0)]) == 0.0
    assert measure.vincenty_m(43.0, 145.0, 43.0, 145.0) == 0.0


@pytest.mark.skipif(NODE is None, reason="Node.js not installed")
def test_the_javascript_in_the_page_computes_the_same(html: str) -> None:
    start = html.index("// km-measure-math-begin")
    end = html.index("// km-measure-math-end")
    code = html[start:end]
    calls = [f"kmPathKm({json.dumps(p)}, false)" for p in PATHS]
    calls += [f"kmPathKm({json.dumps(p)}, true)" for p in POLYGONS]
    calls += [f"kmAreaKm2({json.dumps(p)})" for p in POLYGONS]
    program = code + f"\nconsole.log(JSON.stringify([{', '.join(calls)}]));\n"
    out = subprocess.run([NODE, "-e", program], capture_output=True, text=True, check=True)
    results = json.loads(out.stdout)
    expected = [measure.geodesic_distance_km(p) for p in PATHS]
    expected += [measure.geodesic_distance_km(p, closed=True) for p in POLYGONS]
    expected += [measure.geodesic_area_km2(p) for p in POLYGONS]
    assert results == pytest.approx(expected, rel=1e-12)


def test_adding_twice_gives_one_control() -> None:
    m = base_map.base_map()
    measure.add_measure_control(m)
    measure.add_measure_control(m)
    assert m.get_root().render().count("kmAddMeasure(") == 1
