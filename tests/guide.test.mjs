// The lesson (www/guide/): by keyboard alone it starts, walks every step (each outlines its
// control and names its section), answers a step only once the student has done it, with an
// answer computed from what the page shows (two states, two answers); `?step=N` opens step N;
// the last step reached is offered again on the next visit; the whole path in Portuguese too.
// Run with: node --test --test-concurrency=1 tests/guide.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';
import { STEPS } from '../www/guide/steps.js';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const panel = (page) => page.evaluate(() => {
  const g = document.getElementById('guide');
  return {
    hidden: g.hidden, step: Number(g.dataset.step), answered: g.dataset.answered === 'true',
    count: document.getElementById('guide-count').textContent, answer: document.getElementById('guide-answer').textContent,
    target: document.querySelector('.guide-target') ? `#${document.querySelector('.guide-target').id}` : null,
  };
});
const answered = (page) => page.waitForFunction(() => document.getElementById('guide').dataset.answered === 'true', null, { timeout: 120_000 });
/** Presses Enter on a control, as a keyboard user who has tabbed to it. */
const press = async (page, selector, key = 'Enter') => { await page.focus(selector); await page.keyboard.press(key); };

test('by keyboard: the lesson starts, every step outlines its control, and a step is answered once done', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  try {
    await page.waitForSelector('#guide-start');
    await press(page, '#guide-start');
    let p = await panel(page);
    assert.equal(p.hidden, false);
    assert.equal(p.step, 1);
    assert.match(p.count, new RegExp(`^Step 1 of ${STEPS.length}: What an autoencoder is`));
    assert.equal(p.target, '#ae-code');
    assert.equal(p.answered, false);
    assert.match(p.answer, /appears here once you have done it/);
    assert.equal(new URL(page.url()).searchParams.get('step'), '1', 'the step is in the address');
    // Step 1: a bar of the code moved by the keyboard.
    await press(page, '#ae-code', 'ArrowUp');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await answered(page);
    p = await panel(page);
    assert.match(p.answer, /With your code x̂ scores [\d.]+ dB against x; the encoder's code gave [\d.]+ dB/);
    // Step 2: the next digit.
    await press(page, '#guide-next');
    assert.equal((await panel(page)).answered, false);
    await press(page, '#ae-next');
    await answered(page);
    assert.match((await panel(page)).answer, /The code changed by [\d.]+ per number/);
    // Step 3: the grid's dropout, typed; the answer names the scores the grid shows.
    await press(page, '#guide-next');
    await page.focus('#dropout');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.8');
    await page.keyboard.press('Tab');
    await answered(page);
    const shown = await page.evaluate(() => JSON.parse(document.getElementById('recon-grid').dataset.psnr));
    const text = (await panel(page)).answer;
    assert.match(text, /At dropout p = 0\.8/);
    for (const v of Object.values(shown)) assert.ok(text.includes(`${v.toFixed(1)} dB`), `${text} names ${v.toFixed(1)} dB`);
    // Every other step: Next (Enter), its section named, its control outlined, no answer yet
    // unless it was done already.
    for (let n = 4; n <= STEPS.length; n++) {
      await press(page, '#guide-next');
      await page.waitForFunction((k) => Number(document.getElementById('guide').dataset.step) === k, n);
      p = await panel(page);
      const step = STEPS[n - 1];
      assert.equal(p.target, step.target, `step ${n} outlines ${step.target}`);
      const heading = await page.evaluate((id) => document.querySelector(`#${id} h2`).textContent.trim(), step.section);
      assert.ok(p.count.startsWith(`Step ${n} of ${STEPS.length}: ${heading}`), p.count);
      if (step.id === 'rotate') {
        // Step 'rotate': the slider turned by the keyboard to 30°.
        await press(page, '#tf-rotation', 'ArrowRight');
        for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
        await answered(page);
        assert.match((await panel(page)).answer, /At 30° the reconstruction scores [\d.]+ dB; untouched, [\d.]+ dB/);
      }
    }
    assert.equal(await page.evaluate(() => document.getElementById('guide-next').disabled), true, 'the last step has no Next');
    // Escape leaves the lesson.
    await page.focus('#guide-back');
    await page.keyboard.press('Escape');
    assert.equal((await panel(page)).hidden, true);
    assert.equal(new URL(page.url()).searchParams.get('step'), null);
    assert.deepEqual(errors, []);
    // The next visit offers to go on from the last step reached.
    await page.reload();
    await page.waitForFunction(() => document.getElementById('guide-start'));
    assert.match(await page.textContent('#guide-start'), new RegExp(`Go on with the lesson \\(step ${STEPS.length}\\)`));
  } finally {
    await page.close();
  }
});

test('?step=N opens step N, and two states of the page give two answers', async () => {
  const n = STEPS.findIndex((s) => s.id === 'grid') + 1;
  const answers = [];
  for (const p of ['0.3', '0.9']) {
    const { page, errors } = await openPage(ctx, `?backend=cpu&step=${n}`);
    try {
      await page.waitForFunction((k) => Number(document.getElementById('guide')?.dataset.step) === k, n);
      assert.equal((await panel(page)).target, '#dropout');
      await page.fill('#dropout', p);
      await page.press('#dropout', 'Tab');
      await answered(page);
      answers.push((await panel(page)).answer);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  }
  assert.notEqual(answers[0], answers[1], 'the answer follows the page');
  assert.match(answers[0], /p = 0\.3/);
  assert.match(answers[1], /p = 0\.9/);
});

test('in Portuguese', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lang=pt&step=1');
  try {
    await page.waitForFunction(() => Number(document.getElementById('guide')?.dataset.step) === 1);
    const p = await panel(page);
    assert.match(p.count, new RegExp(`^Passo 1 de ${STEPS.length}: O que é um autoencoder`));
    assert.match(p.answer, /A resposta aparece aqui/);
    await press(page, '#ae-code', 'ArrowDown');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await answered(page);
    assert.match((await panel(page)).answer, /Com o seu código, x̂ marca [\d,]+ dB contra x/);
    // The whole path by keyboard, in Portuguese: each step's count, its Portuguese words.
    for (let n = 2; n <= STEPS.length; n++) {
      await press(page, '#guide-next');
      await page.waitForFunction((k) => Number(document.getElementById('guide').dataset.step) === k, n);
      const q = await panel(page);
      assert.ok(q.count.startsWith(`Passo ${n} de ${STEPS.length}: `), q.count);
      assert.match(await page.textContent('#guide-do'), /^Faça: /);
      assert.match(await page.textContent('#guide-ask'), /^Antes, preveja: /);
      assert.equal(q.target, STEPS[n - 1].target);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the notebook\'s loop beside Train lights up as the worker passes it', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  try {
    const rows = await page.$$eval('#loop tbody tr', (trs) => trs.map((tr) => tr.querySelector('th').textContent.trim()));
    assert.deepEqual(rows, ['forward', 'loss', 'zero_grad', 'backward', 'step']);
    const passes = () => page.evaluate(() => Number(document.getElementById('loop').dataset.passes || 0));
    assert.equal(await passes(), 0);
    const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
    assert.ok(await passes() >= 1, 'a pass for each chunk reported');
    assert.ok(await passes() <= run.steps, 'no more passes than steps');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
