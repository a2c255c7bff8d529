// @ts-check
// The model builder (the lecture's figure 13 and its parts): a recipe from the controls,
// built in Rust and added to the table; every model side by side (test PSNR, the encoder's
// Jacobian, BCE above its floor); and the kernels of one model, redrawn while it trains.
import { Latest } from '../../latest.js';
import { OnScreen } from '../../onscreen.js';
import { drawKernels, diverging, tileAt } from '../../views/kernels.js';
import { drawColourBar } from '../../views/colourbar.js';
import { drawSweep } from '../../views/sweepchart.js';
import { scores } from '../../evaluation.js';
import { EQUATIONS } from '../../equations.js';
import { sweepKnee, pcaVerdict } from '../../verdicts.js';
import { stepsPerEpoch, PIXELS } from '../../protocol.js';
import { t, setText, formatNumber, formatCount, modelText, modelOption, onLanguage, readDecimal, writeDecimal } from '../../i18n.js';

/** The lecture's experiments, as settings of the builder. */
const PRESETS = {
  pca: { buildLatent: '30', buildActivation: 'linear', buildTied: 'yes', buildScale: 'symmetric', buildLoss: 'mse', buildCorruption: 'none', buildLambda: 0, buildDigits: 'all' },
  collapse: { buildLatent: '30', buildActivation: 'tanh', buildTied: 'yes', buildScale: 'symmetric', buildLoss: 'mse', buildCorruption: 'none', buildLambda: 0, buildDigits: 'all' },
  bce: { buildLatent: '30', buildActivation: 'tanh', buildTied: 'no', buildScale: 'unit', buildLoss: 'bce', buildCorruption: 'none', buildLambda: 0, buildDigits: 'all' },
  contractive: { buildLatent: '100', buildActivation: 'tanh', buildTied: 'no', buildScale: 'symmetric', buildLoss: 'mse', buildCorruption: 'none', buildLambda: 0.001, buildDigits: 'all' },
  memorise: { buildLatent: '1000', buildActivation: 'tanh', buildTied: 'no', buildScale: 'symmetric', buildLoss: 'mse', buildCorruption: 'none', buildLambda: 0, buildDigits: '32' },
};

/** The Fashion-MNIST series and the digits series of the capacity sweep. */
const SWEEP_COLOURS = { digits: '#0072b2', fashion: '#be5400' };

/**
 * @typedef {import('../../protocol.js').ModelSpec} ModelSpec
 * @typedef {import('../../protocol.js').Recipe} Recipe
 * @typedef {import('../../protocol.js').Evaluation} Evaluation
 * @typedef {import('../../protocol.js').Kernels} Kernels
 */

/** Where in the lecture each equation is (its title), in the page's language. */
const equationPlaces = () => ({
  encoder: t('equation.encoder'), decoder: t('equation.decoder'), tied: t('equation.tied'), mseSample: t('equation.losses'),
  mseMean: t('equation.mseLoss'), bce: t('equation.losses'), entropy: t('equation.entropy'), contractive: t('equation.contractive'),
  denoising: t('equation.denoising'), travel: t('equation.travel'), jacobian: t('equation.jacobian'), overlap: t('equation.overlap'),
});

/** Renders the equations of the page (`<span data-equation="key">`) as MathML. */
export function renderEquations(root = document) {
  for (const el of root.querySelectorAll('[data-equation]')) {
    const key = /** @type {keyof typeof EQUATIONS} */ (/** @type {HTMLElement} */ (el).dataset.equation);
    const eq = EQUATIONS[key];
    if (!eq) continue;
    el.innerHTML = eq.mathml;
    setText(/** @type {HTMLElement} */ (el), () => t('equation.title', { where: equationPlaces()[key] ?? eq.where }), 'title');
  }
}

/** A model's parts in a few words, in the page's language. @param {ModelSpec} m */
export function partsOf(m) {
  const c = m.corruption;
  return [
    m.activation === 'linear' ? t('builder.part.linear') : m.activation, m.tied ? t('builder.part.tied') : '',
    m.scale === 'unit' ? '[0, 1]' : '[-1, 1]', m.loss.toUpperCase(),
    c.kind === 'dropout' ? `dropout ${formatNumber(c.p)}` : c.kind === 'gaussian' ? `σ ${formatNumber(c.sigma)}` : '',
    m.contractive > 0 ? `λ ${formatNumber(m.contractive)}` : '',
  ].filter(Boolean).join(', ');
}

