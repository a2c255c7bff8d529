// Lesson links in headless Chromium: ?lesson= shows one section open and folds the others
// (a click or Enter opens one again), ?hide= hides the controls it names, "Copy link to this
// view" puts the address on the clipboard (or, refused, shows it to copy by hand), presenter
// mode enlarges the text and figures, and the figures and the loss history download as PNG and
// CSV. Run with: node --test --test-concurrency=1 tests/lesson.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS } from '../www/state.js';
import fs from 'node:fs';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const expanded = (page, id) => page.getAttribute(`#${id} h2 button.fold`, 'aria-expanded');

test('?lesson=denoising-lab&hide=backend: that section open, the others folded, the backend switch hidden', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lesson=denoising-lab&hide=backend');
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  const sections = await page.$$eval('main > section', (all) => all.map((s) => s.id));
  assert.deepEqual(sections, LESSONS, 'every section of the page, in its order');
  for (const id of sections) {
    assert.equal(await expanded(page, id), String(id === 'denoising-lab'), `${id}'s heading`);
    assert.equal(await page.isVisible(`#${id} h2`), true, `${id}'s heading shows`);
  }
  assert.equal(await page.isVisible('#sketch'), true);
  assert.equal(await page.isVisible('#recon-grid'), false, 'a folded section shows only its heading');
  assert.equal(await page.isVisible('#train'), false);
  assert.equal(await page.isVisible('#backend-select'), false, 'hide=backend hides the backend switch');
  assert.equal(await page.isVisible('#language-select'), true, 'what hide does not name stays');
  assert.equal(await page.textContent('#denoising-lab h2'), 'Denoising lab: draw, damage, restore (figures 15, 24–27)');
  // The open section takes the page's whole width.
  const [section, viewport] = await page.evaluate(() => [document.getElementById('denoising-lab').getBoundingClientRect().width, window.innerWidth]);
  assert.ok(section > viewport - 80, `the section is ${section} px wide in ${viewport}`);

  // A click opens a folded section, and folds it again; Enter does the same.
  await page.click('#reconstructions h2 button.fold');
  assert.equal(await expanded(page, 'reconstructions'), 'true');
  assert.equal(await page.isVisible('#recon-grid'), true);
  await page.click('#reconstructions h2 button.fold');
  assert.equal(await page.isVisible('#recon-grid'), false);
  await page.focus('#training h2 button.fold');
  await page.keyboard.press('Enter');
  assert.equal(await expanded(page, 'training'), 'true');
  assert.equal(await page.isVisible('#train'), true);
  assert.match(page.url(), /lesson=denoising-lab&hide=backend/, 'the address keeps the lesson');
  assert.deepEqual(errors, []);
  await page.close();
});

test('hide names several controls and sections at once', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&hide=upload,builder,scratch,noise');
  assert.equal(await page.isVisible('#builder'), false);
  assert.equal(await page.isVisible('#train-scratch'), false);
  assert.equal(await page.isVisible('#train'), true);
  assert.equal(await page.isVisible('#upload-model'), true, 'the weights download stays');
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('upload').closest('label')).display), 'none');
  for (const id of ['#lab-dropout', '#lab-sigma', '#resample']) assert.equal(await page.isVisible(id), false, id);
  assert.equal(await page.isVisible('#patch-size'), true);
  assert.equal(await page.$$eval('main > section h2 button.fold', (b) => b.length), 0, 'no lesson: nothing folds');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Copy link to this view" writes the address; refused, it shows it to copy', async () => {
  await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ctx.url).origin });
  const { page, errors } = await openPage(ctx, '?backend=cpu&lesson=latent-lab&frames=12');
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('copy-status').dataset.copied);
  assert.equal(await page.getAttribute('#copy-status', 'data-copied'), 'true');
  assert.equal(await page.textContent('#copy-status'), 'Link copied: it opens the page as you see it now.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  assert.match(page.url(), /lesson=latent-lab/);
  assert.match(page.url(), /frames=12/);

  // A setting changed on the page is in the next copy.
  await page.click('#presenter-toggle');
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('copy-status').dataset.copied);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
  assert.match(page.url(), /presenter=1/);

  // The clipboard refused: the address, selected, to copy by hand.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  await page.click('#copy-link');
  await page.waitForFunction(() => document.getElementById('copy-status').dataset.copied === 'false');
  assert.match(await page.textContent('#copy-status'), /did not allow copying/);
  assert.equal(await page.inputValue('#copy-status input'), page.url());
  assert.deepEqual(errors, []);
  await page.close();
});

