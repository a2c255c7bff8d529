// The page in Portuguese and English, in headless Chromium: ?lang=pt opens it in Portuguese
// (<html lang>, headings, a decimal comma in the scores), and the header's switch turns it
// English in place: no reload, so the models in the worker (and anything else on the page) stay.
// Run with: node --test tests/i18n.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const text = (page, selector) => page.textContent(selector).then((s) => s.trim());

test('?lang=pt opens the page in Portuguese; the switch turns it English without a reload', async () => {
  const { page, errors } = await openPage(ctx, '?lang=pt&backend=cpu');
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await page.getAttribute('html', 'lang'), 'pt');
  assert.equal(await page.inputValue('#language-select'), 'pt');
  assert.equal(await text(page, '#reconstructions h2'), 'Reconstruções de dígitos de teste do MNIST (figuras 20–21)');
  assert.equal(await text(page, '#denoising-lab h2'), 'Laboratório de remoção de ruído: desenhar, danificar, restaurar (figuras 15, 24–27)');
  assert.match(await text(page, '#manifold-lab h2'), /^Laboratório da variedade/);
  assert.equal(await text(page, '#train'), 'Treinar');
  assert.equal(await page.getAttribute('#sketch', 'aria-label'), 'tela de desenho');
  assert.equal(await text(page, '#copy-link'), 'Copiar o link desta visualização');
  assert.equal(await text(page, '#download-history'), 'Baixar o histórico da perda (CSV)');
  assert.match(await text(page, '#model-list'), /AE padrão \(d=30\).*o gargalo força um resumo/);

  // The denoising lab's captions: PSNR with a decimal comma, and the panels' titles translated.
  const score = '#lab-outputs figure[data-panel="denoising"] .score';
  await page.waitForFunction((s) => /dB$/.test(document.querySelector(s)?.textContent ?? ''), score);
  assert.match(await text(page, score), /^MSE \[0,1\] 0,\d{4} · \d+,\d dB$/);
  assert.equal(await text(page, '#lab-outputs figure[data-panel="shown"] figcaption span'), 'entrada danificada');
  assert.equal(await text(page, '#lab-outputs figure[data-panel="telea"] figcaption span'), 'Telea (raio 3)');

  // Something the switch must not lose: a marker on window and a model trained two steps more.
  await page.evaluate(() => { window.marker = 'kept'; });
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  const steps = await text(page, 'tr[data-model="standard"] .steps');
  assert.match(await text(page, '#last-run'), /^última execução: standard, 2 passos \(0,\d+ épocas\), pelo console$/);

  await page.selectOption('#language-select', 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text(page, '#reconstructions h2'), 'Reconstructions of MNIST test digits (figures 20–21)');
  assert.equal(await text(page, '#denoising-lab h2'), 'Denoising lab: draw, damage, restore (figures 15, 24–27)');
  assert.equal(await text(page, '#train'), 'Train');
  assert.equal(await page.getAttribute('#sketch', 'aria-label'), 'drawing canvas');
  // Words the page wrote itself (lesson tools, downloads, a notice's close button) follow too.
  assert.equal(await text(page, '#copy-link'), 'Copy link to this view');
  assert.equal(await page.getAttribute('#presenter-toggle', 'title'), 'larger text and figures, for a projector');
  assert.equal(await text(page, '#download-history'), 'Download loss history (CSV)');
  assert.equal(await text(page, '#training .download-png'), 'Download figure (PNG)');
  assert.match(await text(page, score), /^MSE \[0,1\] 0\.\d{4} · \d+\.\d dB$/, 'the caption is written again, with a decimal point');
  assert.match(await text(page, '#last-run'), /^last run: standard, 2 steps \(0\.\d+ epochs\), from the console$/);
  assert.match(page.url(), /[?&]lang=en\b/);
  assert.equal(await page.evaluate(() => window.marker), 'kept', 'the page was not reloaded');
  assert.equal(await text(page, 'tr[data-model="standard"] .steps'), steps, 'the trained model is the same');

  // And back: the address says Portuguese again.
  await page.selectOption('#language-select', 'pt');
  assert.equal(await text(page, '#reconstructions h2'), 'Reconstruções de dígitos de teste do MNIST (figuras 20–21)');
  assert.match(page.url(), /[?&]lang=pt\b/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('decimal fields speak the page\'s language: 0,5 in Portuguese, 0.5 in English, and either is read', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lang=pt&dropout=0.5&planeLambda=0.003');
  assert.equal(await page.inputValue('#dropout'), '0,5');
  assert.equal(await page.inputValue('#plane-lambda'), '0,003');
  // A comma typed in Portuguese is the decimal separator: the setting in the address is 0.25.
  await page.fill('#dropout', '0,25');
  await page.dispatchEvent('#dropout', 'change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('dropout') === '0.25');
  assert.equal(await page.inputValue('#dropout'), '0,25');
  // The switch to English writes the same numbers with a point; a point is read too.
  await page.selectOption('#language-select', 'en');
  await page.waitForFunction(() => document.getElementById('dropout').value === '0.25');
  assert.equal(await page.inputValue('#plane-lambda'), '0.003');
  await page.fill('#plane-lambda', '0.01');
  await page.dispatchEvent('#plane-lambda', 'change');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('planeLambda') === '0.01');
  assert.deepEqual(errors, []);
  await page.close();
});
