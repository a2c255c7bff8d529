// Lesson links and downloads without a browser: the names ?lesson= and ?hide= accept
// (www/state.js) are the page's sections and the controls www/lesson.js knows, every element
// they and the figure downloads name is in index.html, and the loss history's CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LESSONS, HIDEABLE } from '../../www/state.js';
import { HIDE } from '../../www/lesson.js';
import { PAGE_FIGURES, historyCsv } from '../../www/views/download.js';
import { LABS } from '../../www/labs/index.js';

/** Every section's figures: the page's own and each lab's. */
const FIGURES = { ...PAGE_FIGURES, ...Object.fromEntries(LABS.map((unit) => [unit.section, unit.figures])) };

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

test('the lessons are the sections of index.html and those the labs make, in the page\'s order', () => {
  const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
  // A lab's made section goes before the training panel (www/main.js).
  const made = LABS.filter((unit) => unit.make).map((unit) => unit.section);
  sections.splice(sections.indexOf('training'), 0, ...made);
  assert.deepEqual(LESSONS, sections);
});

test('hide knows each section and each control of HIDE, and nothing else', () => {
  assert.deepEqual([...HIDEABLE].sort(), [...LESSONS, ...Object.keys(HIDE)].sort());
  for (const [name, selectors] of Object.entries(HIDE)) {
    for (const selector of selectors) {
      for (const [, id] of selector.matchAll(/#([\w-]+)/g)) assert.ok(ids.has(id), `${name}: no #${id} in index.html`);
    }
  }
});

test('every figure to download is in index.html, in a section of its own', () => {
  assert.deepEqual(Object.keys(FIGURES).sort(), [...LESSONS].sort());
  for (const [section, figures] of Object.entries(FIGURES)) {
    if (LABS.some((unit) => unit.section === section && unit.make)) continue; // made by its lab
    for (const figure of figures) for (const id of figure.split('+')) assert.ok(ids.has(id), `${section}: no #${id}`);
  }
});

test('the loss history as CSV: a header, then one row per logged step, in order', () => {
  const csv = historyCsv({
    'standard train': [[10, 0.5], [20, 0.25], [30, 0.125]],
    'standard test': [[20, 0.3]],
    'denoising train': [[5, 0.7], [20, 0.6]],
    'odd, "name"': [],
  });
  assert.equal(csv, [
    'step,standard train,standard test,denoising train,"odd, ""name"""',
    '5,,,0.7,',
    '10,0.5,,,',
    '20,0.25,0.3,0.6,',
    '30,0.125,,,',
    '',
  ].join('\n'));
  assert.equal(historyCsv({}), 'step\n');
});
