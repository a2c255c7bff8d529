// The regions lab on the page (where the lecture ends, after figure 19): the holes of the
// standard model measured; the variational and plain autoencoders trained live (the loss falls,
// the β slider moves the KL term's level; kept for the next visit); the grids, samples and line drawn and scored; in
// Portuguese too; d = 20; and a few steps on WebGPU. Run with: node --test tests/regions-lab.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** Opens the page and brings the lab's section on screen; resolves once its first frame and holes are drawn. */
async function openLab(query) {
  const { page, errors } = await openPage(ctx, query);
  await page.waitForFunction(() => document.getElementById('regions') !== null, null, { timeout: 300000 });
  await page.locator('#regions').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('regions').dataset.frames || 0) > 0
    && document.getElementById('regions-holes-verdict').textContent.length > 0
    && document.getElementById('regions').dataset.samples !== undefined, null, { timeout: 300000 });
  return { page, errors };
}

/** The sum of a canvas's pixels' red channel (0 when nothing is drawn). */
const ink = (page, id) => page.$eval(`#${id}`, (c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let s = 0;
  for (let i = 0; i < d.length; i += 4) s += d[i];
  return s;
});

test('the holes, training, β, the grids and the samples on the CPU, in English', async () => {
  const { page, errors } = await openLab('?backend=cpu');
  // The holes of the shipped standard model: three rows of eight, each scored.
  const holes = await page.evaluate(() => window.playground.regions().holes);
  assert.equal(holes.model, 'standard');
  assert.equal(holes.real.length, 8 * 784);
  assert.equal(holes.random.images.length, 8 * 784);
  for (const l of [holes.realLikeness, holes.random.likeness, holes.between.likeness]) assert.ok(l.mean >= 0.1 && l.mean <= 1, JSON.stringify(l));
  const verdict = await page.textContent('#regions-holes-verdict');
  assert.match(verdict, /The standard model \(d = 30/);
  assert.ok(verdict.includes(holes.realLikeness.mean.toFixed(2)), verdict);

  // Training lowers both networks' test losses. Untrained, their samples are called blurs.
  const first = await page.evaluate(() => window.playground.regions().view);
  assert.equal(first.steps, 0);
  assert.match(await page.textContent('#regions-verdict'), /Both networks have taken only 0 steps: their samples are blurs/);
  const trained = await page.evaluate(() => window.playground.trainRegions({ steps: 150 }));
  assert.equal(trained.steps, 150);
  assert.ok(trained.reconstruction < first.reconstruction && trained.plainReconstruction < first.plainReconstruction, JSON.stringify({ first, trained }));

  // The β slider moves the running training's KL level: β = 16 pulls it down.
  await page.$eval('#regions-beta', (el) => { el.value = '9'; el.dispatchEvent(new Event('input')); });
  assert.equal(await page.textContent('#regions-beta-value'), 'β = 16.00');
  assert.match(page.url(), /vaeBeta=16/);
  const heavy = await page.evaluate(() => window.playground.trainRegions({ steps: 150 }));
  assert.equal(heavy.beta, 16);
  assert.ok(heavy.kl < trained.kl, `KL with β = 16: ${heavy.kl}, before: ${trained.kl}`);
  assert.match(await page.textContent('#regions-beta-verdict'), /After β went from 1\.00 to 16\.00, the KL term fell from/);

  // The grids of both planes (d = 2), drawn.
  for (const id of ['regions-grid-vae', 'regions-grid-plain']) {
    assert.equal(await page.$eval(`#${id}`, (c) => c.width), 560);
    assert.ok(await ink(page, id) > 0, `${id} drawn`);
  }
  assert.ok(await ink(page, 'regions-bubbles') > 0);
  // Samples of both networks, scored, and the sentence their scores choose.
  const samples = await page.evaluate(() => window.playground.sampleRegions());
  assert.equal(samples.vae.images.length, 10 * 784);
  assert.equal(samples.plain.codes.length, 10 * 2);
  const [vae, plain] = [samples.vae.likeness.mean, samples.plain.likeness.mean];
  const sentence = await page.textContent('#regions-verdict');
  if (vae >= plain + 0.05) assert.match(sentence, /more digit-like than the plain/);
  else if (plain >= vae + 0.05) assert.match(sentence, /plain autoencoder’s samples score higher/);
  else assert.match(sentence, /about as digit-like/);
  // The line between two test digits through each network.
  const line = await page.evaluate(() => window.playground.regions().line);
  assert.equal(line.vae.images.length, 8 * 784);
  assert.equal(line.plain.likeness.confidence.length, 8);
  assert.deepEqual(errors, []);
  await page.close();
  // Kept in this browser after the run: the next visit goes on from there.
  const again = await openLab('?backend=cpu');
  const { view } = await again.page.evaluate(() => window.playground.regions());
  assert.equal(view.steps, 300);
  assert.equal(view.beta, 16);
  assert.match(await again.page.textContent('#regions-status'), /restored at step 300/);
  assert.match(again.page.url(), /vaeBeta=16/);
  assert.deepEqual(again.errors, []);
  await again.page.close();
});

test('d = 20, the notebook\'s code size: codes of twenty numbers, no plane to grid', async () => {
  const { page, errors } = await openLab('?backend=cpu&vaeLatent=20&restore=no');
  const trained = await page.evaluate(() => window.playground.trainRegions({ steps: 20 }));
  assert.equal(trained.steps, 20);
  const { view } = await page.evaluate(() => window.playground.regions());
  assert.equal(view.latent, 20);
  assert.equal(view.means.length, 1000 * 20);
  assert.ok(view.kl > 0, String(view.kl));
  const samples = await page.evaluate(() => window.playground.sampleRegions());
  assert.equal(samples.vae.codes.length, 10 * 20);
  assert.match(await page.textContent('#regions-grid-vae-caption'), /choose d = 2/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Portuguese, and a few steps on WebGPU', async () => {
  const { page, errors } = await openLab('?backend=webgpu&lang=pt&restore=no');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  assert.match(await page.textContent('#regions h2'), /Pontos, não regiões/);
  assert.match(await page.textContent('#regions blockquote'), /não temos a correspondência entre regiões/);
  assert.match(await page.textContent('#regions-holes-verdict'), /O modelo standard/);
  const first = await page.evaluate(() => window.playground.regions().view);
  const trained = await page.evaluate(() => window.playground.trainRegions({ steps: 3 }));
  assert.equal(trained.steps, 3);
  assert.ok(Number.isFinite(trained.kl) && trained.reconstruction < first.reconstruction, JSON.stringify({ first, trained }));
  assert.match(await page.textContent('#regions-status'), /passo 3/);
  assert.deepEqual(errors, []);
  await page.close();
});
