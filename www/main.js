// @ts-check
// The page's boot: open the lab in its worker, then build each part from Rust's model table
// (the backend bar, the reconstruction grid, the training panel, weights files), then every lab
// of the registry (www/labs/index.js) in the page's order, and the console API. What each part
// and each lab does lives in its own module; here they are only made and told the hooks.
import { State, describeCorrections } from './state.js';
import { connect } from './labclient.js';
import { ALL_MODELS } from './protocol.js';
import { FIRST_DIGITS } from './data.js';
import { showNotice } from './views/notice.js';
import { t, resolve, setText, modelText } from './i18n.js';
import { startLanguage } from './parts/language.js';
import { BackendSwitch } from './parts/backendswitch.js';
import { ReconstructionGrid } from './parts/grid.js';
import { TrainingPanel } from './parts/training.js';
import { WeightFiles } from './parts/weightfiles.js';
import { LABS, TOP, BELOW } from './labs/index.js';
import { installConsole } from './console.js';
import { registerOffline } from './offline.js';
import { startLesson } from './lesson.js';
import { installDownloads, PAGE_FIGURES } from './views/download.js';
import { DataSets } from './parts/datasets.js';
import { Autosave } from './parts/autosave.js';
import { tell, tellEach, Bus } from './hooks.js';
import { Guide } from './guide/guide.js';

const BASE = new URL('../', import.meta.url).href;
const GALLERY = 2000; // test digits the page holds: the grid's picks, the latent lab's gallery and map
const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {import('./i18n.js').Text} text @param {string} [kind] */
function notify(text, kind = 'info') {
  showNotice($('notices'), text, kind);
  if (kind === 'error') console.warn(resolve(text));
}

const state = /** @type {import('./state.js').PageState} */ (new State());
// The page's language first, before anything writes a word.
startLanguage(state, /** @type {HTMLSelectElement} */ ($('language-select')));
const lab = connect();
/** Named events between the labs (www/hooks.js). */
const events = new Bus();
/** @type {import('./console.js').Page} */
const page = {
  lab,
  state,
  labs: {},
  backends: new BackendSwitch(lab, /** @type {HTMLElement} */ (document.querySelector('header .backend')), {
    state, base: BASE, notify, beforeSwitch: async () => { await labsSetUp; await page.training?.stop(); },
  }),
};
// The sections of the labs that index.html has none for, made by the lab before the training
// panel (the labs come between the grid and training).
for (const unit of /** @type {readonly import('./labs/index.js').LabUnit[]} */ (LABS)) {
  if (document.getElementById(unit.section)) continue;
  if (!unit.make) throw new Error(`the ${unit.name} lab has no section #${unit.section} in index.html and makes none`);
  $('training').before(unit.make());
}
// Lesson links (?lesson=, ?hide=, ?presenter=) and the figure downloads, before anything draws.
installDownloads({
  figures: { ...PAGE_FIGURES, ...Object.fromEntries(LABS.map((unit) => [unit.section, unit.figures])) },
  history: () => page.training?.history() ?? {}, notify,
});
startLesson(state);
/**
 * Settles once boot has set up the labs that live in the session (the manifold lab's toys,
 * super-resolution) on the first one, or has failed: a backend switch waits for it, so a new
 * session never receives the first session's set-up half done.
 * @type {() => void}
 */
let labsSettled = () => {};
const labsSetUp = new Promise((done) => { labsSettled = () => done(undefined); });
/** @type {ReconstructionGrid | undefined} */
let grid;
/** @type {WeightFiles | undefined} */
let weightFiles;
/**
 * The parts and labs that answer the hooks of `hooks.js`, in the order the page shows them
 * (those not made yet are skipped); the labs are the registry's.
 * @returns {(import('./hooks.js').Hooks | undefined)[]}
 */
const parts = () => [
  ...TOP.map((unit) => page.labs[unit.name]), grid, ...BELOW.map((unit) => page.labs[unit.name]),
  page.training, weightFiles,
];
/**
 * The test images every view holds, one object: a change of data set replaces its contents.
 * @type {import('./protocol.js').Digits}
 */
const test = { pixels: new Uint8Array(0), labels: new Uint8Array(0) };
/** The data sets each model has trained on (the shipped and loaded ones: MNIST). @type {Map<string, Set<string>>} */
const trainedOn = new Map();

/** @param {string} model */
function learnt(model) {
  if (!trainedOn.has(model)) trainedOn.set(model, new Set(page.backends.models.find((m) => m.name === model)?.shipped ? ['mnist'] : []));
  return /** @type {Set<string>} */ (trainedOn.get(model));
}

/**
 * Where a model is shown images of a data set it never trained on, the page says so: in the
 * grid (every model) and beside the anomaly score (the latent lab's model).
 */
