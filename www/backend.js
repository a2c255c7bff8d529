// Choosing where Burn runs: WebGPU when the browser has a hardware adapter that is faster in
// a short probe, otherwise the CPU; every fallback is told to the student.
import { t, formatNumber } from './i18n.js';

/** @type {Record<string, string>} */
const NAMES = { webgpu: 'WebGPU (burn-wgpu)', cpu: 'CPU (burn-ndarray)', flex: 'CPU (burn-flex)' };

/** @param {string} name a backend's name ('webgpu', 'cpu', 'flex') */
export function backendLabel(name) {
  return NAMES[name] ?? name;
}

/** @typedef {'none' | 'no-adapter' | 'software' | 'hardware'} Availability what WebGPU the browser offers */

/**
 * What the browser offers: 'none', 'no-adapter', 'software' or 'hardware'.
 * @param {boolean} [simulateFailure] answer 'none' (?gpu=fail)
 * @returns {Promise<Availability>}
 */
export async function webgpuAvailability(simulateFailure) {
  if (simulateFailure || !globalThis.navigator?.gpu) return 'none';
  let adapter = null;
  try {
    adapter = await navigator.gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return 'no-adapter';
  const info = adapter.info ?? {};
  return info.isFallbackAdapter ? 'software' : 'hardware';
}

/** @typedef {[() => string, 'info' | 'warn']} Notice a text in the current language, and its kind */

/**
 * Decides which backend to open for the requested one ('auto' or a name) and opens it.
 * `open(name)` opens a session and throws on failure; `availability(simulateGpuFailure)` says
 * what WebGPU the browser offers (the browser's own by default). Returns {backend, notices:
 * [[text, kind]] (each text a function that writes it in the current language), upgrade}: `upgrade` when a hardware adapter is there, so that after the first
 * view a probe (`probeChoice`) should decide whether to move to WebGPU.
 * @param {string} requested 'auto' or a backend's name
 * @param {object} deps
 * @param {(name: string) => Promise<unknown>} deps.open
 * @param {boolean} [deps.simulateGpuFailure]
 * @param {(simulateFailure?: boolean) => Promise<Availability>} [deps.availability]
 * @returns {Promise<{backend: string, notices: Notice[], upgrade: boolean}>}
 */
export async function chooseAndOpen(requested, { open, simulateGpuFailure = false, availability = webgpuAvailability }) {
  /** @type {Notice[]} */
  const notices = [];
  let choice = requested;
  let upgrade = false;
  if (requested === 'auto') {
    const gpu = await availability(simulateGpuFailure);
    if (gpu === 'none') {
      choice = 'cpu';
      notices.push([() => t('backend.noWebgpu'), 'info']);
    } else if (gpu === 'no-adapter') {
      choice = 'cpu';
      notices.push([() => t('backend.noAdapter'), 'info']);
    } else if (gpu === 'software') {
      choice = 'cpu';
      notices.push([() => t('backend.software'), 'info']);
    } else {
      // A hardware adapter: the first view comes from the CPU module (the WebGPU one is several
      // times larger); after it, `probeChoice` decides whether to move to WebGPU.
      choice = 'cpu';
      upgrade = true;
    }
  }
  try {
    await open(choice);
    return { backend: choice, notices, upgrade };
  } catch (e) {
    if (choice === 'cpu') throw e;
    const error = /** @type {Error} */ (e).message;
    notices.push([() => t('backend.fallback', { backend: backendLabel(choice), error }), 'warn']);
    await open('cpu');
    return { backend: 'cpu', notices, upgrade: false };
  }
}

/**
 * Where to run after the probe (`{webgpu, cpu, model, batch}`: ms or null), and the notice
 * that says why: WebGPU when it timed faster than the CPU.
 * @param {{webgpu: number | null, cpu: number | null, model: string, batch: number}} times
 * @returns {{choice: 'webgpu' | 'cpu', notice: () => string}} the notice in the current language
 */
export function probeChoice(times) {
  const choice = times.webgpu != null && (times.cpu == null || times.webgpu < times.cpu) ? 'webgpu' : 'cpu';
  const fmt = (/** @type {number | null} */ v) => (v == null ? t('backend.probeFailed') : `${formatNumber(v, 1)} ms`);
  return { choice, notice: () => t('backend.probe', { batch: times.batch, model: times.model, webgpu: fmt(times.webgpu), cpu: fmt(times.cpu), choice: backendLabel(choice) }) };
}