/**
 * Why the kernels of `spec` look as they do on the pixels the digits almost never ink, given
 * their spread there as a percentage of the spread at initialisation.
 * @param {ModelSpec | undefined} spec @param {number} ratio
 */
export function kernelReason(spec, ratio) {
  if (ratio > 90) return t('kernels.reason.random');
  if (spec && spec.corruption.kind !== 'none') return t('kernels.reason.corruption');
  if (spec?.tied) return t('kernels.reason.tied');
  if (spec && spec.contractive > 0) return t('kernels.reason.contractive');
  return t('kernels.reason.other');
}

export class ModelBuilder {
  /**
   * @param {import('../../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the #builder section
   * @param {object} deps
   * @param {import('../../state.js').PageState} deps.state
   * @param {import('../../parts/backendswitch.js').BackendSwitch} deps.backends the table's owner
   * @param {() => import('../../parts/training.js').TrainingPanel | undefined} deps.training
   * @param {{hiddenSizes: number[]}} deps.options what Rust's builder offers
   */
  constructor(lab, root, { state, backends, training, options }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.backends = backends;
    this.training = training;
    /** @type {Record<string, Evaluation>} */
    this.scores = {};
    /** @type {Record<string, number>} the model's steps when it was scored */
    this.scoredAt = {};
    /** @type {Kernels | null} */
    this.kernels = null;
    /** @type {import('../../protocol.js').Ink | null} */
    this.ink = null;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    renderEquations(document);
    state.allow('buildLatent', options.hiddenSizes.map(String));
    $('build-latent').replaceChildren(...options.hiddenSizes.map((d) => new Option(String(d), String(d))));
    // Each control mirrors one setting of the address.
    /** @type {(() => void)[]} */
    this.syncs = [];
    /** @typedef {HTMLInputElement | HTMLSelectElement} Control */
    // The decimal fields show and take the page's decimal separator (i18n.js).
    const decimal = { read: (/** @type {Control} */ el) => readDecimal(/** @type {HTMLInputElement} */ (el)), write: (/** @type {Control} */ el, /** @type {string | number} */ v) => writeDecimal(/** @type {HTMLInputElement} */ (el), v) };
    /**
     * @param {string} id the control's id
     * @param {keyof import('../../state.js').Settings} key the setting it mirrors
     * @param {{read?: (el: Control) => string, write?: (el: Control, v: string | number) => void}} [how] how the control shows the setting (its value by default)
     */
    const bind = (id, key, { read = (el) => el.value, write = (el, v) => { el.value = String(v); } } = {}) => {
      const el = $(id);
      const sync = () => write(el, state[key]);
      sync();
      this.syncs.push(sync);
      el.onchange = () => { write(el, state.set(key, read(el))); this.summarise(); };
    };
    bind('build-latent', 'buildLatent');
    bind('build-activation', 'buildActivation');
    bind('build-tied', 'buildTied', { read: (el) => (/** @type {HTMLInputElement} */ (el).checked ? 'yes' : 'no'), write: (el, v) => { /** @type {HTMLInputElement} */ (el).checked = v === 'yes'; } }); // a checkbox
    bind('build-scale', 'buildScale');
    bind('build-loss', 'buildLoss');
    bind('build-corruption', 'buildCorruption');
    bind('build-amount', 'buildAmount', decimal);
    bind('build-lambda', 'buildLambda', decimal);
    bind('build-digits', 'buildDigits');
    bind('sweep-steps', 'sweepSteps');
    for (const button of root.querySelectorAll('[data-preset]')) {
      /** @type {HTMLButtonElement} */ (button).onclick = () => this.preset(/** @type {keyof typeof PRESETS} */ (/** @type {HTMLElement} */ (button).dataset.preset));
    }
    /** whether the name field still holds a name made from the parts (it follows them) */
    this.autoName = true;
    $('build-name').value = this.freeName();
    $('build-name').addEventListener('input', () => { this.autoName = false; });
    $('sweep').onclick = () => this.sweep().catch((e) => this.fail(e));
    $('pca').onclick = () => this.comparePca().catch((e) => { setText(this.$('pca-result'), e.message); });
    /** @type {{digits: [number, number][], fashion: [number, number][]}} */
    this.sweepResult = { digits: [], fashion: [] };
    this.hiddenSizes = options.hiddenSizes;
    this.drawSweep();
    $('build').onclick = () => this.build(false).catch(() => {});
    $('build-train').onclick = () => this.build(true).catch(() => {});
    const select = $('kernel-model');
    select.onchange = () => { state.set('kernels', select.value); this.showKernels().catch((e) => this.fail(e)); };
    this.kernelRuns = new Latest(() => this.drawKernels());
    // The table's scores and the kernels are computed while the builder is on screen (or about
    // to be): off screen, what changed is remembered and computed when the student comes.
    this.screen = new OnScreen(root);
    /** whether every model must be scored again at the next refresh (new weights, another session) */
    this.staleAll = false;
    // A training run scores its model on the same 1,000 test digits: take that score.
    lab.on('test', (/** @type {import('../../protocol.js').TestEvent} */ e) => {
      this.scores[e.model] = e.evaluation;
      this.scoredAt[e.model] = e.steps;
      this.drawTable();
    });
    lab.on('progress', (/** @type {{model: string}} */ e) => {
      if (e.model !== this.kernelModel()) return;
      const redraw = () => { this.kernelRuns.request().catch((err) => this.fail(err)); };
      if (this.screen.near) redraw();
      else this.screen.later('kernels', redraw);
    });
    backends.on('models', () => { this.modelsChanged(); });
    this.modelsChanged();
    this.summarise();
    onLanguage(() => { this.syncs.forEach((sync) => sync()); this.summarise(); this.drawTable(); this.drawSweep(); });
  }

