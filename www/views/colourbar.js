// @ts-check
// A picture's key: the colours of a heat map or a kernel map in a bar, with the value at each
// end and in the middle, so a student can read a colour as a number.
import { sharpCanvas } from './canvas.js';
import { formatNumber, t } from '../i18n.js';

/**
 * An HSL colour as [r, g, b] (0–255), for keys of pictures coloured by hue.
 * @param {number} hue degrees @param {number} s saturation, 0–1 @param {number} l lightness, 0–1
 */
export function hslRgb(hue, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (/** @type {number} */ n) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/**
 * Draws a colour key on `canvas`: `colour(t)` for t from 0 (left) to 1 (right), and under it the
 * values `from`, their middle and `to`, written as the page writes numbers.
 * @param {HTMLCanvasElement} canvas
 * @param {(t: number) => number[]} colour t in [0, 1] → [r, g, b], each 0–255
 * @param {{from: number, to: number, digits?: number}} scale
 */
export function drawColourBar(canvas, colour, { from, to, digits = 3 }) {
  const { ctx, w } = sharpCanvas(canvas, 220, 30);
  const bar = 12;
  for (let x = 0; x < w; x++) {
    const [r, g, b] = colour(w > 1 ? x / (w - 1) : 0);
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(x, 0, 1, bar);
  }
  ctx.strokeStyle = '#888';
  ctx.strokeRect(0.5, 0.5, w - 1, bar - 1);
  ctx.fillStyle = getComputedStyle(canvas).color || '#333';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const values = [from, (from + to) / 2, to];
  values.forEach((v, i) => {
    const text = formatNumber(v, digits);
    ctx.textAlign = i === 0 ? 'left' : i === 1 ? 'center' : 'right';
    ctx.fillText(text, i === 0 ? 0 : i === 1 ? w / 2 : w, bar + 3);
  });
  canvas.dataset.from = String(from);
  canvas.dataset.to = String(to);
  canvas.setAttribute('aria-label', `${t('common.colourKey')}: ${formatNumber(from, digits)} … ${formatNumber(to, digits)}`);
}
