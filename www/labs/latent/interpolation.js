// Interpolation between two digits A and B: the pixel blend above, the decoded latent blend
// below, and a slider that scrubs t and shows both frames large.
import { drawDigit, drawDigitRows, columnAt } from '../../views/digits.js';
import { digitAt, digitUnit, rowAt } from '../../data.js';
import { t, formatNumber, onLanguage } from '../../i18n.js';


export class Interpolation {
  /**
   * `test` holds test digits ({pixels: 0..255, labels}); `drawing()` is the digit drawn in the
   * denoising lab (784 values in [0, 1]); `onPath(codes, latent)` hears each new latent path.
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the interpolation part of the latent lab
   * @param {object} deps
   * @param {import('../../state.js').PageState} deps.state
   * @param {() => string} deps.model the model's name
   * @param {import('../../protocol.js').Digits} deps.test
   * @param {() => ArrayLike<number> | null | undefined} deps.drawing
   * @param {(codes: Float32Array, latent: number) => void} [deps.onPath]
   */
  constructor(lab, root, { state, model, test, drawing, onPath }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.drawing = drawing;
    this.onPath = onPath;
    this.renders = 0;
    this.scrubs = 0;
    // The section's own elements: always there.
    const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (root.querySelector(s));
    this.$ = $;
    this.test = test;
    this.setTest();
    onLanguage(() => {
      this.drawGallery();
      this.drawStrips();
      if (this.last) $('#scrub-value').textContent = formatNumber(Number(/** @type {HTMLInputElement} */ ($('#scrub')).value), 2);
    });
    $('#gallery-strip').onclick = (e) => {
      const i = columnAt(e, this.galleryLayout, this.picks.length);
      if (i >= 0) this.set(/** @type {'a' | 'b'} */ (/** @type {HTMLSelectElement} */ ($('#fill-slot')).value), this.digit(this.picks[i]));
    };
    $('#a-from-drawing').onclick = () => this.set('a', this.drawing());
    $('#b-from-drawing').onclick = () => this.set('b', this.drawing());
    $('#swap').onclick = () => { [this.a, this.b] = [this.b, this.a]; this.render(); };
    $('#random-pair').onclick = () => this.randomPair();
    const frames = /** @type {HTMLInputElement} */ ($('#frames'));
    frames.value = String(state.frames);
    $('#frames-value').textContent = String(state.frames);
    frames.oninput = () => { $('#frames-value').textContent = frames.value; };
    frames.onchange = () => { state.set('frames', frames.value); this.render(); };
    $('#scrub').oninput = () => this.scrub();
  }

  /**
   * The gallery from the test images (again after a change of data set): the first two of each
   * class, in class order; A and B from it (a 7 and a 1 of MNIST).
   */
  setTest() {
    const { test } = this;
    /** @type {number[]} the gallery's test digits */
    this.picks = [];
    for (let c = 0; c < 10; c++) {
      for (let i = 0, found = 0; i < test.labels.length && found < 2; i++) {
        if (test.labels[i] === c) { this.picks.push(i); found++; }
      }
    }
    const last = this.picks.length - 1;
    /** @type {Float32Array} image A: 784 values in [0, 1] */
    this.a = this.digit(this.picks[Math.min(14, last)]);
    /** @type {Float32Array} image B */
    this.b = this.digit(this.picks[Math.min(2, last)]);
    /** @type {Uint8Array} the gallery's digits, 0..255 */
    this.galleryPixels = new Uint8Array(this.picks.length * 784);
    this.picks.forEach((k, i) => this.galleryPixels.set(digitAt(test.pixels, k), i * 784));
    this.drawGallery();
  }

  drawGallery() {
    /** @type {import('../../views/digits.js').RowsLayout} */
    this.galleryLayout = drawDigitRows(/** @type {HTMLCanvasElement} */ (this.$('#gallery-strip')), [{ label: t('interp.testDigits'), pixels: this.galleryPixels, bytes: true }], { columns: this.picks.length, scale: 1.5, minScale: 1, labelWidth: 80 });
  }

  /** @param {number} k */
  digit(k) {
    return digitUnit(this.test.pixels, k);
  }

  /** @param {'a' | 'b'} slot @param {ArrayLike<number> | null | undefined} pixels */
  set(slot, pixels) {
    if (!pixels) return;
    this[slot] = Float32Array.from(pixels);
    this.render();
  }

  /** A random pair of test digits of different classes. */
  randomPair() {
    const n = this.test.labels.length;
    const i = Math.floor(Math.random() * n);
    let j = Math.floor(Math.random() * n);
    for (let k = 0; k < n && this.test.labels[j] === this.test.labels[i]; k++) j = (j + 1) % n;
    this.a = this.digit(i);
    this.b = this.digit(j);
    this.render();
  }

  async render() {
    const $ = this.$;
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#slot-a')), this.a);
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#slot-b')), this.b);
    const frames = this.state.frames;
    const r = await this.lab.interpolate({ model: this.model(), a: this.a, b: this.b, frames });
    this.last = { ...r, frames, a: this.a, b: this.b };
    this.drawStrips();
    this.onPath?.(r.codes, r.latent);
    await this.scrub();
    this.renders++;
    this.root.dataset.renders = String(this.renders);
  }

  /** Draws the last pixel-space and latent-space strips, labelled in the page's language. */
  drawStrips() {
    if (!this.last) return;
    const { pixels, decoded, frames } = this.last;
    this.layout = drawDigitRows(/** @type {HTMLCanvasElement} */ (this.$('#strips')), [
      { label: t('interp.pixelSpace'), pixels },
      { label: t('interp.latentSpace'), pixels: decoded },
    ], { columns: frames, scale: 2, minScale: 1, labelWidth: 100 });
  }

  /** Shows the frames at the slider's t: the pixel blend here, the latent blend decoded. */
  async scrub() {
    if (!this.last) return;
    const $ = this.$;
    const t = Number(/** @type {HTMLInputElement} */ ($('#scrub')).value);
    $('#scrub-value').textContent = formatNumber(t, 2);
    const { a, b, codes, latent, frames } = this.last;
    drawDigit(/** @type {HTMLCanvasElement} */ ($('#scrub-pixel')), a.map((v, i) => (1 - t) * v + t * b[i]));
    const za = rowAt(codes, 0, latent);
    const zb = rowAt(codes, frames - 1, latent);
    const z = za.map((v, i) => (1 - t) * v + t * zb[i]);
    // The newest position wins: an older decode that returns late is not drawn.
    const ticket = ++this.scrubs;
    const image = await this.lab.decode({ model: this.model(), codes: z });
    if (ticket === this.scrubs) drawDigit(/** @type {HTMLCanvasElement} */ ($('#scrub-latent')), image);
  }
}