test('presenter mode enlarges the root font size and the figures', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const sizes = () => page.evaluate(() => ({
    root: parseFloat(getComputedStyle(document.documentElement).fontSize),
    body: parseFloat(getComputedStyle(document.body).fontSize),
    sketch: document.getElementById('sketch').getBoundingClientRect().width,
    grid: document.getElementById('recon-grid').getBoundingClientRect().height,
  }));
  const before = await sizes();
  assert.equal(await page.getAttribute('#presenter-toggle', 'aria-pressed'), 'false');
  await page.click('#presenter-toggle');
  assert.equal(await page.getAttribute('#presenter-toggle', 'aria-pressed'), 'true');
  const during = await sizes();
  assert.ok(during.root > before.root, `root font ${before.root} → ${during.root} px`);
  assert.ok(during.body > before.body * 1.3, `text ${before.body} → ${during.body} px`);
  assert.ok(during.sketch > before.sketch * 1.3, `sketch pad ${before.sketch} → ${during.sketch} px`);
  assert.ok(during.grid > before.grid, `reconstruction grid ${before.grid} → ${during.grid} px tall`);
  assert.match(page.url(), /presenter=1/);
  await page.click('#presenter-toggle');
  assert.deepEqual(await sizes(), before, 'off again: as before');
  assert.doesNotMatch(page.url(), /presenter/);
  await page.close();

  // From the address.
  const opened = await openPage(ctx, '?backend=cpu&presenter=1');
  assert.equal(await opened.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), during.root);
  assert.equal(await opened.page.getAttribute('#presenter-toggle', 'aria-pressed'), 'true');
  assert.deepEqual([...errors, ...opened.errors], []);
  await opened.page.close();
});

test('the loss history downloads as CSV, one row per logged step; figures as PNG', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lesson=training');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 4 }));
  const history = await page.evaluate(() => window.playground.history());
  const steps = new Set(Object.values(history).flatMap((points) => points.map(([step]) => step)));
  assert.ok(steps.size >= 1, 'training logged steps');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-history')]);
  assert.equal(csv.suggestedFilename(), 'loss-history.csv');
  const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], ['step', ...Object.keys(history)].join(','));
  assert.equal(lines.length - 1, steps.size, 'one row per logged step');
  const first = lines[1].split(',');
  const [step, loss] = history['standard train'][0];
  assert.equal(Number(first[0]), Math.min(...steps));
  assert.equal(step, Math.min(...steps));
  assert.equal(Number(first[1]), loss);

  // The training section's figure, and a row of panels from a folded section opened.
  const [chart] = await Promise.all([page.waitForEvent('download'), page.click('#training .download-png')]);
  assert.equal(chart.suggestedFilename(), 'training-loss-chart.png');
  const png = fs.readFileSync(await chart.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), await page.$eval('#loss-chart', (c) => c.width), 'the canvas at its own resolution');
  await page.click('#denoising-lab h2 button.fold');
  await page.selectOption('#denoising-lab-figure', 'lab-outputs');
  const [panels] = await Promise.all([page.waitForEvent('download'), page.click('#denoising-lab .download-png')]);
  assert.equal(panels.suggestedFilename(), 'denoising-lab-lab-outputs.png');
  assert.equal(fs.readFileSync(await panels.path()).subarray(1, 4).toString(), 'PNG');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lesson tools speak the page\'s language, folded headings too', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lang=pt&lesson=training');
  assert.equal(await page.textContent('#copy-link'), 'Copiar o link desta visualização');
  assert.equal(await page.textContent('#reconstructions h2 button.fold'), 'Reconstruções de dígitos de teste do MNIST (figuras 20–21)');
  assert.equal(await page.textContent('#training .download-png'), 'Baixar figura (PNG)');
  await page.selectOption('#language-select', 'en');
  assert.equal(await page.textContent('#copy-link'), 'Copy link to this view');
  assert.equal(await page.textContent('#reconstructions h2 button.fold'), 'Reconstructions of MNIST test digits (figures 20–21)');
  assert.equal(await page.textContent('#download-history'), 'Download loss history (CSV)');
  assert.equal(await page.$eval('#latent-lab-figure option[value="latent-map"]', (o) => o.textContent), 'latent map');
  assert.deepEqual(errors, []);
  await page.close();
});
