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
// - Cross-origin isolation: every response it serves carries the headers GitHub Pages cannot
//   send (COOP same-origin, COEP require-corp), so the pages it controls (from the second visit
//   on) may share memory between threads: the worker then runs the CPU backends on the threaded
//   module. The page loads nothing from other origins, so nothing is blocked by them.
// - A new deploy installs beside the old version and waits; the page offers the update and sends
//   'activate' when the student accepts, then the old version's cache is deleted.
/* global importScripts */
importScripts('pkg/precache.js');

/** @type {{version: string, files: string[], onceUsed: string}} */
const PRECACHE = /** @type {any} */ (self).PRECACHE;
const CACHE = `autoencoder-playground-${PRECACHE.version}`;
const PREFIX = 'autoencoder-playground-';
// Files fetched only when a student asks for them, kept once fetched: the full and threaded
// modules and the Fashion-MNIST data set (pkg-scripts/precache.mjs, ONCE_USED).
const ONCE_USED = new RegExp(PRECACHE.onceUsed);

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

/**
 * The response with the cross-origin isolation headers added (a same-origin response; anything
 * else, such as a redirect, passes as it is).
 * @param {Response} response
 */
function isolated(response) {
  if (response.type !== 'basic' && response.type !== 'default') return response;
  if ([0, 101, 204, 205, 206, 304].includes(response.status)) return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (/** @type {any} */ event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page's address carries its settings in the query: any of them is the one page.
    const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (hit) return isolated(hit);
    const response = await fetch(request);
    if (response.ok && ONCE_USED.test(url.pathname)) await cache.put(request, response.clone());
    return isolated(response);
  })());
});
