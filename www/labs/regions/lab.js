// @ts-check
// Regions of the latent space (where the lecture ends, after figure 19): the holes of a model of
// the table, measured; the variational autoencoder of the next notebook trained live beside a
// plain autoencoder of the same network, its codes drawn as regions and β changing the running
// training; what each plane decodes to: a grid, samples, a line between two digits.
import { drawDigitRows } from '../../views/digits.js';
import { LineChart } from '../../views/linechart.js';
import { digitUnit, fetchBytes, gunzip } from '../../data.js';
import { t, setText, formatNumber, formatCount, modelOption, apply, onLanguage } from '../../i18n.js';
import { Latest } from '../../latest.js';
import { OnScreen } from '../../onscreen.js';
import { load, store, remove } from '../../storage.js';
import { bounds, drawPlane, drawGrid } from './planes.js';
import { samplesVerdict, holesVerdict, betaVerdict } from './verdicts.js';

/** What one press of Train runs, unless paused: ten epochs of the page's 12,000 training digits. */
const STEPS = 470;
/** The test digits drawn on the planes. */
const COUNT = 1000;
/** The grid of the plane: GRID × GRID decoded codes. */
const GRID = 20;
/** The positions of the β slider. */
export const BETAS = [0, 0.01, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 50];
/** Where the browser's storage keeps the networks after each run. */
const SAVED = 'regions';
const COLOURS = { vae: '#0072b2', kl: '#d55e00', plain: '#009e73' };

/** The section, made here (index.html has none): its words through data-i18n. */
export function makeSection() {
  const section = document.createElement('section');
  section.id = 'regions';
  section.innerHTML = `
    <h2 data-i18n="regions.heading"></h2>
    <blockquote data-i18n="regions.quote"></blockquote>
    <p data-i18n="regions.intro"></p>
    <h3 data-i18n="regions.holes.heading"></h3>
    <div class="controls">
      <label><span data-i18n="regions.holes.model"></span> <select id="regions-model"></select></label>
      <button id="regions-holes-go" data-i18n="regions.holes.go"></button>
    </div>
    <canvas id="regions-holes" class="digit-rows" role="img" data-i18n-attr="aria-label:regions.holes.label"></canvas>
    <p id="regions-holes-verdict" aria-live="polite"></p>
    <h3 data-i18n="regions.train.heading"></h3>
    <p data-i18n="regions.train.intro"></p>
    <div class="controls">
      <label><span data-i18n="regions.latent"></span> <select id="regions-latent"><option value="2">2</option><option value="20">20</option></select></label>
      <label><span data-i18n="regions.beta"></span> <input id="regions-beta" type="range" min="0" max="${BETAS.length - 1}" step="1"> <output id="regions-beta-value"></output></label>
      <button id="regions-new" data-i18n="regions.new"></button>
      <button id="regions-train" data-i18n="common.train"></button>
      <span id="regions-status" class="legend" aria-live="polite"></span>
    </div>
    <div class="regions-figures">
      <figure><canvas id="regions-bubbles" width="360" height="360" role="img" data-i18n-attr="aria-label:regions.bubbles.label"></canvas><figcaption data-i18n="regions.bubbles.caption"></figcaption></figure>
      <figure><canvas id="regions-plain" width="360" height="360" role="img" data-i18n-attr="aria-label:regions.plain.label"></canvas><figcaption data-i18n="regions.plain.caption"></figcaption></figure>
      <figure><canvas id="regions-losses" width="360" height="360" role="img" data-i18n-attr="aria-label:regions.losses.label"></canvas><figcaption id="regions-losses-caption"></figcaption></figure>
    </div>
    <p id="regions-beta-verdict" aria-live="polite"></p>
    <h3 data-i18n="regions.decode.heading"></h3>
    <p data-i18n="regions.decode.intro"></p>
    <div class="regions-figures">
      <figure><canvas id="regions-grid-vae" width="560" height="560" class="regions-grid" role="img" data-i18n-attr="aria-label:regions.grid.vae"></canvas><figcaption id="regions-grid-vae-caption"></figcaption></figure>
      <figure><canvas id="regions-grid-plain" width="560" height="560" class="regions-grid" role="img" data-i18n-attr="aria-label:regions.grid.plain"></canvas><figcaption id="regions-grid-plain-caption"></figcaption></figure>
    </div>
    <div class="controls"><button id="regions-sample" data-i18n="regions.sample"></button><button id="regions-pair" data-i18n="regions.pair"></button></div>
    <canvas id="regions-samples" class="digit-rows" role="img" data-i18n-attr="aria-label:regions.samples.label"></canvas>
    <p id="regions-verdict" aria-live="polite"></p>
    <canvas id="regions-line" class="digit-rows" role="img" data-i18n-attr="aria-label:regions.line.label"></canvas>
    <p class="legend" data-i18n="regions.likeness"></p>`;
  apply(section);
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('./regions.css', import.meta.url).href;
  document.head.append(style);
  return section;
}

