// @ts-check
// The helix in 3-D, turned by dragging: an orthographic projection after a turn about the
// vertical axis (yaw) and one about the horizontal (pitch). Points are coloured by their code;
// the decoded path of codes is a line, dashed where the codes are beyond the training codes'.

import { hslRgb } from './colourbar.js';

/**
 * A point's colour from its code, t in [0, 1] from the smallest code to the largest: hue 0–270°
 * (red through green to violet). The helix's points and its key both use it.
 * @param {number} t
 */
export function codeColour(t) {
  return hslRgb(270 * t, 0.8, 0.45);
}

/**
 * Projects a point.
 * @param {number[]} p [x, y, z] @param {number} yaw @param {number} pitch
 * @returns {[number, number, number]} screen x, screen y (up), depth
 */
export function project([x, y, z], yaw, pitch) {
  const [cy, sy, cp, sp] = [Math.cos(yaw), Math.sin(yaw), Math.cos(pitch), Math.sin(pitch)];
  const x1 = cy * x + sy * y;
  const y1 = -sy * x + cy * y;
  return [x1, cp * z - sp * y1, sp * z + cp * y1];
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {import('../protocol.js').HelixView} view
 * @param {{yaw: number, pitch: number}} turn
 */
export function drawHelix(canvas, view, { yaw, pitch }) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const { width: w, height: h } = canvas;
  const s = Math.min(w, h) / 2.6;
  const S = (/** @type {number[]} */ p) => { const [x, y] = project(p, yaw, pitch); return [w / 2 + s * x, h / 2 - s * y]; };
  ctx.clearRect(0, 0, w, h);
  const codes = view.codes;
  let lo = Infinity; let hi = -Infinity;
  for (const c of codes) { lo = Math.min(lo, c); hi = Math.max(hi, c); }
  const colour = (/** @type {number} */ c) => `rgb(${codeColour((c - lo) / (hi - lo || 1)).join(', ')})`;
  // The decoded path: solid within the training codes, dashed beyond.
  ctx.lineWidth = 2;
  for (let i = 0; i + 1 < view.pathCodes.length; i++) {
    const c = view.pathCodes[i];
    const inside = c >= lo && c <= hi;
    ctx.setLineDash(inside ? [] : [5, 4]);
    ctx.strokeStyle = inside ? 'rgba(40,40,40,0.7)' : 'rgba(200,40,40,0.8)';
    const [x0, y0] = S(Array.from(view.path.subarray(3 * i, 3 * i + 3)));
    const [x1, y1] = S(Array.from(view.path.subarray(3 * i + 3, 3 * i + 6)));
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  const order = [...codes.keys()].sort((a, b) => project(Array.from(view.points.subarray(3 * a, 3 * a + 3)), yaw, pitch)[2] - project(Array.from(view.points.subarray(3 * b, 3 * b + 3)), yaw, pitch)[2]);
  for (const i of order) {
    const [x, y] = S(Array.from(view.points.subarray(3 * i, 3 * i + 3)));
    ctx.fillStyle = colour(codes[i]);
    ctx.beginPath();
    ctx.arc(x, y, 3, 0, 2 * Math.PI);
    ctx.fill();
  }
  canvas.dataset.yaw = yaw.toFixed(3);
  canvas.dataset.frames = String(Number(canvas.dataset.frames || 0) + 1);
}
