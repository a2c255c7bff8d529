// @ts-check
// All of the page's settings in one typed object that lives in the URL (?backend=cpu&...),
// so a teacher can share a link to exactly what the class should see. Each setting has one
// rule (its default and its limits), used alike for the address and for `set()`; what the
// address asked for and did not get is listed in `corrections`, for the page to say.
import { t, LANGUAGES } from './i18n.js';

/**
 * @typedef {object} Correction A query parameter that was ignored or changed.
 * @property {string} key
 * @property {string} given what the address said
 * @property {string | number | undefined} used the value used instead (undefined: none)
 * @property {string} why e.g. 'not a number', 'not one of auto, webgpu, cpu, flex', 'below 1'
 * @property {Reason} reason the same as a key of the dictionaries, for the page's language
 */

/** @typedef {{key: string, params?: Record<string, string | number>}} Reason */

/**
 * A clamped value and, when it is not the raw value, why: in English (`why`) and as a key of
 * the dictionaries (`reason`).
 * @param {string | number} value @param {string} [key] @param {Record<string, string | number>} [params]
 * @returns {{value: string | number, why?: string, reason?: Reason}}
 */
function clamped(value, key, params) {
  return key ? { value, why: t(key, params, 'en'), reason: { key, params } } : { value };
}

/**
 * @typedef {object} Rule
 * @property {string | number} default
 * @property {(raw: string) => {value: string | number, why?: string, reason?: Reason}} clamp
 *   the value a raw string stands for, and why it is not the raw value when it is not
 * @property {string[] | null} [choices] the allowed strings (null: told later, by `allow`)
 * @property {string} [limits] the limits in words
 */

/**
 * A number setting, `lo..hi`, optionally whole.
 * @param {number} def @param {number} lo @param {number} hi
 * @param {{whole?: boolean}} [options]
 * @returns {Rule}
 */
function number(def, lo, hi, { whole = false } = {}) {
  return {
    default: def,
    limits: `${lo} to ${hi}`,
    clamp(raw) {
      const v = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(v)) return clamped(def, 'corrections.notNumber');
      const rounded = whole ? Math.round(v) : v;
      const value = Math.min(Math.max(rounded, lo), hi);
      if (value !== v) {
        return v < lo ? clamped(value, 'corrections.below', { limit: lo })
          : v > hi ? clamped(value, 'corrections.above', { limit: hi }) : clamped(value, 'corrections.notWhole');
      }
      return { value };
    },
  };
}

/**
 * A setting that is one of a list of strings (`null`: the list comes later, from `allow`).
 * @param {string} def
 * @param {string[] | null} choices
 * @returns {Rule}
 */
function choice(def, choices) {
  /** @type {Rule} */
  const rule = {
    default: def,
    choices,
    clamp(raw) {
      if (!rule.choices || rule.choices.includes(raw)) return { value: raw };
      return clamped(rule.default, 'corrections.notOneOf', { choices: rule.choices.map((c) => c || "''").join(', ') });
    },
  };
  return rule;
}

/**
 * A setting that is a comma-separated list of names from `known` ('' for none), each kept
 * once, in the order given; names that are not known are dropped (and said).
 * @param {string[]} known
 * @returns {Rule}
 */
function list(known) {
  return {
    default: '',
    limits: `names from ${known.join(', ')}`,
    clamp(raw) {
      const given = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const value = [...new Set(given.filter((n) => known.includes(n)))].join(',');
      const unknown = given.filter((n) => !known.includes(n));
      return unknown.length ? clamped(value, 'corrections.unknownNames', { names: unknown.join(', '), choices: known.join(', ') }) : { value };
    },
  };
}

/** The sections a lesson link can show alone: index.html's sections, in the page's order. */
export const LESSONS = ['reconstructions', 'denoising-lab', 'latent-lab', 'manifold-lab', 'transforms', 'superres', 'builder', 'training', 'own-data'];

/** What `hide` can hide: any section, and the controls named in www/lesson.js (`HIDE`). */
export const HIDEABLE = [...LESSONS, 'backend', 'data', 'language', 'links', 'downloads', 'dropout', 'noise', 'scratch', 'weights', 'upload', 'presets', 'footer'];

