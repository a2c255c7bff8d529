// Screenshots of the page for the README, on each backend, made in headless Chromium.
// Usage: node pkg-scripts/screenshots.mjs [out-dir=docs/screenshots]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage } from '../tests/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(ROOT, process.argv[2] ?? 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });

const ctx = await start();
try {
  for (const [backend, steps] of [['cpu', 60], ['webgpu', 3]]) {
    const { page } = await openPage(ctx, `?backend=${backend}`);
    // A few more steps on the pretrained standard autoencoder, so the loss curve and the
    // training table have something to show.
    await page.evaluate((steps) => window.playground.train({ model: 'standard', steps }), steps);
    const file = path.join(out, `page-${backend}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${path.relative(ROOT, file)}`);
    await page.close();
  }
} finally {
  await ctx.stop();
}
