{#- The service worker of offline reading, written to the site root as sw.js by mkdocs_adapter/offline.py
    (registered by overrides/assets/isacs-offline.js). Context: `enabled`, and `config`: version (a digest
    of the built site: a new build is a new worker), shell (the theme's stylesheets, scripts and icons),
    search ({language: its Pagefind files}), languages (folders of the non-default languages), fallback
    ({language: the offline page's HTML}), root_token (where the fallback pages put the site root's URL).
    With `enabled` false: a worker that deletes the caches and unregisters itself. -#}
// Offline reading of the ISACS & IATG site: written by the build (isacs.mkdocs_adapter.offline); do not edit.
"use strict";
const CONFIG = {{ config|json_script }};
const PREFIX = "isacs-offline-";
const CACHE = PREFIX + CONFIG.version;
const ROOT = new URL("./", self.location.href).href; // this file sits at the site root

function deleteCaches(keep) {
  return caches.keys().then((names) =>
    Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== keep).map((name) => caches.delete(name))));
}
{% if enabled %}

// The cache key of a page or file: its address without query and fragment (Pagefind adds ?ts= to its entry
// file; a filtered finder view is the finder page).
function key(address) {
  const url = new URL(address, ROOT);
  url.search = "";
  url.hash = "";
  return url.href;
}

// Keep a response: only while this version's cache exists (made on install), so a page that switched
// offline reading off and deleted the caches does not see them made again by a late request.
async function store(address, response) {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(key(address), response);
}

// Put each address in the cache unless it is there already; a file that fails is skipped (retried later).
async function keep(addresses) {
  const cache = await caches.open(CACHE);
  await Promise.all(addresses.map(async (address) => {
    if (await cache.match(key(address))) return;
    try {
      const response = await fetch(address, { cache: "no-cache" });
      if (response.status === 200) await cache.put(key(address), response);
    } catch (error) { /* offline or gone: the next visit tries again */ }
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(keep(CONFIG.shell.map((path) => ROOT + path)).then(() => self.skipWaiting()));
});

// A new build's worker takes over at once and drops every other build's cache: pages and assets of an
// older build never mix with this one's.
self.addEventListener("activate", (event) => {
  event.waitUntil(deleteCaches(CACHE).then(() => self.clients.claim()));
});

function searchFiles(lang) {
  const files = CONFIG.search[lang] || CONFIG.search[String(lang).split("-")[0]] || CONFIG.search[CONFIG.default] || [];
  return files.map((path) => ROOT + path);
}

// From isacs-offline.js on every page: keep that page (the first one was loaded before this worker ran)
// and what its language's search needs offline: Pagefind's scripts, the entry file, the WebAssembly,
// the language's metadata and every index chunk. The result fragments are kept as searches fetch them.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "visited" || typeof data.url !== "string" || !data.url.startsWith(ROOT)) return;
  event.waitUntil(keep([data.url, ...searchFiles(data.lang)]));
});

function languageOf(address) {
  const first = address.slice(ROOT.length).split("/")[0];
  return CONFIG.languages.includes(first) ? first : CONFIG.default;
}

// A page never opened on this device, with the network gone: say so in the page's language (503, so
// it is never taken for the page itself).
function offlinePage(address) {
  const html = CONFIG.fallback[languageOf(address)].split(CONFIG.root_token).join(ROOT);
  return new Response(html, {
    status: 503,
    statusText: "Offline",
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'",
      "Cache-Control": "no-store",
    },
  });
}

// Pages: the network first, so a reader online always gets the page as published; the copy kept from
// the last visit when the network fails.
async function page(request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get("Content-Type") || "";
    if (response.status === 200 && type.startsWith("text/html")) await store(request.url, response.clone());
    return response;
  } catch (error) {
    return (await caches.match(key(request.url), { cacheName: CACHE })) || offlinePage(request.url);
  }
}

// The requirement finder's data (finder/requirements.json of each language): like a page, the network
// first and the copy kept from the last visit, so a finder page read before works offline too.
async function data(request) {
  try {
    const response = await fetch(request);
    if (response.status === 200) await store(request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await caches.match(key(request.url), { cacheName: CACHE });
    if (kept) return kept;
    throw error;
  }
}

const FINDER_DATA = /\/finder\/requirements\.json$/;

// Theme assets and search files: the cache first. They belong to this build (its version), so a copy
// kept is the file the server has.
async function asset(request) {
  const kept = await caches.match(key(request.url), { cacheName: CACHE });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.status === 200) await store(request.url, response.clone());
  return response;
}

const ASSET_DESTINATIONS = ["style", "script", "image", "font", "worker"];

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (request.url.startsWith(ROOT + "pagefind/") || ASSET_DESTINATIONS.includes(request.destination)) {
    event.respondWith(asset(request));
  } else if (FINDER_DATA.test(new URL(request.url).pathname)) {
    event.respondWith(data(request));
  }
  // anything else (downloads, other data files) goes to the network as if there were no worker
});
{% else %}

// Offline reading is switched off (plugin option `offline: false`): readers who had the worker lose it and
// its caches at their next visit.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(deleteCaches(null).then(() => self.registration.unregister()));
});
{% endif %}
