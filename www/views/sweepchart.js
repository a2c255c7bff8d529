// @ts-check
// PSNR against the hidden size d (log scale), one line per data set: the capacity sweep.
import { sharpCanvas } from './canvas.js';
import { t } from '../i18n.js';

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{sizes: number[], series: {name: string, colour: string, points: [number, number][]}[]}} data
 *   points are [d, PSNR dB]
 */
export function drawSweep(canvas, { sizes, series }) {
  const { ctx, w, h } = sharpCanvas(canvas, 480, 220);
  const pad = { l: 52, r: 22, t: 10, b: 30 };
  const all = series.flatMap((s) => s.points.map((p) => p[1]));
  const lo = Math.floor(Math.min(8, ...all));
  const hi = Math.ceil(Math.max(20, ...all));
  const lx = (/** @type {number} */ d) => Math.log(d);
  const [x0, x1] = [lx(sizes[0]), lx(sizes[sizes.length - 1])];
  const X = (/** @type {number} */ d) => pad.l + ((lx(d) - x0) / (x1 - x0 || 1)) * (w - pad.l - pad.r);
  const Y = (/** @type {number} */ v) => h - pad.b - ((v - lo) / (hi - lo || 1)) * (h - pad.t - pad.b);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#999';
  ctx.fillStyle = '#555';
  ctx.strokeRect(pad.l, pad.t, w - pad.l - pad.r, h - pad.t - pad.b);
  for (const d of sizes) ctx.fillText(String(d), X(d) - 6, h - pad.b + 14);
  ctx.textAlign = 'center';
  ctx.fillText(t('sweep.xLabel'), w / 2, h - 4);
  ctx.textAlign = 'start';
  for (let v = Math.ceil(lo / 2) * 2; v <= hi; v += 2) {
    ctx.fillText(String(v), 28, Y(v) + 4);
  }
  ctx.save();
  ctx.translate(10, pad.t + 70);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(t('sweep.yLabel'), -30, 0);
  ctx.restore();
  for (const s of series) {
    ctx.strokeStyle = s.colour;
    ctx.fillStyle = s.colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.points.forEach(([d, v], i) => (i ? ctx.lineTo(X(d), Y(v)) : ctx.moveTo(X(d), Y(v))));
    ctx.stroke();
    for (const [d, v] of s.points) ctx.fillRect(X(d) - 3, Y(v) - 3, 6, 6);
  }
  canvas.dataset.points = String(series.reduce((n, s) => n + s.points.length, 0));
}
