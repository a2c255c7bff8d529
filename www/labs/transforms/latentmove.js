// @ts-check
// Figures 5–8 as the lecture means them: not the pixels moved but the code. The transformation
// the sliders set is applied to test digits; the mean difference between their codes
// transformed and as they were is a direction in the latent space; the digit's code moved along
// it, α times, is decoded. Beside the pixel transformation above, which leaves the manifold,
// this move stays where the decoder draws digits.
import { FigureRow } from '../../views/figures.js';
import { digitUnit } from '../../data.js';
import { scores, psnrText } from '../../evaluation.js';
import { t, setText, formatNumber } from '../../i18n.js';

/** How far along the direction each panel goes. */
export const ALPHAS = [0, 0.25, 0.5, 0.75, 1, 1.25];
/** Test digits the direction is measured on. */
export const DIGITS = 100;

/**
 * The mean of `b − a` over `n` rows of `d` values each.
 * @param {Float32Array} a @param {Float32Array} b @param {number} n
 */
export function meanDifference(a, b, n) {
  const d = a.length / n;
  const mean = new Float32Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += (b[i * d + j] - a[i * d + j]) / n;
  return mean;
}

export class LatentMove {
  /**
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the #tf-latent part
   * @param {{test: import('../../protocol.js').Digits}} deps
   */
  constructor(lab, root, { test }) {
    this.lab = lab;
    this.root = root;
    this.test = test;
    this.row = new FigureRow(/** @type {HTMLElement} */ (root.querySelector('#tf-latent-row')),
      ALPHAS.map((alpha, i) => ({ key: String(i), title: `α = ${alpha}` })), { size: 84 });
    /** @type {{alpha: number[], psnrMoved: number, psnrReconstructed: number, digits: number, length: number, images: Float32Array, digit: Float32Array} | null} */
    this.last = null;
  }

  /**
   * Moves `digit`'s code along the direction `transform` gives the codes of `model`, and draws
   * the decoded strip.
   * @param {string} model @param {Float32Array} digit @param {import('../../protocol.js').Transform} transform
   */
  async show(model, digit, transform) {
    const n = Math.min(DIGITS, this.test.labels.length);
    const plain = new Float32Array(n * 784);
    const moved = new Float32Array(n * 784);
    for (let i = 0; i < n; i++) {
      const x = digitUnit(this.test.pixels, i);
      plain.set(x, i * 784);
      moved.set((await this.lab.transform({ model, pixels: x, transform })).input, i * 784);
    }
    const [codesPlain, codesMoved, code, transformed] = await Promise.all([
      this.lab.encode({ model, pixels: plain }),
      this.lab.encode({ model, pixels: moved }),
      this.lab.encode({ model, pixels: digit }),
      this.lab.transform({ model, pixels: digit, transform }),
    ]);
    const direction = meanDifference(codesPlain, codesMoved, n);
    const d = code.length;
    const codes = new Float32Array(ALPHAS.length * d);
    ALPHAS.forEach((alpha, k) => { for (let j = 0; j < d; j++) codes[k * d + j] = code[j] + alpha * direction[j]; });
    const images = await this.lab.decode({ model, codes });
    ALPHAS.forEach((_, k) => this.row.show(String(k), images.subarray(k * 784, (k + 1) * 784), ''));
    const one = ALPHAS.indexOf(1);
    const psnrMoved = scores(images.subarray(one * 784, (one + 1) * 784), transformed.input).psnr;
    const psnrReconstructed = transformed.psnr;
    const length = Math.sqrt(direction.reduce((sum, v) => sum + v * v, 0));
    this.last = { alpha: ALPHAS, psnrMoved, psnrReconstructed, digits: n, length, images, digit };
    setText(/** @type {HTMLElement} */ (this.root.querySelector('#tf-latent-text')), () => t('transforms.latent.result', {
      digits: n, moved: psnrText(psnrMoved), reconstructed: psnrText(psnrReconstructed),
      size: formatNumber(length, 2),
    }));
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1);
  }
}