const mean = (/** @type {ArrayLike<number>} */ v) => (v.length ? Array.from(v).reduce((s, x) => s + x, 0) / v.length : NaN);

export class RegionsLab {
  /**
   * @param {import('../index.js').LabContext} context
   * @param {HTMLElement} root the #regions section
   */
  constructor({ lab, state, models, test, base }, root) {
    this.lab = lab;
    this.state = state;
    this.models = models;
    this.test = test;
    this.base = base;
    this.root = root;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    this.running = false;
    this.ready = false;
    this.set = 'mnist';
    /** @type {import('../../types/face').RegionsView | null} */
    this.view = null;
    /** @type {import('../../types/face').RegionsSamples | null} */
    this.samples = null;
    /** @type {import('../../types/face').RegionsLine | null} */
    this.line = null;
    /** @type {import('../../types/face').Holes | null} */
    this.holes = null;
    /** Frames drawn while training, and the time they took: {count, ms} since Train was pressed. */
    this.frames = { count: 0, ms: 0, drawMs: 0 };
    /** β and the KL when β last changed, for the sentence on what β did. @type {{beta: number, kl: number, steps: number} | null} */
    this.betaMark = null;
    this.pair = [0, 1];
    this.seed = 0;
    this.lastGrid = 0;
    this.chart = new LineChart($('regions-losses'), { yLabel: () => t('regions.nats') });
    this.chart.add(t('regions.series.vae'), COLOURS.vae);
    this.chart.add(t('regions.series.kl'), COLOURS.kl);
    this.chart.add(t('regions.series.plain'), COLOURS.plain, [5, 3]);
    this.series = [t('regions.series.vae'), t('regions.series.kl'), t('regions.series.plain')];
    this.onscreen = new OnScreen(root);
    this.views = new Latest(() => this.show());
    const latent = $('regions-latent');
    latent.value = state.vaeLatent;
    latent.onchange = () => { latent.value = state.set('vaeLatent', latent.value); this.setup().catch((e) => this.fail(e)); };
    const beta = $('regions-beta');
    beta.value = String(nearestBeta(state.vaeBeta));
    this.writeBeta();
    beta.oninput = () => this.setBeta(BETAS[Number(beta.value)]).catch((e) => this.fail(e));
    $('regions-new').onclick = () => this.setup().catch((e) => this.fail(e));
    $('regions-train').onclick = () => { if (this.running) this.stop(); else this.train().catch((e) => this.fail(e)); };
    $('regions-sample').onclick = () => this.sample().catch((e) => this.fail(e));
    $('regions-pair').onclick = () => { this.nextPair(); this.interpolate().catch((e) => this.fail(e)); };
    $('regions-holes-go').onclick = () => this.measureHoles().catch((e) => this.fail(e));
    setText($('regions-losses-caption'), () => t('regions.losses.caption'));
    /** The rows of digits drawn, by canvas id, each drawn again in the new language. @type {Map<string, () => void>} */
    this.rows = new Map();
    onLanguage(() => this.rows.forEach((draw) => draw()));
    this.onTable();
  }

  /** Hooks (www/hooks.js): the page is up: the lab fills in once its section comes near the screen. */
  onStart() {
    return this.fillWhenNear();
  }

  /** Hooks: a new session holds neither network nor classifier. */
  onSession() {
    this.ready = false;
    return this.fillWhenNear();
  }

  /** Fills in now if the section is near the screen, else once it comes near. */
  async fillWhenNear() {
    if (this.onscreen.near) return this.fill();
    this.onscreen.later('fill', () => this.fill().catch((e) => this.fail(e)));
  }

