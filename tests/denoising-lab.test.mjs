// The denoising lab in headless Chromium: drawing, erasing, damage tools and touch each update
// every output panel; on a test digit with the dropout mask the denoising AE beats Telea.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, labSettled, labRuns, stroke } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const settled = labSettled;
const runs = labRuns;

/** Every output panel's pixels, as data URLs. */
const panels = (page) => page.$$eval('#lab-outputs canvas', (cs) => cs.map((c) => c.toDataURL()));

/** Every panel (the damaged input and one per restoration the lab shows) changed. */
function allChanged(changed, what) {
  assert.ok(changed.length >= 6, `${what}: ${changed.length} panels`);
  assert.ok(changed.every(Boolean), `${what}: panels unchanged at ${changed.map((c, i) => (c ? null : i)).filter((i) => i != null)}`);
}

/** The PSNR of each panel, by its key (`shown`, a model's name, `<name>-pasted`, `telea`, …). */
const psnrs = (page) => page.$$eval('#lab-outputs figure', (fs) => Object.fromEntries(fs.map((f) => [f.dataset.panel, Number(f.dataset.psnr)])));

async function act(page, fn) {
  const n = await runs(page);
  const before = await panels(page);
  await fn();
  await settled(page, n);
  const afterPanels = await panels(page);
  return before.map((b, i) => b !== afterPanels[i]);
}

test('drawing, erasing, a mask stroke and a patch each change every output panel', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await settled(page, 0);
  let n = await runs(page);
  await page.click('#sketch-clear');
  await settled(page, n);
  assert.equal(await page.textContent('#lab-outputs figure[data-panel="standard"] .score'), 'draw a digit');

  await page.click('[data-tool="pen"]');
  // A "7": a bar across the top and a diagonal down.
  let changed = await act(page, () => stroke(page, '#sketch', [[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]));
  allChanged(changed, 'drawing');
  const drawn = await page.evaluate(() => window.playground.lab());
  assert.ok(drawn.digit.filter((v) => v > 0.5).length > 30, 'the drawing became an MNIST-like digit');

  await page.click('[data-tool="eraser"]');
  changed = await act(page, () => stroke(page, '#sketch', [[0.2, 0.2], [0.5, 0.2]]));
  allChanged(changed, 'erasing');

  await page.click('[data-tool="mask"]');
  changed = await act(page, () => stroke(page, '#damage', [[0.3, 0.5], [0.7, 0.5]]));
  allChanged(changed, 'mask brush');

  await page.click('[data-tool="patch"]');
  changed = await act(page, () => stroke(page, '#damage', [[0.5, 0.3], [0.55, 0.35]]));
  allChanged(changed, 'patch');
  const { hidden } = await page.evaluate(() => window.playground.lab());
  assert.ok(hidden.reduce((a, b) => a + b, 0) >= 64, 'the 8×8 patch hides at least 64 pixels');
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a test digit with the dropout mask, the denoising AE beats Telea', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await settled(page, 0);
  for (const column of [0, 3, 8]) {
    let n = await runs(page);
    await page.locator('#recon-grid').click({ position: { x: 210 + column * 60 + 28, y: 28 } });
    await settled(page, n);
    n = await runs(page);
    await page.$eval('#lab-dropout', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); });
    await settled(page, n);
    const psnr = await psnrs(page);
    const shown = await page.textContent('#lab-outputs figure[data-panel="denoising"] .score');
    assert.match(shown, new RegExp(`${psnr.denoising.toFixed(1)} dB`));
    const pasted = psnr['denoising-pasted'];
    assert.ok(psnr.denoising > psnr.telea, `digit ${column}: denoising AE ${psnr.denoising} dB vs Telea ${psnr.telea} dB`);
    assert.ok(pasted > psnr.telea && pasted > psnr['navier-stokes'], `digit ${column}: pasted ${pasted} vs Telea ${psnr.telea}, NS ${psnr['navier-stokes']}`);
    assert.ok(psnr.denoising > psnr.shown + 5, `digit ${column}: the denoising AE improves on its input (${psnr.shown} dB)`);
    n = await runs(page);
    await page.$eval('#lab-dropout', (el) => { el.value = '0'; el.dispatchEvent(new Event('input')); });
    await settled(page, n);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the panels follow the denoise record, and an undamaged digit scores ∞ dB wherever the visible pixels are kept', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await settled(page, 0);
  // The panels: the damaged input, then the record's primary restorations, in order, labelled
  // as the record labels them.
  const { restorations } = await page.evaluate(() => window.playground.lab());
  const primary = restorations.filter((r) => r.primary);
  const figures = await page.$$eval('#lab-outputs figure', (fs) => fs.map((f) => ({ key: f.dataset.panel, title: f.querySelector('figcaption').firstChild.textContent })));
  assert.deepEqual(figures, [{ key: 'shown', title: 'damaged input' }, ...primary.map((r) => ({ key: r.key, title: r.label }))]);

  // Damage the digit, then clear every damage: the pasted outputs, Telea and Navier–Stokes give
  // the digit back exactly, and every panel says so the same way.
  let n = await runs(page);
  await page.click('[data-tool="mask"]');
  await stroke(page, '#damage', [[0.3, 0.5], [0.7, 0.5]]);
  await settled(page, n);
  n = await runs(page);
  await page.click('#damage-clear');
  await settled(page, n);
  const { hidden } = await page.evaluate(() => window.playground.lab());
  assert.equal(hidden.reduce((a, b) => a + b, 0), 0, 'nothing hidden');
  const kept = ['shown', ...primary.filter((r) => r.pasted || r.key === 'telea' || r.key === 'navier-stokes').map((r) => r.key)];
  assert.ok(kept.length >= 4, `the input, a pasted output, Telea and NS: ${kept}`);
  for (const key of kept) {
    const score = await page.textContent(`#lab-outputs figure[data-panel="${key}"] .score`);
    assert.match(score, / · ∞ dB$/, `${key}: ${score}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('touch drawing works and does not scroll the page', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await settled(page, 0);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  await page.locator('#sketch').scrollIntoViewIfNeeded();
  let n = await runs(page);
  await page.click('#sketch-clear');
  await settled(page, n);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const box = await page.locator('#sketch').boundingBox();
  n = await runs(page);
  const before = await panels(page);
  const points = [[0.5, 0.15], [0.5, 0.35], [0.5, 0.55], [0.5, 0.8]].map(([x, y]) => ({ x: box.x + x * box.width, y: box.y + y * box.height }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
  for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await settled(page, n);
  const afterPanels = await panels(page);
  assert.ok(before.every((b, i) => b !== afterPanels[i]), 'every panel changed after a touch stroke');
  const { digit } = await page.evaluate(() => window.playground.lab());
  assert.ok(digit.filter((v) => v > 0.5).length > 15, 'the touch stroke drew a digit');
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, 'the page did not scroll');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the denoising lab works on WebGPU too', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  await settled(page, 0);
  let n = await runs(page);
  await page.$eval('#lab-dropout', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); });
  await settled(page, n);
  const psnr = await psnrs(page);
  assert.ok(psnr.denoising > psnr.telea, `denoising AE ${psnr.denoising} dB vs Telea ${psnr.telea} dB`);
  n = await runs(page);
  await page.click('[data-tool="pen"]');
  const before = await panels(page);
  await stroke(page, '#sketch', [[0.2, 0.5], [0.8, 0.5]]);
  await settled(page, n);
  const afterPanels = await panels(page);
  assert.ok(before.every((b, i) => b !== afterPanels[i]), 'every panel changed');
  assert.deepEqual(errors, []);
  await page.close();
});
