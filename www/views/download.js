// @ts-check
// Figures and numbers to take away: each section's main figures as PNG files (one "Download
// figure" action per section, a select where it has several), and the training panel's loss
// history as CSV, one row per point of the loss chart. The canvases are copied onto a white background
// (charts are transparent), stacked layers (the manifold lab's plane) into one picture, and a
// row of panels (the denoising lab's restorations) with their captions.
import { t, setText } from '../i18n.js';

/**
 * The figures of the page's own sections (each lab names its own, www/labs/<lab>/unit.js):
 * canvas ids, a row of panels (`.outputs`) by its container's id, or several canvases stacked
 * (bottom first) joined by '+'.
 */
export const PAGE_FIGURES = /** @type {Record<string, string[]>} */ ({
  reconstructions: ['recon-grid'],
  training: ['loss-chart'],
  'own-data': ['own-strip'],
});

/** The names of the rows of panels, which have no label of their own. */
const PANEL_NAMES = /** @type {Record<string, string>} */ ({
  'lab-outputs': 'download.labOutputs',
  'compression-outputs': 'download.compressionOutputs',
  'tf-outputs': 'download.tfOutputs',
  'sr-outputs': 'download.srOutputs',
  'tf-latent-row': 'download.tfLatent',
});

/**
 * Saves a blob as a file, through a link the browser downloads.
 * @param {Blob} blob @param {string} filename
 */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * A canvas as a PNG blob.
 * @param {HTMLCanvasElement} canvas
 * @returns {Promise<Blob>}
 */
export function pngOf(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(t('download.noImage')))), 'image/png');
  });
}

/**
 * Canvases of one size, stacked in order onto white, as one canvas (the first one's size).
 * @param {HTMLCanvasElement[]} layers
 */
export function flatten(layers) {
  const [first] = layers;
  const out = document.createElement('canvas');
  out.width = first.width;
  out.height = first.height;
  const ctx = /** @type {CanvasRenderingContext2D} */ (out.getContext('2d'));
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const layer of layers) ctx.drawImage(layer, 0, 0, out.width, out.height);
  return out;
}

/**
 * A row of panels (figures with a canvas and a caption) drawn as one picture: the images at
 * twice their 28 × 28 size per cell, the captions' lines under them.
 * @param {HTMLElement} container
 */
export function panelsImage(container) {
  const figures = [...container.querySelectorAll('figure')].filter((f) => f.querySelector('canvas'));
  const cell = 160, image = 112, line = 16, perRow = Math.min(6, Math.max(1, figures.length));
  const measure = /** @type {CanvasRenderingContext2D} */ (document.createElement('canvas').getContext('2d'));
  const font = '12.5px system-ui, sans-serif';
  measure.font = font;
  /** The caption's lines, wrapped to the cell. @param {Element} figure */
  const lines = (figure) => {
    const text = /** @type {HTMLElement} */ (figure.querySelector('figcaption'))?.innerText ?? '';
    return text.split('\n').flatMap((paragraph) => {
      const out = [];
      let current = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const next = current ? `${current} ${word}` : word;
        if (current && measure.measureText(next).width > cell - 8) { out.push(current); current = word; } else current = next;
      }
      if (current) out.push(current);
      return out;
    });
  };
  const captions = figures.map(lines);
  const tallest = Math.max(0, ...captions.map((c) => c.length));
  const rowHeight = image + 8 + tallest * line + 12;
  const rows = Math.ceil(figures.length / perRow);
  const scale = 2;
  const out = document.createElement('canvas');
  out.width = perRow * cell * scale;
  out.height = Math.max(1, rows * rowHeight * scale);
  const ctx = /** @type {CanvasRenderingContext2D} */ (out.getContext('2d'));
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, perRow * cell, rows * rowHeight);
  ctx.imageSmoothingEnabled = false;
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#1d2330';
  figures.forEach((figure, i) => {
    const x = (i % perRow) * cell, y = Math.floor(i / perRow) * rowHeight;
    ctx.drawImage(/** @type {HTMLCanvasElement} */ (figure.querySelector('canvas')), x + (cell - image) / 2, y + 4, image, image);
    captions[i].forEach((text, k) => ctx.fillText(text, x + cell / 2, y + image + 10 + k * line));
  });
  return out;
}