  /** Hooks: another data set: fresh networks on it. @param {{set: string}} data */
  onData({ set }) {
    this.set = set;
    if (!this.ready) return;
    return this.setup();
  }

  /** Hooks: the table changed: the holes' choice of model follows it. */
  onTable() {
    const select = this.$('regions-model');
    const was = select.value || 'standard';
    select.replaceChildren(...this.models.map((m) => modelOption(m)));
    select.value = this.models.some((m) => m.name === was) ? was : this.models[0]?.name ?? '';
  }

  /** The classifier, the networks (restored or fresh) and the standard model's holes, once a session. */
  async fill() {
    if (this.ready) return;
    const bytes = await gunzip(await fetchBytes(`${this.base}www/models/classifier.q8.gz`));
    await this.lab.regions_classifier({ bytes });
    this.ready = true;
    if (!(await this.restore())) await this.setup();
    await this.measureHoles();
  }

  /**
   * The networks saved after the last run in this browser, when they have the code size the
   * address asks for (and the address does not say restore=no): they go on training from
   * there. A save that cannot be read is forgotten. Resolves to whether it restored.
   */
  async restore() {
    if (this.state.restore === 'no') return false;
    const saved = await load(SAVED).catch(() => undefined);
    if (!(saved instanceof Uint8Array)) return false;
    let setup;
    try {
      setup = await this.lab.regions_load({ bytes: saved, latent: Number(this.state.vaeLatent) });
    } catch {
      return false;
    }
    this.$('regions-beta').value = String(nearestBeta(Number(this.state.set('vaeBeta', setup.beta))));
    this.writeBeta();
    for (const s of this.series) this.chart.clear(s);
    await this.views.request();
    const steps = this.view?.steps ?? 0;
    setText(this.$('regions-status'), () => t('regions.restored', { d: setup.latent, steps: formatCount(steps) }));
    await this.sample();
    await this.interpolate();
    return true;
  }

  /** Keeps both networks in the browser's storage (a failure keeps nothing and stops nothing). */
  async save() {
    try {
      await store(SAVED, await this.lab.regions_save());
    } catch {
      // Private browsing or a full quota: the networks stay in this session.
    }
  }

  /** Fresh networks with the chosen code size and β. */
  async setup() {
    this.stop();
    const n = await this.lab.regions_setup({ latent: Number(this.state.vaeLatent), beta: this.state.vaeBeta, seed: 1 });
    remove(SAVED).catch(() => {});
    this.betaMark = null;
    setText(this.$('regions-beta-verdict'), '');
    for (const s of this.series) this.chart.clear(s);
    this.lastGrid = 0;
    setText(this.$('regions-status'), () => t('regions.fresh', { d: this.state.vaeLatent, digits: formatCount(n) }));
    await this.views.request();
    await this.sample();
    await this.interpolate();
  }

  writeBeta() {
    setText(this.$('regions-beta-value'), () => `β = ${formatNumber(this.state.vaeBeta, 2)}`);
  }

  /** Sets β, also for the running training. @param {number} beta */
  async setBeta(beta) {
    const before = this.state.vaeBeta;
    const value = Number(this.state.set('vaeBeta', beta));
    this.$('regions-beta').value = String(nearestBeta(value));
    this.writeBeta();
    if (!this.ready) return;
    await this.lab.regions_beta({ beta: value });
    if (this.view && value !== before) this.betaMark = { beta: before, kl: this.view.kl, steps: this.view.steps };
  }

  /** Ends the training after its chunk (nothing when it is not training). */
  stop() {
    if (!this.running) return;
    this.running = false;
    this.lab.pause({ toy: 'regions' }).catch(() => {});
  }

  /**
   * Trains both networks live until Pause or `steps` more steps, through the worker's one
   * training operation; the planes and the curves are drawn again after each chunk.
   * @param {number} [steps]
   */
  async train(steps = STEPS) {
    await this.fill();
    const button = this.$('regions-train');
    this.running = true;
    this.frames = { count: 0, ms: 0, drawMs: 0 };
    const t0 = performance.now();
    setText(button, () => t('common.pause'));
    const off = this.lab.on('progress', (/** @type {import('../../protocol.js').ProgressEvent} */ e) => {
      if (!e.toy || e.model !== 'regions') return;
      this.views.request().catch((err) => this.fail(err));
    });
    try {
      await this.lab.train({ toy: 'regions', steps });
      await this.views.request();
    } finally {
      off();
      this.frames.ms = performance.now() - t0;
      this.running = false;
      setText(button, () => t('common.train'));
    }
    await this.save();
    await this.sample();
    await this.interpolate();
  }

