// The time control: a native range input over every day from 1644 to today, with the dated
// events as stops, Previous / Play / Next, and the date announced to screen readers. The same
// code runs on the Streamlit page (time_component.js) and in the one-file atlas. Needs
// js/time.js (KmTime) and a time bundle.
//
// kmTimeControl(root, options) builds the control inside `root` and returns
// {set(iso), busy(), destroy()}. options: {bundle, date, lang, text, onInput(iso, stop),
// onCommit(iso)}. onInput runs on every change the user sees (at most once a frame while
// dragging), with the event stop it landed on when the user stepped or played to one (the map
// may frame that event); onCommit when the user lets go, pauses, or stops pressing keys: that
// is when the page is told.
(function (root) {
  if (root.kmTimeControl) {
    return;
  }
  var COMMIT_PAUSE_MS = 600;  // a drag held still this long is committed, as is a key burst
  var ANNOUNCE_PAUSE_MS = 300;  // screen readers hear the date once the user stops moving

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function button(text, label) {
    var b = el('button', 'km-tc-button', text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.title = label;
    return b;
  }

  // Same day, `years` later or earlier (29 Feb falls back to 28 Feb).
  function shiftYears(iso, years) {
    var p = iso.split('-');
    var y = +p[0] + years;
    var d = p[2];
    if (p[1] === '02' && d === '29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) {
      d = '28';
    }
    return String(y).padStart(4, '0') + '-' + p[1] + '-' + d;
  }

  root.kmTimeControl = function (container, options) {
    var b = options.bundle;
    var lang = options.lang;
    var text = options.text;
    var first = KmTime.dayNumber(b.start);
    var last = KmTime.dayNumber(b.today);
    var state = { date: options.date, dragging: false, playing: null, pace: 4, touched: 0 };
    var USER_WINS_MS = 1500;  // a date from the page this soon after the user's own is stale
    var commitTimer = null;
    var announceTimer = null;
    var frame = null;

    var box = el('div', 'km-tc');
    var row = el('div', 'km-tc-row');
    var prev = button('◀', text.previous);
    var play = button('▶', text.play);
    var next = button('▶▶', text.next);
    next.textContent = '▶|';
    prev.textContent = '|◀';
    var pace = el('select', 'km-tc-pace');
    pace.setAttribute('aria-label', text.pace);
    [2, 4, 8].forEach(function (s) {
      var o = el('option', null, text.seconds.replace('{n}', String(s)));
      o.value = String(s);
      pace.appendChild(o);
    });
    pace.value = String(state.pace);
    var shown = el('div', 'km-tc-date');
    shown.setAttribute('aria-hidden', 'true');  // the slider's value text says it already
    row.appendChild(prev);
    row.appendChild(play);
    row.appendChild(next);
    row.appendChild(pace);
    row.appendChild(shown);

    var track = el('div', 'km-tc-track');
    var ticks = el('div', 'km-tc-ticks');
    ticks.setAttribute('aria-hidden', 'true');
    b.eras.forEach(function (era, i) {
      var band = el('div', 'km-tc-era km-tc-era-' + (i % 2));
      var from = KmTime.dayNumber(era.start);
      var to = era.end ? KmTime.dayNumber(era.end) : last;
      band.style.left = (100 * (from - first) / (last - first)) + '%';
      band.style.width = (100 * (to - from + 1) / (last - first)) + '%';
      band.title = era.name[lang];
      ticks.appendChild(band);
    });
    b.stops.forEach(function (stop) {
      var tick = el('div', 'km-tc-tick');
      tick.style.left = (100 * (KmTime.dayNumber(stop.start) - first) / (last - first)) + '%';
      ticks.appendChild(tick);
    });
    var input = el('input', 'km-tc-range');
    input.type = 'range';
    input.min = String(first);
    input.max = String(last);
    input.step = '1';
    input.setAttribute('aria-label', text.slider);
    track.appendChild(ticks);
    track.appendChild(input);

    var scale = el('div', 'km-tc-scale');
    scale.setAttribute('aria-hidden', 'true');
    scale.appendChild(el('span', null, b.start.slice(0, 4)));
    scale.appendChild(el('span', null, b.today.slice(0, 4)));

    var live = el('div', 'km-tc-live');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');

    box.appendChild(row);
    box.appendChild(track);
    box.appendChild(scale);
    box.appendChild(live);
    container.appendChild(box);

    function describe(iso) {
      var words = KmTime.formatDate(b, iso, 'day', lang);
      var events = KmTime.eventsOn(b, iso);
      if (events.length) {
        words += ' — ' + events.map(function (e) { return e.title[lang]; }).join('; ');
      }
      return words;
    }

    function show(iso) {
      var words = describe(iso);
      input.value = String(KmTime.dayNumber(iso));
      input.setAttribute('aria-valuetext', words);
      shown.textContent = words;
      clearTimeout(announceTimer);
      announceTimer = setTimeout(function () { live.textContent = words; }, ANNOUNCE_PAUSE_MS);
    }

    function change(iso, commitNow, stop) {
      state.date = iso;
      state.stop = stop || null;
      state.touched = Date.now();
      show(iso);
      if (!frame) {
        frame = requestAnimationFrame(function () {
          frame = null;
          options.onInput(state.date, state.stop);
        });
      }
      clearTimeout(commitTimer);
      if (commitNow) {
        options.onCommit(iso);
      } else {
        commitTimer = setTimeout(function () { options.onCommit(state.date); }, COMMIT_PAUSE_MS);
      }
    }

    function step(direction) {
      var stop = direction > 0 ? KmTime.nextStop(b, state.date) : KmTime.previousStop(b, state.date);
      if (stop) {
        change(stop.start, false, stop);
      }
      return stop;
    }

    function clamp(iso) {
      if (iso < b.start) {
        return b.start;
      }
      return iso > b.today ? b.today : iso;
    }

    input.addEventListener('input', function () {
      state.dragging = true;
      stopPlaying();
      change(KmTime.isoOf(+input.value), false);
    });
    input.addEventListener('change', function () {
      state.dragging = false;
      change(KmTime.isoOf(+input.value), true);
    });
    input.addEventListener('keydown', function (e) {
      var handled = true;
      if (e.key === 'ArrowRight' || e.key === 'ArrowUp') {
        step(1);
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') {
        step(-1);
      } else if (e.key === 'PageUp') {
        change(clamp(shiftYears(state.date, 10)), false);
      } else if (e.key === 'PageDown') {
        change(clamp(shiftYears(state.date, -10)), false);
      } else if (e.key === 'Home') {
        change(b.start, false);
      } else if (e.key === 'End') {
        change(b.today, false);
      } else {
        handled = false;
      }
      if (handled) {
        e.preventDefault();  // the native range would move one day
        stopPlaying();
      }
    });

    function stopPlaying() {
      if (state.playing) {
        clearInterval(state.playing);
        state.playing = null;
        play.textContent = '▶';
        play.setAttribute('aria-label', text.play);
        play.title = text.play;
      }
    }

    function playStep() {
      var stop = KmTime.nextStop(b, state.date);
      if (!stop) {
        stopPlaying();
        return;
      }
      change(stop.start, true, stop);
      if (!KmTime.nextStop(b, stop.start)) {
        stopPlaying();
      }
    }

    prev.addEventListener('click', function () { stopPlaying(); step(-1); });
    next.addEventListener('click', function () { stopPlaying(); step(1); });
    play.addEventListener('click', function () {
      if (state.playing) {
        stopPlaying();
        return;
      }
      if (!KmTime.nextStop(b, state.date)) {
        change(b.stops[0].start, true, b.stops[0]);  // at the end: start again
      } else {
        playStep();
      }
      state.playing = setInterval(playStep, state.pace * 1000);
      play.textContent = '❚❚';
      play.setAttribute('aria-label', text.pause);
      play.title = text.pause;
    });
    pace.addEventListener('change', function () {
      state.pace = +pace.value;
      if (state.playing) {
        clearInterval(state.playing);
        state.playing = setInterval(playStep, state.pace * 1000);
      }
    });

    show(state.date);

    return {
      // A date from outside (the page after a rerun, the address): shown unless the user is
      // moving the control right now, whose own date wins.
      set: function (iso) {
        var recent = Date.now() - state.touched < USER_WINS_MS;
        if (!state.dragging && !recent && iso !== state.date) {
          state.date = iso;
          show(iso);
        }
      },
      busy: function () { return state.dragging || !!state.playing; },
      date: function () { return state.date; },
      destroy: function () {
        stopPlaying();
        clearTimeout(commitTimer);
        clearTimeout(announceTimer);
        box.remove();
      }
    };
  };
})(window);
