// @ts-check
// Lesson links, for a teacher who shows the page to a class. `?lesson=<section>` shows one
// section open across the whole width and folds the others to their heading (a click or Enter
// on a heading opens it again); `?hide=a,b` hides chosen controls and sections (the names are
// HIDE below, in the manner of TensorFlow Playground's `hideText`); `?presenter=1`, or its
// toggle, makes text and figures larger for a projector; and "Copy link to this view" puts the
// address, which holds every setting of the page (www/state.js), on the clipboard.
import { t, setText, repaint } from './i18n.js';
import { LESSONS } from './state.js';
import { refit } from './views/digits.js';

/**
 * What each name of `?hide=` hides, as CSS selectors; a control inside a <label> is hidden
 * with its label. Every section of LESSONS is a name too (the whole section).
 * @type {Record<string, string[]>}
 */
export const HIDE = {
  backend: ['#backend-select'],                    // the header's backend switch
  data: ['#dataset-select'],                       // the header's data set switch
  language: ['#language-select'],                  // the header's language switch
  links: ['.lesson-tools'],                        // "Copy link to this view" and presenter mode
  downloads: ['.figure-tools'],                    // the figure (PNG) and loss history (CSV) downloads
  dropout: ['#dropout'],                           // the reconstruction grid's dropout probability
  noise: ['#lab-dropout', '#lab-sigma', '#resample'], // the denoising lab's dropout and Gaussian noise
  scratch: ['#train-scratch'],                     // Train from scratch
  weights: ['#training .controls:has(#download)', '#training .controls:has(#download) + .legend'], // weights files
  upload: ['#upload'],                             // the weights upload only
  presets: ['#builder .presets'],                  // the model builder's presets
  footer: ['footer'],
};

/**
 * The elements a `hide` name stands for.
 * @param {string} name
 * @param {ParentNode} [root]
 * @returns {HTMLElement[]}
 */
export function hiddenBy(name, root = document) {
  const selectors = LESSONS.includes(name) ? [`#${name}`] : HIDE[name] ?? [];
  return selectors.flatMap((s) => [...root.querySelectorAll(s)].map((el) => /** @type {HTMLElement} */ (el.closest('label') ?? el)));
}

/** The page's root element carries the modes, for the stylesheet. */
const root = () => document.documentElement;

/**
 * Folds `section` to its heading, or opens it. Its heading's text becomes a button
 * (aria-expanded) that toggles it; everything else moves into one body that folds.
 * @param {HTMLElement} section
 * @param {boolean} open
 */
function foldable(section, open) {
  const heading = /** @type {HTMLElement | null} */ (section.querySelector(':scope > h2'));
  if (!heading) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'fold';
  // The heading's words move into the button, with their key, so a change of language reaches them.
  if (heading.dataset.i18n) {
    button.dataset.i18n = heading.dataset.i18n;
    delete heading.dataset.i18n;
  }
  button.append(...heading.childNodes);
  heading.append(button);
  const body = document.createElement('div');
  body.className = 'section-body';
  body.id = `${section.id}-body`;
  body.append(...[...section.childNodes].filter((n) => n !== heading));
  section.append(body);
  button.setAttribute('aria-controls', body.id);
  const set = (/** @type {boolean} */ expanded) => {
    button.setAttribute('aria-expanded', String(expanded));
    section.classList.toggle('folded', !expanded);
  };
  set(open);
  button.onclick = () => set(button.getAttribute('aria-expanded') !== 'true');
}

/**
 * Shows presenter mode or leaves it: larger root font and figures (--figure-scale, style.css).
 * @param {boolean} on
 */
function present(on) {
  root().classList.toggle('presenter', on);
  // The rows of digits are drawn for their size: again now, and the views' charts too.
  refit();
  repaint();
}

/**
 * Writes the page's address to the clipboard, and says so; where the browser refuses, shows
 * the address selected, to copy by hand.
 * @param {HTMLElement} status where the outcome is said
 */
async function copyLink(status) {
  const url = location.href;
  status.querySelector('input')?.remove();
  delete status.dataset.copied;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    status.dataset.copied = 'true';
    setText(/** @type {HTMLElement} */ (status.firstElementChild), () => t('lesson.copied'));
  } catch {
    status.dataset.copied = 'false';
    setText(/** @type {HTMLElement} */ (status.firstElementChild), () => t('lesson.copyRefused'));
    const field = document.createElement('input');
    field.readOnly = true;
    field.value = url;
    setText(field, () => t('lesson.address'), 'aria-label');
    status.append(field);
    field.select();
  }
}

/**
 * The header's lesson tools: "Copy link to this view", the presenter toggle, and a line that
 * says what the copy did.
 * @param {import('./state.js').PageState} state
 */
function tools(state) {
  const bar = document.createElement('div');
  bar.className = 'lesson-tools';
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.id = 'copy-link';
  setText(copy, () => t('lesson.copy'));
  const presenter = document.createElement('button');
  presenter.type = 'button';
  presenter.id = 'presenter-toggle';
  setText(presenter, () => t('lesson.presenter'));
  setText(presenter, () => t('lesson.presenterTitle'), 'title');
  presenter.setAttribute('aria-pressed', String(state.presenter === '1'));
  const status = document.createElement('span');
  status.id = 'copy-status';
  status.className = 'status';
  status.setAttribute('aria-live', 'polite');
  status.append(document.createElement('span'));
  copy.onclick = () => { copyLink(status).catch(() => {}); };
  presenter.onclick = () => {
    const on = presenter.getAttribute('aria-pressed') !== 'true';
    presenter.setAttribute('aria-pressed', String(on));
    state.set('presenter', on ? '1' : '0');
    present(on);
  };
  bar.append(copy, presenter, status);
  return bar;
}

/**
 * Applies the address's lesson, hide and presenter settings to the page and adds the lesson
 * tools to the header. Call once, after the parts that add controls `hide` names (the
 * figure downloads) and before the views draw.
 * @param {import('./state.js').PageState} state
 */
export function startLesson(state) {
  const header = document.querySelector('header');
  const notices = document.getElementById('notices');
  header?.insertBefore(tools(state), notices);
  // Every section links to the lecture, in the page's language (its sections are numbered by
  // the stylesheet, in the page's order).
  for (const section of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('main > section'))) {
    const link = document.createElement('a');
    link.className = 'lecture-link';
    link.target = '_blank';
    link.rel = 'noopener';
    setText(link, () => t('lesson.lecture'));
    setText(link, () => t('lesson.lectureTitle'), 'title');
    setText(link, () => t('footer.lectureUrl'), 'href');
    section.querySelector('h2')?.after(link);
  }
  if (state.presenter === '1') root().classList.add('presenter');
  const lesson = String(state.lesson);
  if (lesson) {
    root().dataset.lesson = lesson;
    for (const section of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('main > section'))) {
      foldable(section, section.id === lesson);
    }
  }
  const hide = String(state.hide);
  for (const name of hide ? hide.split(',') : []) {
    for (const el of hiddenBy(name)) el.classList.add('hidden-by-link');
  }
}
