// The one-file atlas's page (kuril_map/atlas/build.py puts it, with everything it needs, into
// one HTML file). It runs the app's own code on data written into the page: the map
// (map.js: kmDrawBase, kmShowView, kmSetDate), the time control (time_control.js) and the
// panels (panels.js), and adds what the app's page does in Python: the island card, the
// clauses behind the lines, the cited excerpts of each island and era, the language switch,
// and the address (fragment.js), kept current as the user moves.
//
// Every text from the data is set with textContent or as a text node, never parsed as HTML;
// links are made only from http(s) addresses.
(function () {
  'use strict';

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function byId(id) {
    return document.getElementById(id);
  }

  var el = window.kmDom.el;  // from panels.js
  var safeUrl = window.kmDom.safeUrl;

  function link(url, text) {
    var a = el('a', 'km-atlas-link', text);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  var geo = readJson('km-geo-data');
  var bundle = readJson('km-time-data');
  var atlas = readJson('km-atlas-data');
  var settings = readJson('km-map-data');
  var FOUR = atlas.islands;
  var linesById = {};
  bundle.lines.forEach(function (l) { linesById[l.id] = l; });

  var state = null;  // {date, island, naming, lang}
  var clickedLine = null;
  var control = null;
  var map = null;
  var group = null;
  var drawn = { excerpts: null, clauses: null };  // what the slow parts show, to skip redraws

  function words() {
    return atlas.words[state.lang];
  }

  function browserLanguage() {
    var wanted = (navigator.languages || [navigator.language || 'en']);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).slice(0, 2).toLowerCase();
      if (atlas.languages[code]) {
        return code;
      }
    }
    return 'en';
  }

  var defaults = {
    date: atlas.defaultDate,
    island: null,
    naming: 'both',
    lang: browserLanguage()
  };

  function fragmentOptions() {
    return {
      start: bundle.start,
      today: bundle.today,
      islands: FOUR,
      langs: Object.keys(atlas.languages),
      namings: atlas.namingModes,
      defaults: defaults
    };
  }

  function islandName(id) {
    return id ? KmTime.name(bundle, id, state.naming, state.lang) : words().allIslands;
  }

  function fill(template, values) {
    return Object.keys(values).reduce(function (text, key) {
      return text.split('{' + key + '}').join(values[key]);
    }, template);
  }

  // ---- the address ----------------------------------------------------------------------
  function writeFragment() {
    var hash = KmFragment.format(state, defaults);
    if (location.hash !== hash) {
      history.replaceState(null, '', hash);
    }
  }

  function showIgnored(ignored) {
    var box = byId('km-notice');
    box.hidden = !ignored.length;
    box.textContent = ignored.length ? fill(words().ignored, { items: ignored.join(', ') }) : '';
  }

  // ---- settings -------------------------------------------------------------------------
  function options(select, items, chosen) {
    var fresh = document.createDocumentFragment();
    items.forEach(function (item) {
      var o = el('option', null, item[1]);
      o.value = item[0];
      if (item[2]) {
        o.lang = item[2];
      }
      fresh.appendChild(o);
    });
    select.replaceChildren(fresh);
    select.value = chosen;
  }

  function drawSettings() {
    var w = words();
    byId('km-lang-label').textContent = w.language;
    byId('km-naming-label').textContent = w.naming;
    byId('km-island-label').textContent = w.island;
    byId('km-print').textContent = w.print;
    options(byId('km-lang'), Object.keys(atlas.languages).map(function (code) {
      return [code, atlas.languages[code], code];
    }), state.lang);
    options(byId('km-naming'), atlas.namingModes.map(function (mode) {
      return [mode, atlas.namings[state.lang][mode]];
    }), state.naming);
    options(byId('km-island'), [['all', w.allIslands]].concat(FOUR.map(function (id) {
      return [id, islandName(id)];
    })), state.island || 'all');
    byId('km-island').title = w.clickHint;
  }

  function drawStaticWords() {
    var w = words();
    document.documentElement.lang = state.lang;
    document.title = w.title;
    byId('km-title').textContent = w.title;
    byId('km-map').setAttribute('aria-label', w.title);
    drawAbout(w);
    byId('km-offline').textContent = w.offline;
    byId('km-credits').textContent = w.credits;
  }

  // The history's date and, when one is configured, where to report an error (as the app's
  // sidebar shows them).
  function drawAbout(w) {
    byId('km-as-of').textContent = fill(w.asOf, {
      date: KmTime.formatDate(bundle, atlas.asOf, 'day', state.lang)
    });
    var link = byId('km-report');
    var url = safeUrl(atlas.reportUrl);
    link.hidden = !url;
    if (url) {
      link.href = url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = w.report;
    }
  }

  // ---- the map ----------------------------------------------------------------------------
  function drawMap() {
    group.clearLayers();
    kmShowView(group, {
      date: state.date,
      selected: state.island,
      naming: state.naming,
      lang: state.lang,
      role: 'main',
      measure: atlas.measure[state.lang],
      text: { shapesFailed: bundle.text[state.lang].shapesFailed }
    });
  }

  function onMapClick(e) {
    var feature = e.layer && e.layer.feature;
    var id = feature && feature.properties && feature.properties.id;
    if (!id) {
      return;
    }
    if (FOUR.indexOf(id) >= 0) {
      chooseIsland(id);
    } else if (linesById[id] && atlas.clauses.lines[id]) {
      clickedLine = id;
      drawn.clauses = null;
      drawDated();
      var box = byId('km-clause-' + id);
      if (box) {
        box.open = true;
        box.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  // ---- the parts that follow the day ---------------------------------------------------
  function drawHeading() {
    var era = KmTime.eraOn(bundle, state.date);
    byId('km-heading').textContent = fill(words().dateEra, {
      date: KmTime.formatDate(bundle, state.date, 'day', state.lang),
      era: era.name[state.lang]
    });
  }

  function drawPanels() {
    var view = {
      date: state.date, lang: state.lang, naming: state.naming, selected: state.island,
      scope: 'islands'
    };
    kmRenderPanels(byId('km-panels'), bundle, view, ['era', 'status', 'positions']);
    kmRenderPanels(byId('km-words'), bundle, view, ['words']);
  }

  function drawDated() {
    drawHeading();
    drawPanels();
    var shownClauses = drawClauses();
    drawExcerpts(shownClauses);
  }

  // ---- the island card -------------------------------------------------------------------
  function sourceCell(row) {
    var td = el('td', 'km-atlas-source');
    var url = safeUrl(row.url);
    var source = row.source[state.lang];
    td.appendChild(url ? link(url, source) : document.createTextNode(source));
    return td;
  }

  function drawCard() {
    var w = words();
    var box = byId('km-card');
    var card = atlas.cards[state.island || 'all'];
    var fresh = document.createDocumentFragment();
    fresh.appendChild(el('h3', null, w.islandCard + ': ' + islandName(state.island)));
    var names = Object.keys(card.names);
    if (names.length) {
      var nameTable = el('table', 'km-atlas-names');
      names.forEach(function (key) {
        var tr = el('tr');
        var th = el('th', null, atlas.nameRows[state.lang][key]);
        th.scope = 'row';
        tr.appendChild(th);
        var td = el('td', null, card.names[key]);
        if (key === 'ja' || key === 'ru') {
          td.lang = key;
        }
        tr.appendChild(td);
        nameTable.appendChild(tr);
      });
      fresh.appendChild(nameTable);
    }
    var table = window.kmDom.tableWithHead('km-atlas-figures', ['', '', w.source]);
    var body = el('tbody');
    card.rows.forEach(function (row) {
      var tr = el('tr');
      var th = el('th', null, row.label[state.lang]);
      th.scope = 'row';
      tr.appendChild(th);
      var value = el('td', 'km-atlas-value', row.value[state.lang]);
      if (row.note) {
        value.appendChild(el('div', 'km-atlas-note', row.note[state.lang]));
      }
      tr.appendChild(value);
      tr.appendChild(sourceCell(row));
      body.appendChild(tr);
    });
    table.appendChild(body);
    fresh.appendChild(table);
    card.notes.forEach(function (note) {
      fresh.appendChild(el('p', 'km-atlas-note', note[state.lang]));
    });
    box.replaceChildren(fresh);
  }

  // ---- citations ---------------------------------------------------------------------------
  function citation(doc) {
    var item = el('li', 'km-atlas-cite');
    item.appendChild(el('cite', null, doc.title));
    var details = [doc.author, doc.publisher, doc.date].filter(Boolean);
    if (details.length) {
      item.appendChild(document.createTextNode(' — ' + details.join(', ')));
    }
    var url = safeUrl(doc.url);
    if (url) {
      item.appendChild(document.createTextNode(', '));
      item.appendChild(link(url, url));
    }
    var named = (doc.perspectiveName && doc.perspectiveName[state.lang]) || doc.perspective;
    item.appendChild(document.createTextNode(' · ' + fill(words().perspective,
      { name: named })));
    return item;
  }

  function citations(docIndices) {
    var list = el('ul', 'km-atlas-cites');
    docIndices.forEach(function (i) { list.appendChild(citation(atlas.documents[i])); });
    return list;
  }

  // A passage as text nodes, with the matched names and years in <mark>.
  function quoted(text, spans, lang) {
    var quote = el('blockquote', 'km-atlas-quote');
    if (lang) {
      quote.lang = lang;
    }
    var at = 0;
    spans.forEach(function (span) {
      if (span[0] > at) {
        quote.appendChild(document.createTextNode(text.slice(at, span[0])));
      }
      quote.appendChild(el('mark', null, text.slice(span[0], span[1])));
      at = span[1];
    });
    if (at < text.length) {
      quote.appendChild(document.createTextNode(text.slice(at)));
    }
    return quote;
  }

  // ---- the clauses behind the lines ---------------------------------------------------------
  // The lines whose clauses are open: one clicked on the map, then those of the year's events;
  // then, folded, every other line in force on the day.
  function linesInQuestion() {
    var year = state.date.slice(0, 4);
    var ids = clickedLine ? [clickedLine] : [];
    bundle.stops.forEach(function (s) {
      if (s.start.slice(0, 4) === year) {
        s.lines.forEach(function (id) { ids.push(id); });
      }
    });
    return ids.filter(function (id, i) {
      return ids.indexOf(id) === i && clausesOn(id).length;
    });
  }

  // A line's clause groups signed by the day, newest first, as the app's panel shows them
  // (kuril_map/documents/periods.py, clauses_on): on 19 Oct 1956 the Joint Declaration, then
  // San Francisco and Shimoda, not the later texts behind the same line. A date given by year
  // or month counts from its first day; an undated clause is kept, last.
  function clausesOn(id) {
    function signed(group) {
      var date = atlas.documents[group[0]].date;
      return date ? (date + '-01-01').slice(0, 10) : '';
    }
    return (atlas.clauses.lines[id] || [])
      .filter(function (g) { return signed(g) <= state.date; })
      .sort(function (a, b) { return signed(a) < signed(b) ? 1 : signed(a) > signed(b) ? -1 : 0; });
  }

  function clauseBlock(group) {
    var lang = state.lang;
    var w = words();
    var first = group.filter(function (i) { return atlas.documents[i].language === lang; })[0];
    if (first === undefined) {
      first = group.filter(function (i) { return atlas.documents[i].language === 'en'; })[0];
    }
    if (first === undefined) {
      first = group[0];
    }
    var box = el('div', 'km-atlas-clause');
    box.appendChild(el('p', 'km-atlas-clause-head', w.clauseHeading));
    function text(i) {
      var doc = atlas.documents[i];
      var wrap = el('div');
      wrap.appendChild(quoted(atlas.clauses.texts[String(i)], [], doc.language));
      wrap.appendChild(citations([i]));
      return wrap;
    }
    box.appendChild(text(first));
    var others = group.filter(function (i) { return i !== first; });
    if (others.length) {
      var more = el('details', 'km-atlas-more');
      more.appendChild(el('summary', null, fill(w.sameTextIn, {
        languages: others.map(function (i) {
          var code = atlas.documents[i].language;
          return atlas.languages[code] || code || '?';
        }).join(', ')
      })));
      others.forEach(function (i) { more.appendChild(text(i)); });
      box.appendChild(more);
    }
    return box;
  }

  function lineSection(id, open) {
    var line = linesById[id];
    var details = el('details', 'km-atlas-line');
    details.id = 'km-clause-' + id;
    details.open = open;
    details.appendChild(el('summary', null, line.name[state.lang] + ' (' +
      bundle.kinds[line.kind].label[state.lang] + ')'));
    clausesOn(id).forEach(function (g) { details.appendChild(clauseBlock(g)); });
    return details;
  }

  // Draws the clauses when the lines concerned change; returns the documents shown open.
  function drawClauses() {
    var open = linesInQuestion();
    var inForce = KmTime.linesOn(bundle, state.date).map(function (l) { return l.id; })
      .filter(function (id) { return clausesOn(id).length && open.indexOf(id) < 0; });
    var shown = [];
    open.forEach(function (id) {
      clausesOn(id).forEach(function (g) { shown = shown.concat(g); });
    });
    var key = [state.lang, open.join(), inForce.join(), shown.join()].join('|');
    if (drawn.clauses === key) {
      return shown;
    }
    drawn.clauses = key;
    var box = byId('km-clauses');
    var fresh = document.createDocumentFragment();
    if (open.length || inForce.length) {
      fresh.appendChild(el('h3', null, words().clauses));
    }
    open.forEach(function (id) { fresh.appendChild(lineSection(id, true)); });
    inForce.forEach(function (id) { fresh.appendChild(lineSection(id, false)); });
    box.replaceChildren(fresh);
    return shown;
  }

  // ---- the cited excerpts of the island and era ----------------------------------------
  function drawExcerpts(clauseDocs) {
    var era = KmTime.eraOn(bundle, state.date);
    var key = [era.id, state.island, state.naming, state.lang, clauseDocs.join()].join('|');
    if (drawn.excerpts === key) {
      return;
    }
    drawn.excerpts = key;
    var w = words();
    var rows = (atlas.cells[state.island || 'all'] || {})[era.id] || [];
    rows = rows.filter(function (row) {
      return !row[2].some(function (i) { return clauseDocs.indexOf(i) >= 0; });
    });
    var fresh = document.createDocumentFragment();
    fresh.appendChild(el('h3', null, fill(w.sourcesHeading, {
      name: islandName(state.island),
      start: era.start.slice(0, 4),
      end: (era.end || bundle.today).slice(0, 4)
    })));
    if (!rows.length) {
      fresh.appendChild(el('p', null, w.noPassage));
    }
    rows.forEach(function (row) {
      var passage = atlas.passages[row[0]];
      var doc = atlas.documents[passage.doc];
      var item = el('article', 'km-atlas-excerpt');
      item.appendChild(quoted(passage.text, row[1], doc.language));
      if (passage.shortened) {
        item.appendChild(el('p', 'km-atlas-note', w.shortened));
      }
      item.appendChild(citations(row[2]));
      fresh.appendChild(item);
    });
    byId('km-excerpts').replaceChildren(fresh);
  }

  // ---- the time control --------------------------------------------------------------------
  function buildControl() {
    if (control) {
      control.destroy();
    }
    control = kmTimeControl(byId('km-time'), {
      bundle: bundle,
      date: state.date,
      lang: state.lang,
      text: atlas.control[state.lang],
      onInput: function (iso) {
        state.date = iso;
        kmSetDate(iso);
        drawDated();
      },
      onCommit: function (iso) {
        state.date = iso;
        kmSetDate(iso);
        drawDated();
        writeFragment();
      }
    });
  }

  // ---- changes the user makes ----------------------------------------------------------------
  function drawAll() {
    drawn = { excerpts: null, clauses: null };
    drawStaticWords();
    drawSettings();
    buildControl();
    drawMap();
    drawCard();
    drawDated();
    writeFragment();
  }

  function chooseIsland(id) {
    state.island = id;
    byId('km-island').value = id || 'all';
    drawMap();
    drawCard();
    drawDated();
    writeFragment();
  }

  function listen() {
    byId('km-lang').addEventListener('change', function (e) {
      state.lang = e.target.value;
      drawAll();
    });
    byId('km-naming').addEventListener('change', function (e) {
      state.naming = e.target.value;
      drawAll();
    });
    byId('km-island').addEventListener('change', function (e) {
      chooseIsland(e.target.value === 'all' ? null : e.target.value);
    });
    byId('km-print').addEventListener('click', function () { window.print(); });
    window.addEventListener('hashchange', function () {
      var parsed = KmFragment.parse(location.hash, fragmentOptions());
      state = parsed.view;
      drawAll();
      showIgnored(parsed.ignored);
    });
    // A printed page is narrower than the screen: lay the map out again at the paper's size.
    window.addEventListener('beforeprint', function () {
      document.documentElement.classList.add('km-printing');
      map.invalidateSize({ animate: false });
    });
    window.addEventListener('afterprint', function () {
      document.documentElement.classList.remove('km-printing');
      map.invalidateSize({ animate: false });
    });
  }

  function start() {
    var parsed = KmFragment.parse(location.hash, fragmentOptions());
    state = parsed.view;
    window.KM_SEA = settings.sea;
    window.KM_LAND_STYLE = settings.land;
    window.KM_GEO_INLINE = geo;
    window.KM_TIME_INLINE = bundle;
    map = L.map(byId('km-map'), {
      center: settings.centre,
      zoom: settings.zoom,
      minZoom: settings.minZoom,
      maxZoom: settings.maxZoom,
      attributionControl: false  // the credits are in the footer, as text
    });
    L.control.scale().addTo(map);
    kmLoadGeo(map, null);
    kmLoadTime(map, null);
    kmDrawBase(map);
    kmAddMeasure(map, atlas.measure[state.lang], 'topleft');
    group = L.featureGroup().addTo(map);
    group.on('click', onMapClick);
    window.map = map;  // as in the app's frame: tests and the console reach the map
    drawAll();
    showIgnored(parsed.ignored);
    listen();
    requestAnimationFrame(function () {
      document.documentElement.setAttribute('data-km-drawn', String(Math.round(performance.now())));
    });
  }

  start();
})();
