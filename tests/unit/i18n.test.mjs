// The page's two languages (www/strings/en.js, pt.js, www/i18n.js) without a browser: both
// dictionaries hold every key, none empty, with the same placeholders; every key index.html and
// the page's scripts use is there; index.html's English is en.js's; the shipped models' English
// texts are Rust's; and numbers are written the Portuguese way in Portuguese.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
// The labs' words join the page's dictionaries when the registry loads (www/labs/index.js).
import '../../www/labs/index.js';
// The lesson's words join them when its module loads (www/guide/guide.js).
import '../../www/guide/guide.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../../www/strings/en.js';
import pt from '../../www/strings/pt.js';
import { t, setLanguage, chooseLanguage, formatNumber, formatCount, formatExponential, language } from '../../www/i18n.js';
import { State, describeCorrections } from '../../www/state.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DICTIONARIES = { en, pt };
const placeholders = (/** @type {string} */ text) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

after(() => setLanguage('en'));

test('both languages have every key, none empty, with the same placeholders', () => {
  for (const [lang, dict] of Object.entries(DICTIONARIES)) {
    const other = lang === 'en' ? pt : en;
    for (const [key, value] of Object.entries(dict)) {
      assert.equal(typeof value, 'string', `${lang} ${key}`);
      assert.ok(value.trim() !== '', `${lang} ${key} is empty`);
      assert.ok(Object.hasOwn(other, key), `${key} is in ${lang} only`);
    }
  }
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(pt[key]), placeholders(en[key]), `${key}: the placeholders differ`);
  }
});

/** The files of the page's scripts, the dictionaries excepted. */
function scripts(dir = path.join(ROOT, 'www')) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'strings' ? [] : scripts(full);
    return e.name.endsWith('.js') ? [full] : [];
  });
}

test('every key index.html uses is in the dictionaries, and index.html says what en.js says', () => {
  const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  let count = 0;
  // Elements translated whole: their content is text only.
  for (const m of html.matchAll(/<(\w+)\b([^>]*?)\sdata-i18n="([^"]+)"([^>]*)>([^<]*)<\/\1>/g)) {
    const [, , , key, , text] = m;
    assert.ok(Object.hasOwn(en, key), `index.html: no key ${key}`);
    assert.equal(text.replace(/\s+/g, ' ').trim().replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'), en[key], `index.html's text of ${key}`);
    count++;
  }
  assert.equal(count, [...html.matchAll(/\sdata-i18n="/g)].length, 'every data-i18n element holds text only');
  for (const m of html.matchAll(/<\w+\b([^>]*)\sdata-i18n-attr="([^"]+)"([^>]*)>/g)) {
    const attributes = `${m[1]} ${m[3]}`;
    for (const pair of m[2].split(';')) {
      const [attribute, key] = pair.split(':').map((s) => s.trim());
      assert.ok(Object.hasOwn(en, key), `index.html: no key ${key}`);
      const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(attributes)?.[1];
      assert.equal(value, en[key], `index.html's ${attribute} of ${key}`);
      count++;
    }
  }
  assert.ok(count > 200, `${count} texts`);
});

test('every key the page\'s scripts name is in the dictionaries', () => {
  // Keys are written whole, as string literals ('grid.heading'), whether given to t() or kept
  // for it (the address's corrections): any literal shaped like a key of a known family must be one.
  const families = new Set(Object.keys(en).map((k) => k.split('.')[0]));
  let used = 0;
  for (const file of scripts()) {
    const code = fs.readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
    for (const m of code.matchAll(/\bt\(\s*'([^']+)'/g)) {
      assert.ok(Object.hasOwn(en, m[1]), `${path.relative(ROOT, file)}: t('${m[1]}') is in no dictionary`);
      used++;
    }
    for (const m of code.matchAll(/'([a-z]+(?:\.[A-Za-z0-9]+)+)'/g)) {
      if (families.has(m[1].split('.')[0])) assert.ok(Object.hasOwn(en, m[1]), `${path.relative(ROOT, file)}: '${m[1]}' is in no dictionary`);
    }
  }
  assert.ok(used > 150, `${used} t() calls`);
});

test('the shipped models\' English texts are Rust\'s (src/spec.rs)', () => {
  const spec = fs.readFileSync(path.join(ROOT, 'src', 'spec.rs'), 'utf8');
  for (const name of ['standard', 'denoising']) {
    const row = new RegExp(`name: Cow::Borrowed\\("${name}"\\),\\s*label: Cow::Borrowed\\("([^"]+)"\\),\\s*description: Cow::Borrowed\\("([^"]+)"\\)`).exec(spec);
    assert.ok(row, `src/spec.rs has the ${name} model`);
    assert.equal(en[`model.${name}.label`], row[1]);
    assert.equal(en[`model.${name}.description`], row[2]);
  }
});

