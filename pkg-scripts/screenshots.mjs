// Screenshots of the page for the documentation (docs/), made in headless Chromium (on a machine without a
// GPU, WebGPU there is SwiftShader, a software adapter).
// Usage: node pkg-scripts/screenshots.mjs [out-dir=docs/screenshots] [--only first|builder|manifold|superres|transforms|data|phone|pt|page|anomaly]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPage, labSettled, labRuns, stroke, launchBrowser, latentLabReady } from '../tests/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--only');
const out = path.resolve(ROOT, positional[0] ?? 'docs/screenshots');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
fs.mkdirSync(out, { recursive: true });
const wrote = (file) => console.log(`wrote ${path.relative(ROOT, file)}`);

/** Runs `fn` and waits for the denoising lab to catch up. */
async function labStep(page, fn) {
  const n = await labRuns(page);
  await fn();
  await labSettled(page, n);
}

/** Runs `fn` and waits for `dataset[key]` of element `id` to grow. */
async function grows(page, id, key, fn) {
  const n = await page.evaluate(([i, k]) => Number(document.getElementById(i).dataset[k] || 0), [id, key]);
  await fn();
  await page.waitForFunction(([i, k, m]) => Number(document.getElementById(i).dataset[k] || 0) > m, [id, key, n], { timeout: 300_000 });
}

/** The model builder: the kernels of both shipped models, the capacity sweep, PCA. */
async function builderShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu&sweepSteps=100');
  await latentLabReady(page);
  // The builder scores and draws only once it is on screen.
  await page.locator('#kernel-part').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /standard/.test(document.getElementById('kernel-stats').textContent));
  const shot = async (id, name) => {
    const file = path.join(out, name);
    await page.locator(`#${id}`).screenshot({ path: file });
    wrote(file);
  };
  await shot('kernel-part', 'builder-kernels-standard.png');
  await page.selectOption('#kernel-model', 'denoising');
  await page.waitForFunction(() => /denoising/.test(document.getElementById('kernel-stats').textContent));
  await shot('kernel-part', 'builder-kernels-denoising.png');
  await page.click('#sweep');
  await page.waitForFunction(() => /^done/.test(document.getElementById('sweep-status').textContent), null, { timeout: 600_000 });
  await shot('capacity-part', 'builder-capacity.png');
  const name = await pcaShot(page, shot, 'builder-pca.png');
  await page.selectOption('#kernel-model', name);
  await page.waitForFunction((n) => document.getElementById('kernel-stats').textContent.startsWith(n), name);
  await page.waitForFunction(() => /dB/.test(document.querySelector('#model-table tbody tr:last-child .psnr')?.textContent ?? ''));
  await shot('builder', 'builder.png');
  await page.close();
}

/**
 * PCA against a linear tied model built from the preset and trained 940 steps; returns its name.
 * @returns {Promise<string>}
 */
async function pcaShot(page, shot, file) {
  await page.click('[data-preset="pca"]');
  await page.click('#build');
  await page.waitForFunction(() => window.playground.models().length === 3);
  const name = await page.evaluate(() => window.playground.models()[2].name);
  await page.evaluate((model) => window.playground.train({ model, steps: 940 }), name);
  await page.selectOption('#pca-model', name);
  await page.click('#pca');
  await page.waitForFunction(() => document.getElementById('pca-result').dataset.overlap, null, { timeout: 300_000 });
  await shot('pca-part', file);
  return name;
}

/** The manifold lab: the plane after training (field, heat, points), the Jacobians, the helix. */
async function manifoldShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await page.waitForFunction(() => document.getElementById('helix').dataset.frames, null, { timeout: 300_000 });
  const shot = async (selector, name) => {
    const file = path.join(out, name);
    await page.locator(selector).screenshot({ path: file });
    wrote(file);
  };
  await page.evaluate(() => window.playground.trainManifold({ toy: 'plane', steps: 1500 }));
  await shot('#manifold-lab .lab', 'manifold-plane.png');
  await page.click('#show-ellipses');
  await page.click('#show-field');
  await page.click('#show-noisy');
  await shot('#manifold-lab .lab', 'manifold-jacobians.png');
  await page.click('#show-ellipses');
  await page.click('#show-field');
  await page.click('#show-noisy');
  await page.evaluate(() => window.playground.trainManifold({ toy: 'helix', steps: 1000 }));
  await shot('#helix', 'manifold-helix.png');
  await shot('#manifold-lab', 'manifold-lab.png');
  await page.close();
}

/** Super-resolution: a trained network against the classical upsamplers, and the bias demo. */
async function superresShots(ctx) {
  for (const [query, name, epochs] of [['?backend=cpu', 'superres.png', 10], ['?backend=cpu&srDigits=0-4', 'superres-bias.png', 10]]) {
    const { page } = await openPage(ctx, query);
    await page.waitForFunction(() => Number(document.getElementById('superres').dataset.shown || 0) > 0, null, { timeout: 300_000 });
    await page.evaluate((n) => window.playground.trainSuperres({ epochs: n }), epochs);
    const n = await page.$eval('#superres', (e) => Number(e.dataset.shown));
    await page.click('#sr-seven');
    await page.waitForFunction((m) => Number(document.getElementById('superres').dataset.shown) > m, n);
    const file = path.join(out, name);
    await page.locator('#superres').screenshot({ path: file });
    wrote(file);
    await page.close();
  }
}

