// Figure 13, live, where the page opens (www/labs/autoencoder/): on the first screen at
// 1280 × 800 and at 390 × 844 the section shows x, Wₕ, h, Wₓ and x̂ and one thing to do; the code
// is the encoder's and the output the decoder's; moving a bar of the code (by keyboard or by
// pointer) decodes a different output and says the code was moved; "back to the encoder's code"
// undoes it; another model of the table has its own code size; Portuguese is Portuguese.
// Run with: node --test --test-concurrency=1 tests/autoencoder.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../pkg-scripts/serve.mjs';
import { launchBrowser } from './browser.mjs';

let server, url, browser;
before(async () => {
  ({ server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' }));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** The page open at `width` × `height`, ready. */
async function open(width, height, query = '?backend=cpu', phone = false) {
  const context = await browser.newContext(phone
    ? { viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
    : { viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + query);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 180_000 });
  await page.waitForFunction(() => document.getElementById('autoencoder').dataset.ready === 'true');
  return { context, page, errors };
}

const state = (page) => page.evaluate(() => {
  const a = window.playground.autoencoder();
  return a && { model: a.model, code: Array.from(a.code), encoded: Array.from(a.encoded), output: Array.from(a.output) };
});
const decoded = (page) => page.evaluate(() => Number(document.getElementById('autoencoder').dataset.decoded || 0));

/** Whether an element lies wholly inside the window, scrolled to the top. */
const onFirstScreen = (page, selector) => page.evaluate((s) => {
  window.scrollTo(0, 0);
  const r = document.querySelector(s).getBoundingClientRect();
  return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
}, selector);

for (const [width, height, phone] of [[1280, 800, false], [390, 844, true]]) {
  test(`${width} × ${height}: figure 13 opens the page, on the first screen, with one thing to do`, async () => {
    const { context, page, errors } = await open(width, height, '?backend=cpu', phone);
    try {
      const first = await page.evaluate(() => document.querySelector('main section').id);
      assert.equal(first, 'autoencoder');
      for (const id of ['#ae-input', '#ae-wh', '#ae-code', '#ae-wx', '#ae-output']) {
        assert.ok(await onFirstScreen(page, id), `${id} is on the first screen`);
      }
      assert.ok(await onFirstScreen(page, '#autoencoder h2'), 'its heading too');
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `no sideways scrolling (${scroll} > ${client})`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the code is the encoder\'s; moving a bar decodes another output; the encoder\'s code comes back', async () => {
  const { context, page, errors } = await open(1280, 800);
  try {
    const s0 = await state(page);
    assert.equal(s0.model, 'standard');
    assert.equal(s0.code.length, 30, "the standard model's code: 30 numbers");
    assert.equal(s0.output.length, 784);
    assert.deepEqual(s0.code, s0.encoded);
    assert.match(await page.textContent('#ae-loss'), /30 numbers in the code.*MSE [\d.]+, [\d.]+ dB/);
    assert.match(await page.textContent('#ae-wh-shape'), /30 × 784/);
    assert.match(await page.textContent('#ae-wx-shape'), /784 × 30/);
    // The keyboard: the third bar up by five steps.
    const before = await decoded(page);
    await page.focus('#ae-code');
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowUp']) await page.keyboard.press(key);
    await page.waitForFunction((n) => Number(document.getElementById('autoencoder').dataset.decoded) > n, before);
    await page.evaluate(() => window.playground.settled());
    const s1 = await state(page);
    assert.ok(Math.abs(s1.code[2] - Math.min(1, s0.code[2] + 0.5)) < 1e-5, `bar 3: ${s0.code[2]} → ${s1.code[2]}`);
    assert.deepEqual(s1.code.filter((_, i) => i !== 2), s0.code.filter((_, i) => i !== 2), 'the other bars stay');
    const moved = s1.output.reduce((m, v, i) => Math.max(m, Math.abs(v - s0.output[i])), 0);
    assert.ok(moved > 0.01, `the output changed (largest change ${moved})`);
    assert.match(await page.textContent('#ae-loss'), /moved by hand/);
    assert.match(await page.textContent('#ae-bar'), /number 3 of 30 of the code/);
    // A pointer drag on the first bar, to its top: the code's largest value there.
    const box = await page.locator('#ae-code').boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 2, box.y + 1);
    await page.mouse.up();
    await page.evaluate(() => window.playground.settled());
    const s2 = await state(page);
    assert.ok(s2.code[0] > 0.9, `dragged to the top: ${s2.code[0]}`);
    // Back to the encoder's code: the first output again.
    await page.click('#ae-reset');
    await page.evaluate(() => window.playground.settled());
    const s3 = await state(page);
    assert.deepEqual(s3.code, s0.encoded);
    assert.ok(s3.output.every((v, i) => Math.abs(v - s0.output[i]) < 1e-6), 'the same output as the encoder\'s code gave');
    assert.doesNotMatch(await page.textContent('#ae-loss'), /moved by hand/);
    // Another model: its own code size; another digit: another code.
    await page.selectOption('#ae-model', 'denoising');
    await page.waitForFunction(() => window.playground.autoencoder()?.code.length === 500);
    assert.match(await page.textContent('#ae-wh-shape'), /500 × 784/);
    await page.selectOption('#ae-model', 'standard');
    await page.waitForFunction(() => window.playground.autoencoder()?.code.length === 30);
    await page.click('#ae-next');
    await page.waitForFunction((c) => window.playground.autoencoder().encoded[0] !== c, s0.encoded[0]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('in Portuguese', async () => {
  const { context, page, errors } = await open(1280, 800, '?backend=cpu&lang=pt');
  try {
    assert.match(await page.textContent('#autoencoder h2'), /O que é um autoencoder \(figura 13\)/);
    assert.match(await page.textContent('#ae-loss'), /números no código.*MSE [\d,]+, [\d,]+ dB/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
