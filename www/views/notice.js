// Messages for the student: what backend was chosen and why, and every failure, in words.
import { setText, t } from '../i18n.js';

/**
 * Shows a notice; `text` is a string, or a function that writes it in the current language
 * (and again after a change of language).
 * @param {HTMLElement} container @param {import('../i18n.js').Text} text @param {string} [kind]
 */
export function showNotice(container, text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `notice ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const message = document.createElement('span');
  setText(message, text);
  const close = document.createElement('button');
  close.className = 'close';
  close.textContent = '×';
  setText(close, () => t('notice.dismiss'), 'title');
  close.onclick = () => el.remove();
  el.append(message, close);
  container.append(el);
  return el;
}