test('the language: the address first, then the browser\'s, then English', () => {
  assert.equal(chooseLanguage('pt', 'en-US'), 'pt');
  assert.equal(chooseLanguage('en', 'pt-BR'), 'en');
  assert.equal(chooseLanguage('', 'pt-BR'), 'pt');
  assert.equal(chooseLanguage('', 'pt'), 'pt');
  assert.equal(chooseLanguage('', 'PT-pt'), 'pt');
  assert.equal(chooseLanguage('', 'de-DE'), 'en');
  assert.equal(chooseLanguage('fr', undefined), 'en');
});

test('numbers: a decimal comma in Portuguese, as toFixed writes them in English', () => {
  setLanguage('en');
  assert.equal(language(), 'en');
  assert.equal(formatNumber(18.345, 1), (18.345).toFixed(1));
  assert.equal(formatNumber(0.0123456, 4), '0.0123');
  assert.equal(formatNumber(-0.5), '-0.5');
  assert.equal(formatNumber(12000, 0), '12000', 'no thousands separator where toFixed has none');
  assert.equal(formatCount(2000), '2,000');
  assert.equal(t('grid.dropoutInput', { p: 0.5 }), 'dropout input (p=0.5)');
  setLanguage('pt');
  assert.equal(formatNumber(18.345, 1), '18,3');
  assert.equal(formatNumber(0.0123456, 4), '0,0123');
  assert.equal(formatNumber(-0.5), '-0,5');
  assert.equal(formatCount(2000), '2.000');
  assert.equal(formatExponential(0.001234, 2), '1,23e-3');
  assert.equal(t('grid.dropoutInput', { p: 0.5 }), 'entrada com dropout (p=0,5)');
  assert.equal(t('no.such.key'), 'no.such.key', 'a missing key shows as itself');
  setLanguage('en');
});

test('the address\'s corrections are told in the page\'s language; the record keeps English', () => {
  const s = new State({ search: '?epochs=-5&bits=abc&lang=fr', write: () => {} });
  assert.deepEqual(s.corrections.map((c) => c.why), ['below 1', 'not a number', "not one of '', en, pt"]);
  setLanguage('pt');
  assert.equal(describeCorrections(s.corrections),
    "Epochs=-5 limitado a 1 (abaixo de 1); ?bits=abc ignorado (não é um número; usando 8); ?lang=fr ignorado (não é um de '', en, pt; usando '').");
  setLanguage('en');
  assert.match(describeCorrections(s.corrections), /^Epochs=-5 clamped to 1 \(below 1\); ignored \?bits=abc/);
});

test('every Portuguese text is Portuguese: none is the English one, names, symbols and shared terms aside', () => {
  // The same in both languages: names, symbols and terms Portuguese uses as they are.
  const SAME = new Set([
    'page.title', 'header.backend', 'denoise.dropout', 'energy.pixels', 'energy.frame', 'energy.resultPixels',
    'anomaly.source.fashion', 'transforms.slider.zoom', 'transforms.kind.zoom', 'superres.bilinear',
    'builder.part.linear', 'sweep.yLabel', 'backend.threads', 'ae.whShape', 'ae.wxShape', 'training.loopForward',
  ]);
  const untranslated = Object.keys(en).filter((key) => pt[key] === en[key] && !SAME.has(key));
  assert.deepEqual(untranslated, []);
  for (const key of SAME) assert.ok(key in en, `${key} is no longer a key: drop it from the list`);
});

test("every section's heading names the lecture's figures, its notebook, or says it goes beyond the lecture", () => {
  const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  // The sections' headings: a key of the dictionaries (data-i18n), or the grid's, which follows the data set.
  const keys = [...html.matchAll(/<section[^>]*>\s*<h2([^>]*)>/g)].map((m) => /data-i18n="([^"]+)"/.exec(m[1])?.[1] ?? 'grid.heading.mnist');
  assert.ok(keys.length >= 9, `only ${keys.length} sections found`);
  keys.push('grid.heading.fashion', 'grid.heading.own');
  for (const [lang, dict] of Object.entries(DICTIONARIES)) {
    for (const key of keys) {
      assert.match(dict[key], lang === 'en' ? /figures? \d|notebook|beyond the lecture/ : /figuras? \d|notebook|além da aula/, `${lang} ${key}: ${dict[key]}`);
    }
  }
});
