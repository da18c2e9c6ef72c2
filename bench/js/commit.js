// bench/bench_scrub.py: the page following a committed change. Installed in a measured page
// once it has settled.
//
// __kmSignature(kind): what the page shows now. app: the title, the history panels (era,
//   events, status: drawn by the page's own component, in a shadow root) and the excerpt
//   panel ("Sources:" header and the start of every block under it: each element, and each
//   box of the element that holds the clauses and excerpts); floor: its one text.
// __kmArm(kind, expected): the next commit starts the clock (app: the pointer's release on the
//   time control; floor: the key press on its slider, each press is a commit); __kmDone then
//   resolves once the page shows `expected`, with nothing stale, at the start of the animation
//   frame that paints it: {startAt, metAt (the page's last change before), paintAt, partAt:
//   {part: ms after the start, to the change that showed it}}.
(() => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

  function shadowAll(selector, root = document, out = []) {
    root.querySelectorAll(selector).forEach((e) => out.push(e));
    root.querySelectorAll('*').forEach((e) => { if (e.shadowRoot) shadowAll(selector, e.shadowRoot, out); });
    return out;
  }

  function title() {
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    return h1 ? norm(h1.innerText) : null;
  }
  function panels() {
    return shadowAll('.km-panels').map((p) => norm(p.innerText)).join(' | ');
  }
  function excerpts() {
    const head = [...document.querySelectorAll('[data-testid="stHeading"]')]
      .find((h) => norm(h.innerText).startsWith('Sources:'));
    if (!head) return null;
    const blocks = [];
    let node = head.closest('[data-testid="stElementContainer"]').nextElementSibling;
    for (; node; node = node.nextElementSibling) {
      const stale = node.dataset.stale === 'true' || !!node.querySelector('[data-stale="true"]');
      // The clauses and excerpts are one element: each of its boxes counts as a block.
      const boxes = [...node.querySelectorAll('.km-src-block')];
      (boxes.length ? boxes : [node]).forEach((b) => {
        blocks.push({ text: norm(b.innerText).slice(0, 60), stale });
      });
    }
    const box = head.closest('[data-testid="stElementContainer"]');
    return { header: norm(head.innerText), headStale: box.dataset.stale === 'true', blocks };
  }
  function floorText() {
    const el = document.querySelector('[data-testid="stText"]');
    if (!el) return null;
    const box = el.closest('[data-testid="stElementContainer"]');
    return { text: norm(el.innerText), stale: !!box && box.dataset.stale === 'true' };
  }

  window.__kmSignature = (kind) => (kind === 'app'
    ? { title: title(), panels: panels(), excerpts: excerpts() }
    : { floor: floorText() });

  const freshBlocks = (p, exp) => !!p && !p.headStale && p.header === exp.header
    && p.blocks.length === exp.blocks.length
    && p.blocks.every((b, i) => !b.stale && b.text === exp.blocks[i].text);
  const parts = {
    app: {
      title: (exp) => title() === exp.title,
      panels: (exp) => panels() === exp.panels,
      excerpts: (exp) => freshBlocks(excerpts(), exp.excerpts),
    },
    floor: {
      text: (exp) => { const t = floorText(); return !!t && !t.stale && t.text === exp.floor.text; },
    },
  };
  const START = { app: 'pointerup', floor: 'keydown' };

  // The checks read the page's text (innerText lays the page out), so they run once per
  // animation frame, and only after something changed: run on every mutation, as they once
  // were, they added layouts to the app's page that the floor's one text does not need, and
  // counted that work of the probe's own as the app's.
  window.__kmArm = (kind, exp) => {
    const checks = parts[kind];
    window.__kmDone = new Promise((resolve, reject) => {
      let startAt = null; let changedAt = null; let dirty = true;
      const partAt = {}; const observers = [];
      const stop = () => { observers.forEach((o) => o.disconnect()); clearTimeout(timer); };
      // At the start of a frame: if the page now shows `exp`, this frame paints it.
      function tick(frameAt) {
        if (dirty) {
          dirty = false;
          const now = performance.now();
          for (const [name, ok] of Object.entries(checks)) {
            if (!(name in partAt) && ok(exp)) partAt[name] = (changedAt ?? now) - startAt;
          }
          if (Object.values(checks).every((ok) => ok(exp))) {  // all at once, too
            stop();
            resolve({ startAt, metAt: changedAt ?? now, paintAt: now, frameAt, partAt });
            return;
          }
        }
        requestAnimationFrame(tick);
      }
      window.addEventListener(START[kind], (e) => {
        startAt = e.timeStamp; dirty = true; requestAnimationFrame(tick);
      }, { capture: true, once: true });
      // Only when the page last changed (the content is in place from then on).
      const mo = new MutationObserver(() => {
        if (startAt !== null) { changedAt = performance.now(); dirty = true; }
      });
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      observers.push(mo);
      const timer = setTimeout(() => { stop(); reject(new Error(
        'no match in 20 s; wanted ' + JSON.stringify(exp) + ' saw '
        + JSON.stringify(window.__kmSignature(kind)))); }, 20000);
    });
    return true;
  };
  return true;
})
