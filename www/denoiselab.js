// The denoising lab: draw (or load) a digit, damage it, and compare, live, what the standard
// and denoising autoencoders and classical inpainting (Telea, Navier–Stokes) make of it.
import { Sketchpad } from './views/sketchpad.js';
import { DamagePad } from './views/damagepad.js';
import { drawDigit } from './views/digits.js';
import { scores, psnrText } from './evaluation.js';

const OUTPUTS = [
  ['damaged input', 'shown'],
  ['standard AE (d=30)', 0],
  ['denoising AE (d=500)', 1],
  ['denoising AE, visible pixels pasted', 2],
  ['Telea (radius 3)', 3],
  ['Navier–Stokes (radius 3)', 4],
];

export class DenoisingLab {
  constructor(lab, root, { onResult = () => {} } = {}) {
    this.onResult = onResult;
    this.lab = lab;
    this.root = root;
    this.seed = 1;
    this.busy = false;
    this.dirty = false;
    this.runs = 0;
    this.last = null;
    const $ = (sel) => root.querySelector(sel);
    this.sketch = new Sketchpad($('#sketch'), { onChange: () => this.schedule() });
    this.damage = new DamagePad($('#damage'), { onChange: () => this.schedule() });
    this.clean = $('#model-sees');
    this.panels = $('#lab-outputs');
    this.panels.innerHTML = OUTPUTS.map(([title], i) => `<figure data-panel="${i}"><canvas width="112" height="112"></canvas><figcaption>${title}<br><span class="score">–</span></figcaption></figure>`).join('');
    const tools = [['pen', 'P'], ['eraser', 'E'], ['mask', 'M'], ['unmask', 'U'], ['patch', 'G']];
    for (const [tool] of tools) $(`[data-tool="${tool}"]`).onclick = () => this.setTool(tool);
    $('#sketch-clear').onclick = () => this.sketch.clear();
    $('#sketch-undo').onclick = () => this.sketch.undo();
    $('#sketch-redo').onclick = () => this.sketch.redo();
    $('#damage-clear').onclick = () => this.damage.clearDamage();
    $('#resample').onclick = () => { this.seed++; this.schedule(); };
    this.dropout = $('#lab-dropout');
    this.sigma = $('#lab-sigma');
    this.patchSize = $('#patch-size');
    this.dropout.oninput = this.sigma.oninput = () => { this.showValues(); this.schedule(); };
    this.patchSize.oninput = () => { this.damage.patchSize = Number(this.patchSize.value); this.showValues(); this.schedule(); };
    this.showValues();
    document.addEventListener('keydown', (e) => this.key(e, tools));
    this.setTool('pen');
  }

  showValues() {
    this.root.querySelector('#lab-dropout-value').textContent = Number(this.dropout.value).toFixed(2);
    this.root.querySelector('#lab-sigma-value').textContent = Number(this.sigma.value).toFixed(2);
    this.root.querySelector('#patch-size-value').textContent = `${this.patchSize.value}×${this.patchSize.value}`;
  }

  key(e, tools) {
    if (e.target.closest('input, select, textarea')) return;
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && k === 'z') { e.preventDefault(); e.shiftKey ? this.sketch.redo() : this.sketch.undo(); return; }
    if ((e.ctrlKey || e.metaKey) && k === 'y') { e.preventDefault(); this.sketch.redo(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tool = tools.find(([, key]) => key.toLowerCase() === k);
    if (tool) this.setTool(tool[0]);
    if (k === 'c') this.sketch.clear();
  }

  setTool(tool) {
    if (tool === 'pen' || tool === 'eraser') this.sketch.tool = tool;
    else this.damage.tool = tool;
    for (const b of this.root.querySelectorAll('[data-tool]')) {
      const t = b.dataset.tool;
      b.classList.toggle('active', t === this.sketch.tool || t === this.damage.tool);
    }
  }

  /** Loads a 28 × 28 digit (784 values in [0, 1]) into the drawing canvas. */
  load(pixels) {
    this.sketch.load(pixels);
  }

  /** Hides a `size × size` grey patch in the middle of the digit; resolves after the run. */
  hideBlock(size = 10) {
    this.patchSize.value = String(size);
    this.damage.patchSize = size;
    const at = Math.floor((28 - size) / 2);
    this.damage.patch = { x: at, y: at };
    this.showValues();
    this.damage.onChange(); // schedules a run: the lab is busy until it ends
    return this.settled();
  }

  /** Resolves once the lab has run at least once and has nothing in flight. */
  settled() {
    if (this.runs > 0 && !this.busy && !this.dirty) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.onResult;
      this.onResult = (last) => {
        previous(last);
        if (!this.dirty) {
          this.onResult = previous;
          resolve();
        }
      };
    });
  }

  /** Runs the lab now, or right after the run in flight (the newest drawing wins). */
  schedule() {
    if (this.busy) {
      this.dirty = true;
      return;
    }
    this.busy = true;
    this.root.dataset.busy = 'true';
    this.dirty = false;
    this.run()
      .catch((e) => { this.root.querySelector('#lab-error').textContent = e.message; })
      .finally(() => {
        this.busy = false;
        this.root.dataset.busy = '';
        if (this.dirty) this.schedule();
      });
  }

  async run() {
    const { pixels, width, height } = this.sketch.pixels(2);
    const r = await this.lab.call('denoise', {
      drawing: pixels, width, height,
      hidden: this.damage.handHidden(),
      dropout: Number(this.dropout.value),
      sigma: Number(this.sigma.value),
      seed: this.seed,
    });
    this.root.querySelector('#lab-error').textContent = '';
    drawDigit(this.clean, r.digit);
    this.damage.draw(r.shown, r.hidden);
    const figures = this.panels.querySelectorAll('figure');
    const blank = r.digit.every((v) => v === 0);
    const results = {};
    OUTPUTS.forEach(([title, source], i) => {
      const out = source === 'shown' ? r.shown : r.outputs.subarray(source * 784, (source + 1) * 784);
      drawDigit(figures[i].querySelector('canvas'), out);
      const s = scores(out, r.digit);
      results[title] = s;
      figures[i].querySelector('.score').textContent = blank ? 'draw a digit' : `MSE ${s.mse.toFixed(4)} · ${psnrText(s.psnr)}`;
      figures[i].dataset.psnr = String(s.psnr);
    });
    this.last = { ...r, scores: results };
    this.runs++;
    this.root.dataset.runs = String(this.runs);
    this.onResult(this.last);
  }
}
