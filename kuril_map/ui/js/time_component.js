// The time control on the Streamlit page (a components-v2 component, in the page itself, so
// keyboards and screen readers reach it like any other control). It builds kmTimeControl
// (time_control.js) once, shows the page's day after each rerun, and tells Streamlit the day
// the user settled on (state value "date"), so the panels, the address and the excerpts follow.
window.kmTimeComponent = function (component) {
  const { data, parentElement, setStateValue } = component;
  const host = parentElement;
  host.__kmSetState = setStateValue;  // the newest one: earlier closures may be stale
  window.kmBundle(data.url).then(function (bundle) {
    if (host.__kmControl && host.__kmLang !== data.lang) {
      host.__kmControl.destroy();  // another language: build it again with its words
      host.__kmControl = null;
    }
    if (!host.__kmControl) {
      const box = document.createElement('div');
      host.appendChild(box);
      host.__kmLang = data.lang;
      host.__kmControl = window.kmTimeControl(box, {
        bundle: bundle,
        date: data.date,
        lang: data.lang,
        text: data.text,
        onInput: function (iso, stop) { window.kmBroadcastDate(iso, stop); },
        onCommit: function (iso) { host.__kmSetState('date', iso); }
      });
      window.kmPageDate = data.date;
    } else {
      host.__kmControl.set(data.date);
    }
  }).catch(function (err) {
    host.textContent = data.text.failed.replace('{error}', err.message);
  });
};
