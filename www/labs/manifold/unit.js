// @ts-check
// The manifold lab: the plane's three autoencoders (figures 15–18) and the helix (figure 19).
import { ManifoldLab } from './lab.js';
import { choice, number } from '../../settings.js';
import en from './en.js';
import pt from './pt.js';

export default /** @satisfies {import('../index.js').LabUnit} */ ({
  name: 'manifold',
  section: 'manifold-lab',
  settings: {
    curve: choice('branches', ['branches', 'circle', 'spiral', 'moons']), // the plane's curve
    planePoints: number(300, 20, 2000, { whole: true }),
    planeSigma: number(0.1, 0.01, 0.5),
    planeHidden: number(128, 8, 512, { whole: true }),
    planeLambda: number(0.003, 0, 10),
    planeNearest: choice('no', ['no', 'yes']),
    planeTied: choice('no', ['no', 'yes']),
    planeWay: choice('denoising', ['plain', 'denoising', 'contractive']), // the model the plane shows
    helixPoints: number(300, 10, 2000, { whole: true }),
    helixTurns: number(1, 0.5, 3),
  },
  words: { en, pt },
  figures: ['plane-heat+plane', 'helix'],
  create: /** @type {import('../index.js').Create} */ ((context, root) => new ManifoldLab(context.lab, root, context)),
  console: /** @type {import('../index.js').Console<ManifoldLab>} */ (({ lab, the, need }) => ({
    /**
     * The manifold lab: trains the plane's three models (or the helix's) `steps` more steps as
     * the Train button does, and resolves to the last frame's numbers.
     */
    async trainManifold({ toy = 'plane', steps = 500 } = {}) {
      const m = need();
      const view = toy === 'plane' ? m.view : m.helix;
      await m.train(/** @type {'plane' | 'helix'} */ (toy), (view?.steps ?? 0) + steps);
      return toy === 'plane' ? { steps: m.view?.steps, numbers: m.view?.all } : { steps: m.helix?.steps, rho: m.helix?.rho };
    },
    /** The manifold lab's last frames: {plane: PlaneView, helix: HelixView} (null before the first). */
    manifold: () => ({ plane: the()?.view ?? null, helix: the()?.helix ?? null }),
    /**
     * The manifold lab's toys trained `steps` steps in one call, without drawing (a benchmark of
     * the step itself): resolves to {steps, ms}, `ms` the worker round trip. The plane's step
     * trains its three models.
     */
    async toySteps({ toy = 'plane', steps = 100 } = {}) {
      const t0 = performance.now();
      const report = await lab.train_toy({ toy, steps });
      return { steps: report.steps, ms: performance.now() - t0 };
    },
    /** The plane's noisy points moved `k` times through a model ('plain', 'denoising', 'contractive'): n × 2 values. */
    applyAgain: (/** @type {import('../../protocol.js').Way} */ way = 'denoising', k = 1) => lab.plane_apply({ way, k }),
  })),
});
