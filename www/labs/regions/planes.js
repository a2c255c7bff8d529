// @ts-check
// The regions lab's pictures of the latent plane: each test digit's code as its digit (so no
// reader needs the colours), the variational autoencoder's with an ellipse of its spread σ
// (its region) and the prior's circles at 1 and 2; and a plane of codes decoded as a grid of
// images.
import { sharpCanvas } from '../../views/canvas.js';
import { CLASS_COLOURS } from '../../views/scatter.js';

/** @typedef {{x0: number, x1: number, y0: number, y1: number}} Bounds */

/**
 * The square around the codes' first two numbers (with their spreads), and at least [-3, 3]²
 * when `prior` (the VAE's plane: its prior's scale).
 * @param {ArrayLike<number>} codes n × d @param {number} d @param {ArrayLike<number> | null} spreads
 * @param {boolean} prior
 * @returns {Bounds}
 */
export function bounds(codes, d, spreads, prior) {
  let m = prior ? 3 : 0;
  let [cx, cy] = [0, 0];
  const n = codes.length / d;
  if (!prior && n > 0) {
    for (let i = 0; i < n; i++) { cx += codes[i * d] / n; cy += codes[i * d + 1] / n; }
  }
  for (let i = 0; i < n; i++) {
    const sx = spreads ? spreads[i * d] : 0;
    const sy = spreads ? spreads[i * d + 1] : 0;
    m = Math.max(m, Math.abs(codes[i * d] - cx) + sx, Math.abs(codes[i * d + 1] - cy) + sy);
  }
  if (!Number.isFinite(m) || m <= 0) m = 1;
  m *= 1.05;
  return { x0: cx - m, x1: cx + m, y0: cy - m, y1: cy + m };
}

/**
 * Draws a plane of codes: each digit's code (its first two numbers) as the digit itself, in its
 * class's colour; with `spreads`, an ellipse of one σ around it; with `prior`, the circles of
 * radius 1 and 2 of N(0, I).
 * @param {HTMLCanvasElement} canvas
 * @param {{codes: ArrayLike<number>, d: number, labels: ArrayLike<number>, spreads: ArrayLike<number> | null,
 *   bounds: Bounds, prior: boolean}} plane
 */
export function drawPlane(canvas, { codes, d, labels, spreads, bounds: b, prior }) {
  const { ctx, w, h } = sharpCanvas(canvas, 360, 360);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const X = (/** @type {number} */ x) => ((x - b.x0) / (b.x1 - b.x0)) * w;
  const Y = (/** @type {number} */ y) => (1 - (y - b.y0) / (b.y1 - b.y0)) * h;
  const sx = w / (b.x1 - b.x0);
  const sy = h / (b.y1 - b.y0);
  ctx.strokeStyle = '#ccc';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(X(0), 0); ctx.lineTo(X(0), h); ctx.moveTo(0, Y(0)); ctx.lineTo(w, Y(0));
  ctx.stroke();
  const n = labels.length;
  if (spreads) {
    ctx.globalAlpha = 0.07;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = CLASS_COLOURS[labels[i]];
      ctx.beginPath();
      ctx.ellipse(X(codes[i * d]), Y(codes[i * d + 1]), Math.max(0.5, spreads[i * d] * sx), Math.max(0.5, spreads[i * d + 1] * sy), 0, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }
  if (prior) {
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = '#555';
    for (const r of [1, 2]) {
      ctx.beginPath();
      ctx.ellipse(X(0), Y(0), r * sx, r * sy, 0, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }
  ctx.font = 'bold 10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = labels[i] === 8 ? '#80770a' : CLASS_COLOURS[labels[i]];
    ctx.fillText(String(labels[i]), X(codes[i * d]), Y(codes[i * d + 1]));
  }
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
}

/**
 * Draws `size × size` decoded images (size² × 784 values in [0, 1], row by row from the top) as
 * one picture, each image a tile.
 * @param {HTMLCanvasElement} canvas @param {ArrayLike<number>} images @param {number} size
 */
export function drawGrid(canvas, images, size) {
  const side = 28 * size;
  canvas.width = side;
  canvas.height = side;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const data = ctx.createImageData(side, side);
  for (let k = 0; k < size * size; k++) {
    const [r, c] = [Math.floor(k / size), k % size];
    for (let p = 0; p < 784; p++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, images[k * 784 + p])));
      const at = ((r * 28 + Math.floor(p / 28)) * side + c * 28 + (p % 28)) * 4;
      data.data[at] = data.data[at + 1] = data.data[at + 2] = v;
      data.data[at + 3] = 255;
    }
  }
  ctx.putImageData(data, 0, 0);
}
