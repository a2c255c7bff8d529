// What a student's first visit costs: the page opened in a fresh headless Chromium (a new
// profile: nothing cached, no service worker yet), unthrottled and with the network throttled to 10 Mbit/s down and up
// and 40 ms of latency (Chromium's own emulation, through the DevTools protocol). For each: the
// time from navigation to the first reconstructions on screen, the bytes received before them,
// the bytes of everything the page fetched once it is ready and quiet, and which files.
// Bytes are as received (compressed where the server compresses, as GitHub Pages does).
// Usage: node pkg-scripts/bench-load.mjs [--runs 3] [--query '?backend=cpu'] [--files]
import { serve } from './serve.mjs';
import { launch } from '../tests/browser.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const runs = Number(arg('runs', 3));
const query = arg('query', '');
const listFiles = process.argv.includes('--files');
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const MB = (n) => `${(n / 1e6).toFixed(2)} MB`;

/** Milliseconds of quiet (no request in flight or finished) after which the page is idle. */
const QUIET_MS = 3000;

/**
 * One first visit.
 * @param {string} url
 * @param {boolean} throttled
 */
async function visit(url, throttled) {
  const browser = await launch();
  const { context } = browser;
  try {
    const page = context.pages()[0] ?? await context.newPage();
    if (process.env.AEP_DEBUG) page.on('console', (m) => console.log('console:', m.text()));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Dedicated workers' requests go through the page's network emulation.
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8,
      });
    }
    /** @type {{url: string, bytes: number, end: number}[]} */
    const got = [];
    let inFlight = 0;
    let last = Date.now();
    /** @type {Map<import('playwright-core').Request, number>} */
    const started = new Map();
    page.on('request', (request) => { inFlight++; last = Date.now(); started.set(request, last); });
    const done = async (/** @type {import('playwright-core').Request} */ request) => {
      const end = Date.now();
      let bytes = 0;
      try {
        const sizes = await request.sizes();
        bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      } catch { /* a request without a response */ }
      got.push({ url: request.url(), bytes, start: (started.get(request) ?? end) - t0, end });
      inFlight--;
      last = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    const start = Date.now();
    const t0 = start;
    await page.goto(url + query);
    await page.waitForFunction(() => performance.getEntriesByName('first-reconstructions').length > 0, null, { timeout: 300_000 });
    const first = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('first-reconstructions')[0].startTime);
    const firstMs = await page.evaluate(() => performance.getEntriesByName('first-reconstructions')[0].startTime);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 600_000 });
    await page.evaluate(() => window.playground.ready);
    while (inFlight > 0 || Date.now() - last < QUIET_MS) await new Promise((r) => setTimeout(r, 200));
    const before = got.filter((r) => r.end <= first).reduce((s, r) => s + r.bytes, 0);
    const total = got.reduce((s, r) => s + r.bytes, 0);
    for (const f of got) f.end -= t0;
    return { firstMs, before, total, readyMs: last - start, files: got };
  } finally {
    await browser.close();
  }
}

const { server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' });
try {
  for (const throttled of [false, true]) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await visit(url, throttled));
    const label = throttled ? 'throttled to 10 Mbit/s, 40 ms' : 'unthrottled';
    console.log(`${label}: first reconstructions ${results.map((r) => (r.firstMs / 1000).toFixed(2)).join(', ')} s (median ${(median(results.map((r) => r.firstMs)) / 1000).toFixed(2)} s) after navigation; ` +
      `received before them ${MB(median(results.map((r) => r.before)))}; everything fetched ${MB(median(results.map((r) => r.total)))} in ${results[0].files.length} requests`);
    if (listFiles) {
      for (const f of [...results[0].files].sort((a, b) => a.start - b.start)) {
        console.log(`  ${String(Math.round(f.start)).padStart(6)}–${String(Math.round(f.end)).padStart(6)} ms ${(f.bytes / 1e3).toFixed(1).padStart(8)} kB  ${f.url.replace(url, '')}`);
      }
    }
  }
} finally {
  server.close();
}
