// @ts-check
// The training panel: Train / Train from scratch / Pause, the progress bar, the table of steps,
// epochs and losses, the loss chart, and a line saying what the last run actually was (the
// console can train other models and step counts than the controls show).
import { Emitter } from '../emitter.js';
import { LineChart } from '../views/linechart.js';
import { ALL_MODELS, BATCH, checkSteps, modelsToTrain, stepsPerEpoch, epochsOf } from '../protocol.js';
import { t, setText, resolve, formatNumber, formatCount, modelText, modelOption, onLanguage } from '../i18n.js';
import { backendLabel } from '../backend.js';
import { speedVerdict } from '../verdicts.js';

/**
 * @typedef {import('../protocol.js').ModelSpec} ModelSpec
 * @typedef {import('../protocol.js').TrainRun} TrainRun
 * @typedef {import('../protocol.js').ProgressEvent} ProgressEvent
 * @typedef {import('../protocol.js').TestEvent} TestEvent
 * @typedef {{steps: number, epochs: number, loss: number | null, test: number | null}} Stats
 * @typedef {import('../i18n.js').Text} Text
 * @typedef {{model: string, steps: number, source: Text, target: number, done: number}} Running
 */

/** How a number of epochs is shown. @param {number} epochs */
const epochText = (epochs) => formatNumber(epochs, epochs >= 10 ? 0 : epochs < 0.1 && epochs > 0 ? 2 : 1);

export class TrainingPanel extends Emitter {
  /**
   * Emits 'running' (true when a run starts, false when it ends, however it ends) and 'epoch'
   * (a model's name, when it completed another epoch).
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the training section
   * @param {object} deps
   * @param {import('../state.js').PageState} deps.state
   * @param {ModelSpec[]} deps.models Rust's model table
   * @param {() => number} deps.trainLen training digits of the open session
   * @param {(text: Text, kind?: string) => void} deps.notify
   * @param {() => Promise<void>} deps.saved saves the weights after a run (the checkpoint)
   * @param {() => Promise<void>} deps.changed redraws what the models show
   * @param {() => import('../protocol.js').OpenInfo | null} [deps.session] the open session (its backend, its adapter)
   */
  constructor(lab, root, { state, models, trainLen, notify, saved, changed, session = () => null }) {
    super(['running', 'epoch']);
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.models = models;
    this.trainLen = trainLen;
    this.notify = notify;
    this.saved = saved;
    this.changed = changed;
    this.session = session;
    /** @type {Record<string, Record<string, number>>} this session's ms a step, by backend, by model (the last run's) */
    this.measured = {};
    /** @type {Running | null} */
    this.running = null;
    this.speed = { samples: 0, ms: 0 };
    /** @type {Record<string, Stats>} */
    this.stats = Object.fromEntries(models.map((m) => [m.name, { steps: 0, epochs: 0, loss: null, test: null }]));
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
    this.$ = $;

    this.chart = new LineChart(/** @type {HTMLCanvasElement} */ ($('loss-chart')), { yLabel: () => t('chart.loss') });
    $('batch-size').textContent = String(BATCH);
    const select = /** @type {HTMLSelectElement} */ ($('model-select'));
    select.onchange = () => state.set('model', select.value);
    this.modelsChanged();
    const epochs = /** @type {HTMLInputElement} */ ($('epochs'));
    epochs.value = String(state.epochs);
    epochs.onchange = () => { epochs.value = String(state.set('epochs', epochs.value)); };
    $('train').onclick = () => this.trainAsControlsSay(false).catch(() => {});
    $('train-scratch').onclick = () => this.trainAsControlsSay(true).catch(() => {});
    $('pause').onclick = () => this.pause();
    lab.on('progress', (/** @type {ProgressEvent} */ e) => this.progress(e));
    lab.on('test', (/** @type {TestEvent} */ e) => this.tested(e));
    this.controls();
    this.draw();
    onLanguage(() => this.draw());
  }

  /** Hooks (www/hooks.js): a new session or data set, each model's steps as it counts them; a model built or removed. */
  onSession() {
    return this.refresh();
  }

  onData() {
    return this.refresh();
  }

  onTable() {
    this.modelsChanged();
  }

