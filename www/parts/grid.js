// @ts-check
// The reconstruction grid: twelve test images (one of each class, then the next ones), each
// model's reconstruction of them, and the dropout-corrupted input the denoising models get,
// one row each, with the PSNR of each row. A click on a digit picks it.
import { drawDigitRows, columnAt } from '../views/digits.js';
import { scores, psnrText } from '../evaluation.js';
import { digitAt, digitUnit } from '../data.js';
import { PIXELS } from '../protocol.js';
import { t, modelText, onLanguage, readDecimal, writeDecimal } from '../i18n.js';

/** @typedef {import('../protocol.js').ModelSpec} ModelSpec */

const COLUMNS = 12;
const SEED = 42; // the corrupted row's dropout mask
const LAYOUT = { columns: COLUMNS, scale: 2, minScale: 1.5, labelWidth: 210 };

export class ReconstructionGrid {
  /**
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the reconstructions section (#recon-grid, #dropout)
   * @param {object} deps
   * @param {import('../state.js').PageState} deps.state
   * @param {ModelSpec[]} deps.models
   * @param {import('../protocol.js').Digits} deps.test test digits to pick from
   * @param {(pixels: Float32Array) => void} deps.onPick hears the digit clicked (784 values in [0, 1])
   */
  constructor(lab, root, { state, models, test, onPick }) {
    this.lab = lab;
    this.state = state;
    this.models = models;
    this.canvas = /** @type {HTMLCanvasElement} */ (root.querySelector('#recon-grid'));
    this.setDigits(test);
    /** @type {import('../views/digits.js').RowsLayout | null} */
    this.layout = null;
    /** @type {{label: () => string, pixels: Float32Array}[]} the rows last reconstructed */
    this.rows = [];
    onLanguage(() => this.draw());
    this.canvas.onclick = (e) => {
      const i = this.layout ? columnAt(e, this.layout, this.columns) : -1;
      if (i >= 0) onPick(this.digit(i));
    };
    const dropout = /** @type {HTMLInputElement} */ (root.querySelector('#dropout'));
    writeDecimal(dropout, state.dropout);
    onLanguage(() => writeDecimal(dropout, state.dropout));
    dropout.onchange = () => {
      writeDecimal(dropout, state.set('dropout', readDecimal(dropout)));
      this.refresh().catch(() => {});
    };
  }

  /** Hook (www/hooks.js): a new data set, its images. @param {{test: import('../protocol.js').Digits, set: string}} data */
  onData({ test, set }) {
    this.setDigits(test, set === 'mnist');
  }

  /** Hook: new weights, the reconstructions again. */
  onWeights() {
    return this.refresh();
  }

  /**
   * Picks the grid's images from a data set's test images: one of each class present, then the
   * next ones not yet shown, twelve at most (fewer when the set has fewer).
   * @param {import('../protocol.js').Digits} test
   * @param {boolean} [digits] whether they are MNIST's digits (else "images")
   */
  setDigits(test, digits = true) {
    this.digits = digits;
    const picks = [];
    for (let c = 0; c < 10; c++) {
      const first = test.labels.indexOf(c);
      if (first >= 0) picks.push(first);
    }
    for (let i = 0; picks.length < Math.min(COLUMNS, test.labels.length); i++) if (!picks.includes(i)) picks.push(i);
    /** @type {number} how many digits the grid shows */
    this.columns = picks.length;
    /** @type {Float32Array} the grid's digits: columns × 784 values in [0, 1] */
    this.pixels = new Float32Array(picks.length * PIXELS);
    picks.forEach((k, i) => this.pixels.set(digitUnit(test.pixels, k), i * PIXELS));
    this.labels = picks.map((k) => test.labels[k]);
  }

  /**
   * Test digit `i` of the grid (784 values in [0, 1]).
   * @param {number} i
   */
  digit(i) {
    return digitAt(this.pixels, i);
  }

  /** Reconstructs the twelve digits with every model and draws the rows. */
  async refresh() {
    const { pixels } = this;
    const dropout = Number(this.state.dropout);
    const denoisers = this.models.filter((m) => m.corruption.kind === 'dropout');
    const [corrupted, ...outputs] = await Promise.all([
      denoisers.length ? this.lab.corrupt({ pixels, dropout, seed: SEED }) : null,
      ...this.models.map((m) => (m.corruption.kind === 'dropout'
        ? this.lab.reconstruct({ model: m.name, pixels, dropout, seed: SEED })
        : this.lab.reconstruct({ model: m.name, pixels }))),
    ]);
    const psnr = (/** @type {Float32Array} */ out) => scores(out, pixels).psnr;
    /** @type {{label: () => string, pixels: Float32Array}[]} */
    const rows = [{ label: () => t(this.digits ? 'grid.testDigit' : 'grid.testImage'), pixels }];
    /** @type {Record<string, number>} each model's PSNR, as its row shows it */
    const byModel = {};
    this.models.forEach((m, i) => {
      if (m === denoisers[0] && corrupted) {
        const score = psnr(corrupted);
        rows.push({ label: () => `${t('grid.dropoutInput', { p: dropout })} ${psnrText(score)}`, pixels: corrupted });
      }
      const score = psnr(outputs[i]);
      byModel[m.name] = score;
      rows.push({ label: () => `${modelText(m, 'label')} ${psnrText(score)}`, pixels: outputs[i] });
    });
    this.rows = rows;
    // The scores the rows show, for whoever reads the page (the lesson's answers): by model.
    this.canvas.dataset.psnr = JSON.stringify(byModel);
    this.canvas.dataset.dropout = String(dropout);
    this.draw();
    this.canvas.dataset.updated = String(Number(this.canvas.dataset.updated || 0) + 1);
  }

  /** Draws the rows last reconstructed, labelled in the page's language. */
  draw() {
    if (!this.rows.length) return;
    this.layout = drawDigitRows(this.canvas, this.rows.map((r) => ({ label: r.label(), pixels: r.pixels })), { ...LAYOUT, columns: this.columns });
  }
}
