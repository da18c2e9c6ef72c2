// The map frame's second script, inline (a data: URI; kuril_map/map/component.py). streamlit-
// folium loads the frame's scripts one after another and only then its stylesheets, and the
// frame's own script asks for the shapes and the time bundle only once it runs: five requests
// in a row. This starts them all at once, as soon as the frame has streamlit-folium's code:
// the later scripts and stylesheets as preloads (the browser then takes them from its cache),
// the two data files as fetches whose parsed result map.js takes (window.kmPrefetched). The
// addresses come after '#' in this script's own address, as JSON.
(function () {
  var own = document.currentScript ? document.currentScript.src : '';
  var hash = own.indexOf('#');
  var files;
  try {
    files = JSON.parse(decodeURIComponent(own.slice(hash + 1)));
  } catch (e) {
    return;  // no list: the frame loads everything as before
  }
  function preload(url, kind) {
    var link = document.createElement('link');
    link.rel = 'preload';
    link.as = kind;
    link.href = url;
    document.head.appendChild(link);
  }
  (files.scripts || []).forEach(function (url) { preload(url, 'script'); });
  (files.styles || []).forEach(function (url) { preload(url, 'style'); });
  window.kmPrefetched = window.kmPrefetched || {};
  (files.data || []).forEach(function (url) {
    var parsed = fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    });
    parsed.catch(function () {});  // map.js reports a failure when it takes the result
    window.kmPrefetched[url] = parsed;
  });
})();
