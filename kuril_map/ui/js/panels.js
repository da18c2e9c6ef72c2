// The panels beside the map, drawn from the time bundle for one day: the era and its events,
// the status of each territory with that year's changes, the positions held on that day, and
// the map in words. The same code runs on the Streamlit page (panels_component.js) and in the
// one-file atlas, so both say the same. Needs js/time.js (KmTime).
//
// Everything from the data is set as text (textContent), never parsed as HTML; source links
// are built as elements with an http(s) href only.
(function (root) {
  if (root.kmRenderPanels) {
    return;
  }
  var FOUR = ['etorofu', 'kunashiri', 'shikotan', 'habomai'];

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || '') ? url : null;
  }

  // A table with one header row of column headings (scope="col" for screen readers).
  function tableWithHead(className, headings) {
    var table = el('table', className);
    var head = el('tr');
    headings.forEach(function (text) {
      var th = el('th', null, text);
      th.scope = 'col';
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    return table;
  }

  // "[1] MOFA …, Art. 2" links after a statement: every statement carries its sources.
  function sourceLinks(b, refs, t) {
    var span = el('span', 'km-sources');
    refs.forEach(function (ref, i) {
      var s = b.sources[ref[0]];
      if (!s) {
        return;
      }
      var url = safeUrl(s.url);
      var link = el(url ? 'a' : 'span', 'km-source', '[' + (i + 1) + ']');
      if (url) {
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      }
      link.title = t.sourceTitle.replace('{title}', s.title).replace('{where}', ref[1]);
      // The name starts with the visible "[n]" (WCAG 2.5.3, label in name).
      link.setAttribute('aria-label', '[' + (i + 1) + '] ' + link.title);
      span.appendChild(document.createTextNode(' '));
      span.appendChild(link);
    });
    return span;
  }

  function eraYears(b, era, lang) {
    var t = b.text[lang];
    var end = era.end ? era.end.slice(0, 4) : t.today;
    return era.start.slice(0, 4) + '–' + end;
  }

  function eraSection(b, v, t) {
    var lang = v.lang;
    var era = KmTime.eraOn(b, v.date);
    var box = el('section', 'km-era');
    box.appendChild(el('h3', null, era.name[lang] + ' (' + eraYears(b, era, lang) + ')'));
    var p = el('p', null, era.summary[lang]);
    p.appendChild(sourceLinks(b, era.sources, t));
    box.appendChild(p);
    var end = era.end || b.today;
    var events = b.stops.filter(function (s) { return s.start >= era.start && s.start <= end; });
    var list = el('ol', 'km-events');
    events.forEach(function (e) {
      var item = el('li');
      var on = e.start <= v.date && v.date <= e.end;
      if (on) {
        item.setAttribute('aria-current', 'date');
        item.className = 'km-event-now';
      }
      var when = KmTime.formatDate(b, e.start, e.precision, lang);
      var until = KmTime.formatDate(b, e.end, e.precision, lang);
      if (until !== when) {  // an event known by its year spans the year: "1958", once
        when += ' – ' + until;
      }
      item.appendChild(el('b', null, (on ? '▶ ' : '') + when));
      item.appendChild(document.createTextNode(' — ' + e.title[lang]));
      var text = el('div', 'km-event-text', e.text[lang]);
      text.appendChild(sourceLinks(b, e.sources, t));
      item.appendChild(text);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function territoriesIn(b, scope) {
    var all = Object.keys(b.territories);
    return scope === 'region' ? all : FOUR.filter(function (id) { return all.indexOf(id) >= 0; });
  }

  function states(b, ids, lang, t) {
    return ids.length ? ids.map(function (id) { return KmTime.stateLabel(b, id, lang); })
      .join(t.listSeparator) : '—';
  }

  function adminWords(b, st, lang, t) {
    if (st.admin === 'undivided') {
      return t.undividedShort.replace('{states}', states(b, st.undivided, lang, t));
    }
    return st.admin === 'none' ? t.noneShort : KmTime.stateLabel(b, st.admin, lang);
  }

  // The days of `year` up to `date` on which a territory's status changed.
  function changesIn(b, territory, date) {
    var year = date.slice(0, 4);
    var t = b.territories[territory];
    return t.periods.filter(function (p) {
      return p[0].slice(0, 4) === year && p[0] <= date && p[0] !== b.start;
    });
  }

  function statusSection(b, v, t) {
    var lang = v.lang;
    var box = el('section', 'km-status');
    box.appendChild(el('h3', null, t.statusOn.replace('{date}',
      KmTime.formatDate(b, v.date, 'day', lang))));
    var table = tableWithHead(null, [t.territory, t.administeredBy, t.claimedBy]);
    var body = el('tbody');
    var changes = [];
    territoriesIn(b, v.scope).forEach(function (id) {
      var st = KmTime.statusOn(b, id, v.date);
      if (!st) {
        return;
      }
      var row = el('tr');
      if (id === v.selected) {
        row.className = 'km-selected';
      }
      var th = el('th', null, KmTime.name(b, id, v.naming, lang));
      th.scope = 'row';
      row.appendChild(th);
      row.appendChild(el('td', null, adminWords(b, st, lang, t)));
      var claimants = st.claims.filter(function (c) { return c !== st.admin; });
      row.appendChild(el('td', null, states(b, claimants, lang, t)));
      body.appendChild(row);
      changesIn(b, id, v.date).forEach(function (p) {
        var after = KmTime.statusOn(b, id, p[0]);
        changes.push([p[0], KmTime.name(b, id, v.naming, lang), after]);
      });
    });
    table.appendChild(body);
    box.appendChild(table);
    if (changes.length) {
      box.appendChild(el('h4', null, t.changesIn.replace('{year}', v.date.slice(0, 4))));
      var list = el('ul', 'km-changes');
      changes.sort(function (a, c) { return a[0] < c[0] ? -1 : a[0] > c[0] ? 1 : 0; });
      changes.forEach(function (c) {
        list.appendChild(el('li', null, KmTime.formatDate(b, c[0], c[2].sincePrecision, lang) +
          ', ' + c[1] + ': ' + KmTime.statusSentence(b, c[2], lang)));
      });
      box.appendChild(list);
    }
    var noted = v.selected ? [v.selected] : territoriesIn(b, 'islands');
    var notes = el('ul', 'km-notes');
    noted.forEach(function (id) {
      var st = KmTime.statusOn(b, id, v.date);
      if (!st || !st.note) {
        return;
      }
      var item = el('li');
      item.appendChild(el('b', null, KmTime.name(b, id, v.naming, lang) + ': '));
      item.appendChild(document.createTextNode(st.note.text[lang]));
      item.appendChild(sourceLinks(b, st.note.sources, t));
      notes.appendChild(item);
    });
    box.appendChild(notes);
    return box;
  }

  function positionsSection(b, v, t) {
    var lang = v.lang;
    var held = b.positions.filter(function (p) {
      return p.start <= v.date && (p.end === null || v.date <= p.end) &&
        (v.scope === 'region' || p.territories.some(function (x) { return FOUR.indexOf(x) >= 0; }));
    });
    var box = el('section', 'km-positions');
    box.appendChild(el('h3', null, t.positionsOn.replace('{date}',
      KmTime.formatDate(b, v.date, 'day', lang))));
    if (!held.length) {
      box.appendChild(el('p', null, t.noPositions));
      return box;
    }
    var list = el('ul');
    held.forEach(function (p) {
      var item = el('li', null, p.text[lang]);
      item.appendChild(sourceLinks(b, p.sources, t));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // The map in words: what the colours and lines say, for screen readers and for a class
  // without a projector.
  function mapInWords(b, v, t) {
    var lang = v.lang;
    var era = KmTime.eraOn(b, v.date);
    var box = el('section', 'km-words');
    box.appendChild(el('h3', null, t.mapInWords));
    var list = el('ul');
    list.appendChild(el('li', null, t.mapOn
      .replace('{date}', KmTime.formatDate(b, v.date, 'day', lang))
      .replace('{era}', era.name[lang])));
    territoriesIn(b, v.scope).forEach(function (id) {
      var st = KmTime.statusOn(b, id, v.date);
      if (st) {
        list.appendChild(el('li', null, KmTime.name(b, id, v.naming, lang) + ': ' +
          KmTime.statusSentence(b, st, lang)));
      }
    });
    var lines = KmTime.linesOn(b, v.date).map(function (l) {
      return l.name[lang] + ' (' + b.kinds[l.kind].label[lang] + ')';
    });
    list.appendChild(el('li', null, lines.length
      ? t.linesInForce.replace('{lines}', lines.join('; ')) : t.noLines));
    box.appendChild(list);
    return box;
  }

  // Draw the panels for view = {date, lang, naming, selected, scope} into `container`;
  // `parts` chooses which ("era", "status", "positions", "words").
  // The DOM helpers the atlas's page shares (atlas.js runs after this file).
  root.kmDom = { el: el, safeUrl: safeUrl, tableWithHead: tableWithHead };

  root.kmRenderPanels = function (container, b, view, parts) {
    var lang = b.text[view.lang] ? view.lang : 'en';
    var v = Object.assign({ scope: 'islands', naming: 'both', selected: null }, view, { lang: lang });
    var t = b.text[lang];
    var build = {
      era: eraSection,
      status: statusSection,
      positions: positionsSection,
      words: mapInWords
    };
    var fresh = document.createDocumentFragment();
    (parts || ['era', 'status', 'positions', 'words']).forEach(function (part) {
      fresh.appendChild(build[part](b, v, t));
    });
    container.replaceChildren(fresh);
    container.setAttribute('data-km-date', v.date);
  };
})(window);
