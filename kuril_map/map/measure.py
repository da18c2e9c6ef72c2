"""A measuring tool for the map: click points for a geodesic distance, close the shape for an area.

Students ask "how far is it from Hokkaido?" and "how big is Habomai next to our town?"; this
answers on the map itself. It is our own small script, not a folium plugin, because plugins load
their code from a CDN and the map must work with no internet (see kuril_map.map.offline): the
tool is ``js/measure.js`` on top of Leaflet, part of the frame's own script, with its styles in
``css/measure.css``.

- Distances: Vincenty's inverse formula on the WGS 84 ellipsoid (sub-millimetre agreement with
  pyproj.Geod for the map's distances), summed along the path.
- Areas: latitudes mapped to authalic latitudes (an equal-area map of the WGS 84 ellipsoid
  onto the sphere of the same surface area), then the exact spherical excess of the polygon;
  within 0.01 % of pyproj's ellipsoidal area for shapes the size of these islands.

The Python functions below mirror the JavaScript's math line by line; the tests run both (the JS in
Node when it is installed) on the same shapes and compare them with pyproj.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from kuril_map.i18n import _, current_language
from kuril_map.map import frame_script

WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_B = WGS84_A * (1 - WGS84_F)
AUTHALIC_RADIUS_M = 6371007.181  # sphere with the WGS 84 ellipsoid's surface area
MEAN_RADIUS_M = 6371008.8  # for the haversine fallback (never used on this map's distances)

LatLng = Sequence[float]  # (lat, lon) in degrees, Leaflet's order

LOCALES = {"en": "en-GB", "ja": "ja-JP", "ru": "ru-RU"}
CSS_FILE = Path(__file__).resolve().parent / "css" / "measure.css"


class MeasureControl(JSCSSMixin, MacroElement):
    """A "Measure" button on the map: click points for distance, close the shape for area.

    While measuring, the islands stop taking clicks (so measuring never selects an island)
    and double-click no longer zooms; Esc or the button ends it. The code is in the frame's
    static script; the map's own script only calls it.
    """

    _template = Template(
        "{% macro header(this, kwargs) %}<style>\n{{ this.css }}</style>\n{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "kmAddMeasure({{ this._parent.get_name() }}, {{ this.labels_json }}, "
        "{{ this.position_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, labels: dict[str, str] | None = None, position: str = "topleft") -> None:
        super().__init__()
        self._name = "MeasureControl"
        self.default_js = [frame_script.link()]
        self.css = CSS_FILE.read_text(encoding="utf-8")
        self.default_css = []
        self.labels = {**measure_labels(), **(labels or {})}
        # JSON inside a <script>: "</" must not end the script early.
        self.labels_json = json.dumps(self.labels, ensure_ascii=False).replace("</", "<\\/")
        self.position_json = json.dumps(position)


def measure_labels(lang: str | None = None) -> dict[str, str]:
    """The control's words in the current UI language (units too: км in Russian)."""
    lang = lang or current_language()
    return {
        "measure": _("Measure"),
        "clear": _("Clear"),
        "title": _("Measure distances and areas"),
        "distance": _("Distance"),
        "area": _("Area"),
        "km": _("km"),
        "km2": _("km²"),
        "hint": _(
            "Click points on the map; click the first point or double-click to close the "
            "shape. Esc clears."
        ),
        "locale": LOCALES.get(lang, "en-GB"),
    }


def add_measure_control(m: folium.Map) -> None:
    """Add the offline measuring tool to a map (the base map, so it survives year changes).

    Adding it twice is harmless: a map that already has one keeps it (two would share one
    Esc key and draw two buttons).
    """
    if any(isinstance(child, MeasureControl) for child in m._children.values()):
        return
    MeasureControl().add_to(m)


# --------------------------------------------------------------------------- Python mirror


