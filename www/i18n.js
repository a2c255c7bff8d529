// @ts-check
// The page's words in two languages. Every string the page shows is a key of the dictionaries
// in www/strings/ (one flat object per language, `{name}` placeholders); `t(key, params)` looks
// one up in the current language, English being the fallback of every key. Static text carries
// `data-i18n="key"` (its textContent) or `data-i18n-attr="aria-label:key;title:key2"`; text a
// view writes goes through `setText`, which keeps how to write it again, so `setLanguage`
// re-translates the whole page in place (the worker and its models stay as they are) and then
// tells the views (the 'i18n' event on document) to redraw what they paint on canvases.
// Numbers the page shows go through `formatNumber`: Portuguese writes a decimal comma.
import en from './strings/en.js';
import pt from './strings/pt.js';

/** @typedef {Record<string, string>} Dictionary */
/** @typedef {string | (() => string)} Text a fixed string, or how to write it in the current language */

/** The dictionaries, by language code. */
export const DICTIONARIES = /** @type {Record<string, Dictionary>} */ ({ en, pt });
/**
 * Adds a lab's words (www/labs/<lab>/en.js, pt.js) to the dictionaries; a key the page or
 * another lab has already is a mistake, refused.
 * @param {Record<string, Dictionary>} words by language
 */
export function addWords(words) {
  for (const [lang, dictionary] of Object.entries(words)) {
    const into = DICTIONARIES[lang];
    if (!into) throw new Error(`no language '${lang}' (there are: ${Object.keys(DICTIONARIES).join(', ')})`);
    const taken = Object.keys(dictionary).filter((key) => Object.hasOwn(into, key) && into[key] !== dictionary[key]);
    if (taken.length) throw new Error(`the words ${taken.join(', ')} are defined twice`);
    Object.assign(into, dictionary);
  }
}

/** The languages the page speaks, in the order the switch lists them. */
export const LANGUAGES = Object.keys(DICTIONARIES);
/** The locale each language formats its numbers in. */
const LOCALES = /** @type {Record<string, string>} */ ({ en: 'en-US', pt: 'pt-BR' });

let current = 'en';

/** The language in use ('en', 'pt'). */
export function language() {
  return current;
}

/**
 * The language to start in: the one the address asks for, else the browser's (any 'pt-…'
 * is 'pt'), else English.
 * @param {string | undefined} asked e.g. the `lang` setting ('' when the address says nothing)
 * @param {string | undefined} browser e.g. navigator.language
 */
export function chooseLanguage(asked, browser) {
  if (asked && asked in DICTIONARIES) return asked;
  const base = String(browser ?? '').toLowerCase().split('-')[0];
  return base in DICTIONARIES ? base : 'en';
}

/**
 * Whether a key has a text (in the current language or in English).
 * @param {string} key
 */
export function has(key) {
  return Object.hasOwn(DICTIONARIES[current], key) || Object.hasOwn(en, key);
}

/**
 * The text of `key` in `lang` (the current language by default; English when that language
 * lacks it; the key itself when no language has it), its `{name}` placeholders filled from
 * `params`: numbers are written as `formatNumber(x)` writes them, the rest as strings.
 * @param {string} key
 * @param {Record<string, string | number>} [params]
 * @param {string} [lang]
 */
export function t(key, params = {}, lang = current) {
  const template = DICTIONARIES[lang]?.[key] ?? /** @type {Record<string, string>} */ (en)[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name];
    return typeof value === 'number' ? formatNumber(value, undefined, lang) : String(value);
  });
}

/** @type {Map<string, Intl.NumberFormat>} */
const formatters = new Map();

/**
 * An Intl.NumberFormat for `lang`, kept once made.
 * @param {string} lang @param {number} digits @param {boolean} grouping
 */
