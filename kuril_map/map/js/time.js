// Dates and statuses from the time bundle (kuril_map/map/time_bundle.py), shared by the map
// frame, the page's time control and panels, and the one-file atlas. No third-party code.
//
// The bundle lists, per territory, the periods over which its status did not change:
// [first day, last day or null, administered by ("none", "undivided" or a state id),
//  states sharing an undivided territory, claimants, index of the note]. Dates are ISO strings
// (YYYY-MM-DD, years 1644 onwards), which sort as text in date order, so a lookup is a binary
// search on strings.
(function (root) {
  if (root.KmTime) {
    return;
  }
  var DAY_MS = 86400000;

  function dayNumber(iso) {
    var p = iso.split('-');
    return Math.round(Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY_MS);
  }

  function isoOf(n) {
    return new Date(n * DAY_MS).toISOString().slice(0, 10);
  }

  // The last item whose start (item[0] or item.start) is on or before `iso`; null if none.
  function lastStartingBy(items, iso, startOf) {
    var lo = 0;
    var hi = items.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (startOf(items[mid]) <= iso) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : items[found];
  }

  function first(item) { return item[0]; }
  function start(item) { return item.start; }

  // A territory's status on a day: {admin, undivided, claims, note, since} or null.
  function statusOn(bundle, territory, iso) {
    var t = bundle.territories[territory];
    if (!t) {
      return null;
    }
    var p = lastStartingBy(t.periods, iso, first);
    if (!p) {
      return null;
    }
    return {
      admin: p[2], undivided: p[3], claims: p[4], note: bundle.notes[p[5]], since: p[0],
      sincePrecision: p[6] || 'day'
    };
  }

  function sameStatus(a, b) {
    return !!a && !!b && a.admin === b.admin && a.claims.join() === b.claims.join() &&
      a.undivided.join() === b.undivided.join();
  }

  function eraOn(bundle, iso) {
    return lastStartingBy(bundle.eras, iso, start) || bundle.eras[0];
  }

  // The events whose days include `iso` (a stop of the time control, or several on one day).
  function eventsOn(bundle, iso) {
    return bundle.stops.filter(function (s) { return s.start <= iso && iso <= s.end; });
  }

  function stopIndexAfter(bundle, iso) {
    for (var i = 0; i < bundle.stops.length; i++) {
      if (bundle.stops[i].start > iso) {
        return i;
      }
    }
    return -1;
  }

  function nextStop(bundle, iso) {
    var i = stopIndexAfter(bundle, iso);
    return i < 0 ? null : bundle.stops[i];
  }

  function previousStop(bundle, iso) {
    var found = null;
    bundle.stops.forEach(function (s) {
      if (s.start < iso) {
        found = s;
      }
    });
    return found;
  }

  function linesOn(bundle, iso) {
    return bundle.lines.filter(function (l) {
      return l.start <= iso && (l.end === null || iso <= l.end);
    });
  }

  // "28 Aug 1945" / "1945年8月28日" / "28 августа 1945 г.", as precisely as the date is known.
  function formatDate(bundle, iso, precision, lang) {
    var f = bundle.text[lang].dateFormats;
    var p = iso.split('-');
    var y = +p[0];
    var m = +p[1];
    var d = +p[2];
    var pattern = f[precision || 'day'] || f.day;
    return pattern
      .replace('{year}', String(y))
      .replace('{day}', String(d))
      .replace('{month}', String(m))
      .replace('{mon}', f.months[m - 1])
      .replace('{monthGen}', (f.monthsGenitive || f.months)[m - 1]);
  }

  function stateLabel(bundle, id, lang) {
    var s = bundle.states[id];
    return s ? s.label[lang] : id;
  }

  function listOf(bundle, ids, lang) {
    return ids.map(function (id) { return stateLabel(bundle, id, lang); })
      .join(bundle.text[lang].listSeparator);
  }

  // One plain sentence: who administered the territory and who else claimed it.
  function statusSentence(bundle, st, lang) {
    var t = bundle.text[lang];
    var claims = listOf(bundle, st.claims, lang);
    var sentence;
    if (st.admin === 'undivided') {
      sentence = t.undivided.replace('{states}', listOf(bundle, st.undivided, lang));
    } else if (st.admin === 'none') {
      sentence = t.noAdministration;
    } else {
      sentence = t.administered.replace('{state}', stateLabel(bundle, st.admin, lang));
    }
    if (claims) {
      sentence += ' ' + t.claimed.replace('{claimants}', claims);
    }
    return sentence;
  }

  function name(bundle, territory, naming, lang) {
    var n = bundle.names[territory];
    if (!n) {
      return territory;
    }
    return (n[naming] || n.both)[lang];
  }

  root.KmTime = {
    dayNumber: dayNumber,
    isoOf: isoOf,
    statusOn: statusOn,
    sameStatus: sameStatus,
    eraOn: eraOn,
    eventsOn: eventsOn,
    nextStop: nextStop,
    previousStop: previousStop,
    linesOn: linesOn,
    formatDate: formatDate,
    stateLabel: stateLabel,
    statusSentence: statusSentence,
    name: name
  };
})(window);
