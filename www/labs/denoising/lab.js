// The denoising lab: draw (or load) a digit, damage it, and compare, live, what the standard
// and denoising autoencoders and classical inpainting (Telea, Navier–Stokes) make of it.
import { Sketchpad } from '../../views/sketchpad.js';
import { DamagePad } from '../../views/damagepad.js';
import { drawDigit } from '../../views/digits.js';
import { FigureRow } from '../../views/figures.js';
import { scores, psnrText } from '../../evaluation.js';
import { Emitter } from '../../emitter.js';
import { Latest } from '../../latest.js';
import { restorationText, INPAINT_RADIUS } from '../../views/restoration.js';
import { t, formatNumber, modelText, onLanguage, resolve, setText } from '../../i18n.js';
import { restorationVerdict } from '../../verdicts.js';

/** @typedef {import('../../hooks.js').DenoiseResult} DenoiseResult */

/** @typedef {'pen' | 'eraser' | 'mask' | 'unmask' | 'patch'} Tool the drawing pad's tools and the damage pad's */

export class DenoisingLab extends Emitter {
  /**
   * Emits 'result' with `last` after each run. `state` holds the dropout (labDropout), the
   * Gaussian σ (sigma) and the patch size (patch), so they live in the address; `models` is
   * the table (shared, changed in place), for the panels' titles.
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the #denoising-lab section
   * @param {{state: import('../../state.js').PageState, models: import('../../protocol.js').ModelSpec[], events?: import('../../hooks.js').Bus}} deps
   *   `events`: the page's named events: this lab hears 'pick' (a digit to load), emits
   *   'denoised' after each run, and answers 'drawing' (`currentDigit`) and 'hide-block'
   */
  constructor(lab, root, { state, models, events }) {
    super(['result']);
    this.events = events;
    events?.on('pick', (pixels) => this.load(pixels));
    events?.answer('drawing', () => this.currentDigit());
    events?.answer('hide-block', (size) => this.hideBlock(size));
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.models = models;
    this.seed = 1;
    this.runs = 0;
    /** @type {DenoiseResult | null} */
    this.last = null;
    // One run at a time; changes made meanwhile merge into one more run with the newest drawing.
    this.latest = new Latest(() => this.run(), { busy: (busy) => { this.root.dataset.busy = busy ? 'true' : ''; } });
    // The section's own elements: always there.
    const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (root.querySelector(sel));
    this.sketch = new Sketchpad(/** @type {HTMLCanvasElement} */ ($('#sketch')), { onChange: () => this.schedule(), onDescribe: () => this.describeSketch() });
    this.damage = new DamagePad(/** @type {HTMLCanvasElement} */ ($('#damage')), { onChange: () => this.schedule() });
    this.clean = /** @type {HTMLCanvasElement} */ ($('#model-sees'));
    // The damaged input, then the restorations the denoise record marks primary, in its order
    // and with its labels (built at the first run, rebuilt only if they change).
    this.panels = new FigureRow($('#lab-outputs'));
    /** @type {[Tool, string][]} each tool and its key */
    const tools = [['pen', 'P'], ['eraser', 'E'], ['mask', 'M'], ['unmask', 'U'], ['patch', 'G']];
    for (const [tool] of tools) $(`[data-tool="${tool}"]`).onclick = () => this.setTool(tool);
    $('#sketch-clear').onclick = () => this.sketch.clear();
    $('#sketch-undo').onclick = () => this.sketch.undo();
    $('#sketch-redo').onclick = () => this.sketch.redo();
    $('#damage-clear').onclick = () => this.damage.clearDamage();
    $('#resample').onclick = () => { this.seed++; this.schedule(); };
    this.dropout = /** @type {HTMLInputElement} */ ($('#lab-dropout'));
    this.sigma = /** @type {HTMLInputElement} */ ($('#lab-sigma'));
    this.patchSize = /** @type {HTMLInputElement} */ ($('#patch-size'));
    this.dropout.value = String(state.labDropout);
    this.sigma.value = String(state.sigma);
    this.patchSize.value = String(state.patch);
    this.damage.patchSize = Number(state.patch);
    this.dropout.oninput = () => { state.set('labDropout', this.dropout.value); this.showValues(); this.schedule(); };
    this.sigma.oninput = () => { state.set('sigma', this.sigma.value); this.showValues(); this.schedule(); };
    this.patchSize.oninput = () => this.setPatchSize(this.patchSize.value);
    this.showValues();
    onLanguage(() => this.showValues());
    document.addEventListener('keydown', (e) => this.key(e, tools));
    this.setTool('pen');
  }

