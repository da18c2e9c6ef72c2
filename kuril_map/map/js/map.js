// kuril-map's own code in the map frame (no third-party code). It reaches the frame as part of
// a static file (kuril_map/map/frame_script.py), loaded once before the map's script runs, and
// is the same code the one-file atlas runs. It needs js/time.js (KmTime).
//
// - kmLoadGeo(map, url), kmLoadTime(url): fetch the shapes and the time bundle once (or take
//   them from the page: an export or the atlas puts them inline).
// - kmDrawBase(map): the land that never changes, below every other layer.
// - kmShowView(group, view): draw the territories, lines, labels and legend into `group` (the
//   layer streamlit-folium swaps on a rerun) for view = {date, selected, naming, lang, role}.
// - kmSetDate(iso, stop): recolour the view for another day, in place (the time control calls
//   it while the user drags; nothing is rebuilt, so it keeps up with the pointer). Given the
//   event stop the user stepped or played to, the map frames what that event changed, unless
//   the user has moved the map since (their view wins).
// - The view's scope frames the map: the four islands, or the whole region.
// - kmSyncViews(map): when two maps are compared, panning or zooming one moves the other.
(function () {
  if (window.kmShowView) {
    return;
  }
  var geo = null;
  var time = null;
  var waiting = [];
  var current = null;  // the view on screen: {group, view, paths, lines, date}
  var framing = { scope: null, userMoved: false, ours: false };
  var FOUR = ['etorofu', 'kunashiri', 'shikotan', 'habomai'];

  function whenReady(fn) {
    if (geo && time) {
      fn(geo, time);
    } else {
      waiting.push(fn);
    }
  }

  function loaded() {
    if (!(geo && time)) {
      return;
    }
    var queued = waiting;
    waiting = [];
    queued.forEach(function (fn) { fn(geo, time); });
  }

  // A plain-text note inside the map, e.g. when the shapes cannot be fetched.
  function showProblem(map, text) {
    var box = L.DomUtil.create('div', 'km-problem', map.getContainer());
    box.setAttribute('role', 'alert');
    box.textContent = text;
  }

  // The parsed file: started already by the frame's prefetch script (js/prefetch.js), or now.
  function parsedJson(url) {
    var started = window.kmPrefetched && window.kmPrefetched[url];
    if (started) {
      delete window.kmPrefetched[url];
      return started;
    }
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
  }

  function fetchJson(map, url, done) {
    parsedJson(url)
      .then(done)
      .catch(function (err) {
        console.error('kuril-map: could not load ' + url, err);
        var text = (window.KM_TEXT && window.KM_TEXT.shapesFailed) || '{error}';
        showProblem(map, text.replace('{error}', err.message));
      });
  }

  window.kmLoadGeo = function (map, url) {
    if (window.KM_GEO_INLINE) {
      geo = window.KM_GEO_INLINE;
      loaded();
      return;
    }
    fetchJson(map, url, function (data) { geo = data; loaded(); });
  };

  window.kmLoadTime = function (map, url) {
    if (window.KM_TIME_INLINE) {
      time = window.KM_TIME_INLINE;
      loaded();
      return;
    }
    fetchJson(map, url, function (data) { time = data; loaded(); });
  };

  function textElement(text, className) {
    var el = document.createElement('div');
    el.className = className;
    el.textContent = text;
    return el;
  }

  window.kmDrawBase = function (map) {
    map.getContainer().style.setProperty('--km-sea', window.KM_SEA);  // map.css paints the sea
    map.createPane('kmLand').style.zIndex = 350;  // under the overlay pane (400)
    whenReady(function (g) {
      L.geoJSON(g.context, {
        pane: 'kmLand',
        style: function () { return window.KM_LAND_STYLE; },
        interactive: false
      }).addTo(map);
    });
  };

  // ---- styles ----------------------------------------------------------------------------
  function styleFor(b, territory, st, selected) {
    var four = b.territories[territory].four;
    var admin = b.states[st ? st.admin : 'none'] || b.states.none;
    var style = {
      fillColor: admin.colour,
      fillOpacity: four ? 0.75 : 0.5,
      color: four ? '#333333' : '#555555',
      weight: 1,
      dashArray: null
    };
    var claimant = st && st.claims.length ? b.states[st.claims[0]] : null;
    if (claimant && claimant.colour) {
      // Another state's claim: a thick dashed outline in that state's colour.
      style.color = claimant.colour;
      style.weight = four ? 3 : 2;
      style.dashArray = '6 5';
    }
    if (selected === territory) {
      style.weight = 5;
      style.color = '#000000';
      style.dashArray = null;
    }
    return style;
  }

  function styleKey(style) {
    return [style.fillColor, style.color, style.weight, style.dashArray].join('|');
  }

  // ---- what a hover shows: computed when it opens, for the day on screen -----------------
  function tooltipFor(territory) {
    return function () {
      var b = time;
      var v = current.view;
      var box = document.createElement('div');
      var title = document.createElement('b');
      title.textContent = KmTime.name(b, territory, v.naming, v.lang);
      box.appendChild(title);
      var st = KmTime.statusOn(b, territory, current.date);
      if (st) {
        box.appendChild(document.createElement('br'));
        box.appendChild(document.createTextNode(
          KmTime.formatDate(b, current.date, 'day', v.lang) + ': ' +
          KmTime.statusSentence(b, st, v.lang)));
      }
      return box;
    };
  }

  function lineTooltip(line) {
    return function () {
      var b = time;
      var lang = current.view.lang;
      var box = document.createElement('div');
      var title = document.createElement('b');
      title.textContent = line.name[lang];
      box.appendChild(title);
      box.appendChild(document.createElement('br'));
      var since = KmTime.formatDate(b, line.start, 'day', lang);
      var until = line.end ? KmTime.formatDate(b, line.end, 'day', lang) : '';
      box.appendChild(document.createTextNode(
        b.kinds[line.kind].label[lang] + ', ' + since + ' – ' + until));
      return box;
    };
  }

  // ---- drawing a view --------------------------------------------------------------------
  function shapesById(g) {
    var all = {};
    [g.context, g.islands, g.lines].forEach(function (fc) {
      fc.features.forEach(function (f) { all[f.id] = f; });
    });
    return all;
  }

  function feature(shape, props) {
    return { type: 'Feature', id: props.id, geometry: shape.geometry, properties: props };
  }

  function drawTerritories(group, b, shapes) {
    var paths = {};
    Object.keys(b.territories).forEach(function (territory) {
      var shape = shapes[territory];
      if (!shape) {
        return;
      }
      var layer = L.geoJSON(feature(shape, { id: territory }), {
        onEachFeature: function (f, path) {
          path.bindTooltip(tooltipFor(territory), { sticky: true });
          path.on('mouseover', function () { path.setStyle({ weight: 5 }); });
          path.on('mouseout', function () { path.setStyle(path.kmStyle); });
          paths[territory] = path;
        }
      });
      group.addLayer(layer);
    });
    return paths;
  }

  function drawLines(b, shapes) {
    var lines = {};
    b.lines.forEach(function (line) {
      var shape = shapes[line.geometry];
      if (!shape) {
        return;
      }
      var kind = b.kinds[line.kind];
      lines[line.id] = L.geoJSON(feature(shape, { id: line.id, kind: line.kind }), {
        style: function () {
          return { color: kind.colour, weight: kind.weight, dashArray: kind.dash, opacity: 0.95 };
        },
        onEachFeature: function (f, path) {
          path.bindTooltip(lineTooltip(line), { sticky: true });
        }
      });
      lines[line.id].kmLine = line;
    });
    return lines;
  }

  function drawLabels(group, b, shapes, view) {
    Object.keys(b.territories).forEach(function (territory) {
      var shape = shapes[territory];
      if (!shape || !b.territories[territory].label || !shape.properties.labelAt) {
        return;
      }
      var at = shape.properties.labelAt;
      L.marker([at[0], at[1]], {
        icon: L.divIcon({
          html: textElement(KmTime.name(b, territory, view.naming, view.lang), 'km-label'),
          iconSize: [0, 0],
          className: 'km-label-anchor'
        }),
        interactive: false,
        keyboard: false
      }).addTo(group);
    });
  }

  // The legend, built from the bundle's words in the view's language (text nodes only).
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function svgElement(tag, attributes) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes).forEach(function (name) {
      e.setAttribute(name, String(attributes[name]));
    });
    return e;
  }

  // One legend row: a small drawing of the style, then its label.
  function legendRow(height, shape, label) {
    var row = document.createElement('div');
    var svg = svgElement('svg', { width: 26, height: height, 'aria-hidden': 'true' });
    svg.appendChild(shape);
    row.appendChild(svg);
    row.appendChild(document.createTextNode(' ' + label));
    return row;
  }

  function swatch(fill, stroke, dash, label) {
    var rect = svgElement('rect', { x: 1, y: 1, width: 24, height: 10, fill: fill, stroke: stroke });
    if (dash) {
      rect.setAttribute('stroke-width', '2.5');
      rect.setAttribute('stroke-dasharray', dash);
    }
    return legendRow(12, rect, label);
  }

  function lineSwatch(kind, label) {
    var line = svgElement('line', {
      x1: 0, y1: 4, x2: 26, y2: 4, stroke: kind.colour, 'stroke-width': kind.weight,
    });
    if (kind.dash) {
      line.setAttribute('stroke-dasharray', kind.dash);
    }
    return legendRow(8, line, label);
  }

  function legendElement(b, lang) {
    var t = b.text[lang];
    var details = document.createElement('details');
    details.className = 'km-legend';
    var summary = document.createElement('summary');
    summary.textContent = t.legend;
    details.appendChild(summary);
    var heading = document.createElement('b');
    heading.textContent = t.administeredBy;
    details.appendChild(heading);
    var seen = {};
    b.stateOrder.forEach(function (id) {
      var s = b.states[id];
      if (!s.colour) {
        return;  // a state the map never colours (one that only held a position)
      }
      var label = s.label[lang];
      if (seen[s.colour]) {  // one colour, several states (the USSR and Russia): one row
        seen[s.colour].lastChild.textContent += ' / ' + label;
        return;
      }
      seen[s.colour] = swatch(s.colour, '#333', null, label);
      details.appendChild(seen[s.colour]);
    });
    details.appendChild(swatch('white', b.states.japan.colour, '6 5', t.claimOutline));
    var lines = document.createElement('b');
    lines.textContent = t.lines;
    details.appendChild(lines);
    Object.keys(b.kinds).forEach(function (k) {
      details.appendChild(lineSwatch(b.kinds[k], b.kinds[k].label[lang]));
    });
    return details;
  }

  var KmLegend = L.Layer.extend({
    initialize: function (b, lang) { this._b = b; this._lang = lang; },
    onAdd: function (map) {
      this._el = L.DomUtil.create('div', 'km-legend-box', map.getContainer());
      var details = legendElement(this._b, this._lang);
      this._el.appendChild(details);
      // Folded by default on a phone or one of two compared maps; after that, as the user
      // left it (the legend is redrawn with every view).
      details.open = window.kmLegendOpen !== undefined ? window.kmLegendOpen
        : map.getSize().x >= 560;
      details.addEventListener('toggle', function () { window.kmLegendOpen = details.open; });
      L.DomEvent.disableClickPropagation(this._el);
      L.DomEvent.disableScrollPropagation(this._el);
    },
    onRemove: function () { L.DomUtil.remove(this._el); }
  });

  function applyDate(iso) {
    var c = current;
    var b = time;
    c.date = iso;
    Object.keys(c.paths).forEach(function (territory) {
      var style = styleFor(b, territory, KmTime.statusOn(b, territory, iso), c.view.selected);
      var key = styleKey(style);
      var path = c.paths[territory];
      if (path.kmKey !== key) {
        path.kmKey = key;
        path.kmStyle = style;
        path.setStyle(style);
      }
    });
    Object.keys(c.lines).forEach(function (id) {
      var layer = c.lines[id];
      var line = layer.kmLine;
      var inForce = line.start <= iso && (line.end === null || iso <= line.end);
      if (inForce && !c.group.hasLayer(layer)) {
        c.group.addLayer(layer);
      } else if (!inForce && c.group.hasLayer(layer)) {
        c.group.removeLayer(layer);
      }
    });
    document.documentElement.setAttribute('data-km-date', iso);  // for tests and print
  }

  // ---- framing: what the map shows ---------------------------------------------------------
  function boundsOf(ids, lineIds) {
    var bounds = null;
    var add = function (layer) {
      var b = layer.getBounds();
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    };
    ids.forEach(function (id) { if (current.paths[id]) { add(current.paths[id]); } });
    (lineIds || []).forEach(function (id) { if (current.lines[id]) { add(current.lines[id]); } });
    return bounds;
  }

  function frameTo(map, bounds) {
    if (!bounds) {
      return;
    }
    framing.ours = true;
    map.fitBounds(bounds, { padding: [24, 24], animate: false });
    framing.ours = false;
  }

  function watchTheUser(map) {
    if (map.kmWatched) {
      return;
    }
    map.kmWatched = true;
    map.on('movestart zoomstart', function () {
      if (!framing.ours) {
        framing.userMoved = true;
      }
    });
  }

  // A new scope (or the first view) frames the map; otherwise the user's view stays.
  function frameScope(map, scope) {
    if (framing.scope === scope) {
      return;
    }
    var first = framing.scope === null;
    framing.scope = scope;
    framing.userMoved = false;
    if (first && scope !== 'region') {
      return;  // the base map already opens on the four islands
    }
    var ids = scope === 'region' ? Object.keys(current.paths) : FOUR.concat(['urup']);
    frameTo(map, boundsOf(ids));
  }

  // Stepping to an event that changed territories off screen shows them (1875: the chain and
  // Sakhalin; 1905: the 50th parallel), with its lines, unless the user has moved the map.
  function frameStop(map, stop) {
    if (!stop || framing.userMoved || !stop.territories.length) {
      return;
    }
    var bounds = boundsOf(stop.territories, stop.lines);
    if (bounds && !map.getBounds().contains(bounds)) {
      frameTo(map, bounds.extend(boundsOf(FOUR)));
    }
  }

  window.kmShowView = function (group, view) {
    window.KM_ROLE = view.role;
    if (view.text) {
      window.KM_TEXT = view.text;
    }
    if (view.measure && window.kmMeasureRelabel) {
      window.kmMeasureRelabel(view.measure);
    }
    whenReady(function (g, b) {
      var shapes = shapesById(g);
      var lang = b.text[view.lang] ? view.lang : 'en';
      view = Object.assign({}, view, { lang: lang });
      group.addLayer(new KmLegend(b, lang));
      current = {
        group: group,
        view: view,
        paths: drawTerritories(group, b, shapes),
        lines: drawLines(b, shapes),
        date: null
      };
      drawLabels(group, b, shapes, view);
      applyDate(view.date);
      group.kmDate = view.date;
      var map = group._map || window.map;
      if (map) {
        watchTheUser(map);
        frameScope(map, view.scope || 'islands');
      }
    });
  };

  window.kmSetDate = function (iso, stop) {
    if (current && current.date !== iso) {
      applyDate(iso);
    }
    var map = current && (current.group._map || window.map);
    if (map && stop) {
      frameStop(map, stop);
    }
  };

  window.kmCurrentDate = function () { return current ? current.date : null; };

  // ---- comparing two maps: both follow whichever the user moves ----------------------------
  function otherMaps() {
    var found = [];
    var frames;
    try {
      frames = window.parent.document.querySelectorAll('iframe');
    } catch (e) {
      return found;  // not inside a page we may read: nothing to follow
    }
    frames.forEach(function (frame) {
      try {
        var w = frame.contentWindow;
        if (w && w !== window && w.map && w.kmApplyView) {
          found.push(w);
        }
      } catch (e) { /* another origin's frame */ }
    });
    return found;
  }

  window.kmSyncViews = function (map) {
    var applying = false;
    window.kmApplyView = function (lat, lng, zoom) {
      var c = map.getCenter();
      if (map.getZoom() === zoom && Math.abs(c.lat - lat) < 1e-9 && Math.abs(c.lng - lng) < 1e-9) {
        return;
      }
      applying = true;
      try {
        map.setView([lat, lng], zoom, { animate: false });
      } finally {
        applying = false;
      }
    };
    map.on('moveend', function () {
      if (applying) {
        return;  // this move came from the other map: do not send it back
      }
      var c = map.getCenter();
      var zoom = map.getZoom();
      otherMaps().forEach(function (w) { w.kmApplyView(c.lat, c.lng, zoom); });
    });
    // A map that joins later (the second of a comparison) starts where the first one is.
    var first = otherMaps()[0];
    if (first) {
      var c = first.map.getCenter();
      window.kmApplyView(c.lat, c.lng, first.map.getZoom());
    }
  };
})();