/** The rules of every setting, in the order the address lists them. */
function rules() {
  return {
    lang: choice('', ['', ...LANGUAGES]), // the page's language ('': the browser's, else English)
    backend: choice('auto', ['auto', 'webgpu', 'cpu', 'flex']), // where Burn runs
    data: choice('mnist', ['mnist', 'fashion', 'own']), // the data set: MNIST, Fashion-MNIST or the student's own
    model: choice('both', null),     // what Train trains: a model's name or 'both' (all of them)
    epochs: number(3, 1, 100, { whole: true }), // epochs per Train press
    dropout: number(0.5, 0, 0.95),   // the reconstruction grid's dropout probability
    gpu: choice('', ['', 'fail']),   // 'fail' hides WebGPU, to show the CPU fallback
    threads: number(1, 0, 64, { whole: true }), // the CPU backends' threads where the page is isolated (0: one per core; 1, the default: one, see docs/performance.md)
    latent: choice('', null),        // the latent lab's model ('': the table's first)
    frames: number(8, 3, 16, { whole: true }),       // frames of the interpolation strips
    iterations: number(100, 1, 500, { whole: true }), // iterations of the energy descent
    bits: number(8, 1, 16, { whole: true }),          // bits per code number (compression)
    labDropout: number(0, 0, 0.9),   // the denoising lab's dropout noise
    sigma: number(0, 0, 0.6),        // the denoising lab's Gaussian noise
    patch: number(8, 2, 16, { whole: true }),         // the denoising lab's grey patch size
    buildLatent: choice('30', null),                    // the model builder: hidden size d (Rust's list)
    buildActivation: choice('tanh', ['tanh', 'linear']), //   f
    buildTied: choice('no', ['no', 'yes']),             //   W_x = W_hᵀ
    buildScale: choice('symmetric', ['symmetric', 'unit']), // pixels in [-1, 1] or [0, 1]
    buildLoss: choice('mse', ['mse', 'bce']),           //   loss
    buildCorruption: choice('none', ['none', 'dropout', 'gaussian']),
    buildAmount: number(0.5, 0.01, 0.95),              //   dropout p or Gaussian σ
    buildLambda: number(0, 0, 10),                     //   contractive λ
    buildDigits: choice('all', ['all', '32', '256', '1000']), // training digits (memorisation)
    sweepSteps: number(100, 10, 2000, { whole: true }), // capacity sweep: steps per hidden size
    curve: choice('branches', ['branches', 'circle', 'spiral', 'moons']), // the manifold lab's curve
    planePoints: number(300, 20, 2000, { whole: true }),
    planeSigma: number(0.1, 0.01, 0.5),
    planeHidden: number(128, 8, 512, { whole: true }),
    planeLambda: number(0.003, 0, 10),
    planeNearest: choice('no', ['no', 'yes']),
    planeTied: choice('no', ['no', 'yes']),
    planeWay: choice('denoising', ['plain', 'denoising', 'contractive']), // the model the plane shows
    helixPoints: number(300, 10, 2000, { whole: true }),
    helixTurns: number(1, 0.5, 3),
    srSide: choice('7', ['7', '14']),                   // super-resolution: the low resolution
    srDigits: choice('all', ['all', '0-4']),            //   the training digits (0–4: the bias demo)
    kernels: choice('', null),                         // the kernels' model ('': the table's first)
    lesson: choice('', ['', ...LESSONS]),               // one section shown, the others folded (lesson links)
    hide: list(HIDEABLE),                               // controls and sections hidden, e.g. 'backend,upload'
    presenter: choice('0', ['0', '1']),                 // '1': larger text and figures, for a projector
    restore: choice('ask', ['ask', 'no']),              // 'no': the page does not offer to restore the models saved in this browser
  };
}

/**
 * The settings, as properties of a State (read-only; change them with `set`).
 * @typedef {object} Settings
 * @property {string} lang @property {string} backend @property {string} data @property {string} model @property {number} epochs
 * @property {number} dropout @property {string} gpu @property {number} threads @property {string} latent
 * @property {number} frames @property {number} iterations @property {number} bits
 * @property {number} labDropout @property {number} sigma @property {number} patch
 * @property {string} buildLatent @property {string} buildActivation @property {string} buildTied
 * @property {string} buildScale @property {string} buildLoss @property {string} buildCorruption
 * @property {number} buildAmount @property {number} buildLambda @property {string} kernels
 * @property {string} buildDigits @property {number} sweepSteps
 * @property {string} curve @property {number} planePoints @property {number} planeSigma
 * @property {number} planeHidden @property {number} planeLambda @property {string} planeNearest
 * @property {string} planeTied @property {string} planeWay @property {number} helixPoints
 * @property {number} helixTurns @property {string} srSide @property {string} srDigits
 * @property {string} lesson @property {string} hide @property {string} presenter @property {string} restore
 */

