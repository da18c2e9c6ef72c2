// The atlas's address: which view a link opens, and the link of the view on screen.
//
// "#date=1956-10-19&island=shikotan&naming=both&lang=ja". "#year=1956" means that year as it
// ended (31 December; the last day of the history for the current year); a date wins over a
// year. Anything not understood is left at its default and listed in `ignored`, so a mistyped
// link still opens. Plain functions with no page behind them: tests run them in Node.
(function (root) {
  if (root.KmFragment) {
    return;
  }

  // A real calendar day written YYYY-MM-DD (1956-02-30 is not one).
  function isDay(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      return false;
    }
    var p = text.split('-');
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    return d.getUTCFullYear() === +p[0] && d.getUTCMonth() === +p[1] - 1 &&
      d.getUTCDate() === +p[2];
  }

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch (e) {
      return null;  // a broken %-escape: the value is not understood
    }
  }

  // [key, value] pairs of "#a=1&b=2" (a leading "#" or "#?" is optional), in order.
  function pairs(hash) {
    var body = (hash || '').replace(/^#\??/, '');
    if (!body) {
      return [];
    }
    return body.split('&').filter(Boolean).map(function (part) {
      var at = part.indexOf('=');
      var key = at < 0 ? part : part.slice(0, at);
      var value = at < 0 ? '' : part.slice(at + 1);
      return [(decode(key) || '').trim().toLowerCase(), decode(value), part];
    });
  }

  function yearEnd(year, today) {
    var iso = String(year).padStart(4, '0') + '-12-31';
    return iso > today ? today : iso;
  }

  function inRange(iso, options) {
    return iso >= options.start && iso <= options.today;
  }

  // The view a fragment asks for. options: {start, today, islands, langs, namings, defaults}
  // with defaults = {date, island, naming, lang}. Returns {view, ignored}: `ignored` holds the
  // parts of the fragment that were not understood, as written.
  function parse(hash, options) {
    var d = options.defaults;
    var view = { date: d.date, island: d.island, naming: d.naming, lang: d.lang };
    var seen = {};
    var ignored = [];
    var year = null;
    var dated = false;
    pairs(hash).forEach(function (pair) {
      var key = pair[0];
      var raw = pair[1];
      var value = raw === null ? '' : raw.trim();
      if (seen[key]) {
        return;  // a repeated key: the first one wins
      }
      seen[key] = true;
      var ok = true;
      if (key === 'date') {
        ok = isDay(value) && inRange(value, options);
        if (ok) {
          view.date = value;
          dated = true;
        }
      } else if (key === 'year') {
        ok = /^\d{1,4}$/.test(value) && +value >= +options.start.slice(0, 4) &&
          +value <= +options.today.slice(0, 4);
        if (ok) {
          year = +value;
        }
      } else if (key === 'island') {
        var island = value.toLowerCase();
        ok = island === 'all' || options.islands.indexOf(island) >= 0;
        if (ok) {
          view.island = island === 'all' ? null : island;
        }
      } else if (key === 'naming') {
        ok = options.namings.indexOf(value.toLowerCase()) >= 0;
        if (ok) {
          view.naming = value.toLowerCase();
        }
      } else if (key === 'lang') {
        ok = options.langs.indexOf(value.toLowerCase()) >= 0;
        if (ok) {
          view.lang = value.toLowerCase();
        }
      } else {
        ok = false;
      }
      if (!ok) {
        ignored.push(pair[2]);
      }
    });
    if (!dated && year !== null) {
      view.date = yearEnd(year, options.today);
    }
    if (view.date < options.start) {
      view.date = options.start;
    }
    return { view: view, ignored: ignored };
  }

  // The fragment of a view: the day always, the island when one is chosen, the naming when it
  // is not the default, the language always (a shared link opens in the sender's language).
  function format(view, defaults) {
    var parts = ['date=' + view.date];
    if (view.island) {
      parts.push('island=' + encodeURIComponent(view.island));
    }
    if (view.naming && view.naming !== defaults.naming) {
      parts.push('naming=' + encodeURIComponent(view.naming));
    }
    parts.push('lang=' + encodeURIComponent(view.lang));
    return '#' + parts.join('&');
  }

  root.KmFragment = { parse: parse, format: format, isDay: isDay, pairs: pairs };
})(window);
