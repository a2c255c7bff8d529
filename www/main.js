// The page: boots the lab in its worker, draws the reconstructions, runs training, and
// exposes window.playground for teachers, tests and benchmarks.
import { State } from './state.js';
import { LabClient } from './labclient.js';
import { chooseAndOpen, backendLabel } from './backend.js';
import { drawDigitRows } from './views/digits.js';
import { LineChart } from './views/linechart.js';
import { showNotice } from './views/notice.js';
import { DenoisingLab } from './denoiselab.js';
import { LatentLab } from './latentlab.js';
import { scores } from './evaluation.js';

const BASE = new URL('../', import.meta.url).href;
const MODELS = ['standard', 'denoising'];
const LATENT = { standard: 30, denoising: 500 };
const BATCH = 256;
const GALLERY_SEED = 42;
const $ = (id) => document.getElementById(id);

const state = new State();
const lab = new LabClient();
const chart = new LineChart($('loss-chart'));
chart.add('standard train', '#1f6fd1');
chart.add('standard test', '#1f6fd1', [5, 4]);
chart.add('denoising train', '#d9661f');
chart.add('denoising test', '#d9661f', [5, 4]);

let denoisingLab = null;
let latentLab = null;

const session = {
  backend: null,
  trainLen: 0,
  gallery: null,          // {pixels: Float32Array n×784 in [0,1], labels}
  checkpoint: null,       // [standard, denoising] weights (Uint8Array), the last saved ones
  training: null,         // {target, done} of the current Train press
  stats: Object.fromEntries(MODELS.map((m) => [m, { steps: 0, loss: null, test: null }])),
  speed: { samples: 0, ms: 0 },
};

function notify(text, kind = 'info') {
  showNotice($('notices'), text, kind);
  if (kind === 'error') console.warn(text);
}

function setBusy(text) {
  $('status').textContent = text;
}

// ---- backends -------------------------------------------------------------------------

async function openBackend(name, weights) {
  const info = await lab.call('open', { backend: name, base: BASE, weights, simulateGpuFailure: state.gpu === 'fail' });
  session.backend = info.backend;
  session.trainLen = info.trainLen;
  $('backend-badge').textContent = backendLabel(info.backend);
  $('backend-badge').dataset.backend = info.backend;
  $('backend-select').value = info.backend;
  for (const m of MODELS) session.stats[m].steps = await lab.call('steps', { model: m });
  return info;
}

async function saveCheckpoint() {
  session.checkpoint = await Promise.all(MODELS.map((model) => lab.call('weights', { model })));
}

/** Switches backend, carrying the current models over (or the last checkpoint). */
async function setBackend(name) {
  if (session.training) await pause();
  setBusy(`switching to ${backendLabel(name)}…`);
  try {
    await saveCheckpoint();
  } catch (e) {
    notify(`Could not read the current weights (${e.message}); the last saved ones are used.`, 'warn');
  }
  try {
    await openBackend(name, session.checkpoint);
    state.set('backend', name);
    notify(`Now running on ${backendLabel(session.backend)}.`);
  } catch (e) {
    notify(`${backendLabel(name)} could not start (${e.message}). Staying on the CPU.`, 'warn');
    await recover();
  }
  setBusy('');
  await modelsChanged();
  return session.backend;
}

/** After the worker died (a wasm panic, a lost GPU device): a fresh worker on the CPU. */
async function recover() {
  lab.restart();
  await openBackend('cpu', session.checkpoint);
}

lab.on('fatal', async (error) => {
  notify(`The ${backendLabel(session.backend)} backend failed (${error}). The lab restarts on the CPU with the last saved weights.`, 'error');
  session.training = null;
  updateTrainingControls();
  try {
    await recover();
    await modelsChanged();
  } catch (e) {
    notify(`The lab could not restart: ${e.message}`, 'error');
  }
});

// ---- reconstructions ------------------------------------------------------------------

async function loadGallery() {
  // The first 2,000 test digits: the grid's picks below, the latent lab's gallery, random
  // pairs and map.
  const { pixels, labels } = await lab.call('gallery', { count: 2000 });
  // One of each class, then the next two test digits not yet shown.
  const picks = [];
  for (let c = 0; c < 10; c++) picks.push(labels.indexOf(c));
  for (let i = 0; picks.length < 12; i++) if (!picks.includes(i)) picks.push(i);
  const out = new Float32Array(picks.length * 784);
  picks.forEach((k, i) => {
    for (let p = 0; p < 784; p++) out[i * 784 + p] = pixels[k * 784 + p] / 255;
  });
  session.gallery = { pixels: out, labels: picks.map((k) => labels[k]) };
  session.test = { pixels, labels };
}

/** After the models changed (training, new weights, another backend): every view again. */
async function modelsChanged() {
  await refreshReconstructions();
  await latentLab?.refresh();
}

