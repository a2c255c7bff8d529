// @ts-check
// Figure 13, live: the lecture's autoencoder as the page opens. The input x (a test digit, or
// the student's drawing) goes through W_h to the code h, drawn as d bars the student can drag;
// W_x decodes the code into the output x̂, the model's prediction of its input, and the loss
// ℓ(x, x̂) says how far that prediction is. Every number comes from the model of the table
// chosen here (encode, decode).
import { drawDigit } from '../../views/digits.js';
import { sharpCanvas } from '../../views/canvas.js';
import { scores, psnrText } from '../../evaluation.js';
import { digitUnit } from '../../data.js';
import { Latest } from '../../latest.js';
import { t, setText, formatNumber, modelText, modelOption, onLanguage } from '../../i18n.js';

/** How far one key press moves a bar of the code. */
const KEY_STEP = 0.1;

export class AutoencoderLab {
  /**
   * @param {import('../../labclient.js').Lab} lab
   * @param {HTMLElement} root the #autoencoder section
   * @param {import('../index.js').LabContext} context
   */
  constructor(lab, root, { state, models, test, events }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.models = models;
    this.test = test;
    this.events = events;
    this.index = 0;
    /** @type {Float32Array} the input x, 784 values in [0, 1] */
    this.input = test.pixels.length ? digitUnit(test.pixels, 0) : new Float32Array(784);
    /** @type {Float32Array | null} the code h the encoder gave */
    this.encoded = null;
    /** @type {Float32Array | null} the code shown, as the student moved it */
    this.code = null;
    /** @type {Float32Array | null} the output x̂ of the code shown */
    this.output = null;
    /** the bar the keyboard moves */
    this.bar = 0;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    this.select = /** @type {HTMLSelectElement} */ ($('ae-model'));
    this.bars = /** @type {HTMLCanvasElement} */ ($('ae-code'));
    this.select.onchange = () => { state.set('aeModel', this.select.value); this.encode().catch((e) => this.fail(e)); };
    $('ae-next').onclick = () => {
      this.index = (this.index + 1) % Math.max(1, this.test.labels.length);
      this.input = digitUnit(this.test.pixels, this.index);
      this.encode().catch((e) => this.fail(e));
    };
    $('ae-drawing').onclick = () => {
      events.ask('drawing').then((/** @type {Float32Array | undefined} */ d) => {
        if (!d) return;
        this.input = Float32Array.from(d);
        return this.encode();
      }).catch((e) => this.fail(e));
    };
    $('ae-reset').onclick = () => { if (this.encoded) this.setCode(Float32Array.from(this.encoded)); };
    // The code's bars: drag with a pointer, or pick one with ←/→ and move it with ↑/↓.
    this.decodes = new Latest(() => this.decode());
    let dragging = false;
    const drag = (/** @type {PointerEvent} */ e) => {
      if (!this.code) return;
      const box = this.bars.getBoundingClientRect();
      const i = Math.min(this.code.length - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * this.code.length)));
      const range = this.range();
      const v = range * (1 - (2 * (e.clientY - box.top)) / box.height);
      this.bar = i;
      this.code[i] = Math.max(-range, Math.min(range, v));
      this.changed();
    };
    this.bars.addEventListener('pointerdown', (e) => { dragging = true; this.bars.setPointerCapture(e.pointerId); drag(e); });
    this.bars.addEventListener('pointermove', (e) => { if (dragging) drag(e); });
    this.bars.addEventListener('pointerup', () => { dragging = false; });
    this.bars.addEventListener('keydown', (e) => {
      if (!this.code) return;
      const keys = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, KEY_STEP], ArrowDown: [0, -KEY_STEP] };
      const move = /** @type {Record<string, number[]>} */ (keys)[e.key];
      if (!move) return;
      e.preventDefault();
      this.bar = (this.bar + move[0] + this.code.length) % this.code.length;
      const range = this.range();
      this.code[this.bar] = Math.max(-range, Math.min(range, this.code[this.bar] + move[1]));
      if (move[1]) this.changed();
      else { this.drawBars(); this.describeBar(); }
    });
    this.fillModels();
    onLanguage(() => this.describe());
  }

  /** Hooks (www/hooks.js): the first digit through the model as soon as the lab is made. */
  onStart() {
    return this.encoded ? undefined : this.encode();
  }

  /** A model built or removed: the select again. */
  onTable() {
    this.fillModels();
  }

  /** New weights: the same digit through them. */
  onWeights() {
    return this.encode();
  }

  /** Another data set: its first image. */
  onData() {
    this.index = 0;
    this.input = digitUnit(this.test.pixels, 0);
    return this.encode();
  }

  /** The model shown: the address's, else the table's first. */
  model() {
    const names = this.models.map((m) => m.name);
    return names.includes(String(this.state.aeModel)) ? String(this.state.aeModel) : names[0];
  }

  spec() {
    return this.models.find((m) => m.name === this.model());
  }

  fillModels() {
    this.select.replaceChildren(...this.models.map(modelOption));
    this.select.value = this.model();
  }

  /** The bars' scale: tanh codes lie in [-1, 1]; a linear model's are as large as they come. */
  range() {
    if (this.spec()?.activation !== 'linear' || !this.encoded) return 1;
    return Math.max(1, ...Array.from(this.encoded, Math.abs)) * 1.2;
  }

  /** The input through the encoder: its code, then the decoder's output. */
  async encode() {
    const model = this.model();
    const code = await this.lab.encode({ model, pixels: this.input });
    this.encoded = Float32Array.from(code);
    this.code = Float32Array.from(code);
    this.bar = Math.min(this.bar, this.code.length - 1);
    drawDigit(this.$('ae-input'), this.input);
    // The matrices' shapes depend on the code's size alone: drawn here, not at every decode.
    this.drawWeights();
    const d = this.code.length;
    setText(this.$('ae-wh-shape'), () => t('ae.whShape', { d }));
    setText(this.$('ae-wx-shape'), () => t('ae.wxShape', { d }));
    setText(this.$('ae-code-caption'), () => t('ae.codeCaption', { d }));
    await this.decodes.request();
    this.root.dataset.ready = 'true';
  }

  /** @param {Float32Array} code */
  setCode(code) {
    this.code = code;
    this.changed();
  }

  /** The code moved: bars now, the output once the worker answers (one decode in flight). */
  changed() {
    this.drawBars();
    this.describeBar();
    this.decodes.request().catch((e) => this.fail(e));
  }

  async decode() {
    if (!this.code) return;
    const code = Float32Array.from(this.code);
    this.output = await this.lab.decode({ model: this.model(), codes: code });
    drawDigit(this.$('ae-output'), this.output);
    this.drawBars();
    this.describe();
    this.root.dataset.decoded = String(Number(this.root.dataset.decoded ?? 0) + 1);
  }

  /** The code h as bars around zero, the one the keyboard moves outlined. */
  drawBars() {
    if (!this.code) return;
    const { ctx, w, h } = sharpCanvas(this.bars, 280, 112);
    const range = this.range();
    const n = this.code.length;
    const width = w / n;
    const colour = this.spec()?.colour ?? '#1f77b4';
    ctx.fillStyle = colour;
    for (let i = 0; i < n; i++) {
      const v = this.code[i] / range;
      const y = v >= 0 ? h / 2 - (v * h) / 2 : h / 2;
      ctx.fillRect(i * width + (width > 3 ? 0.5 : 0), y, Math.max(1, width - (width > 3 ? 1 : 0)), Math.abs((v * h) / 2));
    }
    ctx.strokeStyle = '#8a94a6';
    ctx.beginPath();
    ctx.moveTo(0, h / 2);
    ctx.lineTo(w, h / 2);
    ctx.stroke();
    if (document.activeElement === this.bars) {
      ctx.strokeStyle = '#000';
      ctx.strokeRect(this.bar * width, 0, Math.max(2, width), h);
    }
  }

  /** The shapes of W_h and W_x, drawn as boxes of their aspect, with their sizes. */
  drawWeights() {
    const d = this.code?.length ?? 0;
    for (const [id, rows, columns] of /** @type {[string, number, number][]} */ ([['ae-wh', d, 784], ['ae-wx', 784, d]])) {
      const canvas = /** @type {HTMLCanvasElement} */ (this.$(id));
      const { ctx, w, h } = sharpCanvas(canvas, 72, 112);
      // The box's height against its width as rows against columns, squeezed to fit: what the
      // student sees is which side is long.
      const ratio = Math.min(4, Math.max(0.25, rows / columns));
      const bw = ratio >= 1 ? Math.max(8, w / ratio) : w;
      const bh = ratio >= 1 ? h : Math.max(8, h * ratio);
      ctx.fillStyle = '#e9edf5';
      ctx.strokeStyle = '#5b6577';
      ctx.fillRect((w - bw) / 2, (h - bh) / 2, bw, bh);
      ctx.strokeRect((w - bw) / 2 + 0.5, (h - bh) / 2 + 0.5, bw - 1, bh - 1);
    }
  }

  /** Announces the bar the keyboard moved, for a screen reader. */
  describeBar() {
    if (!this.code) return;
    const i = this.bar;
    const value = this.code[i];
    setText(this.$('ae-bar'), () => t('ae.bar', { unit: i + 1, units: this.code?.length ?? 0, value: formatNumber(value, 2) }));
  }

  /** The loss, in words. */
  describe() {
    const spec = this.spec();
    if (!this.code || !this.output || !spec) return;
    const d = this.code.length;
    const s = scores(this.output, this.input);
    const moved = this.encoded ? this.code.some((v, i) => v !== this.encoded?.[i]) : false;
    setText(this.$('ae-loss'), () => t(moved ? 'ae.lossMoved' : 'ae.loss', {
      model: modelText(spec, 'label'), d, mse: formatNumber(s.mse, 4), psnr: psnrText(s.psnr),
    }));
  }

  /** @param {unknown} e */
  fail(e) {
    setText(this.$('ae-loss'), () => t('ae.failed', { error: /** @type {Error} */ (e).message }));
  }
}