  /** Draws both planes, the curves, and (at most once a second while training) the grids. */
  async show() {
    const v = await this.lab.regions_view({ count: COUNT });
    this.view = v;
    const t0 = performance.now();
    const d = v.latent;
    const vb = bounds(v.means, d, v.spreads, true);
    drawPlane(this.$('regions-bubbles'), { codes: v.means, d, labels: v.labels, spreads: v.spreads, bounds: vb, prior: true });
    const pb = bounds(v.plain, d, null, false);
    drawPlane(this.$('regions-plain'), { codes: v.plain, d, labels: v.labels, spreads: null, bounds: pb, prior: false });
    const [vae, kl, plain] = this.series;
    if (v.steps > 0) {
      this.chart.push(vae, v.steps, v.reconstruction);
      this.chart.push(kl, v.steps, v.kl);
      this.chart.push(plain, v.steps, v.plainReconstruction);
    }
    this.chart.draw();
    this.frames.drawMs = performance.now() - t0;
    this.frames.count++;
    Object.assign(this.root.dataset, { steps: String(v.steps), kl: String(v.kl), reconstruction: String(v.reconstruction), beta: String(v.beta), frames: String(this.frames.count) });
    setText(this.$('regions-status'), () => t('regions.progress', {
      steps: formatCount(v.steps), epochs: formatNumber(v.epochs, 1), beta: formatNumber(v.beta, 2),
      rec: formatNumber(v.reconstruction, 1), kl: formatNumber(v.kl, 1), plain: formatNumber(v.plainReconstruction, 1),
    }));
    const mark = this.betaMark;
    if (mark && v.steps >= mark.steps + 100) {
      const verdict = betaVerdict(mark.kl, v.kl, mark.beta, v.beta);
      setText(this.$('regions-beta-verdict'), verdict ? () => t(verdict.key, { from: formatNumber(mark.beta, 2), to: formatNumber(v.beta, 2), before: formatNumber(mark.kl, 1), after: formatNumber(v.kl, 1) }) : '');
    }
    if (!this.running || performance.now() - this.lastGrid > 1000) await this.grids(vb, pb);
  }

  /** The plane of each network decoded on a 20 × 20 grid over what its plane shows (d = 2 only).
   * @param {import('./planes.js').Bounds} vb @param {import('./planes.js').Bounds} pb */
  async grids(vb, pb) {
    this.lastGrid = performance.now();
    const d = this.view?.latent ?? 2;
    for (const [net, b, id] of /** @type {const} */ ([['vae', vb, 'regions-grid-vae'], ['plain', pb, 'regions-grid-plain']])) {
      const canvas = this.$(id);
      const caption = this.$(`${id}-caption`);
      if (d !== 2) {
        canvas.hidden = true;
        setText(caption, () => t('regions.grid.only2', { d }));
        continue;
      }
      canvas.hidden = false;
      const t0 = performance.now();
      const images = await this.lab.regions_grid({ net, size: GRID, xMin: b.x0, xMax: b.x1, yMin: b.y0, yMax: b.y1 });
      const ms = performance.now() - t0;
      drawGrid(canvas, images, GRID);
      canvas.dataset.ms = String(Math.round(ms));
      setText(caption, () => t(net === 'vae' ? 'regions.grid.vaeCaption' : 'regions.grid.plainCaption', {
        size: GRID, x0: formatNumber(b.x0, 1), x1: formatNumber(b.x1, 1), y0: formatNumber(b.y0, 1), y1: formatNumber(b.y1, 1),
      }));
    }
  }

