// Compression: the code against the image, and the digit rebuilt from a code stored with a
// given number of bits per number.
import { FigureRow } from '../../views/figures.js';
import { scores, psnrText } from '../../evaluation.js';
import { Latest } from '../../latest.js';
import { t, setText, formatNumber, formatCount, modelText } from '../../i18n.js';

export class CompressionView {
  /**
   * `spec(name)` is the model table's entry for a model ({name, label, latent, corruption});
   * `test` the test digits the page holds ({pixels: 0..255, labels}).
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the compression part of the latent lab
   * @param {object} deps
   * @param {import('../../state.js').PageState} deps.state
   * @param {() => string} deps.model the model's name
   * @param {(name: string) => import('../../protocol.js').ModelSpec | undefined} deps.spec
   * @param {() => Float32Array | null | undefined} deps.drawing
   * @param {import('../../protocol.js').Digits} deps.test
   */
  constructor(lab, root, { state, model, spec, drawing, test }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.spec = spec;
    this.drawing = drawing;
    this.ink = inkedPixels(test);
    /** @type {{digit: Float32Array, sizes: {png: number, gzip: number}} | null} the last digit's file sizes */
    this.files = null;
    // The newest drawing, model and bits win; one update in flight.
    this.latest = new Latest(() => this.render());
    const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (root.querySelector(s));
    this.$ = $;
    this.panels = new FigureRow($('#compression-outputs'), [
      { key: '0', title: () => t('compression.digit') },
      { key: '1', title: () => t('compression.exact') },
      { key: '2', title: () => t('compression.rounded') },
    ]);
    const bits = /** @type {HTMLInputElement} */ ($('#bits'));
    bits.value = String(state.bits);
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
    const code = await this.lab.encode({ model, pixels: digit });
    const rounded = await this.lab.quantise({ codes: code, bits });
    const [exact, approx] = await Promise.all([
      this.lab.decode({ model, codes: code }),
      this.lab.decode({ model, codes: rounded }),
    ]);
    const spec = this.spec(model);
    if (!spec) return;
    const d = spec.latent;
    const bytes = (d * bits) / 8;
    // The digit's file sizes depend on the digit alone: not measured again as the bits change.
    if (this.files?.digit !== digit) this.files = { digit, sizes: await fileSizes(digit) };
    const files = this.files.sizes;
    setText($('#bits-value'), () => t('compression.bitsValue', { bits, bytes: size(bytes) }));
    setText($('#compression-text'), () => `${this.explain(spec, bits)} ${filesText(files, bytes)}`);
    this.root.dataset.files = JSON.stringify(files);
    this.panels.show('0', digit, () => t('compression.numbers', { d }));
    const exactPsnr = scores(exact, digit).psnr;
    const approxPsnr = scores(approx, digit).psnr;
    this.panels.show('1', exact, () => psnrText(exactPsnr));
    this.panels.show('2', approx, () => psnrText(approxPsnr));
    this.root.dataset.psnr = JSON.stringify({ bits, exact: exactPsnr, approx: approxPsnr });
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
  }

  /**
   * What the code of `spec`'s model is, against the image and against what a digit holds:
   * under-complete (fewer numbers than the pixels that carry ink, so it must summarise) or
   * over-complete in the lecture's sense (enough numbers to copy every pixel that matters).
   * @param {import('../../protocol.js').ModelSpec} spec
   * @param {number} bits
   */
  explain(spec, bits) {
    const d = spec.latent;
    const model = modelText(spec, 'label');
    const { typical, common, digits, share } = this.ink;
    const image = t('compression.image');
    const often = t('compression.often', { common, share: 100 * share, digits: formatCount(digits) });
    const float = t('compression.float', { bytes: 4 * d, against: against(4 * d) });
    const stored = t('compression.stored', { bits, bytes: size((d * bits) / 8), against: against((d * bits) / 8) });
    if (d < common) {
      const fewer = d < typical ? t('compression.fewer', { typical, often }) : t('compression.more', { typical, often });
      return t('compression.under', { image, model, d, fewer, float, stored });
    }
    // The largest number of bits a code number may take for the code to be smaller than the image.
    const most = Math.ceil((784 * 8) / d) - 1;
    return t('compression.over', {
      image, model, d, typical, often, float, stored,
      complete: d < 784 ? t('compression.overFewer') : t('compression.overMore'),
      trained: spec.corruption?.kind === 'none' ? t('compression.identity') : t('compression.useful'),
      smaller: most >= 1 ? t('compression.smallerWith', { most }) : t('compression.never'),
    });
  }
}

/**
 * What the digit takes as a file, its pixels rounded to 8 bits: a grey PNG (8-bit greyscale,
 * rows unfiltered: its signature, header, one data chunk of the zlib-compressed rows and its
 * end) and the 784 bytes gzipped, both compressed by the browser's CompressionStream.
 * @param {Float32Array} digit 784 values in [0, 1]
 * @returns {Promise<{png: number, gzip: number}>} bytes
 */
export async function fileSizes(digit) {
  const grey = Uint8Array.from(digit, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  const rows = new Uint8Array(28 * 29);
  for (let y = 0; y < 28; y++) rows.set(grey.subarray(28 * y, 28 * y + 28), 29 * y + 1);
  const compressed = async (/** @type {Uint8Array} */ bytes, /** @type {CompressionFormat} */ format) => (
    await new Response(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)]).stream().pipeThrough(new CompressionStream(format))).arrayBuffer()
  ).byteLength;
  // PNG: 8-byte signature, IHDR chunk (12 + 13), IDAT chunk (12 + zlib data), IEND chunk (12).
  const png = 8 + 25 + 12 + await compressed(rows, 'deflate') + 12;
  return { png, gzip: await compressed(grey, 'gzip') };
}

/**
 * The code against the smaller of the digit's files.
 * @param {{png: number, gzip: number}} files @param {number} bytes the code's, at the chosen bits
 */
function filesText({ png, gzip }, bytes) {
  const file = Math.min(png, gzip);
  const ratio = bytes < file ? t('compression.fileSmaller', { ratio: formatNumber(file / bytes, 1) }) : t('compression.fileLarger', { ratio: formatNumber(bytes / file, 1) });
  return t('compression.files', { png, gzip, bytes: size(bytes), against: ratio });
}

/** @param {number} bytes */
const size = (bytes) => formatNumber(bytes, bytes % 1 ? 1 : 0);

/** A code of `bytes` bytes against the 784-byte image. @param {number} bytes */
function against(bytes) {
  if (bytes < 784) return t('compression.smaller', { ratio: formatNumber(784 / bytes, 1) });
  if (bytes > 784) return t('compression.larger', { ratio: formatNumber(bytes / 784, 1) });
  return t('compression.sameSize');
}

/**
 * How much of the 28 × 28 frame the test digits use: the mean number of inked (non-zero)
 * pixels a digit has, and how many pixels are inked in more than `share` of the digits.
 * @param {import('../../protocol.js').Digits} test
 * @param {number} [share]
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
