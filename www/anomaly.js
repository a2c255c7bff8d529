// The anomaly score of an image: the drawing, its inversion, a blank or white page, noise, or a
// Fashion-MNIST image, placed on the distribution of the test digits' scores.
import { drawDigit, drawDigitRows, columnAt } from './views/digits.js';
import { drawGauge } from './views/gauge.js';

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
    this.ticket = 0;
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    for (const kind of ['drawing', 'invert', 'white', 'black', 'noise']) {
      $(`#anomaly-${kind}`).onclick = () => this.choose({ kind });
    }
  }

  async loadFashion() {
    this.fashion = await this.lab.call('fashion');
    const layout = drawDigitRows(this.$('#fashion-strip'), [{ label: 'Fashion-MNIST', pixels: this.fashion.pixels, bytes: true }], { columns: FASHION_SHOWN, scale: 1.5, labelWidth: 100 });
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
      case 'fashion': return [Float32Array.from(this.fashion.pixels.subarray(index * 784, (index + 1) * 784), (v) => v / 255), `Fashion-MNIST: ${FASHION_CLASSES[this.fashion.labels[index]]}`];
      default: return [drawing, 'the drawing'];
    }
  }

  /** Scores the current image again (after a new drawing or another model). */
  async update() {
    const $ = this.$;
    const [pixels, caption] = this.image();
    const ticket = ++this.ticket;
    const model = this.model();
    const [a, scores] = await Promise.all([
      this.lab.call('anomaly', { model, pixels }),
      this.lab.call('anomalyScores', { model }),
    ]);
    if (ticket !== this.ticket) return;
    drawDigit($('#anomaly-input'), pixels);
    $('#anomaly-source').textContent = caption;
    const flagged = a.empty || a.unusual;
    drawGauge($('#anomaly-gauge'), { scores, score: a.score, threshold: a.threshold, flagged });
    const pct = (p) => `${(100 * p).toFixed(p > 0.995 || p < 0.005 ? 1 : 0)}%`;
    const verdict = $('#anomaly-verdict');
    verdict.className = `verdict ${flagged ? 'flagged' : 'digit'}`;
    verdict.textContent = a.empty
      ? 'Not a digit: the image is (almost) empty.'
      : a.unusual
        ? `Not a digit: its score is above ${pct(a.percentile)} of the test digits' scores.`
        : `Looks like a digit: its score is above ${pct(a.percentile)} of the test digits' (flagged above ${pct(a.flagAbove)}).`;
    $('#anomaly-details').textContent = `score ${a.score.toFixed(2)} · reconstruction error ${a.error.toFixed(4)} (alone it ranks above ${pct(a.errorPercentile)} of the test digits) · mean-image term ${a.atypicality.toFixed(2)} · ink ${(100 * a.ink).toFixed(1)}%`;
    this.last = { ...a, flagged, source: this.source.kind };
    this.runs++;
    this.root.dataset.runs = String(this.runs);
    this.root.dataset.flagged = String(flagged);
  }
}
