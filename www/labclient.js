// @ts-check
// The page's side of the worker: one method per operation of the protocol (`protocol.js`),
// the worker's events, and a restart (with the last saved weights) when the worker's wasm dies.
import { OPERATIONS, EVENTS } from './protocol.js';
import { Emitter } from './emitter.js';

/**
 * @typedef {import('./protocol.js').LabMethods} LabMethods
 * @typedef {{resolve: (value: any) => void, reject: (error: Error) => void}} Pending
 * @typedef {LabClient & LabMethods} Lab The typed client every view is given: one method per
 *   operation, its records declared from Rust (`www/types/face.d.ts`).
 */

export class LabClient extends Emitter {
  constructor() {
    super(EVENTS);
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    /** @type {(() => void)[]} callers of `idle` waiting for the last pending call to end */
    this.idlers = [];
    this.nextId = 1;
    /** @type {WeakSet<Worker>} workers whose end was reported already */
    this.reported = new WeakSet();
    this.start();
  }

  /** @private */
  start() {
    // The worker holds a Web Lock of its own name for as long as it lives; the page asks for
    // the same lock, which it gets only when the worker is gone, however it went (killed by
    // the browser, out of memory, terminated): then the worker is restarted like after a crash.
    const name = `autoencoder-playground-worker-${crypto.randomUUID?.() ?? Math.random()}`;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name });
    this.worker = worker;
    worker.onmessage = ({ data }) => {
      if (data.event === 'alive') this.watch(worker, name);
      else if (data.event === 'fatal') this.lost(worker, data.error);
      else this.receive(data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.lost(worker, `the lab's worker failed: ${e.message || 'script error'}`);
    };
  }

  /**
   * Waits for the worker's lock: granted once the worker is gone. Unless the page stopped it
   * itself (a restart), every pending call fails and 'fatal' is emitted.
   * @private @param {Worker} worker @param {string} name
   */
  watch(worker, name) {
    navigator.locks?.request(name, () => this.lost(worker, "the lab's worker stopped")).catch(() => {});
  }

  /**
   * The worker is gone or going (it said why, or its lock came free): once per worker, and
   * not for a worker the page stopped itself, every pending call fails and 'fatal' is emitted.
   * @private @param {Worker} worker @param {string} error
   */
  lost(worker, error) {
    if (this.worker !== worker || this.reported.has(worker)) return;
    this.reported.add(worker);
    this.failAll(error, true);
  }

  /** Stops the worker and starts a fresh one; pending calls fail. */
  restart() {
    const old = this.worker;
    this.worker = undefined;
    old?.terminate();
    this.failAll('the worker was restarted', false);
    this.start();
  }

  /**
   * @private
   * @param {string} error
   * @param {boolean} fatal
   */
  failAll(error, fatal) {
    for (const { reject } of this.pending.values()) reject(Object.assign(new Error(error), { fatal }));
    this.pending.clear();
    this.wake();
    if (fatal) this.emit('fatal', { event: 'fatal', error });
  }

  /**
   * @private
   * @param {any} data
   */
  receive(data) {
    if (data.event) {
      this.emit(data.event, data);
      return;
    }
    const call = this.pending.get(data.id);
    if (!call) return;
    this.pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else {
      call.reject(Object.assign(new Error(data.error), { fatal: data.fatal }));
      if (data.fatal && this.worker) this.lost(this.worker, data.error);
    }
    this.wake();
  }

  /** Resolves once no call to the worker is in flight (at once if none is). */
  idle() {
    return this.pending.size ? new Promise((resolve) => { this.idlers.push(() => resolve(undefined)); }) : Promise.resolve();
  }

  /** @private Wakes the callers of `idle` once the last pending call has ended. */
  wake() {
    if (this.pending.size) return;
    for (const resolve of this.idlers.splice(0)) resolve();
  }

  /**
   * Sends an operation of the protocol; the generated methods call this.
   * @param {string} op
   * @param {Record<string, unknown>} args
   * @returns {Promise<any>}
   */
  send(op, args) {
    if (!OPERATIONS[op]) return Promise.reject(new Error(`unknown operation '${op}'`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker?.postMessage({ id, op, args });
    });
  }
}

// One method per operation: `lab.anomaly(model, pixels)` sends {op: 'anomaly', args: {model,
// pixels}}; operations that take a record take it whole (`lab.train({model, steps})`).
for (const op of Object.keys(OPERATIONS)) {
  if (op in LabClient.prototype) throw new Error(`the operation '${op}' would hide LabClient.${op}`);
  Object.defineProperty(LabClient.prototype, op, {
    /** @this {LabClient} @param {Record<string, unknown>} [args] */
    value(args) {
      return this.send(op, args ?? {});
    },
  });
}

/**
 * A client with its generated methods, for callers that want them typed.
 * @returns {Lab}
 */
export function connect() {
  return /** @type {Lab} */ (new LabClient());
}