  /** The models of the table (one array, shared with every part). */
  get models() {
    return this.backends.models;
  }

  /** The recipe the controls describe. @returns {Recipe} */
  recipe() {
    const s = this.state;
    const amount = Number(s.buildAmount);
    /** @type {import('../../protocol.js').Corruption} */
    const corruption = s.buildCorruption === 'dropout' ? { kind: 'dropout', p: amount }
      : s.buildCorruption === 'gaussian' ? { kind: 'gaussian', sigma: amount } : { kind: 'none' };
    return {
      name: String(this.$('build-name').value).trim(),
      latent: Number(s.buildLatent),
      activation: /** @type {'tanh' | 'linear'} */ (s.buildActivation),
      tied: s.buildTied === 'yes',
      scale: /** @type {'symmetric' | 'unit'} */ (s.buildScale),
      loss: /** @type {'mse' | 'bce'} */ (s.buildLoss),
      corruption,
      contractive: Number(s.buildLambda),
      trainingDigits: s.buildDigits === 'all' ? null : Number(s.buildDigits),
    };
  }

  /**
   * Sets the controls to one of the lecture's experiments.
   * @param {keyof typeof PRESETS} name
   */
  preset(name) {
    for (const [key, value] of Object.entries(PRESETS[name])) this.state.set(key, value);
    this.syncs.forEach((sync) => sync());
    this.autoName = true;
    this.summarise();
  }

  /** A name not in the table yet, from the controls' parts. */
  freeName() {
    const s = this.state;
    const parts = [s.buildActivation, s.buildTied === 'yes' ? 'tied' : '', s.buildScale === 'unit' ? 'unit' : '', s.buildLoss === 'bce' ? 'bce' : '',
      Number(s.buildLambda) > 0 ? 'cae' : '', s.buildCorruption !== 'none' ? s.buildCorruption : '', s.buildDigits !== 'all' ? `n${s.buildDigits}` : '', String(s.buildLatent)];
    const stem = parts.filter(Boolean).join('-');
    for (let i = 1; ; i++) {
      const name = i === 1 ? stem : `${stem}-${i}`;
      if (!this.models.some((m) => m.name === name)) return name;
    }
  }

  /** The line beside the buttons: what Build would make. */
  summarise() {
    const r = this.recipe();
    const notes = [];
    if (r.loss === 'bce' && r.scale !== 'unit') notes.push(t('builder.note.bce'));
    if (r.tied && r.activation === 'tanh' && r.scale === 'symmetric') notes.push(t('builder.note.collapse'));
    if (r.latent >= 784 && r.corruption.kind === 'none' && r.contractive === 0) notes.push(t('builder.note.copying'));
    if (r.trainingDigits) notes.push(t('builder.note.digits', { digits: r.trainingDigits }));
    this.$('build-summary').textContent = `784 → ${r.latent} → 784${notes.length ? ` — ${notes.join('; ')}` : ''}`;
    if (this.autoName) this.$('build-name').value = this.freeName();
  }

