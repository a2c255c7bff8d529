// The regions lab's sentences that state a result: each verdict fed both outcomes, and every
// key it can choose written in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../www/labs/index.js';
import en from '../../www/labs/regions/en.js';
import pt from '../../www/labs/regions/pt.js';
import { samplesVerdict, holesVerdict, betaVerdict, CLEAR, EARLY } from '../../www/labs/regions/verdicts.js';
import { bounds } from '../../www/labs/regions/planes.js';

const keys = new Set();
const seen = (/** @type {{key: string} | null} */ v) => { if (v) keys.add(v.key); return v?.key; };

test('the samples sentence follows the two scores, once the networks have trained', () => {
  assert.equal(seen(samplesVerdict(0.9, 0.6, EARLY)), 'regions.verdict.vaeBetter');
  assert.equal(seen(samplesVerdict(0.6, 0.9, EARLY)), 'regions.verdict.plainBetter');
  assert.equal(seen(samplesVerdict(0.7, 0.7 + CLEAR / 2, 1000)), 'regions.verdict.same');
  assert.equal(seen(samplesVerdict(0.6, 0.95, EARLY - 1)), 'regions.verdict.early');
});

test('the holes sentences follow the classifier and the anomaly score', () => {
  const base = { real: 0.97, random: 0.7, between: 0.65, realAnomaly: 0.5, randomAnomaly: 0.1 };
  assert.deepEqual(holesVerdict(base).map(seen), ['regions.holes.less', 'regions.holes.anomalyBlind']);
  assert.deepEqual(holesVerdict({ ...base, random: 0.96, between: 0.95, randomAnomaly: 0.8 }).map(seen), ['regions.holes.asMuch', 'regions.holes.anomalySees']);
});

test('the β sentence follows the KL before and after the change', () => {
  assert.equal(seen(betaVerdict(25, 5, 1, 8)), 'regions.beta.upFell');
  assert.equal(seen(betaVerdict(5, 6, 1, 8)), 'regions.beta.upButRose');
  assert.equal(seen(betaVerdict(5, 25, 8, 1)), 'regions.beta.downRose');
  assert.equal(seen(betaVerdict(25, 24, 8, 1)), 'regions.beta.downButFell');
  assert.equal(betaVerdict(5, 6, 1, 1), null);
});

test('every sentence a verdict chooses is written in both languages', () => {
  assert.ok(keys.size >= 12, [...keys].join(', '));
  for (const key of keys) {
    assert.ok(en[key], `${key} in English`);
    assert.ok(pt[key], `${key} in Portuguese`);
  }
});

test('the variational plane shows at least the prior\'s square; the plain one fits its codes', () => {
  const codes = [0.5, 0.5, -0.5, 0.2];
  const vae = bounds(codes, 2, null, true);
  for (const [k, v] of Object.entries({ x0: -3.15, x1: 3.15, y0: -3.15, y1: 3.15 })) assert.ok(Math.abs(vae[k] - v) < 1e-9, `${k}: ${vae[k]}`);
  const plain = bounds([10, 0, 20, 4], 2, null, false);
  assert.ok(plain.x0 < 10 && plain.x1 > 20 && plain.y0 < 0 && plain.y1 > 4, JSON.stringify(plain));
});
