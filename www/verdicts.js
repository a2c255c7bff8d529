// @ts-check
// The sentences that state a result, chosen from the numbers they describe: each function takes
// the figures a view shows and returns the key of the sentence that is true of them (with its
// parameters), so the page never prints a conclusion its own figure contradicts. No DOM, no
// words: the views translate the keys (www/strings/), tests/unit/verdicts.test.mjs feeds each
// function both outcomes.

/**
 * @typedef {{key: string, params?: Record<string, unknown>}} Verdict
 */

/** The singular ratio (smaller / larger) below which a Jacobian squashes one direction. */
export const SQUASHED = 0.5;
/** The tangent alignment (|cos|) above which the most stretched direction follows the curve. */
export const ALONG = 0.8;

/**
 * What the denoising model's Jacobian does on the curve (lecture figure 17): squashes across it
 * only where its singular ratio is small and its stretched direction follows the tangent.
 * @param {{ratio: number, alignment: number}} dae the denoising model's numbers
 * @returns {Verdict}
 */
export function jacobianVerdict(dae) {
  if (dae.ratio <= SQUASHED && dae.alignment >= ALONG) return { key: 'manifold.explain.jacobian' };
  if (dae.ratio <= SQUASHED) return { key: 'manifold.explain.squashOffTangent' };
  return { key: 'manifold.explain.noSquash' };
}

/**
 * What the contractive model does on the curve (lecture figure 18): shrinks the curve itself
 * when λ is too large for it, squashes across the curve as the lecture draws it, or neither.
 * @param {{ratio: number, alignment: number, offCurve: number}} cae the contractive model's numbers
 * @returns {Verdict}
 */
export function contractiveVerdict(cae) {
  if (cae.offCurve > 0.1) return { key: 'manifold.explain.shrinksCurve' };
  if (cae.ratio <= SQUASHED && cae.alignment >= ALONG) return { key: 'manifold.explain.contractiveSquashes' };
  return { key: 'manifold.explain.contractiveNoSquash' };
}

/**
 * What the helix's distances say: the reconstructions of the training points against the
 * decoded codes between and beyond theirs.
 * @param {{steps: number, offTraining: number, offBetween: number, offBeyond: number}} view
 * @returns {Verdict}
 */
export function helixVerdict(view) {
  if (view.steps === 0) return { key: 'helix.untrained' };
  // Beyond the training codes the decoder has nothing to follow: clearly further off the helix.
  if (view.offBeyond > 2 * Math.max(view.offTraining, view.offBetween)) return { key: 'helix.mapsPoints' };
  return { key: 'helix.mapsAround' };
}

/**
 * @typedef {{key: string, psnr: number, classical: boolean}} Scored a restoration's PSNR against
 *   the clean digit; `classical` for Telea and Navier–Stokes
 */

/**
 * Which restoration of the denoising lab's damaged digit comes closest to the clean one (the
 * intro's question: is the autoencoder better than the classical state of the art?), ranked by
 * PSNR, and which end further from the clean digit than the damaged input itself.
 * @param {number} input the damaged input's PSNR (∞ when nothing is damaged)
 * @param {Scored[]} outputs
 * @returns {{key: string, ranked: Scored[], worse: Scored[]} | null} null without outputs
 */
export function restorationVerdict(input, outputs) {
  if (!outputs.length) return null;
  const ranked = [...outputs].sort((a, b) => b.psnr - a.psnr);
  if (input === Infinity) return { key: 'denoise.verdict.undamaged', ranked, worse: [] };
  const worse = outputs.filter((o) => o.psnr < input);
  return { key: ranked[0].classical ? 'denoise.verdict.classical' : 'denoise.verdict.autoencoder', ranked, worse };
}

/** The subspace overlap above which a model's encoder spans PCA's subspace. */
export const SPANS = 0.9;

/**
 * Whether a model's encoder spans PCA's subspace. A linear autoencoder's optimum, tied or not,
 * projects onto the top principal subspace (Baldi & Hornik, 1989), so its encoder spans it once
 * trained; the overlap that says so is the one on the inked pixels (elsewhere every digit has
 * the same value, and the weights there act as a bias). A tanh model need not span it.
 * @param {{activation: string}} spec
 * @param {{overlapInked: number}} result
 * @returns {Verdict}
 */
export function pcaVerdict(spec, result) {
  if (spec.activation !== 'linear') return { key: 'pca.notLinear' };
  return { key: result.overlapInked > SPANS ? 'pca.found' : 'pca.notYet' };
}

/** Gain in dB below which a larger code no longer pays on the capacity sweep. */
export const KNEE_GAIN = 1;

/**
 * Where the capacity sweep's digits curve flattens (the lecture's figure 1: digits have few
 * degrees of freedom): the smallest hidden size past which every larger one gains less than
 * KNEE_GAIN dB, or that the curve still rises at the largest size; null before three sizes.
 * @param {[number, number][]} points [d, PSNR dB], by increasing d
 * @returns {{key: string, params: Record<string, number>} | null}
 */
export function sweepKnee(points) {
  if (points.length < 3) return null;
  const gains = points.slice(1).map(([, p], i) => p - points[i][1]);
  for (let i = 0; i < gains.length; i++) {
    if (gains.slice(i).every((g) => g < KNEE_GAIN)) return { key: 'sweep.knee', params: { d: points[i][0], next: points[i + 1][0] } };
  }
  return { key: 'sweep.noKnee', params: { gain: gains[gains.length - 1], d: points[points.length - 1][0] } };
}

/** A model pulls the plane onto its curve when it moves points on the curve less than this share of how far it moves points σ away. */
export const PULL = 0.5;

/**
 * Whether a model of the plane pulls points onto the curve (figures 16–17): it moves points on
 * the curve less than PULL times as far as points σ away.
 * @param {{travelOn: number, travelSigma: number}} n a model's numbers
 */
export function pullsOntoCurve(n) {
  return n.travelOn < PULL * n.travelSigma;
}

/** |Spearman's ρ| above which the helix's one-number code orders the points along it. */
export const UNROLLED = 0.95;

/** Whether the helix's code orders its points along the curve (figure 19). @param {number} rho */
export function unrolled(rho) {
  return Math.abs(rho) > UNROLLED;
}

/** PSNR difference, in dB, within which a hand-made code scores about as well as the encoder's. */
export const ABOUT_SAME = 0.5;

/**
 * How a code moved by hand (figure 13) reconstructs the digit against the encoder's own code.
 * @param {number} now the PSNR with the moved code @param {number} encoder the PSNR with the encoder's
 * @returns {Verdict}
 */
export function codeVerdict(now, encoder) {
  if (now < encoder - ABOUT_SAME) return { key: 'guide.code.worse' };
  if (now > encoder + ABOUT_SAME) return { key: 'guide.code.better' };
  return { key: 'guide.code.same' };
}

/** How far apart two speeds must be (their ratio) before the page calls one faster. */
export const FASTER = 1.2;

/**
 * How this backend's training step compares with another backend's, measured on the same
 * model in the same session (ms a step each).
 * @param {number} here ms a step on the backend in use
 * @param {number} other ms a step on the other backend
 * @returns {Verdict}
 */
export function speedVerdict(here, other) {
  if (other >= here * FASTER) return { key: 'perf.faster', params: { ratio: other / here } };
  if (here >= other * FASTER) return { key: 'perf.slower', params: { ratio: here / other } };
  return { key: 'perf.same' };
}
