// Inpainting by energy minimisation: the damaged digit of the denoising lab, restored by
// gradient descent on the latent code and on the hidden pixels, animated, with the energy curve.
import { FigureRow } from '../../views/figures.js';
import { LineChart } from '../../views/linechart.js';
import { scores, psnrText } from '../../evaluation.js';
import { restorationText } from '../../views/restoration.js';
import { t, setText, formatExponential, onLanguage } from '../../i18n.js';

/**
 * @typedef {{stopped: true} | {stopped: false, first: number, last: number, image: Float32Array, iterations: number, ms: number}} EnergyOutcome
 *   An EnergyRun as the worker answers it: everything but `stopped` is there when it was not stopped.
 */

/**
 * @typedef {object} DescentResult One descent's numbers.
 * @property {number} first the energy at the start @property {number} last at the end
 * @property {number} psnr of the restoration reached @property {number} iterations @property {number} ms
 */

/**
 * The panels; the one-shot panel's title is the label of the restoration it shows.
 * @param {() => string} [oneShot]
 */
const panels = (oneShot = () => t('energy.modelPasted')) => [
  { key: 'shown', title: () => t('denoise.damagedInput') },
  { key: 'one-shot', title: () => t('energy.oneShot', { restoration: oneShot() }) },
  { key: 'latent', title: () => t('energy.onLatent') },
  { key: 'pixels', title: () => t('energy.onPixels') },
];

export class EnergyLab {
  /**
   * `damaged()` is the denoising lab's last result; `dropout()` its dropout probability;
   * `models` the table (for the one-shot panel's title).
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the energy part of the latent lab
   * @param {object} deps
   * @param {import('../../state.js').PageState} deps.state
   * @param {() => string} deps.model the model's name
   * @param {import('../../protocol.js').ModelSpec[]} deps.models
   * @param {() => import('../../hooks.js').DenoiseResult | null | undefined} deps.damaged
   * @param {() => number} deps.dropout
   * @param {() => Promise<void>} deps.hideBlock hides a 10×10 grey patch; resolves after the denoising lab's run
   */
  constructor(lab, root, { state, model, models, damaged, dropout, hideBlock }) {
    this.hideBlock = hideBlock;
    this.models = models;
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.damaged = damaged;
    this.dropout = dropout;
    this.token = 0;
    this.runs = 0;
    /** @type {import('../../protocol.js').EnergyEvent[]} frames waiting to be drawn */
    this.queue = [];
    // The section's own elements: always there.
    const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (root.querySelector(s));
    this.$ = $;
    this.panels = new FigureRow($('#energy-outputs'), panels());
    this.chart = new LineChart(/** @type {HTMLCanvasElement} */ ($('#energy-chart')), { yLabel: () => t('chart.energy'), xLabel: () => t('chart.iterations'), empty: () => t('chart.pressMinimise') });
    // The two unknowns' colours, from the stylesheet (the legend under the chart uses them too).
    const colour = (/** @type {string} */ name) => getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();
    this.chart.add('latent', colour('latent'));
    this.chart.add('pixels', colour('pixels'));
    this.chart.draw();
    const iterations = /** @type {HTMLInputElement} */ ($('#energy-iterations'));
    iterations.value = String(state.iterations);
    iterations.onchange = () => state.set('iterations', iterations.value);
    $('#energy-run').onclick = () => this.run().catch((e) => { setText($('#energy-status'), e.message); });
    onLanguage(() => this.chart.draw());
    lab.on('energy', (e) => this.frame(e));
    this.preview();
  }

  /**
   * Before the first descent: the digit it will restore (the denoising lab's, as damaged there,
   * or whole with a word on the grey patch Minimise hides first) and what to press, so the
   * panels are not blank. Called again whenever the denoising lab's digit changes, until a run.
   */
  preview() {
    if (this.started) return;
    const input = this.damaged();
    if (!input) {
      setText(this.$('#energy-status'), () => t('energy.previewWaiting'));
      return;
    }
    const damaged = input.hidden.some((h) => h);
    this.panels.set([{ key: 'shown', title: () => t('energy.previewTitle') }]);
    this.show('shown', damaged ? input.shown : input.digit, () => t(damaged ? 'energy.previewDamaged' : 'energy.previewWhole'));
    setText(this.$('#energy-status'), () => t('energy.previewPress'));
    this.root.dataset.preview = damaged ? 'damaged' : 'whole';
  }

  /** @param {string} key @param {ArrayLike<number>} pixels @param {import('../../i18n.js').Text} text */
  show(key, pixels, text) {
    this.panels.show(key, pixels, text);
  }

