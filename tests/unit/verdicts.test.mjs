// The sentences that state a result (www/verdicts.js) are chosen from the numbers: each verdict
// is fed the figures of both outcomes, and every key it can return has words in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// The labs' words join the page's dictionaries when the registry loads (www/labs/index.js).
import '../../www/labs/index.js';
import en from '../../www/strings/en.js';
import pt from '../../www/strings/pt.js';
import { jacobianVerdict, contractiveVerdict, helixVerdict, sweepKnee, pullsOntoCurve, unrolled, codeVerdict, speedVerdict, SQUASHED, ALONG } from '../../www/verdicts.js';
// The lesson's words join the dictionaries when its module loads.
import '../../www/guide/guide.js';

const hasWords = (key) => assert.ok(key in en && key in pt, `${key} has words in both languages`);

test('the denoising Jacobian is said to squash across the curve only when its numbers show it', () => {
  const across = jacobianVerdict({ ratio: SQUASHED / 2, alignment: (1 + ALONG) / 2 });
  assert.equal(across.key, 'manifold.explain.jacobian');
  // The shipped settings' numbers (untied: 0.983, 0.768; tied: 0.95, 0.853): no squash.
  assert.equal(jacobianVerdict({ ratio: 0.983, alignment: 0.768 }).key, 'manifold.explain.noSquash');
  assert.equal(jacobianVerdict({ ratio: 0.95, alignment: 0.853 }).key, 'manifold.explain.noSquash');
  assert.equal(jacobianVerdict({ ratio: 0.2, alignment: 0.3 }).key, 'manifold.explain.squashOffTangent');
  for (const v of [across, jacobianVerdict({ ratio: 1, alignment: 1 }), jacobianVerdict({ ratio: 0.2, alignment: 0 })]) hasWords(v.key);
});

test('the contractive model is said to squash across the curve (figure 18) only when its numbers show it', () => {
  const squashes = contractiveVerdict({ ratio: SQUASHED / 2, alignment: (1 + ALONG) / 2, offCurve: 0.01 });
  assert.equal(squashes.key, 'manifold.explain.contractiveSquashes');
  // The lab's default settings (evaluate --manifold: ratio 0.985, alignment 0.768): no squash.
  assert.equal(contractiveVerdict({ ratio: 0.985, alignment: 0.768, offCurve: 0.03 }).key, 'manifold.explain.contractiveNoSquash');
  // A small ratio with the stretched direction off the tangent is no squash across the curve.
  assert.equal(contractiveVerdict({ ratio: 0.2, alignment: 0.4, offCurve: 0.05 }).key, 'manifold.explain.contractiveNoSquash');
  // λ so large that the outputs leave the curve: that is said first, whatever the Jacobian.
  assert.equal(contractiveVerdict({ ratio: 0.1, alignment: 0.95, offCurve: 0.3 }).key, 'manifold.explain.shrinksCurve');
  for (const key of ['manifold.explain.contractiveSquashes', 'manifold.explain.contractiveNoSquash', 'manifold.explain.shrinksCurve']) hasWords(key);
});

test('the helix says the model maps only the points it saw when the codes beyond decode far off, and nothing before training', () => {
  assert.equal(helixVerdict({ steps: 0, offTraining: 0.5, offBetween: 0.5, offBeyond: 3 }).key, 'helix.untrained');
  assert.equal(helixVerdict({ steps: 500, offTraining: 0.05, offBetween: 0.06, offBeyond: 0.4 }).key, 'helix.mapsPoints');
  assert.equal(helixVerdict({ steps: 500, offTraining: 0.05, offBetween: 0.06, offBeyond: 0.08 }).key, 'helix.mapsAround');
  for (const key of ['helix.untrained', 'helix.mapsPoints', 'helix.mapsAround']) hasWords(key);
});

