// @ts-check
// The latent lab: interpolation, energy descent, anomaly score, the latent map and compression.
import { LatentLab } from './lab.js';
import { choice, number } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'latent',
  section: 'latent-lab',
  settings: {
    latent: choice('', null), // its model ('': the table's first)
    frames: number(8, 3, 16, { whole: true }), // frames of the interpolation strips
    iterations: number(100, 1, 500, { whole: true }), // iterations of the energy descent
    bits: number(8, 1, 16, { whole: true }), // bits per code number (compression)
  },
  words: { en, pt },
  figures: ['strips', 'energy-chart', 'anomaly-gauge', 'latent-map', 'compression-outputs'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new LatentLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<LatentLab>} */ (({ lab, the, first, floats }) => ({
    /** The latent lab's last results: interpolation, energy, anomaly, map, decoded point. */
    latent: () => the()?.results(),
    /**
     * Interpolation from A to B (784 values each in [0, 1]): {frames, latent, pixels, decoded, codes}.
     * @param {ArrayLike<number>} a @param {ArrayLike<number>} b @param {{model?: string, frames?: number}} [options]
     */
    interpolate: (a, b, { model = first(), frames = 8 } = {}) => lab.interpolate({ model, a: floats(a), b: floats(b), frames }),
    /** The anomaly score of an image (784 values in [0, 1]). @param {ArrayLike<number>} pixels @param {string} [model] */
    anomaly: (pixels, model = first()) => lab.anomaly({ model, pixels: floats(pixels) }),
    /**
     * ROC AUC of the anomaly score: the test digits against outliers (n × 784 values in [0, 1]).
     * @param {ArrayLike<number>} outliers @param {string} [model]
     */
    anomalyRoc: (outliers, model = first()) => lab.anomaly_roc({ model, outliers: floats(outliers) }),
  })),
});
