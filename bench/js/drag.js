// bench/bench_scrub.py: the drag. Installed in the app's page once it has settled; the clock
// runs on the page's performance.now() for the pointer, the time control and the map frame
// alike (the frame is same-origin, so its mutations are seen, and timed, from the page).
//
// __kmDragArm(expected): the next pointer move starts the clock; __kmDragDone resolves once
// the map frame's paths show `expected` (a fills signature from __kmFills()), with
//   move   the pointermove's own timestamp (when the browser received the move),
//   input  when the range input's 'input' handler ran (the time control's first step),
//   change when the last path took its new fill (the recoloured map is in the DOM; this runs
//          in the animation frame that then paints it),
//   drawn  when a task posted at `change` runs: after that frame's style, layout and paint on
//          the main thread (the panels, redrawn in the same frame, included),
//   next   the start of the following animation frame (an upper bound for that paint).
(() => {
  const IFRAME = 'iframe[title="streamlit_folium.st_folium"]';

  // The first element matching `selector` in the page or any open shadow root in it
  // (the page's components v2 mount in shadow roots).
  function find(selector, root = document) {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const inner = find(selector, el.shadowRoot);
        if (inner) return inner;
      }
    }
    return null;
  }
  window.__kmFind = find;

  const frameWindow = () => document.querySelector(IFRAME).contentWindow;

  // Each territory's fill as Leaflet drew it, as one string.
  window.__kmFills = () => {
    const w = frameWindow();
    if (!w || !w.map) return '';
    const out = [];
    for (const l of Object.values(w.map._layers)) {
      if (l.feature && l._path && l._path.isConnected && !l.feature.properties.kind) {
        out.push(l.feature.properties.id + '=' + (l._path.getAttribute('fill') || ''));
      }
    }
    return out.sort().join(',');
  };

  const input = find('input.km-tc-range');
  // Script runs while the pointer is held (a pause of 600 ms would commit): should stay 0.
  window.__kmRunsSeen = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.dataset.testScriptState === 'running') window.__kmRunsSeen += 1;
  }).observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
  let armed = null;
  window.addEventListener('pointermove', (e) => {
    if (armed && armed.move === undefined) armed.move = e.timeStamp;
  }, true);
  input.addEventListener('input', () => {
    if (armed && armed.move !== undefined && armed.input === undefined) {
      armed.input = performance.now();
    }
  }, true);
  const check = () => {
    if (!armed || armed.change !== undefined || armed.move === undefined) return;
    if (window.__kmFills() !== armed.expected) return;
    armed.change = performance.now();
    const sample = armed;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { sample.drawn = performance.now(); done(); };
    channel.port2.postMessage(null);
    requestAnimationFrame(() => { sample.next = performance.now(); done(); });
    function done() {
      if (sample.drawn !== undefined && sample.next !== undefined) sample.resolve(sample);
    }
  };
  new MutationObserver(check).observe(frameWindow().document, {
    subtree: true, attributes: true, attributeFilter: ['fill'],
  });

  window.__kmDragArm = (expected) => {
    window.__kmDragDone = new Promise((resolve, reject) => {
      armed = { expected, resolve };
      setTimeout(() => reject(new Error(
        'the map did not show the expected fills in 5 s; it shows ' + window.__kmFills())), 5000);
    }).then((s) => {
      armed = null;
      return { move: s.move, input: s.input, change: s.change, drawn: s.drawn, next: s.next };
    });
    return true;
  };
  return true;
})
