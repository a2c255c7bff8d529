// @ts-check
// The encoder's kernels as 28 × 28 tiles in a diverging colour map: blue for negative weights,
// white for 0, red for positive, each end at the largest |weight| shown (lecture figures 22–23).

const TILE = 28;

/**
 * The colour of a weight `v` in [-1, 1] (already divided by the scale): [r, g, b].
 * @param {number} v
 */
export function diverging(v) {
  const t = Math.max(-1, Math.min(1, v));
  const fade = (/** @type {number} */ c) => Math.round(255 - (255 - c) * Math.abs(t));
  return t >= 0 ? [fade(178), fade(24), fade(43)] : [fade(33), fade(102), fade(172)];
}

/**
 * Which tile of `drawKernels`'s grid a point of the canvas (in its own pixels) falls on: its
 * index among the kernels drawn, or -1 between tiles or past the last.
 * @param {number} x @param {number} y
 * @param {{n: number, columns?: number, zoom?: number, gap?: number}} layout
 */
export function tileAt(x, y, { n, columns = 10, zoom = 2, gap = 2 }) {
  const side = TILE * zoom + gap;
  const [col, row] = [Math.floor(x / side), Math.floor(y / side)];
  if (x < 0 || y < 0 || col >= columns || x - col * side >= TILE * zoom || y - row * side >= TILE * zoom) return -1;
  const k = row * columns + col;
  return k < n ? k : -1;
}

/**
 * Draws kernels in a grid of tiles, `columns` across, each tile `scale` pixels per weight.
 * @param {HTMLCanvasElement} canvas
 * @param {{units: number[], weights: Float32Array, scale: number}} kernels
 * @param {{columns?: number, zoom?: number, gap?: number}} [layout]
 */
export function drawKernels(canvas, { units, weights, scale }, { columns = 10, zoom = 2, gap = 2 } = {}) {
  const n = units.length;
  const rows = Math.ceil(n / columns);
  const side = TILE * zoom + gap;
  canvas.width = Math.min(n, columns) * side;
  canvas.height = rows * side;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const tile = ctx.createImageData(TILE, TILE);
  const off = document.createElement('canvas');
  off.width = off.height = TILE;
  const offCtx = /** @type {CanvasRenderingContext2D} */ (off.getContext('2d'));
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < TILE * TILE; i++) {
      const [r, g, b] = diverging(weights[k * TILE * TILE + i] / (scale || 1));
      tile.data.set([r, g, b, 255], i * 4);
    }
    offCtx.putImageData(tile, 0, 0);
    ctx.drawImage(off, (k % columns) * side, Math.floor(k / columns) * side, TILE * zoom, TILE * zoom);
  }
  canvas.dataset.updated = String(Number(canvas.dataset.updated || 0) + 1);
}
