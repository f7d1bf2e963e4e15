// Offline reading: registers the service worker (sw.js at the site root, written by the build: see
// src/isacs/mkdocs_adapter/offline.py) and tells it which page and language this is, so the first page
// a reader opens (loaded before the worker could see it) is kept too, with its language's search files.
// data-isacs-offline="off" on this script (plugin option `offline: false`, or `mkdocs serve`): remove any
// worker and cached pages an earlier build left in this browser, and register nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) return;
  // This script is <site root>/assets/isacs-offline.js, whatever the page's depth or the site's base path.
  var root = new URL("../", script.src);
  var CACHE_PREFIX = "isacs-offline-";

  if (script.getAttribute("data-isacs-offline") !== "on") {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) {
        if (registration.scope === root.href) registration.unregister();
      });
    }).catch(function () {});
    if (window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) { if (name.indexOf(CACHE_PREFIX) === 0) caches.delete(name); });
      }).catch(function () {});
    }
    return;
  }

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function (registration) {
      registration.active.postMessage({ type: "visited", url: location.href, lang: document.documentElement.lang });
    })
    // No worker (sw.js missing, storage refused, a private window): the site works online as before.
    .catch(function () {});
})();
