// The manifold lab in headless Chromium: training changes the field; the travel heat map is dark
// on the curve and bright far from it (read off the canvas); "apply again" moves the noisy points
// towards the curve; the helix turns with the pointer and is unrolled; the same on WebGPU with
// a few steps. Run with: node --test tests/manifold-lab.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const framed = (page) => page.waitForFunction(() => Number(document.getElementById('plane').dataset.frames || 0) > 0 && document.getElementById('helix').dataset.frames, null, { timeout: 300000 });

/** Mean brightness of the heat canvas at plane points (x, y pairs). */
const brightness = (page, points) => page.evaluate((pts) => {
  const canvas = document.getElementById('plane-heat');
  const view = window.playground.manifold().plane;
  const ctx = canvas.getContext('2d');
  let sum = 0;
  for (let i = 0; i < pts.length; i += 2) {
    const x = Math.round(((pts[i] + view.extent) / (2 * view.extent)) * canvas.width);
    const y = Math.round(((view.extent - pts[i + 1]) / (2 * view.extent)) * canvas.height);
    const [r, g, b] = ctx.getImageData(Math.min(canvas.width - 1, x), Math.min(canvas.height - 1, y), 1, 1).data;
    sum += (r + g + b) / 3;
  }
  return sum / (pts.length / 2);
}, points);

test('the plane: training changes the field, travel is small on the curve, apply again pulls points in', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await framed(page);
  const before = await page.evaluate(() => Array.from(window.playground.manifold().plane.field));
  const numbers = await page.evaluate(() => window.playground.trainManifold({ toy: 'plane', steps: 1000 }));
  const after = await page.evaluate(() => Array.from(window.playground.manifold().plane.field));
  assert.notDeepEqual(after, before, 'the field changed');
  const { plain, denoising: dae } = numbers.numbers;
  assert.ok(dae.travelOn < 0.5 * dae.travelSigma && dae.ratio < 0.5 && plain.ratio > 0.7, JSON.stringify(numbers.numbers));
  // The heat map, read off the canvas: dark where the points lie, bright at the corners.
  const clean = await page.evaluate(() => Array.from(window.playground.manifold().plane.clean));
  const corners = [-1.4, -1.4, 1.4, 1.4, -1.4, 1.4, 1.4, -1.4];
  const onCurve = await brightness(page, clean);
  const far = await brightness(page, corners);
  assert.ok(onCurve < 0.5 * far, `brightness on the curve ${onCurve}, at the corners ${far}`);
  // The heat map's key runs from 0 to the travel drawn brightest, and the helix's over its codes.
  const key = await page.evaluate(() => ({ ...document.getElementById('plane-heat-key').dataset, scale: document.getElementById('plane-heat').dataset.scale }));
  assert.equal(Number(key.from), 0);
  assert.equal(Number(key.to), Number(key.scale), JSON.stringify(key));
  await page.waitForFunction(() => document.getElementById('helix-key').dataset.to !== undefined);
  const codes = await page.evaluate(() => Array.from(window.playground.manifold().helix.codes));
  const helixKey = await page.evaluate(() => ({ ...document.getElementById('helix-key').dataset }));
  assert.ok(Math.abs(Number(helixKey.from) - Math.min(...codes)) < 1e-5 && Math.abs(Number(helixKey.to) - Math.max(...codes)) < 1e-5, JSON.stringify(helixKey));
  assert.match(await page.textContent('#plane-explain'), /pulls the plane onto the curve/);
  assert.equal(await page.textContent('#plane-numbers tr[data-way="denoising"] .on'), dae.travelOn.toFixed(3));
  // Apply again ×5: the noisy points end nearer the clean ones.
  await page.fill('#apply-k', '5');
  await page.click('#apply');
  await page.waitForFunction(() => document.getElementById('manifold-lab').dataset.applied === '5');
  const distances = await page.evaluate(async () => {
    const { plane } = window.playground.manifold();
    const near = (pts) => {
      let total = 0;
      for (let i = 0; i < pts.length; i += 2) {
        let best = Infinity;
        for (let j = 0; j < plane.clean.length; j += 2) best = Math.min(best, Math.hypot(pts[i] - plane.clean[j], pts[i + 1] - plane.clean[j + 1]));
        total += best;
      }
      return total / (pts.length / 2);
    };
    const moved = await window.playground.applyAgain('denoising', 5);
    return { noisy: near(plane.noisy), moved: near(moved) };
  });
  assert.ok(distances.moved < 0.6 * distances.noisy, JSON.stringify(distances));
  // New settings take effect with "New points and models"; the address keeps them.
  await page.selectOption('#plane-curve', 'circle');
  await page.click('#plane-new');
  await page.waitForFunction(() => window.playground.manifold().plane.steps === 0);
  assert.match(page.url(), /curve=circle/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the helix turns with the pointer and is unrolled by training', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await framed(page);
  const canvas = page.locator('#helix');
  await canvas.scrollIntoViewIfNeeded();
  const yaw = await canvas.getAttribute('data-yaw');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 180, box.y + 120, { steps: 4 });
  await page.mouse.up();
  assert.notEqual(await canvas.getAttribute('data-yaw'), yaw, 'dragging turned it');
  const helix = await page.evaluate(() => window.playground.trainManifold({ toy: 'helix', steps: 800 }));
  assert.ok(Math.abs(helix.rho) > 0.95, `ρ ${helix.rho}`);
  assert.match(await page.textContent('#helix-numbers'), /\(unrolled\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on WebGPU: the plane and the helix train a few steps', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  await framed(page);
  const plane = await page.evaluate(() => window.playground.trainManifold({ toy: 'plane', steps: 50 }));
  assert.deepEqual(Object.keys(plane.numbers).sort(), ['contractive', 'denoising', 'plain']);
  assert.ok(plane.steps >= 50 && Object.values(plane.numbers).every((n) => Number.isFinite(n.travelOn) && Number.isFinite(n.alignment)));
  const helix = await page.evaluate(() => window.playground.trainManifold({ toy: 'helix', steps: 50 }));
  assert.ok(helix.steps >= 50 && Number.isFinite(helix.rho));
  assert.deepEqual(errors, []);
  await page.close();
});
