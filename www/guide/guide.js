// @ts-check
// The lesson: "Start the lesson" walks the page in the lecture's order, one step at a time
// (www/guide/steps.js). Each step scrolls to its part, outlines the control to use, says what to
// look at, what to do and what to predict; the answer appears once the student has done it,
// written from what the page then shows. Back, Next and Exit are buttons (Escape exits); the
// step lives in the address (`?step=N`, a teacher's link to a step) and the last step reached
// is kept in the browser for the next visit.
import { t, setText, addWords } from '../i18n.js';
import { Latest } from '../latest.js';
import { STEPS } from './steps.js';
import en from './en.js';
import pt from './pt.js';

addWords({ en, pt });

/** Where the browser keeps the last step reached. */
const KEPT = 'autoencoder-playground-lesson-step';

/** The step kept from an earlier visit (0: none). */
function kept() {
  try {
    const n = Number(localStorage.getItem(KEPT));
    return Number.isInteger(n) && n >= 1 && n <= STEPS.length ? n : 0;
  } catch {
    return 0;
  }
}

/** @param {number} n */
function keep(n) {
  try {
    localStorage.setItem(KEPT, String(n));
  } catch {
    // A browser that keeps nothing (private mode, storage refused): the lesson still runs.
  }
}

/** A paragraph with an id, for the panel. @param {string} id @param {string} [className] */
function paragraph(id, className) {
  const p = document.createElement('p');
  p.id = id;
  if (className) p.className = className;
  return p;
}

/** A button with its words. @param {string} id @param {string} key */
function button(id, key) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  setText(b, () => t(key));
  return b;
}

export class Guide {
  /**
   * @param {object} deps
   * @param {any} deps.api the console API (window.playground): the steps read the page through it
   * @param {import('../state.js').PageState} deps.state `step` lives in the address
   * @param {{on: (name: string, fn: (e: any) => void) => unknown}} deps.lab the client, whose
   *   events (training progress, energy frames) may answer a step
   */
  constructor({ api, state, lab }) {
    this.api = api;
    this.state = state;
    /** the step shown, 1-based (0: none) */
    this.n = 0;
    /** what the page showed when the step opened */
    this.mark = null;
    this.start = button('guide-start', 'guide.start');
    this.start.onclick = () => { this.open(kept() || 1, true).catch(() => {}); };
    document.querySelector('.lesson-tools')?.prepend(this.start);
    this.describeStart();
    const panel = document.createElement('aside');
    panel.id = 'guide';
    panel.className = 'guide';
    panel.hidden = true;
    setText(panel, () => t('guide.region'), 'aria-label');
    this.count = paragraph('guide-count', 'guide-count');
    this.count.tabIndex = -1;
    this.look = paragraph('guide-look');
    this.do = paragraph('guide-do');
    this.ask = paragraph('guide-ask');
    this.answer = paragraph('guide-answer', 'guide-answer');
    this.answer.setAttribute('aria-live', 'polite');
    const controls = document.createElement('div');
    controls.className = 'controls';
    this.back = button('guide-back', 'guide.back');
    this.next = button('guide-next', 'guide.next');
    this.exit = button('guide-exit', 'guide.exit');
    this.back.onclick = () => { this.open(this.n - 1).catch(() => {}); };
    this.next.onclick = () => { this.open(this.n + 1).catch(() => {}); };
    this.exit.onclick = () => this.close();
    controls.append(this.back, this.next, this.exit);
    panel.append(this.count, this.look, this.do, this.ask, this.answer, controls);
    panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
    document.body.append(panel);
    this.panel = panel;
    // Whatever the student does may answer the step: each input, and the worker's events.
    this.checks = new Latest(() => this.check());
    const again = () => { if (this.n) this.checks.request().catch(() => {}); };
    for (const type of ['input', 'change', 'click', 'keyup', 'pointerup']) document.addEventListener(type, again, true);
    for (const name of ['progress', 'energy', 'data']) lab.on(name, again);
  }

  /** The header's button: start, or go on from the step kept. */
  describeStart() {
    const n = kept();
    setText(this.start, () => (n > 1 ? t('guide.resume', { n }) : t('guide.start')));
  }

  /**
   * Shows step `n` (1-based): scrolls to its part, outlines its control, and waits for the
   * student to do it.
   * @param {number} n
   * @param {boolean} [focus] move the keyboard's focus into the panel (when the lesson starts)
   */
  async open(n, focus = false) {
    const step = STEPS[n - 1];
    if (!step) return;
    this.n = n;
    this.state.set('step', n);
    keep(n);
    this.describeStart();
    document.querySelector('.guide-target')?.classList.remove('guide-target');
    const section = document.getElementById(step.section);
    // A lesson link folds the other sections: the step's is opened.
    const fold = /** @type {HTMLButtonElement | null} */ (section?.querySelector('h2 > button[aria-expanded="false"]') ?? null);
    fold?.click();
    const target = /** @type {HTMLElement | null} */ (document.querySelector(step.target));
    target?.classList.add('guide-target');
    const heading = () => section?.querySelector('h2')?.textContent?.trim() ?? step.section;
    setText(this.count, () => t('guide.count', { n, total: STEPS.length, section: heading() }));
    setText(this.look, () => t(`guide.${step.id}.look`));
    setText(this.do, () => `${t('guide.doLabel')} ${t(`guide.${step.id}.do`)}`);
    setText(this.ask, () => `${t('guide.askLabel')} ${t(`guide.${step.id}.ask`)}`);
    setText(this.answer, () => t('guide.waiting'));
    this.panel.dataset.step = String(n);
    this.panel.dataset.answered = '';
    this.back.disabled = n === 1;
    this.next.disabled = n === STEPS.length;
    this.panel.hidden = false;
    this.reveal(target ?? section);
    if (focus) this.count.focus({ preventScroll: true });
    this.mark = null;
    this.mark = await step.start?.(this.api);
    // A step already done when it opens (the student went back) is answered at once.
    await this.checks.request();
  }

  /**
   * Scrolls `el` to the middle of the part of the window the panel leaves free (above it), so
   * the control and what it changes stay in view on a phone too; its top never goes above the window.
   * @param {HTMLElement | null | undefined} el
   */
  reveal(el) {
    if (!el) return;
    const r = el.getBoundingClientRect();
    const free = innerHeight - this.panel.offsetHeight - 16;
    const top = scrollY + r.top - Math.max(8, (free - r.height) / 2);
    scrollTo({ top: Math.max(0, top), behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  /** Whether the student has done the step; if so, its answer. */
  async check() {
    const step = STEPS[this.n - 1];
    if (!step) return;
    const n = this.n;
    await this.api.settled();
    if (n !== this.n) return;
    const text = await step.answer(this.api, this.mark);
    if (!text || n !== this.n) return;
    const last = n === STEPS.length;
    setText(this.answer, () => `${t('guide.answerLabel')} ${text()}${last ? ` ${t('guide.last')}` : ''}`);
    this.panel.dataset.answered = 'true';
  }

  /** Leaves the lesson (it stays kept for the next visit). */
  close() {
    this.n = 0;
    this.panel.hidden = true;
    this.state.set('step', 0);
    document.querySelector('.guide-target')?.classList.remove('guide-target');
    this.start.focus();
  }
}
