// @ts-check
// Super-resolution: a network that makes small digits large, against the classical upsamplers.
import { SuperResLab } from './lab.js';
import { choice } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'superres',
  section: 'superres',
  settings: {
    srSide: choice('7', ['7', '14']), // the low resolution
    srDigits: choice('all', ['all', '0-4']), // the training digits (0–4: the bias demo)
  },
  words: { en, pt },
  figures: ['sr-outputs', 'sr-pad'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new SuperResLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<SuperResLab>} */ (({ lab, the, need }) => ({
    /**
     * Super-resolution: trains the network `epochs` epochs more, live, and resolves to its test
     * scores; with `steps`, only that many steps (no scores: {steps, losses: [{model: 'network', loss}]}).
     */
    async trainSuperres({ epochs = 1, steps = 0 } = {}) {
      const s = need();
      if (steps > 0) {
        const report = await lab.train_toy({ toy: 'superres', steps });
        await s.show();
        return report;
      }
      await s.train(epochs);
      return s.scores;
    },
    /** Super-resolution's last digit: {low, side, network, nearest, bilinear, bicubic, psnr}. */
    superres: () => the()?.last ?? null,
  })),
});
