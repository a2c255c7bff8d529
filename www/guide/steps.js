// @ts-check
// The lesson's steps, in the page's order: each names its section and the control to use, and
// says (in the dictionaries, `guide.<id>.*`) what to look at, what to do and what to predict.
// `start` notes what the page shows when the step opens; `answer` returns null until the student
// has done the step, then the answer: written from what the page shows now, never in advance.
// The steps read the page only through the console API (`window.playground`) and the figures'
// data attributes, as a teacher's script would.
import { t, formatNumber } from '../i18n.js';
import { scores } from '../evaluation.js';
import { codeVerdict, pullsOntoCurve, restorationVerdict, unrolled } from '../verdicts.js';
import { samplesVerdict } from '../labs/regions/verdicts.js';

/**
 * @typedef {object} Step
 * @property {string} id the key of its words (`guide.<id>.look`, `.do`, `.ask`)
 * @property {string} section the section it scrolls to
 * @property {string} target the control it asks the student to use (outlined)
 * @property {(api: any) => any} [start] what the page shows when the step opens
 * @property {(api: any, mark: any) => Promise<(() => string) | null> | (() => string) | null} answer
 */

const dB = (/** @type {number} */ v) => (Number.isFinite(v) ? `${formatNumber(v, 1)} dB` : '∞ dB');
const psnr = (/** @type {ArrayLike<number>} */ out, /** @type {ArrayLike<number>} */ clean) => scores(Float32Array.from(out), Float32Array.from(clean)).psnr;
const mean = (/** @type {number[]} */ v) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
/** A data attribute holding JSON, or null. @param {string} id @param {string} key */
const data = (id, key) => {
  const raw = document.getElementById(id)?.dataset[key];
  return raw ? JSON.parse(raw) : null;
};
const model = (/** @type {any} */ api, /** @type {string} */ name) => api.models().find((/** @type {any} */ m) => m.name === name);
/**
 * The denoising lab's last run ranked as its own sentence ranks it (verdicts.js): its primary
 * restorations by PSNR, best first, each with its label, and those below the damaged input.
 * @param {any} l the lab's last result
 */
function ranked(l) {
  const labels = Object.fromEntries(l.restorations.map((/** @type {any} */ r) => [r.key, r.label]));
  const outputs = l.restorations.filter((/** @type {any} */ r) => r.primary)
    .map((/** @type {any} */ r) => ({ key: r.key, psnr: l.scores[r.label]?.psnr ?? NaN, classical: !r.model }));
  const v = /** @type {NonNullable<ReturnType<typeof restorationVerdict>>} */ (restorationVerdict(damagedPsnr(l), outputs));
  return { ranked: v.ranked.map((o) => ({ ...o, label: labels[o.key] })), worse: v.worse.length };
}
/** The damaged input's PSNR in the denoising lab's last run. */
const damagedPsnr = (/** @type {any} */ l) => l.scores[t('denoise.damagedInput', {}, 'en')]?.psnr ?? NaN;

