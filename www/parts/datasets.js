// @ts-check
// The data set switch (the header's select: MNIST, Fashion-MNIST, your own) and the own data
// set's section: drawings from the denoising lab and dropped pictures (one at a time, many, or a
// folder whose sub-folders name the classes), kept in the browser's storage, downloadable as a
// digits file. A switch gives the session the set's training and test images and redraws every
// view; a failed one changes nothing.
import { OwnData, folderClass } from '../owndata.js';
import { parseDigits } from '../data.js';
import { load, store } from '../storage.js';
import { drawDigitRows } from '../views/digits.js';
import { saveBlob } from '../views/download.js';
import { t, setText, onLanguage } from '../i18n.js';
import { PIXELS } from '../protocol.js';

/** @typedef {import('../protocol.js').DataSetName} DataSetName */

const STORAGE_KEY = 'own-data';
const STRIP = 40; // the own set's last images shown

/** The data sets, in the select's order. */
export const DATA_SETS = /** @type {const} */ (['mnist', 'fashion', 'own']);

export class DataSets {
  /**
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {object} deps
   * @param {HTMLSelectElement} deps.select the header's data set select
   * @param {HTMLElement} deps.root the own data set's section
   * @param {import('../state.js').PageState} deps.state
   * @param {import('./backendswitch.js').BackendSwitch} deps.backends
   * @param {(text: import('../i18n.js').Text, kind?: string) => void} deps.notify
   * @param {() => Promise<Float32Array | undefined>} deps.drawing the denoising lab's digit (784
   *   values in [0, 1]) once the lab has run on the pad's drawing
   * @param {() => Promise<void>} deps.beforeSwitch e.g. pausing a training run
   * @param {(set: DataSetName) => Promise<void>} deps.switched redraws every view on the new set
   */
  constructor(lab, { select, root, state, backends, notify, drawing, beforeSwitch, switched }) {
    this.lab = lab;
    this.select = select;
    this.root = root;
    this.state = state;
    this.backends = backends;
    this.notify = notify;
    this.drawing = drawing;
    this.beforeSwitch = beforeSwitch;
    this.switched = switched;
    this.own = new OwnData();
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.className = /** @type {HTMLInputElement} */ ($('own-class'));
    this.summary = $('own-summary');
    this.strip = /** @type {HTMLCanvasElement} */ ($('own-strip'));
    select.value = backends.dataSet;
    select.onchange = () => { this.choose(/** @type {DataSetName} */ (select.value)).catch(() => {}); };
    $('own-add-drawing').onclick = () => { this.addDrawing().catch((e) => this.refused(e)); };
    const files = /** @type {HTMLInputElement} */ ($('own-files'));
    const folder = /** @type {HTMLInputElement} */ ($('own-folder'));
    for (const input of [files, folder]) {
      input.onchange = () => {
        const chosen = [...(input.files ?? [])].map((file) => ({ file, path: file.webkitRelativePath }));
        input.value = '';
        this.addFiles(chosen).catch((e) => this.refused(e));
      };
    }
    const drop = $('own-drop');
    drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
    drop.ondragleave = () => drop.classList.remove('over');
    drop.ondrop = (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      droppedFiles(/** @type {DataTransfer} */ (e.dataTransfer)).then((found) => this.addFiles(found)).catch((e) => this.refused(e));
    };
    $('own-undo').onclick = () => { this.own.removeLast(); this.changed().catch((e) => this.refused(e)); };
    $('own-clear').onclick = () => { this.own.clear(); this.changed().catch((e) => this.refused(e)); };
    $('own-download').onclick = () => this.download();
    $('own-use').onclick = () => { this.choose('own').catch(() => {}); };
    onLanguage(() => this.render());
  }

  /** Reads the own set back from the browser's storage (an empty set if storage fails). */
  async restore() {
    try {
      this.own = OwnData.fromRecord(await load(STORAGE_KEY));
    } catch (e) {
      this.notify(() => t('own.storageFailed', { error: /** @type {Error} */ (e).message }), 'warn');
    }
    this.render();
  }

  /**
   * Gives the session a data set and redraws every view on it. An empty own set, a failed
   * download or a refused set changes nothing (the select goes back) and rejects.
   * @param {DataSetName} set
   */
  async choose(set) {
    const before = this.backends.dataSet;
    try {
      if (!DATA_SETS.includes(set)) throw new Error(`unknown data set '${set}' (expected ${DATA_SETS.map((s) => `'${s}'`).join(', ')})`);
      if (set === 'own' && !this.own.length) throw new Error(t('own.empty'));
      await this.beforeSwitch();
      const status = /** @type {HTMLElement} */ (document.getElementById('status'));
      const off = this.lab.on('data', (/** @type {import('../protocol.js').DataEvent} */ e) => {
        status.textContent = t('status.loadingSet', { set: t(`data.${e.set}`), percent: e.total ? Math.floor((100 * e.received) / e.total) : 0 });
      });
      let info;
      try {
        info = await this.backends.loadData(set === 'own' ? { set, own: this.own.toBytes() } : { set });
      } finally {
        off();
        status.textContent = '';
      }
      this.state.set('data', set);
      this.select.value = set;
      if (set !== before || set === 'own') await this.switched(set);
      return { set, trainLen: info?.trainLen ?? 0, testLen: info?.testLen ?? 0 };
    } catch (e) {
      this.select.value = before;
      const error = /** @type {Error} */ (e).message;
      this.notify(() => t('data.switchFailed', { set: t(`data.${set}`), error, current: t(`data.${before}`) }), 'error');
      throw e;
    }
  }

