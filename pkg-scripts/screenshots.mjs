// Screenshots of the page for the README, made in headless Chromium (on a machine without a
// GPU, WebGPU there is SwiftShader, a software adapter).
// Usage: node pkg-scripts/screenshots.mjs [out-dir=docs/screenshots]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage, labSettled, labRuns, stroke } from '../tests/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(ROOT, process.argv[2] ?? 'docs/screenshots');
fs.mkdirSync(out, { recursive: true });
const wrote = (file) => console.log(`wrote ${path.relative(ROOT, file)}`);

/** Runs `fn` and waits for the denoising lab to catch up. */
async function labStep(page, fn) {
  const n = await labRuns(page);
  await fn();
  await labSettled(page, n);
}

const ctx = await start();
try {
  for (const [backend, steps] of [['cpu', 60], ['webgpu', 3]]) {
    const { page } = await openPage(ctx, `?backend=${backend}`);
    await labSettled(page, 0);
    // A few more steps on the pretrained standard autoencoder, so the loss curve and the
    // training table have something to show.
    await page.evaluate((steps) => window.playground.train({ model: 'standard', steps }), steps);
    const file = path.join(out, `page-${backend}.png`);
    await page.screenshot({ path: file, fullPage: true });
    wrote(file);
    await page.close();
  }

  const { page } = await openPage(ctx, '?backend=cpu');
  await labSettled(page, 0);
  const lab = page.locator('#denoising-lab');
  // Drawing: a hand-drawn 4, the mask brush across it.
  await labStep(page, () => page.click('#sketch-clear'));
  await labStep(page, () => stroke(page, '#sketch', [[0.3, 0.15], [0.22, 0.55], [0.72, 0.55]]));
  await labStep(page, () => stroke(page, '#sketch', [[0.6, 0.2], [0.58, 0.88]]));
  await page.click('[data-tool="mask"]');
  await labStep(page, () => stroke(page, '#damage', [[0.2, 0.45], [0.8, 0.45]]));
  await lab.screenshot({ path: path.join(out, 'lab-drawing.png') });
  wrote(path.join(out, 'lab-drawing.png'));
  // A grey patch on a test digit.
  await labStep(page, () => page.locator('#recon-grid').click({ position: { x: 210 + 2 * 60 + 28, y: 28 } }));
  await labStep(page, () => page.click('#damage-clear'));
  await page.click('[data-tool="patch"]');
  await labStep(page, () => stroke(page, '#damage', [[0.45, 0.4], [0.5, 0.45]]));
  await lab.screenshot({ path: path.join(out, 'lab-patch.png') });
  wrote(path.join(out, 'lab-patch.png'));
  // The notebook's dropout noise.
  await labStep(page, () => page.click('#damage-clear'));
  await labStep(page, () => page.$eval('#lab-dropout', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); }));
  await lab.screenshot({ path: path.join(out, 'lab-dropout.png') });
  wrote(path.join(out, 'lab-dropout.png'));
  await page.close();
} finally {
  await ctx.stop();
}
