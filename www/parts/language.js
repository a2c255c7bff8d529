// @ts-check
// The language switch in the header: the page starts in the language the address asks for
// (?lang=pt), else the browser's, else English; the select changes it in place (no reload, so
// the models training in the worker stay) and writes it into the address.
import { DICTIONARIES, LANGUAGES, chooseLanguage, setLanguage } from '../i18n.js';

/**
 * Sets the page's language and wires the select; returns the language in use.
 * @param {import('../state.js').PageState} state
 * @param {HTMLSelectElement} select the header's #language-select
 */
export function startLanguage(state, select) {
  // Each language is listed by its own name, whatever the page's language.
  select.replaceChildren(...LANGUAGES.map((code) => {
    const option = new Option(DICTIONARIES[code]['language.name'], code);
    option.lang = code;
    return option;
  }));
  const lang = setLanguage(chooseLanguage(String(state.lang), globalThis.navigator?.language));
  select.value = lang;
  select.onchange = () => {
    state.set('lang', select.value);
    select.value = setLanguage(select.value);
  };
  return lang;
}
