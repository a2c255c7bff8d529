// @ts-check
// What the page's parts and labs hear when something they all depend on changes. Each part
// answers the hooks it needs; `main.js` keeps the list of parts, in the order the page shows
// them, and tells them all through `tell`, never naming one.

/**
 * @typedef {object} Hooks
 * @property {() => Promise<unknown> | void} [onStart] the page is up (the grid shown, the data
 *   loaded): the lab fills in (the parts are told one after the other, in the page's order)
 * @property {() => Promise<unknown>} [onSession] a new session opened (another backend, a
 *   restarted worker): what lives in the session (the toys, super-resolution's network) is set
 *   up again
 * @property {(data: {test: import('./protocol.js').Digits, set: string}) => Promise<unknown> | void} [onData]
 *   the test images changed (another data set: `set`); `test` is the page's shared object
 * @property {() => void} [onTable] a model joined or left the table (the shared `models`
 *   array, changed in place)
 * @property {(all: boolean) => Promise<unknown> | void} [onWeights] weights changed (training,
 *   a file, a restore); `all`: possibly every model's (new weights, another session)
 */

/**
 * Calls `hook` on every part that has it, one after the other in the page's order (so the
 * worker's queue serves the first views first), waiting for each that returns a promise (hooks
 * that return none all run before `tell` returns); a part's failure stops the rest and is thrown.
 * @template {keyof Hooks} K
 * @param {(Hooks | undefined)[]} parts
 * @param {K} hook
 * @param {Parameters<NonNullable<Hooks[K]>>} args
 */
export async function tell(parts, hook, ...args) {
  for (const part of parts) {
    const f = /** @type {((...a: unknown[]) => unknown) | undefined} */ (part?.[hook]);
    const done = f?.apply(part, args);
    if (done instanceof Promise) await done;
  }
}

/**
 * Starts `hook` on every part that has it at once, each failure reported to `failed` and none
 * stopping another (a new session: each lab sets itself up again on its own).
 * @template {keyof Hooks} K
 * @param {(Hooks | undefined)[]} parts
 * @param {K} hook
 * @param {(error: unknown) => void} failed
 * @param {Parameters<NonNullable<Hooks[K]>>} args
 */
export function tellEach(parts, hook, failed, ...args) {
  return Promise.all(parts.map(async (part) => {
    const f = /** @type {((...a: unknown[]) => unknown) | undefined} */ (part?.[hook]);
    try {
      if (f) await f.apply(part, args);
    } catch (e) {
      failed(e);
    }
  }));
}

/**
 * @typedef {import('./protocol.js').Denoised & {dropout: number, sigma: number, scores: Record<string, {mse: number, psnr: number}>}} DenoiseResult
 *   The 'denoised' event: the denoising lab's last run, the dropout and σ it ran with, and each
 *   panel's scores by its English label.
 */

/**
 * Named events between the labs, so that none reaches into another: a lab emits what it made
 * (`emit('denoised', result)`), another hears it (`on`) or reads the last one (`last`); a lab
 * answers a request by name (`answer('drawing', fn)`) and another asks it (`ask('drawing')`),
 * getting undefined while no lab answers. The names in use:
 * - 'pick' (784 values in [0, 1]): a digit picked for the denoising lab (from the grid)
 * - 'denoised' (Denoised & {dropout}): the denoising lab's latest run
 * - 'latent-map' ({model, points}): the latent lab's map, fitted again
 * - ask 'drawing' → the denoising lab's digit once its run on the pad's drawing is done
 * - ask 'hide-block' (size) → the denoising lab hides a block of its drawing
 */
export class Bus {
  constructor() {
    /** @type {Map<string, Set<(value: any) => void>>} */
    this.listeners = new Map();
    /** @type {Map<string, unknown>} */
    this.values = new Map();
    /** @type {Map<string, (...args: any[]) => unknown>} */
    this.answers = new Map();
  }

  /**
   * Calls `fn(value)` on every `name` event; returns a function that stops it.
   * @param {string} name @param {(value: any) => void} fn
   */
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    const set = /** @type {Set<(value: any) => void>} */ (this.listeners.get(name));
    set.add(fn);
    return () => set.delete(fn);
  }

  /**
   * Tells every listener of `name`; one listener's failure does not keep it from the others.
   * @param {string} name @param {unknown} value
   */
  emit(name, value) {
    this.values.set(name, value);
    for (const fn of [...(this.listeners.get(name) ?? [])]) {
      try {
        fn(value);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }

  /** The last `name` event's value (undefined before the first). @param {string} name @returns {any} */
  last(name) {
    return this.values.get(name);
  }

  /**
   * Answers the requests named `name` (one answerer a name).
   * @param {string} name @param {(...args: any[]) => unknown} fn
   */
  answer(name, fn) {
    if (this.answers.has(name)) throw new Error(`'${name}' is answered already`);
    this.answers.set(name, fn);
  }

  /**
   * Asks for `name`: the answer (awaited), or undefined while nobody answers it.
   * @param {string} name @param {...unknown} args @returns {Promise<any>}
   */
  async ask(name, ...args) {
    return this.answers.get(name)?.(...args);
  }
}
