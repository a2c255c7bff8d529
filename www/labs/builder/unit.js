// @ts-check
// The model builder: any autoencoder of the lecture's family, its kernels, PCA and the capacity sweep.
import { ModelBuilder } from './lab.js';
import { choice, number } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'builder',
  section: 'builder',
  settings: {
    buildLatent: choice('30', null), // the hidden size d (Rust's list)
    buildActivation: choice('tanh', ['tanh', 'linear']), // f
    buildTied: choice('no', ['no', 'yes']), // W_x = W_hᵀ
    buildScale: choice('symmetric', ['symmetric', 'unit']), // pixels in [-1, 1] or [0, 1]
    buildLoss: choice('mse', ['mse', 'bce']),
    buildCorruption: choice('none', ['none', 'dropout', 'gaussian']),
    buildAmount: number(0.5, 0.01, 0.95), // dropout p or Gaussian σ
    buildLambda: number(0, 0, 10), // contractive λ
    buildDigits: choice('all', ['all', '32', '256', '1000']), // training digits (memorisation)
    sweepSteps: number(100, 10, 2000, { whole: true }), // capacity sweep: steps per hidden size
    kernels: choice('', null), // the kernels' model ('': the table's first)
  },
  words: { en, pt },
  figures: ['sweep-chart', 'kernels'],
  create: /** @type {import('../index.js').Create} */ (async (context, root) => new ModelBuilder(context.lab, root, { ...context, options: await context.lab.builder_options() })),
});
