// Inpainting by energy minimisation: the damaged digit of the denoising lab, restored by
// gradient descent on the latent code and on the hidden pixels, animated, with the energy curve.
import { drawDigit } from './views/digits.js';
import { LineChart } from './views/linechart.js';
import { scores, psnrText } from './evaluation.js';

const PANELS = [
  ['damaged input', 'shown'],
  ['denoising AE, visible pixels pasted (one shot)', 'dae'],
  ['energy on the latent z', 'latent'],
  ['energy on the hidden pixels', 'pixels'],
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
    this.panels = $('#energy-outputs');
    this.panels.innerHTML = PANELS.map(([title, key]) => `<figure data-panel="${key}"><canvas width="112" height="112"></canvas><figcaption>${title}<br><span class="score">–</span></figcaption></figure>`).join('');
    this.chart = new LineChart($('#energy-chart'), { yLabel: 'energy', xLabel: 'iterations', empty: 'press “Minimise the energy”' });
    this.chart.add('latent', getComputedStyle(document.documentElement).getPropertyValue('--std').trim() || '#1f6fd1');
    this.chart.add('pixels', getComputedStyle(document.documentElement).getPropertyValue('--den').trim() || '#d9661f');
    this.chart.draw();
    const iterations = $('#energy-iterations');
    iterations.value = state.iterations;
    iterations.onchange = () => state.set('iterations', iterations.value);
    $('#energy-run').onclick = () => this.run().catch((e) => { $('#energy-status').textContent = e.message; });
    lab.on('energy', (e) => this.frame(e));
  }

  panel(key) {
    return this.panels.querySelector(`[data-panel="${key}"]`);
  }

  show(key, pixels, text) {
    const figure = this.panel(key);
    drawDigit(figure.querySelector('canvas'), pixels);
    figure.querySelector('.score').textContent = text;
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
    const token = ++this.token;
    this.queue = [];
    this.input = input;
    this.frames = 0;
    this.root.dataset.running = 'true';
    $('#energy-status').textContent = 'descending…';
    this.chart.clear('latent');
    this.chart.clear('pixels');
    this.show('shown', input.shown, scoreText(input.shown, input.digit));
    const dae = input.outputs.subarray(2 * 784, 3 * 784);
    this.show('dae', dae, scoreText(dae, input.digit));
    const results = {};
    try {
      for (const unknown of ['latent', 'pixels']) {
        const r = await this.lab.call('energy', {
          model: this.model(), unknown, shown: input.shown, hidden: input.hidden,
          dropout: this.dropout(), iterations: this.state.iterations, token,
        });
        if (r.stopped || token !== this.token) return;
        results[unknown] = { first: r.first, last: r.last, psnr: scores(r.image, input.digit).psnr, iterations: r.iterations, ms: r.ms };
      }
      await this.played();
      if (token !== this.token) return;
      this.last = results;
      this.runs++;
      this.root.dataset.runs = String(this.runs);
      const f = (k) => `${k}: E ${results[k].first.toExponential(2)} → ${results[k].last.toExponential(2)}, ${psnrText(results[k].psnr)}`;
      $('#energy-status').textContent = `${f('latent')}; ${f('pixels')}`;
    } finally {
      if (token === this.token) this.root.dataset.running = '';
    }
  }
}

const scoreText = (pixels, clean) => psnrText(scores(pixels, clean).psnr);