/**
 * Bring your own: the grid on Fashion-MNIST with the note about what the models never learnt,
 * and the own data set's section with a few drawings in it.
 */
async function dataShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu&data=fashion');
  await page.waitForFunction(() => /Fashion-MNIST/.test(document.getElementById('grid-heading').textContent), null, { timeout: 300_000 });
  await latentLabReady(page);
  let file = path.join(out, 'data-fashion.png');
  await page.locator('#reconstructions').screenshot({ path: file });
  wrote(file);
  // Six test digits of two classes as the own set (the console's way to add images).
  await page.evaluate(async () => {
    const pg = window.playground;
    const pixels = Array.from({ length: 784 * 3 }, (_, i) => ((i % 784) % 28 > 11 && (i % 784) % 28 < 16 && (i % 784) > 100 && (i % 784) < 690 ? 1 : 0));
    const ring = Array.from({ length: 784 * 3 }, (_, i) => { const k = i % 784, x = k % 28 - 13.5, y = Math.floor(k / 28) - 13.5, r = Math.hypot(x, y); return r > 6 && r < 9 ? 1 : 0; });
    await pg.addToOwnData(pixels, '1');
    await pg.addToOwnData(ring, 'ring');
  });
  await page.waitForFunction(() => /6 image/.test(document.getElementById('own-summary').textContent));
  file = path.join(out, 'data-own.png');
  await page.locator('#own-data').screenshot({ path: file });
  wrote(file);
  await page.close();
}

/** Off the manifold: a turned digit, its reconstruction and the curves. */
async function transformShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  await page.waitForFunction(() => Number(document.getElementById('transforms').dataset.path || 0) > 0, null, { timeout: 300_000 });
  await page.$eval('#tf-rotation', (el) => { el.value = '35'; el.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => window.playground.transformed().curve?.kind === 'rotation' && Number(document.getElementById('tf-chart').dataset.series) === 3
    && /as the rotation goes/.test(document.getElementById('tf-map-caption').textContent));
  const file = path.join(out, 'transforms.png');
  await page.locator('#transforms').screenshot({ path: file });
  wrote(file);
  await page.close();
}

/**
 * The page on a phone, 390 × 844 (a touch screen, twice the pixels): the top of the page, the
 * denoising lab with the notebook's dropout noise, and the latent lab's interpolation, each as
 * the screen shows it.
 */
async function phoneShots(ctx) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${ctx.url}?backend=cpu`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
    await labSettled(page, 0);
    await latentLabReady(page);
    /** Scrolls `selector` to the top of the screen and takes the screen. */
    const screen = async (selector, name) => {
      if (selector) await page.evaluate((s) => { document.querySelector(s).scrollIntoView({ block: 'start' }); window.scrollBy(0, -12); }, selector);
      else await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const file = path.join(out, name);
      await page.screenshot({ path: file });
      wrote(file);
    };
    await screen(null, 'phone-top.png');
    await labStep(page, () => page.$eval('#lab-dropout', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); }));
    await screen('#damage', 'phone-denoising.png');
    await screen('#gallery-strip', 'phone-latent.png');
    await context.close();
  } finally {
    await browser.close();
  }
}

/** The first screen, as a student opens the page: figure 13 live, on a laptop and on a phone. */
async function firstShots(ctx) {
  const browser = await launchBrowser();
  try {
    for (const [width, height, name, phone] of [[1280, 800, 'first-screen.png', false], [390, 844, 'first-screen-phone.png', true]]) {
      const context = await browser.newContext(phone
        ? { viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width, height } });
      const page = await context.newPage();
      await page.goto(`${ctx.url}?backend=cpu`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
      await page.waitForFunction(() => document.getElementById('autoencoder').dataset.ready === 'true');
      await page.evaluate(() => window.playground.settled());
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = path.join(out, name);
      await page.screenshot({ path: file });
      wrote(file);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

/** The page in Portuguese: the top of the page and the denoising lab, as a student sees them. */
async function portugueseShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu&lang=pt');
  await labSettled(page, 0);
  await latentLabReady(page);
  const file = path.join(out, 'page-pt.png');
  await page.screenshot({ path: file });
  wrote(file);
  const shot = async (id, name) => {
    const file = path.join(out, name);
    await page.locator(`#${id}`).screenshot({ path: file });
    wrote(file);
  };
  await shot('denoising-lab', 'lab-pt.png');
  await anomalyShot(page, shot, 'latent-anomaly-pt.png');
  // The manifold lab after 1,000 steps: its numbers and the sentences chosen from them.
  await page.locator('#manifold-lab').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.playground.trainManifold({ toy: 'plane', steps: 1000 }));
  await shot('manifold-lab', 'manifold-lab-pt.png');
  // The builder draws once on screen.
  await page.locator('#kernel-part').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('kernels').dataset.updated || 0) > 0 && document.getElementById('kernel-stats').textContent);
  await shot('kernel-part', 'builder-kernels-pt.png');
  await pcaShot(page, shot, 'builder-pca-pt.png');
  await page.close();
}