function formatter(lang, digits, grouping) {
  const id = `${lang}|${digits}|${grouping}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang] ?? 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping });
    formatters.set(id, f);
  }
  return f;
}

/** The decimal separator of `lang` ('.' or ','). @param {string} lang */
function decimalSeparator(lang) {
  return formatter(lang, 1, false).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A number as the page shows it in the current language: with `digits` decimals as toFixed
 * writes them (no thousands separators), or, without `digits`, every decimal String() writes;
 * Portuguese with a decimal comma. Only what is displayed changes: the values stay numbers.
 * @param {number} x
 * @param {number} [digits]
 * @param {string} [lang]
 */
export function formatNumber(x, digits, lang = current) {
  if (!Number.isFinite(x) || digits === undefined) return String(x).replace('.', decimalSeparator(lang));
  return formatter(lang, digits, false).format(x);
}

/**
 * A decimal field in the page's language. A number field shows the browser's own separator
 * ('0.5' on a Portuguese page), so the page's decimal fields are text fields (`inputmode=
 * "decimal"` in index.html): `writeDecimal` shows a value with the language's separator and
 * `readDecimal` takes either ('0,5' or '0.5') for the settings to check.
 * @param {HTMLInputElement} el @param {number | string} value
 */
export function writeDecimal(el, value) {
  el.value = formatNumber(Number(value));
}

/** @param {HTMLInputElement} el @returns {string} the field's number written with a point */
export function readDecimal(el) {
  return el.value.trim().replace(',', '.');
}

/**
 * A whole count with thousands separators: '2,000' in English, '2.000' in Portuguese.
 * @param {number} n
 * @param {string} [lang]
 */
export function formatCount(n, lang = current) {
  return formatter(lang, 0, true).format(n);
}

/**
 * A number in exponential notation, as toExponential writes it, with the language's decimal
 * separator ('1.23e-3', '1,23e-3').
 * @param {number} x @param {number} digits
 */
export function formatExponential(x, digits) {
  return x.toExponential(digits).replace('.', decimalSeparator(current));
}

/**
 * A Text as a string now.
 * @param {Text} text
 */
export function resolve(text) {
  return typeof text === 'function' ? text() : text;
}

/** How to write each element's live texts again: '' for its textContent, else an attribute. */
const renders = /** @type {WeakMap<Element, Map<string, () => string>>} */ (new WeakMap());

/**
 * Writes a text into an element: a string as it is, or a function (that calls `t`) whose
 * result is written now and again after each change of language.
 * @param {HTMLElement} el
 * @param {Text} text
 * @param {string} [attribute] an attribute to write instead of the textContent
 */
export function setText(el, text, attribute = '') {
  if (!attribute) delete el.dataset.i18n;
  let live = renders.get(el);
  if (typeof text === 'function') {
    if (!live) renders.set(el, (live = new Map()));
    live.set(attribute, text);
    el.dataset.i18nLive = '';
  } else {
    live?.delete(attribute);
  }
  const value = resolve(text);
  if (attribute) el.setAttribute(attribute, value);
  else el.textContent = value;
  return el;
}

/**
 * Translates every element under `root` (and `root` itself) that carries `data-i18n`,
 * `data-i18n-attr` or a live text.
 * @param {ParentNode} [root]
 */
export function apply(root = document) {
  /** @param {string} selector */
  const all = (selector) => {
    const found = /** @type {HTMLElement[]} */ ([...root.querySelectorAll(selector)]);
    if (root instanceof Element && root.matches(selector)) found.unshift(/** @type {HTMLElement} */ (root));
    return found;
  };
  for (const el of all('[data-i18n]')) el.textContent = t(/** @type {string} */ (el.dataset.i18n));
  for (const el of all('[data-i18n-attr]')) {
    for (const pair of String(el.dataset.i18nAttr).split(';')) {
      const [attribute, key] = pair.split(':').map((s) => s.trim());
      if (attribute && key) el.setAttribute(attribute, t(key));
    }
  }
  for (const el of all('[data-i18n-live]')) {
    for (const [attribute, render] of renders.get(el) ?? []) {
      if (attribute) el.setAttribute(attribute, render());
      else el.textContent = render();
    }
  }
}

/**
 * Switches the page's language: `<html lang>`, every text under the document, then the 'i18n'
 * event for the views that paint words on canvases. Returns the language in use.
 * @param {string} lang
 */
export function setLanguage(lang) {
  current = lang in DICTIONARIES ? lang : 'en';
  if (globalThis.document) {
    document.documentElement.lang = current;
    apply(document);
    repaint();
  }
  return current;
}

/** Asks the views that paint words on canvases to paint again (`onLanguage`): after a change of language, or of their size. */
export function repaint() {
  globalThis.document?.dispatchEvent(new CustomEvent('i18n', { detail: { language: current } }));
}

/**
 * Calls `redraw` after each change of language (what `apply` cannot reach: canvases).
 * @param {() => void} redraw
 */
export function onLanguage(redraw) {
  globalThis.document?.addEventListener('i18n', () => redraw());
}

/**
 * A model's label or description in the current language: the shipped models' texts are
 * translated in the dictionaries (`model.<name>.label`); a built model's come from Rust.
 * @param {{name: string, label: string, description: string, shipped: boolean}} model
 * @param {'label' | 'description'} field
 */
export function modelText(model, field) {
  const key = `model.${model.name}.${field}`;
  return model.shipped && has(key) ? t(key) : model[field];
}

/**
 * An <option> for a model of the table, its label in the page's language.
 * @param {{name: string, label: string, description: string, shipped: boolean}} model
 */
export function modelOption(model) {
  const option = new Option('', model.name);
  setText(option, () => modelText(model, 'label'));
  return option;
}
