// @ts-check
// A grid of 28×28 grey-level images drawn on a canvas, one row per labelled series. Where the
// canvas's box is narrower than the rows (a phone), the columns wrap into bands, each band
// showing every row again for its columns, so a digit stays above its reconstructions; where
// even one band's labels leave too little room, each label goes on a line above its row. The
// CSS property --figure-scale (presenter mode) enlarges everything. A canvas drawn here is drawn
// again when its box's width changes; `columnAt` maps a click to the column under it.

/**
 * @typedef {object} RowsLayout where everything was drawn, in CSS pixels of the canvas
 * @property {number} cell @property {number} gap @property {number} labelWidth
 * @property {number} labelHeight 0, or the height of a label's own line above each row
 * @property {number} perLine columns per band
 * @property {number} rows rows per band
 * @property {number} width @property {number} height
 */

/**
 * @typedef {object} RowsOptions
 * @property {number} columns
 * @property {number} [scale] CSS pixels per image pixel (before --figure-scale)
 * @property {number} [minScale] the least scale where the box is narrow (`scale` by default)
 * @property {number} [gap] @property {number} [labelWidth]
 */

/** @typedef {{label: string, pixels?: ArrayLike<number> | null, bytes?: boolean}} Row */

/** What each canvas drawn here last drew, to draw it again at another width. */
const drawn = /** @type {Map<HTMLCanvasElement, {rows: Row[], options: RowsOptions, layout: RowsLayout}>} */ (new Map());
/** @type {ResizeObserver | undefined} */
let observer;

/** The width a canvas may take: its parent's content box (Infinity while it is not laid out). @param {HTMLCanvasElement} canvas */
function room(canvas) {
  const parent = canvas.parentElement;
  if (!parent || !parent.clientWidth) return Infinity;
  const style = getComputedStyle(parent);
  return parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
}

/** The canvas's --figure-scale (1 by default). @param {HTMLCanvasElement} canvas */
function figureScale(canvas) {
  const v = parseFloat(getComputedStyle(canvas).getPropertyValue('--figure-scale'));
  return Number.isFinite(v) && v > 0 ? v : 1;
}

/**
 * Where the rows go for a box `available` pixels wide: all columns in one band at full size
 * when they fit; else the fewest bands (labels beside the digits while at least four columns
 * fit beside them, else above) whose cells are at least `minScale` pixels per image pixel.
 * @param {number} n rows @param {RowsOptions} options @param {number} available @param {number} zoom
 * @returns {RowsLayout}
 */
export function rowsLayout(n, { columns, scale = 2, minScale = scale, gap = 4, labelWidth = 150 }, available, zoom = 1) {
  const full = Math.round(28 * scale * zoom);
  const least = Math.round(28 * Math.min(minScale, scale) * zoom);
  const beside = Math.round(labelWidth * zoom);
  const above = Math.round(18 * zoom);
  /** @param {number} label @param {number} labelHeight @param {number} perLine @param {number} cell @returns {RowsLayout} */
  const layout = (label, labelHeight, perLine, cell) => ({
    cell, gap, labelWidth: label, labelHeight, perLine, rows: n,
    width: label + perLine * (cell + gap), height: Math.ceil(columns / perLine) * n * (labelHeight + cell + gap),
  });
  if (beside + columns * (full + gap) <= available) return layout(beside, 0, columns, full);
  for (const [label, labelHeight] of [[beside, 0], [0, above]]) {
    for (let bands = 1; bands <= columns; bands++) {
      const perLine = Math.ceil(columns / bands);
      if (labelHeight === 0 && perLine < Math.min(columns, 4)) break;
      const cell = Math.min(full, Math.floor((available - label) / perLine) - gap);
      if (cell >= least) return layout(label, labelHeight, perLine, cell);
    }
  }
  return layout(0, above, 1, Math.max(8, Math.min(full, Math.floor(available) - gap)));
}

/**
 * Draws rows of digits. `rows` is a list of {label, pixels}, pixels holding n × 784 values in
 * [0, 1] (or 0..255 when `bytes` is set on the row). Returns the layout, which `columnAt` reads
 * (the same object is updated when the canvas is drawn again at another width).
 * @param {HTMLCanvasElement} canvas @param {Row[]} rows @param {RowsOptions} options
 * @returns {RowsLayout}
 */
export function drawDigitRows(canvas, rows, options) {
  const available = room(canvas);
  const layout = rowsLayout(rows.length, options, available, figureScale(canvas));
  paint(canvas, rows, options, layout);
  drawn.set(canvas, { rows, options, layout });
  if (canvas.parentElement && typeof ResizeObserver !== 'undefined') {
    observer ??= new ResizeObserver(refit);
    observer.observe(canvas.parentElement);
  }
  return layout;
}

