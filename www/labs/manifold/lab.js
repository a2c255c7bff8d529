// @ts-check
// The manifold lab (lecture figures 15–19): the plane's three autoencoders trained live, their
// field, travel and Jacobians drawn as they train, the numbers side by side; and the helix
// unrolled onto a line. All the work runs in the worker; a training loop asks for a chunk of
// steps, then for a frame, then yields to the page, so drawing never waits for training.
import { contractiveVerdict, helixVerdict, jacobianVerdict, pullsOntoCurve, unrolled } from '../../verdicts.js';
import { drawHeat, drawPlane, heat as heatColour } from '../../views/plane.js';
import { drawColourBar } from '../../views/colourbar.js';
import { drawHelix, codeColour } from '../../views/helix3d.js';
import { Latest } from '../../latest.js';
import { t, setText, formatNumber, onLanguage, readDecimal, writeDecimal } from '../../i18n.js';

/** Where the live training of each toy stops on its own. */
const PLANE_STEPS = 3000;
const HELIX_STEPS = 3000;
const GRID = 40;
const WAYS = /** @type {const} */ (['plain', 'denoising', 'contractive']);

const f3 = (/** @type {number | null | undefined} */ v) => (v == null ? '–' : formatNumber(v, 3));
/** The three models' names, in the page's language. */
const wayNames = () => ({ plain: t('manifold.plain'), denoising: t('manifold.denoising'), contractive: t('manifold.contractive') });

export class ManifoldLab {
  /**
   * @param {import('../../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the #manifold-lab section
   * @param {{state: import('../../state.js').PageState}} deps
   */
  constructor(lab, root, { state }) {
    this.lab = lab;
    this.root = root;
    this.state = state;
    const $ = (/** @type {string} */ id) => /** @type {any} */ (root.querySelector(`#${id}`));
    this.$ = $;
    /** @type {import('../../protocol.js').PlaneView | null} */
    this.view = null;
    /** @type {import('../../protocol.js').HelixView | null} */
    this.helix = null;
    /** @type {Float32Array | null} the noisy points moved by "apply again" */
    this.moved = null;
    this.running = { plane: false, helix: false };
    this.turn = { yaw: 0.6, pitch: 0.35 };
    const bind = (/** @type {string} */ id, /** @type {keyof import('../../state.js').Settings} */ key, checkbox = false) => {
      const el = $(id);
      const decimal = el.inputMode === 'decimal';
      const write = (/** @type {string | number} */ v) => { if (decimal) writeDecimal(el, v); else el.value = String(v); };
      if (checkbox) el.checked = state[key] === 'yes';
      else write(state[key]);
      if (decimal) onLanguage(() => write(state[key]));
      el.onchange = () => {
        const v = state.set(key, checkbox ? (el.checked ? 'yes' : 'no') : decimal ? readDecimal(el) : el.value);
        if (!checkbox) write(v);
      };
    };
    bind('plane-curve', 'curve');
    bind('plane-points', 'planePoints');
    bind('plane-sigma', 'planeSigma');
    bind('plane-hidden', 'planeHidden');
    bind('plane-lambda', 'planeLambda');
    bind('plane-nearest', 'planeNearest', true);
    bind('plane-tied', 'planeTied', true);
    bind('plane-way', 'planeWay');
    bind('helix-points', 'helixPoints');
    bind('helix-turns', 'helixTurns');
    // The plane's settings take effect with "New points and models".
    $('plane-new').onclick = () => this.setupPlane().catch((e) => this.fail('plane', e));
    $('plane-train').onclick = () => this.toggle('plane');
    $('helix-new').onclick = () => this.setupHelix().catch((e) => this.fail('helix', e));
    $('helix-train').onclick = () => this.toggle('helix');
    this.frames = new Latest(() => this.drawPlaneFrame());
    this.helixFrames = new Latest(() => this.drawHelixFrame());
    const redraw = () => { this.moved = null; this.frames.request().catch((e) => this.fail('plane', e)); };
    $('plane-way').addEventListener('change', redraw);
    for (const id of ['show-heat', 'show-field', 'show-ellipses', 'show-noisy']) $(id).onchange = () => this.paint();
    $('apply').onclick = () => this.applyAgain().catch((e) => this.fail('plane', e));
    this.dragHelix();
    onLanguage(() => this.numbers());
  }

  /** The plane's settings as Rust reads them. @returns {import('../../protocol.js').PlaneSetup} */
  planeSetup() {
    const s = this.state;
    return {
      curve: /** @type {any} */ (s.curve), points: Number(s.planePoints), seed: 1, sigma: Number(s.planeSigma),
      hidden: Number(s.planeHidden), lambda: Number(s.planeLambda), nearest: s.planeNearest === 'yes', tied: s.planeTied === 'yes',
    };
  }

