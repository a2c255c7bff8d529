// Compression: the code against the image, and the digit rebuilt from a code stored with a
// given number of bits per number.
import { FigureRow } from './views/figures.js';
import { scores, psnrText } from './evaluation.js';
import { Latest } from './latest.js';

export class CompressionView {
  /**
   * `spec(name)` is the model table's entry for a model ({name, label, latent, corruption});
   * `test` the test digits the page holds ({pixels: 0..255, labels}).
   */
  constructor(lab, root, { state, model, spec, drawing, test }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.spec = spec;
    this.drawing = drawing;
    this.ink = inkedPixels(test);
    // The newest drawing, model and bits win; one update in flight.
    this.latest = new Latest(() => this.render());
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    this.panels = new FigureRow($('#compression-outputs'), ['the digit (784 bytes)', 'from the exact code', 'from the rounded code']
      .map((title, i) => ({ key: String(i), title })));
    const bits = $('#bits');
    bits.value = state.bits;
    bits.oninput = () => { state.set('bits', bits.value); this.update(); };
  }

  /** Shows the current drawing, model and bits (after the run in flight, if any). */
  update() {
    return this.latest.request();
  }

  async render() {
    const digit = this.drawing();
    if (!digit) return;
    const $ = this.$;
    const model = this.model();
    const bits = this.state.bits;
    const code = await this.lab.encode(model, digit);
    const rounded = await this.lab.quantise(code, bits);
    const [exact, approx] = await Promise.all([
      this.lab.decode(model, code),
      this.lab.decode(model, rounded),
    ]);
    const spec = this.spec(model);
    const d = spec.latent;
    const bytes = (d * bits) / 8;
    $('#bits-value').textContent = `${bits} (${size(bytes)} bytes a code)`;
    $('#compression-text').textContent = this.explain(spec, bits);
    this.panels.show('0', digit, `${d} numbers in the code`);
    this.panels.show('1', exact, psnrText(scores(exact, digit).psnr));
    this.panels.show('2', approx, psnrText(scores(approx, digit).psnr));
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
  }

  /**
   * What the code of `spec`'s model is, against the image and against what a digit holds:
   * under-complete (fewer numbers than the pixels that carry ink, so it must summarise) or
   * over-complete in the lecture's sense (enough numbers to copy every pixel that matters).
   */
  explain(spec, bits) {
    const d = spec.latent;
    const { typical, common, digits, share } = this.ink;
    const image = 'An MNIST image is 784 pixels of 8 bits: 784 bytes.';
    const often = `${common} pixels carry ink in more than ${100 * share}% of the ${digits.toLocaleString('en-US')} test digits`;
    const float = `As 32-bit floats the code is ${4 * d} bytes, ${against(4 * d)}`;
    const stored = `at ${bits} bits a number, ${size((d * bits) / 8)} bytes, ${against((d * bits) / 8)}`;
    if (d < common) {
      const fewer = d < typical
        ? `fewer than the ${typical} pixels a test digit inks on average (and ${often})`
        : `more than the ${typical} pixels a test digit inks on average, but ${often}`;
      return `${image} The ${spec.label} codes a digit as ${d} numbers, ${fewer}: `
        + `an under-complete code, which must summarise the digit; it cannot copy it. ${float}; ${stored}. `
        + 'Sender and receiver share the decoder once; then each digit travels as its code.';
    }
    // The largest number of bits a code number may take for the code to be smaller than the image.
    const most = Math.ceil((784 * 8) / d) - 1;
    const trained = spec.corruption?.kind === 'none'
      ? 'Trained on clean digits, nothing stops it from learning the identity (the lecture\'s warning), and then it learns nothing about digits.'
      : 'It still learns something useful because it is trained to give back the clean digit from a damaged one: copying its input would keep the damage.';
    return `${image} The ${spec.label} codes a digit as ${d} numbers. `
      + (d < 784 ? 'That is fewer than 784, yet over-complete in the lecture\'s sense: ' : 'That is at least as many numbers as the image has pixels: over-complete: ')
      + `a test digit has ink on ${typical} of its 784 pixels on average, and only ${often}, so ${d} numbers are enough to copy every pixel that matters rather than summarise the digit. ${trained} `
      + `It is not a compressor. ${float}. At b bits a number it is ${d}·b/8 bytes, `
      + (most >= 1 ? `smaller than the image only with ${most} bits or fewer` : 'never smaller than the image')
      + ` (now ${stored}).`;
  }
}

const size = (bytes) => (bytes % 1 ? bytes.toFixed(1) : String(bytes));

/** A code of `bytes` bytes against the 784-byte image. */
function against(bytes) {
  if (bytes < 784) return `${(784 / bytes).toFixed(1)}× smaller than the image`;
  if (bytes > 784) return `${(bytes / 784).toFixed(1)}× larger than the image`;
  return 'the size of the image';
}

/**
 * How much of the 28 × 28 frame the test digits use: the mean number of inked (non-zero)
 * pixels a digit has, and how many pixels are inked in more than `share` of the digits.
 */
function inkedPixels({ pixels, labels }, share = 0.01) {
  const digits = labels.length;
  const counts = new Uint32Array(784);
  let inked = 0;
  for (let i = 0; i < digits * 784; i++) {
    if (pixels[i] > 0) {
      counts[i % 784]++;
      inked++;
    }
  }
  return { typical: Math.round(inked / digits), common: counts.filter((c) => c > share * digits).length, digits, share };
}