/** @type {Step[]} */
export const STEPS = [
  {
    id: 'code', section: 'autoencoder', target: '#ae-code',
    start: (api) => { const a = api.autoencoder(); return a && psnr(a.output, a.input); },
    answer(api, then) {
      const a = api.autoencoder();
      if (!a || a.code.every((/** @type {number} */ v, /** @type {number} */ i) => v === a.encoded[i])) return null;
      const now = psnr(a.output, a.input);
      return () => t('guide.code.answer', { now: dB(now), then: dB(then), verdict: t(codeVerdict(now, then).key) });
    },
  },
  {
    id: 'digit', section: 'autoencoder', target: '#ae-next',
    start: (api) => api.autoencoder() && Array.from(api.autoencoder().encoded),
    answer(api, before) {
      const a = api.autoencoder();
      if (!a || !before || a.encoded.length !== before.length || a.encoded.every((/** @type {number} */ v, /** @type {number} */ i) => v === before[i])) return null;
      const change = mean(before.map((/** @type {number} */ v, /** @type {number} */ i) => Math.abs(v - a.encoded[i])));
      const size = mean(Array.from(a.encoded, Math.abs));
      return () => t('guide.digit.answer', { change: formatNumber(change, 2), size: formatNumber(size, 2) });
    },
  },
  {
    id: 'grid', section: 'reconstructions', target: '#dropout',
    start: () => document.getElementById('recon-grid')?.dataset.dropout,
    answer(api, before) {
      const now = document.getElementById('recon-grid')?.dataset.dropout;
      const psnrs = data('recon-grid', 'psnr');
      if (!psnrs || now === before) return null;
      const list = () => Object.entries(psnrs).map(([name, v]) => `${model(api, name)?.label ?? name} ${dB(Number(v))}`).join(', ');
      return () => t('guide.grid.answer', { p: formatNumber(Number(now), 2), list: list() });
    },
  },
  {
    id: 'block', section: 'denoising-lab', target: '#damage',
    answer(api) {
      const l = api.lab();
      if (!l || l.dropout > 0 || !l.hidden.some((/** @type {number} */ h) => h)) return null;
      const { ranked: [best], worse } = ranked(l);
      return () => t('guide.block.answer', { best: best.label, psnr: dB(best.psnr), input: dB(damagedPsnr(l)), worse });
    },
  },
  {
    id: 'dropout', section: 'denoising-lab', target: '#lab-dropout',
    answer(api) {
      const l = api.lab();
      if (!l || l.dropout < 0.3) return null;
      const { ranked: [best, second] } = ranked(l);
      return () => t('guide.dropout.answer', { p: formatNumber(l.dropout, 2), best: best.label, psnr: dB(best.psnr), second: second.label, psnr2: dB(second.psnr) });
    },
  },
  {
    id: 'energy', section: 'latent-lab', target: '#energy-run',
    start: (api) => api.latent()?.energy ?? null,
    answer(api, before) {
      const e = api.latent()?.energy;
      if (!e || e === before) return null;
      return () => t('guide.energy.answer', { first: formatNumber(e.latent.first, 4), last: formatNumber(e.latent.last, 4), latent: dB(e.latent.psnr), pixels: dB(e.pixels.psnr), damaged: dB(e.damaged) });
    },
  },
  {
    id: 'anomaly', section: 'latent-lab', target: '#anomaly-invert',
    answer(api) {
      const a = api.latent()?.anomaly;
      if (!a || a.source !== 'invert') return null;
      return () => t(a.flagged ? 'guide.anomaly.flagged' : 'guide.anomaly.passed', { percentile: formatNumber(100 * a.percentile, 1) });
    },
  },
  {
    id: 'bits', section: 'latent-lab', target: '#bits',
    answer() {
      const c = data('compression', 'psnr');
      if (!c || c.bits > 3) return null;
      return () => t('guide.bits.answer', { bits: c.bits, exact: dB(c.exact), approx: dB(c.approx) });
    },
  },
  {
    id: 'plane', section: 'manifold-lab', target: '#plane-train',
    start: (api) => api.manifold().plane?.steps ?? 0,
    answer(api, before) {
      const v = api.manifold().plane;
      if (!v || v.steps < before + 300) return null;
      const d = v.all.denoising;
      return () => t(pullsOntoCurve(d) ? 'guide.plane.pulls' : 'guide.plane.doesNot', { steps: v.steps, on: formatNumber(d.travelOn, 3), sigma: formatNumber(d.travelSigma, 3) });
    },
  },
  {
    id: 'contractive', section: 'manifold-lab', target: '#plane-way',
    answer(api) {
      const v = api.manifold().plane;
      if (!v || v.way !== 'contractive' || v.steps === 0) return null;
      const c = v.all.contractive;
      const d = v.all.denoising;
      return () => t('guide.contractive.answer', { steps: v.steps, contractive: formatNumber(c.ratio, 3), denoising: formatNumber(d.ratio, 3) });
    },
  },
  {
    id: 'helix', section: 'manifold-lab', target: '#helix-train',
    start: (api) => api.manifold().helix?.steps ?? 0,
    answer(api, before) {
      const h = api.manifold().helix;
      if (!h || h.steps < before + 300) return null;
      return () => t(unrolled(h.rho) ? 'guide.helix.unrolled' : 'guide.helix.notYet', { steps: h.steps, rho: formatNumber(h.rho, 3) });
    },
  },
  {
    id: 'rotate', section: 'transforms', target: '#tf-rotation',
    answer(api) {
      const { last, curve } = api.transformed();
      const degrees = Number(/** @type {HTMLInputElement | null} */ (document.getElementById('tf-rotation'))?.value ?? 0);
      if (!last || Math.abs(degrees) < 30 || !curve || curve.kind !== 'rotation') return null;
      const untouched = curve.psnr[curve.amounts.indexOf(0)];
      return () => t('guide.rotate.answer', { degrees, now: dB(last.psnr), untouched: dB(untouched) });
    },
  },
  {
    id: 'superres', section: 'superres', target: '#sr-train',
    start: () => document.getElementById('superres')?.dataset.epochMs ?? null,
    answer(api, before) {
      const epoch = document.getElementById('superres')?.dataset.epochMs ?? null;
      const s = api.superres();
      if (!s?.psnr || epoch === before) return null;
      return () => t('guide.superres.answer', { network: dB(s.psnr.network), bicubic: dB(s.psnr.bicubic) });
    },
  },
  {
    id: 'kernels', section: 'builder', target: '#kernel-model',
    start: (api) => api.state.kernels,
    async answer(api, before) {
      const name = api.state.kernels;
      if (name === before || !name) return null;
      const k = await api.kernels(name);
      return () => t('guide.kernels.answer', { model: model(api, name)?.label ?? name, rare: formatNumber(k.rareSpread, 3), init: formatNumber(k.initSpread, 3) });
    },
  },
  {
    id: 'train', section: 'training', target: '#train',
    start: (api) => (api.history()['standard train'] ?? []).length,
    answer(api, before) {
      const series = api.history()['standard train'] ?? [];
      if (series.length < before + 5) return null;
      const run = series.slice(before);
      return () => t('guide.train.answer', { points: run.length, first: formatNumber(run[0][1], 4), last: formatNumber(run[run.length - 1][1], 4) });
    },
  },
  {
    id: 'fashion', section: 'own-data', target: '#dataset-select',
    start: () => data('recon-grid', 'psnr'),
    answer(api, before) {
      const now = data('recon-grid', 'psnr');
      if (api.state.data !== 'fashion' || !now || !before || JSON.stringify(now) === JSON.stringify(before)) return null;
      const list = () => Object.keys(now).map((name) => `${model(api, name)?.label ?? name} ${dB(before[name])} → ${dB(now[name])}`).join(', ');
      return () => t('guide.fashion.answer', { list: list() });
    },
  },
  {
    // Where the lecture ends (after figure 19): points, not regions.
    id: 'regions', section: 'regions', target: '#regions-sample',
    start: (api) => JSON.stringify(api.regions()?.samples?.vae.likeness ?? null),
    answer(api, before) {
      const r = api.regions();
      const s = r?.samples;
      if (!s || JSON.stringify(s.vae.likeness) === before) return null;
      const [vae, plain] = [s.vae.likeness.mean, s.plain.likeness.mean];
      const real = r.holes?.realLikeness.mean ?? NaN;
      const verdict = samplesVerdict(vae, plain, r.view?.steps ?? 0);
      const figures = { vae: formatNumber(vae, 2), plain: formatNumber(plain, 2), real: formatNumber(real, 2), steps: r.view?.steps ?? 0 };
      return () => `${t('guide.regions.answer', figures)} ${t(verdict.key, figures)}`;
    },
  },
];
