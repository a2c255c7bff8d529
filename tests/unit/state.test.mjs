// The page's settings (www/state.js) without a browser: defaults, parsing, the limits applied
// alike to the address and to set(), the corrections the page reports, the address written back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State, describeCorrections } from '../../www/state.js';

/** A correction without its dictionary key (`reason`, for the page's language). */
const plain = ({ reason, ...rest }) => rest;

/** A State reading `search`, with the queries it writes collected. */
function state(search = '') {
  const written = [];
  const s = new State({ search, write: (q) => written.push(q) });
  return { s, written };
}

test('defaults when the address says nothing', () => {
  const { s } = state();
  assert.equal(s.backend, 'auto');
  assert.equal(s.model, 'both');
  assert.equal(s.epochs, 3);
  assert.equal(s.dropout, 0.5);
  assert.equal(s.frames, 8);
  assert.equal(s.iterations, 100);
  assert.equal(s.bits, 8);
  assert.equal(s.labDropout, 0);
  assert.equal(s.sigma, 0);
  assert.equal(s.patch, 8);
  assert.deepEqual(s.corrections, []);
  assert.equal(s.query(), '');
});

test('values from the address are parsed and kept when valid', () => {
  const { s } = state('?backend=cpu&epochs=5&dropout=0.3&frames=12&bits=4&labDropout=0.25&sigma=0.1&patch=10&gpu=fail');
  assert.equal(s.backend, 'cpu');
  assert.equal(s.epochs, 5);
  assert.equal(s.dropout, 0.3);
  assert.equal(s.frames, 12);
  assert.equal(s.bits, 4);
  assert.equal(s.labDropout, 0.25);
  assert.equal(s.sigma, 0.1);
  assert.equal(s.patch, 10);
  assert.equal(s.gpu, 'fail');
  assert.deepEqual(s.corrections, []);
});

test('the constructor clamps, rounds and ignores, and records each correction', () => {
  const { s } = state('?backend=quantum&epochs=-5&frames=9999&bits=abc&iterations=2.6&sigma=3&patch=1&foo=1');
  assert.equal(s.backend, 'auto');
  assert.equal(s.epochs, 1);
  assert.equal(s.frames, 16);
  assert.equal(s.bits, 8);
  assert.equal(s.iterations, 3);
  assert.equal(s.sigma, 0.6);
  assert.equal(s.patch, 2);
  const byKey = Object.fromEntries(s.corrections.map((c) => [c.key, plain(c)]));
  assert.deepEqual(byKey.backend, { key: 'backend', given: 'quantum', used: 'auto', why: 'not one of auto, webgpu, cpu, flex' });
  assert.deepEqual(byKey.epochs, { key: 'epochs', given: '-5', used: 1, why: 'below 1' });
  assert.deepEqual(byKey.frames, { key: 'frames', given: '9999', used: 16, why: 'above 16' });
  assert.deepEqual(byKey.bits, { key: 'bits', given: 'abc', used: 8, why: 'not a number' });
  assert.deepEqual(byKey.iterations, { key: 'iterations', given: '2.6', used: 3, why: 'not a whole number' });
  assert.equal(byKey.foo.used, undefined);
  assert.equal(s.corrections.length, 8);
});

test('an empty or infinite number is not a number', () => {
  const { s } = state('?epochs=&bits=Infinity');
  assert.equal(s.epochs, 3);
  assert.equal(s.bits, 8);
  assert.deepEqual(s.corrections.map((c) => c.why), ['not a number', 'not a number']);
});

test('set() applies the same limits as the constructor', () => {
  const { s } = state();
  assert.equal(s.set('epochs', 1000), 100);
  assert.equal(s.epochs, 100);
  assert.equal(s.set('epochs', '-3'), 1);
  assert.equal(s.set('frames', 2), 3);
  assert.equal(s.set('bits', 'abc'), 8);
  assert.equal(s.set('labDropout', 0.95), 0.9);
  assert.equal(s.set('sigma', -1), 0);
  assert.equal(s.set('patch', 7.4), 7);
  assert.equal(s.set('backend', 'quantum'), 'auto');
  assert.equal(s.set('backend', 'flex'), 'flex');
  assert.throws(() => s.set('nonsense', 1), /no setting 'nonsense'/);
  assert.deepEqual(s.corrections, [], 'set() is not an address correction');
});

test('model choices come from the model table (allow) and are checked then', () => {
  const { s } = state('?model=quantum&latent=denoising');
  assert.equal(s.model, 'quantum', 'kept until the table is known');
  s.allow('model', ['standard', 'denoising', 'both'], 'both');
  s.allow('latent', ['standard', 'denoising']);
  assert.equal(s.model, 'both');
  assert.equal(s.latent, 'denoising');
  assert.deepEqual(s.corrections.map(plain), [{ key: 'model', given: 'quantum', used: 'both', why: 'not one of standard, denoising, both' }]);
  assert.equal(s.set('model', 'nope'), 'both');
  assert.equal(s.set('latent', 'standard'), 'standard');
});

