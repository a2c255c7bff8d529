// The anomaly score of an image: the drawing, its inversion, a blank or white page, noise, or a
// Fashion-MNIST image, placed on the distribution of the test digits' scores, beside the
// model's reconstruction of it and the error map; and the ROC AUC on the Fashion-MNIST examples.
import { drawDigit, drawDigitRows, columnAt } from './views/digits.js';
import { drawGauge } from './views/gauge.js';
import { digitUnit } from './data.js';
import { Latest } from './latest.js';

const FASHION_CLASSES = ['T-shirt/top', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
const FASHION_SHOWN = 20;

export class AnomalyView {
  /** `drawing()` is the digit drawn in the denoising lab (784 values in [0, 1]). */
  constructor(lab, root, { model, drawing }) {
    this.lab = lab;
    this.root = root;
    this.model = model;
    this.drawing = drawing;
    this.source = { kind: 'drawing' };
    this.runs = 0;
    // The newest source, drawing and model win; one scoring in flight.
    this.latest = new Latest(() => this.render());
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    for (const kind of ['drawing', 'invert', 'white', 'black', 'noise']) {
      $(`#anomaly-${kind}`).onclick = () => this.choose({ kind });
    }
  }

  async loadFashion() {
    this.fashion = await this.lab.fashion();
    const layout = drawDigitRows(this.$('#fashion-strip'), [{ label: 'Fashion-MNIST', pixels: this.fashion.pixels, bytes: true }], { columns: FASHION_SHOWN, scale: 1.5, minScale: 1, labelWidth: 100 });
    this.$('#fashion-strip').onclick = (e) => {
      const i = columnAt(e, layout, FASHION_SHOWN);
      if (i >= 0) this.choose({ kind: 'fashion', index: i });
    };
  }

  choose(source) {
    this.source = source;
    return this.update();
  }

  /** The image the current source stands for, and its caption. */
  image() {
    const { kind, index } = this.source;
    const drawing = this.drawing() ?? new Float32Array(784);
    switch (kind) {
      case 'invert': return [drawing.map((v) => 1 - v), 'the drawing, inverted'];
      case 'white': return [new Float32Array(784).fill(1), 'all white'];
      case 'black': return [new Float32Array(784), 'all black (blank)'];
      case 'noise': return [Float32Array.from({ length: 784 }, () => Math.random()), 'uniform noise'];
      case 'fashion': return [digitUnit(this.fashion.pixels, index), `Fashion-MNIST: ${FASHION_CLASSES[this.fashion.labels[index]]}`];
      default: return [drawing, 'the drawing'];
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
      this.lab.anomaly(model, pixels),
      this.lab.anomaly_scores(model),
    ]);
    drawDigit($('#anomaly-input'), pixels);
    $('#anomaly-source').textContent = caption;
    drawDigit($('#anomaly-reconstruction'), a.reconstruction);
    // The error map scaled to its own largest value (white), which the caption prints: on the
    // full scale (white = 1, the largest possible) a digit's errors would hardly show.
    const largest = a.errorMap.reduce((m, v) => Math.max(m, v), 0);
    drawDigit($('#anomaly-error'), largest > 0 ? a.errorMap.map((v) => v / largest) : a.errorMap);
    $('#anomaly-error-caption').textContent = largest > 0
      ? `squared error per pixel; white = ${largest < 0.001 ? largest.toExponential(1) : largest.toFixed(3)}, the largest here (1 is the most possible)`
      : 'squared error per pixel: none';
    const flagged = a.empty || a.unusual;
    drawGauge($('#anomaly-gauge'), { scores, score: a.score, threshold: a.threshold, flagged });
    const verdict = $('#anomaly-verdict');
    verdict.className = `verdict ${flagged ? 'flagged' : 'digit'}`;
    verdict.textContent = a.empty
      ? 'Not a digit: the image is (almost) empty.'
      : a.unusual
        ? `Not a digit: its score is ${rank(a.percentile)}.`
        : `Looks like a digit: its score is ${rank(a.percentile)} (flagged when higher than ${percent(a.flagAbove)}).`;
    $('#anomaly-details').textContent = `score ${a.score.toFixed(2)} · reconstruction error, MSE [-1,1], ${a.error.toFixed(4)} (alone it is ${rank(a.errorPercentile)}) · mean-image term ${a.atypicality.toFixed(2)} · ink ${(100 * a.ink).toFixed(1)}%`;
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
    const roc = await this.lab.anomaly_roc(this.model(), outliers);
    const auc = (v) => (v < 1 && v.toFixed(3) === '1.000' ? '0.999' : v.toFixed(3));
    this.$('#anomaly-roc').textContent = `On these ${roc.outliers.toLocaleString('en-US')} Fashion-MNIST images against ${roc.digits.toLocaleString('en-US')} test digits: ROC AUC ${auc(roc.auc)} for the score, ${auc(roc.aucReconstruction)} for the reconstruction error alone (1 would rank every image above every digit; 0.5 is chance).`;
    this.roc = roc;
  }
}

/** A share of the test digits, as a plain percentage that never rounds to 0% or 100%. */
function percent(p) {
  const v = 100 * p;
  if (v > 99) return `${100 - Number((100 - v).toPrecision(1))}%`;
  if (v < 1) return `${Number(v.toPrecision(1))}%`;
  return `${Math.round(v)}%`;
}

/** Where a score stands among the test digits' scores, `p` the share of them below it. */
function rank(p) {
  if (p >= 1) return 'higher than every test digit\'s';
  if (p <= 0) return 'lower than every test digit\'s';
  return `higher than ${percent(p)} of the test digits'`;
}