  /** Hook (www/hooks.js): a new session holds no toys: set up again. */
  onSession() {
    return this.start();
  }

  /** Hooks (www/hooks.js): the page is up: the lab fills in. */
  onStart() {
    return this.start();
  }

  /** Sets up both toys (at boot) and draws them untrained. */
  async start() {
    await this.setupPlane();
    await this.setupHelix();
  }

  /** New points and three fresh models, from the controls. */
  async setupPlane() {
    this.stop('plane');
    await this.lab.plane_setup(this.planeSetup());
    this.moved = null;
    await this.frames.request();
    setText(this.$('plane-status'), () => t('manifold.untrained'));
  }

  async setupHelix() {
    this.stop('helix');
    await this.lab.helix_setup({ points: Number(this.state.helixPoints), seed: 1, hidden: 64, turns: Number(this.state.helixTurns) });
    await this.drawHelixFrame();
    setText(this.$('helix-status'), () => t('manifold.untrained'));
  }

  /** Train / Pause of one toy. @param {'plane' | 'helix'} toy */
  toggle(toy) {
    if (this.running[toy]) {
      this.stop(toy);
      return;
    }
    this.train(toy).catch((e) => this.fail(toy, e));
  }

  /** Ends a toy's training after its chunk (nothing when it is not training). @param {'plane' | 'helix'} toy */
  stop(toy) {
    if (!this.running[toy]) return;
    this.running[toy] = false;
    this.lab.pause({ toy }).catch(() => {});
  }

  /**
   * Trains a toy live until Pause or its step limit, through the worker's one training
   * operation: a frame after each chunk it reports.
   * @param {'plane' | 'helix'} toy
   * @param {number} [limit] stop after this many steps in all
   */
  async train(toy, limit = toy === 'plane' ? PLANE_STEPS : HELIX_STEPS) {
    const button = this.$(`${toy}-train`);
    const status = this.$(`${toy}-status`);
    this.running[toy] = true;
    setText(button, () => t('common.pause'));
    const t0 = performance.now();
    let steps = (toy === 'plane' ? this.view : this.helix)?.steps ?? 0;
    let taken = 0;
    const frames = toy === 'plane' ? this.frames : this.helixFrames;
    const off = this.lab.on('progress', (/** @type {import('../../protocol.js').ProgressEvent} */ e) => {
      if (!e.toy || e.model !== toy) return;
      steps = e.report.steps;
      taken += e.taken;
      if (toy === 'plane') this.moved = null;
      frames.request().catch((err) => this.fail(toy, err));
      const rate = formatNumber(taken / ((performance.now() - t0) / 1000), 0);
      const done = steps;
      setText(status, () => t('manifold.training', { steps: done, rate }));
    });
    try {
      if (steps < limit) await this.lab.train({ toy, steps: limit - steps });
      await frames.request();
      const done = steps;
      setText(status, () => t(done >= limit ? 'manifold.done' : 'manifold.paused', { steps: done }));
      this.root.dataset[`${toy}Steps`] = String(steps);
      this.root.dataset[`${toy}Ms`] = String(Math.round(performance.now() - t0));
    } finally {
      off();
      this.running[toy] = false;
      setText(button, () => t('common.train'));
    }
  }

  /** Asks for the chosen model's frame and draws it. */
  async drawPlaneFrame() {
    this.view = await this.lab.plane_view({ way: /** @type {import('../../protocol.js').Way} */ (this.state.planeWay), grid: GRID });
    this.paint();
    this.numbers();
  }

  /** Draws the last frame with the overlays the checkboxes ask for. */
  paint() {
    const view = this.view;
    if (!view) return;
    const heat = this.$('plane-heat');
    // The brightest colour: the travel of the farthest grid points of the plain identity-like
    // model would be ~0; use the frame's own 95th percentile, so every frame uses its range.
    const sorted = Float32Array.from(view.travel).sort();
    const scale = Math.max(1e-3, sorted[Math.floor(0.95 * (sorted.length - 1))]);
    if (this.$('show-heat').checked) drawHeat(heat, view, scale);
    else heat.getContext('2d').clearRect(0, 0, heat.width, heat.height);
    drawColourBar(this.$('plane-heat-key'), heatColour, { from: 0, to: scale });
    drawPlane(this.$('plane'), view, {
      field: this.$('show-field').checked, ellipses: this.$('show-ellipses').checked, noisy: this.$('show-noisy').checked, moved: this.moved,
    });
  }