  /** After a model joined or left the table (`models` is shared, changed in place). */
  modelsChanged() {
    const { models, $ } = this;
    for (const m of models) {
      this.stats[m.name] ??= { steps: 0, epochs: 0, loss: null, test: null };
      if (!this.chart.series.has(`${m.name} train`)) {
        this.chart.add(`${m.name} train`, m.colour);
        this.chart.add(`${m.name} test`, m.colour, [5, 4]);
      }
    }
    for (const name of Object.keys(this.stats)) {
      if (models.some((m) => m.name === name)) continue;
      delete this.stats[name];
      this.chart.series.delete(`${name} train`);
      this.chart.series.delete(`${name} test`);
    }
    const explained = document.createElement('span');
    setText(explained, () => t('training.legend'));
    $('loss-legend').replaceChildren(...models.flatMap((m) => {
      const span = document.createElement('span');
      span.style.color = m.colour;
      setText(span, () => `— ${modelText(m, 'label')}`);
      return [span, ' '];
    }), explained);
    const select = /** @type {HTMLSelectElement} */ ($('model-select'));
    const all = new Option('', ALL_MODELS);
    const count = models.length;
    setText(all, () => t('training.allModels', { n: count }));
    select.replaceChildren(all, ...models.map(modelOption));
    this.state.allow('model', [...models.map((m) => m.name), ALL_MODELS], ALL_MODELS);
    select.value = String(this.state.model);
    this.draw();
  }

  /**
   * After a backend switch, new weights or a restarted worker: each model's steps as the session
   * counts them. Where the session is behind the chart (a worker restarted from the last
   * checkpoint), the chart's later points go: they were never kept.
   */
  async refresh() {
    for (const m of this.models) {
      const s = this.stats[m.name];
      const steps = await this.lab.steps({ model: m.name });
      if (steps !== s.steps) Object.assign(s, { steps, epochs: epochsOf(steps, this.trainLen()) });
      for (const kind of ['train', 'test']) {
        const series = this.chart.series.get(`${m.name} ${kind}`);
        if (series) series.points = series.points.filter((/** @type {number[]} */ p) => p[0] <= steps);
      }
    }
    this.draw();
  }

  /** A model's loss curves: {train: [[step, loss], …], test: […]}. @param {string} name */
  chartOf(name) {
    const points = (/** @type {string} */ kind) => (this.chart.series.get(`${name} ${kind}`)?.points ?? []).map((/** @type {number[]} */ p) => [...p]);
    return { train: points('train'), test: points('test') };
  }

  /**
   * Puts a model's loss curves back (a restored model's), and its last losses in the table.
   * @param {string} name @param {Record<string, number[][]>} chart as `chartOf` gave it
   */
  setChart(name, chart) {
    const s = this.stats[name];
    for (const kind of ['train', 'test']) {
      const key = `${name} ${kind}`;
      this.chart.clear(key);
      for (const [step, value] of chart?.[kind] ?? []) this.chart.push(key, step, value);
    }
    if (s) {
      s.loss = chart?.train?.at(-1)?.[1] ?? null;
      s.test = chart?.test?.at(-1)?.[1] ?? null;
    }
    this.draw();
  }

  /** The Train buttons: the model and epochs the controls show. @param {boolean} fromScratch */
  trainAsControlsSay(fromScratch) {
    const steps = Number(this.state.epochs) * stepsPerEpoch(this.trainLen());
    const button = fromScratch ? () => t('training.source.scratchButton') : () => t('training.source.button');
    return this.train({ model: String(this.state.model), steps, fromScratch, source: button });
  }

  /**
   * Trains `steps` steps of `model` (a name, or ALL_MODELS for each of them). Bad arguments are
   * refused before anything changes; whatever happens, the controls end up usable again.
   * @param {{model: string, steps: number, fromScratch?: boolean, source?: Text}} run `source`: who
   *   asked, for the "last run" line (e.g. `() => t('training.source.console')`)
   * @returns {Promise<TrainRun>}
   */
  async train({ model, steps, fromScratch = false, source = () => t('training.source.console') }) {
    if (this.running) throw new Error(t('training.alreadyRunning'));
    checkSteps(steps);
    const names = modelsToTrain(model, this.models);
    this.running = { model, steps, source, target: steps * names.length, done: 0 };
    this.speed = { samples: 0, ms: 0 };
    this.emit('running', true);
    this.controls();
    this.draw();
    try {
      if (fromScratch) {
        for (const name of names) {
          await this.lab.reset({ model: name, seed: Math.floor(Math.random() * 2 ** 31) });
          this.stats[name] = { steps: 0, epochs: 0, loss: null, test: null };
          this.chart.clear(`${name} train`);
          this.chart.clear(`${name} test`);
        }
      }
      const half = Math.max(1, Math.floor(stepsPerEpoch(this.trainLen()) / 2));
      /** @type {TrainRun} */
      const result = await this.lab.train({ model, steps, testEvery: half });
      this.describeRun(names, result, source, fromScratch);
      this.describePerf(names, result);
      await this.saved();
      return result;
    } catch (e) {
      if (!(/** @type {any} */ (e).fatal)) this.notify(() => t('training.stopped', { error: /** @type {Error} */ (e).message }), 'error');
      throw e;
    } finally {
      this.running = null;
      this.emit('running', false);
      this.controls();
      this.draw();
      this.changed().catch(() => {});
    }
  }

