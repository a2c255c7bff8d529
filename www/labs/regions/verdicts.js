// @ts-check
// The regions lab's sentences that state a result, chosen from the figures they describe (as
// www/verdicts.js does for the page): no DOM, no words; tests/unit/regions.test.mjs feeds each
// both outcomes.

/** A difference of mean confidence (0.1 to 1) below this is "about the same". */
export const CLEAR = 0.05;
/** Below this many steps the networks decode blurs, whatever the classifier says of them. */
export const EARLY = 200;

/**
 * Samples of the two networks: the variational autoencoder's from its prior against the plain
 * autoencoder's from a fit of its codes; before `EARLY` steps, only that they are blurs (the
 * classifier can be sure of a smooth blur).
 * @param {number} vae mean digit-likeness of the VAE's samples
 * @param {number} plain mean digit-likeness of the plain autoencoder's
 * @param {number} steps the steps both networks have taken
 * @returns {import('../../verdicts.js').Verdict}
 */
export function samplesVerdict(vae, plain, steps) {
  if (steps < EARLY) return { key: 'regions.verdict.early' };
  if (vae >= plain + CLEAR) return { key: 'regions.verdict.vaeBetter' };
  if (plain >= vae + CLEAR) return { key: 'regions.verdict.plainBetter' };
  return { key: 'regions.verdict.same' };
}

/**
 * The holes of a model of the table: decoded codes it never saw against test digits, by the
 * classifier; and what the anomaly score makes of them.
 * @param {{real: number, random: number, between: number, realAnomaly: number, randomAnomaly: number}} h
 *   mean confidences and mean anomaly percentiles
 * @returns {import('../../verdicts.js').Verdict[]}
 */
export function holesVerdict(h) {
  const worst = Math.min(h.random, h.between);
  const likeness = worst <= h.real - CLEAR ? { key: 'regions.holes.less' } : { key: 'regions.holes.asMuch' };
  const anomaly = h.randomAnomaly < h.realAnomaly ? { key: 'regions.holes.anomalyBlind' } : { key: 'regions.holes.anomalySees' };
  return [likeness, anomaly];
}

/**
 * What β did to the KL term: the latest KL against the one before the last change of β.
 * @param {number} before KL (nats) before β changed @param {number} after KL now
 * @param {number} betaBefore @param {number} betaAfter
 * @returns {import('../../verdicts.js').Verdict | null}
 */
export function betaVerdict(before, after, betaBefore, betaAfter) {
  if (betaAfter === betaBefore) return null;
  const rose = after > before;
  if (betaAfter > betaBefore) return { key: rose ? 'regions.beta.upButRose' : 'regions.beta.upFell' };
  return { key: rose ? 'regions.beta.downRose' : 'regions.beta.downButFell' };
}
