// @ts-check
// The denoising lab: draw, erase and mask a digit; every model and two classical inpaintings restore it (figures 7–10).
import { DenoisingLab } from './lab.js';
import { number } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'denoising',
  section: 'denoising-lab',
  settings: {
    labDropout: number(0, 0, 0.9), // the dropout noise
    sigma: number(0, 0, 0.6), // the Gaussian noise
    patch: number(8, 2, 16, { whole: true }), // the grey patch's size
  },
  words: { en, pt },
  figures: ['lab-outputs', 'sketch', 'damage'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new DenoisingLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<DenoisingLab>} */ (({ the }) => ({
    /** The denoising lab's last result: {digit, shown, hidden, restorations, dropout, sigma, scores}. */
    lab: () => the()?.last,
  })),
});
