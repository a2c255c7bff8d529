// @ts-check
// What the page's parts and labs hear when something they all depend on changes. Each part
// answers the hooks it needs; `main.js` keeps the list of parts, in the order the page shows
// them, and tells them all through `tell`, never naming one.

/**
 * @typedef {object} Hooks
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
