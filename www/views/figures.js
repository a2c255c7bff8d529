// @ts-check
// A row of image panels: each a <figure> with a canvas, a title and a score line under it
// (<figcaption>title<br><span class="score"></span></figcaption>). The denoising lab, the
// energy view and compression show their images this way. Titles and score lines may be
// functions that write them in the page's language (written again after a change of language).
import { drawDigit } from './digits.js';
import { setText } from '../i18n.js';

/**
 * @typedef {object} Panel
 * @property {string} key what `data-panel` holds (the tests and the code find a panel by it)
 * @property {import('../i18n.js').Text} title the caption
 */

export class FigureRow {
  /**
   * @param {HTMLElement} container where the figures go (its content is replaced)
   * @param {Panel[]} [panels]
   * @param {{size?: number}} [options] the canvases' size in pixels
   */
  constructor(container, panels = [], { size = 112 } = {}) {
    this.container = container;
    this.size = size;
    /** @type {string[]} */
    this.keys = [];
    /** @type {string | undefined} the keys and titles shown */
    this.signature = undefined;
    if (panels.length) this.set(panels);
  }

  /**
   * Builds the panels, unless the same keys and titles are already shown.
   * @param {Panel[]} panels
   */
  set(panels) {
    const title = (/** @type {Panel} */ p) => (typeof p.title === 'function' ? p.title() : p.title);
    const signature = panels.map((p) => `${p.key}\n${title(p)}`).join('\n\n');
    if (signature === this.signature) return;
    this.signature = signature;
    this.keys = panels.map((p) => p.key);
    this.container.replaceChildren(...panels.map((p) => {
      const figure = document.createElement('figure');
      figure.dataset.panel = p.key;
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = this.size;
      const caption = document.createElement('figcaption');
      const name = document.createElement('span');
      setText(name, p.title);
      const score = document.createElement('span');
      score.className = 'score';
      score.textContent = '–';
      caption.append(name, document.createElement('br'), score);
      figure.append(canvas, caption);
      return figure;
    }));
  }

  /**
   * The figure of a panel.
   * @param {string} key
   * @returns {HTMLElement}
   */
  figure(key) {
    const figure = this.container.querySelector(`figure[data-panel="${CSS.escape(key)}"]`);
    if (!figure) throw new Error(`no panel '${key}'`);
    return /** @type {HTMLElement} */ (figure);
  }

  /**
   * Draws a 28 × 28 image (784 values in [0, 1]) in a panel, and its score line.
   * @param {string} key
   * @param {ArrayLike<number>} pixels
   * @param {import('../i18n.js').Text} [score] left as it is when not given
   */
  show(key, pixels, score) {
    const figure = this.figure(key);
    drawDigit(/** @type {HTMLCanvasElement} */ (figure.querySelector('canvas')), pixels);
    if (score !== undefined) this.score(key, score);
    return figure;
  }

  /**
   * Sets a panel's score line.
   * @param {string} key
   * @param {import('../i18n.js').Text} text
   */
  score(key, text) {
    setText(/** @type {HTMLElement} */ (this.figure(key).querySelector('.score')), text);
  }
}
