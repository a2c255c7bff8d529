// Shared by the end-to-end tests, the screenshots and the benchmark: serve the repository on
// localhost and drive Debian's Chromium (WebGPU on, software adapter where there is no GPU).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../pkg-scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--disable-gpu-sandbox', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--ignore-gpu-blocklist',
];

/** How Chromium is launched: Debian's (or $CHROMIUM), headless, with CHROMIUM_ARGS. */
const LAUNCH = () => ({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });

/**
 * Chromium without a profile, for contexts of their own (a phone's viewport, touch and
 * `isMobile`, which a persistent context fixes once): a playwright Browser.
 */
export function launchBrowser() {
  return chromium.launch(LAUNCH());
}

/**
 * Chromium with a profile of its own (nothing cached, no service worker): `{context, close()}`;
 * `close` deletes the profile.
 */
export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { ...LAUNCH(), viewport: { width: 1200, height: 900 } });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the server (under a sub-path, as on GitHub Pages; serving `root`, the repository by
 * default) and Chromium.
 */
export async function start({ prefix = '/autoencoder-playground/', root = undefined } = {}) {
  const { server, url } = await serve({ port: 0, prefix, root });
  const browser = await launch();
  return {
    url,
    context: browser.context,
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

/** Opens the page with a query string; collects console errors and page errors. */
export async function openPage(ctx, query = '') {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(ctx.url + query);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 120_000 });
  return { page, errors };
}

/** Waits until the latent lab has drawn its first map (its `data-ready`), which follows the first views. */
export function latentLabReady(page, timeout = 300_000) {
  return page.waitForFunction(() => document.getElementById('latent-lab').dataset.ready === 'true', null, { timeout });
}

/** The reconstruction grid's cells as 784 grey values in [0, 1], row by row. */
export async function gridCells(page) {
  return page.evaluate(() => {
    const c = document.getElementById('recon-grid');
    const ctx = c.getContext('2d');
    const ratio = c.width / parseFloat(c.style.width);
    const scale = 2, cell = 28 * scale, gap = 4, labelWidth = 210;
    const rows = [];
    for (let r = 0; r < 4; r++) {
      const row = [];
      for (let i = 0; i < 12; i++) {
        const x0 = labelWidth + i * (cell + gap), y0 = r * (cell + gap);
        const px = new Array(784);
        for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
          const d = ctx.getImageData(Math.floor((x0 + x * scale + 1) * ratio), Math.floor((y0 + y * scale + 1) * ratio), 1, 1).data;
          px[y * 28 + x] = d[0] / 255;
        }
        row.push(px);
      }
      rows.push(row);
    }
    return rows;
  });
}

export function mse(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

/** Waits until the denoising lab has run more than `since` times and has nothing queued. */
export async function labSettled(page, since) {
  await page.waitForFunction((n) => {
    const root = document.getElementById('denoising-lab');
    return Number(root.dataset.runs || 0) > n && !root.dataset.busy;
  }, since, { timeout: 60_000 });
}

/** How many times the denoising lab has run. */
export const labRuns = (page) => page.evaluate(() => Number(document.getElementById('denoising-lab').dataset.runs || 0));

/** A mouse stroke through `points` given as fractions of the element's box. */
export async function stroke(page, selector, points) {
  const box = await page.locator(selector).boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

/**
 * A student's first visit in a fresh profile (nothing cached, no service worker yet), optionally
 * with the network throttled (`throttled`: 10 Mbit/s down and up, 40 ms, Chromium's own
 * emulation): every request of the page and its workers with the bytes received for it (body
 * and headers, compressed as served), when it started and ended (ms after navigation), and the
 * time of the first reconstructions on screen. `firstFiles` are the requests started before
 * those reconstructions (what the first view asked for) and `firstView` their bytes; `total` the bytes of every request
 * until the page is ready and settled (no call to its worker in flight, no request in flight).
 * @param {string} url the page's address, with its query
 * @param {{throttled?: boolean}} [options]
 */
export async function firstVisit(url, { throttled = false } = {}) {
  const browser = await launch();
  const { context } = browser;
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Dedicated workers' requests go through the page's network emulation.
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 });
    }
    /** @type {{url: string, bytes: number, start: number, end: number}[]} */
    const files = [];
    let inFlight = 0;
    /** @type {(() => void)[]} waiting for no request in flight */
    const drained = [];
    const t0 = Date.now();
    /** @type {Map<import('playwright-core').Request, number>} */
    const started = new Map();
    page.on('request', (request) => { inFlight++; started.set(request, Date.now() - t0); });
    const done = async (/** @type {import('playwright-core').Request} */ request) => {
      const end = Date.now() - t0;
      let bytes = 0;
      try {
        const sizes = await request.sizes();
        bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      } catch { /* a request without a response */ }
      files.push({ url: request.url(), bytes, start: started.get(request) ?? end, end });
      if (--inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('first-reconstructions').length > 0, null, { timeout: 300_000 });
    const firstMs = await page.evaluate(() => performance.getEntriesByName('first-reconstructions')[0].startTime);
    const navigationLag = await page.evaluate(() => performance.timeOrigin) - t0;
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 600_000 });
    await page.evaluate(() => window.playground.ready);
    await page.evaluate(() => window.playground.settled());
    if (inFlight > 0) await new Promise((resolve) => { drained.push(() => resolve(undefined)); });
    const readyMs = Date.now() - t0;
    const firstAt = firstMs + navigationLag;
    const sum = (/** @type {typeof files} */ list) => list.reduce((s, f) => s + f.bytes, 0);
    const firstFiles = files.filter((f) => f.start <= firstAt);
    return { firstMs, readyMs, firstView: sum(firstFiles), total: sum(files), files, firstFiles };
  } finally {
    await browser.close();
  }
}

/**
 * The lab's worker (`…/worker.js`) through a page's DevTools session: the session attaches to the
 * page's workers (auto-attach, not flattened), and each command to the worker travels as a
 * message through `Target.sendMessageToTarget`. A worker restarted after a crash is followed.
 * Resolves, once the worker is attached, to `send(method, params)`, which resolves to the
 * command's result.
 * @param {import('playwright-core').CDPSession} cdp the page's session
 * @returns {Promise<(method: string, params?: object) => Promise<any>>}
 */
export async function labWorker(cdp) {
  /** @type {string | null} */
  let session = null;
  let attached = () => {};
  const found = new Promise((resolve) => { attached = resolve; });
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && e.targetInfo.url.endsWith('/worker.js')) { session = e.sessionId; attached(); }
  });
  cdp.on('Target.detachedFromTarget', (e) => { if (e.sessionId === session) session = null; });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const send = (/** @type {string} */ method, params = {}) => new Promise((resolve, reject) => {
    if (!session) { reject(new Error("the lab's worker is not attached")); return; }
    const id = nextId++;
    waiting.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    cdp.send('Target.sendMessageToTarget', { sessionId: session, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await found;
  return send;
}