  /** Asks the run in flight to stop after its current chunk. */
  async pause() {
    await this.lab.pause();
  }

  /** Pauses the run in flight, if any, and resolves once it has ended. */
  async stop() {
    if (!this.running) return;
    const ended = this.once('running', (running) => !running);
    await this.pause();
    await ended;
  }

  /**
   * The "last run" line: what was trained, how far, from where.
   * @param {string[]} names @param {TrainRun} run @param {Text} source @param {boolean} fromScratch
   */
  describeRun(names, run, source, fromScratch) {
    const parts = names.map((name) => {
      const taken = run.losses[name]?.length ?? 0;
      const report = run.reports[name];
      const epochs = report && report.steps ? (taken * report.epochs) / report.steps : 0;
      return { name, taken, epochs };
    });
    const same = parts.every((p) => p.taken === parts[0].taken);
    const stopped = run.stopped;
    const line = this.$('last-run');
    setText(line, () => {
      const who = names.length === 1 ? names[0] : t('training.allModels', { n: names.length });
      const amount = same
        ? t(names.length > 1 ? 'training.stepsEach' : 'training.steps', { steps: parts[0].taken, epochs: epochText(parts[0].epochs) })
        : parts.map((p) => t('training.modelSteps', { model: p.name, steps: p.taken, epochs: epochText(p.epochs) })).join(', ');
      const how = [fromScratch ? t('training.fromScratch') : '', stopped ? t('training.pausedBeforeEnd') : ''].filter(Boolean).join(', ');
      return t('training.lastRun', { who, amount: how ? `${amount}, ${how}` : amount, source: resolve(source) });
    });
    line.dataset.model = names.length === 1 ? names[0] : ALL_MODELS;
    line.dataset.steps = String(parts[0].taken);
  }

  /**
   * The performance line: the backend and its adapter, the run's ms a step, samples and GFLOP
   * a second (the matrix products' arithmetic: 6 × batch × the model's 2 × 784 × d weights, for
   * its forward and backward passes), and how it compares with the other kind of backend on the
   * same model in this session, where that was measured.
   * @param {string[]} names @param {TrainRun} run
   */
  describePerf(names, run) {
    const info = this.session();
    if (!info || !run.steps || !run.ms) return;
    const backend = info.backend;
    const weights = (/** @type {string} */ name) => 2 * 784 * (this.models.find((m) => m.name === name)?.latent ?? 0);
    const flop = names.reduce((sum, name) => sum + 6 * BATCH * weights(name) * (run.losses[name]?.length ?? 0), 0);
    const msPerStep = run.ms / run.steps;
    const gflops = flop / run.ms / 1e6;
    const gpu = backend === 'webgpu';
    const model = names.length === 1 ? names[0] : null;
    if (model && run.losses[model]?.length) (this.measured[backend] ??= {})[model] = msPerStep;
    // The other kind of backend's figure for the same model, if it ran in this session.
    const others = Object.entries(this.measured).filter(([b]) => (b === 'webgpu') !== gpu && model && this.measured[b][model] !== undefined);
    const line = this.$('perf');
    line.dataset.backend = backend;
    line.dataset.msPerStep = String(msPerStep);
    line.dataset.gflops = String(gflops);
    line.dataset.software = String(Boolean(info.adapter?.software));
    setText(line, () => {
      const where = gpu
        ? t('perf.gpu', { adapter: info.adapter ? (info.adapter.software ? t('perf.software', { name: info.adapter.name }) : info.adapter.name) : t('perf.unknownAdapter') })
        : t('perf.cpu', { backend: backendLabel(backend), threads: info.threads ?? 1 });
      const figures = t('perf.figures', {
        ms: formatNumber(msPerStep, 1), samples: formatCount(Math.round((BATCH * run.steps) / (run.ms / 1000))), gflops: formatNumber(gflops, 2),
        mflop: formatNumber(flop / run.steps / 1e6, 0),
      });
      if (!model) return `${where}: ${figures}`;
      const [otherBackend, otherMs] = others.length ? [others[0][0], others[0][1][model]] : [null, 0];
      if (!otherBackend) return `${where}: ${figures} ${t('perf.compare', { other: gpu ? t('perf.theCpu') : t('perf.theGpu') })}`;
      const v = speedVerdict(msPerStep, otherMs);
      const ratio = /** @type {number | undefined} */ (v.params?.ratio);
      return `${where}: ${figures} ${t(v.key, { here: backendLabel(backend), other: backendLabel(otherBackend), otherMs: formatNumber(otherMs, 1), ratio: ratio === undefined ? '' : formatNumber(ratio, 1), model })}`;
    });
  }

