// The page on phones, in headless Chromium emulating one (a touch screen, the page's viewport
// meta honoured): at 360 × 740 and 390 × 844 the page never scrolls sideways and the sketch pad
// is wholly on screen; a finger drawing on the pad does not scroll the page; every drawing canvas
// says touch-action: none; a tap on the latent map decodes the point; and the test digits'
// gallery, wrapped into bands to fit, still gives the digit under the finger.
// Run with: node --test --test-concurrency=1 tests/phone.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../pkg-scripts/serve.mjs';
import { launchBrowser, labSettled, labRuns, latentLabReady } from './browser.mjs';
import { rowsLayout } from '../www/views/digits.js';

let server, url, browser;
before(async () => {
  ({ server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' }));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A phone of `width` × `height` CSS pixels with the page open and ready. */
async function openPhone(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${url}?backend=cpu`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 180_000 });
  // The latent lab (its strips and the Fashion-MNIST examples) fills in after the page is ready.
  await latentLabReady(page);
  return { context, page, errors };
}

/** The page's width against the window's. */
const widths = (page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

for (const [width, height] of [[360, 740], [390, 844]]) {
  test(`${width} × ${height}: no sideways scrolling, the sketch pad wholly on screen`, async () => {
    const { context, page, errors } = await openPhone(width, height);
    const { scroll, client } = await widths(page);
    assert.equal(client, width);
    assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
    await page.locator('#sketch').scrollIntoViewIfNeeded();
    const box = await page.locator('#sketch').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= client, `the sketch pad spans x ${box.x}–${box.x + box.width}`);
    assert.ok(box.y >= 0 && box.y + box.height <= height, `the sketch pad spans y ${box.y}–${box.y + box.height}`);
    assert.ok(box.width >= 250, `the sketch pad is ${box.width} px wide`);
    // Every canvas is inside the window's width, or inside a box of its own that scrolls.
    const outside = await page.evaluate(() => [...document.querySelectorAll('canvas')].filter((c) => {
      if (c.hidden || !c.offsetParent) return false;
      const r = c.getBoundingClientRect();
      for (let p = c.parentElement; p; p = p.parentElement) if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowX)) return false;
      return r.left < 0 || r.right > document.documentElement.clientWidth + 0.5;
    }).map((c) => c.id));
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a tap decodes a point of the latent map; a finger draws on the pad without scrolling the page', async () => {
  const { context, page, errors } = await openPhone(390, 844);
  const touchAction = await page.evaluate(() => Object.fromEntries(['sketch', 'damage', 'sr-pad', 'helix']
    .map((id) => [id, getComputedStyle(document.getElementById(id)).touchAction])));
  assert.deepEqual(touchAction, { sketch: 'none', damage: 'none', 'sr-pad': 'none', helix: 'none' });

  // A tap on the latent map decodes the point under the finger (Playwright finds the map where
  // it is at the moment of the tap).
  await labSettled(page, 0);
  const map = await page.locator('#latent-map').boundingBox();
  const decoded = await page.evaluate(() => Number(document.getElementById('map').dataset.decoded || 0));
  await page.locator('#latent-map').tap({ position: { x: map.width * 0.3, y: map.height * 0.4 } });
  await page.waitForFunction((n) => Number(document.getElementById('map').dataset.decoded || 0) > n, decoded, { timeout: 60_000 });
  const point = await page.evaluate(() => window.playground.latent().decoded);
  assert.ok(point && Number.isFinite(point.x) && Number.isFinite(point.y) && (point.x !== 0 || point.y !== 0), 'a point other than the mean code');

  // A vertical stroke with a finger: the drawing changes, the page stays where it was.
  await page.locator('#sketch').scrollIntoViewIfNeeded();
  const box = await page.locator('#sketch').boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  const runs = await labRuns(page);
  const cdp = await context.newCDPSession(page);
  const at = (fy) => [{ x: box.x + box.width * 0.5, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.15) });
  for (let k = 1; k <= 12; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.15 + k * 0.06) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await labSettled(page, runs);
  assert.equal(await page.evaluate(() => window.scrollY), scrollY, 'the page did not scroll');

  assert.deepEqual(errors, []);
  await context.close();
});

test('the gallery wraps to fit and a tap in its second band picks the digit under the finger', async () => {
  const { context, page, errors } = await openPhone(390, 844);
  const strip = page.locator('#gallery-strip');
  await strip.scrollIntoViewIfNeeded();
  const room = await page.evaluate(() => {
    const parent = document.getElementById('gallery-strip').parentElement;
    const style = getComputedStyle(parent);
    return parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  });
  const layout = rowsLayout(1, { columns: 20, scale: 1.5, minScale: 1, labelWidth: 80 }, room);
  assert.ok(layout.perLine < 20, 'the gallery wraps on a phone');
  assert.equal(await page.evaluate(() => parseFloat(document.getElementById('gallery-strip').style.width)), layout.width);
  const box = await strip.boundingBox();
  assert.ok(box.x + box.width <= 390);
  // The first digit of the second band: the gallery's digit number perLine.
  const step = layout.cell + layout.gap;
  const x = layout.labelWidth + layout.cell / 2;
  const y = layout.labelHeight + step + layout.labelHeight + layout.cell / 2;
  const renders = await page.evaluate(() => Number(document.getElementById('interpolation').dataset.renders || 0));
  await strip.tap({ position: { x, y } });
  await page.waitForFunction((n) => Number(document.getElementById('interpolation').dataset.renders || 0) > n, renders, { timeout: 60_000 });
  // Slot A now shows the digit drawn at that place of the gallery.
  const [slot, cell] = await page.evaluate(([cx, cy, size]) => {
    const sample = (canvas, x0, y0, w) => {
      const ctx = canvas.getContext('2d');
      const ratio = canvas.width / (parseFloat(canvas.style.width) || canvas.width);
      const out = [];
      for (let j = 0; j < 28; j++) for (let i = 0; i < 28; i++) {
        out.push(ctx.getImageData(Math.floor((x0 + (i + 0.5) * w / 28) * ratio), Math.floor((y0 + (j + 0.5) * w / 28) * ratio), 1, 1).data[0]);
      }
      return out;
    };
    const a = document.getElementById('slot-a');
    return [sample(a, 0, 0, a.width), sample(document.getElementById('gallery-strip'), cx - size / 2, cy - size / 2, size)];
  }, [x, y, layout.cell]);
  const differ = slot.filter((v, i) => Math.abs(v - cell[i]) > 40).length;
  assert.ok(differ < 20, `slot A and the gallery's digit differ in ${differ} of 784 pixels`);
  assert.ok(cell.some((v) => v > 128), 'a digit was sampled');
  assert.deepEqual(errors, []);
  await context.close();
});
