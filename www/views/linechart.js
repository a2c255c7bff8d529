// A small line chart of loss against training steps, with a log-scaled y axis. Its words are
// functions that write them in the page's language, called at each drawing. A series keeps at
// most MAX_POINTS points however long a model trains: past that, neighbouring points are merged
// in pairs (`thin`), so an hour of training costs the page no more memory than its first minutes.

import { sharpCanvas } from './canvas.js';
import { t, formatNumber } from '../i18n.js';

/** The most points a series keeps: a point every 2 of the plot's 420 CSS pixels or closer. */
export const MAX_POINTS = 256;

/**
 * Halves a series of [step, value] points, merging each pair of neighbours into one at the later
 * step, its value the mean of the two weighted by the steps each stands for (the steps since the
 * point before it). The first point, and a last one without a partner, are kept as they are.
 * @param {[number, number][]} points in rising steps
 * @returns {[number, number][]}
 */
export function thin(points) {
  const out = points.length ? [points[0]] : [];
  for (let i = 1; i + 1 < points.length; i += 2) {
    const [x0] = points[i - 1], [x1, y1] = points[i], [x2, y2] = points[i + 1];
    const w1 = Math.max(x1 - x0, 0), w2 = Math.max(x2 - x1, 0);
    out.push([x2, w1 + w2 > 0 ? (w1 * y1 + w2 * y2) / (w1 + w2) : (y1 + y2) / 2]);
  }
  if (points.length > 1 && points.length % 2 === 0) out.push(points[points.length - 1]);
  return out;
}

/**
 * @typedef {object} Series One line of the chart.
 * @property {string} color its colour (CSS)
 * @property {number[]} dash its dash pattern (`setLineDash`), [] for a solid line
 * @property {[number, number][]} points its [x, y] points, in rising x
 */

export class LineChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} [options]
   * @param {() => string} [options.yLabel] writes the y axis' label
   * @param {() => string} [options.xLabel] writes the x axis' unit
   * @param {() => string} [options.empty] writes what the chart says without points
   */
  constructor(canvas, { yLabel = () => 'MSE', xLabel = () => t('chart.steps'), empty = () => t('chart.noTraining') } = {}) {
    this.xLabel = xLabel;
    this.empty = empty;
    this.canvas = canvas;
    /** @type {Map<string, Series>} */
    this.series = new Map(); // name → {color, dash, points: [[x, y]]}
    this.yLabel = yLabel;
  }

  /** @param {string} name @param {string} color @param {number[]} [dash] */
  add(name, color, dash = []) {
    this.series.set(name, { color, dash, points: [] });
  }

  /** Adds a point to a series (not one without a positive finite y, nor to a series not added). @param {string} name @param {number} x @param {number} y */
  push(name, x, y) {
    if (!(Number.isFinite(y) && y > 0)) return;
    const series = this.series.get(name);
    if (!series) return;
    series.points.push([x, y]);
    if (series.points.length > MAX_POINTS) series.points = thin(series.points);
  }

  /** @param {string} name */
  clear(name) {
    const series = this.series.get(name);
    if (series) series.points = [];
  }

  /** The last y of a series, or null. @param {string} name @returns {number | null} */
  last(name) {
    const p = this.series.get(name)?.points ?? [];
    return p.length ? p[p.length - 1][1] : null;
  }

  draw() {
    const { ctx, w, h } = sharpCanvas(this.canvas, 480, 220);
    const all = [...this.series.values()].flatMap((s) => s.points);
    const pad = { l: 52, r: 10, t: 10, b: 26 };
    ctx.strokeStyle = '#999';
    ctx.fillStyle = '#555';
    ctx.font = '11px system-ui, sans-serif';
    ctx.strokeRect(pad.l, pad.t, w - pad.l - pad.r, h - pad.t - pad.b);
    if (!all.length) {
      ctx.fillText(this.empty(), pad.l + 8, pad.t + 16);
      return;
    }
    const xMax = Math.max(1, ...all.map((p) => p[0]));
    let yMin = Math.log10(Math.min(...all.map((p) => p[1])));
    let yMax = Math.log10(Math.max(...all.map((p) => p[1])));
    if (yMax - yMin < 0.1) { yMin -= 0.05; yMax += 0.05; }
    const X = (/** @type {number} */ x) => pad.l + (x / xMax) * (w - pad.l - pad.r);
    const Y = (/** @type {number} */ y) => pad.t + (1 - (Math.log10(y) - yMin) / (yMax - yMin)) * (h - pad.t - pad.b);
    for (let k = 0; k <= 4; k++) {
      const v = 10 ** (yMin + ((yMax - yMin) * k) / 4);
      ctx.fillText(formatNumber(Number(v.toPrecision(2))), 4, Y(v) + 4);
    }
    ctx.fillText('0', pad.l, h - 8);
    ctx.textAlign = 'right';
    ctx.fillText(`${xMax} ${this.xLabel()}`, w - pad.r, h - 8);
    ctx.textAlign = 'start';
    ctx.save();
    ctx.fillText(this.yLabel(), pad.l + 6, pad.t + 12);
    ctx.restore();
    for (const s of this.series.values()) {
      if (!s.points.length) continue;
      ctx.strokeStyle = s.color;
      ctx.setLineDash(s.dash);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      s.points.forEach(([x, y], i) => (i ? ctx.lineTo(X(x), Y(y)) : ctx.moveTo(X(x), Y(y))));
      ctx.stroke();
      // A lone point (one test evaluation so far) still shows, as a dot.
      if (s.points.length === 1) {
        ctx.fillStyle = s.color;
        ctx.beginPath();
        ctx.arc(X(s.points[0][0]), Y(s.points[0][1]), 3, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.setLineDash([]);
  }
}