  /**
   * Builds the controls' model; with `train`, trains it one epoch in the training panel.
   * A refused recipe changes nothing and the reason shows under the buttons.
   * @param {boolean} train
   */
  async build(train) {
    const error = this.$('build-error');
    error.textContent = '';
    try {
      const spec = await this.backends.build(this.recipe());
      this.autoName = true;
      this.$('build-name').value = this.freeName();
      this.state.set('kernels', spec.name);
      this.$('kernel-model').value = spec.name;
      await this.showKernels();
      if (train) await this.train(spec.name);
      return spec;
    } catch (e) {
      error.textContent = /** @type {Error} */ (e).message;
      throw e;
    }
  }

  /**
   * One epoch of `name` through the training panel (its progress bar, chart and Pause).
   * @param {string} name
   */
  async train(name) {
    const panel = this.training();
    if (!panel) throw new Error(t('builder.noTrainingPanel'));
    await panel.train({ model: name, steps: stepsPerEpoch(this.backends.trainLen), source: () => t('training.source.builder') });
  }

  /** After a model was built or removed, or the session moved: the selects and the table. */
  modelsChanged() {
    const names = this.models.map((m) => m.name);
    this.state.allow('kernels', names);
    const select = this.$('kernel-model');
    select.replaceChildren(...this.models.map(modelOption));
    select.value = this.kernelModel();
    const small = this.models.filter((m) => m.latent <= 100);
    const pca = this.$('pca-model');
    const chosen = pca.value;
    pca.replaceChildren(...small.map(modelOption));
    if (small.some((m) => m.name === chosen)) pca.value = chosen;
    else {
      const linearTied = small.find((m) => m.activation === 'linear' && m.tied);
      if (linearTied) pca.value = linearTied.name;
    }
    for (const name of Object.keys(this.scores)) if (!names.includes(name)) delete this.scores[name];
    this.drawTable();
  }

  /** The model whose kernels are shown. */
  kernelModel() {
    return String(this.state.kernels) || this.models[0]?.name;
  }

  /** Hook (www/hooks.js): new weights, scored again. @param {boolean} all */
  onWeights(all) {
    return this.refresh(all);
  }

  /** Hooks (www/hooks.js): the page is up: the lab fills in. */
  onStart() {
    return this.refresh();
  }

  /**
   * Scores the models on 1,000 test digits and redraws the table and the kernels: every model
   * when `all` (new weights, another session), else those trained since they were scored. Off
   * screen it resolves at once and the scoring waits until the builder comes on screen (what
   * it would score is remembered; its errors are then shown under the builder's buttons).
   * @param {boolean} [all]
   */
  refresh(all = false) {
    this.staleAll ||= all;
    const run = () => {
      const every = this.staleAll;
      this.staleAll = false;
      return this.score(every);
    };
    if (this.screen.near) return run();
    this.screen.later('refresh', () => { run().catch((e) => this.fail(e)); });
    return Promise.resolve();
  }

  /** What `refresh` does on screen. @param {boolean} all */
  async score(all) {
    if (!this.ink || all) this.showInk(await this.lab.ink());
    for (const m of [...this.models]) {
      const steps = this.training()?.stats[m.name]?.steps ?? 0;
      if (!all && this.scores[m.name] && this.scoredAt[m.name] === steps) continue;
      this.scores[m.name] = await this.lab.evaluate({ model: m.name, limit: 1000 });
      this.scoredAt[m.name] = steps;
    }
    this.drawTable();
    await this.showKernels();
  }