  /** A frame from the worker, queued: the descent can run faster than the screen, so the
   * frames are played one per animation frame (a 100-iteration descent on the CPU takes
   * about a tenth of a second; played, about a second).
   * @param {import('../../protocol.js').EnergyEvent} e */
  frame(e) {
    if (e.token !== this.token) return;
    this.queue.push(e);
    if (this.queue.length === 1) requestAnimationFrame(() => this.play());
  }

  play() {
    const e = this.queue.shift();
    if (!e) return;
    if (e.token === this.token) this.draw(e);
    if (this.queue.length) requestAnimationFrame(() => this.play());
    else this.drained?.();
  }

  /**
   * Resolves once every queued frame has been drawn.
   * @returns {Promise<void>}
   */
  played() {
    return this.queue.length ? new Promise((resolve) => { this.drained = resolve; }) : Promise.resolve();
  }

  /** @param {import('../../protocol.js').EnergyEvent} e */
  draw(e) {
    this.chart.push(e.unknown, e.iteration, e.energy);
    this.chart.draw();
    const s = scores(e.image, this.input.digit);
    this.show(e.unknown, e.image, () => t('energy.frame', { iteration: e.iteration, energy: formatExponential(e.energy, 2), psnr: psnrText(s.psnr) }));
    this.frames++;
    this.root.dataset.frames = String(this.frames);
  }

  async run() {
    const $ = this.$;
    this.started = true;
    delete this.root.dataset.preview;
    let input = this.damaged();
    if (!input) return;
    if (!input.hidden.some((h) => h)) {
      // Nothing hidden yet: the block test's damage, a 10×10 grey patch in the middle.
      await this.hideBlock();
      input = this.damaged();
      if (!input) return;
    }
    // Like with like: the one-shot panel shows the output of the model the descent uses, with
    // the visible pixels pasted, as the denoising lab computed it.
    const model = this.model();
    const oneShot = input.restorations.find((r) => r.key === `${model}-pasted`);
    if (!oneShot) throw new Error(t('energy.noOneShot', { model }));
    const token = ++this.token;
    this.queue = [];
    /** @type {import('../../hooks.js').DenoiseResult} the damaged digit of this run */
    this.input = input;
    /** @type {number} frames drawn in this run */
    this.frames = 0;
    this.root.dataset.running = 'true';
    setText($('#energy-status'), () => t('energy.descending'));
    setText($('#energy-note'), '');
    this.chart.clear('latent');
    this.chart.clear('pixels');
    this.panels.set(panels(() => restorationText(oneShot, this.models)));
    const damagedPsnr = scores(input.shown, input.digit).psnr;
    this.show('shown', input.shown, () => psnrText(damagedPsnr));
    this.show('one-shot', oneShot.pixels, () => scoreText(oneShot.pixels, input.digit));
    const results = /** @type {Record<'latent' | 'pixels', DescentResult>} */ ({}); // both filled before they are read
    try {
      for (const unknown of /** @type {const} */ (['latent', 'pixels'])) {
        const r = /** @type {EnergyOutcome} */ (await this.lab.energy({
          model, unknown, shown: input.shown, hidden: input.hidden,
          dropout: this.dropout(), iterations: this.state.iterations, token,
        }));
        if (r.stopped || token !== this.token) return;
        results[unknown] = { first: r.first, last: r.last, psnr: scores(r.image, input.digit).psnr, iterations: r.iterations, ms: r.ms };
      }
      await this.played();
      if (token !== this.token) return;
      this.last = { ...results, model, oneShot: oneShot.label, damaged: damagedPsnr };
      this.runs++;
      this.root.dataset.runs = String(this.runs);
      const f = (/** @type {'latent' | 'pixels'} */ k) => t(k === 'latent' ? 'energy.resultLatent' : 'energy.resultPixels', {
        first: formatExponential(results[k].first, 2), last: formatExponential(results[k].last, 2), psnr: psnrText(results[k].psnr),
      });
      setText($('#energy-status'), () => t('energy.result', { latent: f('latent'), pixels: f('pixels'), damaged: psnrText(damagedPsnr) }));
      // A lower energy is not a better digit: say why when a descent ends below its input.
      const latentWorse = results.latent.psnr < damagedPsnr;
      const pixelsWorse = results.pixels.psnr < damagedPsnr;
      setText($('#energy-note'), () => [latentWorse ? t('energy.noteLatent') : '', pixelsWorse ? t('energy.notePixels') : ''].filter(Boolean).join(' '));
    } finally {
      if (token === this.token) this.root.dataset.running = '';
    }
  }
}

const scoreText = (/** @type {ArrayLike<number>} */ pixels, /** @type {ArrayLike<number>} */ clean) => psnrText(scores(pixels, clean).psnr);
