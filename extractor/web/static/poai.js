// poai: follows a read in progress (the list and POA pages) and reloads the page when it ends.
"use strict";
(function () {
  var box = document.getElementById("lectura");
  if (!box || box.dataset.leyendo !== "1") { return; }
  var url = box.dataset.estado;
  function poll() {
    fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (estado) {
        if (!estado.leyendo) { window.location.reload(); return; }
        var bar = document.getElementById("lectura-barra");
        var text = document.getElementById("lectura-texto");
        var current = document.getElementById("lectura-actual");
        if (bar) { bar.max = Math.max(estado.total, 1); bar.value = estado.hechos; }
        if (text) { text.textContent = estado.hechos + " de " + (estado.total || "?"); }
        if (current) { current.textContent = estado.actual || ""; }
        window.setTimeout(poll, 700);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 500);
})();