  /** The drawing in words, for a screen reader (what the pad holds, where the cursor is). */
  describeSketch() {
    const d = this.sketch.describe();
    const cursor = t(d.penDown ? 'denoise.cursorDown' : 'denoise.cursorUp', { row: d.cursor.row, column: d.cursor.column });
    const ink = d.box
      ? t('denoise.sketchInk', { ink: formatNumber(100 * d.ink, 0), top: d.box.top, bottom: d.box.bottom, left: d.box.left, right: d.box.right })
      : t('denoise.sketchBlank');
    /** @type {HTMLElement} */ (this.root.querySelector('#sketch-description')).textContent = `${cursor} ${ink}`;
  }

  showValues() {
    /** @type {HTMLElement} */ (this.root.querySelector('#lab-dropout-value')).textContent = formatNumber(Number(this.dropout.value), 2);
    /** @type {HTMLElement} */ (this.root.querySelector('#lab-sigma-value')).textContent = formatNumber(Number(this.sigma.value), 2);
    /** @type {HTMLElement} */ (this.root.querySelector('#patch-size-value')).textContent = `${this.patchSize.value}×${this.patchSize.value}`;
  }

  /** @param {KeyboardEvent} e @param {[Tool, string][]} tools */
  key(e, tools) {
    if (/** @type {Element} */ (e.target).closest('input, select, textarea')) return;
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && k === 'z') { e.preventDefault(); e.shiftKey ? this.sketch.redo() : this.sketch.undo(); return; }
    if ((e.ctrlKey || e.metaKey) && k === 'y') { e.preventDefault(); this.sketch.redo(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tool = tools.find(([, key]) => key.toLowerCase() === k);
    if (tool) this.setTool(tool[0]);
    if (k === 'c') this.sketch.clear();
  }

  /** @param {Tool} tool */
  setTool(tool) {
    if (tool === 'pen' || tool === 'eraser') this.sketch.tool = tool;
    else this.damage.tool = tool;
    for (const b of /** @type {NodeListOf<HTMLElement>} */ (this.root.querySelectorAll('[data-tool]'))) {
      const t = b.dataset.tool;
      b.classList.toggle('active', t === this.sketch.tool || t === this.damage.tool);
    }
  }

  /**
   * Loads a 28 × 28 digit (784 values in [0, 1]) into the drawing canvas.
   * @param {ArrayLike<number>} pixels
   */
  load(pixels) {
    this.sketch.load(pixels);
  }

  /**
   * Sets the grey patch's size (in the address too) and runs again.
   * @param {string | number} size
   */
  setPatchSize(size) {
    const used = /** @type {number} */ (this.state.set('patch', size)); // 'patch' is a number setting
    this.patchSize.value = String(used);
    this.damage.patchSize = used;
    this.showValues();
    this.schedule();
    return used;
  }

  /** Hides a `size × size` grey patch in the middle of the digit; resolves after the run. */
  hideBlock(size = 10) {
    const used = /** @type {number} */ (this.state.set('patch', size)); // 'patch' is a number setting
    const at = Math.floor((28 - used) / 2);
    this.damage.patch = { x: at, y: at };
    this.setPatchSize(used); // schedules a run: the lab is busy until it ends
    return this.settled();
  }

  /**
   * The drawing on the pad made MNIST-like (784 values in [0, 1]), once the lab has run on it:
   * a run in flight or queued (the student drew, cleared or undid a moment ago) is waited for,
   * so what is taken is what the pad shows, not the result of an earlier drawing.
   * @returns {Promise<Float32Array | undefined>}
   */
  async currentDigit() {
    await this.settled();
    return this.last?.digit;
  }

  /** Hooks (www/hooks.js): the page is up, the first digit's restorations shown. */
  onStart() {
    return this.settled();
  }

  /** Resolves once the lab has run at least once and has nothing in flight. */
  async settled() {
    if (!this.runs && !this.latest.busy) this.schedule();
    await this.latest.idle();
  }

  /**
   * The scores in words for a screen reader, once the drawing has stayed still for 1.5 s (a
   * stroke changes them many times a second).
   * @param {[string, number][]} psnrs panel titles and PSNRs
   */
  announceScores(psnrs) {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const live = this.root.querySelector('#lab-announce');
      if (live) live.textContent = psnrs.length ? t('denoise.announce', { scores: psnrs.map(([title, p]) => `${title} ${psnrText(p)}`).join('; ') }) : '';
    }, 1500);
  }

  /**
   * Says which restoration wins on this damage, ranked, and which do worse than the damage
   * (www/verdicts.js chooses the sentence from the scores).
   * @param {ReturnType<typeof restorationVerdict>} verdict
   * @param {{key: string, title: () => string}[]} panels
   * @param {number} input the damaged input's PSNR
   */
  say(verdict, panels, input) {
    const out = this.root.querySelector('#lab-verdict');
    if (!out) return;
    if (!verdict) { out.textContent = ''; return; }
    const name = (/** @type {string} */ key) => resolve(/** @type {{title: () => string}} */ (panels.find((p) => p.key === key)).title);
    const list = (/** @type {import('../../verdicts.js').Scored[]} */ xs) => xs.map((o) => `${name(o.key)} ${psnrText(o.psnr)}`).join(', ');
    setText(/** @type {HTMLElement} */ (out), () => [
      t(verdict.key, { ranking: list(verdict.ranked) }),
      verdict.worse.length ? t('denoise.verdict.worse', { input: psnrText(input), outputs: list(verdict.worse) }) : '',
    ].filter(Boolean).join(' '));
    /** @type {HTMLElement} */ (out).dataset.verdict = verdict.key;
  }

  /** Hook (www/hooks.js): a model built or removed, so the restorations change. */
  onTable() {
    this.schedule();
  }

  /**
   * Hook: a new session (another backend, a restarted worker): the restorations again, from its
   * models (a run the old worker's end cut short leaves no error behind).
   */
  onSession() {
    this.schedule();
    return Promise.resolve();
  }

  /** Runs the lab now, or right after the run in flight (the newest drawing wins). */
  schedule() {
    this.latest.request().catch((e) => { /** @type {HTMLElement} */ (this.root.querySelector('#lab-error')).textContent = e.message; });
  }

  async run() {
    const { pixels, width, height } = this.sketch.pixels(2);
    const dropout = Number(this.state.labDropout);
    const sigma = Number(this.state.sigma);
    const r = await this.lab.denoise({
      drawing: pixels, width, height,
      hidden: this.damage.handHidden(),
      dropout, sigma,
      seed: this.seed,
      radius: INPAINT_RADIUS,
    });
    /** @type {HTMLElement} */ (this.root.querySelector('#lab-error')).textContent = '';
    drawDigit(this.clean, r.digit);
    this.damage.draw(r.shown, r.hidden);
    // The scores are keyed by the record's labels (in English), whatever the page's language.
    const panels = [
      { key: 'shown', label: t('denoise.damagedInput', {}, 'en'), title: () => t('denoise.damagedInput'), pixels: r.shown },
      ...r.restorations.filter((x) => x.primary).map((x) => ({ key: x.key, label: x.label, title: () => restorationText(x, this.models), pixels: x.pixels })),
    ];
    this.panels.set(panels);
    const blank = r.digit.every((v) => v === 0);
    /** @type {Record<string, {mse: number, psnr: number}>} each panel's scores, by its English label */
    const results = {};
    /** @type {[string, number][]} each panel's title and PSNR, for the announcement */
    const psnrs = [];
    for (const { key, label, title, pixels } of panels) {
      const s = scores(pixels, r.digit);
      results[label] = s;
      psnrs.push([resolve(title), s.psnr]);
      const figure = this.panels.show(key, pixels, blank ? () => t('denoise.drawADigit') : () => `MSE [0,1] ${formatNumber(s.mse, 4)} · ${psnrText(s.psnr)}`);
      figure.dataset.psnr = String(s.psnr);
    }
    const input = results[t('denoise.damagedInput', {}, 'en')].psnr;
    const outputs = r.restorations.filter((x) => x.primary).map((x) => ({ key: x.key, psnr: results[x.label].psnr, classical: !x.model }));
    this.say(blank ? null : restorationVerdict(input, outputs), panels, input);
    this.last = { ...r, dropout, sigma, scores: results };
    this.announceScores(blank ? [] : psnrs);
    this.runs++;
    this.root.dataset.runs = String(this.runs);
    this.emit('result', this.last);
    this.events?.emit('denoised', this.last);
  }
}
