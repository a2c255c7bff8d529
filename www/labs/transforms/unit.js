// @ts-check
// Transformations: a digit shifted, turned, zoomed and brightened, and what each model makes of it.
import { TransformLab } from './lab.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'transforms',
  section: 'transforms',
  settings: {},
  words: { en, pt },
  figures: ['tf-outputs', 'tf-chart', 'tf-map', 'tf-latent-row'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new TransformLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<TransformLab>} */ (({ the }) => ({
    /** The transformations section's last result: {input, output, psnr} and its curve {kind, amounts, psnr}. */
    transformed: () => ({ last: the()?.last ?? null, curve: the()?.curve ?? null, latentMove: the()?.latentMove.last ?? null }),
  })),
});
