// @ts-check
// Regions of the latent space: where the lecture ends (after figure 19). The plain
// autoencoder's holes, measured; the variational autoencoder of the next notebook trained live
// beside a plain one, its codes drawn as regions; what the planes decode to.
import { RegionsLab, makeSection } from './lab.js';
import { choice, number } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'regions',
  section: 'regions',
  make: makeSection,
  settings: {
    vaeLatent: choice('2', ['2', '20']), // the size of a code
    vaeBeta: number(1, 0, 50), // β, the weight of the KL term
  },
  words: { en, pt },
  figures: ['regions-bubbles+regions-plain', 'regions-losses', 'regions-grid-vae+regions-grid-plain', 'regions-samples', 'regions-line', 'regions-holes'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new RegionsLab(context, root)),
  console: /** @type {import('../index.js').Console<RegionsLab>} */ (({ the, need }) => ({
    /**
     * The regions lab: trains both networks `steps` more steps as the Train button does, and
     * resolves to the last frame: {steps, epochs, beta, reconstruction, kl, plainReconstruction}.
     */
    async trainRegions({ steps = 200 } = {}) {
      const r = need();
      await r.train(steps);
      const v = r.view;
      return v && { steps: v.steps, epochs: v.epochs, beta: v.beta, reconstruction: v.reconstruction, kl: v.kl, plainReconstruction: v.plainReconstruction };
    },
    /** Sets β for the running training (0 to 50), as the slider does. */
    setBeta: (/** @type {number} */ beta) => need().setBeta(beta),
    /** The regions lab's last frame, samples, interpolation and holes (null before each is drawn). */
    regions: () => {
      const r = the();
      return r ? { view: r.view, samples: r.samples, line: r.line, holes: r.holes, frames: r.frames } : null;
    },
    /** Draws samples of both networks and resolves to them: {vae, plain}, each {images, codes, likeness}. */
    sampleRegions: async () => { const r = need(); await r.sample(); return r.samples; },
    /** The holes of a model of the table: resolves to {real, random, between, …} with their scores. */
    holes: async (/** @type {string | undefined} */ model) => { const r = need(); await r.measureHoles(model); return r.holes; },
  })),
});
