// The components' own module (what Streamlit sends with each component, so kept small): it
// loads the page script once (a static file: the date helpers, the time control, the panels
// and their Streamlit glue), then hands the component to the function named in data.entry.
export default function (component) {
  const { data, parentElement } = component;
  if (!window.kmPageScript) {
    window.kmPageScript = new Promise(function (resolve, reject) {
      const script = document.createElement('script');
      script.src = data.script;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('could not load ' + data.script)); };
      document.head.appendChild(script);
    });
    window.kmPageScript.catch(function () { window.kmPageScript = null; });  // retry later
  }
  window.kmPageScript.then(function () {
    window[data.entry](component);
  }).catch(function (err) {
    parentElement.textContent = data.failed.replace('{error}', err.message);
  });
  return function () {
    if (parentElement.__kmCleanup) {
      parentElement.__kmCleanup();
    }
  };
}
