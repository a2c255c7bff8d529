// Inpainting by energy minimisation: the damaged digit of the denoising lab, restored by
// gradient descent on the latent code and on the hidden pixels, animated, with the energy curve.
import { FigureRow } from './views/figures.js';
import { LineChart } from './views/linechart.js';
import { scores, psnrText } from './evaluation.js';

/** The panels; the one-shot panel's title is the label of the restoration it shows. */
const panels = (oneShot = 'the model\'s output, visible pixels pasted') => [
  { key: 'shown', title: 'damaged input' },
  { key: 'one-shot', title: `${oneShot} (one shot)` },
  { key: 'latent', title: 'energy on the latent z' },
  { key: 'pixels', title: 'energy on the hidden pixels' },
];

export class EnergyLab {
  /** `damaged()` is the denoising lab's last result; `dropout()` its dropout probability. */
  constructor(lab, root, { state, model, damaged, dropout, hideBlock }) {
    this.hideBlock = hideBlock;
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.model = model;
    this.damaged = damaged;
    this.dropout = dropout;
    this.token = 0;
    this.runs = 0;
    this.queue = [];
    const $ = (s) => root.querySelector(s);
    this.$ = $;
    this.panels = new FigureRow($('#energy-outputs'), panels());
    this.chart = new LineChart($('#energy-chart'), { yLabel: 'energy', xLabel: 'iterations', empty: 'press “Minimise the energy”' });
    // The two unknowns' colours, from the stylesheet (the legend under the chart uses them too).
    const colour = (name) => getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();
    this.chart.add('latent', colour('latent'));
    this.chart.add('pixels', colour('pixels'));
    this.chart.draw();
    const iterations = $('#energy-iterations');
    iterations.value = state.iterations;
    iterations.onchange = () => state.set('iterations', iterations.value);
    $('#energy-run').onclick = () => this.run().catch((e) => { $('#energy-status').textContent = e.message; });
    lab.on('energy', (e) => this.frame(e));
  }

  show(key, pixels, text) {
    this.panels.show(key, pixels, text);
  }

  /** A frame from the worker, queued: the descent can run faster than the screen, so the
   * frames are played one per animation frame (a 100-iteration descent on the CPU takes
   * about a tenth of a second; played, about a second). */
  frame(e) {
    if (e.token !== this.token) return;
    this.queue.push(e);
    if (this.queue.length === 1) requestAnimationFrame(() => this.play());
  }

  play() {
    const e = this.queue.shift();
    if (!e) return;
    if (e.token === this.token) this.draw(e);
    if (this.queue.length) requestAnimationFrame(() => this.play());
    else this.drained?.();
  }

  /** Resolves once every queued frame has been drawn. */
  played() {
    return this.queue.length ? new Promise((resolve) => { this.drained = resolve; }) : Promise.resolve();
  }

  draw(e) {
    this.chart.push(e.unknown, e.iteration, e.energy);
    this.chart.draw();
    const s = scores(e.image, this.input.digit);
    this.show(e.unknown, e.image, `it. ${e.iteration} · E ${e.energy.toExponential(2)} · ${psnrText(s.psnr)}`);
    this.frames++;
    this.root.dataset.frames = String(this.frames);
  }

  async run() {
    const $ = this.$;
    let input = this.damaged();
    if (!input) return;
    if (!input.hidden.some((h) => h)) {
      // Nothing hidden yet: the block test's damage, a 10×10 grey patch in the middle.
      await this.hideBlock();
      input = this.damaged();
    }
    // Like with like: the one-shot panel shows the output of the model the descent uses, with
    // the visible pixels pasted, as the denoising lab computed it.
    const model = this.model();
    const oneShot = input.restorations.find((r) => r.key === `${model}-pasted`);
    if (!oneShot) throw new Error(`the denoising lab has no output of the ${model} model with the visible pixels pasted`);
    const token = ++this.token;
    this.queue = [];
    this.input = input;
    this.frames = 0;
    this.root.dataset.running = 'true';
    $('#energy-status').textContent = 'descending…';
    $('#energy-note').textContent = '';
    this.chart.clear('latent');
    this.chart.clear('pixels');
    this.panels.set(panels(oneShot.label));
    const damagedPsnr = scores(input.shown, input.digit).psnr;
    this.show('shown', input.shown, psnrText(damagedPsnr));
    this.show('one-shot', oneShot.pixels, scoreText(oneShot.pixels, input.digit));
    const results = {};
    try {
      for (const unknown of ['latent', 'pixels']) {
        const r = await this.lab.energy({
          model, unknown, shown: input.shown, hidden: input.hidden,
          dropout: this.dropout(), iterations: this.state.iterations, token,
        });
        if (r.stopped || token !== this.token) return;
        results[unknown] = { first: r.first, last: r.last, psnr: scores(r.image, input.digit).psnr, iterations: r.iterations, ms: r.ms };
      }
      await this.played();
      if (token !== this.token) return;
      this.last = { ...results, model, oneShot: oneShot.label, damaged: damagedPsnr };
      this.runs++;
      this.root.dataset.runs = String(this.runs);
      const f = (k) => `${k}: E ${results[k].first.toExponential(2)} → ${results[k].last.toExponential(2)}, ${psnrText(results[k].psnr)}`;
      $('#energy-status').textContent = `${f('latent')}; ${f('pixels')} (damaged input ${psnrText(damagedPsnr)})`;
      // A lower energy is not a better digit: say why when a descent ends below its input.
      const notes = [];
      if (results.latent.psnr < damagedPsnr) {
        notes.push('Moving the code ended further from the clean digit than the damaged input: the energy only asks decode(z) to match the visible pixels, and a code can match them while drawing something else in the hidden ones.');
      }
      if (results.pixels.psnr < damagedPsnr) {
        notes.push('Moving the hidden pixels ended further from the clean digit than the damaged input: an autoencoder reconstructs much more than digits well (at the extreme it learns the identity, the lecture\'s warning), so an image it reproduces well, with a low energy, need not be a digit.');
      }
      $('#energy-note').textContent = notes.join(' ');
    } finally {
      if (token === this.token) this.root.dataset.running = '';
    }
  }
}

const scoreText = (pixels, clean) => psnrText(scores(pixels, clean).psnr);
