// The anomaly score of an image: the drawing, its inversion, a blank or white page, noise, or a
// Fashion-MNIST image, placed on the distribution of the test digits' scores, beside the
// model's reconstruction of it and the error map; and the ROC AUC on the Fashion-MNIST examples.
import { drawDigit, drawDigitRows, columnAt } from '../../views/digits.js';
import { drawGauge } from '../../views/gauge.js';
import { drawColourBar } from '../../views/colourbar.js';
import { digitUnit } from '../../data.js';
import { Latest } from '../../latest.js';
import { t, setText, formatNumber, formatCount, formatExponential, onLanguage } from '../../i18n.js';

/** Fashion-MNIST's ten classes, in its label order, in the page's language. */
const fashionClasses = () => [
  t('fashion.tshirt'), t('fashion.trouser'), t('fashion.pullover'), t('fashion.dress'), t('fashion.coat'),
  t('fashion.sandal'), t('fashion.shirt'), t('fashion.sneaker'), t('fashion.bag'), t('fashion.ankleBoot'),
];
const FASHION_SHOWN = 20;

/**
 * @typedef {{kind: 'drawing' | 'invert' | 'white' | 'black' | 'noise', index?: undefined} | {kind: 'fashion', index: number}} Source
 *   the image scored: the drawing, made from it, or Fashion-MNIST example `index`
 */

export class AnomalyView {
  /**
   * `drawing()` is the digit drawn in the denoising lab (784 values in [0, 1]).
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the anomaly part of the latent lab
   * @param {object} deps
   * @param {() => string} deps.model the model's name
   * @param {() => Float32Array | null | undefined} deps.drawing
   */
  constructor(lab, root, { model, drawing }) {
    this.lab = lab;
    this.root = root;
    this.model = model;
    this.drawing = drawing;
    /** @type {Source} */
    this.source = { kind: 'drawing' };
    this.runs = 0;
    // The newest source, drawing and model win; one scoring in flight.
    this.latest = new Latest(() => this.render());
    const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (root.querySelector(s));
    this.$ = $;
    for (const kind of /** @type {const} */ (['drawing', 'invert', 'white', 'black', 'noise'])) {
      $(`#anomaly-${kind}`).onclick = () => this.choose({ kind });
    }
    // The gauge's words are painted: paint it again in the new language.
    onLanguage(() => { if (this.gauge) drawGauge(/** @type {HTMLCanvasElement} */ ($('#anomaly-gauge')), this.gauge); });
  }

  async loadFashion() {
    /** @type {import('../../protocol.js').Digits} the Fashion-MNIST examples: fetched before the strip or the ROC uses them */
    this.fashion = await this.lab.fashion();
    const layout = drawDigitRows(/** @type {HTMLCanvasElement} */ (this.$('#fashion-strip')), [{ label: 'Fashion-MNIST', pixels: this.fashion.pixels, bytes: true }], { columns: FASHION_SHOWN, scale: 1.5, minScale: 1, labelWidth: 100 });
    this.$('#fashion-strip').onclick = (e) => {
      const i = columnAt(e, layout, FASHION_SHOWN);
      if (i >= 0) this.choose({ kind: 'fashion', index: i });
    };
  }

  /** @param {Source} source */
  choose(source) {
    this.source = source;
    return this.update();
  }

  /**
   * The image the current source stands for, and how to write its caption.
   * @returns {[Float32Array, () => string]}
   */
  image() {
    const { kind, index } = this.source;
    const drawing = this.drawing() ?? new Float32Array(784);
    switch (kind) {
      case 'invert': return [drawing.map((v) => 1 - v), () => t('anomaly.source.invert')];
      case 'white': return [new Float32Array(784).fill(1), () => t('anomaly.source.white')];
      case 'black': return [new Float32Array(784), () => t('anomaly.source.black')];
      case 'noise': return [Float32Array.from({ length: 784 }, () => Math.random()), () => t('anomaly.source.noise')];
      case 'fashion': {
        const label = this.fashion.labels[index];
        return [digitUnit(this.fashion.pixels, index), () => t('anomaly.source.fashion', { item: fashionClasses()[label] })];
      }
      default: return [drawing, () => t('anomaly.source.drawing')];
    }
  }

