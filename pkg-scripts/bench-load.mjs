// What a student's first visit costs: the page opened in a fresh headless Chromium (a new
// profile: nothing cached, no service worker yet), unthrottled and with the network throttled to 10 Mbit/s down and up
// and 40 ms of latency (Chromium's own emulation, through the DevTools protocol). For each: the
// time from navigation to the first reconstructions on screen, the bytes of the requests made
// before them, the bytes of everything the page fetched once it is ready and settled, and which
// files (tests/browser.mjs's firstVisit; tests/budget.test.mjs holds the bytes to their budgets).
// Bytes are as received (compressed where the server compresses, as GitHub Pages does).
// Usage: node pkg-scripts/bench-load.mjs [--runs 3] [--query '?backend=cpu'] [--files]
import { serve } from './serve.mjs';
import { firstVisit } from '../tests/browser.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const runs = Number(arg('runs', 3));
const query = arg('query', '');
const listFiles = process.argv.includes('--files');
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const MB = (n) => `${(n / 1e6).toFixed(2)} MB`;

const { server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' });
try {
  for (const throttled of [false, true]) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await firstVisit(url + query, { throttled }));
    const label = throttled ? 'throttled to 10 Mbit/s, 40 ms' : 'unthrottled';
    console.log(`${label}: first reconstructions ${results.map((r) => (r.firstMs / 1000).toFixed(2)).join(', ')} s (median ${(median(results.map((r) => r.firstMs)) / 1000).toFixed(2)} s) after navigation; ` +
      `asked for before them ${MB(median(results.map((r) => r.firstView)))}; everything fetched ${MB(median(results.map((r) => r.total)))} in ${results[0].files.length} requests`);
    if (listFiles) {
      for (const f of [...results[0].files].sort((a, b) => a.start - b.start)) {
        console.log(`  ${String(Math.round(f.start)).padStart(6)}–${String(Math.round(f.end)).padStart(6)} ms ${(f.bytes / 1e3).toFixed(1).padStart(8)} kB  ${f.url.replace(url, '')}`);
      }
    }
  }
} finally {
  server.close();
}
