// kuril-map's own code in the map frame (no third-party code). It reaches the frame as part of
// a static file (kuril_map/map/frame_script.py), loaded once before the map's script runs, and
// defines the functions the base map and the per-year layers call.
//
// - kmLoadGeo(map, url): fetch the shapes once (or take them from an exported page).
// - kmDrawBase(map): draw the land that never changes, below every other layer.
// - kmDrawYear(group, spec): draw one year (colours, tooltips, lines, labels) into `group`,
//   the feature group that streamlit-folium swaps when the year changes.
// - kmSyncViews(map): when two maps are compared, panning or zooming one moves the other.
(function () {
  if (window.kmDrawYear) {
    return;
  }
  var geo = null;
  var waiting = [];

  function whenGeo(fn) {
    if (geo) {
      fn(geo);
    } else {
      waiting.push(fn);
    }
  }

  function geoLoaded(data) {
    geo = data;
    var queued = waiting;
    waiting = [];
    queued.forEach(function (fn) { fn(geo); });
  }

  // A plain-text note inside the map, e.g. when the shapes cannot be fetched.
  function showProblem(map, text) {
    var box = L.DomUtil.create('div', 'km-problem', map.getContainer());
    box.setAttribute('role', 'alert');
    box.textContent = text;
  }

  window.kmLoadGeo = function (map, url) {
    if (window.KM_GEO_INLINE) {
      geoLoaded(window.KM_GEO_INLINE);
      return;
    }
    fetch(url, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(geoLoaded)
      .catch(function (err) {
        console.error('kuril-map: the map shapes did not load from ' + url, err);
        showProblem(map, (window.KM_TEXT.shapesFailed || '{error}').replace('{error}', err.message));
      });
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
    whenGeo(function (g) {
      L.geoJSON(g.context, {
        pane: 'kmLand',
        style: function () { return window.KM_LAND_STYLE; },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(textElement(feature.properties.name, 'km-tip'));
        }
      }).addTo(map);
    });
  };

  function byId(g) {
    var all = {};
    [g.context, g.islands, g.lines].forEach(function (fc) {
      fc.features.forEach(function (f) { all[f.id] = f; });
    });
    return all;
  }

  // A copy of a feature with this year's properties (its status) added to its own.
  function withYear(feature, extra) {
    var props = {};
    Object.keys(feature.properties).forEach(function (k) { props[k] = feature.properties[k]; });
    Object.keys(extra || {}).forEach(function (k) { props[k] = extra[k]; });
    return { type: 'Feature', id: feature.id, geometry: feature.geometry, properties: props };
  }

  // One GeoJSON layer per list in spec.layers, drawn in order; each item is
  // [id, style, tooltipHtml, yearProperties]. Tooltip HTML is built and escaped on the server
  // (kuril_map.mapping).
  function addLayer(group, items, features) {
    var specs = {};
    var picked = [];
    items.forEach(function (item) {
      if (features[item[0]]) {
        specs[item[0]] = item;
        picked.push(withYear(features[item[0]], item[3]));
      }
    });
    if (!picked.length) {
      return;
    }
    var layer = L.geoJSON({ type: 'FeatureCollection', features: picked }, {
      style: function (feature) { return specs[feature.id][1]; },
      onEachFeature: function (feature, path) {
        var tip = specs[feature.id][2];
        if (tip) {
          path.bindTooltip(tip, { sticky: true });
        }
        path.on('mouseover', function () { path.setStyle({ weight: 5 }); });
        path.on('mouseout', function () { layer.resetStyle(path); });
      }
    });
    group.addLayer(layer);
  }

  function addLabels(group, labels) {
    labels.forEach(function (label) {
      L.marker([label[0], label[1]], {
        icon: L.divIcon({
          html: textElement(label[2], 'km-label'),
          iconSize: [0, 0],
          className: 'km-label-anchor'
        }),
        interactive: false,
        keyboard: false
      }).addTo(group);
    });
  }

  // The legend, in the year's language: a layer of the year's group, so it goes with it.
  var KmLegend = L.Layer.extend({
    initialize: function (html) { this._html = html; },
    onAdd: function (map) {
      this._el = L.DomUtil.create('div', 'km-legend-box', map.getContainer());
      this._el.innerHTML = this._html;  // built and escaped on the server (mapping.legend_html)
      var details = this._el.querySelector('details');
      if (details) {
        // Folded by default on a phone or one of two compared maps; after that, as the user
        // left it (the legend is redrawn with every year).
        details.open = window.kmLegendOpen !== undefined ? window.kmLegendOpen
          : map.getSize().x >= 560;
        details.addEventListener('toggle', function () { window.kmLegendOpen = details.open; });
      }
      L.DomEvent.disableClickPropagation(this._el);
      L.DomEvent.disableScrollPropagation(this._el);
    },
    onRemove: function () { L.DomUtil.remove(this._el); }
  });

  window.kmDrawYear = function (group, spec) {
    if (spec.text) {
      window.KM_TEXT = spec.text;
    }
    if (spec.measure && window.kmMeasureRelabel) {
      window.kmMeasureRelabel(spec.measure);
    }
    if (spec.legend) {
      group.addLayer(new KmLegend(spec.legend));
    }
    whenGeo(function (g) {
      var features = byId(g);
      spec.layers.forEach(function (items) { addLayer(group, items, features); });
      addLabels(group, spec.labels);
      group.kmYear = spec.year;
    });
  };

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
