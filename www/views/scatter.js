// A scatter plot of 2-D points coloured by class, each class also named by its digit written
// at the class's centre (so that no reader needs to tell the colours apart), with a path and a
// marked point on top, and the conversions between data and canvas coordinates that hovering
// and clicking need.

import { sharpCanvas } from './canvas.js';

/** Colours of the ten classes: the Okabe–Ito palette (black last) and two of Paul Tol's. */
export const CLASS_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#882255', '#999933', '#f0e442', '#000000'];

/** @typedef {{x0: number, x1: number, y0: number, y1: number}} View the data shown: x0..x1 × y0..y1 */

export class Scatter {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    /** @type {ArrayLike<number>} */
    this.points = new Float32Array(0);
    /** @type {ArrayLike<number>} */
    this.labels = new Uint8Array(0);
    /** @type {ArrayLike<number> | null} a path through the data: n × 2 values */
    this.path = null;
    /** @type {ArrayLike<number> | null} a marked point (x, y), drawn as a star */
    this.mark = null;
    /** @type {ArrayLike<number> | null} a picked point (x, y), drawn as a cross */
    this.picked = null;
  }

  /**
   * Sets the points (`n × 2` values) and their classes; fits the view around them.
   * @param {ArrayLike<number>} points @param {ArrayLike<number>} labels
   */
  set(points, labels) {
    this.points = points;
    this.labels = labels;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < points.length; i += 2) {
      x0 = Math.min(x0, points[i]); x1 = Math.max(x1, points[i]);
      y0 = Math.min(y0, points[i + 1]); y1 = Math.max(y1, points[i + 1]);
    }
    const pad = 0.08 * Math.max(x1 - x0, y1 - y0, 1e-6);
    this.view = { x0: x0 - pad, x1: x1 + pad, y0: y0 - pad, y1: y1 + pad };
    // Each class's centre, where its digit is written.
    const sums = Array.from({ length: 10 }, () => [0, 0, 0]);
    for (let i = 0; i < labels.length; i++) {
      const c = sums[labels[i]];
      if (!c) continue;
      c[0] += points[2 * i]; c[1] += points[2 * i + 1]; c[2]++;
    }
    this.centres = sums.map(([x, y, n], label) => (n ? { label, x: x / n, y: y / n } : null)).filter((c) => c !== null);
  }

  /**
   * Canvas pixel (CSS units) of a data point (after `set`, which fits the view).
   * @param {number} x @param {number} y @returns {[number, number]}
   */
  toCanvas(x, y) {
    const { x0, x1, y0, y1 } = /** @type {View} */ (this.view);
    const w = this.canvas.clientWidth || this.canvas.width;
    const h = this.canvas.clientHeight || this.canvas.height;
    return [((x - x0) / (x1 - x0)) * w, (1 - (y - y0) / (y1 - y0)) * h];
  }

  /**
   * Data point under a canvas pixel (CSS units) (after `set`, which fits the view).
   * @param {number} px @param {number} py @returns {[number, number]}
   */
  toData(px, py) {
    const { x0, x1, y0, y1 } = /** @type {View} */ (this.view);
    const w = this.canvas.clientWidth || this.canvas.width;
    const h = this.canvas.clientHeight || this.canvas.height;
    return [x0 + (px / w) * (x1 - x0), y0 + (1 - py / h) * (y1 - y0)];
  }

  /**
   * Index of the point nearest a canvas pixel, within `radius` pixels, or -1.
   * @param {number} px @param {number} py
   */
  nearest(px, py, radius = 6) {
    let best = -1;
    let bestD = radius * radius;
    for (let i = 0; i < this.points.length / 2; i++) {
      const [cx, cy] = this.toCanvas(this.points[2 * i], this.points[2 * i + 1]);
      const d = (cx - px) ** 2 + (cy - py) ** 2;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  draw() {
    const { ctx, w, h } = sharpCanvas(this.canvas, 460, 460);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    if (!this.view) return;
    ctx.globalAlpha = 0.75;
    for (let i = 0; i < this.points.length / 2; i++) {
      const [x, y] = this.toCanvas(this.points[2 * i], this.points[2 * i + 1]);
      ctx.fillStyle = CLASS_COLOURS[this.labels[i]];
      ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    ctx.globalAlpha = 1;
    ctx.font = 'bold 16px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#fff';
    for (const { label, x, y } of this.centres ?? []) {
      const [cx, cy] = this.toCanvas(x, y);
      ctx.strokeText(String(label), cx, cy);
      ctx.fillStyle = label === 8 ? '#80770a' : CLASS_COLOURS[label];
      ctx.fillText(String(label), cx, cy);
    }
    ctx.textAlign = 'start';
    ctx.textBaseline = 'alphabetic';
    if (this.path && this.path.length >= 4) {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i < this.path.length; i += 2) {
        const [x, y] = this.toCanvas(this.path[i], this.path[i + 1]);
        i ? ctx.lineTo(x, y) : ctx.moveTo(x, y);
      }
      ctx.stroke();
      ctx.fillStyle = '#111';
      ctx.font = 'bold 13px system-ui, sans-serif';
      const n = this.path.length;
      for (const [label, i] of /** @type {[string, number][]} */ ([['A', 0], ['B', n - 2]])) {
        const [x, y] = this.toCanvas(this.path[i], this.path[i + 1]);
        ctx.beginPath();
        ctx.arc(x, y, 4, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillText(label, x + 6, y - 6);
      }
    }
    if (this.mark) {
      const [x, y] = this.toCanvas(this.mark[0], this.mark[1]);
      ctx.font = '22px system-ui, sans-serif';
      ctx.fillStyle = '#000';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('★', x, y);
      ctx.textAlign = 'start';
      ctx.textBaseline = 'alphabetic';
    }
    if (this.picked) {
      const [x, y] = this.toCanvas(this.picked[0], this.picked[1]);
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x - 7, y); ctx.lineTo(x + 7, y); ctx.moveTo(x, y - 7); ctx.lineTo(x, y + 7);
      ctx.stroke();
    }
  }
}
