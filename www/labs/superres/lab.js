// @ts-check
// Super-resolution and its bias (lecture figure 9): a digit shrunk to 7 × 7 or 14 × 14 and
// made 28 × 28 again by a network trained here and by nearest, bilinear and bicubic
// upsampling, each with its PSNR; a coarse grid to draw at low resolution; and the bias demo:
// a network trained on 0–4 only, fed a 7.
import { FigureRow } from '../../views/figures.js';
import { CoarsePad } from '../../views/coarsepad.js';
import { digitUnit } from '../../data.js';
import { psnrText } from '../../evaluation.js';
import { t, setText, formatNumber, formatCount } from '../../i18n.js';
import { Latest } from '../../latest.js';

const EPOCHS = 10; // what one press of Train runs, unless paused
const HIDDEN = 300;
const PANELS = [
  { key: 'truth', title: () => t('transforms.digit') },
  { key: 'network', title: () => t('superres.network') },
  { key: 'nearest', title: () => t('superres.nearest') },
  { key: 'bilinear', title: () => t('superres.bilinear') },
  { key: 'bicubic', title: () => t('superres.bicubic') },
];

export class SuperResLab {
  /**
   * @param {import('../../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the #superres section
   * @param {{state: import('../../state.js').PageState, test: import('../../protocol.js').Digits}} deps
   */
  constructor(lab, root, { state, test }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.test = test;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    this.index = 0;
    /** @type {Float32Array | null} a low-resolution drawing, when the student drew one */
    this.drawn = null;
    /** @type {import('../../protocol.js').Upscaled | null} */
    this.last = null;
    /** @type {import('../../protocol.js').UpscaleScores[] | null} */
    this.scores = null;
    this.running = false;
    this.digits = 12000;
    this.row = new FigureRow($('sr-outputs'), PANELS);
    this.pad = new CoarsePad($('sr-pad'), (values) => { this.drawn = values; this.show().catch((e) => this.fail(e)); });
    for (const [id, key] of /** @type {[string, 'srSide' | 'srDigits'][]} */ ([['sr-side', 'srSide'], ['sr-digits', 'srDigits']])) {
      const el = $(id);
      el.value = String(state[key]);
      el.onchange = () => { el.value = String(state.set(key, el.value)); this.setup().catch((e) => this.fail(e)); };
    }
    $('sr-new').onclick = () => this.setup().catch((e) => this.fail(e));
    $('sr-train').onclick = () => { if (this.running) this.stop(); else this.train().catch((e) => this.fail(e)); };
    this.shows = new Latest(() => this.show());
    $('sr-next').onclick = () => { this.drawn = null; this.index = (this.index + 1) % this.test.labels.length; this.show().catch((e) => this.fail(e)); };
    $('sr-seven').onclick = () => this.feed(7).catch((e) => this.fail(e));
    $('sr-clear').onclick = () => { this.pad.clear(); this.drawn = this.pad.values; this.show().catch((e) => this.fail(e)); };
  }

  get side() {
    return Number(this.state.srSide);
  }

  /** Hooks (www/hooks.js): a new session holds no network: a fresh one; a new data set: its first image. */
  onSession() {
    return this.setup();
  }

  onData() {
    this.index = 0;
    return this.show();
  }

  /** Hooks (www/hooks.js): the page is up: the lab fills in. */
  onStart() {
    return this.setup();
  }

  /** A fresh network for the chosen resolution and training digits. */
  async setup() {
    this.stop();
    const upTo = this.state.srDigits === '0-4' ? 4 : 9;
    const n = await this.lab.superres_setup({ factor: 28 / this.side, hidden: HIDDEN, upTo, seed: 1 });
    this.digits = n;
    this.drawn = null;
    const side = this.side;
    setText(this.$('sr-status'), () => t('superres.fresh', {
      factor: 28 / side, inputs: side * side, hidden: HIDDEN, digits: formatCount(n), classes: upTo === 4 ? t('superres.only04Short') : t('superres.allClasses'),
    }));
    this.scores = null;
    setText(this.$('sr-scores'), '');
    await this.show();
  }