  /** Scores the current image again (after a new drawing or another model). */
  update() {
    return this.latest.request();
  }

  async render() {
    const $ = this.$;
    const [pixels, caption] = this.image();
    const model = this.model();
    const [a, scores] = await Promise.all([
      this.lab.anomaly({ model, pixels }),
      this.lab.anomaly_scores({ model }),
    ]);
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#anomaly-input')), pixels);
    setText($('#anomaly-source'), caption);
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#anomaly-reconstruction')), a.reconstruction);
    // The error map scaled to its own largest value (white), which the caption prints: on the
    // full scale (white = 1, the largest possible) a digit's errors would hardly show.
    const largest = a.errorMap.reduce((m, v) => Math.max(m, v), 0);
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#anomaly-error')), largest > 0 ? a.errorMap.map((v) => v / largest) : a.errorMap);
    const grey = (/** @type {number} */ c) => [0, 0, 0].map(() => Math.round(255 * c));
    drawColourBar(/** @type {HTMLCanvasElement} */ ($('#anomaly-error-key')), grey, { from: 0, to: largest > 0 ? largest : 1, digits: largest > 0 && largest < 0.01 ? 4 : 3 });
    setText($('#anomaly-error-caption'), () => (largest > 0
      ? t('anomaly.errorMapWhite', { white: largest < 0.001 ? formatExponential(largest, 1) : formatNumber(largest, 3) })
      : t('anomaly.errorMapNone')));
    const flagged = a.empty || a.unusual;
    this.gauge = { scores, score: a.score, threshold: a.threshold, flagged };
    drawGauge(/** @type {HTMLCanvasElement} */ ($('#anomaly-gauge')), this.gauge);
    const verdict = $('#anomaly-verdict');
    verdict.className = `verdict ${flagged ? 'flagged' : 'digit'}`;
    setText(verdict, () => (a.empty
      ? t('anomaly.verdict.empty')
      : a.unusual
        ? t('anomaly.verdict.unusual', { rank: rank(a.percentile) })
        : t('anomaly.verdict.digit', { rank: rank(a.percentile), above: percent(a.flagAbove) })));
    setText($('#anomaly-details'), () => t('anomaly.details', {
      score: formatNumber(a.score, 2), error: formatNumber(a.error, 4), rank: rank(a.errorPercentile),
      atypicality: formatNumber(a.atypicality, 2), ink: formatNumber(100 * a.ink, 1),
    }));
    this.last = { ...a, flagged, source: this.source.kind };
    this.runs++;
    this.root.dataset.runs = String(this.runs);
    this.root.dataset.flagged = String(flagged);
  }

  /**
   * The ROC AUC of the current model on the Fashion-MNIST examples against the test digits:
   * for the score and for the reconstruction error alone (after each change of the models).
   */
  async updateRoc() {
    const outliers = Float32Array.from(this.fashion.pixels, (v) => v / 255);
    const roc = await this.lab.anomaly_roc({ model: this.model(), outliers });
    // Below 1, never written as 1: 0.999 at most.
    const auc = (/** @type {number} */ v) => formatNumber(v < 1 && v.toFixed(3) === '1.000' ? 0.999 : v, 3);
    setText(this.$('#anomaly-roc'), () => t('anomaly.roc', {
      outliers: formatCount(roc.outliers), digits: formatCount(roc.digits), auc: auc(roc.auc), aucReconstruction: auc(roc.aucReconstruction), aucMeanImage: auc(roc.aucMeanImage),
    }));
    this.roc = roc;
  }
}

/** A share of the test digits, as a plain percentage that never rounds to 0% or 100%. @param {number} p */
function percent(p) {
  const v = 100 * p;
  if (v > 99) return `${formatNumber(100 - Number((100 - v).toPrecision(1)))}%`;
  if (v < 1) return `${formatNumber(Number(v.toPrecision(1)))}%`;
  return `${Math.round(v)}%`;
}

/** Where a score stands among the test digits' scores, `p` the share of them below it. @param {number} p */
function rank(p) {
  if (p >= 1) return t('anomaly.rank.all');
  if (p <= 0) return t('anomaly.rank.none');
  return t('anomaly.rank.share', { percent: percent(p) });
}
