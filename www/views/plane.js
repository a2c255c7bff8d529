// @ts-check
// The manifold lab's plane: the travel ‖f(x) − x‖ as a heat map on its own canvas (dark: the
// point stays, bright: it travels far), and on the canvas above it the points, the field's
// arrows and the Jacobian ellipses. Coordinates: [-extent, extent]², y up.

/**
 * A heat colour for t in [0, 1]: from near black through blue and magenta to yellow.
 * @param {number} t
 */
export function heat(t) {
  const x = Math.max(0, Math.min(1, t));
  const stops = [[10, 10, 30], [40, 60, 160], [180, 50, 140], [250, 150, 50], [255, 240, 120]];
  const f = x * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(f));
  const u = f - i;
  return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * u));
}

/**
 * Draws the travel heat map.
 * @param {HTMLCanvasElement} canvas
 * @param {{grid: number, travel: Float32Array}} view
 * @param {number} scale the travel drawn brightest
 */
export function drawHeat(canvas, { grid, travel }, scale) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const image = ctx.createImageData(grid, grid);
  for (let i = 0; i < grid * grid; i++) image.data.set([...heat(travel[i] / scale), 255], i * 4);
  const off = document.createElement('canvas');
  off.width = off.height = grid;
  /** @type {CanvasRenderingContext2D} */ (off.getContext('2d')).putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(off, 0, 0, canvas.width, canvas.height);
  canvas.dataset.scale = String(scale);
  canvas.dataset.frames = String(Number(canvas.dataset.frames || 0) + 1);
}

/**
 * Draws the points, the field and the ellipses.
 * @param {HTMLCanvasElement} canvas
 * @param {import('../protocol.js').PlaneView} view
 * @param {{field: boolean, ellipses: boolean, noisy: boolean, moved?: Float32Array | null}} show
 */
export function drawPlane(canvas, view, show) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const { width: w, height: h } = canvas;
  const e = view.extent;
  const X = (/** @type {number} */ x) => ((x + e) / (2 * e)) * w;
  const Y = (/** @type {number} */ y) => ((e - y) / (2 * e)) * h;
  ctx.clearRect(0, 0, w, h);
  const dots = (/** @type {Float32Array} */ pts, /** @type {string} */ colour, /** @type {number} */ r) => {
    ctx.fillStyle = colour;
    for (let i = 0; i < pts.length; i += 2) {
      ctx.beginPath();
      ctx.arc(X(pts[i]), Y(pts[i + 1]), r, 0, 2 * Math.PI);
      ctx.fill();
    }
  };
  if (show.field) {
    const g = view.grid;
    const cell = (2 * e) / g;
    ctx.strokeStyle = 'rgba(255,255,255,0.75)';
    ctx.lineWidth = 1;
    for (let r = 0; r < g; r += 2) {
      for (let c = 0; c < g; c += 2) {
        const i = r * g + c;
        const x = -e + (c + 0.5) * cell;
        const y = e - (r + 0.5) * cell;
        const [dx, dy] = [view.field[2 * i], view.field[2 * i + 1]];
        const [x1, y1] = [X(x + dx), Y(y + dy)];
        ctx.beginPath();
        ctx.moveTo(X(x), Y(y));
        ctx.lineTo(x1, y1);
        ctx.stroke();
        const angle = Math.atan2(y1 - Y(y), x1 - X(x));
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - 4 * Math.cos(angle - 0.5), y1 - 4 * Math.sin(angle - 0.5));
        ctx.moveTo(x1, y1);
        ctx.lineTo(x1 - 4 * Math.cos(angle + 0.5), y1 - 4 * Math.sin(angle + 0.5));
        ctx.stroke();
      }
    }
  }
  if (show.noisy) {
    dots(view.noisy, 'rgba(255,90,90,0.8)', 1.6);
    dots(view.outputs, 'rgba(90,170,255,0.95)', 1.6);
  }
  dots(view.clean, 'rgba(230,230,230,0.95)', show.ellipses ? 1 : 1.8);
  if (show.moved) dots(show.moved, 'rgba(120,255,140,0.95)', 2);
  if (show.ellipses) {
    ctx.strokeStyle = 'rgba(120,255,160,0.95)';
    ctx.lineWidth = 1.5;
    const r = 0.1 * (w / (2 * e));
    for (let i = 0; i < view.clean.length / 2; i += 12) {
      const [s1, s2, angle] = [view.ellipses[3 * i], view.ellipses[3 * i + 1], view.ellipses[3 * i + 2]];
      ctx.beginPath();
      ctx.ellipse(X(view.clean[2 * i]), Y(view.clean[2 * i + 1]), Math.max(0.5, r * s1), Math.max(0.5, r * s2), -angle, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
  canvas.dataset.frames = String(Number(canvas.dataset.frames || 0) + 1);
}

/**
 * Where a point of the plane is on the canvas (for the tests and the hover).
 * @param {number} x @param {number} y @param {number} extent @param {number} size
 */
export function toCanvas(x, y, extent, size) {
  return [((x + extent) / (2 * extent)) * size, ((extent - y) / (2 * extent)) * size];
}