async function refreshReconstructions() {
  if (!session.gallery) return;
  const { pixels } = session.gallery;
  const dropout = state.dropout;
  const [standard, corrupted, denoising] = await Promise.all([
    lab.call('reconstruct', { model: 'standard', pixels }),
    lab.call('corrupt', { pixels, dropout, seed: GALLERY_SEED }),
    lab.call('reconstruct', { model: 'denoising', pixels, dropout, seed: GALLERY_SEED }),
  ]);
  const psnr = (out) => scores(out, pixels).psnr;
  drawDigitRows($('recon-grid'), [
    { label: 'test digit', pixels },
    { label: `standard AE (d=30) ${psnr(standard).toFixed(1)} dB`, pixels: standard },
    { label: `dropout input (p=${dropout}) ${psnr(corrupted).toFixed(1)} dB`, pixels: corrupted },
    { label: `denoising AE (d=500) ${psnr(denoising).toFixed(1)} dB`, pixels: denoising },
  ], { columns: 12, scale: 2, labelWidth: 210 });
  $('recon-grid').dataset.updated = String(Number($('recon-grid').dataset.updated || 0) + 1);
}

// ---- training -------------------------------------------------------------------------

function stepsPerEpoch() {
  return Math.max(1, Math.floor(session.trainLen / BATCH));
}

function updateStats() {
  const rows = MODELS.map((m) => {
    const s = session.stats[m];
    const epochs = (s.steps / stepsPerEpoch()).toFixed(2);
    const loss = s.loss == null ? '–' : s.loss.toFixed(4);
    const test = s.test == null ? '–' : s.test.toFixed(4);
    return `<tr data-model="${m}"><td>${m} (d=${LATENT[m]})</td><td class="steps">${s.steps}</td><td>${epochs}</td><td class="loss">${loss}</td><td class="test">${test}</td></tr>`;
  });
  $('train-stats').innerHTML = rows.join('');
  const sps = session.speed.ms ? (session.speed.samples / session.speed.ms) * 1000 : 0;
  $('speed').textContent = sps ? `${Math.round(sps).toLocaleString()} samples/s, ${(session.speed.ms / (session.speed.samples / BATCH)).toFixed(1)} ms/step` : '';
  if (session.training) {
    const { target, done } = session.training;
    $('progress').value = done / target;
    $('progress-text').textContent = `${done} / ${target} steps`;
  }
}

lab.on('progress', (e) => {
  const s = session.stats[e.model];
  s.steps = e.total;
  s.loss = e.losses.reduce((a, b) => a + b, 0) / e.losses.length;
  chart.push(`${e.model} train`, e.total, s.loss);
  session.speed.samples += e.steps * BATCH;
  session.speed.ms += e.ms;
  if (session.training) session.training.done += e.steps;
  updateStats();
  chart.draw();
});

lab.on('test', (e) => {
  session.stats[e.model].test = e.test;
  chart.push(`${e.model} test`, e.total, e.test);
  chart.draw();
  updateStats();
  refreshReconstructions().catch(() => {});
});

function updateTrainingControls() {
  const running = Boolean(session.training);
  $('train').disabled = running;
  $('train-scratch').disabled = running;
  $('pause').disabled = !running;
  $('backend-select').disabled = running;
}

async function train({ model = state.model, fromScratch = false, steps = null } = {}) {
  if (session.training) throw new Error('training is already running');
  const models = model === 'both' ? MODELS : [model];
  if (fromScratch) {
    for (const m of models) {
      await lab.call('reset', { model: m, seed: Math.floor(Math.random() * 2 ** 31) });
      session.stats[m] = { steps: 0, loss: null, test: null };
      chart.clear(`${m} train`);
      chart.clear(`${m} test`);
    }
  }
  const perModel = steps ?? state.epochs * stepsPerEpoch();
  session.training = { target: perModel * models.length, done: 0, perModel };
  session.speed = { samples: 0, ms: 0 };
  updateTrainingControls();
  updateStats();
  try {
    const result = await lab.call('train', { model, steps: perModel, testEvery: Math.max(1, Math.floor(stepsPerEpoch() / 2)) });
    await saveCheckpoint();
    return result;
  } catch (e) {
    if (!e.fatal) notify(`Training stopped: ${e.message}`, 'error');
    throw e;
  } finally {
    session.training = null;
    updateTrainingControls();
    updateStats();
    modelsChanged().catch(() => {});
  }
}

async function pause() {
  await lab.call('pause');
}

// ---- weights files --------------------------------------------------------------------

async function downloadWeights(model) {
  const bytes = await lab.call('weights', { model });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  a.download = `${model}.bpk`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function uploadWeights(file) {
  const model = file.name.includes('denoising') ? 'denoising' : $('upload-model').value;
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    await lab.call('loadWeights', { model, bytes });
    notify(`Loaded ${file.name} into the ${model} autoencoder.`);
    await saveCheckpoint();
    await modelsChanged();
  } catch (e) {
    notify(`${file.name} was not loaded: ${e.message}. The ${model} autoencoder is unchanged.`, 'error');
  }
}

// ---- wiring ---------------------------------------------------------------------------