/** @typedef {State & Settings} PageState */

/** @param {string} query */
function replaceAddress(query) {
  history.replaceState(null, '', query || location.pathname);
}

export class State {
  /**
   * @param {{search?: string, write?: (query: string) => void}} [options] the query string
   *   to read (the page's own by default) and how to write one back (into the address bar)
   */
  constructor({ search = globalThis.location?.search ?? '', write = replaceAddress } = {}) {
    /** @type {Record<string, Rule>} */
    this.rules = rules();
    /** @type {Correction[]} */
    this.corrections = [];
    this.write = write;
    /** @type {Record<string, string | number>} */
    this.values = {};
    /** @type {Set<string>} keys whose value came from the address */
    this.given = new Set();
    for (const [key, rule] of Object.entries(this.rules)) this.values[key] = rule.default;
    for (const [key, raw] of new URLSearchParams(search)) {
      // Only the page's own settings: not `?__proto__` or `?constructor`, which every object has.
      const rule = Object.hasOwn(this.rules, key) ? this.rules[key] : undefined;
      if (!rule) {
        const reason = { key: 'corrections.notSetting' };
        this.corrections.push({ key, given: raw, used: undefined, why: t(reason.key, {}, 'en'), reason });
        continue;
      }
      const { value, why, reason } = rule.clamp(raw);
      this.values[key] = value;
      this.given.add(key);
      if (why && reason) this.corrections.push({ key, given: raw, used: value, why, reason });
    }
    for (const key of Object.keys(this.rules)) {
      Object.defineProperty(this, key, { get: () => this.values[key], enumerable: true });
    }
  }

  /**
   * Tells the allowed values of a setting that depends on the model table ('model',
   * 'latent'); a value from the address that is not one of them is corrected. `def` becomes
   * the default when the old default is not allowed.
   * @param {string} key
   * @param {string[]} choices
   * @param {string} [def]
   */
  allow(key, choices, def = choices[0]) {
    const rule = this.rule(key);
    rule.choices = choices;
    if (!choices.includes(String(rule.default))) rule.default = def;
    const current = String(this.values[key]);
    if (choices.includes(current)) return;
    const { value, why, reason } = rule.clamp(current);
    if (this.given.has(key) && why && reason) this.corrections.push({ key, given: current, used: value, why, reason });
    this.values[key] = value;
  }

  /**
   * The rule of a setting.
   * @param {string} key
   */
  rule(key) {
    const rule = Object.hasOwn(this.rules, key) ? this.rules[key] : undefined;
    if (!rule) throw new Error(`there is no setting '${key}' (there are: ${Object.keys(this.rules).join(', ')})`);
    return rule;
  }

  /**
   * Sets a value within the setting's limits (as the address's values are) and writes every
   * non-default value into the address. Returns the value used.
   * @param {string} key
   * @param {unknown} value
   */
  set(key, value) {
    const used = this.rule(key).clamp(String(value)).value;
    this.values[key] = used;
    this.write(this.query());
    return used;
  }

  /** The query string of the non-default values ('' when all are defaults). */
  query() {
    const params = new URLSearchParams();
    for (const [key, rule] of Object.entries(this.rules)) {
      if (this.values[key] !== rule.default) params.set(key, String(this.values[key]));
    }
    // Commas stay commas (URLSearchParams writes %2C): lists such as ?hide=backend,upload read as typed.
    const query = params.toString().replace(/%2C/gi, ',');
    return query ? `?${query}` : '';
  }
}

/**
 * One sentence about the address's corrections, for a notice ('' when there are none), in the
 * page's language.
 * @param {Correction[]} corrections
 */
export function describeCorrections(corrections) {
  const parts = corrections.map(({ key, given, used, reason }) => {
    const why = t(reason.key, reason.params);
    if (used === undefined) return t('corrections.ignored', { key, given, why });
    if (reason.key === 'corrections.notNumber' || reason.key === 'corrections.notOneOf' || reason.key === 'corrections.unknownNames') {
      return t('corrections.ignoredUsing', { key, given, why, used: used === '' ? "''" : used });
    }
    return t(reason.key === 'corrections.notWhole' ? 'corrections.rounded' : 'corrections.clamped', { key, given, used, why });
  });
  if (!parts.length) return '';
  const text = parts.join('; ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}
