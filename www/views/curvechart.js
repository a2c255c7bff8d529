// @ts-check
// PSNR against the amount of a transformation: a few lines and a marker at the current amount.
import { sharpCanvas } from './canvas.js';
import { formatNumber } from '../i18n.js';

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{xLabel: string, series: {name: string, colour: string, dash?: number[], x: number[], y: number[]}[], marker?: number}} data
 */
export function drawCurves(canvas, { xLabel, series, marker }) {
  const { ctx, w, h } = sharpCanvas(canvas, 420, 200);
  const pad = { l: 44, r: 12, t: 10, b: 30 };
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y).filter(Number.isFinite);
  if (!xs.length) return;
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.floor(Math.min(...ys) - 1), Math.ceil(Math.max(...ys) + 1)];
  const X = (/** @type {number} */ x) => pad.l + ((x - x0) / (x1 - x0 || 1)) * (w - pad.l - pad.r);
  const Y = (/** @type {number} */ y) => h - pad.b - ((y - y0) / (y1 - y0 || 1)) * (h - pad.t - pad.b);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#999';
  ctx.fillStyle = '#555';
  ctx.strokeRect(pad.l, pad.t, w - pad.l - pad.r, h - pad.t - pad.b);
  for (const x of [x0, (x0 + x1) / 2, x1]) ctx.fillText(formatNumber(Math.round(x * 100) / 100), X(x) - 8, h - pad.b + 13);
  ctx.fillText(xLabel, w / 2 - 30, h - 3);
  const step = Math.max(1, Math.round((y1 - y0) / 5));
  for (let y = y0; y <= y1; y += step) ctx.fillText(`${y} dB`, 4, Y(y) + 4);
  for (const s of series) {
    ctx.strokeStyle = s.colour;
    ctx.setLineDash(s.dash ?? []);
    ctx.lineWidth = 2;
    ctx.beginPath();
    s.x.forEach((x, i) => (i ? ctx.lineTo(X(x), Y(s.y[i])) : ctx.moveTo(X(x), Y(s.y[i]))));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (marker !== undefined && Number.isFinite(marker)) {
    ctx.strokeStyle = '#b3261e';
    ctx.beginPath();
    ctx.moveTo(X(marker), pad.t);
    ctx.lineTo(X(marker), h - pad.b);
    ctx.stroke();
  }
  canvas.dataset.series = String(series.length);
  canvas.dataset.frames = String(Number(canvas.dataset.frames || 0) + 1);
}
