// @ts-check
// Figure 13, live, where the page opens: the lecture's autoencoder, x → h → x̂, with the code
// the student can move.
import { AutoencoderLab } from './lab.js';
import { choice } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'autoencoder',
  section: 'autoencoder',
  top: true,
  settings: {
    aeModel: choice('', null), // the model shown ('': the table's first)
  },
  words: { en, pt },
  figures: ['ae-output', 'ae-input', 'ae-code'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new AutoencoderLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<AutoencoderLab>} */ (({ the }) => ({
    /** Figure 13's state: the model, the input x, the code h shown and the output x̂ (null before the first). */
    autoencoder: () => {
      const a = the();
      return a?.code ? { model: a.model(), input: a.input, code: a.code, encoded: a.encoded, output: a.output } : null;
    },
  })),
});