/** The anomaly view scoring an inverted digit (its verdict, baselines and keys). */
async function anomalyShot(page, shot, name) {
  await page.locator('#anomaly').scrollIntoViewIfNeeded();
  await grows(page, 'anomaly', 'runs', () => page.click('#anomaly-invert'));
  await page.waitForFunction(() => document.getElementById('anomaly-roc').textContent.length > 0, null, { timeout: 300_000 });
  await shot('anomaly', name);
}

/** The anomaly view alone, in English. */
async function anomalyShots(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  await anomalyShot(page, async (id, name) => {
    const file = path.join(out, name);
    await page.locator(`#${id}`).screenshot({ path: file });
    wrote(file);
  }, 'latent-anomaly.png');
  await page.close();
}

/** Every other picture of the page. */
async function pageShots(ctx) {
  for (const [backend, steps] of [['cpu', 60], ['webgpu', 3]]) {
    const { page } = await openPage(ctx, `?backend=${backend}`);
    await labSettled(page, 0);
    await latentLabReady(page);
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

  // The latent lab, one picture per part.
  {
    const { page } = await openPage(ctx, '?backend=cpu');
    await latentLabReady(page);
    const shot = async (id, name) => {
      const file = path.join(out, name);
      await page.locator(`#${id}`).screenshot({ path: file });
      wrote(file);
    };
    await shot('interpolation', 'latent-interpolation.png');
    await grows(page, 'energy', 'runs', () => page.click('#energy-run'));
    await shot('energy', 'latent-energy.png');
    await grows(page, 'anomaly', 'runs', () => page.click('#anomaly-invert'));
    await shot('anomaly', 'latent-anomaly.png');
    await grows(page, 'interpolation', 'renders', () => page.selectOption('#latent-model', 'denoising'));
    await page.waitForFunction(() => document.getElementById('map').dataset.ready, null, { timeout: 300_000 });
    await page.locator('#latent-map').scrollIntoViewIfNeeded();
    const box = await page.locator('#latent-map').boundingBox();
    await grows(page, 'map', 'decoded', () => page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.4));
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await shot('map', 'latent-map.png');
    await page.selectOption('#latent-model', 'standard');
    await page.waitForFunction(() => document.getElementById('latent-lab').dataset.ready, null, { timeout: 300_000 });
    await grows(page, 'compression', 'runs', () => page.$eval('#bits', (el) => { el.value = '3'; el.dispatchEvent(new Event('input')); }));
    await shot('compression', 'latent-compression.png');
    // The over-complete code of the denoising model, at 8 bits.
    await page.$eval('#bits', (el) => { el.value = '8'; el.dispatchEvent(new Event('input')); });
    await page.selectOption('#latent-model', 'denoising');
    await page.waitForFunction(() => document.getElementById('latent-lab').dataset.ready, null, { timeout: 300_000 });
    await shot('compression', 'latent-compression-denoising.png');
    await page.close();
  }

  // An undamaged test digit: every panel that keeps the visible pixels is an exact copy.
  {
    const { page } = await openPage(ctx, '?backend=cpu');
    await labSettled(page, 0);
    await page.locator('#lab-outputs').screenshot({ path: path.join(out, 'lab-undamaged.png') });
    wrote(path.join(out, 'lab-undamaged.png'));
    await page.close();
  }

  // A link with parameters the page cannot use, and a training run from the console: the page
  // says what it ignored or clamped, and the training panel says what ran.
  {
    const { page } = await openPage(ctx, '?backend=quantum&epochs=-5&frames=9999&bits=abc');
    await labSettled(page, 0);
    await page.locator('header').screenshot({ path: path.join(out, 'page-corrections.png') });
    wrote(path.join(out, 'page-corrections.png'));
    await page.evaluate(() => window.playground.train({ model: 'standard', steps: 60 }));
    await page.locator('#training').screenshot({ path: path.join(out, 'training-console.png') });
    wrote(path.join(out, 'training-console.png'));
    await page.close();
  }
}

const ctx = await start();
try {
  if (!only || only === 'first') await firstShots(ctx);
  if (!only || only === 'builder') await builderShots(ctx);
  if (!only || only === 'manifold') await manifoldShots(ctx);
  if (!only || only === 'superres') await superresShots(ctx);
  if (!only || only === 'transforms') await transformShots(ctx);
  if (!only || only === 'data') await dataShots(ctx);
  if (!only || only === 'phone') await phoneShots(ctx);
  if (!only || only === 'pt') await portugueseShots(ctx);
  if (only === 'anomaly') await anomalyShots(ctx);
  if (!only || only === 'page') await pageShots(ctx);
} finally {
  await ctx.stop();
}