function wire() {
  $('model-select').value = state.model;
  $('epochs').value = state.epochs;
  $('dropout').value = state.dropout;
  $('model-select').onchange = (e) => state.set('model', e.target.value);
  $('epochs').onchange = (e) => state.set('epochs', e.target.value);
  $('dropout').onchange = (e) => {
    state.set('dropout', e.target.value);
    refreshReconstructions();
  };
  $('train').onclick = () => train().catch(() => {});
  $('train-scratch').onclick = () => train({ fromScratch: true }).catch(() => {});
  $('pause').onclick = () => pause();
  $('backend-select').onchange = (e) => setBackend(e.target.value);
  $('download').onclick = () => downloadWeights($('upload-model').value);
  $('upload').onchange = (e) => {
    if (e.target.files[0]) uploadWeights(e.target.files[0]);
    e.target.value = '';
  };
  updateTrainingControls();
}

async function boot() {
  wire();
  setBusy('loading the models and the MNIST digits…');
  const { notices } = await chooseAndOpen(state.backend, {
    open: (name) => openBackend(name),
    probe: () => lab.call('probe'),
    simulateGpuFailure: state.gpu === 'fail',
  });
  notices.forEach(([text, kind]) => notify(text, kind));
  await loadGallery();
  await refreshReconstructions();
  performance.mark('first-reconstructions');
  await saveCheckpoint();
  updateStats();
  chart.draw();
  denoisingLab = new DenoisingLab(lab, $('denoising-lab'), { onResult: () => latentLab?.schedule() });
  latentLab = new LatentLab(lab, $('latent-lab'), { state, test: session.test, denoising: denoisingLab });
  denoisingLab.load(session.gallery.pixels.subarray(0, 784));
  $('recon-grid').onclick = (e) => {
    const r = e.target.getBoundingClientRect();
    const i = Math.floor((e.clientX - r.left - 210) / (56 + 4));
    if (i >= 0 && i < session.gallery.labels.length) {
      denoisingLab.load(session.gallery.pixels.subarray(i * 784, (i + 1) * 784));
      $('denoising-lab').scrollIntoView({ behavior: 'smooth' });
    }
  };
  setBusy('');
  document.body.dataset.ready = 'true';
  // The latent lab fills in after the page is ready (its map and anomaly reference take a moment).
  await denoisingLab.settled();
  await latentLab.refresh();
}

const ready = boot().catch((e) => {
  notify(`The lab could not start: ${e.message}`, 'error');
  setBusy('');
  document.body.dataset.ready = 'failed';
  throw e;
});

window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.fatal) e.preventDefault();
});

// ---- console API ----------------------------------------------------------------------

window.playground = {
  ready,
  get backend() {
    return session.backend;
  },
  setBackend,
  /** 784 values in [0, 1] → 784 values in [0, 1]. */
  reconstruct: (pixels, model = 'standard') => lab.call('reconstruct', { model, pixels: Float32Array.from(pixels) }),
  encode: (pixels, model = 'standard') => lab.call('encode', { model, pixels: Float32Array.from(pixels) }),
  decode: (codes, model = 'standard') => lab.call('decode', { model, codes: Float32Array.from(codes) }),
  /** Trains `steps` steps (as the Train button does); resolves to {losses, msPerStep}. */
  async train({ model = 'standard', steps = 10, fromScratch = false } = {}) {
    const result = await train({ model, steps, fromScratch });
    return { losses: model === 'both' ? result.losses : result.losses[model], msPerStep: result.msPerStep };
  },
  /** The loss curves drawn on the page: {'standard train': [[step, loss], …], …}. */
  history: () => Object.fromEntries([...chart.series].map(([name, s]) => [name, s.points.map((p) => [...p])])),
  /** Test-set scores: MSE in [-1, 1] and [0, 1], PSNR in dB. */
  async evaluate({ model = 'standard', limit = 10000 } = {}) {
    const mse = await lab.call('evaluate', { model, limit });
    return { mse, mseUnit: mse / 4, psnr: 10 * Math.log10(4 / mse) };
  },
  state,
  /** The denoising lab's last result: {digit, shown, hidden, outputs, scores}. */
  lab: () => denoisingLab?.last,
  /** The latent lab's last results: interpolation, energy, anomaly, map. */
  latent: () => latentLab && {
    interpolation: latentLab.interpolation.last,
    energy: latentLab.energy.last,
    anomaly: latentLab.anomaly.last,
    map: latentLab.map.map && { variance: latentLab.map.map.variance, total: latentLab.map.map.total, points: latentLab.map.map.points.length / 2 },
    decoded: latentLab.map.lastDecoded,
  },
  /** Interpolation from A to B (784 values each in [0, 1]): {pixels, decoded, codes, latent}. */
  interpolate: (a, b, { model = 'standard', frames = 8 } = {}) =>
    lab.call('interpolate', { model, a: Float32Array.from(a), b: Float32Array.from(b), frames }),
  /** The anomaly score of an image (784 values in [0, 1]). */
  anomaly: (pixels, model = 'standard') => lab.call('anomaly', { model, pixels: Float32Array.from(pixels) }),
};