test('the latent default becomes the table\'s first model and is not written', () => {
  const { s, written } = state();
  s.allow('latent', ['standard', 'denoising']);
  assert.equal(s.latent, 'standard');
  s.set('frames', 12);
  assert.deepEqual(written, ['?frames=12']);
  s.set('latent', 'denoising');
  assert.equal(written.at(-1), '?latent=denoising&frames=12');
});

test('the address written back holds every non-default value, in a stable order', () => {
  const { s, written } = state('?bits=4&backend=cpu&foo=bar');
  s.set('labDropout', 0.5);
  // The page's settings first, then each lab's, in the page's order (denoising before latent).
  assert.equal(written.at(-1), '?backend=cpu&labDropout=0.5&bits=4');
  s.set('bits', 8);
  s.set('backend', 'auto');
  s.set('labDropout', 0);
  assert.equal(written.at(-1), '');
});

test('describeCorrections: one sentence naming each parameter', () => {
  const { s } = state('?backend=quantum&epochs=-5&frames=9999&bits=abc');
  const text = describeCorrections(s.corrections);
  assert.equal(text, 'Ignored ?backend=quantum (not one of auto, webgpu, cpu, flex; using auto); epochs=-5 clamped to 1 (below 1); '
    + 'frames=9999 clamped to 16 (above 16); ignored ?bits=abc (not a number; using 8).');
  assert.equal(describeCorrections([]), '');
});

test('the language: English, Portuguese or the browser\'s, and nothing else', () => {
  assert.equal(state().s.lang, '', 'the browser\'s by default');
  assert.equal(state('?lang=pt').s.lang, 'pt');
  const { s, written } = state('?lang=fr');
  assert.equal(s.lang, '');
  assert.deepEqual(s.corrections.map(plain), [{ key: 'lang', given: 'fr', used: '', why: "not one of '', en, pt" }]);
  s.set('lang', 'en');
  assert.equal(written.at(-1), '?lang=en', 'a language chosen is written, English too');
});

test('lesson links: one section, a list of things to hide, presenter mode', () => {
  const { s } = state();
  assert.equal(s.lesson, '');
  assert.equal(s.hide, '');
  assert.equal(s.presenter, '0');
  const link = state('?lesson=denoising-lab&hide=backend,upload&presenter=1').s;
  assert.equal(link.lesson, 'denoising-lab');
  assert.equal(link.hide, 'backend,upload');
  assert.equal(link.presenter, '1');
  assert.deepEqual(link.corrections, []);
  assert.equal(link.query(), '?lesson=denoising-lab&hide=backend,upload&presenter=1', 'commas stay commas');
});

test('hide keeps the names it knows, once each, and says which it dropped', () => {
  const { s } = state('?hide=backend, training,nonsense,backend&lesson=kitchen&presenter=yes');
  assert.equal(s.hide, 'backend,training');
  assert.equal(s.lesson, '');
  assert.equal(s.presenter, '0');
  const byKey = Object.fromEntries(s.corrections.map((c) => [c.key, plain(c)]));
  assert.match(byKey.hide.why, /^nonsense: not among autoencoder, reconstructions, denoising-lab, .*, backend, /);
  assert.equal(byKey.hide.used, 'backend,training');
  assert.match(byKey.lesson.why, /^not one of '', autoencoder, reconstructions, denoising-lab/);
  assert.match(describeCorrections([s.corrections[0]]), /^Ignored \?hide=backend, training,nonsense,backend \(nonsense: not among .*; using backend,training\)\.$/);
  const { s: t, written } = state();
  assert.equal(t.set('hide', 'upload,nope,builder'), 'upload,builder', 'set() drops unknown names too');
  assert.equal(t.set('presenter', 1), '1');
  assert.equal(written.at(-1), '?hide=upload,builder&presenter=1');
});

// Inputs the URL fuzzer (pkg-scripts/fuzz-url.mjs) found.
test("?__proto__, ?constructor and ?toString are not settings: ignored and said, nothing thrown", () => {
  const state = new State({ search: '?backend=cpu&__proto__&constructor=1&toString=x&hasOwnProperty=2', write: () => {} });
  assert.equal(state.backend, 'cpu');
  assert.deepEqual(state.corrections.map((c) => c.key), ['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  assert.match(describeCorrections(state.corrections), /^Ignored \?__proto__= \(not a setting of this page\)/);
  assert.throws(() => state.set('__proto__', 1), /there is no setting '__proto__'/);
  assert.equal(new State({ search: state.query(), write: () => {} }).corrections.length, 0);
});

test('?restore=no is a setting (a teacher’s link that offers no saved models); anything else is corrected to ask', () => {
  assert.equal(new State({ search: '?restore=no', write: () => {} }).restore, 'no');
  const state = new State({ search: '?restore=yes', write: () => {} });
  assert.equal(state.restore, 'ask');
  assert.equal(state.corrections[0].key, 'restore');
});
