// The map of the latent space: test digits' codes projected on their two principal directions;
// hover (or a touch) shows a digit, a click or a tap decodes that point of the plane; the
// drawing and the interpolation path are drawn on top.
import { drawDigit } from '../../views/digits.js';
import { Scatter, CLASS_COLOURS } from '../../views/scatter.js';
import { digitAt } from '../../data.js';
import { t, setText, formatNumber } from '../../i18n.js';

export class LatentMapView {
  /** `test`: the test digits the map shows ({pixels: 0..255, labels}), the first ones. */
  /** `spec(name)`: the model table's entry for a model (its latent size). */
  /**
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the map part of the latent lab
   * @param {object} deps
   * @param {() => string} deps.model the model's name
   * @param {(name: string) => import('../../protocol.js').ModelSpec | undefined} deps.spec
   * @param {import('../../protocol.js').Digits} deps.test
   */
  constructor(lab, root, { model, spec, test }) {
    this.lab = lab;
    this.spec = spec;
    this.test = test;
    this.root = root;
    this.model = model;
    this.decoded = 0;
    // The section's own elements: always there.
    const $ = (/** @type {string} */ s) => /** @type {HTMLElement} */ (root.querySelector(s));
    this.$ = $;
    this.canvas = /** @type {HTMLCanvasElement} */ ($('#latent-map'));
    this.scatter = new Scatter(this.canvas);
    this.hover = /** @type {HTMLCanvasElement} */ ($('#map-hover'));
    $('#map-legend').replaceChildren(...CLASS_COLOURS.map((c, i) => {
      const item = document.createElement('span');
      item.style.setProperty('--c', c);
      item.textContent = String(i);
      return item;
    }));
    // Pointer events, so a mouse, a pen and a finger all work: hovering (or touching) shows the
    // nearest digit, a click or a tap decodes the point.
    this.canvas.onpointermove = (e) => this.hovered(e);
    this.canvas.onpointerdown = (e) => { if (e.pointerType === 'touch') this.hovered(e); };
    this.canvas.onpointerleave = () => { this.hover.hidden = true; };
    this.canvas.onpointerup = (e) => { if (e.pointerType === 'touch') setTimeout(() => { this.hover.hidden = true; }, 600); };
    this.canvas.onclick = (e) => this.clicked(e).catch((err) => { setText($('#map-info'), err.message); });
  }

  /** Fits the map for the current model (after a model change or training). */
  async build() {
    const model = this.model();
    const m = await this.lab.latent_map({ model, count: this.test.labels.length });
    this.map = { ...m, model };
    this.scatter.set(m.points, this.test.labels);
    this.scatter.picked = null;
    const share = (100 * (m.variance[0] + m.variance[1])) / m.totalVariance;
    const digits = this.test.labels.length;
    const others = /** @type {import('../../protocol.js').ModelSpec} */ (this.spec(model)).latent - 2; // the model shown is one of the table (state.allow)
    setText(this.$('#map-info'), () => t('map.info', { digits, share: formatNumber(share, 0), others }));
    this.scatter.draw();
    await this.decodeAt(0, 0); // the mean code, until a click picks another point
    this.root.dataset.ready = 'true';
  }

  /**
   * Places the codes of the drawing (the star) and of the interpolation path on the map.
   * @param {{drawingCode?: Float32Array, pathCodes?: Float32Array}} codes
   */
  async overlay({ drawingCode, pathCodes }) {
    if (!this.map) return;
    const model = this.map.model;
    if (drawingCode) {
      const p = await this.lab.map_codes({ model, codes: drawingCode });
      this.scatter.mark = Array.from(p);
    }
    if (pathCodes) this.scatter.path = await this.lab.map_codes({ model, codes: pathCodes });
    this.scatter.draw();
  }

  /** @param {MouseEvent} e @returns {[number, number]} */
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  /** @param {MouseEvent} e */
  hovered(e) {
    if (!this.map) return;
    const i = this.scatter.nearest(...this.point(e));
    if (i < 0) { this.hover.hidden = true; return; }
    drawDigit(this.hover, digitAt(this.test.pixels, i), { bytes: true });
    this.hover.style.left = `${e.clientX + 14}px`;
    this.hover.style.top = `${e.clientY + 14}px`;
    this.hover.hidden = false;
  }

  /** @param {MouseEvent} e */
  async clicked(e) {
    if (!this.map) return;
    await this.decodeAt(...this.scatter.toData(...this.point(e)));
    this.decoded++;
    this.root.dataset.decoded = String(this.decoded);
  }

  /**
   * Decodes the point (x, y) of the map and shows the image.
   * @param {number} x @param {number} y
   */
  async decodeAt(x, y) {
    if (!this.map) return;
    const image = await this.lab.map_decode({ model: this.map.model, points: new Float32Array([x, y]) });
    drawDigit(/** @type {HTMLCanvasElement} */ (this.$('#map-decoded')), image);
    setText(this.$('#map-decoded-caption'), () => t('map.decodedAt', { x: formatNumber(x, 2), y: formatNumber(y, 2) }));
    this.scatter.picked = [x, y];
    this.scatter.draw();
    this.lastDecoded = { x, y, image };
  }
}
