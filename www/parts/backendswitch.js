// @ts-check
// Where the models run: the first choice (chooseAndOpen), the backend select in the header, and
// recovery when the worker's wasm dies (a panic, a lost GPU device): a fresh worker on the CPU
// with the last checkpoints. It owns the open session's facts (backend, training digits,
// the model table) and the models' last checkpoints.
import { Emitter } from '../emitter.js';
import { chooseAndOpen, probeChoice, backendLabel } from '../backend.js';
import { t } from '../i18n.js';

/**
 * @typedef {import('../protocol.js').ModelSpec} ModelSpec
 * @typedef {import('../protocol.js').OpenInfo} OpenInfo
 * @typedef {import('../protocol.js').Weights} Weights
 */

export class BackendSwitch extends Emitter {
  /**
   * Emits 'changed' after the models moved to another session (a switch or a recovery), and
   * 'models' after a model was built or removed (the table, `models`, changes in place).
   * @param {import('../labclient.js').Lab} lab the LabClient
   * @param {HTMLElement} root the header's backend bar (#backend-badge, #backend-select, #status)
   * @param {object} deps
   * @param {import('../state.js').PageState} deps.state
   * @param {string} deps.base the page's root URL
   * @param {(text: import("../i18n.js").Text, kind?: string) => void} deps.notify a string, or a function that writes it in the current language
   * @param {() => Promise<void>} [deps.beforeSwitch] e.g. pausing a training run
   */
  constructor(lab, root, { state, base, notify, beforeSwitch = async () => {} }) {
    super(['changed', 'models']);
    this.lab = lab;
    this.root = root;
    this.state = state;
    this.base = base;
    this.notify = notify;
    this.beforeSwitch = beforeSwitch;
    /** @type {OpenInfo | null} */
    this.info = null;
    /** @type {ModelSpec[]} Rust's table, one array for every part: changed in place */
    this.models = [];
    /** @type {Weights | undefined} the last checkpoints (src/checkpoint.rs), by model: what a switch or a restarted worker starts from */
    this.checkpoint = undefined;
    /** @type {import('../protocol.js').DataArgs | null} the data set last given, which every later session gets too */
    this.dataArgs = null;
    /** whether a GPU adapter was found at start, so a probe after the first view may move to WebGPU */
    this.upgradable = false;
    this.badge = /** @type {HTMLElement} */ (root.querySelector('#backend-badge'));
    this.select = /** @type {HTMLSelectElement} */ (root.querySelector('#backend-select'));
    this.select.onchange = () => { this.set(this.select.value).catch(() => {}); };
    lab.on('fatal', (/** @type {import('../protocol.js').FatalEvent} */ e) => { this.fatal(e.error); });
  }

  /** The backend in use ('webgpu', 'cpu', 'flex'), or null before the first opens. */
  get backend() {
    return this.info?.backend ?? null;
  }

  /** Training digits of the open session. */
  get trainLen() {
    return this.info?.trainLen ?? 0;
  }

  /** @param {string} text */
  status(text) {
    /** @type {HTMLElement} */ (this.root.querySelector('#status')).textContent = text;
  }

  /**
   * Opens a session on `name` with the given weights (the shipped ones when absent).
   * @param {string} name
   * @param {Weights} [weights]
   */
  async open(name, weights) {
    // Built models travel as their recipes (a row of the table is one), then their weights.
    const recipes = this.models.filter((m) => !m.shipped);
    // A session after the first (a switch, a fresh worker after a crash, which holds no digits)
    // gets the data set the first one had, within the open: calls made meanwhile wait for it.
    const info = await this.lab.open({
      backend: name, base: this.base, weights, recipes, simulateGpuFailure: this.state.gpu === 'fail', threads: Number(this.state.threads),
      data: this.dataArgs ?? undefined,
    });
    this.info = info;
    this.models.splice(0, this.models.length, ...await this.lab.models());
    this.badge.textContent = (info.threads ?? 1) > 1 ? t('backend.threads', { backend: backendLabel(info.backend), threads: info.threads ?? 1 }) : backendLabel(info.backend);
    if (info.threadsFailed) this.notify(() => t('backend.threadsFailed', { error: info.threadsFailed ?? '' }), 'warn');
    this.badge.dataset.backend = info.backend;
    this.select.value = info.backend;
    return info;
  }

  /**
   * Fetches the training and test digits (after the first view, which needs none of them) and
   * gives them to the session; resolves to the session's facts. Rejects, keeping nothing, when
   * the download fails; asking again retries.
   */
  async loadData(args = this.dataArgs ?? { set: 'mnist' }) {
    const data = await this.lab.data(args);
    this.dataArgs = args;
    if (this.info) Object.assign(this.info, data);
    return this.info;
  }

