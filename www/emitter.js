// @ts-check
// Named events between the page's parts: a part offers `on(name, fn)` and calls `emit`, so
// another part can listen without reaching into its DOM or replacing its callbacks.

export class Emitter {
  /** @param {readonly string[]} names the events this object emits */
  constructor(names) {
    /** @type {Map<string, Set<(value: any) => void>>} */
    this.listeners = new Map(names.map((n) => [n, new Set()]));
  }

  /**
   * Calls `fn(value)` on every `name` event; returns a function that stops it.
   * @param {string} name
   * @param {(value: any) => void} fn
   */
  on(name, fn) {
    const set = this.listeners.get(name);
    if (!set) throw new Error(`no event '${name}' here (there are: ${[...this.listeners.keys()].join(', ')})`);
    set.add(fn);
    return () => set.delete(fn);
  }

  /**
   * Resolves with the next `name` event's value that passes `test`.
   * @param {string} name
   * @param {(value: any) => boolean} [test]
   */
  once(name, test = () => true) {
    return new Promise((resolve) => {
      const off = this.on(name, (value) => {
        if (!test(value)) return;
        off();
        resolve(value);
      });
    });
  }

  /**
   * @param {string} name
   * @param {unknown} value
   */
  emit(name, value) {
    for (const fn of [...(this.listeners.get(name) ?? [])]) {
      // One listener's failure must not keep the event from the others: it is rethrown apart.
      try {
        fn(value);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }
}
