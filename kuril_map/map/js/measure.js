// The measuring tool (kuril_map/map/measure.py): geodesic distances and areas on the map.
// Our own code, no plugin: plugins load from a CDN and the map must work offline.
// The math between the markers is mirrored line by line in measure.py; the tests run both.
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

// kmAddMeasure(map, words, corner): the Measure button and its drawing, on one map.
window.kmAddMeasure = function (map, KM_T, KM_POSITION) {
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
};
