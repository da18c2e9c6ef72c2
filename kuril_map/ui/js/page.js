// Shared by the page's components (time_component.js, panels_component.js): the time bundle,
// fetched once per page whichever component asks first, and the day the user is looking at,
// sent to the panels and to the main map while the time control moves.
(function (root) {
  if (root.kmBundle) {
    return;
  }
  var bundles = {};

  root.kmBundle = function (url) {
    if (!bundles[url]) {
      bundles[url] = fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status + ' for ' + url);
        }
        return response.json();
      });
      bundles[url].catch(function () { delete bundles[url]; });  // try again next time
    }
    return bundles[url];
  };

  // The main map redraws in place; the panels listen for 'km:date'. A compared map keeps its
  // own day.
  // `stop`: the event the user stepped or played to, if any (the map may frame it).
  root.kmBroadcastDate = function (iso, stop) {
    root.kmPageDate = iso;
    root.dispatchEvent(new CustomEvent('km:date', { detail: iso }));
    document.querySelectorAll('iframe').forEach(function (frame) {
      try {
        var w = frame.contentWindow;
        if (w && w.kmSetDate && w.KM_ROLE === 'main') {
          w.kmSetDate(iso, stop);
        }
      } catch (e) { /* a frame of another origin */ }
    });
  };
})(window);