  /** @param {ProgressEvent} e */
  progress(e) {
    const s = e.toy ? undefined : this.stats[e.model];
    if (!s) return;
    this.passLoop();
    const epochBefore = Math.floor(s.epochs);
    s.steps = e.report.steps;
    s.epochs = e.report.epochs;
    if (Math.floor(s.epochs) > epochBefore) this.emit('epoch', e.model);
    if (e.report.losses.length) s.loss = e.report.losses.reduce((a, b) => a + b, 0) / e.report.losses.length;
    if (s.loss != null) this.chart.push(`${e.model} train`, s.steps, s.loss);
    this.speed.samples += e.taken * BATCH;
    this.speed.ms += e.ms;
    if (this.running) this.running.done += e.taken;
    this.draw();
  }

  /**
   * Lights the notebook's loop beside Train (index.html #loop) row by row: the worker has just
   * passed its five lines, as many times as the chunk had steps.
   */
  passLoop() {
    const rows = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('#loop tbody tr')]);
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    rows.forEach((row, i) => {
      setTimeout(() => row.classList.add('lit'), still ? 0 : i * 70);
      setTimeout(() => row.classList.remove('lit'), still ? 300 : i * 70 + 140);
    });
    const loop = document.getElementById('loop');
    if (loop) loop.dataset.passes = String(Number(loop.dataset.passes || 0) + 1);
  }

  /** @param {TestEvent} e */
  tested(e) {
    const s = this.stats[e.model];
    if (!s) return;
    s.test = e.evaluation.mse;
    this.chart.push(`${e.model} test`, e.steps, e.evaluation.mse);
    this.draw();
    this.changed().catch(() => {});
  }

  /** Enables what can be pressed now. */
  controls() {
    const running = Boolean(this.running);
    /** @type {HTMLButtonElement} */ (this.$('train')).disabled = running;
    /** @type {HTMLButtonElement} */ (this.$('train-scratch')).disabled = running;
    /** @type {HTMLButtonElement} */ (this.$('pause')).disabled = !running;
  }

  /** The table, the progress bar, the speed and the chart. */
  draw() {
    const $ = this.$;
    const body = $('train-stats');
    body.replaceChildren(...this.models.map((m) => {
      const s = (this.stats[m.name] ??= { steps: 0, epochs: 0, loss: null, test: null });
      const row = document.createElement('tr');
      row.dataset.model = m.name;
      row.style.setProperty('--c', m.colour);
      const cells = [
        [modelText(m, 'label'), 'model'],
        [String(s.steps), 'steps'],
        [formatNumber(s.epochs, 2), 'epochs'],
        [s.loss == null ? '–' : formatNumber(s.loss, 4), 'loss'],
        [s.test == null ? '–' : formatNumber(s.test, 4), 'test'],
      ];
      row.append(...cells.map(([text, cls]) => {
        const td = document.createElement('td');
        td.className = cls;
        td.textContent = text;
        return td;
      }));
      return row;
    }));
    const { samples, ms } = this.speed;
    $('speed').textContent = ms && samples
      ? t('training.speed', { samples: formatCount(Math.round((samples / ms) * 1000)), ms: formatNumber(ms / (samples / BATCH), 1) }) : '';
    const progress = /** @type {HTMLProgressElement} */ ($('progress'));
    if (this.running) {
      const { target, done } = this.running;
      progress.value = target > 0 ? Math.min(done / target, 1) : 0;
      $('progress-text').textContent = t('training.progress', { done, target });
      // For a screen reader: where the run is and the losses, every 10 s at most.
      const now = performance.now();
      if (now - (this.announced ?? 0) > 10_000) {
        this.announced = now;
        const losses = this.models.filter((m) => this.stats[m.name]?.loss != null)
          .map((m) => t('training.announceLoss', { model: modelText(m, 'label'), loss: formatNumber(/** @type {number} */ (this.stats[m.name].loss), 4) }));
        $('train-announce').textContent = t('training.announce', { done, target, losses: losses.join('; ') });
      }
    } else {
      this.announced = 0;
    }
    this.chart.draw();
  }

  /** The loss curves drawn: {'<model> train': [[step, loss], …], …}. */
  history() {
    return Object.fromEntries([...this.chart.series].map(([name, s]) => [name, s.points.map((/** @type {number[]} */ p) => [...p])]));
  }
}
