// Accessibility: axe-core over the whole page (every section) on both backends reports no
// serious or critical violation, and a keyboard-only walk trains a model, draws a digit on the
// sketch pad and reads the anomaly verdict — no mouse anywhere.
// Run with: node --test tests/a11y.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { start, openPage, latentLabReady } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** axe's serious and critical violations on the page as it is, in words. */
async function violations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const backend of ['cpu', 'webgpu']) {
  test(`axe: no serious or critical violation on the ${backend} backend`, async () => {
    const { page } = await openPage(ctx, `?backend=${backend}`);
    await page.evaluate(() => window.playground.ready);
    assert.equal(await page.evaluate(() => window.playground.backend), backend);
    // Every section, with the latent lab filled in.
    await latentLabReady(page);
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

/**
 * Presses Tab until `selector` has the focus; fails after `limit` presses.
 * @param {import('playwright-core').Page} page @param {string} selector @param {number} [limit]
 */
async function tabTo(page, selector, limit = 200) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: train a model, draw a digit, read the verdict', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&model=standard&epochs=1');
  await page.evaluate(() => window.playground.ready);
  // The focus is visible wherever it goes: an outline of at least 2 px.
  await tabTo(page, '#train');
  const outline = await page.evaluate(() => parseFloat(getComputedStyle(document.activeElement).outlineWidth));
  assert.ok(outline >= 2, `the focused Train button has a ${outline}px outline`);
  const before = await page.evaluate(() => window.playground.history()['standard train']?.length ?? 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('last-run').dataset.steps, null, { timeout: 300_000 });
  const steps = Number(await page.getAttribute('#last-run', 'data-steps'));
  assert.ok(steps > 0, 'the Train button, pressed with Enter, trained the model');
  const after = await page.evaluate(() => window.playground.history()['standard train']?.length ?? 0);
  assert.ok(after > before, 'and its loss curve grew');

  // The sketch pad: clear it (C), then draw a vertical stroke with the arrows and Space.
  await tabTo(page, '#sketch');
  const runs = Number(await page.getAttribute('#denoising-lab', 'data-runs'));
  await page.keyboard.press('c');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  const description = await page.textContent('#sketch-description');
  assert.match(description, /pen up/);
  assert.match(description, /rows \d+ to \d+, columns \d+ to \d+/);
  const [top, bottom] = /rows (\d+) to (\d+)/.exec(description).slice(1).map(Number);
  assert.ok(bottom - top >= 14, `the stroke spans ${top}..${bottom}`);
  // The lab ran on the new drawing; the anomaly verdict (a live region) speaks of it.
  await page.waitForFunction((n) => Number(document.getElementById('denoising-lab').dataset.runs) > n && !document.getElementById('denoising-lab').dataset.busy, runs, { timeout: 120_000 });
  const drawn = await page.evaluate(() => window.playground.lab().digit.reduce((s, v) => s + v, 0));
  assert.ok(drawn > 5, 'the models see the keyboard drawing');
  await page.waitForFunction(() => document.getElementById('anomaly-verdict').textContent.trim().length > 0, null, { timeout: 120_000 });
  assert.equal(await page.getAttribute('#anomaly-verdict', 'aria-live'), 'polite');
  assert.ok((await page.textContent('#anomaly-verdict')).length > 10);
  assert.deepEqual(errors, []);
  await page.close();
});