  drawTable() {
    const body = this.root.querySelector('#model-table tbody');
    const stats = this.training()?.stats ?? {};
    body?.replaceChildren(...this.models.map((m) => {
      const e = this.scores[m.name];
      const row = document.createElement('tr');
      row.dataset.row = m.name;
      row.style.setProperty('--c', m.colour);
      const cell = (/** @type {string} */ text, /** @type {string} */ cls) => {
        const td = document.createElement('td');
        td.className = cls;
        td.textContent = text;
        return td;
      };
      const dB = (/** @type {number} */ v) => `${formatNumber(v, 2)} dB`;
      row.append(
        cell(modelText(m, 'label'), 'model'), cell(partsOf(m), 'parts'), cell(String(stats[m.name]?.steps ?? 0), 'steps'),
        cell(e ? dB(e.psnr) : '–', 'psnr'),
        cell(e ? `${dB(e.trainPsnr)}${m.trainingDigits ? ` ${t('builder.itsDigits', { digits: e.trainDigits })}` : ''}` : '–', 'train-psnr'),
        cell(e ? formatNumber(e.jacobian, 2) : '–', 'jacobian'),
        cell(e?.bceExcess != null ? `${formatNumber(e.bceExcess, 4)} (H = ${e.entropy == null ? '' : formatNumber(e.entropy, 3)})` : '–', 'bce'),
      );
      const actions = document.createElement('td');
      const train = document.createElement('button');
      train.textContent = t('builder.trainEpoch');
      train.onclick = () => this.train(m.name).catch(() => {});
      actions.append(train);
      if (!m.shipped) {
        const remove = document.createElement('button');
        remove.textContent = t('builder.remove');
        remove.onclick = () => this.backends.remove(m.name).catch((err) => this.fail(err));
        actions.append(remove);
      }
      row.append(actions);
      return row;
    }));
  }

  /** Redraws the kernels of the chosen model (the newest request wins). */
  showKernels() {
    return this.kernelRuns.request();
  }

  /**
   * Draws kernel `i` of `k` large, on the kernels' own colour scale.
   * @param {import('../../protocol.js').Kernels} k @param {number} i
   */
  zoomKernel(k, i) {
    const zoom = /** @type {HTMLCanvasElement} */ (this.$('kernel-zoom'));
    drawKernels(zoom, { units: [k.units[i]], weights: k.weights.subarray(784 * i, 784 * (i + 1)), scale: k.scale }, { columns: 1, zoom: 6, gap: 0 });
    zoom.dataset.unit = String(k.units[i]);
    setText(this.$('kernel-zoom-caption'), () => t('kernels.zoom', { unit: k.units[i] }));
  }

  async drawKernels() {
    const name = this.kernelModel();
    if (!name) return;
    const k = await this.lab.kernels({ model: name });
    this.kernels = k;
    const canvas = /** @type {HTMLCanvasElement} */ (this.$('kernels'));
    const columns = k.units.length > 30 ? 16 : 10;
    drawKernels(canvas, k, { columns });
    // A click on a tile shows that kernel enlarged beside the grid.
    canvas.onclick = (e) => {
      const scale = canvas.width / (canvas.clientWidth || canvas.width);
      const i = tileAt(e.offsetX * scale, e.offsetY * scale, { n: k.units.length, columns });
      if (i >= 0) this.zoomKernel(k, i);
    };
    this.zoomKernel(k, 0);
    drawColourBar(/** @type {HTMLCanvasElement} */ (this.$('kernels-key')), (c) => diverging(2 * c - 1), { from: -k.scale, to: k.scale });
    const spec = this.models.find((m) => m.name === name);
    const label = () => (spec ? modelText(spec, 'label') : name);
    const units = k.units.length;
    const shown = () => (units < (spec?.latent ?? 0) ? t('kernels.some', { units, latent: spec?.latent ?? 0 }) : t('kernels.all', { units }));
    setText(canvas, () => t('kernels.canvas', { model: label(), shown: shown() }), 'aria-label');
    const ratio = (k.rareSpread / k.initSpread) * 100;
    setText(this.$('kernel-stats'), () => t('kernels.stats', {
      model: label(), shown: shown(), scale: formatNumber(k.scale, 3), rare: k.rarePixels, rareSpread: formatNumber(k.rareSpread, 4),
      ratio: formatNumber(ratio, 0), initSpread: formatNumber(k.initSpread, 4), inkedSpread: formatNumber(k.inkedSpread, 4), reason: kernelReason(spec, ratio),
    }));
  }

  /** @param {import('../../protocol.js').Ink} ink */
  showInk(ink) {
    this.ink = ink;
    setText(this.$('ink-line'), () => t('builder.ink', {
      pixels: ink.pixels, digits: formatCount(ink.digits), ever: ink.ever, often: ink.often, rare: ink.rare, psnr: formatNumber(ink.meanImagePsnr, 2),
    }));
  }