test('the denoising lab names the restoration that wins on the damage shown, and those worse than the damage', async () => {
  const { restorationVerdict } = await import('../../www/verdicts.js');
  const outputs = (dae, ns, standard) => [
    { key: 'standard', psnr: standard, classical: false },
    { key: 'denoising-pasted', psnr: dae, classical: false },
    { key: 'navier-stokes', psnr: ns, classical: true },
  ];
  // The test set's means for the dropout mask: the pasted denoising AE ahead of Navier–Stokes.
  const dropout = restorationVerdict(9.36, outputs(21.43, 18.55, 14.77));
  assert.equal(dropout.key, 'denoise.verdict.autoencoder');
  assert.deepEqual(dropout.ranked.map((o) => o.key), ['denoising-pasted', 'navier-stokes', 'standard']);
  assert.deepEqual(dropout.worse, []);
  // The patch screenshot: the standard AE (18.0 dB) below the damaged input (19.0).
  const patch = restorationVerdict(19.0, outputs(19.5, 20.1, 18.0));
  assert.equal(patch.key, 'denoise.verdict.classical');
  assert.deepEqual(patch.worse.map((o) => o.key), ['standard']);
  assert.equal(restorationVerdict(Infinity, outputs(1, 2, 3)).key, 'denoise.verdict.undamaged');
  assert.equal(restorationVerdict(10, []), null);
  for (const key of ['denoise.verdict.autoencoder', 'denoise.verdict.classical', 'denoise.verdict.undamaged', 'denoise.verdict.worse']) hasWords(key);
});

test('a linear model, tied or not, is said to span PCA\'s subspace only when its overlap on the inked pixels shows it', async () => {
  const { pcaVerdict, SPANS } = await import('../../www/verdicts.js');
  assert.equal(pcaVerdict({ activation: 'linear', tied: true }, { overlapInked: (1 + SPANS) / 2 }).key, 'pca.found');
  assert.equal(pcaVerdict({ activation: 'linear', tied: false }, { overlapInked: (1 + SPANS) / 2 }).key, 'pca.found');
  assert.equal(pcaVerdict({ activation: 'linear', tied: false }, { overlapInked: SPANS / 2 }).key, 'pca.notYet');
  assert.equal(pcaVerdict({ activation: 'tanh', tied: true }, { overlapInked: 0.99 }).key, 'pca.notLinear');
  for (const key of ['pca.found', 'pca.notYet', 'pca.notLinear']) hasWords(key);
});

test('the capacity sweep says where the digits\' curve flattens only when its points show it', () => {
  // Gains of 5, 3, 0.6, 0.3 dB: flat from d = 10 on.
  const flat = sweepKnee([[2, 10], [5, 15], [10, 18], [30, 18.6], [100, 18.9]]);
  assert.deepEqual(flat, { key: 'sweep.knee', params: { d: 10, next: 30 } });
  // Still rising by 2 dB at the end: no knee claimed.
  const rising = sweepKnee([[2, 10], [5, 12], [10, 12.4], [30, 14.4]]);
  assert.equal(rising.key, 'sweep.noKnee');
  assert.equal(rising.params.d, 30);
  assert.ok(Math.abs(rising.params.gain - 2) < 1e-9);
  assert.equal(sweepKnee([[2, 10], [5, 12]]), null, 'two sizes say nothing');
  for (const v of [flat, rising]) hasWords(v.key);
});

test('the plane pulls onto the curve, and the helix is unrolled, only when the numbers show it; the lab and the lesson share the thresholds', () => {
  assert.equal(pullsOntoCurve({ travelOn: 0.017, travelSigma: 0.094 }), true);
  assert.equal(pullsOntoCurve({ travelOn: 0.06, travelSigma: 0.094 }), false, 'less than σ\'s travel, but not half of it');
  assert.equal(unrolled(-1), true);
  assert.equal(unrolled(0.93), false);
});

test('a code moved by hand is said worse, better or about the same as the encoder\'s from the two PSNRs', () => {
  assert.equal(codeVerdict(15, 21.3).key, 'guide.code.worse');
  assert.equal(codeVerdict(22.4, 21.3).key, 'guide.code.better');
  assert.equal(codeVerdict(21.1, 21.3).key, 'guide.code.same');
  for (const key of ['guide.code.worse', 'guide.code.better', 'guide.code.same']) hasWords(key);
});

test('a backend is said faster, slower or about as fast as the other from the two steps\' times', () => {
  const faster = speedVerdict(10, 60);
  assert.equal(faster.key, 'perf.faster');
  assert.equal(faster.params.ratio, 6);
  const slower = speedVerdict(900, 30);
  assert.equal(slower.key, 'perf.slower');
  assert.equal(slower.params.ratio, 30);
  assert.equal(speedVerdict(10, 11).key, 'perf.same', 'within 1.2× of each other');
  for (const key of ['perf.faster', 'perf.slower', 'perf.same']) hasWords(key);
});
