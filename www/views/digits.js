// A grid of 28×28 grey-level images drawn on a canvas, one row per labelled series.

/**
 * Draws rows of digits. `rows` is a list of {label, pixels}, pixels holding n × 784 values in
 * [0, 1] (or 0..255 when `bytes` is set on the row).
 */
export function drawDigitRows(canvas, rows, { columns, scale = 2, gap = 4, labelWidth = 150 }) {
  const cell = 28 * scale;
  const ratio = window.devicePixelRatio || 1;
  const width = labelWidth + columns * (cell + gap);
  const height = rows.length * (cell + gap);
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 28;
  const tctx = tile.getContext('2d');
  const image = tctx.createImageData(28, 28);
  rows.forEach((row, r) => {
    const y = r * (cell + gap);
    ctx.fillStyle = getComputedStyle(canvas).color || '#222';
    ctx.font = '13px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(row.label, 0, y + cell / 2, labelWidth - 8);
    if (!row.pixels) return;
    const n = Math.min(columns, Math.floor(row.pixels.length / 784));
    for (let i = 0; i < n; i++) {
      for (let p = 0; p < 784; p++) {
        const v = row.bytes ? row.pixels[i * 784 + p] : Math.round(Math.min(Math.max(row.pixels[i * 784 + p], 0), 1) * 255);
        image.data[4 * p] = image.data[4 * p + 1] = image.data[4 * p + 2] = v;
        image.data[4 * p + 3] = 255;
      }
      tctx.putImageData(image, 0, 0);
      ctx.drawImage(tile, labelWidth + i * (cell + gap), y, cell, cell);
    }
  });
  return { cell, gap, labelWidth };
}

/** Draws one 28 × 28 image (784 values in [0, 1], or 0..255 with `bytes`) to fill a canvas. */
export function drawDigit(canvas, pixels, { bytes = false } = {}) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = bytes ? pixels[i] : Math.round(Math.min(Math.max(pixels[i], 0), 1) * 255);
    img.data.set([v, v, v, 255], i * 4);
  }
  const tile = document.createElement('canvas');
  tile.width = tile.height = 28;
  tile.getContext('2d').putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, 0, 0, canvas.width, canvas.height);
}

/** The column of a click on a canvas drawn by `drawDigitRows` with `layout`, or -1. */
export function columnAt(event, layout, columns) {
  const r = event.currentTarget.getBoundingClientRect();
  const i = Math.floor((event.clientX - r.left - layout.labelWidth) / (layout.cell + layout.gap));
  return i >= 0 && i < columns ? i : -1;
}