  drawSweep() {
    const canvas = /** @type {HTMLCanvasElement} */ (this.$('sweep-chart'));
    const { digits, fashion } = this.sweepResult;
    drawSweep(canvas, {
      sizes: this.hiddenSizes,
      series: [{ name: 'digits', colour: SWEEP_COLOURS.digits, points: digits }, { name: 'fashion', colour: SWEEP_COLOURS.fashion, points: fashion }],
    });
    const gaps = digits.map(([d, p], i) => `d=${d}: ${formatNumber(p - (fashion[i]?.[1] ?? NaN), 1)} dB`);
    const legend = this.$('sweep-legend');
    legend.replaceChildren();
    for (const [name, text] of [['digits', t('sweep.digits')], ['fashion', t('sweep.fashion')]]) {
      const span = document.createElement('span');
      span.style.color = SWEEP_COLOURS[/** @type {'digits' | 'fashion'} */ (name)];
      span.textContent = `${text} `;
      legend.append(span);
    }
    legend.append(gaps.length ? t('sweep.gap', { gaps: gaps.join(', ') }) : t('sweep.press'));
    // Once every size is in: where the digits' curve flattens, from its own points.
    const knee = digits.length === this.hiddenSizes.length ? sweepKnee(digits) : null;
    if (knee) {
      const params = { ...knee.params, gain: formatNumber(knee.params.gain ?? 0, 1) };
      legend.append(` ${t(knee.key, params)}`);
      legend.dataset.knee = knee.key;
    }
  }

  /**
   * The capacity sweep: one tanh model per hidden size, trained `sweepSteps` steps from
   * scratch, scored on test digits and on Fashion-MNIST, then removed.
   */
  async sweep() {
    const button = this.$('sweep');
    const status = this.$('sweep-status');
    const steps = Number(this.state.sweepSteps);
    button.disabled = true;
    this.backends.lock(true);
    this.sweepResult = { digits: [], fashion: [] };
    this.drawSweep();
    try {
      const fashion = await this.lab.fashion();
      const clothes = Float32Array.from(fashion.pixels, (p) => p / 255);
      for (const d of this.hiddenSizes) {
        const name = `sweep-${d}`;
        setText(status, () => t('sweep.training', { d, steps }));
        await this.lab.add_model({ recipe: { name, latent: d, activation: 'tanh', tied: false, scale: 'symmetric', loss: 'mse', corruption: { kind: 'none' }, contractive: 0 }, seed: d });
        try {
          const run = await this.lab.train({ model: name, steps });
          if (run.stopped) throw new Error(t('sweep.paused'));
          const e = await this.lab.evaluate({ model: name, limit: 1000 });
          const out = await this.lab.reconstruct({ model: name, pixels: clothes });
          const f = scores(out, clothes);
          this.sweepResult.digits.push([d, e.psnr]);
          this.sweepResult.fashion.push([d, f.psnr]);
          this.drawSweep();
        } finally {
          await this.lab.remove_model({ model: name });
        }
      }
      const epochs = formatNumber(steps * 256 / this.backends.trainLen, 1);
      setText(status, () => t('sweep.done', { steps, epochs }));
    } catch (e) {
      const error = /** @type {Error} */ (e).message;
      setText(status, () => t('sweep.stopped', { error }));
      throw e;
    } finally {
      button.disabled = false;
      this.backends.lock(false);
    }
  }

  /** The chosen model against PCA with as many components. */
  async comparePca() {
    const name = this.$('pca-model').value;
    const out = this.$('pca-result');
    if (!name) { setText(out, () => t('pca.noModel')); return; }
    setText(out, () => t('pca.fitting'));
    const spec = this.models.find((m) => m.name === name);
    const r = await this.lab.pca({ model: name, limit: 1000 });
    setText(out, () => t('pca.result', {
      k: r.k, fitted: formatCount(r.fitted), explained: formatNumber(r.explained * 100, 1), pcaPsnr: formatNumber(r.pcaPsnr, 2),
      digits: formatCount(r.digits), model: spec ? modelText(spec, 'label') : name, modelPsnr: formatNumber(r.modelPsnr, 2),
      overlap: formatNumber(r.overlap, 3), overlapInked: formatNumber(r.overlapInked, 3), inked: r.inked,
      verdict: t(pcaVerdict(spec ?? { activation: '' }, r).key),
    }));
    out.dataset.overlap = String(r.overlap);
  }

  /** @param {Error} e */
  fail(e) {
    setText(this.$('build-error'), e.message);
  }
}
