// @ts-check
// All of the page's settings in one typed object that lives in the URL (?backend=cpu&...),
// so a teacher can share a link to exactly what the class should see. Each setting has one
// rule (its default and its limits), used alike for the address and for `set()`; what the
// address asked for and did not get is listed in `corrections`, for the page to say.
import { t, LANGUAGES } from './i18n.js';
import { choice, number, list } from './settings.js';
import { LABS, TOP, BELOW } from './labs/index.js';
import { STEPS } from './guide/steps.js';

/**
 * @typedef {object} Correction A query parameter that was ignored or changed.
 * @property {string} key
 * @property {string} given what the address said
 * @property {string | number | undefined} used the value used instead (undefined: none)
 * @property {string} why e.g. 'not a number', 'not one of auto, webgpu, cpu, flex', 'below 1'
 * @property {Reason} reason the same as a key of the dictionaries, for the page's language
 */

/** @typedef {import('./settings.js').Reason} Reason */
/** @typedef {import('./settings.js').Rule} Rule */

/** The sections a lesson link can show alone: index.html's sections, in the page's order (the labs' around the grid, before training). */
export const LESSONS = [
  ...TOP.map((unit) => unit.section),
  'reconstructions',
  ...BELOW.map((unit) => unit.section),
  'training', 'own-data',
];

/** What `hide` can hide: any section, and the controls named in www/lesson.js (`HIDE`). */
export const HIDEABLE = [...LESSONS, 'backend', 'data', 'language', 'links', 'downloads', 'dropout', 'noise', 'scratch', 'weights', 'upload', 'presets', 'footer'];

/** The page's own settings; each lab's follow, from its unit (www/labs/<lab>/unit.js). */
function pageRules() {
  return {
    lang: choice('', ['', ...LANGUAGES]), // the page's language ('': the browser's, else English)
    backend: choice('auto', ['auto', 'webgpu', 'cpu', 'flex']), // where Burn runs
    data: choice('mnist', ['mnist', 'fashion', 'own']), // the data set: MNIST, Fashion-MNIST or the student's own
    model: choice('both', null),     // what Train trains: a model's name or 'both' (all of them)
    epochs: number(3, 1, 100, { whole: true }), // epochs per Train press
    dropout: number(0.5, 0, 0.95),   // the reconstruction grid's dropout probability
    gpu: choice('', ['', 'fail']),   // 'fail' hides WebGPU, to show the CPU fallback
    threads: number(1, 0, 64, { whole: true }), // the CPU backends' threads where the page is isolated (0: one per core; 1, the default: one, see docs/performance.md)
    lesson: choice('', ['', ...LESSONS]),               // one section shown, the others folded (lesson links)
    hide: list(HIDEABLE),                               // controls and sections hidden, e.g. 'backend,upload'
    presenter: choice('0', ['0', '1']),                 // '1': larger text and figures, for a projector
    step: number(0, 0, STEPS.length, { whole: true }),  // the lesson's step shown (0: none), www/guide/
    restore: choice('ask', ['ask', 'no']),              // 'no': the page does not offer to restore the models saved in this browser
  };
}

/** The rules of every setting, in the order the address lists them: the page's, then each lab's. */
function rules() {
  /** @type {Record<string, Rule>} */
  const all = pageRules();
  for (const unit of LABS) {
    for (const [key, rule] of Object.entries(unit.settings)) {
      if (Object.hasOwn(all, key)) throw new Error(`the setting '${key}' of the ${unit.name} lab is taken`);
      all[key] = rule;
    }
  }
  return all;
}

/**
 * The settings, as properties of a State (read-only; change them with `set`): the page's and
 * every lab's, each typed as its rule's values.
 * @typedef {import('./types/settings').ValuesOf<ReturnType<typeof pageRules>>
 *   & import('./types/settings').SettingsOf<typeof LABS>} Settings
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
      const { value, reason } = rule.clamp(raw);
      this.values[key] = value;
      this.given.add(key);
      if (reason) this.corrections.push({ key, given: raw, used: value, why: t(reason.key, reason.params, 'en'), reason });
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
    const { value, reason } = rule.clamp(current);
    if (this.given.has(key) && reason) this.corrections.push({ key, given: current, used: value, why: t(reason.key, reason.params, 'en'), reason });
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
