// The anomaly gauge: the histogram of the test digits' scores, the threshold above which an
// image is flagged, and a needle at the current image's score.

import { sharpCanvas } from './canvas.js';
import { t } from '../i18n.js';

/**
 * @typedef {object} Gauge What the gauge shows.
 * @property {Float32Array} scores the test digits' scores, sorted
 * @property {number} score the current image's score
 * @property {number} threshold the flagging score
 * @property {boolean} flagged whether the current image is flagged (the needle's colour)
 */

/**
 * Draws the gauge. `scores` are the test digits' scores (sorted), `score` the current one,
 * `threshold` the flagging score.
 * @param {HTMLCanvasElement} canvas
 * @param {Gauge} gauge
 */
export function drawGauge(canvas, { scores, score, threshold, flagged }) {
  const { ctx, w, h } = sharpCanvas(canvas, 420, 90);
  const lo = Math.min(scores[0], score, -4);
  const hi = Math.max(scores[scores.length - 1], threshold + 2);
  // Beyond the right edge, the needle stays at the edge with an arrow.
  const span = Math.min(hi, threshold + 12) - lo;
  const X = (/** @type {number} */ v) => 10 + ((Math.min(v, lo + span) - lo) / span) * (w - 20);
  const bins = new Array(60).fill(0);
  for (const s of scores) bins[Math.min(59, Math.max(0, Math.floor(((s - lo) / span) * 60)))]++;
  const top = Math.max(...bins);
  const base = h - 22;
  ctx.fillStyle = '#c9d7f5';
  bins.forEach((b, i) => {
    const bh = (b / top) * (base - 8);
    ctx.fillRect(10 + (i / 60) * (w - 20), base - bh, (w - 20) / 60 - 1, bh);
  });
  ctx.fillStyle = 'rgba(179, 38, 30, 0.08)';
  ctx.fillRect(X(threshold), 4, w - 10 - X(threshold), base - 4);
  ctx.strokeStyle = '#b3261e';
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(X(threshold), 4);
  ctx.lineTo(X(threshold), base);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#5b6475';
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText(t('gauge.testDigits'), 12, 14);
  ctx.fillText(t('gauge.flagged'), X(threshold) + 4, 14);
  ctx.fillText(t('gauge.more'), 10, h - 6);
  ctx.textAlign = 'right';
  ctx.fillText(t('gauge.less'), w - 10, h - 6);
  ctx.textAlign = 'start';
  if (Number.isFinite(score)) {
    const x = X(score);
    ctx.strokeStyle = flagged ? '#b3261e' : '#1e7b34';
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x, 2);
    ctx.lineTo(x, base + 4);
    ctx.stroke();
    ctx.lineWidth = 1;
    if (score > lo + span) ctx.fillText('▶▶', w - 22, base - 6);
  }
}
