// @ts-check
// The kinds of setting a page or a lab keeps in the address (`?curve=spiral&planeSigma=0.2`):
// a number within limits, one of a list of strings, a list of names. Each rule says what a
// raw string from the address stands for and, when that is not the raw value, why (as a key
// of the dictionaries, `corrections.*`). State (state.js) holds the values; the labs declare
// their own settings with these (www/labs/<lab>/unit.js). A leaf: it imports nothing.

/** @typedef {{key: string, params?: Record<string, string | number>}} Reason */

/**
 * @template {string | number} [V=string | number]
 * @typedef {object} Rule
 * @property {V} default
 * @property {(raw: string) => {value: V, reason?: Reason}} clamp the value a raw string
 *   stands for, and why it is not the raw value when it is not
 * @property {string[] | null} [choices] the allowed strings (null: told later, by `allow`)
 * @property {string} [limits] the limits in words
 */

/**
 * @template {string | number} V
 * @param {V} value @param {string} [key] @param {Record<string, string | number>} [params]
 * @returns {{value: V, reason?: Reason}}
 */
function clamped(value, key, params) {
  return key ? { value, reason: { key, params } } : { value };
}

/**
 * A number setting, `lo..hi`, optionally whole.
 * @param {number} def @param {number} lo @param {number} hi
 * @param {{whole?: boolean}} [options]
 * @returns {Rule<number>}
 */
export function number(def, lo, hi, { whole = false } = {}) {
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
 * @returns {Rule<string>}
 */
export function choice(def, choices) {
  /** @type {Rule<string>} */
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
 * @returns {Rule<string>}
 */
export function list(known) {
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