/** Draws again, where needed, every canvas whose box changed width or whose --figure-scale changed. */
export function refit() {
  for (const [canvas, entry] of drawn) {
    if (!canvas.isConnected) { drawn.delete(canvas); continue; }
    const available = room(canvas);
    const layout = rowsLayout(entry.rows.length, entry.options, available, figureScale(canvas));
    if (layout.width === entry.layout.width && layout.height === entry.layout.height && layout.cell === entry.layout.cell) continue;
    Object.assign(entry.layout, layout);
    paint(canvas, entry.rows, entry.options, entry.layout);
  }
}

/**
 * @param {HTMLCanvasElement} canvas @param {Row[]} rows @param {RowsOptions} options @param {RowsLayout} layout
 */
function paint(canvas, rows, { columns, scale = 2 }, layout) {
  const { cell, gap, labelWidth, labelHeight, perLine, width, height } = layout;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 28;
  const tctx = /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d'));
  const image = tctx.createImageData(28, 28);
  const zoom = cell / Math.round(28 * scale); // --figure-scale, for the labels' size
  const line = labelHeight + cell + gap;
  const bands = Math.ceil(columns / perLine);
  for (let band = 0; band < bands; band++) {
    rows.forEach((row, r) => {
      const y = (band * rows.length + r) * line;
      ctx.fillStyle = getComputedStyle(canvas).color || '#222';
      ctx.font = `${Math.round(13 * zoom)}px system-ui, sans-serif`;
      ctx.textBaseline = 'middle';
      if (band > 0 && rows.length === 1) { /* one row: its label once */ } else if (labelHeight) ctx.fillText(row.label, 0, y + labelHeight / 2, width);
      else ctx.fillText(row.label, 0, y + cell / 2, labelWidth - 8);
      if (!row.pixels) return;
      const n = Math.min(columns, Math.floor(row.pixels.length / 784), (band + 1) * perLine);
      for (let i = band * perLine; i < n; i++) {
        for (let p = 0; p < 784; p++) {
          const v = row.bytes ? row.pixels[i * 784 + p] : Math.round(Math.min(Math.max(row.pixels[i * 784 + p], 0), 1) * 255);
          image.data[4 * p] = image.data[4 * p + 1] = image.data[4 * p + 2] = v;
          image.data[4 * p + 3] = 255;
        }
        tctx.putImageData(image, 0, 0);
        ctx.drawImage(tile, labelWidth + (i - band * perLine) * (cell + gap), y + labelHeight, cell, cell);
      }
    });
  }
}

/**
 * Draws one 28 × 28 image (784 values in [0, 1], or 0..255 with `bytes`) to fill a canvas.
 * @param {HTMLCanvasElement} canvas @param {ArrayLike<number>} pixels @param {{bytes?: boolean}} [options]
 */
export function drawDigit(canvas, pixels, { bytes = false } = {}) {
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = bytes ? pixels[i] : Math.round(Math.min(Math.max(pixels[i], 0), 1) * 255);
    img.data.set([v, v, v, 255], i * 4);
  }
  const tile = document.createElement('canvas');
  tile.width = tile.height = 28;
  /** @type {CanvasRenderingContext2D} */ (tile.getContext('2d')).putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, canvas.width, canvas.height);
}

/**
 * The column of a click on a canvas drawn by `drawDigitRows` with `layout`, or -1: the column
 * under the pointer in its band, counted from the first band's first column.
 * @param {MouseEvent} event @param {RowsLayout} layout @param {number} columns
 */
export function columnAt(event, layout, columns) {
  const canvas = /** @type {HTMLElement} */ (event.currentTarget);
  const r = canvas.getBoundingClientRect();
  // CSS pixels of the drawing (the box is the drawing's size unless a style scales it).
  const sx = r.width ? layout.width / r.width : 1;
  const sy = r.height ? layout.height / r.height : 1;
  const step = layout.cell + layout.gap;
  const column = Math.floor(((event.clientX - r.left) * sx - layout.labelWidth) / step);
  if (column < 0 || column >= layout.perLine) return -1;
  const bands = Math.ceil(columns / layout.perLine);
  const band = bands > 1 ? Math.floor((event.clientY - r.top) * sy / ((layout.labelHeight + step) * layout.rows)) : 0;
  const i = Math.min(Math.max(band, 0), bands - 1) * layout.perLine + column;
  return i < columns ? i : -1;
}