def _haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dp, dl = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    h = (
        math.sin(dp / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dl / 2) ** 2
    )
    return 2 * MEAN_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def vincenty_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic metres on WGS 84 by Vincenty's inverse formula (mirrors kmVincenty)."""
    f, a, b = WGS84_F, WGS84_A, WGS84_B
    big_l = math.radians(lon2 - lon1)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = big_l
    for _iteration in range(200):
        sin_l, cos_l = math.sin(lam), math.cos(lam)
        x, y = cos_u2 * sin_l, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_l
        sin_s = math.hypot(x, y)
        if sin_s == 0:
            return 0.0
        cos_s = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_l
        sigma = math.atan2(sin_s, cos_s)
        sin_a = cos_u1 * cos_u2 * sin_l / sin_s
        cos2_a = 1 - sin_a * sin_a
        cos2_sm = cos_s - 2 * sin_u1 * sin_u2 / cos2_a if cos2_a != 0 else 0.0
        c = f / 16 * cos2_a * (4 + f * (4 - 3 * cos2_a))
        lam_prev = lam
        lam = big_l + (1 - c) * f * sin_a * (
            sigma + c * sin_s * (cos2_sm + c * cos_s * (-1 + 2 * cos2_sm * cos2_sm))
        )
        if abs(lam - lam_prev) <= 1e-12:
            break
    else:
        return _haversine_m(lat1, lon1, lat2, lon2)
    u_sq = cos2_a * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    d_sigma = (
        big_b
        * sin_s
        * (
            cos2_sm
            + big_b
            / 4
            * (
                cos_s * (-1 + 2 * cos2_sm * cos2_sm)
                - big_b / 6 * cos2_sm * (-3 + 4 * sin_s * sin_s) * (-3 + 4 * cos2_sm * cos2_sm)
            )
        )
    )
    return b * big_a * (sigma - d_sigma)


def geodesic_distance_km(latlngs: Sequence[LatLng], closed: bool = False) -> float:
    """Length in km of a path of (lat, lon) points, closed back to the start if asked."""
    pts = list(latlngs)
    total = sum(vincenty_m(*pts[i - 1], *pts[i]) for i in range(1, len(pts)))
    if closed and len(pts) > 2:
        total += vincenty_m(*pts[-1], *pts[0])
    return total / 1000


_E = math.sqrt(WGS84_F * (2 - WGS84_F))


def _q(sin_phi: float) -> float:
    es = _E * sin_phi
    return (1 - _E * _E) * (sin_phi / (1 - es * es) - math.log((1 - es) / (1 + es)) / (2 * _E))


_QP = _q(1.0)


def authalic_latitude(lat_deg: float) -> float:
    """The authalic latitude (radians) of a geodetic latitude: equal-area onto the sphere."""
    return math.asin(max(-1.0, min(1.0, _q(math.sin(math.radians(lat_deg))) / _QP)))


def geodesic_area_km2(latlngs: Sequence[LatLng]) -> float:
    """Area in km² of a polygon of (lat, lon) points with great-circle edges (mirrors kmAreaKm2).

    Latitudes are first mapped to authalic latitudes, which carry the ellipsoid equal-area onto
    the authalic sphere; then it sums, edge by edge, the exact spherical excess of the region
    between the edge and the equator:
    tan(E/2) = tan(Δλ/2) (tan(ξ1/2) + tan(ξ2/2)) / (1 + tan(ξ1/2) tan(ξ2/2)).
    """
    pts = list(latlngs)
    if len(pts) < 3:
        return 0.0
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(pts, pts[1:] + pts[:1], strict=True):
        dl = math.radians(lon2 - lon1)
        if dl > math.pi:
            dl -= 2 * math.pi
        elif dl < -math.pi:
            dl += 2 * math.pi
        t1, t2 = math.tan(authalic_latitude(lat1) / 2), math.tan(authalic_latitude(lat2) / 2)
        total += 2 * math.atan2(math.tan(dl / 2) * (t1 + t2), 1 + t1 * t2)
    return abs(total) * AUTHALIC_RADIUS_M**2 / 1e6