  /** The numbers of the three models, side by side, and what they say. */
  numbers() {
    const view = this.view;
    if (!view) return;
    const body = this.root.querySelector('#plane-numbers tbody');
    body?.replaceChildren(...WAYS.map((way) => {
      const n = view.all[way];
      const row = document.createElement('tr');
      row.dataset.way = way;
      for (const [text, cls] of [[wayNames()[way], 'way'], [f3(n.travelOn), 'on'], [f3(n.travelSigma), 'sigma'], [f3(n.travelFar), 'far'], [f3(n.travelGap), 'gap'],
        [f3(n.alignment), 'alignment'], [f3(n.ratio), 'ratio'], [f3(n.offCurve), 'off']]) {
        const td = document.createElement('td');
        td.className = cls;
        td.textContent = text;
        row.append(td);
      }
      return row;
    }));
    const { plain, denoising: dae, contractive: cae } = view.all;
    const lines = [];
    if (view.steps === 0) lines.push(t('manifold.explain.untrained'));
    else {
      lines.push(t('manifold.explain.travel', {
        steps: view.steps, on: f3(dae.travelOn), sigma: f3(dae.travelSigma),
        verdict: pullsOntoCurve(dae) ? t('manifold.explain.pulls') : t('manifold.explain.notYet'),
      }));
      lines.push(t(jacobianVerdict(dae).key, { ratio: f3(dae.ratio), plain: f3(plain.ratio), alignment: f3(dae.alignment) }));
      lines.push(t(contractiveVerdict(cae).key, {
        off: f3(cae.offCurve), alignment: f3(cae.alignment), ratio: f3(cae.ratio), alike: cae.ratio > 0.9 ? t('manifold.explain.alike') : '',
      }));
      if (dae.travelGap != null) lines.push(t('manifold.explain.gap', { gap: f3(dae.travelGap) }));
    }
    this.$('plane-explain').textContent = lines.join(' ');
  }

  /** Moves the noisy points k more times through the chosen model and draws where they end. */
  async applyAgain() {
    const k = Math.max(1, Math.min(100, Math.round(Number(this.$('apply-k').value) || 1)));
    this.moved = await this.lab.plane_apply({ way: /** @type {import('../../protocol.js').Way} */ (this.state.planeWay), k });
    this.paint();
    this.root.dataset.applied = String(k);
  }

  async drawHelixFrame() {
    const view = await this.lab.helix_view();
    this.helix = view;
    drawHelix(this.$('helix'), view, this.turn);
    const codes = Array.from(view.codes);
    drawColourBar(this.$('helix-key'), codeColour, { from: Math.min(...codes), to: Math.max(...codes) });
    setText(this.$('helix-numbers'), () => t('helix.numbers', {
      steps: view.steps, rho: formatNumber(view.rho, 3), unrolled: unrolled(view.rho) ? t('helix.unrolled') : '',
      training: f3(view.offTraining), between: f3(view.offBetween), beyond: f3(view.offBeyond), verdict: t(helixVerdict(view).key),
    }));
    this.$('helix').dataset.rho = String(view.rho);
  }

  /** Turning the helix with the pointer (and the arrow keys). */
  dragHelix() {
    const canvas = this.$('helix');
    let last = /** @type {[number, number] | null} */ (null);
    const redraw = () => { if (this.helix) drawHelix(canvas, this.helix, this.turn); };
    canvas.tabIndex = 0;
    canvas.addEventListener('pointerdown', (/** @type {PointerEvent} */ e) => { last = [e.clientX, e.clientY]; canvas.setPointerCapture(e.pointerId); });
    canvas.addEventListener('pointermove', (/** @type {PointerEvent} */ e) => {
      if (!last) return;
      this.turn.yaw += (e.clientX - last[0]) * 0.01;
      this.turn.pitch = Math.max(-1.5, Math.min(1.5, this.turn.pitch + (e.clientY - last[1]) * 0.01));
      last = [e.clientX, e.clientY];
      redraw();
    });
    canvas.addEventListener('pointerup', () => { last = null; });
    canvas.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
      const step = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] }[e.key];
      if (!step) return;
      e.preventDefault();
      this.turn.yaw += step[0];
      this.turn.pitch = Math.max(-1.5, Math.min(1.5, this.turn.pitch + step[1]));
      redraw();
    });
  }

  /** @param {'plane' | 'helix'} toy @param {Error} e */
  fail(toy, e) {
    setText(this.$(`${toy}-status`), e.message);
  }
}
