// Super-resolution on the page (lecture figure 9): after a few epochs the network beats bicubic
// on test digits, read off the panels; drawing on the coarse grid gives outputs without a truth;
// the 0–4 bias demo does worse on 5–9 than on 0–4. Run with: node --test tests/superres-lab.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const shown = (page) => page.$eval('#superres', (e) => Number(e.dataset.shown || 0));
const panelPsnr = (page, key) => page.$eval(`#sr-outputs figure[data-panel="${key}"]`, (f) => Number(f.dataset.psnr));

test('the network beats bicubic after a few epochs, on the panels and on test digits', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await page.waitForFunction(() => Number(document.getElementById('superres').dataset.shown || 0) > 0, null, { timeout: 300000 });
  const [scores] = await page.evaluate(() => window.playground.trainSuperres({ epochs: 5 }));
  assert.ok(scores.network > scores.bicubic, JSON.stringify(scores));
  assert.ok(Number(await page.$eval('#superres', (e) => e.dataset.epochMs)) > 0);
  // Three test digits, read off the panels.
  for (let k = 0; k < 3; k++) {
    const n = await shown(page);
    await page.click('#sr-next');
    await page.waitForFunction((m) => Number(document.getElementById('superres').dataset.shown) > m, n);
    const [network, bicubic] = [await panelPsnr(page, 'network'), await panelPsnr(page, 'bicubic')];
    assert.ok(network > bicubic, `digit ${k}: network ${network} dB, bicubic ${bicubic} dB`);
  }
  // Drawing on the coarse grid: outputs, but no truth to score against.
  const pad = page.locator('#sr-pad');
  await pad.scrollIntoViewIfNeeded();
  const n = await shown(page);
  await page.click('#sr-clear');
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.85, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction((m) => Number(document.getElementById('superres').dataset.shown) > m + 1, n);
  const last = await page.evaluate(() => window.playground.superres());
  assert.ok(last.psnr == null, 'no PSNR without a truth');
  assert.ok(Array.from(last.low).some((v) => v > 0.5), 'the stroke is in the low-resolution input');
  assert.match(await page.textContent('#sr-outputs figure[data-panel="network"] .score'), /no truth/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the bias demo: trained on 0–4, it does worse on 5–9 and feeds a 7', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&srDigits=0-4');
  await page.waitForFunction(() => /only 0 to 4/.test(document.getElementById('sr-status').textContent), null, { timeout: 300000 });
  const [known, unknown] = await page.evaluate(() => window.playground.trainSuperres({ epochs: 4 }));
  assert.ok(known.network > unknown.network + 0.5, `0–4 ${known.network} dB, 5–9 ${unknown.network} dB`);
  await page.click('#sr-seven');
  await page.waitForFunction(() => /test digit 7/.test(document.querySelector('#sr-outputs figure[data-panel="truth"] .score').textContent));
  assert.match(await page.textContent('#sr-scores'), /On 5–9, digits it never saw/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on WebGPU: super-resolution trains a few steps and the transformations reconstruct', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  await page.waitForFunction(() => Number(document.getElementById('superres').dataset.shown || 0) > 0 && Number(document.getElementById('transforms').dataset.runs || 0) > 0, null, { timeout: 300000 });
  const report = await page.evaluate(() => window.playground.trainSuperres({ steps: 3 }));
  assert.ok(report.steps === 3 && report.losses.length === 1 && report.losses[0].model === 'network' && Number.isFinite(report.losses[0].loss), JSON.stringify(report));
  const last = await page.evaluate(() => window.playground.superres());
  assert.deepEqual(Object.keys(last.psnr).sort(), ['bicubic', 'bilinear', 'nearest', 'network']);
  assert.ok(Object.values(last.psnr).every(Number.isFinite));
  const t = await page.evaluate(() => window.playground.transformed());
  assert.ok(Number.isFinite(t.last.psnr) && t.curve.psnr.every(Number.isFinite));
  assert.deepEqual(errors, []);
  await page.close();
});
