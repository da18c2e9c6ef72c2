// bench/bench_scrub.py's init script: runs at the start of a measured page and records in
// window.__kmMarks when things happened, as epoch milliseconds (performance.timeOrigin +
// performance.now(), the wall clock Python's time.time() reads too), so that the page, the map
// frame and the server's process start share one time line.
// window.__kmStateFills (the administering states' fills) is set just before this script.
(() => {
  if (window.top !== window) return;  // frames are watched from the page
  const epoch = () => performance.timeOrigin + performance.now();
  const marks = (window.__kmMarks = { navStart: performance.timeOrigin });

  // The frame that paints what is in the DOM now: the next animation frame's start.
  const painted = (fn) => requestAnimationFrame(() => fn(epoch()));

  {
    // The websocket: when it opened and when its first message came.
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('open', () => { marks.wsOpen ??= epoch(); });
        this.addEventListener('message', () => { marks.wsFirstMessage ??= epoch(); });
      }
    };
    // The script state: the first run's start and end, as the page sees them.
    new MutationObserver(() => {
      const app = document.querySelector('[data-testid="stApp"]');
      const state = app && app.dataset.testScriptState;
      if (state === 'running') marks.scriptRunning ??= epoch();
      if (state === 'notRunning' && marks.scriptRunning) marks.scriptDone ??= epoch();
    }).observe(document, {
      subtree: true, attributes: true, attributeFilter: ['data-test-script-state'],
    });
    // The floor page's text.
    const floor = new MutationObserver(() => {
      const el = document.querySelector('[data-testid="stText"]');
      if (el && el.innerText.trim().startsWith('floor value')) {
        floor.disconnect();
        marks.textDom = epoch();
        painted((t) => { marks.textPainted = t; });
      }
    });
    floor.observe(document, { subtree: true, childList: true, characterData: true });
    watchTheMap();
    return;
  }

  // The map frame: the first island drawn in an administering state's colour. Watched from
  // the page (the frame is same-origin): the frame's window outlives its first, blank document,
  // so a script of the frame's own would not see the map's document.
  function watchTheMap() {
    const fills = window.__kmStateFills || [];
    let watched = null;
    const coloured = (doc) => [...doc.querySelectorAll('path.leaflet-interactive')]
      .some((p) => fills.includes((p.getAttribute('fill') || '').toUpperCase()));
    const seen = (frame) => {
      if (marks.mapDom) return;
      marks.mapDom = epoch();
      const w = frame.contentWindow;
      marks.frameStart = w.performance.timeOrigin;
      painted((t) => {
        marks.mapPainted = t;
        marks.frameResources = w.performance.getEntriesByType('resource').map((r) => ({
          name: r.name.split('/').pop().split('?')[0],
          start: w.performance.timeOrigin + r.startTime,
          end: w.performance.timeOrigin + r.responseEnd,
          bytes: r.transferSize,
        }));
      });
    };
    const look = () => {
      if (marks.mapDom) return;
      const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
      if (frame) marks.iframeInserted ??= epoch();
      const doc = frame && frame.contentDocument;
      if (doc && doc.location.pathname.includes('streamlit_folium')) {
        if (coloured(doc)) { seen(frame); return; }
        if (watched !== doc) {
          watched = doc;
          new frame.contentWindow.MutationObserver(() => { if (coloured(doc)) seen(frame); })
            .observe(doc, { subtree: true, childList: true, attributes: true,
              attributeFilter: ['fill'] });
        }
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }
})();
