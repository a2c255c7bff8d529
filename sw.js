// The page's service worker: after a first visit the page works offline. It sits at the top of
// the site because a service worker controls only the pages at or below its own folder (and
// GitHub Pages cannot send the header that would let one in www/ reach further up).
//
// - Install: caches every file of this version (`pkg/precache.js`, written by pkg-scripts/build:
//   the page, its scripts, the CPU module, the digits and the 8-bit weights) in a cache named by
//   the version, revalidating each against the server (a file the visit just fetched costs a
//   304). The page registers it only once it is ready, so it never competes with the first load.
// - Fetch: the site's own files from this version's cache first, else from the network (the
//   full module, with WebGPU and burn-flex, and the Fashion-MNIST data set are cached the first
//   time the page fetches them).
// - A new deploy installs beside the old version and waits; the page offers the update and sends
//   'activate' when the student accepts, then the old version's cache is deleted.
/* global importScripts */
importScripts('pkg/precache.js');

/** @type {{version: string, files: string[]}} */
const PRECACHE = /** @type {any} */ (self).PRECACHE;
const CACHE = `autoencoder-playground-${PRECACHE.version}`;
const PREFIX = 'autoencoder-playground-';
// Files fetched only when a student asks for them, kept once fetched: the full module and the
// Fashion-MNIST data set.
const ONCE_USED = /\/pkg\/full\/|\/www\/data\/fashion-(train|test)\.bin\.gz$/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE.files.map((f) => new Request(f, { cache: 'no-cache' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await /** @type {any} */ (self).clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate') /** @type {any} */ (self).skipWaiting();
});

self.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page's address carries its settings in the query: any of them is the one page.
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok && ONCE_USED.test(url.pathname)) await cache.put(request, response.clone());
    return response;
  })());
});