  /**
   * Adds MNIST-like images of one class (784 values in [0, 1] each) to the own set, kept and
   * shown; a refused addition changes nothing and rejects with the reason.
   * @param {Float32Array} digits
   * @param {string} name the class
   */
  async addDigits(digits, name) {
    const label = this.own.add(digits, name);
    await this.changed(t('own.addedPictures', { count: digits.length / PIXELS }));
    return label;
  }

  /**
   * Adds the denoising lab's drawing to the own set, with the class typed. The class is read at
   * the click; the digit is the pad's drawing once the lab has made it MNIST-like (a click while
   * the lab is busy waits for it, so the drawing on the pad is the one added).
   */
  async addDrawing() {
    const name = this.className.value;
    const digit = await this.drawing();
    if (!digit || digit.every((v) => v === 0)) throw new Error(t('own.blank'));
    this.own.add(digit, name);
    await this.changed(t('own.addedDrawing', { name: name.trim() }));
  }

  /**
   * Adds pictures (and digits files): each picture made MNIST-like in the worker, its class its
   * folder's name or the class typed. A bad file is named and skipped; the rest are added.
   * @param {{file: File, path: string}[]} files
   */
  async addFiles(files) {
    if (!files.length) return;
    /** @type {string[]} */
    const refused = [];
    let added = 0;
    for (const { file, path } of files) {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (/\.bin$/i.test(file.name)) {
          const { pixels, labels } = parseDigits(bytes);
          for (let l = 0; l < 10; l++) {
            const at = [...labels.keys()].filter((i) => labels[i] === l);
            if (!at.length) continue;
            const digits = new Float32Array(at.length * PIXELS);
            at.forEach((i, k) => digits.set(Array.from(pixels.subarray(i * PIXELS, (i + 1) * PIXELS), (v) => v / 255), k * PIXELS));
            this.own.add(digits, String(l));
            added += at.length;
          }
        } else {
          const { digit } = await this.lab.picture({ bytes, name: file.name });
          this.own.add(digit, folderClass(path) ?? this.className.value);
          added++;
        }
      } catch (e) {
        refused.push(`${file.name}: ${/** @type {Error} */ (e).message.replace(`${file.name}: `, '').replace(`${file.name} `, '')}`);
      }
    }
    await this.changed(added ? t('own.addedPictures', { count: added }) : '');
    if (refused.length) this.notify(() => t('own.refused', { count: refused.length, reasons: refused.join('; ') }), 'error');
  }

  /**
   * After the own set changed: keep it, show it, and give it to the session if it is the set in use.
   * @param {string} [said] what to say in the summary's live region
   */
  async changed(said = '') {
    this.render(said);
    try {
      await store(STORAGE_KEY, this.own.toRecord());
    } catch (e) {
      this.notify(() => t('own.storageFailed', { error: /** @type {Error} */ (e).message }), 'warn');
    }
    if (this.backends.dataSet === 'own' && this.own.length) await this.choose('own');
  }

  /** A notice for a refused addition. @param {unknown} e */
  refused(e) {
    const error = /** @type {Error} */ (e).message;
    this.notify(() => t('own.notAdded', { error }), 'error');
  }

  /** The own set as a digits file, `my-data-set.bin` (the page takes it back). */
  download() {
    saveBlob(new Blob([this.own.toBytes()], { type: 'application/octet-stream' }), 'my-data-set.bin');
  }

  /** The summary and the last images. @param {string} [said] */
  render(said = '') {
    const counts = this.own.counts();
    setText(this.summary, () => {
      const classes = counts.map((c) => `${c.name} (${c.count})`).join(', ');
      const text = this.own.length ? t('own.summary', { count: this.own.length, classes }) : t('own.none');
      return said ? `${said} ${text}` : text;
    });
    const n = Math.min(STRIP, this.own.length);
    this.strip.hidden = n === 0;
    if (n) {
      const pixels = this.own.pixels.subarray((this.own.length - n) * PIXELS);
      drawDigitRows(this.strip, [{ label: t('own.latest'), pixels, bytes: true }], { columns: n, scale: 1.5, minScale: 1, labelWidth: 80 });
    }
    for (const id of ['own-use', 'own-download', 'own-undo', 'own-clear']) {
      /** @type {HTMLButtonElement} */ (this.root.querySelector(`#${id}`)).disabled = this.own.length === 0;
    }
  }
}

/**
 * The files of a drop, folders walked (each file with its path from the folder dropped).
 * @param {DataTransfer} transfer
 * @returns {Promise<{file: File, path: string}[]>}
 */
async function droppedFiles(transfer) {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...transfer.files].map((file) => ({ file, path: '' }));
  /** @type {{file: File, path: string}[]} */
  const found = [];
  /** @param {any} entry */
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      found.push({ file, path: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  for (const e of entries) await walk(e);
  return found;
}