  /** Shows a test digit of class `label` (the bias demo feeds a 7). @param {number} label */
  async feed(label) {
    this.drawn = null;
    const start = (this.index + 1) % this.test.labels.length;
    for (let k = 0; k < this.test.labels.length; k++) {
      const i = (start + k) % this.test.labels.length;
      if (this.test.labels[i] === label) { this.index = i; break; }
    }
    await this.show();
  }

  /** Ends the training after its chunk (nothing when it is not training). */
  stop() {
    if (!this.running) return;
    this.running = false;
    this.lab.pause({ toy: 'superres' }).catch(() => {});
  }

  /**
   * Trains live until Pause or `epochs` epochs more, through the worker's one training
   * operation: the digit redrawn after each chunk it reports, the test digits scored after each
   * epoch.
   * @param {number} [epochs]
   */
  async train(epochs = EPOCHS) {
    const button = this.$('sr-train');
    const status = this.$('sr-status');
    this.running = true;
    setText(button, () => t('common.pause'));
    const t0 = performance.now();
    const epoch = Math.ceil(this.digits / 256);
    const off = this.lab.on('progress', (/** @type {import('../../protocol.js').ProgressEvent} */ e) => {
      if (!e.toy || e.model !== 'superres') return;
      const { steps, losses } = /** @type {import('../../protocol.js').ToyReport} */ (/** @type {unknown} */ (e.report));
      this.shows.request().catch((err) => this.fail(err));
      setText(status, () => t('superres.progress', { steps, epochs: formatNumber(steps / epoch, 1), loss: formatNumber(losses.find((l) => l.model === 'network')?.loss ?? NaN, 4) }));
    });
    try {
      for (let e = 0; this.running && e < epochs; e++) {
        const t1 = performance.now();
        await this.lab.train({ toy: 'superres', steps: epoch });
        await this.shows.request();
        this.root.dataset.epochMs = String(Math.round(performance.now() - t1));
        await this.score();
      }
      this.root.dataset.trainedMs = String(Math.round(performance.now() - t0));
    } finally {
      off();
      this.running = false;
      setText(button, () => t('common.train'));
    }
  }

  /** The network against bicubic on test digits (0–4 and 5–9 apart for the bias demo). */
  async score() {
    const biased = this.state.srDigits === '0-4';
    this.scores = biased
      ? [await this.lab.superres_scores({ limit: 500, from: 0, to: 4 }), await this.lab.superres_scores({ limit: 500, from: 5, to: 9 })]
      : [await this.lab.superres_scores({ limit: 1000, from: 0, to: 9 })];
    const line = (/** @type {import('../../protocol.js').UpscaleScores} */ s, /** @type {string} */ what) => t('superres.scores', {
      what, digits: s.digits, network: formatNumber(s.network, 2), bicubic: formatNumber(s.bicubic, 2), bilinear: formatNumber(s.bilinear, 2), nearest: formatNumber(s.nearest, 2),
    });
    const [first, second] = this.scores;
    setText(this.$('sr-scores'), () => (biased
      ? `${line(first, t('superres.on04'))} ${line(second, t('superres.on59'))}` : line(first, t('superres.on'))));
  }

  /** Redraws the panels for the current digit (or drawing). */
  async show() {
    const side = this.side;
    const truth = this.drawn ? null : digitUnit(this.test.pixels, this.index);
    const r = await this.lab.superres({ pixels: /** @type {Float32Array} */ (this.drawn ?? truth) });
    this.last = r;
    if (!this.drawn) this.pad.set(r.low, side);
    const label = this.test.labels[this.index];
    if (truth) this.row.show('truth', truth, () => t('superres.testDigit', { label }));
    else this.row.show('truth', new Float32Array(784), () => t('superres.drawn'));
    const keys = /** @type {const} */ (['network', 'nearest', 'bilinear', 'bicubic']);
    const psnr = r.psnr;
    for (const key of keys) {
      const figure = this.row.show(key, r[key], psnr ? () => psnrText(psnr[key]) : () => t('superres.noTruth'));
      figure.dataset.psnr = psnr ? String(psnr[key]) : '';
    }
    this.root.dataset.shown = String(Number(this.root.dataset.shown || 0) + 1);
  }

  /** @param {Error} e */
  fail(e) {
    setText(this.$('sr-status'), e.message);
  }
}