  /** The data set the session holds. */
  get dataSet() {
    return this.info?.set ?? this.dataArgs?.set ?? 'mnist';
  }

  /** The first session: the backend the address asks for, or the best one for 'auto'. */
  async start() {
    const { notices, upgrade } = await chooseAndOpen(String(this.state.backend), {
      open: (name) => this.open(name),
      simulateGpuFailure: this.state.gpu === 'fail',
    });
    notices.forEach(([text, kind]) => this.notify(text, kind));
    this.upgradable = upgrade;
    return this.info;
  }

  /**
   * After the first view, where the browser has a hardware GPU adapter: times both backends
   * (which fetches the full module, with WebGPU) and moves the models to WebGPU when it is faster.
   * Resolves to the backend in use.
   */
  async upgrade() {
    if (!this.upgradable) return this.backend;
    this.upgradable = false;
    const { choice, notice } = probeChoice(await this.lab.probe());
    this.notify(notice);
    return choice === this.backend ? this.backend : this.set(choice);
  }

  /**
   * Builds a model from a recipe and adds it to the table; a refused recipe changes nothing
   * and rejects with Rust's sentence.
   * @param {import('../protocol.js').Recipe} recipe
   * @returns {Promise<ModelSpec>}
   */
  async build(recipe) {
    const spec = await this.lab.add_model({ recipe, seed: Math.floor(Math.random() * 2 ** 31) });
    this.models.push(spec);
    this.emit('models', this.models);
    await this.save();
    return spec;
  }

  /**
   * Adds the model a model file describes (its recipe and weights); a bad file changes
   * nothing and rejects with Rust's sentence.
   * @param {Uint8Array} bytes a model file (.aepm) or a notebook file (.safetensors)
   * @param {string} [fileName] names a notebook file's model
   * @returns {Promise<ModelSpec>}
   */
  async import(bytes, fileName) {
    const spec = await this.lab.import_model({ bytes, fileName: fileName ?? null });
    this.models.push(spec);
    this.emit('models', this.models);
    await this.save();
    return spec;
  }

  /**
   * Removes a built model.
   * @param {string} name
   */
  async remove(name) {
    await this.lab.remove_model({ model: name });
    this.models.splice(this.models.findIndex((m) => m.name === name), 1);
    if (this.checkpoint) delete this.checkpoint[name];
    this.emit('models', this.models);
  }

  /**
   * Takes a checkpoint of every model (weights, Adam's moments, place in the data, loss history),
   * to carry them to another backend or through a restart, and for the autosave.
   */
  async save() {
    const pairs = await Promise.all(this.models.map(async (m) => [m.name, await this.lab.checkpoint({ model: m.name })]));
    this.checkpoint = Object.fromEntries(pairs);
  }

  /**
   * Switches backend, carrying the current models over (or the last checkpoint); resolves to
   * the backend in use.
   * @param {string} name
   */
  async set(name) {
    await this.beforeSwitch();
    this.status(t('backend.switching', { backend: backendLabel(name) }));
    try {
      await this.save();
    } catch (e) {
      const error = /** @type {Error} */ (e).message;
      this.notify(() => t('backend.unreadable', { error }), 'warn');
    }
    try {
      await this.open(name, this.checkpoint);
      this.state.set('backend', name);
      const now = backendLabel(this.backend ?? name);
      this.notify(() => t('backend.nowRunning', { backend: now }));
    } catch (e) {
      const error = /** @type {Error} */ (e).message;
      this.notify(() => t('backend.staying', { backend: backendLabel(name), error }), 'warn');
      await this.recover();
    }
    this.status('');
    this.emit('changed', this.backend);
    return this.backend;
  }

  /** A fresh worker on the CPU with the last checkpoints. */
  async recover() {
    this.lab.restart();
    await this.open('cpu', this.checkpoint);
  }

  /**
   * After the worker died: tell the student, restart on the CPU.
   * @param {string} error
   */
  async fatal(error) {
    const failed = backendLabel(this.backend ?? '');
    this.notify(() => t('backend.failed', { backend: failed, error }), 'error');
    try {
      await this.recover();
      // How many times the lab came back (tests and the console wait for it).
      this.root.dataset.recoveries = String(Number(this.root.dataset.recoveries ?? 0) + 1);
      this.emit('changed', this.backend);
    } catch (e) {
      const reason = /** @type {Error} */ (e).message;
      this.notify(() => t('backend.noRestart', { error: reason }), 'error');
    }
  }

  /**
   * Whether a switch may start now (not while training).
   * @param {boolean} locked
   */
  lock(locked) {
    this.select.disabled = locked;
  }
}
