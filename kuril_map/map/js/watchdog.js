// The first script the map frame loads, inline (a data: URI, so it cannot fail to load itself;
// kuril_map/map/component.py). streamlit-folium loads the frame's scripts one after another
// and gives up at the first that fails, leaving the frame empty at height 0: a map that is
// silently missing. If a later script cannot load (Leaflet or the frame's own script, behind
// a proxy that does not pass the app's files, say), this says so in the frame instead, in the
// page's language, and gives the frame a height to show it. The words come after '#' in this
// script's own address, which the browser ignores when it runs a data: URI.
(function () {
  if (window.kmWatchdog) {
    return;
  }
  window.kmWatchdog = true;
  var text = 'The map could not load ({error}).';
  var own = document.currentScript ? document.currentScript.src : '';
  var hash = own.indexOf('#');
  if (hash >= 0) {
    try {
      text = decodeURIComponent(own.slice(hash + 1)) || text;
    } catch (e) { /* keep the English words */ }
  }

  function fileName(src) {
    if (!src || src.indexOf('data:') === 0) {
      return 'an inline script';
    }
    return src.split('#')[0].split('?')[0].split('/').pop();
  }

  function setHeight(px) {
    if (window.Streamlit && window.Streamlit.setFrameHeight) {
      window.Streamlit.setFrameHeight(px);
    } else {
      window.parent.postMessage(
        { isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height: px }, '*');
    }
  }

  window.addEventListener('error', function (event) {
    var el = event.target;
    if (!el || el.tagName !== 'SCRIPT' || window.kmFrameFailed) {
      return;  // an error of a running script, or already said
    }
    window.kmFrameFailed = true;
    var box = document.createElement('div');
    box.className = 'km-frame-failed';
    box.setAttribute('role', 'alert');
    box.textContent = text.replace('{error}', 'could not load ' + fileName(el.src));
    box.style.cssText = 'margin: 8px 0; padding: 10px 12px; border-radius: 4px; ' +
      'background: #fff3cd; color: #1f2328; font: 15px/1.5 sans-serif;';
    // First in the frame: the empty map's own boxes (600 px high) come after it, cut off.
    document.body.insertBefore(box, document.body.firstChild);
    setHeight(box.offsetHeight + 20);
  }, true);  // capture: a script's load error does not bubble
})();
