// The model builder's words: a model's parts, and why its kernels look as they do on the pixels
// the digits almost never ink (the page must not give a denoising reason to a model that sees
// no noise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
// The labs' words join the page's dictionaries when the registry loads (www/labs/index.js).
import '../../www/labs/index.js';
import { partsOf, kernelReason } from '../../www/labs/builder/lab.js';
import { diverging } from '../../www/views/kernels.js';

const spec = (over) => ({ name: 'm', label: 'm', latent: 30, activation: 'tanh', tied: false, scale: 'symmetric', loss: 'mse', corruption: { kind: 'none' }, contractive: 0, trainingDigits: null, ...over });

test('parts in a few words', () => {
  assert.equal(partsOf(spec({})), 'tanh, [-1, 1], MSE');
  assert.equal(partsOf(spec({ activation: 'linear', tied: true, scale: 'unit', loss: 'bce', corruption: { kind: 'gaussian', sigma: 0.2 }, contractive: 0.01 })), 'linear, tied, [0, 1], BCE, σ 0.2, λ 0.01');
});

test('the kernels\' reason follows the model, not the number alone', () => {
  assert.match(kernelReason(spec({}), 99), /keep their random start \(figure 22\)/);
  assert.match(kernelReason(spec({ corruption: { kind: 'dropout', p: 0.5 } }), 40), /corruption.*fade \(figure 23\)/);
  assert.match(kernelReason(spec({ tied: true }), 6), /tied weights/);
  assert.doesNotMatch(kernelReason(spec({ tied: true }), 6), /noise/);
  assert.match(kernelReason(spec({ contractive: 0.01 }), 50), /contractive penalty/);
});

test('the diverging colour map: white at 0, red above, blue below, clamped', () => {
  assert.deepEqual(diverging(0), [255, 255, 255]);
  assert.deepEqual(diverging(1), [178, 24, 43]);
  assert.deepEqual(diverging(-1), [33, 102, 172]);
  assert.deepEqual(diverging(5), diverging(1));
});