function describeMismatch() {
  const shown = page.backends.dataSet;
  const strangers = page.backends.models.filter((m) => learnt(m.name).size > 0 && !learnt(m.name).has(shown));
  const sets = (/** @type {Set<string>} */ s) => [...s].map((d) => t(`data.${d}`)).join(' + ');
  const grid = $('data-mismatch');
  grid.hidden = strangers.length === 0;
  if (strangers.length) {
    setText(grid, () => t('data.mismatch', {
      models: strangers.map((m) => modelText(m, 'label')).join(', '),
      trained: sets(new Set(strangers.flatMap((m) => [...learnt(m.name)]))),
      shown: t(`data.${shown}`),
    }));
  }
  const latent = String(state.latent || page.backends.models[0]?.name);
  const anomaly = $('anomaly-mismatch');
  const trained = learnt(latent);
  anomaly.hidden = trained.size === 0 || trained.has(shown);
  if (!anomaly.hidden) setText(anomaly, () => t('data.mismatchAnomaly', { trained: sets(trained), shown: t(`data.${shown}`) }));
  setText($('grid-heading'), () => t(`grid.heading.${shown}`));
}

/** After a change of data set: every view on the new set's test images. */
async function dataSwitched() {
  const fresh = await lab.gallery({ count: GALLERY });
  Object.assign(test, fresh);
  describeMismatch();
  await tell(parts(), 'onData', { test, set: page.backends.dataSet });
  await modelsChanged(true);
}

/** After the models changed (training, new weights, another backend): every view again. */
/** @param {boolean} [all] every model's weights may have changed (new weights, another session) */
async function modelsChanged(all = false) {
  if (page.datasets) describeMismatch();
  await tell(parts(), 'onWeights', all);
}

/** Says, once, which settings of the address were ignored or clamped. */
function tellCorrections() {
  if (describeCorrections(state.corrections)) {
    const notice = showNotice($('notices'), () => describeCorrections(state.corrections), 'warn');
    notice.dataset.corrections = String(state.corrections.length);
  }
}

/** The model table in words, under the grid's heading. @param {import('./protocol.js').ModelSpec[]} models */
function describeModels(models) {
  $('model-list').replaceChildren(...models.map((m) => {
    const item = document.createElement('li');
    const name = document.createElement('b');
    name.style.color = m.colour;
    setText(name, () => modelText(m, 'label'));
    const description = document.createElement('span');
    setText(description, () => `: ${modelText(m, 'description')}`);
    item.append(name, description);
    return item;
  }));
}

/**
 * The training and test digits, with their progress in the status line; a failed download
 * says why and offers a retry (nothing half-loaded is used).
 */
async function loadData() {
  const status = $('status');
  const progress = (/** @type {import('./protocol.js').DataEvent} */ e) => {
    status.textContent = e.total ? t('status.loadingDigits', { percent: Math.floor((100 * e.received) / e.total) }) : t('status.loadingDigitsSoFar');
  };
  const off = lab.on('data', progress);
  try {
    for (;;) {
      try {
        return await page.backends.loadData();
      } catch (e) {
        status.textContent = '';
        const error = /** @type {Error} */ (e).message;
        const notice = showNotice($('notices'), () => t('data.failed', { error }), 'error');
        const retry = document.createElement('button');
        setText(retry, () => t('data.retry'));
        notice.insertBefore(retry, notice.lastChild);
        await new Promise((resolve) => { retry.onclick = resolve; });
        notice.remove();
      }
    }
  } finally {
    off();
    status.textContent = '';
  }
}

/** What every lab is given (www/labs/index.js). @returns {import('./labs/index.js').LabContext} */
function context() {
  const { backends } = page;
  return { lab, state, models: backends.models, test, base: BASE, backends, training: () => page.training, events, notify };
}