  /** Ten samples of each network, scored, and the sentence their scores choose. */
  async sample() {
    await this.fill();
    const s = await this.lab.regions_samples({ count: 10, seed: ++this.seed });
    this.samples = s;
    const [vae, plain] = [s.vae.likeness.mean, s.plain.likeness.mean];
    this.drawRows('regions-samples', () => [
      { label: t('regions.samples.vae', { score: formatNumber(vae, 2) }), pixels: s.vae.images },
      { label: t('regions.samples.plain', { score: formatNumber(plain, 2) }), pixels: s.plain.images },
    ], 10, 200);
    const steps = this.view?.steps ?? 0;
    const verdict = samplesVerdict(vae, plain, steps);
    setText(this.$('regions-verdict'), () => t(verdict.key, { vae: formatNumber(vae, 2), plain: formatNumber(plain, 2), steps: formatCount(steps) }));
    this.root.dataset.samples = `${vae},${plain}`;
  }

  /**
   * Draws rows of digits on a canvas, and again whenever the language changes.
   * @param {string} id @param {() => import('../../views/digits.js').Row[]} rows
   * @param {number} columns @param {number} labelWidth
   */
  drawRows(id, rows, columns, labelWidth) {
    const draw = () => { drawDigitRows(this.$(id), rows(), { columns, labelWidth }); };
    this.rows.set(id, draw);
    draw();
  }

  nextPair() {
    const labels = this.test.labels;
    const n = labels.length;
    let a = (this.pair[1] + 1) % n;
    let b = (a + 1) % n;
    while (labels[b] === labels[a] && b !== a) b = (b + 1) % n;
    this.pair = [a, b];
  }

  /** The line between two test digits through each network's codes, decoded and scored. */
  async interpolate() {
    await this.fill();
    const [a, b] = this.pair;
    const r = await this.lab.regions_interpolate({ a: digitUnit(this.test.pixels, a), b: digitUnit(this.test.pixels, b), frames: 8 });
    this.line = r;
    this.drawRows('regions-line', () => [
      { label: t('regions.line.vae', { score: formatNumber(r.vae.likeness.mean, 2) }), pixels: r.vae.images },
      { label: t('regions.line.plain', { score: formatNumber(r.plain.likeness.mean, 2) }), pixels: r.plain.images },
    ], 8, 200);
  }

  /** The holes of the chosen model of the table (or `model`), scored. @param {string} [model] */
  async measureHoles(model) {
    await this.fill();
    const select = this.$('regions-model');
    if (model) select.value = model;
    const h = await this.lab.regions_holes({ model: select.value, count: 8, seed: 1 });
    this.holes = h;
    const figures = {
      real: h.realLikeness.mean, random: h.random.likeness.mean, between: h.between.likeness.mean,
      realAnomaly: mean(h.realAnomaly), randomAnomaly: mean(h.randomAnomaly), betweenAnomaly: mean(h.betweenAnomaly),
    };
    const row = (/** @type {string} */ key, /** @type {number} */ score, /** @type {number} */ anomaly) => t(key, { score: formatNumber(score, 2), anomaly: formatNumber(100 * anomaly, 0) });
    this.drawRows('regions-holes', () => [
      { label: row('regions.holes.real', figures.real, figures.realAnomaly), pixels: h.real },
      { label: row('regions.holes.random', figures.random, figures.randomAnomaly), pixels: h.random.images },
      { label: row('regions.holes.between', figures.between, figures.betweenAnomaly), pixels: h.between.images },
    ], 8, 230);
    const verdicts = holesVerdict(figures);
    const params = {
      model: h.model, d: h.latent, fit: t(h.fit === 'full' ? 'regions.holes.full' : 'regions.holes.diagonal'),
      real: formatNumber(figures.real, 2), random: formatNumber(figures.random, 2), between: formatNumber(figures.between, 2),
      realAnomaly: formatNumber(100 * figures.realAnomaly, 0), randomAnomaly: formatNumber(100 * figures.randomAnomaly, 0),
    };
    setText(this.$('regions-holes-verdict'), () => [
      t('regions.holes.summary', params), ...verdicts.map((v) => t(v.key, params)), this.set === 'mnist' ? '' : t('regions.notDigits'),
    ].filter(Boolean).join(' '));
  }

  /** @param {Error} e */
  fail(e) {
    setText(this.$('regions-status'), e.message);
  }
}

/** The slider's position nearest β. @param {number} beta */
function nearestBeta(beta) {
  let best = 0;
  for (let i = 1; i < BETAS.length; i++) if (Math.abs(BETAS[i] - beta) < Math.abs(BETAS[best] - beta)) best = i;
  return best;
}