/**
 * The picture a figure id stands for (see PAGE_FIGURES), ready to save.
 * @param {string} id
 */
export function figureCanvas(id) {
  const elements = id.split('+').map((part) => document.getElementById(part));
  if (elements.some((el) => !el)) throw new Error(t('download.noImage'));
  const [first] = /** @type {HTMLElement[]} */ (elements);
  if (!(first instanceof HTMLCanvasElement)) return panelsImage(first);
  return flatten(/** @type {HTMLCanvasElement[]} */ (elements));
}

/**
 * The loss history (the training panel's `history()`: {'<model> train': [[step, loss], …]})
 * as CSV: a header `step,<series>…`, then one row per step at which any series logged a value,
 * in order of steps; a series without a value at that step leaves its cell empty.
 * @param {Record<string, number[][]>} history
 */
export function historyCsv(history) {
  const names = Object.keys(history);
  /** @type {Map<number, Map<string, number>>} */
  const byStep = new Map();
  for (const name of names) {
    for (const [step, value] of history[name]) {
      if (!byStep.has(step)) byStep.set(step, new Map());
      /** @type {Map<string, number>} */ (byStep.get(step)).set(name, value);
    }
  }
  const cell = (/** @type {string} */ s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [...byStep.keys()].sort((a, b) => a - b).map((step) => {
    const values = /** @type {Map<string, number>} */ (byStep.get(step));
    return [String(step), ...names.map((n) => (values.has(n) ? String(values.get(n)) : ''))].join(',');
  });
  return `${[['step', ...names].map(cell).join(',')].concat(rows).join('\n')}\n`;
}

/**
 * The name of a figure, in the page's language: its canvas's label, or the row's name.
 * @param {string} id
 */
function figureName(id) {
  if (PANEL_NAMES[id]) return t(PANEL_NAMES[id]);
  const canvas = document.getElementById(id.split('+').at(-1) ?? id);
  return canvas?.getAttribute('aria-label') ?? id;
}

/**
 * Adds each section's download tools at its end: "Download figure (PNG)", with a select of the
 * section's figures where it has several, and in the training section "Download loss history
 * (CSV)".
 * @param {{figures: Record<string, string[]>, history: () => Record<string, number[][]>, notify: (text: import('../i18n.js').Text, kind?: string) => void}} deps
 *   `figures`: every section's figures, by the section's id
 */
export function installDownloads({ figures, history, notify }) {
  for (const [section, ids] of Object.entries(figures)) {
    const root = document.getElementById(section);
    if (!root) continue;
    const tools = document.createElement('div');
    tools.className = 'figure-tools';
    /** @type {HTMLSelectElement | null} */
    let select = null;
    if (ids.length > 1) {
      select = document.createElement('select');
      select.id = `${section}-figure`;
      setText(select, () => t('download.which'), 'aria-label');
      for (const id of ids) {
        const option = new Option('', id);
        setText(option, () => figureName(id));
        select.append(option);
      }
    }
    const png = document.createElement('button');
    png.type = 'button';
    png.className = 'download-png';
    setText(png, () => t('download.figure'));
    png.onclick = () => {
      const id = select ? select.value : ids[0];
      pngOf(figureCanvas(id))
        .then((blob) => saveBlob(blob, `${section}-${id.split('+').at(-1)}.png`))
        .catch((e) => notify(() => t('download.failed', { error: e.message }), 'error'));
    };
    tools.append(...(select ? [select] : []), png);
    if (section === 'training') {
      const csv = document.createElement('button');
      csv.type = 'button';
      csv.id = 'download-history';
      setText(csv, () => t('download.csv'));
      csv.onclick = () => saveBlob(new Blob([historyCsv(history())], { type: 'text/csv' }), 'loss-history.csv');
      tools.append(csv);
    }
    root.append(tools);
  }
}