async function boot() {
  $('status').textContent = t('status.loading');
  const { backends } = page;
  await backends.start();
  const { models } = backends;
  const names = models.map((m) => m.name);
  state.allow('model', [...names, ALL_MODELS], ALL_MODELS);
  state.allow('latent', names);
  tellCorrections();
  describeModels(models);
  // The first view needs only the grid's twelve digits: they come in a small file of their
  // own, and the 3 MB of training and test digits follow while the student looks.
  const first = await lab.gallery({ count: FIRST_DIGITS });
  Object.assign(test, first);
  // The labs where the page opens (figure 13), on the first digits, before the grid.
  for (const unit of TOP) {
    const made = await unit.create(context(), $(unit.section));
    page.labs[unit.name] = made;
    await made.onStart?.();
  }
  grid = new ReconstructionGrid(lab, $('reconstructions'), {
    state, models, test: first,
    onPick: (pixels) => {
      events.emit('pick', pixels);
      $('denoising-lab').scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    },
  });
  await grid.refresh();
  performance.mark('first-reconstructions');
  await loadData();
  Object.assign(test, await lab.gallery({ count: GALLERY }));
  await backends.save();
  lab.on('progress', (/** @type {import('./protocol.js').ProgressEvent} */ e) => { if (!e.toy) learnt(e.model).add(backends.dataSet); });
  page.training = new TrainingPanel(lab, $('training'), {
    state, models, notify,
    trainLen: () => backends.trainLen,
    saved: async () => { await (page.autosave ? page.autosave.save() : backends.save()); },
    changed: () => modelsChanged(),
    session: () => backends.info,
  });
  page.training.on('running', (running) => backends.lock(running));
  // Every trained model kept in the browser's storage: after each epoch, each run, and when the page is hidden.
  page.autosave = new Autosave(lab, {
    backends, training: page.training, notices: $('notices'), restored: () => modelsChanged(true),
  });
  page.training.on('epoch', () => { page.autosave?.save().catch(() => {}); });
  backends.on('changed', () => {
    // What lives in the session (the toys, super-resolution's network) is set up again, each
    // lab on its own; a lab that fails says so in its own section.
    tellEach(parts(), 'onSession', () => {});
    modelsChanged(true).catch((e) => notify(() => t('status.redrawFailed', { error: e.message }), 'error'));
  });
  weightFiles = new WeightFiles(lab, $('training'), {
    models, notify, addModel: (bytes, fileName) => backends.import(bytes, fileName), source: () => /** @type {import('./types/face.d.ts').Source} */ (state.data),
    loaded: async () => {
      await backends.save();
      await page.training?.refresh();
      await modelsChanged(true);
    },
  });
  // A model built or removed: every part that lists the models, then every view.
  backends.on('models', () => {
    describeModels(models);
    tell(parts(), 'onTable').catch((e) => notify(() => t('status.redrawFailed', { error: e.message }), 'error'));
    modelsChanged().catch((e) => notify(() => t('status.redrawFailed', { error: e.message }), 'error'));
  });
  // The other labs, in the page's order, each in its section.
  for (const unit of BELOW) page.labs[unit.name] = await unit.create(context(), $(unit.section));
  events.emit('pick', grid.digit(0));
  page.datasets = new DataSets(lab, {
    select: /** @type {HTMLSelectElement} */ ($('dataset-select')), root: $('own-data'), state, backends, notify,
    drawing: () => events.ask('drawing'),
    beforeSwitch: async () => { await labsSetUp; await page.training?.stop(); },
    switched: dataSwitched,
  });
  await page.datasets.restore();
  describeMismatch();
  // Models saved on an earlier visit: offered back, unless a teacher's link says not to (?restore=no).
  if (state.restore !== 'no') await page.autosave.offerRestore();
  $('status').textContent = '';
  document.body.dataset.ready = 'true';
  // The labs fill in after the page is ready (the latent lab's map and anomaly reference, the
  // manifold lab's toys and super-resolution's network take a moment), one after the other.
  await tell(parts(), 'onStart');
  labsSettled();
  // A link may ask for another data set than MNIST, the first view's.
  if (state.data !== 'mnist') await page.datasets.choose(/** @type {import('./protocol.js').DataSetName} */ (state.data)).catch(() => {});
  // With a hardware GPU adapter, the full module (with WebGPU) is fetched now and used if it is faster.
  await page.backends.upgrade();
  // Everything is loaded: now the service worker may cache it all for offline use.
  registerOffline({ notice: (text, kind) => showNotice($('notices'), text, kind) })
    .catch((e) => notify(() => t('offline.unavailable', { error: e.message }), 'warn'));
}

const ready = boot().catch((e) => {
  labsSettled();
  // The worker died once the page was up (its last steps: the latent lab, the toys): the backend
  // switch says so and restarts it, and sets the toys up again in the new session.
  if (e.fatal && document.body.dataset.ready === 'true') return;
  tellCorrectionsOnce();
  notify(() => t('status.startFailed', { error: e.message }), 'error');
  $('status').textContent = '';
  document.body.dataset.ready = 'failed';
  throw e;
});

/** The corrections notice, if boot failed before it was shown. */
function tellCorrectionsOnce() {
  if (!document.querySelector('.notice[data-corrections]')) tellCorrections();
}

window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.fatal) e.preventDefault();
});

const api = installConsole(page, ready);
// The lesson, once the page is up: its button in the header, and the step a link asks for.
ready.then(() => {
  const guide = new Guide({ api, state, lab });
  if (Number(state.step) > 0) guide.open(Number(state.step)).catch(() => {});
}).catch(() => {});
