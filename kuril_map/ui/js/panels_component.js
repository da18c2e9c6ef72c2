// The panels on the Streamlit page (a components-v2 component): drawn by kmRenderPanels
// (panels.js) from the time bundle for the page's day, and again for each day the time control
// passes through while the user drags it, with no message to the server.
window.kmPanelsComponent = function (component) {
  const { data, parentElement } = component;
  const host = parentElement;
  host.__kmView = data.view;
  let box = host.__kmBox;
  if (!box) {
    box = document.createElement('div');
    box.className = 'km-panels';
    host.appendChild(box);
    host.__kmBox = box;
  }
  function draw(date) {
    window.kmBundle(data.url).then(function (bundle) {
      const view = Object.assign({}, host.__kmView, date ? { date: date } : {});
      window.kmRenderPanels(box, bundle, view, data.parts);
    }).catch(function (err) {
      box.textContent = data.failed.replace('{error}', err.message);
    });
  }
  if (host.__kmListen) {
    window.removeEventListener('km:date', host.__kmListen);
  }
  host.__kmListen = function (event) { draw(event.detail); };
  window.addEventListener('km:date', host.__kmListen);
  draw(null);
  host.__kmCleanup = function () {
    window.removeEventListener('km:date', host.__kmListen);
  };
};
