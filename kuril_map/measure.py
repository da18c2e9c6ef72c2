"""A measuring tool for the map: click points for a geodesic distance, close the shape for an area.

Students ask "how far is it from Hokkaido?" and "how big is Habomai next to our town?"; this
answers on the map itself. It is our own small script, not a folium plugin, because plugins load
their code from a CDN and the map must work with no internet (see kuril_map.assets): the whole
tool is inline JavaScript on top of Leaflet, with no URL anywhere.

- Distances: Vincenty's inverse formula on the WGS 84 ellipsoid (sub-millimetre agreement with
  pyproj.Geod for the map's distances), summed along the path.
- Areas: latitudes mapped to authalic latitudes (an equal-area map of the WGS 84 ellipsoid
  onto the sphere of the same surface area), then the exact spherical excess of the polygon;
  within 0.01 % of pyproj's ellipsoidal area for shapes the size of these islands.

The Python functions below mirror the JavaScript line by line; the tests run both (the JS in
Node when it is installed) on the same shapes and compare them with pyproj.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from kuril_map import frame_code
from kuril_map.i18n import _, current_language

WGS84_A = 6378137.0
WGS84_F = 1 / 298.257223563
WGS84_B = WGS84_A * (1 - WGS84_F)
AUTHALIC_RADIUS_M = 6371007.181  # sphere with the WGS 84 ellipsoid's surface area
MEAN_RADIUS_M = 6371008.8  # for the haversine fallback (never used on this map's distances)

LatLng = Sequence[float]  # (lat, lon) in degrees, Leaflet's order

LOCALES = {"en": "en-GB", "ja": "ja-JP", "ru": "ru-RU"}

# The math shared by the JS and this module. Kept between markers so the tests can run it.
MATH_JS = r"""
// km-measure-math-begin
var KM_A = 6378137.0, KM_F = 1 / 298.257223563, KM_B = KM_A * (1 - KM_F);
var KM_R_AUTHALIC = 6371007.181, KM_R_MEAN = 6371008.8;
function kmRad(d) { return d * Math.PI / 180; }
function kmHaversine(lat1, lon1, lat2, lon2) {
  var dp = kmRad(lat2 - lat1), dl = kmRad(lon2 - lon1);
  var h = Math.pow(Math.sin(dp / 2), 2) +
    Math.cos(kmRad(lat1)) * Math.cos(kmRad(lat2)) * Math.pow(Math.sin(dl / 2), 2);
  return 2 * KM_R_MEAN * Math.asin(Math.min(1, Math.sqrt(h)));
}
function kmVincenty(lat1, lon1, lat2, lon2) {
  var L = kmRad(lon2 - lon1);
  var U1 = Math.atan((1 - KM_F) * Math.tan(kmRad(lat1)));
  var U2 = Math.atan((1 - KM_F) * Math.tan(kmRad(lat2)));
  var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  var lambda = L, lambdaP, iter = 0;
  var sinSigma, cosSigma, sigma, sinAlpha, cos2Alpha, cos2SigmaM, C;
  do {
    var sinL = Math.sin(lambda), cosL = Math.cos(lambda);
    var x = cosU2 * sinL, y = cosU1 * sinU2 - sinU1 * cosU2 * cosL;
    sinSigma = Math.sqrt(x * x + y * y);
    if (sinSigma === 0) { return 0; }
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    sigma = Math.atan2(sinSigma, cosSigma);
    sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha !== 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
    C = KM_F / 16 * cos2Alpha * (4 + KM_F * (4 - 3 * cos2Alpha));
    lambdaP = lambda;
    lambda = L + (1 - C) * KM_F * sinAlpha *
      (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    iter += 1;
  } while (Math.abs(lambda - lambdaP) > 1e-12 && iter < 200);
  if (iter >= 200) { return kmHaversine(lat1, lon1, lat2, lon2); }
  var uSq = cos2Alpha * (KM_A * KM_A - KM_B * KM_B) / (KM_B * KM_B);
  var A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  var B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  var dSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
    B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return KM_B * A * (sigma - dSigma);
}
function kmPathKm(pts, closed) {
  var total = 0, n = pts.length;
  for (var i = 1; i < n; i++) {
    total += kmVincenty(pts[i - 1][0], pts[i - 1][1], pts[i][0], pts[i][1]);
  }
  if (closed && n > 2) {
    total += kmVincenty(pts[n - 1][0], pts[n - 1][1], pts[0][0], pts[0][1]);
  }
  return total / 1000;
}
var KM_E = Math.sqrt(KM_F * (2 - KM_F));
function kmQ(sinPhi) {
  var es = KM_E * sinPhi;
  return (1 - KM_E * KM_E) * (sinPhi / (1 - es * es) -
    Math.log((1 - es) / (1 + es)) / (2 * KM_E));
}
var KM_QP = kmQ(1);
function kmAuthalic(latDeg) {
  return Math.asin(Math.max(-1, Math.min(1, kmQ(Math.sin(kmRad(latDeg))) / KM_QP)));
}
function kmAreaKm2(pts) {
  var n = pts.length, total = 0;
  if (n < 3) { return 0; }
  for (var i = 0; i < n; i++) {
    var p1 = pts[i], p2 = pts[(i + 1) % n];
    var dl = kmRad(p2[1] - p1[1]);
    if (dl > Math.PI) { dl -= 2 * Math.PI; } else if (dl < -Math.PI) { dl += 2 * Math.PI; }
    var t1 = Math.tan(kmAuthalic(p1[0]) / 2), t2 = Math.tan(kmAuthalic(p2[0]) / 2);
    total += 2 * Math.atan2(Math.tan(dl / 2) * (t1 + t2), 1 + t1 * t2);
  }
  return Math.abs(total) * KM_R_AUTHALIC * KM_R_AUTHALIC / 1e6;
}
// km-measure-math-end
"""

CONTROL_JS = r"""
var KM_PANE = 'kmMeasurePane';
if (!map.getPane(KM_PANE)) {
  map.createPane(KM_PANE);
  map.getPane(KM_PANE).style.zIndex = 650;
}
var km = { active: false, closed: false, pts: [], layer: L.layerGroup().addTo(map),
           line: null, shape: null, ghost: null, out: null, box: null, btn: null };
function kmFmt(x) {
  var d = x < 10 ? 2 : (x < 1000 ? 1 : 0);
  return x.toLocaleString(KM_T.locale, {minimumFractionDigits: d, maximumFractionDigits: d});
}
function kmShow() {
  if (!km.out) { return; }
  if (!km.pts.length) { km.out.textContent = KM_T.hint; return; }
  var text = KM_T.distance + ': ' + kmFmt(kmPathKm(km.pts, km.closed)) + ' ' + KM_T.km;
  if (km.closed) {
    text += '\n' + KM_T.area + ': ' + kmFmt(kmAreaKm2(km.pts)) + ' ' + KM_T.km2;
  }
  km.out.textContent = text;
}
function kmClearShape() {
  km.layer.clearLayers();
  km.pts = []; km.closed = false; km.line = null; km.shape = null; km.ghost = null;
  kmShow();
}
function kmDraw() {
  km.layer.clearLayers();
  km.line = null; km.shape = null; km.ghost = null;
  var opts = {pane: KM_PANE, interactive: false};
  if (km.closed) {
    km.shape = L.polygon(km.pts, L.extend({color: '#FFFFFF', weight: 6, opacity: 0.9,
      fillColor: '#FFFFFF', fillOpacity: 0.3}, opts)).addTo(km.layer);
    L.polygon(km.pts, L.extend({color: '#1F2328', weight: 2, dashArray: '6 3', fill: false},
      opts)).addTo(km.layer);
  } else if (km.pts.length > 1) {
    L.polyline(km.pts, L.extend({color: '#FFFFFF', weight: 6, opacity: 0.9}, opts)).addTo(km.layer);
    km.line = L.polyline(km.pts, L.extend({color: '#1F2328', weight: 2, dashArray: '6 3'}, opts))
      .addTo(km.layer);
  }
  km.pts.forEach(function (p, i) {
    var dot = L.circleMarker(p, {pane: KM_PANE, radius: i === 0 ? 7 : 4, weight: 2,
      color: '#1F2328', fillColor: '#FFFFFF', fillOpacity: 1, bubblingMouseEvents: false,
      interactive: i === 0}).addTo(km.layer);
    if (i === 0) {
      dot.on('click', function (e) {
        L.DomEvent.stop(e);
        if (km.active && !km.closed && km.pts.length > 2) { km.closed = true; kmDraw(); }
      });
    }
  });
  kmShow();
}
function kmOnClick(e) {
  if (!km.active) { return; }
  if (km.closed) { kmClearShape(); }
  var last = km.pts[km.pts.length - 1];
  if (last && map.latLngToContainerPoint(last).distanceTo(e.containerPoint) < 6) { return; }
  km.pts.push([e.latlng.lat, e.latlng.lng]);
  kmDraw();
}
function kmOnDblClick(e) {
  if (!km.active) { return; }
  L.DomEvent.stop(e);
  if (!km.closed && km.pts.length > 2) { km.closed = true; kmDraw(); }
}
function kmOnMove(e) {
  if (!km.active || km.closed || !km.pts.length) { return; }
  var last = km.pts[km.pts.length - 1], here = [e.latlng.lat, e.latlng.lng];
  if (km.ghost) { km.ghost.setLatLngs([last, here]); }
  else {
    km.ghost = L.polyline([last, here], {pane: KM_PANE, interactive: false, color: '#1F2328',
      weight: 1.5, dashArray: '2 4'}).addTo(km.layer);
  }
  if (km.out) {
    km.out.textContent = KM_T.distance + ': ' +
      kmFmt(kmPathKm(km.pts.concat([here]), false)) + ' ' + KM_T.km;
  }
}
function kmSetActive(on) {
  km.active = on;
  kmClearShape();
  var el = map.getContainer();
  if (on) {
    L.DomUtil.addClass(el, 'km-measuring'); L.DomUtil.addClass(km.box, 'km-active');
    map.doubleClickZoom.disable();
    km.btn.textContent = KM_T.clear; km.btn.setAttribute('aria-pressed', 'true');
  } else {
    L.DomUtil.removeClass(el, 'km-measuring'); L.DomUtil.removeClass(km.box, 'km-active');
    map.doubleClickZoom.enable();
    km.btn.textContent = KM_T.measure; km.btn.setAttribute('aria-pressed', 'false');
  }
}
var KmControl = L.Control.extend({
  options: {position: KM_POSITION},
  onAdd: function () {
    var box = L.DomUtil.create('div', 'leaflet-bar km-measure');
    var btn = L.DomUtil.create('a', 'km-measure-btn', box);
    btn.href = '#'; btn.title = KM_T.title; btn.textContent = KM_T.measure;
    btn.setAttribute('role', 'button'); btn.setAttribute('aria-pressed', 'false');
    var out = L.DomUtil.create('div', 'km-measure-out', box);
    out.setAttribute('aria-live', 'polite');
    km.box = box; km.btn = btn; km.out = out;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    L.DomEvent.on(btn, 'click', function (e) {
      L.DomEvent.preventDefault(e);
      kmSetActive(!km.active);
    });
    return box;
  }
});
new KmControl().addTo(map);
// The year's layer brings the words in the UI language, so a language switch needs no new map.
window.kmMeasureRelabel = function (labels) {
  KM_T = labels;
  km.btn.title = KM_T.title;
  km.btn.textContent = km.active ? KM_T.clear : KM_T.measure;
  if (km.active) { kmShow(); }
};
map.on('click', kmOnClick);
map.on('dblclick', kmOnDblClick);
map.on('mousemove', kmOnMove);
if (window.kmMeasureKeyHandler) {
  document.removeEventListener('keydown', window.kmMeasureKeyHandler, true);
}
window.kmMeasureKeyHandler = function (e) {
  if ((e.key === 'Escape' || e.key === 'Esc') && km.active) { kmSetActive(false); }
};
document.addEventListener('keydown', window.kmMeasureKeyHandler, true);
"""

CONTROL_CSS = """
<style>
.km-measure { background: #fff; }
.leaflet-bar a.km-measure-btn { width: auto; min-width: 30px; height: 30px; line-height: 30px;
  padding: 0 10px; font: 600 13px/30px sans-serif; color: #1f2328; white-space: nowrap; }
.km-measure.km-active a.km-measure-btn { background: #1f2328; color: #fff; }
.km-measure-out { display: none; padding: 4px 8px; font: 12px/1.4 sans-serif; color: #1f2328;
  white-space: pre-line; max-width: 220px; }
.km-measure.km-active .km-measure-out { display: block; }
.leaflet-container.km-measuring { cursor: crosshair; }
.km-measuring .leaflet-overlay-pane .leaflet-interactive { pointer-events: none !important; }
</style>
"""


# The control's code, in the frame's static script (kuril_map.frame_code): one function that
# adds the control to a map, with its words and its corner.
MEASURE_JS = (
    MATH_JS + "window.kmAddMeasure = function (map, KM_T, KM_POSITION) {\n" + CONTROL_JS + "};\n"
)


class MeasureControl(JSCSSMixin, MacroElement):
    """A "Measure" button on the map: click points for distance, close the shape for area.

    While measuring, the islands stop taking clicks (so measuring never selects an island)
    and double-click no longer zooms; Esc or the button ends it. The code is in the frame's
    static script; the map's own script only calls it.
    """

    _template = Template(
        "{% macro header(this, kwargs) %}" + CONTROL_CSS + "{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "kmAddMeasure({{ this._parent.get_name() }}, {{ this.labels_json }}, "
        "{{ this.position_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, labels: dict[str, str] | None = None, position: str = "topleft") -> None:
        super().__init__()
        self._name = "MeasureControl"
        self.default_js = [frame_code.LINK]
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
